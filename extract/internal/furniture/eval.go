package furniture

import (
	"fmt"
	"slices"
	"strings"
)

// Counts are the decisions on the paragraphs of one source.
type Counts struct {
	Furniture, Content int // gold paragraphs of each kind
	TP                 int // furniture removed
	FP                 int // content removed
	// Words of content paragraphs, and of those removed: a short label
	// lost weighs less than a paragraph of prose.
	ContentWords, FPWords int
	// Furniture paragraphs that are prose (sentences of several words:
	// a newsletter pitch, a cookie notice), and those removed.
	ProseFurniture, ProseTP int
}

// ProseRecall is the share of prose furniture paragraphs removed.
func (c Counts) ProseRecall() float64 { return div(c.ProseTP, c.ProseFurniture) }

// Precision is the share of removed paragraphs that are furniture.
func (c Counts) Precision() float64 { return div(c.TP, c.TP+c.FP) }

// Recall is the share of furniture paragraphs removed.
func (c Counts) Recall() float64 { return div(c.TP, c.Furniture) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ContentLoss is the share of content paragraphs removed.
func (c Counts) ContentLoss() float64 { return div(c.FP, c.Content) }

// WordLoss is the share of the words of content paragraphs removed.
func (c Counts) WordLoss() float64 { return div(c.FPWords, c.ContentWords) }

func (c *Counts) add(o Counts) {
	c.Furniture += o.Furniture
	c.Content += o.Content
	c.TP += o.TP
	c.FP += o.FP
	c.ContentWords += o.ContentWords
	c.FPWords += o.FPWords
	c.ProseFurniture += o.ProseFurniture
	c.ProseTP += o.ProseTP
}

func div(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluation is the result of the decision rule on every source.
type Evaluation struct {
	Edge, Mid float32
	BySource  map[string]Counts
}

// All sums the counts of every source.
func (e Evaluation) All() Counts {
	var c Counts
	for _, s := range e.BySource {
		c.add(s)
	}
	return c
}

// IsPages reports whether a source is of web pages (with furniture), not
// of news text.
func IsPages(src string) bool { return src == SourceReadability || src == SourceComparison }

// News sums the counts of the news sources (all but the web pages).
func (e Evaluation) News() Counts {
	var c Counts
	for src, s := range e.BySource {
		if !IsPages(src) {
			c.add(s)
		}
	}
	return c
}

// String is a report of the evaluation, one line per source.
func (e Evaluation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "thresholds: edge %.3f, middle %.3f\n", e.Edge, e.Mid)
	srcs := make([]string, 0, len(e.BySource))
	for s := range e.BySource {
		srcs = append(srcs, s)
	}
	slices.Sort(srcs)
	for _, s := range srcs {
		c := e.BySource[s]
		if c.Furniture > 0 {
			fmt.Fprintf(&b, "%-12s furniture %5d: P %.3f R %.3f F1 %.3f (prose: %d, R %.3f); content %5d, removed %d (%.2f%%, %.2f%% of its words)\n",
				s, c.Furniture, c.Precision(), c.Recall(), c.F1(), c.ProseFurniture, c.ProseRecall(), c.Content, c.FP, 100*c.ContentLoss(), 100*c.WordLoss())
		} else {
			fmt.Fprintf(&b, "%-12s content %5d, removed %d (%.2f%%)\n", s, c.Content, c.FP, 100*c.ContentLoss())
		}
	}
	return b.String()
}

// mark applies Mark to document d with the probabilities probs.
func (ds *Dataset) mark(probs []float32, d int, edge, mid float32, marked []bool) []bool {
	lo, hi := ds.first[d], ds.first[d+1]
	p := probs[lo:hi]
	return Mark(func(k int) float32 { return p[k] }, ds.kinds[lo:hi], edge, mid, marked)
}

// Evaluate applies the decision rule with the thresholds to the
// probabilities of every document's paragraphs and counts the results.
func Evaluate(ds *Dataset, probs []float32, edge, mid float32) Evaluation {
	ev := Evaluation{Edge: edge, Mid: mid, BySource: map[string]Counts{}}
	var marked []bool
	for d, doc := range ds.Docs {
		lo := ds.first[d]
		marked = ds.mark(probs, d, edge, mid, marked)
		c := ev.BySource[doc.Source]
		for k, m := range marked {
			if ds.ctx[lo+k] {
				continue
			}
			if ds.y[lo+k] {
				c.Furniture++
				if m {
					c.TP++
				}
				if ds.prose[lo+k] {
					c.ProseFurniture++
					if m {
						c.ProseTP++
					}
				}
			} else {
				c.Content++
				c.ContentWords += int(ds.words[lo+k])
				if m {
					c.FP++
					c.FPWords += int(ds.words[lo+k])
				}
			}
		}
		ev.BySource[doc.Source] = c
	}
	return ev
}

// Targets are the limits within which thresholds are chosen.
type Targets struct {
	// MaxNewsLoss bounds the share of news paragraphs removed (every
	// news source and their sum). MaxPageWordLoss bounds the share of the
	// words of the web pages' content paragraphs removed (readability,
	// and the comparison set apart): words,
	// not paragraphs, because the gold text of these pages keeps many
	// one-word labels ("Photo", "Share") that are furniture in truth.
	MaxNewsLoss, MaxPageWordLoss float64
}

// DefaultTargets keep real news paragraphs wrongly removed well under
// 0.5% on held-out data.
var DefaultTargets = Targets{MaxNewsLoss: 0.001, MaxPageWordLoss: 0.01}

// ChooseThresholds searches the edge and middle thresholds (middle ≥
// edge, steps of 0.01) that give the best F1 of readability furniture
// within the targets, the stricter pair winning ties.
func ChooseThresholds(ds *Dataset, probs []float32, t Targets) Evaluation {
	var best Evaluation
	bestF1 := -1.0
	for e := 50; e <= 99; e++ {
		edge := float32(e) / 100
		for m := e; m <= 100; m++ {
			mid := float32(m) / 100
			if m == 100 {
				mid = 0.999
			}
			ev := Evaluate(ds, probs, edge, mid)
			if !ev.within(t) {
				continue
			}
			if f := ev.BySource[SourceReadability].F1(); f >= bestF1 {
				best, bestF1 = ev, f
			}
		}
	}
	if bestF1 < 0 {
		return Evaluate(ds, probs, 1, 1)
	}
	return best
}

func (e Evaluation) within(t Targets) bool {
	for src, c := range e.BySource {
		if IsPages(src) {
			if c.WordLoss() > t.MaxPageWordLoss {
				return false
			}
		} else if c.ContentLoss() > t.MaxNewsLoss {
			return false
		}
	}
	return e.News().ContentLoss() <= t.MaxNewsLoss
}

// Decision is one paragraph's gold label and the decision on it.
type Decision struct {
	Doc       string
	Text      string
	Prob      float32
	Furniture bool // gold
	Removed   bool
}

// Errors lists the paragraphs the decision rule gets wrong: content
// removed, and (when misses is set) furniture kept.
func Errors(ds *Dataset, probs []float32, edge, mid float32, misses bool) []Decision {
	var out []Decision
	var marked []bool
	for d, doc := range ds.Docs {
		lo := ds.first[d]
		marked = ds.mark(probs, d, edge, mid, marked)
		for k, m := range marked {
			if y := ds.y[lo+k]; !ds.ctx[lo+k] && m != y && (m || misses) {
				out = append(out, Decision{Doc: doc.ID, Text: doc.Paras[k].Text, Prob: probs[lo+k], Furniture: y, Removed: m})
			}
		}
	}
	return out
}

// RegionRecall splits the readability furniture into what lies before the
// first or after the last content paragraph (the edges) and what lies
// between content (the middle), and returns the recall of each.
func RegionRecall(ds *Dataset, probs []float32, edge, mid float32) (edgeR, midR float64, nEdge, nMid int) {
	return regionRecall(ds, probs, edge, mid, false)
}

// ProseRegionRecall is RegionRecall of the readability furniture that is
// prose.
func ProseRegionRecall(ds *Dataset, probs []float32, edge, mid float32) (edgeR, midR float64, nEdge, nMid int) {
	return regionRecall(ds, probs, edge, mid, true)
}

func regionRecall(ds *Dataset, probs []float32, edge, mid float32, prose bool) (edgeR, midR float64, nEdge, nMid int) {
	var marked []bool
	var te, tm int
	for d, doc := range ds.Docs {
		if doc.Source != SourceReadability {
			continue
		}
		lo, hi := ds.first[d], ds.first[d+1]
		marked = ds.mark(probs, d, edge, mid, marked)
		first, last := -1, -1
		for k := lo; k < hi; k++ {
			if !ds.y[k] && !ds.ctx[k] {
				if first < 0 {
					first = k - lo
				}
				last = k - lo
			}
		}
		for k, m := range marked {
			if !ds.y[lo+k] || ds.ctx[lo+k] || (prose && !ds.prose[lo+k]) {
				continue
			}
			if k < first || k > last {
				nEdge++
				if m {
					te++
				}
			} else {
				nMid++
				if m {
					tm++
				}
			}
		}
	}
	return div(te, nEdge), div(tm, nMid), nEdge, nMid
}

// Probs turns first-stage scores (log-odds) into probabilities.
func Probs(z []float32) []float32 {
	p := make([]float32, len(z))
	for i, v := range z {
		p[i] = sigmoid(v)
	}
	return p
}
