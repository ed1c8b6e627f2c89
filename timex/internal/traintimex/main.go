// Command traintimex fits the statistical decisions of the time tagger
// (package timex/internal/learn) on the tuning part of TempEval-3 train
// and writes timex/models/model.json.
//
//	go run ./timex/internal/traintimex -data ../shared/data -out timex/models/model.json
//
// Only the tuning part (4 documents of 5, eval.TimexSplit) is read: the
// held-out part and MEANTIME stay for reporting. The options (L2 penalty,
// decision cuts, which models) are chosen by 5-fold cross-validation over
// the tuning documents, on TempEval-3 value F1; every variant's
// cross-validated score is printed.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/eval"
	"github.com/storyline/storyline/timex"
	"github.com/storyline/storyline/timex/internal/learn"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder (with tempeval3-train)")
	out := flag.String("out", "timex/models/model.json", "where to write the models (\"\": do not write)")
	folds := flag.Int("folds", 5, "cross-validation folds over the tuning documents")
	minCount := flag.Int("min-count", 2, "drop features seen fewer times")
	flag.Parse()
	if err := run(*data, *out, *folds, *minCount); err != nil {
		fmt.Fprintln(os.Stderr, "traintimex:", err)
		os.Exit(1)
	}
}

// labelled are one document's decisions with their gold labels.
type labelled struct {
	keep, future []learn.Sample
}

func run(data, out string, folds, minCount int) error {
	docs, err := eval.LoadTimexDocs(filepath.Join(data, "tempeval3-train", "timex.jsonl"))
	if err != nil {
		return err
	}
	tune, _ := eval.TimexSplit(docs)
	learn.Use(nil) // features as the rules alone see them
	lab := make([]labelled, len(tune))
	for i, d := range tune {
		lab[i] = label(d)
	}
	learn.Reset()
	nk, nf, pk, pf := 0, 0, 0, 0
	for _, l := range lab {
		nk += len(l.keep)
		nf += len(l.future)
		for _, s := range l.keep {
			if s.Y {
				pk++
			}
		}
		for _, s := range l.future {
			if s.Y {
				pf++
			}
		}
	}
	fmt.Printf("tuning part: %d docs; keep decisions %d (%d gold), future decisions %d (%d future)\n", len(tune), nk, pk, nf, pf)
	if os.Getenv("TT_DIAG") != "" {
		diag(lab, folds, minCount)
		return nil
	}

	type variant struct {
		name           string
		keep, future   bool
		l2, kcut, fcut float64
	}
	variants := []variant{{name: "rules only"}}
	for _, l2 := range []float64{1, 3, 10, 30} {
		variants = append(variants, variant{name: "future", future: true, l2: l2, fcut: 0.5})
		for _, kc := range []float64{0.3, 0.4, 0.5} {
			variants = append(variants, variant{name: "keep", keep: true, l2: l2, kcut: kc})
			variants = append(variants, variant{name: "keep+future", keep: true, future: true, l2: l2, kcut: kc, fcut: 0.5})
		}
	}
	fold := map[string]int{}
	for i, d := range tune {
		fold[d.Text] = i % folds
	}
	best, bestF := variants[0], -1.0
	fmt.Println("variant\tL2\tkeep cut\tCV relaxed F1\tCV value F1\tpred")
	for _, v := range variants {
		perFold := make([]*learn.Models, folds)
		for f := range folds {
			var ks, fs []learn.Sample
			for i, l := range lab {
				if i%folds != f {
					ks = append(ks, l.keep...)
					fs = append(fs, l.future...)
				}
			}
			m, err := fit(ks, fs, v.keep, v.future, v.l2, v.kcut, v.fcut, minCount)
			if err != nil {
				return err
			}
			perFold[f] = m
		}
		tag := func(text, published string) []storyline.Timex {
			learn.Use(perFold[fold[text]])
			return timex.Tag(text, published)
		}
		s := eval.ScoreTimex("cv", tune, tag, false)
		learn.Reset()
		fmt.Printf("%s\t%g\t%g\t%.4f\t%.4f\t%d\n", v.name, v.l2, v.kcut, s.Relaxed.F1, s.Value.F1, s.Predicted)
		if s.Value.F1 > bestF+1e-9 {
			best, bestF = v, s.Value.F1
		}
	}
	if os.Getenv("TT_FORCE") != "" {
		fmt.Sscanf(os.Getenv("TT_FORCE"), "%t %t %g %g", &best.keep, &best.future, &best.l2, &best.kcut)
		best.fcut = 0.5
		best.name = "forced"
	}
	fmt.Printf("chosen: %s L2 %g keep cut %g (CV value F1 %.4f)\n", best.name, best.l2, best.kcut, bestF)
	var ks, fs []learn.Sample
	for _, l := range lab {
		ks = append(ks, l.keep...)
		fs = append(fs, l.future...)
	}
	m, err := fit(ks, fs, best.keep, best.future, best.l2, best.kcut, best.fcut, minCount)
	if err != nil {
		return err
	}
	m.Note = fmt.Sprintf("traintimex: TempEval-3 train tuning part (%d docs), %s, L2 %g, keep cut %g, future cut %g, min count %d; %d-fold CV value F1 %.4f",
		len(tune), best.name, best.l2, best.kcut, best.fcut, minCount, folds, bestF)
	if out == "" {
		return nil
	}
	b, err := m.Encode()
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write models: %w", err)
	}
	fmt.Println("wrote", out)
	return nil
}

