package timex

import (
	"strconv"
	"strings"
)

// number reads a number phrase at token i: digits ("48", "1.5", "2 1/2"),
// words ("twenty-four", "a hundred"), "a"/"an" (1), "a couple of" (2) or a
// vague quantity ("a few", "several": vague).
func (tg *tagger) number(i int) (n float64, vague bool, end int, ok bool) {
	t := tg.tok(i)
	if t == nil {
		return 0, false, i, false
	}
	if t.kind == tNum {
		if t.suffix != "" {
			return 0, false, i, false
		}
		if t.n >= 0 {
			n = float64(t.n)
		} else if strings.ContainsAny(t.lo, "/:") {
			return 0, false, i, false
		} else {
			v, err := strconv.ParseFloat(strings.ReplaceAll(t.lo, ",", ""), 64)
			if err != nil {
				return 0, false, i, false
			}
			n = v
		}
		end = i + 1
		if (tg.w(end) == "to" || tg.w(end) == "or") && tg.tok(end+1) != nil && tg.toks[end+1].kind == tNum && tg.toks[end+1].n >= 0 && tg.isUnit(end+2) {
			end += 2 // "12 to 18 months": the first number
		}
		if f := tg.tok(end); f != nil && f.kind == tNum && (f.lo == "1/2" || f.lo == "1/4" || f.lo == "3/4") {
			switch f.lo {
			case "1/2":
				n += 0.5
			case "1/4":
				n += 0.25
			case "3/4":
				n += 0.75
			}
			end++
		}
		return n, false, end, true
	}
	w := t.lo
	switch w {
	case "a", "an", "one":
		next := tg.w(i + 1)
		switch next {
		case "couple":
			if tg.w(i+2) == "of" {
				return 2, false, i + 3, true
			}
			return 2, false, i + 2, true
		case "few":
			return 0, true, i + 2, true
		case "half":
			if w == "a" || w == "one" {
				return 0.5, false, i + 2, true
			}
		case "dozen":
			return 12, false, i + 2, true
		case "hundred", "thousand":
			return float64(lexicon[next].n), false, i + 2, true
		}
		if w == "one" {
			break
		}
		return 1, false, i + 1, true
	case "several", "few", "many", "some", "numerous", "countless":
		return 0, true, i + 1, true
	case "half":
		if tg.w(i+1) == "a" || tg.w(i+1) == "an" {
			return 0.5, false, i + 2, true
		}
		return 0, false, i, false
	case "couple":
		if tg.w(i+1) == "of" {
			return 2, false, i + 2, true
		}
	}
	l := lexicon[w]
	if l.kind != kNum {
		return 0, false, i, false
	}
	v := l.n
	end = i + 1
	if v >= 20 && v < 100 && v%10 == 0 {
		k := tg.hyphen(end)
		if u := tg.lx(k); u.kind == kNum && u.n > 0 && u.n < 10 {
			v += u.n
			end = k + 1
		}
	}
	if h := tg.lx(end); h.kind == kNum && (h.n == 100 || h.n == 1000) && v < 100 {
		v *= h.n
		end++
	}
	if (tg.w(end) == "to" || tg.w(end) == "or") && tg.lx(end+1).kind == kNum && tg.isUnit(end+2) {
		end += 2 // "two to three weeks": the first number
	}
	return float64(v), false, end, true
}

func (tg *tagger) tok(i int) *tok {
	if i < 0 || i >= len(tg.toks) {
		return nil
	}
	return &tg.toks[i]
}

// durMods may precede the number of a duration.
var durMods = map[string]bool{
	"past": true, "last": true, "next": true, "first": true, "final": true, "coming": true,
	"previous": true, "additional": true, "remaining": true, "latest": true, "initial": true,
	"following": true, "preceding": true, "further": true, "other": false,
}

// duration reads "[past|next|first] NUMBER [-] UNIT [and a half] [ago]".
func (tg *tagger) duration(i int, afterThe bool) (match, bool) {
	j := i
	mod := ""
	if durMods[tg.w(j)] {
		mod = tg.w(j)
		j++
	}
	n, vague, k, ok := tg.number(j)
	if !ok {
		if u := tg.lx(j); mod == "" && !afterThe && u.kind == kUnit && u.plural && u.n != uDay && u.n != uQuarter && u.n != uWeekend {
			if p := tg.w(i - 1); p == "for" || p == "in" && tg.clauseEnd(j+1) {
				return match{end: j + 1, typ: Duration, val: durValue(0, true, u.n)}, true
			}
			if tg.w(j+1) == "ago" {
				return match{end: j + 2, typ: Date, val: "PAST_REF"}, true
			}
		}
		return match{}, false
	}
	if mod == "" && !afterThe && (tg.w(j) == "some" || tg.w(j) == "many") && !tg.isUnit(k) {
		return match{}, false
	}
	if w := tg.w(k); (w == "more" || w == "additional" || w == "extra" || w == "further") && tg.lx(k+1).kind == kUnit {
		k++ // "two more weeks", "an additional year"
	}
	k = tg.hyphen(k)
	u := tg.lx(k)
	if u.kind != kUnit {
		// "the past three fiscal years"
		if tg.w(k) == "fiscal" || tg.w(k) == "trading" || tg.w(k) == "business" || tg.w(k) == "calendar" {
			if u2 := tg.lx(k + 1); u2.kind == kUnit {
				u = u2
				k++
			}
		}
		if u.kind != kUnit {
			return match{}, false
		}
	}
	end := k + 1
	if h := tg.hyphen(end); h > end && (tg.w(h) == "earlier" || tg.w(h) == "ago" || tg.w(h) == "end" || tg.w(h) == "old") {
		return match{}, false // "a year-earlier loss": "year-earlier" alone
	}
	if tg.w(end) == "and" && tg.w(end+1) == "a" && tg.w(end+2) == "half" && !vague {
		n += 0.5
		end += 3
	}
	if h := tg.hyphen(end); h > end && tg.w(h) == "old" || tg.w(end) == "old" || tg.w(end) == "olds" {
		return match{}, false // an age, not annotated
	}
	if h := tg.hyphen(end); h > end && tg.w(h) == "long" {
		end = h + 1
	}
	if tg.toks[k].cap && !tg.toks[j].cap { // "60 Minutes"
		return match{}, false
	}
	if u.n == uSecond && (tg.w(j) == "a" || tg.w(j) == "per") {
		return match{}, false
	}
	if tg.w(end) == "or" && tg.w(end+1) == "so" {
		end += 2
	}
	if mod == "" {
		switch tg.w(end) {
		case "ago", "earlier", "before", "later", "after", "hence":
			back := tg.w(end) == "ago" || tg.w(end) == "earlier" || tg.w(end) == "before"
			if (tg.w(end) == "before" || tg.w(end) == "after") && !tg.clauseEnd(end+1) {
				break
			}
			if afterThe {
				break
			}
			// "three days later", "a day earlier": TimeBank annotates the
			// measured span, the signal word stays out.
			if sw := tg.w(end); sw == "later" || sw == "after" || sw == "earlier" && u.n >= uDay && u.n <= uSecond {
				return match{end: end, typ: Duration, val: durValue(n, vague, u.n)}, true
			}
			if vague || n != float64(int(n)) {
				v := "PAST_REF"
				if !back {
					v = "FUTURE_REF"
				}
				return match{end: end + 1, typ: Date, val: v}, true
			}
			if !tg.dct.ok {
				return match{end: end + 1, typ: Date, val: "XXXX"}, true
			}
			sign := -1
			if !back {
				sign = 1
			}
			base := tg.dct.t
			if (tg.w(end) == "later" || tg.w(end) == "after" || tg.w(end) == "earlier" || tg.w(end) == "before") && tg.refOK && (u.n == uDay || u.n == uWeek) {
				base = tg.ref
			}
			if u.n == uYear && tg.lastQ > 0 && n == 1 && back {
				return match{end: end + 1, typ: Date, val: fmtQuarter(tg.lastQY-1, tg.lastQ)}, true
			}
			return match{end: end + 1, typ: Date, val: shifted(base, sign*int(n), u.n)}, true
		case "from":
			if tg.w(end+1) == "now" && !vague && tg.dct.ok && n == float64(int(n)) {
				return match{end: end + 2, typ: Date, val: shifted(tg.dct.t, int(n), u.n)}, true
			}
		}
	}
	// "a year" with a number before it is a rate: "15 a year".
	if mod == "" && !afterThe && (tg.w(j) == "a" || tg.w(j) == "an") && !u.plural {
		if p := tg.tok(i - 1); p != nil && (p.kind == tNum || p.lo == "times" || p.lo == "twice" || p.lo == "once" || p.lo == "%" || p.lo == "percent" ||
			p.kind == tWord && len(p.lo) > 3 && strings.HasSuffix(p.lo, "s") && lexicon[p.lo].kind == kNone && !strings.HasSuffix(p.lo, "ss")) {
			return match{end: end, typ: Set, val: durValue(1, false, u.n)}, true
		}
	}
	if u.n == uWeekend && n == 1 && !u.plural {
		return match{}, false
	}
	if (u.n == uQuarter) && !u.plural && n == 1 && tg.w(j) != "one" {
		return match{}, false
	}
	if u.n == uQuarter && mod == "" && !vague && tg.w(end) == "of" && tg.hyphen(j+1) > j+1 {
		return match{}, false // "three-quarters of its food": a fraction
	}
	return match{end: end, typ: Duration, val: durValue(n, vague, u.n)}, true
}

