// Package brown implements Brown word clustering (Brown et al. 1992,
// "Class-based n-gram models of natural language") with the windowed
// algorithm of Liang (2005, "Semi-supervised learning for natural
// language", the wcluster tool of percyliang/brown-cluster).
//
// Words are sorted by decreasing frequency. The C most frequent words start
// as C clusters; every further word is added as a cluster of its own and the
// pair of the C+1 clusters whose merge loses the least average mutual
// information (AMI) of the cluster bigram model is merged. When all words
// are in, the remaining C clusters are merged the same way down to one,
// which gives the binary hierarchy; each word's path in it, 0 for the left
// and 1 for the right branch, is its bit string. Words merged during the
// windowed phase share the bit string of their cluster, as in wcluster.
//
// The losses L(a, b) of all pairs are kept and updated incrementally as in
// Liang's code: adding or merging a cluster costs O(C²) updates of O(1) each
// plus O(C) fresh losses of O(C) each, so a run costs O(V·C²) for V words.
// Counts are integers and the loss is computed on counts (the constant
// factors and log N terms cancel), with a table of logarithms for small
// counts.
package brown

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// Corpus accumulates unigram and bigram counts of a token stream. Bigrams
// are counted within a sentence only (between consecutive tokens of one
// AddSentence call).
type Corpus struct {
	index   map[string]int32
	words   []string
	counts  []int64
	bigrams map[uint64]int64
	tokens  int64
}

// NewCorpus returns an empty corpus.
func NewCorpus() *Corpus {
	return &Corpus{index: map[string]int32{}, bigrams: map[uint64]int64{}}
}

// AddSentence counts the tokens of one sentence and their bigrams.
func (c *Corpus) AddSentence(tokens []string) {
	prev := int32(-1)
	for _, tok := range tokens {
		if tok == "" {
			continue
		}
		id, ok := c.index[tok]
		if !ok {
			id = int32(len(c.words))
			c.index[tok] = id
			c.words = append(c.words, tok)
			c.counts = append(c.counts, 0)
		}
		c.counts[id]++
		c.tokens++
		if prev >= 0 {
			c.bigrams[uint64(prev)<<32|uint64(id)]++
		}
		prev = id
	}
}

// Tokens returns the number of tokens added so far.
func (c *Corpus) Tokens() int64 { return c.tokens }

// Types returns the number of distinct tokens added so far.
func (c *Corpus) Types() int { return len(c.words) }

// Options configures a clustering run.
type Options struct {
	// C is the number of active clusters (the window), at least 1.
	C int
	// MinCount drops words seen fewer times; bigrams with a dropped word
	// are ignored. Values below 1 mean 1.
	MinCount int
	// Progress, if not nil, is called every ProgressEvery words added and
	// once at the end of each phase.
	Progress func(Progress)
	// ProgressEvery is the number of words between Progress calls
	// (default 1000).
	ProgressEvery int
}

// Progress reports how far a run has got.
type Progress struct {
	Phase   string // "window" or "hierarchy"
	Done    int    // words added (window) or merges done (hierarchy)
	Total   int    // words to add or merges to do
	Elapsed time.Duration
}

// Word is one clustered word with its path in the hierarchy.
type Word struct {
	Word  string
	Count int64
	Path  string
}

// Result is the outcome of Cluster.
type Result struct {
	// Words lists the clustered words in order of decreasing count.
	Words []Word
	// Clusters is the number of leaf clusters (distinct paths).
	Clusters int
	// Tokens is the number of tokens in the corpus, Vocabulary the number
	// of words kept (count >= MinCount).
	Tokens     int64
	Vocabulary int
	// AMI is the average mutual information (nats) of the cluster bigram
	// model with the leaf clusters.
	AMI float64
}

