// Package furniture is the site-furniture classifier of the plain-text
// cleaner: hashed features of a paragraph and its neighbours, a logistic
// regression model over them, the rule that turns scores into removals,
// and the code that builds the training data (from ../shared/data and the
// trafilatura comparison set that the go-trafilatura module ships), trains
// and cross-validates the model. The extract package embeds the trained
// model; the trainfurniture command writes it.
//
// A paragraph is one or more lines (joined by "\n"). Its features are
// lower-cased word unigrams and bigrams, its first and last words, and its
// shape: number of lines, words, words per line, share of lines without
// sentence-final punctuation, share of capitalised words and of numbers,
// rates of second-person and first-person-plural words, stop-word density
// (as jusText uses it), e-mail addresses, URLs, @, ©, |; and the shapes of
// the previous and the next paragraph (context).
package furniture

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature is one active feature: a 32-bit hash (the model keeps its low
// bits) and a value.
type Feature struct {
	Hash uint32
	Val  float32
}

// Feature templates: each kind of feature hashes with its own id, so that
// a word and a shape bin never share a key by construction.
const (
	tUni = 1 + iota
	tBi
	tFirst
	tFirst2
	tLast
	tLines
	tWords
	tWPL
	tNoPunct
	tCaps
	tDigits
	tYou
	tWe
	tStop
	tFlag
	tLinesShape
	tWordsEnd
	tStopLen
	tPrev
	tNext
	tContext
	tYouWe
	tSite
)

// Flags of a paragraph's shape.
const (
	fEmail = 1 << iota
	fURL
	fAt
	fCopyright
	fPipe
	fQuote
	fEndsSentence
	fEndsColon
	fStartsUpper
	fStartsDigit
	fStartsSymbol
	fAllCaps
	fBullet
	nFlags = iota
)

// shape is what the features need to know of one paragraph. Its light
// part (lines, words, line ends) costs no tokenisation and is known for
// every paragraph loaded: the context features of the neighbours and the
// decision rule use only it. The rest is filled by scan, on demand.
type shape struct {
	// light part
	lines   int
	words   int // words, about: see countWords
	noPunct int // lines without sentence-final punctuation
	flags   uint32
	// filled by scan
	scanned          bool
	tokens           int
	caps, digits     int           // tokens starting with a capital; tokens with a digit
	cls              [nClasses]int // tokens of each word class
	first, first2    uint64        // hashes of the first token and the first two
	last             uint64
	tokStart, tokEnd int  // the paragraph's tokens in Scratch.toks
	truncated        bool // longer than scanMax: read in part
}

// Scratch is reusable working memory for featurising the paragraphs of
// one text. The zero value is ready; it is not safe for concurrent use.
type Scratch struct {
	paras  []string
	toks   []uint64
	shapes []shape
	feats  []Feature
}

// Load takes the paragraphs of one text, in order, and computes their
// light shapes; Features then gives the features of each. paras must not
// change until the next Load.
func (sc *Scratch) Load(paras []string) {
	sc.paras = paras
	sc.toks = sc.toks[:0]
	sc.shapes = sc.shapes[:0]
	for _, p := range paras {
		sc.shapes = append(sc.shapes, lightShape(p))
	}
}

// Len is the number of paragraphs loaded.
func (sc *Scratch) Len() int { return len(sc.shapes) }

// Kinds of paragraphs for the decision rule (see Mark).
const (
	// KindWeak is a single short line: a label, a kicker, a subheading.
	KindWeak = 1 << iota
	// KindProse is a single long line ending a sentence: body text, which
	// is never furniture between content paragraphs.
	KindProse
)

// Kind returns the kind bits of paragraph i of those loaded.
func (sc *Scratch) Kind(i int) uint8 { return sc.shapes[i].kind() }

func (sh *shape) kind() uint8 {
	var k uint8
	if sh.lines == 1 && sh.words <= WeakWords {
		k |= KindWeak
	}
	if sh.lines == 1 && sh.words > ProseWords && sh.flags&fEndsSentence != 0 {
		k |= KindProse
	}
	return k
}

// lightShape is the light part of the shape of paragraph p.
func lightShape(p string) shape {
	var sh shape
	for p != "" {
		var line string
		line, p, _ = strings.Cut(p, "\n")
		line = strings.TrimSpace(line)
		r, n := lastRune(line)
		if r == 0 {
			continue
		}
		sh.lines++
		sh.words += countWords(line)
		if isClosing(r) {
			if r2, _ := lastRune(line[:len(line)-n]); r2 != 0 {
				r = r2
			}
		}
		sh.flags &^= fEndsSentence | fEndsColon
		switch {
		case isSentenceEnd(r):
			sh.flags |= fEndsSentence
		case r == ':':
			sh.flags |= fEndsColon
			sh.noPunct++
		default:
			sh.noPunct++
		}
	}
	if sh.lines == 0 {
		sh.lines = 1
	}
	return sh
}

// countWords counts the words of a trimmed line, about: its spaces plus
// one, or for a line with few spaces (a script written without them, a
// URL) one word per eight bytes. It needs no tokenisation.
func countWords(line string) int {
	if line == "" {
		return 0
	}
	return max(strings.Count(line, " ")+1, len(line)/8)
}

// Token hashing: the lower-cased UTF-8 bytes of a token are packed eight
// to a word and each word is mixed in, which costs less than a
// multiplication per byte (FNV); the length is mixed in at the end.
const hashSeed = 0x9E3779B97F4A7C15

func mixChunk(h, chunk uint64) uint64 {
	h = (h ^ chunk) * 0xBF58476D1CE4E5B9
	return h ^ h>>31
}

func finishHash(h, acc uint64, n int) uint64 { return mixChunk(h, acc^uint64(n)<<56) }

// hasher hashes one token a byte at a time.
type hasher struct {
	h, acc uint64
	n      int // bytes
}

func (t *hasher) reset() { *t = hasher{h: hashSeed} }

func (t *hasher) byte(b byte) {
	t.acc = t.acc<<8 | uint64(b)
	t.n++
	if t.n&7 == 0 {
		t.h, t.acc = mixChunk(t.h, t.acc), 0
	}
}

func (t *hasher) rune(r rune) {
	if r < utf8.RuneSelf {
		t.byte(byte(r))
		return
	}
	var buf [utf8.UTFMax]byte
	for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
		t.byte(b)
	}
}

