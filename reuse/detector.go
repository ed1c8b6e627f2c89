package reuse

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/storyline/storyline"
)

// MaxCandidates is the most stored articles a new article is compared
// with, those sharing the most fingerprints first.
const MaxCandidates = 64

// GroupCandidates is the most members of a candidate's copy group that a
// new article is compared with besides the candidate.
const GroupCandidates = 8

// TextFunc returns the cleaned text of a stored article.
type TextFunc func(id string) (string, error)

// Detector decides, article by article in ingest order, which stored
// articles a new one copies or shares passages with, and keeps the copy
// groups: the connected parts of the copy links, each with its earliest
// article (earliest publication time, then ingest order) as origin. It
// knows every stored link, so that it can verify links again when text
// they share turns out to be site furniture, and the extent of the shared
// passages of every copy link, so that an article carrying two articles
// whole is a copy of the first only (see storyline.ReuseRevision). It is
// not safe for concurrent use; ingest calls it from the one goroutine that
// writes the store.
type Detector struct {
	index *Index
	arts  []art
	byID  map[string]uint32
	// members are the members of every group of two or more, by origin.
	members map[uint32][]uint32
	// edges are, for each linked article, its stored links.
	edges   map[uint32][]edge
	pending []storyline.ReuseEntry // loaded entries whose links or origin came later
	cache   sigCache
	text    TextFunc
	// touched are the articles whose group a split or a revision changed
	// during the current Observe: their new origins go to the store.
	touched map[uint32]bool
}

type art struct {
	id        string
	published int64 // Unix nanoseconds; math.MaxInt64 when unknown
	parent    uint32
}

// NewDetector returns an empty detector; text fetches stored articles'
// texts for verification. common is the Index's common threshold (zero:
// DefaultCommon).
func NewDetector(text TextFunc, common int) *Detector {
	return &Detector{
		index:   NewIndex(common),
		byID:    map[string]uint32{},
		members: map[uint32][]uint32{},
		edges:   map[uint32][]edge{},
		cache:   newSigCache(4096),
		text:    text,
	}
}

// Load adds a stored article, in ingest order.
func (d *Detector) Load(e storyline.ReuseEntry) {
	n := d.add(e.ID, e.Published)
	for _, f := range e.Fingerprints {
		d.index.Add(f, n)
	}
	if e.DuplicateOf != "" || len(e.Links) > 0 {
		d.pending = append(d.pending, storyline.ReuseEntry{ID: e.ID, DuplicateOf: e.DuplicateOf, Links: e.Links})
	}
}

// resolvePending records the links and copy groups of the loaded
// articles, once all are known (an origin or a linked article may come
// later in ingest order).
func (d *Detector) resolvePending() {
	for _, e := range d.pending {
		a := d.byID[e.ID]
		for _, l := range e.Links {
			if b, ok := d.byID[l.Of]; ok {
				d.addEdge(a, b, l.Copy, extent{int32(l.Start), int32(l.End)}, extent{int32(l.OfStart), int32(l.OfEnd)}, l.Share, l.OfShare)
			}
		}
	}
	for _, e := range d.pending {
		if o, ok := d.byID[e.DuplicateOf]; ok {
			d.join(d.root(d.byID[e.ID]), d.root(o))
		}
	}
	d.pending = nil
}

// Known tells whether the detector knows an article with this ID: stored
// before, or observed.
func (d *Detector) Known(id string) bool {
	_, ok := d.byID[id]
	return ok
}

// Undated tells whether the detector knows an article with this ID and
// it came without a publication date.
func (d *Detector) Undated(id string) bool {
	n, ok := d.byID[id]
	return ok && d.arts[n].published == math.MaxInt64
}

// Len returns the number of articles the detector knows.
func (d *Detector) Len() int { return len(d.arts) }

// IndexBytes returns the memory the fingerprint index takes.
func (d *Detector) IndexBytes() int { return d.index.Bytes() }

func (d *Detector) add(id, published string) uint32 {
	n := uint32(len(d.arts))
	d.arts = append(d.arts, art{id: id, published: publishedNanos(published), parent: n})
	d.byID[id] = n
	return n
}

