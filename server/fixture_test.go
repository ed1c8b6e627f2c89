package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/ingest"
	"github.com/storyline/storyline/sqlite"
)

// The tests share two stores, built once: both hold the seed articles
// (examples/seeds), a near-copy of seed 003 and a hostile article
// (testdata/hostile.jsonl), ingested through ingest.Run as the CLI does.
//
//   - seeded has the events and stories ingest made of them, or, while
//     ingest makes none, those of testdata/seed_events.json.
//   - described always has the events of testdata/seed_events.json, for
//     the tests of what a page shows of a summary, claims, quotes and
//     copy groups.
type fixture struct {
	store *sqlite.Store
	srv   *Server
	refs  map[string]string // article ref → ID
	// fromFile tells that the events are those of seed_events.json.
	fromFile bool
}

var (
	fixtureDir string
	fixtures   sync.Map // name → *fixtureOnce
)

type fixtureOnce struct {
	once sync.Once
	f    *fixture
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "storyline-server-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDir = dir
	code := m.Run()
	fixtures.Range(func(_, v any) bool {
		if f := v.(*fixtureOnce).f; f != nil {
			f.store.Close()
		}
		return true
	})
	os.RemoveAll(dir)
	os.Exit(code)
}

func seeded(t testing.TB) *fixture { return getFixture(t, "seeded", false) }

func described(t testing.TB) *fixture {
	if f := seeded(t); f.fromFile {
		return f
	}
	return getFixture(t, "described", true)
}

func getFixture(t testing.TB, name string, forceEvents bool) *fixture {
	t.Helper()
	v, _ := fixtures.LoadOrStore(name, &fixtureOnce{})
	fo := v.(*fixtureOnce)
	fo.once.Do(func() { fo.f, fo.err = buildFixture(filepath.Join(fixtureDir, name), forceEvents) })
	if fo.err != nil {
		t.Fatalf("fixture %s: %v", name, fo.err)
	}
	return fo.f
}

// seedsDir is the bundled example corpus.
const seedsDir = "../examples/seeds"

