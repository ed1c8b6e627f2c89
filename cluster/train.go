package cluster

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

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
	// Pairwise learns the event level from pairs of articles and scores
	// events by average link (see Level.Pairwise).
	Pairwise bool
	// Merge lets pairwise models merge events that an article bridges,
	// tuning the merge threshold with the join threshold (Level.MergeThreshold).
	Merge bool
	// Adaptation weighs words by their adaptation (Model.Adaptation).
	Adaptation float64
	// Background is where term frequencies start (nil: DefaultBackground).
	Background *Background
	// OneTimeAndPlace keeps articles out of events they report at another
	// time and place (Level.OneTimeAndPlace); thresholds are tuned with it.
	OneTimeAndPlace bool
	// Offline tunes both levels' OfflineThreshold (see Batch) on
	// the first order.
	Offline bool
}

// TrainStats describe a training run.
type TrainStats struct {
	EventSamples, EventPositives int
	StorySamples, StoryPositives int
	EventScore, StoryScore       float64 // mean Score on the training orders
	OfflineScore                 float64 // Score of Batch.Events on the first order (with Offline)
	OfflineStoryScore            float64 // Score of Batch.Stories on the first order (with Offline)
}

// Train learns a model from training articles given in one or more
// arrival orders (each order a complete pass over the training articles,
// annotated in that order). Event level: with the events built from the
// gold labels as the articles arrive, each article is paired with each
// candidate event (Pairwise: with each kept article of each candidate
// event), labelled same-event or not; a logistic regression is fitted on
// the pairs for each date time scale, the one with the lowest loss is
// kept, and the thresholds (join, and merge with Merge) that give the best
// mean Score of the actual online clustering of the orders are chosen.
// Story level: likewise, comparing each article with each candidate story
// without its own gold event, with the event model fixed.
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
	bg := opt.Background
	if bg == nil {
		var err error
		if bg, err = DefaultBackground(); err != nil {
			return Model{}, st, err
		}
	}
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
			c := newClusterer(m, bg)
			c.cache = cache
			pred := make([]string, len(o))
			for _, l := range o {
				c.Add(l.Article)
			}
			for i, l := range o { // the final state, after merges
				e, s, _ := c.EventOf(articleKey(l.Article))
				pred[i] = e
				if story {
					pred[i] = s
				}
			}
			total += opt.Score(pred, goldOf(o, story))
		}
		return total / float64(len(orders))
	}
	// tune returns the best threshold, searched on a coarse grid and then
	// around its best (the middle of the best plateau), and its score.
	tune := func(set func(float64) Model, story bool) (float64, float64) {
		scores := map[float64]float64{}
		at := func(t float64) float64 {
			t = math.Round(t*100) / 100
			if s, ok := scores[t]; ok {
				return s
			}
			scores[t] = run(set(t), story)
			return scores[t]
		}
		best, bestT := -1.0, 0.0
		for t := 0.05; t < 1; t += 0.1 {
			if s := at(t); s > best {
				best, bestT = s, t
			}
		}
		var ts []float64
		for t := bestT - 0.08; t <= bestT+0.081; t += 0.02 {
			if t > 0 && t < 1 {
				ts = append(ts, math.Round(t*100)/100)
				best = math.Max(best, at(t))
			}
		}
		var plateau []float64
		for _, t := range ts {
			if scores[t] >= best-1e-9 {
				plateau = append(plateau, t)
			}
		}
		if len(plateau) == 0 {
			return math.Round(bestT*100) / 100, best
		}
		return plateau[len(plateau)/2], best
	}
	// level fits the weights for each time scale and keeps the one whose
	// fit has the lowest loss on its pairs.
	level := func(taus []float64, mask []int, samples func(tau float64) []Sample) (Level, int, int, error) {
		var best Level
		bestLoss, n, pos := math.Inf(1), 0, 0
		for _, tau := range taus {
			ss := samples(tau)
			lv, loss, err := fit(ss, mask, l2)
			if err != nil {
				return Level{}, 0, 0, fmt.Errorf("τ %g: %w", tau, err)
			}
			if loss < bestLoss {
				bestLoss, best, n, pos = loss, lv, len(ss), positives(ss)
				best.TauDays = tau
			}
		}
		return best, n, pos, nil
	}

	// model is every model Train makes: the term weighting is the same for all.
	model := func(e, s Level) Model { return Model{Adaptation: opt.Adaptation, Event: e, Story: s} }
	m := model(Level{}, Level{})
	lv, n, pos, err := level(eTaus, mask, func(tau float64) []Sample {
		ev, _ := collect(orders, cache, model(Level{TauDays: tau, Pairwise: opt.Pairwise}, Level{TauDays: sTaus[0]}), bg)
		return ev
	})
	if err != nil {
		return Model{}, st, fmt.Errorf("cluster: train events: %w", err)
	}
	lv.MaxDays, lv.Pairwise, lv.OneTimeAndPlace = maxDays, opt.Pairwise, opt.OneTimeAndPlace
	st.EventSamples, st.EventPositives = n, pos
	eventModel := func(t float64) Model {
		l := lv
		l.Threshold = t
		return model(l, Level{Threshold: 2})
	}
	lv.Threshold, st.EventScore = tune(eventModel, false)
	if opt.Merge && opt.Pairwise {
		// coordinate ascent on the join and merge thresholds
		withMerge := func(t float64) Model {
			l := lv
			l.MergeThreshold = t
			return model(l, Level{Threshold: 2})
		}
		lv.MergeThreshold, _ = tune(withMerge, false)
		lv.Threshold, _ = tune(eventModel, false)
		lv.MergeThreshold, st.EventScore = tune(withMerge, false)
	}
	if opt.Offline {
		lv.OfflineThreshold, st.OfflineScore = tuneOffline(orders[0], model(lv, Level{Threshold: 2}), bg, cache, opt.Score, goldOf(orders[0], false))
	}
	m.Event = lv
	lv, n, pos, err = level(sTaus, storyMask, func(tau float64) []Sample {
		_, sts := collect(orders, cache, model(m.Event, Level{TauDays: tau}), bg)
		return sts
	})
	if err != nil {
		return Model{}, st, fmt.Errorf("cluster: train stories: %w", err)
	}
	st.StorySamples, st.StoryPositives = n, pos
	lv.Threshold, st.StoryScore = tune(func(t float64) Model {
		l := lv
		l.Threshold = t
		return model(m.Event, l)
	}, true)
	m.Story = lv
	if opt.Offline {
		m.Story.OfflineThreshold, st.OfflineStoryScore = tuneOfflineStories(orders[0], m, bg, cache, opt.Score, goldOf(orders[0], true))
	}
	m.Version = 2
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

