package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline/storyline"
)

// tok is a surface token: a word (letters, digits and inner ' - . &) or
// one punctuation character, with byte offsets into the tokenised string.
type tok struct {
	s          string
	start, end int
	word       bool
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenize splits s into word and punctuation tokens. A word keeps inner
// hyphens and apostrophes ("el-Sisi", "Qatar's") and the periods of an
// abbreviation ("U.S.", "Mr.", "J.").
func tokenize(s string) []tok {
	var out []tok
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if !isAlnum(r) {
			if r == '&' {
				out = append(out, tok{s: "&", start: i, end: i + n, word: true})
			} else {
				out = append(out, tok{s: s[i : i+n], start: i, end: i + n})
			}
			i += n
			continue
		}
		j := i + n
		seg := 1 // letters in the current period-separated segment
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if isAlnum(r2) {
				j += n2
				seg++
				continue
			}
			if r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' {
				r3, _ := utf8.DecodeRuneInString(s[j+n2:])
				if j+n2 < len(s) && isAlnum(r3) && (r2 != '.' || seg == 1) {
					j += n2
					seg = 0
					continue
				}
				if r2 == '.' && (seg == 1 || abbrevs[strings.ToLower(s[i:j])]) {
					j += n2
				}
			}
			break
		}
		out = append(out, tok{s: s[i:j], start: i, end: j, word: true})
		i = j
	}
	return out
}

// abbrevs keep their final period as part of the word.
var abbrevs = set("mr", "mrs", "ms", "dr", "jr", "sr", "st", "inc", "corp", "co", "ltd", "gen", "lt",
	"col", "sgt", "capt", "sen", "rep", "gov", "prof", "rev", "hon", "mt", "ft", "no", "vs", "bros")

// fold lowercases s and strips diacritics ("Noël" → "noel").
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
			continue
		case 'ø', 'Ø':
			r = 'o'
		case 'æ', 'Æ':
			b.WriteString("ae")
			continue
		case 'ł', 'Ł':
			r = 'l'
		case 'đ', 'Đ':
			r = 'd'
		case 'ı':
			r = 'i'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// lw is a word lowercased and folded without its periods and possessive.
func lw(s string) string {
	s = fold(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '\'' || r == '’' {
			return -1
		}
		return r
	}, s)
}

// isCap tells whether a word starts a name: an upper-case letter first, or
// an upper-case letter inside ("iPhone").
func isCap(s string) bool {
	for i, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
		if i == 0 && !unicode.IsLower(r) {
			return false
		}
	}
	return false
}

func isDigitWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

func isPossessive(s string) bool {
	return strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "’s")
}

// pname is the parsed name of one mention.
type pname struct {
	text     string   // the name as written, titles and descriptions cut
	off      int      // byte offset of text in the mention text
	toks     []string // canonical tokens (particles, initials, company forms dropped)
	first    string   // first and last name tokens (PER)
	last     string
	key      string // toks joined: the matching key
	alt      string // key without a leading country ("U.S. State Department" → statedepartment)
	acro     string // the name is an acronym: its letters, lowercase ("GM" → gm)
	initials string // initials of the name's words ("General Motors" → gm)
	hon      string // honorific before the name (sheikh, mr), lowercase
	paren    string // a name in parentheses after it ("(GM"), non-PER only
}

// main returns the tokens that are not name parts (bin, de, van).
func (n *pname) main() []string {
	out := make([]string, 0, len(n.toks))
	for _, t := range n.toks {
		if !nameParts[t] {
			out = append(out, t)
		}
	}
	return out
}

