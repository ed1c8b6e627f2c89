package reuseset

import (
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence-level edits. Each returns the edited sentence and whether it
// changed anything; none of them touches a sentence it cannot edit
// cleanly.

// synonymKeys are the keys of synonyms, longest first then in order, so
// that iteration is deterministic.
var synonymKeys = func() []string {
	keys := make([]string, 0, len(synonyms))
	for k := range synonyms {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	return keys
}()

// match is an occurrence of a phrase in a sentence.
type match struct {
	start, end int
	repl       string
}

func isWordByte(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-'
}

// findPhrase returns the word-bounded occurrences of phrase in s.
func findPhrase(s, phrase string) []int {
	var out []int
	for off := 0; ; {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return out
		}
		i += off
		end := i + len(phrase)
		before := i == 0 || !isWordByte(s, prevRuneStart(s, i))
		after := end >= len(s) || !isWordByte(s, end)
		if before && after {
			out = append(out, i)
		}
		off = i + 1
	}
}

func prevRuneStart(s string, i int) int {
	_, size := utf8.DecodeLastRuneInString(s[:i])
	return i - size
}

// synonymSwap replaces one lowercase occurrence of a word or phrase of the
// synonym table, chosen at random among all occurrences.
func synonymSwap(s string, rng *rand.Rand) (string, bool) {
	var ms []match
	taken := make([]bool, len(s)+1)
	for _, k := range synonymKeys {
		for _, i := range findPhrase(s, k) {
			if taken[i] {
				continue
			}
			ms = append(ms, match{i, i + len(k), synonyms[k]})
			for j := i; j < i+len(k); j++ {
				taken[j] = true
			}
		}
	}
	if len(ms) == 0 {
		return s, false
	}
	m := ms[rng.IntN(len(ms))]
	return s[:m.start] + m.repl + s[m.end:], true
}

// contract contracts ("do not" → "don't") or expands ("don't" → "do
// not") one occurrence, lowercase or capitalised.
func contract(s string, rng *rand.Rand) (string, bool) {
	var ms []match
	for _, c := range contractions {
		pairs := [][2]string{{c[0], c[1]}, {c[1], c[0]}}
		if curly := strings.ReplaceAll(c[1], "'", "’"); curly != c[1] {
			pairs = append(pairs, [2]string{curly, c[0]})
		}
		for _, pr := range pairs {
			for k, from := range []string{pr[0], capitalize(pr[0])} {
				if k == 1 && from == pr[0] {
					continue
				}
				to := pr[1]
				if k == 1 {
					to = capitalize(to)
				}
				for _, i := range findPhrase(s, from) {
					ms = append(ms, match{i, i + len(from), to})
				}
			}
		}
	}
	if len(ms) == 0 {
		return s, false
	}
	sort.Slice(ms, func(i, j int) bool {
		return ms[i].start < ms[j].start || ms[i].start == ms[j].start && ms[i].repl < ms[j].repl
	})
	m := ms[rng.IntN(len(ms))]
	return s[:m.start] + m.repl + s[m.end:], true
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func hasQuote(s string) bool {
	return strings.ContainsAny(s, "\"“”") || strings.Contains(s, "``") || strings.Contains(s, "''")
}

// introWords start an introductory phrase or clause ("In May", "After
// the vote") that can move behind the main clause and back.
var introWords = map[string]bool{
	"in": true, "on": true, "at": true, "after": true, "before": true, "when": true, "while": true,
	"as": true, "since": true, "during": true, "with": true, "from": true, "by": true,
	"despite": true, "although": true, "though": true, "if": true, "because": true, "last": true,
	"earlier": true, "later": true, "meanwhile": true, "under": true, "following": true,
	"until": true, "according": true, "without": true, "unlike": true, "once": true,
	"throughout": true, "amid": true, "within": true, "upon": true,
}

// determiners start a main clause whose first letter can be lowercased
// when the clause moves behind an introductory phrase.
var determiners = map[string]bool{"The": true, "A": true, "An": true, "This": true, "These": true, "Its": true, "Their": true}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// reorderClauses moves an introductory phrase from the front of a
// sentence to its end or the other way round: "In May, the council
// voted." ↔ "The council voted, in May."
func reorderClauses(s string) (string, bool) {
	if hasQuote(s) || strings.ContainsAny(s, ";:()") {
		return s, false
	}
	end := s[len(s)-1:]
	if end != "." && end != "!" && end != "?" {
		return s, false
	}
	body := s[:len(s)-1]
	// Front to back.
	if i := strings.Index(body, ", "); i > 0 {
		a, b := body[:i], body[i+2:]
		first := strings.Fields(a)[0]
		if introWords[strings.ToLower(first)] && wordCount(a) >= 2 && wordCount(a) <= 12 && wordCount(b) >= 4 {
			if r, _ := utf8.DecodeRuneInString(b); unicode.IsLetter(r) {
				return capitalize(b) + ", " + lowerFirst(a) + end, true
			}
		}
	}
	// Back to front.
	if i := strings.LastIndex(body, ", "); i > 0 {
		a, b := body[:i], body[i+2:]
		w := strings.Fields(b)
		if len(w) >= 2 && len(w) <= 10 && introWords[w[0]] && wordCount(a) >= 4 {
			if f := strings.Fields(a)[0]; determiners[f] {
				a = lowerFirst(a)
			}
			return capitalize(b) + ", " + a + end, true
		}
	}
	return s, false
}

var reDigits = regexp.MustCompile(`\d+`)

// changeNumber changes the last digit of one number.
func changeNumber(s string, rng *rand.Rand) (string, bool) {
	locs := reDigits.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return s, false
	}
	l := locs[rng.IntN(len(locs))]
	d := s[l[1]-1] - '0'
	nd := (d + byte(1+rng.IntN(8))) % 10
	if nd == 0 && l[1]-l[0] == 1 {
		nd = 1 + (d % 9)
	}
	if nd == d {
		nd = (d + 1) % 10
	}
	return s[:l[1]-1] + string('0'+nd) + s[l[1]:], true
}

// deleteClause deletes a parenthetical clause (", which …,") or a trailing
// one (", officials said on Monday.").
func deleteClause(s string, rng *rand.Rand) (string, bool) {
	var commas []int
	for off := 0; ; {
		i := strings.Index(s[off:], ", ")
		if i < 0 {
			break
		}
		commas = append(commas, off+i)
		off += i + 2
	}
	type cut struct{ from, to int }
	var cuts []cut
	for k := 0; k+1 < len(commas); k++ {
		seg := s[commas[k]+2 : commas[k+1]]
		if n := wordCount(seg); n >= 2 && n <= 10 && !hasQuote(seg) {
			cuts = append(cuts, cut{commas[k], commas[k+1]})
		}
	}
	if len(commas) > 0 {
		i := commas[len(commas)-1]
		tail := s[i+2:]
		if strings.HasSuffix(tail, ".") && !hasQuote(tail) {
			if n := wordCount(tail); n >= 3 && n <= 15 && wordCount(s[:i]) >= 6 {
				cuts = append(cuts, cut{i, len(s) - 1})
			}
		}
	}
	if len(cuts) == 0 {
		return s, false
	}
	c := cuts[rng.IntN(len(cuts))]
	return s[:c.from] + s[c.to:], true
}

// smallEdit makes one small edit: a number changed, a word swapped or a
// clause deleted.
func smallEdit(s string, rng *rand.Rand) (string, bool) {
	ops := []func(string, *rand.Rand) (string, bool){changeNumber, synonymSwap, deleteClause}
	rng.Shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
	for _, op := range ops {
		if t, ok := op(s, rng); ok && t != s {
			return t, true
		}
	}
	return s, false
}

// reword rewords a sentence: synonyms, the order of its clauses, a
// contraction; one to three of them.
func reword(s string, rng *rand.Rand) (string, bool) {
	ops := []func(string, *rand.Rand) (string, bool){
		synonymSwap, synonymSwap,
		func(s string, _ *rand.Rand) (string, bool) { return reorderClauses(s) },
		contract,
	}
	rng.Shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
	out, n := s, 0
	want := 1 + rng.IntN(3)
	for _, op := range ops {
		if t, ok := op(out, rng); ok && t != out {
			out = t
			if n++; n >= want {
				break
			}
		}
	}
	return out, n > 0
}

// editSentences applies edit to about frac of the sentences of the pieces
// which selects (nil: every paragraph of a source), at least one, chosen at
// random among those it can edit, and returns how many it changed.
func editSentences(ps []piece, frac float64, edit func(string, *rand.Rand) (string, bool), rng *rand.Rand, which func(*piece) bool) int {
	type pos struct{ p, s int }
	var all []pos
	for i := range ps {
		p := &ps[i]
		if p.sents == nil || (which != nil && !which(p)) {
			continue
		}
		for j := range p.sents {
			all = append(all, pos{i, j})
		}
	}
	want := max(1, int(frac*float64(len(all))+0.5))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	n := 0
	for _, x := range all {
		if n >= want {
			break
		}
		p := &ps[x.p]
		if t, ok := edit(p.sents[x.s], rng); ok {
			p.sents = append([]string(nil), p.sents...)
			p.sents[x.s] = t
			p.edited++
			n++
		}
	}
	return n
}
