package cluster

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/storyline/storyline"
)

// Labelled is a training article with its gold event and story.
type Labelled struct {
	Article      *storyline.Article
	Event, Story string
}

// TrainOptions set what Train learns and how it scores a clustering.
type TrainOptions struct {
	// Score rates a clustering of the items against the gold one (pred[i]
	// and gold[i] label item i), higher is better: B-cubed F1, say.
	Score func(pred, gold []string) float64
	// Features are the signals to weigh (nil: all of Features); the
	// others get no weight. []string{FeatTFIDF} is the tf-idf baseline.
	Features []string
	// StoryFeatures are the signals of the story level (nil: Features).
	StoryFeatures []string
	// EventTaus and StoryTaus are the date time scales to choose from
	// (nil: 3, 7, 14, 30, 60 days for events, 14, 30, 90, 180 for stories).
	EventTaus, StoryTaus []float64
	// L2 is the penalty on the weights (0: 1).
	L2 float64
	// EventMaxDays is the time window of events (see Level.MaxDays; 0:
	// 120 days, below 0: none). Stories have none.
	EventMaxDays float64
}

// TrainStats describe a training run.
type TrainStats struct {
	EventSamples, EventPositives int
	StorySamples, StoryPositives int
	EventScore, StoryScore       float64 // mean Score on the training orders
}

// thresholds are the candidate decision thresholds.
var thresholds = func() []float64 {
	var t []float64
	for x := 0.02; x < 0.99; x += 0.02 {
		t = append(t, math.Round(x*100)/100)
	}
	return t
}()

// Train learns a model from training articles given in one or more
// arrival orders (each order a complete pass over the training articles,
// annotated in that order). Event level: pairs of an article and each
// candidate event, with the events built from the gold labels as the
// articles arrive, are labelled same-event or not; a logistic regression
// is fitted on them, and the threshold (and date time scale) that give
// the best mean Score of the actual online clustering of the orders are
// kept. Story level: likewise, comparing each article with the events of
// each candidate story other than its own gold event, with the event
// model fixed.
func Train(orders [][]Labelled, opt TrainOptions) (Model, TrainStats, error) {
	var st TrainStats
	if len(orders) == 0 || len(orders[0]) == 0 {
		return Model{}, st, errors.New("cluster: train: no articles")
	}
	if opt.Score == nil {
		return Model{}, st, errors.New("cluster: train: no Score function")
	}
	feats := opt.Features
	if feats == nil {
		feats = Features
	}
	storyFeats := opt.StoryFeatures
	if storyFeats == nil {
		storyFeats = feats
	}
	maskOf := func(fs []string) ([]int, error) {
		var mask []int
		for _, f := range fs {
			i := slices.Index(Features, f)
			if i < 0 {
				return nil, fmt.Errorf("cluster: train: unknown feature %q", f)
			}
			mask = append(mask, i)
		}
		return mask, nil
	}
	mask, err := maskOf(feats)
	if err != nil {
		return Model{}, st, err
	}
	storyMask, err := maskOf(storyFeats)
	if err != nil {
		return Model{}, st, err
	}
	eTaus, sTaus := opt.EventTaus, opt.StoryTaus
	if eTaus == nil {
		eTaus = []float64{3, 7, 14, 30, 60}
	}
	if sTaus == nil {
		sTaus = []float64{14, 30, 90, 180}
	}
	if !slices.Contains(feats, FeatDate) {
		eTaus = eTaus[:1]
	}
	if !slices.Contains(storyFeats, FeatDate) {
		sTaus = sTaus[:1]
	}
	l2 := opt.L2
	if l2 == 0 {
		l2 = 1
	}
	maxDays := opt.EventMaxDays
	if maxDays == 0 {
		maxDays = 120
	}
	if maxDays < 0 {
		maxDays = 0
	}
	cache := map[string][2][]string{}
	goldOf := func(o []Labelled, story bool) []string {
		g := make([]string, len(o))
		for i, l := range o {
			g[i] = l.Event
			if story {
				g[i] = l.Story
			}
		}
		return g
	}
	run := func(m Model, story bool) float64 {
		total := 0.0
		for _, o := range orders {
			c := NewClusterer(m)
			c.cache = cache
			pred := make([]string, len(o))
			for i, l := range o {
				as := c.Add(l.Article)
				pred[i] = as.Event
				if story {
					pred[i] = as.Story
				}
			}
			total += opt.Score(pred, goldOf(o, story))
		}
		return total / float64(len(orders))
	}
	// tune returns the best threshold, the middle of the best plateau.
	tune := func(set func(float64) Model, story bool) (float64, float64) {
		scores := make([]float64, len(thresholds))
		best := -1.0
		for i, t := range thresholds {
			scores[i] = run(set(t), story)
			best = math.Max(best, scores[i])
		}
		var at []int
		for i, s := range scores {
			if s >= best-1e-9 {
				at = append(at, i)
			}
		}
		return thresholds[at[len(at)/2]], best
	}

	var m Model
	bestE := -1.0
	for _, tau := range eTaus {
		samples, _ := collect(orders, cache, Model{Event: Level{TauDays: tau}, Story: Level{TauDays: sTaus[0]}})
		lv, err := fit(samples, mask, l2)
		if err != nil {
			return Model{}, st, fmt.Errorf("cluster: train events (τ %g): %w", tau, err)
		}
		lv.TauDays, lv.MaxDays = tau, maxDays
		th, score := tune(func(t float64) Model {
			l := lv
			l.Threshold = t
			return Model{Event: l, Story: Level{Threshold: 2}}
		}, false)
		if score > bestE {
			bestE = score
			m.Event = lv
			m.Event.Threshold = th
			st.EventSamples, st.EventPositives = len(samples), positives(samples)
		}
	}
	st.EventScore = bestE
	bestS := -1.0
	for _, tau := range sTaus {
		_, samples := collect(orders, cache, Model{Event: m.Event, Story: Level{TauDays: tau}})
		lv, err := fit(samples, storyMask, l2)
		if err != nil {
			return Model{}, st, fmt.Errorf("cluster: train stories (τ %g): %w", tau, err)
		}
		lv.TauDays = tau
		th, score := tune(func(t float64) Model {
			l := lv
			l.Threshold = t
			return Model{Event: m.Event, Story: l}
		}, true)
		if score > bestS {
			bestS = score
			m.Story = lv
			m.Story.Threshold = th
			st.StorySamples, st.StoryPositives = len(samples), positives(samples)
		}
	}
	st.StoryScore = bestS
	m.Version = 1
	return m, st, nil
}

