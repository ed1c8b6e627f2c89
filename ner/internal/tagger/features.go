package tagger

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates: each feature is a template id hashed with its
// strings. Changing the numbering changes the model.
const (
	fBias = iota
	fWord
	fLower
	fShape
	fShort
	fPrefix
	fSuffix
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fShapeM1
	fShapeP1
	fBigramM
	fBigramP
	fCapPattern
	fFirst
	fAllCapsSent
	fClus
	fClusM1
	fClusP1
	fClusM2
	fClusP2
	fGaz
	fGazCap
	fDoc
	fDocCap
	fPrev1
	fPrev12
	fPrev1Word
	fPrev1Shape
	fHist
	fHistMax
	fLenClass
	fWordAllCaps
	fClusWord
	fShortM1P1
	fGazP1
	fGazM1
	fNextCap
	fHistNext
	fAgg
	fAggMax
	fAggPrev
	fAggNext
)

// Options select feature groups (for ablations) and the decoder.
type Options struct {
	NoClusters bool `json:"no_clusters,omitempty"`
	NoGaz      bool `json:"no_gaz,omitempty"`
	NoDoc      bool `json:"no_doc,omitempty"`
	NoHistory  bool `json:"no_history,omitempty"`
	Beam       int  `json:"beam,omitempty"` // 0 or 1: greedy
}

const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func hs(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hb(h uint64, b byte) uint64 {
	h ^= uint64(b)
	h *= fnvPrime
	return h
}

func tmpl(id int) uint64 { return hb(hb(fnvOff, byte(id)), 0xff) }

// row maps a feature hash to a row of the weight table.
func row(h uint64, bits uint) uint32 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return uint32(h >> (64 - bits))
}

// Capitalisation classes.
const (
	capNone  = iota // no letters
	capLower        // all lower case
	capTitle        // first letter upper, some lower
	capUpper        // all letters upper
	capMixed        // other (iPhone, eBay)
)

func capClass(w string) int {
	var upper, lower int
	firstUpper := false
	first := true
	for _, r := range w {
		if unicode.IsLetter(r) {
			if unicode.IsUpper(r) {
				upper++
				if first {
					firstUpper = true
				}
			} else {
				lower++
			}
			first = false
		}
	}
	switch {
	case upper == 0 && lower == 0:
		return capNone
	case upper == 0:
		return capLower
	case lower == 0:
		return capUpper
	case firstUpper:
		return capTitle
	}
	return capMixed
}

// shapes returns the long shape (runs capped at 4) and the short shape
// (runs collapsed) of w.
func shapes(w string, long, short []byte) ([]byte, []byte) {
	long, short = long[:0], short[:0]
	var last byte
	run := 0
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
		} else {
			run = 1
			short = append(short, c)
		}
		if run <= 4 {
			long = append(long, c)
		}
		last = c
	}
	return long, short
}

// tokInfo is what the features read of one token.
type tokInfo struct {
	word, lower  string
	shape, short string
	cap          int
	clus         string
	docFlags     int
}

// Document flags of a lower-cased word: how it is written in the
// document's sentences that are not all capitals.
const (
	docTitleMid = 1 << iota // capitalised, not first in sentence
	docLower                // lower case
	docUpper                // all capitals
	docTitleFirst
)

// docCtx is the per-document state of the features.
type docCtx struct {
	flags map[string]int
	agg   map[string]*[5]uint16 // second pass: first-pass labels of the word
	self  int                   // second pass: first-pass label of the current token
	first [][]int               // second pass: the first pass's tags
	hist  map[string]*[5]uint16
	own   map[uint64]uint32 // training: gazetteer keys of the doc's own entities
}

func isAllCapsSentence(words []string) bool {
	upper := 0
	for _, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) {
				if unicode.IsLower(r) {
					return false
				}
				upper++
			}
		}
	}
	return upper >= 2
}

