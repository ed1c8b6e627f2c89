package describe

import "strings"

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
// ("met" → "meets", "arrived" → "arrives", "carried" → "carries"); a
// form whose base it cannot tell ("scored": score or scor?) and any other
// word are returned as they are.
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
	n := len(stem)
	last, prev := stem[n-1], stem[n-2]
	if last == 'r' && (prev == 'o' || prev == 'u') {
		return w // scored, honored, secured, poured: the base may or may not end in e
	}
	switch {
	case last == prev && !strings.ContainsRune("lsfz", rune(last)): // stopped
		return stem[:n-1] + "s"
	case strings.HasSuffix(stem, "ch"), strings.HasSuffix(stem, "sh"), last == 'x', strings.HasSuffix(stem, "ss"):
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
