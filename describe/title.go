package describe

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// maxTitleWords caps the predicate of a generated title; the words read
// for it are capped at maxPredicateWords.
const (
	maxTitleWords     = 10
	maxPredicateWords = 20
)

// Title writes a short headline for the event the articles report, by
// compressing a lead sentence: the lead of the article whose lead names
// most of the top participants and places (and reports the event's day)
// is cut down to its subject (a
// top participant, by its short name), its verb (in the headline's
// present tense) and the words up to the first clause boundary, without
// time expressions; the main place (a city or region) is added when the
// words name none
// ("Blinken meets with leaders in Egypt and Qatar"). Without a lead that
// names a participant it falls back to the most central article's title,
// then to its first words.
func Title(articles []*storyline.Article, day string, participants, places []storyline.EntityRef) string {
	top := map[string]bool{}
	for i, p := range participants {
		if i < 3 {
			top[p.ID] = true
		}
	}
	var topPlace *storyline.EntityRef
	if ps := stopPlaces(places); len(ps) > 0 {
		topPlace = &ps[0]
	}
	if topPlace != nil {
		top[topPlace.ID] = true
	}
	// The most central article: its lead names most of the top entities;
	// originals before copies, then the earlier.
	var best *storyline.Article
	bestScore := -1
	for _, a := range articles {
		if a.DuplicateOf != "" {
			continue
		}
		end := leadEnd(a)
		named := map[string]bool{}
		for _, m := range a.Entities {
			if m.Start < end && top[m.Entity] {
				named[m.Entity] = true
			}
		}
		score := 2 * len(named)
		if day != "" && MainDay(a) == day {
			score++ // its lead reports the event's day
		}
		if score > bestScore {
			best, bestScore = a, score
		}
	}
	if best == nil && len(articles) > 0 {
		best = articles[0]
	}
	if best == nil {
		return ""
	}
	if t := leadTitle(best, participants, topPlace); t != "" {
		return t
	}
	if best.Title != "" {
		return stripSlug(best.Title)
	}
	first, _, _ := strings.Cut(best.Text, "\n")
	return clipWords(stripSlug(first), maxTitleWords)
}

// slugWords mark a wire service's slug before a headline ("Urgent:",
// "Roundup:", "China Focus:"), which is not part of it.
var slugWords = map[string]bool{"urgent": true, "roundup": true, "update": true, "feature": true,
	"interview": true, "analysis": true, "exclusive": true, "focus": true, "factbox": true,
	"breaking": true, "flash": true, "newsalert": true, "commentary": true, "profile": true,
	"spotlight": true, "eds": true, "backgrounder": true, "wrapup": true, "correction": true}

// stripSlug removes a slug of at most three words before a colon whose
// first or last word is a slug word.
func stripSlug(s string) string {
	head, rest, ok := strings.Cut(s, ":")
	if !ok || strings.TrimSpace(rest) == "" {
		return s
	}
	f := strings.Fields(head)
	if len(f) == 0 || len(f) > 3 {
		return s
	}
	if slugWords[strings.ToLower(f[0])] || slugWords[strings.ToLower(f[len(f)-1])] {
		return strings.TrimSpace(rest)
	}
	return s
}

// leadTitle compresses the first lead sentence of a whose subject is a
// participant; "" when there is none.
func leadTitle(a *storyline.Article, participants []storyline.EntityRef, place *storyline.EntityRef) string {
	byID := map[string]storyline.EntityRef{}
	for _, p := range participants {
		if p.Type == storyline.PER || p.Type == storyline.ORG {
			byID[p.ID] = p
		}
	}
	end := leadEnd(a)
	for i, m := range a.Entities {
		if m.Start >= end {
			break
		}
		p, ok := byID[m.Entity]
		if !ok {
			continue
		}
		// The mention must be the subject: the next word is a verb, not
		// more of a noun phrase ("Blinken met", "Blinken, the ..., met").
		send := sentenceEnd(a, m.Start)
		if m.Start < 0 || m.End > send || m.End > len(a.Text) {
			continue // a mention across a sentence's end (or out of the text) starts no title
		}
		rest := skipApposition(a.Text[m.End:send], a.Text[:m.Start])
		off := send - len(rest)
		words, pend := predicate(rest, a, off)
		if len(words) == 0 || !isVerb(words[0]) || groupNouns[strings.ToLower(words[0])] {
			continue // not a verb: "United Nations peacekeepers in Darfur"
		}
		words, said := attributed(headlineVerb(words))
		if words = trimWords(words); !said || len(words) == 0 || len(words) == 1 && attributionVerbs[words[0]] {
			continue
		}
		// Wire copy's "here" is its dateline's place.
		datelined := place != nil && a.Dateline != "" && strings.HasPrefix(strings.ToLower(a.Dateline), strings.ToLower(place.Name))
		if k := slices.Index(words, "here"); k >= 0 && datelined {
			words = slices.Replace(words, k, k+1, "in", place.Name)
		} else if k >= 0 && len(words) > 2 {
			words = slices.Delete(words, k, k+1) // "here" without a dateline says nothing
		}
		title := shortName(p) + " " + strings.Join(words, " ")
		if place != nil && place.Place != nil && (place.Place.Kind == "city" || place.Place.Kind == "region") &&
			(datelined || mentions(a, place.ID, end)) && !namesPlace(a, off, pend, i) && !strings.Contains(title, place.Name) {
			title += " in " + place.Name
		}
		return title
	}
	return ""
}

// groupNouns are plural nouns that follow a name in news ("NATO troops",
// "UN officials", "ANC members"), which isVerb would take for verbs in -s;
// none is also a verb.
var groupNouns = map[string]bool{"members": true, "troops": true, "officials": true, "leaders": true,
	"workers": true, "soldiers": true, "peacekeepers": true, "headquarters": true, "communities": true,
	"residents": true, "authorities": true, "supporters": true, "ministers": true, "lawmakers": true,
	"legislators": true, "rebels": true, "militants": true, "fighters": true, "sources": true,
	"spokesmen": true, "delegates": true, "diplomats": true, "experts": true, "citizens": true,
	"nationals": true, "farmers": true, "students": true, "fans": true, "players": true, "victims": true,
	"villagers": true, "protesters": true, "demonstrators": true, "investors": true, "analysts": true,
	"companies": true, "countries": true, "nations": true, "employees": true, "guerrillas": true,
	"prices": true, "stocks": true}

// attributionVerbs report what someone said; what they said follows.
var attributionVerbs = map[string]bool{"says": true, "tells": true, "reports": true, "states": true,
	"adds": true, "announces": true, "warns": true, "claims": true, "insists": true}

// attributed keeps what is said, not where or how, after an attribution
// verb: "says in a statement that the talks failed" → "says the talks
// failed"; "says more than 1,000 people were killed" stays. ok is false
// when the words do not say what was said: no "that" and a preposition
// right after the verb ("says in Ankara", "…, the minister said on
// Friday": what was said came before the speaker), or "tells" someone
// without "that".
func attributed(words []string) (_ []string, ok bool) {
	if len(words) == 0 || !attributionVerbs[strings.ToLower(words[0])] {
		return words, true
	}
	for i, w := range words[1:min(len(words), 8)] {
		if strings.EqualFold(w, "that") {
			if i+2 < len(words) && hasVerb(words[i+2:]) {
				return append([]string{words[0]}, words[i+2:]...), true
			}
			break
		}
	}
	if len(words) < 4 || strings.EqualFold(words[0], "tells") || trailingWords[strings.ToLower(words[1])] ||
		timePrepositions[strings.ToLower(words[1])] || !hasVerb(words[1:]) {
		return words, false
	}
	return words, true
}

// modals start a verb group as auxiliaries do.
var modals = map[string]bool{"can": true, "could": true, "may": true, "might": true, "must": true,
	"shall": true, "should": true, "would": true, "will": true}

// hasVerb tells whether what was said has a verb: "the talks failed", not
// "the European Union" (a clause cut short).
func hasVerb(words []string) bool {
	for i, w := range words {
		l := strings.ToLower(w)
		if modals[l] || auxiliaries[l] || isVerb(w) && (!strings.HasSuffix(l, "s") || i > 0 && subjects[strings.ToLower(words[i-1])]) {
			return true
		}
	}
	return false
}

// subjects before a word in -s make it a verb ("it expects").
var subjects = map[string]bool{"it": true, "he": true, "she": true, "this": true, "which": true, "who": true}

// sentenceEnd is the end of the sentence of a holding offset at.
func sentenceEnd(a *storyline.Article, at int) int {
	for _, s := range a.SentenceDates {
		if at >= s.Start && at < s.End {
			return s.End
		}
	}
	if i := strings.IndexAny(a.Text[at:], ".!?\n"); i >= 0 {
		return at + i
	}
	return len(a.Text)
}

// skipApposition skips ", the country's prime minister," after a subject
// that an apposition follows, and the comma closing "The secretary, Antony
// Blinken, continued" (before ends with a comma).
func skipApposition(rest, before string) string {
	t := strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(t, ",") {
		return rest
	}
	if strings.HasSuffix(strings.TrimRight(before, " "), ",") {
		return t[1:]
	}
	if j := strings.Index(t[1:], ","); j >= 0 && j < 80 {
		return t[j+2:]
	}
	return rest
}

// boundaryWords end the predicate of a title: what follows them is a
// circumstance, a purpose or an attribution.
var boundaryWords = map[string]bool{
	"as": true, "after": true, "while": true, "amid": true, "where": true, "which": true, "who": true,
	"because": true, "since": true, "saying": true, "according": true, "although": true, "though": true,
	"before": true, "when": true, "following": true, "aimed": true, "aiming": true, "hoping": true,
	"the": false,
}

