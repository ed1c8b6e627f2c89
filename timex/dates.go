package timex

import (
	"strconv"
	"strings"
	"time"
)

// anchor is the publication date a text's expressions are resolved against.
type anchor struct {
	ok bool
	t  time.Time // midnight UTC of the publication day
}

// parseAnchor reads "2006-01-02" or an RFC 3339 time; ok is false when
// published is empty or unreadable.
func parseAnchor(published string) anchor {
	p := strings.TrimSpace(published)
	if len(p) >= 10 {
		if t, err := time.Parse("2006-01-02", p[:10]); err == nil {
			return anchor{ok: true, t: t}
		}
	}
	return anchor{}
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func pad(n, w int) string {
	s := strconv.Itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

func fmtDay(t time.Time) string {
	return pad(t.Year(), 4) + "-" + pad(int(t.Month()), 2) + "-" + pad(t.Day(), 2)
}

func fmtMonth(y, m int) string { return pad(y, 4) + "-" + pad(m, 2) }

func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return pad(y, 4) + "-W" + pad(w, 2)
}

func fmtQuarter(y, q int) string { return pad(y, 4) + "-Q" + strconv.Itoa(q) }

// isoWeekday is Monday 1 … Sunday 7.
func isoWeekday(t time.Time) int {
	w := int(t.Weekday())
	if w == 0 {
		return 7
	}
	return w
}

// Directions for resolving an underspecified date.
const (
	dirPast     = -1 // on or before the anchor
	dirNearest  = 0
	dirFuture   = 1  // on or after the anchor
	dirBefore   = -2 // strictly before ("last Friday")
	dirAfter    = 2  // strictly after ("next Friday")
	dirNearPast = -3 // nearest, ties and near cases to the past (weekdays without tense)
)

// weekdayDate resolves a weekday (1–7) against t in direction dir.
func weekdayDate(t time.Time, wd, dir int) time.Time {
	cur := isoWeekday(t)
	back := (cur - wd + 7) % 7 // days back to the latest such weekday, 0 = today
	fwd := (wd - cur + 7) % 7
	switch dir {
	case dirFuture:
		return t.AddDate(0, 0, fwd)
	case dirBefore:
		if back == 0 {
			back = 7
		}
		return t.AddDate(0, 0, -back)
	case dirAfter:
		if fwd == 0 {
			fwd = 7
		}
		return t.AddDate(0, 0, fwd)
	case dirNearest:
		if fwd < back {
			return t.AddDate(0, 0, fwd)
		}
	}
	return t.AddDate(0, 0, -back)
}

// monthDayYear picks the year for month m, day d (d 0 = the whole month)
// nearest to t, a date on the side dir points to counting as four times
// nearer than one on the other side (without a direction, a past date
// counts as twice nearer) (dirBefore and dirAfter exclude the
// other side and t itself).
func monthDayYear(t time.Time, m, d, dir int) int {
	y := t.Year()
	best, bestCost := y, int64(1<<62)
	for _, cy := range []int{y - 1, y, y + 1} {
		var start, end time.Time
		if d > 0 {
			start = day(cy, m, d)
			end = start
		} else {
			start = day(cy, m, 1)
			end = start.AddDate(0, 1, -1)
		}
		var cost int64
		switch {
		case t.Before(start):
			if dir == dirBefore {
				continue
			}
			cost = int64(start.Sub(t).Hours())
			switch dir {
			case dirPast:
				cost *= 4
			case dirNearest: // news looks back more often than ahead
				cost *= 2
			}
		case t.After(end):
			if dir == dirAfter {
				continue
			}
			cost = int64(t.Sub(end).Hours())
			if dir == dirFuture {
				cost *= 4
			}
		default:
			if dir == dirBefore || dir == dirAfter {
				continue
			}
		}
		if cost < bestCost {
			best, bestCost = cy, cost
		}
	}
	return best
}

func quarterOf(m int) int { return (m-1)/3 + 1 }

// quarterYear picks the year of quarter q nearest to t in direction dir.
func quarterYear(t time.Time, q, dir int) int {
	y := t.Year()
	best, bestDist := y, int64(1<<62)
	for _, cy := range []int{y - 1, y, y + 1} {
		start := day(cy, 3*(q-1)+1, 1)
		end := start.AddDate(0, 3, -1)
		var dist int64
		switch {
		case t.Before(start):
			if dir < 0 {
				continue
			}
			dist = int64(start.Sub(t).Hours())
			if dir == dirNearest {
				dist *= 2
			}
		case t.After(end):
			if dir > 0 {
				continue
			}
			dist = int64(t.Sub(end).Hours())
		}
		if dist < bestDist {
			best, bestDist = cy, dist
		}
	}
	return best
}

// seasonStart is the first month of a season code.
func seasonStart(code string) int {
	switch code {
	case "SP":
		return 3
	case "SU":
		return 6
	case "FA":
		return 9
	}
	return 12
}

// seasonYear picks the year of a season (winter counted from its December)
// in direction dir: dirBefore the last one over, dirAfter the next one to
// start, dirPast the latest begun, dirFuture the current or next, else the
// nearest.
func seasonYear(t time.Time, code string, dir int) int {
	m0 := seasonStart(code)
	y := t.Year()
	best, bestDist := y, int64(1<<62)
	for _, cy := range []int{y - 2, y - 1, y, y + 1} {
		start := day(cy, m0, 1)
		end := start.AddDate(0, 3, -1)
		var dist int64
		switch {
		case t.Before(start):
			if dir == dirPast || dir == dirBefore {
				continue
			}
			dist = int64(start.Sub(t).Hours())
		case t.After(end):
			if dir == dirFuture || dir == dirAfter {
				continue
			}
			dist = int64(t.Sub(end).Hours())
		default:
			if dir == dirBefore || dir == dirAfter {
				continue
			}
		}
		if dist < bestDist {
			best, bestDist = cy, dist
		}
	}
	return best
}

// durValue formats a duration of n units (vague: PX…).
func durValue(n float64, vague bool, unit int) string {
	num := func(x float64) string {
		if vague {
			return "X"
		}
		if x == float64(int(x)) {
			return strconv.Itoa(int(x))
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	whole := float64(int(n))
	frac := n - whole
	switch unit {
	case uYear:
		if !vague && frac != 0 {
			if whole == 0 {
				return "P" + num(frac*12) + "M"
			}
			return "P" + num(whole) + "Y" + num(frac*12) + "M"
		}
		return "P" + num(n) + "Y"
	case uMonth:
		return "P" + num(n) + "M"
	case uWeek:
		return "P" + num(n) + "W"
	case uDay:
		if !vague && frac != 0 {
			if whole == 0 {
				return "PT" + num(frac*24) + "H"
			}
			return "P" + num(whole) + "DT" + num(frac*24) + "H"
		}
		return "P" + num(n) + "D"
	case uHour:
		if !vague && frac != 0 {
			if whole == 0 {
				return "PT" + num(frac*60) + "M"
			}
			return "PT" + num(whole) + "H" + num(frac*60) + "M"
		}
		return "PT" + num(n) + "H"
	case uMinute:
		if !vague && frac != 0 { // TIMEX3 writes no fractions: PT1M30S
			if whole == 0 {
				return "PT" + num(frac*60) + "S"
			}
			return "PT" + num(whole) + "M" + num(frac*60) + "S"
		}
		return "PT" + num(n) + "M"
	case uSecond:
		return "PT" + num(n) + "S"
	case uDecade:
		if vague {
			return "PXDE"
		}
		return "P" + num(n*10) + "Y"
	case uCentury:
		if vague {
			return "PXCE"
		}
		return "P" + num(n*100) + "Y"
	case uQuarter:
		return "P" + num(n) + "Q"
	case uWeekend:
		return "P" + num(n*2) + "D"
	case uFortnight:
		return "P" + num(n*2) + "W"
	}
	return "PXX"
}

// shifted is the date n units from t (n may be negative) at the unit's
// granularity.
func shifted(t time.Time, n int, unit int) string {
	switch unit {
	case uYear:
		return pad(t.Year()+n, 4)
	case uDecade:
		return pad(t.Year()+10*n, 4)
	case uCentury:
		return pad(t.Year()+100*n, 4)
	case uMonth:
		u := t.AddDate(0, n, 0)
		if u.Day() != t.Day() { // month overflow
			u = day(t.Year(), int(t.Month())+n, 1)
		}
		return fmtMonth(u.Year(), int(u.Month()))
	case uWeek:
		return fmtWeek(t.AddDate(0, 0, 7*n))
	case uFortnight:
		return fmtWeek(t.AddDate(0, 0, 14*n))
	case uDay, uHour, uMinute, uSecond:
		if unit != uDay {
			return fmtDay(t)
		}
		return fmtDay(t.AddDate(0, 0, n))
	case uQuarter:
		q := quarterOf(int(t.Month())) - 1 + n
		y := t.Year()
		for q < 0 {
			q += 4
			y--
		}
		y += q / 4
		return fmtQuarter(y, q%4+1)
	case uWeekend:
		return fmtWeek(t.AddDate(0, 0, 7*n)) + "-WE"
	}
	return fmtDay(t)
}

// easter is Easter Sunday of year y (Gregorian, the anonymous algorithm).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dd := (h+l-7*m+114)%31 + 1
	return day(y, month, dd)
}
