package reuseset

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// opOrder is the order in which the edits of a combined kind apply:
// structure first, then wording, then what is put around the text.
var opOrder = map[string]int{
	KindTruncate: 0, KindLede: 1, KindDrop: 2, KindReorder: 3, KindAdd: 4, KindEdit: 5,
	KindReword: 6, KindTwoArticles: 7, KindHeadline: 8, KindWrapper: 9, KindExact: 10,
}

// copiesPerOriginal weighs the number of copies an original gets (1–5).
var copiesPerOriginal = []int{25, 30, 25, 15, 5}

func isBody(p *piece) bool { return p.role == roleBody }

// makeGroup adds s as an original and 1–5 copies of it of different
// kinds, choosing first the kinds made least so far. In about one group
// in five a copy is published before the original.
func (g *gen) makeGroup(s *source) {
	o := g.emitSource(s, "original")
	n := 1
	for r := g.rng.IntN(100); r >= copiesPerOriginal[n-1] && n < len(copiesPerOriginal); n++ {
		r -= copiesPerOriginal[n-1]
	}
	early := g.rng.IntN(5) == 0
	used := map[string]bool{}
	for range n {
		kinds := append([]string(nil), DupKinds...)
		g.rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
		sort.SliceStable(kinds, func(i, j int) bool { return g.dupCount[kinds[i]] < g.dupCount[kinds[j]] })
		for _, k := range kinds {
			if used[k] {
				continue
			}
			t := g.later(o.time)
			if early {
				t = g.earlier(o.time)
			}
			if g.makeCopy(o, k, t) {
				used[k] = true
				g.dupCount[k]++
				early = false
				break
			}
		}
	}
}

// makeCopy adds a copy of o of the given kind, published at t, and tells
// whether the edits could be made.
func (g *gen) makeCopy(o *itemMeta, kind string, t time.Time) bool {
	ops := strings.Split(kind, "+")
	sort.Slice(ops, func(i, j int) bool { return opOrder[ops[i]] < opOrder[ops[j]] })
	ps := clonePieces(o.pieces)
	title := o.title
	outlet := g.peekOutlet()
	var second *source
	for _, op := range ops {
		ok := true
		switch op {
		case KindExact:
		case KindHeadline:
			title, ps, ok = g.headline(o, ps, outlet)
		case KindWrapper:
			ps, ok = g.wrap(ps, outlet)
		case KindDrop:
			ps, ok = g.drop(ps)
		case KindAdd:
			ps, ok = g.add(o.src, ps)
		case KindEdit:
			ok = editSentences(ps, 0.2, smallEdit, g.rng, isBody) > 0
		case KindReword:
			ok = editSentences(ps, 0.3, reword, g.rng, isBody) > 0
		case KindTruncate:
			ps, ok = truncate(ps)
		case KindLede:
			ps, ok = g.lede(ps)
		case KindReorder:
			ps, ok = g.reorder(ps)
		case KindTwoArticles:
			if ok = len(g.second) > 0; ok {
				second = g.second[0]
				ps = append(ps, piece{text: second.title, block: -1, role: roleHeadline})
				ps = append(ps, sourcePieces(second, roleOther)...)
			}
		default:
			ok = false
		}
		if !ok {
			return false
		}
	}
	if kind != KindExact && kind != KindHeadline && render(ps) == render(o.pieces) {
		return false
	}
	c := g.emit(&itemMeta{kind: kind, src: o.src, pieces: ps, title: title, outlet: outlet, time: t, group: o.ref, of: o})
	g.set.Dups = append(g.set.Dups, Dup{Ref: c.ref, Of: o.ref, Kind: kind})
	if second != nil {
		g.second = g.second[1:]
		g.link(c, g.emitSource(second, "source"), LinkTwoArticles)
	}
	return true
}

// newTitle returns another headline for an article titled title whose
// lede is lede: an update mark, the outlet's name, a synonym, a headline
// made from the lede or a label.
func (g *gen) newTitle(title, lede, outlet string) string {
	variants := []func() string{
		func() string { return "UPDATE " + strconv.Itoa(1+g.rng.IntN(3)) + "-" + title },
		func() string {
			if outlet == "" {
				return ""
			}
			return title + " | " + outlet
		},
		func() string { t, _ := synonymSwap(title, g.rng); return t },
		func() string { return titleFromSentence(lede) },
		func() string {
			return []string{"BREAKING: ", "WATCH: ", "EXCLUSIVE: ", "ANALYSIS: "}[g.rng.IntN(4)] + title
		},
	}
	for _, i := range g.rng.Perm(len(variants)) {
		if t := variants[i](); t != "" && t != title {
			return t
		}
	}
	return title + " (updated)"
}

