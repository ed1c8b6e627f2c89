package eval

// The events evaluation (RunEvents) clusters articles online with package
// cluster and scores the clusterings against gold events and stories:
// B-cubed (BCubed) and pairwise precision, recall and F1 (over unordered
// pairs of articles put in one cluster), as means over several shuffled
// arrival orders (and the worst order's B-cubed F1). ECB+ topics 1–10
// train the model (cluster/internal/traincluster) and tune the baseline;
// topics 11–20 are the test set; all of 1–20 are reported too, marked as
// partly trained. Stories are scored on ECB+ (story = topic), TAC 2011 and
// MEANTIME, which were not trained on.

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

// EventsRow is one system's score at one level on one set.
type EventsRow struct {
	Set    string `json:"set"`
	Note   string `json:"note,omitempty"`
	Level  string `json:"level"` // event or story
	System string `json:"system"`
	Order  string `json:"order"` // "shuffled×N" or "chronological"
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
	Data   string      `json:"data"`
	Orders int         `json:"orders"`
	Rows   []EventsRow `json:"rows"`
	// Model and Baseline are the models scored.
	Model    cluster.Model `json:"model"`
	Baseline cluster.Model `json:"baseline"`
	// ArticlesPerSec is the clustering speed (annotation excluded) over
	// all ECB+ articles, shuffled orders, the learnt model.
	ArticlesPerSec float64 `json:"articles_per_sec"`
	// AnnotateSeconds is the time spent loading and annotating the corpora.
	AnnotateSeconds float64 `json:"annotate_seconds"`
}

// EventsOptions set what RunEvents does.
type EventsOptions struct {
	Data   string         // the shared data folder (with ecbplus-dev, tac2011, meantime)
	Orders int            // shuffled orders per set (0: 5)
	Model  *cluster.Model // nil: cluster.Default()
}

// RunEvents scores the learnt model and the tf-idf baseline (tuned here on
// ECB+ topics 1–10) at event level on ECB+ and at story level on ECB+,
// TAC 2011 and MEANTIME.
func RunEvents(opt EventsOptions) (*EventsReport, error) {
	if opt.Orders <= 0 {
		opt.Orders = 5
	}
	rep := &EventsReport{Data: opt.Data, Orders: opt.Orders}
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
	ecb, err := LoadEventCorpus(filepath.Join(opt.Data, "ecbplus-dev"))
	if err != nil {
		return nil, fmt.Errorf("eval events: %w", err)
	}
	tac, err := LoadEventCorpus(filepath.Join(opt.Data, "tac2011"))
	if err != nil {
		return nil, fmt.Errorf("eval events: %w", err)
	}
	mt, err := LoadEventCorpus(filepath.Join(opt.Data, "meantime"))
	if err != nil {
		return nil, fmt.Errorf("eval events: %w", err)
	}
	type set struct {
		name, note string
		orders     [][]cluster.Labelled
		order      string
		event      bool
	}
	var sets []set
	add := func(name, note string, docs []EventDoc, event, chrono bool) error {
		os, err := ShuffledOrders(docs, opt.Orders)
		if err != nil {
			return fmt.Errorf("eval events: %w", err)
		}
		sets = append(sets, set{name, note, os, fmt.Sprintf("shuffled×%d", opt.Orders), event})
		if chrono {
			o, err := EventOrder(docs, chronological(docs))
			if err != nil {
				return fmt.Errorf("eval events: %w", err)
			}
			sets = append(sets, set{name, note, [][]cluster.Labelled{o}, "chronological", event})
		}
		return nil
	}
	train, err := ShuffledOrders(TopicRange(ecb, 1, 10), opt.Orders)
	if err != nil {
		return nil, fmt.Errorf("eval events: %w", err)
	}
	for _, s := range []struct {
		name, note string
		docs       []EventDoc
		event      bool
		chrono     bool
	}{
		{"ecbplus topics 11-20", "test", TopicRange(ecb, 11, 20), true, false},
		{"ecbplus topics 1-20", "partly trained (1-10)", ecb, true, false},
		{"tac2011", "not trained on", tac, false, true},
		{"meantime", "not trained on", mt, false, true},
	} {
		if err := add(s.name, s.note, s.docs, s.event, s.chrono); err != nil {
			return nil, err
		}
	}
	rep.AnnotateSeconds = time.Since(t0).Seconds()
	base, _, err := cluster.Train(train, cluster.TrainOptions{Features: []string{cluster.FeatTFIDF}, EventMaxDays: -1, Score: bcubedF1})
	if err != nil {
		return nil, fmt.Errorf("eval events: baseline: %w", err)
	}
	rep.Baseline = base
	for _, s := range sets {
		for _, sys := range []struct {
			name string
			m    cluster.Model
		}{{"storyline", rep.Model}, {"tfidf-baseline", base}} {
			var evRuns, stRuns [][2][]string
			var dur time.Duration
			n := 0
			for _, o := range s.orders {
				c := cluster.NewClusterer(sys.m)
				var pe, ge, ps, gs []string
				start := time.Now()
				for _, l := range o {
					as := c.Add(l.Article)
					pe, ps = append(pe, as.Event), append(ps, as.Story)
					ge, gs = append(ge, l.Event), append(gs, l.Story)
				}
				dur += time.Since(start)
				n += len(o)
				evRuns = append(evRuns, [2][]string{pe, ge})
				stRuns = append(stRuns, [2][]string{ps, gs})
			}
			if sys.name == "storyline" && s.name == "ecbplus topics 1-20" {
				rep.ArticlesPerSec = float64(n) / dur.Seconds()
			}
			if s.event {
				rep.Rows = append(rep.Rows, eventsRow(s.name, s.note, "event", sys.name, s.order, evRuns))
			}
			rep.Rows = append(rep.Rows, eventsRow(s.name, s.note, "story", sys.name, s.order, stRuns))
		}
	}
	return rep, nil
}

func bcubedF1(pred, gold []string) float64 {
	_, _, f := BCubed(pred, gold)
	return f
}

func eventsRow(set, note, level, system, order string, runs [][2][]string) EventsRow {
	r := EventsRow{Set: set, Note: note, Level: level, System: system, Order: order, MinBCubedF1: math.Inf(1)}
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
	fmt.Fprintln(tw, "set\tlevel\tsystem\torder\tarticles\tgold\tclusters\tB3 P\tR\tF1\tmin F1\tpairs P\tR\tF1")
	for _, r := range rep.Rows {
		name := r.Set
		if r.Note != "" {
			name += " (" + r.Note + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n", name, r.Level, r.System, r.Order,
			r.Articles, r.Gold, r.Clusters, r.BCubed.P, r.BCubed.R, r.BCubed.F1, r.MinBCubedF1, r.Pairwise.P, r.Pairwise.R, r.Pairwise.F1)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("eval events: write table: %w", err)
	}
	_, err := fmt.Fprintf(w, "\nmodel: event threshold %.2f (τ %g d), story threshold %.2f (τ %g d); baseline: event %.2f, story %.2f (tf-idf only, tuned on ECB+ topics 1-10)\nclustering: %.0f articles/s (annotation excluded); loading and annotating: %.1f s\n",
		rep.Model.Event.Threshold, rep.Model.Event.TauDays, rep.Model.Story.Threshold, rep.Model.Story.TauDays,
		rep.Baseline.Event.Threshold, rep.Baseline.Story.Threshold, rep.ArticlesPerSec, rep.AnnotateSeconds)
	if err != nil {
		return fmt.Errorf("eval events: write table: %w", err)
	}
	return nil
}