func buildFixture(dir string, forceEvents bool) (*fixture, error) {
	ctx := context.Background()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	seed003, err := os.ReadFile(filepath.Join(seedsDir, "003_a598c9c48d0379d8.txt"))
	if err != nil {
		return nil, err
	}
	line, err := json.Marshal(map[string]string{"id": "copy-of-003", "source": "wire.example", "published": "2024-02-07",
		"text": string(seed003) + "\nReporting by the wire desk."})
	if err != nil {
		return nil, err
	}
	copyPath := filepath.Join(dir, "copy.jsonl")
	if err := os.WriteFile(copyPath, append(line, '\n'), 0o644); err != nil {
		return nil, err
	}
	store, err := sqlite.Open(ctx, filepath.Join(dir, "store.db"))
	if err != nil {
		return nil, err
	}
	f := &fixture{store: store, refs: map[string]string{}}
	plan := ingest.PlanInputs([]string{seedsDir, copyPath, "testdata/hostile.jsonl"})
	sum, err := ingest.Run(ctx, store, plan, ingest.Options{OnStored: func(a *storyline.Article, _ bool) { f.refs[a.Ref] = a.ID }})
	if err != nil {
		return nil, err
	}
	if len(sum.Skipped) > 0 {
		return nil, fmt.Errorf("ingest skipped %v", sum.Skipped)
	}
	stories, err := store.Stories(ctx, storyline.StoryFilter{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(stories) == 0 || forceEvents {
		if err := putFileEvents(ctx, store, "testdata/seed_events.json"); err != nil {
			return nil, err
		}
		f.fromFile = true
	}
	if f.srv, err = New(store, Options{Addr: "127.0.0.1:0"}); err != nil {
		return nil, err
	}
	return f, nil
}

// fileEvents is the format of testdata/seed_events.json.
type fileEvents struct {
	Story  struct{ ID, Title string }
	Events []struct {
		ID, Title, Start, End string
		Articles              []string // refs
		Places, Participants  []string // entity names
		Summary               []struct {
			Text, Article string
			Also          []string
		}
		Claims []struct {
			Counted, Where, Status, Article string
			Quantities                      []struct {
				Text   string
				Value  float64
				Approx string
			}
		}
		Quotes []struct{ Text, Speaker, Article string }
	}
}

// putFileEvents stores the events and the story of a seed_events.json,
// resolving refs, entity names and the texts of sentences, claims and
// quotes against the store.
func putFileEvents(ctx context.Context, store storyline.Store, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var fe fileEvents
	if err := json.Unmarshal(b, &fe); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	article := func(ref string) (*storyline.Article, error) {
		a, err := store.Article(ctx, ref)
		if err != nil {
			return nil, fmt.Errorf("%s: article %s: %w", path, ref, err)
		}
		return a, nil
	}
	entity := func(name string, arts []*storyline.Article) (storyline.EntityRef, error) {
		e, err := store.Entity(ctx, name)
		if err != nil {
			return storyline.EntityRef{}, fmt.Errorf("%s: entity %s: %w", path, name, err)
		}
		r := storyline.EntityRef{ID: e.ID, Name: e.Name, Type: e.Type, Place: e.Place}
		for _, a := range arts {
			n := 0
			for _, m := range a.Entities {
				if m.Entity == e.ID {
					n++
				}
			}
			r.Mentions += n
			if n > 0 {
				r.Articles++
			}
		}
		for _, role := range e.Roles {
			if !slices.Contains(r.Roles, role.Title) {
				r.Roles = append(r.Roles, role.Title)
			}
		}
		return r, nil
	}
	find := func(a *storyline.Article, text string) (int, int, error) {
		i := strings.Index(a.Text, text)
		if i < 0 {
			return 0, 0, fmt.Errorf("%s: %q is not in the text of %s", path, text, a.Ref)
		}
		return i, i + len(text), nil
	}
	var u storyline.EventUpdate
	st := storyline.Story{ID: fe.Story.ID, Title: fe.Story.Title}
	var all []*storyline.Article
	participants := map[string]storyline.EntityRef{}
	for _, fev := range fe.Events {
		e := storyline.Event{ID: fev.ID, Story: st.ID, Title: fev.Title, Start: fev.Start, End: fev.End}
		if e.End == "" {
			e.End = e.Start
		}
		var arts []*storyline.Article
		for i, ref := range fev.Articles {
			a, err := article(ref)
			if err != nil {
				return err
			}
			arts = append(arts, a)
			e.Articles = append(e.Articles, a.ID)
			u.Memberships = append(u.Memberships, storyline.Membership{Article: a.ID, Event: e.ID, Story: st.ID,
				Evidence: storyline.Evidence{
					Event: storyline.Decision{Best: e.ID, Score: 0.91, Threshold: 0.5, Joined: i > 0, Candidates: 1},
					Story: storyline.Decision{Best: st.ID, Score: 0.8, Threshold: 0.5, Joined: true, Inherited: i > 0},
				}})
		}
		all = append(all, arts...)
		e.Sources = storyline.CountSources(arts)
		for _, name := range fev.Places {
			r, err := entity(name, arts)
			if err != nil {
				return err
			}
			e.Places = append(e.Places, r)
		}
		for _, name := range fev.Participants {
			r, err := entity(name, arts)
			if err != nil {
				return err
			}
			e.Participants = append(e.Participants, r)
			participants[r.ID] = r
		}
		for _, s := range fev.Summary {
			a, err := article(s.Article)
			if err != nil {
				return err
			}
			start, end, err := find(a, s.Text)
			if err != nil {
				return err
			}
			ss := storyline.SummarySentence{Text: s.Text, Sources: []string{a.ID}, Start: start, End: end, Date: e.Start}
			for _, ref := range s.Also {
				o, err := article(ref)
				if err != nil {
					return err
				}
				ss.Sources = append(ss.Sources, o.ID)
			}
			e.Summary = append(e.Summary, ss)
		}
		for _, c := range fev.Claims {
			a, err := article(c.Article)
			if err != nil {
				return err
			}
			g := storyline.ClaimGroup{Counted: c.Counted, Where: c.Where, Status: c.Status}
			for _, q := range c.Quantities {
				start, end, err := find(a, q.Text)
				if err != nil {
					return err
				}
				sentence := a.Text[strings.LastIndex(a.Text[:start], "\n")+1:]
				sentence, _, _ = strings.Cut(sentence, "\n")
				g.Claims = append(g.Claims, storyline.Claim{Text: q.Text, Value: q.Value, Approx: q.Approx, Unit: "people",
					Counted: c.Counted, Where: c.Where, AsOf: e.Start, Article: a.ID, Start: start, End: end, Sentence: sentence})
			}
			e.Claims = append(e.Claims, g)
		}
		for _, q := range fev.Quotes {
			a, err := article(q.Article)
			if err != nil {
				return err
			}
			start, end, err := find(a, q.Text)
			if err != nil {
				return err
			}
			sp, err := entity(q.Speaker, nil)
			if err != nil {
				return err
			}
			e.Quotes = append(e.Quotes, storyline.Quote{Text: q.Text, Speaker: sp.ID, SpeakerName: q.Speaker, Article: a.ID, Start: start, End: end})
		}
		u.Events = append(u.Events, e)
	}
	// The story: its events in date order, undated last.
	evs := append([]storyline.Event(nil), u.Events...)
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if (a.Start == "") != (b.Start == "") {
			return b.Start == ""
		}
		return a.Start < b.Start
	})
	for _, e := range evs {
		st.Events = append(st.Events, e.ID)
		if e.Start != "" && (st.Start == "" || e.Start < st.Start) {
			st.Start = e.Start
		}
		if e.End > st.End {
			st.End = e.End
		}
		if len(e.Summary) > 0 {
			st.Summary = append(st.Summary, e.Summary[0])
		}
		st.Claims = append(st.Claims, e.Claims...)
	}
	st.Sources = storyline.CountSources(all)
	for _, r := range participants {
		st.Participants = append(st.Participants, r)
	}
	sort.Slice(st.Participants, func(i, j int) bool { return st.Participants[i].Mentions > st.Participants[j].Mentions })
	u.Stories = []storyline.Story{st}
	// The file's events replace those ingest made.
	olds, err := store.Events(ctx, storyline.EventFilter{})
	if err != nil {
		return err
	}
	for _, e := range olds {
		if !slices.ContainsFunc(u.Events, func(n storyline.Event) bool { return n.ID == e.ID }) {
			u.Gone = append(u.Gone, e.ID)
		}
	}
	oldStories, err := store.Stories(ctx, storyline.StoryFilter{})
	if err != nil {
		return err
	}
	for _, st := range oldStories {
		if !slices.ContainsFunc(u.Stories, func(n storyline.Story) bool { return n.ID == st.ID }) {
			u.Gone = append(u.Gone, st.ID)
		}
	}
	return store.PutEvents(ctx, u)
}

// get sends a GET to the fixture's server and returns the response and
// its body.
func (f *fixture) get(t testing.TB, target string) (*http.Response, string) {
	t.Helper()
	return do(t, f.srv, request("GET", target, nil))
}

// request is an httptest request for the loopback host.
func request(method, target string, body io.Reader) *http.Request {
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8080"
	return r
}

// do sends req to h and returns the response and its body.
func do(t testing.TB, h http.Handler, req *http.Request) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	return res, rec.Body.String()
}

// emptyServer returns a server over a new, empty store.
func emptyServer(t testing.TB, opt Options) (*Server, *sqlite.Store) {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if opt.Addr == "" {
		opt.Addr = "127.0.0.1:0"
	}
	srv, err := New(store, opt)
	if err != nil {
		t.Fatal(err)
	}
	return srv, store
}
