// Package cluster groups articles into events and events into stories,
// online: each article is assigned once, in arrival order, to the event it
// most likely reports or to a new event; a new event is assigned to the
// story it most likely continues or to a new story (topic detection and
// tracking, single pass).
//
// An article is compared with the events that share its heaviest terms,
// entities or passages (an inverted index finds them) by several signals:
// the tf-idf cosine of title and text, the cosine of the title alone, the
// cosines of its resolved entities and of its places, the distance between
// its date and the event's dates, the share of text it takes from the
// event's articles, and the event's size. A logistic regression (Model,
// learnt by Train) turns them into the probability that the article
// reports the event; it joins the best event when that probability
// reaches the model's threshold. Stories work the same way with their own
// weights and threshold, comparing a new event's first article with the
// events of each story (signal by signal, the best of them).
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
	"time"

	"github.com/storyline/storyline"
)

// The signals, in the order of storyline.Decision.Signals.
const (
	FeatTFIDF     = "tfidf"      // cosine of the tf-idf vectors of title+text and the event's centroid
	FeatNearest   = "nearest"    // the largest tf-idf cosine of title+text and one of the event's recent articles
	FeatTitle     = "title"      // cosine of the title's terms and the event's titles
	FeatEntities  = "entities"   // idf-weighted cosine of the resolved PER/ORG/MISC entities
	FeatPlaces    = "places"     // idf-weighted cosine of the resolved LOC entities
	FeatDate      = "date"       // exp(-days/τ) to the nearest date of the event; 0 when either is undated
	FeatDateKnown = "date_known" // 1 when both the article and the event are dated
	FeatReuse     = "reuse"      // the largest share of text taken from one of the event's articles
	FeatSize      = "size"       // ln(1+articles)/ln(101), at most 1
	FeatBias      = "bias"       // the intercept (value 1)
)

// Features are the names of the signals, in the order of storyline.Decision.Signals
// (the bias comes last there).
var Features = []string{FeatTFIDF, FeatNearest, FeatTitle, FeatEntities, FeatPlaces, FeatDate, FeatDateKnown, FeatReuse, FeatSize}

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
	// are dated and its date is further than this from all of the
	// candidate's dates (a time window, as in TDT).
	MaxDays float64 `json:"max_days,omitempty"`
}

// Model holds the learnt weights and thresholds of both levels. It is
// small and JSON-encodable (see cluster/model.json and Default).
type Model struct {
	Version int    `json:"version"`
	Event   Level  `json:"event"`
	Story   Level  `json:"story"`
	Trained string `json:"trained,omitempty"` // what the model was trained on
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
	maxPosting    = 4000 // most recent events scanned per term or entity
	maxCandidates = 50   // events compared in full
	keepRecent    = 8    // recent articles of an event compared one by one
)

type doc struct {
	id                         string
	terms, title, ents, places tf
	norm, tnorm, enorm, pnorm  float64
	top, entIDs                []int32
	day                        int32
	dated                      bool
	reuse                      []storyline.Reuse
}

type event struct {
	id                         string
	story                      int
	n                          int
	terms, title, ents, places tf
	norm, tnorm, enorm, pnorm  float64
	days                       []int32 // sorted, distinct
	recent                     []*doc  // the first article and the latest ones, at most keepRecent
	posted                     map[int32]bool
	postedEnt                  map[int32]bool
	gold                       string // training only
}

type story struct {
	id     string
	events []int
	gold   string // training only
}

// Clusterer assigns articles to events and stories online. It is not safe
// for concurrent use. Its state is what it was given: to rebuild it, Add
// the stored articles again in ingest order.
type Clusterer struct {
	m               Model
	ew, sw          []float64 // weights in Features order, bias last
	words, entVocab *vocab
	events          []*event
	stories         []*story
	termPost        map[int32][]int32
	entPost         map[int32][]int32
	articleEvent    map[string]int
	eventIndex      map[string]int         // event ID → index in events
	storyIndex      map[string]int         // story ID → index in stories
	cache           map[string][2][]string // article ID → title, body terms (training)
	goldEv, goldSt  map[string]int         // training only
}

// NewClusterer returns a clusterer with no events that decides by m.
func NewClusterer(m Model) *Clusterer {
	return &Clusterer{
		m: m, ew: weights(m.Event), sw: weights(m.Story),
		words: newVocab(), entVocab: newVocab(),
		termPost: map[int32][]int32{}, entPost: map[int32][]int32{},
		articleEvent: map[string]int{}, eventIndex: map[string]int{}, storyIndex: map[string]int{},
	}
}

func weights(l Level) []float64 {
	w := make([]float64, len(Features)+1)
	for i, f := range Features {
		w[i] = l.Weights[f]
	}
	w[len(Features)] = l.Weights[FeatBias]
	return w
}

// Events returns how many events there are.
func (c *Clusterer) Events() int { return len(c.events) }

// Stories returns how many stories there are.
func (c *Clusterer) Stories() int { return len(c.stories) }

