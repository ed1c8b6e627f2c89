package timex

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tWord = iota + 1
	tNum
	tPunct
)

// tok is a word, number or punctuation token of the text.
type tok struct {
	s, e   int    // byte offsets in the text, end exclusive
	lo     string // lowercased text of the token (ASCII letters folded)
	kind   uint8
	cap    bool // first letter is upper case
	n      int  // integer value of a plain number token (-1 when not one)
	digits int  // count of leading digits of a number token
	suffix string
}

// asciiLower folds ASCII upper-case letters, keeping byte offsets.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// tokenize splits text into tokens; lower is asciiLower(text).
func tokenize(text, lower string, toks []tok) []tok {
	n := len(text)
	i := 0
	for i < n {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\n':
			toks = append(toks, tok{s: i, e: i + 1, lo: "\n", kind: tPunct, n: -1})
			i++
		case isDigit(c):
			j := i
			for j < n && isDigit(text[j]) {
				j++
			}
			digits := j - i
			plain := true
			for j+1 < n && (text[j] == ',' || text[j] == '.' || text[j] == ':' || text[j] == '/') && isDigit(text[j+1]) {
				plain = false
				j++
				for j < n && isDigit(text[j]) {
					j++
				}
			}
			k := j
			for k < n && isLetter(text[k]) {
				k++
			}
			t := tok{s: i, e: k, lo: lower[i:k], kind: tNum, n: -1, digits: digits, suffix: lower[j:k]}
			if plain && digits <= 9 {
				v := 0
				for _, d := range text[i : i+digits] {
					v = v*10 + int(d-'0')
				}
				t.n = v
			}
			toks = append(toks, t)
			i = k
		case isLetter(c) || c >= utf8.RuneSelf:
			j := i
			for j < n {
				b := text[j]
				if isLetter(b) || isDigit(b) {
					j++
					continue
				}
				if b >= utf8.RuneSelf {
					r, size := utf8.DecodeRuneInString(text[j:])
					if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
						j += size
						continue
					}
				}
				break
			}
			if j == i { // a non-letter rune: punctuation
				_, size := utf8.DecodeRuneInString(text[i:])
				toks = append(toks, tok{s: i, e: i + size, lo: lower[i : i+size], kind: tPunct, n: -1})
				i += size
				continue
			}
			// a.m. and p.m.
			if j == i+1 && (lower[i] == 'a' || lower[i] == 'p') && j+1 < n && text[j] == '.' && lower[j+1] == 'm' &&
				(j+2 >= n || !isLetter(text[j+2])) {
				j += 2
				if j < n && text[j] == '.' {
					j++
				}
			}
			toks = append(toks, tok{s: i, e: j, lo: lower[i:j], kind: tWord, cap: c >= 'A' && c <= 'Z', n: -1})
			i = j
		default:
			toks = append(toks, tok{s: i, e: i + 1, lo: lower[i : i+1], kind: tPunct, n: -1})
			i++
		}
	}
	return toks
}
