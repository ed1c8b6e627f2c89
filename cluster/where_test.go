package cluster

import (
	"reflect"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestWhereOf(t *testing.T) {
	mention := func(text, name, id string) storyline.Mention {
		i := strings.Index(text, name)
		return storyline.Mention{Start: i, End: i + len(name), Text: name, Type: storyline.LOC, Entity: id}
	}
	text := "PARIS — The minister visited Lyon and talks in Cairo followed. Egypt welcomed it. Later, a fire in Marseille."
	a := &storyline.Article{Text: text, Dateline: "PARIS"}
	a.Entities = []storyline.Mention{mention(text, "PARIS", "paris"), mention(text, "Lyon", "lyon"),
		mention(text, "Cairo", "cairo"), mention(text, "Egypt", "egypt"), mention(text, "Marseille", "marseille")}
	a.SentenceDates = []storyline.SentenceDate{{Start: 0, End: 62}, {Start: 63, End: 81}, {Start: 82, End: len(text)}}
	// Egypt is a country; Marseille is in the third sentence, but the lead is three.
	if got, want := whereOf(a), []string{"paris", "lyon", "cairo", "marseille"}; !reflect.DeepEqual(got, want) {
		t.Errorf("whereOf = %v, want %v", got, want)
	}
	a.SentenceDates = a.SentenceDates[:1]
	if got, want := whereOf(a), []string{"paris", "lyon", "cairo"}; !reflect.DeepEqual(got, want) {
		t.Errorf("whereOf with a one-sentence lead = %v, want %v", got, want)
	}
}

func TestApartInTimeOrPlace(t *testing.T) {
	day := func(s string) pdate { return parseDate(s) }
	for _, c := range []struct {
		name                 string
		a, b                 doc
		comparable, apartTwo bool
	}{
		{"other day, other city", doc{date: day("2024-02-05"), where: []int32{1}}, doc{date: day("2024-02-06"), where: []int32{2, 3}}, true, true},
		{"other day, a city shared", doc{date: day("2024-02-05"), where: []int32{1}}, doc{date: day("2024-02-06"), where: []int32{3, 1}}, true, false},
		{"same day, other city", doc{date: day("2024-02-06"), where: []int32{1}}, doc{date: day("2024-02-06"), where: []int32{2}}, true, false},
		{"other day, no place", doc{date: day("2024-02-05")}, doc{date: day("2024-02-06"), where: []int32{2}}, false, false},
		{"lead weekday against a full date", doc{date: day("XXXX-WXX-4"), leadDate: true}, doc{date: day("2024-02-06")}, true, true},
		{"lead weekday that agrees", doc{date: day("XXXX-WXX-2"), leadDate: true}, doc{date: day("2024-02-06")}, true, false},
		{"weekday mentioned later", doc{date: day("XXXX-WXX-4")}, doc{date: day("2024-02-06")}, false, false},
		{"no dates", doc{}, doc{}, false, false},
	} {
		for _, swap := range []bool{false, true} {
			a, b := c.a, c.b
			if swap {
				a, b = b, a
			}
			comparable, apart := apartInTimeOrPlace(&a, &b)
			if comparable != c.comparable || apart != c.apartTwo {
				t.Errorf("%s (swapped %v): comparable %v apart %v, want %v %v", c.name, swap, comparable, apart, c.comparable, c.apartTwo)
			}
		}
	}
}
