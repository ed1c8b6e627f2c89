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

// TextFunc returns the cleaned text of a stored article.
type TextFunc func(id string) (string, error)

// Detector decides, article by article in ingest order, which stored
// articles a new one copies or shares passages with, and keeps the copy
// groups: each group's origin is its earliest article (earliest
// publication time, then ingest order). It is not safe for concurrent use;
// ingest calls it from the one goroutine that writes the store.
type Detector struct {
	index   *Index
	arts    []art
	byID    map[string]uint32
	pending [][2]string // (id, duplicate_of) loaded before their origin
	cache   sigCache
	text    TextFunc
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
		index: NewIndex(common),
		byID:  map[string]uint32{},
		cache: newSigCache(4096),
		text:  text,
	}
}

// Load adds a stored article, in ingest order.
func (d *Detector) Load(e storyline.ReuseEntry) {
	n := d.add(e.ID, e.Published)
	for _, f := range e.Fingerprints {
		d.index.Add(f, n)
	}
	if e.DuplicateOf != "" {
		d.pending = append(d.pending, [2]string{e.ID, e.DuplicateOf})
	}
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

// resolvePending joins the loaded copies to their origins.
func (d *Detector) resolvePending() {
	for _, p := range d.pending {
		a, ok1 := d.byID[p[0]]
		o, ok2 := d.byID[p[1]]
		if ok1 && ok2 {
			d.arts[a].parent = d.root(o)
		}
	}
	d.pending = nil
}

// root returns the origin of article n's group, compressing the path.
func (d *Detector) root(n uint32) uint32 {
	r := n
	for d.arts[r].parent != r {
		r = d.arts[r].parent
	}
	for d.arts[n].parent != r {
		next := d.arts[n].parent
		d.arts[n].parent = r
		n = next
	}
	return r
}

// earlier tells whether article a comes before b: earlier publication,
// then earlier ingest.
func (d *Detector) earlier(a, b uint32) bool {
	pa, pb := d.arts[a].published, d.arts[b].published
	if pa != pb {
		return pa < pb
	}
	return a < b
}

// Observe compares a new article with the stored ones and sets its
// DuplicateOf, Reuse (links to stored articles, with both shares and the
// passages), Regroup (origins whose groups it joins) and Fingerprints (what
// it adds to the index). An article whose ID is known already is left
// alone. sig is a's signature (NewSignature(a.Text)); nil computes it.
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
	x := Side{Sig: sig, Boilerplate: d.furniture(sig)}
	var roots []uint32
	copyOf := map[uint32]bool{}
	for _, c := range d.candidates(sig) {
		ysig, err := d.signature(c)
		if err != nil {
			return fmt.Errorf("reuse: compare %s with %s: %w", a.ID, d.arts[c].id, err)
		}
		p := Compare(x, Side{Sig: ysig, Boilerplate: d.furniture(ysig)})
		if len(p.Passages) == 0 {
			continue
		}
		link := storyline.Reuse{Of: d.arts[c].id, Share: round(p.ShareX), OfShare: round(p.ShareY), Copy: p.Copy}
		for _, ps := range p.Passages {
			link.Passages = append(link.Passages, storyline.Passage(ps))
		}
		a.Reuse = append(a.Reuse, link)
		if p.Copy {
			copyOf[c] = true
			roots = append(roots, d.root(c))
		}
	}
	n := d.add(a.ID, a.Published)
	// The group's origin is the earliest of the joined groups' origins and
	// the new article.
	origin := n
	for _, r := range roots {
		if d.earlier(r, origin) {
			origin = r
		}
	}
	a.DuplicateOf, a.Regroup = "", nil
	if origin != n {
		a.DuplicateOf = d.arts[origin].id
	}
	seen := map[uint32]bool{origin: true}
	for _, r := range roots {
		if !seen[r] {
			seen[r] = true
			a.Regroup = append(a.Regroup, d.arts[r].id)
			d.arts[r].parent = origin
		}
	}
	d.arts[n].parent = origin
	// Index what the copies it joined do not already have.
	shared := map[uint32]bool{}
	for c := range copyOf {
		if s, ok := d.cache.get(c); ok {
			for _, f := range s.Fingerprints {
				shared[f.Hash] = true
			}
		}
	}
	a.Fingerprints = make([]uint32, 0, len(sig.Fingerprints))
	for _, f := range sig.Fingerprints {
		if shared[f.Hash] {
			continue
		}
		shared[f.Hash] = true
		d.index.Add(f.Hash, n)
		a.Fingerprints = append(a.Fingerprints, f.Hash)
	}
	d.cache.put(n, sig)
	return nil
}

// candidates returns the stored articles sharing a fingerprint with sig
// that is not common, those sharing the most first, at most MaxCandidates.
func (d *Detector) candidates(sig *Signature) []uint32 {
	count := map[uint32]int{}
	for _, f := range sig.Fingerprints {
		if d.index.IsCommon(f.Hash) {
			continue
		}
		d.index.Lookup(f.Hash, func(a uint32) { count[a]++ })
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

// furniture marks the words of sig that lie in runs of common
// fingerprints: text that many independent articles carry (site furniture,
// standard notices). Winnowing keeps a fingerprint in every Window
// shingles, so two common fingerprints at most Window apart bound a
// common run.
func (d *Detector) furniture(sig *Signature) []bool {
	var mark []bool
	prev := int32(-1)
	for _, f := range sig.Fingerprints {
		if !d.index.IsCommon(f.Hash) {
			prev = -1
			continue
		}
		if mark == nil {
			mark = make([]bool, len(sig.Tokens))
		}
		from := f.Pos
		if prev >= 0 && f.Pos-prev <= Window {
			from = prev
		}
		for i := from; i < f.Pos+ShingleWords && int(i) < len(mark); i++ {
			mark[i] = true
		}
		prev = f.Pos
	}
	return mark
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