func (tg *tagger) isUnit(i int) bool { return tg.lx(tg.hyphen(i)).kind == kUnit }

// clauseEnd tells whether token i ends a clause (punctuation, a
// conjunction, the end of the text).
func (tg *tagger) clauseEnd(i int) bool {
	t := tg.tok(i)
	if t == nil {
		return true
	}
	if t.kind == tPunct {
		return t.lo != "$" && t.lo != "#"
	}
	switch t.lo {
	case "and", "but", "or", "when", "as", "that", "in", "at", "on", "to", "with", "by":
		return true
	}
	return false
}

// sentenceHas tells whether word w occurs in the sentence of token i before it.
func (tg *tagger) sentenceHas(i int, w string) bool {
	for k := i - 1; k >= 0 && i-k < 40; k-- {
		t := tg.toks[k].lo
		if t == "\n" || t == "." && !tg.abbrevBefore(k) || t == "!" || t == "?" {
			return false
		}
		if strings.HasSuffix(t, w) {
			return true
		}
	}
	return false
}

// abbrevBefore tells whether the period at token k closes an abbreviation.
func (tg *tagger) abbrevBefore(k int) bool {
	if k == 0 || !tg.adjacent(k-1) {
		return false
	}
	p := tg.toks[k-1]
	if p.kind != tWord {
		return false
	}
	l := lexicon[p.lo]
	return l.abbr || len(p.lo) <= 2 || p.lo == "mr" || p.lo == "mrs" || p.lo == "gen" || p.lo == "sen" || p.lo == "rep" || p.lo == "gov" || p.lo == "corp" || p.lo == "inc"
}

// set reads a SET: "every week", "each Thursday", "daily", "Tuesday nights".
func (tg *tagger) set(i int) (match, bool) {
	w := tg.w(i)
	switch w {
	case "daily", "nightly":
		if p := tg.w(i - 1); p == "average" || p == "party" || i+1 < len(tg.toks) && tg.toks[i+1].cap {
			return match{}, false // "average daily volume", "the Party daily Granma"
		}
		v := "P1D"
		if w == "nightly" {
			v = "XXXX-XX-XXTNI"
		}
		return match{end: i + 1, typ: Set, val: v}, true
	case "weekly":
		return match{end: i + 1, typ: Set, val: "P1W"}, true
	case "biweekly":
		return match{end: i + 1, typ: Set, val: "P2W"}, true
	case "monthly":
		return match{end: i + 1, typ: Set, val: "P1M"}, true
	case "yearly", "annually", "annual":
		// "to rise 8.5% annually": a rate, hardly ever annotated
		if w == "annual" || w == "annually" && tg.toks[i].kind == tWord && i > 0 && (tg.toks[i-1].kind == tNum || tg.w(i-1) == "%" || tg.w(i-1) == "percent" || tg.w(i-1) == "units" || tg.w(i-1) == "million" || tg.w(i-1) == "billion") {
			return match{}, false
		}
		return match{end: i + 1, typ: Set, val: "P1Y"}, true
	case "hourly":
		return match{end: i + 1, typ: Set, val: "PT1H"}, true
	case "quarterly": // "its quarterly dividend": not annotated
		return match{}, false
	case "every", "each", "per":
		j := i + 1
		n := 1.0
		if tg.w(j) == "other" {
			n = 2
			j++
		} else if v, vague, k, ok := tg.number(j); ok && !vague && tg.toks[j].lo != "a" {
			n = v
			j = k
		}
		l := tg.lx(j)
		switch l.kind {
		case kUnit:
			if w == "each" && tg.w(j+1) == "of" {
				return match{}, false
			}
			if l.n == uWeekend {
				return match{end: j + 1, typ: Set, val: "XXXX-WXX-WE"}, true
			}
			return match{end: j + 1, typ: Set, val: durValue(n, false, l.n)}, true
		case kWeekday:
			v := "XXXX-WXX-" + string(rune('0'+l.n))
			end := j + 1
			if p := tg.lx(end); p.kind == kPart {
				v += "T" + p.code
				end++
			}
			return match{end: end, typ: Set, val: v}, true
		case kMonth:
			if !tg.toks[j].cap {
				return match{}, false
			}
			return match{end: j + 1, typ: Set, val: "XXXX-" + pad(l.n, 2)}, true
		case kPart:
			return match{end: j + 1, typ: Set, val: "XXXX-XX-XXT" + l.code}, true
		case kSeason:
			return match{end: j + 1, typ: Set, val: "XXXX-" + l.code}, true
		}
	}
	if l := tg.lx(i); l.kind == kWeekday && l.plural && tg.toks[i].cap {
		v := "XXXX-WXX-" + string(rune('0'+l.n))
		end := i + 1
		if p := tg.lx(end); p.kind == kPart {
			v += "T" + p.code
			end++
		}
		return match{end: end, typ: Set, val: v}, true
	}
	if l := tg.lx(i); l.kind == kWeekday && !l.plural && !l.abbr {
		if p := tg.lx(i + 1); p.kind == kPart && p.code != "" && strings.HasSuffix(tg.w(i+1), "s") {
			return match{end: i + 2, typ: Set, val: "XXXX-WXX-" + string(rune('0'+l.n)) + "T" + p.code}, true
		}
	}
	return match{}, false
}