// headline gives the copy a new title and, half of the time, a byline as
// its first line.
func (g *gen) headline(o *itemMeta, ps []piece, outlet string) (string, []piece, bool) {
	t := g.newTitle(o.title, o.src.paras[0][0], outlet)
	if g.rng.IntN(2) == 0 {
		by := []string{"By %s, %s", "By %s | %s", "By %s for %s"}[g.rng.IntN(3)]
		line := strings.Replace(strings.Replace(by, "%s", randomName(g.rng), 1), "%s", outlet, 1)
		ps = append([]piece{{text: line, block: -1, role: roleByline}}, ps...)
	}
	return t, ps, t != o.title
}

// wrap puts 60–200 words of site furniture (one to a few blocks of the
// pool, rendered for the outlet) before the text, after it or both.
func (g *gen) wrap(ps []piece, outlet string) ([]piece, bool) {
	target := 60 + g.rng.IntN(141)
	f := furniture{outlet: outlet, year: 2005 + g.rng.IntN(20), rng: g.rng}
	var chosen []piece
	total := 0
	for _, k := range g.rng.Perm(len(blocks)) {
		if total >= target {
			break
		}
		text := blocks[k](f)
		w := wordCount(text)
		if total+w > 200 {
			continue
		}
		chosen = append(chosen, piece{text: text, block: k, role: roleBoiler})
		total += w
	}
	if total < 60 {
		return ps, false
	}
	var before, after []piece
	switch where := g.rng.IntN(3); {
	case where == 0:
		before = chosen
	case where == 1:
		after = chosen
	case len(chosen) == 1:
		if g.rng.IntN(2) == 0 {
			before = chosen
		} else {
			after = chosen
		}
	default:
		k := 1 + g.rng.IntN(len(chosen)-1)
		before, after = chosen[:k], chosen[k:]
	}
	out := append(clonePieces(before), ps...)
	return append(out, after...), true
}

// drop drops 1–3 paragraphs (not the first, at most a third of them and
// 40% of the words).
func (g *gen) drop(ps []piece) ([]piece, bool) {
	n := len(ps)
	if n < 4 {
		return ps, false
	}
	total := piecesWords(ps)
	for try := 0; try < 5; try++ {
		k := 1 + g.rng.IntN(min(3, max(1, (n-1)/3)))
		gone := map[int]bool{}
		w := 0
		for _, i := range g.rng.Perm(n - 1)[:k] {
			gone[i+1] = true
			w += wordCount(ps[i+1].String())
		}
		if float64(w) > 0.4*float64(total) {
			continue
		}
		var out []piece
		for i, p := range ps {
			if !gone[i] {
				out = append(out, p)
			}
		}
		return out, true
	}
	return ps, false
}

// add inserts 1–2 paragraphs of an article of the other corpus (Gigaword
// for ECB+ and MEANTIME originals and the other way round), after the
// first paragraph.
func (g *gen) add(s *source, ps []piece) ([]piece, bool) {
	pool := &g.fillGiga
	if s.corpus == corpusGigaword && len(g.fillTopic) > 0 {
		pool = &g.fillTopic
	}
	k := 1 + g.rng.IntN(2)
	if len(*pool) < k {
		return ps, false
	}
	for _, p := range (*pool)[:k] {
		ps = g.insertPiece(ps, p)
	}
	*pool = (*pool)[k:]
	return ps, true
}

// truncate keeps the first third of the words, cut at the sentence end
// nearest to it.
func truncate(ps []piece) ([]piece, bool) {
	total := piecesWords(ps)
	target := float64(total) / 3
	bestI, bestJ, bestD := -1, -1, 1e18
	cum := 0
	for i, p := range ps {
		for j, s := range p.sents {
			cum += wordCount(s)
			if d := abs(float64(cum) - target); d < bestD && endsSentence(s) {
				bestI, bestJ, bestD = i, j, d
			}
		}
	}
	if bestI < 0 {
		return ps, false
	}
	out := clonePieces(ps[:bestI])
	last := ps[bestI]
	last.sents = last.sents[:bestJ+1]
	out = append(out, last)
	r := float64(piecesWords(out)) / float64(total)
	return out, r >= 0.25 && r <= 0.42 && len(out) > 0
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// lede keeps the first 2–3 paragraphs, more when they have fewer than 40
// words; it fails when that would keep the whole text or over 70% of it.
func (g *gen) lede(ps []piece) ([]piece, bool) {
	n := len(ps)
	if n < 4 {
		return ps, false
	}
	k := 2 + g.rng.IntN(2)
	for k < n-1 && piecesWords(ps[:k]) < 40 {
		k++
	}
	w := piecesWords(ps[:k])
	if w < 40 || k >= n || float64(w) > 0.7*float64(piecesWords(ps)) {
		return ps, false
	}
	return clonePieces(ps[:k]), true
}

// reorder shuffles the paragraphs after the first.
func (g *gen) reorder(ps []piece) ([]piece, bool) {
	n := len(ps)
	if n < 4 {
		return ps, false
	}
	for {
		perm := g.rng.Perm(n - 1)
		moved := false
		for i, p := range perm {
			if i != p {
				moved = true
			}
		}
		if !moved {
			continue
		}
		out := []piece{ps[0]}
		for _, p := range perm {
			out = append(out, ps[p+1])
		}
		return out, true
	}
}
