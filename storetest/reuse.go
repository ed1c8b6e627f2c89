package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/storyline/storyline"
)

// testReuse checks that a Store keeps what the reuse stage finds: copy
// groups that change origin when an earlier copy arrives, links read from
// either end and collapsed to group origins, and the index entries.
func testReuse(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	a := newArticle("a", "A", "the first text of the group")
	a.Fingerprints = []uint32{1, 2, 3}
	b := newArticle("b", "B", "the first text of the group, copied")
	b.DuplicateOf = a.ID
	b.Fingerprints = []uint32{}
	b.Reuse = []storyline.Reuse{{Of: a.ID, Share: 0.9, OfShare: 0.95, Copy: true,
		Passages: []storyline.Passage{{Start: 0, End: 10, OfStart: 0, OfEnd: 10}}}}
	put(t, s, a, b)
	// c was published earlier: it becomes the origin of a's group.
	c := newArticle("c", "C", "the first text of the group, as first sent")
	c.Published = "2024-01-01"
	c.Regroup = []string{a.ID}
	c.Fingerprints = []uint32{4}
	c.Reuse = []storyline.Reuse{{Of: b.ID, Share: 0.8, OfShare: 0.9, Copy: true}}
	d := newArticle("d", "D", "another text that borrows from the first one")
	d.Fingerprints = []uint32{5}
	d.Published, d.PublishedInferred, d.DatedBy = "2024-03-01", true, storyline.DatedByEvent // no evidence of its own
	d.Reuse = []storyline.Reuse{{Of: a.ID, Share: 0.3, OfShare: 0.2,
		Passages: []storyline.Passage{{Start: 20, End: 40, OfStart: 2, OfEnd: 22}, {Start: 1, End: 9, OfStart: 30, OfEnd: 38}}}}
	put(t, s, c, d)

	for _, x := range []*storyline.Article{a, b} {
		if got := get(t, s, x.ID).DuplicateOf; got != c.ID {
			t.Errorf("%s: duplicate_of %q, want the new origin %q", x.Ref, got, c.ID)
		}
	}
	if got := get(t, s, c.ID).DuplicateOf; got != "" {
		t.Errorf("origin c: duplicate_of %q, want none", got)
	}
	// d's link to a is shown as a link to a's origin, c; every member of
	// c's group shows the link to d, from the member's side.
	wantD := fmt.Sprint([]storyline.Reuse{{Of: c.ID, Share: 0.3, OfShare: 0.2, Passages: d.Reuse[0].Passages}})
	if got := fmt.Sprint(get(t, s, d.ID).Reuse); got != wantD {
		t.Errorf("d's reuse = %s, want %s", got, wantD)
	}
	wantGroup := fmt.Sprint([]storyline.Reuse{{Of: d.ID, Share: 0.2, OfShare: 0.3, Passages: []storyline.Passage{
		{Start: 2, End: 22, OfStart: 20, OfEnd: 40}, {Start: 30, End: 38, OfStart: 1, OfEnd: 9}}}})
	for _, x := range []*storyline.Article{a, b, c} {
		if got := fmt.Sprint(get(t, s, x.ID).Reuse); got != wantGroup {
			t.Errorf("%s's reuse = %s, want %s", x.Ref, got, wantGroup)
		}
	}
	// EachArticle agrees with Article.
	err := s.EachArticle(ctx, func(x *storyline.Article) error {
		one := get(t, s, x.ID)
		if x.DuplicateOf != one.DuplicateOf || fmt.Sprint(x.Reuse) != fmt.Sprint(one.Reuse) {
			t.Errorf("%s: EachArticle gives %q %v, Article %q %v", x.Ref, x.DuplicateOf, x.Reuse, one.DuplicateOf, one.Reuse)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := storyline.CountSources([]*storyline.Article{get(t, s, a.ID), get(t, s, b.ID), get(t, s, c.ID), get(t, s, d.ID)}); got != (storyline.SourceCount{Articles: 4, Independent: 2}) {
		t.Errorf("CountSources = %+v, want 4 articles from 2 independent sources", got)
	}

	// An article stored without fingerprints is not indexed until PutReuse.
	e := newArticle("e", "E", "an article stored before reuse detection")
	put(t, s, e)
	entries := func() string {
		var out string
		err := s.ReuseEntries(ctx, func(r storyline.ReuseEntry) error {
			out += fmt.Sprintf("%s:%s:%s:%v:%v:%d ", r.ID[:4], r.Published, r.DuplicateOf, r.Fingerprints, r.Indexed, len(r.Links))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := fmt.Sprintf("%s:%s:%s:[1 2 3]:true:0 %s:%s:%s:[]:true:1 %s:2024-01-01::[4]:true:1 %s:::[5]:true:1 %s:%s::[]:false:0 ",
		a.ID[:4], a.Published, c.ID, b.ID[:4], b.Published, c.ID, c.ID[:4], d.ID[:4], e.ID[:4], e.Published)
	if got := entries(); got != want {
		t.Errorf("ReuseEntries = %s\nwant           %s", got, want)
	}
	e.DuplicateOf = d.ID
	e.Fingerprints = []uint32{9}
	if err := s.PutReuse(ctx, []*storyline.Article{e}); err != nil {
		t.Fatal(err)
	}
	want = want[:len(want)-len(fmt.Sprintf("%s:%s::[]:false:0 ", e.ID[:4], e.Published))] + fmt.Sprintf("%s:%s:%s:[9]:true:0 ", e.ID[:4], e.Published, d.ID)
	if got := entries(); got != want {
		t.Errorf("after PutReuse: ReuseEntries = %s\nwant                          %s", got, want)
	}
	if err := s.PutReuse(ctx, []*storyline.Article{newArticle("x", "X", "never stored")}); err == nil {
		t.Error("PutReuse of an article never stored: no error")
	}
}

// testReuseRevision checks that a Store applies what an article's arrival
// revises in stored findings: links replaced and dropped, groups merged,
// and that the index entries list each article's links.
func testReuseRevision(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	a := newArticle("a", "A", "an article with a furniture block")
	b := newArticle("b", "B", "a second article with the same block")
	b.Reuse = []storyline.Reuse{{Of: a.ID, Share: 0.4, OfShare: 0.5,
		Passages: []storyline.Passage{{Start: 0, End: 30, OfStart: 0, OfEnd: 30}}}}
	c := newArticle("c", "C", "a third article that borrows a paragraph of a")
	c.Reuse = []storyline.Reuse{{Of: a.ID, Share: 0.5, OfShare: 0.3}}
	w := newArticle("w", "W", "the lede of c wrapped in furniture")
	w.Reuse = []storyline.Reuse{{Of: c.ID, Share: 0.4, OfShare: 0.3}}
	put(t, s, a, b, c, w)
	var links []string
	err := s.ReuseEntries(ctx, func(e storyline.ReuseEntry) error {
		links = append(links, fmt.Sprintf("%s:%d", e.ID[:4], len(e.Links)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(links), fmt.Sprintf("[%s:0 %s:1 %s:1 %s:1]", a.ID[:4], b.ID[:4], c.ID[:4], w.ID[:4]); got != want {
		t.Errorf("ReuseEntries links = %s, want %s", got, want)
	}
	// x's arrival shows that a and b share only furniture, that c's
	// share of a is smaller, and that w is a copy of c.
	x := newArticle("x", "X", "a fourth article with the block")
	x.Revised = storyline.ReuseRevision{
		Links: []storyline.LinkRevision{
			{A: b.ID, B: a.ID, Drop: true},
			{A: c.ID, B: a.ID, Link: storyline.Reuse{Of: a.ID, Share: 0.45, OfShare: 0.25}},
			{A: w.ID, B: c.ID, Link: storyline.Reuse{Of: c.ID, Share: 0.95, OfShare: 0.3, Copy: true,
				Passages: []storyline.Passage{{Start: 5, End: 40, OfStart: 0, OfEnd: 35}}}},
		},
		Origins: []storyline.OriginChange{{ID: w.ID, DuplicateOf: c.ID}},
	}
	put(t, s, x)
	if got := get(t, s, b.ID).Reuse; len(got) != 0 {
		t.Errorf("b's reuse after the drop = %v, want none", got)
	}
	if got := get(t, s, c.ID).Reuse; len(got) != 1 || got[0].Of != a.ID || got[0].Share != 0.45 || got[0].OfShare != 0.25 {
		t.Errorf("c's reuse after the revision = %v, want 0.45 of a", got)
	}
	if got := get(t, s, w.ID).DuplicateOf; got != c.ID {
		t.Errorf("w: duplicate_of %q after the merge, want %q", got, c.ID)
	}
	if got := get(t, s, a.ID).Reuse; len(got) != 1 || got[0].Of != c.ID || got[0].Share != 0.25 {
		t.Errorf("a's reuse = %v, want only c's link, from a's side (0.25)", got)
	}
	// The index entries give copy links with the span of their passages.
	var wl []storyline.LinkEntry
	err = s.ReuseEntries(ctx, func(e storyline.ReuseEntry) error {
		if e.ID == w.ID {
			wl = e.Links
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := (storyline.LinkEntry{Of: c.ID, Copy: true, Share: 0.95, OfShare: 0.3, Start: 5, End: 40, OfStart: 0, OfEnd: 35}); len(wl) != 1 || wl[0] != want {
		t.Errorf("w's index links = %+v, want %+v", wl, want)
	}
	// Revising a link that is not stored is an error, and the batch is
	// not stored.
	z := newArticle("z", "Z", "an article revising a link that does not exist")
	z.Revised.Links = []storyline.LinkRevision{{A: a.ID, B: w.ID, Drop: true}}
	if _, err := s.PutArticles(ctx, []*storyline.Article{z}); err == nil {
		t.Error("revision of a link not stored: no error")
	}
	if _, err := s.Article(ctx, z.ID); err == nil {
		t.Error("the article of a failed batch was stored")
	}
	// A split: w is alone again.
	y := newArticle("y", "Y", "an article whose arrival splits w from c")
	y.Revised.Origins = []storyline.OriginChange{{ID: w.ID}}
	put(t, s, y)
	if got := get(t, s, w.ID).DuplicateOf; got != "" {
		t.Errorf("w: duplicate_of %q after the split, want none", got)
	}
}
