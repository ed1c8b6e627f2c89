package reuseset

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Sizes of a split: how many of each thing Generate tries to build. The
// ECB+ and MEANTIME topics are shared out first (each topic gives a few
// versions, rewrites, borrowings and a quote pair; the rest are
// originals); Gigaword fills up to these targets.
const (
	targetOriginals   = 400
	targetTwoArticles = 45
	targetBorrow      = 90
	targetRewrite     = 40
	targetVersion     = 40
	targetQuote       = 40
	targetBoilerplate = 40
	targetStock       = 30
	// Articles kept out of the set whose paragraphs and sentences are
	// pasted into items: added paragraphs (topic corpora and Gigaword) and
	// quotations (Gigaword).
	topicFillers = 5
	gigaFillers  = 24
	quoteFillers = 12
)

// Roles of a piece of an item's text.
const (
	roleBody     = "body"     // a paragraph of the item's own source
	roleOther    = "other"    // a paragraph of another source article (added, borrowed, second article)
	roleBoiler   = "boiler"   // a block of site furniture
	roleByline   = "byline"   // a "By NAME, Outlet" line
	roleQuote    = "quote"    // a quotation paragraph
	roleStock    = "stock"    // a stock phrase paragraph
	roleHeadline = "headline" // the title of a second article on the page
)

// piece is one paragraph (or block) of an item's text, with where it
// comes from.
type piece struct {
	sents  []string // a paragraph of a source article, as sentences
	text   string   // furniture, quotations and other non-source text
	src    string   // the source article id, "" for furniture
	block  int      // the furniture block number, -1 if none
	role   string
	edited int // sentences edited
}

func (p piece) String() string {
	if p.sents != nil {
		return strings.Join(p.sents, " ")
	}
	return p.text
}

func render(ps []piece) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return strings.Join(out, "\n\n")
}

func piecesWords(ps []piece) int {
	n := 0
	for _, p := range ps {
		n += wordCount(p.String())
	}
	return n
}

// shareFrom is the fraction of the words of ps that come from source id.
func shareFrom(ps []piece, id string) float64 {
	total, from := 0, 0
	for _, p := range ps {
		w := wordCount(p.String())
		total += w
		if p.src == id && (p.role == roleBody || p.role == roleOther) {
			from += w
		}
	}
	if total == 0 {
		return 0
	}
	return float64(from) / float64(total)
}

func sourcePieces(s *source, role string) []piece {
	ps := make([]piece, len(s.paras))
	for i, p := range s.paras {
		ps[i] = piece{sents: p, src: s.id, block: -1, role: role}
	}
	return ps
}

func clonePieces(ps []piece) []piece { return append([]piece(nil), ps...) }

// itemMeta is what the generator knows about an item.
type itemMeta struct {
	ref    string
	kind   string // "original", "source", a dup kind, a link kind, a negative kind
	src    *source
	pieces []piece
	title  string
	outlet string
	time   time.Time
	group  string // ref of the original of its group of copies, else its own
	topic  string
	quote  string // the shared quotation (quote negatives)
	stock  string // the shared stock phrase (stock negatives)
	of     *itemMeta
}

// sources returns the ids of the source articles whose text the item
// carries.
func (m *itemMeta) sources() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range m.pieces {
		if p.src != "" && !seen[p.src] {
			seen[p.src] = true
			out = append(out, p.src)
		}
	}
	return out
}

// Generate builds the evaluation set of split "dev" or "test" from the
// shared dev data in dataDir. The same data, split and seed give the same
// set.
//
// dev uses ECB+ topics 1–10 and the first half of Gigaword (by sorted id);
// test uses ECB+ topics 11–20, the second half of Gigaword and MEANTIME, so
// that no source article is in both.
func Generate(dataDir, split string, seed int64) (*Set, error) {
	if split != "dev" && split != "test" {
		return nil, fmt.Errorf("reuse set: unknown split %q (want dev or test)", split)
	}
	for _, d := range []string{"ecbplus-dev", "gigaword-silver"} {
		if _, err := os.Stat(filepath.Join(dataDir, d, "articles.jsonl")); err != nil {
			return nil, fmt.Errorf("reuse set: %w", err)
		}
	}
	srcs, err := loadSources(dataDir, split, seed)
	if err != nil {
		return nil, fmt.Errorf("reuse set: %w", err)
	}
	srcs = dropNaturalOverlap(srcs)
	if len(srcs) < 100 {
		return nil, errors.New("reuse set: fewer than 100 usable source articles")
	}
	g := newGen(split, seed, srcs)
	g.build()
	return g.set, nil
}

