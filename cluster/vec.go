package cluster

import (
	"math"
	"slices"
)

// Kinds of vocabulary entries: terms are words, numbers or years;
// entities are people, organisations (and other named things), wide
// places (countries, regions) or local places (cities, sites). A vector's
// norms and dot products are kept per kind, so that one pass over two
// vectors gives the cosine of each kind as well as the whole.
const (
	kindWord   = 0
	kindNumber = 1
	kindYear   = 2

	kindPER   = 0
	kindORG   = 1
	kindWide  = 2
	kindLocal = 3

	nKinds = 4
)

// vocab interns terms (or entity IDs) and counts in how many documents
// each occurs, so that inverse document frequencies follow the stream as
// it arrives.
type vocab struct {
	ids  map[string]int32
	keys []string // by id
	df   []int32
	df2  []int32 // in how many documents it occurs more than once
	kind []uint8
	docs int
	bg   *Background // the document frequencies new terms start from (nil: none)
	// adapt, when above 0, weighs words (kindWord) by their adaptation
	// as well as their idf: see setFactor.
	adapt float64
	fac   []float64 // by id: the adaptation factor, kept as df and df2 change
}

// newVocab returns an empty vocabulary that starts from background b
// (nil: none).
func newVocab(b *Background) *vocab {
	v := &vocab{ids: map[string]int32{}, bg: b}
	if b != nil {
		v.docs = b.Docs
	}
	return v
}

// id returns the id of t, adding it with kind k when new.
func (v *vocab) id(t string, k uint8) int32 {
	if i, ok := v.ids[t]; ok {
		return i
	}
	i := int32(len(v.df))
	v.ids[t] = i
	v.keys = append(v.keys, t)
	var df, df2 int32
	if v.bg != nil {
		df, df2 = v.bg.DF[t], v.bg.DF2[t]
	}
	v.df = append(v.df, df)
	v.df2 = append(v.df2, df2)
	v.kind = append(v.kind, k)
	v.fac = append(v.fac, 1)
	v.setFactor(i)
	return i
}

// add counts one more document holding the given ids (each once), the
// j-th more than once when again[j] (again nil: none).
func (v *vocab) add(ids []int32, again []bool) {
	v.docs++
	for j, i := range ids {
		v.df[i]++
		if again != nil && again[j] {
			v.df2[i]++
		}
		v.setFactor(i)
	}
}

// Adaptation prior: a word seen in few documents is taken to adapt as
// words do on the whole (adaptPrior) until adaptWeight documents say
// otherwise.
const (
	adaptPrior  = 0.25
	adaptWeight = 5
)

// setFactor sets the adaptation factor of word i: (a/adaptPrior)^adapt,
// where a = (df2 + adaptWeight·adaptPrior) / (df + adaptWeight) is the
// smoothed chance that a document holding it holds it again (Church 2000,
// "Empirical estimates of adaptation"), counted in the background and in
// the articles since. Words that carry a topic come back within a text
// (Gaza, hostages, earthquake: a ≈ 0.5–0.7 in the background); words of
// manner and style seldom do (underscore, amid, significant, potential:
// a < 0.1), and the factor keeps them from making two texts on different
// happenings look alike. Numbers and years keep factor 1.
func (v *vocab) setFactor(i int32) {
	if v.adapt <= 0 || v.kind[i] != kindWord {
		return
	}
	a := (float64(v.df2[i]) + adaptWeight*adaptPrior) / (float64(v.df[i]) + adaptWeight)
	v.fac[i] = math.Pow(a/adaptPrior, v.adapt)
}

// idf is the smoothed inverse document frequency ln((1+N)/(1+df)) + 1,
// times the adaptation factor (setFactor) when the vocabulary weighs it.
func (v *vocab) idf(i int32) float64 {
	return v.plainIDF(i) * v.fac[i]
}

// plainIDF is idf without the adaptation factor: what candidate retrieval
// ranks terms by (words that carry a topic are the most frequent, and
// ranking by them would make the postings scanned longer).
func (v *vocab) plainIDF(i int32) float64 {
	return logOf(1+v.docs) - logOf(1+int(v.df[i])) + 1
}

// logs holds ln(k) for small k, as idf needs them over and over.
var logs = func() []float64 {
	t := make([]float64, 1<<16)
	for k := 1; k < len(t); k++ {
		t[k] = math.Log(float64(k))
	}
	return t
}()

func logOf(k int) float64 {
	if k < len(logs) {
		return logs[k]
	}
	return math.Log(float64(k))
}

// vec is a sparse vector of term (or entity) ids, sorted by id, with
// their weights (sublinear term frequencies; the idf is applied when
// comparing).
type vec struct {
	id []int32
	w  []float32
}

// vecOf turns counts into a vec with 1+ln(count) weights.
func vecOf(counts map[int32]float64) vec {
	v := vec{id: make([]int32, 0, len(counts)), w: make([]float32, 0, len(counts))}
	for i := range counts {
		v.id = append(v.id, i)
	}
	slices.Sort(v.id)
	for _, i := range v.id {
		v.w = append(v.w, float32(1+math.Log(counts[i])))
	}
	return v
}

