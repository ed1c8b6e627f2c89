package main

import (
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
)

func newRunCmd(g *globals) *cobra.Command {
	var f ingestFlags
	c := &cobra.Command{
		Use:   "run PATH... | -",
		Short: "Ingest articles and print what storyline made of them",
		Long: `Run storyline's main job on the given inputs: ingest them (as 'ingest'
does) and print, for every article read, what was recognised: its id,
publication date, source, size, what cleaning cut, and its title.

Try it on the bundled example:
  storyline run examples/seeds`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("run needs at least one PATH or - for stdin\nRun 'storyline run --help' for usage.")}
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
			var seen []*storyline.Article
			done := map[string]bool{}
			onStored := func(a *storyline.Article, _ bool) {
				if !done[a.ID] {
					done[a.ID] = true
					seen = append(seen, a)
				}
			}
			if _, err := ingestInto(ctx, store, f, args, onStored); err != nil {
				return err
			}
			fmt.Printf("\n%d articles in %s\n\n", len(seen), g.db)
			printArticleTable(seen)
			fmt.Println("\nNext: storyline show article ID · storyline search WORDS · storyline export")
			return nil
		},
	}
	f.register(c)
	return c
}

// printArticleTable prints one line per article: id, ref, date, source, words,
// cuts and title (or the start of the text when no title was found).
func printArticleTable(articles []*storyline.Article) {
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tREF\tPUBLISHED\tSOURCE\tWORDS\tCUT\tTITLE (or first words)")
	for _, a := range articles {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", a.ID, clip(a.Ref, 20), orDash(a.Published), clip(orDash(a.Source), 20),
			wordCount(a.Text), len(a.Removed), clip(headline(a), 60))
	}
	tw.Flush()
}