// sentenceInitial tells whether token i opens a sentence or a quotation.
func (tg *tagger) sentenceInitial(i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch t := tg.toks[k]; {
		case t.lo == "\n" || t.lo == "!" || t.lo == "?" || t.lo == ":" || t.lo == "." && !tg.abbrevBefore(k):
			return true
		case t.kind == tPunct && (t.lo == "\"" || t.lo == "`" || t.lo == "'" || t.lo == "“"):
			continue
		default:
			return false
		}
	}
	return true
}

// deictic single words.
func (tg *tagger) deictic(i int) (match, bool) {
	w := tg.w(i)
	switch w {
	case "now", "currently", "nowadays":
		if w == "now" && tg.toks[i].cap && tg.w(i+1) == "," && tg.sentenceInitial(i) {
			return match{}, false // discourse "Now, he says …" (not tagged in TimeBank)
		}
		return match{end: i + 1, typ: Date, val: "PRESENT_REF"}, true
	case "current":
		if u := tg.lx(i + 1); u.kind == kUnit {
			return tg.thisUnit(i+2, u.n)
		}
		switch tg.w(i + 1) {
		case "account", "accounts", "affairs", "events", "events.", "-", "price", "prices", "dollars", "assets", "liabilities", "yield", "flow", "flows", "and":
			return match{}, false
		}
		return match{end: i + 1, typ: Date, val: "PRESENT_REF"}, true
	case "a":
		// "for a while", "a while ago"
		if tg.w(i+1) == "while" {
			if tg.w(i+2) == "ago" {
				return match{end: i + 3, typ: Date, val: "PAST_REF"}, true
			}
			if p := tg.w(i - 1); p == "for" || p == "after" || p == "in" {
				return match{end: i + 2, typ: Duration, val: "PXX"}, true
			}
		}
	case "these":
		if tg.w(i+1) == "days" {
			return match{end: i + 2, typ: Date, val: "PRESENT_REF"}, true
		}
	case "then":
		// "the then current market price": the present of a past time
		if tg.w(i+1) == "current" {
			return match{end: i + 2, typ: Date, val: "PAST_REF"}, true
		}
	case "right":
		if tg.w(i+1) == "now" {
			return match{end: i + 2, typ: Date, val: "PRESENT_REF"}, true
		}
	case "recently", "lately":
		if tg.w(i-1) == "more" || tg.w(i-1) == "most" {
			return match{}, false
		}
		return match{end: i + 1, typ: Date, val: "PAST_REF"}, true
	case "more", "most":
		if tg.w(i+1) == "recently" {
			return match{end: i + 2, typ: Date, val: "PAST_REF"}, true
		}
	case "recent":
		if u := tg.lx(i + 1); u.kind == kUnit && u.plural {
			return match{end: i + 2, typ: Date, val: "PAST_REF"}, true
		}
		return match{end: i + 1, typ: Date, val: "PAST_REF"}, true
	case "coming", "upcoming":
		if u := tg.lx(i + 1); u.kind == kUnit && u.plural {
			return match{end: i + 2, typ: Date, val: "FUTURE_REF"}, true
		}
	case "soon":
		if tg.w(i-1) == "as" {
			return match{}, false
		}
		return match{end: i + 1, typ: Date, val: "FUTURE_REF"}, true
	case "future":
		// the noun ("Elian's future"); the adjective ("future earnings")
		// is annotated in TimeBank only now and then
		if p := tg.w(i - 1); !tg.toks[i].cap && (p == "s" || p == "his" || p == "her" || p == "their" || p == "its" || p == "our" || p == "my" || p == "your") {
			return match{end: i + 1, typ: Date, val: "FUTURE_REF"}, true
		}
	case "today":
		if tg.w(i+1) == "'" && tg.w(i+2) == "s" && tg.w(i+3) != "" && tg.toks[i+3].kind == tWord && lexicon[tg.w(i+3)].kind == kNone {
			return match{}, false // "today's world"
		}
		if p := tg.lx(i + 1); p.kind == kPart && !strings.HasSuffix(tg.w(i+1), "s") {
			return tg.rel(i+2, 0, "T"+p.code)
		}
		return tg.rel(i+1, 0, "")
	case "tonight":
		return tg.rel(i+1, 0, "TNI")
	case "overnight":
		return tg.rel(i+1, 0, "TNI")
	case "yesterday", "tomorrow":
		n := -1
		if w == "tomorrow" {
			n = 1
		}
		if p := tg.lx(i + 1); p.kind == kPart && !strings.HasSuffix(tg.w(i+1), "s") {
			return tg.rel(i+2, n, "T"+p.code)
		}
		return tg.rel(i+1, n, "")
	case "noon", "midday", "midnight":
		if tg.w(i-1) == "high" {
			return match{}, false
		}
		return tg.clockDay(i+1, 12, 0, w == "midnight")
	}
	return match{}, false
}

