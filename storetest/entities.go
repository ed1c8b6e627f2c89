package storetest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// mention returns the mention of the first occurrence of name in text.
func mention(t *testing.T, text, name, typ, entity string) storyline.Mention {
	t.Helper()
	i := strings.Index(text, name)
	if i < 0 {
		t.Fatalf("%q not in %q", name, text)
	}
	return storyline.Mention{Start: i, End: i + len(name), Text: name, Type: typ, Entity: entity}
}

func testEntities(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	blinken := storyline.Entity{ID: "e-blinken", Name: "Antony Blinken", Type: storyline.PER,
		Aliases: []storyline.Alias{{Text: "Antony Blinken", Count: 1}}, Mentions: 1}
	cairo := storyline.Entity{ID: "e-cairo", Name: "Cairo", Type: storyline.LOC,
		Aliases: []storyline.Alias{{Text: "Cairo", Count: 1}}, Mentions: 1,
		Place: &storyline.Place{GeonameID: 360630, Name: "Cairo", Kind: "city", Country: "Egypt", CountryCode: "EG", Lat: 30.06, Lon: 31.25, Population: 9606916}}
	a := newArticle("a", "Blinken in Cairo", "Antony Blinken arrived in Cairo on Tuesday.")
	a.Entities = []storyline.Mention{
		mention(t, a.Text, "Antony Blinken", storyline.PER, blinken.ID),
		mention(t, a.Text, "Cairo", storyline.LOC, cairo.ID),
	}
	a.EntityChanges = []storyline.Entity{blinken, cairo}
	tue := strings.Index(a.Text, "on Tuesday")
	a.Timexes = []storyline.Timex{{Start: tue, End: tue + 10, Text: "on Tuesday", Type: "DATE", Value: "2024-02-06"}}
	a.SentenceDates = []storyline.SentenceDate{{Start: 0, End: len(a.Text), Value: "2024-02-06", Confidence: 0.9, Timex: 0}}
	put(t, s, a)

	// The second article changes Blinken: a new alias, a role, more mentions.
	b := newArticle("b", "Blinken again", "Secretary of State Blinken met Mr. Blinken's hosts.")
	b.Entities = []storyline.Mention{
		mention(t, b.Text, "Blinken", storyline.PER, blinken.ID),
		{Start: strings.LastIndex(b.Text, "Blinken"), End: strings.LastIndex(b.Text, "Blinken") + 7, Text: "Blinken", Type: storyline.PER, Entity: blinken.ID},
	}
	blinken2 := blinken
	blinken2.Aliases = []storyline.Alias{{Text: "Blinken", Count: 2}, {Text: "Antony Blinken", Count: 1}}
	blinken2.Roles = []storyline.Role{{Title: "Secretary of State", Article: b.ID}}
	blinken2.Mentions = 3
	b.EntityChanges = []storyline.Entity{blinken2}
	b.Timexes, b.SentenceDates = []storyline.Timex{}, []storyline.SentenceDate{}
	put(t, s, b)
	// An article without mentions or dates is annotated, with nothing.
	c := newArticle("c", "", "Nothing named here.")
	c.Entities, c.Timexes, c.SentenceDates = []storyline.Mention{}, []storyline.Timex{}, []storyline.SentenceDate{}
	put(t, s, c)

	got := get(t, s, a.ID)
	if !reflect.DeepEqual(got.Entities, a.Entities) || !reflect.DeepEqual(got.Timexes, a.Timexes) || !reflect.DeepEqual(got.SentenceDates, a.SentenceDates) {
		t.Errorf("article a annotations = %+v %+v %+v\nwant %+v %+v %+v", got.Entities, got.Timexes, got.SentenceDates, a.Entities, a.Timexes, a.SentenceDates)
	}
	if got := get(t, s, c.ID).Entities; got == nil || len(got) != 0 {
		t.Errorf("article c entities = %#v, want empty, not nil", got)
	}
	if ids, err := s.Unannotated(ctx); err != nil || len(ids) != 0 {
		t.Errorf("Unannotated = %v, %v; want none", ids, err)
	}

	e, err := s.Entity(ctx, blinken.ID)
	if err != nil {
		t.Fatalf("Entity: %v", err)
	}
	want := blinken2
	want.Articles = []string{a.ID, b.ID}
	if !reflect.DeepEqual(*e, want) {
		t.Errorf("Entity = %+v\nwant %+v", *e, want)
	}
	for _, key := range []string{"e-cair", "cairo", "CAIRO"} {
		e, err := s.Entity(ctx, key)
		if err != nil || e.ID != cairo.ID || !reflect.DeepEqual(e.Place, cairo.Place) {
			t.Errorf("Entity(%q) = %+v, %v; want Cairo with its place", key, e, err)
		}
	}
	if _, err := s.Entity(ctx, "nobody"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("Entity(nobody) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Entity(ctx, "e-"); err == nil {
		t.Errorf("Entity(e-) found something for a two-character key")
	}

	list := func(f storyline.EntityFilter) []string {
		t.Helper()
		es, err := s.Entities(ctx, f)
		if err != nil {
			t.Fatalf("Entities(%+v): %v", f, err)
		}
		ids := []string{}
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		return ids
	}
	for _, tc := range []struct {
		f    storyline.EntityFilter
		want []string
	}{
		{storyline.EntityFilter{}, []string{blinken.ID, cairo.ID}},
		{storyline.EntityFilter{Type: storyline.LOC}, []string{cairo.ID}},
		{storyline.EntityFilter{Name: "antony"}, []string{blinken.ID}},
		{storyline.EntityFilter{Name: "TONY BL"}, []string{blinken.ID}}, // across words, case folded
		{storyline.EntityFilter{Name: "ken"}, []string{blinken.ID}},
		{storyline.EntityFilter{Name: "o"}, []string{blinken.ID, cairo.ID}},
		{storyline.EntityFilter{Name: "ai"}, []string{cairo.ID}},
		{storyline.EntityFilter{Name: "Blinken Antony"}, []string{}}, // two names are not one
		{storyline.EntityFilter{Name: `"Cairo"`}, []string{}},
		{storyline.EntityFilter{Name: "a", Offset: 1}, []string{cairo.ID}},
		{storyline.EntityFilter{Name: "count"}, []string{}}, // a JSON key, not a name
		{storyline.EntityFilter{Name: "50%"}, []string{}},
		{storyline.EntityFilter{Article: b.ID}, []string{blinken.ID}},
		{storyline.EntityFilter{Limit: 1}, []string{blinken.ID}},
		{storyline.EntityFilter{Offset: 1}, []string{cairo.ID}},
	} {
		if got := list(tc.f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Entities(%+v) = %v, want %v", tc.f, got, tc.want)
		}
	}
	var each []string
	if err := s.EachEntity(ctx, func(e *storyline.Entity) error { each = append(each, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(each, []string{blinken.ID, cairo.ID}) {
		t.Errorf("EachEntity order = %v, want creation order", each)
	}
}

func testEntityBackfill(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	a := newArticle("a", "", "Rafah is in Gaza.")
	put(t, s, a) // Entities nil: stored before tagging
	ids, err := s.Unannotated(ctx)
	if err != nil || !reflect.DeepEqual(ids, []string{a.ID}) {
		t.Fatalf("Unannotated = %v, %v; want [%s]", ids, err, a.ID)
	}
	rafah := storyline.Entity{ID: "e-rafah", Name: "Rafah", Type: storyline.LOC, Aliases: []storyline.Alias{{Text: "Rafah", Count: 1}}, Mentions: 1}
	a.Entities = []storyline.Mention{mention(t, a.Text, "Rafah", storyline.LOC, rafah.ID)}
	a.EntityChanges = []storyline.Entity{rafah}
	a.Published, a.PublishedInferred = "2024-02-12", true // inferred while annotating
	if err := s.PutAnnotations(ctx, []*storyline.Article{a}); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.Unannotated(ctx); len(ids) != 0 {
		t.Errorf("Unannotated after PutAnnotations = %v", ids)
	}
	e, err := s.Entity(ctx, rafah.ID)
	if err != nil || !reflect.DeepEqual(e.Articles, []string{a.ID}) {
		t.Errorf("Entity(rafah) = %+v, %v", e, err)
	}
	if got := get(t, s, a.ID); got.Published != "2024-02-12" || !got.PublishedInferred || got.Timexes == nil {
		t.Errorf("after PutAnnotations: published %q inferred %v timexes %#v", got.Published, got.PublishedInferred, got.Timexes)
	}
	// A date from its event, taken back: the article is undated again.
	a.Published, a.PublishedInferred, a.DatedBy = "2024-06-11", true, storyline.DatedByEvent
	if err := s.PutAnnotations(ctx, []*storyline.Article{a}); err != nil {
		t.Fatal(err)
	}
	if got := get(t, s, a.ID); got.Published != "2024-06-11" || got.DatedBy != storyline.DatedByEvent {
		t.Errorf("dated by its event: published %q by %q", got.Published, got.DatedBy)
	}
	a.Published, a.PublishedInferred, a.DatedBy = "", false, ""
	if err := s.PutAnnotations(ctx, []*storyline.Article{a}); err != nil {
		t.Fatal(err)
	}
	if got := get(t, s, a.ID); got.Published != "" || got.PublishedInferred || got.DatedBy != "" {
		t.Errorf("undated again: published %q inferred %v by %q", got.Published, got.PublishedInferred, got.DatedBy)
	}
	missing := newArticle("m", "", "never stored")
	if err := s.PutAnnotations(ctx, []*storyline.Article{missing}); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("PutAnnotations of an unstored article: %v, want ErrNotFound", err)
	}
}
