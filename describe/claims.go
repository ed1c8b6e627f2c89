package describe

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/cluster"
)

// The counted things a claim can be about.
const (
	CountKilled     = "killed"
	CountWounded    = "wounded"
	CountCasualties = "casualties"
	CountDisplaced  = "displaced"
	CountHostages   = "hostages"
	CountMissing    = "missing"
	CountArrested   = "arrested"
	CountReleased   = "released"
	CountMoney      = "money"
	CountPercent    = "percent"
	CountDistance   = "distance"
)

// countedOrder is the order groups are listed in.
var countedOrder = []string{CountKilled, CountWounded, CountCasualties, CountDisplaced, CountHostages,
	CountMissing, CountArrested, CountReleased, CountMoney, CountPercent, CountDistance}

// countCues map the words near a number to what it counts.
var countCues = func() map[string]string {
	m := map[string]string{}
	for counted, ws := range map[string]string{
		CountKilled: `kill killed killing killings dead death deaths died dies fatalities fatality bodies
			corpses toll slain perished drowned massacred lives executed`,
		CountWounded:    `wounded wounding injured injuries injuring injury hurt`,
		CountCasualties: `casualties`,
		CountDisplaced:  `displaced homeless refugees fled evacuated evacuees uprooted displacement`,
		CountHostages:   `hostages hostage captives abducted kidnapped captivity`,
		CountMissing:    `missing unaccounted`,
		CountArrested:   `arrested arrests detained detainees jailed imprisoned captured prisoners`,
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = counted
		}
	}
	return m
}()

// cumulative words make a count a running total, not one day's.
var cumulative = map[string]bool{"toll": true, "total": true, "overall": true, "since": true,
	"cumulative": true, "altogether": true}

// Claims returns the numeric claims of the articles (people killed,
// wounded, displaced, held hostage, missing, arrested; money, percentages,
// distances) grouped across articles by what is counted, where, over
// which period ("in the last 24 hours"), of what or of whom (Of: "aid",
// "policemen"), and, for one day's counts and measurements, on which
// day. Each group says whether its claims agree (compatible counts:
// "27,478" and "more than 27,000"), contradict each other (incompatible
// counts reported on one date by different sources), update each other
// (incompatible counts reported on different dates) or stand alone (one
// claim, copies of one, one source's differing counts, or differing
// counts of unknown dates).
func Claims(articles []*storyline.Article) []storyline.ClaimGroup {
	var all []storyline.Claim
	origin, published := map[string]string{}, map[string]string{}
	for _, a := range articles {
		origin[a.ID] = a.Origin()
		published[a.ID] = a.Published[:min(len(a.Published), 10)]
		all = append(all, articleClaims(a)...)
	}
	type key struct{ counted, place, period, of, date, currency string }
	keyOf := func(c storyline.Claim) key {
		p := c.Place
		if p == "" {
			p = strings.ToLower(c.Where)
		}
		k := key{c.Counted, p, c.Period, c.Of, "", ""}
		if c.Counted == CountMoney {
			k.currency = c.Unit
		}
		if c.Unit != "people" && c.Of == "" {
			k.of = "\x00" + c.Article // an amount that says not what it measures stays in its article
		}
		if !runningTotal(c) || pastEvent(c.AsOf, published[c.Article]) {
			k.date = c.AsOf // one day's count, a measurement, a past event: of that day
		}
		return k
	}
	groups := map[key]*storyline.ClaimGroup{}
	var keys []key
	for _, c := range all {
		k := keyOf(c)
		g, ok := groups[k]
		if !ok {
			g = &storyline.ClaimGroup{Counted: c.Counted, Where: c.Where, Place: c.Place, Period: c.Period, Of: c.Of}
			groups[k] = g
			keys = append(keys, k)
		}
		g.Claims = append(g.Claims, c)
	}
	rank := map[string]int{}
	for i, c := range countedOrder {
		rank[c] = i
	}
	out := make([]storyline.ClaimGroup, 0, len(keys))
	for _, k := range keys {
		g := groups[k]
		sort.SliceStable(g.Claims, func(i, j int) bool { return g.Claims[i].AsOf < g.Claims[j].AsOf })
		g.Status, g.Sources = status(g.Claims, origin, published)
		out = append(out, *g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if rank[out[i].Counted] != rank[out[j].Counted] {
			return rank[out[i].Counted] < rank[out[j].Counted]
		}
		return len(out[i].Claims) > len(out[j].Claims)
	})
	return out
}