func (t *hasher) sum() uint64 { return finishHash(t.h, t.acc, t.n) }

// ASCII byte classes of the scanner.
const (
	bOther = iota
	bSpace
	bNewline
	bWord // letter or digit
	bApos
)

// Kinds of word bytes, or-ed over a token.
const (
	kLower = 1 << iota
	kUpper
	kDigit
)

// ASCII tables: the class of a byte, and for word bytes their lower-case
// form and kind.
var asciiClass, wordLower, wordKind = func() (cl, lo, kind [256]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case c == '\n':
			cl[c] = bNewline
		case c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			cl[c] = bSpace
		case c >= 'A' && c <= 'Z':
			cl[c], lo[c], kind[c] = bWord, uint8(c)|0x20, kUpper
		case c >= 'a' && c <= 'z':
			cl[c], lo[c], kind[c] = bWord, uint8(c), kLower
		case c >= '0' && c <= '9':
			cl[c], lo[c], kind[c] = bWord, uint8(c), kDigit
		case c == '\'':
			cl[c] = bApos
		}
	}
	return
}()

// scanner is the state of scan over one paragraph.
type scanner struct {
	sc *Scratch
	sh shape
	// the current token
	tok     hasher
	kinds   uint8
	inTok   bool
	capital bool // starts with a capital
	// the paragraph so far
	lower, upper int // tokens with a lower-case letter; with upper case only
	// the current whitespace-separated field, for e-mails and URLs
	fieldStart int
	fieldMark  bool // has '@', ':' or a '.' inside: worth checking
}

