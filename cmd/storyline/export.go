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
until they do.`,
		Example: `  storyline export > corpus.jsonl
  storyline export | jq -r .title`,
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
			err = store.EachArticle(ctx, func(a *storyline.Article) error {
				return enc.Encode(a.Record())
			})
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			return w.Flush()
		},
	}
	c.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl")
	return c
}