// Observe compares a new article with the stored ones and sets its
// DuplicateOf, Reuse (links to stored articles, with both shares and the
// passages), Regroup (origins whose groups it joins), Revised (what its
// arrival changes in stored findings) and Fingerprints (what it adds to
// the index). An article whose ID is known already is left alone. sig is
// a's signature (NewSignature(a.Text)); nil computes it.
func (d *Detector) Observe(a *storyline.Article, sig *Signature) error {
	if _, ok := d.byID[a.ID]; ok {
		return nil
	}
	if d.pending != nil {
		d.resolvePending()
	}
	if sig == nil {
		sig = NewSignature(a.Text)
	}
	d.touched = map[uint32]bool{}
	defer func() { d.touched = nil }()
	a.Reuse, a.Regroup, a.Revised = nil, nil, storyline.ReuseRevision{}

	linked, pairs, err := d.compareAll(a.ID, d.Side(sig), d.candidates(sig))
	if err != nil {
		return err
	}
	n := d.add(a.ID, a.Published)
	d.cache.put(n, sig)
	regroup, err := d.link(a, n, linked, pairs)
	if err != nil {
		return err
	}
	copyOf := map[uint32]bool{}
	for _, c := range linked {
		if d.isCopy(n, c) {
			copyOf[c] = true
		}
	}
	d.joinCopies(a, n, copyOf)
	d.recompute(regroup)
	if madeCommon := d.indexFingerprints(a, n, sig, copyOf); len(madeCommon) > 0 {
		if err := d.revise(a, n, madeCommon); err != nil {
			return err
		}
	}
	d.settle(a, n)
	return nil
}

// link records the links of new article a (article n) to the stored
// articles linked, which Compare found as pairs, in a.Reuse. A copy link
// must also be the primary copy link of both articles (a page carrying
// two articles is a copy of the first only), which may change older copy
// links of the stored articles: those are revised, and link returns
// their articles, whose groups must be made again.
func (d *Detector) link(a *storyline.Article, n uint32, linked []uint32, pairs []Pair) ([]uint32, error) {
	for i, c := range linked {
		xs, ys := pairs[i].spans()
		d.addEdge(n, c, pairs[i].Copy, xs, ys, pairs[i].ShareX, pairs[i].ShareY)
		a.Reuse = append(a.Reuse, newLink(d.arts[c].id, pairs[i]))
	}
	changed := d.applyPrimary(n)
	for i, c := range linked {
		if pairs[i].Copy {
			changed = append(changed, d.applyPrimary(c)...)
		}
	}
	var regroup []uint32
	for _, e := range changed {
		if e[0] == n || e[1] == n {
			continue // a's own links: settle sets their flags
		}
		if err := d.reviseLink(a, max(e[0], e[1]), min(e[0], e[1])); err != nil {
			return nil, err
		}
		regroup = append(regroup, e[0], e[1])
	}
	return regroup, nil
}

// joinCopies puts new article a (article n) in one group with the groups
// of the articles it is a copy of; the origin is the earliest of their
// origins and a.
func (d *Detector) joinCopies(a *storyline.Article, n uint32, copyOf map[uint32]bool) {
	var roots []uint32
	for c := range copyOf {
		roots = append(roots, d.root(c))
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i] < roots[j] })
	origin := n
	for _, r := range roots {
		if d.earlier(r, origin) {
			origin = r
		}
	}
	for _, r := range roots {
		if r = d.root(r); r != origin {
			a.Regroup = append(a.Regroup, d.arts[r].id)
			d.join(r, origin)
		}
	}
	d.join(n, origin)
}

// indexFingerprints adds the fingerprints of new article a (article n,
// signature sig) that the copies it joined do not have to the index and
// to a.Fingerprints, and returns those that became common.
func (d *Detector) indexFingerprints(a *storyline.Article, n uint32, sig *Signature, copyOf map[uint32]bool) []uint32 {
	shared := map[uint32]bool{}
	for c := range copyOf {
		if s, ok := d.cache.get(c); ok {
			for _, f := range s.Fingerprints {
				shared[f.Hash] = true
			}
		}
	}
	a.Fingerprints = make([]uint32, 0, len(sig.Fingerprints))
	var madeCommon []uint32
	for _, f := range sig.Fingerprints {
		if shared[f.Hash] {
			continue
		}
		shared[f.Hash] = true
		if d.index.Add(f.Hash, n) {
			madeCommon = append(madeCommon, f.Hash)
		}
		a.Fingerprints = append(a.Fingerprints, f.Hash)
	}
	return madeCommon
}

