package cluster

import (
	"container/heap"
	"math"
	"slices"
	"sort"

	"github.com/storyline/storyline"
)

// Bounds of a Batch's candidate pairs: each article is compared with the
// offlineCandidates articles that share most of its index keys (heaviest
// terms and entities), counted over the offlinePosting articles nearest it
// in the batch's order on each key (a key that many articles share says
// little, and counting all of them would cost in proportion to the batch).
const (
	offlineCandidates = 50
	offlinePosting    = 200
)

// Batch clusters articles into events and stories all at once (the
// offline counterpart of Add), by average link over the model's pair
// probabilities (the event level's weights, as Add compares an article
// with an event's kept articles): starting from one event per article,
// the two events with the highest average link merge, while it reaches
// the event level's OfflineBar; stories likewise from the events, with
// the story level's weights and bar. A pair the time window or the rule
// of one time and place keeps apart, like a pair never compared, counts
// as 0. Each article is compared with at most offlineCandidates others,
// those that share most of its heaviest terms and entities. The result
// does not depend on the order of the articles (but for ties) as long as
// no key is shared by more than offlinePosting articles; those keys count
// only for the articles nearest in the order given (in ingest order,
// roughly the nearest in time).
//
// A Batch keeps only what comparing the articles needs (their term and
// entity vectors, dates and places), not the articles.
type Batch struct {
	c              *Clusterer
	docs           []*doc
	eventP, storyP []map[int32]float64 // the pair probabilities of both levels, once compared
}

// NewBatch returns an empty batch for model m.
func NewBatch(m Model) *Batch { return &Batch{c: NewClusterer(m)} }

// Add adds an article to the batch.
func (b *Batch) Add(a *storyline.Article) {
	d := b.c.doc(a, articleKey(a))
	d.q = nil // queries are made once every article is in
	for _, p := range d.novel {
		p.q = nil
	}
	b.docs = append(b.docs, d)
	b.eventP, b.storyP = nil, nil
}

// Events clusters the batch's articles into events and returns each
// one's event as an index (0, 1, … by first article) and its cohesion: the
// mean probability that it and the other articles of its event report one
// event (pairs never compared count 0; 0 alone), in the order they were
// added.
func (b *Batch) Events() ([]int, []float64) {
	b.compare()
	return agglomerate(len(b.docs), b.eventP, b.c.m.Event.OfflineBar(), nil)
}

// RunnersUp returns, for each article, the event (as Events gives them)
// it links to best after its own, and that average link: the mean
// probability that it and that event's articles report one event (pairs
// never compared count 0); -1 and 0 when it was compared with no other
// event's article. An article whose runner-up reaches the OfflineBar was a
// close call: it could as well have joined that event.
func (b *Batch) RunnersUp(events []int) ([]int, []float64) {
	b.compare()
	size := make([]int, slices.Max(append([]int{-1}, events...))+1)
	for _, e := range events {
		size[e]++
	}
	best, score := make([]int, len(events)), make([]float64, len(events))
	for i, p := range b.eventP {
		best[i] = -1
		sums := map[int]float64{}
		for j, v := range p {
			if e := events[j]; e != events[i] {
				sums[e] += v
			}
		}
		for e, s := range sums {
			if l := s / float64(size[e]); l > score[i] || (l == score[i] && best[i] >= 0 && e < best[i]) {
				best[i], score[i] = e, l
			}
		}
	}
	return best, score
}

// Stories groups events (each article's, as Events gives them) into
// stories the same way: by average link over the story level's pair
// probabilities of their articles, from the story level's OfflineBar. It
// returns each article's story as an index, in the order they were added.
func (b *Batch) Stories(events []int) []int {
	b.compare()
	stories, _ := agglomerate(len(b.docs), b.storyP, b.c.m.Story.OfflineBar(), events)
	return stories
}

// OfflineBar is the average link from which a Batch merges two events
// (stories): OfflineThreshold, else Threshold.
func (l Level) OfflineBar() float64 {
	if l.OfflineThreshold > 0 {
		return l.OfflineThreshold
	}
	return l.Threshold
}

// compare computes the pair probabilities of the batch's articles, once.
func (b *Batch) compare() {
	if b.eventP != nil {
		return
	}
	c := b.c
	// The document frequencies are whole now: weigh the vectors again,
	// so that no article's weights depend on the order.
	reweigh := func(p *profile) {
		p.tn, p.tt, p.en = normsOf(p.terms, c.words), normsOf(p.title, c.words), normsOf(p.ents, c.entVocab)
		c.ask(p)
	}
	for _, d := range b.docs {
		reweigh(&d.profile)
		d.top = top(d.terms, c.words, indexTerms)
		for _, p := range d.novel {
			reweigh(p)
		}
	}
	b.eventP, b.storyP = c.offlinePairs(b.docs)
}

