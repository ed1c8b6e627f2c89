package ingest

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/sqlite"
	"github.com/storyline/storyline/timex"
)

// assignments returns every stored article's event and story, by ID.
func assignments(t *testing.T, store storyline.Store) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	err := store.EachArticle(context.Background(), func(a *storyline.Article) error {
		out[a.ID] = [2]string{a.Event, a.Story}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkEvents checks that what the store holds about events is whole and
// agrees with itself: every article in an event and a story, with
// evidence; every event described, listing exactly its articles, in a
// story that lists it.
func checkEvents(t *testing.T, store storyline.Store) {
	t.Helper()
	ctx := context.Background()
	events, err := store.Events(ctx, storyline.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byEvent := map[string][]string{}
	err = store.EachArticle(ctx, func(a *storyline.Article) error {
		if a.Event == "" || a.Story == "" {
			t.Errorf("article %s (%s) has no event or story", a.ID, a.Ref)
		}
		byEvent[a.Event] = append(byEvent[a.Event], a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != len(byEvent) {
		t.Errorf("%d events stored, articles are in %d", len(events), len(byEvent))
	}
	for _, e := range events {
		if e.Title == "" || e.Story == "" {
			t.Errorf("event %s: title %q, story %q", e.ID, e.Title, e.Story)
		}
		if !slices.Equal(e.Articles, byEvent[e.ID]) || e.Sources.Articles != len(e.Articles) {
			t.Errorf("event %s lists articles %v (%+v); the articles in it are %v", e.ID, e.Articles, e.Sources, byEvent[e.ID])
		}
		st, err := store.Story(ctx, e.Story)
		if err != nil {
			t.Errorf("event %s: story %s: %v", e.ID, e.Story, err)
			continue
		}
		if !slices.Contains(st.Events, e.ID) {
			t.Errorf("story %s does not list its event %s (%v)", st.ID, e.ID, st.Events)
		}
		ms, err := store.Memberships(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Evidence.Event.Threshold == 0 {
				t.Errorf("article %s in event %s: no evidence (%+v)", m.Article, e.ID, m.Evidence)
			}
		}
	}
}

// TestEventsAcrossRuns: events are assigned as articles arrive, kept
// across runs, and rebuilt from the articles when the clusterer's
// snapshot is lost or damaged, without moving any stored article.
func TestEventsAcrossRuns(t *testing.T) {
	files := seedFiles(t)
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "s.db")
	ingestRun := func(paths []string) {
		t.Helper()
		store, err := sqlite.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		if _, err := Run(ctx, store, PlanInputs(paths), Options{}); err != nil {
			t.Fatal(err)
		}
		checkEvents(t, store)
	}
	open := func() storyline.Store {
		store, err := sqlite.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		return store
	}

	ingestRun(files[:2])
	store := open()
	first := assignments(t, store)
	if data, n, err := store.State(ctx, clusterState); err != nil || len(data) == 0 || n != 2 {
		t.Errorf("clusterer snapshot after the first run: %d bytes covering %d articles, %v; want some covering 2", len(data), n, err)
	}
	store.Close()

	ingestRun(files[2:4])
	store = open()
	second := assignments(t, store)
	for id, as := range first {
		if second[id] != as {
			t.Errorf("article %s moved from %v to %v by a later run", id, as, second[id])
		}
	}
	// A damaged snapshot: the clusterer is rebuilt from the stored
	// assignments, which stay as they are.
	if err := store.PutState(ctx, clusterState, []byte("not a snapshot"), 4); err != nil {
		t.Fatal(err)
	}
	store.Close()

	ingestRun(files[4:])
	store = open()
	defer store.Close()
	third := assignments(t, store)
	if len(third) != 5 {
		t.Fatalf("%d articles stored, want 5", len(third))
	}
	for id, as := range second {
		if third[id] != as {
			t.Errorf("article %s moved from %v to %v after the rebuild", id, as, third[id])
		}
	}
	if data, n, err := store.State(ctx, clusterState); err != nil || n != 5 || string(data) == "not a snapshot" {
		t.Errorf("snapshot after the third run covers %d articles (%v); want a new one covering 5", n, err)
	}
}

// TestEventsBackfill: articles stored before events existed (no event)
// are assigned when ingest next runs.
func TestEventsBackfill(t *testing.T) {
	files := seedFiles(t)
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "s.db")
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := Run(ctx, store, PlanInputs(files[:3]), Options{}); err != nil {
		t.Fatal(err)
	}
	// Forget the events, as a store of before events would be.
	var forget []storyline.Membership
	var gone []string
	for id, as := range assignments(t, store) {
		forget = append(forget, storyline.Membership{Article: id})
		gone = append(gone, as[0], as[1])
	}
	if err := store.PutEvents(ctx, storyline.EventUpdate{Memberships: forget, Gone: gone}); err != nil {
		t.Fatal(err)
	}
	if err := store.PutState(ctx, clusterState, nil, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, store, PlanInputs(files[3:]), Options{}); err != nil {
		t.Fatal(err)
	}
	checkEvents(t, store)
}

// TestDateFromEvent checks that the undated articles of a dated event are
// dated by it (on or after its day, on the weekday they name), except
// those for which the event was a close call; that a date had from an
// earlier event is taken back first (undate), and stored again only when
// it changes.
func TestDateFromEvent(t *testing.T) {
	const text = "Blinken met el-Sisi in Cairo on Tuesday."
	mk := func(id, published, datedBy, text string) *storyline.Article {
		a := &storyline.Article{ID: id, Published: published, DatedBy: datedBy, PublishedInferred: published != "" && datedBy != "", Text: text}
		annotate.Date(a)
		return a
	}
	for _, c := range []struct {
		name      string
		start     string // the event's first day
		a         *storyline.Article
		closeCall bool
		want      string // its date after
		stored    bool   // whether it is returned to be stored
	}{
		{"undated", "2024-02-06", mk("a", "", "", text), false, "2024-02-06", true},
		{"the weekday it names", "2024-02-06", mk("d", "", "", "Blinken flew on to Doha on Wednesday."), false, "2024-02-07", true},
		{"a close call", "2024-02-06", mk("b", "", "", text), true, "", false},
		{"dated already", "2024-02-06", mk("c", "2024-02-07", "", text), false, "2024-02-07", false},
		{"dated by a source", "2024-06-11", mk("s", "2024-02-06", storyline.DatedBySource, text), false, "2024-02-06", false},
		{"an undated event", "", mk("u", "", "", text), false, "", false},
		{"dated by this event before", "2024-02-06", mk("e", "2024-02-06", storyline.DatedByEvent, text), false, "2024-02-06", false},
		{"dated by another event before", "2024-06-11", mk("f", "2024-02-06", storyline.DatedByEvent, text), false, "2024-06-11", true},
		{"dated by an event, now a close call", "2024-06-11", mk("g", "2024-06-11", storyline.DatedByEvent, text), true, "", true},
		{"dated by an event, now in an undated one", "", mk("h", "2024-06-11", storyline.DatedByEvent, text), false, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			arts := []*storyline.Article{c.a}
			before := undate(arts)
			got := dateFromEvent(&storyline.Event{ID: "ev", Start: c.start}, arts, map[string]bool{c.a.ID: c.closeCall}, before)
			a := arts[0]
			if a.Published != c.want || (len(got) == 1) != c.stored {
				t.Fatalf("published %q, stored %v; want %q, %v", a.Published, len(got) == 1, c.want, c.stored)
			}
			if a.Published == "" && (a.PublishedInferred || a.DatedBy != "") {
				t.Errorf("undated, but inferred %v by %q", a.PublishedInferred, a.DatedBy)
			}
			if got != nil && a.Published != "" && (a.DatedBy != storyline.DatedByEvent || !a.PublishedInferred) {
				t.Errorf("dated %s by %q (inferred %v); want by its event", a.Published, a.DatedBy, a.PublishedInferred)
			}
			// the time expressions are resolved against the date it has
			want := timex.Tag(a.Text, a.Published)
			if !reflect.DeepEqual(a.Timexes, want) && !(len(a.Timexes) == 0 && len(want) == 0) {
				t.Errorf("timexes %+v; want %+v", a.Timexes, want)
			}
		})
	}
}

// TestDescribeInChunks checks that describing events and stories a few at
// a time (describeChunk) stores the same descriptions as all at once.
func TestDescribeInChunks(t *testing.T) {
	ctx := context.Background()
	describeAll := func(chunk int) ([]storyline.Event, []storyline.Story) {
		old := describeChunk
		describeChunk = chunk
		defer func() { describeChunk = old }()
		store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		if _, err := Run(ctx, store, PlanInputs(seedFiles(t)), Options{}); err != nil {
			t.Fatal(err)
		}
		checkEvents(t, store)
		evs, err := store.Events(ctx, storyline.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		sts, err := store.Stories(ctx, storyline.StoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range evs {
			evs[i].Created, evs[i].Updated = time.Time{}, time.Time{}
		}
		for i := range sts {
			sts[i].Created, sts[i].Updated = time.Time{}, time.Time{}
		}
		return evs, sts
	}
	evs1, sts1 := describeAll(1)
	evsAll, stsAll := describeAll(256)
	if len(evs1) < 2 || !reflect.DeepEqual(evs1, evsAll) || !reflect.DeepEqual(sts1, stsAll) {
		t.Errorf("one at a time: %d events, %d stories; all at once: %d, %d; or they differ", len(evs1), len(sts1), len(evsAll), len(stsAll))
	}
}