// gen is the state of one generation.
type gen struct {
	rng *rand.Rand
	set *Set

	items      []*itemMeta
	refs       map[string]bool
	seconds    map[int64]bool
	outlets    []int
	nextOutlet int

	topics    map[string][]*source // ECB+ and MEANTIME sources by topic
	giga      []*source            // Gigaword sources, sorted by id
	topicDate map[string]time.Time

	fillTopic []piece   // paragraphs of topic-corpus fillers, to add to Gigaword copies
	fillGiga  []piece   // paragraphs of Gigaword fillers, to add to topic-corpus copies
	quotes    []piece   // sentences of Gigaword fillers, to quote
	second    []*source // Gigaword articles to carry as the second article of a page

	rare      map[*source][]rareWord // rare words of Gigaword sources, for closest
	rareIndex map[string][]*source
	dupCount  map[string]int
	// related marks pairs of groups (by their originals' refs) with a gold
	// link or a negative other than same-event.
	related   map[[2]string]bool
	quoteFrom *piece // the quotation for the next quote pair, if not from g.quotes
	blockNo   int    // next furniture block for boilerplate pairs
	stockNo   int
}

func newGen(split string, seed int64, srcs []*source) *gen {
	var splitNo uint64 = 1
	if split == "test" {
		splitNo = 2
	}
	g := &gen{
		rng:       rand.New(rand.NewPCG(uint64(seed), 0x5eed0000+splitNo)),
		set:       &Set{Split: split, Seed: seed, meta: map[string]*itemMeta{}},
		refs:      map[string]bool{},
		seconds:   map[int64]bool{},
		topics:    map[string][]*source{},
		topicDate: map[string]time.Time{},
		dupCount:  map[string]int{},
		related:   map[[2]string]bool{},
	}
	g.outlets = g.rng.Perm(outletCount())
	dates := map[string][]time.Time{}
	for _, s := range srcs {
		if s.corpus == corpusGigaword {
			g.giga = append(g.giga, s)
			continue
		}
		g.topics[s.topic] = append(g.topics[s.topic], s)
		if !s.date.IsZero() {
			dates[s.topic] = append(dates[s.topic], s.date)
		}
	}
	for t, ds := range dates {
		sort.Slice(ds, func(i, j int) bool { return ds[i].Before(ds[j]) })
		g.topicDate[t] = ds[len(ds)/2]
	}
	return g
}

func (g *gen) topicNames() []string {
	names := make([]string, 0, len(g.topics))
	for t := range g.topics {
		names = append(names, t)
	}
	sort.Strings(names)
	return names
}