func (s *scanner) endTok() {
	if s.inTok {
		k := s.kinds
		s.sc.addTok(&s.sh, s.tok.sum(), s.tok.n, k, s.capital)
		s.lower += int(k & kLower)
		s.upper += int(k>>1&1) &^ int(k&kLower)
		s.inTok, s.kinds, s.capital = false, 0, false
		s.tok.reset()
	}
}

func (s *scanner) endField(p string, end int) {
	if s.fieldMark && end > s.fieldStart {
		s.sh.flags |= fieldFlags(p[s.fieldStart:end])
	}
	s.fieldMark = false
}

// lastRune is the last rune of s that is not white space, and its size;
// 0 if none.
func lastRune(s string) (rune, int) {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if !unicode.IsSpace(r) {
			return r, n
		}
		s = s[:len(s)-n]
	}
	return 0, 0
}

// scanMax is how much of a paragraph scan reads word by word. Furniture
// is short: of a longer paragraph, the words after the first scanMax bytes
// are only counted (and its lines judged by their ends), which bounds the
// cost of long paragraphs of prose.
const scanMax = 200

// scan tokenises p into sc.toks and fills the rest of its shape sh. A token is a run of
// letters and digits (an apostrophe inside a word is kept, curly ones
// straightened), lower-cased; a character of a script written without
// spaces (Han, kana, Hangul, Thai) is a token of its own. Only the first
// limit bytes or so are read word by word (see scanMax).
func (sc *Scratch) scan(p string, limit int, sh *shape) {
	s := scanner{sc: sc, tok: hasher{h: hashSeed}, sh: *sh}
	s.sh.tokStart = len(sc.toks)
	end := len(p)
	if end > limit {
		// cut at a space, so that no word is split
		end = strings.LastIndexAny(p[:limit], " \n\t")
		if end <= 0 {
			end = limit
			for end < len(p) && !utf8.RuneStart(p[end]) {
				end++
			}
		}
		s.sh.truncated = true
	}
	q := p[:end]
	for i := 0; i < len(q); {
		c := q[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(p[i:])
			if unicode.IsSpace(r) {
				s.endTok()
				s.endField(p, i)
				s.fieldStart = i + n
			} else {
				s.other(p[:end], i+n, r)
			}
			i += n
			continue
		}
		switch asciiClass[c] {
		case bWord:
			if !s.inTok {
				s.inTok, s.capital = true, c <= 'Z' && c >= 'A'
			}
			t, k, j := s.tok, s.kinds, i
			for ; j < len(q); j++ {
				b := q[j]
				lc := wordLower[b] // 0 for all but ASCII letters and digits
				if lc == 0 {
					break
				}
				t.acc = t.acc<<8 | uint64(lc)
				t.n++
				if t.n&7 == 0 {
					t.h, t.acc = mixChunk(t.h, t.acc), 0
				}
				k |= wordKind[b]
			}
			s.tok, s.kinds = t, k
			i = j
			continue
		case bSpace, bNewline:
			s.endTok()
			s.endField(p, i)
			s.fieldStart = i + 1
		case bApos:
			s.apostrophe(p[:end], i+1)
		default:
			s.endTok()
			switch c {
			case '@', ':':
				s.fieldMark = true
				if c == '@' {
					s.sh.flags |= fAt
				}
			case '.':
				if i+1 < end && isWordByte(p[i+1]) {
					s.fieldMark = true
				}
			case '|':
				s.sh.flags |= fPipe
			case '"':
				s.sh.flags |= fQuote
			}
		}
		i++
	}
	s.endTok()
	s.endField(p, end)
	s.sh.scanned = true
	s.sh.tokEnd = len(sc.toks)
	*sh = s.sh
	sh.flags |= startFlags(p)
	if s.lower == 0 && s.upper > 0 && sh.tokens >= 2 {
		sh.flags |= fAllCaps
	}
}

