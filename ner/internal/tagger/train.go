package tagger

import (
	"fmt"
	"io"
	"math/rand"
	"time"
)

// TrainConfig configures Train.
type TrainConfig struct {
	Bits     uint // log2 of the number of weight rows
	Epochs   int
	Seed     int64
	Opts     Options
	Gaz      *Gaz // lists 0–3 may be the training entities (see Gaz)
	Clusters map[string]string
	Dev      []Doc     // scored after each epoch when not empty
	Log      io.Writer // progress, may be nil
	// Stack trains a stacked tagger: a first-stage model, and a second
	// one that also sees the first stage's labels of every occurrence of
	// a word in the document; on the training documents those labels
	// come from Folds-fold cross-validation (jackknifing).
	Stack bool
	Folds int
	// Seeds > 1 trains that many models on shuffles of other seeds and
	// averages their weights (for each stage).
	Seeds int
}

// Scores are conlleval counts per type and overall.
type Scores struct {
	TP, FP, FN [len(Types) + 1]int // index len(Types) is the total
}

// Add counts the predicted spans of a sentence against the gold ones
// (exact span and type).
func (s *Scores) Add(gold, pred []Span) {
	for _, p := range pred {
		hit := false
		for _, g := range gold {
			if g == p {
				hit = true
				break
			}
		}
		if hit {
			s.TP[p.Type]++
			s.TP[len(Types)]++
		} else {
			s.FP[p.Type]++
			s.FP[len(Types)]++
		}
	}
	for _, g := range gold {
		hit := false
		for _, p := range pred {
			if g == p {
				hit = true
				break
			}
		}
		if !hit {
			s.FN[g.Type]++
			s.FN[len(Types)]++
		}
	}
}