// offlinePairs returns, for each article, its candidates' probabilities
// of reporting one event with it, and one story (symmetric: both
// directions' mean).
func (c *Clusterer) offlinePairs(docs []*doc) ([]map[int32]float64, []map[int32]float64) {
	lv, sl := c.m.Event, c.m.Story
	post := map[int64][]int32{} // key (kind<<32 | id) -> articles
	keys := make([][]int64, len(docs))
	for i, d := range docs {
		for _, t := range d.top {
			keys[i] = append(keys[i], int64(t))
		}
		for _, e := range d.ents.id {
			keys[i] = append(keys[i], 1<<32|int64(e))
		}
		for _, k := range keys[i] {
			post[k] = append(post[k], int32(i))
		}
	}
	p, ps := make([]map[int32]float64, len(docs)), make([]map[int32]float64, len(docs))
	for i := range p {
		p[i], ps[i] = map[int32]float64{}, map[int32]float64{}
	}
	shared := map[int32]int{}
	for i, d := range docs {
		clear(shared)
		for _, k := range keys[i] {
			posting := post[k]
			if len(posting) > offlinePosting {
				// the articles added nearest i: the window around it
				at, _ := slices.BinarySearch(posting, int32(i))
				lo := min(max(0, at-offlinePosting/2), len(posting)-offlinePosting)
				posting = posting[lo : lo+offlinePosting]
			}
			for _, j := range posting {
				if int(j) != i {
					shared[j]++
				}
			}
		}
		cands := make([]int32, 0, len(shared))
		for j := range shared {
			cands = append(cands, j)
		}
		sort.Slice(cands, func(a, b int) bool {
			if shared[cands[a]] != shared[cands[b]] {
				return shared[cands[a]] > shared[cands[b]]
			}
			return cands[a] < cands[b]
		})
		if len(cands) > offlineCandidates {
			cands = cands[:offlineCandidates]
		}
		for _, j := range cands {
			if _, done := p[i][j]; done {
				continue
			}
			r := docs[j]
			v := 0.0
			out := lv.MaxDays > 0 && d.date.full && r.date.full && math.Abs(float64(d.date.day-r.date.day)) > lv.MaxDays
			comparable, apart := apartInTimeOrPlace(d, r)
			if !out && !(lv.OneTimeAndPlace && comparable && apart) {
				v = (score(c.ew, c.pair(d, r, lv.TauDays)) + score(c.ew, c.pair(r, d, lv.TauDays))) / 2
			}
			p[i][j], p[j][int32(i)] = v, v
			v = 0
			if !(sl.MaxDays > 0 && d.date.full && r.date.full && math.Abs(float64(d.date.day-r.date.day)) > sl.MaxDays) {
				v = (score(c.sw, c.compare(d, &r.profile, sl.TauDays)) + score(c.sw, c.compare(r, &d.profile, sl.TauDays))) / 2
			}
			ps[i][j], ps[j][int32(i)] = v, v
		}
	}
	return p, ps
}

// agglomerate merges the n items, singletons or the groups of init (each
// item's group index; nil: none), by average link over the sparse pair
// probabilities p while the best link reaches threshold.
func agglomerate(n int, p []map[int32]float64, threshold float64, init []int) ([]int, []float64) {
	parent := make([]int32, n) // union-find of articles
	size := make([]int, n)
	sums := make([]map[int32]float64, n) // cluster root -> neighbour root -> sum of pair probabilities
	version := make([]int, n)
	var find func(int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	root := map[int]int32{} // init group -> its first item
	for i := range n {
		parent[i] = int32(i)
		if init != nil {
			if r, ok := root[init[i]]; ok {
				parent[i] = r
			} else {
				root[init[i]] = int32(i)
			}
		}
	}
	for i := range n {
		r := find(int32(i))
		size[r]++
		if sums[r] == nil {
			sums[r] = map[int32]float64{}
		}
		for j, v := range p[i] {
			if rj := find(j); v > 0 && rj != r {
				sums[r][rj] += v
			}
		}
	}
	h := &linkHeap{}
	push := func(a int32) {
		for b, s := range sums[a] {
			if a < b {
				heap.Push(h, linkItem{s / float64(size[a]*size[b]), a, b, version[a], version[b]})
			} else {
				heap.Push(h, linkItem{s / float64(size[a]*size[b]), b, a, version[b], version[a]})
			}
		}
	}
	for i := range n {
		if parent[i] == int32(i) {
			push(int32(i))
		}
	}
	for h.Len() > 0 {
		it := heap.Pop(h).(linkItem)
		if it.link < threshold {
			break
		}
		if parent[it.a] != it.a || parent[it.b] != it.b || version[it.a] != it.va || version[it.b] != it.vb {
			continue // stale
		}
		a, b := it.a, it.b
		if size[a] < size[b] {
			a, b = b, a
		}
		parent[b] = a
		size[a] += size[b]
		delete(sums[a], b)
		for k, s := range sums[b] {
			if k == a {
				continue
			}
			sums[a][k] += s
			sums[k][a] += s
			delete(sums[k], b)
		}
		sums[b] = nil
		// a's links all change (its size did); the others' stay, but for
		// those to b, which is no root any more.
		version[a]++
		push(a)
	}
	events := make([]int, n)
	index := map[int32]int{}
	for i := range n {
		r := find(int32(i))
		if _, ok := index[r]; !ok {
			index[r] = len(index)
		}
		events[i] = index[r]
	}
	cohesion := make([]float64, n)
	for i := range n {
		r := find(int32(i))
		if size[r] < 2 {
			continue
		}
		s := 0.0
		for j, v := range p[i] {
			if find(j) == r {
				s += v
			}
		}
		cohesion[i] = s / float64(size[r]-1)
	}
	return events, cohesion
}

// linkItem is a candidate merge: clusters a < b (roots) at the versions
// the link was computed for.
type linkItem struct {
	link   float64
	a, b   int32
	va, vb int
}

// linkHeap is a max-heap of candidate merges, the best link first (ties:
// the lower roots first, for a result that does not depend on map order).
type linkHeap []linkItem

func (h linkHeap) Len() int { return len(h) }
func (h linkHeap) Less(i, j int) bool {
	if h[i].link != h[j].link {
		return h[i].link > h[j].link
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h linkHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *linkHeap) Push(x any)   { *h = append(*h, x.(linkItem)) }
func (h *linkHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}