// build allocates the sources to roles and makes the items and the gold.
func (g *gen) build() {
	g.takeFillers()

	// Topic corpora: versions, rewrites, borrowings and quote pairs inside
	// a topic; the rest are originals.
	var originals []*source
	for _, t := range g.topicNames() {
		list := g.topics[t]
		g.rng.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		n := len(list)
		if n >= 6 {
			for range max(1, n/8) {
				g.takePair(&list, false, g.buildVersion)
			}
			for range max(1, n/8) {
				g.takePair(&list, false, g.buildRewrite)
			}
			for range max(1, n/10) {
				g.takePair(&list, false, g.buildBorrow)
			}
		}
		if n >= 8 {
			// The quotation comes from a third article of the topic,
			// which is not in the set.
			for range 1 + n/24 {
				k, q := topicQuote(list)
				if k < 0 {
					break
				}
				third := list[k]
				list = append(list[:k:k], list[k+1:]...)
				g.quoteFrom = &q
				if !g.takePair(&list, false, g.buildQuote) {
					list = append(list, third)
				}
				g.quoteFrom = nil
			}
		}
		originals = append(originals, list...)
	}

	// Gigaword: versions and rewrites pair articles about the same
	// subject (sharing rare words), since Gigaword has no topics.
	count := func(kind string) int {
		n := 0
		for _, m := range g.items {
			if m.kind == kind {
				n++
			}
		}
		return n
	}
	fill := func(target int, kind string, topical bool, build func(a, b *source) bool) {
		for tries := 0; count(kind) < target && tries < 4*target; tries++ {
			if !g.takePair(&g.giga, topical, build) {
				break
			}
		}
	}
	fill(targetVersion, LinkVersion, true, g.buildVersion)
	fill(targetRewrite, LinkRewrite, true, g.buildRewrite)
	fill(targetBorrow, LinkBorrow, false, g.buildBorrow)
	fill(2*targetQuote, NegQuote, false, g.buildQuote)
	fill(2*targetBoilerplate, NegBoilerplate, false, g.buildBoilerplate)
	fill(2*targetStock, NegStock, false, g.buildStock)

	g.rng.Shuffle(len(g.giga), func(i, j int) { g.giga[i], g.giga[j] = g.giga[j], g.giga[i] })
	n := min(targetTwoArticles, len(g.giga)/4)
	g.second, g.giga = g.giga[:n], g.giga[n:]
	sort.Slice(g.second, func(i, j int) bool { return g.second[i].id < g.second[j].id })
	for len(originals) < targetOriginals && len(g.giga) > 0 {
		originals = append(originals, g.giga[0])
		g.giga = g.giga[1:]
	}
	g.rng.Shuffle(len(originals), func(i, j int) { originals[i], originals[j] = originals[j], originals[i] })
	for _, s := range originals {
		g.makeGroup(s)
	}

	g.sameEvent()
	g.derivedNegatives()
	g.finish()
}

// takeFillers sets aside the articles whose paragraphs and sentences are
// pasted into items: one from each of the largest topics, and some
// Gigaword articles.
func (g *gen) takeFillers() {
	names := g.topicNames()
	sort.SliceStable(names, func(i, j int) bool { return len(g.topics[names[i]]) > len(g.topics[names[j]]) })
	for _, t := range names[:min(topicFillers, len(names))] {
		list := g.topics[t]
		k := g.rng.IntN(len(list))
		s := list[k]
		g.topics[t] = append(list[:k:k], list[k+1:]...)
		for _, p := range fillerParas(s) {
			if !sharesWithAny(p.String(), g.topics[t]) {
				g.fillTopic = append(g.fillTopic, p)
			}
		}
	}
	g.rng.Shuffle(len(g.giga), func(i, j int) { g.giga[i], g.giga[j] = g.giga[j], g.giga[i] })
	for _, s := range g.giga[:gigaFillers] {
		g.fillGiga = append(g.fillGiga, fillerParas(s)...)
	}
	for _, s := range g.giga[gigaFillers : gigaFillers+quoteFillers] {
		for _, p := range s.paras {
			for _, sent := range p {
				if quotable(sent) {
					g.quotes = append(g.quotes, piece{text: sent, src: s.id, block: -1, role: roleQuote})
				}
			}
		}
	}
	g.giga = g.giga[gigaFillers+quoteFillers:]
	sort.Slice(g.giga, func(i, j int) bool { return g.giga[i].id < g.giga[j].id })
	g.rng.Shuffle(len(g.fillTopic), func(i, j int) { g.fillTopic[i], g.fillTopic[j] = g.fillTopic[j], g.fillTopic[i] })
	g.rng.Shuffle(len(g.fillGiga), func(i, j int) { g.fillGiga[i], g.fillGiga[j] = g.fillGiga[j], g.fillGiga[i] })
	g.rng.Shuffle(len(g.quotes), func(i, j int) { g.quotes[i], g.quotes[j] = g.quotes[j], g.quotes[i] })
}

// quotable tells whether a sentence can be quoted: 20–40 words, no quotation
// marks of its own, a full stop at the end.
func quotable(sent string) bool {
	n := wordCount(sent)
	return n >= 20 && n <= 40 && !hasQuote(sent) && strings.HasSuffix(sent, ".")
}

