package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/ingest"
	"github.com/storyline/storyline/show"
)

// What run prints at most, unless --all: article rows, stories (those
// with the most of the articles read), events per story and article refs
// per event.
const (
	runArticles  = 30
	runStories   = 15
	runEvents    = 8
	runEventRefs = 6
)

func newRunCmd(g *globals) *cobra.Command {
	var f ingestFlags
	var all, offline bool
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

After the ingest, which assigns events and stories online as articles
arrive, the events and stories of the whole store are made again at once,
as 'recluster --offline' does: better for a pile, whatever its order
(--offline=false keeps the online ones, as 'ingest' leaves them).

A large input prints the first 30 articles and the 15 stories with most of
them (8 events each at most); --all prints everything.

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
			if offline {
				sum, err := ingest.Recluster(ctx, store, ingest.ReclusterOptions{Offline: true})
				if err != nil {
					return err
				}
				fmt.Fprintln(os.Stderr, sum)
			}
			// Read them back: later arrivals may have changed their groups.
			for i, a := range seen {
				if seen[i], err = store.Article(ctx, a.ID); err != nil {
					return err
				}
			}
			sc := storyline.CountSources(seen)
			fmt.Printf("\n%d articles from %d independent sources, in %s\n\n", sc.Articles, sc.Independent, g.db)
			lim := runLimits{articles: runArticles, stories: runStories, events: runEvents, refs: runEventRefs}
			if all {
				lim = runLimits{}
			}
			printArticleTable(seen, lim.articles)
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
			if err := printStories(ctx, store, seen, lim); err != nil {
				return err
			}
			fmt.Println("\nNext: storyline show event ID · storyline timeline --entity NAME · storyline show article ID · storyline search WORDS · storyline export")
			return nil
		},
	}
	f.register(c)
	c.Flags().BoolVar(&all, "all", false, "print every article, story and event, however many")
	c.Flags().BoolVar(&offline, "offline", true, "after the ingest, make the events and stories again at once (as recluster --offline)")
	return c
}

// runLimits caps what run prints; zero is no cap.
type runLimits struct{ articles, stories, events, refs int }

// capped returns the first n of xs (all when n is 0) and how many were
// left out.
func capped[T any](xs []T, n int) ([]T, int) {
	if n <= 0 || len(xs) <= n {
		return xs, 0
	}
	return xs[:n], len(xs) - n
}

// printArticleTable prints one line per article (the first max of them;
// 0: all): id, ref, date, source, words, cuts and title (or the start of
// the text when no title was found).
func printArticleTable(articles []*storyline.Article, max int) {
	articles, more := capped(articles, max)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	defer func() {
		tw.Flush()
		if more > 0 {
			fmt.Printf("… and %d more articles (--all lists them; storyline export, storyline show article ID)\n", more)
		}
	}()
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
}

// printStories prints the stories of the articles, each with its events
// in date order and the articles (by ref) of each event, within lim: the
// stories with most of the articles first.
func printStories(ctx context.Context, store storyline.Store, articles []*storyline.Article, lim runLimits) error {
	refs := map[string][]string{}
	var stories []string
	count := map[string]int{}
	for _, a := range articles {
		if a.Event == "" {
			continue
		}
		if count[a.Story] == 0 {
			stories = append(stories, a.Story)
		}
		count[a.Story]++
		refs[a.Event] = append(refs[a.Event], show.Clip(filepath.Base(a.Ref), 12))
	}
	if lim.stories > 0 && len(stories) > lim.stories {
		sort.SliceStable(stories, func(i, j int) bool { return count[stories[i]] > count[stories[j]] })
	}
	stories, moreStories := capped(stories, lim.stories)
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
		events, moreEvents := capped(events, lim.events)
		for _, e := range events {
			r, moreRefs := capped(refs[e.ID], lim.refs)
			line := strings.Join(r, ", ")
			if moreRefs > 0 {
				line += fmt.Sprintf(" +%d", moreRefs)
			}
			fmt.Printf("    %s  %-22s %-10s %s\n      %s\n", e.ID, span(e.Start, e.End), show.Clip(firstName(e.Places), 10),
				show.Clip(e.Title, 70), line)
		}
		if moreEvents > 0 {
			fmt.Printf("    … and %d more events (storyline show story %s)\n", moreEvents, st.ID)
		}
	}
	if moreStories > 0 {
		fmt.Printf("  … and %d more stories (--all lists them; storyline stories)\n", moreStories)
	}
	return nil
}