// anchored reads a point or period on the calendar.
func (tg *tagger) anchored(i int) (match, bool) {
	t := tg.tok(i)
	if t == nil || t.kind == tPunct && t.lo != "'" {
		return match{}, false
	}
	if m, ok := tg.deictic(i); ok {
		return m, true
	}
	w := t.lo
	switch w {
	case "this", "last", "next", "past", "coming", "previous", "that":
		if w == "this" && t.cap && tg.w(i+1) == "week" && tg.toks[i+1].cap {
			return match{}, false // ABC's "This Week"
		}
		return tg.relative(i)
	case "year":
		if tg.w(i+1) == "-" && tg.adjacent(i) && tg.adjacent(i+1) {
			switch tg.w(i + 2) {
			case "ago", "earlier":
				if m, ok := tg.quarterPhrase(i); ok {
					return m, true
				}
				if !tg.dct.ok {
					return match{end: i + 3, typ: Date, val: "XXXX"}, true
				}
				if tg.lastQ > 0 {
					return match{end: i + 3, typ: Date, val: fmtQuarter(tg.lastQY-1, tg.lastQ)}, true
				}
				return match{end: i + 3, typ: Date, val: pad(tg.dct.t.Year()-1, 4)}, true
			case "end":
				if tg.dct.ok {
					return match{end: i + 3, typ: Date, val: pad(tg.dct.t.Year(), 4)}, true
				}
			}
		}
		if tg.w(i+1) == "end" && tg.dct.ok || tg.w(i+1) == "'" && tg.w(i+2) == "s" && tg.w(i+3) == "end" && tg.dct.ok {
			e := i + 2
			if tg.w(i+1) == "'" {
				e = i + 4
			}
			return match{end: e, typ: Date, val: pad(tg.dct.t.Year(), 4)}, true
		}
		return match{}, false
	case "q1", "q2", "q3", "q4":
		if !t.cap {
			return match{}, false
		}
		q := int(w[1] - '0')
		k := i + 1
		if y, ok := tg.yearNum(k); ok {
			return match{end: k + 1, typ: Date, val: fmtQuarter(y, q)}, true
		}
		if !tg.dct.ok {
			return match{end: k, typ: Date, val: "XXXX-Q" + w[1:]}, true
		}
		return match{end: k, typ: Date, val: fmtQuarter(quarterYear(tg.dct.t, q, dirNearest), q)}, true
	case "nineteen":
		if y, end, ok := tg.spokenYear(i); ok {
			return match{end: end, typ: Date, val: pad(y, 4)}, true
		}
	case "year-ago", "year-earlier":
		if m, ok := tg.quarterPhrase(i); ok {
			return m, true
		}
		if !tg.dct.ok {
			return match{end: i + 1, typ: Date, val: "XXXX"}, true
		}
		if tg.lastQ > 0 {
			return match{end: i + 1, typ: Date, val: fmtQuarter(tg.lastQY-1, tg.lastQ)}, true
		}
		return match{end: i + 1, typ: Date, val: pad(tg.dct.t.Year()-1, 4)}, true
	case "year-end", "yearend":
		if tg.dct.ok {
			return match{end: i + 1, typ: Date, val: pad(tg.dct.t.Year(), 4)}, true
		}
	case "'":
		if n := tg.tok(i + 1); n != nil && n.kind == tNum && n.digits == 2 && n.suffix == "s" && tg.adjacent(i) {
			return match{end: i + 2, typ: Date, val: "19" + n.lo[:1]}, true
		}
		return match{}, false
	case "nineties", "eighties", "seventies", "sixties", "fifties", "forties", "thirties", "twenties":
		d := map[string]string{"nineties": "199", "eighties": "198", "seventies": "197", "sixties": "196", "fifties": "195", "forties": "194", "thirties": "193", "twenties": "192"}[w]
		if tg.w(i-1) == "the" || tg.w(i-1) == "early" || tg.w(i-1) == "late" || tg.w(i-1) == "mid" {
			return match{end: i + 1, typ: Date, val: d}, true
		}
		return match{}, false
	case "new":
		if tg.w(i+1) == "year" && tg.w(i+2) == "'" && tg.w(i+3) == "s" && (tg.w(i+4) == "day" || tg.w(i+4) == "eve") {
			md := "01-01"
			dir := dirNearest
			if tg.w(i+4) == "eve" {
				md = "12-31"
			}
			return tg.monthDay(i+5, atoi(md[:2]), atoi(md[3:]), dir, i)
		}
		return match{}, false
	case "easter":
		// Easter [Sunday|Day|Monday], Easter week
		if !t.cap {
			return match{}, false
		}
		end, off, week := i+1, 0, false
		switch tg.w(end) {
		case "sunday", "day":
			end++
		case "monday":
			end, off = end+1, 1
		case "week":
			end, week = end+1, true
		}
		if !tg.dct.ok {
			if week {
				return match{end: end, typ: Date, val: "XXXX-WXX"}, true
			}
			return match{end: end, typ: Date, val: "XXXX-XX-XX"}, true
		}
		y := tg.dct.t.Year()
		dir := tg.tenseDir(i, end, dirNearest)
		start := off
		if week {
			start = -6 // the week leading up to Easter Sunday
		}
		if e := easter(y).AddDate(0, 0, start); dir == dirPast && e.After(tg.dct.t) {
			y--
		} else if dir == dirFuture && e.AddDate(0, 0, 7).Before(tg.dct.t) {
			y++
		}
		d := easter(y).AddDate(0, 0, off)
		if week {
			return match{end: end, typ: Date, val: fmtWeek(d)}, true
		}
		return match{end: end, typ: Date, val: fmtDay(d)}, true
	case "thanksgiving":
		end := i + 1
		if tg.w(end) == "day" {
			end++
		}
		if !tg.dct.ok {
			return match{end: end, typ: Date, val: "XXXX-11-XX"}, true
		}
		y := tg.dct.t.Year()
		if tg.dct.t.Month() < 11 || tg.w(i-1) == "last" {
			y--
		}
		d := day(y, 11, 1)
		d = d.AddDate(0, 0, (4-isoWeekday(d)+7)%7+21)
		return match{end: end, typ: Date, val: fmtDay(d)}, true
	}
	l := lexicon[w]
	switch l.kind {
	case kHoliday:
		if !t.cap {
			return match{}, false
		}
		end := i + 1
		m, d := atoi(l.code[:2]), atoi(l.code[3:])
		if w == "christmas" {
			if tg.w(end) == "day" {
				end++
			} else if tg.w(end) == "eve" {
				end++
				d = 24
			}
		}
		return tg.monthDay(end, m, d, tg.tenseDir(i, end, dirNearest), i)
	case kWeekday:
		return tg.weekday(i)
	case kMonth:
		return tg.month(i)
	case kSeason:
		if w == "fall" && !t.cap && tg.w(i-1) != "the" && tg.w(i-1) != "this" && tg.w(i-1) != "last" && tg.w(i-1) != "next" && tg.w(i-1) != "early" && tg.w(i-1) != "late" && tg.w(i-1) != "in" {
			return match{}, false
		}
		if w == "spring" && tg.w(i-1) != "the" && tg.w(i-1) != "this" && tg.w(i-1) != "last" && tg.w(i-1) != "next" && tg.w(i-1) != "early" && tg.w(i-1) != "late" && tg.w(i-1) != "in" {
			return match{}, false
		}
		end := i + 1
		if n := tg.tok(end); n != nil && n.kind == tNum && n.digits == 4 && n.suffix == "" {
			return match{end: end + 1, typ: Date, val: pad(n.n, 4) + "-" + l.code}, true
		}
		if tg.w(end) == "of" {
			if n := tg.tok(end + 1); n != nil && n.kind == tNum && n.digits == 4 && n.suffix == "" {
				return match{end: end + 2, typ: Date, val: pad(n.n, 4) + "-" + l.code}, true
			}
		}
		if !tg.dct.ok {
			return match{end: end, typ: Date, val: "XXXX-" + l.code}, true
		}
		return match{end: end, typ: Date, val: pad(seasonYear(tg.dct.t, l.code, tg.tenseDir(i, end, dirNearest)), 4) + "-" + l.code}, true
	}
	if m, ok := tg.quarterPhrase(i); ok {
		return m, true
	}
	if t.kind == tNum {
		return tg.numeric(i)
	}
	return match{}, false
}