// sharesWithAny tells whether text shares a run of 15 words with one of
// srcs. Articles of one ECB+ topic may share such runs (quotes of the same
// people); text pasted from one of them into an item must not.
func sharesWithAny(text string, srcs []*source) bool {
	for _, o := range srcs {
		if shareNgram(text, o.text(), 15) {
			return true
		}
	}
	return false
}

// topicQuote finds the first article of list with a quotable sentence that
// shares no 15 words with the other articles of list, and returns its
// index and the sentence, or -1.
func topicQuote(list []*source) (int, piece) {
	for k, s := range list {
		others := append(list[:k:k], list[k+1:]...)
		for _, p := range s.paras {
			for _, sent := range p {
				if quotable(sent) && !sharesWithAny(sent, others) {
					return k, piece{text: sent, src: s.id, block: -1, role: roleQuote}
				}
			}
		}
	}
	return -1, piece{}
}

// fillerParas are the paragraphs of s long enough to add to another
// article (15 words or more).
func fillerParas(s *source) []piece {
	var out []piece
	for _, p := range s.paras {
		if parasWords([][]string{p}) >= 15 {
			out = append(out, piece{sents: p, src: s.id, block: -1, role: roleOther})
		}
	}
	return out
}

// takePair tries pairs (a, b) of list with build until one succeeds, and
// then removes a and b from list. With topical, b is the article of list
// that shares the most rare words with a (Gigaword has no topics; this
// pairs articles about the same subject); otherwise pairs are random.
func (g *gen) takePair(list *[]*source, topical bool, build func(a, b *source) bool) bool {
	l := *list
	if len(l) < 2 {
		return false
	}
	for try := 0; try < 60; try++ {
		i := g.rng.IntN(len(l))
		var j int
		if topical {
			j = g.closest(l, i)
			if j < 0 {
				continue
			}
		} else {
			j = g.rng.IntN(len(l) - 1)
			if j >= i {
				j++
			}
		}
		if build(l[i], l[j]) {
			a, b := l[i], l[j]
			out := l[:0:0]
			for _, s := range l {
				if s != a && s != b {
					out = append(out, s)
				}
			}
			*list = out
			return true
		}
	}
	return false
}

// closest returns the index of the article of l (not i) that shares the
// most rare words with l[i], weighed by their inverse document frequency,
// or -1 when none shares any.
func (g *gen) closest(l []*source, i int) int {
	if g.rare == nil {
		g.rare, g.rareIndex = rareWords(l)
	}
	pos := make(map[*source]int, len(l))
	for j, s := range l {
		pos[s] = j
	}
	scores := map[int]float64{}
	for _, w := range g.rare[l[i]] {
		for _, s := range g.rareIndex[w.word] {
			if j, ok := pos[s]; ok && j != i {
				scores[j] += w.idf
			}
		}
	}
	best, bestScore := -1, 0.0
	for j, sc := range scores {
		if sc > bestScore || (sc == bestScore && j < best) {
			best, bestScore = j, sc
		}
	}
	return best
}

type rareWord struct {
	word string
	idf  float64
}

// rareWords returns, for each source, its words of four letters or more
// that occur in at most 2% of the sources (sorted, with their inverse
// document frequency), and the sources of each such word.
func rareWords(srcs []*source) (map[*source][]rareWord, map[string][]*source) {
	df := map[string]int{}
	words := make([]map[string]bool, len(srcs))
	for i, s := range srcs {
		words[i] = map[string]bool{}
		for _, t := range tokens(s.text()) {
			if len(t) >= 4 {
				words[i][t] = true
			}
		}
		for w := range words[i] {
			df[w]++
		}
	}
	limit := max(2, len(srcs)/50)
	out := make(map[*source][]rareWord, len(srcs))
	index := map[string][]*source{}
	for i, s := range srcs {
		var ws []rareWord
		for w := range words[i] {
			if n := df[w]; n >= 2 && n <= limit {
				ws = append(ws, rareWord{w, math.Log(float64(len(srcs)) / float64(n))})
				index[w] = append(index[w], s)
			}
		}
		sort.Slice(ws, func(a, b int) bool { return ws[a].word < ws[b].word })
		out[s] = ws
	}
	return out, index
}

// Times.

