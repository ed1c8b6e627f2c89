package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/storyline/storyline"
)

// memStore is a Store in memory, enough for ingest's tests.
type memStore struct {
	mu       sync.Mutex
	order    []string
	articles map[string]*storyline.Article
	refs     map[string][]string
	batches  int
	entities []storyline.Entity // in creation order
	events   map[string]storyline.Event
	stories  map[string]storyline.Story
	changes  []storyline.IDChange
	state    []byte
	stateN   int
}

func newMemStore() *memStore {
	return &memStore{articles: map[string]*storyline.Article{}, refs: map[string][]string{},
		events: map[string]storyline.Event{}, stories: map[string]storyline.Story{}}
}

func (m *memStore) PutArticles(_ context.Context, as []*storyline.Article) ([]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.batches++
	created := make([]bool, len(as))
	for i, a := range as {
		if _, ok := m.articles[a.ID]; !ok {
			m.articles[a.ID] = a
			m.order = append(m.order, a.ID)
			created[i] = true
		}
		m.refs[a.ID] = append(m.refs[a.ID], a.Ref)
		if created[i] {
			m.putEntities(a.EntityChanges)
		}
	}
	return created, nil
}

func (m *memStore) putEntities(es []storyline.Entity) {
next:
	for _, e := range es {
		for i := range m.entities {
			if m.entities[i].ID == e.ID {
				m.entities[i] = e
				continue next
			}
		}
		m.entities = append(m.entities, e)
	}
}

func (m *memStore) PutAnnotations(_ context.Context, as []*storyline.Article) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, a := range as {
		m.articles[a.ID].Entities = a.Entities
		m.putEntities(a.EntityChanges)
	}
	return nil
}