// relative reads "this week", "last Friday", "next month", "last summer",
// "this morning", "last night".
func (tg *tagger) relative(i int) (match, bool) {
	w := tg.w(i)
	j := i + 1
	if w == "this" && tg.w(j) == "past" {
		w = "last"
		j++
	} else if w == "this" && tg.w(j) == "coming" {
		w = "next"
		j++
	}
	l := tg.lx(j)
	dir := 0
	switch w {
	case "last", "past", "previous":
		dir = -1
	case "next", "coming":
		dir = 1
	case "that":
		if l.kind == kUnit && !l.plural && (l.n == uYear || l.n == uMonth || l.n == uWeek || l.n == uDay) {
			if l.n == uDay && tg.refOK {
				return match{end: j + 1, typ: Date, val: fmtDay(tg.ref)}, true
			}
			if l.n == uYear && tg.refYear > 0 {
				return match{end: j + 1, typ: Date, val: pad(tg.refYear, 4)}, true
			}
		}
		return match{}, false
	}
	switch l.kind {
	case kUnit:
		if l.plural {
			return match{}, false
		}
		if w == "past" || w == "previous" || w == "coming" {
			return match{}, false // "past year" reads as a duration elsewhere
		}
		if l.n == uDecade || l.n == uCentury {
			return match{end: j + 1, typ: Duration, val: durValue(1, false, l.n)}, true
		}
		if l.n == uDay {
			return match{}, false
		}
		return tg.shiftUnit(j+1, l.n, dir)
	case kWeekday:
		if l.plural {
			return match{}, false
		}
		end := j + 1
		if !tg.dct.ok {
			return match{end: end, typ: Date, val: "XXXX-WXX-" + string(rune('0'+l.n))}, true
		}
		d := dirBefore
		switch dir {
		case 1:
			d = dirAfter
		case 0:
			d = tg.tenseDir(i, end, dirNearest)
		}
		// "this coming Sunday, March eighth": the explicit date joins in
		k := end
		if tg.w(k) == "," {
			k++
		}
		if ml := tg.lx(k); ml.kind == kMonth && tg.toks[k].cap {
			if m, ok := tg.month(k); ok && strings.Count(m.val, "-") == 2 {
				return m, true
			}
		}
		day := weekdayDate(tg.dct.t, l.n, d)
		val := fmtDay(day)
		typ := Date
		if p := tg.lx(end); p.kind == kPart {
			typ, val = dayPart(val, p.code)
			end++
		}
		return match{end: end, typ: typ, val: val}, true
	case kMonth:
		if !tg.toks[j].cap {
			return match{}, false
		}
		if !tg.dct.ok {
			return match{end: j + 1, typ: Date, val: "XXXX-" + pad(l.n, 2)}, true
		}
		t := tg.dct.t
		y := t.Year()
		switch dir {
		case -1:
			if l.n >= int(t.Month()) {
				y--
			}
		case 1:
			if l.n <= int(t.Month()) {
				y++
			}
		}
		return match{end: j + 1, typ: Date, val: fmtMonth(y, l.n)}, true
	case kSeason:
		if !tg.dct.ok {
			return match{end: j + 1, typ: Date, val: "XXXX-" + l.code}, true
		}
		d := dirFuture
		switch dir {
		case -1:
			d = dirBefore
		case 1:
			d = dirAfter
		default:
			y := tg.dct.t.Year()
			if l.code == "WI" && tg.dct.t.Month() < 3 {
				y--
			}
			return match{end: j + 1, typ: Date, val: pad(y, 4) + "-" + l.code}, true
		}
		return match{end: j + 1, typ: Date, val: pad(seasonYear(tg.dct.t, l.code, d), 4) + "-" + l.code}, true
	case kPart:
		switch {
		case w == "this" && !l.plural:
			return tg.rel(j+1, 0, "T"+l.code)
		case w == "last" && l.code == "NI":
			return tg.rel(j+1, -1, "TNI")
		}
	}
	if w == "last" && tg.w(j) == "thanksgiving" {
		return tg.anchored(j)
	}
	return match{}, false
}

// weekday reads "Tuesday", "Tuesday morning", "Tuesday, Oct. 23".
func (tg *tagger) weekday(i int) (match, bool) {
	l := tg.lx(i)
	end := i + 1
	if l.abbr {
		if !tg.toks[i].cap || tg.w(end) != "." {
			return match{}, false
		}
		end++
	}
	if l.plural {
		return match{}, false
	}
	// an explicit date after it
	k := end
	if tg.w(k) == "," {
		k++
	}
	if ml := tg.lx(k); ml.kind == kMonth && tg.toks[k].cap {
		if m, ok := tg.month(k); ok && strings.Count(m.val, "-") == 2 {
			return m, true
		}
	}
	if n := tg.tok(k); n != nil && n.kind == tNum {
		if m, ok := tg.numeric(k); ok && strings.Count(m.val, "-") == 2 && len(m.val) == 10 {
			return m, true
		}
	}
	if !tg.dct.ok {
		v := "XXXX-WXX-" + string(rune('0'+l.n))
		if p := tg.lx(end); p.kind == kPart && !strings.HasSuffix(tg.w(end), "s") {
			return match{end: end + 1, typ: Time, val: v + "T" + p.code}, true
		}
		return match{end: end, typ: Date, val: v}, true
	}
	dir := dirPast
	if p := tg.w(end); (p == "'" || p == "’") && tg.w(end+1) == "s" {
		// "Wednesday's ruling": a possessive weekday names what has
		// happened, whatever the tense around it
	} else {
		dir = tg.tenseDir(i, end, dirPast)
	}
	d := weekdayDate(tg.dct.t, l.n, dir)
	val := fmtDay(d)
	if p := tg.lx(end); p.kind == kPart && !strings.HasSuffix(tg.w(end), "s") {
		typ, v := dayPart(val, p.code)
		return match{end: end + 1, typ: typ, val: v}, true
	}
	// "Tuesday at 3 p.m." stays two expressions; "Tuesday 3 p.m." too.
	return match{end: end, typ: Date, val: val}, true
}

// dayPart is the type and value of a named day with a part of day
// ("Tuesday morning", "the next night"): TimeBank annotates these as
// DATE, a morning as the day alone, a night or afternoon with its part
// (2024-02-06TNI); evenings stay TIME (2024-02-06TEV).
func dayPart(day, code string) (string, string) {
	switch code {
	case "EV":
		return Time, day + "TEV"
	}
	return Date, day + "T" + code
}