var zones = []*time.Location{
	time.UTC, time.FixedZone("", 3600), time.FixedZone("", -5*3600), time.FixedZone("", 8*3600),
	time.FixedZone("", -8*3600), time.FixedZone("", 5*3600+1800), time.FixedZone("", 2*3600),
}

// baseTime is a time on the publication day of s (or of its topic), in
// the day's news hours.
func (g *gen) baseTime(s *source) time.Time {
	d := s.date
	if d.IsZero() {
		d = g.topicDate[s.topic]
	}
	if d.IsZero() {
		h := fnv.New32a()
		h.Write([]byte(s.id))
		d = time.Date(2012, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(h.Sum32()%300))
	}
	return d.Add(6*time.Hour + time.Duration(g.rng.IntN(16*3600))*time.Second)
}

// later returns t plus 5 minutes to about three days, skewed short.
func (g *gen) later(t time.Time) time.Time {
	d := 5 * time.Minute * time.Duration(1<<g.rng.IntN(10))
	return t.Add(d + time.Duration(g.rng.IntN(int(d/time.Second)))*time.Second)
}

// earlier returns t minus 10 minutes to about a day and a half.
func (g *gen) earlier(t time.Time) time.Time {
	return t.Add(-10*time.Minute - time.Duration(g.rng.IntN(36*3600))*time.Second)
}

// stamp formats t in a random zone, after moving it by whole seconds until
// no other item has that instant.
func (g *gen) stamp(t time.Time) (string, time.Time) {
	t = t.Truncate(time.Second)
	for g.seconds[t.Unix()] {
		t = t.Add(time.Second)
	}
	g.seconds[t.Unix()] = true
	return t.In(zones[g.rng.IntN(len(zones))]).Format(time.RFC3339), t
}

// peekOutlet returns the outlet the next item will get.
func (g *gen) peekOutlet() string {
	i := g.nextOutlet
	name := outletName(g.outlets[i%len(g.outlets)])
	if i >= len(g.outlets) {
		name += fmt.Sprintf(" Edition %d", i/len(g.outlets)+1)
	}
	return name
}

func (g *gen) newOutlet() string {
	name := g.peekOutlet()
	g.nextOutlet++
	return name
}

func (g *gen) newRef() string {
	for {
		r := fmt.Sprintf("%012x", g.rng.Uint64()&(1<<48-1))
		if !g.refs[r] {
			g.refs[r] = true
			return r
		}
	}
}

// emit adds the item m (whose pieces, title, outlet, time and kind are
// set) to the set.
func (g *gen) emit(m *itemMeta) *itemMeta {
	m.ref = g.newRef()
	if name := g.newOutlet(); m.outlet == "" {
		m.outlet = name
	} else if m.outlet != name {
		panic("reuseset: outlet " + m.outlet + " was not the next one")
	}
	pub, t := g.stamp(m.time)
	m.time = t
	if m.group == "" {
		m.group = m.ref
	}
	if m.topic == "" && m.src != nil {
		m.topic = m.src.topic
	}
	g.items = append(g.items, m)
	g.set.meta[m.ref] = m
	g.set.Items = append(g.set.Items, Item{Ref: m.ref, Source: m.outlet, Title: m.title, Published: pub, Text: render(m.pieces)})
	return m
}

// emitSource adds s unmodified.
func (g *gen) emitSource(s *source, kind string) *itemMeta {
	return g.emit(&itemMeta{kind: kind, src: s, pieces: sourcePieces(s, roleBody), title: s.title, time: g.baseTime(s)})
}

func (g *gen) link(a, b *itemMeta, kind string) {
	g.set.Links = append(g.set.Links, Link{A: a.ref, B: b.ref, Kind: kind, Share: round3(shareFrom(a.pieces, b.src.id))})
	g.related[pairKey(a.group, b.group)] = true
}