// fit fits the features of mask and returns them as a Level, with the
// class-balanced log loss of the fit on the samples.
func fit(samples []Sample, mask []int, l2 float64) (Level, float64, error) {
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
		return Level{}, 0, err
	}
	lv := Level{Weights: map[string]float64{FeatBias: round6(b)}}
	for j, k := range mask {
		lv.Weights[Features[k]] = round6(w[j])
	}
	return lv, logLoss(sub, b, w), nil
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// collect runs the orders with the gold assignments and returns the
// event and story training pairs (features by the time scales of m).
func collect(orders [][]Labelled, cache map[string][2][]string, m Model, bg *Background) (ev, st []Sample) {
	for _, o := range orders {
		c := newClusterer(m, bg)
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
		if c.m.Event.Pairwise {
			for _, r := range e.recent {
				*ev = append(*ev, Sample{X: c.pair(d, r, c.m.Event.TauDays), Y: e.gold == l.Event})
			}
		} else {
			*ev = append(*ev, Sample{X: c.features(d, e, c.m.Event.TauDays, nil), Y: e.gold == l.Event})
		}
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

// logLoss is the mean log loss of the logistic model (b, w) on the
// samples, each class weighing half.
func logLoss(samples []Sample, b float64, w []float64) float64 {
	var loss [2]float64
	var n [2]int
	for _, s := range samples {
		z := b
		for i, x := range s.X {
			z += w[i] * x
		}
		p := math.Min(math.Max(sigmoid(z), 1e-12), 1-1e-12)
		if s.Y {
			loss[1] -= math.Log(p)
			n[1]++
		} else {
			loss[0] -= math.Log(1 - p)
			n[0]++
		}
	}
	return loss[0]/float64(max(n[0], 1))/2 + loss[1]/float64(max(n[1], 1))/2
}

// tuneOfflineStories returns the story level's average link threshold
// from which Batch.Stories does best on the articles of o, grouped into
// events by a Batch with m, and that score (see plateauMiddle).
func tuneOfflineStories(o []Labelled, m Model, bg *Background, cache map[string][2][]string, score func(pred, gold []string) float64, gold []string) (float64, float64) {
	b := batchOf(o, m, bg, cache)
	events, _ := b.Events()
	return plateauMiddle(func(t float64) float64 {
		stories, _ := agglomerate(len(b.docs), b.storyP, t, events)
		return score(labels(stories), gold)
	})
}

// tuneOffline returns the average link threshold from which Batch.Events
// with m does best on the articles of o, and that score (see
// plateauMiddle).
func tuneOffline(o []Labelled, m Model, bg *Background, cache map[string][2][]string, score func(pred, gold []string) float64, gold []string) (float64, float64) {
	b := batchOf(o, m, bg, cache)
	b.compare()
	return plateauMiddle(func(t float64) float64 {
		events, _ := agglomerate(len(b.docs), b.eventP, t, nil)
		return score(labels(events), gold)
	})
}

// batchOf is a Batch of the articles of o for model m.
func batchOf(o []Labelled, m Model, bg *Background, cache map[string][2][]string) *Batch {
	c := newClusterer(m, bg)
	c.cache = cache
	b := &Batch{c: c}
	for _, l := range o {
		b.Add(l.Article)
	}
	return b
}

// plateauMiddle returns the middle of the thresholds 0.20, 0.25, … 0.95
// at which score does best, and that score.
func plateauMiddle(score func(t float64) float64) (float64, float64) {
	var ts, scores []float64
	best := -1.0
	for k := 0; k <= 15; k++ {
		t := math.Round((0.2+0.05*float64(k))*100) / 100
		s := score(t)
		ts, scores = append(ts, t), append(scores, s)
		best = math.Max(best, s)
	}
	var plateau []float64
	for i, t := range ts {
		if scores[i] >= best-1e-9 {
			plateau = append(plateau, t)
		}
	}
	return plateau[len(plateau)/2], best
}

// labels turns cluster indexes into labels for a score function.
func labels(xs []int) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.Itoa(x)
	}
	return out
}