// duplicateOf is article n's DuplicateOf: its group's origin, or "".
func (d *Detector) duplicateOf(n uint32) string {
	if r := d.root(n); r != n {
		return d.arts[r].id
	}
	return ""
}

// newLink is the link to article of that Compare found.
func newLink(of string, p Pair) storyline.Reuse {
	l := storyline.Reuse{Of: of, Share: round(p.ShareX), OfShare: round(p.ShareY), Copy: p.Copy}
	for _, ps := range p.Passages {
		l.Passages = append(l.Passages, storyline.Passage(ps))
	}
	return l
}

// candidates returns the stored articles sharing a fingerprint with sig
// that is not common, those sharing the most first, at most
// MaxCandidates.
func (d *Detector) candidates(sig *Signature) []uint32 {
	count := map[uint32]int{}
	var holders []uint32
	for _, f := range sig.Fingerprints {
		holders = holders[:0]
		if d.index.Lookup(f.Hash, func(a uint32) { holders = append(holders, a) }) >= d.index.common {
			continue // common
		}
		for _, a := range holders {
			count[a]++
		}
	}
	out := make([]uint32, 0, len(count))
	for a := range count {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	if len(out) > MaxCandidates {
		out = out[:MaxCandidates]
	}
	return out
}

// compareAll compares x (the side of a new article) with the candidates
// and returns those that share passages with it and the pairs Compare
// found. A copy has its fingerprints in the index only where its group
// lacked them, so a new article may meet only a partial copy of a text
// it copies: when it is not a copy of any candidate of a group, it is
// compared with up to GroupCandidates other members of that group too,
// so that the groups do not depend on which copy came first.
func (d *Detector) compareAll(id string, x Side, cands []uint32) ([]uint32, []Pair, error) {
	var linked []uint32
	var pairs []Pair
	seen := map[uint32]bool{}
	copyOfGroup := map[uint32]bool{}
	compare := func(c uint32) error {
		seen[c] = true
		ysig, err := d.signature(c)
		if err != nil {
			return fmt.Errorf("reuse: compare %s with %s: %w", id, d.arts[c].id, err)
		}
		if p := Compare(x, d.Side(ysig)); len(p.Passages) > 0 {
			linked = append(linked, c)
			pairs = append(pairs, p)
			if p.Copy {
				copyOfGroup[d.root(c)] = true
			}
		}
		return nil
	}
	for _, c := range cands {
		if err := compare(c); err != nil {
			return nil, nil, err
		}
	}
	for _, c := range cands {
		r := d.root(c)
		ms, ok := d.members[r]
		if !ok || copyOfGroup[r] {
			continue
		}
		for _, m := range ms[:min(len(ms), GroupCandidates)] {
			if !seen[m] {
				if err := compare(m); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	return linked, pairs, nil
}

// signature returns a stored article's signature, from the cache or its text.
func (d *Detector) signature(n uint32) (*Signature, error) {
	if s, ok := d.cache.get(n); ok {
		return s, nil
	}
	text, err := d.text(d.arts[n].id)
	if err != nil {
		return nil, err
	}
	s := NewSignature(text)
	d.cache.put(n, s)
	return s, nil
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// publishedNanos orders publication dates: RFC 3339, a date with a time,
// or a date; math.MaxInt64 (after everything) when unknown.
func publishedNanos(s string) int64 {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UnixNano()
		}
	}
	return math.MaxInt64
}

// sigCache keeps the signatures of the most recent articles, which copies
// and follow-ups are most likely to match.
type sigCache struct {
	size int
	m    map[uint32]*Signature
	ring []uint32
	next int
}

func newSigCache(size int) sigCache {
	return sigCache{size: size, m: make(map[uint32]*Signature, size)}
}

func (c *sigCache) get(n uint32) (*Signature, bool) {
	s, ok := c.m[n]
	return s, ok
}

func (c *sigCache) put(n uint32, s *Signature) {
	if _, ok := c.m[n]; ok {
		return
	}
	if len(c.ring) < c.size {
		c.ring = append(c.ring, n)
	} else {
		delete(c.m, c.ring[c.next])
		c.ring[c.next] = n
		c.next = (c.next + 1) % c.size
	}
	c.m[n] = s
}
