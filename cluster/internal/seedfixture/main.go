// Command seedfixture writes the articles of a storyline database as the
// clusterer receives them from ingest (text, dates, resolved entities,
// time expressions, sentence dates, reuse links with their passages), one
// JSON line each, in ingest order. It makes cluster/testdata/seeds.jsonl:
//
//	go run ./cmd/storyline --db /tmp/cluster-seeds.db run examples/seeds
//	go run ./cluster/internal/seedfixture /tmp/cluster-seeds.db > cluster/testdata/seeds.jsonl
//
// Make it again when ingest or annotation change what they give.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/sqlite"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: seedfixture DB > seeds.jsonl")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "seedfixture:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	enc := json.NewEncoder(os.Stdout)
	return st.EachArticle(ctx, func(a *storyline.Article) error {
		out := storyline.Article{ID: a.ID, Ref: a.Ref, Source: a.Source, Title: a.Title, Dateline: a.Dateline,
			Published: a.Published, PublishedInferred: a.PublishedInferred, Lang: a.Lang, Text: a.Text,
			Entities: a.Entities, Timexes: a.Timexes, SentenceDates: a.SentenceDates}
		out.Reuse = a.Reuse
		if err := enc.Encode(&out); err != nil {
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
		return nil
	})
}
