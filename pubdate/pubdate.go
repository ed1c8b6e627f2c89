// Package pubdate infers an article's publication date from its text alone,
// for articles whose metadata, dateline and byline give none, and from the
// dated articles it copies or reuses (FromSource).
//
// The evidence is the text's own anchored dates, as package timex finds
// them without a publication date: dates written with their weekday
// ("Wednesday, March 13, 2013"), weekdays with a month-day ("Thursday, May
// 2"), explicit full dates ("Feb. 5, 2024", "2/6/2024"), weekday mentions
// ("on Tuesday"), and "today"/"yesterday" next to a weekday ("today,
// Monday"). A news report is published on or shortly after the latest date
// it reports, so the latest explicit date is the anchor; weekdays then tell
// which of the following days the report was written on. On the shared dev
// data text alone is rarely right (docs/TIME.md, "Publication date
// inference", has the measurements): ingest uses FromSource, not Infer.
package pubdate

import (
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/timex"
)

// Confidence levels of Infer, by the kind of evidence. They order the
// evidence by the accuracy measured on the tuning sets (docs/TIME.md,
// "Publication date inference"); they are NOT calibrated probabilities.
const (
	// ConfToday: the weekday of the report is told by "today"/"yesterday"
	// next to a weekday ("today, Monday"), counted from a date the text
	// writes out.
	ConfToday = 0.9
	// ConfWritten: the latest date written out with its weekday
	// ("Wednesday, March 13, 2013"), as in a dateline or a "Posted:" line
	// left in the body.
	ConfWritten = 0.8
	// ConfPaired: a weekday and a month-day without a year ("Thursday,
	// May 2"): the year in which they agree nearest to the latest year the
	// text writes out.
	ConfPaired = 0.6
	// ConfWeekday: the latest explicit full date, moved on to the first
	// weekday the text mentions.
	ConfWeekday = 0.4
	// ConfLatest: the latest explicit full date only.
	ConfLatest = 0.3
)

// maxAhead is how many days after the latest explicit date a weekday
// mention may place the report (a past-tense "on Tuesday" is at most six
// days old).
const maxAhead = 6

// day is a calendar day as days since 1970-01-01.
type day int