func (a vec) len() int { return len(a.id) }

// norms are the idf-weighted lengths of a, per kind of voc.
type norms [nKinds]float64

// normsOf returns the idf-weighted length of a for each kind.
func normsOf(a vec, voc *vocab) norms {
	var n norms
	for j, i := range a.id {
		x := float64(a.w[j]) * voc.idf(i)
		n[voc.kind[i]] += x * x
	}
	for k := range n {
		n[k] = math.Sqrt(n[k])
	}
	return n
}

// dots returns the idf²-weighted dot products of a and b per kind.
func dots(a, b vec, voc *vocab) norms {
	var d norms
	i, j := 0, 0
	for i < len(a.id) && j < len(b.id) {
		switch x, y := a.id[i], b.id[j]; {
		case x < y:
			i++
		case x > y:
			j++
		default:
			f := voc.idf(x)
			d[voc.kind[x]] += float64(a.w[i]) * float64(b.w[j]) * f * f
			i++
			j++
		}
	}
	return d
}

// query is a vector made ready to be compared with many others: its
// weights already multiplied by the square of the current idf, and the
// kind of each entry, so that dotsQ needs no look-ups.
type query struct {
	id   []int32
	wq   []float64
	kind []uint8
}

// queryOf returns a as a query under the current frequencies of voc.
func queryOf(a vec, voc *vocab) *query {
	q := &query{id: a.id, wq: make([]float64, len(a.id)), kind: make([]uint8, len(a.id))}
	for j, i := range a.id {
		f := voc.idf(i)
		q.wq[j] = float64(a.w[j]) * f * f
		q.kind[j] = voc.kind[i]
	}
	return q
}

// dotsQ is dots(a, b) for a made a query.
func dotsQ(q *query, b vec) norms {
	var d norms
	i, j := 0, 0
	for i < len(q.id) && j < len(b.id) {
		switch x, y := q.id[i], b.id[j]; {
		case x < y:
			i++
		case x > y:
			j++
		default:
			d[q.kind[i]] += q.wq[i] * float64(b.w[j])
			i++
			j++
		}
	}
	return d
}

// cos is the cosine over the kinds in ks, given the dot products and the
// norms of both vectors; 0 when either is empty there.
func cos(d, na, nb norms, ks ...int) float64 {
	dot, x, y := 0.0, 0.0, 0.0
	for _, k := range ks {
		dot += d[k]
		x += na[k] * na[k]
		y += nb[k] * nb[k]
	}
	if x == 0 || y == 0 {
		return 0
	}
	return math.Min(1, dot/math.Sqrt(x*y))
}

// plus returns a+b, keeping at most max ids (the heaviest; ties by id).
// Neither a nor b is changed.
func plus(a, b vec, max int) vec {
	out := vec{id: make([]int32, 0, len(a.id)+len(b.id)), w: make([]float32, 0, len(a.id)+len(b.id))}
	i, j := 0, 0
	for i < len(a.id) || j < len(b.id) {
		switch {
		case j == len(b.id) || (i < len(a.id) && a.id[i] < b.id[j]):
			out.id, out.w = append(out.id, a.id[i]), append(out.w, a.w[i])
			i++
		case i == len(a.id) || b.id[j] < a.id[i]:
			out.id, out.w = append(out.id, b.id[j]), append(out.w, b.w[j])
			j++
		default:
			out.id, out.w = append(out.id, a.id[i]), append(out.w, a.w[i]+b.w[j])
			i++
			j++
		}
	}
	if len(out.id) <= max {
		return out
	}
	ws := slices.Clone(out.w)
	keep := heaviest(ws, max)
	kept := vec{id: make([]int32, 0, max), w: make([]float32, 0, max)}
	for k, w := range out.w {
		if keep(float64(w)) {
			kept.id, kept.w = append(kept.id, out.id[k]), append(kept.w, w)
		}
	}
	return kept
}

// heaviest returns a test that keeps the k largest of ws, ties by position:
// called on each weight in order, it says whether to keep it. ws is
// reordered.
func heaviest[F float32 | float64](ws []F, k int) func(float64) bool {
	slices.SortFunc(ws, func(a, b F) int {
		switch {
		case a > b:
			return -1
		case a < b:
			return 1
		}
		return 0
	})
	kth := float64(ws[k-1])
	ties := 0 // how many of the kth weight to keep
	for _, w := range ws[:k] {
		if float64(w) == kth {
			ties++
		}
	}
	return func(w float64) bool {
		if w > kth {
			return true
		}
		if w == kth && ties > 0 {
			ties--
			return true
		}
		return false
	}
}

// top returns the ids of the k entries of a with the highest tf-idf
// weight (ties by id), in id order.
func top(a vec, voc *vocab, k int) []int32 {
	if len(a.id) <= k {
		return slices.Clone(a.id)
	}
	wt := make([]float64, len(a.id))
	for j, i := range a.id {
		wt[j] = float64(a.w[j]) * voc.plainIDF(i)
	}
	keep := heaviest(slices.Clone(wt), k)
	out := make([]int32, 0, k)
	for j, w := range wt {
		if keep(w) {
			out = append(out, a.id[j])
		}
	}
	return out
}
