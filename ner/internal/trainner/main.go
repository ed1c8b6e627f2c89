// Command trainner trains the named-entity tagger of package ner and
// writes its model (ner/models/ner.bin.gz).
//
// It trains an averaged perceptron (greedy, BILOU tags) on the CoNLL-2003
// training split (DATA/conll2003/train.txt), with gazetteer lists made of
// the training entities (jackknifed: a document's own entities are left
// out of the lists while it is trained on) and of the places and
// nationality words of package gazetteer (GeoNames), and with the Brown
// word clusters of ner/models/clusters.txt.gz when that file exists. The
// validation split (DATA/conll2003/valid.txt) is only scored after each
// epoch, to choose the number of epochs and the features.
//
// Usage, from the repository root:
//
//	go run ./ner/internal/trainner -data ../shared/data -out ner/models/ner.bin.gz
//
// The defaults (6 epochs, 4 seeds per stage, 5 folds, 2^20 rows, seed 1)
// build the shipped model; the same flags give the same file.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/storyline/storyline/gazetteer"
	"github.com/storyline/storyline/ner/internal/tagger"
)

func main() {
	data := flag.String("data", "../shared/data", "folder of the shared dev data (conll2003/ inside)")
	out := flag.String("out", "ner/models/ner.bin.gz", "model file to write (empty: do not write)")
	epochs := flag.Int("epochs", 6, "training epochs")
	seed := flag.Int64("seed", 1, "seed of the document order")
	bits := flag.Uint("bits", 20, "log2 of the number of hashed feature rows")
	beam := flag.Int("beam", 0, "beam width of the decoder (0 or 1: greedy)")
	clusters := flag.String("clusters", "ner/models/clusters.txt.gz", "Brown clusters (bitstring TAB word TAB count, gzip); skipped when absent")
	geo := flag.Bool("geo", true, "add the place and nationality lists of package gazetteer")
	minPop := flag.Int("min-pop", 15000, "smallest population of a city in the city lists")
	noClusters := flag.Bool("no-clusters", false, "ablation: no cluster features")
	noGaz := flag.Bool("no-gaz", false, "ablation: no gazetteer features")
	noDoc := flag.Bool("no-doc", false, "ablation: no document-context features")
	noHist := flag.Bool("no-history", false, "ablation: no prediction-history features")
	stack := flag.Bool("stack", true, "train a stacked tagger (a second stage sees the first stage's labels of each word in the document)")
	seeds := flag.Int("seeds", 4, "average the weights of this many models trained on different shuffles (per stage)")
	folds := flag.Int("folds", 5, "cross-validation folds giving the first-stage labels of the training documents")
	flag.Parse()
	log.SetFlags(0)
	start := time.Now()

	train, err := tagger.ReadCoNLL(filepath.Join(*data, "conll2003", "train.txt"))
	if err != nil {
		log.Fatal(err)
	}
	dev, err := tagger.ReadCoNLL(filepath.Join(*data, "conll2003", "valid.txt"))
	if err != nil {
		log.Fatal(err)
	}
	ntok := 0
	for i := range train {
		ntok += train[i].Tokens()
	}
	log.Printf("train: %d documents, %d tokens; valid: %d documents", len(train), ntok, len(dev))

	gz := buildGaz(train, *geo, *minPop)
	var cl map[string]string
	if *clusters != "" {
		cl, err = readClusters(*clusters)
		if err != nil && !os.IsNotExist(err) {
			log.Fatal(err)
		}
		if cl == nil {
			log.Printf("clusters: %s not found, training without", *clusters)
		} else {
			log.Printf("clusters: %d words from %s", len(cl), *clusters)
		}
	}
	cfg := tagger.TrainConfig{
		Bits: *bits, Epochs: *epochs, Seed: *seed, Gaz: gz, Clusters: cl, Dev: dev, Log: os.Stderr,
		Opts:  tagger.Options{NoClusters: *noClusters, NoGaz: *noGaz, NoDoc: *noDoc, NoHistory: *noHist, Beam: *beam},
		Stack: *stack, Folds: *folds, Seeds: *seeds,
	}
	if *noClusters {
		cfg.Clusters = nil
	}
	m, err := tagger.Train(train, cfg)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("trained in %s", time.Since(start).Round(time.Second))
	if *out == "" {
		return
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(fmt.Errorf("write model: %w", err))
	}
	log.Printf("wrote %s (%.1f MB)", *out, float64(buf.Len())/1e6)
	m2, err := tagger.Decode(buf.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range []int{0, 4} {
		m2.Opts.Beam = b
		s := tagger.Evaluate(m2, dev)
		log.Printf("valid (stored model, beam %d): %s", b, s.String())
	}
}

// List names of the gazetteer, in list order (0–3: training entities).
var listNames = []string{"train-PER", "train-ORG", "train-LOC", "train-MISC", "country", "region", "city-100k", "city", "demonym"}

func buildGaz(train []tagger.Doc, geo bool, minPop int) *tagger.Gaz {
	g := tagger.NewGaz(listNames)
	docs := map[string]map[int]int{}
	for _, d := range train {
		seen := map[string]bool{}
		for _, s := range d.Sents {
			for _, sp := range s.Spans {
				e := strings.Join(s.Words[sp.Start:sp.End], " ")
				k := fmt.Sprint(sp.Type, e)
				if seen[k] {
					continue
				}
				seen[k] = true
				if docs[e] == nil {
					docs[e] = map[int]int{}
				}
				docs[e][sp.Type]++
			}
		}
	}
	names := make([]string, 0, len(docs))
	for e := range docs {
		names = append(names, e)
	}
	sort.Strings(names)
	for _, e := range names {
		for t := range tagger.Types {
			if n := docs[e][t]; n > 0 {
				g.AddEntry(e, t, n)
			}
		}
	}
	counts := map[int]int{}
	if geo {
		gz, err := gazetteer.Default()
		if err != nil {
			log.Fatal(fmt.Errorf("gazetteer: %w", err))
		}
		gz.EachName(func(name, kind string, pop int) {
			toks := nameTokens(name)
			if toks == nil {
				return
			}
			l := -1
			switch kind {
			case gazetteer.KindCountry:
				l = 4
			case gazetteer.KindRegion:
				l = 5
			case gazetteer.KindCity:
				switch {
				case pop >= 100000:
					l = 6
				case pop >= minPop:
					l = 7
				}
			}
			if l >= 0 {
				g.Add(toks, l, 0)
				counts[l]++
			}
		})
		gz.EachDemonym(func(d, _ string) {
			if toks := nameTokens(d); toks != nil {
				g.Add(toks, 8, 0)
				counts[8]++
			}
		})
	}
	g.Finish()
	log.Printf("gazetteer: %d training entities; place names %v", len(docs), counts)
	return g
}

// nameTokens splits a place name as the tokenizer would (roughly):
// spaces, and commas and parentheses apart. Names with letters outside
// the Latin script are dropped.
func nameTokens(name string) []string {
	for _, r := range name {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return nil
		}
	}
	name = strings.NewReplacer(",", " , ", "(", " ( ", ")", " ) ").Replace(name)
	toks := strings.Fields(name)
	if len(toks) == 0 || len(toks) > tagger.MaxGazLen {
		return nil
	}
	return toks
}

func readClusters(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("clusters %s: %w", path, err)
	}
	m := map[string]string{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) >= 2 {
			m[parts[1]] = parts[0]
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("clusters %s: %w", path, err)
	}
	return m, nil
}
