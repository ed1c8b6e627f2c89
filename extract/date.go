package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	dps "github.com/markusmobius/go-dateparser"
)

// Output layouts of ParseDate: a date alone, a date with a wall-clock time
// whose zone is unknown, and RFC 3339 when the zone or offset is known.
const (
	layoutDate     = "2006-01-02"
	layoutDateTime = "2006-01-02T15:04:05"
)

// Years outside this range are taken as misreadings (a page number, a
// phone number, an ID) rather than a publication date.
const (
	minYear = 1900
	maxYear = 2100
)

// ParseDate normalises a date string as found in metadata or in a date line
// ("2024-02-05", "June 11, 2024", "Published June 11, 2024 - 00:06am",
// "Feb. 5, 2024 10:32 AM EST", "Mon, 05 Feb 2024 14:00:00 +0000",
// "5 février 2024", ...). It returns "2006-01-02" when only the date is
// known, "2006-01-02T15:04:05" when a time without zone is known, and RFC
// 3339 with offset when a zone or offset is given. ok is false when s holds
// no complete date (day, month and year), has no digit, or its year is
// outside 1900–2100.
//
// English and numeric forms are parsed by a fast hand-written path; other
// languages fall back to go-dateparser, restricted to absolute dates with an
// explicit day, month and year so that no date is invented from a bare or
// relative word ("today", "Egypt").
func ParseDate(s string) (string, bool) {
	return parseDate(s, nil, false)
}

// parseDate is ParseDate with the article's context: langs restricts the
// library fallback to these languages (nil: detect among all, slow; an
// empty non-nil slice: no fallback), and dmy reads an ambiguous numeric date
// such as 05/02/2024 day first (true outside English).
func parseDate(s string, langs []string, dmy bool) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 200 || !hasDigit(s) {
		return "", false
	}
	label, s := splitDateLabel(s)
	if out, ok := parseISO(s); ok {
		return out, true
	}
	// After a non-English label an ambiguous 06/02/2024 is read day first;
	// after any label a two-digit year (04/02/07) is taken as a year.
	foreign := label != "" && !englishLabels[strings.ToLower(strings.Fields(label)[0])]
	if p, ok := parseTokens(s, dmy || foreign, label != ""); ok {
		return p.format()
	}
	if langs != nil && len(langs) == 0 {
		return "", false
	}
	return parseWithLibrary(s, langs)
}

// reDateLabel matches a leading label of a date line ("Published",
// "Last updated on:", "Date:", "Publié le"). Its words say nothing about
// the date itself. Group 1 is the label, group 2 its main word.
var reDateLabel = regexp.MustCompile(`(?i)^((?:(?:article|story|page|post)\s+)?(?:(?:first|last|originally)\s+)?(published|posted|updated|modified|created|dated|date|issued|released|publié|mis à jour|veröffentlicht|aktualisiert|erschienen|stand|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)(?:\s+(?:on|at))?)(?:\s*[:：\-–—|]\s*|\s+)`)

// englishLabels are the English words that can start a date label.
var englishLabels = map[string]bool{
	"published": true, "posted": true, "updated": true, "modified": true, "created": true,
	"dated": true, "date": true, "issued": true, "released": true, "first": true, "last": true,
	"originally": true, "article": true, "story": true, "page": true, "post": true,
}

// updateLabels say that a date is that of an update, not of publication.
var updateLabels = map[string]bool{
	"updated": true, "modified": true, "mis à jour": true, "aktualisiert": true, "stand": true,
	"actualizado": true, "aggiornato": true, "bijgewerkt": true,
}

// splitDateLabel splits a leading date label off s; label is "" if none.
func splitDateLabel(s string) (label, rest string) {
	if len(s) == 0 {
		return "", s
	}
	switch s[0] | 0x20 { // cheap pre-check on the first letter of the labels
	case 'p', 'u', 'm', 'c', 'd', 'i', 'r', 'f', 'l', 'o', 'v', 'a', 'e', 's', 'g', 'b':
		if m := reDateLabel.FindStringSubmatchIndex(s); m != nil && m[1] < len(s) {
			return s[m[2]:m[3]], s[m[1]:]
		}
	}
	return "", s
}

