package server

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

// getJSON GETs target and decodes the JSON answer into v, failing unless
// the status is code.
func (f *fixture) getJSON(t testing.TB, target string, code int, v any) {
	t.Helper()
	res, body := f.get(t, target)
	if res.StatusCode != code {
		t.Fatalf("GET %s: %d %s, want %d", target, res.StatusCode, body, code)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("GET %s: Content-Type %q", target, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v in %s", target, err, body)
	}
}

// idList is an API list page, with the IDs of its items.
type idList struct {
	Items []struct {
		ID string `json:"id"`
	} `json:"items"`
	Limit, Offset int
	Next          *string `json:"next"`
}

func (l idList) ids() []string {
	var out []string
	for _, it := range l.Items {
		out = append(out, it.ID)
	}
	return out
}

func TestAPIListsMatchTheStore(t *testing.T) {
	f := described(t)
	ctx := context.Background()
	blinken, err := f.store.Entity(ctx, "Antony Blinken")
	if err != nil {
		t.Fatal(err)
	}
	story, err := f.store.Stories(ctx, storyline.StoryFilter{Limit: 1})
	if err != nil || len(story) == 0 {
		t.Fatal(story, err)
	}
	ids := func(list any, err error) []string {
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		switch l := list.(type) {
		case []storyline.Story:
			for _, x := range l {
				out = append(out, x.ID)
			}
		case []storyline.Event:
			for _, x := range l {
				out = append(out, x.ID)
			}
		case []*storyline.Article:
			for _, x := range l {
				out = append(out, x.ID)
			}
		case []storyline.Entity:
			for _, x := range l {
				out = append(out, x.ID)
			}
		}
		return out
	}
	for _, tc := range []struct {
		target string
		want   []string
	}{
		{"/api/stories", ids(f.store.Stories(ctx, storyline.StoryFilter{}))},
		{"/api/stories?entity=" + url.QueryEscape("Antony Blinken"), ids(f.store.Stories(ctx, storyline.StoryFilter{Entity: blinken.ID}))},
		{"/api/events", ids(f.store.Events(ctx, storyline.EventFilter{}))},
		{"/api/events?story=" + story[0].ID, ids(f.store.Events(ctx, storyline.EventFilter{Story: story[0].ID}))},
		{"/api/events?from=2024-06&to=2024-06", ids(f.store.Events(ctx, storyline.EventFilter{From: "2024-06-01", To: "2024-06-31"}))},
		{"/api/events?to=2024-02-05", ids(f.store.Events(ctx, storyline.EventFilter{To: "2024-02-05"}))},
		{"/api/events?limit=1&offset=1", ids(f.store.Events(ctx, storyline.EventFilter{Limit: 1, Offset: 1}))},
		{"/api/articles", ids(f.store.Articles(ctx, storyline.ArticleFilter{}))},
		{"/api/articles?limit=3&offset=2", ids(f.store.Articles(ctx, storyline.ArticleFilter{Limit: 3, Offset: 2}))},
		{"/api/articles?source=" + url.QueryEscape("The New York Times"), ids(f.store.Articles(ctx, storyline.ArticleFilter{Source: "The New York Times"}))},
		{"/api/articles?entity=" + blinken.ID, ids(f.store.Articles(ctx, storyline.ArticleFilter{Entity: blinken.ID}))},
		{"/api/articles?from=2024-02-06&to=2024-02-07", ids(f.store.Articles(ctx, storyline.ArticleFilter{From: "2024-02-06", To: "2024-02-07"}))},
		{"/api/articles?story=" + story[0].ID, ids(f.store.Articles(ctx, storyline.ArticleFilter{Story: story[0].ID}))},
		{"/api/entities?type=per&limit=5", ids(f.store.Entities(ctx, storyline.EntityFilter{Type: "PER", Limit: 5}))},
		{"/api/entities?name=sisi", ids(f.store.Entities(ctx, storyline.EntityFilter{Name: "sisi", Limit: defaultLimit}))},
		{"/api/entities?article=hostile-1", ids(f.store.Entities(ctx, storyline.EntityFilter{Article: f.refs["hostile-1"], Limit: defaultLimit}))},
	} {
		var l idList
		f.getJSON(t, tc.target, 200, &l)
		if strings.Join(l.ids(), ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: %v, want %v", tc.target, l.ids(), tc.want)
		}
		if len(tc.want) == 0 && strings.Contains(tc.target, "from=") {
			t.Errorf("%s: the filter keeps nothing in the fixture, so the test proves little", tc.target)
		}
	}
}

// TestAPIPagination follows next links to the end: every article once,
// in order.
func TestAPIPagination(t *testing.T) {
	f := seeded(t)
	all, err := f.store.Articles(context.Background(), storyline.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	pages := 0
	for next := "/api/articles?limit=2&source="; next != ""; pages++ {
		var l idList
		f.getJSON(t, next, 200, &l)
		got = append(got, l.ids()...)
		next = ""
		if l.Next != nil {
			next = *l.Next
		}
		if pages > len(all) {
			t.Fatal("next links do not end")
		}
	}
	var want []string
	for _, a := range all {
		want = append(want, a.ID)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("pages gave %v, want %v", got, want)
	}
	if pages != (len(all)+1)/2 {
		t.Errorf("%d pages for %d articles, 2 a page", pages, len(all))
	}
}

func TestAPISearch(t *testing.T) {
	f := seeded(t)
	hits, err := f.store.Search(context.Background(), "Rafah", 0)
	if err != nil || len(hits) < 2 {
		t.Fatalf("store search: %d hits, %v", len(hits), err)
	}
	named, err := f.store.Entities(context.Background(), storyline.EntityFilter{Name: "Rafah", Limit: maxSearchEntities})
	if err != nil || len(named) == 0 {
		t.Fatalf("store entities named Rafah: %v, %v", named, err)
	}
	var r struct {
		Query    string
		Entities []storyline.Entity
		Items    []Hit
		Next     *string
	}
	f.getJSON(t, "/api/search?q=Rafah&limit=1", 200, &r)
	if len(r.Items) != 1 || r.Items[0].Article.ID != hits[0].Article.ID || r.Items[0].Snippet != hits[0].Snippet {
		t.Errorf("search: %+v, want the store's first hit %s", r.Items, hits[0].Article.ID)
	}
	if !reflect.DeepEqual(r.Entities, named) {
		t.Errorf("search entities: %+v, want the store's %+v", r.Entities, named)
	}
	if r.Next == nil {
		t.Fatal("search: no next page")
	}
	r.Entities = nil
	f.getJSON(t, *r.Next, 200, &r)
	if len(r.Items) != 1 || r.Items[0].Article.ID != hits[1].Article.ID {
		t.Errorf("search page 2: %+v, want %s", r.Items, hits[1].Article.ID)
	}
	if r.Entities == nil || len(r.Entities) != 0 {
		t.Errorf("search page 2 entities: %#v, want [] (the first page lists them)", r.Entities)
	}
	f.getJSON(t, "/api/search?q=", 200, &r)
	if len(r.Items) != 0 {
		t.Errorf("empty search: %d hits", len(r.Items))
	}
}

func TestAPIDetails(t *testing.T) {
	f := described(t)
	ctx := context.Background()

	var st show.StoryDetail
	f.getJSON(t, "/api/stories/st-blinken-mideast", 200, &st)
	var dates []string
	for _, e := range st.Timeline {
		dates = append(dates, e.Start)
	}
	if strings.Join(dates, ",") != "2024-02-05,2024-02-06,2024-06-10," {
		t.Errorf("story timeline %q, want three dated events, then the undated one", dates)
	}

	var ev show.EventDetail
	f.getJSON(t, "/api/events/ev-cairo-2024-02-06", 200, &ev)
	ms, err := f.store.Memberships(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Memberships) != len(ms) || ev.Memberships[0].Evidence.Event.Best != ev.ID {
		t.Errorf("event memberships %+v, want %+v", ev.Memberships, ms)
	}
	if ev.Sources.Articles != 3 || ev.Sources.Independent != 2 || len(ev.Groups) != 2 {
		t.Errorf("event sources %+v in %d groups, want 3 articles, 2 independent", ev.Sources, len(ev.Groups))
	}
	for _, g := range ev.Groups {
		for _, c := range g.Copies {
			if c.DuplicateOf != g.Origin.ID {
				t.Errorf("copy %s of %s folded under %s", c.ID, c.DuplicateOf, g.Origin.ID)
			}
		}
	}
	if len(ev.Event.Summary) != 2 || len(ev.Event.Summary[0].Sources) != 2 {
		t.Errorf("event summary %+v", ev.Event.Summary)
	}

	var a show.ArticleDetail
	f.getJSON(t, "/api/articles/004_f017c9f61be14897.txt", 200, &a)
	stored, err := f.store.Article(ctx, "004_f017c9f61be14897.txt")
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != stored.ID || a.Text != stored.Text || len(a.Entities) != len(stored.Entities) || len(a.Removed) != len(stored.Removed) {
		t.Errorf("article %s differs from the store's", a.ID)
	}
	if len(a.Shared) == 0 || len(a.Linked) == 0 || a.Linked[0].ID != a.Shared[0].Of || len(a.Shared[0].Passages) == 0 {
		t.Errorf("article shared %+v, linked %+v", a.Shared, a.Linked)
	}
	if a.Evidence == nil || a.Event != "ev-riyadh-2024-02-05" {
		t.Errorf("article event %q, evidence %+v", a.Event, a.Evidence)
	}

	var e show.EntityDetail
	f.getJSON(t, "/api/entities/"+url.PathEscape("Antony Blinken"), 200, &e)
	arts, err := f.store.Articles(ctx, storyline.ArticleFilter{Entity: e.ID})
	if err != nil {
		t.Fatal(err)
	}
	if e.Sources != storyline.CountSources(arts).Independent || len(e.Entity.Articles) != len(arts) {
		t.Errorf("entity sources %d of %d articles, want %d of %d", e.Sources, len(e.Entity.Articles), storyline.CountSources(arts).Independent, len(arts))
	}
	var places []string
	for _, s := range e.Itinerary {
		places = append(places, s.Date+" "+s.Place.Name)
	}
	if strings.Join(places, ", ") != "2024-02-05 Riyadh, 2024-02-06 Cairo, 2024-02-06 Doha, 2024-06-10 Cairo" {
		t.Errorf("itinerary %v", places)
	}
	if len(e.Related) == 0 || e.Related[0].Events < e.Related[len(e.Related)-1].Events {
		t.Errorf("related %+v", e.Related)
	}

	var tl show.Timeline
	f.getJSON(t, "/api/timeline?entity="+e.ID, 200, &tl)
	if len(tl.Events) != 3 || len(tl.Itinerary) != 4 || tl.Events[0].Start > tl.Events[2].Start {
		t.Errorf("entity timeline: %d events, %d stops", len(tl.Events), len(tl.Itinerary))
	}
	tl = show.Timeline{}
	f.getJSON(t, "/api/timeline?story=st-blinken-mideast&from=2024-02-06", 200, &tl)
	if len(tl.Events) != 2 || tl.Events[0].Start != "2024-02-06" || len(tl.Itinerary) != 0 {
		t.Errorf("story timeline from 2024-02-06: %+v", tl.Events)
	}
}

// TestAPIFollowsMerges checks that an event merged into another resolves
// to it.
func TestAPIFollowsMerges(t *testing.T) {
	srv, store := emptyServer(t, Options{})
	f := &fixture{store: store, srv: srv}
	ctx := context.Background()
	err := store.PutEvents(ctx, storyline.EventUpdate{
		Events:  []storyline.Event{{ID: "ev-new", Story: "st", Title: "Merged"}},
		Stories: []storyline.Story{{ID: "st", Title: "S", Events: []string{"ev-new"}}},
		Changes: []storyline.IDChange{{Kind: storyline.ChangeMerge, Old: "ev-old", New: "ev-new", Reason: "test"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var ev show.EventDetail
	f.getJSON(t, "/api/events/ev-old", 200, &ev)
	if ev.ID != "ev-new" || len(ev.Changes) != 1 {
		t.Errorf("ev-old resolves to %s with changes %+v", ev.ID, ev.Changes)
	}
	res, _ := f.get(t, "/events/ev-old")
	if res.StatusCode != 200 {
		t.Errorf("page of a merged event: %d", res.StatusCode)
	}
}

func TestAPIErrors(t *testing.T) {
	f := seeded(t)
	for _, tc := range []struct {
		target string
		code   int
		says   string
	}{
		{"/api/stories?limit=0", 400, "limit"},
		{"/api/stories?limit=501", 400, "limit"},
		{"/api/stories?limit=ten", 400, "limit"},
		{"/api/events?offset=-1", 400, "offset"},
		{"/api/events?from=yesterday", 400, "from"},
		{"/api/events?from=2024-13", 400, "from"},
		{"/api/events?from=2024-03&to=2024-02", 400, "after"},
		{"/api/articles?entity=nobody-at-all", 404, "nobody-at-all"},
		{"/api/entities?type=PERSON", 400, "type"},
		{"/api/articles?source=" + strings.Repeat("x", 600), 400, "source"},
		{"/api/articles?source=%ff", 400, "UTF-8"},
		{"/api/stories/nope", 404, "not found"},
		{"/api/events/nope", 404, "not found"},
		{"/api/articles/nope", 404, "not found"},
		{"/api/entities/nope-nobody", 404, "not found"},
		{"/api/timeline", 400, "story or entity"},
		{"/api/timeline?story=nope", 404, "not found"},
		{"/api/nowhere", 404, "no such endpoint"},
	} {
		var e apiError
		f.getJSON(t, tc.target, tc.code, &e)
		if e.Status != tc.code || !strings.Contains(e.Error, tc.says) {
			t.Errorf("%s: %+v, want status %d saying %q", tc.target, e, tc.code, tc.says)
		}
	}
}
