package describe

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is a token of a sentence with its byte offsets in the text.
type tok struct {
	s, e int
	text string // lower-cased
	kind byte   // 'w' word, 'n' number, 'p' punctuation or symbol
}

// tokenize splits text[s:e] into words (letters, inner hyphens and
// apostrophes), numbers (digits with inner "," and ".") and single
// punctuation marks or symbols, with offsets in text.
func tokenize(text string, s, e int) []tok {
	var out []tok
	for i := s; i < e; {
		r, n := utf8.DecodeRuneInString(text[i:e])
		switch {
		case unicode.IsSpace(r):
			i += n
		case r >= '0' && r <= '9':
			j := i + 1
			for j < e && (isDigit(text[j]) || (text[j] == ',' || text[j] == '.') && j+1 < e && isDigit(text[j+1])) {
				j++
			}
			out = append(out, tok{i, j, text[i:j], 'n'})
			i = j
		case unicode.IsLetter(r):
			j := i + n
			for j < e {
				r2, n2 := utf8.DecodeRuneInString(text[j:e])
				if unicode.IsLetter(r2) || (r2 == '-' || r2 == '\'' || r2 == '’') && j+n2 < e && isLetterAt(text, j+n2) {
					j += n2
					continue
				}
				break
			}
			out = append(out, tok{i, j, strings.ToLower(text[i:j]), 'w'})
			i = j
		default:
			out = append(out, tok{i, i + n, text[i : i+n], 'p'})
			i += n
		}
	}
	return out
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// quantity is a number found in a sentence, with its qualifier and scale.
type quantity struct {
	first, last int // token indexes of the whole quantity, qualifier included
	num         int // token index of the number
	value       float64
	approx      string
	vague       bool // "hundreds", "thousands"
	unit        string
}

// wordNumbers are cardinal numbers written as words.
var wordNumbers = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
	"ninety": 90, "hundred": 100, "dozen": 12}

// scales multiply the number before them.
var scales = map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"mln": 1e6, "bln": 1e9, "bn": 1e9, "m": 1e6}

// vagueNumbers are plural amounts ("hundreds of"), as their lower bound.
var vagueNumbers = map[string]float64{"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
	"millions": 2e6, "billions": 2e9}

// qualifiers are the words before a number that bound it, longest first,
// with the approximation they name.
var qualifiers = []struct {
	words  []string
	approx string
}{
	{[]string{"no", "fewer", "than"}, "at least"}, {[]string{"no", "less", "than"}, "at least"},
	{[]string{"more", "than"}, "more than"}, {[]string{"greater", "than"}, "more than"},
	{[]string{"at", "least"}, "at least"}, {[]string{"as", "many", "as"}, "up to"},
	{[]string{"up", "to"}, "up to"}, {[]string{"fewer", "than"}, "less than"},
	{[]string{"less", "than"}, "less than"}, {[]string{"close", "to"}, "nearly"},
	{[]string{"an", "estimated"}, "about"}, {[]string{"over"}, "more than"},
	{[]string{"nearly"}, "nearly"}, {[]string{"almost"}, "nearly"}, {[]string{"about"}, "about"},
	{[]string{"around"}, "about"}, {[]string{"approximately"}, "about"}, {[]string{"roughly"}, "about"},
	{[]string{"some"}, "about"}, {[]string{"estimated"}, "about"}, {[]string{"under"}, "less than"},
	{[]string{"exceeding"}, "more than"}, {[]string{"above"}, "more than"},
}

// currencies name money by the symbol before a number or the word after it.
var currencies = map[string]string{"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
	"dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
	"gbp": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "francs": "CHF"}

// distances are the units of distance after a number.
var distances = map[string]string{"km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km",
	"kilometre": "km", "miles": "mi", "mile": "mi", "meters": "m", "metres": "m", "meter": "m", "metre": "m"}

// timeUnits after a number make it a duration or an age, not a count.
var timeUnits = map[string]bool{"second": true, "seconds": true, "minute": true, "minutes": true,
	"hour": true, "hours": true, "day": true, "days": true, "week": true, "weeks": true, "month": true,
	"months": true, "year": true, "years": true, "decade": true, "decades": true, "century": true,
	"centuries": true, "pm": true, "am": true, "a.m": true, "p.m": true, "o'clock": true}

// parseNumber reads a number token ("27,478", "1.5").
func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}

