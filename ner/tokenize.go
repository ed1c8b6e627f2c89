package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a token of a text: Text is text[Start:End] (UTF-8 byte
// offsets, end exclusive).
type Token struct {
	Text       string
	Start, End int
}

// Tokenize splits text into sentences of tokens, in the manner of the
// Penn Treebank and CoNLL-2003: punctuation apart ("(", ",", "."), clitics
// apart ("Blinken's" → "Blinken" "'s", "don't" → "do" "n't"), currency
// symbols and % apart, but abbreviations ("U.S.", "p.m.", "Inc."),
// numbers ("27,478", "2024-02-06", "1:30"), and hyphenated words
// ("el-Sisi") whole. A line break always ends a sentence; within a line a
// sentence ends after ".", "!" or "?" (and any closing quotes or
// brackets) when the next token starts with a capital letter, a digit or
// an opening quote. Text that is already tokenised with single spaces
// (CoNLL-2003) keeps its tokens.
func Tokenize(text string) [][]Token {
	var sents [][]Token
	var cur []Token
	flush := func() {
		if len(cur) > 0 {
			sents = append(sents, cur)
			cur = nil
		}
	}
	i := 0
	for i < len(text) {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || r == '\r' || r == '\u2029' || r == '\u2028' {
			flush()
			i += sz
			continue
		}
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || (r == utf8.RuneError && sz == 1) {
			i += sz
			continue
		}
		j := i
		for j < len(text) {
			r, sz := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || (r == utf8.RuneError && sz == 1) {
				break
			}
			j += sz
		}
		n := len(cur)
		if len(cur) == 0 && isListNumber(text[i:j]) {
			// "1." opening a line of a ranking or a list
			cur = append(cur, Token{text[i:j], i, j})
		} else {
			cur = splitChunk(cur, text, i, j)
		}
		// sentence boundary inside the line: after the chunk's final
		// punctuation, when the next chunk looks like a sentence start
		if len(cur) > n && endsSentence(cur[n:]) && startsSentence(text, j) {
			flush()
		}
		i = j
	}
	flush()
	return sents
}

// endsSentence reports whether the tokens of a chunk end with sentence-
// final punctuation, possibly followed by closing quotes or brackets.
func endsSentence(toks []Token) bool {
	k := len(toks) - 1
	for k >= 0 && isCloser(toks[k].Text) {
		k--
	}
	if k < 0 {
		return false
	}
	switch toks[k].Text {
	case ".", "!", "?", "...", "…", "?!", "!!", "??":
		return k > 0 || len(toks) == 1
	}
	return false
}

func isCloser(s string) bool {
	switch s {
	case "\"", "'", "”", "’", ")", "]", "}", "''", "»":
		return true
	}
	return false
}

// startsSentence reports whether the text after position j (skipping
// spaces, not line breaks) starts like a sentence.
func startsSentence(text string, j int) bool {
	for j < len(text) {
		r, sz := utf8.DecodeRuneInString(text[j:])
		if r == '\n' {
			return false // the line break ends the sentence anyway
		}
		if !unicode.IsSpace(r) {
			return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'(`[", r)
		}
		j += sz
	}
	return false
}

// nextNonSpace returns the first rune after position j, skipping spaces.
func nextNonSpace(text string, j int) rune {
	for j < len(text) {
		r, sz := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r) || r == '\n' {
			return r
		}
		j += sz
	}
	return 0
}

var clitics = []string{"'s", "'S", "'re", "'RE", "'ve", "'VE", "'ll", "'LL", "'d", "'D", "'m", "'M",
	"’s", "’S", "’re", "’ve", "’ll", "’d", "’m"}

