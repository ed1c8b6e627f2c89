package reuse

// Decision thresholds, chosen on the dev split of the generated reuse set
// (storyline eval reuse --split dev) and documented in docs/EVALUATION.md.
const (
	// MinPassageWords is the fewest shared words a passage needs to count
	// as reuse: about one full sentence. Shorter common strings (stock
	// phrases, names with titles) are not reuse.
	MinPassageWords = 20
	// MinUnquotedWords is the fewest shared words outside quotation marks
	// a passage needs: two articles carrying the same quotation report the
	// same speaker; they do not copy each other.
	MinUnquotedWords = 10
	// MaxGapWords is the largest run of differing words that still joins
	// two shared runs into one passage (a changed word or number).
	MaxGapWords = 4
	// CopyShare is the share of the smaller text that must be shared for
	// a pair to be copies.
	CopyShare = 0.7
	// CopyOtherShare is the share of the larger text that must be shared
	// too, unless the shared passages open the larger text (a lede-only or
	// truncated copy).
	CopyOtherShare = 0.8
	// OpeningShare is how far into the larger text (as a share of its
	// words) the shared passages may start and still open it.
	OpeningShare = 0.1
	// OpeningWords is how many words into the larger text the shared
	// passages may start in any case: an edited first sentence.
	OpeningWords = 30
)

// Passage is a shared passage: byte spans in the first and in the second
// text of a compared pair.
type Passage struct {
	Start, End     int
	OfStart, OfEnd int
}

// Pair is what Compare found between two texts x and y.
type Pair struct {
	// ShareX is the share of x's words (site furniture left out) that lie
	// in passages shared with y; ShareY the same for y.
	ShareX, ShareY float64
	// Passages are the shared passages in x's order.
	Passages []Passage
	// Copy tells whether x and y are copies of one article: the smaller
	// shares at least CopyShare of its words, and the larger at least
	// CopyOtherShare or the shared passages open it.
	Copy bool
}

// Side is one text of a comparison: its signature and which of its words
// are site furniture (nil when none is known).
type Side struct {
	Sig         *Signature
	Boilerplate []bool
}

// Compare finds the passages x and y share and decides whether they are
// copies. It is symmetric: Compare(y, x) gives the same shares, swapped.
func Compare(x, y Side) Pair {
	mx, my := matchShingles(x.Sig, y.Sig)
	px, nx := sharedPassages(x, y, mx)
	if len(px) == 0 {
		return Pair{}
	}
	py, ny := sharedPassages(y, x, my)
	p := Pair{ShareX: share(px, nx), ShareY: share(py, ny)}
	for _, s := range px {
		p.Passages = append(p.Passages, Passage{
			Start: int(x.Sig.Tokens[s.first].Start), End: int(x.Sig.Tokens[s.last].End),
			OfStart: int(y.Sig.Tokens[s.ofFirst].Start), OfEnd: int(y.Sig.Tokens[s.ofLast].End),
		})
	}
	p.Copy = isCopy(p.ShareX, px, nx, p.ShareY, py, ny)
	return p
}

// spans returns the extent the passages take in x and in y.
func (p Pair) spans() (x, y extent) {
	if len(p.Passages) == 0 {
		return
	}
	x = extent{int32(p.Passages[0].Start), int32(p.Passages[len(p.Passages)-1].End)}
	y = extent{int32(p.Passages[0].OfStart), int32(p.Passages[0].OfEnd)}
	for _, ps := range p.Passages[1:] {
		y.start, y.end = min(y.start, int32(ps.OfStart)), max(y.end, int32(ps.OfEnd))
	}
	return
}

// isCopy applies the copy rule to the shares and passages of both sides.
func isCopy(sx float64, px []span, nx int, sy float64, py []span, ny int) bool {
	// s is the side with the larger share (the smaller text), l the other.
	ss, sl, pl, nl := sx, sy, py, ny
	if sy > sx {
		ss, sl, pl, nl = sy, sx, px, nx
	}
	if ss < CopyShare {
		return false
	}
	if sl >= CopyOtherShare {
		return true
	}
	return len(pl) > 0 && float64(pl[0].before) <= max(OpeningShare*float64(nl), OpeningWords)
}

