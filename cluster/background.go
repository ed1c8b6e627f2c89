package cluster

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Background is a table of document frequencies of terms (stems, as
// Terms gives them) in a general news collection. A clusterer starts from
// it, so that the first articles of a stream already have sensible
// inverse document frequencies; as articles arrive their own counts add
// to it and soon outweigh it.
type Background struct {
	Docs int
	DF   map[string]int32
	// DF2 counts the documents in which a term occurs more than once (its
	// adaptation is DF2/DF); terms absent occur so in none.
	DF2 map[string]int32
}

//go:embed background.txt.gz
var defaultBackground []byte

var loadBackground = sync.OnceValues(func() (*Background, error) {
	return ReadBackground(bytes.NewReader(defaultBackground))
})

// DefaultBackground returns the table shipped in the package
// (background.txt.gz, written by cluster/internal/traincluster from the
// shared data's unlabelled newswire: see docs/EVENTS.md).
func DefaultBackground() (*Background, error) {
	b, err := loadBackground()
	if err != nil {
		return nil, fmt.Errorf("cluster: embedded background: %w", err)
	}
	return b, nil
}

// BuildBackground counts in how many of the texts each term occurs (and
// occurs more than once) and keeps the terms found in at least minDF of
// them.
func BuildBackground(texts []string, minDF int) *Background {
	df, df2 := map[string]int32{}, map[string]int32{}
	for _, t := range texts {
		seen := map[string]int{}
		for _, w := range Terms(t) {
			seen[w]++
		}
		for w, n := range seen {
			df[w]++
			if n > 1 {
				df2[w]++
			}
		}
	}
	for w, n := range df {
		if int(n) < minDF {
			delete(df, w)
			delete(df2, w)
		}
	}
	return &Background{Docs: len(texts), DF: df, DF2: df2}
}

// Write writes the table as gzipped text: "docs N", then one
// "term\tdf\tdf2" line per term, in term order.
func (b *Background) Write(w io.Writer) error {
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "docs %d\n", b.Docs)
	terms := make([]string, 0, len(b.DF))
	for t := range b.DF {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	for _, t := range terms {
		fmt.Fprintf(bw, "%s\t%d\t%d\n", t, b.DF[t], b.DF2[t])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cluster: write background: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("cluster: write background: %w", err)
	}
	return nil
}

// ReadBackground reads a table written by Write.
func ReadBackground(r io.Reader) (*Background, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read background: %w", err)
	}
	sc := bufio.NewScanner(zr)
	b := &Background{DF: map[string]int32{}, DF2: map[string]int32{}}
	for n := 0; sc.Scan(); n++ {
		line := sc.Text()
		if n == 0 {
			d, ok := strings.CutPrefix(line, "docs ")
			if b.Docs, err = strconv.Atoi(d); !ok || err != nil || b.Docs < 0 {
				return nil, fmt.Errorf("read background: line 1: %q is not a document count", line)
			}
			continue
		}
		t, v, ok := strings.Cut(line, "\t")
		v, v2, two := strings.Cut(v, "\t") // df2 since the adaptation weights
		df, err := strconv.Atoi(v)
		df2 := 0
		if two && err == nil {
			df2, err = strconv.Atoi(v2)
		}
		if !ok || err != nil || df < 0 || df > b.Docs || df2 < 0 || df2 > df || t == "" {
			return nil, fmt.Errorf("read background: line %d: %q", n+1, line)
		}
		b.DF[t] = int32(df)
		if df2 > 0 {
			b.DF2[t] = int32(df2)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read background: %w", err)
	}
	return b, nil
}
