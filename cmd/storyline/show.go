package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

func newShowCmd(g *globals) *cobra.Command {
	c := &cobra.Command{
		Use:   "show KIND ID",
		Short: "Show one object in full",
		Long: `Show one object in full. KIND is:
  article   a stored article: metadata, cleaned text, and what cleaning
            removed and why. ID is storyline's id, a unique prefix of it
            (at least 4 characters), or the ref it was ingested under.
  entity    a person, organisation, place or other named thing
  event     a happening: days, places, participants, articles, evidence
  story     a chain of events, in date order`,
		Example: `  storyline show article 3f9c2a
  storyline show article 000_606db7fd7e6b588c.txt --json`,
	}
	c.AddCommand(newShowArticleCmd(g))
	c.AddCommand(newShowEntityCmd(g))
	c.AddCommand(newShowEventCmd(g))
	c.AddCommand(newShowStoryCmd(g))
	return c
}

// showOne runs a show command: it opens the store, looks key up with get
// (a function of package show) and prints the result as one JSON object,
// or as text with print. hint says where to look when key names nothing.
func showOne[T any](c *cobra.Command, g *globals, kind, key, hint string, asJSON bool,
	get func(context.Context, storyline.Store, string) (T, error),
	print func(context.Context, storyline.Store, T) error) error {
	ctx := c.Context()
	store, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	d, err := get(ctx, store, key)
	if errors.Is(err, storyline.ErrNotFound) {
		return fmt.Errorf("no %s %q in %s (%s)", kind, key, g.db, hint)
	}
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	}
	return print(ctx, store, d)
}

func newShowArticleCmd(g *globals) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "article ID",
		Short: "Show a stored article, with what cleaning removed and why",
		Long: `Show a stored article: its metadata, its cleaned text, every ref it was
ingested under, and what cleaning removed, each piece with the rule that
removed it. ID is storyline's id, a unique prefix of it (at least 4
characters), or a ref. It also names the article's origin when it is a
copy, and lists the articles it shares passages with (copies collapsed
into their origin), with the share of each text and the passages.
With --json, one JSON object: the export record plus "byline",
"credits", "dateline", "format", "refs", "removed", "shared" (the reuse
links with their passages: byte offsets into both texts),
"sentence_dates" (the date of each sentence's happening), "evidence"
(why the article is in its event and story) and "linked" (the list view
of its origin and of the articles it shares passages with).`,
		Args: exactArgs(1, "an article ID"),
		RunE: func(c *cobra.Command, args []string) error {
			return showOne(c, g, "article", args[0], "try 'storyline search' or 'storyline export'", asJSON, show.Article,
				func(ctx context.Context, store storyline.Store, d *show.ArticleDetail) error {
					printArticle(d.Article, d.Refs)
					for _, l := range d.Article.Reuse {
						other, err := store.Article(ctx, l.Of)
						if err != nil {
							return err
						}
						printShared(d.Article, other, l)
					}
					return nil
				})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

func printArticle(a *storyline.Article, refs []string) {
	field := func(name, v string) {
		if v != "" {
			fmt.Printf("%-10s %s\n", name, v)
		}
	}
	field("id", a.ID)
	field("title", a.Title)
	pub := a.Published
	switch {
	case a.DatedBy == storyline.DatedBySource:
		pub += " (inferred from the article it copies)"
	case a.DatedBy == storyline.DatedByEvent:
		pub += " (inferred from its event)"
	case a.PublishedInferred:
		pub += " (inferred)"
	}
	field("published", pub)
	field("source", a.Source)
	field("url", a.URL)
	field("byline", a.Byline)
	field("dateline", a.Dateline)
	field("credits", strings.Join(a.Credits, " · "))
	field("lang", a.Lang)
	field("refs", strings.Join(refs, ", "))
	field("words", fmt.Sprint(wordCount(a.Text)))
	field("copy of", a.DuplicateOf)
	if a.Event != "" {
		field("event", a.Event+" (story "+a.Story+")")
	}
	field("names", names(a.Entities))
	fmt.Println()
	fmt.Println(a.Text)
	if len(a.Removed) > 0 {
		fmt.Printf("\nremoved by cleaning (%d):\n", len(a.Removed))
		for _, r := range a.Removed {
			fmt.Printf("  %-16s %s\n", r.Reason, show.Clip(strings.Join(strings.Fields(r.Text), " "), 90))
		}
	}
}

// printShared lists the passages a shares with other.
func printShared(a, other *storyline.Article, l storyline.Reuse) {
	kind := "shares passages with"
	if l.Copy {
		kind = "copy of"
	}
	fmt.Printf("\n%s %s %s: %.0f%% of this text, %.0f%% of that one\n", kind, other.ID, show.Headline(other), 100*l.Share, 100*l.OfShare)
	for _, p := range l.Passages {
		if p.Start < 0 || p.End > len(a.Text) || p.Start >= p.End {
			continue
		}
		fmt.Printf("  [%d:%d] %s\n", p.Start, p.End, show.Clip(strings.Join(strings.Fields(a.Text[p.Start:p.End]), " "), 100))
	}
}

func wordCount(s string) int { return len(strings.Fields(s)) }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// names lists the entities an article mentions, most mentioned first,
// each under its longest mention with its type and count.
func names(ms []storyline.Mention) string {
	type name struct {
		text, typ string
		n, first  int
	}
	by := map[string]*name{}
	for i, m := range ms {
		key := m.Entity
		if key == "" {
			key = m.Type + ":" + m.Text
		}
		e := by[key]
		if e == nil {
			e = &name{typ: m.Type, first: i}
			by[key] = e
		}
		e.n++
		if len(m.Text) > len(e.text) {
			e.text = m.Text
		}
	}
	list := make([]*name, 0, len(by))
	for _, e := range by {
		list = append(list, e)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].first < list[j].first
	})
	parts := make([]string, len(list))
	for i, e := range list {
		parts[i] = fmt.Sprintf("%s (%s %d)", e.text, e.typ, e.n)
	}
	return show.Clip(strings.Join(parts, ", "), 300)
}
