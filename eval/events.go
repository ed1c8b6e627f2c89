package eval

// The events evaluation (RunEvents) clusters articles online with package
// cluster and scores the clusterings against gold events and stories:
// B-cubed (BCubed) and pairwise precision, recall and F1 (over unordered
// pairs of articles put in one cluster), as means over several shuffled
// arrival orders (and the worst order's B-cubed F1). ECB+ is
// cross-validated by topic (EventFolds): each fold is scored by a model
// trained, as cluster/internal/traincluster trains the shipped one, on
// the others; the baselines are tuned on the same folds. Stories are also
// scored on TAC 2011 and MEANTIME with the shipped model (trained on all
// of ECB+ 1–20), which never saw them.

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/cluster"
)

// EventDoc is an article of a clustering corpus with its gold labels,
// recognised (mentions and dates) but not resolved.
type EventDoc struct {
	Article storyline.Article
	Event   string // gold event; empty when the corpus has none
	Story   string // gold story
	Topic   int    // ECB+ topic number; 0 elsewhere
}

// LoadEventCorpus reads DIR/articles.jsonl and DIR/gold.tsv (columns id
// and event and/or story) and recognises the articles' mentions and dates
// (annotate.Recognise; resolution depends on the arrival order and is done
// by EventOrder). Articles without a gold line are left out.
func LoadEventCorpus(dir string) ([]EventDoc, error) {
	gold, err := readClusterGold(filepath.Join(dir, "gold.tsv"))
	if err != nil {
		return nil, err
	}
	var docs []EventDoc
	err = eachJSONL(filepath.Join(dir, "articles.jsonl"), func(r *struct{ ID, Title, Text, Published, Source, URL string }) error {
		g, ok := gold[r.ID]
		if !ok {
			return nil
		}
		d := EventDoc{Article: storyline.Article{ID: r.ID, Ref: r.ID, Title: r.Title, Text: r.Text,
			Published: r.Published, Source: r.Source, URL: r.URL, Lang: "en"}, Event: g[0], Story: g[1]}
		if i := strings.IndexByte(r.ID, '_'); i > 0 {
			d.Topic, _ = strconv.Atoi(r.ID[:i])
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no articles with gold labels", dir)
	}
	an, err := annotate.New()
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				an.Recognise(&docs[i].Article)
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return docs, nil
}

// readClusterGold reads a gold.tsv: id → [event, story].
func readClusterGold(path string) (map[string][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	out := map[string][2]string{}
	col := map[string]int{}
	for n := 0; sc.Scan(); n++ {
		fs := strings.Split(sc.Text(), "\t")
		if n == 0 {
			for i, h := range fs {
				col[h] = i
			}
			if _, ok := col["id"]; !ok {
				return nil, fmt.Errorf("%s: no id column", path)
			}
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(fs) {
				return fs[i]
			}
			return ""
		}
		out[get("id")] = [2]string{get("event"), get("story")}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// EventOrder returns the docs in the given order (indexes into docs),
// copied and resolved in that order by a fresh annotator, as the
// clusterer's training or test input.
func EventOrder(docs []EventDoc, order []int) ([]cluster.Labelled, error) {
	an, err := annotate.New()
	if err != nil {
		return nil, fmt.Errorf("event order: %w", err)
	}
	out := make([]cluster.Labelled, len(order))
	for k, i := range order {
		a := docs[i].Article
		a.Entities = append([]storyline.Mention(nil), a.Entities...)
		an.Resolve(&a)
		out[k] = cluster.Labelled{Article: &a, Event: docs[i].Event, Story: docs[i].Story}
	}
	return out, nil
}

// ShuffledOrders returns n orders of docs, shuffled with seeds 1…n,
// resolved (see EventOrder).
func ShuffledOrders(docs []EventDoc, n int) ([][]cluster.Labelled, error) {
	var out [][]cluster.Labelled
	for s := 1; s <= n; s++ {
		o, err := EventOrder(docs, shuffled(len(docs), uint64(s)))
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

func shuffled(n int, seed uint64) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// chronological is the publication order (undated articles first, in
// file order; ties in file order).
func chronological(docs []EventDoc) []int {
	p := make([]int, len(docs))
	for i := range p {
		p[i] = i
	}
	sort.SliceStable(p, func(i, j int) bool { return docs[p[i]].Article.Published < docs[p[j]].Article.Published })
	return p
}

// TopicRange keeps the ECB+ docs of topics lo…hi.
func TopicRange(docs []EventDoc, lo, hi int) []EventDoc {
	var out []EventDoc
	for _, d := range docs {
		if d.Topic >= lo && d.Topic <= hi {
			out = append(out, d)
		}
	}
	return out
}

// PairScore is pairwise precision, recall and F1 over unordered pairs of
// items put in one cluster.
type PairScore struct {
	P  float64 `json:"p"`
	R  float64 `json:"r"`
	F1 float64 `json:"f1"`
}

// Pairwise scores a clustering by its pairs: a predicted pair is two items
// with one predicted label, a gold pair two with one gold label. With no
// pairs on either side, P and R are 1.
func Pairwise(pred, gold []string) PairScore {
	if len(pred) != len(gold) {
		panic(fmt.Sprintf("eval.Pairwise: %d predicted labels for %d gold ones", len(pred), len(gold)))
	}
	ps, gs, both := map[string]int{}, map[string]int{}, map[[2]string]int{}
	for i := range pred {
		ps[pred[i]]++
		gs[gold[i]]++
		both[[2]string{pred[i], gold[i]}]++
	}
	pairs := func(m map[string]int) float64 {
		s := 0.0
		for _, n := range m {
			s += float64(n*(n-1)) / 2
		}
		return s
	}
	tp := 0.0
	for _, n := range both {
		tp += float64(n*(n-1)) / 2
	}
	pp, gp := pairs(ps), pairs(gs)
	s := PairScore{P: 1, R: 1}
	if pp > 0 {
		s.P = tp / pp
	}
	if gp > 0 {
		s.R = tp / gp
	}
	s.F1 = F1(s.P, s.R)
	return s
}

// EventFolds are the ECB+ topic ranges of the cross-validation: each is
// scored by a model trained on the others.
var EventFolds = [][2]int{{1, 10}, {11, 20}}

// TrainEvents learns the clusterer's model from docs (gold events and
// stories) in n shuffled arrival orders, as cluster/internal/traincluster
// does for the shipped model: the options are opt with Score set to
// B-cubed F1.
func TrainEvents(docs []EventDoc, n int, opt cluster.TrainOptions) (cluster.Model, cluster.TrainStats, error) {
	orders, err := ShuffledOrders(docs, n)
	if err != nil {
		return cluster.Model{}, cluster.TrainStats{}, fmt.Errorf("train events: %w", err)
	}
	opt.Score = bcubedF1
	m, st, err := cluster.Train(orders, opt)
	if err != nil {
		return cluster.Model{}, st, fmt.Errorf("train events: %w", err)
	}
	return m, st, nil
}

// ShippedTrainOptions are the options of the shipped model (see
// cluster/internal/traincluster): events by average link over pairs of
// articles, on the signals below, with merges; stories on the tf-idf
// cosine alone; words weighed by the square root of their adaptation as
// well as their idf (docs/EVENTS.md has the ablations).
func ShippedTrainOptions() cluster.TrainOptions {
	return cluster.TrainOptions{
		Adaptation: 0.5,
		Features: []string{cluster.FeatTFIDF, cluster.FeatTitle, cluster.FeatPeople, cluster.FeatOrgs, cluster.FeatWidePlaces,
			cluster.FeatLocalPlaces, cluster.FeatDate, cluster.FeatDateAgree, cluster.FeatDateConflict, cluster.FeatNumbers, cluster.FeatYears},
		StoryFeatures:   []string{cluster.FeatTFIDF},
		Pairwise:        true,
		Merge:           true,
		OneTimeAndPlace: true,
		Offline:         true,
	}
}

// BaselineTrainOptions are the options of the online tf-idf baseline:
// the tf-idf cosine alone, no time window.
func BaselineTrainOptions() cluster.TrainOptions {
	return cluster.TrainOptions{Features: []string{cluster.FeatTFIDF}, EventMaxDays: -1}
}

// EventsRow is one system's score at one level on one set.
type EventsRow struct {
	Set   string `json:"set"`
	Level string `json:"level"` // event or story
	// System is storyline, tfidf-online or tfidf-avglink; Trained names
	// the data its model was trained or its threshold tuned on.
	System  string `json:"system"`
	Trained string `json:"trained"`
	Order   string `json:"order"` // "shuffled×N", "chronological" or "offline"
	// Articles and Gold clusters; Clusters is the mean number predicted.
	Articles int     `json:"articles"`
	Gold     int     `json:"gold"`
	Clusters float64 `json:"clusters"`
	// BCubed and Pairwise are means over the orders; MinBCubedF1 the worst.
	BCubed      PairScore `json:"bcubed"`
	MinBCubedF1 float64   `json:"min_bcubed_f1"`
	Pairwise    PairScore `json:"pairwise"`
}

// EventsReport is the result of RunEvents.
type EventsReport struct {
	Data        string      `json:"data"`
	Orders      int         `json:"orders"`
	TrainOrders int         `json:"train_orders"`
	Rows        []EventsRow `json:"rows"`
	// Model is the model scored on TAC 2011 and MEANTIME (the shipped one
	// unless given); Folds the models trained for the ECB+ folds.
	Model cluster.Model   `json:"model"`
	Folds []cluster.Model `json:"folds"`
	// ArticlesPerSec is the clustering speed (annotation excluded) of the
	// first fold's model on its test topics, shuffled orders.
	ArticlesPerSec float64 `json:"articles_per_sec"`
	// AnnotateSeconds is the time spent loading and annotating the corpora;
	// TrainSeconds the time spent training the fold models.
	AnnotateSeconds float64 `json:"annotate_seconds"`
	TrainSeconds    float64 `json:"train_seconds"`
}

// EventsOptions set what RunEvents does.
type EventsOptions struct {
	Data        string         // the shared data folder (with ecbplus-dev, tac2011, meantime)
	Orders      int            // shuffled orders per test set (0: 5)
	TrainOrders int            // shuffled orders per training set (0: 5)
	Model       *cluster.Model // scored on TAC and MEANTIME; nil: cluster.Default()
	// Train are the options of the fold models (nil: ShippedTrainOptions).
	Train *cluster.TrainOptions
}

// RunEvents cross-validates the clusterer on ECB+ by topic (EventFolds:
// train on one fold, score events and stories on the other), and scores
// stories on TAC 2011 and MEANTIME, which nothing is trained on, with the
// shipped model. Two baselines go beside it: the same online clusterer
// on the tf-idf cosine alone (tfidf-online) and offline average-link
// clustering of tf-idf vectors (tfidf-avglink), their thresholds tuned on
// the same training data; the average-link story threshold is also tuned
// on TAC 2011 and applied to ECB+ and MEANTIME, to show whether it carries
// over.
func RunEvents(opt EventsOptions) (*EventsReport, error) {
	if opt.Orders <= 0 {
		opt.Orders = 5
	}
	if opt.TrainOrders <= 0 {
		opt.TrainOrders = 5
	}
	trainOpt := ShippedTrainOptions()
	if opt.Train != nil {
		trainOpt = *opt.Train
	}
	rep := &EventsReport{Data: opt.Data, Orders: opt.Orders, TrainOrders: opt.TrainOrders}
	if opt.Model != nil {
		rep.Model = *opt.Model
	} else {
		m, err := cluster.Default()
		if err != nil {
			return nil, fmt.Errorf("eval events: %w", err)
		}
		rep.Model = m
	}
	t0 := time.Now()
	var corpora [3][]EventDoc
	for i, name := range []string{"ecbplus-dev", "tac2011", "meantime"} {
		docs, err := LoadEventCorpus(filepath.Join(opt.Data, name))
		if err != nil {
			return nil, fmt.Errorf("eval events: %w", err)
		}
		corpora[i] = docs
	}
	ecb, tac, mt := corpora[0], corpora[1], corpora[2]
	rep.AnnotateSeconds = time.Since(t0).Seconds()

	var foldRows [][]EventsRow
	for k, f := range EventFolds {
		var train []EventDoc
		for j, g := range EventFolds {
			if j != k {
				train = append(train, TopicRange(ecb, g[0], g[1])...)
			}
		}
		test := TopicRange(ecb, f[0], f[1])
		trained := "ecbplus " + foldNames(k)
		t1 := time.Now()
		m, _, err := TrainEvents(train, opt.TrainOrders, trainOpt)
		if err != nil {
			return nil, fmt.Errorf("eval events: fold %d: %w", k+1, err)
		}
		rep.TrainSeconds += time.Since(t1).Seconds()
		rep.Folds = append(rep.Folds, m)
		base, _, err := TrainEvents(train, opt.TrainOrders, BaselineTrainOptions())
		if err != nil {
			return nil, fmt.Errorf("eval events: fold %d baseline: %w", k+1, err)
		}
		orders, err := ShuffledOrders(test, opt.Orders)
		if err != nil {
			return nil, fmt.Errorf("eval events: %w", err)
		}
		set := fmt.Sprintf("ecbplus topics %d-%d", f[0], f[1])
		var rows []EventsRow
		ev, st, aps := runOnline(m, orders)
		if k == 0 {
			rep.ArticlesPerSec = aps
		}
		order := fmt.Sprintf("shuffled×%d", opt.Orders)
		rows = append(rows, eventsRow(set, "event", "storyline", trained, order, ev), eventsRow(set, "story", "storyline", trained, order, st))
		ev, st = runRecluster(m, orders)
		rows = append(rows, eventsRow(set, "event", "storyline recluster", trained, order, ev), eventsRow(set, "story", "storyline recluster", trained, order, st))
		ev, st, _ = runOnline(base, orders)
		rows = append(rows, eventsRow(set, "event", "tfidf-online", trained, order, ev), eventsRow(set, "story", "tfidf-online", trained, order, st))
		for _, level := range []string{"event", "story"} {
			th := TuneAverageLink(train, level == "story")
			rows = append(rows, eventsRow(set, level, "tfidf-avglink", fmt.Sprintf("%s (θ %.2f)", trained, th), "offline",
				[][2][]string{{AverageLink(test, th), goldLabels(test, level == "story")}}))
		}
		foldRows = append(foldRows, rows)
		rep.Rows = append(rep.Rows, rows...)
	}
	rep.Rows = append(rep.Rows, meanRows(foldRows, fmt.Sprintf("ecbplus %d-fold mean", len(EventFolds)))...)

	base, _, err := TrainEvents(ecb, opt.TrainOrders, BaselineTrainOptions())
	if err != nil {
		return nil, fmt.Errorf("eval events: baseline: %w", err)
	}
	thECB, thTAC := TuneAverageLink(ecb, true), TuneAverageLink(tac, true)
	for _, s := range []struct {
		name string
		docs []EventDoc
	}{{"tac2011", tac}, {"meantime", mt}} {
		shuffled, err := ShuffledOrders(s.docs, opt.Orders)
		if err != nil {
			return nil, fmt.Errorf("eval events: %w", err)
		}
		chrono, err := EventOrder(s.docs, chronological(s.docs))
		if err != nil {
			return nil, fmt.Errorf("eval events: %w", err)
		}
		for _, o := range []struct {
			name   string
			orders [][]cluster.Labelled
		}{{fmt.Sprintf("shuffled×%d", opt.Orders), shuffled}, {"chronological", [][]cluster.Labelled{chrono}}} {
			_, st, _ := runOnline(rep.Model, o.orders)
			rep.Rows = append(rep.Rows, eventsRow(s.name, "story", "storyline", "ecbplus 1-20 (shipped model)", o.name, st))
			_, st = runRecluster(rep.Model, o.orders)
			rep.Rows = append(rep.Rows, eventsRow(s.name, "story", "storyline recluster", "ecbplus 1-20 (shipped model)", o.name, st))
			_, st, _ = runOnline(base, o.orders)
			rep.Rows = append(rep.Rows, eventsRow(s.name, "story", "tfidf-online", "ecbplus 1-20", o.name, st))
		}
		gold := goldLabels(s.docs, true)
		rep.Rows = append(rep.Rows, eventsRow(s.name, "story", "tfidf-avglink", fmt.Sprintf("ecbplus 1-20 (θ %.2f)", thECB), "offline",
			[][2][]string{{AverageLink(s.docs, thECB), gold}}))
		if s.name != "tac2011" {
			rep.Rows = append(rep.Rows, eventsRow(s.name, "story", "tfidf-avglink", fmt.Sprintf("tac2011 (θ %.2f)", thTAC), "offline",
				[][2][]string{{AverageLink(s.docs, thTAC), gold}}))
		}
	}
	rep.Rows = append(rep.Rows, eventsRow("ecbplus topics 1-20", "story", "tfidf-avglink", fmt.Sprintf("tac2011 (θ %.2f)", thTAC), "offline",
		[][2][]string{{AverageLink(ecb, thTAC), goldLabels(ecb, true)}}))
	return rep, nil
}

// foldNames names the folds other than k ("topics 11-20").
func foldNames(k int) string {
	var parts []string
	for j, g := range EventFolds {
		if j != k {
			parts = append(parts, fmt.Sprintf("%d-%d", g[0], g[1]))
		}
	}
	return "topics " + strings.Join(parts, ", ")
}

// runOnline clusters each order with a fresh clusterer and returns the
// (predicted, gold) event and story labels of each run, and the speed.
func runOnline(m cluster.Model, orders [][]cluster.Labelled) (ev, st [][2][]string, perSec float64) {
	var dur time.Duration
	n := 0
	for _, o := range orders {
		c := cluster.NewClusterer(m)
		var pe, ge, ps, gs []string
		start := time.Now()
		for _, l := range o {
			c.Add(l.Article)
		}
		dur += time.Since(start)
		for _, l := range o { // the final state, after merges
			e, s, _ := c.EventOf(l.Article.ID)
			pe, ps = append(pe, e), append(ps, s)
			ge, gs = append(ge, l.Event), append(gs, l.Story)
		}
		n += len(o)
		ev = append(ev, [2][]string{pe, ge})
		st = append(st, [2][]string{ps, gs})
	}
	return ev, st, float64(n) / dur.Seconds()
}

// runRecluster does what 'storyline recluster --offline' does: events
// and then stories made at once (cluster.Batch).
func runRecluster(m cluster.Model, orders [][]cluster.Labelled) (ev, st [][2][]string) {
	for _, o := range orders {
		b := cluster.NewBatch(m)
		var ge, gs []string
		for _, l := range o {
			b.Add(l.Article)
			ge, gs = append(ge, l.Event), append(gs, l.Story)
		}
		events, _ := b.Events()
		pe := make([]string, len(events))
		for i, e := range events {
			pe[i] = strconv.Itoa(e)
		}
		ev = append(ev, [2][]string{pe, ge})
		stories := b.Stories(events)
		ps := make([]string, len(stories))
		for i, s := range stories {
			ps[i] = strconv.Itoa(s)
		}
		st = append(st, [2][]string{ps, gs})
	}
	return ev, st
}

func goldLabels(docs []EventDoc, story bool) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Event
		if story {
			out[i] = d.Story
		}
	}
	return out
}

// meanRows averages the rows of the folds, row by row (the folds have the
// same rows in the same order), under the set name.
func meanRows(folds [][]EventsRow, set string) []EventsRow {
	if len(folds) == 0 {
		return nil
	}
	k := float64(len(folds))
	var out []EventsRow
	for i, r := range folds[0] {
		m := EventsRow{Set: set, Level: r.Level, System: r.System, Trained: "the other folds", Order: r.Order, MinBCubedF1: math.Inf(1)}
		for _, f := range folds {
			x := f[i]
			m.Articles += x.Articles
			m.Gold += x.Gold
			m.Clusters += x.Clusters
			m.BCubed.P += x.BCubed.P / k
			m.BCubed.R += x.BCubed.R / k
			m.BCubed.F1 += x.BCubed.F1 / k
			m.Pairwise.P += x.Pairwise.P / k
			m.Pairwise.R += x.Pairwise.R / k
			m.Pairwise.F1 += x.Pairwise.F1 / k
			m.MinBCubedF1 = math.Min(m.MinBCubedF1, x.MinBCubedF1)
		}
		out = append(out, m)
	}
	return out
}

func bcubedF1(pred, gold []string) float64 {
	_, _, f := BCubed(pred, gold)
	return f
}

func eventsRow(set, level, system, trained, order string, runs [][2][]string) EventsRow {
	r := EventsRow{Set: set, Level: level, System: system, Trained: trained, Order: order, MinBCubedF1: math.Inf(1)}
	k := float64(len(runs))
	for _, run := range runs {
		pred, gold := run[0], run[1]
		r.Articles = len(gold)
		r.Gold = distinct(gold)
		r.Clusters += float64(distinct(pred)) / k
		p, rc, f := BCubed(pred, gold)
		r.BCubed.P += p / k
		r.BCubed.R += rc / k
		r.BCubed.F1 += f / k
		r.MinBCubedF1 = math.Min(r.MinBCubedF1, f)
		pw := Pairwise(pred, gold)
		r.Pairwise.P += pw.P / k
		r.Pairwise.R += pw.R / k
		r.Pairwise.F1 += pw.F1 / k
	}
	return r
}

// WriteJSON writes the report as one indented JSON object.
func (rep *EventsReport) WriteJSON(w io.Writer) error {
	return writeJSON(w, "events", rep)
}

// WriteTable writes the report as a text table.
func (rep *EventsReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "set\tlevel\tsystem\ttrained on\torder\tarticles\tgold\tclusters\tB3 P\tR\tF1\tmin F1\tpairs P\tR\tF1")
	for _, r := range rep.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n", r.Set, r.Level, r.System, r.Trained, r.Order,
			r.Articles, r.Gold, r.Clusters, r.BCubed.P, r.BCubed.R, r.BCubed.F1, r.MinBCubedF1, r.Pairwise.P, r.Pairwise.R, r.Pairwise.F1)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("eval events: write table: %w", err)
	}
	_, err := fmt.Fprintf(w, "\nshipped model: event threshold %.2f (τ %g d), story threshold %.2f (τ %g d)\nclustering: %.0f articles/s (annotation excluded); loading and annotating: %.1f s; training %d fold models: %.1f s\n",
		rep.Model.Event.Threshold, rep.Model.Event.TauDays, rep.Model.Story.Threshold, rep.Model.Story.TauDays,
		rep.ArticlesPerSec, rep.AnnotateSeconds, len(rep.Folds), rep.TrainSeconds)
	if err != nil {
		return fmt.Errorf("eval events: write table: %w", err)
	}
	return nil
}

// AverageLink clusters docs offline by average-link agglomeration of
// their tf-idf vectors (cluster.Terms of title and text, 1+ln tf, idf
// over docs), merging while the mean cosine between two clusters is at
// least threshold, and returns a label per doc.
func AverageLink(docs []EventDoc, threshold float64) []string {
	merges := averageLink(docs)
	return cutMerges(len(docs), merges, threshold)
}

// TuneAverageLink returns the average-link threshold (0.01–0.99) with the
// best B-cubed F1 on docs' gold events (or stories), the middle of the
// best plateau.
func TuneAverageLink(docs []EventDoc, story bool) float64 {
	merges := averageLink(docs)
	gold := goldLabels(docs, story)
	best, plateau := -1.0, []float64(nil)
	for t := 1; t < 100; t++ {
		th := float64(t) / 100
		f := bcubedF1(cutMerges(len(docs), merges, th), gold)
		switch {
		case f > best+1e-12:
			best, plateau = f, []float64{th}
		case f > best-1e-12:
			plateau = append(plateau, th)
		}
	}
	return plateau[len(plateau)/2]
}

type merge struct {
	a, b int
	sim  float64
}

// averageLink returns the merges of average-link clustering of docs, in
// order (their similarities never increase).
func averageLink(docs []EventDoc) []merge {
	n := len(docs)
	df := map[string]int{}
	bags := make([]map[string]float64, n)
	for i, d := range docs {
		counts := map[string]float64{}
		for _, t := range cluster.Terms(d.Article.Title) {
			counts[t] += 2
		}
		for _, t := range cluster.Terms(d.Article.Text) {
			counts[t]++
		}
		for t := range counts {
			df[t]++
		}
		bags[i] = counts
	}
	for _, b := range bags {
		norm := 0.0
		for t, c := range b {
			w := (1 + math.Log(c)) * (math.Log(float64(1+n)/float64(1+df[t])) + 1)
			b[t] = w
			norm += w * w
		}
		for t := range b {
			b[t] /= math.Sqrt(norm)
		}
	}
	// sum[i][j] is the summed cosine between clusters i and j; size[i]
	// the size of cluster i (0 once merged away)
	sum := make([][]float64, n)
	size := make([]int, n)
	for i := range sum {
		sum[i] = make([]float64, n)
		size[i] = 1
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			s := 0.0
			a, b := bags[i], bags[j]
			if len(b) < len(a) {
				a, b = b, a
			}
			for t, w := range a {
				s += w * b[t]
			}
			sum[i][j], sum[j][i] = s, s
		}
	}
	var out []merge
	for {
		bi, bj, best := -1, -1, -1.0
		for i := range n {
			if size[i] == 0 {
				continue
			}
			for j := i + 1; j < n; j++ {
				if size[j] == 0 {
					continue
				}
				if s := sum[i][j] / float64(size[i]*size[j]); s > best {
					bi, bj, best = i, j, s
				}
			}
		}
		if bi < 0 {
			return out
		}
		out = append(out, merge{bi, bj, best})
		for k := range n {
			sum[bi][k] += sum[bj][k]
			sum[k][bi] = sum[bi][k]
		}
		size[bi] += size[bj]
		size[bj] = 0
	}
}

// cutMerges applies the merges whose similarity is at least threshold
// and labels each of n items by its cluster.
func cutMerges(n int, merges []merge, threshold float64) []string {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, m := range merges {
		if m.sim < threshold {
			break
		}
		parent[find(m.b)] = find(m.a)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(find(i))
	}
	return out
}

// BackgroundTexts returns the unlabelled news texts that the clusterer's
// background term frequencies are counted from: the Gigaword articles of
// DATA/gigaword-silver (AFP 1997, Xinhua 2005-2006) and the CoNLL-2003
// training documents (Reuters 1996) of DATA/conll2003. No evaluation set
// is among them.
func BackgroundTexts(data string) ([]string, error) {
	var texts []string
	err := eachJSONL(filepath.Join(data, "gigaword-silver", "articles.jsonl"), func(r *struct{ Title, Text string }) error {
		texts = append(texts, r.Title+"\n"+r.Text)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("background texts: %w", err)
	}
	err = eachJSONL(filepath.Join(data, "conll2003", "ner.jsonl"), func(r *struct{ ID, Text string }) error {
		if strings.HasPrefix(r.ID, "train-") {
			texts = append(texts, r.Text)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("background texts: %w", err)
	}
	return texts, nil
}
