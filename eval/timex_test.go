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
