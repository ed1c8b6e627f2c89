package reuse

import (
	"slices"
	"sort"
)

// ClearlyBetter is how much more of an article one copy link must cover
// than another for the article to be a copy of the first only, when the
// two linked articles are known not to be copies of each other.
const ClearlyBetter = 0.1

// WholeShare is the share of an article another must cover for the
// article to be found whole in it.
const WholeShare = 0.95

// extent is a byte span of a text: where the shared passages of a link lie.
type extent struct{ start, end int32 }

// overlaps tells whether two spans share at least a quarter of the
// shorter: the passages of two copy links of an article cover the same
// text (a lede and an edited whole overlap only in part; the two
// articles of a page do not overlap at all).
func (s extent) overlaps(t extent) bool {
	o := min(s.end, t.end) - max(s.start, t.start)
	return 4*o >= min(s.end-s.start, t.end-t.start)
}

// edge is a stored link as one of its articles sees it.
type edge struct {
	to uint32
	// would tells that Compare found the two to be copies; copy that
	// the link is a copy link once the primary rule is applied at both
	// ends (see keptCopies).
	would, copy bool
	// at is the span of the shared passages in this article's text.
	at extent
	// share is the share of this article's text the passages cover.
	share float32
}

// addEdge records a link between a and b; as and bs are the spans of the
// shared passages in each, sa and sb the shares of each text they cover.
func (d *Detector) addEdge(a, b uint32, copy bool, as, bs extent, sa, sb float64) {
	d.edges[a] = append(d.edges[a], edge{to: b, would: copy, copy: copy, at: as, share: float32(sa)})
	d.edges[b] = append(d.edges[b], edge{to: a, would: copy, copy: copy, at: bs, share: float32(sb)})
}

// edgeOf returns a's edge to b, or nil.
func (d *Detector) edgeOf(a, b uint32) *edge {
	es := d.edges[a]
	for i := range es {
		if es[i].to == b {
			return &es[i]
		}
	}
	return nil
}

// isCopy tells whether a and b have a copy link.
func (d *Detector) isCopy(a, b uint32) bool {
	e := d.edgeOf(a, b)
	return e != nil && e.copy
}

// removeEdge forgets the link between a and b.
func (d *Detector) removeEdge(a, b uint32) {
	drop := func(from, to uint32) {
		es := d.edges[from]
		for i := range es {
			if es[i].to == to {
				es = append(es[:i], es[i+1:]...)
				break
			}
		}
		if len(es) == 0 {
			delete(d.edges, from)
		} else {
			d.edges[from] = es
		}
	}
	drop(a, b)
	drop(b, a)
}

// keptCopies returns the articles whose links with a may be copy links as
// far as a is concerned; a must be a copy of one text only.
//
// An article that carries two articles whole (a page with a second story
// below the first) is a copy of the first only: a's copy links must cover
// the same part of a. Taking the links whose passages start first and,
// at equal starts, the longer first, each is kept if its span overlaps
// the span of every link kept before it.
//
// An article may also be a copy of two articles that are not copies of
// each other (a lede carried by two versions of a story): of two such
// links, the one covering more of a is kept, so that a copy does not join
// the groups of two texts known to be different, when a is found whole
// in the first (WholeShare), the second covers clearly less of a
// (ClearlyBetter) and is not itself found whole in a (a part of a, such
// as a lede copy of it, is a copy of a whatever else a contains).
// Otherwise the decisions that set the two texts apart are as likely to
// be wrong as the copy links, and both links stay.
func (d *Detector) keptCopies(a uint32) map[uint32]bool {
	var cs []edge
	for _, e := range d.edges[a] {
		if e.would {
			cs = append(cs, e)
		}
	}
	if len(cs) < 2 {
		kept := map[uint32]bool{}
		for _, e := range cs {
			kept[e.to] = true
		}
		return kept
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].at.start != cs[j].at.start {
			return cs[i].at.start < cs[j].at.start
		}
		if li, lj := cs[i].at.end-cs[i].at.start, cs[j].at.end-cs[j].at.start; li != lj {
			return li > lj
		}
		return cs[i].to < cs[j].to
	})
	var same []edge
	var spans []extent // the distinct spans of the links in same
	for _, e := range cs {
		ok := true
		for _, k := range spans {
			if ok = e.at.overlaps(k); !ok {
				break
			}
		}
		if ok {
			if !slices.Contains(spans, e.at) {
				spans = append(spans, e.at)
			}
			same = append(same, e)
		}
	}
	sort.SliceStable(same, func(i, j int) bool { return same[i].share > same[j].share })
	kept := make(map[uint32]bool, len(same))
	var whole []edge // kept links to articles in which a is found whole
	for _, e := range same {
		ok := true
		if len(whole) > 0 && e.share < same[0].share-ClearlyBetter && d.edgeOf(e.to, a).share < WholeShare {
			for _, k := range whole {
				if o := d.edgeOf(e.to, k.to); o != nil && !o.would && e.share < k.share-ClearlyBetter {
					ok = false // known not to be copies of each other
					break
				}
			}
		}
		if ok {
			kept[e.to] = true
			if e.share >= WholeShare {
				whole = append(whole, e)
			}
		}
	}
	return kept
}