// abbreviations keep their final period.
var abbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm maj
	gov sen rep rev hon pres supt insp det cpl pvt brig
	inc corp co ltd bros plc llc lp cie dept univ assn intl
	jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
	no nos vs v etc al approx est fig vol pp ed eds op cf ca
	ave blvd rd hwy mts
	ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa penn tenn tex va vt wash wis wisc wyo
	u.s a.m p.m`) {
		abbreviations[a] = true
	}
}

// isAbbrev reports whether w (with its final period) keeps the period:
// a known abbreviation, letters separated by periods (U.S., p.m.), a
// single capital letter (J.), or a period before a lower-case word or a
// comma (a period that does not end the sentence).
func isAbbrev(w string, text string, end int) bool {
	base := w[:len(w)-1]
	if base == "" {
		return false
	}
	if abbreviations[strings.ToLower(base)] {
		return true
	}
	// letters and periods alternating: U.S, p.m, U.S.A
	alt := true
	prevLetter := false
	letters := 0
	for _, r := range base {
		if unicode.IsLetter(r) {
			if prevLetter {
				alt = false
				break
			}
			prevLetter = true
			letters++
		} else if r == '.' {
			if !prevLetter {
				alt = false
				break
			}
			prevLetter = false
		} else {
			alt = false
			break
		}
	}
	if alt && letters >= 1 && (letters >= 2 || unicode.IsUpper([]rune(base)[0])) {
		return true
	}
	// the next word starts lower case or is a comma: not a sentence end
	if !strings.ContainsAny(base, "0123456789") || true {
		n := nextNonSpace(text, end)
		if n != 0 && (unicode.IsLower(n) || n == ',' || n == ';') {
			for _, r := range base {
				if !unicode.IsLetter(r) && r != '.' && r != '-' {
					return false
				}
			}
			return true
		}
	}
	return false
}

func isOpener(r rune) bool {
	return strings.ContainsRune("\"“‘`([{«$£€¥#", r)
}

func isTrailer(r rune) bool {
	return strings.ContainsRune("\"”’,;:!?)]}».%…", r)
}

// splitChunk appends the tokens of text[i:j], a run without spaces.
func splitChunk(out []Token, text string, i, j int) []Token {
	chunk := text[i:j]
	// whole-chunk tokens
	if isWholeToken(chunk) {
		return append(out, Token{chunk, i, j})
	}
	// leading openers
	for i < j {
		r, sz := utf8.DecodeRuneInString(text[i:j])
		if r == '\'' || r == '‘' || r == '’' {
			rest := text[i:j]
			if isClitic(rest) || isClitic(strings.TrimRight(rest, ".,;:!?\"”)]")) || isDecadeAbbrev(rest) {
				break
			}
			out = append(out, Token{text[i : i+sz], i, i + sz})
			i += sz
			continue
		}
		if r == '`' && strings.HasPrefix(text[i:j], "``") {
			out = append(out, Token{"``", i, i + 2})
			i += 2
			continue
		}
		if !isOpener(r) || i+sz == j {
			break
		}
		if (r == '$' || r == '£' || r == '€' || r == '#') && i+sz < j {
			n, _ := utf8.DecodeRuneInString(text[i+sz : j])
			if !unicode.IsDigit(n) && r != '$' {
				break
			}
			if r == '$' && unicode.IsLetter(n) {
				break
			}
		}
		out = append(out, Token{text[i : i+sz], i, i + sz})
		i += sz
	}
	if i >= j {
		return out
	}
	// trailing punctuation, collected from the right
	var tail []Token
	for j > i {
		w := text[i:j]
		if isWholeToken(w) {
			break
		}
		r, sz := utf8.DecodeLastRuneInString(w)
		if r == '.' {
			if strings.HasSuffix(w, "...") && len(w) > 3 {
				tail = append(tail, Token{"...", j - 3, j})
				j -= 3
				continue
			}
			if isAbbrev(w, text, j) {
				break
			}
			tail = append(tail, Token{".", j - 1, j})
			j--
			continue
		}
		if r == '\'' && strings.HasSuffix(w, "''") && len(w) > 2 {
			tail = append(tail, Token{"''", j - 2, j})
			j -= 2
			continue
		}
		if r == '\'' || r == '’' {
			// a plural possessive (Reuters') keeps the word, the
			// apostrophe goes apart
			tail = append(tail, Token{text[j-sz : j], j - sz, j})
			j -= sz
			continue
		}
		if r == '%' && j-sz > i {
			tail = append(tail, Token{"%", j - sz, j})
			j -= sz
			continue
		}
		if !isTrailer(r) || j-sz == i {
			break
		}
		tail = append(tail, Token{text[j-sz : j], j - sz, j})
		j -= sz
	}
	out = splitMiddle(out, text, i, j)
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

func isClitic(s string) bool {
	for _, c := range clitics {
		if s == c {
			return true
		}
	}
	return false
}

// isDecadeAbbrev matches '90s and '96.
func isDecadeAbbrev(s string) bool {
	_, sz := utf8.DecodeRuneInString(s)
	s = s[sz:]
	s = strings.TrimRight(s, ".,;:!?\"”)")
	s = strings.TrimSuffix(s, "s")
	if len(s) != 2 {
		return false
	}
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}

// isWholeToken reports whether s is a token as a whole: runs of one
// punctuation character ("...", "--", "-----"), the PTB quote tokens (two
// apostrophes, two backquotes), clitics.
func isWholeToken(s string) bool {
	switch s {
	case "''", "``", "n't", "N'T", "n’t", "-", "'", "\"", "&":
		return true
	}
	if len(s) >= 2 && strings.Count(s, s[:1]) == len(s) && strings.ContainsAny(s[:1], ".-=*_~+#") {
		return true
	}
	return isClitic(s)
}

// isListNumber matches "1." to "99.", which keep their period at the
// start of a line.
func isListNumber(s string) bool {
	if len(s) < 2 || len(s) > 3 || s[len(s)-1] != '.' {
		return false
	}
	for i := 0; i < len(s)-1; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitMiddle splits text[i:j] (no leading or trailing punctuation) at
// clitics, double dashes and em dashes, and appends the pieces.
func splitMiddle(out []Token, text string, i, j int) []Token {
	if i >= j {
		return out
	}
	w := text[i:j]
	// dashes inside: word--word, word—word
	for _, d := range []string{"--", "—", "–"} {
		if k := strings.Index(w, d); k > 0 && k+len(d) < len(w) {
			if d == "–" && isNumberRange(w) {
				continue
			}
			out = splitMiddle(out, text, i, i+k)
			out = append(out, Token{d, i + k, i + k + len(d)})
			return splitMiddle(out, text, i+k+len(d), j)
		} else if k == 0 && len(w) > len(d) {
			out = append(out, Token{d, i, i + len(d)})
			return splitMiddle(out, text, i+len(d), j)
		} else if k > 0 && k+len(d) == len(w) {
			out = splitMiddle(out, text, i, i+k)
			return append(out, Token{d, i + k, j})
		}
	}
	// n't
	lw := strings.ToLower(w)
	if strings.HasSuffix(lw, "n't") && len(w) > 3 {
		return append(out, Token{w[:len(w)-3], i, j - 3}, Token{w[len(w)-3:], j - 3, j})
	}
	if strings.HasSuffix(lw, "n’t") && len(w) > len("n’t") {
		k := len(w) - len("n’t")
		return append(out, Token{w[:k], i, i + k}, Token{w[k:], i + k, j})
	}
	// 's 're 've 'll 'd 'm
	for _, c := range clitics {
		if len(w) > len(c) && strings.HasSuffix(w, c) {
			k := len(w) - len(c)
			r, _ := utf8.DecodeLastRuneInString(w[:k])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
				return append(out, Token{w[:k], i, i + k}, Token{w[k:], i + k, j})
			}
		}
	}
	return append(out, Token{w, i, j})
}

func isNumberRange(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) && r != '–' && r != '.' && r != ',' {
			return false
		}
	}
	return true
}
