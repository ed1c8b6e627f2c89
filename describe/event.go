package describe

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// Entities looks up resolved entities by ID; a missing one is skipped.
type Entities map[string]*storyline.Entity

// Limits of an event's description.
const (
	maxParticipants = 8
	maxPlaces       = 5
	leadSentences   = 2 // the sentences of an article that state its news
	mainDayWindow   = 7 // days from the publication date a lead's date may be
	rangeDays       = 3 // days from the event's main day that widen its range
)

// Event describes the event e from its articles (in ingest order): its
// Title, Start and End, Places, Participants, Articles and Sources. ID,
// Story, Created and the summary fields are left as they are.
func Event(e *storyline.Event, articles []*storyline.Article, ents Entities) {
	e.Articles = e.Articles[:0]
	for _, a := range articles {
		e.Articles = append(e.Articles, a.ID)
	}
	e.Sources = storyline.CountSources(articles)
	e.Start, e.End = eventDays(articles)
	e.Participants, e.Places = involved(articles, ents)
	e.Title = Title(articles, e.Start, e.Participants, e.Places)
}

// Story describes the story st from its events (described) and its
// articles: Events in date order, Start and End, Sources, Participants,
// and a Title, that of its seminal event (the one with the most
// independent sources, the earliest of them on a tie).
func Story(st *storyline.Story, events []storyline.Event, articles []*storyline.Article) {
	dated := Timeline(events)
	st.Events = st.Events[:0]
	for _, e := range dated {
		st.Events = append(st.Events, e.ID)
	}
	for _, e := range events {
		if e.Start == "" {
			st.Events = append(st.Events, e.ID)
		}
	}
	st.Start, st.End = "", ""
	for _, e := range dated {
		if st.Start == "" || e.Start < st.Start {
			st.Start = e.Start
		}
		if e.End > st.End {
			st.End = e.End
		}
	}
	st.Sources = storyline.CountSources(articles)
	st.Participants = mergeRefs(events, maxParticipants)
	st.Title = ""
	var seminal *storyline.Event
	for i := range events {
		e := &events[i]
		if seminal == nil || e.Sources.Independent > seminal.Sources.Independent ||
			(e.Sources.Independent == seminal.Sources.Independent && before(e, seminal)) {
			seminal = e
		}
	}
	if seminal != nil {
		st.Title = seminal.Title
	}
}

// before tells whether a happened before b; dated events come first.
func before(a, b *storyline.Event) bool {
	if (a.Start == "") != (b.Start == "") {
		return a.Start != ""
	}
	return a.Start < b.Start
}

