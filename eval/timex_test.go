package eval

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline"
)

func TestScoreTimex(t *testing.T) {
	text := "He met them on Monday and left two days later, in March 2023."
	gold := []storyline.Timex{
		{Start: 15, End: 21, Type: "DATE", Value: "2024-02-05"}, // Monday
		{Start: 31, End: 39, Type: "DURATION", Value: "P2D"},    // two days
		{Start: 50, End: 60, Type: "DATE", Value: "2023-03"},    // March 2023
	}
	tests := []struct {
		name                   string
		got                    []storyline.Timex
		relaxed, strict, value PRF
		valueAcc, typeAcc      float64
	}{
		{
			name:    "perfect",
			got:     gold,
			relaxed: newPRF(3, 0, 0), strict: newPRF(3, 0, 0), value: newPRF(3, 0, 0),
			valueAcc: 1, typeAcc: 1,
		},
		{
			name: "overlap, wrong value, wrong type, spurious, missed",
			got: []storyline.Timex{
				{Start: 12, End: 21, Type: "DATE", Value: "2024-02-05"}, // "on Monday": relaxed only
				{Start: 31, End: 45, Type: "DATE", Value: "2024-02-07"}, // "two days later": wrong value and type
				{Start: 0, End: 2, Type: "DATE", Value: "PRESENT_REF"},  // spurious
			},
			relaxed:  newPRF(2, 1, 1),
			strict:   newPRF(0, 3, 3),
			value:    newPRF(1, 2, 2),
			valueAcc: 0.5, typeAcc: 0.5,
		},
		{
			name:    "nothing found",
			relaxed: newPRF(0, 0, 3), strict: newPRF(0, 0, 3), value: newPRF(0, 0, 3),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := []TimexDoc{{ID: "d", Text: text, Published: "2024-02-06", Timexes: gold}}
			s := ScoreTimex("hand", docs, func(string, string) []storyline.Timex { return tt.got }, true)
			if s.Relaxed != tt.relaxed || s.Strict != tt.strict || s.Value != tt.value {
				t.Errorf("relaxed %+v strict %+v value %+v, want %+v %+v %+v", s.Relaxed, s.Strict, s.Value, tt.relaxed, tt.strict, tt.value)
			}
			if math.Abs(s.ValueAccuracy-tt.valueAcc) > 1e-9 || math.Abs(s.TypeAccuracy-tt.typeAcc) > 1e-9 {
				t.Errorf("value acc %v type acc %v, want %v %v", s.ValueAccuracy, s.TypeAccuracy, tt.valueAcc, tt.typeAcc)
			}
		})
	}
}

func TestAlignTimexOneToOne(t *testing.T) {
	gold := []storyline.Timex{{Start: 0, End: 10}, {Start: 12, End: 20}}
	got := []storyline.Timex{{Start: 0, End: 20}} // overlaps both: pairs with one
	pairs, used := alignTimex(gold, got)
	n := 0
	for _, p := range pairs {
		if p >= 0 {
			n++
		}
	}
	if n != 1 || !used[0] {
		t.Errorf("pairs %v used %v: want one pair", pairs, used)
	}
}

func TestLoadTimexDocs(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data")
	path := filepath.Join(dir, "meantime", "timex.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	docs, err := LoadTimexDocs(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		n += len(d.Timexes)
		for _, x := range d.Timexes {
			if x.Text != d.Text[x.Start:x.End] || x.Text == "" {
				t.Fatalf("%s: bad gold text %q", d.ID, x.Text)
			}
		}
	}
	if len(docs) != 120 || n != 488 {
		t.Errorf("%d docs, %d timexes; want 120, 488", len(docs), n)
	}
	if _, err := LoadTimexDocs(filepath.Join(dir, "no-such.jsonl")); err == nil {
		t.Error("no error for a missing file")
	}
}

func TestScoreSentenceDates(t *testing.T) {
	// Four sentences, one per proxy class, and a date line left out.
	text := "March 1, 2024\n" + // 0-13: a date line, left out
		"He met them on Monday.\n" + // 14-36: one day-precise date
		"Sales rose in March, as they do now.\n" + // 37-73: several dates (March, now)
		"Prices fell last week.\n" + // 74-96: one coarser date
		"Nobody knows why.\n" // 97-114: no time expression
	gold := []storyline.Timex{
		{Start: 0, End: 13, Type: "DATE", Value: "2024-03-01"},
		{Start: 29, End: 35, Type: "DATE", Value: "2024-03-04"},
		{Start: 51, End: 56, Type: "DATE", Value: "2024-03"},
		{Start: 69, End: 72, Type: "DATE", Value: "PRESENT_REF"},
		{Start: 86, End: 95, Type: "DATE", Value: "2024-W09"},
	}
	for i, g := range gold {
		gold[i].Text = text[g.Start:g.End]
	}
	docs := []TimexDoc{{ID: "d", Text: text, Published: "2024-03-05", Timexes: gold}}
	// The dater under test returns fixed values per sentence, in order.
	dater := func(values ...string) SentenceDater {
		return func(text, published string, _ []storyline.Timex) []storyline.SentenceDate {
			spans := [][2]int{{0, 13}, {14, 36}, {37, 73}, {74, 96}, {97, 114}}
			out := make([]storyline.SentenceDate, len(spans))
			for i, s := range spans {
				out[i] = storyline.SentenceDate{Start: s[0], End: s[1], Value: values[i], Confidence: 0.9, Timex: -1}
			}
			return out
		}
	}
	none := func(string, string) []storyline.Timex { return nil }
	tests := []struct {
		name   string
		values []string
		right  map[string]int
	}{
		{"all right", []string{"x", "2024-03-04", "2024-03-05", "2024-W09", "2024-03-05"},
			map[string]int{SentOneDay: 1, SentSeveral: 1, SentOneDate: 1, SentNoTimex: 1}},
		{"time of day dropped, other of several", []string{"x", "2024-03-04TMO", "2024-03", "2024-W08", "2024-03-04"},
			map[string]int{SentOneDay: 1, SentSeveral: 1}},
		{"all wrong", []string{"2024-03-01", "2024-03-05", "2024-02", "2024-03-05", ""},
			map[string]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScoreSentenceDates("hand", docs, none, dater(tt.values...))
			if s.Sentences != 4 {
				t.Errorf("sentences = %d, want 4 (the date line left out)", s.Sentences)
			}
			for _, c := range s.Classes {
				if c.Sentences != 1 || c.Right != tt.right[c.Class] {
					t.Errorf("%s: right %d of %d, want %d of 1", c.Class, c.Right, c.Sentences, tt.right[c.Class])
				}
			}
			if got := s.ByConfidence["0.9"]; got[1] != 4 {
				t.Errorf("by confidence = %v", s.ByConfidence)
			}
		})
	}
	// the publication-date baseline: right for the no-timex sentence and
	// for "several" (PRESENT_REF is the publication date)
	s := ScoreSentenceDates("hand", docs, none, dater("", "", "", "", ""))
	for _, c := range s.Classes {
		want := 0.0
		if c.Class == SentNoTimex || c.Class == SentSeveral {
			want = 1
		}
		if c.Baseline != want {
			t.Errorf("%s baseline = %v, want %v", c.Class, c.Baseline, want)
		}
	}
}
