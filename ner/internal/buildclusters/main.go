// Command buildclusters builds the Brown word clusters used as features by
// the named-entity tagger (package ner): it reads unlabelled news text,
// tokenises it with Tokenize, runs brown.Cluster and writes the clusters
// as gzip text lines "bitstring<TAB>word<TAB>count" (Liang's paths format).
//
// Usage:
//
//	go run ./ner/internal/buildclusters -data ../shared/data \
//	    -html "$(go list -m -f '{{.Dir}}' github.com/markusmobius/go-trafilatura)/test-files" \
//	    -out ner/models/clusters.txt.gz -c 500 -min-count 3
//
// Sources read under -data: gigaword-silver/articles.jsonl,
// conll2003/train.txt (tokens of the first column, already tokenised),
// ecbplus-dev/articles.jsonl, tac2011/articles.jsonl and readability/*.html.
// Every *.html file under the -html directories is also read. HTML pages are
// reduced to their main text with go-trafilatura; pages and paragraphs that
// do not look English are skipped. Evaluation sets (conll2003/valid.txt,
// meantime) are never read. Paragraphs are deduplicated across sources, and
// each paragraph (or CoNLL sentence) is one bigram context. Words are
// clustered with their case as written.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/markusmobius/go-trafilatura"
	"github.com/storyline/storyline/ner/internal/brown"
)

func main() {
	data := flag.String("data", "../shared/data", "folder of the dev data (see its README.md)")
	htmlDirs := flag.String("html", "", "comma-separated extra folders of HTML news pages (e.g. go-trafilatura's test-files)")
	out := flag.String("out", "ner/models/clusters.txt.gz", "output paths file (gzip)")
	c := flag.Int("c", 500, "number of clusters")
	minCount := flag.Int("min-count", 3, "minimum word count")
	dump := flag.String("dump", "", "if set, also write the tokenised corpus (one context per line) to this file")
	flag.Parse()
	log.SetFlags(0)
	runtime.GOMAXPROCS(1)
	if err := run(*data, *htmlDirs, *out, *dump, *c, *minCount); err != nil {
		log.Fatal(err)
	}
}

// builder collects the token stream and per-source statistics.
type builder struct {
	corpus *brown.Corpus
	seen   map[uint64]bool
	stats  map[string]*stat
	order  []string
	dump   *bufio.Writer
}

type stat struct{ docs, paras, dups, tokens int }

func (b *builder) source(name string) *stat {
	s, ok := b.stats[name]
	if !ok {
		s = &stat{}
		b.stats[name] = s
		b.order = append(b.order, name)
	}
	return s
}

// add adds one bigram context (a paragraph) unless it was seen before.
func (b *builder) add(src *stat, toks []string) {
	if len(toks) == 0 {
		return
	}
	h := fnv.New64a()
	for _, t := range toks {
		h.Write([]byte(t))
		h.Write([]byte{0})
	}
	k := h.Sum64()
	if b.seen[k] {
		src.dups++
		return
	}
	b.seen[k] = true
	src.paras++
	src.tokens += len(toks)
	b.corpus.AddSentence(toks)
	if b.dump != nil {
		b.dump.WriteString(strings.Join(toks, " "))
		b.dump.WriteByte('\n')
	}
}