// startFlags are the flags of how p starts.
func startFlags(p string) uint32 {
	first := strings.TrimLeftFunc(p, unicode.IsSpace)
	switch r, _ := utf8.DecodeRuneInString(first); {
	case first == "":
	case unicode.IsUpper(r):
		return fStartsUpper
	case unicode.IsDigit(r):
		return fStartsDigit
	case strings.ContainsRune("•-*·►>–—▪◦", r):
		return fBullet
	case !unicode.IsLetter(r):
		return fStartsSymbol
	}
	return 0
}

// apostrophe handles ' or ’: kept inside a word (when next, the index
// after it, starts a letter), else a separator.
func (s *scanner) apostrophe(p string, next int) {
	if s.inTok && next < len(p) && isWordByte(p[next]) {
		s.tok.byte('\'')
	} else {
		s.endTok()
	}
}

// other handles a non-ASCII, non-space rune r; next is the index after it.
func (s *scanner) other(p string, next int, r rune) {
	switch {
	case r == '’':
		s.apostrophe(p, next)
	case unicode.IsLetter(r):
		if unspaced(r) {
			s.endTok()
			s.sc.addTok(&s.sh, hashRune(r), utf8.RuneLen(r), 0, false)
			return
		}
		if !s.inTok {
			s.inTok, s.capital = true, unicode.IsUpper(r)
		}
		switch {
		case unicode.IsLower(r):
			s.kinds |= kLower
		case unicode.IsUpper(r):
			s.kinds |= kUpper
		}
		s.tok.rune(unicode.ToLower(r))
	case unicode.IsDigit(r):
		s.inTok = true
		s.kinds |= kDigit
		s.tok.rune(r)
	case unicode.Is(unicode.Mn, r):
		if s.inTok { // a combining mark stays inside its word
			s.tok.rune(r)
		}
	default:
		s.endTok()
		switch r {
		case '©':
			s.sh.flags |= fCopyright
		case '¦':
			s.sh.flags |= fPipe
		case '“', '”', '«', '»', '„':
			s.sh.flags |= fQuote
		}
	}
}

// addTok records a token of the current paragraph: its hash, length in
// bytes (only short tokens are looked up in the word classes), the kinds
// of its characters and whether it starts with a capital.
func (sc *Scratch) addTok(sh *shape, h uint64, n int, kinds uint8, capital bool) {
	switch sh.tokens {
	case 0:
		sh.first = h
	case 1:
		sh.first2 = mix64(sh.first, h)
	}
	sh.last = h
	sh.tokens++
	if capital {
		sh.caps++
	}
	sh.digits += int(kinds >> 2 & 1)
	var c uint8
	if n <= maxClassWord {
		c = wordClass.get(h)
	}
	sh.cls[c]++
	sc.toks = append(sc.toks, h)
}

// hashRune is the token hash of a single rune.
func hashRune(r rune) uint64 {
	t := hasher{h: hashSeed}
	t.rune(unicode.ToLower(r))
	return t.sum()
}

// hashWord is the token hash of one word, as scan computes it.
func hashWord(w string) uint64 {
	t := hasher{h: hashSeed}
	for _, r := range w {
		if r == '’' {
			r = '\''
		}
		t.rune(unicode.ToLower(r))
	}
	return t.sum()
}

func isWordByte(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

// unspaced reports whether r belongs to a script written without spaces
// between words.
func unspaced(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Thai, r)
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', ';', '。', '！', '？', '؟':
		return true
	}
	return false
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '*':
		return true
	}
	return false
}

