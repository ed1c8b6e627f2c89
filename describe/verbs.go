package describe

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strings"
	"sync"
)

// irregular maps the past tense (and some participles) of common
// irregular English verbs to their third person present.
var irregular = map[string]string{
	"met": "meets", "began": "begins", "begun": "begins", "said": "says", "held": "holds", "made": "makes",
	"took": "takes", "taken": "takes", "gave": "gives", "given": "gives", "went": "goes", "gone": "goes",
	"came": "comes", "saw": "sees", "seen": "sees", "told": "tells", "left": "leaves", "got": "gets",
	"found": "finds", "sent": "sends", "spoke": "speaks", "spoken": "speaks", "struck": "strikes",
	"hit": "hits", "shot": "shoots", "fell": "falls", "fallen": "falls", "won": "wins", "lost": "loses",
	"led": "leads", "fled": "flees", "flew": "flies", "flown": "flies", "brought": "brings",
	"bought": "buys", "sold": "sells", "built": "builds", "broke": "breaks", "broken": "breaks",
	"chose": "chooses", "chosen": "chooses", "drew": "draws", "drove": "drives", "ran": "runs",
	"rose": "rises", "risen": "rises", "set": "sets", "put": "puts", "cut": "cuts", "kept": "keeps",
	"paid": "pays", "stood": "stands", "sought": "seeks", "thought": "thinks", "wrote": "writes",
	"written": "writes", "became": "becomes", "knew": "knows", "known": "knows", "grew": "grows",
	"threw": "throws", "caught": "catches", "fought": "fights", "laid": "lays", "lay": "lies",
	"swore": "swears", "sworn": "swears", "shook": "shakes", "sank": "sinks", "spent": "spends",
	"felt": "feels", "heard": "hears", "meant": "means", "stole": "steals", "forgot": "forgets",
	"withdrew": "withdraws", "undertook": "undertakes", "overtook": "overtakes", "upheld": "upholds",
}

// auxiliaries start a verb group; their next word is the verb.
var auxiliaries = map[string]bool{
	"was": true, "were": true, "is": true, "are": true, "has": true, "have": true, "had": true,
	"will": true, "would": true,
}

// headlineVerb puts the verb group that starts words in a headline's
// tense: "met" → "meets", "has met" → "meets", "was killed" → "killed"
// (the headline passive), "will visit" → "to visit".
func headlineVerb(words []string) []string {
	switch strings.ToLower(words[0]) {
	case "was", "were", "is", "are":
		return words[1:]
	case "has", "have", "had":
		if len(words) > 1 {
			words = words[1:]
		}
		if strings.EqualFold(words[0], "been") { // "has been found" → "found"
			return words[1:]
		}
		words[0] = presentTense(words[0])
		return words
	case "will", "would":
		words[0] = "to"
		return words
	}
	words[0] = presentTense(words[0])
	return words
}

// isVerb tells whether w can start a verb group: an auxiliary, an
// irregular past, a regular past (-ed) or a present third person (-s)
// form. Nouns in -s pass too; the callers take that risk.
func isVerb(w string) bool {
	l := strings.ToLower(w)
	if auxiliaries[l] {
		return true
	}
	if _, ok := irregular[l]; ok {
		return true
	}
	if !isLowerWord(w) {
		return false
	}
	return strings.HasSuffix(l, "ed") || (strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") && len(l) > 3)
}

func isLowerWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if (r < 'a' || r > 'z') && r != '-' {
			return false
		}
	}
	return true
}

// presentTense turns a past-tense verb into the headline's present
// ("met" → "meets", "arrived" → "arrives", "carried" → "carries"). A
// regular past takes the present, of those its spelling allows, that news
// text uses (newsWords: "declined" → "declines", not "declins"), else the
// one whose base news text uses ("sacked": "sack", not "sacke"), else the
// one its spelling suggests (guessPresent). Any other word is returned as
// it is.
func presentTense(w string) string {
	l := strings.ToLower(w)
	if p, ok := irregular[l]; ok {
		return p
	}
	if !strings.HasSuffix(l, "ed") || len(l) < 5 {
		return w
	}
	switch {
	case strings.HasSuffix(l, "eed"): // agreed
		return l[:len(l)-1] + "s"
	case strings.HasSuffix(l, "ied"): // carried
		return l[:len(l)-3] + "ies"
	case strings.HasSuffix(l, "yed"): // played
		return l[:len(l)-2] + "s"
	}
	stem := l[:len(l)-2]
	known := newsWords()
	for _, c := range presentForms(stem) {
		if known[c] {
			return c
		}
	}
	switch withE, without := known[stem+"e"], known[stem]; {
	case withE && !without:
		return stem + "es"
	case without && !withE && sibilant(stem):
		return stem + "es" // publish
	case without && !withE:
		return stem + "s"
	}
	return guessPresent(w, stem)
}

// presentForms are the present third persons a regular past's stem
// ("stopp", "declin", "reach") may have, the likeliest first.
func presentForms(stem string) []string {
	n := len(stem)
	last, prev := stem[n-1], stem[n-2]
	var out []string
	if last == prev && !strings.ContainsRune("lsfz", rune(last)) {
		out = append(out, stem[:n-1]+"s") // stopped
	}
	if sibilant(stem) {
		out = append(out, stem+"es") // reached, pushed, fixed, discussed
	}
	return append(out, stem+"es", stem+"s") // declined, warned
}

// sibilant tells whether a verb's base ends in a sound that takes -es.
func sibilant(base string) bool {
	return strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "x") ||
		strings.HasSuffix(base, "ss")
}

//go:embed words.txt.gz
var wordsGz []byte

// newsWords is the set of lowercase words that news text uses
// (words.txt.gz, written by describe/internal/buildwords).
var newsWords = sync.OnceValue(func() map[string]bool {
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		panic("describe: words.txt.gz: " + err.Error()) // embedded: a build error
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic("describe: words.txt.gz: " + err.Error())
	}
	out := map[string]bool{}
	for _, w := range strings.Fields(string(b)) {
		out[w] = true
	}
	return out
})

// guessPresent is the present of a regular past that news text does not
// show, by its spelling; w itself when the spelling cannot tell.
func guessPresent(w, stem string) string {
	n := len(stem)
	last, prev := stem[n-1], stem[n-2]
	if last == 'r' && (prev == 'o' || prev == 'u') {
		return w // scored, honored, secured, poured: the base may or may not end in e
	}
	switch {
	case last == prev && !strings.ContainsRune("lsfz", rune(last)): // stopped
		return stem[:n-1] + "s"
	case sibilant(stem):
		return stem + "es" // reached, pushed, fixed, discussed
	case strings.ContainsRune("vczu", rune(last)), // arrived, announced, seized, continued
		last == 'g' && prev != 'n' && prev != 'g',                  // urged, charged (not signed)
		last == 's' && isVowel(prev),                               // closed, caused, used
		last == 'r' && strings.ContainsRune("ai", rune(prev)),      // declared, fired
		last == 't' && strings.ContainsRune("auo", rune(prev)),     // created, executed, voted
		last == 'd' && strings.ContainsRune("iu", rune(prev)),      // decided, included
		last == 'm' && prev == 'a',                                 // named
		last == 'k' && prev == 'o' && n > 3 && stem[n-3] != 'o',    // invoked (not looked)
		last == 'l' && prev == 'a' && n > 3 && !isVowel(stem[n-3]): // scaled (not sealed)
		return stem + "es"
	}
	return stem + "s"
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }
