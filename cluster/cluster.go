// Package cluster groups articles into events and events into stories,
// online: each article is assigned once, in arrival order, to the event it
// most likely reports or to a new event; a new event is assigned to the
// story it most likely continues or to a new story (topic detection and
// tracking, single pass). Events that a later article shows to be one are
// merged, the younger into the older, and the merge is reported; nothing
// is split or renamed.
//
// An article is compared with the events that share its heaviest terms,
// entities or passages (an inverted index finds them) by several signals
// (Features): tf-idf cosines of title and text, of the numbers and of the
// years in them, cosines of its resolved people, organisations, and wide
// and local places, the distance between its happening date and the
// other's, and whether partial dates (an undated "on Tuesday") agree. A
// logistic regression (Model, learnt by Train) turns the signals of two
// articles into the probability that they report one event; an event's
// score is the mean over its kept articles (average link), and the article
// joins the best event when that reaches the model's threshold. A story's
// score is that of its own logistic regression on the mean signals against
// its latest events. docs/EVENTS.md has the method and its measurements.
package cluster

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/gazetteer"
)

// The signals, in the order of Features.
const (
	FeatTFIDF        = "tfidf"         // cosine of the tf-idf vectors of title+text (of the other article, or of the event's centroid)
	FeatNearest      = "nearest"       // the largest tf-idf cosine with one of the event's kept articles (centroid comparison only)
	FeatTitle        = "title"         // cosine of the titles' terms
	FeatNumbers      = "numbers"       // tf-idf cosine of the numbers (not years) in title+text
	FeatYears        = "years"         // tf-idf cosine of the years written in title+text (1900–2099)
	FeatEntities     = "entities"      // idf-weighted cosine of the resolved people, organisations and other names (not places)
	FeatPlaces       = "places"        // idf-weighted cosine of the resolved places
	FeatPeople       = "people"        // the same, people only
	FeatOrgs         = "orgs"          // the same, organisations and other names (MISC) only
	FeatWidePlaces   = "wide_places"   // the same, countries and regions only
	FeatLocalPlaces  = "local_places"  // the same, cities and places the gazetteer does not know (sites, districts)
	FeatDate         = "date"          // exp(-days/τ) between the happening days (the other side's nearest); 0 unless both are full dates
	FeatDateAgree    = "date_agree"    // 1 when a partial date (weekday, month-day, month, year) agrees with one of the other side's dates
	FeatDateConflict = "date_conflict" // 1 when partial dates can be compared with the other side's and none agrees
	FeatReuse        = "reuse"         // the largest share of text taken from the other article (or one of the event's)
	FeatSize         = "size"          // the event's ln(1+articles)/ln(101), at most 1 (centroid comparison only)
	FeatBias         = "bias"          // the intercept (value 1)
)

// Features are the names of the signals, in the order of
// storyline.Decision.Signals (the bias comes last there).
var Features = []string{FeatTFIDF, FeatNearest, FeatTitle, FeatNumbers, FeatYears, FeatEntities, FeatPlaces,
	FeatPeople, FeatOrgs, FeatWidePlaces, FeatLocalPlaces, FeatDate, FeatDateAgree, FeatDateConflict, FeatReuse, FeatSize}

// indexes into Features
const (
	fTFIDF = iota
	fNearest
	fTitle
	fNumbers
	fYears
	fEntities
	fPlaces
	fPeople
	fOrgs
	fWide
	fLocal
	fDate
	fDateAgree
	fDateConflict
	fReuse
	fSize
	nFeatures
)

// Level is the model of one level (events or stories).
type Level struct {
	// Weights of the logistic regression by feature name ("bias" for the
	// intercept); a missing feature weighs 0.
	Weights map[string]float64 `json:"weights"`
	// Threshold is the probability from which an article joins the best
	// candidate instead of starting a new one.
	Threshold float64 `json:"threshold"`
	// TauDays is the time scale of the date signal.
	TauDays float64 `json:"tau_days"`
	// MaxDays, when above 0, keeps an article out of a candidate when both
	// have full dates and its date is further than this from all of the
	// candidate's dates (a time window, as in TDT).
	MaxDays float64 `json:"max_days,omitempty"`
	// Pairwise, when set, scores a candidate event by average link: the
	// mean probability, by Weights, that the article and each of the
	// event's kept articles report one event. Otherwise the article is
	// compared with the event as a whole (its centroid, dates and size).
	Pairwise bool `json:"pairwise,omitempty"`
	// MergeThreshold, when above 0 (pairwise models only), merges two
	// events when an article joining one links to the other by at least
	// this, and so does their average link (the mean probability over
	// pairs of their kept articles).
	MergeThreshold float64 `json:"merge_threshold,omitempty"`
	// OneTimeAndPlace keeps an article out of an event that it reports
	// happened at another time and place, as the event's definition asks
	// (one happening at one time and place; see apartInTimeOrPlace): when
	// every kept article of the event that can be compared with it is so.
	OneTimeAndPlace bool `json:"one_time_and_place,omitempty"`
	// OfflineThreshold is the average link from which a Batch merges two
	// events (0: Threshold).
	OfflineThreshold float64 `json:"offline_threshold,omitempty"`
}