// isUpdateLabel reports whether a date label announces an update.
func isUpdateLabel(label string) bool {
	l := strings.ToLower(label)
	for w := range updateLabels {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// isoLayouts are tried with time.Parse before anything else: machine dates
// in metadata are nearly always one of these. zone tells whether the layout
// carries an offset, clock whether it carries a time of day.
var isoLayouts = []struct {
	layout      string
	zone, clock bool
}{
	{time.RFC3339Nano, true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02T15:04:05Z0700", true, true},
	{"2006-01-02T15:04:05.999999999Z0700", true, true},
	{"2006-01-02 15:04:05Z07:00", true, true},
	{"2006-01-02 15:04:05.999999999Z07:00", true, true},
	{"2006-01-02T15:04:05.999999999", false, true},
	{"2006-01-02T15:04", false, true},
	{"2006-01-02 15:04:05.999999999", false, true},
	{"2006-01-02 15:04", false, true},
	{"2006-01-02", false, false},
}

// parseISO parses ISO 8601 / RFC 3339 forms that start with a four-digit year.
func parseISO(s string) (string, bool) {
	if len(s) < 10 || s[4] != '-' || !isDigits(s[:4]) {
		return "", false
	}
	for _, l := range isoLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		return formatTime(t, l.clock, l.zone)
	}
	return "", false
}

// formatTime renders t in ParseDate's output forms after the year check.
func formatTime(t time.Time, clock, zone bool) (string, bool) {
	if t.Year() < minYear || t.Year() > maxYear {
		return "", false
	}
	switch {
	case clock && zone:
		return t.Format(time.RFC3339), true
	case clock:
		return t.Format(layoutDateTime), true
	default:
		return t.Format(layoutDate), true
	}
}

// dateParts is what the token parser recognised.
type dateParts struct {
	year, month, day     int
	hour, minute, second int
	clock, zone          bool
	offset               int // seconds east of UTC, when zone
}

// format validates the parts (no 30 February) and renders them.
func (p dateParts) format() (string, bool) {
	if p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.hour > 23 || p.minute > 59 || p.second > 60 {
		return "", false
	}
	loc := time.UTC
	if p.zone {
		loc = time.FixedZone("", p.offset)
	}
	if p.second == 60 { // a leap second: keep the date right
		p.second = 59
	}
	t := time.Date(p.year, time.Month(p.month), p.day, p.hour, p.minute, p.second, 0, loc)
	if t.Day() != p.day || int(t.Month()) != p.month {
		return "", false
	}
	return formatTime(t, p.clock, p.zone)
}

// monthNames maps month names and their usual abbreviations in English
// and, so that most European date lines need no library call, in French,
// German, Spanish, Italian, Portuguese and Dutch. No name means two
// different months in these languages.
var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
	// fr
	"janvier": 1, "janv": 1, "février": 2, "févr": 2, "fevrier": 2, "mars": 3, "avril": 4, "avr": 4,
	"mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
	"octobre": 10, "novembre": 11, "décembre": 12, "déc": 12, "decembre": 12,
	// de
	"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7,
	"oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
	// es
	"enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6,
	"julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
	"noviembre": 11, "diciembre": 12, "dic": 12,
	// it
	"gennaio": 1, "gen": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "mag": 5, "giugno": 6, "giu": 6,
	"luglio": 7, "lug": 7, "settembre": 9, "set": 9, "ottobre": 10, "ott": 10, "dicembre": 12,
	// pt
	"janeiro": 1, "fevereiro": 2, "fev": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6,
	"julho": 7, "setembro": 9, "outubro": 10, "out": 10, "novembro": 11, "dezembro": 12,
	// nl
	"januari": 1, "februari": 2, "maart": 3, "mrt": 3, "mei": 5, "augustus": 8,
}

// weekdayNames are skipped: they add nothing to a full date.
var weekdayNames = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true,
	"wed": true, "wednesday": true, "thu": true, "thur": true, "thurs": true, "thursday": true,
	"fri": true, "friday": true, "sat": true, "saturday": true, "sun": true, "sunday": true,
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true, "samstag": true, "sonntag": true,
	"lunes": true, "martes": true, "miércoles": true, "jueves": true, "viernes": true, "sábado": true, "domingo": true,
	"lunedì": true, "martedì": true, "mercoledì": true, "giovedì": true, "venerdì": true, "sabato": true, "domenica": true,
	"segunda-feira": true, "terça-feira": true, "quarta-feira": true, "quinta-feira": true, "sexta-feira": true,
	"maandag": true, "dinsdag": true, "woensdag": true, "donderdag": true, "vrijdag": true, "zaterdag": true, "zondag": true,
}