// spokenYear reads "nineteen ninety-six", "nineteen oh five".
func (tg *tagger) spokenYear(i int) (int, int, bool) {
	if tg.w(i) != "nineteen" {
		return 0, 0, false
	}
	k := i + 1
	if tg.w(k) == "oh" {
		if l := tg.lx(k + 1); l.kind == kNum && l.n > 0 && l.n < 10 {
			return 1900 + l.n, k + 2, true
		}
		return 0, 0, false
	}
	l := tg.lx(k)
	if l.kind != kNum || l.n < 10 || l.n > 90 {
		return 0, 0, false
	}
	v := l.n
	k++
	if v >= 20 && v%10 == 0 {
		h := tg.hyphen(k)
		if u := tg.lx(h); u.kind == kNum && u.n > 0 && u.n < 10 {
			v += u.n
			k = h + 1
		}
	}
	return 1900 + v, k, true
}

// dayNum reads a day of the month at token i: "7", "7th", "24th".
func (tg *tagger) dayNum(i int) (int, bool) {
	t := tg.tok(i)
	if t == nil || t.kind != tNum || t.digits > 2 {
		return 0, false
	}
	switch t.suffix {
	case "", "st", "nd", "rd", "th":
	default:
		return 0, false
	}
	d := atoi(t.lo[:t.digits])
	if d < 1 || d > 31 {
		return 0, false
	}
	if t.suffix == "" && t.n < 0 {
		return 0, false
	}
	return d, true
}

func (tg *tagger) yearNum(i int) (int, bool) {
	t := tg.tok(i)
	if t == nil || t.kind != tNum || t.digits != 4 || t.suffix != "" || t.n < 0 {
		return 0, false
	}
	if t.n < 1000 || t.n > 2199 {
		return 0, false
	}
	return t.n, true
}

// month reads "October", "Oct. 7", "October 7, 2023", "October 2023",
// "Oct. 7th".
func (tg *tagger) month(i int) (match, bool) {
	l := tg.lx(i)
	t := tg.toks[i]
	if !t.cap {
		return match{}, false
	}
	end := i + 1
	if l.abbr {
		end = tg.period(end)
	}
	d, ok := tg.dayNum(end)
	k0 := end + 1
	if !ok { // "March eighth", "July twenty-first"
		d, k0 = tg.ordinalWord(end)
		ok = d > 0
	}
	if ok {
		k := k0
		k2 := k
		if tg.w(k2) == "," {
			k2++
		}
		if y, ok := tg.yearNum(k2); ok {
			return match{end: k2 + 1, typ: Date, val: fmtDay(day(y, l.n, d))}, true
		}
		if d > 31 {
			return match{}, false
		}
		return tg.monthDay(k, l.n, d, dirNearest, i)
	}
	k := end
	if tg.w(k) == "," {
		k++
	}
	if y, ok := tg.yearNum(k); ok {
		return match{end: k + 1, typ: Date, val: fmtMonth(y, l.n)}, true
	}
	if y, e, ok := tg.spokenYear(k); ok {
		return match{end: e, typ: Date, val: fmtMonth(y, l.n)}, true
	}
	if tg.w(k) == "of" {
		if y, ok := tg.yearNum(k + 1); ok {
			return match{end: k + 2, typ: Date, val: fmtMonth(y, l.n)}, true
		}
	}
	// A month alone: guard against the verbs "may" and "march" and abbreviations.
	if l.abbr && !(tg.w(i+1) == "." && tg.adjacent(i)) {
		return match{}, false
	}
	if t.lo == "may" || t.lo == "march" {
		switch tg.w(i - 1) {
		case "in", "of", "since", "until", "by", "early", "late", "mid", "-", "last", "next", "this", "from", "through", "to", "between", "during", "before", "after", "and", "or", "that":
		default:
			return match{}, false
		}
		if t.lo == "may" && tg.w(i-1) == "that" {
			return match{}, false
		}
	}
	if !tg.dct.ok {
		return match{end: end, typ: Date, val: "XXXX-" + pad(l.n, 2)}, true
	}
	// "February this year", "April next year": the year phrase fixes the
	// year; TimeBank tags the month alone and not the year phrase.
	if tg.w(end+1) == "year" {
		n, ok := 0, true
		switch tg.w(end) {
		case "this":
		case "last":
			n = -1
		case "next":
			n = 1
		default:
			ok = false
		}
		if ok {
			return match{end: end, skip: 2, typ: Date, val: fmtMonth(tg.dct.t.Year()+n, l.n)}, true
		}
	}
	y := monthDayYear(tg.dct.t, l.n, 0, tg.tenseDir(i, end, dirNearest))
	return match{end: end, typ: Date, val: fmtMonth(y, l.n)}, true
}

// dayOrdinals are the spoken days of the month.
var dayOrdinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

// ordinalWord reads a spoken day of the month at token i ("eighth",
// "twenty-first", "thirty first"): the day and the token after it, or 0.
func (tg *tagger) ordinalWord(i int) (int, int) {
	w := tg.w(i)
	if d := dayOrdinals[w]; d > 0 {
		return d, i + 1
	}
	if w == "twenty" || w == "thirty" {
		k := i + 1
		if tg.w(k) == "-" {
			k++
		}
		if d := dayOrdinals[tg.w(k)]; d > 0 && d < 10 {
			base := 20
			if w == "thirty" {
				base = 30
			}
			if base+d <= 31 {
				return base + d, k + 1
			}
		}
	}
	return 0, i
}

// monthDay resolves month m, day d without a year; the match ends at end.
func (tg *tagger) monthDay(end, m, d, dir, start int) (match, bool) {
	if !tg.dct.ok {
		return match{end: end, typ: Date, val: "XXXX-" + pad(m, 2) + "-" + pad(d, 2)}, true
	}
	if dir == dirNearest {
		dir = tg.tenseDir(start, end, dirNearest)
	}
	// A weekday just before it fixes the year.
	k := start - 1
	if tg.w(k) == "," {
		k--
	}
	if k >= 0 && tg.w(k) == "." {
		k--
	}
	if wl := tg.lx(k); wl.kind == kWeekday && !wl.plural {
		y := tg.dct.t.Year()
		for _, cy := range []int{y, y - 1, y + 1} {
			if isoWeekday(day(cy, m, d)) == wl.n {
				return match{end: end, typ: Date, val: fmtDay(day(cy, m, d))}, true
			}
		}
	}
	y := monthDayYear(tg.dct.t, m, d, dir)
	return match{end: end, typ: Date, val: fmtDay(day(y, m, d))}, true
}

