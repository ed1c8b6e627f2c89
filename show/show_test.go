package show

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/sqlite"
)

// fixture stores three articles (c a copy of b), two people, a city, and
// two events of one story.
func fixture(t *testing.T) storyline.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	blinken := storyline.Entity{ID: "e-blinken", Name: "Antony Blinken", Type: storyline.PER,
		Aliases: []storyline.Alias{{Text: "Antony Blinken", Count: 3}}, Mentions: 3}
	sisi := storyline.Entity{ID: "e-sisi", Name: "Abdel Fattah el-Sisi", Type: storyline.PER,
		Aliases: []storyline.Alias{{Text: "el-Sisi", Count: 1}}, Mentions: 1}
	cairo := storyline.Entity{ID: "e-cairo", Name: "Cairo", Type: storyline.LOC, Mentions: 1,
		Aliases: []storyline.Alias{{Text: "Cairo", Count: 1}}, Place: &storyline.Place{Name: "Cairo", Kind: "city", Country: "Egypt"}}
	mk := func(id, text, published string, ents ...storyline.Entity) *storyline.Article {
		a := &storyline.Article{ID: id, Ref: id + ".txt", Text: text, Published: published}
		for _, e := range ents {
			i := strings.Index(text, e.Aliases[0].Text)
			a.Entities = append(a.Entities, storyline.Mention{Start: i, End: i + len(e.Aliases[0].Text), Text: e.Aliases[0].Text, Type: e.Type, Entity: e.ID})
		}
		a.EntityChanges = ents
		return a
	}
	a := mk("a", "Antony Blinken landed in Riyadh.", "2024-02-05", blinken)
	b := mk("b", "Antony Blinken met el-Sisi in Cairo.", "2024-02-06", blinken, sisi, cairo)
	c := mk("c", "Antony Blinken met el-Sisi in Cairo.", "2024-02-07", blinken)
	c.DuplicateOf = "b"
	if _, err := s.PutArticles(ctx, []*storyline.Article{a, b, c}); err != nil {
		t.Fatal(err)
	}
	ref := func(e storyline.Entity) storyline.EntityRef {
		return storyline.EntityRef{ID: e.ID, Name: e.Name, Type: e.Type, Place: e.Place}
	}
	err = s.PutEvents(ctx, storyline.EventUpdate{
		Memberships: []storyline.Membership{
			{Article: "a", Event: "ev-riyadh", Story: "st"}, {Article: "b", Event: "ev-cairo", Story: "st"}, {Article: "c", Event: "ev-cairo", Story: "st"},
		},
		Events: []storyline.Event{
			{ID: "ev-cairo", Story: "st", Title: "Blinken meets el-Sisi", Start: "2024-02-06", End: "2024-02-06", Articles: []string{"b", "c"},
				Participants: []storyline.EntityRef{ref(blinken), ref(sisi)}, Places: []storyline.EntityRef{ref(cairo)}},
			{ID: "ev-riyadh", Story: "st", Title: "Blinken lands", Start: "2024-02-05", End: "2024-02-05", Articles: []string{"a"},
				Participants: []storyline.EntityRef{ref(blinken)}},
		},
		Stories: []storyline.Story{{ID: "st", Title: "The trip", Events: []string{"ev-riyadh", "ev-cairo"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestShow(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)

	e, err := Event(ctx, s, "ev-cai")
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "ev-cairo" || e.StoryTitle != "The trip" || e.Sources != (storyline.SourceCount{Articles: 2, Independent: 1}) {
		t.Errorf("Event: id %s, story title %q, sources %+v", e.ID, e.StoryTitle, e.Sources)
	}
	if len(e.Groups) != 1 || e.Groups[0].Origin.ID != "b" || len(e.Groups[0].Copies) != 1 || e.Groups[0].Copies[0].ID != "c" {
		t.Errorf("Event groups = %+v, want b with its copy c", e.Groups)
	} else if o := e.Groups[0].Origin; o.Words != 6 || o.Headline != "(Antony Blinken met el-Sisi in Cairo.)" {
		t.Errorf("Event groups: origin b has %d words, headline %q; want 6 and its first line", o.Words, o.Headline)
	}

	if e.Memberships == nil || len(e.Memberships) != 2 {
		t.Errorf("Event memberships = %+v, want b's and c's", e.Memberships)
	}
	if v, err := EventView(ctx, s, "ev-cairo"); err != nil || v.Memberships != nil || len(v.Groups) != 1 || v.StoryTitle != "The trip" {
		t.Errorf("EventView = %+v, %v; want the event without memberships", v, err)
	}

	st, err := Story(ctx, s, "st")
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, ev := range st.Timeline {
		order = append(order, ev.ID)
	}
	if !slices.Equal(order, []string{"ev-riyadh", "ev-cairo"}) {
		t.Errorf("Story timeline = %v, want date order", order)
	}

	who, err := FindEntity(ctx, s, "sisi")
	if err != nil || who.ID != "e-sisi" {
		t.Errorf("FindEntity(sisi) = %v, %v", who, err)
	}
	if _, err := FindEntity(ctx, s, "nobody"); err == nil {
		t.Errorf("FindEntity(nobody): no error")
	}

	ent, err := Entity(ctx, s, "e-blinken", StoreSources(s))
	if err != nil {
		t.Fatal(err)
	}
	if ent.Sources != 2 || len(ent.Articles) != 3 {
		t.Errorf("Entity sources %d of %d articles, want 2 of 3", ent.Sources, len(ent.Articles))
	}
	if len(ent.Related) != 2 || ent.Related[0].ID != "e-cairo" && ent.Related[0].ID != "e-sisi" {
		t.Errorf("Entity related = %+v", ent.Related)
	}
	if len(ent.Itinerary) != 1 || ent.Itinerary[0].Place.Name != "Cairo" || ent.Itinerary[0].Date != "2024-02-06" {
		t.Errorf("Entity itinerary = %+v, want Cairo on 2024-02-06", ent.Itinerary)
	}

	tl, err := TimelineOf(ctx, s, storyline.EventFilter{}, who)
	if err != nil || tl.Entity != "e-sisi" || len(tl.Events) != 1 || tl.Itinerary == nil {
		t.Errorf("TimelineOf(el-Sisi) = %+v, %v", tl, err)
	}
	tl, err = TimelineOf(ctx, s, storyline.EventFilter{Story: "st"}, nil)
	if err != nil || tl.Story != "st" || len(tl.Events) != 2 || tl.Itinerary != nil {
		t.Errorf("TimelineOf(st) = %+v, %v", tl, err)
	}

	art, err := Article(ctx, s, "c.txt")
	if err != nil {
		t.Fatal(err)
	}
	if art.ID != "c" || len(art.Linked) != 1 || art.Linked[0].ID != "b" || art.Refs[0] != "c.txt" {
		t.Errorf("Article(c) = id %s, linked %+v, refs %v", art.ID, art.Linked, art.Refs)
	}
}

func TestClipAndHeadline(t *testing.T) {
	if got := Clip("héllo world", 6); got != "héllo…" {
		t.Errorf("Clip = %q", got)
	}
	if got := Headline(&storyline.Article{Text: "First line\nsecond"}); got != "(First line)" {
		t.Errorf("Headline = %q", got)
	}
}

func TestWords(t *testing.T) {
	for _, s := range []string{"", " ", "one", "two words", "  lead and\n\ntrail  ", "tab\tand\u00a0nbsp\u2003em space", "ünï cödé 你好 世界", "a\x80b c"} {
		if got, want := Words(s), len(strings.Fields(s)); got != want {
			t.Errorf("Words(%q) = %d, want %d", s, got, want)
		}
	}
}
