package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

func newRunCmd(g *globals) *cobra.Command {
	var f ingestFlags
	c := &cobra.Command{
		Use:   "run PATH... | -",
		Short: "Ingest articles and print what storyline made of them",
		Long: `Run storyline's main job on the given inputs: ingest them (as 'ingest'
does) and print, for every article read, what was recognised: its id,
publication date, source, size, what cleaning cut, its title, which
article it is a copy of (COPY OF: the origin of its group of copies) and
which articles it shares passages with (SHARES: the share of its text and
the other article's id), how many independent sources the articles come
from (copies collapse into their origin), the people, organisations
and places the store mentions most, and the stories and events the
articles were put in: each story with its events in date order, each
event with its days, place, sources, title and articles.

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
			// Read them back: later arrivals may have changed their groups.
			for i, a := range seen {
				if seen[i], err = store.Article(ctx, a.ID); err != nil {
					return err
				}
			}
			sc := storyline.CountSources(seen)
			fmt.Printf("\n%d articles from %d independent sources, in %s\n\n", sc.Articles, sc.Independent, g.db)
			printArticleTable(seen)
			for _, typ := range []string{storyline.PER, storyline.ORG, storyline.LOC} {
				es, err := store.Entities(ctx, storyline.EntityFilter{Type: typ, Limit: 6})
				if err != nil {
					return err
				}
				if len(es) == 0 {
					continue
				}
				if typ == storyline.PER {
					fmt.Println("\nMost mentioned in the store (storyline entities):")
				}
				names := make([]string, len(es))
				for i, e := range es {
					names[i] = fmt.Sprintf("%s (%d)", e.Name, e.Mentions)
				}
				fmt.Printf("  %-4s %s\n", typ, strings.Join(names, ", "))
			}
			if err := printStories(ctx, store, seen); err != nil {
				return err
			}
			fmt.Println("\nNext: storyline show event ID · storyline timeline --entity NAME · storyline show article ID · storyline search WORDS · storyline export")
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
	fmt.Fprintln(tw, "ID\tREF\tPUBLISHED\tSOURCE\tWORDS\tCUT\tCOPY OF\tSHARES\tTITLE (or first words)")
	for _, a := range articles {
		shares := "-"
		if len(a.Reuse) > 0 {
			shares = fmt.Sprintf("%.0f%% %s", 100*a.Reuse[0].Share, a.Reuse[0].Of[:8])
			if len(a.Reuse) > 1 {
				shares += fmt.Sprintf(" +%d", len(a.Reuse)-1)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", a.ID, show.Clip(a.Ref, 20), orDash(a.Published), show.Clip(orDash(a.Source), 20),
			wordCount(a.Text), len(a.Removed), orDash(show.Clip(a.DuplicateOf, 9)), shares, show.Clip(show.Headline(a), 50))
	}
	tw.Flush()
}

// printStories prints the stories of the articles, each with its events
// in date order and the articles (by ref) of each event.
func printStories(ctx context.Context, store storyline.Store, articles []*storyline.Article) error {
	refs := map[string][]string{}
	var stories []string
	for _, a := range articles {
		if a.Event == "" {
			continue
		}
		if !slices.Contains(stories, a.Story) {
			stories = append(stories, a.Story)
		}
		refs[a.Event] = append(refs[a.Event], show.Clip(filepath.Base(a.Ref), 12))
	}
	for i, id := range stories {
		st, err := store.Story(ctx, id)
		if err != nil {
			return err
		}
		if i == 0 {
			fmt.Println("\nStories and their events (storyline stories, storyline show event ID):")
		}
		fmt.Printf("  %s  %s  %s: %s\n", st.ID, span(st.Start, st.End), sources(st.Sources), st.Title)
		events, err := show.StoryEvents(ctx, store, st.ID)
		if err != nil {
			return err
		}
		for _, e := range events {
			fmt.Printf("    %s  %-22s %-10s %s\n      %s\n", e.ID, span(e.Start, e.End), show.Clip(firstName(e.Places), 10),
				show.Clip(e.Title, 70), strings.Join(refs[e.ID], ", "))
		}
	}
	return nil
}