func (g *gen) negative(a, b *itemMeta, kind string) {
	g.set.Negatives = append(g.set.Negatives, Negative{A: a.ref, B: b.ref, Kind: kind})
	if kind != NegSameEvent {
		g.related[pairKey(a.group, b.group)] = true
	}
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// Partial reuse.

// buildVersion: a version of o made of its first ~40% of paragraphs and
// then paragraphs of t (t's lede left out), about as long as o.
func (g *gen) buildVersion(o, t *source) bool {
	if len(o.paras) < 3 || len(t.paras) < 3 {
		return false
	}
	k, pw := 0, 0
	for k < len(o.paras)-1 && float64(pw) < 0.38*float64(o.words) {
		pw += parasWords(o.paras[k : k+1])
		k++
	}
	if f := float64(pw) / float64(o.words); f < 0.28 || f > 0.5 {
		return false
	}
	ps := sourcePieces(o, roleBody)[:k]
	tw := 0
	for _, p := range sourcePieces(t, roleOther)[1:] {
		if pw+tw >= o.words {
			break
		}
		ps = append(ps, p)
		tw += wordCount(p.String())
	}
	if share := float64(pw) / float64(pw+tw); share < 0.3 || share > 0.52 {
		return false
	}
	om := g.emitSource(o, "source")
	title := o.title
	if g.rng.IntN(2) == 0 {
		title = g.newTitle(o.title, o.paras[0][0], "")
	}
	vt := g.later(om.time)
	if g.rng.IntN(4) == 0 {
		vt = g.earlier(om.time)
	}
	v := g.emit(&itemMeta{kind: LinkVersion, src: o, pieces: ps, title: title, time: vt})
	g.link(v, om, LinkVersion)
	return true
}

// buildRewrite: t's article rewritten to take about 40% of its text from
// s: about half of s's paragraphs, lightly edited, interleaved with t's.
func (g *gen) buildRewrite(t, s *source) bool {
	if len(s.paras) < 3 || len(t.paras) < 3 {
		return false
	}
	idx := g.rng.Perm(len(s.paras))
	var pick []int
	x := 0
	for _, i := range idx {
		w := parasWords(s.paras[i : i+1])
		if x > 0 && float64(x+w) > 0.6*float64(s.words) {
			continue
		}
		pick = append(pick, i)
		x += w
		if float64(x) >= 0.45*float64(s.words) {
			break
		}
	}
	if x < 40 {
		return false
	}
	sort.Ints(pick)
	yTarget := 1.5 * float64(x)
	var tp []piece
	y := 0
	for _, p := range sourcePieces(t, roleBody) {
		if float64(y) >= yTarget && len(tp) >= 2 {
			break
		}
		tp = append(tp, p)
		y += wordCount(p.String())
	}
	if share := float64(x) / float64(x+y); share < 0.3 || share > 0.5 {
		return false
	}
	sp := make([]piece, len(pick))
	for i, k := range pick {
		sp[i] = piece{sents: s.paras[k], src: s.id, block: -1, role: roleOther}
	}
	// Interleave, t's lede first, each keeping its order.
	ps := []piece{tp[0]}
	a, b := tp[1:], sp
	for len(a)+len(b) > 0 {
		if len(b) == 0 || (len(a) > 0 && g.rng.IntN(len(a)+len(b)) < len(a)) {
			ps, a = append(ps, a[0]), a[1:]
		} else {
			ps, b = append(ps, b[0]), b[1:]
		}
	}
	other := func(p *piece) bool { return p.role == roleOther }
	editSentences(ps, 0.15, smallEdit, g.rng, other)
	editSentences(ps, 0.15, reword, g.rng, other)
	if share := shareFrom(ps, s.id); share < 0.3 || share > 0.5 {
		return false
	}
	sm := g.emitSource(s, "source")
	w := g.emit(&itemMeta{kind: LinkRewrite, src: t, pieces: ps, title: t.title, time: g.later(sm.time)})
	g.link(w, sm, LinkRewrite)
	return true
}

// buildBorrow: r with 1–3 consecutive paragraphs of d (30 words or more,
// at most half of d) inserted, verbatim or nearly.
func (g *gen) buildBorrow(r, d *source) bool {
	if len(d.paras) < 2 || len(r.paras) < 2 {
		return false
	}
	for try := 0; try < 12; try++ {
		k := min(1+g.rng.IntN(3), len(d.paras)-1)
		start := g.rng.IntN(len(d.paras) - k + 1)
		w := parasWords(d.paras[start : start+k])
		share := float64(w) / float64(w+r.words)
		if w < 30 || float64(w) > 0.5*float64(d.words) || share < 0.1 || share > 0.5 {
			continue
		}
		ins := sourcePieces(d, roleOther)[start : start+k]
		if g.rng.IntN(10) < 3 {
			editSentences(ins, 0.2, smallEdit, g.rng, nil)
		}
		ps := sourcePieces(r, roleBody)
		at := 1 + g.rng.IntN(len(ps))
		ps = append(ps[:at:at], append(ins, ps[at:]...)...)
		if share := shareFrom(ps, d.id); share < 0.1 || share > 0.5 {
			continue
		}
		dm := g.emitSource(d, "source")
		am := g.emit(&itemMeta{kind: LinkBorrow, src: r, pieces: ps, title: r.title, time: g.later(dm.time)})
		g.link(am, dm, LinkBorrow)
		return true
	}
	return false
}

// Hard negatives.

// shareNgram tells whether a and b share a sequence of n words.
func shareNgram(a, b string, n int) bool {
	set := map[uint64]bool{}
	for _, h := range gramHashes(a, n) {
		set[h] = true
	}
	for _, h := range gramHashes(b, n) {
		if set[h] {
			return true
		}
	}
	return false
}

// insertPiece inserts p into a copy of ps at a random place after the
// first paragraph.
func (g *gen) insertPiece(ps []piece, p piece) []piece {
	at := 1 + g.rng.IntN(len(ps))
	out := clonePieces(ps[:at])
	out = append(out, p)
	return append(out, ps[at:]...)
}

var quoteForms = []string{
	"“%s,” he said.",
	"“%s,” she said.",
	"\"%s,\" %s said.",
	"%s said: “%s.”",
	"“%s,” said %s, a spokesperson for %s.",
	"\"%s,\" %s told reporters.",
}

func (g *gen) renderQuote(form int, q string) string {
	name := randomName(g.rng)
	switch form {
	case 2, 5:
		return fmt.Sprintf(quoteForms[form], q, name)
	case 3:
		return fmt.Sprintf(quoteForms[form], name, q)
	case 4:
		return fmt.Sprintf(quoteForms[form], q, name, quoteOrgs[g.rng.IntN(len(quoteOrgs))])
	}
	return fmt.Sprintf(quoteForms[form], q)
}

// buildQuote: a and b, which share no 8 words, each with the same
// quotation of 20–40 words, taken from a sentence of a third article.
func (g *gen) buildQuote(a, b *source) bool {
	if (g.quoteFrom == nil && len(g.quotes) == 0) || shareNgram(a.text(), b.text(), 8) {
		return false
	}
	var qp piece
	if g.quoteFrom != nil {
		qp = *g.quoteFrom
	} else {
		qp, g.quotes = g.quotes[0], g.quotes[1:]
	}
	q := strings.TrimSuffix(qp.text, ".")
	f1 := g.rng.IntN(len(quoteForms))
	f2 := (f1 + 1 + g.rng.IntN(len(quoteForms)-1)) % len(quoteForms)
	var ms [2]*itemMeta
	for i, s := range []*source{a, b} {
		form := []int{f1, f2}[i]
		p := piece{text: g.renderQuote(form, q), src: qp.src, block: -1, role: roleQuote}
		ms[i] = g.emit(&itemMeta{kind: NegQuote, src: s, pieces: g.insertPiece(sourcePieces(s, roleBody), p),
			title: s.title, time: g.baseTime(s), quote: q})
	}
	g.negative(ms[0], ms[1], NegQuote)
	return true
}

// buildBoilerplate: a and b, which share no 8 words, each carrying the
// same block of site furniture (40–120 words) at its start or end.
func (g *gen) buildBoilerplate(a, b *source) bool {
	if shareNgram(a.text(), b.text(), 8) {
		return false
	}
	var text string
	k := 0
	for try := 0; try < 20; try++ {
		k = g.blockNo % len(blocks)
		g.blockNo++
		text = blocks[k](furniture{outlet: outletName(g.rng.IntN(outletCount())), year: 2000 + g.rng.IntN(25), rng: g.rng})
		if n := wordCount(text); n >= 40 && n <= 120 {
			break
		}
		text = ""
	}
	if text == "" {
		return false
	}
	var ms [2]*itemMeta
	for i, s := range []*source{a, b} {
		p := piece{text: text, block: k, role: roleBoiler}
		ps := sourcePieces(s, roleBody)
		if g.rng.IntN(2) == 0 {
			ps = append([]piece{p}, ps...)
		} else {
			ps = append(ps, p)
		}
		ms[i] = g.emit(&itemMeta{kind: NegBoilerplate, src: s, pieces: ps, title: s.title, time: g.baseTime(s)})
	}
	g.negative(ms[0], ms[1], NegBoilerplate)
	return true
}

// buildStock: a and b, which share no 8 words, each with the same stock
// phrase (at most 12 words) as a last sentence or paragraph.
func (g *gen) buildStock(a, b *source) bool {
	if shareNgram(a.text(), b.text(), 8) {
		return false
	}
	phrase := stockPhrases[g.stockNo%len(stockPhrases)]
	g.stockNo++
	var ms [2]*itemMeta
	for i, s := range []*source{a, b} {
		ps := sourcePieces(s, roleBody)
		if g.rng.IntN(2) == 0 {
			ps = append(ps, piece{text: phrase, block: -1, role: roleStock})
		} else {
			last := &ps[len(ps)-1]
			last.sents = append(append([]string(nil), last.sents...), phrase)
			last.edited++
		}
		ms[i] = g.emit(&itemMeta{kind: NegStock, src: s, pieces: ps, title: s.title, time: g.baseTime(s), stock: phrase})
	}
	g.negative(ms[0], ms[1], NegStock)
	return true
}

// sameEvent adds a same-event negative for every two items of one ECB+
// topic that are not copies of each other and not already related.
func (g *gen) sameEvent() {
	byTopic := map[string][]*itemMeta{}
	for _, m := range g.items {
		if m.group == m.ref && strings.HasPrefix(m.topic, "ecb:") {
			byTopic[m.topic] = append(byTopic[m.topic], m)
		}
	}
	var topics []string
	for t := range byTopic {
		topics = append(topics, t)
	}
	sort.Strings(topics)
	for _, t := range topics {
		ms := byTopic[t]
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if !g.related[pairKey(ms[i].group, ms[j].group)] {
					g.negative(ms[i], ms[j], NegSameEvent)
				}
			}
		}
	}
}

