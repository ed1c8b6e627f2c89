package describe

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// minQuoteWords is the fewest words a direct quote has: shorter quoted
// text is a scare quote or a title ("rejection", “day-after”).
const minQuoteWords = 3

// speechVerbs attribute a quote to the one before or after them.
var speechVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`said says say told tells added adds stated states remarked declared
noted warned explained insisted asked wrote writes tweeted announced continued urged stressed
emphasized emphasised argued claimed replied responded commented acknowledged admitted conceded
recalled observed suggested concluded according saying`) {
		m[w] = true
	}
	return m
}()

// Quotes returns the direct quotes of the articles (in straight, curly or
// single curly quotes, or “ ”), three words or more, each with its
// speaker when an attribution names one: "X said", "said X", "X told",
// "according to X" and the like, in the sentence of the quote, before
// or after it; "he said" or "she said" is the person last named before
// the quote. Speaker is the entity ID of the person (or organisation)
// named, SpeakerName the name as written. A quote said again in a later
// article (the same words) is listed once, at its first article. In
// input order, then text order.
func Quotes(articles []*storyline.Article) []storyline.Quote {
	var out []storyline.Quote
	seen := map[string]bool{}
	for _, a := range articles {
		sents := Sentences(a)
		for _, sp := range quoteSpans(a.Text) {
			q := storyline.Quote{Text: a.Text[sp[0]:sp[1]], Article: a.ID, Start: sp[0], End: sp[1]}
			if wordCount(q.Text) < minQuoteWords {
				continue
			}
			key := strings.Join(strings.Fields(strings.ToLower(q.Text)), " ")
			if seen[key] {
				continue
			}
			seen[key] = true
			if m, ok := speaker(a, sents, sp[0], sp[1]); ok {
				q.Speaker, q.SpeakerName = m.Entity, m.Text
			}
			out = append(out, q)
		}
	}
	return out
}

// quoteSpans returns the [start, end) of the text inside each pair of
// quotation marks of a paragraph: “…”, "…", ‘…’ (an opening ‘ after a
// space and a closing ’ or ' before a non-letter, so that apostrophes
// are not quotes), and “ … ” of tokenised text (“ … ”).
func quoteSpans(text string) [][2]int {
	var out [][2]int
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		out = append(out, paragraphQuotes(text, start, end)...)
		start = end + 1
	}
	return out
}

func paragraphQuotes(text string, s, e int) [][2]int {
	var out [][2]int
	open, kind := -1, rune(0)
	for i := s; i < e; {
		r, n := utf8.DecodeRuneInString(text[i:e])
		switch {
		case open < 0 && (r == '“' || r == '"' || r == '‘' && spaceBefore(text, s, i) || r == '`' && i+1 < e && text[i+1] == '`'):
			kind = r
			if r == '`' {
				n = 2
			}
			open = i + n
		case open >= 0 && (kind == '“' && (r == '”' || r == '"') || kind == '"' && (r == '"' || r == '”') ||
			kind == '‘' && (r == '’' || r == '\'') && !letterAfter(text, i+n, e) ||
			kind == '`' && r == '\'' && i+1 < e && text[i+1] == '\''):
			if i > open {
				out = append(out, [2]int{open, i})
			}
			open = -1
			if kind == '`' {
				n = 2
			}
		}
		i += n
	}
	return out
}

func spaceBefore(text string, s, i int) bool {
	if i == s {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[s:i])
	return unicode.IsSpace(r) || r == '(' || r == '—' || r == '-'
}

func letterAfter(text string, i, e int) bool {
	if i >= e {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:e])
	return unicode.IsLetter(r)
}

// attribution bounds: how far after and before a quote its attribution
// is looked for.
const (
	attributionAfter  = 120
	attributionBefore = 160
)

// speaker finds who says the quote text[qs:qe] of a: the mention next to
// a speech verb after the quote (", Blinken said", ", said Blinken"),
// else before it ("Miller said:"); a pronoun next to the verb is the
// person last named before the quote.
func speaker(a *storyline.Article, sents []Sentence, qs, qe int) (storyline.Mention, bool) {
	text := a.Text
	sentStart := 0 // the start of the quote's sentence
	if i := sort.Search(len(sents), func(i int) bool { return sents[i].End >= qs }); i < len(sents) && sents[i].Start <= qs {
		sentStart = sents[i].Start
	}
	// after: up to the end of the sentence
	end := min(len(text), qe+attributionAfter)
	if i := strings.IndexByte(text[qe:end], '\n'); i >= 0 {
		end = qe + i
	}
	after := tokenize(text, qe, end)
	for k, t := range after {
		if k > 0 && t.kind == 'p' && (t.text == "." && !titleAbbrev[after[k-1].text] || t.text == "!" || t.text == "?") {
			break
		}
		if t.kind != 'w' || !speechVerbs[t.text] {
			continue
		}
		if m, ok := speakerNear(a, sents, after, k, sentStart, qs); ok {
			return m, true
		}
		break
	}
	// before: back to the start of the sentence
	start := max(sentStart, qs-attributionBefore)
	before := tokenize(text, start, qs)
	for k := len(before) - 1; k >= 0; k-- {
		t := before[k]
		if t.kind == 'w' && speechVerbs[t.text] {
			if m, ok := speakerNear(a, sents, before, k, sentStart, qs); ok {
				return m, true
			}
		}
	}
	return storyline.Mention{}, false
}