func newDocCtx(sents [][]string, allCaps []bool) *docCtx {
	d := &docCtx{flags: map[string]int{}, hist: map[string]*[5]uint16{}}
	for si, ws := range sents {
		if allCaps[si] {
			continue
		}
		for i, w := range ws {
			c := capClass(w)
			var f int
			switch {
			case c == capLower:
				f = docLower
			case c == capUpper && utf8.RuneCountInString(w) > 1:
				f = docUpper
			case c == capTitle || c == capMixed || c == capUpper:
				if i == 0 {
					f = docTitleFirst
				} else {
					f = docTitleMid
				}
			default:
				continue
			}
			d.flags[strings.ToLower(w)] |= f
		}
	}
	return d
}

// sentFeats holds the static features of a sentence's tokens.
type sentFeats struct {
	toks    []tokInfo
	off     []int // feats[off[i]:off[i+1]] are token i's
	feats   []uint32
	allCaps bool
	gz      [][]uint8
	lowers  []string
}

type scratch struct {
	long, short []byte
}

func titleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError {
		return w
	}
	return string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
}

// lookupCluster finds the cluster bit string of w, trying other casings
// when w is not in the list.
func (m *Model) lookupCluster(w string, cap int, allCaps bool, flags int) string {
	if m.Clusters == nil || m.Opts.NoClusters {
		return ""
	}
	if c, ok := m.Clusters[w]; ok && !(allCaps && cap == capUpper) {
		return c
	}
	lw := strings.ToLower(w)
	if cap == capUpper || cap == capTitle {
		if allCaps && flags&docLower != 0 && flags&(docTitleMid|docUpper) == 0 {
			if c, ok := m.Clusters[lw]; ok {
				return c
			}
		}
		if allCaps && flags&docUpper != 0 {
			if c, ok := m.Clusters[w]; ok {
				return c
			}
		}
		if c, ok := m.Clusters[titleCase(w)]; ok {
			return c
		}
	}
	if c, ok := m.Clusters[w]; ok {
		return c
	}
	if c, ok := m.Clusters[lw]; ok {
		return c
	}
	return ""
}

var clusterPrefixes = [...]int{4, 6, 10, 20}