// parseName parses a mention text of type typ.
func parseName(s, typ string) *pname {
	ts := tokenize(s)
	n := &pname{}
	lo, hi := 0, len(ts)
	// A parenthesis: what it holds is another name of the same thing.
	for i := lo; i < hi; i++ {
		if ts[i].s == "(" {
			j := i + 1
			for j < hi && ts[j].s != ")" {
				j++
			}
			if typ != storyline.PER && j > i+1 && ts[i+1].word {
				n.paren = s[ts[i+1].start:ts[j-1].end]
			}
			hi = i
			break
		}
	}
	// An apposition: keep the part that is a name.
	lo, hi = pickPart(ts, lo, hi, typ)
	// "X in Y" (MEANTIME's full extents): the name is X.
	if typ != storyline.PER {
		for i := lo + 1; i < hi-1; i++ {
			if ts[i].s == "in" && ts[i-1].word && isCap(ts[i-1].s) && isCap(ts[i+1].s) {
				hi = i
				break
			}
		}
	}
	// A possessive: the name is what is owned ("Japan's Nikkei 225").
	for i := hi - 2; i >= lo; i-- {
		if !ts[i].word {
			continue
		}
		poss := isPossessive(ts[i].s) || (i+1 < hi && (ts[i+1].s == "'" || ts[i+1].s == "’") && i+2 < hi && ts[i+2].word)
		if poss && hasCapAfter(ts, i+1, hi) {
			lo = i + 1
			break
		}
	}
	rs, re := lastRun(ts, lo, hi)
	if rs < 0 {
		// No name: a nominal ("the automobile manufacturing firm").
		rs, re = firstWord(ts, lo, hi), hi
		for rs >= 0 && re > rs && !ts[re-1].word {
			re--
		}
	}
	if typ == storyline.PER && rs >= 0 && re > rs {
		rs, n.hon = stripTitle(ts, rs, re)
	}
	if rs < 0 || re <= rs {
		n.text = strings.TrimSpace(s)
	} else {
		n.off = ts[rs].start
		n.text = s[ts[rs].start:ts[re-1].end]
	}
	for _, suf := range []string{"-based", "-led", "-owned", "-backed", "-made", "-born"} {
		if strings.HasSuffix(strings.ToLower(n.text), suf) && len(n.text) > len(suf) {
			n.text = n.text[:len(n.text)-len(suf)]
		}
	}
	n.canon(typ)
	return n
}

func hasCapAfter(ts []tok, i, hi int) bool {
	for ; i < hi; i++ {
		if ts[i].word && (isCap(ts[i].s) || isDigitWord(ts[i].s)) {
			return true
		}
	}
	return false
}

func firstWord(ts []tok, lo, hi int) int {
	for i := lo; i < hi; i++ {
		if ts[i].word && !determiners[lw(ts[i].s)] {
			return i
		}
	}
	return -1
}

// pickPart chooses among the comma-separated parts of [lo,hi) the one that
// names the thing: a part ending in a capitalised word, for a person one
// without a title word if any.
func pickPart(ts []tok, lo, hi int, typ string) (int, int) {
	type part struct{ lo, hi int }
	var parts []part
	s := lo
	for i := lo; i < hi; i++ {
		if ts[i].s == "," || ts[i].s == ";" {
			parts = append(parts, part{s, i})
			s = i + 1
		}
	}
	parts = append(parts, part{s, hi})
	if len(parts) == 1 {
		return lo, hi
	}
	best := -1
	for k, p := range parts {
		e := p.hi
		for e > p.lo && !ts[e-1].word {
			e--
		}
		if e == p.lo || !(isCap(ts[e-1].s) || isDigitWord(ts[e-1].s)) {
			continue
		}
		if titleHeads[lw(ts[e-1].s)] {
			continue
		}
		if typ == storyline.PER && hasTitle(ts, p.lo, p.hi) {
			if best < 0 {
				best = k
			}
			continue
		}
		if best < 0 || (typ == storyline.PER && hasTitle(ts, parts[best].lo, parts[best].hi)) {
			best = k
		}
		if typ != storyline.PER {
			break
		}
	}
	if best < 0 {
		return lo, hi
	}
	return parts[best].lo, parts[best].hi
}

func hasTitle(ts []tok, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if ts[i].word && titleHeads[lw(ts[i].s)] {
			return true
		}
	}
	return false
}

// nameWord tells whether a token can be part of a name run.
func nameWord(t tok) bool {
	return t.word && (isCap(t.s) || isDigitWord(t.s))
}

// lastRun finds the last run of capitalised words (with connectors inside)
// in [lo,hi), preferring one that ends the span. It returns -1 when none.
func lastRun(ts []tok, lo, hi int) (int, int) {
	e := hi
	for e > lo && !ts[e-1].word {
		e--
	}
	type run struct{ s, e int }
	var runs []run
	i := lo
	for i < e {
		if !nameWord(ts[i]) {
			i++
			continue
		}
		j := i + 1
		for j < e {
			if nameWord(ts[j]) {
				j++
				continue
			}
			// a connector or a spaced hyphen between two name words
			k := j
			for k < e && ((ts[k].word && connectors[strings.ToLower(ts[k].s)] && !isCap(ts[k].s)) || ts[k].s == "-") {
				k++
			}
			if k > j && k < e && nameWord(ts[k]) {
				j = k
				continue
			}
			break
		}
		runs = append(runs, run{i, j})
		i = j
	}
	if len(runs) == 0 {
		return -1, -1
	}
	r := runs[len(runs)-1]
	// strip a leading "The"
	for r.e-r.s > 1 && determiners[strings.ToLower(ts[r.s].s)] {
		r.s++
	}
	return r.s, r.e
}