// fillerWords join the parts of an English date ("Monday, the 5th of
// February 2024 at 10:32") and carry no value.
var fillerWords = map[string]bool{
	"-": true, "–": true, "—": true, "|": true, "•": true, "·": true, "@": true, "/": true,
	"at": true, "on": true, "the": true, "of": true, "and": true,
	// the same little words in the other languages of monthNames
	"le": true, "à": true, "de": true, "del": true, "el": true, "a": true, "las": true, "la": true,
	"às": true, "em": true, "um": true, "uhr": true, "den": true, "il": true, "alle": true,
	"ore": true, "op": true, "om": true, "van": true,
}

// zoneAbbrevs are zone abbreviations whose offset is unambiguous enough for
// news sites. Ambiguous ones (IST, ET, PT) are in vagueZones instead.
var zoneAbbrevs = map[string]int{
	"utc": 0, "gmt": 0, "ut": 0, "z": 0,
	"est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
	"mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
	"akst": -9 * 3600, "akdt": -8 * 3600, "hst": -10 * 3600,
	"bst": 1 * 3600, "wet": 0, "west": 1 * 3600, "cet": 1 * 3600, "cest": 2 * 3600,
	"eet": 2 * 3600, "eest": 3 * 3600, "msk": 3 * 3600, "ast": 3 * 3600,
	"gst": 4 * 3600, "pkt": 5 * 3600, "jst": 9 * 3600, "kst": 9 * 3600,
	"hkt": 8 * 3600, "sgt": 8 * 3600, "aest": 10 * 3600, "aedt": 11 * 3600,
	"awst": 8 * 3600, "nzst": 12 * 3600, "nzdt": 13 * 3600,
	"sast": 2 * 3600, "cat": 2 * 3600, "eat": 3 * 3600, "wat": 1 * 3600,
}

// vagueZones name a zone without a fixed offset (US "ET" switches with
// daylight saving time, "IST" is India, Israel or Ireland): the time is
// kept without zone.
var vagueZones = map[string]bool{"et": true, "ct": true, "mt": true, "pt": true, "ist": true, "local": true, "time": true}