// Model holds the learnt weights and thresholds of both levels. It is
// small and JSON-encodable (see cluster/model.json and Default).
type Model struct {
	Version int   `json:"version"`
	Event   Level `json:"event"`
	Story   Level `json:"story"`
	// Adaptation, when above 0, weighs each word by its adaptation (how
	// often a text that holds it holds it again) to this power, as well as
	// by its idf: see vocab.setFactor.
	Adaptation float64 `json:"adaptation,omitempty"`
	Trained    string  `json:"trained,omitempty"` // what the model was trained on
}

//go:embed model.json
var defaultModel []byte

// Default returns the model shipped in the package (model.json, written
// by cluster/internal/traincluster).
func Default() (Model, error) {
	var m Model
	if err := json.Unmarshal(defaultModel, &m); err != nil {
		return Model{}, fmt.Errorf("cluster: decode embedded model: %w", err)
	}
	return m, nil
}

// Limits of the index and of the vectors kept per event.
const (
	indexTerms    = 25   // an article's heaviest terms that index its event
	maxEventTerms = 250  // terms kept in an event's centroid
	maxEventDates = 32   // distinct dates kept per event
	maxPosting    = 2000 // most recent events scanned per term or entity
	maxCandidates = 50   // events compared
	maxCompared   = 10   // events compared in full by a pairwise model
	maxStories    = 10   // stories compared, those of the most promising candidate events
	storyEvents   = 8    // a story's latest events it is compared by
	keepRecent    = 8    // articles of an event compared one by one: the first and the latest
)

// profile is what an article or an event is compared by: the vectors of
// its terms (title and text), title terms and entities, their norms, and
// its dates.
type profile struct {
	terms, title, ents vec
	tn, tt, en         norms
	// q holds the vectors as queries while the profile is compared with
	// others (an arriving article's); nil otherwise.
	q     *[3]*query
	days  []int32 // the full dates, sorted, distinct
	dates []pdate // every distinct date, full or partial, at most maxEventDates
}

// doc is an article as the clusterer sees it.
type doc struct {
	id  string
	seq int64 // arrival number
	// where are the local places (vocabulary ids) the article says it
	// happened at: its dateline's, and those its lead puts someone at.
	where []int32
	// leadDate tells that an undated article's partial date is its
	// lead's: the day its news happened, not one it mentions.
	leadDate bool
	profile
	date  pdate
	top   []int32             // terms that index its event; dropped once joined
	reuse []storyline.Reuse   // dropped once joined
	novel map[string]*profile // by linked article: the profile of the text not shared with it; dropped once joined
}

type event struct {
	id    string
	story int
	n     int
	into  int // the event it was merged into, -1 while it lives
	profile
	recent            []*doc  // the first article and the latest ones, at most keepRecent
	posted, postedEnt []int32 // sorted keys of the index that list the event
	gold              string  // training only: the gold event of its first article
}

type story struct {
	id     string
	into   int    // the story it was merged into, -1 while it lives
	events []int  // its live events
	gold   string // training only
}

// Clusterer assigns articles to events and stories online. It is not safe
// for concurrent use. Its state is what it was given: rebuild it from the
// store with Replay, or save and load it with Snapshot and Restore.
type Clusterer struct {
	m                 Model
	ew, sw            []float64 // weights in Features order, bias last
	words, entVocab   *vocab
	events            []*event
	stories           []*story
	termPost, entPost [][]int32              // by term or entity id: events, oldest first
	articleEvent      map[string]int         // article ID → index in events (follow into)
	seq               int64                  // articles seen
	merged            [2]int                 // events and stories merged away
	eventIndex        map[string]int         // event ID → index in events
	storyIndex        map[string]int         // story ID → index in stories
	acc               []float32              // candidate scores by event, zero between calls
	cache             map[string][2][]string // article ID → title, body terms (training)
	goldEv, goldSt    map[string]int         // training only
}