// stripTitle drops the honorifics and the title before a person's name
// ("Secretary of State Antony J. Blinken" → "Antony J. Blinken"). It
// returns the new start and the last honorific seen.
func stripTitle(ts []tok, rs, re int) (int, string) {
	hon := ""
	i := rs
	sawTitle := false
	for i < re-1 {
		w := lw(ts[i].s)
		switch {
		case honorifics[w]:
			hon = normHon(w)
			sawTitle = true
			i++
		case titleHeads[w]:
			sawTitle = true
			i++
		case titleMods[w] || formerWords[w] || w == "of" || w == "the" || w == "and" || titleComplements[w]:
			i++
		default:
			if k := countryAt(ts, i, re-1); k > 0 {
				i += k
				continue
			}
			goto done
		}
	}
done:
	if !sawTitle {
		i = rs
	}
	// A title further in ("Ford Motor Company CEO Alan Mulally").
	for h := re - 2; h >= i; h-- {
		if titleHeads[lw(ts[h].s)] && isCap(ts[h+1].s) {
			i = h + 1
			break
		}
	}
	return i, hon
}

func normHon(w string) string {
	switch w {
	case "sheik", "shaikh":
		return "sheikh"
	case "ms", "miss", "mrs", "mme", "lady", "dame":
		return "mrs"
	}
	return w
}

// countryAt returns how many tokens from i (at most to hi) name a country
// or its adjective, 0 when none.
func countryAt(ts []tok, i, hi int) int {
	for k := 4; k >= 1; k-- {
		if i+k > hi {
			continue
		}
		var b strings.Builder
		for j := i; j < i+k; j++ {
			b.WriteString(plainKey(ts[j].s))
		}
		if _, ok := countryByKey[b.String()]; ok {
			return k
		}
	}
	return 0
}