// fieldFlags tells whether a whitespace-separated field is an e-mail
// address or a URL.
func fieldFlags(f string) uint32 {
	var fl uint32
	at := -1
	for i := 0; i < len(f); i++ {
		if f[i] == '@' {
			at = i
			break
		}
	}
	if at > 0 && at < len(f)-3 {
		for i := at + 2; i < len(f)-1; i++ {
			if f[i] == '.' && isWordByte(f[i+1]) {
				fl |= fEmail
				break
			}
		}
	}
	if hasPrefixFold(f, "http://") || hasPrefixFold(f, "https://") || hasPrefixFold(f, "www.") {
		fl |= fURL
	} else {
		for i := 0; i+3 < len(f); i++ {
			if f[i] == ':' && f[i+1] == '/' && f[i+2] == '/' {
				fl |= fURL
				break
			}
		}
		t := f
		for len(t) > 0 && (t[len(t)-1] == '.' || t[len(t)-1] == ',' || t[len(t)-1] == ')' || t[len(t)-1] == '/') {
			t = t[:len(t)-1]
		}
		for _, tld := range [...]string{".com", ".org", ".net", ".co.uk", ".io"} {
			if len(t) > len(tld)+1 && hasSuffixFold(t, tld) && fl&fEmail == 0 {
				fl |= fURL
			}
		}
	}
	return fl
}

func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if s[i]|0x20 != p[i] && s[i] != p[i] {
			return false
		}
	}
	return true
}

func hasSuffixFold(s, p string) bool {
	return len(s) >= len(p) && hasPrefixFold(s[len(s)-len(p):], p)
}

// Word classes for the rates (0: none).
const (
	classStop = 1 + iota
	classYou
	classWe
	classSite
	nClasses
)

// stops counts the stop words of a paragraph, pronouns included.
func (sh *shape) stops() int { return sh.cls[classStop] + sh.cls[classYou] + sh.cls[classWe] }

// classTable maps the token hashes of a few hundred words to their class:
// an open-addressing table, cheaper than a map on every token.
type classTable struct {
	keys [1 << classBits]uint64
	vals [1 << classBits]uint8
}

const classBits = 10

// slot is the first slot of hash h.
func slot(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> (64 - classBits) }

func (t *classTable) put(h uint64, v uint8) {
	i := slot(h)
	for t.keys[i] != 0 && t.keys[i] != h {
		i = (i + 1) & (1<<classBits - 1)
	}
	t.keys[i], t.vals[i] = h, v
}

