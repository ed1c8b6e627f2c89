package eval

import (
	"math"
	"os"
	"reflect"
	"strings"
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

// TestRougeMatchesPerl compares RougeN with the n-gram path of
// ROUGE-1.5.5.pl (readText, createNGram, ngramScore, -f A, its stemmer;
// no WordNet exceptions), run by perl 5.36 on the same three texts on
// 2026-12-02: recall and precision with and without a length limit,
// which cuts the references too.
func TestRougeMatchesPerl(t *testing.T) {
	peer := "The agreement was signed.\nU.S.-led talks on the settlement went well, officials said.\n"
	m1 := "The U.S. agreed to a settlement; the agreement was signed on Tuesday.\n"
	m2 := "Talks led by the U.S. went well.\nA settlement was agreed.\n"
	for _, c := range []struct {
		n, limit int
		r, p     float64
	}{
		{1, 0, 0.72000, 0.60000}, // hits 18, model 25, peer 30
		{1, 8, 0.55556, 0.50000}, // hits 10, model 18, peer 20
		{2, 0, 0.26087, 0.21429}, // hits 6, model 23, peer 28
		{2, 8, 0.18750, 0.16667}, // hits 3, model 16, peer 18
	} {
		s := RougeN(c.n, RougeTokens(peer, c.limit), [][]string{RougeTokens(m1, c.limit), RougeTokens(m2, c.limit)})
		if math.Abs(s.Recall-c.r) > 5e-6 || math.Abs(s.Precision-c.p) > 5e-6 {
			t.Errorf("ROUGE-%d -l %d: R %.5f P %.5f, ROUGE-1.5.5 R %.5f P %.5f", c.n, c.limit, s.Recall, s.Precision, c.r, c.p)
		}
	}
}

// TestRougeStem holds rougeStem to the stems of ROUGE-1.5.5's Perl
// stemmer (testdata/rouge_stems.tsv).
func TestRougeStem(t *testing.T) {
	b, err := os.ReadFile("testdata/rouge_stems.tsv")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) != 2 {
			continue
		}
		n++
		if got := rougeStem(f[0]); got != f[1] {
			t.Errorf("rougeStem(%q) = %q, ROUGE-1.5.5 %q", f[0], got, f[1])
		}
	}
	if n < 100 {
		t.Errorf("only %d stems checked", n)
	}
}
