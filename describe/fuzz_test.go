package describe

import (
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline"
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
