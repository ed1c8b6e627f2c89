package describe

import (
	"reflect"
	"testing"

	"github.com/storyline/storyline"
)

func TestTimelineAndItinerary(t *testing.T) {
	blinken := storyline.EntityRef{ID: "blinken", Name: "Antony Blinken", Type: storyline.PER}
	city := func(id, name string) storyline.EntityRef {
		return storyline.EntityRef{ID: id, Name: name, Type: storyline.LOC, Place: &storyline.Place{Name: name, Kind: "city"}}
	}
	country := func(id, name string) storyline.EntityRef {
		return storyline.EntityRef{ID: id, Name: name, Type: storyline.LOC, Place: &storyline.Place{Name: name, Kind: "country"}}
	}
	riyadh, cairo, doha := city("riyadh", "Riyadh"), city("cairo", "Cairo"), city("doha", "Doha")
	events := []storyline.Event{
		{ID: "e-cairo", Start: "2024-02-06", End: "2024-02-06", Participants: []storyline.EntityRef{blinken},
			Places: []storyline.EntityRef{cairo, country("egypt", "Egypt"), doha}},
		{ID: "e-undated", Participants: []storyline.EntityRef{blinken}, Places: []storyline.EntityRef{cairo}},
		{ID: "e-riyadh", Start: "2024-02-05", End: "2024-02-05", Participants: []storyline.EntityRef{blinken},
			Places: []storyline.EntityRef{country("saudi", "Saudi Arabia"), riyadh}},
		{ID: "e-quake", Start: "2024-01-01", End: "2024-01-02", Places: []storyline.EntityRef{city("x", "X")}},
		{ID: "e-june", Start: "2024-06-11", End: "2024-06-11", Participants: []storyline.EntityRef{blinken},
			Places: []storyline.EntityRef{country("egypt", "Egypt")}},
		{ID: "e-june-2", Start: "2024-06-11", End: "2024-06-11", Participants: []storyline.EntityRef{blinken},
			Places: []storyline.EntityRef{country("egypt", "Egypt")}},
	}
	var ids []string
	for _, e := range Timeline(events) {
		ids = append(ids, e.ID)
	}
	if want := []string{"e-quake", "e-riyadh", "e-cairo", "e-june", "e-june-2"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Timeline = %v, want %v", ids, want)
	}
	type stop struct{ date, place, event string }
	var got []stop
	for _, s := range Itinerary("blinken", events) {
		got = append(got, stop{s.Date, s.Place.Name, s.Event})
	}
	want := []stop{
		{"2024-02-05", "Riyadh", "e-riyadh"},
		{"2024-02-06", "Cairo", "e-cairo"},
		{"2024-02-06", "Doha", "e-cairo"},
		{"2024-06-11", "Egypt", "e-june"}, // no city: the country; the same place that day once
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Itinerary = %v\nwant %v", got, want)
	}
	if s := Itinerary("nobody", events); len(s) != 0 {
		t.Errorf("Itinerary of an entity in no event = %v", s)
	}
}