// status decides whether the claims of a group (sorted by AsOf) agree,
// and counts their independent sources. Two claims that cannot both be
// true contradict each other when they are reported on the same date by
// different sources, and update one another when reported on different
// dates. The report date of a running total is its AsOf; that of a day's
// count or a measurement (which share their AsOf in a group) is the
// publication date of its article. Differing claims of an unknown date
// neither agree nor contradict: the group is single.
func status(cs []storyline.Claim, origin, published map[string]string) (string, int) {
	texts, sources := map[string]bool{}, map[string]bool{}
	var known, unknown []span
	byDate := map[string][]span{}
	for _, c := range cs {
		texts[c.Text] = true
		sources[origin[c.Article]] = true
		r := published[c.Article]
		if runningTotal(c) {
			r = c.AsOf
		}
		b := claimBounds(c)
		sp := span{b, origin[c.Article], r}
		if r == "" {
			unknown = append(unknown, sp)
			continue
		}
		known = append(known, sp)
		byDate[r] = append(byDate[r], sp)
	}
	// claims that cannot both be true, reported on one date: a
	// contradiction when their sources differ; else, with no update,
	// one source's differing counts or counts of unknown dates
	contradict, mixed := false, false
	for _, same := range byDate {
		contradict = contradict || apart(same, func(s span) string { return s.source })
	}
	mixed = overlapless(append(known, unknown...))
	switch {
	case contradict:
		return storyline.ClaimContradict, len(sources)
	case apart(known, func(s span) string { return s.date }):
		return storyline.ClaimUpdate, len(sources)
	case !mixed && (len(texts) > 1 || len(sources) > 1):
		return storyline.ClaimAgree, len(sources)
	}
	return storyline.ClaimSingle, len(sources)
}

// overlapless tells whether two of the spans cannot both be true: whether
// one starts above the end of another.
func overlapless(ss []span) bool {
	lo, hi := math.Inf(-1), math.Inf(1)
	for _, s := range ss {
		lo, hi = math.Max(lo, s.Lo), math.Min(hi, s.Hi)
	}
	return lo > hi+1e-9
}

// span is a claim's interval with its source and report date.
type span struct {
	valueRange
	source, date string
}

// apart tells whether two of the spans of different keys cannot both be
// true: whether some span starts above the end of a span of another key. It keeps the two lowest ends of distinct
// keys, so it takes time linear in the spans.
func apart(ss []span, key func(span) string) bool {
	const eps = 1e-9
	h1, h2 := math.Inf(1), math.Inf(1)
	k1 := ""
	for _, s := range ss {
		switch k := key(s); {
		case s.Hi < h1:
			if k != k1 {
				h2 = h1
			}
			h1, k1 = s.Hi, k
		case s.Hi < h2 && k != k1:
			h2 = s.Hi
		}
	}
	for _, s := range ss {
		end := h1
		if key(s) == k1 {
			end = h2
		}
		if s.Lo > end+eps {
			return true
		}
	}
	return false
}

// runningTotal tells whether a claim is a count that grows or is revised
// as reports come in (people killed, wounded, held; money), as opposed to
// one day's count ("in the last 24 hours") or a measurement (a distance,
// a percentage), which holds for its day only.
func runningTotal(c storyline.Claim) bool {
	return c.Period == "" && c.Counted != CountDistance && c.Counted != CountPercent
}

