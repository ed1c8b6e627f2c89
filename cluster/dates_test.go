package cluster

import (
	"testing"

	"github.com/storyline/storyline"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in            string
		y, m, d, wd   int
		full, anyPart bool
	}{
		{"2024-02-06", 2024, 2, 6, 2, true, true},
		{"2024-02-06T14:00", 2024, 2, 6, 2, true, true},
		{"2024-06-11T00:06:00", 2024, 6, 11, 2, true, true},
		{"2024-02", 2024, 2, 0, 0, false, true},
		{"2024", 2024, 0, 0, 0, false, true},
		{"XXXX-10-07", 0, 10, 7, 0, false, true},
		{"XXXX-11", 0, 11, 0, 0, false, true},
		{"XXXX-WXX-2", 0, 0, 0, 2, false, true},
		{"XXXX-WXX-7TNI", 0, 0, 0, 7, false, true},
		{"2024-W06", 2024, 0, 0, 0, false, true},
		{"XXXX-WXX-WE", 0, 0, 0, 0, false, false},
		{"XXXX-XX-XX", 0, 0, 0, 0, false, false},
		{"XXXX", 0, 0, 0, 0, false, false},
		{"PRESENT_REF", 0, 0, 0, 0, false, false},
		{"", 0, 0, 0, 0, false, false},
		{"2024-13-40", 2024, 0, 0, 0, false, true},
	} {
		p := parseDate(c.in)
		if int(p.y) != c.y || int(p.m) != c.m || int(p.d) != c.d || int(p.wd) != c.wd || p.full != c.full || p.any != c.anyPart {
			t.Errorf("parseDate(%q) = %+v", c.in, p)
		}
	}
	if a, b := parseDate("2024-02-06"), parseDate("2024-02-05"); a.day-b.day != 1 {
		t.Errorf("day numbers %d, %d", a.day, b.day)
	}
}

func TestCompareDates(t *testing.T) {
	for _, c := range []struct {
		a, b              string
		comparable, agree bool
	}{
		{"XXXX-WXX-2", "2024-02-06", true, true},    // a Tuesday
		{"XXXX-WXX-4", "2024-02-06", true, false},   // a Thursday is not
		{"XXXX-10-07", "2023-10-07", true, true},    // month and day
		{"XXXX-10-07", "2023-10-08", true, false},   // the day differs
		{"2008", "2005-11-27", true, false},         // the year differs
		{"XXXX-WXX-7", "XXXX-09", false, false},     // nothing in common
		{"XXXX-WXX-7", "XXXX-WXX-7", true, true},    // two undated Sundays
		{"PRESENT_REF", "2024-02-06", false, false}, // nothing known
	} {
		cp, ag := compareDates(parseDate(c.a), parseDate(c.b))
		if cp != c.comparable || ag != c.agree {
			t.Errorf("compareDates(%s, %s) = %v, %v; want %v, %v", c.a, c.b, cp, ag, c.comparable, c.agree)
		}
	}
}

func TestHappening(t *testing.T) {
	tx := func(typ, v string) storyline.Timex { return storyline.Timex{Type: typ, Value: v} }
	sd := func(v string, conf float64, timex int) storyline.SentenceDate {
		return storyline.SentenceDate{Value: v, Confidence: conf, Timex: timex}
	}
	for _, c := range []struct {
		name string
		a    storyline.Article
		want string
	}{
		{"dated, no day stated", storyline.Article{Published: "2024-02-05"}, "2024-02-05"},
		{"dated: the first stated day of the week before", storyline.Article{Published: "2024-02-07T10:00:00",
			SentenceDates: []storyline.SentenceDate{sd("2023-10-07", 0.9, 0), sd("2024-02-07", 0.3, -1), sd("2024-02-06", 0.9, 1), sd("2024-02-05", 0.9, 2)}}, "2024-02-06"},
		{"dated: a day after publication is not it", storyline.Article{Published: "2024-02-05",
			SentenceDates: []storyline.SentenceDate{sd("2024-02-09", 0.9, 0)}}, "2024-02-05"},
		{"undated: the first day-level expression", storyline.Article{Timexes: []storyline.Timex{
			tx("DATE", "XXXX-11"), tx("DURATION", "P1W"), tx("DATE", "XXXX-WXX-4"), tx("DATE", "XXXX-WXX-2")}}, "XXXX-WXX-4"},
		{"undated: else the first that says anything", storyline.Article{Timexes: []storyline.Timex{
			tx("DATE", "PRESENT_REF"), tx("DATE", "2008"), tx("DATE", "XXXX-11")}}, "2008"},
		{"undated: nothing usable", storyline.Article{Timexes: []storyline.Timex{tx("DATE", "PRESENT_REF"), tx("SET", "P1W")}}, ""},
	} {
		if got := happening(&c.a); got != parseDate(c.want) {
			t.Errorf("%s: %+v, want %s", c.name, got, c.want)
		}
	}
}
