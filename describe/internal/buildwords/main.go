// Command buildwords writes describe/words.txt.gz, the lowercase words of
// three letters or more in the word clusters of the NER tagger
// (ner/models/clusters.txt.gz, built from the shared news data; see
// ner/models/CLUSTERS.md for its sources and licences), one per line, in
// order. Title generation (package describe) uses it to tell "declines"
// from "declins" when it puts a regular past tense in the present.
//
//	go run ./describe/internal/buildwords
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
)

func main() {
	in := flag.String("clusters", "ner/models/clusters.txt.gz", "the word clusters (bitstring, word, count per line)")
	out := flag.String("out", "describe/words.txt.gz", "where to write the list")
	flag.Parse()
	words, err := lowercase(*in)
	if err != nil {
		log.Fatal(err)
	}
	if err := write(*out, words); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "%d words to %s\n", len(words), *out)
}

// lowercase returns the lowercase words of the clusters file.
func lowercase(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var words []string
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		if w := fields[1]; len(w) > 2 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz-") == "" {
			words = append(words, w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	slices.Sort(words)
	return slices.Compact(words), nil
}

func write(path string, words []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return err
	}
	if _, err := zw.Write([]byte(strings.Join(words, "\n") + "\n")); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