// kilometres are the lengths of the units of distance in km.
var kilometres = map[string]float64{"km": 1, "mi": 1.609344, "m": 0.001}

// claimBounds is the interval of values a claim allows.
func claimBounds(c storyline.Claim) valueRange {
	q := quantity{value: c.Value, approx: c.Approx, vague: c.Approx == "several"}
	num := strings.TrimSpace(c.Text)
	// the number as written: its significant digits set the rounding
	for _, t := range tokenize(num, 0, len(num)) {
		if t.kind == 'n' {
			num = t.text
			break
		}
	}
	lo, hi := bounds(q, num)
	k := kilometres[c.Unit] // distances compare in km
	if k == 0 {
		k = 1
	}
	return valueRange{lo * k, hi * k}
}

// articleClaims returns the claims of one article, in text order.
func articleClaims(a *storyline.Article) []storyline.Claim {
	var out []storyline.Claim
	published := a.Published[:min(len(a.Published), 10)]
	sds := sentenceDates(a)
	lastPeriod := ""
	for _, sd := range sds {
		if s := a.Text[sd.Start:sd.End]; strings.Contains(s, "http") || strings.Contains(s, "www.") {
			continue // numbers of a link
		}
		ts := tokenize(a.Text, sd.Start, sd.End)
		qs := quantities(ts)
		if len(qs) == 0 {
			continue
		}
		lower := strings.ToLower(a.Text[sd.Start:sd.End])
		period := periodOf(ts)
		happened, reported, since := published, published, false
		if sd.Timex >= 0 && sd.Timex < len(a.Timexes) {
			tx := a.Timexes[sd.Timex]
			before := strings.ToLower(a.Text[max(sd.Start, tx.Start-7):tx.Start])
			since = strings.Contains(before, "since") || strings.Contains(before, "from")
			if !since && sd.Confidence >= 0.5 && sd.Value != "" && isDigit(sd.Value[0]) {
				happened = sd.Value
				if strings.HasSuffix(strings.TrimSpace(before), "as of") {
					reported = sd.Value // "the death toll, as of Friday, ..."
				}
			}
		}
		if period == "" && !since && sd.Confidence >= 0.9 && !hasAny(ts, cumulative) && !strings.Contains(lower, "so far") {
			period = "day"
		}
		if period != "" {
			lastPeriod = period
		}
		for _, q := range qs {
			if overlapsTimex(a.Timexes, ts[q.num].s, ts[q.num].e) {
				continue
			}
			counted, of := countedOf(ts, q)
			if counted == "" {
				continue
			}
			c := storyline.Claim{Text: a.Text[ts[q.first].s:ts[q.last].e], Value: q.value, Approx: q.approx,
				Unit: q.unit, Counted: counted, Of: of, Article: a.ID,
				Start: ts[q.first].s, End: ts[q.last].e, Sentence: a.Text[sd.Start:sd.End]}
			if c.Unit == "" {
				c.Unit = "people"
				c.Of = segmentOf(ts, q)
				c.Period = period
				if q.first > 0 && increments[ts[q.first-1].text] && period == "" {
					c.Period = lastPeriod
					if c.Period == "" {
						c.Period = "additional"
					}
				}
			}
			c.AsOf = happened
			if runningTotal(c) && !pastEvent(happened, published) {
				c.AsOf = reported
			}
			m, ok := placeOf(a, ts, sd.Start, sd.End, c.Start)
			if c.Counted == CountDistance {
				m, ok = fromPlace(a, ts, sd.Start, sd.End, q)
			}
			if ok {
				c.Where, c.Place = m.Text, m.Entity
			}
			out = append(out, c)
		}
	}
	return out
}

// sentenceDates returns a's SentenceDates when they fit its text, else
// computes them (see Sentences).
func sentenceDates(a *storyline.Article) []storyline.SentenceDate {
	ss := Sentences(a)
	out := make([]storyline.SentenceDate, len(ss))
	for i, s := range ss {
		out[i] = storyline.SentenceDate{Start: s.Start, End: s.End, Value: s.Date, Confidence: s.Confidence, Timex: s.timex}
	}
	return out
}

