// Package timex finds time expressions in English news text and resolves
// them to TIMEX3 types and values against the publication date, in the
// conventions of TimeBank and TempEval-3 (see docs/TIME.md).
//
// The tagger is a hand-written scanner over word tokens with a small
// lexicon: no regular expressions, one pass, a few allocations per text.
package timex

import (
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// TIMEX3 types.
const (
	Date     = "DATE"
	Time     = "TIME"
	Duration = "DURATION"
	Set      = "SET"
)

// Tag finds the time expressions of text and resolves them against the
// publication date published ("2006-01-02", an RFC 3339 time, or "" when
// unknown: relative expressions then get underspecified values such as
// XXXX-WXX-2). Offsets are UTF-8 byte offsets into text, end exclusive;
// the expressions are in text order and do not overlap.
func Tag(text string, published string) []storyline.Timex {
	tg := taggers.Get().(*tagger)
	out := tg.tag(text, published)
	*tg = tagger{toks: tg.toks[:0]}
	taggers.Put(tg)
	return out
}

// taggers recycles taggers and their token buffers.
var taggers = sync.Pool{New: func() any { return new(tagger) }}

type tagger struct {
	text  string
	toks  []tok
	dct   anchor
	ref   time.Time // reference day for "the next day": the last day mentioned
	refOK bool
	// lastQ is the last quarter mentioned (year, quarter), for "a year ago"
	// in earnings reports.
	lastQY, lastQ int
	// refYear is the year of the last date mentioned, for "that year".
	refYear int
	out     []storyline.Timex
}

// match is one recognised expression: tokens [i, end).
type match struct {
	end      int
	typ, val string
	// skip is a number of tokens after end that belong to the expression's
	// resolution but not to its extent ("February [this year]").
	skip int
}

func (tg *tagger) tag(text, published string) []storyline.Timex {
	tg.text = text
	tg.dct = parseAnchor(published)
	tg.ref, tg.refOK = tg.dct.t, tg.dct.ok
	if tg.dct.ok {
		tg.refYear = tg.dct.t.Year()
	}
	lower := asciiLower(text)
	tg.toks = tokenize(text, lower, tg.toks[:0])
	toks := tg.toks
	for i := 0; i < len(toks); {
		if toks[i].kind == tPunct {
			i++
			continue
		}
		m, ok := tg.match(i)
		if !ok || m.end <= i {
			i++
			continue
		}
		s, e := toks[i].s, toks[m.end-1].e
		tg.out = append(tg.out, storyline.Timex{Start: s, End: e, Text: text[s:e], Type: m.typ, Value: m.val})
		if !tg.attributive(i, m.end) {
			tg.note(m)
		}
		i = m.end + m.skip
	}
	return tg.out
}

// attributive tells whether the expression in tokens [i, end) modifies a
// noun ("the Oct. 7 attacks", "the March 3 vote"): it names a background
// event, not the time the narrative is at, so "a day before" after it is
// not a day before it.
func (tg *tagger) attributive(i, end int) bool {
	if i == 0 || end >= len(tg.toks) || tg.toks[i-1].lo != "the" {
		return false
	}
	next := tg.toks[end]
	return next.kind == tWord && !next.cap && !clauseWords[next.lo]
}

// clauseWords after "the DATE" start a clause or a phrase, not the noun
// the date modifies ("the Oct. 7 and ...", "the March 3 of that year").
var clauseWords = map[string]bool{"and": true, "or": true, "to": true, "of": true, "in": true, "at": true,
	"on": true, "when": true, "was": true, "is": true, "were": true, "will": true, "that": true, "which": true,
	"as": true, "for": true, "by": true, "with": true, "from": true, "after": true, "before": true}

// note updates the reference day and quarter from a resolved value.
func (tg *tagger) note(m match) {
	v := m.val
	if m.typ == Duration || m.typ == Set || len(v) < 4 || !isDigit(v[0]) {
		return
	}
	if y := atoi(v[:4]); y > 0 {
		tg.refYear = y
	}
	if len(v) < 7 {
		return
	}
	if len(v) >= 10 && v[4] == '-' && v[7] == '-' && isDigit(v[8]) {
		if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
			tg.ref, tg.refOK = t, true
		}
		return
	}
	if len(v) == 7 && v[5] == 'Q' && tg.dct.ok {
		// only the quarter being reported (this year's, or last year's
		// fourth early in the year), not a year-ago comparison
		y, q := atoi(v[:4]), int(v[6]-'0')
		// (the last completed one: an outlook for the current quarter or
		// a comparison with an earlier one does not count)
		ly, lq := tg.dct.t.Year(), quarterOf(int(tg.dct.t.Month()))-1
		if lq == 0 {
			ly, lq = ly-1, 4
		}
		if y == ly && q == lq {
			tg.lastQY, tg.lastQ = y, q
		}
	}
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// w returns the lowercased token i, or "" past the end.
func (tg *tagger) w(i int) string {
	if i < 0 || i >= len(tg.toks) {
		return ""
	}
	return tg.toks[i].lo
}

func (tg *tagger) lx(i int) lex {
	if i < 0 || i >= len(tg.toks) || tg.toks[i].kind != tWord {
		return lex{}
	}
	return lexicon[tg.toks[i].lo]
}

// adjacent tells whether token i+1 follows token i with no space.
func (tg *tagger) adjacent(i int) bool {
	return i+1 < len(tg.toks) && tg.toks[i].e == tg.toks[i+1].s
}

// hyphen skips a hyphen glued between tokens i-1 and i+1: it returns i+1
// when token i is such a hyphen, else i.
func (tg *tagger) hyphen(i int) int {
	if i > 0 && tg.w(i) == "-" && tg.adjacent(i-1) && tg.adjacent(i) {
		return i + 1
	}
	return i
}

// period skips the period of an abbreviation at token i.
func (tg *tagger) period(i int) int {
	if tg.w(i) == "." && i > 0 && tg.adjacent(i-1) {
		return i + 1
	}
	return i
}

// approx are approximators TimeBank keeps inside the extent ("nearly
// four months"); "about", "almost", "over", "within", "just", "only" stay
// outside.
var approx = map[string]bool{
	"nearly": true, "around": true, "approximately": true, "roughly": true, "some": true,
	"another": true, "an": false,
}

// match tries to recognise an expression starting at token i.
func (tg *tagger) match(i int) (match, bool) {
	j := i
	// Approximators and comparatives: "about", "more than", "at least".
	switch w := tg.w(j); {
	case approx[w]:
		j++
	case (w == "more" || w == "less" || w == "fewer") && tg.w(j+1) == "than":
		j += 2
	case w == "at" && (tg.w(j+1) == "least" || tg.w(j+1) == "most"):
		j += 2
	case w == "up" && tg.w(j+1) == "to":
		j += 2
	case w == "no" && (tg.w(j+1) == "more" || tg.w(j+1) == "less") && tg.w(j+2) == "than":
		j += 3
	}
	if j > i {
		if m, ok := tg.core(j); ok && (m.typ == Duration || tg.w(i) == "around") {
			return m, true
		}
		return tg.core(i)
	}
	// "almost four years ago", "more than four decades ago": the
	// approximator belongs to an "ago" expression.
	switch w := tg.w(i); {
	case w == "almost" || w == "about" || w == "over" || w == "just":
		j = i + 1
	case w == "more" && tg.w(i+1) == "than":
		j = i + 2
	}
	if j > i {
		if m, ok := tg.core(j); ok && (tg.w(m.end-1) == "ago" || w2(tg, j) == "a" && tg.w(j+1) == "hundred") {
			return m, true
		}
	}
	return tg.core(i)
}

func w2(tg *tagger, i int) string { return tg.w(i) }

// core recognises an expression at token i, modifiers included.
func (tg *tagger) core(i int) (match, bool) {
	w := tg.w(i)
	switch w {
	case "pre", "post":
		// "post-1959 politics"
		if j := tg.hyphen(i + 1); j > i+1 {
			if _, ok := tg.yearNum(j); ok {
				if m, ok := tg.anchored(j); ok && m.typ == Date {
					return m, true
				}
			}
		}
		return match{}, false
	case "early", "late", "mid", "earlier", "later", "middle":
		j := tg.hyphen(i + 1)
		if l := tg.lx(j); l.kind == kWeekday && w != "early" { // "Earlier Friday": the weekday alone
			return match{}, false
		}
		if m, ok := tg.anchored(j); ok && m.typ != Duration && m.typ != Set {
			return m, true
		}
		if (w == "earlier" || w == "later") && tg.w(i+1) == "in" && tg.w(i+2) == "the" {
			switch tg.w(i + 3) { // "earlier in the year"
			case "year":
				return tg.thisUnit(i+4, uYear)
			case "month":
				return tg.thisUnit(i+4, uMonth)
			case "week":
				return tg.thisUnit(i+4, uWeek)
			}
		}
		if w == "earlier" || w == "later" {
			return match{}, false
		}
	case "the":
		if m, ok := tg.the(i); ok {
			return m, true
		}
		return match{}, false
	case "fiscal":
		if t := tg.toks[min(i+1, len(tg.toks)-1)]; i+1 < len(tg.toks) && t.kind == tNum && t.digits == 4 && t.suffix == "" && t.n >= 1900 && t.n < 2100 {
			return match{end: i + 2, typ: Date, val: pad(t.n, 4)}, true
		}
	}
	if m, ok := tg.set(i); ok {
		return m, true
	}
	if m, ok := tg.duration(i, false); ok {
		return m, true
	}
	return tg.anchored(i)
}

// the handles expressions that begin with "the".
func (tg *tagger) the(i int) (match, bool) {
	j := i + 1
	w := tg.w(j)
	switch w {
	case "first", "second", "last", "latter":
		if tg.w(j+1) == "half" && tg.w(j+2) == "of" {
			h := "1"
			if w != "first" {
				h = "2"
			}
			if y, ok := tg.yearNum(j + 3); ok {
				return match{end: j + 4, typ: Date, val: pad(y, 4) + "-H" + h}, true
			}
			if tg.w(j+3) == "the" && tg.w(j+4) == "year" && tg.dct.ok { // "the second half of the year"
				return match{end: j + 5, typ: Date, val: pad(tg.dct.t.Year(), 4) + "-H" + h}, true
			}
			if m, ok := tg.the(j + 3); ok && m.typ == Date && len(m.val) == 3 {
				return match{end: m.end, typ: Date, val: m.val}, true // the last half of the '80s
			}
		}
	case "early", "late", "mid":
		if m, ok := tg.core(j); ok && m.typ == Date {
			return m, true
		}
		return match{}, false
	case "end", "beginning", "start", "middle":
		if tg.w(j+1) == "of" && tg.w(j+2) == "the" {
			// "the end of the month": the current month, year, week or quarter
			switch tg.w(j + 3) {
			case "month":
				return tg.thisUnit(j+4, uMonth)
			case "year":
				return tg.thisUnit(j+4, uYear)
			case "week":
				return tg.thisUnit(j+4, uWeek)
			case "quarter":
				return tg.thisUnit(j+4, uQuarter)
			}
		}
		if tg.w(j+1) == "of" {
			if m, ok := tg.anchored(j + 2); ok && m.typ != Duration {
				return m, true
			}
			if m, ok := tg.the(j + 2); ok && m.typ != Duration {
				return m, true
			}
		}
		return match{}, false
	case "past", "future":
		if m, ok := tg.duration(j+1, true); ok {
			if w == "past" && m.typ == Date { // "the past year"
				return m, true
			}
			return m, true
		}
		if w == "past" {
			if u := tg.lx(j + 1); u.kind == kUnit && !u.plural {
				if u.n == uDecade || u.n == uCentury {
					return match{end: j + 2, typ: Duration, val: durValue(1, false, u.n)}, true
				}
				return tg.lastUnit(j+2, u.n)
			}
			return match{end: j + 1, typ: Date, val: "PAST_REF"}, true
		}
		return match{end: j + 1, typ: Date, val: "FUTURE_REF"}, true
	case "near", "distant", "foreseeable":
		if tg.w(j+1) == "future" {
			return match{end: j + 2, typ: Date, val: "FUTURE_REF"}, true
		}
		if w == "distant" && tg.w(j+1) == "past" {
			return match{end: j + 2, typ: Date, val: "PAST_REF"}, true
		}
		if w == "near" && tg.w(j+1) == "term" {
			return match{end: j + 2, typ: Date, val: "FUTURE_REF"}, true
		}
		return match{}, false
	case "short", "long":
		if tg.w(j+1) == "term" {
			return match{end: j + 2, typ: Date, val: "FUTURE_REF"}, true
		}
		return match{}, false
	case "day", "night", "morning", "evening", "afternoon":
		part := ""
		if l := lexicon[w]; l.kind == kPart {
			part = "T" + l.code
		}
		switch tg.w(j + 1) {
		case "before", "after":
			if !tg.clauseEnd(j+2) && tg.w(j+2) != "yesterday" && tg.w(j+2) != "tomorrow" {
				return match{}, false // "the day before authorities issued…"
			}
			if w == "day" && tg.w(j+2) == "yesterday" && tg.w(j+1) == "before" {
				return tg.rel(j+3, -2, "")
			}
			if w == "day" && tg.w(j+2) == "tomorrow" && tg.w(j+1) == "after" {
				return tg.rel(j+3, 2, "")
			}
			n := -1
			if tg.w(j+1) == "after" {
				n = 1
			}
			if part != "" && tg.dct.ok {
				return tg.refRel(j+2, n, part)
			}
			return tg.refRel(j+2, n, "")
		}
		return match{}, false
	case "next", "following", "previous", "preceding", "same":
		n := 1
		if w == "previous" || w == "preceding" {
			n = -1
		} else if w == "same" {
			n = 0
		}
		switch tg.w(j + 1) {
		case "day":
			return tg.refRel(j+2, n, "")
		case "year":
			if tg.refYear > 0 && n != 0 {
				return match{end: j + 2, typ: Date, val: pad(tg.refYear+n, 4)}, true
			}
			return match{}, false
		case "week", "month":
			if !tg.refOK || n == 0 {
				return match{}, false
			}
			u := uWeek
			if tg.w(j+1) == "month" {
				u = uMonth
			}
			return match{end: j + 2, typ: Date, val: shifted(tg.ref, n, u)}, true
		case "morning", "evening", "night", "afternoon":
			if n == 0 {
				return match{}, false
			}
			return tg.refRel(j+2, n, "T"+lexicon[tg.w(j+1)].code)
		}
		if l := tg.lx(j + 1); l.kind == kWeekday && !l.plural && w != "same" {
			if !tg.refOK {
				return match{end: j + 2, typ: Date, val: "XXXX-WXX-" + string(rune('0'+l.n))}, true
			}
			dir := dirAfter
			if n < 0 {
				dir = dirBefore
			}
			return match{end: j + 2, typ: Date, val: fmtDay(weekdayDate(tg.ref, l.n, dir))}, true
		}
		if m, ok := tg.duration(j+1, true); ok && w != "same" { // the next two years
			return m, true
		}
		return match{}, false
	case "current":
		if u := tg.lx(j + 1); u.kind == kUnit && !u.plural {
			return tg.thisUnit(j+2, u.n)
		}
		if tg.w(j+1) == "fiscal" && tg.w(j+2) == "year" {
			return tg.thisUnit(j+3, uYear)
		}
		return match{}, false
	}
	// the quarter / the latest quarter / the year-earlier period
	if m, ok := tg.quarterPhrase(j); ok {
		if tg.w(m.end-1) == "quarter" && tg.w(m.end-2) == "-" { // "the third-quarter loss"
			return match{}, false
		}
		return m, true
	}
	switch w {
	case "weekend":
		if tg.dct.ok { // on Monday to Wednesday, the weekend just past
			t := tg.dct.t
			if wd := isoWeekday(t); wd <= 3 {
				t = t.AddDate(0, 0, -7)
			}
			return match{end: j + 1, typ: Date, val: fmtWeek(t) + "-WE"}, true
		}
		return match{end: j + 1, typ: Date, val: "XXXX-WXX-WE"}, true
	case "last", "past":
		if u := tg.lx(j + 1); u.kind == kUnit && !u.plural {
			switch u.n {
			case uDecade, uCentury:
				return match{end: j + 2, typ: Duration, val: durValue(1, false, u.n)}, true
			case uWeek, uMonth, uYear:
				return tg.lastUnit(j+2, u.n)
			}
		}
	}
	if m, ok := tg.duration(j, true); ok {
		if k := tg.hyphen(j + 1); k > j+1 || tg.lx(m.end-1).kind == kUnit && !tg.lx(m.end-1).plural && m.end-j == 2 {
			return match{}, false // "the 14-day period", "the two day rally": "the" stays out
		}
		return m, true
	}
	// "on the 15th", "the 15th of March": a day of the month
	if t := tg.tok(j); t != nil && t.kind == tNum && t.digits <= 2 && t.suffix != "" {
		if d, ok := tg.dayNum(j); ok {
			if tg.w(j+1) == "of" {
				if ml := tg.lx(j + 2); ml.kind == kMonth && tg.toks[j+2].cap && !ml.abbr {
					if y, ok := tg.yearNum(j + 3); ok {
						return match{end: j + 4, typ: Date, val: fmtDay(day(y, ml.n, d))}, true
					}
					return tg.monthDay(j+3, ml.n, d, dirNearest, i)
				}
			} else if tg.clauseEnd(j+1) && tg.dct.ok {
				dt := tg.dct.t
				c := day(dt.Year(), int(dt.Month()), d)
				switch dir := tg.tenseDir(i, j+1, dirPast); {
				case dir == dirFuture && c.Before(dt):
					c = c.AddDate(0, 1, 0)
				case dir != dirFuture && c.After(dt):
					c = c.AddDate(0, -1, 0)
				}
				if c.Day() == d {
					return match{end: j + 1, typ: Date, val: fmtDay(c)}, true
				}
			}
		}
	}
	// "the year 2000", "the year two thousand"
	if w == "year" {
		if y, ok := tg.yearNum(j + 1); ok {
			return match{end: j + 2, typ: Date, val: pad(y, 4)}, true
		}
		if tg.lx(j+1).kind == kNum {
			if n, vague, e, ok := tg.number(j + 1); ok && !vague && n >= 1000 && n <= 2100 && n == float64(int(n)) {
				return match{end: e, typ: Date, val: pad(int(n), 4)}, true
			}
		}
	}
	// "the week of March 6": that date's ISO week
	if w == "week" && tg.w(j+1) == "of" {
		if m, ok := tg.anchored(j + 2); ok && m.typ == Date && len(m.val) == 10 && isDigit(m.val[0]) {
			if t, err := time.Parse("2006-01-02", m.val); err == nil {
				return match{end: m.end, typ: Date, val: fmtWeek(t)}, true
			}
		}
	}
	// "for the year": the current (fiscal) year; "the year ended March 31": a duration
	if w == "year" || w == "full" && tg.w(j+1) == "year" || w == "fiscal" && tg.w(j+1) == "year" {
		k := j
		if w != "year" {
			k++
		}
		if n := tg.w(k + 1); n == "ended" || n == "ending" || n == "ends" {
			return match{end: k + 1, typ: Duration, val: "P1Y"}, true
		}
		if p := tg.w(i - 1); (p == "for" || p == "of" || p == "during" || p == "throughout") && tg.dct.ok {
			return match{end: k + 1, typ: Date, val: pad(tg.dct.t.Year(), 4)}, true
		}
		return match{}, false
	}
	if w == "day" && tg.w(i-1) == "in" && (tg.w(i-2) == "later" || tg.w(i-2) == "earlier") {
		return tg.rel(j+1, 0, "")
	}
	if w == "years" && (tg.w(i-1) == "over" || tg.w(i-1) == "in") {
		return match{end: j + 1, typ: Duration, val: "PXY"}, true
	}
	if _, ok := tg.yearNum(j); ok && tg.hyphen(j+1) == j+1 {
		return match{}, false // "the 1996 Olympics": the year alone
	}
	if m, ok := tg.anchored(j); ok {
		switch {
		case m.typ == Set:
			return m, true
		case strings.HasPrefix(tg.w(j), "199") || tg.toks[j].kind == tNum || tg.w(j) == "'" || tg.w(j) == "early" || tg.w(j) == "late" ||
			tg.w(j) == "mid" || tg.w(j) == "weekend" || lexicon[tg.w(j)].kind == kSeason || lexicon[tg.w(j)].kind == kPart ||
			tg.w(j) == "nineties" || tg.w(j) == "eighties" || tg.w(j) == "seventies" || tg.w(j) == "sixties" || tg.w(j) == "fifties" ||
			tg.w(j) == "coming" || tg.w(j) == "week" || tg.w(j) == "month" || tg.w(j) == "year" ||
			tg.w(j) == "last" || tg.w(j) == "next" || tg.w(j) == "past" || tg.w(j) == "current":
			return m, true
		}
	}
	return match{}, false
}

// refRel is the day n days from the reference day, with an optional part of day.
func (tg *tagger) refRel(end, n int, part string) (match, bool) {
	typ := Date
	if part != "" {
		typ = Time
	}
	if !tg.refOK {
		return match{end: end, typ: typ, val: "XXXX-XX-XX" + part}, true
	}
	if part != "" {
		typ, v := dayPart(fmtDay(tg.ref.AddDate(0, 0, n)), part[1:])
		return match{end: end, typ: typ, val: v}, true
	}
	return match{end: end, typ: typ, val: fmtDay(tg.ref.AddDate(0, 0, n)) + part}, true
}

// rel is the day n days from the publication date, with an optional part of day.
func (tg *tagger) rel(end, n int, part string) (match, bool) {
	typ := Date
	if part != "" {
		typ = Time
	}
	if !tg.dct.ok {
		return match{end: end, typ: typ, val: "XXXX-XX-XX" + part}, true
	}
	return match{end: end, typ: typ, val: fmtDay(tg.dct.t.AddDate(0, 0, n)) + part}, true
}

// lastUnit is "last week/month/year" ending at token end.
func (tg *tagger) lastUnit(end, unit int) (match, bool) {
	return tg.shiftUnit(end, unit, -1)
}

func (tg *tagger) thisUnit(end, unit int) (match, bool) {
	return tg.shiftUnit(end, unit, 0)
}

func (tg *tagger) shiftUnit(end, unit, n int) (match, bool) {
	switch unit {
	case uYear, uMonth, uWeek, uQuarter, uWeekend, uDecade, uCentury, uDay:
	default:
		return match{}, false
	}
	if !tg.dct.ok {
		x := map[int]string{uYear: "XXXX", uMonth: "XXXX-XX", uWeek: "XXXX-WXX", uQuarter: "XXXX-QX",
			uWeekend: "XXXX-WXX-WE", uDecade: "XXX", uCentury: "XX", uDay: "XXXX-XX-XX"}[unit]
		return match{end: end, typ: Date, val: x}, true
	}
	switch unit {
	case uDecade:
		return match{end: end, typ: Date, val: pad(tg.dct.t.Year()/10+n, 3)}, true
	case uCentury:
		return match{end: end, typ: Date, val: pad(tg.dct.t.Year()/100+n, 2)}, true
	}
	return match{end: end, typ: Date, val: shifted(tg.dct.t, n, unit)}, true
}

// quarterPhrase reads "quarter", "latest quarter", "third quarter",
// "third-quarter", "year-ago quarter", "first half" at token j (after "the"
// or none).
func (tg *tagger) quarterPhrase(j int) (match, bool) {
	k := j
	yearAgo := false
	latest := false
	current := false
	year := 0
	q := 0
	half := false
	for steps := 0; steps < 4; steps++ {
		w := tg.w(k)
		switch {
		case w == "latest" || w == "recent" || w == "just-ended" || w == "most":
			latest = true
			k++
			continue
		case w == "current" || w == "this":
			current = true
			k++
			continue
		case w == "year-ago" || w == "year-earlier" || w == "comparable" || w == "prior-year" || w == "same" || w == "year" && (tg.w(k+1) == "-" && (tg.w(k+2) == "ago" || tg.w(k+2) == "earlier")):
			yearAgo = true
			if w == "year" {
				k += 2
			}
			k++
			continue
		case w == "fiscal":
			k++
			continue
		}
		if t := tg.toks[min(k, len(tg.toks)-1)]; k < len(tg.toks) && t.kind == tNum && t.digits == 4 && t.suffix == "" && t.n >= 1900 && t.n < 2100 && year == 0 {
			year = t.n
			k++
			continue
		}
		if o := ordinal(w); o > 0 && o <= 4 && q == 0 {
			q = o
			k = tg.hyphen(k + 1)
			continue
		}
		break
	}
	w := tg.w(k)
	if w == "half" && q > 0 && q <= 2 {
		half = true
	} else if w != "quarter" && !(w == "period" && (latest || yearAgo || year > 0 && j > 0 && tg.w(j-1) == "the")) {
		return match{}, false
	}
	if q == 0 && !latest && !yearAgo && !current && year == 0 && j > 0 && tg.w(j-1) != "the" {
		return match{}, false // bare "quarter"
	}
	end := k + 1
	// "of 1990"
	if tg.w(end) == "of" {
		if t := tg.toks[min(end+1, len(tg.toks)-1)]; end+1 < len(tg.toks) && t.kind == tNum && t.digits == 4 && t.suffix == "" && t.n >= 1900 && t.n < 2100 {
			year = t.n
			end += 2
		}
	}
	if half {
		if year == 0 {
			if !tg.dct.ok {
				return match{end: end, typ: Date, val: "XXXX-H" + string(rune('0'+q))}, true
			}
			year = tg.dct.t.Year()
		}
		return match{end: end, typ: Date, val: pad(year, 4) + "-H" + string(rune('0'+q))}, true
	}
	if year == 0 && !tg.dct.ok {
		if q == 0 {
			return match{end: end, typ: Date, val: "XXXX-QX"}, true
		}
		return match{end: end, typ: Date, val: "XXXX-Q" + string(rune('0'+q))}, true
	}
	if year == 0 {
		t := tg.dct.t
		cq := quarterOf(int(t.Month()))
		switch {
		case q > 0:
			year = quarterYear(t, q, dirNearest)
		case current:
			year, q = t.Year(), cq
		default: // the (latest) quarter: the one reported, else the last one completed
			year, q = t.Year(), cq-1
			if q == 0 {
				year, q = year-1, 4
			}
			if tg.lastQ > 0 {
				year, q = tg.lastQY, tg.lastQ
			}
		}
		if yearAgo {
			year--
		}
	} else if q == 0 {
		if tg.lastQ == 0 {
			return match{end: end, typ: Date, val: pad(year, 4)}, true
		}
		q = tg.lastQ
	}
	return match{end: end, typ: Date, val: fmtQuarter(year, q)}, true
}

func ordinal(w string) int {
	switch w {
	case "first", "1st":
		return 1
	case "second", "2nd":
		return 2
	case "third", "3rd":
		return 3
	case "fourth", "4th":
		return 4
	}
	return 0
}
