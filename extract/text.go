package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/storyline/storyline"
)

// The plain-text cleaner works on lines ("units"). A text with blank lines
// is made of blocks separated by them; a text without any blank line has
// one paragraph per line. Every line is first classified on its own
// (scraping residue, bylines, credits, date lines); then rules that depend
// on position run: the title, labels in the header, a date prefix on the
// lede, the dateline, repeated paragraphs and trailing headings. Whatever
// is cut is recorded in Cleaned.Removed with the rule's reason, and the
// wording of the paragraphs that are kept is never changed.

// Size limits of the line rules. Residue lines are short; a line longer
// than residueMaxLen is only checked by the rules that can apply to a full
// paragraph (photo captions), which keeps body lines cheap.
const (
	residueMaxLen = 320 // bytes
	// Lines of more words than shortLineWords are only checked by the
	// credit and caption rules; credits are at most creditMaxWords long.
	shortLineWords = 25
	creditMaxWords = 60
	keyMaxLen      = 120 // bytes; exact-phrase sets only hold short phrases
	titleMaxWords  = 20
	titleMaxLen    = 200
	// A section kicker above the title ("World", "Middle East").
	kickerMaxWords = 2
	labelMaxWords  = 3
	labelMaxLen    = 40
	headMaxWords   = 6
	headMaxLen     = 60
	// A paragraph repeated verbatim is removed only when it is at least
	// this long: short lines ("Yes.", a one-word quote) legitimately recur.
	repeatMinWords = 8
	repeatMinLen   = 40
	// How many content lines from the start may carry a date prefix or a
	// dateline.
	ledeUnits = 3
	// Bytes of text given to language detection: enough to be reliable,
	// little enough to be cheap.
	langSampleLen = 1000
)

// unit is one non-empty, trimmed line of the input.
type unit struct {
	text   string // the line; a content unit may have lost a date prefix
	block  int    // blocks are separated by blank lines
	words  int    // word count of text
	reason string // why it was cut; "" for content
	para   int    // paragraph index once grouped, -1 if not content
	info   lineInfo
	// dateOnly marks a line that is nothing but an unlabelled date: it is
	// a date line only in the header or after the body, else content.
	dateOnly bool
	pre      *storyline.Removal // a date prefix cut from the line
}

// lineInfo is what a residue line tells about the article.
type lineInfo struct {
	byline     string
	credit     bool
	source     string
	sourceRank int // which source wins: see the source* constants
	published  string
	updated    bool // published came from an "Updated" label
}

// Source ranks: an explicit "originally appeared in" credit names the
// publisher and wins over a wire credit at the lede, which wins over an
// agency named in a byline.
const (
	sourceByline = 1 + iota
	sourceWire
	sourceOriginal
)

// textCtx is per-article context for the line rules.
type textCtx struct {
	langs []string // languages for the date library fallback; empty: none
	dmy   bool     // read ambiguous numeric dates day first
}

// PlainText cleans the text of a .txt news article as scraped: it
// recognises the title, byline, credits, dateline, source, publication date
// and language, removes scraping residue, and returns the remaining
// paragraphs joined by "\n\n" with everything it cut in Removed.
func PlainText(body string) Cleaned {
	var c Cleaned
	us := splitUnits(normaliseNewlines(body))
	if len(us) == 0 {
		return c
	}
	c.Lang = detectLang(us)
	ctx := textCtx{langs: []string{}}
	if c.Lang != "" && c.Lang != "en" {
		ctx = textCtx{langs: []string{c.Lang}, dmy: true}
	}

	// 1. Line rules, independent of position. A bare date is taken for a
	// date line until step 4 knows where the body is.
	for i := range us {
		u := &us[i]
		u.reason, u.info, u.dateOnly = classifyLine(u.text, u.words, &ctx)
		if u.dateOnly {
			u.reason = storyline.ReasonDateLine
		}
	}

	// 2. A date prefix on one of the first lines ("date 2024-02-05 Blinken
	// began ..."): the date is cut, the rest of the line is kept.
	n := 0
	for i := range us {
		if us[i].reason != "" {
			continue
		}
		if n++; n > ledeUnits {
			break
		}
		if i > 0 && us[i-1].block == us[i].block && (us[i-1].reason == "" || us[i-1].dateOnly) {
			continue // inside a paragraph: a cut would break its text
		}
		if pre, rest, pub, ok := cutDatePrefix(us[i].text, n == 1, &ctx); ok {
			us[i].pre = &storyline.Removal{Reason: storyline.ReasonDateLine, Text: pre}
			us[i].text = rest
			us[i].words = wordCount(rest)
			us[i].info.published = pub
		}
	}

	// 3. Title, with a section kicker above it and a repeat below it.
	if t := findTitle(us); t >= 0 {
		c.Title = us[t].text
	}

	// 4. The header is what comes before the body proper; the tail is what
	// follows its last body paragraph. Bare dates (here) and lone labels
	// (step 5) are residue only there: inside the body they may be content
	// (a timeline entry, a subheading).
	headerEnd, tailStart := bodyBounds(us)
	for i := headerEnd; i < tailStart; i++ {
		if us[i].dateOnly {
			us[i].reason, us[i].info = "", lineInfo{}
		}
	}

	// 5. Lone labels in the header ("Egypt" between a reading time and an
	// image URL) are section or tag labels.
	markHeaderLabels(us, headerEnd)
	markTeasers(us, tailStart)

	// 6. Dateline and wire credit at the start of the lede: recorded, text kept.
	n = 0
	for i := range us {
		if us[i].reason != "" {
			continue
		}
		if n++; n > ledeUnits {
			break
		}
		if place, wire, ok := findDateline(us[i].text); ok {
			if c.Dateline == "" {
				c.Dateline = place
			}
			if wire != "" && us[i].info.sourceRank < sourceWire {
				us[i].info.source, us[i].info.sourceRank = wire, sourceWire
			}
			break
		}
	}

	// 7. Paragraphs, repeated blocks, trailing headings, site furniture.
	paras := groupParagraphs(us)
	markRepeats(us, paras)
	markTrailing(us, paras)
	markFurniture(us, paras)

	// 8. Gather the results in input order.
	c.Text, c.Removed = assemble(us, paras)
	collectInfo(&c, us)
	return c
}