// countedOf returns what quantity q of ts counts and, for money,
// percentages and distances, of what ("aid", "vote"): "" when it is
// none of the counted things. The unit decides for money, percentages and
// distances; else the nearest count word within eight words after the
// quantity (up to a comma or the next number), or within three before it
// ("killing of three"), or a death toll within twelve before it ("the
// death toll ... to 27,478").
func countedOf(ts []tok, q quantity) (counted, of string) {
	switch {
	case q.unit == "%":
		return CountPercent, ofWord(ts, q)
	case isDistance(q.unit):
		return CountDistance, ofWord(ts, q)
	case q.unit != "":
		return CountMoney, ofWord(ts, q)
	}
	after, da := "", math.MaxInt
	for k := q.last + 1; k < len(ts) && k <= q.last+10; k++ {
		t := ts[k]
		if t.text == "," && k+1 < len(ts) && ts[k+1].text == "including" {
			for k++; k < len(ts) && ts[k].text != ","; k++ { // ", including ...,"
			}
			continue
		}
		if t.kind == 'n' || wordNumbers[t.text] > 0 || t.kind == 'p' && strings.ContainsAny(t.text, ",;:()—–") {
			break
		}
		if after != "" && (t.text == "and" || t.text == "or" || t.text == "while" || t.text == "but") {
			break // "72 hostages and killing all 14 rebels": another clause
		}
		c := cueAt(ts, k)
		if c == "" {
			continue
		}
		if after == "" {
			after, da = c, k-q.last
		}
		if !nounCues[t.text] {
			after, da = c, k-q.last // a verb says more than a noun: "prisoners were executed"
			break
		}
	}
	before, db := "", math.MaxInt
	others := q.last+1 < len(ts) && (ts[q.last+1].text == "others" || ts[q.last+1].text == "more")
	reach := 12
	if others {
		reach = 1 // "killed one and wounded 20 others", not "killed ... and 20 others"
	}
	for k := q.first - 1; k >= 0 && k >= q.first-reach; k-- {
		t := ts[k]
		if t.kind == 'p' && strings.ContainsAny(t.text, ";:()") {
			break
		}
		c := cueAt(ts, k)
		if c == "" || (q.first-k > 3 && t.text != "toll") {
			continue
		}
		before, db = c, q.first-k
		break
	}
	counted = before
	if after != "" && da <= db {
		counted = after
	}
	if counted == CountHostages || counted == CountArrested {
		// "100 hostages were freed": the count is of people released
		for k := q.last + 1; k < len(ts) && k <= q.last+6; k++ {
			if releaseWords[ts[k].text] {
				return CountReleased, ""
			}
		}
	}
	return counted, ""
}

// nounCues are the count words that name the people counted rather than
// what befell them: a verb after them decides ("prisoners were executed").
var nounCues = map[string]bool{"prisoners": true, "detainees": true, "hostages": true, "hostage": true,
	"captives": true, "refugees": true, "evacuees": true, "bodies": true, "corpses": true, "dead": true,
	"casualties": true, "fatalities": true, "deaths": true, "lives": true, "toll": true}

// cueAt returns what the count word ts[k] counts, "" when it is none
// ("death row", "death penalty" are not deaths).
func cueAt(ts []tok, k int) string {
	c := countCues[ts[k].text]
	if c != "" && ts[k].text == "death" && k+1 < len(ts) {
		switch ts[k+1].text {
		case "row", "penalty", "sentence", "sentences", "threat", "threats", "squad":
			return ""
		}
	}
	return c
}

// releaseWords turn a count of hostages or prisoners into one of people
// released.
var releaseWords = map[string]bool{"freed": true, "released": true, "release": true, "exchanged": true, "swapped": true}