// NewClusterer returns a clusterer with no events that decides by m,
// its term frequencies starting from DefaultBackground.
func NewClusterer(m Model) *Clusterer {
	b, _ := DefaultBackground() // nil if broken; TestBackground catches that
	return newClusterer(m, b)
}

// newClusterer returns a clusterer whose term frequencies start from b.
func newClusterer(m Model, b *Background) *Clusterer {
	c := &Clusterer{
		m: m, ew: weights(m.Event), sw: weights(m.Story),
		words: newVocab(b), entVocab: newVocab(nil),
		articleEvent: map[string]int{}, eventIndex: map[string]int{}, storyIndex: map[string]int{},
	}
	c.words.adapt = m.Adaptation
	return c
}

func weights(l Level) []float64 {
	w := make([]float64, nFeatures+1)
	for i, f := range Features {
		w[i] = l.Weights[f]
	}
	w[nFeatures] = l.Weights[FeatBias]
	return w
}

// Events returns how many events there are.
func (c *Clusterer) Events() int { return len(c.events) - c.merged[0] }

// Stories returns how many stories there are.
func (c *Clusterer) Stories() int { return len(c.stories) - c.merged[1] }

// EventOf returns the event and story of an article added before.
func (c *Clusterer) EventOf(articleID string) (event, story string, ok bool) {
	i, ok := c.articleEvent[articleID]
	if !ok {
		return "", "", false
	}
	e := c.events[c.live(i)]
	return e.id, c.stories[e.story].id, true
}

// NewID returns the ID of an event ("ev…") or story ("st…") whose first
// article has this ID: IDs never change as articles are added.
func NewID(prefix, articleID string) string {
	h := sha256.Sum256([]byte(articleID))
	return prefix + hex.EncodeToString(h[:6])
}

// Assignment is where Add put an article and why.
type Assignment struct {
	// Event and Story are the IDs of the article's event and story.
	Event, Story string
	// Evidence is why: the event decision and the story decision.
	Evidence storyline.Evidence
	// Changes are merges this arrival caused (events or stories merged into
	// others, storyline.ChangeMerge with a reason), oldest first; empty if none.
	Changes []storyline.IDChange
}

// Add assigns article a (annotated: Entities resolved, SentenceDates set;
// unannotated articles are compared by text and date only) to an event
// and a story and returns them with the evidence, and the merges its
// arrival caused (the merged-away IDs' articles now belong to the events
// and stories they were merged into). Adding an article ID again returns
// its current event and story, with no decision.
func (c *Clusterer) Add(a *storyline.Article) Assignment {
	id := articleKey(a)
	if i, ok := c.articleEvent[id]; ok {
		e := c.events[c.live(i)]
		st := c.stories[e.story].id
		return Assignment{Event: e.id, Story: st, Evidence: storyline.Evidence{
			Event: storyline.Decision{Best: e.id, Joined: true},
			Story: storyline.Decision{Best: st, Joined: true, Inherited: true}}}
	}
	d := c.doc(a, id)
	cands := c.candidates(d)
	ei, sDec, eDec, scored := c.decide(d, cands)
	var changes []storyline.IDChange
	if ei >= 0 {
		changes = c.bridge(d, ei, scored)
		ei = c.live(ei)
	}
	// The runner-up: the best candidate that is not (now) Best's event.
	best := -1
	if bi, ok := c.eventIndex[eDec.d.Best]; ok {
		best = c.live(bi)
	}
	for _, se := range scored {
		if i := c.live(se.ei); i != best && se.p > eDec.d.RunnerUpScore {
			eDec.d.RunnerUp, eDec.d.RunnerUpScore = c.events[i].id, se.p
		}
	}
	ei = c.assign(d, ei, sDec.si, "", "")
	e := c.events[c.live(ei)]
	return Assignment{Event: e.id, Story: c.stories[e.story].id, Evidence: storyline.Evidence{Event: eDec.d, Story: sDec.d}, Changes: changes}
}

