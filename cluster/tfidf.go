package cluster

import (
	"math"
	"sort"
)

// vocab interns terms and counts in how many documents each occurs, so
// that inverse document frequencies follow the stream as it arrives.
type vocab struct {
	ids  map[string]int32
	df   []int32
	docs int
}

func newVocab() *vocab { return &vocab{ids: map[string]int32{}} }

// id returns the id of term t, adding it when new.
func (v *vocab) id(t string) int32 {
	if i, ok := v.ids[t]; ok {
		return i
	}
	i := int32(len(v.df))
	v.ids[t] = i
	v.df = append(v.df, 0)
	return i
}

// add counts one more document holding the given term ids (each once).
func (v *vocab) add(ids []int32) {
	v.docs++
	for _, i := range ids {
		v.df[i]++
	}
}

// idf is the smoothed inverse document frequency ln((1+N)/(1+df)) + 1.
func (v *vocab) idf(i int32) float64 {
	return math.Log(float64(1+v.docs)/float64(1+v.df[i])) + 1
}

// tf is a bag of term ids with sublinear term-frequency weights 1+ln(tf).
type tf map[int32]float32

// bag counts the terms of toks (interned in v), weighting the title's
// terms double, and returns their 1+ln(tf) weights.
func bag(v *vocab, title, body []string) tf {
	counts := map[int32]float64{}
	for _, t := range title {
		counts[v.id(t)] += 2
	}
	for _, t := range body {
		counts[v.id(t)]++
	}
	out := make(tf, len(counts))
	for i, c := range counts {
		out[i] = float32(1 + math.Log(c))
	}
	return out
}

// ids returns the term ids of b, sorted.
func (b tf) ids() []int32 {
	out := make([]int32, 0, len(b))
	for i := range b {
		out = append(out, i)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// norm is the length of b weighted by the current idf of v.
func (b tf) norm(v *vocab) float64 {
	s := 0.0
	for i, w := range b {
		x := float64(w) * v.idf(i)
		s += x * x
	}
	return math.Sqrt(s)
}

// cosine is the cosine of the tf-idf vectors of a and b, given their
// norms (from norm).
func cosine(v *vocab, a tf, na float64, b tf, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	dot := 0.0
	for i, w := range a {
		if u, ok := b[i]; ok {
			idf := v.idf(i)
			dot += float64(w) * float64(u) * idf * idf
		}
	}
	c := dot / (na * nb)
	if c > 1 {
		c = 1
	}
	return c
}

// top returns the ids of the k terms of b with the highest tf-idf weight,
// ties by id.
func (b tf) top(v *vocab, k int) []int32 {
	type tw struct {
		id int32
		w  float64
	}
	all := make([]tw, 0, len(b))
	for i, w := range b {
		all = append(all, tw{i, float64(w) * v.idf(i)})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].w != all[j].w {
			return all[i].w > all[j].w
		}
		return all[i].id < all[j].id
	})
	if len(all) > k {
		all = all[:k]
	}
	out := make([]int32, len(all))
	for i, x := range all {
		out[i] = x.id
	}
	return out
}

// addTo adds b into the centroid sum c and keeps at most max terms of c
// (the heaviest), so that long-running events stay small.
func addTo(c tf, b tf, max int) tf {
	for i, w := range b {
		c[i] += w
	}
	if len(c) <= max {
		return c
	}
	type tw struct {
		id int32
		w  float32
	}
	all := make([]tw, 0, len(c))
	for i, w := range c {
		all = append(all, tw{i, w})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].w != all[j].w {
			return all[i].w > all[j].w
		}
		return all[i].id < all[j].id
	})
	for _, x := range all[max:] {
		delete(c, x.id)
	}
	return c
}
