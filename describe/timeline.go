package describe

import (
	"slices"
	"strings"

	"github.com/storyline/storyline"
)

// Timeline returns the dated events of events, oldest first (by Start,
// then End, then ID); undated events are left out. events is not changed.
func Timeline(events []storyline.Event) []storyline.Event {
	var out []storyline.Event
	for _, e := range events {
		if e.Start != "" {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b storyline.Event) int {
		if c := strings.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := strings.Compare(a.End, b.End); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// Itinerary returns where the entity with this ID was, by date: for each
// dated event it takes part in (as a participant), in date order, the
// event's places — its cities when it names any, else its other places.
// A place repeated on the next step of the same day is given once.
func Itinerary(entity string, events []storyline.Event) []storyline.Stop {
	var out []storyline.Stop
	for _, e := range Timeline(events) {
		if !slices.ContainsFunc(e.Participants, func(p storyline.EntityRef) bool { return p.ID == entity }) {
			continue
		}
		for _, p := range stopPlaces(e.Places) {
			if n := len(out); n > 0 && out[n-1].Place.ID == p.ID && out[n-1].Date == e.Start {
				continue
			}
			out = append(out, storyline.Stop{Date: e.Start, Place: p, Event: e.ID})
		}
	}
	return out
}

// stopPlaces are the places of an event a person is said to be at: the
// cities when there are any (a visit to Cairo is a visit to Egypt too),
// else the places as they are.
func stopPlaces(places []storyline.EntityRef) []storyline.EntityRef {
	var cities []storyline.EntityRef
	for _, p := range places {
		if p.Place != nil && p.Place.Kind == "city" {
			cities = append(cities, p)
		}
	}
	if len(cities) > 0 {
		return cities
	}
	return places
}