// Replay restores a stored assignment without deciding anything: the
// article joins event/story (created if new), updating vectors and index as
// Add would. Used to rebuild the clusterer from the store. An event that
// exists in another story moves to this one (the store has merged its
// stories). An article already added is left where it is.
func (c *Clusterer) Replay(a *storyline.Article, event, story string) {
	id := articleKey(a)
	if _, ok := c.articleEvent[id]; ok {
		return
	}
	d := c.doc(a, id)
	si, ok := c.storyIndex[story]
	if ok {
		si = c.liveStory(si)
	} else {
		si = c.newStory(story, "")
	}
	ei, ok := c.eventIndex[event]
	if !ok {
		ei = c.newEvent(event, si, "")
	} else if ei = c.live(ei); c.events[ei].story != si {
		c.moveEvent(ei, si)
	}
	c.join(d, ei)
}

func articleKey(a *storyline.Article) string {
	if a.ID != "" {
		return a.ID
	}
	return storyline.ArticleID(a.Text)
}

type decision struct {
	d  storyline.Decision
	si int // story index, -1 for a new story (story decisions)
}

// scoredEvent is a candidate event and the probability that the article
// reports it.
type scoredEvent struct {
	ei int
	p  float64
}

// decide picks the event (index, or -1 for new) and, for a new event, the
// story (index, or -1 for new); it also returns the candidates compared,
// with their probabilities.
func (c *Clusterer) decide(d *doc, cands []int32) (int, decision, decision, []scoredEvent) {
	eDec := decision{d: storyline.Decision{Threshold: c.m.Event.Threshold, Candidates: len(cands)}, si: -1}
	best, bestP := -1, -1.0
	var bestX []float64
	var scored []scoredEvent
	for _, ci := range c.shortlist(d, cands) {
		x, p := c.eventScore(d, c.events[ci])
		scored = append(scored, scoredEvent{int(ci), p})
		if p > bestP {
			best, bestP, bestX = int(ci), p, x
		}
	}
	if best >= 0 {
		eDec.d.Best, eDec.d.Score, eDec.d.Signals = c.events[best].id, bestP, signals(c.ew, bestX)
		if bestP >= c.m.Event.Threshold {
			eDec.d.Joined = true
			st := c.stories[c.events[best].story].id
			return best, decision{d: storyline.Decision{Best: st, Joined: true, Inherited: true, Score: 1, Threshold: c.m.Story.Threshold}, si: c.events[best].story}, eDec, scored
		}
	}
	sDec := decision{d: storyline.Decision{Threshold: c.m.Story.Threshold}, si: -1}
	xs, ps, order := c.storyScores(d, cands, -1)
	sDec.d.Candidates = len(order)
	bestS, bestSP := -1, -1.0
	for _, si := range order {
		if p := ps[si]; p > bestSP {
			bestS, bestSP = si, p
		}
	}
	if bestS >= 0 {
		sDec.d.Best, sDec.d.Score, sDec.d.Signals = c.stories[bestS].id, bestSP, signals(c.sw, xs[bestS])
		if bestSP >= c.m.Story.Threshold {
			sDec.d.Joined = true
			sDec.si = bestS
		}
	}
	return -1, sDec, eDec, scored
}

// shortlist returns the candidate events that d is compared with in
// full: those in its time window; for a pairwise model, only the
// maxCompared of them nearest by the tf-idf cosine with their centroids
// (average link costs a comparison per kept article).
func (c *Clusterer) shortlist(d *doc, cands []int32) []int32 {
	var in []int32
	for _, ci := range cands {
		e := c.events[ci]
		if !c.outside(d, e, c.m.Event.MaxDays) && !(c.m.Event.OneTimeAndPlace && elsewhen(d, e)) {
			in = append(in, ci)
		}
	}
	if !c.m.Event.Pairwise || len(in) <= maxCompared {
		return in
	}
	sim := make(map[int32]float64, len(in))
	for _, ci := range in {
		e := c.events[ci]
		sim[ci] = cos(c.termDots(&d.profile, e.terms), d.tn, e.tn, kindWord, kindNumber, kindYear)
	}
	sort.SliceStable(in, func(i, j int) bool { return sim[in[i]] > sim[in[j]] })
	return in[:maxCompared]
}

// eventScore returns the signals of d against event e and the
// probability that d reports e: by average link when the model is
// pairwise (the signals are then the means over the kept articles).
func (c *Clusterer) eventScore(d *doc, e *event) ([]float64, float64) {
	tau := c.m.Event.TauDays
	if !c.m.Event.Pairwise {
		x := c.features(d, e, tau, c.ew)
		return x, score(c.ew, x)
	}
	mean := make([]float64, nFeatures)
	p := 0.0
	for _, r := range e.recent {
		x := c.pair(d, r, tau)
		p += score(c.ew, x)
		for i, v := range x {
			mean[i] += v / float64(len(e.recent))
		}
	}
	return mean, p / float64(len(e.recent))
}