// timePrepositions go with the time expression they introduce.
var timePrepositions = map[string]bool{"on": true, "in": true, "at": true, "by": true, "during": true,
	"since": true, "until": true, "from": true, "this": true, "last": true, "next": true, "the": true,
	"for": true, "to": true, "over": true, "within": true, "through": true, "throughout": true, "of": true}

// trailingWords are not left at the end of a title.
var trailingWords = map[string]bool{
	"of": true, "the": true, "a": true, "an": true, "to": true, "and": true, "with": true, "in": true,
	"for": true, "on": true, "by": true, "at": true, "his": true, "her": true, "its": true, "their": true,
	"from": true, "that": true, "or": true, "but": true,
}

// predicate returns the words of rest (which starts at offset off in a's
// text) up to the first clause boundary, without time expressions and the
// preposition before them, at most maxPredicateWords, and the offset in
// a's text where the last word ends.
func predicate(rest string, a *storyline.Article, off int) ([]string, int) {
	var words []string
	var ends []int
	afterTimex := -1 // index of the word after the last time expression
	i := 0
	for i < len(rest) {
		r, size := utf8.DecodeRuneInString(rest[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if strings.ContainsRune("\"“”", r) && len(words) > 0 {
			i += size // a quoted phrase inside the predicate is read through: made a "monumental mistake"
			continue
		}
		if strings.ContainsRune(",;:()[]—–\"“”.!?", r) || (r == '-' && i+1 < len(rest) && rest[i+1] == ' ') {
			if r == ',' && len(words) > 0 && i+1 < len(rest) && isDigit(rest[i+1]) && isDigit(rest[i-1]) {
				// "1,000": one number
				i++
				continue
			}
			break
		}
		if t, ok := timexAt(a, off+i); ok {
			// The preposition before a time expression goes with it, and so
			// does a word between two ("for [the three months] to [December]").
			for n := len(words); n > 0 && (timePrepositions[strings.ToLower(words[n-1])] || n-1 == afterTimex); n = len(words) {
				words, ends = words[:n-1], ends[:n-1]
			}
			i = t.End - off
			afterTimex = len(words)
			continue
		}
		j := i
		for j < len(rest) {
			r, size := utf8.DecodeRuneInString(rest[j:])
			if unicode.IsSpace(r) || strings.ContainsRune(",;:()[]—–\"“”!?", r) || (r == '.' && (j+1 == len(rest) || rest[j+1] == ' ')) {
				if r == ',' && j > i && j+1 < len(rest) && isDigit(rest[j-1]) && isDigit(rest[j+1]) {
					j++ // "1,000"
					continue
				}
				break
			}
			j += size
		}
		w := rest[i:j]
		if boundaryWords[strings.ToLower(w)] && len(words) > 1 {
			break
		}
		words, ends = append(words, w), append(ends, off+j)
		i = j
		if len(words) == maxPredicateWords {
			break
		}
	}
	if len(ends) == 0 {
		return nil, off
	}
	return words, ends[len(ends)-1]
}

// trimWords caps a title's words at maxTitleWords and drops function
// words left at the end.
func trimWords(words []string) []string {
	if len(words) > maxTitleWords+1 {
		words = words[:maxTitleWords+1]
	}
	for len(words) > 1 && trailingWords[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	return words
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// timexAt returns the time expression of a that starts at offset at.
func timexAt(a *storyline.Article, at int) (storyline.Timex, bool) {
	for _, t := range a.Timexes {
		if t.Start == at {
			return t, true
		}
	}
	return storyline.Timex{}, false
}

// namesPlace tells whether a LOC mention lies in [start, end) after the
// subject mention i.
func namesPlace(a *storyline.Article, start, end, i int) bool {
	for _, m := range a.Entities[i+1:] {
		if m.Start >= end {
			break
		}
		if m.Start >= start && m.Type == storyline.LOC {
			return true
		}
	}
	return false
}

// mentions tells whether a mentions entity id before offset end.
func mentions(a *storyline.Article, id string, end int) bool {
	for _, m := range a.Entities {
		if m.Start >= end {
			break
		}
		if m.Entity == id {
			return true
		}
	}
	return false
}

// shortName is how a headline names an entity: a person by the last word
// of their name ("Blinken", "el-Sisi"), anything else by its name.
func shortName(p storyline.EntityRef) string {
	f := strings.Fields(p.Name)
	for len(f) > 1 && timeWords[strings.ToLower(f[len(f)-1])] {
		f = f[:len(f)-1] // "Jacob Zuma Tuesday", a tagger's slip
	}
	if len(f) == 0 {
		return p.Name
	}
	if p.Type != storyline.PER {
		return strings.Join(f, " ")
	}
	return f[len(f)-1]
}

// timeWords are the weekdays and months, which end no name.
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
}

// clipWords keeps the first n words of s.
func clipWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}
