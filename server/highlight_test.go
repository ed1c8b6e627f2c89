package server

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// render is a segment tree in a short notation: marked spans in
// brackets, kind first: [entity:PER Blinken].
func render(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Kind == segText {
			b.WriteString(s.Text)
			continue
		}
		b.WriteString("[" + s.Kind + ":" + s.Type + " " + render(s.Children) + "]")
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	text := "Blinken met el-Sisi in Cairo on Tuesday."
	m := func(start, end int, typ string) storyline.Mention {
		return storyline.Mention{Start: start, End: end, Type: typ, Entity: "e" + typ}
	}
	tx := func(start, end int) storyline.Timex {
		return storyline.Timex{Start: start, End: end, Type: "DATE", Value: "2024-02-06"}
	}
	for _, tc := range []struct {
		name     string
		mentions []storyline.Mention
		timexes  []storyline.Timex
		cite     [2]int
		want     string
	}{
		{"nothing", nil, nil, [2]int{}, text},
		{"mentions and a timex", []storyline.Mention{m(0, 7, "PER"), m(12, 19, "PER"), m(23, 28, "LOC")}, []storyline.Timex{tx(32, 39)}, [2]int{},
			"[entity:PER Blinken] met [entity:PER el-Sisi] in [entity:LOC Cairo] on [timex:DATE Tuesday]."},
		{"out of order input", []storyline.Mention{m(23, 28, "LOC"), m(0, 7, "PER")}, nil, [2]int{},
			"[entity:PER Blinken] met el-Sisi in [entity:LOC Cairo] on Tuesday."},
		{"cite around mentions", []storyline.Mention{m(0, 7, "PER"), m(23, 28, "LOC")}, nil, [2]int{0, 28},
			"[cite: [entity:PER Blinken] met el-Sisi in [entity:LOC Cairo]] on Tuesday."},
		{"same span: cite outside entity", []storyline.Mention{m(0, 7, "PER")}, nil, [2]int{0, 7},
			"[cite: [entity:PER Blinken]] met el-Sisi in Cairo on Tuesday."},
		{"crossing marks: the later is left out", []storyline.Mention{m(0, 10, "PER"), m(8, 19, "PER")}, nil, [2]int{},
			"[entity:PER Blinken me]t el-Sisi in Cairo on Tuesday."},
		{"nested mention in a mention", []storyline.Mention{m(12, 28, "ORG"), m(23, 28, "LOC")}, nil, [2]int{},
			"Blinken met [entity:ORG el-Sisi in [entity:LOC Cairo]] on Tuesday."},
		{"bad offsets left out", []storyline.Mention{m(-1, 3, "PER"), m(5, 5, "PER"), m(30, 99, "PER"), m(7, 3, "PER")}, nil, [2]int{3, 2}, text},
		{"adjacent marks", []storyline.Mention{m(0, 7, "PER"), m(7, 11, "MISC")}, nil, [2]int{},
			"[entity:PER Blinken][entity:MISC  met] el-Sisi in Cairo on Tuesday."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(highlight(text, tc.mentions, tc.timexes, tc.cite))
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	// Nesting is bounded.
	var nested []storyline.Mention
	for i := range 20 {
		nested = append(nested, m(i, len(text)-i, "MISC"))
	}
	if d := depth(highlight(text, nested, nil, [2]int{})); d != maxNesting {
		t.Errorf("20 nested marks nest %d deep, want %d", d, maxNesting)
	}
	// Offsets inside a character are left out.
	if got := render(highlight("Sisi’s", []storyline.Mention{{Start: 0, End: 5, Type: "PER"}}, nil, [2]int{})); got != "Sisi’s" {
		t.Errorf("a mention ending inside ’: %s", got)
	}
}

func depth(segs []Segment) int {
	d := 0
	for _, s := range segs {
		if s.Kind != segText {
			d = max(d, 1+depth(s.Children))
		}
	}
	return d
}

// flatten returns the text of a segment tree and checks that it has no
// empty piece.
func flatten(t *testing.T, segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Kind == segText {
			if s.Text == "" {
				t.Error("an empty text segment")
			}
			b.WriteString(s.Text)
			continue
		}
		if len(s.Children) == 0 {
			t.Error("a mark with nothing inside")
		}
		b.WriteString(flatten(t, s.Children))
	}
	return b.String()
}

// FuzzHighlight checks that any offsets give a tree whose text is the
// article's text, byte for byte.
func FuzzHighlight(f *testing.F) {
	f.Add("Blinken met el-Sisi in Cairo.", 0, 7, 12, 19, 23, 28)
	f.Add("Sisi’s visit", 0, 6, 2, 9, -1, 40)
	f.Add("", 0, 0, 0, 1, 1, 1)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		ms := []storyline.Mention{{Start: a, End: b, Type: "PER", Entity: "x"}, {Start: c, End: d, Type: "LOC"}}
		ts := []storyline.Timex{{Start: e, End: g, Type: "DATE"}}
		segs := highlight(text, ms, ts, [2]int{c, g})
		if got := flatten(t, segs); got != text {
			t.Fatalf("text %q came back as %q", text, got)
		}
		if utf8.ValidString(text) {
			for _, s := range segs {
				if s.Kind == segText && !utf8.ValidString(s.Text) {
					t.Fatalf("a segment splits a character: %q", s.Text)
				}
			}
		}
	})
}