// PRF returns precision, recall and F1 of type t (len(Types): overall).
func (s *Scores) PRF(t int) (p, r, f float64) {
	tp, fp, fn := float64(s.TP[t]), float64(s.FP[t]), float64(s.FN[t])
	if tp+fp > 0 {
		p = tp / (tp + fp)
	}
	if tp+fn > 0 {
		r = tp / (tp + fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// String formats the overall and per-type F1.
func (s *Scores) String() string {
	p, r, f := s.PRF(len(Types))
	out := fmt.Sprintf("P %.4f R %.4f F1 %.4f", p, r, f)
	for t, name := range Types {
		_, _, ft := s.PRF(t)
		out += fmt.Sprintf(" %s %.4f", name, ft)
	}
	return out
}

// Evaluate tags the documents with m and scores them against their gold
// entities.
func Evaluate(m *Model, docs []Doc) Scores {
	var s Scores
	w := new(Work)
	var spans []Span
	for i := range docs {
		sents := docWords(&docs[i])
		tags := m.TagDoc(sents, w)
		for si, st := range docs[i].Sents {
			spans = TagsToSpans(tags[si], spans[:0])
			s.Add(st.Spans, spans)
		}
	}
	return s
}

func docWords(d *Doc) [][]string {
	out := make([][]string, len(d.Sents))
	for i, s := range d.Sents {
		out[i] = s.Words
	}
	return out
}

type trainScorer struct {
	w []int32
}

func (t *trainScorer) score(feats []uint32, out *[NTags]float32) {
	var acc [NTags]int32
	for _, f := range feats {
		r := t.w[int(f)*NTags : int(f)*NTags+NTags]
		for k := range acc {
			acc[k] += r[k]
		}
	}
	for k := range out {
		out[k] = float32(acc[k])
	}
}

// Train trains an averaged perceptron on docs, greedy left to right with
// the predicted previous tags and prediction history (as at run time),
// and returns the averaged model after the last epoch.
func Train(docs []Doc, cfg TrainConfig) (*Model, error) {
	if !cfg.Stack {
		return train(docs, cfg, nil, nil)
	}
	if cfg.Folds < 2 {
		cfg.Folds = 5
	}
	firsts := make([][][]int, len(docs))
	rng := rand.New(rand.NewSource(cfg.Seed))
	fold := make([]int, len(docs))
	for i, p := range rng.Perm(len(docs)) {
		fold[p] = i % cfg.Folds
	}
	sub := cfg
	sub.Dev, sub.Log = nil, nil
	owns := docOwns(docs)
	for k := 0; k < cfg.Folds; k++ {
		var tr []Doc
		for i := range docs {
			if fold[i] != k {
				tr = append(tr, docs[i])
			}
		}
		start := time.Now()
		fm, err := train(tr, sub, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("train fold %d: %w", k+1, err)
		}
		w := new(Work)
		for i := range docs {
			if fold[i] == k {
				firsts[i] = fm.tagDoc(docWords(&docs[i]), fm, w, owns[i], nil, nil)
			}
		}
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "fold %d/%d: first stage trained on %d documents in %.1fs\n", k+1, cfg.Folds, len(tr), time.Since(start).Seconds())
		}
	}
	if cfg.Log != nil {
		fmt.Fprintln(cfg.Log, "first stage, all training documents:")
	}
	first, err := train(docs, cfg, nil, nil)
	if err != nil {
		return nil, err
	}
	if cfg.Log != nil {
		fmt.Fprintln(cfg.Log, "second stage:")
	}
	return train(docs, cfg, first, firsts)
}

// docOwns returns the gazetteer keys of each document's own entities.
func docOwns(docs []Doc) []map[uint64]uint32 {
	owns := make([]map[uint64]uint32, len(docs))
	for i := range docs {
		own := map[uint64]uint32{}
		for _, s := range docs[i].Sents {
			for _, sp := range s.Spans {
				own[GazKey(s.Words[sp.Start:sp.End])] |= 1 << uint(sp.Type)
			}
		}
		owns[i] = own
	}
	return owns
}

// train trains one model; with first set, a second stage whose training
// documents have the first-stage labels firsts.
func train(docs []Doc, cfg TrainConfig, first *Model, firsts [][][]int) (*Model, error) {
	if cfg.Seeds <= 1 {
		return train1(docs, cfg, first, firsts)
	}
	var sum *Model
	for k := 0; k < cfg.Seeds; k++ {
		sub := cfg
		sub.Seeds = 1
		sub.Seed = cfg.Seed + int64(k)*1000
		sub.Dev = nil
		m, err := train1(docs, sub, first, firsts)
		if err != nil {
			return nil, err
		}
		if sum == nil {
			sum = m
			continue
		}
		for i, x := range m.W {
			sum.W[i] += x
		}
	}
	for i := range sum.W {
		sum.W[i] /= float32(cfg.Seeds)
	}
	if len(cfg.Dev) > 0 && cfg.Log != nil {
		s := Evaluate(sum, cfg.Dev)
		fmt.Fprintf(cfg.Log, "average of %d seeds: dev %s\n", cfg.Seeds, s.String())
	}
	return sum, nil
}

func train1(docs []Doc, cfg TrainConfig, first *Model, firsts [][][]int) (*Model, error) {
	if cfg.Bits == 0 {
		cfg.Bits = 20
	}
	if cfg.Epochs <= 0 {
		return nil, fmt.Errorf("train: epochs must be positive")
	}
	n := (1 << cfg.Bits) * NTags
	m := &Model{Bits: cfg.Bits, Gaz: cfg.Gaz, Clusters: cfg.Clusters, Opts: cfg.Opts}
	var fdoc [][]int
	beam := m.Opts.Beam
	m.Opts.Beam = 0
	ts := &trainScorer{w: make([]int32, n)}
	u := make([]int64, n)
	c := int64(1)
	rng := rand.New(rand.NewSource(cfg.Seed))
	order := rng.Perm(len(docs))
	owns := docOwns(docs)
	golds := make([][][]int, len(docs))
	for i := range docs {
		golds[i] = make([][]int, len(docs[i].Sents))
		for si, s := range docs[i].Sents {
			golds[i][si] = SpansToTags(len(s.Words), s.Spans)
		}
	}
	w := new(Work)
	for ep := 1; ep <= cfg.Epochs; ep++ {
		start := time.Now()
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		errs, toks := 0, 0
		for _, di := range order {
			gold := golds[di]
			learn := func(si, i int, feats []uint32, pred int) {
				toks++
				g := gold[si][i]
				if pred != g {
					errs++
					for _, f := range feats {
						b := int(f) * NTags
						ts.w[b+g]++
						u[b+g] += c
						ts.w[b+pred]--
						u[b+pred] -= c
					}
				}
				c++
			}
			fdoc = nil
			if firsts != nil {
				fdoc = firsts[di]
			}
			m.tagDoc(docWords(&docs[di]), ts, w, owns[di], learn, fdoc)
		}
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "epoch %d: %d tokens, %d errors (%.2f%%), %.1fs", ep, toks, errs, 100*float64(errs)/float64(toks), time.Since(start).Seconds())
		}
		if len(cfg.Dev) > 0 || ep == cfg.Epochs {
			m.W = average(ts.w, u, c, m.W)
			if len(cfg.Dev) > 0 {
				m.Opts.Beam = beam
				m.First = first
				s := Evaluate(m, cfg.Dev)
				m.First = nil
				m.Opts.Beam = 0
				if cfg.Log != nil {
					fmt.Fprintf(cfg.Log, "; dev %s", s.String())
				}
			}
		}
		if cfg.Log != nil {
			fmt.Fprintln(cfg.Log)
		}
	}
	m.Opts.Beam = beam
	m.First = first
	return m, nil
}

func average(w []int32, u []int64, c int64, dst []float32) []float32 {
	if dst == nil {
		dst = make([]float32, len(w))
	}
	fc := float64(c)
	for i := range w {
		dst[i] = float32(float64(w[i]) - float64(u[i])/fc)
	}
	return dst
}
