package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
)

func newExportCmd(g *globals) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "export [--format jsonl]",
		Short: "Write every stored article as one JSON line",
		Long: `Write every stored article, in ingest order, as one JSON line on stdout
(the export record of CONTRACT.md: id, ref, source, url, title, published,
published_inferred, lang, text, duplicate_of, reuse, event, story,
entities, timexes). Fields that later stages fill are present and empty
until they do.

duplicate_of names the origin of the article's group of near-copies (the
earliest published); reuse lists the groups it shares passages with and
the share of its text they cover. A last line on stderr counts the
articles and the independent sources (copy groups) among them.`,
		Example: `  storyline export > corpus.jsonl
  storyline export | jq -r .title
  storyline export | jq -r 'select(.duplicate_of == null) | .id'   # one article per copy group`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			if format != "jsonl" {
				return usageError{fmt.Errorf("export: unknown --format %q (known: jsonl)", format)}
			}
			ctx := c.Context()
			store, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			w := bufio.NewWriterSize(os.Stdout, 1<<16)
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			var sc storyline.SourceCount
			origins := map[string]bool{}
			err = store.EachArticle(ctx, func(a *storyline.Article) error {
				sc.Articles++
				origins[a.Origin()] = true
				return enc.Encode(a.Record())
			})
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			sc.Independent = len(origins)
			fmt.Fprintf(os.Stderr, "exported %d articles from %d independent sources\n", sc.Articles, sc.Independent)
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl")
	return c
}