// EventOf returns the event and story of an article added before.
func (c *Clusterer) EventOf(articleID string) (event, story string, ok bool) {
	i, ok := c.articleEvent[articleID]
	if !ok {
		return "", "", false
	}
	e := c.events[i]
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
// and a story and returns them with the evidence. Adding an article ID
// again returns its current event and story, with no decision.
func (c *Clusterer) Add(a *storyline.Article) Assignment {
	id := articleKey(a)
	if i, ok := c.articleEvent[id]; ok {
		e := c.events[i]
		st := c.stories[e.story].id
		return Assignment{Event: e.id, Story: st, Evidence: storyline.Evidence{
			Event: storyline.Decision{Best: e.id, Joined: true},
			Story: storyline.Decision{Best: st, Joined: true, Inherited: true}}}
	}
	d := c.doc(a, id)
	cands := c.candidates(d)
	ei, sDec, eDec := c.decide(d, cands)
	ei = c.assign(d, ei, sDec.si, "", "")
	e := c.events[ei]
	return Assignment{Event: e.id, Story: c.stories[e.story].id, Evidence: storyline.Evidence{Event: eDec.d, Story: sDec.d}}
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
	if !ok {
		si = c.newStory(story, "")
	}
	ei, ok := c.eventIndex[event]
	if !ok {
		ei = c.newEvent(event, si, "")
	} else if c.events[ei].story != si {
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

// decide picks the event (index, or -1 for new) and, for a new event, the
// story (index, or -1 for new).
func (c *Clusterer) decide(d *doc, cands []int32) (int, decision, decision) {
	eDec := decision{d: storyline.Decision{Threshold: c.m.Event.Threshold, Candidates: len(cands)}, si: -1}
	best, bestP := -1, -1.0
	var bestX []float64
	for _, ci := range cands {
		if c.outside(d, c.events[ci], c.m.Event.MaxDays) {
			continue
		}
		x := c.features(d, c.events[ci], c.m.Event.TauDays)
		p := score(c.ew, x)
		if p > bestP {
			best, bestP, bestX = int(ci), p, x
		}
	}
	if best >= 0 {
		eDec.d.Best, eDec.d.Score, eDec.d.Signals = c.events[best].id, bestP, signals(c.ew, bestX)
		if bestP >= c.m.Event.Threshold {
			eDec.d.Joined = true
			st := c.stories[c.events[best].story].id
			return best, decision{d: storyline.Decision{Best: st, Joined: true, Inherited: true, Score: 1, Threshold: c.m.Story.Threshold}, si: c.events[best].story}, eDec
		}
	}
	sDec := decision{d: storyline.Decision{Threshold: c.m.Story.Threshold}, si: -1}
	xs, order := c.storyFeatures(d, cands, -1)
	sDec.d.Candidates = len(order)
	bestS, bestSP := -1, -1.0
	for _, si := range order {
		p := score(c.sw, xs[si])
		if p > bestSP {
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
	return -1, sDec, eDec
}

// storyFeatures returns, for each story of the candidate events, the
// element-wise maximum of the features of d against those of its events
// that are candidates (except event skip), and the stories in order.
func (c *Clusterer) storyFeatures(d *doc, cands []int32, skip int) (map[int][]float64, []int) {
	xs := map[int][]float64{}
	var order []int
	for _, ci := range cands {
		if int(ci) == skip {
			continue
		}
		e := c.events[ci]
		if c.outside(d, e, c.m.Story.MaxDays) {
			continue
		}
		x := c.features(d, e, c.m.Story.TauDays)
		if y, ok := xs[e.story]; ok {
			for i := range y {
				y[i] = math.Max(y[i], x[i])
			}
			continue
		}
		xs[e.story] = x
		order = append(order, e.story)
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

func signals(w, x []float64) []storyline.Signal {
	out := make([]storyline.Signal, 0, len(x)+1)
	for i, v := range x {
		out = append(out, storyline.Signal{Name: Features[i], Value: v, Weight: w[i], Contribution: w[i] * v})
	}
	b := w[len(w)-1]
	return append(out, storyline.Signal{Name: FeatBias, Value: 1, Weight: b, Contribution: b})
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
	d := &doc{id: id, reuse: a.Reuse}
	d.terms = bag(c.words, title, body)
	d.title = bag(c.words, nil, title)
	c.words.add(d.terms.ids())
	d.norm, d.tnorm = d.terms.norm(c.words), d.title.norm(c.words)
	d.top = d.terms.top(c.words, indexTerms)
	ents, places := map[int32]float64{}, map[int32]float64{}
	for _, m := range a.Entities {
		if m.Entity == "" {
			continue
		}
		i := c.entVocab.id(m.Entity)
		if m.Type == storyline.LOC {
			places[i]++
		} else {
			ents[i]++
		}
	}
	d.ents, d.places = sublinear(ents), sublinear(places)
	all := append(d.ents.ids(), d.places.ids()...)
	c.entVocab.add(all)
	d.entIDs = all
	d.enorm, d.pnorm = d.ents.norm(c.entVocab), d.places.norm(c.entVocab)
	d.day, d.dated = articleDay(a)
	return d
}

func sublinear(m map[int32]float64) tf {
	out := make(tf, len(m))
	for i, c := range m {
		out[i] = float32(1 + math.Log(c))
	}
	return out
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

func parseDay(s string) (int32, bool) {
	if len(s) < 10 {
		return 0, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return 0, false
	}
	return int32(t.Sub(epoch).Hours() / 24), true
}

// articleDay is the article's publication day, else the day most of its
// sentences are dated at (day-precise dates of confidence 0.7 or more).
func articleDay(a *storyline.Article) (int32, bool) {
	if d, ok := parseDay(a.Published); ok {
		return d, true
	}
	count := map[int32]int{}
	for _, s := range a.SentenceDates {
		if s.Confidence < 0.7 || len(s.Value) != 10 {
			continue
		}
		if d, ok := parseDay(s.Value); ok {
			count[d]++
		}
	}
	best, n := int32(0), 0
	for d, k := range count {
		if k > n || (k == n && d < best) {
			best, n = d, k
		}
	}
	return best, n > 0
}

// features are the signals of d against event e, in Features order.
func (c *Clusterer) features(d *doc, e *event, tau float64) []float64 {
	x := make([]float64, len(Features))
	x[0] = cosine(c.words, d.terms, d.norm, e.terms, e.norm)
	for _, r := range e.recent {
		x[1] = math.Max(x[1], cosine(c.words, d.terms, d.norm, r.terms, r.norm))
	}
	x[2] = cosine(c.words, d.title, d.tnorm, e.title, e.tnorm)
	x[3] = cosine(c.entVocab, d.ents, d.enorm, e.ents, e.enorm)
	x[4] = cosine(c.entVocab, d.places, d.pnorm, e.places, e.pnorm)
	if d.dated && len(e.days) > 0 {
		x[5] = math.Exp(-float64(nearest(e.days, d.day)) / math.Max(tau, 0.1))
		x[6] = 1
	}
	for _, r := range d.reuse {
		if i, ok := c.articleEvent[r.Of]; ok && c.events[i] == e {
			x[7] = math.Max(x[7], math.Min(1, r.Share))
		}
	}
	x[8] = math.Min(1, math.Log1p(float64(e.n))/math.Log(101))
	return x
}

// outside tells whether d and e are both dated and further apart than
// maxDays (when above 0).
func (c *Clusterer) outside(d *doc, e *event, maxDays float64) bool {
	return maxDays > 0 && d.dated && len(e.days) > 0 && float64(nearest(e.days, d.day)) > maxDays
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
// passages with d, the most promising first, at most maxCandidates.
func (c *Clusterer) candidates(d *doc) []int32 {
	acc := map[int32]float64{}
	scan := func(post []int32, w float64) {
		if len(post) > maxPosting {
			post = post[len(post)-maxPosting:]
		}
		for _, e := range post {
			acc[e] += w
		}
	}
	for _, t := range d.top {
		scan(c.termPost[t], c.words.idf(t))
	}
	for _, t := range d.entIDs {
		scan(c.entPost[t], c.entVocab.idf(t))
	}
	for _, r := range d.reuse {
		if i, ok := c.articleEvent[r.Of]; ok {
			acc[int32(i)] += 100
		}
	}
	out := make([]int32, 0, len(acc))
	for e := range acc {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if acc[out[i]] != acc[out[j]] {
			return acc[out[i]] > acc[out[j]]
		}
		return out[i] > out[j]
	})
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
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
	c.stories = append(c.stories, &story{id: id, gold: gold})
	c.storyIndex[id] = si
	return si
}

// newEvent adds an empty event to story si and returns its index.
func (c *Clusterer) newEvent(id string, si int, gold string) int {
	ei := len(c.events)
	c.events = append(c.events, &event{id: id, story: si, gold: gold,
		terms: tf{}, title: tf{}, ents: tf{}, places: tf{}, posted: map[int32]bool{}, postedEnt: map[int32]bool{}})
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
	if len(e.recent) < keepRecent {
		e.recent = append(e.recent, d)
	} else {
		copy(e.recent[1:], e.recent[2:])
		e.recent[keepRecent-1] = d
	}
	e.terms = addTo(e.terms, d.terms, maxEventTerms)
	e.title = addTo(e.title, d.title, maxEventTerms)
	e.ents = addTo(e.ents, d.ents, maxEventTerms)
	e.places = addTo(e.places, d.places, maxEventTerms)
	e.norm, e.tnorm = e.terms.norm(c.words), e.title.norm(c.words)
	e.enorm, e.pnorm = e.ents.norm(c.entVocab), e.places.norm(c.entVocab)
	if d.dated {
		if i, found := slices.BinarySearch(e.days, d.day); !found {
			e.days = slices.Insert(e.days, i, d.day)
		}
	}
	for _, t := range d.top {
		if !e.posted[t] {
			e.posted[t] = true
			c.termPost[t] = append(c.termPost[t], int32(ei))
		}
	}
	for _, t := range d.entIDs {
		if !e.postedEnt[t] {
			e.postedEnt[t] = true
			c.entPost[t] = append(c.entPost[t], int32(ei))
		}
	}
	c.articleEvent[d.id] = ei
}