// quantities finds the quantities among ts.
func quantities(ts []tok) []quantity {
	var out []quantity
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		q := quantity{first: i, num: i, last: i}
		switch {
		case t.kind == 'n':
			v, ok := parseNumber(t.text)
			if ok && i >= 2 && ts[i-1].text == "-" && ts[i-1].s == ts[i-2].e && ts[i-2].kind == 'n' {
				// the end of a range "151.49-53": no claim, but its scale
				// is the start's ("$140-150 million")
				if n := len(out); n > 0 && out[n-1].last == i-2 && out[n-1].unit != "" && i+1 < len(ts) && scales[ts[i+1].text] > 0 {
					out[n-1].value *= scales[ts[i+1].text]
				}
				continue
			}
			if !ok || glued(ts, i) {
				continue // "H5N1", "A330"
			}
			q.value = v
		case t.text == "one" && i > 0 && (ts[i-1].text == "no" || ts[i-1].text == "-" && i > 1 && ts[i-2].text == "no"):
			q.first = i - 1 // "no one was hurt": none
			if ts[i-1].text == "-" {
				q.first = i - 2
			}
		case t.kind == 'w' && wordNumbers[t.text] > 0 && t.text != "hundred" && t.text != "dozen":
			q.value = wordNumbers[t.text]
			if i+1 < len(ts) && wordNumbers[ts[i+1].text] > 0 && wordNumbers[ts[i+1].text] < 10 && q.value >= 20 {
				i++ // twenty five
				q.value += wordNumbers[ts[i].text]
				q.last = i
			}
		case t.kind == 'w' && vagueNumbers[t.text] > 0:
			if i+2 < len(ts) && ts[i+1].text == "of" && vagueNumbers[ts[i+2].text] > 0 {
				continue // "hundreds of thousands": the next word says it
			}
			q.value, q.vague = vagueNumbers[t.text], true
			if i >= 2 && ts[i-1].text == "of" {
				switch ts[i-2].text {
				case "tens":
					q.value *= 10
					q.first = i - 2
				case "hundreds":
					q.value *= 100
					q.first = i - 2
				}
			}
			if i+1 < len(ts) && ts[i+1].text == "of" {
				q.last = i + 1
			}
		default:
			continue
		}
		// currency symbol before: "$350 million"
		if q.first > 0 && ts[q.first-1].kind == 'p' && currencies[ts[q.first-1].text] != "" {
			q.unit = currencies[ts[q.first-1].text]
			q.first--
		}
		if notCount(ts, q) {
			continue
		}
		// scale: "2 million", "$3m", "$161-million"
		if !q.vague && q.last+2 < len(ts) && ts[q.last+1].text == "-" && ts[q.last+1].s == ts[q.last].e &&
			scales[ts[q.last+2].text] > 0 && ts[q.last+2].text != "m" {
			q.value *= scales[ts[q.last+2].text]
			q.last += 2
		} else if !q.vague && q.last+1 < len(ts) {
			nx := ts[q.last+1].text
			if sc, ok := scales[nx]; ok && (nx != "m" || q.unit != "") {
				q.value *= sc
				q.last++
			} else if nx == "hundred" {
				q.value *= 100
				q.last++
			}
		}
		// a number that is a year, a time, an ordinal, an age, part of a
		// duration or a multiplier ("three times") is no count
		if q.last+1 < len(ts) {
			nx := ts[q.last+1].text
			if timeUnits[nx] || nx == "th" || nx == "st" || nx == "nd" || nx == "rd" || nx == ":" || nx == "times" {
				continue
			}
			if nx == "-" && q.last+2 < len(ts) && (timeUnits[ts[q.last+2].text] || strings.HasPrefix(ts[q.last+2].text, "year")) {
				continue
			}
		}
		if t.kind == 'n' && q.last == i && len(t.text) == 4 && q.value >= 1900 && q.value <= 2100 {
			continue
		}
		// unit after: "15 percent", "350 million dollars", "54 km"
		if q.last+1 < len(ts) {
			nx := ts[q.last+1]
			switch {
			case nx.text == "%" || nx.text == "percent":
				q.unit = "%"
				q.last++
			case nx.text == "per" && q.last+2 < len(ts) && ts[q.last+2].text == "cent":
				q.unit = "%"
				q.last += 2
			case q.unit == "" && nx.kind == 'w' && currencies[nx.text] != "":
				q.unit = currencies[nx.text]
				q.last++
			case distances[nx.text] != "":
				if q.last+2 < len(ts) && (ts[q.last+2].text == "per" || ts[q.last+2].text == "an" || ts[q.last+2].text == "/") {
					continue // a speed: "350 kilometers per hour"
				}
				q.unit = distances[nx.text]
				q.last++
			}
		}
		// qualifier
		for _, ql := range qualifiers {
			n := len(ql.words)
			if q.first-n < 0 {
				continue
			}
			match := true
			for k, w := range ql.words {
				if ts[q.first-n+k].text != w {
					match = false
					break
				}
			}
			if match {
				q.approx = ql.approx
				q.first -= n
				break
			}
		}
		if q.vague && q.approx == "" {
			q.approx = "several"
		}
		i = q.last
		if conversion(ts, out, q) {
			// "135 kilometres (85 miles)", "(about US$16 million to $28 million)"
			for k := q.last + 1; k < len(ts) && k <= q.last+12; k++ {
				if ts[k].text == ")" || ts[k].text == "]" {
					i = k
					break
				}
			}
			continue
		}
		if q.last+2 < len(ts) && ts[q.last+1].text == "of" &&
			(ts[q.last+2].text == "which" || ts[q.last+2].text == "whom" || ts[q.last+2].text == "them") {
			continue // "4 were arrested, 2 of whom ...": a part of a count
		}
		out = append(out, q)
	}
	// "$140-150 million", "$140 and $150 million": the first of a range
	// of money takes the scale of the second
	for k := 0; k+1 < len(out); k++ {
		a, b := &out[k], out[k+1]
		if a.unit != "" && a.unit == b.unit && a.value < 1000 && b.value >= 1e6 && b.first-a.last <= 3 &&
			a.last+1 < len(ts) && (ts[a.last+1].text == "-" || ts[a.last+1].text == "to" || ts[a.last+1].text == "and") {
			if n, ok := parseNumber(ts[b.num].text); ok && n > 0 {
				a.value *= b.value / n
			}
		}
	}
	return out
}

