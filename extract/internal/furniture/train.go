package furniture

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Dataset is the featurised paragraphs of a set of documents.
type Dataset struct {
	Docs  []Doc
	feats []Feature
	offs  []int // example i has feats[offs[i]:offs[i+1]]
	y     []bool
	ctx   []bool  // unlabelled context: scored, never trained on or counted
	prose []bool  // the paragraph ends a sentence of several words
	words []int32 // words of the paragraph (about: see countWords)
	kinds []uint8 // kind bits (see Mark)
	first []int   // first example of document d; first[len(Docs)] = end
}

// NewDataset featurises every paragraph of docs in its document's context.
func NewDataset(docs []Doc) *Dataset {
	ds := &Dataset{Docs: docs, offs: []int{0}}
	var sc Scratch
	var texts []string
	for _, doc := range docs {
		ds.first = append(ds.first, len(ds.y))
		texts = texts[:0]
		for _, p := range doc.Paras {
			texts = append(texts, p.Text)
		}
		sc.Load(texts)
		for i, p := range doc.Paras {
			ds.feats = append(ds.feats, sc.Features(i)...)
			ds.offs = append(ds.offs, len(ds.feats))
			ds.y = append(ds.y, p.Furniture)
			ds.ctx = append(ds.ctx, p.Context)
			sh := &sc.shapes[i]
			ds.prose = append(ds.prose, sh.flags&fEndsSentence != 0 && sh.words >= proseMinWords)
			ds.words = append(ds.words, int32(sh.words))
			ds.kinds = append(ds.kinds, sc.Kind(i))
		}
	}
	ds.first = append(ds.first, len(ds.y))
	return ds
}

// Probs returns the probability that each paragraph is furniture by the
// model m (trained elsewhere: for a held-out measure of a given model).
func (ds *Dataset) Probs(m *Model) []float32 {
	p := make([]float32, ds.Len())
	for i := range p {
		p[i] = m.Prob(ds.features(i))
	}
	return p
}

// Len is the number of examples (paragraphs).
func (ds *Dataset) Len() int { return len(ds.y) }

func (ds *Dataset) features(i int) []Feature { return ds.feats[ds.offs[i]:ds.offs[i+1]] }

// proseMinWords is the length from which a paragraph that ends a
// sentence counts as prose for the weighting of furniture examples.
const proseMinWords = 6

// TrainOptions are the hyper-parameters of training.
type TrainOptions struct {
	// ProseShare is the share of the furniture examples' total weight
	// given to the prose ones (a paragraph of sentences: a newsletter
	// pitch, a cookie notice), which are few beside the menus and link
	// lists of a page. 0 keeps the natural share (about 13% with the
	// comparison set). With the comparison set and Rate 0.1,
	// cross-validation (mean of 6 fold seeds) put 0.2 at about the F1 of
	// readability furniture of the natural share with more of the prose
	// furniture removed; 0.3 and more cost F1.
	ProseShare float64
	Bits       uint    // feature hash bits (the model has 1<<Bits weights)
	Epochs     int     // passes over the data
	Rate       float64 // AdaGrad learning rate
	L2         float64 // L2 penalty per update
	Seed       uint64  // shuffling seed
}

// DefaultOptions are the options the committed model was trained with
// (Rate 0.1 rather than 0.2: higher F1 by cross-validation).
var DefaultOptions = TrainOptions{ProseShare: 0.2, Bits: 17, Epochs: 8, Rate: 0.1, L2: 1e-6, Seed: 1}

// Train fits a logistic regression on the documents docs (indices into
// ds.Docs) with AdaGrad, both classes weighted to the same total and the
// furniture split between prose and the rest by opt.ProseShare. The
// result depends only on the data and the options.
func Train(ds *Dataset, docs []int, opt TrainOptions) *Model {
	var ex []int
	var neg, prose, other int
	for _, d := range docs {
		for i := ds.first[d]; i < ds.first[d+1]; i++ {
			if ds.ctx[i] {
				continue
			}
			ex = append(ex, i)
			switch {
			case !ds.y[i]:
				neg++
			case ds.prose[i]:
				prose++
			default:
				other++
			}
		}
	}
	m := NewModel(opt.Bits)
	if len(ex) == 0 {
		return m
	}
	// weights of content, prose furniture and other furniture
	n := float64(len(ex))
	wNeg, wProse, wOther := 1.0, 1.0, 1.0
	if neg > 0 && prose+other > 0 {
		wNeg = n / (2 * float64(neg))
		share := opt.ProseShare
		if share <= 0 || prose == 0 || other == 0 { // the natural share
			share = float64(prose) / float64(prose+other)
		}
		if prose > 0 {
			wProse = n / 2 * share / float64(prose)
		}
		if other > 0 {
			wOther = n / 2 * (1 - share) / float64(other)
		}
	}
	g2 := make([]float32, len(m.W))
	var b2 float64
	mask := uint32(len(m.W) - 1)
	rng := rand.New(rand.NewPCG(opt.Seed, 0xf0))
	order := slices.Clone(ex)
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			fs := ds.features(i)
			p := float64(m.Prob(fs))
			y, w := 0.0, wNeg
			switch {
			case ds.y[i] && ds.prose[i]:
				y, w = 1, wProse
			case ds.y[i]:
				y, w = 1, wOther
			}
			g := (p - y) * w
			b2 += g * g
			m.Bias -= float32(opt.Rate * g / (math.Sqrt(b2) + 1e-8))
			for _, f := range fs {
				k := f.Hash & mask
				gi := g*float64(f.Val) + opt.L2*float64(m.W[k])
				g2[k] += float32(gi * gi)
				m.W[k] -= float32(opt.Rate * gi / (math.Sqrt(float64(g2[k])) + 1e-8))
			}
		}
	}
	return m
}

// CrossValidate trains the first stage on all folds but one, in turn, and
// returns the out-of-fold score (log-odds) of every example. Documents of one group go to
// one fold; readability pages and news articles are dealt out to the folds
// separately, so that every fold holds both.
func CrossValidate(ds *Dataset, folds int, opt TrainOptions) []float32 {
	fold := Folds(ds.Docs, folds, opt.Seed)
	probs := make([]float32, ds.Len())
	for k := range folds {
		var train, test []int
		for d := range ds.Docs {
			if fold[d] == k {
				test = append(test, d)
			} else {
				train = append(train, d)
			}
		}
		m := Train(ds, train, opt)
		for _, d := range test {
			for i := ds.first[d]; i < ds.first[d+1]; i++ {
				probs[i] = m.Margin(ds.features(i))
			}
		}
	}
	return probs
}

// Folds assigns every document a fold in [0, folds): groups are shuffled
// with the seed and dealt out in turn, readability pages, news and the
// comparison set's pages apart.
func Folds(docs []Doc, folds int, seed uint64) []int {
	groupFold := map[string]int{}
	kind := func(src string) int {
		switch src {
		case SourceReadability:
			return 0
		case SourceComparison:
			return 2
		}
		return 1
	}
	for k := range 3 {
		var groups []string
		seen := map[string]bool{}
		for _, d := range docs {
			if g := d.Source + "/" + d.Group; kind(d.Source) == k && !seen[g] {
				seen[g] = true
				groups = append(groups, g)
			}
		}
		slices.Sort(groups)
		rng := rand.New(rand.NewPCG(seed, 0xf01d))
		rng.Shuffle(len(groups), func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })
		for i, g := range groups {
			groupFold[g] = i % folds
		}
	}
	out := make([]int, len(docs))
	for i, d := range docs {
		out[i] = groupFold[d.Source+"/"+d.Group]
	}
	return out
}
