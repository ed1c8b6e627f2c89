package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits text into PTB-like tokens that look like CoNLL-2003
// tokens. The rules, in order:
//
//   - Quotes are normalised first: “ ” „ “ ” become ", and ‘ ’ ‛ become '
//     (so "don’t" is treated as "don't"). Dashes — and – are spaced out.
//   - The text is split on white space.
//   - Leading ( [ { " ' $ and trailing , ; : ! ? ) ] } " ' % are split off
//     one character at a time, as is a trailing "..." (kept as one token).
//   - A trailing "." is split off unless the word is an abbreviation: it has
//     an inner dot (U.S., p.m., a.m.), is a single letter (initials: W.),
//     or is in a short list of titles, months and company words (Mr., Jan.,
//     Corp., Inc., St., ...).
//   - The clitics 's 're 've 'll 'd 'm (any case) and n't are split off the
//     end of a word ("Dow's" → Dow 's, "don't" → do n't, "can't" → ca n't).
//   - Everything inside a word is kept: numbers with , . : - / inside
//     (27,478 2024-02-06 9:36 1.175), hyphenated words (el-Sisi), e-mail
//     addresses and URLs.
//
// Case is kept.
func Tokenize(text string) []string {
	text = quoteReplacer.Replace(text)
	var out []string
	for _, f := range strings.Fields(text) {
		out = splitWord(out, f)
	}
	return out
}

var quoteReplacer = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "``", `"`, "''", `"`, "«", `"`, "»", `"`,
	"‘", "'", "’", "'", "‛", "'",
	"—", " — ", "–", " – ", "\u00a0", " ",
)

const (
	leadPunct  = `([{"'$`
	trailPunct = `,;:!?)]}"'%`
)

var abbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`Mr Mrs Ms Dr Prof Jr Sr St Mt Gov Gen Sen Rep Lt Col
		Maj Capt Sgt Adm Cmdr Rev Hon Pres Supt Insp Det Fr Gov
		Inc Corp Co Ltd Bros Cos Plc Dept Univ Assn Ave Blvd Rd No Nos vs
		Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
		Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass
		Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo
		etc approx est vol pp ft`) {
		abbreviations[a] = true
	}
}

var clitics = []string{"'s", "'re", "'ve", "'ll", "'d", "'m"}

func splitWord(out []string, w string) []string {
	// Leading punctuation.
	for len(w) > 1 && strings.IndexByte(leadPunct, w[0]) >= 0 {
		out = append(out, w[:1])
		w = w[1:]
	}
	// Trailing punctuation, collected in reverse.
	var tail []string
	for len(w) > 1 {
		if strings.HasSuffix(w, "...") && len(w) > 3 {
			tail = append(tail, "...")
			w = w[:len(w)-3]
			continue
		}
		last := w[len(w)-1]
		if strings.IndexByte(trailPunct, last) >= 0 {
			// A final ' after s is a plural possessive: investors'.
			tail = append(tail, w[len(w)-1:])
			w = w[:len(w)-1]
			continue
		}
		if last == '.' && !isAbbreviation(w) {
			tail = append(tail, ".")
			w = w[:len(w)-1]
			continue
		}
		break
	}
	// Clitics.
	lw := strings.ToLower(w)
	switch {
	case len(w) > 3 && strings.HasSuffix(lw, "n't"):
		out = append(out, w[:len(w)-3], w[len(w)-3:])
	default:
		split := false
		for _, c := range clitics {
			if len(w) > len(c) && strings.HasSuffix(lw, c) {
				out = append(out, w[:len(w)-len(c)], w[len(w)-len(c):])
				split = true
				break
			}
		}
		if !split && w != "" {
			out = append(out, w)
		}
	}
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}

// isAbbreviation reports whether w, ending in ".", keeps its dot.
func isAbbreviation(w string) bool {
	stem := w[:len(w)-1]
	if stem == "" {
		return false
	}
	if strings.Contains(stem, ".") {
		// U.S. p.m. but not "end...": every dot must follow a letter.
		for i := 0; i < len(stem); i++ {
			if stem[i] == '.' && (i == 0 || stem[i-1] == '.') {
				return false
			}
		}
		r, _ := utf8.DecodeRuneInString(stem)
		return unicode.IsLetter(r)
	}
	if utf8.RuneCountInString(stem) == 1 {
		r, _ := utf8.DecodeRuneInString(stem)
		return unicode.IsUpper(r)
	}
	return abbreviations[stem]
}
