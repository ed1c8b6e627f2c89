package eval

import (
	"math"
	"reflect"
	"testing"
)

func TestRougeTokens(t *testing.T) {
	for _, c := range []struct {
		text  string
		limit int
		want  []string
	}{
		{"The Elections were held.", 0, []string{"the", "elect", "were", "held"}},
		{"U.S.-led talks", 0, []string{"u", "s", "led", "talk"}},
		{"one two three four", 2, []string{"one", "two"}},
		{"Gaza's 27,478 dead", 0, []string{"gaza", "s", "27", "478", "dead"}},
		{"  — ", 0, nil},
	} {
		if got := RougeTokens(c.text, c.limit); !reflect.DeepEqual(got, c.want) {
			t.Errorf("RougeTokens(%q, %d) = %q, want %q", c.text, c.limit, got, c.want)
		}
	}
}

// TestRougeN checks hand-computed scores.
func TestRougeN(t *testing.T) {
	cand := RougeTokens("the cat sat on the mat", 0)
	r1 := RougeTokens("the cat was on the mat", 0)
	r2 := RougeTokens("a cat sat on a mat", 0)
	for _, c := range []struct {
		n    int
		refs [][]string
		r, p float64
	}{
		{1, [][]string{r1}, 5.0 / 6, 5.0 / 6},       // the×2, cat, on, mat of 6
		{2, [][]string{r1}, 3.0 / 5, 3.0 / 5},       // the cat, on the, the mat of 5
		{1, [][]string{r1, r2}, 9.0 / 12, 9.0 / 12}, // hits and counts summed over references
		{2, [][]string{r2}, 2.0 / 5, 2.0 / 5},       // cat sat, sat on
		{1, [][]string{RougeTokens("the cat", 0)}, 1, 2.0 / 6},
	} {
		s := RougeN(c.n, cand, c.refs)
		f := 0.0
		if c.r+c.p > 0 {
			f = 2 * c.r * c.p / (c.r + c.p)
		}
		if math.Abs(s.Recall-c.r) > 1e-9 || math.Abs(s.Precision-c.p) > 1e-9 || math.Abs(s.F1-f) > 1e-9 {
			t.Errorf("ROUGE-%d vs %v: %+v, want R %.4f P %.4f", c.n, c.refs, s, c.r, c.p)
		}
	}
	if s := RougeN(2, nil, [][]string{r1}); s != (RougeScore{}) {
		t.Errorf("empty candidate: %+v", s)
	}
}
