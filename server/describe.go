package server

import (
	"sort"

	"github.com/storyline/storyline"
)

// LOCAL FALLBACK. The lead engineer is adding describe.Timeline and
// describe.Itinerary (pure functions of package describe). Until they are
// on main, timeline and itinerary below do the same; once they are, these
// two become calls to them (and this file goes).

// timeline returns the dated events, oldest first (by Start, then End,
// then ID): describe.Timeline(events).
func timeline(events []storyline.Event) []storyline.Event {
	out := []storyline.Event{}
	for _, e := range events {
		if e.Start != "" {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.ID < b.ID
	})
	return out
}

// itinerary returns the places the entity was at by date: for each dated
// event with a place that has the entity among its participants, the
// event's most central place, oldest first: describe.Itinerary(entity,
// events).
func itinerary(entity string, events []storyline.Event) []storyline.Stop {
	stops := []storyline.Stop{}
	for _, e := range timeline(events) {
		if len(e.Places) == 0 || !participates(entity, e) {
			continue
		}
		stops = append(stops, storyline.Stop{Date: e.Start, Place: e.Places[0], Event: e.ID})
	}
	return stops
}

func participates(entity string, e storyline.Event) bool {
	for _, p := range e.Participants {
		if p.ID == entity {
			return true
		}
	}
	return false
}
