package cluster

import (
	"slices"
	"strings"

	"github.com/storyline/storyline"
)

// leadSentences is how many first sentences of an article say where its
// news happened.
const leadSentences = 3

// whereCues come right before a place where something happens or someone
// is: "in Cairo", "visited Cairo", "arrived in".
var whereCues = map[string]bool{"in": true, "at": true, "to": true, "visited": true, "visiting": true,
	"visit": true, "reached": true, "toured": true}

// whereOf returns the entity IDs of the local places (cities, sites) an
// article says its news happened at: its dateline's place, and the local
// places of its lead sentences that follow a place cue ("talks in Cairo",
// "visited Cairo"). Countries and regions are left out: a visit to Egypt
// and one to Cairo may be one.
func whereOf(a *storyline.Article) []string {
	end := len(a.Text)
	if n := len(a.SentenceDates); n > 0 {
		end = a.SentenceDates[min(leadSentences, n)-1].End
	}
	var out []string
	add := func(id string) {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	dateline := strings.ToLower(a.Dateline)
	for _, m := range a.Entities {
		if m.Type != storyline.LOC || m.Entity == "" || entityKind(m) != kindLocal {
			continue
		}
		if dateline != "" && strings.HasPrefix(dateline, strings.ToLower(m.Text)) {
			add(m.Entity)
			continue
		}
		if m.Start >= end {
			continue
		}
		before := strings.Fields(strings.ToLower(a.Text[max(0, m.Start-30):m.Start]))
		if n := len(before); n > 0 && before[n-1] == "the" {
			before = before[:n-1]
		}
		if n := len(before); n > 0 && whereCues[strings.Trim(before[n-1], ",;:")] {
			add(m.Entity)
		}
	}
	return out
}

// apartInTimeOrPlace tells whether two articles report happenings at
// different times and places, so that they cannot report one event. Two
// full dates must differ and so must the places (both say where, and no
// place is shared): full dates alone may differ within one event
// (coverage over days), and so may places (a story told from two cities);
// both together may not. A partial date (an undated article's "on
// Thursday") counts only when its lead says it, and then a disagreement
// is enough: the lead tells the day of the news, and Thursday's news is
// not Tuesday's. comparable is false when neither can be told.
func apartInTimeOrPlace(a, b *doc) (comparable, apart bool) {
	dc, agree := compareDates(a.date, b.date)
	if !dc {
		return false, false
	}
	if !a.date.full || !b.date.full {
		// a partial date says when only when it is the lead's
		if (!a.date.full && !a.leadDate) || (!b.date.full && !b.leadDate) {
			return false, false
		}
		return true, !agree
	}
	if len(a.where) == 0 || len(b.where) == 0 {
		return false, false
	}
	if a.date.day == b.date.day {
		return true, false
	}
	for _, x := range a.where {
		if slices.Contains(b.where, x) {
			return true, false
		}
	}
	return true, true
}

// elsewhen tells whether d reports a happening at another time and place
// than event e: apart from every kept article of e it can be compared
// with, and comparable with one at least.
func elsewhen(d *doc, e *event) bool {
	seen := false
	for _, r := range e.recent {
		comparable, apart := apartInTimeOrPlace(d, r)
		if comparable && !apart {
			return false
		}
		seen = seen || comparable
	}
	return seen
}

// eventsApart tells whether two events happened at different times and
// places: no pair of their kept articles that can be compared is together,
// and one pair can be.
func eventsApart(a, b *event) bool {
	seen := false
	for _, r := range a.recent {
		for _, q := range b.recent {
			comparable, apart := apartInTimeOrPlace(r, q)
			if comparable && !apart {
				return false
			}
			seen = seen || comparable
		}
	}
	return seen
}
