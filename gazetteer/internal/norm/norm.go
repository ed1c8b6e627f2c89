// Package norm turns place names into lookup keys. The build tool and the
// gazetteer share it so that keys written at build time match keys made at
// lookup time.
package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// special maps letters that do not decompose into a base letter and a mark.
var special = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th",
	'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t",
}

// Key returns the lookup key of a name: case-folded, diacritics removed,
// apostrophes and full stops dropped ("U.S." → "us", "Côte d'Ivoire" →
// "cote divoire"), other punctuation and hyphens turned into single spaces,
// "&" into "and", and a leading "the" dropped.
func Key(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r == '\'' || r == '.' || r == '’' || r == '‘' || r == 'ʻ' || r == 'ʼ' || r == '`' || r == '´':
			continue
		case r == '&':
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("and")
			space = true
			continue
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if rep, ok := special[r]; ok {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteString(rep)
				continue
			}
			r = unicode.ToLower(r)
		default:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	k := b.String()
	if strings.HasPrefix(k, "the ") {
		k = k[4:]
	}
	return k
}

// Latin reports whether every letter of s is in the Latin script.
func Latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// Words counts the space-separated words of a key.
func Words(key string) int {
	if key == "" {
		return 0
	}
	return strings.Count(key, " ") + 1
}
