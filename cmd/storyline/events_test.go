package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// TestCLIEvents: on the bundled example, the events and stories that
// ingest assigns, listed, shown and put on a timeline as a user does.
func TestCLIEvents(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if _, stderr, code := runCLI(t, "", "--db", db, "ingest", seeds); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	type ref struct{ ID, Name, Type string }
	type event struct {
		ID, Story, Title, Start, End string
		Places, Participants         []ref
		Articles                     []string
		Sources                      struct{ Articles, Independent int }
		Memberships                  []struct {
			Article, Event string
			Evidence       struct{ Event struct{ Threshold float64 } }
		}
	}
	lines := func(out string) []string { return strings.Split(strings.TrimSpace(out), "\n") }

	out, stderr, code := runCLI(t, "", "--db", db, "events", "--json")
	if code != 0 {
		t.Fatalf("events: exit %d: %s", code, stderr)
	}
	var events []event
	articles := 0
	for _, l := range lines(out) {
		var e event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("events --json line %q: %v", l, err)
		}
		events = append(events, e)
		articles += len(e.Articles)
	}
	if articles != 5 {
		t.Errorf("the events hold %d articles, want the 5 seeds", articles)
	}
	for i := 1; i < len(events); i++ {
		if events[i].End > events[i-1].End && events[i].End != "" && events[i-1].End != "" {
			t.Errorf("events not latest first: %s after %s", events[i].End, events[i-1].End)
		}
	}

	// show event: by a prefix, with memberships and their evidence.
	e0 := events[0]
	out, stderr, code = runCLI(t, "", "--db", db, "show", "event", e0.ID[:6], "--json")
	if code != 0 {
		t.Fatalf("show event: exit %d: %s", code, stderr)
	}
	var shown event
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.ID != e0.ID || shown.Title == "" || len(shown.Memberships) != len(e0.Articles) {
		t.Errorf("show event %s: id %s, title %q, %d memberships for %d articles", e0.ID[:6], shown.ID, shown.Title, len(shown.Memberships), len(e0.Articles))
	}
	for _, m := range shown.Memberships {
		if m.Event != e0.ID || m.Evidence.Event.Threshold == 0 {
			t.Errorf("membership %+v: want this event, with evidence", m)
		}
	}
	out, _, code = runCLI(t, "", "--db", db, "show", "event", e0.ID)
	if code != 0 || !strings.Contains(out, e0.Title) || !strings.Contains(out, "articles, by origin") || !strings.Contains(out, "threshold") {
		t.Errorf("show event (text): exit %d:\n%s", code, out)
	}

	// stories: every event in one of them.
	out, stderr, code = runCLI(t, "", "--db", db, "stories", "--json")
	if code != 0 {
		t.Fatalf("stories: exit %d: %s", code, stderr)
	}
	var inStories []string
	var story struct {
		ID, Title string
		Events    []string
	}
	for _, l := range lines(out) {
		if err := json.Unmarshal([]byte(l), &story); err != nil {
			t.Fatal(err)
		}
		inStories = append(inStories, story.Events...)
	}
	var ids []string
	for _, e := range events {
		ids = append(ids, e.ID)
	}
	sort.Strings(ids)
	sort.Strings(inStories)
	if !slices.Equal(ids, inStories) {
		t.Errorf("stories hold events %v, want %v", inStories, ids)
	}
	out, _, code = runCLI(t, "", "--db", db, "show", "story", story.ID)
	if code != 0 || !strings.Contains(out, story.Title) {
		t.Errorf("show story: exit %d:\n%s", code, out)
	}

	// timeline of a person by name: dated events oldest first, an itinerary.
	out, stderr, code = runCLI(t, "", "--db", db, "timeline", "--entity", "Blinken", "--json")
	if code != 0 {
		t.Fatalf("timeline: exit %d: %s", code, stderr)
	}
	var tl struct {
		Events    []event
		Itinerary []struct {
			Date  string
			Place ref
		}
	}
	if err := json.Unmarshal([]byte(out), &tl); err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) == 0 || len(tl.Itinerary) == 0 {
		t.Fatalf("timeline of Blinken: %d events, %d stops; want some", len(tl.Events), len(tl.Itinerary))
	}
	for i := 1; i < len(tl.Events); i++ {
		if tl.Events[i].Start < tl.Events[i-1].Start {
			t.Errorf("timeline not oldest first: %s after %s", tl.Events[i].Start, tl.Events[i-1].Start)
		}
	}
	for _, s := range tl.Itinerary {
		if s.Date == "" || s.Place.Type != "LOC" {
			t.Errorf("itinerary stop %+v: want a date and a place", s)
		}
	}

	// recluster: the same assignment again, nothing moves.
	_, stderr, code = runCLI(t, "", "--db", db, "recluster", "--by-date")
	if code != 0 || !strings.Contains(stderr, "reclustered 5 articles") {
		t.Errorf("recluster: exit %d: %s", code, stderr)
	}

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"timeline"}, 2, "either --story or --entity"},
		{[]string{"events", "--from", "2024-13"}, 2, "not a day"},
		{[]string{"show", "event", "evnothing"}, 1, "no event"},
		{[]string{"events", "--entity", "Nobody At All"}, 1, "not found"},
	} {
		_, stderr, code := runCLI(t, "", append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d saying %q", c.args, code, stderr, c.code, c.want)
		}
	}
}

// TestPrintClaims checks that the text output lists the claims several
// sources give first and at most maxClaimsShown groups.
func TestPrintClaims(t *testing.T) {
	var groups []storyline.ClaimGroup
	for i := range maxClaimsShown + 3 {
		groups = append(groups, storyline.ClaimGroup{Counted: fmt.Sprintf("single%d", i), Status: storyline.ClaimSingle,
			Claims: []storyline.Claim{{Text: "one", Article: "a1"}}})
	}
	groups = append(groups, storyline.ClaimGroup{Counted: "killed", Status: storyline.ClaimAgree,
		Claims: []storyline.Claim{{Text: "27,478", Article: "a1"}, {Text: "more than 27,000", Article: "a2"}}})
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	printClaims(groups)
	os.Stdout = stdout
	w.Close()
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != maxClaimsShown+2 || !strings.HasPrefix(lines[0], fmt.Sprintf("claims (%d)", len(groups))) ||
		!strings.Contains(lines[1], "agree") || !strings.Contains(lines[len(lines)-1], "and 4 more") {
		t.Errorf("printClaims wrote:\n%s", out)
	}
}

// TestCLIRunOffline: run reclusters the store at once after the
// ingest, and show event tells it for each article.
func TestCLIRunOffline(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	out, stderr, code := runCLI(t, "", "--db", db, "run", seeds)
	if code != 0 || !strings.Contains(stderr, "reclustered 5 articles") || !strings.Contains(out, "Stories and their events") {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, stderr)
	}
	out, stderr, code = runCLI(t, "", "--db", db, "events", "--json")
	if code != 0 {
		t.Fatalf("events: exit %d: %s", code, stderr)
	}
	var e struct{ ID string }
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &e); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = runCLI(t, "", "--db", db, "show", "event", e.ID)
	if code != 0 || !strings.Contains(out, "reclustered") {
		t.Errorf("show event %s: exit %d: %s\n%s", e.ID, code, out, stderr)
	}
}