func (t *classTable) get(h uint64) uint8 {
	for i := slot(h); ; i = (i + 1) & (1<<classBits - 1) {
		switch t.keys[i] {
		case h:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

// maxClassWord is the length in bytes of the longest word with a class.
const maxClassWord = 16

// wordClass holds the classes of function words: English stop words (the
// density jusText uses to tell prose from boilerplate), the second-person
// and first-person-plural pronouns of English and French with which a site
// addresses its readers, and the site's own vocabulary.
var wordClass = func() *classTable {
	t := new(classTable)
	add := func(class uint8, words []string) {
		for _, w := range words {
			if len(w) > maxClassWord {
				panic("furniture: class word too long: " + w)
			}
			t.put(hashWord(w), class)
		}
	}
	add(classStop, stopWords)
	add(classYou, []string{"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd", "vous", "votre", "vos"})
	add(classWe, []string{"we", "our", "ours", "us", "ourselves", "we're", "we've", "we'll", "we'd", "nous", "notre", "nos"})
	add(classSite, siteWords)
	return t
}()

// siteWords are words with which a web site talks about itself and its
// services rather than about the news: accounts, subscriptions, apps,
// cookies, advertising, sharing. Their rate is one feature (its weight is
// learned like any other); the words themselves are features too.
var siteWords = []string{
	"subscribe", "subscribed", "subscriber", "subscribers", "subscription", "subscriptions", "unsubscribe",
	"newsletter", "newsletters", "signup", "login", "logout", "inbox", "password", "registration",
	"cookie", "cookies", "browser", "browsers", "app", "apps", "download", "podcast", "podcasts",
	"donate", "donation", "donations", "membership", "paywall", "adblock", "advertisement",
	"advertisements", "advertise", "advertising", "sponsored", "click", "email", "privacy", "copyright",
	"homepage", "website", "rss", "notifications", "comments", "tweet", "facebook", "twitter",
	"instagram", "youtube", "whatsapp", "linkedin", "pinterest", "reddit", "menu", "settings",
	"feedback", "reprints",
}

// stopWords are frequent English function words (a subset of jusText's
// English list).
var stopWords = []string{
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
	"as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
	"can", "could", "did", "do", "does", "doing", "down", "during", "each", "even", "few", "for",
	"from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
	"himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
	"last", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "no", "nor",
	"not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "out", "over", "own",
	"said", "same", "says", "she", "should", "since", "so", "some", "still", "such", "than", "that",
	"the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
	"through", "to", "too", "two", "under", "until", "up", "very", "was", "were", "what", "when",
	"where", "whether", "which", "while", "who", "whom", "why", "will", "with", "would", "yet",
	"he's", "she's", "it's", "that's", "there's", "they're", "i'm", "don't", "didn't", "doesn't",
	"isn't", "wasn't", "won't", "can't",
}

// mix64 combines two hashes (splitmix64 finaliser).
func mix64(a, b uint64) uint64 {
	x := a*0x9E3779B97F4A7C15 ^ (b + 0x632BE59BD9B4E019 + a<<6 + a>>2)
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// key is the feature hash of template t with values a and b.
func key(t int, a, b uint64) uint32 {
	x := (a^uint64(t)<<58)*0x9E3779B97F4A7C15 ^ b
	x = (x ^ x>>29) * 0xBF58476D1CE4E5B9
	return uint32(x >> 32)
}

// Bins of the shape features.
var (
	wordBins  = [...]int{1, 2, 3, 5, 8, 12, 20, 35, 60, 100}
	lineBins  = [...]int{1, 2, 3, 4, 6, 10}
	wplBins   = [...]int{2, 3, 5, 8, 12, 20, 35}
	shareBins = [...]float64{0, 0.1, 0.25, 0.5, 0.75, 0.99}
	rateBins  = [...]float64{0, 0.03, 0.07, 0.15, 0.3}
	stopBins  = [...]float64{0, 0.1, 0.2, 0.3, 0.4, 0.5}
)

// binInt returns the index of the first bin edge ≥ x (len(edges) above
// them all).
func binInt(x int, edges []int) uint64 {
	for i, e := range edges {
		if x <= e {
			return uint64(i)
		}
	}
	return uint64(len(edges))
}

func binFloat(x float64, edges []float64) uint64 {
	for i, e := range edges {
		if x <= e {
			return uint64(i)
		}
	}
	return uint64(len(edges))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// coarse is a short summary of a paragraph's shape for the context
// features: length class, whether it ends a sentence, several lines.
func (sh *shape) coarse() uint64 {
	var length uint64
	switch {
	case sh.words <= 3:
		length = 0
	case sh.words <= 12:
		length = 1
	case sh.words <= 30:
		length = 2
	default:
		length = 3
	}
	c := length << 2
	if sh.flags&fEndsSentence != 0 {
		c |= 1
	}
	if sh.lines > 1 {
		c |= 2
	}
	return c
}

// maxBigrams is how many of a paragraph's first tokens end a bigram:
// furniture tells itself in its first words ("sign up", "follow us"), and
// bigrams further on add cost, not accuracy.
const maxBigrams = 16

// Features returns the features of paragraph i of those loaded, in the
// context of its neighbours. The slice is reused by the next call.
func (sc *Scratch) Features(i int) []Feature {
	sh := &sc.shapes[i]
	if !sh.scanned {
		sc.scan(sc.paras[i], scanMax, sh)
	}
	toks := sc.toks[sh.tokStart:sh.tokEnd]
	fs := slices.Grow(sc.feats[:0], 2*len(toks)+64)
	add := func(h uint32, v float32) { fs = append(fs, Feature{h, v}) }

	// Words: unigrams and bigrams, weighted so that a paragraph's word
	// features have about unit norm whatever its length. The end of a
	// paragraph read only in part is unknown.
	if n := len(toks); n > 0 {
		v := float32(1 / math.Sqrt(float64(2*n)))
		prev := uint64(0) // start of paragraph
		for k, t := range toks {
			fs = append(fs, Feature{key(tUni, t, 0), v})
			if k < maxBigrams {
				fs = append(fs, Feature{key(tBi, prev, t), v})
			}
			prev = t
		}
		add(key(tFirst, sh.first, 0), 1)
		if n > 1 {
			add(key(tFirst2, sh.first2, 0), 1)
		}
		if !sh.truncated {
			add(key(tBi, prev, 1), v) // end of paragraph
			add(key(tLast, sh.last, 0), 0.5)
		}
	}

	// Shape.
	wb := binInt(sh.words, wordBins[:])
	lb := binInt(sh.lines, lineBins[:])
	wpl := binInt((sh.words+sh.lines/2)/sh.lines, wplBins[:])
	np := binFloat(ratio(sh.noPunct, sh.lines), shareBins[:])
	add(key(tLines, lb, 0), 1)
	add(key(tWords, wb, 0), 1)
	add(key(tWPL, wpl, 0), 1)
	add(key(tNoPunct, np, 0), 1)
	add(key(tLinesShape, lb<<8|np<<4|wpl, 0), 1)
	long := uint64(0)
	if sh.words > 12 {
		long = 1
	}
	if sh.tokens > 0 {
		add(key(tCaps, binFloat(ratio(sh.caps, sh.tokens), shareBins[:]), long), 1)
		add(key(tDigits, binFloat(ratio(sh.digits, sh.tokens), rateBins[:]), long), 1)
		yb := binFloat(ratio(sh.cls[classYou], sh.tokens), rateBins[:])
		web := binFloat(ratio(sh.cls[classWe], sh.tokens), rateBins[:])
		add(key(tYou, yb, long), 1)
		add(key(tWe, web, long), 1)
		add(key(tYouWe, yb<<4|web, 0), 1)
		add(key(tSite, binFloat(ratio(sh.cls[classSite], sh.tokens), rateBins[:]), long), 1)
		sb := binFloat(ratio(sh.stops(), sh.tokens), stopBins[:])
		add(key(tStop, sb, 0), 1)
		add(key(tStopLen, sb, wb), 1)
	}
	for f := 0; f < nFlags; f++ {
		if sh.flags&(1<<f) != 0 {
			add(key(tFlag, uint64(f), 0), 1)
		}
	}
	add(key(tWordsEnd, wb, uint64(sh.flags&(fEndsSentence|fEndsColon))), 1)

	// Context: the neighbours' shapes.
	own := sh.coarse()
	prevC, nextC := uint64(1<<8), uint64(1<<8) // none
	if i > 0 {
		p := &sc.shapes[i-1]
		prevC = p.coarse()
		add(key(tPrev, 1, binInt(p.words, wordBins[:])), 1)
		add(key(tPrev, 2, binFloat(ratio(p.noPunct, p.lines), shareBins[:])), 1)
		add(key(tPrev, 3, binInt(p.lines, lineBins[:])), 1)
	} else {
		add(key(tPrev, 0, 0), 1)
	}
	if i+1 < len(sc.shapes) {
		nx := &sc.shapes[i+1]
		nextC = nx.coarse()
		add(key(tNext, 1, binInt(nx.words, wordBins[:])), 1)
		add(key(tNext, 2, binFloat(ratio(nx.noPunct, nx.lines), shareBins[:])), 1)
		add(key(tNext, 3, binInt(nx.lines, lineBins[:])), 1)
	} else {
		add(key(tNext, 0, 0), 1)
	}
	add(key(tContext, own, prevC<<16|nextC), 1)
	add(key(tContext, own|1<<12, prevC), 1)
	add(key(tContext, own|2<<12, nextC), 1)

	sc.feats = fs
	return fs
}