// static computes the prediction-independent features of a sentence.
func (m *Model) static(d *docCtx, words []string, allCaps bool, sf *sentFeats, sc *scratch) {
	n := len(words)
	sf.allCaps = allCaps
	sf.toks = sf.toks[:0]
	sf.lowers = sf.lowers[:0]
	for _, w := range words {
		var t tokInfo
		t.word = w
		t.lower = strings.ToLower(w)
		sc.long, sc.short = shapes(w, sc.long, sc.short)
		t.shape, t.short = string(sc.long), string(sc.short)
		t.cap = capClass(w)
		if d != nil && !m.Opts.NoDoc {
			t.docFlags = d.flags[t.lower]
		}
		t.clus = m.lookupCluster(w, t.cap, allCaps, t.docFlags)
		sf.toks = append(sf.toks, t)
		sf.lowers = append(sf.lowers, t.lower)
	}
	if m.Gaz != nil && !m.Opts.NoGaz {
		var own map[uint64]uint32
		if d != nil {
			own = d.own
		}
		sf.gz = m.Gaz.match(sf.lowers, own, sf.gz)
	}
	bits := m.Bits
	sf.feats = sf.feats[:0]
	sf.off = append(sf.off[:0], 0)
	tok := func(i int) *tokInfo {
		if i < 0 || i >= n {
			return nil
		}
		return &sf.toks[i]
	}
	add := func(h uint64) { sf.feats = append(sf.feats, row(h, bits)) }
	ac := byte(0)
	if allCaps {
		ac = 1
	}
	for i := 0; i < n; i++ {
		t := &sf.toks[i]
		add(tmpl(fBias))
		add(hs(tmpl(fWord), t.word))
		add(hs(tmpl(fLower), t.lower))
		add(hb(hs(tmpl(fShape), t.shape), ac))
		add(hb(hs(tmpl(fShort), t.short), ac))
		add(hb(hb(tmpl(fWordAllCaps), ac), byte(t.cap)))
		// affixes of the lower-cased word, by rune
		runes := 0
		for j := range t.lower {
			if runes >= 1 && runes <= 4 {
				add(hs(hb(tmpl(fPrefix), byte(runes)), t.lower[:j]))
			}
			runes++
		}
		if runes <= 4 && runes > 0 {
			add(hs(hb(tmpl(fPrefix), byte(runes)), t.lower))
		}
		k := 0
		for j := len(t.lower); j > 0 && k < 4; {
			_, sz := utf8.DecodeLastRuneInString(t.lower[:j])
			j -= sz
			k++
			add(hs(hb(tmpl(fSuffix), byte(k)), t.lower[j:]))
		}
		lc := func(j int) string {
			if p := tok(j); p != nil {
				return p.lower
			}
			if j < 0 {
				return "<s>"
			}
			return "</s>"
		}
		shp := func(j int) string {
			if p := tok(j); p != nil {
				return p.short
			}
			return "|"
		}
		add(hs(tmpl(fLowerM1), lc(i-1)))
		add(hs(tmpl(fLowerP1), lc(i+1)))
		add(hs(tmpl(fLowerM2), lc(i-2)))
		add(hs(tmpl(fLowerP2), lc(i+2)))
		add(hs(tmpl(fShapeM1), shp(i-1)))
		add(hs(tmpl(fShapeP1), shp(i+1)))
		add(hs(hb(hs(tmpl(fBigramM), lc(i-1)), ' '), t.lower))
		add(hs(hb(hs(tmpl(fBigramP), t.lower), ' '), lc(i+1)))
		add(hs(hb(hs(tmpl(fShortM1P1), shp(i-1)), ' '), shp(i+1)+"/"+t.short))
		cp := func(j int) byte {
			if p := tok(j); p != nil {
				return byte(p.cap)
			}
			return 9
		}
		add(hb(hb(hb(hb(tmpl(fCapPattern), cp(i-1)), cp(i)), cp(i+1)), ac))
		add(hb(hb(hb(tmpl(fNextCap), cp(i+1)), cp(i+2)), ac))
		pos := byte(i)
		if pos > 2 {
			pos = 3
		}
		add(hb(hb(hb(tmpl(fFirst), pos), byte(t.cap)), ac))
		add(hb(hs(tmpl(fAllCapsSent), t.lower), ac))
		ln := runes
		if ln > 8 {
			ln = 8
		}
		add(hb(hb(tmpl(fLenClass), byte(ln)), byte(t.cap)))
		// word clusters
		if t.clus != "" {
			for _, p := range clusterPrefixes {
				add(hs(tmpl(fClus), prefix(t.clus, p)))
			}
			add(hs(hb(hs(tmpl(fClusWord), t.clus), byte(t.cap)), ""))
		}
		for _, nb := range [...]struct {
			off  int
			tmpl int
		}{{-1, fClusM1}, {1, fClusP1}, {-2, fClusM2}, {2, fClusP2}} {
			if p := tok(i + nb.off); p != nil && p.clus != "" {
				for _, pl := range clusterPrefixes {
					add(hs(tmpl(nb.tmpl), prefix(p.clus, pl)))
				}
			}
		}
		// gazetteers
		if sf.gz != nil {
			for _, code := range sf.gz[i] {
				add(hb(tmpl(fGaz), code))
				add(hb(hb(hb(tmpl(fGazCap), code), byte(t.cap)), ac))
			}
			if i+1 < n {
				for _, code := range sf.gz[i+1] {
					add(hb(tmpl(fGazP1), code))
				}
			}
			if i > 0 {
				for _, code := range sf.gz[i-1] {
					add(hb(tmpl(fGazM1), code))
				}
			}
		}
		// document context
		if d != nil && !m.Opts.NoDoc && t.cap != capLower && t.cap != capNone {
			first := i == 0 || (i > 0 && !isWordy(sf.toks[i-1].word))
			fb := byte(0)
			if first {
				fb = 1
			}
			add(hb(hb(hb(tmpl(fDoc), byte(t.docFlags)), ac), fb))
			add(hb(hb(hb(tmpl(fDocCap), byte(t.docFlags)), byte(t.cap)), ac))
		}
		sf.off = append(sf.off, len(sf.feats))
	}
}