// mergeRefs sums the participants and places of events into the n most
// mentioned.
func mergeRefs(events []storyline.Event, n int) []storyline.EntityRef {
	by := map[string]*storyline.EntityRef{}
	var order []string
	for _, e := range events {
		for _, list := range [][]storyline.EntityRef{e.Participants, e.Places} {
			for _, r := range list {
				m := by[r.ID]
				if m == nil {
					c := r
					c.Roles = slices.Clone(r.Roles)
					by[r.ID] = &c
					order = append(order, r.ID)
					continue
				}
				m.Mentions += r.Mentions
				m.Articles += r.Articles
				for _, role := range r.Roles {
					if !slices.Contains(m.Roles, role) {
						m.Roles = append(m.Roles, role)
					}
				}
			}
		}
	}
	out := make([]storyline.EntityRef, 0, len(order))
	for _, id := range order {
		out = append(out, *by[id])
	}
	slices.SortStableFunc(out, func(a, b storyline.EntityRef) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(b.Mentions, a.Mentions))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// MainDay is the day an article's news happened: the date of the first
// of its lead sentences dated by a day-precise expression (within a week
// of its publication date, when it has one: older dates in a lead are
// background, "since the Oct. 7 attacks"), else its publication day.
// "" when neither is known.
func MainDay(a *storyline.Article) string {
	pub := day(a.Published)
	for i, s := range a.SentenceDates {
		if i >= leadSentences+1 {
			break
		}
		if s.Confidence < 0.7 || !isDay(s.Value) {
			continue
		}
		if pub == "" || absDays(s.Value, pub) <= mainDayWindow {
			return s.Value
		}
	}
	return pub
}

// eventDays are the first and last day of the happening the articles
// report: the day most articles put it on (the earliest on a tie), widened
// to the other articles' days within rangeDays of it.
func eventDays(articles []*storyline.Article) (string, string) {
	count := map[string]int{}
	for _, a := range articles {
		if d := MainDay(a); d != "" {
			count[d]++
		}
	}
	mode := ""
	for d, n := range count {
		if mode == "" || n > count[mode] || (n == count[mode] && d < mode) {
			mode = d
		}
	}
	if mode == "" {
		return "", ""
	}
	start, end := mode, mode
	for d := range count {
		if absDays(d, mode) <= rangeDays {
			start, end = min(start, d), max(end, d)
		}
	}
	return start, end
}

// day returns the YYYY-MM-DD of a date or time, or "".
func day(s string) string {
	if len(s) >= 10 && isDay(s[:10]) {
		return s[:10]
	}
	return ""
}

func isDay(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// absDays is the number of days between two YYYY-MM-DD dates.
func absDays(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return math.MaxInt32
	}
	return int(math.Abs(ta.Sub(tb).Hours() / 24))
}

// involved ranks the entities the articles name: participants (PER, ORG,
// MISC) and places (LOC). An entity scores, per independent source, the
// log of its mentions plus a bonus when a lead sentence names it; a place
// scores more after a locative word ("in", "at", "to", "visited") and as
// the dateline, and a city more than a region, a region more than a
// country. Places are those with the most signs that it happened there
// (the dateline, or a presence word before the locative: "talks in
// Cairo", "arrived in", "struck", weighing more when the sentence names
// the article's main person); when none has one, the two most salient.
// Entities named by one source only, never in a lead, are left out when
// others are better attested.
func involved(articles []*storyline.Article, ents Entities) (participants, places []storyline.EntityRef) {
	type tally struct {
		score    float64
		where    float64 // for places: evidence that it happened there
		mentions int
		articles int
		origins  map[string]bool
		roles    []string
	}
	by := map[string]*tally{}
	var order []string
	// Each copy group counts once: its origin's article, or the first seen.
	seen := map[string]bool{}
	for _, a := range articles {
		origin := a.Origin()
		first := !seen[origin]
		seen[origin] = true
		lead := mainPerson(a)
		leadOff := leadEnd(a)
		perArticle, whereIn := map[string]float64{}, map[string]float64{}
		counts := map[string]int{}
		lastPlace, lastCue := -1, 0.0 // the end and cue of the last place mention
		for _, m := range a.Entities {
			e, ok := ents[m.Entity]
			if m.Entity == "" || !ok || e.Type == storyline.MISC {
				continue // nationalities and named events are not participants
			}
			t := by[e.ID]
			if t == nil {
				t = &tally{origins: map[string]bool{}}
				by[e.ID] = t
				order = append(order, e.ID)
			}
			t.mentions++
			t.origins[origin] = true
			if counts[e.ID] == 0 {
				t.articles++
			}
			counts[e.ID]++
			w := 0.0
			if m.Start < leadOff {
				w = 2
			}
			if e.Type == storyline.LOC {
				cue := placeCue(a.Text[:m.Start])
				if lastPlace >= 0 && m.Start >= lastPlace && coordinated(a.Text[lastPlace:m.Start]) {
					cue = max(cue, lastCue) // "in Cairo and Doha"
				}
				lastPlace, lastCue = m.End, cue
				w += cue
				if cue >= presenceCue {
					// Someone is there: a person in the same sentence.
					wh := 1.0
					if personNear(a, m.Start, lead) {
						wh = presenceCue
					}
					whereIn[e.ID] = max(whereIn[e.ID], wh)
				}
			}
			perArticle[e.ID] = math.Max(perArticle[e.ID], w)
		}
		if !first {
			continue // a copy adds mentions, not weight
		}
		for id, w := range perArticle {
			by[id].score += w + 1 + math.Log(float64(counts[id]))
			by[id].where += whereIn[id]
		}
		if a.Dateline != "" {
			for _, m := range a.Entities {
				if m.Type == storyline.LOC && m.Entity != "" && strings.HasPrefix(strings.ToLower(a.Dateline), strings.ToLower(m.Text)) {
					if t := by[m.Entity]; t != nil {
						t.score += presenceCue
						t.where += presenceCue
					}
					break
				}
			}
		}
	}
	for _, id := range order {
		e := ents[id]
		for _, r := range e.Roles {
			if slices.ContainsFunc(articles, func(a *storyline.Article) bool { return a.ID == r.Article }) {
				role := strings.ToLower(r.Title)
				if !slices.Contains(by[id].roles, role) {
					by[id].roles = append(by[id].roles, role)
				}
			}
		}
		if e.Type == storyline.LOC {
			by[id].score *= placeWeight(e.Place)
		}
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(by[b].score, by[a].score) })
	sources := len(seen)
	maxWhere := 0.0
	for _, t := range by {
		maxWhere = max(maxWhere, t.where)
	}
	var topical []storyline.EntityRef // places named without a sign that it happened there
	for _, id := range order {
		e, t := ents[id], by[id]
		// With several sources, an entity of one source that no lead names
		// is a detail of that source, not of the event.
		if sources >= 3 && len(t.origins) == 1 && t.score < 4 {
			continue
		}
		ref := storyline.EntityRef{ID: e.ID, Name: e.Name, Type: e.Type, Roles: distinctRoles(t.roles), Place: e.Place,
			Mentions: t.mentions, Articles: t.articles}
		if e.Type == storyline.LOC {
			if t.where > 0 && t.where >= maxWhere/2 && len(places) < maxPlaces {
				places = append(places, ref)
			} else if t.where == 0 && len(topical) < 2 {
				topical = append(topical, ref)
			}
		} else if len(participants) < maxParticipants {
			participants = append(participants, ref)
		}
	}
	if len(places) == 0 {
		places = topical
	}
	return participants, places
}