// normaliseNewlines strips a byte-order mark and turns CRLF and CR into LF.
func normaliseNewlines(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// normaliseText is the input as the cleaner sees it: BOM stripped, CRLF
// and CR turned into LF, each line trimmed. Every paragraph of
// Cleaned.Text and every Removal's Text is a substring of it.
func normaliseText(s string) string {
	lines := strings.Split(normaliseNewlines(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

// splitUnits cuts the text into trimmed non-empty lines with block numbers.
// When the text has no blank line between two lines, every line is its
// own block (one paragraph per line).
func splitUnits(s string) []unit {
	us := make([]unit, 0, 32)
	block, blank := 0, false
	for len(s) > 0 {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		line = strings.TrimSpace(line)
		if line == "" {
			blank = true
			continue
		}
		if blank && len(us) > 0 {
			block++
		}
		blank = false
		us = append(us, unit{text: line, block: block, para: -1, words: wordCount(line)})
	}
	if block == 0 {
		for i := range us {
			us[i].block = i
		}
	}
	return us
}

// bodyBounds returns the index of the first body line (the first of two
// consecutive body-like lines, or else the first body-like one) and the
// index after the last body-like line. Residue lines are never body-like.
func bodyBounds(us []unit) (headerEnd, tailStart int) {
	body := make([]bool, len(us))
	first, last := -1, -1
	for i := range us {
		body[i] = us[i].reason == "" && bodyLike(us[i].text, us[i].words)
		if body[i] {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return len(us), len(us)
	}
	headerEnd = first
	for i := first; i+1 < len(us); i++ {
		if body[i] && body[i+1] {
			headerEnd = i
			break
		}
	}
	return headerEnd, last + 1
}

// findTitle applies the title rule and returns the title unit or -1.
// The first content line is the title when it is short and title-like,
// alone in its block and followed by more text, and either has no
// sentence-final punctuation or is repeated as the next paragraph (scrapers
// often print the headline twice). A long full sentence is a lede, not a
// title. A lone label above such a line is a section kicker ("World").
func findTitle(us []unit) int {
	t := nextContent(us, 0)
	if t < 0 {
		return -1
	}
	if isLabel(us[t].text) && us[t].words <= kickerMaxWords {
		if nx := nextContent(us, t+1); nx >= 0 && titleCandidate(us, nx) && !isLabel(us[nx].text) {
			us[t].reason = storyline.ReasonCategory
			t = nx
		}
	}
	if !titleCandidate(us, t) {
		return -1
	}
	us[t].reason = storyline.ReasonTitle
	if nx := nextContent(us, t+1); nx >= 0 && sameText(us[nx].text, us[t].text) {
		us[nx].reason = storyline.ReasonTitleRepeat
	}
	return t
}

// titleCandidate reports whether unit i can be the title.
func titleCandidate(us []unit, i int) bool {
	s := us[i].text
	if !titleShape(s) || !aloneInBlock(us, i) {
		return false
	}
	nx := nextContent(us, i+1)
	if nx < 0 {
		return false // nothing after it: it is the text
	}
	if sameText(us[nx].text, s) {
		return nextContent(us, nx+1) >= 0
	}
	// A next paragraph in lower case continues the sentence: the line is a
	// fragment cut by a stray blank line, not a headline.
	r, _ := utf8.DecodeRuneInString(us[nx].text)
	return !endsSentence(s) && !unicode.IsLower(r)
}

// titleShape: one short line with a letter that does not start lower case.
func titleShape(s string) bool {
	if len(s) > titleMaxLen || wordCount(s) > titleMaxWords {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return !unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// aloneInBlock reports whether unit i is the only content line of its block.
func aloneInBlock(us []unit, i int) bool {
	for j := i - 1; j >= 0 && us[j].block == us[i].block; j-- {
		if us[j].reason == "" {
			return false
		}
	}
	for j := i + 1; j < len(us) && us[j].block == us[i].block; j++ {
		if us[j].reason == "" {
			return false
		}
	}
	return true
}

// nextContent returns the first content unit at or after i, or -1.
func nextContent(us []unit, i int) int {
	for ; i < len(us); i++ {
		if us[i].reason == "" {
			return i
		}
	}
	return -1
}

// markHeaderLabels removes very short non-sentence label lines ("Egypt",
// "Middle East") in the header when they sit among residue: one neighbour
// (skipping other labels) is residue and the other is residue, the title or
// nothing. Scrapers leave such section and tag labels between the reading
// time and the image; a label between real paragraphs is left alone.
func markHeaderLabels(us []unit, headerEnd int) {
	isResidue := func(j int) bool {
		return j >= 0 && j < len(us) && us[j].reason != "" && us[j].reason != storyline.ReasonTitle && us[j].reason != storyline.ReasonTitleRepeat
	}
	isEdge := func(j int) bool {
		return j < 0 || us[j].reason == storyline.ReasonTitle || us[j].reason == storyline.ReasonTitleRepeat
	}
	label := func(j int) bool { return us[j].reason == "" && isLabel(us[j].text) }
	for i := 0; i < headerEnd && i < len(us); i++ {
		if !label(i) {
			continue
		}
		prev := i - 1
		for prev >= 0 && label(prev) {
			prev--
		}
		next := i + 1
		for next < len(us) && label(next) {
			next++
		}
		if (isResidue(prev) && (isResidue(next) || next >= headerEnd)) ||
			(isResidue(next) && (isResidue(prev) || isEdge(prev))) {
			us[i].reason = storyline.ReasonCategory
		}
	}
}

// markTeasers removes the headlines listed under a "Related articles" or
// "What to read next" heading after the body: title-shaped lines without
// sentence punctuation, up to the first line that is not one. They are
// links to other articles whose text was not scraped.
func markTeasers(us []unit, tailStart int) {
	for i := tailStart; i < len(us); i++ {
		if us[i].reason != storyline.ReasonReadNext || phraseSet[foldKey(us[i].text)] != storyline.ReasonReadNext {
			continue
		}
		for j := i + 1; j < len(us); j++ {
			if us[j].reason != "" {
				continue
			}
			if !titleShape(us[j].text) || endsSentence(us[j].text) {
				break
			}
			us[j].reason = storyline.ReasonReadNext
		}
	}
}

// groupParagraphs joins consecutive content units of the same block into
// paragraphs and returns, for each paragraph, its unit indices.
func groupParagraphs(us []unit) [][]int {
	var paras [][]int
	for i := range us {
		if us[i].reason != "" {
			continue
		}
		if i > 0 && us[i-1].reason == "" && us[i-1].block == us[i].block && len(paras) > 0 {
			paras[len(paras)-1] = append(paras[len(paras)-1], i)
		} else {
			paras = append(paras, []int{i})
		}
		us[i].para = len(paras) - 1
	}
	return paras
}

// paraText is the text of a paragraph: its lines joined by "\n".
func paraText(us []unit, p []int) string {
	if len(p) == 1 {
		return us[p[0]].text
	}
	var b strings.Builder
	for k, i := range p {
		if k > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(us[i].text)
	}
	return b.String()
}

// markRepeats removes every later verbatim repeat (white space and quote
// marks normalised) of an earlier paragraph of reasonable length: scrapers
// that follow "page 2" links or print a block twice duplicate whole runs of
// paragraphs. A short paragraph is removed only when it continues a run of
// repeats in the same order as the original, so that a short line recurring
// on its own ("No.") stays.
func markRepeats(us []unit, paras [][]int) {
	if len(paras) < 2 {
		return
	}
	seen := make(map[uint64]int, len(paras))
	prevOrig := -2 // original of the previous paragraph if it was a repeat
	for pi, p := range paras {
		text := paraText(us, p)
		h, n := paraHash(text)
		orig, dup := seen[h]
		if dup && !sameText(text, paraText(us, paras[orig])) {
			dup = false // a hash collision
		}
		if !dup {
			seen[h] = pi
			prevOrig = -2
			continue
		}
		words := 0
		for _, i := range p {
			words += us[i].words
		}
		if (words >= repeatMinWords && n >= repeatMinLen) || orig == prevOrig+1 {
			for _, i := range p {
				us[i].reason = storyline.ReasonRepeatedBlock
			}
			prevOrig = orig
		} else {
			prevOrig = -2
		}
	}
}

// paraHash is an FNV-1a hash of normPara(s), computed without building it,
// and the length in runes of the normalised text.
func paraHash(s string) (uint64, int) {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	n := 0
	space := false
	add := func(r rune) {
		h ^= uint64(r)
		h *= prime
		n++
	}
	for i := 0; i < len(s); {
		r := rune(s[i])
		if r < utf8.RuneSelf {
			i++
			if r == ' ' || r == '\n' || r == '\t' || r == '\v' || r == '\f' || r == '\r' {
				space = n > 0
				continue
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			if unicode.IsSpace(r) {
				space = n > 0
				continue
			}
			r = foldQuote(r)
		}
		if space {
			add(' ')
			space = false
		}
		add(r)
	}
	return h, n
}

// foldQuote maps curly and angle quotes to straight ones.
func foldQuote(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	}
	return r
}

// markTrailing removes known closing headings at the end with nothing but
// residue or short heading-like lines after them ("Sources", "References",
// "Comments (3)", "Tags" and its tags): their content was not scraped, so
// they head nothing. Unknown short lines at the end are left alone, since
// they may be content (a fixture list, a final score line). At least one
// paragraph is kept.
func markTrailing(us []unit, paras [][]int) {
	// start of the run of short heading-like paragraphs at the end
	start := len(paras)
	for pi := len(paras) - 1; pi >= 0; pi-- {
		p := paras[pi]
		if us[p[0]].reason != "" {
			continue
		}
		if len(p) != 1 || !headingLike(us[p[0]].text) {
			break
		}
		start = pi
	}
	// keep at least one paragraph
	before := false
	for pi := 0; pi < start; pi++ {
		if us[paras[pi][0]].reason == "" {
			before = true
			break
		}
	}
	if !before {
		start++
	}
	for pi := start; pi < len(paras); pi++ {
		p := paras[pi]
		if us[p[0]].reason != "" || !isClosingHeading(us[p[0]].text) {
			continue
		}
		for ; pi < len(paras); pi++ {
			if p := paras[pi]; us[p[0]].reason == "" {
				us[p[0]].reason = storyline.ReasonTrailing
			}
		}
	}
}

// closingHeadings are headings that close an article page (after
// foldKey, without a count).
var closingHeadings = map[string]bool{
	"sources": true, "source": true, "references": true, "reference": true, "notes": true,
	"footnotes": true, "comments": true, "comment": true, "further reading": true,
	"external links": true, "see also": true, "tags": true, "topics": true, "bibliography": true,
	"about the author": true, "about the authors": true, "credits": true, "corrections": true,
	"discussion": true, "responses": true, "reactions": true, "share": true, "more": true,
	"quellen": true, "kommentare": true, "références": true, "commentaires": true,
	"fuentes": true, "referencias": true, "comentarios": true, "fonti": true, "commenti": true,
	"bronnen": true, "reacties": true,
}

// isClosingHeading: a closing heading, possibly with a count ("Comments
// (3)", "3 Comments").
func isClosingHeading(s string) bool {
	k := strings.TrimFunc(foldKey(s), func(r rune) bool { return unicode.IsDigit(r) || r == ' ' || r == '(' || r == ')' })
	return closingHeadings[k]
}

// assemble builds the text from the content paragraphs and the removals
// in input order; the lines of a removed paragraph make one removal.
func assemble(us []unit, paras [][]int) (string, []storyline.Removal) {
	var b strings.Builder
	var removed []storyline.Removal
	donePara := -1
	for i := range us {
		u := &us[i]
		if u.pre != nil {
			removed = append(removed, *u.pre)
		}
		if u.para < 0 || u.para == donePara {
			if u.reason != "" && u.para < 0 {
				removed = append(removed, storyline.Removal{Reason: u.reason, Text: u.text})
			}
			continue
		}
		donePara = u.para
		text := paraText(us, paras[u.para])
		if u.reason != "" {
			removed = append(removed, storyline.Removal{Reason: u.reason, Text: text})
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(text)
	}
	return b.String(), removed
}

// collectInfo fills byline, credits, source and date from the units.
func collectInfo(c *Cleaned, us []unit) {
	rank := 0
	var updated string
	for i := range us {
		in := &us[i].info
		if us[i].reason == "" && in.source == "" && in.published == "" {
			continue
		}
		if in.byline != "" && c.Byline == "" {
			c.Byline = in.byline
		}
		if in.credit && us[i].reason == storyline.ReasonCredit {
			c.Credits = append(c.Credits, us[i].text)
		}
		if in.source != "" && in.sourceRank > rank {
			c.Source, rank = in.source, in.sourceRank
		}
		if in.published != "" {
			switch {
			case in.updated:
				if updated == "" {
					updated = in.published
				}
			case c.Published == "":
				c.Published = in.published
			}
		}
	}
	if c.Published == "" {
		c.Published = updated
	}
}

// detectLang detects the language on the longer lines (residue is short),
// and returns its ISO 639-1 code when whatlanggo finds it reliable.
func detectLang(us []unit) string {
	var b strings.Builder
	for pass := 0; pass < 2 && b.Len() < langSampleLen; pass++ {
		for i := range us {
			if b.Len() >= langSampleLen {
				break
			}
			if long := us[i].words >= 8; long == (pass == 0) {
				b.WriteString(us[i].text)
				b.WriteByte('\n')
			}
		}
	}
	if b.Len() < 20 {
		return ""
	}
	sample := b.String()
	if isEnglish(sample) {
		return "en"
	}
	info := whatlanggo.Detect(sample)
	if !info.IsReliable() {
		return ""
	}
	return langCodes[info.Lang]
}

// englishWords are the most frequent English function words. In English
// news prose they make 30–45% of the words, and "the" alone 5–7%; in other
// languages that use the Latin script they are rare.
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true,
	"that": true, "for": true, "on": true, "with": true, "was": true, "as": true, "by": true,
	"at": true, "he": true, "it": true, "his": true, "from": true, "has": true, "have": true,
	"said": true, "are": true, "be": true, "an": true, "this": true, "which": true, "its": true,
	"were": true, "their": true, "will": true, "not": true, "but": true, "had": true, "who": true,
	"they": true, "been": true, "after": true, "also": true, "would": true, "she": true, "her": true,
}

// isEnglish is a fast path for language detection: whatlanggo compares
// the text with every profile of its script, which costs more than the
// rest of the cleaning, while English is told by its function words alone.
// It needs 40 words or more, 25% of them function words and 3% "the";
// anything else goes to whatlanggo.
func isEnglish(s string) bool {
	words, fn, the := 0, 0, 0
	i := 0
	for i < len(s) && words < 300 {
		// skip to a word: ASCII letters, or letters of any script
		c := s[i]
		if c < utf8.RuneSelf && !isASCIILetter(c) {
			i++
			continue
		}
		start, ascii := i, true
		for i < len(s) {
			c = s[i]
			if c < utf8.RuneSelf {
				if !isASCIILetter(c) {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				break
			}
			ascii = false
			i += n
		}
		if i == start { // a non-letter symbol
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		words++
		if w := s[start:i]; ascii && len(w) <= 5 {
			var buf [5]byte
			for k := 0; k < len(w); k++ {
				buf[k] = w[k] | 0x20
			}
			lw := buf[:len(w)]
			if englishWords[string(lw)] {
				fn++
				if string(lw) == "the" {
					the++
				}
			}
		}
	}
	return words >= 40 && fn*4 >= words && the*100 >= words*3
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// langCodes caches whatlanggo's ISO 639-1 codes, which it builds anew on
// every call.
var langCodes = func() map[whatlanggo.Lang]string {
	m := make(map[whatlanggo.Lang]string)
	for l := whatlanggo.Lang(0); l < 400; l++ {
		if s := l.Iso6391(); s != "" {
			m[l] = s
		}
	}
	return m
}()

// ---- Line rules -------------------------------------------------------

// classifyLine applies the position-independent rules to one line and
// returns the reason to cut it ("" to keep it), what it tells, and whether
// it is an unlabelled date (cut only in the header or tail).
func classifyLine(s string, wc int, ctx *textCtx) (reason string, in lineInfo, dateOnly bool) {
	if len(s) > residueMaxLen {
		if isCaption(s) {
			return storyline.ReasonImageCredit, in, false
		}
		return "", in, false
	}
	if r, in, d := classifyWhole(s, wc, ctx); r != "" || d {
		return r, in, d
	}
	if wc > shortLineWords {
		return "", in, false
	}
	// A header line of several parts ("By Jane Doe | Feb. 5, 2024 | 4 min
	// read") is residue when every part is.
	if parts := splitSegments(s); len(parts) > 1 {
		var all lineInfo
		first := ""
		for _, p := range parts {
			r, in, d := classifyWhole(p, wordCount(p), ctx)
			if d {
				r = storyline.ReasonDateLine
			}
			if r == "" {
				return "", lineInfo{}, false
			}
			if first == "" {
				first = r
			}
			mergeInfo(&all, in)
		}
		if all.byline != "" {
			first = storyline.ReasonByline
		}
		return first, all, false
	}
	return "", in, false
}

// mergeInfo adds what b tells to a, first value wins.
func mergeInfo(a *lineInfo, b lineInfo) {
	if a.byline == "" {
		a.byline = b.byline
	}
	a.credit = a.credit || b.credit
	if b.sourceRank > a.sourceRank {
		a.source, a.sourceRank = b.source, b.sourceRank
	}
	if a.published == "" {
		a.published, a.updated = b.published, b.updated
	}
}

// segmentSeps separate the parts of a header line.
var segmentSeps = []string{" | ", " · ", " • ", " — ", " – ", " ‧ "}

// splitSegments splits s at header separators; nil when there is none.
func splitSegments(s string) []string {
	var parts []string
	for _, sep := range segmentSeps {
		if strings.Contains(s, sep) {
			if parts == nil {
				parts = []string{s}
			}
			var next []string
			for _, p := range parts {
				next = append(next, strings.Split(p, sep)...)
			}
			parts = next
		}
	}
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// classifyWhole applies the rules to a whole line or segment.
func classifyWhole(s string, wc int, ctx *textCtx) (string, lineInfo, bool) {
	var in lineInfo
	if isURLLine(s) {
		return storyline.ReasonURL, in, false
	}
	if wc > shortLineWords {
		// Residue lines are short; a long line can still be a credit
		// ("Reporting by ...; Editing by ...") or a photo caption.
		if isCaption(s) {
			return storyline.ReasonImageCredit, in, false
		}
		if wc <= creditMaxWords {
			if src, ok := parseCredit(s, firstWord(s), wc); ok {
				return storyline.ReasonCredit, creditInfo(src), false
			}
		}
		return "", in, false
	}
	key := foldKey(s)
	if key == "" {
		return "", in, false
	}
	if len(key) <= keyMaxLen {
		if r, ok := phraseSet[key]; ok {
			return r, in, false
		}
	}
	fw := key
	if i := strings.IndexFunc(key, func(r rune) bool { return !isAlnum(r) && r != '\'' && r != '-' }); i >= 0 {
		fw = key[:i]
	}
	switch {
	case isRatingPrompt(key, wc):
		return storyline.ReasonRatingPrompt, in, false
	case isReadNext(s, fw):
		return storyline.ReasonReadNext, in, false
	case isReadingTime(key, fw):
		return storyline.ReasonReadingTime, in, false
	case isSocial(key, fw, wc):
		return storyline.ReasonSocial, in, false
	case isImageCredit(s, key, fw, wc):
		return storyline.ReasonImageCredit, in, false
	case isCategory(s, key, fw, wc):
		return storyline.ReasonCategory, in, false
	}
	if by, src, ok := parseByline(s, fw); ok {
		in.byline = by
		if src != "" {
			in.source, in.sourceRank = src, sourceByline
		}
		return storyline.ReasonByline, in, false
	}
	if src, ok := parseCredit(s, fw, wc); ok {
		return storyline.ReasonCredit, creditInfo(src), false
	}
	if name, ok := wireOnlyLine(key); ok {
		in.credit = true
		in.source, in.sourceRank = name, sourceByline
		return storyline.ReasonCredit, in, false
	}
	if pub, updated, labelled, ok := parseDateLine(s, wc, ctx); ok {
		in.published, in.updated = pub, updated
		if labelled {
			return storyline.ReasonDateLine, in, false
		}
		return "", in, true
	}
	return "", in, false
}

// creditInfo is what a credit line tells: it is a credit, and it may name
// the publisher.
func creditInfo(source string) lineInfo {
	in := lineInfo{credit: true}
	if source != "" {
		in.source, in.sourceRank = source, sourceOriginal
	}
	return in
}

// firstWord returns the first word of s in lower case, leading symbols
// skipped, as foldKey would give it.
func firstWord(s string) string {
	i := strings.IndexFunc(s, isAlnum)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.IndexFunc(s, unicode.IsSpace); j >= 0 {
		s = s[:j]
	}
	if len(s) > 20 {
		return ""
	}
	if j := strings.IndexFunc(s, func(r rune) bool { return !isAlnum(r) && r != '\'' && r != '-' }); j >= 0 {
		s = s[:j]
	}
	return strings.ToLower(s)
}

// foldKey is the line as the phrase rules see it: lower case, curly
// apostrophes straightened, runs of space collapsed, and leading and
// trailing non-alphanumerics (bullets, arrows, ellipses, emoji) dropped.
func foldKey(s string) string {
	start, end := 0, len(s)
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:])
		if isAlnum(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if isAlnum(r) {
			break
		}
		end -= n
	}
	s = s[start:end]
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '’' || r == '‘':
			r = '\''
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// phraseSet holds whole-line phrases of scraping residue (after foldKey).
// These are prompts and page furniture that never make a paragraph of
// their own in an article.
var phraseSet = func() map[string]string {
	m := map[string]string{}
	add := func(reason string, phrases ...string) {
		for _, p := range phrases {
			m[p] = reason
		}
	}
	add(storyline.ReasonRatingPrompt,
		"how would you rate this article", "how would you rate this story",
		"was this article helpful", "was this helpful", "was this article useful",
		"rate this article", "rate this story", "rate this post",
		"did you find this article helpful", "did you find this article useful",
		"how useful was this post", "how useful was this article",
		"click on a star to rate it", "no votes so far be the first to rate this post",
		"give feedback", "yes no", "thumbs up thumbs down",
		"wie hat ihnen dieser artikel gefallen", "cet article vous a-t-il été utile",
		"¿te ha resultado útil este artículo", "te ha resultado útil este artículo")
	add(storyline.ReasonReadNext,
		"read more", "read next", "read also", "also read", "read this next",
		"what to read next", "what to read next...", "more to read",
		"related", "related articles", "related article", "related stories", "related posts",
		"related news", "related content", "related coverage", "related topics", "related reading",
		"more stories", "more news", "more from this section", "more on this story",
		"you may also like", "you might also like", "you may also be interested in",
		"recommended", "recommended for you", "recommended stories", "recommended articles",
		"most read", "most popular", "most viewed", "trending", "trending now", "editor's picks",
		"see also", "continue reading", "keep reading", "read full article",
		"read the full article", "read the full story", "click here to read more",
		"latest news", "top stories", "don't miss", "must read", "further reading",
		"lire aussi", "à lire aussi", "lesen sie auch", "mehr zum thema", "leer más", "lee también", "leggi anche")
	add(storyline.ReasonSocial,
		"share", "share this", "share this article", "share this story", "share this post",
		"share article", "share on facebook", "share on twitter", "share on x", "share via email",
		"tweet", "email", "print", "copy link", "link copied", "copy url",
		"advertisement", "advertisment", "ad", "ads", "sponsored", "sponsored content",
		"promoted", "paid content", "skip advertisement", "story continues below advertisement",
		"article continues below advertisement", "continue reading below", "scroll to continue",
		"scroll to continue with content", "follow us", "subscribe", "subscribe now",
		"sign up", "newsletter", "sign up for our newsletter", "subscribe to our newsletter",
		"join the conversation", "comments are closed", "leave a comment", "leave a reply",
		"anzeige", "werbung", "publicité", "publicidad", "pubblicità", "partager", "compartir")
	return m
}()

// socialNames are share-bar words; a line of only these is a share bar.
var socialNames = map[string]bool{
	"facebook": true, "twitter": true, "x": true, "whatsapp": true, "linkedin": true,
	"email": true, "e-mail": true, "print": true, "telegram": true, "reddit": true,
	"pinterest": true, "instagram": true, "youtube": true, "tiktok": true, "threads": true,
	"bluesky": true, "copy": true, "link": true, "share": true, "tweet": true, "messenger": true,
	"flipboard": true, "mail": true, "sms": true,
}

// reSocialPrefix: calls to share, follow or subscribe, which only page
// furniture makes ("Follow us on Telegram", "Sign up for our daily
// newsletter", "Click to share on Facebook (Opens in new window)").
var reSocialPrefix = regexp.MustCompile(`^(?:share (?:on|via|this|with|to)|follow (?:us|@|our)|subscribe (?:to|for|now|today)|sign up (?:for|to|now)|join (?:us|our)|click to (?:share|email|print)|download (?:our|the) app|get (?:the|our) (?:app|newsletter)|like us on|get (?:breaking|the latest|our) (?:news )?(?:alerts|updates|newsletter)|stay (?:informed|updated|up to date)|never miss)\b`)

// isSocial: share bars and follow/subscribe prompts (≤ 15 words).
func isSocial(key, fw string, wc int) bool {
	switch fw {
	case "share", "follow", "subscribe", "sign", "join", "click", "download", "get", "like", "stay", "never":
		if wc <= 15 && reSocialPrefix.MatchString(key) {
			return true
		}
	}
	if socialNames[fw] && len(key) <= 80 {
		for _, w := range strings.FieldsFunc(key, func(r rune) bool { return r == ' ' || r == '|' || r == ',' || r == '/' }) {
			if !socialNames[w] {
				return false
			}
		}
		return true
	}
	return false
}

// reRating: rating and feedback prompts, which only the page asks.
var reRating = regexp.MustCompile(`^(?:how (?:would|do|did) you rate (?:this|the|our) (?:article|story|post|page|content|report)|rate (?:this|the) (?:article|story|post|page)|was this (?:article |story |post |page |information |content )?(?:helpful|useful|informative)|did you (?:find|like|enjoy) this (?:article|story|post|page)|how (?:useful|helpful|interesting) (?:was|is|did you find) this (?:article|story|post|page)|click (?:on )?a star to rate|(?:average rating|vote count)\b|no votes so far|be the first to rate|submit rating|what did you think of this (?:article|story))`)

func isRatingPrompt(key string, wc int) bool {
	switch key[0] {
	case 'h', 'r', 'w', 'd', 'c', 'a', 'v', 'n', 'b', 's':
		return wc <= 20 && reRating.MatchString(key)
	}
	return false
}

// reReadNextPrefix: a teaser to another article ("Read more: Blinken
// lands in Cairo", "ALSO READ | ..."): a label and a headline, never
// article text.
var reReadNextPrefix = regexp.MustCompile(`(?i)^[\p{P}\p{S}\s]*(?:read more|read also|also read|read next|read|related|see also|recommended|more|watch|listen|don't miss|must read|also see|lire aussi|à lire aussi|lesen sie auch|mehr zum thema|leer más|lee también|leggi anche)\s*(?:[:|»>]|[-–—]\s)\s*\S`)

func isReadNext(s, fw string) bool {
	switch fw {
	case "read", "also", "related", "see", "recommended", "more", "watch", "listen", "don't", "must",
		"lire", "à", "lesen", "mehr", "leer", "lee", "leggi":
		return len(s) <= 200 && reReadNextPrefix.MatchString(s)
	}
	return false
}

// reReadingTime: estimated reading time ("7 minutes read", "5 min read",
// "Reading time: 3 minutes", "Lesezeit: 4 Minuten"). Group 1 is a leading
// label, group 2 a trailing "read": one of them must be there, else "5
// minutes" could be anything.
var reReadingTime = regexp.MustCompile(`^(?:((?:estimated |est |approx |approximate )?(?:reading time|read time|time to read|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|leestijd)\s*[:：]?)\s*)?(?:about |approx |approximately |around |~|ca |environ |aprox )?\d{1,3}(?:\s*(?:-|–|to)\s*\d{1,3})?\s*(?:-\s*)?(?:min|mins|minute|minutes|minuten|minutos|minuti|minuto|minuut)\.?(?:\s+(read|reading|read time|de lecture|de lectura|di lettura|lesezeit|lesen|leestijd))?$`)

func isReadingTime(key, fw string) bool {
	if len(key) > 60 || (!isDigitByte(key[0]) && !strings.Contains(key, "time") && !strings.Contains(key, "lese") &&
		!strings.Contains(key, "lect") && !strings.Contains(key, "lett") && !strings.Contains(key, "leestijd") && fw != "about" && fw != "approx" && fw != "approximately" && fw != "around" && fw != "ca" && fw != "environ" && fw != "aprox") {
		return false
	}
	k := strings.ReplaceAll(key, ".", "")
	m := reReadingTime.FindStringSubmatch(k)
	return m != nil && (m[1] != "" || m[2] != "")
}

// isURLLine: a bare URL on its own line (an image or a link the scraper
// printed instead of following).
func isURLLine(s string) bool {
	s = strings.Trim(s, "<>()[]")
	if strings.ContainsAny(s, " \t") || len(s) < 8 {
		return false
	}
	l := strings.ToLower(s[:min(len(s), 8)])
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// Image credits and captions: the picture is gone, its credit is noise.
var (
	// "Image recovered from goud.ma", "Photo by Jane Doe/Reuters",
	// "Pictures courtesy of the ministry".
	reImageFrom = regexp.MustCompile(`^(?:image|images|photo|photos|picture|pictures|photograph|photographs|illustration|graphic|video|foto|fotos|bild|imagen|immagine)\s+(?:(?:recovered|retrieved|taken|sourced|obtained|used|reproduced|provided|supplied|via)\s+)?(?:from|via|by|courtesy of|courtesy|supplied by|provided by)\s+\S`)
	// "Photo: Reuters", "Image credit: Getty", "Credit: AP", "[Photo: X]".
	reImageLabel = regexp.MustCompile(`^(?:image|photo|picture|photograph|illustration|graphic|foto|bild|imagen|credit|credits|image credit|image credits|photo credit|photo credits|picture credit|image source|photo source|featured image|cover image|header image|main image|top image|lead image|bildquelle|crédit photo|crédits photo)\s*[:：|]\s*\S`)
	// "(AP Photo/Jane Doe)", "AFP Photo: X", "(Photo by X/Getty Images)".
	reAgencyPhoto = regexp.MustCompile(`^\(?\s*(?:[\p{Lu}][\p{L}.&-]*\s+){0,3}(?:Photo|PHOTO|Photograph|Foto|FOTO)(?:\s+by)?\s*[/:]?\s*[^()]{1,80}\)?$`)
	// A caption ending in a photo credit: "Blinken in Cairo. (AP Photo/X)".
	reCaptionEnd = regexp.MustCompile(`\((?:[\p{Lu}][\p{L}.&-]*\s+){0,3}(?:Photo|PHOTO|Photograph|Foto|Image|Picture)\b[^()]{0,80}\)\s*$`)
	// Stock and agency credits: "Getty Images", "Jane Doe/Getty Images",
	// "AFP via Getty Images", "Shutterstock".
	reStockCredit = regexp.MustCompile(`(?i)^[^.!?]{0,80}\b(?:getty images|gettyimages|shutterstock(?:\.com)?|alamy(?: stock photo)?|istock(?:photo)?|unsplash|pexels|wikimedia commons|epa-efe|ap images|afp via getty|pool via ap|sipa usa|zuma press)\)?\.?$`)
	// "Amr Nabil/AP": a photographer's name and an agency.
	reNameSlashAgency = regexp.MustCompile(`^\(?[\p{Lu}][\p{L}.'’-]+(?:\s[\p{Lu}][\p{L}.'’-]+){1,3}\s?/\s?[\p{Lu}][\p{L}.&' -]{1,40}\)?$`)
)

// isImageCredit: image credits and photo credit lines (≤ 15 words).
func isImageCredit(s, key, fw string, wc int) bool {
	if wc > 15 {
		return isCaption(s)
	}
	switch fw {
	case "image", "images", "photo", "photos", "picture", "pictures", "photograph", "photographs",
		"illustration", "graphic", "video", "foto", "fotos", "bild", "imagen", "immagine", "credit", "credits",
		"featured", "cover", "header", "main", "top", "lead", "bildquelle", "crédit", "crédits":
		// "Photos taken by residents show the damage." is a sentence.
		if (reImageFrom.MatchString(key) && (wc <= 5 || !endsSentence(s))) || reImageLabel.MatchString(key) {
			return true
		}
	}
	if strings.Contains(key, "photo") || strings.Contains(key, "foto") {
		if reAgencyPhoto.MatchString(s) && !endsSentence(s) || reCaptionEnd.MatchString(s) {
			return true
		}
	}
	if i := strings.LastIndexByte(s, '/'); i > 0 && reNameSlashAgency.MatchString(s) {
		// "Amr Nabil/AP", "Jane Doe/Getty Images", not "HIV/AIDS AS REALITY"
		agency := strings.Trim(s[i+1:], " )")
		if wordCount(agency) <= 2 || wireNames[strings.ToLower(agency)] {
			return true
		}
	}
	for _, w := range stockWords {
		if strings.Contains(key, w) {
			return reStockCredit.MatchString(s)
		}
	}
	return false
}

// stockWords gate reStockCredit.
var stockWords = []string{"getty", "shutterstock", "alamy", "istock", "unsplash", "pexels", "wikimedia", "epa-efe", "ap images", "pool via", "sipa", "zuma"}

// isCaption: a paragraph ending in a photo credit is a photo caption.
func isCaption(s string) bool {
	return s[len(s)-1] == ')' && reCaptionEnd.MatchString(s)
}

// Category and tag lines: "• Post category:World", "Category: Politics",
// "Tags: Gaza, Egypt", "Filed under World News", "#Gaza #Egypt".
var (
	reCategoryLabel  = regexp.MustCompile(`^(?:post )?(?:category|categories|tag|tags|tagged|topic|topics|section|sections|keyword|keywords|label|labels|subject|subjects|filed under|posted in|kategorie|kategorien|catégorie|catégories|rubrique|etiqueta|etiquetas|categoría|schlagworte|schlagwörter|themen|thèmes|temas|argomenti)\s*[:：|]\s*\S`)
	reCategoryPhrase = regexp.MustCompile(`^(?:filed under|posted in|tagged(?: with| as| in)?|categorized in|categorised in|published in)\s+\S`)
)

func isCategory(s, key, fw string, wc int) bool {
	if wc > 20 {
		return false
	}
	switch fw {
	case "post", "category", "categories", "tag", "tags", "tagged", "topic", "topics", "section", "sections",
		"keyword", "keywords", "label", "labels", "subject", "subjects", "kategorie", "kategorien", "catégorie",
		"catégories", "rubrique", "etiqueta", "etiquetas", "categoría", "schlagworte", "schlagwörter", "themen",
		"thèmes", "temas", "argomenti":
		return reCategoryLabel.MatchString(key)
	case "filed", "posted", "categorized", "categorised", "published":
		return reCategoryLabel.MatchString(key) || (!endsSentence(s) && wc <= 12 && reCategoryPhrase.MatchString(key))
	}
	// A line of hashtags.
	if s[0] == '#' {
		for _, w := range strings.Fields(s) {
			if len(w) < 2 || w[0] != '#' {
				return false
			}
		}
		return true
	}
	return false
}

// ---- Bylines and credits -----------------------------------------------

// reByline: "By Jane Doe", "by NYTimes", "Written by ...", "Author: ...",
// "Par Jean Dupont", "Von Hans Meier". The name part is checked apart.
var reByline = regexp.MustCompile(`(?i)^(?:by|written by|story by|words by|reported by|text by|author|authors|byline|von|par|por|di|door|av|af)\s*[:：]?\s+(.+)$`)

// bylineWords start a byline.
var bylineWords = map[string]bool{
	"by": true, "written": true, "story": true, "words": true, "reported": true, "text": true,
	"author": true, "authors": true, "byline": true, "von": true, "par": true, "por": true,
	"di": true, "door": true, "av": true, "af": true,
}

// parseByline reads an author line. The names must look like names
// (capitalised words and connectors), which tells "By Jane Doe" from "By
// Tuesday, the talks had stalled." An agency after the last comma
// ("..., Associated Press") is also returned as the source.
func parseByline(s, fw string) (byline, source string, ok bool) {
	if !bylineWords[fw] || len(s) > 200 {
		return "", "", false
	}
	m := reByline.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	names := strings.TrimSpace(m[1])
	if !namesLike(names) {
		return "", "", false
	}
	names = strings.TrimRight(names, " ,;")
	if i := strings.LastIndexByte(names, ','); i >= 0 {
		if w := strings.TrimSpace(names[i+1:]); wireNames[strings.ToLower(strings.TrimRight(w, "."))] {
			source = strings.TrimRight(w, ".")
		}
	} else if wireNames[strings.ToLower(strings.TrimRight(names, "."))] {
		source = strings.TrimRight(names, ".")
	}
	return names, source, true
}

// nameConnectors may appear in lower case inside a list of names.
var nameConnectors = map[string]bool{
	"and": true, "&": true, "de": true, "da": true, "del": true, "della": true, "di": true, "du": true,
	"van": true, "von": true, "der": true, "den": true, "al": true, "el": true, "bin": true, "ibn": true,
	"la": true, "le": true, "of": true, "the": true, "y": true, "e": true, "und": true, "et": true,
	"dos": true, "das": true, "in": true, "staff": true, "reporter": true, "reporters": true,
	"correspondent": true, "editor": true, "writer": true, "for": true, "at": true, "with": true, "ter": true,
	"correspondents": true, "editors": true, "writers": true, "sportswriter": true, "sportswriters": true,
	"columnist": true, "photographer": true, "senior": true, "chief": true, "special": true,
	"political": true, "foreign": true, "our": true, "own": true, "contributor": true,
}

// namesLike reports whether s is a list of names: at most 12 words, no
// sentence punctuation, every word capitalised or a connector.
func namesLike(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || strings.ContainsAny(s, "!?;:\"“”()") {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 12 {
		return false
	}
	caps := 0
	for _, w := range words {
		w = strings.Trim(w, ",.")
		if w == "" {
			continue
		}
		if nameConnectors[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			caps++
		case unicode.IsLetter(r) && strings.IndexFunc(w, unicode.IsUpper) > 0:
			caps++ // al-Sisi, d'Alembert, bin-Salman
		default:
			return false
		}
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			return false
		}
	}
	return caps > 0
}

// wireNames are news agencies and wire services, in lower case.
var wireNames = map[string]bool{
	"associated press": true, "the associated press": true, "ap": true, "reuters": true,
	"thomson reuters": true, "afp": true, "agence france-presse": true, "agence france presse": true,
	"bloomberg": true, "bloomberg news": true, "dpa": true, "xinhua": true, "upi": true,
	"united press international": true, "efe": true, "ansa": true, "anadolu": true,
	"anadolu agency": true, "kyodo": true, "kyodo news": true, "yonhap": true, "pti": true,
	"ians": true, "aap": true, "the canadian press": true, "tass": true, "ria novosti": true,
	"wafa": true, "mena": true, "spa": true, "qna": true, "wam": true, "kuna": true,
	"bernama": true, "antara": true, "apa": true, "europa press": true, "cnn": true, "bbc": true,
}

// wireOnlyLine: a line that is only an agency name ("— Associated
// Press", "(Reuters)"), the sign-off of a wire story.
func wireOnlyLine(key string) (string, bool) {
	if len(key) > 30 || !wireNames[key] {
		return "", false
	}
	return key, true
}

// Credit lines: where the article or parts of it come from.
var (
	// "This article originally appeared in The New York Times.", "This
	// story was first published by ProPublica."; group 1 is the publisher.
	// "The report was published in The Lancet" is news, not a credit: with
	// "the", "originally" or "first" is required.
	reOriginally = regexp.MustCompile(`(?i)^(?:this (?:article|story|report|piece|post|column|essay|interview|item|content)(?: was| has been| is)? (?:originally |first )?|the (?:article|story|piece|post|column|essay) (?:was |has been )?(?:originally|first) )(?:appeared|appears|published|ran|posted|syndicated|republished)(?: originally| first)? (?:in|on|by|at|from|with) (.{2,100}?)[.!]?$`)
	// "Originally published in The Guardian.", "First appeared on X".
	reOriginallyShort = regexp.MustCompile(`(?i)^(?:originally|first) (?:published|appeared|posted|ran) (?:in|on|by|at) (.{2,100}?)[.!]?$`)
	// "This article is republished from The Conversation under a Creative
	// Commons license."
	reRepublished = regexp.MustCompile(`(?i)^(?:this|the) (?:article|story) (?:is|was) (?:republished|reproduced|reprinted) (?:from|with permission (?:from|of)) (.{2,80}?)(?: under .*|\.)?$`)
	// "Material from the Associated Press was used in this report."
	reMaterial = regexp.MustCompile(`(?i)^(?:material|information|reporting|content|wire material|contributions?)(?: and photos| and video)? from .{2,100}? (?:was|were|has been|have been|is) (?:used|included|incorporated) in this (?:report|article|story)[.!]?$`)
	// "The Associated Press contributed to this report.", "Jane Doe
	// contributed reporting from Cairo."
	reContributed = regexp.MustCompile(`(?i)^.{2,150}? contributed (?:reporting|to this (?:report|article|story)|additional reporting|research)(?: (?:from|in) [^.]{2,80})?[.!]?$`)
	// One part of "Reporting by X in Cairo; Editing by Y"; group 1 holds
	// the names, which must look like names.
	reReportingBy = regexp.MustCompile(`(?i)^(?:additional |further )?(?:reporting|writing|editing|compiled|produced|research|translation|translated|graphics|photos|video) by (.+)$`)
	// "A version of this article appears in print on ..."
	reInPrint = regexp.MustCompile(`(?i)^a version of this (?:article|story) (?:appears|appeared) in print\b`)
	// "© 2024 The Associated Press. All rights reserved."
	reCopyright = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\.?$`)
)

// creditWords start a credit line; "contributed" can end one.
var creditWords = map[string]bool{
	"this": true, "the": true, "originally": true, "first": true, "material": true, "information": true,
	"reporting": true, "content": true, "wire": true, "contribution": true, "contributions": true,
	"additional": true, "writing": true, "editing": true, "compiled": true, "produced": true,
	"research": true, "translation": true, "translated": true, "a": true, "copyright": true, "c": true,
}

// parseCredit recognises a source credit line and returns the publisher it
// names, if any.
func parseCredit(s, fw string, wc int) (source string, ok bool) {
	if wc > creditMaxWords {
		return "", false
	}
	if creditWords[fw] {
		// cheap substring checks pick the regexps worth running
		if strings.Contains(s, "ppear") || strings.Contains(s, "ublished") || strings.Contains(s, " ran ") ||
			strings.Contains(s, "osted") || strings.Contains(s, "yndicated") || strings.Contains(s, "eprinted") ||
			strings.Contains(s, "eproduced") {
			for _, re := range []*regexp.Regexp{reOriginally, reOriginallyShort, reRepublished} {
				if m := re.FindStringSubmatch(s); m != nil {
					return cleanSource(m[1]), true
				}
			}
		}
		if (strings.Contains(s, " in this ") && reMaterial.MatchString(s)) ||
			(strings.Contains(s, " by ") && isReportingCredit(s)) ||
			(strings.Contains(s, " in print") && reInPrint.MatchString(s)) {
			return "", true
		}
	}
	if wc <= 25 && strings.Contains(s, "ontributed") && reContributed.MatchString(s) {
		return "", true
	}
	if wc <= 25 && (strings.Contains(s, "©") || strings.Contains(s, "opyright") || strings.Contains(s, "OPYRIGHT") ||
		strings.Contains(s, "(c)") || strings.Contains(s, "(C)") || strings.Contains(s, "ights reserved") ||
		strings.Contains(s, "ights Reserved") || strings.Contains(s, "IGHTS RESERVED")) && reCopyright.MatchString(s) {
		return "", true
	}
	return "", false
}

// isReportingCredit: "Reporting by Humeyra Pamuk; Editing by Alex
// Richardson", "(Additional reporting by Nidal al-Mughrabi in Cairo)".
// Every part must credit names, which tells it from "Reporting by the
// state news agency suggested ...".
func isReportingCredit(s string) bool {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = s[1 : len(s)-1]
	}
	for _, part := range strings.Split(s, ";") {
		m := reReportingBy.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return false
		}
		names := m[1]
		if i := strings.Index(names, " in "); i > 0 { // "... in Cairo and Gaza"
			names = names[:i]
		}
		if !namesLike(strings.ReplaceAll(names, ",", " ")) {
			return false
		}
	}
	return true
}

// cleanSource trims what follows a publisher's name ("The New York Times
// on Feb. 5, 2024") and quotes around it.
func cleanSource(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{" on ", ", ", " in ", " under "} {
		if i := strings.Index(s, sep); i > 0 {
			rest := s[i+len(sep):]
			if hasDigit(rest) || monthNames[strings.ToLower(strings.Trim(strings.Fields(rest + " x")[0], ".,"))] > 0 || sep == " under " {
				s = s[:i]
			}
		}
	}
	return strings.Trim(s, ` "“”'‘’*_`)
}

// ---- Dates -------------------------------------------------------------

// parseDateLine recognises a line that is only a date, with or without a
// label ("Published June 11, 2024 - 00:06am", "Updated: Feb. 6, 2024",
// "POSTED: 04/02/07, 9:00 PM PDT", "5 February 2024"). The cheap checks
// (short, few words, a digit, a year or a label) come first so that body
// lines never reach the date parser.
func parseDateLine(s string, wc int, ctx *textCtx) (published string, updated, labelled, ok bool) {
	if len(s) > 100 || wc > 12 || !hasDigit(s) {
		return "", false, false, false
	}
	label := ""
	if !hasYear(s) {
		if label, _ = splitDateLabel(s); label == "" {
			return "", false, false, false
		}
	} else {
		label, _ = splitDateLabel(s)
	}
	if out, ok := parseDate(s, ctx.langs, ctx.dmy); ok {
		return out, isUpdateLabel(label), label != "", true
	}
	// "Last updated at 11:11 GMT": a labelled time of day is a date line
	// too, though it tells no date.
	if label != "" {
		if _, rest := splitDateLabel(s); reTimeOnly.MatchString(rest) {
			return "", isUpdateLabel(label), true, true
		}
	}
	return "", false, false, false
}

// reTimeOnly is a time of day with an optional zone.
var reTimeOnly = regexp.MustCompile(`(?i)^(?:at\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?$`)

// reDatePrefix: a date at the start of a lede line, with or without a label:
// "date 2024-02-05 Blinken began ...", "Published: Feb. 5, 2024 — CAIRO".
// Group 1 is the label, group 2 the date.
var reDatePrefix = regexp.MustCompile(`(?i)^((?:first |last )?(?:date|dated|published|posted|updated)(?: on)?\s*[:：]?\s+)?(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?,? \d{4})(?:,? (?:at )?\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4}\b)?)?`)

// cutDatePrefix cuts a date at the start of a content line and returns the
// prefix (label and date), the rest of the line and the normalised date.
// Without a label, only the first line may carry the date, and the rest
// must start like a sentence (a capital letter or a quote), so that "June
// 11, 2024 was a long day" stays whole.
func cutDatePrefix(s string, firstLine bool, ctx *textCtx) (prefix, rest, published string, ok bool) {
	if len(s) < 12 {
		return
	}
	c := s[0] | 0x20
	if !isDigitByte(s[0]) && (c < 'a' || c > 'z') {
		return
	}
	m := reDatePrefix.FindStringSubmatchIndex(s)
	if m == nil {
		return
	}
	labelled := m[2] >= 0
	if !labelled && !firstLine {
		return
	}
	if m[1] < len(s) && isDigitByte(s[m[1]]) {
		return // "Jun. 1 2000000": the number goes on
	}
	pub, good := parseDate(s[m[4]:m[1]], ctx.langs, ctx.dmy)
	if !good {
		// the optional time may have caught a word: retry the date alone
		if pub, good = parseDate(s[m[4]:m[5]], ctx.langs, ctx.dmy); !good {
			return
		}
		m[1] = m[5]
	}
	rest = strings.TrimLeft(s[m[1]:], " \t-–—|:•·,")
	if rest == "" {
		return
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"“‘'«(`, r) {
		return
	}
	if !labelled && !unicode.IsUpper(r) && !strings.ContainsRune(`"“‘'«`, r) {
		return
	}
	prefix = strings.TrimRight(s[:len(s)-len(rest)], " \t-–—|:•·,")
	return prefix, rest, pub, true
}

// ---- Dateline ------------------------------------------------------------

// Datelines open the lede with the place of reporting: "RIYADH, Saudi
// Arabia — ...", "WASHINGTON, Feb. 5 — ...", "CAIRO (Reuters) - ...",
// "Gaza City (AFP) – ...". The place is in capitals, or, when a wire
// credit in parentheses follows, in any case. A hyphen must be spaced, so
// that "US-led forces ..." is no dateline. Group 1 is the place, group 2
// the wire.
var (
	reDateline = regexp.MustCompile(`^((?:\p{Lu}[\p{Lu}\p{M}'’.\-]*\p{Lu}\.?|\p{Lu}\.)(?:[ \-](?:\p{Lu}[\p{Lu}\p{M}'’.\-]*\p{Lu}\.?|\p{Lu}\.)){0,3}(?:,\s*\p{Lu}[\p{L}\p{M}'’.\-]*(?: \p{Lu}[\p{L}\p{M}'’.\-]*){0,3})?)(?:,\s*\p{L}{3,9}\.?\s\d{1,2}(?:,\s*\d{4})?)?(?:\s*\(([^()\d]{2,40})\))?(?:\s*(?:—|–|--)\s*|\s+-\s+)\S`)
	reWireLede = regexp.MustCompile(`^(?:(\p{Lu}[\p{L}\p{M}'’.\-]*(?:[ \-]\p{Lu}[\p{L}\p{M}'’.\-]*){0,3}(?:,\s*\p{Lu}[\p{L}\p{M}'’.\-]*(?: \p{Lu}[\p{L}\p{M}'’.\-]*){0,3})?)(?:,\s*\p{L}{3,9}\.?\s\d{1,2}(?:,\s*\d{4})?)?\s*)?\(([^()\d]{2,40})\)(?:\s*(?:—|–|--|:)\s*|\s*-\s+)\S`)
)

// findDateline returns the place of a dateline and the wire credit at the
// start of s, if any.
func findDateline(s string) (place, wire string, ok bool) {
	if s == "" {
		return
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && r != '(' {
		return
	}
	head := s
	if len(head) > 160 {
		head = head[:160]
	}
	m := reDateline.FindStringSubmatch(head)
	if m == nil {
		if m = reWireLede.FindStringSubmatch(head); m == nil {
			return
		}
	}
	place = strings.TrimSpace(m[1])
	if m[2] != "" {
		w := strings.TrimSpace(m[2])
		if wordCount(w) <= 4 && (wireNames[strings.ToLower(w)] || startsUpper(w)) {
			wire = w
		} else if place == "" {
			return "", "", false
		}
	}
	return place, wire, place != "" || wire != ""
}

// ---- Shapes of text ----------------------------------------------------

// wordCount counts runs of non-space characters.
func wordCount(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\t' || c == '\n'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’»)]*`)
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', ';', ':', ',', '。', '！', '？', '؟':
		return true
	}
	return false
}

// bodyLike: a paragraph of the body is a sentence of ten words or more, or
// a long line whatever its end.
func bodyLike(s string, w int) bool {
	return w >= 25 || (w >= 10 && endsSentence(s))
}

// isLabel: a very short line that is not a sentence ("Egypt", "Middle
// East", "World News"): at most three words, no digit, no punctuation
// other than hyphens, apostrophes and ampersands, capitalised.
func isLabel(s string) bool {
	if len(s) > labelMaxLen || wordCount(s) > labelMaxWords {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if letters == 0 && unicode.IsLower(r) {
				return false
			}
			letters++
		case r == ' ' || r == '-' || r == '\'' || r == '’' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2
}

// headingLike: a short line without sentence punctuation that starts with
// a capital or a digit ("Sources", "References", "Comments (3)").
func headingLike(s string) bool {
	if len(s) > headMaxLen || wordCount(s) > headMaxWords || endsSentence(strings.TrimSuffix(s, ":")) {
		return false
	}
	if strings.ContainsAny(s, ",;\"“”") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// startsUpper reports whether s starts with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// sameText compares two paragraphs with white space and quotes normalised
// as normPara does, without building the normalised strings.
func sameText(a, b string) bool {
	if a == b {
		return true
	}
	var i, j int
	for {
		ra, na := nextNorm(a, i)
		rb, nb := nextNorm(b, j)
		if ra != rb {
			return false
		}
		if ra < 0 {
			return true
		}
		i, j = na, nb
	}
}

// nextNorm returns the next rune of normPara(s[i:]) when i follows a
// non-space or starts s, and the index after it; -1 at the end. A run of
// white space before a non-space yields one ' '.
func nextNorm(s string, i int) (rune, int) {
	start := i
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			if i > start && start > 0 {
				return ' ', i
			}
			return foldQuote(r), i + n
		}
		i += n
	}
	return -1, i
}

// normPara is a paragraph for comparison: quotes folded, white space runs
// collapsed to one space.
func normPara(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(foldQuote(r))
	}
	return b.String()
}