// pair returns the signals of d against article r.
func (c *Clusterer) pair(d, r *doc, tau float64) []float64 {
	dp := &d.profile
	if p, ok := d.novel[r.id]; ok {
		dp = p // what d does not share with r
	}
	x := c.compareProfiles(dp, d.date, &r.profile, tau)
	for _, l := range d.reuse {
		if l.Of == r.id {
			x[fReuse] = math.Max(x[fReuse], math.Min(1, l.Share))
		}
	}
	return x
}

// storyScores returns, for the stories of the candidate events, the
// signals of d against each (storyFeatures) and the probability that d
// continues it, and the stories in order.
func (c *Clusterer) storyScores(d *doc, cands []int32, skip int) (map[int][]float64, map[int]float64, []int) {
	xs, order := c.storyFeatures(d, cands, skip)
	ps := make(map[int]float64, len(xs))
	for si, x := range xs {
		ps[si] = score(c.sw, x)
	}
	return xs, ps, order
}

// storyFeatures returns, for the stories of the candidate events (the
// first maxStories of them), the mean of the signals of d against each of
// their latest storyEvents events (except event skip), as average link
// does, and the stories in order.
func (c *Clusterer) storyFeatures(d *doc, cands []int32, skip int) (map[int][]float64, []int) {
	xs := map[int][]float64{}
	var order []int
	for _, ci := range cands {
		si := c.events[ci].story
		if _, ok := xs[si]; ok || len(order) == maxStories {
			continue
		}
		evs := c.stories[si].events
		if len(evs) > storyEvents {
			evs = evs[len(evs)-storyEvents:]
		}
		mean := make([]float64, nFeatures)
		n := 0
		for _, ei := range evs {
			if ei == skip || c.outside(d, c.events[ei], c.m.Story.MaxDays) {
				continue
			}
			for i, v := range c.features(d, c.events[ei], c.m.Story.TauDays, c.sw) {
				mean[i] += v
			}
			n++
		}
		if n == 0 {
			continue
		}
		for i := range mean {
			mean[i] /= float64(n)
		}
		xs[si] = mean
		order = append(order, si)
	}
	return xs, order
}

func score(w, x []float64) float64 {
	z := w[len(w)-1]
	for i, v := range x {
		z += w[i] * v
	}
	return sigmoid(z)
}

// signals are the weighed signals of a comparison, bias last.
func signals(w, x []float64) []storyline.Signal {
	var out []storyline.Signal
	for i, v := range x {
		if w[i] != 0 {
			out = append(out, storyline.Signal{Name: Features[i], Value: v, Weight: w[i], Contribution: w[i] * v})
		}
	}
	b := w[len(w)-1]
	return append(out, storyline.Signal{Name: FeatBias, Value: 1, Weight: b, Contribution: b})
}

// termKind is the kind of a stemmed term: a year (1900–2099), another
// number, or a word.
func termKind(t string) uint8 {
	digits := 0
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			digits++
		}
	}
	switch {
	case digits == 0:
		return kindWord
	case digits == 4 && len(t) == 4 && (t[:2] == "19" || t[:2] == "20"):
		return kindYear
	}
	return kindNumber
}

var places = sync.OnceValue(func() *gazetteer.Gazetteer {
	g, err := gazetteer.Default()
	if err != nil {
		return nil // every place counts as local; the gazetteer's own tests catch this
	}
	return g
})

// entityKind is the kind of an entity from its mention: people,
// organisations and other names, wide places (the gazetteer's best
// reading of the name is a country or region) or local ones.
func entityKind(m storyline.Mention) uint8 {
	switch m.Type {
	case storyline.PER:
		return kindPER
	case storyline.LOC:
		if g := places(); g != nil {
			if ps := g.Lookup(m.Text); len(ps) > 0 && ps[0].Kind != gazetteer.KindCity {
				return kindWide
			}
		}
		return kindLocal
	}
	return kindORG
}

