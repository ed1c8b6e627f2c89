package describe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/cluster"
	"github.com/storyline/storyline/timex"
)

// Sentence is one sentence of an article's text.
type Sentence struct {
	// Article is the article's ID; Index the sentence's place in it.
	Article string
	Index   int
	// Start and End are the sentence's UTF-8 byte offsets in the
	// article's text, end exclusive; Text is text[Start:End].
	Start, End int
	Text       string
	// Date is the sentence's happening date (TIMEX3) and Confidence how
	// sure it is (see storyline.SentenceDate).
	Date       string
	Confidence float64
	// timex is the index in the article's Timexes of the expression
	// that dates it, -1 when none does.
	timex int
}

// Sentences splits a's text into sentences: the spans of a's
// SentenceDates when they fit its text, else the spans timex finds (a
// line break, or ".", "!" or "?" before a capital, not after an
// abbreviation such as "Mr." or "U.S."). A span that ends with a title
// before a name ("Army Spc.", "Maj.", "Prof.") is joined to the next one
// on the same line.
func Sentences(a *storyline.Article) []Sentence {
	sds := a.SentenceDates
	if !spansFit(sds, a.Text) {
		sds = timex.SentenceDates(a.Text, a.Published, a.Timexes)
	}
	out := make([]Sentence, 0, len(sds))
	for _, sd := range sds {
		s := Sentence{Article: a.ID, Index: len(out), Start: sd.Start, End: sd.End,
			Text: a.Text[sd.Start:sd.End], Date: sd.Value, Confidence: sd.Confidence, timex: sd.Timex}
		if n := len(out); n > 0 && endsWithTitle(out[n-1].Text) && !strings.Contains(a.Text[out[n-1].End:s.Start], "\n") {
			prev := &out[n-1]
			if s.Confidence > prev.Confidence {
				prev.Date, prev.Confidence, prev.timex = s.Date, s.Confidence, s.timex
			}
			prev.End = s.End
			prev.Text = a.Text[prev.Start:prev.End]
			continue
		}
		out = append(out, s)
	}
	return out
}

// titles are the abbreviated titles that stand before a name, so that a
// point after them ends no sentence.
var titles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`Mr Mrs Ms Messrs Dr Prof Rev Gov Sen Sens Rep Reps Gen Gens Lt Col Maj Capt
Cpt Sgt Cpl Pvt Pfc Spc Adm Cmdr Brig St Mt Ft No`) {
		m[w] = true
	}
	return m
}()

// endsWithTitle tells whether s ends with an abbreviated title and its
// point ("found Army Spc.").
func endsWithTitle(s string) bool {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	if !strings.HasSuffix(t, ".") {
		return false
	}
	t = t[:len(t)-1]
	i := strings.LastIndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	return titles[t[i+1:]]
}

// spansFit tells whether the sentence spans are in order, within text,
// on UTF-8 boundaries, and cover at least one sentence of a non-empty text.
func spansFit(sds []storyline.SentenceDate, text string) bool {
	if len(sds) == 0 {
		return strings.TrimSpace(text) == ""
	}
	prev := 0
	for _, sd := range sds {
		if sd.Start < prev || sd.End <= sd.Start || sd.End > len(text) ||
			!utf8.RuneStart(text[sd.Start]) || (sd.End < len(text) && !utf8.RuneStart(text[sd.End])) {
			return false
		}
		prev = sd.End
	}
	return true
}

// wordCount counts the words of s as ROUGE does: runs of non-space.
func wordCount(s string) int { return len(strings.Fields(s)) }