// canonTok is the matching form of one word: folded, lowercased, without
// periods and apostrophes, "th"/"ph"/"ou"/"ee"/"kh" simplified, doubled
// letters collapsed ("Sissi" → sisi, "Anthony" → antony), given-name
// variants unified ("Mohamed" → muhamad) and, for non-persons, a plural s
// dropped.
func canonTok(w, typ string) string {
	w = lw(w)
	if typ != storyline.PER && len(w) >= 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	w = digraphs.Replace(w)
	var b strings.Builder
	var prev rune
	for _, r := range w {
		if r == prev && unicode.IsLetter(r) {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	w = b.String()
	if v, ok := nameVariants[w]; ok {
		return v
	}
	return w
}

var digraphs = strings.NewReplacer("th", "t", "ph", "f", "ou", "u", "ee", "i", "oo", "u", "kh", "k", "dh", "d", "ck", "k")

// canon fills the matching fields from n.text.
func (n *pname) canon(typ string) {
	words := strings.FieldsFunc(n.text, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '–' || r == ',' || r == '"' || r == '`' || r == '(' || r == ')'
	})
	attached := strings.Contains(n.text, "-")
	var toks []string
	var ini strings.Builder
	for i, w := range words {
		l := lw(w)
		if l == "" {
			continue
		}
		if determiners[l] && i == 0 && len(words) > 1 {
			continue
		}
		if particles[l] && len(words) > 1 && (i > 0 || attached) {
			continue
		}
		if typ == storyline.PER && utf8.RuneCountInString(l) == 1 && i > 0 && i < len(words)-1 {
			continue // a middle initial
		}
		if !stopInitials[l] {
			r, _ := utf8.DecodeRuneInString(l)
			ini.WriteRune(r)
		}
		toks = append(toks, canonTok(w, typ))
	}
	if typ != storyline.PER {
		for len(toks) > 1 && orgSuffixes[toks[len(toks)-1]] {
			toks = toks[:len(toks)-1]
		}
	}
	// An acronym: one word of 2–6 capitals ("GM", "U.S.", "USAF").
	if len(words) == 1 {
		letters := strings.Map(func(r rune) rune {
			if r == '.' {
				return -1
			}
			return r
		}, words[0])
		if l := utf8.RuneCountInString(letters); l >= 2 && l <= 6 && strings.ToUpper(letters) == letters && !isDigitWord(letters) {
			n.acro = strings.ToLower(letters)
		}
	}
	if len(toks) > 1 && ini.Len() > 1 {
		n.initials = ini.String()
	}
	n.toks = toks
	n.key = strings.Join(toks, "")
	if typ == storyline.LOC || typ == storyline.ORG || typ == storyline.MISC {
		if c, ok := countryByKey[plainKey(n.text)]; ok && typ == storyline.LOC {
			n.text = c
			n.toks = strings.Fields(strings.ToLower(c))
			n.key = plainKey(c)
			n.acro = ""
		} else if len(words) >= 2 {
			ws := tokenize(n.text)
			if k := countryAt(ws, 0, len(ws)); k > 0 && k < len(ws) {
				var rest []string
				for _, w := range ws[k:] {
					if w.word {
						rest = append(rest, canonTok(w.s, typ))
					}
				}
				for len(rest) > 1 && orgSuffixes[rest[len(rest)-1]] {
					rest = rest[:len(rest)-1]
				}
				if len(rest) >= 2 {
					n.alt = strings.Join(rest, "")
				}
			}
		}
	}
	m := n.main()
	if len(m) > 0 {
		n.first, n.last = m[0], m[len(m)-1]
	}
}

// dl is the Damerau-Levenshtein (optimal string alignment) distance.
func dl(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 {
		return len(rb)
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// fuzzyMin is the shortest token length on which a misspelling (edit
// distance 1) is forgiven.
const fuzzyMin = 6

// tokEq tells whether two canonical tokens are one name: equal, or long
// and one edit apart.
func tokEq(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < fuzzyMin || len(b) < fuzzyMin || a[0] != b[0] {
		return false
	}
	d := len(a) - len(b)
	if d > 1 || d < -1 {
		return false
	}
	return dl(a, b) <= 1
}

// firstEq is tokEq allowing an initial ("A" matches "antony").
func firstEq(a, b string) bool {
	if tokEq(a, b) {
		return true
	}
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return ra == rb && (utf8.RuneCountInString(a) == 1 || utf8.RuneCountInString(b) == 1)
}

// perCompat tells whether two person names may name one person: a single
// word matches the other's first or last name; two full names need the
// same first name (or initial) and the same last name, or the shorter's
// words all in the longer in order ("Mohammed bin Salman" and "Mohammed
// bin Salman Al Saud"). Mr. and Mrs. never match.
func perCompat(a, b *pname) bool {
	if a.hon != "" && b.hon != "" && (a.hon == "mrs") != (b.hon == "mrs") && (a.hon == "mr" || b.hon == "mr") {
		return false
	}
	ma, mb := a.main(), b.main()
	if len(ma) == 0 || len(mb) == 0 {
		return false
	}
	if len(ma) > len(mb) {
		ma, mb = mb, ma
	}
	if len(ma) == 1 {
		if len(mb) == 1 {
			return tokEq(ma[0], mb[0])
		}
		return tokEq(ma[0], mb[0]) || tokEq(ma[0], mb[len(mb)-1])
	}
	if !firstEq(ma[0], mb[0]) {
		return false
	}
	if tokEq(ma[len(ma)-1], mb[len(mb)-1]) {
		return true
	}
	return subseq(ma, mb)
}

func subseq(short, long []string) bool {
	j := 0
	for _, t := range short {
		for j < len(long) && !tokEq(t, long[j]) {
			j++
		}
		if j == len(long) {
			return false
		}
		j++
	}
	return true
}

// otherCompat tells whether two names of an organisation, place or other
// thing may name one thing: one is the acronym of the other, the shorter
// (a) is a prefix of the longer ("Ford" / "Ford Motor Company"), or the
// keys are one edit apart on long names ("Chrylser"). With shortFirst,
// the prefix rule only applies when a is the shorter one.
func otherCompat(a, b *pname, shortFirst bool) bool {
	if a.key == "" || b.key == "" {
		return false
	}
	if (a.acro != "" && a.acro == b.initials) || (b.acro != "" && b.acro == a.initials) {
		return true
	}
	if len(a.key) >= 7 && len(b.key) >= 7 && a.key[0] == b.key[0] && dl(a.key, b.key) <= 1 {
		return true
	}
	if a.acro != "" || b.acro != "" {
		return false
	}
	s, l := a.toks, b.toks
	if len(s) > len(l) {
		if shortFirst {
			return false
		}
		s, l = l, s
	}
	if len(s) == len(l) {
		return false
	}
	for i := range s {
		if !tokEq(s[i], l[i]) {
			return false
		}
	}
	return true
}

// sameKey tells whether two names have the same key (or one's key is the
// other's key without a leading country, or the other's parenthesised name).
func sameKey(a, b *pname) bool {
	if a.key == "" || b.key == "" {
		return false
	}
	return a.key == b.key || (a.alt != "" && (a.alt == b.key || a.alt == b.alt)) || (b.alt != "" && b.alt == a.key)
}