// Cluster runs the windowed Brown clustering on the corpus.
func Cluster(c *Corpus, opt Options) (*Result, error) {
	if opt.C < 1 {
		return nil, fmt.Errorf("brown: C = %d, want at least 1", opt.C)
	}
	if opt.MinCount < 1 {
		opt.MinCount = 1
	}
	if opt.ProgressEvery < 1 {
		opt.ProgressEvery = 1000
	}
	// Rank the kept words by decreasing count, ties by string.
	var kept []int32
	for id, n := range c.counts {
		if n >= int64(opt.MinCount) {
			kept = append(kept, int32(id))
		}
	}
	if len(kept) == 0 {
		return nil, errors.New("brown: no word reaches the minimum count")
	}
	slices.SortFunc(kept, func(a, b int32) int {
		if d := cmp.Compare(c.counts[b], c.counts[a]); d != 0 {
			return d
		}
		return cmp.Compare(c.words[a], c.words[b])
	})
	V := len(kept)
	rank := make([]int32, len(c.words))
	for i := range rank {
		rank[i] = -1
	}
	for r, id := range kept {
		rank[id] = int32(r)
	}
	// Neighbour lists in CSR form, by rank.
	rightN := make([]int32, V+1)
	leftN := make([]int32, V+1)
	nb := 0
	for key := range c.bigrams {
		a, b := rank[key>>32], rank[uint32(key)]
		if a < 0 || b < 0 {
			continue
		}
		rightN[a+1]++
		leftN[b+1]++
		nb++
	}
	for i := 0; i < V; i++ {
		rightN[i+1] += rightN[i]
		leftN[i+1] += leftN[i]
	}
	rightW, rightC := make([]int32, nb), make([]int64, nb)
	leftW, leftC := make([]int32, nb), make([]int64, nb)
	rpos := slices.Clone(rightN[:V])
	lpos := slices.Clone(leftN[:V])
	for key, n := range c.bigrams {
		a, b := rank[key>>32], rank[uint32(key)]
		if a < 0 || b < 0 {
			continue
		}
		rightW[rpos[a]], rightC[rpos[a]] = b, n
		rpos[a]++
		leftW[lpos[b]], leftC[lpos[b]] = a, n
		lpos[b]++
	}

	C := min(opt.C, V)
	st := newState(C+1, c.tokens)
	start := time.Now()
	report := func(phase string, done, total int) {
		if opt.Progress != nil {
			opt.Progress(Progress{Phase: phase, Done: done, Total: total, Elapsed: time.Since(start)})
		}
	}
	wordSlot := make([]int32, V)
	for r := 0; r < V; r++ {
		s := st.addCluster(c.counts[kept[r]], int32(r))
		wordSlot[r] = int32(s)
		out := st.n2[s*st.S : (s+1)*st.S]
		for i := rightN[r]; i < rightN[r+1]; i++ {
			if v := rightW[i]; v <= int32(r) {
				out[wordSlot[v]] += rightC[i]
			}
		}
		for i := leftN[r]; i < leftN[r+1]; i++ {
			if v := leftW[i]; v < int32(r) {
				st.n2[int(wordSlot[v])*st.S+s] += leftC[i]
			}
		}
		st.finishAdd(s)
		if debugCheck != nil {
			debugCheck(st)
		}
		if len(st.active) > C {
			keep, moved := st.merge(st.best())
			for _, w := range moved {
				wordSlot[w] = int32(keep)
			}
			if debugCheck != nil {
				debugCheck(st)
			}
		}
		if (r+1)%opt.ProgressEvery == 0 {
			report("window", r+1, V)
		}
	}
	report("window", V, V)
	ami := st.ami()

	// Hierarchy over the remaining clusters.
	type node struct{ left, right int }
	var nodes []node
	leafOfNode := map[int]int{} // node -> slot at the start
	slotNode := make([]int, st.S)
	for _, s := range st.active {
		slotNode[s] = len(nodes)
		leafOfNode[len(nodes)] = s
		nodes = append(nodes, node{-1, -1})
	}
	leafMembers := map[int][]int32{}
	for _, s := range st.active {
		leafMembers[s] = slices.Clone(st.members[s])
	}
	total := len(st.active) - 1
	for done := 0; len(st.active) > 1; done++ {
		a, b := st.best()
		n := node{slotNode[a], slotNode[b]}
		keep, _ := st.merge(a, b)
		slotNode[keep] = len(nodes)
		nodes = append(nodes, n)
		if (done+1)%opt.ProgressEvery == 0 {
			report("hierarchy", done+1, total)
		}
	}
	report("hierarchy", total, total)
	root := len(nodes) - 1
	res := &Result{Tokens: c.tokens, Vocabulary: V, Clusters: len(leafMembers), AMI: ami}
	paths := make([]string, V)
	var walk func(n int, path []byte)
	walk = func(n int, path []byte) {
		if nodes[n].left < 0 {
			p := string(path)
			if p == "" {
				p = "0"
			}
			for _, w := range leafMembers[leafOfNode[n]] {
				paths[w] = p
			}
			return
		}
		walk(nodes[n].left, append(path, '0'))
		walk(nodes[n].right, append(path, '1'))
	}
	walk(root, make([]byte, 0, 64))
	res.Words = make([]Word, V)
	for r, id := range kept {
		res.Words[r] = Word{Word: c.words[id], Count: c.counts[id], Path: paths[r]}
	}
	return res, nil
}