// span is a shared passage of one side, in token indexes.
type span struct {
	first, last     int // first and last token
	ofFirst, ofLast int // first and last token in the other text
	covered         int // shared tokens in it
	before          int // non-furniture tokens before it in the text
}

func share(ps []span, n int) float64 {
	if n == 0 {
		return 0
	}
	c := 0
	for _, s := range ps {
		c += s.covered
	}
	return min(1, float64(c)/float64(n))
}

// matchShingles returns, for every shingle of a, the first position of
// the same shingle in b, or -1, and the same for b: a merge of the
// signatures' shingles in hash order. Shingles match on the high 40 bits
// of their hashes: two different shingles of two 1,000-word texts agree
// on them with a chance of one in a million.
func matchShingles(a, b *Signature) (ma, mb []int32) {
	a.Prepare()
	b.Prepare()
	ma, mb = make([]int32, len(a.Shingles)), make([]int32, len(b.Shingles))
	for i := range ma {
		ma[i] = -1
	}
	for j := range mb {
		mb[j] = -1
	}
	i, j := 0, 0
	for i < len(a.byHash) && j < len(b.byHash) {
		ha, hb := a.byHash[i]&^posMask, b.byHash[j]&^posMask
		switch {
		case ha < hb:
			i++
		case ha > hb:
			j++
		default:
			// Within one hash, positions are in order: the first is the
			// first occurrence.
			fa, fb := int32(a.byHash[i]&posMask), int32(b.byHash[j]&posMask)
			for ; i < len(a.byHash) && a.byHash[i]&^posMask == ha; i++ {
				ma[a.byHash[i]&posMask] = fb
			}
			for ; j < len(b.byHash) && b.byHash[j]&^posMask == ha; j++ {
				mb[b.byHash[j]&posMask] = fa
			}
		}
	}
	return ma, mb
}

// sharedPassages returns the passages of a that b shares and that count as
// reuse (long enough, not only a quotation, not site furniture), and the
// number of a's words that are not furniture. match gives for every
// shingle of a its position in b, or -1 (matchShingles).
func sharedPassages(a, b Side, match []int32) ([]span, int) {
	at, bt := a.Sig.Tokens, b.Sig.Tokens
	isFurniture := func(i int) bool { return at[i].List || a.Boilerplate != nil && a.Boilerplate[i] }
	n := 0
	for i := range at {
		if !isFurniture(i) {
			n++
		}
	}
	if len(a.Sig.Shingles) == 0 || len(b.Sig.Shingles) == 0 {
		return nil, n
	}
	// of[i] is the position in b of a shingle covering token i, or -1.
	of := make([]int32, len(at))
	for i := range of {
		of[i] = -1
	}
	for i, j := range match {
		if j < 0 {
			continue
		}
		for k := range ShingleWords {
			if of[i+k] < 0 {
				of[i+k] = j + int32(k)
			}
		}
	}
	var out []span
	before := 0 // non-furniture tokens before the current position
	for i := 0; i < len(at); {
		if of[i] < 0 {
			if !isFurniture(i) {
				before++
			}
			i++
			continue
		}
		s := span{first: i, ofFirst: int(of[i]), ofLast: int(of[i]), before: before}
		unquoted, furniture := 0, 0
		last := i
		for j := i; j < len(at) && j-last <= MaxGapWords; j++ {
			if of[j] < 0 {
				continue
			}
			last = j
			s.covered++
			s.ofFirst = min(s.ofFirst, int(of[j]))
			s.ofLast = max(s.ofLast, int(of[j]))
			if !at[j].Quoted || !bt[of[j]].Quoted {
				unquoted++
			}
			if isFurniture(j) || bt[of[j]].List || b.Boilerplate != nil && b.Boilerplate[of[j]] {
				furniture++ // the same text is furniture in either
			}
		}
		s.last = last
		if s.covered >= MinPassageWords && unquoted >= MinUnquotedWords && 2*furniture < s.covered {
			s.covered -= furniture
			out = append(out, s)
		}
		for j := i; j <= last; j++ {
			if !isFurniture(j) {
				before++
			}
		}
		i = last + 1
	}
	return out, n
}