// bounds returns the interval of values a quantity allows. A bare round
// number of 1,000 or more allows half the place of its last significant
// digit either way ("27,000": 26,500–27,500; "2 million": 1.5–2.5
// million); "about" allows 10% either way or that rounding, whichever is
// wider ("some 1.5 million": 1.35–1.65 million); "nearly" up to 10% below
// and nothing above ("nearly 2 million": 1.8–2 million); "more than" and
// "at least" anything above, "up to" and "less than" anything below;
// "hundreds of" 200 to 1,000 (five times its lower bound).
func bounds(q quantity, numText string) (lo, hi float64) {
	v := q.value
	half := 0.0
	if !q.vague && v >= 1000 {
		place := 1.0
		digits := strings.TrimRight(strings.ReplaceAll(strings.ReplaceAll(numText, ",", ""), ".", ""), "0")
		if sig := len(digits); sig > 0 {
			place = math.Pow(10, math.Floor(math.Log10(v))-float64(sig-1))
		}
		if place >= 100 {
			half = place / 2
		}
	}
	switch {
	case q.vague:
		lo, hi = v, v*5
		if q.approx == "more than" || q.approx == "at least" {
			hi = math.Inf(1)
		}
	case q.approx == "more than":
		lo, hi = v, math.Inf(1)
	case q.approx == "at least":
		lo, hi = v, math.Inf(1)
	case q.approx == "nearly":
		lo, hi = 0.9*v, v
	case q.approx == "about":
		lo, hi = math.Min(0.9*v, v-half), math.Max(1.1*v, v+half)
	case q.approx == "up to", q.approx == "less than":
		lo, hi = 0, v
	default:
		lo, hi = v-half, v+half
	}
	return lo, hi
}

// valueRange is the interval of values a claim allows.
type valueRange struct{ Lo, Hi float64 }

// glued tells whether number token i touches a letter (a name such as
// "H5N1" or "A330", not a quantity).
func glued(ts []tok, i int) bool {
	return i > 0 && ts[i-1].e == ts[i].s && ts[i-1].kind == 'w' ||
		i+1 < len(ts) && ts[i+1].s == ts[i].e && ts[i+1].kind == 'w' && !scaleOrUnit(ts[i+1].text)
}

// scaleOrUnit tells whether a word glued to a number is its scale or
// unit ("3m", "5km", "10bn").
func scaleOrUnit(w string) bool {
	return scales[w] > 0 || distances[w] != "" || w == "percent"
}

// conversion tells whether q restates the quantity before it in another
// unit, in parentheses or brackets right after it ("135 kilometres (85
// miles)", "€20 million [about US$28 million]").
func conversion(ts []tok, prev []quantity, q quantity) bool {
	if len(prev) == 0 || q.first == 0 || q.unit == "" {
		return false
	}
	p := prev[len(prev)-1]
	if p.unit == "" || (p.unit == "%") != (q.unit == "%") || isDistance(p.unit) != isDistance(q.unit) {
		return false
	}
	for k := q.first - 1; k > p.last && k >= q.first-3; k-- { // "(about US$16 million"
		if ts[k].text == "(" || ts[k].text == "[" {
			return k == p.last+1
		}
	}
	return false
}

// isDistance tells whether unit is one of distance.
func isDistance(unit string) bool { return unit == "km" || unit == "mi" || unit == "m" }

// notCount tells whether the number q is no count of anything: an
// earthquake's magnitude ("magnitude 6.9", "a 5.9 magnitude quake", "6.4
// on the Richter scale") or an age ("dies at 91", "aged 61").
func notCount(ts []tok, q quantity) bool {
	prev := func(k int) string { // the word k before the quantity, hyphens skipped
		for j := q.first - 1; j >= 0; j-- {
			if ts[j].text == "-" {
				continue
			}
			if k--; k == 0 {
				return ts[j].text
			}
		}
		return ""
	}
	next := ""
	for j := q.last + 1; j < len(ts); j++ {
		if ts[j].text != "-" {
			next = ts[j].text
			break
		}
	}
	switch {
	case prev(1) == "magnitude" || prev(1) == "aged" || prev(1) == "age":
		return true
	case next == "magnitude" || next == "strength" || next == "richter" || next == "degree":
		return true
	case prev(1) == "at":
		for k := 2; k <= 4; k++ {
			switch prev(k) {
			case "dies", "died", "die", "dead", "death":
				return true
			}
		}
	}
	return false
}
