package cluster

import (
	"strconv"
	"time"

	"github.com/storyline/storyline"
)

// pdate is a happening date, possibly partial: what a TIMEX3 value says
// of the year, month, day of the month and day of the week. Unknown parts
// are 0; weekdays run 1 (Monday) to 7 (Sunday) as in TIMEX3. A date with
// year, month and day is full, and day is its day number (days since
// 1970-01-01).
type pdate struct {
	y         int16
	m, d, wd  int8
	day       int32
	full, any bool
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// fullDate returns the full pdate of t's day.
func fullDate(t time.Time) pdate {
	wd := int8(t.Weekday())
	if wd == 0 {
		wd = 7
	}
	return pdate{y: int16(t.Year()), m: int8(t.Month()), d: int8(t.Day()), wd: wd,
		day: int32(t.Sub(epoch).Hours() / 24), full: true, any: true}
}

// parseDate reads what a TIMEX3 date value (or an ISO date or RFC 3339
// time) says of a happening's date: "2024-02-06", "2024-02", "2024",
// "XXXX-10-07", "XXXX-11", "XXXX-WXX-2", "2024-02-06TMO". Anything else
// ("PRESENT_REF", "2024-W06", "XXXX-XX-XX") gives a date with nothing
// known (any false).
func parseDate(s string) pdate {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' && s[:4] != "XXXX" {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return fullDate(t)
		}
	}
	var p pdate
	if len(s) < 4 {
		return p
	}
	if y, err := strconv.Atoi(s[:4]); err == nil && y > 0 && y < 10000 {
		p.y = int16(y)
	}
	rest := s[4:]
	switch {
	case len(rest) >= 6 && rest[:5] == "-WXX-" && rest[5] >= '1' && rest[5] <= '7' && (len(rest) == 6 || rest[6] == 'T'):
		p.wd = int8(rest[5] - '0')
	case len(rest) >= 3 && rest[0] == '-' && rest[1] != 'W':
		if m, err := strconv.Atoi(rest[1:3]); err == nil && m >= 1 && m <= 12 {
			p.m = int8(m)
			if len(rest) >= 6 && rest[3] == '-' {
				if d, err := strconv.Atoi(rest[4:6]); err == nil && d >= 1 && d <= 31 {
					p.d = int8(d)
				}
			}
		}
	}
	p.any = p.y != 0 || p.m != 0 || p.d != 0 || p.wd != 0
	return p
}

// compareDates tells whether a and b have a known part in common, and if so
// whether every part known to both agrees.
func compareDates(a, b pdate) (comparable, agree bool) {
	agree = true
	for _, x := range [][2]int{{int(a.y), int(b.y)}, {int(a.m), int(b.m)}, {int(a.d), int(b.d)}, {int(a.wd), int(b.wd)}} {
		if x[0] == 0 || x[1] == 0 {
			continue
		}
		comparable = true
		if x[0] != x[1] {
			agree = false
		}
	}
	return comparable, comparable && agree
}

// happening returns the date of what article a reports: the first date
// its text states for a happening. For a dated article: the first day,
// in text order, that dates a sentence (an expression governs it) within
// the week before publication ("on Tuesday" in a report of Wednesday
// 2024-02-07 is 2024-02-06), else its publication day. For an undated
// one: the first date expression that says something of the date (full,
// weekday, day of a month, month or year): "on Tuesday" gives
// XXXX-WXX-2. The zero pdate when nothing is known.
func happening(a *storyline.Article) pdate {
	p, _ := happeningLead(a)
	return p
}

// happeningLead is happening, and whether an undated article's date
// comes from its first sentence (its lead says when).
func happeningLead(a *storyline.Article) (pdate, bool) {
	if pub := parseDate(a.Published); pub.full {
		for _, s := range a.SentenceDates {
			if s.Confidence < 0.9 || s.Timex < 0 {
				continue
			}
			if p := parseDate(s.Value); p.full && p.day <= pub.day && p.day >= pub.day-7 {
				return p, false
			}
		}
		return pub, false
	}
	leadEnd := len(a.Text)
	if len(a.SentenceDates) > 0 {
		leadEnd = a.SentenceDates[0].End
	}
	var first pdate
	for _, t := range a.Timexes {
		if t.Type != "DATE" && t.Type != "TIME" {
			continue
		}
		p := parseDate(t.Value)
		if !p.any {
			continue
		}
		if p.full || p.wd != 0 || p.d != 0 {
			return p, t.Start < leadEnd
		}
		if !first.any {
			first = p
		}
	}
	return first, false
}