// numeric reads expressions that begin with a number: "6 February 2024",
// "2024-02-06", "2/6/2024", "1996", "the 1990s", "3 p.m.", "10:35".
func (tg *tagger) numeric(i int) (match, bool) {
	t := tg.toks[i]
	// day month [year]
	if d, ok := tg.dayNum(i); ok {
		k := i + 1
		if tg.w(k) == "of" {
			k++
		}
		if ml := tg.lx(k); ml.kind == kMonth && tg.toks[k].cap && (tg.w(k) != "may" || tg.w(k+1) != "") {
			end := k + 1
			if ml.abbr {
				end = tg.period(end)
			}
			k2 := end
			if tg.w(k2) == "," {
				k2++
			}
			if y, ok := tg.yearNum(k2); ok {
				return match{end: k2 + 1, typ: Date, val: fmtDay(day(y, ml.n, d))}, true
			}
			return tg.monthDay(end, ml.n, d, dirNearest, i)
		}
	}
	// clock time
	if m, ok := tg.clock(i); ok {
		return m, true
	}
	// "21st century"
	if (t.suffix == "st" || t.suffix == "nd" || t.suffix == "rd" || t.suffix == "th") && t.digits <= 2 && tg.w(i+1) == "century" {
		if c := atoi(t.lo[:t.digits]); c >= 1 && c <= 22 {
			return match{end: i + 2, typ: Date, val: pad(c-1, 2)}, true
		}
	}
	// "0735 GMT"
	if t.digits == 4 && t.suffix == "" && t.n >= 0 && t.n%100 < 60 && t.n/100 < 24 {
		if z := tg.lx(i + 1); z.kind == kZone && tg.toks[i+1].cap {
			return tg.clockDayMin(i+1, t.n/100, t.n%100, false)
		}
	}
	if t.suffix == "s" && t.digits == 4 && t.lo[3] == '0' {
		return match{end: i + 1, typ: Date, val: t.lo[:3]}, true
	}
	if t.suffix == "s" && t.digits == 2 && t.lo[1] == '0' && tg.w(i-1) == "the" {
		return match{end: i + 1, typ: Date, val: "19" + t.lo[:1]}, true
	}
	if strings.Count(t.lo, "/") == 2 && t.suffix == "" {
		p := strings.Split(t.lo, "/")
		m, d, y := atoi(p[0]), atoi(p[1]), atoi(p[2])
		if len(p[2]) == 2 {
			y += 1900
			if y < 1950 {
				y += 100
			}
		}
		if m >= 1 && m <= 12 && d >= 1 && d <= 31 && y > 1000 {
			return match{end: i + 1, typ: Date, val: fmtDay(day(y, m, d))}, true
		}
		return match{}, false
	}
	if y, ok := tg.yearNum(i); ok {
		// ISO date 2024-02-06
		if tg.w(i+1) == "-" && tg.adjacent(i) {
			if mt := tg.tok(i + 2); mt != nil && mt.kind == tNum && mt.digits == 2 && mt.suffix == "" && tg.adjacent(i+1) {
				m := mt.n
				if tg.w(i+3) == "-" && tg.adjacent(i+2) {
					if dt := tg.tok(i + 4); dt != nil && dt.kind == tNum && dt.digits == 2 && tg.adjacent(i+3) && (dt.suffix == "" || dt.suffix == "t") {
						d := atoi(dt.lo[:2])
						if m >= 1 && m <= 12 && d >= 1 && d <= 31 {
							if dt.suffix == "t" { // 2024-02-06T10:30:00Z
								e := i + 5
								if hh := tg.tok(e); hh != nil && hh.kind == tNum && tg.adjacent(e-1) && len(hh.lo) >= 5 && hh.lo[2] == ':' {
									h, mi := atoi(hh.lo[:2]), atoi(hh.lo[3:5])
									for e++; e < len(tg.toks) && tg.adjacent(e-1) && tg.toks[e].kind != tWord || e < len(tg.toks) && tg.adjacent(e-1) && tg.toks[e].lo == "z"; e++ {
									}
									if h >= 0 && h < 24 && mi >= 0 && mi < 60 {
										return match{end: e, typ: Time, val: fmtDay(day(y, m, d)) + "T" + pad(h, 2) + ":" + pad(mi, 2)}, true
									}
								}
							}
							return match{end: i + 5, typ: Date, val: fmtDay(day(y, m, d))}, true
						}
					}
				}
				if m >= 1 && m <= 12 {
					return match{end: i + 3, typ: Date, val: fmtMonth(y, m)}, true
				}
			}
		}
		if !tg.yearContext(i) {
			return match{}, false
		}
		return match{end: i + 1, typ: Date, val: pad(y, 4)}, true
	}
	return match{}, false
}

// prefixBeforeYear may be glued to a year by a hyphen: "mid-2008",
// "pre-1990", "post-1959".
var prefixBeforeYear = map[string]bool{"mid": true, "pre": true, "post": true, "early": true, "late": true}

// yearContext tells whether a four-digit number at i reads as a year.
func (tg *tagger) yearContext(i int) bool {
	t := tg.toks[i]
	if t.n < 1800 || t.n > 2100 {
		switch tg.w(i - 1) {
		case "in", "since", "of", "from", "until", "by":
		default:
			return false
		}
	}
	if p := tg.tok(i - 1); p != nil && (p.lo == "$" || p.lo == "#" || p.lo == "€" || p.lo == "£" || p.lo == "no" || p.lo == "number" || p.lo == "flight" || p.lo == "route" || p.lo == "room" || p.lo == "-" && tg.adjacent(i-1) && !prefixBeforeYear[tg.w(i-2)]) {
		return false
	}
	if p := tg.tok(i - 1); p != nil && p.kind == tNum {
		return false
	}
	switch tg.w(i + 1) {
	case "%", "percent", "people", "troops", "soldiers", "men", "women", "votes", "shares", "tons", "tonnes", "miles",
		"feet", "meters", "metres", "yards", "kilometers", "km", "points", "barrels", "units", "cars", "jobs",
		"workers", "employees", "acres", "hectares", "pounds", "dollars", "euros", "yen", "members", "students", "deaths":
		return false
	}
	if tg.w(i+1) == "-" && tg.adjacent(i) {
		if n := tg.tok(i + 2); n != nil && n.kind == tNum && tg.adjacent(i+1) {
			return n.digits == 2 || n.digits == 4 // 1990-91 stays a year
		}
	}
	return true
}

// clock reads "3 p.m.", "10:35 a.m.", "3pm", "15:30" and what day follows.
func (tg *tagger) clock(i int) (match, bool) {
	t := tg.toks[i]
	h, mi := -1, 0
	end := i + 1
	lo := t.lo
	suffix := t.suffix
	base := lo[:len(lo)-len(suffix)]
	if c := strings.IndexByte(base, ':'); c > 0 {
		if strings.Count(base, ":") != 1 || len(base)-c-1 != 2 {
			return match{}, false
		}
		h, mi = atoi(base[:c]), atoi(base[c+1:])
		if h < 0 || h > 24 || mi < 0 || mi > 59 {
			return match{}, false
		}
	} else if t.n >= 0 && t.digits <= 2 {
		h = t.n
		if suffix == "" && !isAmPm(tg.w(end)) && tg.w(end) != "o" {
			return match{}, false
		}
	} else {
		return match{}, false
	}
	ampm := ""
	switch suffix {
	case "am", "pm":
		ampm = suffix
	case "":
	default:
		return match{}, false
	}
	if ampm == "" && isAmPm(tg.w(end)) {
		ampm = tg.w(end)[:1] + "m"
		end++
	} else if ampm == "" && tg.w(end) == "o" && tg.w(end+1) == "'" && tg.w(end+2) == "clock" {
		end += 3
	} else if ampm == "" && !strings.Contains(base, ":") {
		return match{}, false
	}
	if ampm == "pm" && h < 12 {
		h += 12
	}
	if ampm == "am" && h == 12 {
		h = 0
	}
	if h > 24 {
		return match{}, false
	}
	return tg.clockDayMin(end, h, mi, false)
}

