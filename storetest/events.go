package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/storyline/storyline"
)

// articleIDs returns the IDs of articles, in order.
func articleIDs(as []*storyline.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func eventIDs(es []storyline.Event) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func testEvents(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	a := newArticle("a", "Blinken in Riyadh", "Antony Blinken met the crown prince in Riyadh on Monday.")
	b := newArticle("b", "Blinken in Cairo", "Blinken met el-Sisi in Cairo on Tuesday.")
	b.Published, b.Source = "2024-02-06", "other.org"
	c := newArticle("c", "Blinken in Cairo again", "Blinken was in Cairo on Tuesday, officials said.")
	c.Published = ""
	d := newArticle("d", "Quake", "An earthquake shook the island on Sunday.")
	d.Published = "2023-11-12"
	blinken := storyline.Entity{ID: "e-blinken", Name: "Antony Blinken", Type: storyline.PER,
		Aliases: []storyline.Alias{{Text: "Blinken", Count: 3}}, Mentions: 3}
	a.Entities = []storyline.Mention{mention(t, a.Text, "Antony Blinken", storyline.PER, blinken.ID)}
	a.EntityChanges = []storyline.Entity{blinken}
	b.Entities = []storyline.Mention{mention(t, b.Text, "Blinken", storyline.PER, blinken.ID)}
	c.Entities = []storyline.Mention{mention(t, c.Text, "Blinken", storyline.PER, blinken.ID)}
	// a arrives assigned, the others are assigned afterwards.
	evA := &storyline.Evidence{Event: storyline.Decision{Score: 0.1, Threshold: 0.3, Candidates: 0}}
	a.Event, a.Story, a.Evidence = "ev-riyadh", "st-blinken", evA
	put(t, s, a, b, c, d)
	if got := get(t, s, a.ID); got.Event != a.Event || got.Story != a.Story || !reflect.DeepEqual(got.Evidence, evA) {
		t.Errorf("article a event, story, evidence = %q, %q, %+v; want %q, %q, %+v", got.Event, got.Story, got.Evidence, a.Event, a.Story, evA)
	}

	joined := storyline.Evidence{
		Event: storyline.Decision{Best: "ev-cairo", Score: 0.9, Threshold: 0.3, Joined: true, Candidates: 2,
			Signals: []storyline.Signal{{Name: "tfidf", Value: 0.5, Weight: 2, Contribution: 1}}},
		Story: storyline.Decision{Best: "st-blinken", Joined: true, Inherited: true},
	}
	riyadh := storyline.Event{ID: "ev-riyadh", Story: "st-blinken", Title: "Blinken meets the crown prince in Riyadh",
		Start: "2024-02-05", End: "2024-02-05", Articles: []string{a.ID},
		Participants: []storyline.EntityRef{{ID: blinken.ID, Name: blinken.Name, Type: storyline.PER, Roles: []string{"secretary of state"}, Mentions: 1, Articles: 1}},
		Sources:      storyline.SourceCount{Articles: 1, Independent: 1}}
	cairo := storyline.Event{ID: "ev-cairo", Story: "st-blinken", Title: "Blinken meets el-Sisi in Cairo",
		Start: "2024-02-06", End: "2024-02-06", Articles: []string{b.ID},
		Sources: storyline.SourceCount{Articles: 1, Independent: 1},
		Summary: []storyline.SummarySentence{{Text: b.Text, Sources: []string{b.ID}, End: len(b.Text)}}}
	undated := storyline.Event{ID: "ev-undated", Story: "st-blinken", Title: "Blinken in Cairo", Articles: []string{c.ID}}
	quake := storyline.Event{ID: "ev-quake", Story: "st-quake", Title: "Earthquake", Start: "2023-11-12", End: "2023-11-12", Articles: []string{d.ID}}
	story := storyline.Story{ID: "st-blinken", Title: "Blinken's trip", Start: "2024-02-05", End: "2024-02-06",
		Events: []string{"ev-riyadh", "ev-cairo", "ev-undated"}, Sources: storyline.SourceCount{Articles: 3, Independent: 3}}
	quakeStory := storyline.Story{ID: "st-quake", Title: "Earthquake", Start: "2023-11-12", End: "2023-11-12", Events: []string{"ev-quake"}}
	err := s.PutEvents(ctx, storyline.EventUpdate{
		Memberships: []storyline.Membership{
			{Article: b.ID, Event: "ev-cairo", Story: "st-blinken", Evidence: joined},
			{Article: c.ID, Event: "ev-undated", Story: "st-blinken"},
			{Article: d.ID, Event: "ev-quake", Story: "st-quake"},
		},
		Events:  []storyline.Event{riyadh, cairo, undated, quake},
		Stories: []storyline.Story{story, quakeStory},
	})
	if err != nil {
		t.Fatalf("PutEvents: %v", err)
	}
	if err := s.PutEvents(ctx, storyline.EventUpdate{Memberships: []storyline.Membership{{Article: "no-such-article", Event: "x"}}}); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("PutEvents with an unknown article: %v, want ErrNotFound", err)
	}

	got, err := s.Event(ctx, "ev-cairo")
	if err != nil || !reflect.DeepEqual(*got, cairo) {
		t.Errorf("Event(ev-cairo) = %+v, %v\nwant %+v", got, err, cairo)
	}
	if got, err := s.Event(ctx, "ev-r"); err != nil || got.ID != "ev-riyadh" {
		t.Errorf("Event by prefix ev-r = %v, %v; want ev-riyadh", got, err)
	}
	if _, err := s.Event(ctx, "no-such-event"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("Event(no-such-event): %v, want ErrNotFound", err)
	}
	if m, err := s.Memberships(ctx, "ev-cairo"); err != nil || len(m) != 1 || m[0].Article != b.ID || !reflect.DeepEqual(m[0].Evidence, joined) {
		t.Errorf("Memberships(ev-cairo) = %+v, %v; want b with its evidence", m, err)
	}

	for _, tt := range []struct {
		name string
		f    storyline.EventFilter
		want []string
	}{
		{"all, latest first, undated last", storyline.EventFilter{}, []string{"ev-cairo", "ev-riyadh", "ev-quake", "ev-undated"}},
		{"story", storyline.EventFilter{Story: "st-quake"}, []string{"ev-quake"}},
		{"entity", storyline.EventFilter{Entity: blinken.ID}, []string{"ev-cairo", "ev-riyadh", "ev-undated"}},
		{"source", storyline.EventFilter{Source: "other.org"}, []string{"ev-cairo"}},
		{"from", storyline.EventFilter{From: "2024-02-06"}, []string{"ev-cairo"}},
		{"to", storyline.EventFilter{To: "2024-02-05"}, []string{"ev-riyadh", "ev-quake"}},
		{"page", storyline.EventFilter{Limit: 2, Offset: 1}, []string{"ev-riyadh", "ev-quake"}},
	} {
		es, err := s.Events(ctx, tt.f)
		if err != nil || !slices.Equal(eventIDs(es), tt.want) {
			t.Errorf("Events(%s) = %v, %v; want %v", tt.name, eventIDs(es), err, tt.want)
		}
		for _, e := range es {
			if e.Summary != nil {
				t.Errorf("Events(%s): event %s has its summary; lists leave it out", tt.name, e.ID)
			}
		}
	}
	if st, err := s.Stories(ctx, storyline.StoryFilter{}); err != nil || len(st) != 2 || st[0].ID != "st-blinken" || !reflect.DeepEqual(st[0], story) {
		t.Errorf("Stories = %+v, %v; want st-blinken then st-quake", st, err)
	}
	if st, err := s.Stories(ctx, storyline.StoryFilter{To: "2023-12-31"}); err != nil || len(st) != 1 || st[0].ID != "st-quake" {
		t.Errorf("Stories(to 2023) = %+v, %v; want st-quake", st, err)
	}

	for _, tt := range []struct {
		name string
		f    storyline.ArticleFilter
		want []string
	}{
		{"all", storyline.ArticleFilter{}, []string{a.ID, b.ID, c.ID, d.ID}},
		{"event", storyline.ArticleFilter{Event: "ev-cairo"}, []string{b.ID}},
		{"story", storyline.ArticleFilter{Story: "st-blinken"}, []string{a.ID, b.ID, c.ID}},
		{"entity", storyline.ArticleFilter{Entity: blinken.ID}, []string{a.ID, b.ID, c.ID}},
		{"source", storyline.ArticleFilter{Source: "example.com"}, []string{a.ID, c.ID, d.ID}},
		{"dates", storyline.ArticleFilter{From: "2024-01-01", To: "2024-02-05"}, []string{a.ID}},
		{"page", storyline.ArticleFilter{Limit: 1, Offset: 2}, []string{c.ID}},
		{"the rest", storyline.ArticleFilter{Offset: 2}, []string{c.ID, d.ID}},
		{"past the end", storyline.ArticleFilter{Limit: 2, Offset: 4}, nil},
		{"page of a source", storyline.ArticleFilter{Source: "example.com", Limit: 1, Offset: 1}, []string{c.ID}},
		{"ids, in ingest order", storyline.ArticleFilter{IDs: []string{d.ID, "no-such-article", a.ID}}, []string{a.ID, d.ID}},
		{"ids and event", storyline.ArticleFilter{IDs: []string{a.ID, b.ID}, Event: "ev-cairo"}, []string{b.ID}},
		{"ids, paged", storyline.ArticleFilter{IDs: []string{a.ID, b.ID, c.ID}, Limit: 1, Offset: 1}, []string{b.ID}},
	} {
		as, err := s.Articles(ctx, tt.f)
		if err != nil || !slices.Equal(articleIDs(as), tt.want) {
			t.Errorf("Articles(%s) = %v, %v; want %v", tt.name, articleIDs(as), err, tt.want)
		}
	}

	for _, q := range []struct {
		query string
		want  []string
	}{
		{"crown prince", []string{"ev-riyadh"}},
		{"el-Sisi", []string{"ev-cairo"}}, // not FTS5 syntax: taken as words
		{"Blinken", []string{"ev-cairo", "ev-riyadh", "ev-undated"}},
		{"secretary", nil}, // roles are not indexed
		{"", nil},
	} {
		hits, err := s.SearchEvents(ctx, q.query, 0)
		var got []string
		for _, h := range hits {
			got = append(got, h.Event.ID)
			if h.Event.Summary != nil {
				t.Errorf("SearchEvents(%q): hit %s has its summary", q.query, h.Event.ID)
			}
		}
		sort.Strings(got)
		if err != nil || !slices.Equal(got, q.want) {
			t.Errorf("SearchEvents(%q) = %v, %v; want %v", q.query, got, err, q.want)
		}
	}

	brief, err := s.Articles(ctx, storyline.ArticleFilter{Event: "ev-riyadh", Brief: true})
	if err != nil || len(brief) != 1 || brief[0].ID != a.ID || brief[0].Title != a.Title || brief[0].Story != "st-blinken" ||
		brief[0].Text != a.Text || brief[0].Entities != nil || brief[0].Timexes != nil || brief[0].SentenceDates != nil {
		t.Errorf("Articles(brief) = %+v, %v; want article a's metadata and text without annotations", brief, err)
	}

	// The undated event is merged into the Cairo one: its ID still resolves.
	cairo.Articles = []string{b.ID, c.ID}
	merge := storyline.IDChange{Kind: storyline.ChangeMerge, Old: "ev-undated", New: "ev-cairo", Reason: "same happening"}
	err = s.PutEvents(ctx, storyline.EventUpdate{
		Memberships: []storyline.Membership{{Article: c.ID, Event: "ev-cairo", Story: "st-blinken"}},
		Events:      []storyline.Event{cairo},
		Gone:        []string{"ev-undated"},
		Changes:     []storyline.IDChange{merge},
	})
	if err != nil {
		t.Fatalf("PutEvents (merge): %v", err)
	}
	if hits, _ := s.SearchEvents(ctx, "Blinken", 0); len(hits) != 2 {
		t.Errorf("SearchEvents after the merge: %d hits, want 2 (the merged event is gone)", len(hits))
	}
	if got, err := s.Event(ctx, "ev-undated"); err != nil || got.ID != "ev-cairo" || len(got.Articles) != 2 {
		t.Errorf("Event(ev-undated) after the merge = %+v, %v; want ev-cairo with two articles", got, err)
	}
	if es, _ := s.Events(ctx, storyline.EventFilter{Story: "st-blinken"}); !slices.Equal(eventIDs(es), []string{"ev-cairo", "ev-riyadh"}) {
		t.Errorf("Events after the merge = %v; want ev-cairo, ev-riyadh", eventIDs(es))
	}
	changes, err := s.IDChanges(ctx, "ev-undated")
	if err != nil || len(changes) != 1 || changes[0].Kind != merge.Kind || changes[0].New != merge.New || changes[0].Reason != merge.Reason || changes[0].At.IsZero() {
		t.Errorf("IDChanges(ev-undated) = %+v, %v; want the merge, timed", changes, err)
	}
	if m, _ := s.Memberships(ctx, "ev-cairo"); len(m) != 2 {
		t.Errorf("Memberships(ev-cairo) after the merge = %+v; want b and c", m)
	}
}