func mkDay(y, m, d int) day {
	return day(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// weekday returns the ISO weekday of d, 1 = Monday … 7 = Sunday.
func (d day) weekday() int {
	// 1970-01-01 was a Thursday (4).
	w := (int(d)+3)%7 + 1
	if w <= 0 {
		w += 7
	}
	return w
}

func (d day) String() string {
	return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
}

// evidence is what Infer gathers from the timexes of a text.
type evidence struct {
	latest    day  // the latest explicit full date
	hasLatest bool // whether latest is set
	firstWD   int  // the weekday of the first past or neutral weekday mention, 0 if none
	todayWD   int  // the report's weekday from "today, Monday", 0 if none
	// written are the explicit full dates written with their weekday
	// ("Wednesday, March 13, 2013"), outside a future context.
	written []day
	// pairs are month-days without a year written with a weekday
	// ("Thursday, May 2"): month, day, ISO weekday.
	pairs [][3]int
	// maxYear is the latest explicit year outside a future context.
	maxYear int
}

// Infer returns the publication date of an article from its text alone,
// "YYYY-MM-DD", with a confidence in (0, 1) (see the Conf constants). ok
// is false when the text gives no day with a year: years alone ("in
// 2023", "this year"), dates without a year and weekdays alone are not
// enough.
//
// On the shared dev data only the answers at ConfWritten and above were
// right often enough to be used (docs/TIME.md); callers that need a
// trustworthy date should require confidence >= ConfWritten.
func Infer(text string) (date string, confidence float64, ok bool) {
	ev := gather(text, timex.Tag(text, ""))
	return ev.decide()
}

// gather collects the evidence from the timexes ts of text.
func gather(text string, ts []storyline.Timex) evidence {
	var ev evidence
	for i, t := range ts {
		if t.Type != timex.Date && t.Type != timex.Time {
			continue
		}
		v := t.Value
		fut := future(text, t.Start)
		if len(v) >= 4 && digits(v[:4]) && explicit(t.Text) && !fut {
			if y := atoi(v[:4]); y > ev.maxYear && y >= 1800 && y <= 2200 {
				ev.maxYear = y
			}
		}
		switch {
		case strings.HasPrefix(v, "XXXX-") && len(v) == 10 && digits(v[5:7]) && digits(v[8:10]):
			if w := weekdayIn(t.Text); w > 0 && !fut {
				ev.pairs = append(ev.pairs, [3]int{atoi(v[5:7]), atoi(v[8:10]), w})
			}
		case isFullDate(v) && explicit(t.Text):
			y, m, d := atoi(v[0:4]), atoi(v[5:7]), atoi(v[8:10])
			if !validDate(y, m, d) {
				continue
			}
			dd := mkDay(y, m, d)
			if !fut && weekdayIn(t.Text) == dd.weekday() {
				ev.written = append(ev.written, dd)
			}
			if !ev.hasLatest || dd > ev.latest {
				ev.latest, ev.hasLatest = dd, true
			}
		case strings.HasPrefix(v, "XXXX-WXX-") && len(v) >= 10 && v[9] >= '1' && v[9] <= '7':
			w := int(v[9] - '0')
			lo := strings.ToLower(t.Text)
			if strings.HasPrefix(lo, "next") || strings.HasPrefix(lo, "last") || strings.HasPrefix(lo, "this") {
				continue
			}
			if tw, ok := deicticNear(text, ts, i); ok {
				ev.todayWD = (w-1+tw)%7 + 1 // weekday of the report
			}
			if !fut && ev.firstWD == 0 {
				ev.firstWD = w
			}
		}
	}
	return ev
}

// decide turns the evidence into an answer.
func (ev evidence) decide() (string, float64, bool) {
	if d, ok := latestDay(ev.written); ok {
		if ev.todayWD != 0 {
			return nextWeekday(d, ev.todayWD).String(), ConfToday, true
		}
		return d.String(), ConfWritten, true
	}
	if d, ok := latestDay(ev.pairDays()); ok {
		return d.String(), ConfPaired, true
	}
	if !ev.hasLatest {
		return "", 0, false
	}
	if ev.todayWD != 0 {
		return nextWeekday(ev.latest, ev.todayWD).String(), ConfToday, true
	}
	if ev.firstWD != 0 {
		return nextWeekday(ev.latest, ev.firstWD).String(), ConfWeekday, true
	}
	return ev.latest.String(), ConfLatest, true
}

// pairDays dates the weekday + month-day pairs: of the years from one
// before to six after the latest explicit year, the one in which the
// month-day falls on the weekday, nearest to that year (the later on a
// tie). Without an explicit year the pairs date nothing.
func (ev evidence) pairDays() []day {
	if ev.maxYear == 0 {
		return nil
	}
	var out []day
	for _, p := range ev.pairs {
		best, bestDist := day(0), 99
		for y := ev.maxYear - 1; y <= ev.maxYear+6; y++ {
			if !validDate(y, p[0], p[1]) {
				continue
			}
			d := mkDay(y, p[0], p[1])
			dist := y - ev.maxYear
			if dist < 0 {
				dist = -dist * 2 // a year before counts as farther than one after
			}
			if d.weekday() == p[2] && dist < bestDist {
				best, bestDist = d, dist
			}
		}
		if bestDist < 99 {
			out = append(out, best)
		}
	}
	return out
}

func latestDay(ds []day) (day, bool) {
	if len(ds) == 0 {
		return 0, false
	}
	best := ds[0]
	for _, d := range ds[1:] {
		if d > best {
			best = d
		}
	}
	return best, true
}

// nextWeekday returns the first day on or after d (within maxAhead days)
// with ISO weekday w.
func nextWeekday(d day, w int) day {
	k := (w - d.weekday() + 7) % 7
	if k > maxAhead {
		k = maxAhead
	}
	return d + day(k)
}

// deicticNear tells whether the weekday timex ts[i] stands next to a
// "today"/"yesterday"/"tonight" timex ("today, Monday", "yesterday
// (Sunday)", "Monday night"), and returns the day offset of the deictic
// expression from the report, as a weekday shift: 0 for today, 1 for
// yesterday (the weekday mentioned is one before the report's).
func deicticNear(text string, ts []storyline.Timex, i int) (int, bool) {
	for _, j := range [2]int{i - 1, i + 1} {
		if j < 0 || j >= len(ts) {
			continue
		}
		a, b := ts[j], ts[i]
		if j > i {
			a, b = b, a
		}
		if b.Start-a.End > 3 || b.Start < a.End || strings.ContainsAny(text[a.End:b.Start], ".;\n") {
			continue
		}
		switch strings.ToLower(ts[j].Text) {
		case "today", "tonight", "this morning", "this afternoon", "this evening":
			return 0, true
		case "yesterday", "last night":
			return 1, true
		}
	}
	return 0, false
}

// future tells whether the few words before offset i carry a future cue
// ("will meet on Thursday", "is due to arrive Friday").
func future(text string, i int) bool {
	lo := i - 40
	if lo < 0 {
		lo = 0
	}
	s := text[lo:i]
	if k := strings.LastIndexAny(s, ".;\n"); k >= 0 {
		s = s[k+1:]
	}
	for _, cue := range futureCues {
		if k := strings.Index(s, cue); k >= 0 && (k == 0 || !isLetter(s[k-1])) && (k+len(cue) == len(s) || !isLetter(s[k+len(cue)])) {
			return true
		}
	}
	return false
}

var futureCues = []string{"will", "'ll", "would", "shall", "scheduled", "expected", "due to", "set to", "plans to", "planned", "next", "until", "starting"}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// explicit tells whether a timex's text writes its year out (a number),
// unlike "the next day" resolved from an earlier date.
func explicit(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run >= 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// isFullDate tells whether v starts with YYYY-MM-DD.
func isFullDate(v string) bool {
	return len(v) >= 10 && digits(v[0:4]) && v[4] == '-' && digits(v[5:7]) && v[7] == '-' && digits(v[8:10]) && (len(v) == 10 || v[10] == 'T')
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// validDate tells whether y-m-d is a real day in a plausible range.
func validDate(y, m, d int) bool {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Latest returns the latest explicit full date of text ("YYYY-MM-DD"), the
// baseline Infer is measured against; ok is false when there is none.
func Latest(text string) (string, bool) {
	ev := gather(text, timex.Tag(text, ""))
	if !ev.hasLatest {
		return "", false
	}
	return ev.latest.String(), true
}

var weekdayNames = [8]string{"", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// weekdayIn returns the ISO weekday that s (a date expression) names
// ("Wednesday, March 13", "Wed., March 13", "Wed, March 13"), or 0.
func weekdayIn(s string) int {
	lo := strings.ToLower(s)
	for i := 1; i <= 7; i++ {
		abbr := weekdayNames[i][:3]
		if strings.Contains(lo, weekdayNames[i]) || strings.Contains(lo, abbr+".") || strings.Contains(lo, abbr+",") {
			return i
		}
	}
	return 0
}

// FromSource returns the publication date of an article that copies or
// reuses a dated one, source ("YYYY-MM-DD", or RFC 3339): a copy or a
// later version is published on or after its source, so source is the
// anchor, moved to the latest explicit date of the text when that is
// later, then to the weekday of the report when the text tells it
// ("today, Monday") or to the first past-tense weekday it mentions ("on
// Tuesday": at most six days on). ok is false when source is not a date.
func FromSource(text, source string) (date string, ok bool) {
	if len(source) < 10 {
		return "", false
	}
	t, err := time.Parse("2006-01-02", source[:10])
	if err != nil {
		return "", false
	}
	anchor := mkDay(t.Year(), int(t.Month()), t.Day())
	ev := gather(text, timex.Tag(text, ""))
	if ev.hasLatest && ev.latest > anchor && ev.latest-anchor <= 31 {
		anchor = ev.latest // a month at most: older sources are background
	}
	switch {
	case ev.todayWD != 0:
		anchor = nextWeekday(anchor, ev.todayWD)
	case ev.firstWD != 0:
		anchor = nextWeekday(anchor, ev.firstWD)
	}
	return anchor.String(), true
}