func isWordy(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// histLabel is the label 0 (O) or 1+type of a tag, for the history.
func histLabel(t int) int { return tagType(t) + 1 }

// dynamic appends the features that depend on the previous predicted
// tags and the document's prediction history.
func (m *Model) dynamic(dst []uint32, d *docCtx, sf *sentFeats, i, p1, p2 int) []uint32 {
	bits := m.Bits
	t := &sf.toks[i]
	b1, b2 := byte(p1+1), byte(p2+1)
	dst = append(dst,
		row(hb(tmpl(fPrev1), b1), bits),
		row(hb(hb(tmpl(fPrev12), b1), b2), bits),
		row(hs(hb(tmpl(fPrev1Word), b1), t.lower), bits),
		row(hs(hb(tmpl(fPrev1Shape), b1), t.short), bits),
	)
	if d != nil && !m.Opts.NoHistory && t.cap != capLower && t.cap != capNone {
		if h := d.hist[t.lower]; h != nil {
			tot, best := 0, 0
			for l, c := range h {
				tot += int(c)
				if c > h[best] {
					best = l
				}
			}
			for l, c := range h {
				if c == 0 {
					continue
				}
				bucket := byte(0)
				if int(c)*2 >= tot {
					bucket = 1
				}
				dst = append(dst, row(hb(hb(tmpl(fHist), byte(l)), bucket), bits))
			}
			dst = append(dst, row(hb(hb(tmpl(fHistMax), byte(best)), byte(t.cap)), bits))
		}
		if d.agg != nil {
			dst = m.aggFeats(dst, d, sf, i)
		}
		if i+1 < len(sf.toks) {
			if h := d.hist[sf.toks[i+1].lower]; h != nil && sf.toks[i+1].cap != capLower {
				best := 0
				for l, c := range h {
					if c > h[best] {
						best = l
					}
				}
				dst = append(dst, row(hb(tmpl(fHistNext), byte(best)), bits))
			}
		}
	}
	return dst
}

// record adds the predicted tag of token i to the document history.
func (d *docCtx) record(sf *sentFeats, i, tag int) {
	t := &sf.toks[i]
	if t.cap == capLower || t.cap == capNone {
		return
	}
	h := d.hist[t.lower]
	if h == nil {
		h = new([5]uint16)
		d.hist[t.lower] = h
	}
	if h[histLabel(tag)] < 65535 {
		h[histLabel(tag)]++
	}
}

// aggFeats appends the second-pass features: the first-pass labels of
// the other occurrences of the word in the document, and the majority
// labels of the neighbouring words.
func (m *Model) aggFeats(dst []uint32, d *docCtx, sf *sentFeats, i int) []uint32 {
	bits := m.Bits
	t := &sf.toks[i]
	if h := d.agg[t.lower]; h != nil {
		c := *h
		if d.self >= 0 && c[d.self] > 0 {
			c[d.self]--
		}
		tot, best := 0, 0
		for l, n := range c {
			tot += int(n)
			if n > c[best] {
				best = l
			}
		}
		if tot > 0 {
			for l, n := range c {
				if n == 0 {
					continue
				}
				bucket := byte(0)
				if int(n)*2 >= tot {
					bucket = 1
				}
				if int(n) == tot {
					bucket = 2
				}
				dst = append(dst, row(hb(hb(tmpl(fAgg), byte(l)), bucket), bits))
			}
			dst = append(dst, row(hb(hb(hb(tmpl(fAggMax), byte(best)), byte(t.cap)), b2(sf.allCaps)), bits))
		}
	}
	for _, nb := range [...]struct{ off, tm int }{{-1, fAggPrev}, {1, fAggNext}} {
		j := i + nb.off
		if j < 0 || j >= len(sf.toks) || sf.toks[j].cap == capLower || sf.toks[j].cap == capNone {
			continue
		}
		if h := d.agg[sf.toks[j].lower]; h != nil {
			best := 0
			for l, n := range h {
				if n > h[best] {
					best = l
				}
			}
			dst = append(dst, row(hb(tmpl(nb.tm), byte(best)), bits))
		}
	}
	return dst
}

func b2(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// setSelf notes the first-pass label of token i of sentence si, which the
// second-pass features leave out of the word's counts.
func (d *docCtx) setSelf(si, i int) {
	d.self = -1
	if d.first != nil && d.agg != nil {
		if t := d.first[si]; i < len(t) {
			d.self = histLabel(t[i])
		}
	}
}
