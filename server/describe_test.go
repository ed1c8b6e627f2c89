package server

import (
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestTimelineAndItinerary(t *testing.T) {
	blinken := storyline.EntityRef{ID: "blinken", Name: "Antony Blinken", Type: "PER"}
	place := func(name string) storyline.EntityRef {
		return storyline.EntityRef{ID: strings.ToLower(name), Name: name, Type: "LOC", Place: &storyline.Place{Name: name}}
	}
	events := []storyline.Event{
		{ID: "c", Start: "2024-06-10", End: "2024-06-11", Places: []storyline.EntityRef{place("Cairo")}, Participants: []storyline.EntityRef{blinken}},
		{ID: "u", Places: []storyline.EntityRef{place("Gaza")}, Participants: []storyline.EntityRef{blinken}},
		{ID: "a", Start: "2024-02-05", End: "2024-02-05", Places: []storyline.EntityRef{place("Riyadh"), place("Saudi Arabia")}, Participants: []storyline.EntityRef{blinken}},
		{ID: "b2", Start: "2024-02-06", End: "2024-02-07", Places: []storyline.EntityRef{place("Doha")}, Participants: []storyline.EntityRef{blinken}},
		{ID: "b1", Start: "2024-02-06", End: "2024-02-06", Places: []storyline.EntityRef{place("Cairo")}, Participants: []storyline.EntityRef{blinken}},
		{ID: "x", Start: "2024-02-08", Places: []storyline.EntityRef{place("Tel Aviv")}},
		{ID: "n", Start: "2024-02-09", Participants: []storyline.EntityRef{blinken}},
	}
	var ids []string
	for _, e := range timeline(events) {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, ","); got != "a,b1,b2,x,n,c" {
		t.Errorf("timeline %s, want a,b1,b2,x,n,c (undated dropped)", got)
	}
	var stops []string
	for _, s := range itinerary("blinken", events) {
		stops = append(stops, s.Date+" "+s.Place.Name+" "+s.Event)
	}
	want := "2024-02-05 Riyadh a|2024-02-06 Cairo b1|2024-02-06 Doha b2|2024-06-10 Cairo c"
	if got := strings.Join(stops, "|"); got != want {
		t.Errorf("itinerary %s, want %s", got, want)
	}
	if got := itinerary("nobody", events); len(got) != 0 {
		t.Errorf("itinerary of nobody: %v", got)
	}
}

func TestGroupCopies(t *testing.T) {
	a := func(id, dup string) *storyline.Article {
		return &storyline.Article{ID: id, DuplicateOf: dup, Title: id}
	}
	for _, tc := range []struct {
		name string
		in   []*storyline.Article
		want string
	}{
		{"none", nil, ""},
		{"singles", []*storyline.Article{a("1", ""), a("2", "")}, "1;2"},
		{"copies after their origin", []*storyline.Article{a("1", ""), a("2", "1"), a("3", ""), a("4", "1")}, "1:2,4;3"},
		{"a copy before its origin", []*storyline.Article{a("2", "1"), a("3", ""), a("1", "")}, "1:2;3"},
		{"origin not in the list", []*storyline.Article{a("2", "9"), a("4", "9")}, "2:4"},
	} {
		var groups []string
		for _, g := range groupCopies(tc.in) {
			s := g.Origin.ID
			var copies []string
			for _, c := range g.Copies {
				copies = append(copies, c.ID)
			}
			if len(copies) > 0 {
				s += ":" + strings.Join(copies, ",")
			}
			groups = append(groups, s)
		}
		if got := strings.Join(groups, ";"); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