// parseTokens is the fast path for English and numeric dates: it splits s
// into words and accepts it only when every word is a date part or a
// filler, so a sentence that merely contains a date is rejected.
func parseTokens(s string, dmy, shortYear bool) (dateParts, bool) {
	var p dateParts
	var haveYear, haveMonth, haveDay, pm, am bool
	pendingHour := -1     // a bare number that an am/pm word may turn into an hour
	pendingIsDay := false // ... and that was provisionally taken as the day
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\u00a0' })
	if len(fields) > 12 {
		return p, false
	}
	setDay := func(n int) bool {
		if haveDay || n < 1 || n > 31 {
			return false
		}
		p.day, haveDay = n, true
		return true
	}
	for _, f := range fields {
		lf := strings.ToLower(strings.Trim(f, "()[]"))
		if fillerWords[lf] || lf == "" {
			continue
		}
		w := strings.TrimRight(lf, ".")
		if weekdayNames[w] {
			continue
		}
		if m, ok := monthNames[w]; ok {
			if haveMonth {
				return p, false
			}
			p.month, haveMonth = m, true
			continue
		}
		switch w {
		case "am", "a.m", "pm", "p.m":
			if pendingHour < 0 && !p.clock && w == "am" {
				continue // German "am 5. Februar": "on the"
			}
			if am || pm {
				return p, false
			}
			am, pm = w[0] == 'a', w[0] == 'p'
			if pendingHour >= 0 && !p.clock {
				p.hour, p.clock = pendingHour, true
				if pendingIsDay { // the number taken as the day was an hour
					haveDay = false
				}
				pendingHour = -1
			}
			continue
		}
		if off, ok := zoneAbbrevs[w]; ok {
			if !p.zone {
				p.zone, p.offset = true, off
			}
			continue
		}
		if vagueZones[w] {
			continue
		}
		if off, ok := parseOffset(w); ok {
			p.zone, p.offset = true, off
			continue
		}
		if strings.IndexByte(w, ':') > 0 {
			h, mi, sec, suffix, ok := parseClock(w)
			if !ok || p.clock {
				return p, false
			}
			p.hour, p.minute, p.second, p.clock = h, mi, sec, true
			switch suffix {
			case "am", "a.m", "a.m.":
				am = true
			case "pm", "p.m", "p.m.":
				pm = true
			case "z":
				p.zone, p.offset = true, 0
			case "":
			default:
				return p, false
			}
			continue
		}
		if n, rest, ok := leadingNumber(w); ok {
			switch rest {
			case "":
				if len(w) == 4 && !haveYear {
					p.year, haveYear = n, true
					continue
				}
				if len(w) <= 2 {
					if !haveDay {
						if !setDay(n) {
							return p, false
						}
						pendingHour, pendingIsDay = n, true
						continue
					}
					if !p.clock && n <= 12 && (pendingHour < 0 || pendingIsDay) {
						pendingHour, pendingIsDay = n, false
						continue
					}
				}
				return p, false
			case "st", "nd", "rd", "th":
				if !setDay(n) {
					return p, false
				}
				continue
			case "am", "a.m", "pm", "p.m":
				if p.clock || n > 12 {
					return p, false
				}
				p.hour, p.clock = n, true
				am, pm = rest[0] == 'a', rest[0] == 'p'
				continue
			case "h", "h00":
				if p.clock || n > 23 {
					return p, false
				}
				p.hour, p.clock = n, true
				continue
			}
			if len(rest) == 3 && rest[0] == 'h' && isDigits(rest[1:]) { // French "10h30"
				mi, _ := strconv.Atoi(rest[1:])
				if p.clock || n > 23 || mi > 59 {
					return p, false
				}
				p.hour, p.minute, p.clock = n, mi, true
				continue
			}
			if y, mo, d, ok := parseNumericDate(w, dmy, shortYear); ok && !haveYear && !haveMonth && !haveDay {
				p.year, p.month, p.day = y, mo, d
				haveYear, haveMonth, haveDay = true, true, true
				continue
			}
		}
		return p, false
	}
	if !haveYear || !haveMonth || !haveDay {
		return p, false
	}
	if pendingHour >= 0 && !pendingIsDay {
		return p, false // a stray number
	}
	if am || pm {
		if !p.clock || p.hour > 12 || (pm && p.hour == 0) {
			return p, false
		}
		if pm && p.hour < 12 {
			p.hour += 12
		} else if am && p.hour == 12 {
			p.hour = 0
		}
	}
	return p, true
}

