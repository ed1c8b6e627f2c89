package resolve

import (
	"strings"

	"github.com/storyline/storyline"
)

// Roles returns the titles the text gives each person mention (mention
// index → titles, each once). Three patterns are read around the name:
//
//   - a pre-modifier: title words right before the name, in the mention or
//     in the text ("Secretary of State Antony Blinken", "Egyptian President
//     Abdel Fattah el-Sisi", "State Department spokesman Matthew Miller"),
//     with a following "of Egypt" as its qualifier;
//   - an apposition after: ", the U.S. secretary of state," after the name;
//   - an apposition before, opening its sentence or with the name set
//     off by commas: "The emir of Qatar, Sheikh Tamim, said".
//
// A title is written in one form: its words lowercased (acronyms such as
// CEO kept), then " of " and the country or organisation it is qualified
// by, a country adjective turned into the country's name: "Egyptian
// President" and "President of Egypt" are both "president of Egypt",
// "U.S. secretary of state" is "secretary of state of United States".
// "former", "acting" and the like are dropped; "chairman and CEO of X"
// gives two titles.
func Roles(text string, mentions []storyline.Mention) map[int][]string {
	out := map[int][]string{}
	for i, m := range mentions {
		if m.Type != storyline.PER || m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		mt := m.Text
		if mt == "" {
			mt = text[m.Start:m.End]
		}
		// A title before the name does not reach into the person named
		// before it ("King Abdullah II and Crown Prince Mohammed").
		floor := 0
		for _, o := range mentions {
			if o.Type == storyline.PER && o.End <= m.Start && o.End > floor {
				floor = o.End
			}
		}
		n := parseName(mt, m.Type)
		ns := m.Start + n.off
		ne := ns + len(n.text)
		if ne > len(text) || text[ns:ne] != n.text {
			ns, ne = m.Start, m.End
		}
		var titles []string
		add := func(ts []string) {
			for _, t := range ts {
				if !contains(titles, t) {
					titles = append(titles, t)
				}
			}
		}
		add(preTitle(text, floor, ns, ne))
		add(appositionAfter(text, ne))
		if len(titles) == 0 {
			add(appositionBefore(text, floor, ns, ne))
		}
		if len(titles) > 0 {
			out[i] = titles
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// lineBefore returns the tokens of the text before pos, back to the line
// start, 300 bytes or floor.
func lineBefore(text string, floor, pos int) ([]tok, int) {
	lo := max(0, floor, pos-300)
	if k := strings.LastIndexByte(text[lo:pos], '\n'); k >= 0 {
		lo += k + 1
	}
	return tokenize(text[lo:pos]), lo
}

// stopCaps are capitalised words that end a title phrase going back.
var stopCaps = set("on", "in", "at", "for", "by", "with", "from", "to", "as", "when", "after", "before",
	"but", "said", "says", "told", "while", "then", "if", "since", "during", "under", "meanwhile",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "today", "yesterday", "he", "she", "it", "they", "we", "i")

// titleWord tells whether a token can be inside a title phrase.
func titleWord(t tok) bool {
	if !t.word {
		return false
	}
	w := lw(t.s)
	if stopCaps[w] && !(w == "for" || w == "at") {
		return false
	}
	if titleHeads[w] || titleMods[w] || titleComplements[w] || formerWords[w] || honorifics[w] || w == "of" || determiners[w] {
		return true
	}
	return isCap(t.s)
}

// preTitle reads the title right before a name (and its " of Egypt").
func preTitle(text string, floor, ns, ne int) []string {
	ts, _ := lineBefore(text, floor, ns)
	j := len(ts)
	for j > 0 && titleWord(ts[j-1]) && !(ts[j-1].word && determiners[lw(ts[j-1].s)]) {
		w := lw(ts[j-1].s)
		if w == "for" || w == "at" {
			break
		}
		j--
	}
	p := ts[j:]
	// a trailing honorific ("the emir, Sheikh") is not the title
	for len(p) > 0 && honorifics[lw(p[len(p)-1].s)] {
		p = p[:len(p)-1]
	}
	if len(p) == 0 || !hasHead(p) {
		return nil
	}
	// the phrase must end on the title, not on another name
	last := lw(p[len(p)-1].s)
	if !(titleHeads[last] || titleComplements[last] || endsOfChain(p)) {
		return nil
	}
	// "President Abdel Fattah el-Sisi of Egypt"
	if rest := text[ne:]; strings.HasPrefix(rest, " of ") {
		after := tokenize(rest[4:min(len(rest), 4+80)])
		k := 0
		for k < len(after) && after[k].word && (isCap(after[k].s) || (k == 0 && after[k].s == "the")) {
			k++
		}
		if k > 0 {
			p = append(append(append([]tok{}, p...), tok{s: "of", word: true}), after[:k]...)
		}
	}
	return buildTitles(p)
}

// endsOfChain tells whether the phrase ends in "HEAD of X" ("President of
// the United States"): the last "of" follows a title word.
func endsOfChain(p []tok) bool {
	for i := len(p) - 1; i > 0; i-- {
		if lw(p[i].s) == "of" {
			w := lw(p[i-1].s)
			return titleHeads[w] || titleComplements[w]
		}
	}
	return false
}

func hasHead(p []tok) bool {
	for _, t := range p {
		if t.word && titleHeads[lw(t.s)] {
			return true
		}
	}
	return false
}

// appositionAfter reads ", the emir of Qatar," after a name.
func appositionAfter(text string, ne int) []string {
	rest := text[ne:min(len(text), ne+160)]
	if !strings.HasPrefix(rest, ",") {
		return nil
	}
	ts := tokenize(rest[1:])
	var p []tok
	for _, t := range ts {
		if !t.word {
			break
		}
		w := lw(t.s)
		if w == "who" || w == "which" || w == "that" || w == "said" || w == "says" {
			break
		}
		if !titleWord(t) && w != "for" && w != "at" && w != "and" && !isPossessive(t.s) {
			return nil
		}
		p = append(p, t)
		if len(p) > 12 {
			return nil
		}
	}
	if !hasHead(p) {
		return nil
	}
	return buildTitles(p)
}

// appositionBefore reads "the emir of Qatar, " before a name (which
// ends at ne).
func appositionBefore(text string, floor, ns, ne int) []string {
	ts, _ := lineBefore(text, floor, ns)
	j := len(ts)
	for j > 0 && ts[j-1].word && honorifics[lw(ts[j-1].s)] {
		j--
	}
	if j == 0 || ts[j-1].s != "," {
		return nil
	}
	j--
	e := j
	for j > 0 && (titleWord(ts[j-1]) || lw(ts[j-1].s) == "and" || isPossessive(ts[j-1].s)) {
		j--
		if determiners[lw(ts[j].s)] {
			break
		}
	}
	// The phrase must open its sentence ("The emir of Qatar, Sheikh
	// Tamim, said") or the name be set off by commas ("called Qatar's
	// prime minister, Sheikh Mohammed, twice"): in "with the crown
	// prince, Blinken stressed" the phrase ends the clause before.
	opens := j == 0 || strings.ContainsAny(ts[j-1].s, ".!?:;\"“”")
	if !opens && !strings.HasPrefix(strings.TrimLeft(text[ne:], " "), ",") {
		return nil
	}
	p := ts[j:e]
	if len(p) == 0 || !hasHead(p) {
		return nil
	}
	last := lw(p[len(p)-1].s)
	if !(titleHeads[last] || titleComplements[last] || endsOfChain(p) || isCap(p[len(p)-1].s)) {
		return nil
	}
	return buildTitles(p)
}

// buildTitles turns a title phrase into titles in the one form of Roles.
func buildTitles(p []tok) []string {
	var quals []string
	var ofQual string
	var groups [][]string
	var cur []string
	isTitleAt := func(i int) bool {
		w := lw(p[i].s)
		if titleHeads[w] {
			return true
		}
		if titleMods[w] && i+1 < len(p) {
			nw := lw(p[i+1].s)
			return titleHeads[nw] || titleMods[nw]
		}
		return false
	}
	i := 0
	for i < len(p) {
		t := p[i]
		w := lw(t.s)
		switch {
		case !t.word:
			i++
		case honorifics[w] && !titleHeads[w]:
			i++
		case formerWords[w] || (determiners[w] && !isPossessive(t.s)):
			i++
		case w == "and" || w == "&":
			if len(cur) > 0 {
				groups = append(groups, cur)
				cur = nil
			}
			i++
		case (w == "of" || w == "for" || w == "at") && len(cur) > 0:
			j := i + 1
			if j < len(p) && lw(p[j].s) == "the" {
				j++
			}
			if j < len(p) && titleComplements[lw(p[j].s)] && countryAt(p, j, len(p)) == 0 && w == "of" {
				cur = append(cur, "of")
				for j < len(p) && titleComplements[lw(p[j].s)] && lw(p[j].s) != "the" {
					cur = append(cur, lw(p[j].s))
					j++
				}
				i = j
				continue
			}
			k := j
			for k < len(p) && p[k].word && isCap(p[k].s) && !isTitleAt(k) {
				k++
			}
			if k > j {
				ofQual = qualName(p[j:k])
			}
			i = max(k, i+1)
		case isPossessive(t.s):
			if isCap(t.s) {
				quals = append(quals, qualName(p[i:i+1]))
			}
			i++
		case isTitleAt(i):
			cur = append(cur, titleForm(t.s))
			i++
		case isCap(t.s):
			k := i
			for k < len(p) && p[k].word && isCap(p[k].s) && !isTitleAt(k) && !isPossessive(p[k].s) {
				k++
			}
			if k == i {
				k = i + 1
			}
			quals = append(quals, qualName(p[i:k]))
			i = k
		default:
			i++
		}
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	q := ofQual
	if q == "" && len(quals) > 0 {
		q = quals[len(quals)-1]
	}
	var out []string
	for _, g := range groups {
		head := false
		for _, w := range g {
			if titleHeads[strings.ToLower(w)] {
				head = true
			}
		}
		if !head {
			continue
		}
		s := strings.Join(g, " ")
		if q != "" {
			s += " of " + q
		}
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// titleForm is a title word lowercased, an acronym (CEO) kept.
func titleForm(s string) string {
	s = strings.TrimSuffix(s, ".")
	if len(s) >= 2 && len(s) <= 4 && strings.ToUpper(s) == s {
		return s
	}
	return strings.ToLower(s)
}

// qualName is a qualifier as written, without possessive and leading
// "the", a country adjective or abbreviation turned into its name.
func qualName(ts []tok) string {
	var ws []string
	for _, t := range ts {
		s := strings.TrimSuffix(strings.TrimSuffix(t.s, "'s"), "’s")
		ws = append(ws, s)
	}
	for len(ws) > 1 && strings.EqualFold(ws[0], "the") {
		ws = ws[1:]
	}
	q := strings.Join(ws, " ")
	if c, ok := countryByKey[plainKey(q)]; ok {
		return c
	}
	return q
}
