package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

func newEntitiesCmd(g *globals) *cobra.Command {
	var (
		f      storyline.EntityFilter
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "entities [--type PER|ORG|LOC|MISC] [--name TEXT] [--article ID] [--limit N] [--json]",
		Short: "List the people, organisations, places and other named things",
		Long: `List the stored entities, most mentioned first: one line each with the
id, type, mention count, name (for places with their country) and up to
three other names the articles use. An entity is one person, organisation, place or other named
thing under all its spellings (el-Sisi, al-Sisi, el-Sissi); ingest
recognises the mentions and resolves them into entities.
With --json, one JSON object per line (the fields of 'show entity --json'
without the articles).`,
		Example: `  storyline entities --type PER --limit 10
  storyline entities --name sisi
  storyline entities --article 3f9c2a --json`,
		Args: exactArgs(0, "no arguments (filter with --type, --name, --article)"),
		RunE: func(c *cobra.Command, args []string) error {
			f.Type = strings.ToUpper(f.Type)
			switch f.Type {
			case "", storyline.PER, storyline.ORG, storyline.LOC, storyline.MISC:
			default:
				return usageError{fmt.Errorf("entities: unknown --type %q (known: PER, ORG, LOC, MISC)", f.Type)}
			}
			if f.Limit < 0 {
				return usageError{fmt.Errorf("entities: --limit must be 0 (all) or more")}
			}
			ctx := c.Context()
			store, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			if f.Article != "" {
				a, err := store.Article(ctx, f.Article)
				if err != nil {
					return fmt.Errorf("entities: --article: %w", err)
				}
				f.Article = a.ID
			}
			es, err := store.Entities(ctx, f)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				enc.SetEscapeHTML(false)
				for i := range es {
					if err := enc.Encode(&es[i]); err != nil {
						return err
					}
				}
				return nil
			}
			if len(es) == 0 {
				fmt.Fprintln(os.Stderr, "no entities (ingest articles first, or loosen the filter)")
				return nil
			}
			fmt.Printf("%-14s %-4s %8s  %s\n", "ID", "TYPE", "MENTIONS", "NAME")
			for _, e := range es {
				name := e.Name
				if e.Place != nil && e.Place.Country != "" && e.Place.Kind != "country" {
					name += " (" + e.Place.Country + ")"
				}
				var also []string
				for _, a := range e.Aliases {
					if a.Text != e.Name && len(also) < 3 {
						also = append(also, a.Text)
					}
				}
				if len(also) > 0 {
					name += "  · " + strings.Join(also, ", ")
				}
				fmt.Printf("%-14s %-4s %8d  %s\n", e.ID, e.Type, e.Mentions, show.Clip(name, 100))
			}
			return nil
		},
	}
	c.Flags().StringVar(&f.Type, "type", "", "only entities of this type: PER, ORG, LOC or MISC")
	c.Flags().StringVar(&f.Name, "name", "", "only entities with a name or alias containing this text (case folded)")
	c.Flags().StringVar(&f.Article, "article", "", "only entities this article mentions (id, prefix or ref)")
	c.Flags().IntVar(&f.Limit, "limit", 50, "at most this many (0: all)")
	c.Flags().IntVar(&f.Offset, "offset", 0, "skip this many first")
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per line")
	return c
}

func newShowEntityCmd(g *globals) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "entity ID",
		Short: "Show an entity: names, type, roles, place, mentions and articles",
		Long: `Show one entity: its name and type, every alias with how many mentions use
it, the roles articles give it (a title, with the articles that give
it), for a place its gazetteer entry (GeoNames: country, coordinates,
population), the number of mentions, and the articles that mention it
with the number of independent sources among them (copies collapse into
their origin). ID is the entity's id, a unique prefix of it (at least 4
characters), or its name.
Then its latest events, the entities that take part in them most often,
and for a person the itinerary: the places its dated events put them at.
With --json, one JSON object: id, name, type, aliases, roles, place,
mentions, articles (ids), sources (independent sources), related,
events and itinerary.`,
		Example: `  storyline show entity e3b1c09a2f44
  storyline show entity "Antony Blinken" --json`,
		Args: exactArgs(1, "an entity ID or name"),
		RunE: func(c *cobra.Command, args []string) error {
			entity := func(ctx context.Context, store storyline.Store, key string) (*show.EntityDetail, error) {
				return show.Entity(ctx, store, key, show.StoreSources(store))
			}
			return showOne(c, g, "entity", args[0], "try 'storyline entities --name "+args[0]+"'", asJSON, entity,
				func(ctx context.Context, store storyline.Store, d *show.EntityDetail) error {
					arts, err := store.Articles(ctx, storyline.ArticleFilter{Entity: d.ID})
					if err != nil {
						return err
					}
					printEntity(d, arts)
					return nil
				})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

func printEntity(e *show.EntityDetail, arts []*storyline.Article) {
	sources := e.Sources
	fmt.Printf("%-10s %s\n%-10s %s\n%-10s %s\n", "id", e.ID, "name", e.Name, "type", e.Type)
	aliases := make([]string, len(e.Aliases))
	for i, a := range e.Aliases {
		aliases[i] = fmt.Sprintf("%s (%d)", a.Text, a.Count)
	}
	fmt.Printf("%-10s %s\n", "aliases", strings.Join(aliases, ", "))
	fmt.Printf("%-10s %d in %d articles from %d independent sources\n", "mentions", e.Mentions, len(arts), sources)
	if p := e.Place; p != nil {
		where := p.Name
		if p.Region != "" {
			where += ", " + p.Region
		}
		fmt.Printf("%-10s %s, %s (%s), %.4f, %.4f", "place", where, orDash(p.Country), p.Kind, p.Lat, p.Lon)
		if p.Population > 0 {
			fmt.Printf(", population %d", p.Population)
		}
		if p.GeonameID > 0 {
			fmt.Printf(", GeoNames %d", p.GeonameID)
		}
		fmt.Println()
	}
	if len(e.Roles) > 0 {
		fmt.Println("\nroles:")
		var titles []string
		by := map[string][]string{}
		for _, r := range e.Roles {
			if by[r.Title] == nil {
				titles = append(titles, r.Title)
			}
			by[r.Title] = append(by[r.Title], short(r.Article))
		}
		for _, t := range titles {
			fmt.Printf("  %-40s %s\n", t, strings.Join(by[t], ", "))
		}
	}
	if len(arts) > 0 {
		fmt.Println("\narticles:")
		for _, a := range arts {
			copyOf := ""
			if a.DuplicateOf != "" {
				copyOf = "  (copy of " + short(a.DuplicateOf) + ")"
			}
			fmt.Printf("  %s  %-10s %s%s\n", short(a.ID), orDash(a.Published), show.Clip(show.Headline(a), 70), copyOf)
		}
	}
	if len(e.Events) > 0 {
		fmt.Println("\nlatest events:")
		printEvents(e.Events)
	}
	if len(e.Related) > 0 {
		var names []string
		for _, r := range e.Related {
			names = append(names, fmt.Sprintf("%s (%d)", r.Name, r.Events))
		}
		fmt.Printf("\nin the same events: %s\n", strings.Join(names, ", "))
	}
	printItinerary(e.Itinerary)
}

// short is the first 8 characters of an id: enough to name it to show.
func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
