package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newSearchCmd(g *globals) *cobra.Command {
	var asJSON bool
	var limit int
	c := &cobra.Command{
		Use:   "search QUERY",
		Short: "Full-text search over stored articles",
		Long: `Full-text search over the titles and texts of stored articles, best
matches first. Words are matched by stem ("meeting" finds "meets") and all
must occur; "quoted phrases" match as phrases; OR, NOT and prefix* work as
in SQLite FTS5. With --json, one JSON line per hit: {"article": record,
"snippet", "rank"}.`,
		Example: `  storyline search Blinken Cairo
  storyline search '"cease-fire agreement"'
  storyline search el-Sisi --json`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("search needs a QUERY\nRun 'storyline search --help' for usage.")}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			store, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			hits, err := store.Search(ctx, strings.Join(args, " "), limit)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				for _, h := range hits {
					if err := enc.Encode(struct {
						Article any     `json:"article"`
						Snippet string  `json:"snippet"`
						Rank    float64 `json:"rank"`
					}{h.Article.Record(), h.Snippet, h.Rank}); err != nil {
						return err
					}
				}
				return nil
			}
			if len(hits) == 0 {
				fmt.Fprintln(os.Stderr, "no matches")
				return nil
			}
			tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tPUBLISHED\tTITLE (or first words)\tMATCH")
			for _, h := range hits {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.Article.ID, orDash(h.Article.Published),
					clip(headline(h.Article), 50), clip(strings.Join(strings.Fields(h.Snippet), " "), 80))
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON line per hit")
	c.Flags().IntVarP(&limit, "limit", "n", 20, "most hits to show")
	return c
}
