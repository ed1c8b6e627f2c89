package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

func newSearchCmd(g *globals) *cobra.Command {
	var asJSON bool
	var limit int
	var in string
	c := &cobra.Command{
		Use:   "search QUERY",
		Short: "Full-text search over stored events and articles",
		Long: `Full-text search over events (their titles, places, participants and
summaries) and over the titles and texts of stored articles, best matches
first: the events, then the articles (--in events|articles for one kind).
Articles are ranked among the latest 10,000 that match, at most.
Words are matched by stem ("meeting" finds "meets") and all must occur;
"quoted phrases" match as phrases; OR, NOT and prefix* work as in SQLite
FTS5. With --json, one JSON line per hit: {"event": event, "snippet",
"rank"} for events, then {"article": record, "snippet", "rank"} for
articles.`,
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
			if in != "all" && in != "events" && in != "articles" {
				return usageError{fmt.Errorf("search: --in must be all, events or articles, not %q", in)}
			}
			query := strings.Join(args, " ")
			var events []storyline.EventHit
			var hits []storyline.SearchHit
			if in != "articles" {
				if events, err = store.SearchEvents(ctx, query, limit); err != nil {
					return err
				}
			}
			if in != "events" {
				if hits, err = store.Search(ctx, query, limit); err != nil {
					return err
				}
			}
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				enc.SetEscapeHTML(false)
				for i := range events {
					if err := enc.Encode(&events[i]); err != nil {
						return err
					}
				}
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
			if len(hits) == 0 && len(events) == 0 {
				fmt.Fprintln(os.Stderr, "no matches")
				return nil
			}
			tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
			if len(events) > 0 {
				fmt.Fprintln(tw, "EVENT	DAYS	TITLE	MATCH")
				for _, h := range events {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.Event.ID, span(h.Event.Start, h.Event.End),
						show.Clip(h.Event.Title, 50), show.Clip(strings.Join(strings.Fields(h.Snippet), " "), 80))
				}
				if len(hits) > 0 {
					fmt.Fprintln(tw)
				}
			}
			if len(hits) == 0 {
				return tw.Flush()
			}
			fmt.Fprintln(tw, "ID\tPUBLISHED\tTITLE (or first words)\tMATCH")
			for _, h := range hits {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.Article.ID, orDash(h.Article.Published),
					show.Clip(show.Headline(h.Article), 50), show.Clip(strings.Join(strings.Fields(h.Snippet), " "), 80))
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON line per hit")
	c.Flags().IntVarP(&limit, "limit", "n", 20, "most hits to show, of each kind")
	c.Flags().StringVar(&in, "in", "all", "what to search: all, events or articles")
	return c
}
