package eval

import (
	"regexp"
	"strings"
	"sync"
)

// rougeStem is the Porter stemmer as ROUGE-1.5.5's Perl port has it,
// which differs from Porter (1980) and cluster.Stem in two ways: its
// step 4 tries "-ment" and then "-ent" after the other suffixes, in
// turn, so that "agreement" is "agreem" and "governmental" "govern"; and
// it stems any token, digits included ("1960s" is "1960"). Words of one
// or two characters are returned unchanged.
func rougeStem(w string) string {
	if len(w) < 3 {
		return w
	}
	stemCache.Lock()
	s, ok := stemCache.m[w]
	stemCache.Unlock()
	if ok {
		return s
	}
	s = portStem(w)
	stemCache.Lock()
	stemCache.m[w] = s
	stemCache.Unlock()
	return s
}

var stemCache = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

// The patterns of ROUGE-1.5.5's stemmer: c a consonant, v a vowel, C a
// consonant sequence, V a vowel sequence; mgr0 is a measure above 0,
// meq1 a measure of 1, mgr1 above 1, hasV a vowel in the stem. An initial
// y is written Y, which is neither.
const (
	stC = `[^aeiou][^aeiouy]*`
	stV = `[aeiouy][aeiou]*`
)

var (
	mgr0 = regexp.MustCompile(`^(` + stC + `)?` + stV + stC)
	meq1 = regexp.MustCompile(`^(` + stC + `)?` + stV + stC + `(` + stV + `)?$`)
	mgr1 = regexp.MustCompile(`^(` + stC + `)?` + stV + stC + stV + stC)
	hasV = regexp.MustCompile(`^(` + stC + `)?[aeiouy]`)
	cvcE = regexp.MustCompile(`^` + stC + `[aeiouy][^aeiouwxy]$`)

	step2Re = regexp.MustCompile(`(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$`)
	step3Re = regexp.MustCompile(`(icate|ative|alize|iciti|ical|ful|ness)$`)
	step4Re = regexp.MustCompile(`(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$`)

	step2Map = map[string]string{"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance",
		"izer": "ize", "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
		"ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
		"fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log"}
	step3Map = map[string]string{"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic",
		"ful": "", "ness": ""}
)

// longest returns the longest suffix of w that re (an alternation
// anchored at the end) matches, as Perl's leftmost match finds it.
func longest(re *regexp.Regexp, w string) (string, bool) {
	loc := re.FindStringIndex(w)
	if loc == nil {
		return "", false
	}
	return w[loc[0]:], true
}

func portStem(w string) string {
	y := w[0] == 'y'
	if y {
		w = "Y" + w[1:]
	}
	// step 1a
	switch {
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ies"):
		w = w[:len(w)-2]
	case len(w) >= 2 && w[len(w)-1] == 's' && w[len(w)-2] != 's':
		w = w[:len(w)-1]
	}
	// step 1b
	if strings.HasSuffix(w, "eed") {
		if mgr0.MatchString(w[:len(w)-3]) {
			w = w[:len(w)-1]
		}
	} else if suf := edIng(w); suf != "" {
		if stem := w[:len(w)-len(suf)]; hasV.MatchString(stem) {
			w = stem
			n := len(w)
			switch {
			case strings.HasSuffix(w, "at"), strings.HasSuffix(w, "bl"), strings.HasSuffix(w, "iz"):
				w += "e"
			case n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])):
				w = w[:n-1]
			case cvcE.MatchString(w):
				w += "e"
			}
		}
	}
	// step 1c
	if strings.HasSuffix(w, "y") && hasV.MatchString(w[:len(w)-1]) {
		w = w[:len(w)-1] + "i"
	}
	// steps 2 and 3
	if suf, ok := longest(step2Re, w); ok && mgr0.MatchString(w[:len(w)-len(suf)]) {
		w = w[:len(w)-len(suf)] + step2Map[suf]
	}
	if suf, ok := longest(step3Re, w); ok && mgr0.MatchString(w[:len(w)-len(suf)]) {
		w = w[:len(w)-len(suf)] + step3Map[suf]
	}
	// step 4, with ROUGE's "-ment" and "-ent" in turn
	if suf, ok := longest(step4Re, w); ok && mgr1.MatchString(w[:len(w)-len(suf)]) {
		w = w[:len(w)-len(suf)]
	}
	if strings.HasSuffix(w, "ment") && mgr1.MatchString(w[:len(w)-4]) {
		w = w[:len(w)-4]
	}
	if strings.HasSuffix(w, "ent") {
		if mgr1.MatchString(w[:len(w)-3]) {
			w = w[:len(w)-3]
		}
	} else if strings.HasSuffix(w, "sion") || strings.HasSuffix(w, "tion") {
		if stem := w[:len(w)-3]; mgr1.MatchString(stem) {
			w = stem
		}
	}
	// step 5
	if strings.HasSuffix(w, "e") {
		stem := w[:len(w)-1]
		if mgr1.MatchString(stem) || meq1.MatchString(stem) && !cvcE.MatchString(stem) {
			w = stem
		}
	}
	if strings.HasSuffix(w, "ll") && mgr1.MatchString(w) {
		w = w[:len(w)-1]
	}
	if y {
		w = "y" + w[1:]
	}
	return w
}

// edIng returns the "ed" or "ing" w ends with, or "".
func edIng(w string) string {
	switch {
	case strings.HasSuffix(w, "ed"):
		return "ed"
	case strings.HasSuffix(w, "ing"):
		return "ing"
	}
	return ""
}
