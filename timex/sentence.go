package timex

import (
	"strings"

	"github.com/storyline/storyline"
)

// SentenceDates splits text into sentences and gives each a date: the
// DATE or TIME expression of timexes (as Tag returns them for text) in the
// sentence nearest to its main verb (DURATION and SET skipped, and the
// start of a span: "since Oct. 7"), else the publication date with
// confidence 0.3.
func SentenceDates(text string, published string, timexes []storyline.Timex) []storyline.SentenceDate {
	pub := ""
	if a := parseAnchor(published); a.ok {
		pub = fmtDay(a.t)
	}
	var out []storyline.SentenceDate
	for _, s := range sentences(text) {
		sd := storyline.SentenceDate{Start: s[0], End: s[1], Value: pub, Confidence: 0.3, Timex: -1}
		if pub == "" {
			sd.Confidence = 0
		}
		verb := mainVerb(text, s[0], s[1])
		best, bestDist := -1, 1<<30
		for i, t := range timexes {
			if t.Start < s[0] || t.End > s[1] || (t.Type != Date && t.Type != Time) {
				continue
			}
			if !isDigit(firstByte(t.Value)) && !strings.HasSuffix(t.Value, "_REF") {
				continue
			}
			if background(text, t) {
				continue
			}
			d := t.Start - verb
			if d < 0 {
				d = verb - t.End
			}
			if d < 0 {
				d = 0
			}
			if strings.HasSuffix(t.Value, "_REF") {
				d += 1 << 20 // a real date first
			}
			if d < bestDist {
				best, bestDist = i, d
			}
		}
		if best >= 0 {
			v := timexes[best].Value
			sd.Timex = best
			switch {
			case v == "PRESENT_REF":
				sd.Value, sd.Confidence = pub, 0.5
			case strings.HasSuffix(v, "_REF"):
				sd.Value, sd.Confidence = v, 0.5
			default:
				if i := strings.IndexByte(v, 'T'); i > 0 {
					v = v[:i]
				}
				sd.Value = v
				sd.Confidence = 0.7
				if len(v) == 10 && strings.Count(v, "-") == 2 && !strings.Contains(v, "X") {
					sd.Confidence = 0.9
				}
			}
		}
		out = append(out, sd)
	}
	return out
}

// background tells whether a time expression dates something before the
// sentence's happening: the start of a span ("since the Oct. 7 attacks",
// "since 2019").
func background(text string, t storyline.Timex) bool {
	before := strings.Fields(strings.ToLower(text[max(0, t.Start-12):t.Start]))
	if n := len(before); n > 0 && before[n-1] == "the" {
		before = before[:n-1]
	}
	return len(before) > 0 && before[len(before)-1] == "since"
}

func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// sentences returns the [start, end) byte spans of the sentences of text:
// a line break, or ".", "!" or "?" followed by a space and an upper-case
// letter or quote, ends one (not after an abbreviation like "Oct." or "U.S.").
func sentences(text string) [][2]int {
	var out [][2]int
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && (text[s] == ' ' || text[s] == '\n' || text[s] == '\t' || text[s] == '\r') {
			s++
		}
		for e > s && (text[e-1] == ' ' || text[e-1] == '\n' || text[e-1] == '\t' || text[e-1] == '\r') {
			e--
		}
		if e > s {
			out = append(out, [2]int{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			emit(i + 1)
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == '"' || text[j] == '\'' || text[j] == ')') {
			j++
		}
		if j < len(text) && text[j] != ' ' {
			continue
		}
		k := j
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k < len(text) && !(text[k] >= 'A' && text[k] <= 'Z' || text[k] == '"' || text[k] == '`' || text[k] == '\'' || text[k] >= 0x80 || isDigit(text[k])) {
			continue
		}
		if c == '.' && abbrevEnd(text, i) {
			continue
		}
		emit(j)
	}
	emit(len(text))
	return out
}

// abbrevEnd tells whether the period at i closes an abbreviation.
func abbrevEnd(text string, i int) bool {
	j := i
	for j > 0 && isLetter(text[j-1]) {
		j--
	}
	w := strings.ToLower(text[j:i])
	if len(w) == 1 {
		return true // initials, U.S.
	}
	if l, ok := lexicon[w]; ok && l.abbr {
		return true
	}
	switch w {
	case "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "st", "jr", "sr", "corp", "inc", "co", "ltd", "vs", "no":
		return true
	}
	return false
}

// mainVerb guesses the byte offset of the main verb of the sentence
// [s, e): the first reporting verb, modal or past-tense form; the
// sentence middle when none is found.
func mainVerb(text string, s, e int) int {
	sent := text[s:e]
	lower := asciiLower(sent)
	toks := tokenize(sent, lower, nil)
	for i, t := range toks {
		if t.kind != tWord || t.cap && i > 0 {
			continue
		}
		w := t.lo
		switch {
		case pastWords[w] && w != "last" && w != "ago" && w != "earlier" && w != "yesterday",
			w == "will" || w == "would" || w == "is" || w == "are" || w == "says" || w == "has" || w == "have",
			len(w) > 4 && strings.HasSuffix(w, "ed") && !notPastEd[w]:
			return s + t.s
		}
	}
	return s + len(sent)/2
}