// speakerNear returns the speaker of the speech verb ts[k]: a PER or ORG
// mention ending just before it ("Blinken said", "Mr. Blinken has said")
// or starting just after it ("said Blinken", "according to Miller"), or
// a pronoun there resolved by pronounPerson (the quote's sentence starts
// at sentStart, the quote at at).
func speakerNear(a *storyline.Article, sents []Sentence, ts []tok, k, sentStart, at int) (storyline.Mention, bool) {
	// before the verb, skipping an auxiliary
	j := k - 1
	if j >= 0 && (ts[j].text == "has" || ts[j].text == "had" || ts[j].text == "also" || ts[j].text == "later") {
		j--
	}
	if j >= 0 {
		if m, ok := mentionAt(a, ts[j].e, false); ok {
			return m, true
		}
		if ts[j].text == "he" || ts[j].text == "she" {
			return pronounPerson(a, sents, sentStart, at)
		}
	}
	// after the verb, skipping "to" (according to); not after "told",
	// whose object is the one told ("a tax official told AFP")
	if ts[k].text == "told" || ts[k].text == "tells" {
		return storyline.Mention{}, false
	}
	j = k + 1
	if j < len(ts) && ts[j].text == "to" {
		j++
	}
	if j < len(ts) {
		if m, ok := mentionAt(a, ts[j].s, true); ok {
			return m, true
		}
		if ts[j].text == "he" || ts[j].text == "she" {
			return pronounPerson(a, sents, sentStart, at)
		}
	}
	return storyline.Mention{}, false
}

// mentionAt returns the PER or ORG mention of a that starts (start) or
// ends at offset off, within a title's reach ("Mr. Blinken", "President
// Biden": the mention may start up to two words after off).
func mentionAt(a *storyline.Article, off int, start bool) (storyline.Mention, bool) {
	for _, m := range a.Entities {
		if m.Type != storyline.PER && m.Type != storyline.ORG {
			continue
		}
		if !start && m.End == off {
			return m, true
		}
		if start && m.Start >= off && m.Start-off <= 24 && !strings.ContainsAny(a.Text[off:m.Start], ",;:\n") &&
			wordCount(a.Text[off:m.Start]) <= 2 {
			return m, true
		}
	}
	return storyline.Mention{}, false
}

// pronounPerson resolves "he" or "she" attributing a quote: the first
// person named in the quote's sentence before the quote (its subject:
// "Miller's account ... but he said"), else the first person named in
// the sentence before ("Bush said he met Gates. \"He is ...,\" he
// said"), else the last person named before the quote.
func pronounPerson(a *storyline.Article, sents []Sentence, sentStart, at int) (storyline.Mention, bool) {
	firstPER := func(s, e int) (storyline.Mention, bool) {
		for _, m := range a.Entities {
			if m.Type == storyline.PER && m.Start >= s && m.End <= e {
				return m, true
			}
		}
		return storyline.Mention{}, false
	}
	if m, ok := firstPER(sentStart, at); ok {
		return m, true
	}
	if i := sort.Search(len(sents), func(i int) bool { return sents[i].End > sentStart }); i > 0 {
		if m, ok := firstPER(sents[i-1].Start, sents[i-1].End); ok {
			return m, true
		}
	}
	i := sort.Search(len(a.Entities), func(i int) bool { return a.Entities[i].End > at })
	for j := i - 1; j >= 0; j-- {
		if a.Entities[j].Type == storyline.PER {
			return a.Entities[j], true
		}
	}
	return storyline.Mention{}, false
}

// titleAbbrev are the abbreviations a period does not end a sentence
// after.
var titleAbbrev = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true,
	"sen": true, "rep": true, "gov": true, "lt": true, "col": true, "sgt": true, "st": true,
	"jr": true, "sr": true, "prof": true, "u": true, "s": true}