// tokens returns the lower-cased runs of letters and digits of s, a point
// or comma between digits kept in the number ("27,478", "1.5").
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if (r == '.' || r == ',') && start >= 0 && i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1]) {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// stems returns the Porter stems of s's tokens.
func stems(s string) []string {
	ts := tokens(s)
	for i, t := range ts {
		ts[i] = cluster.Stem(t)
	}
	return ts
}

// contentStems returns the set of stems of s's content words (no stop
// words), numbers included.
func contentStems(s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range tokens(s) {
		if !stopWords[t] && len(t) > 1 {
			out[cluster.Stem(t)] = true
		}
	}
	return out
}

// stopWords are English function words: bigrams made of two of them are
// not concepts, and they do not count in paraphrase overlap.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself s t d ll m re ve don didn doesn isn wasn aren weren hasn haven
couldn wouldn shouldn won said says say told mr mrs ms`) {
		m[w] = true
	}
	return m
}()

// anaphors are first words that point back at something said before
// the sentence: personal and demonstrative pronouns and connectives.
var anaphors = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`he she it they him her them his its their theirs hers this these those
that such however but and also meanwhile still yet instead moreover furthermore additionally besides
nevertheless nonetheless thus therefore hence then so otherwise another both neither either later
afterwards there here likewise similarly accordingly consequently`) {
		m[w] = true
	}
	return m
}()

// anaphoricHeads are nouns that, after a sentence-initial "The", refer to
// something named before ("The move", "The agency said").
var anaphoricHeads = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`move decision announcement statement remarks comments incident
development measure step latter former same two three four pair agency ministry spokesman spokeswoman
official officials report news visit trip talks meeting plan proposal deal`) {
		m[w] = true
	}
	return m
}()

// pronouns are personal pronouns that need a person before them.
var pronouns = map[string]bool{"he": true, "she": true, "him": true, "his": true, "her": true,
	"they": true, "them": true, "their": true, "it": true, "its": true}

// dangling tells whether sentence s of an article depends on the
// sentences before it: it starts with an anaphor or connective
// ("He", "This", "However,"), with "The" and an anaphoric noun ("The
// move"), or has a personal pronoun among its first four words with no
// person named in it (people are the PER mentions in ments, offsets in
// the article's text).
func dangling(s Sentence, ments []storyline.Mention) bool {
	ts := tokens(s.Text)
	if len(ts) == 0 {
		return false
	}
	if anaphors[ts[0]] {
		return true
	}
	if ts[0] == "the" && len(ts) > 1 && anaphoricHeads[ts[1]] {
		return true
	}
	for _, t := range ts[:min(4, len(ts))] {
		if pronouns[t] {
			for _, m := range ments {
				if m.Type == storyline.PER && m.Start >= s.Start && m.End <= s.End {
					return false
				}
			}
			return true
		}
	}
	return false
}

// minWords and maxWords bound the sentences a summary may take.
const (
	minWords = 8
	maxWords = 60
)

// usable tells whether a sentence can stand in a summary: a whole
// declarative sentence of minWords to maxWords words that starts with a
// capital, a digit or a quote and ends with ".", "!" or a closing quote;
// not a question, not a headline or a label, no link, not only a quote.
func usable(text string) bool {
	t := strings.TrimSpace(text)
	n := wordCount(t)
	if n < minWords || n > maxWords {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if !(unicode.IsUpper(first) || unicode.IsDigit(first) || isQuote(first)) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	end := strings.TrimRightFunc(t, func(r rune) bool { return isQuote(r) || r == ')' })
	endP, _ := utf8.DecodeLastRuneInString(end)
	if endP != '.' && endP != '!' {
		return false
	}
	if strings.Contains(t, "http") || strings.Contains(t, "www.") || strings.Contains(t, "@") {
		return false
	}
	if isQuote(first) && isQuote(last) {
		return false // only a quote, no one saying it
	}
	upper, letters := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && upper*2 < letters
}

func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '‘', '’', '\'', '`', '«', '»':
		return true
	}
	return false
}

// datelinePrefix returns the length of a wire dateline at the start of s
// ("RIYADH, Saudi Arabia — ", "WASHINGTON, Jan 5 (AFP) - "): a first word
// in capitals, at most 60 bytes, ended by a dash between spaces. 0 when
// there is none.
func datelinePrefix(s string) int {
	head := s[:min(len(s), 72)]
	for _, dash := range []string{" — ", " – ", " -- ", " - "} {
		i := strings.Index(head, dash)
		if i <= 0 || i > 60 {
			continue
		}
		w := strings.FieldsFunc(head[:i], func(r rune) bool { return r == ' ' || r == ',' })
		if len(w) == 0 || len(w[0]) < 3 || strings.ToUpper(w[0]) != w[0] || !unicode.IsLetter(rune(w[0][0])) {
			continue
		}
		return i + len(dash)
	}
	return 0
}