// derivedNegatives adds the pairs of items that share site furniture (8
// words or more of it: a wrapper copy and an item of a boilerplate pair
// using the same block) or a stock phrase by chance: one negative per pair
// of groups not otherwise related.
func (g *gen) derivedNegatives() {
	type pair struct{ a, b *itemMeta }
	found := map[[2]string]pair{}
	record := func(ms []*itemMeta) {
		for i := range ms {
			for _, b := range ms[i+1:] {
				k := pairKey(ms[i].group, b.group)
				if _, ok := found[k]; !ok && k[0] != k[1] && !g.related[k] {
					found[k] = pair{ms[i], b}
				}
			}
		}
	}
	emit := func(kind string) {
		keys := make([][2]string, 0, len(found))
		for k := range found {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
		})
		for _, k := range keys {
			p := found[k]
			if !g.related[k] {
				g.negative(p.a, p.b, kind)
			}
		}
		clear(found)
	}

	furniture := map[uint64][]*itemMeta{}
	var grams []uint64
	stocks := map[string][]*itemMeta{}
	for _, m := range g.items {
		seen := map[uint64]bool{}
		for _, p := range m.pieces {
			if p.role != roleBoiler {
				continue
			}
			for _, h := range gramHashes(p.text, 8) {
				if !seen[h] {
					seen[h] = true
					if furniture[h] == nil {
						grams = append(grams, h)
					}
					furniture[h] = append(furniture[h], m)
				}
			}
		}
		if m.stock != "" {
			stocks[m.stock] = append(stocks[m.stock], m)
		}
	}
	for _, h := range grams {
		record(furniture[h])
	}
	emit(NegBoilerplate)
	for _, p := range stockPhrases {
		record(stocks[p])
	}
	emit(NegStock)
}

// finish shuffles the items.
func (g *gen) finish() {
	g.rng.Shuffle(len(g.set.Items), func(i, j int) { g.set.Items[i], g.set.Items[j] = g.set.Items[j], g.set.Items[i] })
}