func testState(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	if data, n, err := s.State(ctx, "clusters"); err != nil || data != nil || n != 0 {
		t.Errorf("State of nothing = %q, %d, %v; want nil, 0, nil", data, n, err)
	}
	for _, v := range []struct {
		data []byte
		n    int
	}{{[]byte("first\x00blob"), 3}, {[]byte("second"), 7}} {
		if err := s.PutState(ctx, "clusters", v.data, v.n); err != nil {
			t.Fatalf("PutState: %v", err)
		}
		data, n, err := s.State(ctx, "clusters")
		if err != nil || string(data) != string(v.data) || n != v.n {
			t.Errorf("State = %q, %d, %v; want %q, %d", data, n, err, v.data, v.n)
		}
	}
	if data, _, _ := s.State(ctx, "other"); data != nil {
		t.Errorf("State(other) = %q, want nil", data)
	}
}

// testEntityEvents checks that Events with an Entity filter follows the
// articles: as mentions are recorded, as articles arrive in an event or
// move between events, and when the last article that mentions the
// entity leaves an event.
func testEntityEvents(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	sisi := storyline.Entity{ID: "e-sisi", Name: "Abdel Fattah el-Sisi", Type: storyline.PER,
		Aliases: []storyline.Alias{{Text: "el-Sisi", Count: 1}}, Mentions: 1}
	a := newArticle("a", "Cairo talks", "El-Sisi met the envoy in Cairo on Monday.")
	a.Entities = []storyline.Mention{mention(t, a.Text, "Sisi", storyline.PER, sisi.ID)}
	a.EntityChanges = []storyline.Entity{sisi}
	a.Event, a.Story = "ev-talks", "st" // arrives assigned
	b := newArticle("b", "Cairo talks go on", "The talks went on; el-Sisi was there.")
	b.Entities = []storyline.Mention{mention(t, b.Text, "Sisi", storyline.PER, sisi.ID)}
	c := newArticle("c", "Quake", "An earthquake shook the island on Sunday.")
	put(t, s, a, b, c)
	events := []storyline.Event{
		{ID: "ev-talks", Story: "st", Start: "2024-02-05", End: "2024-02-05"},
		{ID: "ev-more", Story: "st", Start: "2024-02-06", End: "2024-02-06"},
		{ID: "ev-quake", Story: "st", Start: "2024-02-07", End: "2024-02-07"},
	}
	move := func(article, event string) storyline.Membership {
		return storyline.Membership{Article: article, Event: event, Story: "st"}
	}
	steps := []struct {
		name  string
		do    func() error
		sisis []string // the events of el-Sisi after the step, latest first
	}{
		{"arrived assigned", func() error { return s.PutEvents(ctx, storyline.EventUpdate{Events: events}) }, []string{"ev-talks"}},
		{"assigned", func() error {
			return s.PutEvents(ctx, storyline.EventUpdate{Memberships: []storyline.Membership{move(b.ID, "ev-more"), move(c.ID, "ev-quake")}})
		}, []string{"ev-more", "ev-talks"}},
		{"two articles in one event", func() error {
			return s.PutEvents(ctx, storyline.EventUpdate{Memberships: []storyline.Membership{move(b.ID, "ev-talks")}})
		}, []string{"ev-talks"}},
		{"one of the two leaves", func() error {
			return s.PutEvents(ctx, storyline.EventUpdate{Memberships: []storyline.Membership{move(a.ID, "ev-more")}})
		}, []string{"ev-more", "ev-talks"}},
		{"the other leaves", func() error {
			return s.PutEvents(ctx, storyline.EventUpdate{Memberships: []storyline.Membership{move(b.ID, "ev-more")}})
		}, []string{"ev-more"}},
		{"mentions recorded later", func() error {
			c.Entities = []storyline.Mention{{Start: 0, End: 2, Text: "An", Type: storyline.PER, Entity: sisi.ID}}
			return s.PutAnnotations(ctx, []*storyline.Article{c})
		}, []string{"ev-quake", "ev-more"}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		es, err := s.Events(ctx, storyline.EventFilter{Entity: sisi.ID})
		if err != nil || !slices.Equal(eventIDs(es), st.sisis) {
			t.Errorf("%s: Events(el-Sisi) = %v, %v; want %v", st.name, eventIDs(es), err, st.sisis)
		}
	}
}