// applyPrimary sets the copy flag of a's links: a link is a copy link
// when Compare found copies and the primary rule keeps it at both ends.
// It returns the links whose flag changed, as (a, other) pairs.
func (d *Detector) applyPrimary(a uint32) [][2]uint32 {
	kept := d.keptCopies(a)
	var changed [][2]uint32
	for i := range d.edges[a] {
		e := &d.edges[a][i]
		c := e.would && kept[e.to] && d.keptCopies(e.to)[a]
		if c != e.copy {
			e.copy = c
			d.edgeOf(e.to, a).copy = c
			changed = append(changed, [2]uint32{a, e.to})
		}
	}
	return changed
}

// join makes origin r's group part of origin o's group.
func (d *Detector) join(r, o uint32) {
	if r == o {
		return
	}
	d.arts[r].parent = o
	mo, ok := d.members[o]
	if !ok {
		mo = []uint32{o}
	}
	if mr, ok := d.members[r]; ok {
		mo = append(mo, mr...)
		delete(d.members, r)
	} else {
		mo = append(mo, r)
	}
	d.members[o] = mo
}

// group returns the members of origin r's group.
func (d *Detector) group(r uint32) []uint32 {
	if m, ok := d.members[r]; ok {
		return m
	}
	return []uint32{r}
}

// recompute makes the groups of the given articles the connected parts of
// their copy links again, after copy links among them changed, each with
// its earliest article as origin, and marks their members touched.
func (d *Detector) recompute(starts []uint32) {
	if len(starts) == 0 {
		return
	}
	var nodes []uint32
	seen := map[uint32]bool{}
	for _, s := range starts {
		r := d.root(s)
		if seen[r] {
			continue
		}
		for _, m := range d.group(r) {
			seen[m] = true
			nodes = append(nodes, m)
		}
		delete(d.members, r)
	}
	done := map[uint32]bool{}
	for _, s := range nodes {
		if done[s] {
			continue
		}
		comp := []uint32{s}
		done[s] = true
		for i := 0; i < len(comp); i++ {
			for _, e := range d.edges[comp[i]] {
				if e.copy && !done[e.to] {
					done[e.to] = true
					comp = append(comp, e.to)
				}
			}
		}
		origin := comp[0]
		for _, m := range comp[1:] {
			if d.earlier(m, origin) {
				origin = m
			}
		}
		for _, m := range comp {
			if r := d.root(m); r != m && !seen[r] {
				delete(d.members, r) // a group joined through a copy link
			}
		}
		for _, m := range comp {
			d.arts[m].parent = origin
			d.touched[m] = true
		}
		if len(comp) > 1 {
			sort.Slice(comp, func(i, j int) bool { return comp[i] < comp[j] })
			d.members[origin] = comp
		}
	}
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
