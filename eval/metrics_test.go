package eval

import (
	"math"
	"reflect"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"don't stop_me now 42x", []string{"don", "t", "stop_me", "now", "42x"}},
		{"café – naïve", []string{"café", "naïve"}},
		{"宇航员在太空中 喝酒", []string{"宇航员在太空中", "喝酒"}},
		{"  ...  ", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWordCounts(t *testing.T) {
	tests := []struct {
		got, want string
		c         Counts
		p, r, f1  float64
	}{
		// identical, case and punctuation ignored
		{"The cat sat.", "the CAT sat", Counts{3, 0, 0}, 1, 1, 1},
		// got has 4 tokens (the x2), want 3: overlap the,cat,sat = 3; extra "the"
		{"the the cat sat", "the cat sat", Counts{3, 1, 0}, 0.75, 1, 2 * 0.75 / 1.75},
		// got 2 of want's 4 tokens, plus 1 extra
		{"a b z", "a b c d", Counts{2, 1, 2}, 2.0 / 3, 0.5, 2 * (2.0 / 3) * 0.5 / (2.0/3 + 0.5)},
		// nothing extracted
		{"", "a b", Counts{0, 0, 2}, 0, 0, 0},
		// nothing expected nor extracted
		{"", "", Counts{}, 1, 1, 1},
		// multiset: want has "x" twice, got once
		{"x y", "x x y", Counts{2, 0, 1}, 1, 2.0 / 3, 0.8},
	}
	for _, tt := range tests {
		c := WordCounts(tt.got, tt.want)
		if c != tt.c {
			t.Errorf("WordCounts(%q, %q) = %+v, want %+v", tt.got, tt.want, c, tt.c)
		}
		if !near(c.Precision(), tt.p) || !near(c.Recall(), tt.r) || !near(c.F1(), tt.f1) {
			t.Errorf("WordCounts(%q, %q): P %v R %v F1 %v, want %v %v %v", tt.got, tt.want,
				c.Precision(), c.Recall(), c.F1(), tt.p, tt.r, tt.f1)
		}
	}
}

func TestShingles(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []string
	}{
		{"", 4, nil},
		{"a b", 4, []string{"a b"}},
		{"a b c d", 4, []string{"a b c d"}},
		{"a b c d e", 4, []string{"a b c d", "b c d e"}},
		{"A, b. C d!", 2, []string{"A b", "b C", "C d"}},
	}
	for _, tt := range tests {
		if got := Shingles(tt.in, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Shingles(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestShingleCounts(t *testing.T) {
	// want: a b c d e f -> 3 shingles (abcd, bcde, cdef)
	// got:  a b c d e x -> 3 shingles (abcd, bcde, cdex): 2 shared
	c := ShingleCounts("a b c d e x", "a b c d e f")
	if c != (Counts{2, 1, 1}) {
		t.Fatalf("ShingleCounts = %+v, want {2 1 1}", c)
	}
	n := c.Normalized()
	if !near(n.TP, 0.5) || !near(n.FP, 0.25) || !near(n.FN, 0.25) {
		t.Errorf("Normalized = %+v, want {0.5 0.25 0.25}", n)
	}
	// Case matters for shingles (as in the benchmark), not for words.
	if c := ShingleCounts("A b c d", "a b c d"); c != (Counts{0, 1, 1}) {
		t.Errorf("ShingleCounts case: %+v, want {0 1 1}", c)
	}
	// Normalising a zero count leaves it zero.
	if z := (Counts{}).Normalized(); z != (Counts{}) {
		t.Errorf("zero Normalized = %+v", z)
	}
}

func TestNormalizeTitle(t *testing.T) {
	if got := NormalizeTitle("  A \n title\twith   space "); got != "A title with space" {
		t.Errorf("NormalizeTitle = %q", got)
	}
}

func TestDateMatch(t *testing.T) {
	tests := []struct {
		got, want string
		day, full bool
	}{
		{"2024-03-05", "2024-03-05", true, true},
		{"2024-03-05T14:30:00+01:00", "2024-03-05", true, false},
		{"2024-03-05T14:30:00+01:00", "2024-03-05T14:30:00+01:00", true, true},
		{"2024-03-05T14:30:00Z", "2024-03-05T14:30:00+00:00", true, true},
		{"2024-03-05T14:30:00.250Z", "2024-03-05T14:30:00Z", true, true},
		{"2024-03-05T14:30:00", "2024-03-05T14:30:00Z", true, false},
		{"2024-03-05T13:30:00Z", "2024-03-05T14:30:00+01:00", true, false}, // same instant, other offset
		{"2024-03-06", "2024-03-05", false, false},
		{"", "2024-03-05", false, false},
	}
	for _, tt := range tests {
		day, full := DateMatch(tt.got, tt.want)
		if day != tt.day || full != tt.full {
			t.Errorf("DateMatch(%q, %q) = %v, %v; want %v, %v", tt.got, tt.want, day, full, tt.day, tt.full)
		}
	}
}