func positives(s []Sample) int {
	n := 0
	for _, x := range s {
		if x.Y {
			n++
		}
	}
	return n
}

// fit fits the features of mask and returns them as a Level.
func fit(samples []Sample, mask []int, l2 float64) (Level, error) {
	sub := make([]Sample, len(samples))
	for i, s := range samples {
		x := make([]float64, len(mask))
		for j, k := range mask {
			x[j] = s.X[k]
		}
		sub[i] = Sample{X: x, Y: s.Y}
	}
	b, w, err := FitLogistic(sub, l2)
	if err != nil {
		return Level{}, err
	}
	lv := Level{Weights: map[string]float64{FeatBias: round6(b)}}
	for j, k := range mask {
		lv.Weights[Features[k]] = round6(w[j])
	}
	return lv, nil
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// collect runs the orders with the gold assignments and returns the
// event and story training pairs (features by the time scales of m).
func collect(orders [][]Labelled, cache map[string][2][]string, m Model) (ev, st []Sample) {
	for _, o := range orders {
		c := NewClusterer(m)
		c.cache = cache
		c.goldEv, c.goldSt = map[string]int{}, map[string]int{}
		for _, l := range o {
			c.forced(l, &ev, &st)
		}
	}
	return ev, st
}

// forced adds l to its gold event, appending the pairs it makes.
func (c *Clusterer) forced(l Labelled, ev, st *[]Sample) {
	id := articleKey(l.Article)
	if _, ok := c.articleEvent[id]; ok {
		return
	}
	d := c.doc(l.Article, id)
	cands := c.candidates(d)
	gi, haveEv := c.goldEv[l.Event]
	if haveEv && !slices.Contains(cands, int32(gi)) {
		cands = append(cands, int32(gi))
	}
	for _, ci := range cands {
		e := c.events[ci]
		*ev = append(*ev, Sample{X: c.features(d, e, c.m.Event.TauDays), Y: e.gold == l.Event})
	}
	skip := -1
	if haveEv {
		skip = gi
	}
	xs, order := c.storyFeatures(d, cands, skip)
	for _, si := range order {
		*st = append(*st, Sample{X: xs[si], Y: c.stories[si].gold == l.Story})
	}
	ei, si := -1, -1
	if haveEv {
		ei = gi
	} else if s, ok := c.goldSt[l.Story]; ok {
		si = s
	}
	ei = c.assign(d, ei, si, l.Event, l.Story)
	c.goldEv[l.Event] = ei
	c.goldSt[l.Story] = c.events[ei].story
}
