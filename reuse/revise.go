package reuse

import (
	"fmt"
	"sort"

	"github.com/storyline/storyline"
)

// revise verifies again the links of every group that has one of the
// fingerprints the arrival of a (article n) made common: their text is
// site furniture now, which no longer counts as shared. Links that
// change are recorded in a.Revised (or, for a's own links, in a.Reuse),
// and groups whose copy links changed are made again.
func (d *Detector) revise(a *storyline.Article, n uint32, fps []uint32) error {
	groups := map[uint32]bool{}
	for _, f := range fps {
		d.index.Lookup(f, func(h uint32) { groups[d.root(h)] = true })
	}
	seen := map[[2]uint32]bool{}
	var pairs [][2]uint32 // (later, earlier)
	for r := range groups {
		for _, m := range d.group(r) {
			for _, e := range d.edges[m] {
				p := [2]uint32{max(m, e.to), min(m, e.to)}
				if !seen[p] {
					seen[p] = true
					pairs = append(pairs, p)
				}
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	var regroup []uint32
	for _, pr := range pairs {
		u, v := pr[0], pr[1]
		p, err := d.compare(u, v)
		if err != nil {
			return err
		}
		was := d.isCopy(u, v)
		// As when they arrive, two articles are compared only when they
		// share a fingerprint that is not common.
		if len(p.Passages) == 0 || !d.shareRare(u, v) {
			d.removeEdge(u, v)
			if was {
				regroup = append(regroup, u, v)
			}
			if u == n {
				d.setOwnLink(a, v, nil)
			} else {
				a.Revised.Links = append(a.Revised.Links, storyline.LinkRevision{A: d.arts[u].id, B: d.arts[v].id, Drop: true})
			}
			continue
		}
		eu, ev := d.edgeOf(u, v), d.edgeOf(v, u)
		eu.would, ev.would = p.Copy, p.Copy
		eu.at, ev.at = p.spans()
		eu.share, ev.share = float32(p.ShareX), float32(p.ShareY)
		changed := append(d.applyPrimary(u), d.applyPrimary(v)...)
		link := newLink(d.arts[v].id, p)
		if u == n {
			d.setOwnLink(a, v, &link)
		} else {
			a.Revised.Links = append(a.Revised.Links, storyline.LinkRevision{A: d.arts[u].id, B: d.arts[v].id, Link: link})
		}
		for _, c := range changed {
			regroup = append(regroup, c[0], c[1])
			if x, y := max(c[0], c[1]), min(c[0], c[1]); (x != u || y != v) && x != n {
				if err := d.reviseLink(a, x, y); err != nil {
					return err
				}
			}
		}
	}
	d.recompute(regroup)
	return nil
}

// compare compares stored articles u and v with what the index knows now.
func (d *Detector) compare(u, v uint32) (Pair, error) {
	su, err := d.signature(u)
	if err != nil {
		return Pair{}, fmt.Errorf("reuse: verify %s with %s: %w", d.arts[u].id, d.arts[v].id, err)
	}
	sv, err := d.signature(v)
	if err != nil {
		return Pair{}, fmt.Errorf("reuse: verify %s with %s: %w", d.arts[u].id, d.arts[v].id, err)
	}
	return Compare(d.Side(su), d.Side(sv)), nil
}

// reviseLink records in a.Revised the link between stored articles u
// (stored after v) and v as it is now.
func (d *Detector) reviseLink(a *storyline.Article, u, v uint32) error {
	p, err := d.compare(u, v)
	if err != nil {
		return err
	}
	a.Revised.Links = append(a.Revised.Links, storyline.LinkRevision{A: d.arts[u].id, B: d.arts[v].id, Link: newLink(d.arts[v].id, p)})
	return nil
}

// setOwnLink replaces a's link to article v (nil: drops it).
func (d *Detector) setOwnLink(a *storyline.Article, v uint32, l *storyline.Reuse) {
	id := d.arts[v].id
	for i := range a.Reuse {
		if a.Reuse[i].Of == id {
			if l == nil {
				a.Reuse = append(a.Reuse[:i], a.Reuse[i+1:]...)
			} else {
				a.Reuse[i] = *l
			}
			return
		}
	}
}

// settle finishes new article a (article n), now that all changes are
// made: the copy flags of its links and of the revised ones become those
// of the detector's copy links (a link revised twice in one arrival is
// written as it ends), its DuplicateOf its group's origin, and the new
// origins of the stored articles whose groups changed go to
// a.Revised.Origins.
func (d *Detector) settle(a *storyline.Article, n uint32) {
	for i := range a.Reuse {
		a.Reuse[i].Copy = d.isCopy(n, d.byID[a.Reuse[i].Of])
	}
	for i := range a.Revised.Links {
		l := &a.Revised.Links[i]
		if !l.Drop {
			l.Link.Copy = d.isCopy(d.byID[l.A], d.byID[l.B])
		}
	}
	a.DuplicateOf = d.duplicateOf(n)
	ids := make([]uint32, 0, len(d.touched))
	for m := range d.touched {
		if m != n {
			ids = append(ids, m)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, m := range ids {
		a.Revised.Origins = append(a.Revised.Origins, storyline.OriginChange{ID: d.arts[m].id, DuplicateOf: d.duplicateOf(m)})
	}
}

// shareRare tells whether articles u and v have a fingerprint in common
// that is not common in the index.
func (d *Detector) shareRare(u, v uint32) bool {
	x, err := d.signature(u)
	if err != nil {
		return true
	}
	y, err := d.signature(v)
	if err != nil {
		return true
	}
	in := make(map[uint32]bool, len(y.Fingerprints))
	for _, f := range y.Fingerprints {
		in[f.Hash] = true
	}
	for _, f := range x.Fingerprints {
		if in[f.Hash] && !d.index.IsCommon(f.Hash) {
			return true
		}
	}
	return false
}