// doc turns an article into vectors, counting it in the document
// frequencies.
func (c *Clusterer) doc(a *storyline.Article, id string) *doc {
	var title, body []string
	if t, ok := c.cache[id]; ok {
		title, body = t[0], t[1]
	} else {
		title, body = Terms(a.Title), Terms(a.Text)
		if c.cache != nil {
			c.cache[id] = [2][]string{title, body}
		}
	}
	d := &doc{id: id, seq: c.seq, reuse: a.Reuse}
	d.date, d.leadDate = happeningLead(a)
	c.seq++
	d.profile = c.profileOf(title, body, a.Entities, true)
	for _, e := range whereOf(a) {
		if i, ok := c.entVocab.ids[e]; ok {
			d.where = append(d.where, i)
		}
	}
	c.ask(&d.profile)
	d.top = top(d.terms, c.words, indexTerms)
	d.setDates()
	for _, r := range a.Reuse {
		if len(r.Passages) == 0 {
			continue
		}
		// the article's own material: its text outside the passages it
		// shares with r.Of, and the mentions there
		var rest strings.Builder
		var ents []storyline.Mention
		at := 0
		for _, p := range r.Passages {
			if p.Start >= at && p.End <= len(a.Text) && p.Start <= p.End {
				rest.WriteString(a.Text[at:p.Start])
				rest.WriteByte('\n')
				at = p.End
			}
		}
		rest.WriteString(a.Text[min(at, len(a.Text)):])
		for _, m := range a.Entities {
			if !inPassage(m, r.Passages) {
				ents = append(ents, m)
			}
		}
		p := c.profileOf(title, Terms(rest.String()), ents, false)
		p.days, p.dates = d.days, d.dates
		c.ask(&p)
		if d.novel == nil {
			d.novel = map[string]*profile{}
		}
		d.novel[r.Of] = &p
	}
	return d
}

// ask makes p's vectors queries (see query), for the comparisons of the
// article's arrival.
func (c *Clusterer) ask(p *profile) {
	p.q = &[3]*query{queryOf(p.terms, c.words), queryOf(p.title, c.words), queryOf(p.ents, c.entVocab)}
}

// dots are the dot products of p's terms, title and entities with e's.
func (c *Clusterer) dots(p, e *profile) (terms, title, ents norms) {
	if p.q != nil {
		return dotsQ(p.q[0], e.terms), dotsQ(p.q[1], e.title), dotsQ(p.q[2], e.ents)
	}
	return dots(p.terms, e.terms, c.words), dots(p.title, e.title, c.words), dots(p.ents, e.ents, c.entVocab)
}

// termDots is the dot product of p's terms with v.
func (c *Clusterer) termDots(p *profile, v vec) norms {
	if p.q != nil {
		return dotsQ(p.q[0], v)
	}
	return dots(p.terms, v, c.words)
}

// inPassage tells whether mention m lies in one of the passages.
func inPassage(m storyline.Mention, ps []storyline.Passage) bool {
	for _, p := range ps {
		if m.Start >= p.Start && m.End <= p.End {
			return true
		}
	}
	return false
}

// profileOf returns the vectors of an article's title and body terms
// and mentions; count adds them to the document frequencies.
func (c *Clusterer) profileOf(title, body []string, mentions []storyline.Mention, count bool) profile {
	var p profile
	counts, tcounts := map[int32]float64{}, map[int32]float64{}
	for _, t := range title {
		i := c.words.id(t, termKind(t))
		counts[i] += 2
		tcounts[i]++
	}
	for _, t := range body {
		counts[c.words.id(t, termKind(t))]++
	}
	p.terms, p.title = vecOf(counts), vecOf(tcounts)
	ents := map[int32]float64{}
	for _, m := range mentions {
		if m.Entity == "" {
			continue
		}
		i, ok := c.entVocab.ids[m.Entity]
		if !ok {
			i = c.entVocab.id(m.Entity, entityKind(m))
		}
		ents[i]++
	}
	p.ents = vecOf(ents)
	if count {
		again := make([]bool, len(p.terms.id))
		for j, i := range p.terms.id {
			again[j] = counts[i]-2*tcounts[i] > 1 // more than once in the body
		}
		c.words.add(p.terms.id, again)
		c.entVocab.add(p.ents.id, nil)
	}
	p.tn, p.tt, p.en = normsOf(p.terms, c.words), normsOf(p.title, c.words), normsOf(p.ents, c.entVocab)
	return p
}

// setDates sets the profile's dates from the article's.
func (d *doc) setDates() {
	d.days, d.dates = nil, nil
	if d.date.full {
		d.days = []int32{d.date.day}
	}
	if d.date.any {
		d.dates = []pdate{d.date}
	}
}