// increments are the words before a count that add it to one said before
// ("Another 205 people were wounded").
var increments = map[string]bool{"another": true, "additional": true, "further": true}

// ofWord returns the stem of the first content word after a quantity,
// within four words, or else of the last one before it: what money, a
// percentage or a distance measures.
func ofWord(ts []tok, q quantity) string {
	for k := q.last + 1; k < len(ts) && k <= q.last+4; k++ {
		if ts[k].kind == 'p' {
			break
		}
		if measureWord(ts[k]) {
			return cluster.Stem(ts[k].text)
		}
	}
	for k := q.first - 1; k >= 0 && k >= q.first-4; k-- {
		if ts[k].kind == 'p' {
			break
		}
		if measureWord(ts[k]) {
			return cluster.Stem(ts[k].text)
		}
	}
	return ""
}

// measureWord tells whether t can say what an amount measures: a content
// word, not a filler such as "worth" or "million".
func measureWord(t tok) bool {
	return t.kind == 'w' && !stopWords[t.text] && len(t.text) > 2 && !fillers[t.text] && scales[t.text] == 0
}

// fillers are content words that say nothing of what an amount measures.
var fillers = map[string]bool{"worth": true, "reach": true, "reached": true, "total": true, "totalling": true,
	"percent": true, "dollars": true, "euros": true, "pounds": true, "estimated": true, "approximately": true}

// periodPrepositions start a period: "in the last 24 hours".
var periodPrepositions = map[string]bool{"in": true, "over": true, "during": true, "within": true, "for": true}

// periodOf returns the period a sentence's counts cover when it names
// one: "24 hours" for "in the last 24 hours", "1 days" for "over the
// past day", "overnight" ("last week" alone is a date, not a period).
func periodOf(ts []tok) string {
	for k, t := range ts {
		if t.text == "overnight" {
			return "overnight"
		}
		if t.text != "last" && t.text != "past" && t.text != "previous" || k+1 >= len(ts) || k < 2 ||
			ts[k-1].text != "the" || !periodPrepositions[ts[k-2].text] {
			continue
		}
		n, unit := "1", ts[k+1].text
		if (ts[k+1].kind == 'n' || wordNumbers[ts[k+1].text] > 0) && k+2 < len(ts) {
			n, unit = ts[k+1].text, ts[k+2].text
			if v, ok := wordNumbers[n]; ok {
				n = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
		switch strings.TrimSuffix(unit, "s") {
		case "hour", "day", "week":
			return n + " " + strings.TrimSuffix(unit, "s") + "s"
		}
	}
	return ""
}

func hasAny(ts []tok, words map[string]bool) bool {
	for _, t := range ts {
		if words[t.text] {
			return true
		}
	}
	return false
}

// overlapsTimex tells whether [s, e) is inside a time expression.
func overlapsTimex(txs []storyline.Timex, s, e int) bool {
	for _, t := range txs {
		if s < t.End && t.Start < e {
			return true
		}
	}
	return false
}

// locatives are the words that put a place name after them as where
// something happened ("in Gaza", "near the border").
var locatives = map[string]bool{"in": true, "at": true, "near": true, "across": true, "inside": true,
	"throughout": true, "within": true, "outside": true, "around": true, "on": true}

// placeOf returns the LOC mention of the sentence [s, e) nearest to
// offset at that says where (after "in", "at", "near" ..., perhaps with
// "the" or one word between: "in northern Gaza"), not whose ("U.S.
// service members").
func placeOf(a *storyline.Article, ts []tok, s, e, at int) (storyline.Mention, bool) {
	best, bd := storyline.Mention{}, math.MaxInt
	for _, m := range a.Entities {
		if m.Type != storyline.LOC || m.Start < s || m.End > e {
			continue
		}
		k := sort.Search(len(ts), func(i int) bool { return ts[i].s >= m.Start })
		loc := false
		for j := k - 1; j >= 0 && j >= k-3; j-- {
			if locatives[ts[j].text] {
				loc = true
				break
			}
			if ts[j].kind != 'w' {
				break
			}
		}
		if !loc {
			continue
		}
		d := m.Start - at
		if d < 0 {
			d = 2 * (at - m.End) // a place after the count is likelier its place
		}
		if d < bd {
			best, bd = m, d
		}
	}
	return best, bd != math.MaxInt
}

// segments are the stems of the words that name a part of the people a
// count could be of ("foreign nationals", "policemen", "children"): a
// count of them is not one of everyone.
var segments = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`children child kids women men boys girls teenagers students pupils teachers
tourists foreigners foreign nationals expatriates soldiers troops servicemen police policemen policewomen
officers officials civilians militants rebels insurgents gunmen fighters guerrillas protesters demonstrators
journalists reporters workers employees staff doctors nurses patients passengers crew pilgrims miners
fishermen firefighters rescuers volunteers spectators fans athletes riders settlers`) {
		m[cluster.Stem(w)] = true
	}
	return m
}()