func isAmPm(w string) bool {
	switch w {
	case "a.m.", "p.m.", "a.m", "p.m", "am", "pm":
		return true
	}
	return false
}

func (tg *tagger) clockDay(end, h, mi int, midnight bool) (match, bool) {
	return tg.clockDayMin(end, h, mi, midnight)
}

// clockDayMin finishes a clock time at token end: a zone, then a day
// ("Tuesday", "yesterday", "Nov. 9") may follow.
func (tg *tagger) clockDayMin(end, h, mi int, midnight bool) (match, bool) {
	if z := tg.lx(end); z.kind == kZone && tg.toks[end].lo != "et" || z.kind == kZone && tg.toks[end].cap {
		end++
	}
	if tg.w(end) == "local" && tg.w(end+1) == "time" {
		end += 2
	}
	dayVal := ""
	k := end
	if tg.w(k) == "," {
		k++
	}
	if tg.w(k) == "on" {
		k++
	}
	if m, ok := tg.dayAfterClock(k); ok {
		dayVal = m.val
		end = m.end
	} else if tg.dct.ok {
		dayVal = fmtDay(tg.dct.t)
	} else {
		dayVal = "XXXX-XX-XX"
	}
	clock := pad(h, 2) + ":" + pad(mi, 2)
	if midnight {
		clock = "24:00"
	}
	if i := strings.IndexByte(dayVal, 'T'); i > 0 {
		dayVal = dayVal[:i]
	}
	return match{end: end, typ: Time, val: dayVal + "T" + clock}, true
}

func (tg *tagger) dayAfterClock(k int) (match, bool) {
	switch tg.w(k) {
	case "today", "yesterday", "tomorrow", "tonight":
		return tg.deictic(k)
	}
	l := tg.lx(k)
	switch l.kind {
	case kWeekday:
		return tg.weekday(k)
	case kMonth:
		if m, ok := tg.month(k); ok && strings.Count(m.val, "-") == 2 {
			return m, true
		}
	}
	return match{}, false
}

// tenseDir decides the direction of an underspecified date at tokens
// [i, end) from the governing verb near it: dirPast for a past-tense
// report, dirFuture for will/expected/plans, else def.
func (tg *tagger) tenseDir(i, end, def int) int {
	if (tg.w(i-2) == "early" || tg.w(i-2) == "soon") && tg.w(i-1) == "as" {
		return dirFuture // "as early as Tuesday"
	}
	if tg.w(i-1) == "since" {
		return dirPast // "has devastated the region since October"
	}
	if d := tg.cueFrom(i-1, -1, 14); d != 0 { // left, within the clause
		return d
	}
	if d := tg.cueFrom(end, 1, 12); d != 0 { // right, within the sentence
		return d
	}
	return def
}

// cueFrom returns the first tense cue among the n words from token k in
// direction step (-1 or 1), stopping at the end of the sentence; a "to"
// more than five words away does not count.
func (tg *tagger) cueFrom(k, step, n int) int {
	for w := 0; k >= 0 && k < len(tg.toks) && w < n; k, w = k+step, w+1 {
		t := &tg.toks[k]
		if t.kind == tPunct {
			if t.lo == "\n" || t.lo == "!" || t.lo == "?" || t.lo == ";" || t.lo == "." && !tg.abbrevBefore(k) {
				return 0
			}
			continue
		}
		if t.lo == "to" && w > 5 {
			continue
		}
		if d := tg.cue(k); d != 0 {
			return d
		}
	}
	return 0
}

// cue is the tense a token signals: dirPast, dirFuture or 0.
func (tg *tagger) cue(k int) int {
	w := tg.toks[k].lo
	if w == "ll" && tg.w(k-1) == "'" {
		return dirFuture
	}
	if w == "ll" {
		return 0
	}
	if futureWords[w] {
		if tg.w(k-1) == "had" || tg.w(k-1) == "been" && tg.w(k-2) == "had" {
			return dirPast // "had been scheduled to expire Friday"
		}
		if w == "may" && tg.toks[k].cap {
			return 0
		}
		if w == "set" && tg.w(k+1) != "to" && tg.w(k+1) != "for" {
			return 0
		}
		if w == "going" && tg.w(k+1) != "to" {
			return 0
		}
		if w == "plans" {
			switch tg.w(k + 1) {
			case "to", "a", "an", "the", "another", "new":
			default:
				return 0 // "vacation plans for the trip": the noun
			}
		}
		if w == "plan" && tg.w(k-1) != "to" && tg.w(k-1) != "they" && tg.w(k-1) != "we" && tg.w(k-1) != "i" {
			return 0
		}
		if w == "due" && tg.w(k+1) != "to" && tg.w(k+1) != "on" && tg.w(k+1) != "for" {
			return 0
		}
		if w == "due" && tg.w(k+1) == "to" {
			if n := tg.w(k + 2); n == "the" || n == "a" || n == "an" || n == "his" || n == "its" || n == "their" || n == "her" {
				return 0
			}
		}
		return dirFuture
	}
	if w == "to" {
		// infinitive "to meet": a lower-case verb-looking word follows
		n := tg.tok(k + 1)
		if n != nil && n.kind == tWord && !n.cap && !notInfinitive[n.lo] && lexicon[n.lo].kind == kNone && !strings.HasSuffix(n.lo, "ing") && !strings.HasSuffix(n.lo, "ed") && !strings.HasSuffix(n.lo, "s") {
			if p := tg.w(k - 1); p == "according" || p == "due" || p == "up" || p == "from" || p == "close" || p == "next" || pastWords[p] || p == "returned" || p == "moved" || p == "traveled" || p == "travelled" || p == "headed" {
				return 0
			}
			return dirFuture
		}
		return 0
	}
	switch w {
	case "is", "are", "am", "says", "say", "has", "have":
		return 0
	}
	if pastWords[w] {
		if w == "last" || w == "earlier" {
			return 0
		}
		switch tg.w(k - 1) {
		case "be", "will":
			return dirFuture // "will be paid in January"
		case "is", "are", "has", "have", "been", "being":
			if w != "was" && w != "were" && w != "had" {
				return 0
			}
		}
		return dirPast
	}
	if len(w) > 4 && strings.HasSuffix(w, "ed") && !notPastEd[w] && !tg.toks[k].cap {
		switch tg.w(k - 1) {
		case "be":
			switch tg.w(k - 2) {
			case "could", "couldn":
				return 0 // "could be located Wednesday": no tense of its own
			}
			return dirFuture
		case "being", "will", "to":
			return dirFuture
		case "is", "are", "has", "have", "the", "a", "an", "been":
			return 0 // "we've been subjected": a present perfect
		}
		return dirPast
	}
	return 0
}