// mainPerson is the entity ID of the person an article names most (the
// first named on a tie); "" when it names none.
func mainPerson(a *storyline.Article) string {
	count := map[string]int{}
	best := ""
	for _, m := range a.Entities {
		if m.Type != storyline.PER || m.Entity == "" {
			continue
		}
		count[m.Entity]++
		if best == "" || count[m.Entity] > count[best] {
			best = m.Entity
		}
	}
	return best
}

// personNear tells whether the sentence of a holding offset at names the
// person with this entity ID.
func personNear(a *storyline.Article, at int, person string) bool {
	start, end := 0, len(a.Text)
	for _, s := range a.SentenceDates {
		if at >= s.Start && at < s.End {
			start, end = s.Start, s.End
			break
		}
	}
	for _, m := range a.Entities {
		if person != "" && m.Entity == person && m.Start >= start && m.End <= end {
			return true
		}
	}
	return false
}

// coordinated tells whether the text between two place mentions joins
// them ("Cairo and Doha", "Cairo, Doha").
func coordinated(between string) bool {
	switch strings.TrimSpace(between) {
	case "and", ",", "or", ", and":
		return true
	}
	return false
}

// leadEnd is the byte offset where an article's lead sentences end.
func leadEnd(a *storyline.Article) int {
	if n := len(a.SentenceDates); n > 0 {
		return a.SentenceDates[min(leadSentences, n)-1].End
	}
	end := 0
	for range leadSentences {
		i := strings.IndexAny(a.Text[end:], ".!?")
		if i < 0 {
			return len(a.Text)
		}
		end += i + 1
	}
	return end
}

// placeWeight prefers the most specific places: where a meeting was is a
// city more often than a country.
func placeWeight(p *storyline.Place) float64 {
	if p == nil {
		return 0.8
	}
	switch p.Kind {
	case "city":
		return 1.5
	case "region":
		return 1.1
	}
	return 0.8
}

// locativeWords come right before a place where something happens or
// someone goes.
var locativeWords = map[string]bool{"in": true, "at": true, "to": true, "from": true, "into": true,
	"visited": true, "visit": true, "visiting": true, "reached": true, "left": true, "toured": true}

// presenceWords say that someone is somewhere or something happens
// there, right before a locative word: "talks in", "arrived in",
// "struck".
var presenceWords = map[string]bool{
	"met": true, "meet": true, "meets": true, "meeting": true, "meetings": true, "talks": true,
	"discussions": true, "visit": true, "visits": true, "visited": true, "visiting": true, "arrived": true,
	"arrives": true, "arrival": true, "travel": true, "traveled": true, "travelled": true, "traveling": true,
	"travelling": true, "trip": true, "tour": true, "toured": true, "stop": true, "landed": true,
	"summit": true, "conference": true, "held": true, "hosted": true, "struck": true, "hit": true,
	"erupted": true, "occurred": true, "happened": true, "place": true, "killed": true, "died": true,
	"crashed": true, "gathered": true, "rally": true, "protest": true, "protests": true, "attack": true,
	"opened": true, "inaugurated": true, "spoke": true, "speaking": true, "said": true, "says": true,
	"was": true, "were": true, "is": true, "are": true, "stayed": true, "attended": true, "signed": true,
	"announced": true, "addressed": true, "welcomed": true, "greeted": true, "flew": true, "went": true,
	"came": true, "returned": true, "headed": true, "based": true, "born": true,
}

// presenceCue is placeCue's score for a sign that it happened there.
const presenceCue = 3

// placeCue scores the words right before a place mention: 1.5 after a
// locative word ("in", "to", "visited"), presenceCue when a presence word
// comes just before that ("talks in", "arrived in"), 0 otherwise.
func placeCue(before string) float64 {
	f := strings.Fields(strings.ToLower(before[max(0, len(before)-60):]))
	for len(f) > 0 && (f[len(f)-1] == "the" || f[len(f)-1] == "northern" || f[len(f)-1] == "southern") {
		f = f[:len(f)-1]
	}
	if len(f) == 0 || !locativeWords[strings.Trim(f[len(f)-1], ",;:")] {
		return 0
	}
	for _, w := range f[max(0, len(f)-4):] {
		if presenceWords[strings.Trim(w, ",;:")] {
			return presenceCue
		}
	}
	return 1.5
}

// distinctRoles drops roles that another role contains ("secretary" when
// "secretary of state" is there).
func distinctRoles(roles []string) []string {
	var out []string
	for i, r := range roles {
		if !slices.ContainsFunc(roles, func(o string) bool { return o != r && strings.Contains(o, r) }) &&
			!slices.Contains(roles[:i], r) {
			out = append(out, r)
		}
	}
	return out
}