func (m *memStore) Unannotated(context.Context) ([]string, error) {
	var ids []string
	for _, id := range m.order {
		if m.articles[id].Entities == nil {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func (m *memStore) EachEntity(_ context.Context, fn func(*storyline.Entity) error) error {
	for i := range m.entities {
		if err := fn(&m.entities[i]); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) Entities(context.Context, storyline.EntityFilter) ([]storyline.Entity, error) {
	return m.entities, nil
}

func (m *memStore) Entity(_ context.Context, id string) (*storyline.Entity, error) {
	for i := range m.entities {
		if m.entities[i].ID == id {
			return &m.entities[i], nil
		}
	}
	return nil, storyline.ErrNotFound
}

func (m *memStore) Article(_ context.Context, key string) (*storyline.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if a, ok := m.articles[key]; ok {
		return a, nil
	}
	return nil, storyline.ErrNotFound
}

func (m *memStore) Text(ctx context.Context, id string) (string, error) {
	a, err := m.Article(ctx, id)
	if err != nil {
		return "", err
	}
	return a.Text, nil
}

func (m *memStore) Refs(_ context.Context, id string) ([]string, error) { return m.refs[id], nil }

func (m *memStore) EachArticle(_ context.Context, fn func(*storyline.Article) error) error {
	for _, id := range m.order {
		if err := fn(m.articles[id]); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) Search(context.Context, string, int) ([]storyline.SearchHit, error) {
	return nil, nil
}

func (m *memStore) Counts(context.Context) (storyline.ArticleCounts, error) {
	return storyline.ArticleCounts{Articles: len(m.articles)}, nil
}

func (m *memStore) Close() error { return nil }

func (m *memStore) SearchEvents(context.Context, string, int) ([]storyline.EventHit, error) {
	return nil, nil
}

func (m *memStore) Articles(_ context.Context, f storyline.ArticleFilter) ([]*storyline.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*storyline.Article
	for _, id := range m.order {
		if a := m.articles[id]; f.Event == "" || a.Event == f.Event {
			out = append(out, a)
		}
	}
	return out, nil
}

func (m *memStore) PutEvents(_ context.Context, u storyline.EventUpdate) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, ms := range u.Memberships {
		a, ok := m.articles[ms.Article]
		if !ok {
			return storyline.ErrNotFound
		}
		ev := ms.Evidence
		a.Event, a.Story, a.Evidence = ms.Event, ms.Story, &ev
	}
	for _, e := range u.Events {
		m.events[e.ID] = e
	}
	for _, st := range u.Stories {
		m.stories[st.ID] = st
	}
	for _, id := range u.Gone {
		delete(m.events, id)
		delete(m.stories, id)
	}
	m.changes = append(m.changes, u.Changes...)
	return nil
}

func (m *memStore) Events(context.Context, storyline.EventFilter) ([]storyline.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []storyline.Event
	for _, e := range m.events {
		out = append(out, e)
	}
	return out, nil
}

func (m *memStore) Event(_ context.Context, key string) (*storyline.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.events[key]; ok {
		return &e, nil
	}
	return nil, storyline.ErrNotFound
}

func (m *memStore) Stories(context.Context, storyline.StoryFilter) ([]storyline.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []storyline.Story
	for _, st := range m.stories {
		out = append(out, st)
	}
	return out, nil
}

func (m *memStore) Story(_ context.Context, key string) (*storyline.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if st, ok := m.stories[key]; ok {
		return &st, nil
	}
	return nil, storyline.ErrNotFound
}

func (m *memStore) Memberships(context.Context, string) ([]storyline.Membership, error) {
	return nil, nil
}

func (m *memStore) IDChanges(context.Context, string) ([]storyline.IDChange, error) {
	return m.changes, nil
}

func (m *memStore) ReuseEntries(_ context.Context, fn func(storyline.ReuseEntry) error) error {
	for _, id := range m.order {
		a := m.articles[id]
		e := storyline.ReuseEntry{ID: id, Published: a.Published, DuplicateOf: a.DuplicateOf,
			Fingerprints: a.Fingerprints, Indexed: a.Fingerprints != nil}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) PutReuse(_ context.Context, as []*storyline.Article) error {
	for _, a := range as {
		m.articles[a.ID] = a
	}
	return nil
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func article(n int) string {
	return fmt.Sprintf("Council approves budget number %d\n\nThe city council voted on Tuesday to approve spending plan %d, officials said.\n\nThe vote was 7 to 2 after a long debate about parks and roads.\n", n, n)
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), article(1))
	writeFile(t, filepath.Join(dir, "sub", "b.txt"), article(2))
	writeFile(t, filepath.Join(dir, "sub", "copy-of-a.txt"), article(1))
	writeFile(t, filepath.Join(dir, "c.jsonl"), `{"id":"j1","text":"Some wire copy about a storm that hit the coast."}`+"\n"+`{"id":"j2"}`+"\n")
	writeFile(t, filepath.Join(dir, "photo.png"), "\x89PNG")
	writeFile(t, filepath.Join(dir, ".hidden", "x.txt"), article(9))
	writeFile(t, filepath.Join(dir, "bad.txt"), "caf\xe9")

	store := newMemStore()
	plan := PlanInputs([]string{dir, filepath.Join(dir, "missing.txt")})
	sum, err := Run(context.Background(), store, plan, Options{BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 3 || sum.Present != 1 {
		t.Errorf("ingested %d, present %d; want 3, 1 (%s)", sum.Ingested, sum.Present, sum)
	}
	var reasons []string
	for _, s := range sum.Skipped {
		reasons = append(reasons, s.Error())
	}
	got := strings.Join(reasons, "\n")
	for _, want := range []string{"missing.txt: no such file", "photo.png: not a known article format", "bad.txt: not valid UTF-8", "c.jsonl:2: no \"text\""} {
		if !strings.Contains(got, want) {
			t.Errorf("skips lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, ".hidden") {
		t.Errorf("hidden folder was read: %s", got)
	}
	// Refs are relative to the folder given, and the copy is recorded.
	var refs []string
	store.EachArticle(context.Background(), func(a *storyline.Article) error {
		refs = append(refs, store.refs[a.ID]...)
		return nil
	})
	if want := "a.txt sub/copy-of-a.txt j1 sub/b.txt"; strings.Join(refs, " ") != want {
		t.Errorf("refs in order = %q, want %q", strings.Join(refs, " "), want)
	}

	// Again: everything is present, nothing new.
	sum, err = Run(context.Background(), store, PlanInputs([]string{dir}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 0 || sum.Present != 4 {
		t.Errorf("second run: %s", sum)
	}
	if !strings.Contains(sum.String(), "ingested 0, already present 4, skipped 3") {
		t.Errorf("summary line = %q", sum.String())
	}
}

func TestRunStdin(t *testing.T) {
	store := newMemStore()
	in := strings.NewReader(`{"id":"x","text":"A ferry sank off the coast on Monday."}` + "\n")
	sum, err := Run(context.Background(), store, PlanInputs([]string{"-"}), Options{Stdin: in})
	if err != nil || sum.Ingested != 1 {
		t.Fatalf("sum %s, err %v", sum, err)
	}
	if sum.Bytes == 0 {
		t.Error("stdin bytes not counted")
	}
}

func TestRunCancelled(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), article(i))
	}
	store := newMemStore()
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	opt := Options{BatchSize: 5, OnStored: func(*storyline.Article, bool) {
		if n++; n == 10 {
			cancel()
		}
	}}
	sum, err := Run(ctx, store, PlanInputs([]string{dir}), opt)
	if err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if sum.Ingested < 10 || sum.Ingested != len(store.articles) {
		t.Errorf("ingested %d, stored %d", sum.Ingested, len(store.articles))
	}
	// Running again completes the job without duplicates.
	sum2, err := Run(context.Background(), store, PlanInputs([]string{dir}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(store.articles) != 50 || sum2.Ingested+sum2.Present != 50 || sum2.Present != sum.Ingested {
		t.Errorf("after resume: stored %d, %s", len(store.articles), sum2)
	}
}

func (m *memStore) State(context.Context, string) ([]byte, int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state, m.stateN, nil
}

func (m *memStore) PutState(_ context.Context, _ string, data []byte, n int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.state, m.stateN = data, n
	return nil
}