// parseOffset reads "+0000", "+05:30", "-5", "utc+3", "gmt-04:00".
func parseOffset(w string) (int, bool) {
	for _, pre := range []string{"utc", "gmt"} {
		if strings.HasPrefix(w, pre) && len(w) > len(pre) {
			w = w[len(pre):]
			break
		}
	}
	if len(w) < 2 || (w[0] != '+' && w[0] != '-') {
		return 0, false
	}
	sign := 1
	if w[0] == '-' {
		sign = -1
	}
	d := strings.ReplaceAll(w[1:], ":", "")
	if !isDigits(d) {
		return 0, false
	}
	var h, m int
	switch len(d) {
	case 1, 2:
		h, _ = strconv.Atoi(d)
	case 4:
		h, _ = strconv.Atoi(d[:2])
		m, _ = strconv.Atoi(d[2:])
	default:
		return 0, false
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	return sign * (h*3600 + m*60), true
}

// parseClock reads "10:32", "00:06am", "14:00:00", "10:32:05.123", "10:00z".
func parseClock(w string) (h, m, s int, suffix string, ok bool) {
	i := 0
	num := func() (int, int) {
		j := i
		for j < len(w) && w[j] >= '0' && w[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(w[i:j])
		return n, j - i
	}
	var n int
	if h, n = num(); n < 1 || n > 2 {
		return
	}
	i += n
	if i >= len(w) || w[i] != ':' {
		return
	}
	i++
	if m, n = num(); n != 2 {
		return
	}
	i += n
	if i < len(w) && w[i] == ':' {
		i++
		if s, n = num(); n != 2 {
			return
		}
		i += n
		if i < len(w) && w[i] == '.' { // fraction of a second, dropped
			i++
			for i < len(w) && w[i] >= '0' && w[i] <= '9' {
				i++
			}
		}
	}
	return h, m, s, strings.TrimRight(w[i:], "."), h <= 23 && m <= 59 && s <= 60
}

// leadingNumber splits "5th" into 5 and "th".
func leadingNumber(w string) (int, string, bool) {
	j := 0
	for j < len(w) && w[j] >= '0' && w[j] <= '9' {
		j++
	}
	if j == 0 || j > 8 {
		return 0, "", false
	}
	n, _ := strconv.Atoi(w[:j])
	return n, w[j:], true
}

// parseNumericDate reads 2024-02-05, 2024/02/05, 05.02.2024, 2/5/2024,
// and with shortYear 04/02/07. With the year last, a day above 12 settles
// the order; otherwise dots are read day first (European use), slashes and
// hyphens month first unless dmy.
func parseNumericDate(w string, dmy, shortYear bool) (y, m, d int, ok bool) {
	var sep byte
	for i := 0; i < len(w); i++ {
		if c := w[i]; c == '-' || c == '/' || c == '.' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return
	}
	parts := strings.Split(strings.TrimRight(w, "."), string(sep))
	if len(parts) != 3 {
		return
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || !isDigits(p) {
			return
		}
		n[i], _ = strconv.Atoi(p)
	}
	switch {
	case len(parts[0]) == 4 && len(parts[2]) <= 2:
		return n[0], n[1], n[2], true
	case (len(parts[2]) == 4 || (shortYear && len(parts[2]) == 2)) && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		a, b := n[0], n[1]
		if len(parts[2]) == 2 { // a two-digit year: 70–99 are 1900s
			if n[2] += 2000; n[2] >= 2070 {
				n[2] -= 100
			}
		}
		switch {
		case a > 12:
			return n[2], b, a, true
		case b > 12:
			return n[2], a, b, true
		case dmy || sep == '.':
			return n[2], b, a, true
		default:
			return n[2], a, b, true
		}
	}
	return
}

// dateLib is the library parser used for non-English dates: absolute dates
// only (no timestamps, no "2 hours ago"), with an explicit day, month and
// year, so that it cannot invent a date from a word.
var dateLib = &dps.Parser{ParserTypes: []dps.ParserType{dps.CustomFormat, dps.AbsoluteTime}}

// libMaxWords bounds what is given to the library: a date line is short,
// and a longer string is a sentence that merely contains a date.
const libMaxWords = 8

// parseWithLibrary asks go-dateparser. It is slow (0.1–20 ms), so callers
// in the text cleaner only reach it for short lines that passed a cheap
// check and with the article's language given. Leading words without a
// digit are dropped one at a time (at most two), which removes labels in
// any language ("Publié le", "Pubblicato il") without letting the library
// skip unknown words anywhere, as its IgnoreSurroundingText option would:
// that one reads "The talks on June 11, 2024 ended" as 2024-11-11.
func parseWithLibrary(s string, langs []string) (out string, ok bool) {
	if !hasYear(s) || wordCount(s) > libMaxWords {
		return "", false
	}
	defer func() {
		if recover() != nil { // a library bug must not take the cleaner down
			out, ok = "", false
		}
	}()
	cfg := &dps.Configuration{
		Languages:          langs,
		StrictParsing:      true,
		ReturnTimeAsPeriod: true,
		CurrentTime:        time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for drop := 0; drop <= 2; drop++ {
		if drop > 0 {
			first, rest, found := strings.Cut(s, " ")
			if !found || hasDigit(first) {
				break
			}
			s = strings.TrimSpace(rest)
		}
		d, err := dateLib.Parse(cfg, s)
		if err != nil || d.IsZero() {
			continue
		}
		// The year must be written in s: this rejects calendars and
		// guesses that the library may convert or fill in.
		if !strings.Contains(s, strconv.Itoa(d.Time.Year())) {
			return "", false
		}
		_, tzName, _ := dps.PopTzOffset(s)
		return formatTime(d.Time, d.Period.IsTime(), tzName != "")
	}
	return "", false
}

// hasYear reports whether s holds a four-digit number from 1900 to 2100
// that is not part of a longer number.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9') || (s[i] == '2' && (s[i+1] == '0' || (s[i+1] == '1' && s[i+2] == '0' && s[i+3] == '0'))) {
			if isDigits(s[i:i+4]) && (i == 0 || !isDigitByte(s[i-1])) && (i+4 == len(s) || !isDigitByte(s[i+4])) {
				return true
			}
		}
	}
	return false
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// hasDigit reports whether s has a decimal digit in any script.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigitByte(s[i]) {
			return true
		}
	}
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