func run(data, htmlDirs, out, dump string, c, minCount int) error {
	start := time.Now()
	b := &builder{corpus: brown.NewCorpus(), seen: map[uint64]bool{}, stats: map[string]*stat{}}
	if dump != "" {
		f, err := os.Create(dump)
		if err != nil {
			return fmt.Errorf("buildclusters %s: %w", dump, err)
		}
		defer f.Close()
		b.dump = bufio.NewWriter(f)
		defer b.dump.Flush()
	}
	if err := b.readArticles(filepath.Join(data, "gigaword-silver", "articles.jsonl"), "gigaword-silver", "\n\n"); err != nil {
		return err
	}
	if err := b.readCoNLL(filepath.Join(data, "conll2003", "train.txt")); err != nil {
		return err
	}
	if err := b.readArticles(filepath.Join(data, "ecbplus-dev", "articles.jsonl"), "ecbplus-dev", "\n"); err != nil {
		return err
	}
	if err := b.readArticles(filepath.Join(data, "tac2011", "articles.jsonl"), "tac2011", "\n"); err != nil {
		return err
	}
	if err := b.readHTMLDir(filepath.Join(data, "readability"), "readability"); err != nil {
		return err
	}
	if htmlDirs != "" {
		for _, d := range strings.Split(htmlDirs, ",") {
			if err := b.readHTMLDir(d, "html:"+filepath.Base(filepath.Dir(d))+"/"+filepath.Base(d)); err != nil {
				return err
			}
		}
	}
	for _, name := range b.order {
		s := b.stats[name]
		log.Printf("source %-40s docs %5d  paragraphs %6d  duplicates %5d  tokens %8d", name, s.docs, s.paras, s.dups, s.tokens)
	}
	log.Printf("corpus: %d tokens, %d types (read in %v)", b.corpus.Tokens(), b.corpus.Types(), time.Since(start).Round(time.Millisecond))

	t0 := time.Now()
	res, err := brown.Cluster(b.corpus, brown.Options{
		C: c, MinCount: minCount, ProgressEvery: 2000,
		Progress: func(p brown.Progress) {
			log.Printf("%s %d/%d %v", p.Phase, p.Done, p.Total, p.Elapsed.Round(time.Second))
		},
	})
	if err != nil {
		return fmt.Errorf("buildclusters: %w", err)
	}
	log.Printf("clustered %d words (min count %d) into %d clusters in %v, AMI %.4f nats",
		res.Vocabulary, minCount, res.Clusters, time.Since(t0).Round(time.Second), res.AMI)

	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err := brown.WritePaths(zw, res.Words); err != nil {
		return fmt.Errorf("buildclusters %s: %w", out, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("buildclusters %s: %w", out, err)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("buildclusters %s: %w", out, err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("buildclusters %s: %w", out, err)
	}
	log.Printf("wrote %s (%d bytes)", out, buf.Len())
	return nil
}

// readArticles reads an articles.jsonl file; title and text are split into
// paragraphs at sep.
func (b *builder) readArticles(path, name, sep string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("buildclusters %s: %w", path, err)
	}
	defer f.Close()
	src := b.source(name)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var a struct{ Title, Text, URL string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("buildclusters %s: %w", path, err)
		}
		src.docs++
		if a.Title != "" {
			b.add(src, Tokenize(a.Title))
		}
		for _, p := range strings.Split(a.Text, sep) {
			p = strings.TrimSpace(p)
			if p == "" || p == a.URL || strings.HasPrefix(p, "http") && !strings.Contains(p, " ") {
				continue
			}
			b.add(src, Tokenize(p))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("buildclusters %s: %w", path, err)
	}
	return nil
}

// readCoNLL reads the tokens (first column) of a CoNLL-2003 file, one
// context per sentence.
func (b *builder) readCoNLL(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("buildclusters %s: %w", path, err)
	}
	defer f.Close()
	src := b.source("conll2003-train")
	sc := bufio.NewScanner(f)
	var sent []string
	flush := func() {
		if len(sent) > 0 {
			b.add(src, sent)
			sent = nil
		}
	}
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flush()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			src.docs++
			continue
		}
		sent = append(sent, fields[0])
	}
	flush()
	if err := sc.Err(); err != nil {
		return fmt.Errorf("buildclusters %s: %w", path, err)
	}
	return nil
}

// readHTMLDir extracts the main text of every *.html file under dir.
func (b *builder) readHTMLDir(dir, name string) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".html") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("buildclusters %s: %w", dir, err)
	}
	sort.Strings(files)
	src := b.source(name)
	skipped := 0
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("buildclusters %s: %w", p, err)
		}
		res, err := trafilatura.Extract(bytes.NewReader(raw), trafilatura.Options{ExcludeComments: true})
		if err != nil || res == nil {
			skipped++
			continue
		}
		var paras [][]string
		n, en := 0, 0
		for _, para := range strings.Split(res.Metadata.Title+"\n"+res.ContentText, "\n") {
			toks := Tokenize(para)
			if len(toks) == 0 {
				continue
			}
			e := englishWords(toks)
			// Drop foreign or non-prose paragraphs (menus, captions).
			if len(toks) >= 6 && float64(e) < 0.1*float64(len(toks)) {
				continue
			}
			n += len(toks)
			en += e
			paras = append(paras, toks)
		}
		if n < 50 || float64(en) < 0.2*float64(n) {
			skipped++
			continue
		}
		src.docs++
		for _, toks := range paras {
			b.add(src, toks)
		}
	}
	log.Printf("%s: %d pages, %d used, %d skipped (not English or no text)", dir, len(files), src.docs, skipped)
	return nil
}

var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the of and to a in is that for on with was as it by at
		from he she his her be are were has have had not this which or an but they their
		said will would who its been also after more than when one about there i you we`) {
		stopwords[w] = true
	}
}

// englishWords counts the tokens that are common English function words.
func englishWords(toks []string) int {
	n := 0
	for _, t := range toks {
		if stopwords[strings.ToLower(t)] {
			n++
		}
	}
	return n
}