// WritePaths writes words in Liang's paths format, one
// "bitstring<TAB>word<TAB>count" line per word, grouped by path in the
// hierarchy's order and by decreasing count within a path.
func WritePaths(w io.Writer, words []Word) error {
	sorted := slices.Clone(words)
	slices.SortStableFunc(sorted, func(a, b Word) int {
		if d := cmp.Compare(a.Path, b.Path); d != 0 {
			return d
		}
		return cmp.Compare(b.Count, a.Count)
	})
	bw := bufio.NewWriter(w)
	for _, x := range sorted {
		if _, err := fmt.Fprintf(bw, "%s\t%s\t%d\n", x.Path, x.Word, x.Count); err != nil {
			return fmt.Errorf("brown: write paths: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("brown: write paths: %w", err)
	}
	return nil
}

// ---------------------------------------------------------------------------
// Clustering state.

// debugCheck, when set by tests, is called after every add and merge of
// the window phase.
var debugCheck func(*state)

const logTabSize = 1 << 16

var logTab = func() []float64 {
	t := make([]float64, logTabSize)
	for i := 1; i < logTabSize; i++ {
		t[i] = math.Log(float64(i))
	}
	return t
}()

func lg(c int64) float64 {
	if c < logTabSize {
		return logTab[c]
	}
	return math.Log(float64(c))
}

// term is the AMI contribution of a bigram count c between clusters whose
// log counts are la and lb, up to the factor 1/N and the log N terms (which
// cancel in every loss).
func term(c int64, la, lb float64) float64 {
	if c == 0 {
		return 0
	}
	return float64(c) * (lg(c) - la - lb)
}

type state struct {
	S      int     // slots
	N      int64   // corpus tokens
	active []int   // active slots, sorted
	free   []int   // free slots
	n1     []int64 // cluster counts
	ln1    []float64
	n2     []int64   // n2[a*S+b]: count of a followed by b
	q      []float64 // q[a*S+b] = term(n2[a][b], ln1[a], ln1[b])
	lab    []float64 // lab[a*S+b] = lg(n1[a]+n1[b])
	loss   []float64 // loss[a*S+b], a < b
	rowsum []float64 // Σ_w active q[a][w]+q[w][a]
	// members[s] lists the word ranks in slot s.
	members [][]int32
	// scratch
	idx                    []int
	la                     []float64
	toX, fromX, toY, fromY []int64
	toU, fromU             []int64
	base                   []float64
}

func newState(S int, N int64) *state {
	st := &state{S: S, N: N}
	st.n1 = make([]int64, S)
	st.ln1 = make([]float64, S)
	st.n2 = make([]int64, S*S)
	st.q = make([]float64, S*S)
	st.lab = make([]float64, S*S)
	st.loss = make([]float64, S*S)
	st.rowsum = make([]float64, S)
	st.members = make([][]int32, S)
	for s := S - 1; s >= 0; s-- {
		st.free = append(st.free, s)
	}
	return st
}

// addCluster puts a new one-word cluster into a free slot and clears its
// row and column; the caller then fills n2 for the slot and calls finishAdd.
func (st *state) addCluster(count int64, word int32) int {
	s := st.free[len(st.free)-1]
	st.free = st.free[:len(st.free)-1]
	S := st.S
	for w := 0; w < S; w++ {
		st.n2[s*S+w], st.n2[w*S+s] = 0, 0
		st.q[s*S+w], st.q[w*S+s] = 0, 0
	}
	st.n1[s] = count
	st.ln1[s] = lg(count)
	st.members[s] = append(st.members[s][:0], word)
	return s
}

// finishAdd integrates slot s, whose n2 row and column are filled, into the
// active set and updates all losses.
func (st *state) finishAdd(s int) {
	S := st.S
	ls := st.ln1[s]
	st.setLab(s)
	st.q[s*S+s] = term(st.n2[s*S+s], ls, ls)
	for _, w := range st.active {
		st.q[s*S+w] = term(st.n2[s*S+w], ls, st.ln1[w])
		st.q[w*S+s] = term(st.n2[w*S+s], st.ln1[w], ls)
	}
	// Update the losses of the existing pairs: they gain s as a neighbour.
	k := len(st.active)
	st.gather(k)
	for i, a := range st.active {
		st.la[i] = st.ln1[a]
		st.toX[i] = st.n2[a*S+s]
		st.fromX[i] = st.n2[s*S+a]
		st.base[i] = st.q[a*S+s] + st.q[s*S+a]
	}
	for i := 0; i < k; i++ {
		a := st.active[i]
		ta, fa, ba := st.toX[i], st.fromX[i], st.base[i]
		labRow := st.lab[a*S : (a+1)*S]
		lossRow := st.loss[a*S : (a+1)*S]
		for j := i + 1; j < k; j++ {
			b := st.active[j]
			lab := labRow[b]
			d := ba + st.base[j] - term(ta+st.toX[j], lab, ls) - term(fa+st.fromX[j], ls, lab)
			lossRow[b] += d
		}
	}
	st.insertActive(s)
	st.computeRowsums()
	for _, w := range st.active {
		if w != s {
			st.setLoss(s, w)
		}
	}
}

// merge merges the clusters in slots a and b into the slot with more
// words and frees the other. It returns the kept slot and the word ranks
// that moved into it.
func (st *state) merge(a, b int) (int, []int32) {
	if len(st.members[a]) < len(st.members[b]) {
		a, b = b, a
	}
	S := st.S
	la, lb := st.ln1[a], st.ln1[b]
	nu := st.n1[a] + st.n1[b]
	lu := lg(nu)
	// Others: active minus a, b.
	st.idx = st.idx[:0]
	for _, w := range st.active {
		if w != a && w != b {
			st.idx = append(st.idx, w)
		}
	}
	k := len(st.idx)
	st.gather(k)
	for i, w := range st.idx {
		lw := st.ln1[w]
		st.la[i] = lw
		st.toX[i], st.fromX[i] = st.n2[w*S+a], st.n2[a*S+w]
		st.toY[i], st.fromY[i] = st.n2[w*S+b], st.n2[b*S+w]
		st.toU[i] = st.toX[i] + st.toY[i]
		st.fromU[i] = st.fromX[i] + st.fromY[i]
		st.base[i] = -(st.q[w*S+a] + st.q[a*S+w] + st.q[w*S+b] + st.q[b*S+w]) +
			term(st.toU[i], lw, lu) + term(st.fromU[i], lu, lw)
	}
	// Incremental update of the pairs not involving a or b.
	for i := 0; i < k; i++ {
		v := st.idx[i]
		tx, fx, ty, fy, tu, fu, bv := st.toX[i], st.fromX[i], st.toY[i], st.fromY[i], st.toU[i], st.fromU[i], st.base[i]
		labRow := st.lab[v*S : (v+1)*S]
		lossRow := st.loss[v*S : (v+1)*S]
		for j := i + 1; j < k; j++ {
			w := st.idx[j]
			lab := labRow[w]
			d := bv + st.base[j]
			d += term(tx+st.toX[j], lab, la) + term(fx+st.fromX[j], la, lab)
			d += term(ty+st.toY[j], lab, lb) + term(fy+st.fromY[j], lb, lab)
			d -= term(tu+st.toU[j], lab, lu) + term(fu+st.fromU[j], lu, lab)
			lossRow[w] += d
		}
	}
	// Fold b into a.
	self := st.n2[a*S+a] + st.n2[a*S+b] + st.n2[b*S+a] + st.n2[b*S+b]
	for i, w := range st.idx {
		st.n2[w*S+a] = st.toU[i]
		st.n2[a*S+w] = st.fromU[i]
	}
	st.n2[a*S+a] = self
	st.n1[a] = nu
	st.ln1[a] = lu
	st.q[a*S+a] = term(self, lu, lu)
	for i, w := range st.idx {
		st.q[w*S+a] = term(st.toU[i], st.la[i], lu)
		st.q[a*S+w] = term(st.fromU[i], lu, st.la[i])
	}
	moved := st.members[b]
	st.members[a] = append(st.members[a], moved...)
	st.members[b] = nil
	st.removeActive(b)
	st.free = append(st.free, b)
	st.setLab(a)
	st.computeRowsums()
	for _, w := range st.idx {
		st.setLoss(a, w)
	}
	return a, moved
}

func (st *state) gather(k int) {
	grow := func(x []int64) []int64 {
		if cap(x) < k {
			return make([]int64, k, 2*k)
		}
		return x[:k]
	}
	st.toX, st.fromX, st.toY, st.fromY = grow(st.toX), grow(st.fromX), grow(st.toY), grow(st.fromY)
	st.toU, st.fromU = grow(st.toU), grow(st.fromU)
	if cap(st.la) < k {
		st.la, st.base = make([]float64, k, 2*k), make([]float64, k, 2*k)
	}
	st.la, st.base = st.la[:k], st.base[:k]
}

func (st *state) setLab(s int) {
	S := st.S
	for _, w := range st.active {
		v := lg(st.n1[s] + st.n1[w])
		st.lab[s*S+w], st.lab[w*S+s] = v, v
	}
	st.lab[s*S+s] = lg(2 * st.n1[s])
}

func (st *state) insertActive(s int) {
	i, _ := slices.BinarySearch(st.active, s)
	st.active = slices.Insert(st.active, i, s)
}

func (st *state) removeActive(s int) {
	i, ok := slices.BinarySearch(st.active, s)
	if ok {
		st.active = slices.Delete(st.active, i, i+1)
	}
}

func (st *state) computeRowsums() {
	S := st.S
	for _, a := range st.active {
		sum := 0.0
		row := st.q[a*S : (a+1)*S]
		for _, w := range st.active {
			sum += row[w] + st.q[w*S+a]
		}
		st.rowsum[a] = sum
	}
}

// setLoss computes the loss of merging the active slots a and b from
// scratch, O(C).
func (st *state) setLoss(a, b int) {
	if a > b {
		a, b = b, a
	}
	S := st.S
	l := st.rowsum[a] + st.rowsum[b] - st.q[a*S+a] - st.q[b*S+b] - st.q[a*S+b] - st.q[b*S+a]
	lab := st.lab[a*S+b]
	rowA, rowB := st.n2[a*S:(a+1)*S], st.n2[b*S:(b+1)*S]
	for _, w := range st.active {
		if w == a || w == b {
			continue
		}
		lw := st.ln1[w]
		l -= term(st.n2[w*S+a]+st.n2[w*S+b], lw, lab) + term(rowA[w]+rowB[w], lab, lw)
	}
	l -= term(st.n2[a*S+a]+st.n2[a*S+b]+st.n2[b*S+a]+st.n2[b*S+b], lab, lab)
	st.loss[a*S+b] = l
}

// best returns the active pair with the least loss.
func (st *state) best() (int, int) {
	S := st.S
	ba, bb, bl := -1, -1, math.Inf(1)
	for i, a := range st.active {
		row := st.loss[a*S : (a+1)*S]
		for _, b := range st.active[i+1:] {
			if l := row[b]; l < bl {
				ba, bb, bl = a, b, l
			}
		}
	}
	return ba, bb
}

// ami returns the average mutual information of the active clusters.
func (st *state) ami() float64 {
	S := st.S
	logN := math.Log(float64(st.N))
	sum := 0.0
	for _, a := range st.active {
		for _, b := range st.active {
			if c := st.n2[a*S+b]; c > 0 {
				sum += st.q[a*S+b] + float64(c)*logN
			}
		}
	}
	return sum / float64(st.N)
}