// features are the signals of d against event e, in Features order;
// nearest, the costliest, only when w (weights in Features order, nil:
// all) weighs it.
func (c *Clusterer) features(d *doc, e *event, tau float64, w []float64) []float64 {
	x := c.compare(d, &e.profile, tau)
	switch {
	case w != nil && w[fNearest] == 0:
	case e.n == 1 && len(e.recent) == 1:
		x[fNearest] = x[fTFIDF]
	default:
		for _, r := range e.recent {
			x[fNearest] = math.Max(x[fNearest], cos(c.termDots(&d.profile, r.terms), d.tn, r.tn, kindWord, kindNumber, kindYear))
		}
	}
	for _, r := range d.reuse {
		if i, ok := c.articleEvent[r.Of]; ok && c.events[c.live(i)] == e {
			x[fReuse] = math.Max(x[fReuse], math.Min(1, r.Share))
		}
	}
	x[fSize] = math.Min(1, math.Log1p(float64(e.n))/math.Log(101))
	return x
}

// compare returns the signals of d against profile e that do not depend
// on e being an event (not nearest, reuse and size), in Features order.
func (c *Clusterer) compare(d *doc, e *profile, tau float64) []float64 {
	return c.compareProfiles(&d.profile, d.date, e, tau)
}

// compareProfiles is compare for profile dp of an article dated date.
func (c *Clusterer) compareProfiles(d *profile, date pdate, e *profile, tau float64) []float64 {
	x := make([]float64, nFeatures)
	td, tt, ed := c.dots(d, e)
	x[fTFIDF] = cos(td, d.tn, e.tn, kindWord, kindNumber, kindYear)
	x[fNumbers] = cos(td, d.tn, e.tn, kindNumber)
	x[fYears] = cos(td, d.tn, e.tn, kindYear)
	x[fTitle] = cos(tt, d.tt, e.tt, kindWord, kindNumber, kindYear)
	x[fEntities] = cos(ed, d.en, e.en, kindPER, kindORG)
	x[fPlaces] = cos(ed, d.en, e.en, kindWide, kindLocal)
	x[fPeople] = cos(ed, d.en, e.en, kindPER)
	x[fOrgs] = cos(ed, d.en, e.en, kindORG)
	x[fWide] = cos(ed, d.en, e.en, kindWide)
	x[fLocal] = cos(ed, d.en, e.en, kindLocal)
	if date.full && len(e.days) > 0 {
		x[fDate] = math.Exp(-float64(nearest(e.days, date.day)) / math.Max(tau, 0.1))
	}
	if date.any {
		comparable, agree := false, false
		for _, p := range e.dates {
			if date.full && p.full {
				continue
			}
			cp, ag := compareDates(date, p)
			comparable = comparable || cp
			agree = agree || ag
		}
		if agree {
			x[fDateAgree] = 1
		} else if comparable {
			x[fDateConflict] = 1
		}
	}
	return x
}

// outside tells whether d and e have full dates further apart than
// maxDays (when above 0).
func (c *Clusterer) outside(d *doc, e *event, maxDays float64) bool {
	return maxDays > 0 && d.date.full && len(e.days) > 0 && float64(nearest(e.days, d.date.day)) > maxDays
}

// nearest is the distance in days from day to the nearest of days (sorted).
func nearest(days []int32, day int32) int32 {
	i := sort.Search(len(days), func(i int) bool { return days[i] >= day })
	best := int32(math.MaxInt32)
	if i < len(days) {
		best = days[i] - day
	}
	if i > 0 && day-days[i-1] < best {
		best = day - days[i-1]
	}
	return best
}

// candidates returns the events that share indexed terms, entities or
// passages with d, the most promising first, at most maxCandidates. Only
// the latest maxPosting events of a term or entity are looked at.
func (c *Clusterer) candidates(d *doc) []int32 {
	if len(c.acc) < len(c.events) {
		c.acc = append(c.acc, make([]float32, len(c.events)-len(c.acc))...)
	}
	var touched []int32
	scan := func(post []int32, w float64) {
		if len(post) > maxPosting {
			post = post[len(post)-maxPosting:]
		}
		for _, e := range post {
			if c.events[e].into >= 0 {
				e = int32(c.live(int(e)))
			}
			if c.acc[e] == 0 {
				touched = append(touched, e)
			}
			c.acc[e] += float32(w)
		}
	}
	for _, t := range d.top {
		if int(t) < len(c.termPost) {
			scan(c.termPost[t], c.words.plainIDF(t))
		}
	}
	for _, t := range d.ents.id {
		if int(t) < len(c.entPost) {
			scan(c.entPost[t], c.entVocab.idf(t))
		}
	}
	for _, r := range d.reuse {
		if i, ok := c.articleEvent[r.Of]; ok {
			i = c.live(i)
			if c.acc[i] == 0 {
				touched = append(touched, int32(i))
			}
			c.acc[i] += 100
		}
	}
	score := make([]float32, len(touched))
	for k, e := range touched {
		score[k] = c.acc[e]
		c.acc[e] = 0
	}
	order := make([]int, len(touched))
	for k := range order {
		order[k] = k
	}
	sort.Slice(order, func(i, j int) bool {
		if score[order[i]] != score[order[j]] {
			return score[order[i]] > score[order[j]]
		}
		return touched[order[i]] > touched[order[j]]
	})
	if len(order) > maxCandidates {
		order = order[:maxCandidates]
	}
	out := make([]int32, len(order))
	for k, o := range order {
		out[k] = touched[o]
	}
	return out
}

