// Command trainfurniture trains the site-furniture classifier of the
// plain-text cleaner and writes the model that package extract embeds.
//
//	go run ./extract/internal/trainfurniture -data ../shared/data -out extract/models/furniture.bin.gz
//
// It builds the training set from the readability test pages (furniture
// and content blocks, labelled by the gold text), the comparison set of the
// trafilatura benchmark that the go-trafilatura module ships (its pages'
// blocks labelled by the annotated snippets; the module is found with
// "go list -m", -comparison=false leaves it out) and the dev halves of the
// news corpora (content: the first half of gigaword-silver, ECB+ topics
// 1–10, tac2011), cross-validates by site and article to choose the
// decision thresholds, prints the held-out figures, trains on everything
// and writes the model with the thresholds. The output depends only on the
// data and the flags. -v adds a threshold curve and every held-out error;
// -baseline FILE also measures an existing model file (at its own
// thresholds) on the same documents, e.g. the embedded model before it is
// replaced.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline/extract"
	"github.com/storyline/storyline/extract/internal/furniture"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	out := flag.String("out", "extract/models/furniture.bin.gz", "where to write the model")
	folds := flag.Int("folds", 5, "cross-validation folds")
	copies := flag.Int("copies", 3, "random paragraph groupings of each readability page")
	comparison := flag.Bool("comparison", true, "train on the trafilatura comparison set too (go-trafilatura's test pages)")
	compCopies := flag.Int("comparison-copies", 2, "random paragraph groupings of each comparison page")
	compLists := flag.Bool("comparison-lists", true, "label furniture the other blocks of a list, nav, aside or footer around a furniture snippet of the comparison set")
	baseline := flag.String("baseline", "", "a model file to measure on the same documents")
	opt := furniture.DefaultOptions
	flag.Float64Var(&opt.ProseShare, "prose", opt.ProseShare, "share of the furniture weight given to prose paragraphs")
	flag.UintVar(&opt.Bits, "bits", opt.Bits, "feature hash bits")
	flag.IntVar(&opt.Epochs, "epochs", opt.Epochs, "training epochs")
	flag.Float64Var(&opt.Rate, "rate", opt.Rate, "AdaGrad learning rate")
	flag.Float64Var(&opt.L2, "l2", opt.L2, "L2 penalty")
	flag.Uint64Var(&opt.Seed, "seed", opt.Seed, "seed of the paragraph groupings, folds and shuffling")
	verbose := flag.Bool("v", false, "print a threshold curve and the held-out errors")
	flag.Parse()
	dopt := furniture.DataOptions{Seed: opt.Seed, Copies: *copies, ComparisonCopies: *compCopies, ExtendLists: *compLists, Residue: residue}
	if err := run(*data, *out, *folds, dopt, *comparison, *baseline, opt, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "trainfurniture:", err)
		os.Exit(1)
	}
}

// residue reports whether the cleaner's line rules cut a line, so that the
// classifier is trained on the paragraphs it will see. Alone, a line is
// never cut by the furniture rule (the last paragraph always stays), so
// whatever PlainText cuts of it is residue. Results are cached (the
// comparison set's pages repeat their sites' menus and footers); it is
// safe for concurrent use.
func residue(line string) bool {
	if v, ok := residueCache.Load(line); ok {
		return v.(bool)
	}
	r := extract.PlainText(line).Text != line
	residueCache.Store(line, r)
	return r
}

var residueCache sync.Map

