package brown

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// tinyCorpus has two groups of words used in identical contexts: the
// names (alice, bob, carol) and the animals (dogs, cats, snakes).
func tinyCorpus() *Corpus {
	c := NewCorpus()
	for _, name := range []string{"alice", "bob", "carol"} {
		for _, verb := range []string{"likes", "hates"} {
			for _, animal := range []string{"dogs", "cats", "snakes"} {
				c.AddSentence(strings.Fields(fmt.Sprintf("the %s %s %s .", name, verb, animal)))
			}
		}
	}
	return c
}

func pathOf(t *testing.T, r *Result, w string) string {
	t.Helper()
	for _, x := range r.Words {
		if x.Word == w {
			return x.Path
		}
	}
	t.Fatalf("word %q not clustered", w)
	return ""
}

func TestSameContextSameCluster(t *testing.T) {
	r, err := Cluster(tinyCorpus(), Options{C: 5})
	if err != nil {
		t.Fatal(err)
	}
	if r.Clusters != 5 {
		t.Fatalf("clusters = %d, want 5", r.Clusters)
	}
	for _, g := range [][]string{{"alice", "bob", "carol"}, {"dogs", "cats", "snakes"}, {"likes", "hates"}} {
		for _, w := range g[1:] {
			if p, q := pathOf(t, r, g[0]), pathOf(t, r, w); p != q {
				t.Errorf("%s has path %s, %s has %s; want the same", g[0], p, w, q)
			}
		}
	}
	if pathOf(t, r, "alice") == pathOf(t, r, "dogs") {
		t.Errorf("names and animals share a cluster")
	}
}

func TestSiblingsInHierarchy(t *testing.T) {
	// With C = V every word is its own leaf; words with identical contexts
	// must be merged first, so they are siblings (paths differ only in
	// the last bit) or cousins inside their group's subtree.
	r, err := Cluster(tinyCorpus(), Options{C: 100})
	if err != nil {
		t.Fatal(err)
	}
	if r.Clusters != r.Vocabulary {
		t.Fatalf("clusters = %d, vocabulary %d", r.Clusters, r.Vocabulary)
	}
	lh, hh := pathOf(t, r, "likes"), pathOf(t, r, "hates")
	if len(lh) != len(hh) || lh[:len(lh)-1] != hh[:len(hh)-1] {
		t.Errorf("likes %s and hates %s are not siblings", lh, hh)
	}
	prefix := func(ws ...string) string {
		p := pathOf(t, r, ws[0])
		for _, w := range ws[1:] {
			q := pathOf(t, r, w)
			n := 0
			for n < len(p) && n < len(q) && p[n] == q[n] {
				n++
			}
			p = p[:n]
		}
		return p
	}
	names := prefix("alice", "bob", "carol")
	for _, w := range []string{"dogs", "likes", "the", "."} {
		if strings.HasPrefix(pathOf(t, r, w), names) {
			t.Errorf("%s is inside the names' subtree %q", w, names)
		}
	}
}

// bruteAMI computes the AMI of the active clusters with slots x and y
// merged (x < 0: no merge), from the bigram counts.
func bruteAMI(st *state, x, y int) float64 {
	S := st.S
	rep := func(s int) int {
		if s == y {
			return x
		}
		return s
	}
	n1 := map[int]int64{}
	n2 := map[[2]int]int64{}
	for _, a := range st.active {
		n1[rep(a)] += st.n1[a]
		for _, b := range st.active {
			n2[[2]int{rep(a), rep(b)}] += st.n2[a*S+b]
		}
	}
	N := float64(st.N)
	sum := 0.0
	for k, c := range n2 {
		if c == 0 {
			continue
		}
		p := float64(c) / N
		sum += p * math.Log(p/(float64(n1[k[0]])/N*float64(n1[k[1]])/N))
	}
	return sum
}

func TestIncrementalLosses(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	c := NewCorpus()
	for i := 0; i < 400; i++ {
		var s []string
		for j := 0; j < 3+rng.IntN(8); j++ {
			// Zipf-like vocabulary of ~60 words.
			s = append(s, fmt.Sprintf("w%d", int(math.Exp(rng.Float64()*4.1))))
		}
		c.AddSentence(s)
	}
	checks := 0
	debugCheck = func(st *state) {
		checks++
		base := bruteAMI(st, -1, -1)
		if got := st.ami(); math.Abs(got-base) > 1e-9 {
			t.Fatalf("ami %g, brute force %g", got, base)
		}
		for i, a := range st.active {
			for _, b := range st.active[i+1:] {
				want := (base - bruteAMI(st, a, b)) * float64(st.N)
				got := st.loss[a*st.S+b]
				if math.Abs(got-want) > 1e-6*(1+math.Abs(want)) {
					t.Fatalf("check %d: loss(%d,%d) = %g, brute force %g", checks, a, b, got, want)
				}
			}
		}
	}
	defer func() { debugCheck = nil }()
	if _, err := Cluster(c, Options{C: 8}); err != nil {
		t.Fatal(err)
	}
	if checks < 50 {
		t.Fatalf("only %d checks", checks)
	}
}

func TestWritePaths(t *testing.T) {
	var buf bytes.Buffer
	err := WritePaths(&buf, []Word{{"b", 2, "01"}, {"a", 5, "1"}, {"c", 7, "01"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "01\tc\t7\n01\tb\t2\n1\ta\t5\n"
	if buf.String() != want {
		t.Fatalf("got %q, want %q", buf.String(), want)
	}
}

func TestErrors(t *testing.T) {
	if _, err := Cluster(tinyCorpus(), Options{C: 0}); err == nil {
		t.Error("C = 0 accepted")
	}
	if _, err := Cluster(tinyCorpus(), Options{C: 3, MinCount: 1000}); err == nil {
		t.Error("empty vocabulary accepted")
	}
}

func BenchmarkCluster(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	c := NewCorpus()
	for i := 0; i < 20000; i++ {
		var s []string
		for j := 0; j < 20; j++ {
			s = append(s, fmt.Sprintf("w%d", int(math.Exp(rng.Float64()*8))))
		}
		c.AddSentence(s)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Cluster(c, Options{C: 100, MinCount: 2}); err != nil {
			b.Fatal(err)
		}
	}
}