// assign adds d to event ei (-1: a new event in story si, -1: a new
// story) and returns the event's index. gold labels are for training.
func (c *Clusterer) assign(d *doc, ei, si int, goldEvent, goldStory string) int {
	if ei < 0 {
		if si < 0 {
			si = c.newStory(NewID("st", d.id), goldStory)
		}
		ei = c.newEvent(NewID("ev", d.id), si, goldEvent)
	}
	c.join(d, ei)
	return ei
}

// newStory adds an empty story and returns its index.
func (c *Clusterer) newStory(id, gold string) int {
	si := len(c.stories)
	c.stories = append(c.stories, &story{id: id, gold: gold, into: -1})
	c.storyIndex[id] = si
	return si
}

// newEvent adds an empty event to story si and returns its index.
func (c *Clusterer) newEvent(id string, si int, gold string) int {
	ei := len(c.events)
	c.events = append(c.events, &event{id: id, story: si, gold: gold, into: -1})
	c.stories[si].events = append(c.stories[si].events, ei)
	c.eventIndex[id] = ei
	return ei
}

// moveEvent moves event ei into story si.
func (c *Clusterer) moveEvent(ei, si int) {
	old := c.stories[c.events[ei].story]
	old.events = slices.DeleteFunc(old.events, func(x int) bool { return x == ei })
	c.events[ei].story = si
	c.stories[si].events = append(c.stories[si].events, ei)
}

// join adds d to event ei: its vectors, dates and index postings.
func (c *Clusterer) join(d *doc, ei int) {
	e := c.events[ei]
	e.n++
	if e.n == 1 {
		e.terms, e.title, e.ents = d.terms, d.title, d.ents
		e.days, e.dates = nil, nil
	} else {
		e.terms = plus(e.terms, d.terms, maxEventTerms)
		e.title = plus(e.title, d.title, maxEventTerms)
		e.ents = plus(e.ents, d.ents, maxEventTerms)
	}
	e.tn, e.tt, e.en = normsOf(e.terms, c.words), normsOf(e.title, c.words), normsOf(e.ents, c.entVocab)
	e.recent = keep(e.recent, d)
	if d.date.full {
		if i, found := slices.BinarySearch(e.days, d.date.day); !found {
			e.days = slices.Insert(e.days, i, d.date.day)
		}
	}
	if d.date.any && len(e.dates) < maxEventDates && !slices.Contains(e.dates, d.date) {
		e.dates = append(e.dates, d.date)
	}
	e.posted = c.post(&c.termPost, e.posted, d.top, ei)
	e.postedEnt = c.post(&c.entPost, e.postedEnt, d.ents.id, ei)
	d.top, d.reuse, d.novel, d.q = nil, nil, nil, nil
	c.articleEvent[d.id] = ei
}

// keep adds d to the kept articles: the first and the latest, at most
// keepRecent.
func keep(recent []*doc, d *doc) []*doc {
	if len(recent) < keepRecent {
		return append(recent, d)
	}
	copy(recent[1:], recent[2:])
	recent[keepRecent-1] = d
	return recent
}

// post lists event ei under each of keys it is not yet listed under
// (posted, sorted) and returns the new posted.
func (c *Clusterer) post(index *[][]int32, posted, keys []int32, ei int) []int32 {
	for _, k := range keys {
		i, found := slices.BinarySearch(posted, k)
		if found {
			continue
		}
		posted = slices.Insert(posted, i, k)
		for int(k) >= len(*index) {
			*index = append(*index, nil)
		}
		(*index)[k] = append((*index)[k], int32(ei))
	}
	return posted
}