// trafilaturaModule is the directory of the go-trafilatura module, whose
// test pages make the comparison set, as the go command finds it
// (downloading the module if it is not in the module cache yet).
func trafilaturaModule() (string, error) {
	const mod = "github.com/markusmobius/go-trafilatura"
	dir := func() (string, error) {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				return "", fmt.Errorf("go list -m %s: %w: %s", mod, err, strings.TrimSpace(string(ee.Stderr)))
			}
			return "", fmt.Errorf("go list -m %s: %w", mod, err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	d, err := dir()
	if err == nil && d == "" {
		if out, err := exec.Command("go", "mod", "download", mod).CombinedOutput(); err != nil {
			return "", fmt.Errorf("go mod download %s: %w: %s", mod, err, strings.TrimSpace(string(out)))
		}
		d, err = dir()
	}
	if err != nil {
		return "", err
	}
	if d == "" {
		return "", fmt.Errorf("module %s not found", mod)
	}
	return d, nil
}

func run(data, out string, folds int, dopt furniture.DataOptions, comparison bool, baseline string, opt furniture.TrainOptions, verbose bool) error {
	start := time.Now()
	docs, err := furniture.ReadabilityDocs(data, dopt)
	if err != nil {
		return fmt.Errorf("readability pages: %w", err)
	}
	news, err := furniture.NewsDocs(data, dopt)
	if err != nil {
		return fmt.Errorf("news corpora: %w", err)
	}
	docs = append(docs, news...)
	if comparison {
		dir, err := trafilaturaModule()
		if err != nil {
			return fmt.Errorf("comparison set: %w", err)
		}
		cmp, err := furniture.ComparisonDocs(dir, dopt)
		if err != nil {
			return fmt.Errorf("comparison set: %w", err)
		}
		fmt.Printf("comparison set: %d pages from %s\n", len(cmp)/max(dopt.ComparisonCopies, 1), dir)
		docs = append(docs, cmp...)
	}
	ds := furniture.NewDataset(docs)
	fmt.Printf("%d documents, %d paragraphs (%s)\n", len(docs), ds.Len(), time.Since(start).Round(time.Millisecond))

	probs := furniture.Probs(furniture.CrossValidate(ds, folds, opt))
	ev := furniture.ChooseThresholds(ds, probs, furniture.DefaultTargets)
	fmt.Printf("%d-fold cross-validation (by site and article):\n%s", folds, ev)
	er, mr, ne, nm := furniture.RegionRecall(ds, probs, ev.Edge, ev.Mid)
	fmt.Printf("readability furniture recall: %.3f of %d before the first or after the last content paragraph, %.3f of %d between\n", er, ne, mr, nm)
	er, mr, ne, nm = furniture.ProseRegionRecall(ds, probs, ev.Edge, ev.Mid)
	fmt.Printf("readability prose furniture recall: %.3f of %d at the edges, %.3f of %d between\n", er, ne, mr, nm)
	if baseline != "" {
		raw, err := os.ReadFile(baseline)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		bm, err := furniture.ReadModel(raw)
		if err != nil {
			return fmt.Errorf("baseline %s: %w", baseline, err)
		}
		bp := ds.Probs(bm)
		fmt.Printf("baseline %s on the same documents (held out only where it was not trained on them):\n%s", baseline, furniture.Evaluate(ds, bp, bm.Edge, bm.Mid))
	}
	if verbose {
		printCurve(ds, probs)
		for _, e := range furniture.Errors(ds, probs, ev.Edge, ev.Mid, true) {
			kind := "content removed"
			if e.Furniture {
				kind = "furniture kept"
			}
			fmt.Printf("%s\t%s\t%.3f\t%.160q\n", kind, e.Doc, e.Prob, e.Text)
		}
	}

	all := make([]int, len(docs))
	for i := range all {
		all[i] = i
	}
	m := furniture.Train(ds, all, opt)
	m.Edge, m.Mid = ev.Edge, ev.Mid
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Printf("wrote %s (%d bytes) in %s\n", out, buf.Len(), time.Since(start).Round(time.Millisecond))
	return nil
}

// printCurve prints recall and losses over a grid of thresholds.
func printCurve(ds *furniture.Dataset, probs []float32) {
	for _, e := range []float32{0.5, 0.6, 0.7, 0.8, 0.9, 0.95} {
		for _, m := range []float32{0.9, 0.95, 0.98, 0.99, 0.995, 0.999} {
			if m < e {
				continue
			}
			ev := furniture.Evaluate(ds, probs, e, m)
			r, n := ev.BySource[furniture.SourceReadability], ev.News()
			er, mr, ne, nm := furniture.RegionRecall(ds, probs, e, m)
			fmt.Printf("edge %.2f mid %.3f: readability P %.3f R %.3f F1 %.3f (edges %.3f of %d, middle %.3f of %d) content lost %.2f%% (words %.2f%%); news lost %.3f%% (%d)\n",
				e, m, r.Precision(), r.Recall(), r.F1(), er, ne, mr, nm, 100*r.ContentLoss(), 100*r.WordLoss(), 100*n.ContentLoss(), n.FP)
		}
	}
}