// segmentOf returns the stem of the segment word among the few words
// after a count of people, up to a stop word or punctuation ("10,500
// foreign nationals", "hundreds of policemen"): "" when the count is of
// people in general ("200,000 people", "15 British sailors").
func segmentOf(ts []tok, q quantity) string {
	for k := q.last + 1; k < len(ts) && k <= q.last+4; k++ {
		t := ts[k]
		if t.kind != 'w' || stopWords[t.text] {
			break
		}
		if st := cluster.Stem(t.text); segments[st] {
			return st
		}
	}
	if bodiesFound(ts, q) {
		return "recovered" // a count that trails the toll
	}
	return ""
}

// bodiesFound tells whether q counts bodies found: "bodies" or "corpses"
// within four words after it and a verb of finding within three words
// before it or eight after ("recovered 2 male bodies", "fifty or so
// bodies that had been recovered").
func bodiesFound(ts []tok, q quantity) bool {
	bodies := false
	for k := q.last + 1; k < len(ts) && k <= q.last+4; k++ {
		bodies = bodies || ts[k].text == "bodies" || ts[k].text == "corpses"
	}
	if !bodies {
		return false
	}
	for k := max(0, q.first-3); k < len(ts) && k <= q.last+8; k++ {
		switch ts[k].text {
		case "recovered", "found", "retrieved", "pulled", "collected", "buried", "unearthed":
			return true
		}
	}
	return false
}

// fromPlace returns the LOC mention of the sentence [s, e) that a
// distance q is measured from: within six words after it, after "of" or
// "from" ("18 kilometers southwest of Rancagua").
func fromPlace(a *storyline.Article, ts []tok, s, e int, q quantity) (storyline.Mention, bool) {
	for _, m := range a.Entities {
		if m.Type != storyline.LOC || m.Start < ts[q.last].e || m.End > e || m.Start < s {
			continue
		}
		k := sort.Search(len(ts), func(i int) bool { return ts[i].s >= m.Start })
		if k-q.last > 7 {
			continue
		}
		for j := k - 1; j > q.last && j >= k-2; j-- {
			if ts[j].text == "of" || ts[j].text == "from" {
				return m, true
			}
			if ts[j].text != "the" {
				break
			}
		}
	}
	return storyline.Mention{}, false
}

// pastEvent tells whether a count dated happened, in an article published
// on published, is of an event more than a month before the report (the
// 2004 arrests in a report of 2007): a count of its own, not the current
// one's. Dates are TIMEX3 values (a day, a month or a year).
func pastEvent(happened, published string) bool {
	h, ok1 := parseDay(happened)
	p, ok2 := parseDay(published)
	return ok1 && ok2 && p.Sub(h) > 31*24*time.Hour
}

// parseDay reads the day, month or year a TIMEX3 date starts with (the
// first of the month or year).
func parseDay(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(v) >= len(layout) {
			if t, err := time.Parse(layout, v[:len(layout)]); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