func fit(ks, fs []learn.Sample, keep, future bool, l2, kcut, fcut float64, minCount int) (*learn.Models, error) {
	m := &learn.Models{}
	var err error
	if keep {
		if m.Keep, err = learn.Fit(ks, l2, minCount, kcut); err != nil {
			return nil, fmt.Errorf("keep model: %w", err)
		}
	}
	if future {
		if m.Future, err = learn.Fit(fs, l2, minCount, fcut); err != nil {
			return nil, fmt.Errorf("future model: %w", err)
		}
	}
	return m, nil
}

// label tags d with the decisions traced and labels them from its gold
// expressions: a kept expression is right when it overlaps a gold one; a
// past/future choice when exactly one reading is the gold value's date.
func label(d eval.TimexDoc) labelled {
	var recs []learn.Record
	learn.SetTrace(func(r learn.Record) { recs = append(recs, r) })
	timex.Tag(d.Text, d.Published)
	learn.SetTrace(nil)
	var l labelled
	seen := map[[3]int]bool{}
	for _, r := range recs {
		k := [3]int{r.Start, r.End, len(r.Kind)}
		if seen[k] {
			continue
		}
		seen[k] = true
		g := overlapping(d.Timexes, r.Start, r.End)
		switch r.Kind {
		case learn.KindKeep:
			l.keep = append(l.keep, learn.Sample{Features: r.Features, Y: g != nil})
		case learn.KindFuture:
			if g == nil {
				continue
			}
			p, f := strings.HasPrefix(g.Value, r.Past), strings.HasPrefix(g.Value, r.Future)
			if p != f {
				l.future = append(l.future, learn.Sample{Features: r.Features, Y: f})
			}
		}
	}
	return l
}

func overlapping(gold []storyline.Timex, s, e int) *storyline.Timex {
	for i, g := range gold {
		if g.Start < e && s < g.End {
			return &gold[i]
		}
	}
	return nil
}

func diag(lab []labelled, folds, minCount int) {
	for _, l2 := range []float64{0.3, 1, 3, 10} {
		var probs []float64
		var ys []bool
		for f := range folds {
			var tr []learn.Sample
			for i, l := range lab {
				if i%folds != f {
					tr = append(tr, l.keep...)
				}
			}
			m, _ := learn.Fit(tr, l2, minCount, 0.5)
			for i, l := range lab {
				if i%folds == f {
					for _, s := range l.keep {
						probs = append(probs, m.Predict(s.Features))
						ys = append(ys, s.Y)
					}
				}
			}
		}
		for _, cut := range []float64{0.3, 0.5, 0.7, 0.8, 0.9} {
			neg, pos := 0, 0
			for i, p := range probs {
				if p < cut {
					if ys[i] {
						pos++
					} else {
						neg++
					}
				}
			}
			fmt.Printf("keep l2 %g cut %g: drops %d spurious, %d gold-overlapping\n", l2, cut, neg, pos)
		}
	}
	for _, prefixes := range [][]string{nil, {"k=", "rule=", "krule=", "kgap=", "L=", "R=", "Ld=", "Rd=", "spast", "sfut", "quoted", "init", "first", "modal="}, {"rule=", "krule="}, {"rule=", "krule=", "kgap="}, {"rule=", "krule=", "kgap=", "L=", "R=", "Lw=", "Rw="}} {
		for _, l2 := range []float64{0.3, 1, 3, 10, 30} {
			right, ruleRight, n := 0, 0, 0
			for f := range folds {
				var tr []learn.Sample
				for i, l := range lab {
					if i%folds != f {
						tr = append(tr, filter(l.future, prefixes)...)
					}
				}
				m, _ := learn.Fit(tr, l2, minCount, 0.5)
				for i, l := range lab {
					if i%folds != f {
						continue
					}
					for _, s := range filter(l.future, prefixes) {
						n++
						if (m.Predict(s.Features) >= 0.5) == s.Y {
							right++
						}
						for _, x := range s.Features {
							if x == "rule=fut" && s.Y || x == "rule=past" && !s.Y {
								ruleRight++
							}
						}
					}
				}
			}
			fmt.Printf("future %v l2 %g: model %d/%d rule %d\n", prefixes, l2, right, n, ruleRight)
		}
	}
}

func filter(ss []learn.Sample, prefixes []string) []learn.Sample {
	if prefixes == nil {
		return ss
	}
	out := make([]learn.Sample, len(ss))
	for i, s := range ss {
		out[i].Y = s.Y
		for _, f := range s.Features {
			for _, p := range prefixes {
				if strings.HasPrefix(f, p) {
					out[i].Features = append(out[i].Features, f)
					break
				}
			}
		}
	}
	return out
}
