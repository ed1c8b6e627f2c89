package describe

import (
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/timex"
)

// FuzzDescribe runs Summarize, Claims and Quotes on arbitrary text and
// checks that they do not fail and that every offset they return is in
// the text.
func FuzzDescribe(f *testing.F) {
	for _, s := range []string{
		"More than 27,000 Palestinians have been killed, and “we will respond,” Blinken said.",
		"``A'' \"b\" ‘c’ $ 5 m 3m - 2 -- 1.5 million percent per cent tens of thousands of",
		"RIYADH, Saudi Arabia — He said. However, they did. The move\n\n\n“",
		"\xff\xfe 12,3,4,,5 ...",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := &storyline.Article{ID: "f", Text: text, Published: "2024-02-05"}
		if utf8.ValidString(text) {
			a = dated("f", "2024-02-05", text)
		}
		arts := []*storyline.Article{a}
		for _, s := range Summarize(arts, SummaryOptions{Words: 50}) {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
				t.Fatalf("summary sentence %q at %d:%d", s.Text, s.Start, s.End)
			}
		}
		for _, g := range Claims(arts) {
			for _, c := range g.Claims {
				if c.Start < 0 || c.End > len(text) || c.Start > c.End || text[c.Start:c.End] != c.Text {
					t.Fatalf("claim %q at %d:%d", c.Text, c.Start, c.End)
				}
			}
		}
		for _, q := range Quotes(arts) {
			if q.Start < 0 || q.End > len(text) || q.Start > q.End || text[q.Start:q.End] != q.Text {
				t.Fatalf("quote %q at %d:%d", q.Text, q.Start, q.End)
			}
		}
	})
}

// FuzzEvent describes one-article events whose mentions fall anywhere in
// the text, across sentence ends too, and checks that nothing fails and
// that the title is text.
func FuzzEvent(f *testing.F) {
	f.Add("Blinken met el-Sisi in Cairo on Tuesday. He left.", 0, 7, 30, 35)
	f.Add("A. B\n\nC met D.", 1, 5, 3, 9)
	f.Add("Talks in Doha", 9, 13, 0, 5)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		if !utf8.ValidString(text) {
			return
		}
		clamp := func(x int) int { return min(max(x, 0), len(text)) }
		s1, e1, s2, e2 = clamp(s1), clamp(e1), clamp(s2), clamp(e2)
		if s1 > e1 {
			s1, e1 = e1, s1
		}
		if s2 > e2 {
			s2, e2 = e2, s2
		}
		a := &storyline.Article{ID: "f", Text: text, Published: "2024-02-06", Dateline: text[:min(len(text), 6)]}
		a.Timexes = timex.Tag(text, a.Published)
		a.SentenceDates = timex.SentenceDates(text, a.Published, a.Timexes)
		a.Entities = []storyline.Mention{
			{Start: s1, End: e1, Text: text[s1:e1], Type: storyline.PER, Entity: "p"},
			{Start: s2, End: e2, Text: text[s2:e2], Type: storyline.LOC, Entity: "l"},
		}
		ents := Entities{"p": {ID: "p", Name: text[s1:e1], Type: storyline.PER},
			"l": {ID: "l", Name: text[s2:e2], Type: storyline.LOC, Place: &storyline.Place{Name: "x", Kind: "city"}}}
		e := &storyline.Event{ID: "e"}
		Event(e, []*storyline.Article{a}, ents)
		if !utf8.ValidString(e.Title) {
			t.Fatalf("title %q is not text", e.Title)
		}
	})
}
