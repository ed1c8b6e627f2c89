package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

// listFlags are the filters and paging the event and story lists share.
type listFlags struct {
	entity, source, from, to string
	limit, offset            int
	asJSON                   bool
}

func (l *listFlags) add(c *cobra.Command) {
	c.Flags().StringVar(&l.entity, "entity", "", "only those whose articles mention this entity (id, prefix, name or part of a name)")
	c.Flags().StringVar(&l.source, "source", "", "only those with an article from this source")
	c.Flags().StringVar(&l.from, "from", "", "only those that reach this day or later (YYYY-MM-DD)")
	c.Flags().StringVar(&l.to, "to", "", "only those that start on this day or earlier (YYYY-MM-DD)")
	c.Flags().IntVar(&l.limit, "limit", 50, "at most this many (0: all)")
	c.Flags().IntVar(&l.offset, "offset", 0, "skip this many first")
	c.Flags().BoolVar(&l.asJSON, "json", false, "one JSON object per line")
}

// check validates the flags and resolves --entity to an entity ID.
func (l *listFlags) check(ctx context.Context, store storyline.Store, cmd string) error {
	for _, d := range []struct{ flag, v string }{{"--from", l.from}, {"--to", l.to}} {
		if d.v != "" && !validDay(d.v) {
			return usageError{fmt.Errorf("%s: %s %q is not a day (YYYY-MM-DD)", cmd, d.flag, d.v)}
		}
	}
	if l.limit < 0 || l.offset < 0 {
		return usageError{fmt.Errorf("%s: --limit and --offset must be 0 or more", cmd)}
	}
	if l.entity != "" {
		e, err := show.FindEntity(ctx, store, l.entity)
		if err != nil {
			return fmt.Errorf("%s: --entity: %w", cmd, err)
		}
		l.entity = e.ID
	}
	return nil
}

func validDay(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-' && strings.Trim(s[:4]+s[5:7]+s[8:], "0123456789") == ""
}

// span formats the days of an event or story.
func span(start, end string) string {
	switch {
	case start == "":
		return "undated"
	case end == "" || end == start:
		return start
	}
	return start + ".." + end
}

func newEventsCmd(g *globals) *cobra.Command {
	var (
		l     listFlags
		story string
	)
	c := &cobra.Command{
		Use:   "events [--story ID] [--entity ID] [--source S] [--from DAY] [--to DAY] [--json]",
		Short: "List the events: what happened, when and where, latest first",
		Long: `List the events, latest first: one line each with the id, the days, the
number of articles and of independent sources (copies collapse into their
origin), the place and a short title. An event is one happening at one
time and place as one or more articles report it; ingest assigns every
article to an event, and every event to a story, as articles arrive.
With --json, one JSON object per line (the fields of 'show event --json'
without summary, claims, quotes and memberships).`,
		Example: `  storyline events --limit 10
  storyline events --entity "Antony Blinken" --from 2024-02-01
  storyline events --story st3f9c2a41b0e --json`,
		Args: exactArgs(0, "no arguments (filter with --story, --entity, --source, --from, --to)"),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			store, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			if err := l.check(ctx, store, "events"); err != nil {
				return err
			}
			if story != "" {
				st, err := store.Story(ctx, story)
				if err != nil {
					return fmt.Errorf("events: --story: %w", err)
				}
				story = st.ID
			}
			es, err := store.Events(ctx, storyline.EventFilter{Story: story, Entity: l.entity, Source: l.source,
				From: l.from, To: l.to, Limit: l.limit, Offset: l.offset})
			if err != nil {
				return err
			}
			if l.asJSON {
				return encodeLines(es)
			}
			if len(es) == 0 {
				fmt.Fprintln(os.Stderr, "no events (ingest articles first, or loosen the filter)")
				return nil
			}
			printEvents(es)
			return nil
		},
	}
	l.add(c)
	c.Flags().StringVar(&story, "story", "", "only the events of this story (id or prefix)")
	return c
}

// printEvents writes one line per event.
func printEvents(es []storyline.Event) {
	fmt.Printf("%-14s %-22s %8s  %-14s %s\n", "ID", "DAYS", "SOURCES", "PLACE", "TITLE")
	for _, e := range es {
		fmt.Printf("%-14s %-22s %8s  %-14s %s\n", e.ID, span(e.Start, e.End), sources(e.Sources),
			show.Clip(firstName(e.Places), 14), show.Clip(e.Title, 80))
	}
}

// sources formats a source count as "articles/independent".
func sources(s storyline.SourceCount) string {
	return fmt.Sprintf("%d/%d", s.Articles, s.Independent)
}

func firstName(refs []storyline.EntityRef) string {
	if len(refs) == 0 {
		return "-"
	}
	return refs[0].Name
}

// encodeLines writes each value as one JSON line.
func encodeLines[T any](vs []T) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	for i := range vs {
		if err := enc.Encode(&vs[i]); err != nil {
			return err
		}
	}
	return nil
}

func newStoriesCmd(g *globals) *cobra.Command {
	var l listFlags
	c := &cobra.Command{
		Use:   "stories [--entity ID] [--source S] [--from DAY] [--to DAY] [--json]",
		Short: "List the stories: chains of events, latest first",
		Long: `List the stories, latest first: one line each with the id, the days its
dated events span, the number of events, of articles and of independent
sources, and its title (that of its seminal event: the one most
independent sources report). A story is a seminal event and the events
directly tied to it.
With --json, one JSON object per line (the fields of 'show story --json'
without summary and claims).`,
		Example: `  storyline stories
  storyline stories --entity "Antony Blinken" --json`,
		Args: exactArgs(0, "no arguments (filter with --entity, --source, --from, --to)"),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			store, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			if err := l.check(ctx, store, "stories"); err != nil {
				return err
			}
			sts, err := store.Stories(ctx, storyline.StoryFilter{Entity: l.entity, Source: l.source,
				From: l.from, To: l.to, Limit: l.limit, Offset: l.offset})
			if err != nil {
				return err
			}
			if l.asJSON {
				return encodeLines(sts)
			}
			if len(sts) == 0 {
				fmt.Fprintln(os.Stderr, "no stories (ingest articles first, or loosen the filter)")
				return nil
			}
			fmt.Printf("%-14s %-22s %6s %8s  %s\n", "ID", "DAYS", "EVENTS", "SOURCES", "TITLE")
			for _, st := range sts {
				fmt.Printf("%-14s %-22s %6d %8s  %s\n", st.ID, span(st.Start, st.End), len(st.Events), sources(st.Sources), show.Clip(st.Title, 80))
			}
			return nil
		},
	}
	l.add(c)
	return c
}

func newShowEventCmd(g *globals) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "event ID",
		Short: "Show an event: title, days, places, participants, articles and evidence",
		Long: `Show one event: its title, days, places, participants (with the roles the
articles give them), its articles grouped by origin (copies folded under
the article they copy) with the number of independent sources, and for
each article the evidence of its membership: whether it joined the event
or started it, the probability of the decision against its threshold,
and the signals that weighed most (tf-idf cosine, shared entities and
places, date distance, shared passages …). Then the cited summary, the
claims with their status and the quotes, when described. ID is the
event's id, a unique prefix, or an old id of an event merged into it.
With --json, one JSON object: the event, "memberships" (article, event,
story, evidence with every signal) and "changes" (merges and splits).`,
		Example: `  storyline show event ev3f9c2a41b0e
  storyline show event ev3f9c --json`,
		Args: exactArgs(1, "an event ID"),
		RunE: func(c *cobra.Command, args []string) error {
			return showOne(c, g, "event", args[0], "try 'storyline events'", asJSON, show.Event,
				func(_ context.Context, _ storyline.Store, d *show.EventDetail) error {
					printEvent(d)
					return nil
				})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

func printEvent(d *show.EventDetail) {
	e := &d.Event
	fmt.Println(e.Title)
	fmt.Printf("%-13s %s\n", "id", e.ID)
	fmt.Printf("%-13s %s  %s\n", "story", e.Story, d.StoryTitle)
	fmt.Printf("%-13s %s\n", "days", span(e.Start, e.End))
	fmt.Printf("%-13s %s\n", "places", refNames(e.Places))
	fmt.Printf("%-13s %s\n", "participants", refNames(e.Participants))
	fmt.Printf("%-13s %d articles from %d independent sources\n", "sources", e.Sources.Articles, e.Sources.Independent)
	printSummary(e.Summary)
	printClaims(e.Claims)
	if len(e.Quotes) > 0 {
		fmt.Printf("\nquotes (%d):\n", len(e.Quotes))
		for _, q := range e.Quotes {
			who := q.SpeakerName
			if who == "" {
				who = "(unattributed)"
			}
			fmt.Printf("  %s: “%s” [%s]\n", who, show.Clip(q.Text, 120), short(q.Article))
		}
	}
	evidence := map[string]storyline.Evidence{}
	for _, m := range d.Memberships {
		evidence[m.Article] = m.Evidence
	}
	fmt.Printf("\narticles, by origin (copies folded under it):\n")
	for _, g := range d.Groups {
		a := g.Origin
		fmt.Printf("  %s %-10s %s\n      %s\n", a.ID, day(a.Published), show.Clip(a.Headline, 70), why(evidence[a.ID]))
		for _, c := range g.Copies {
			fmt.Printf("      copy: %s %-10s %s\n", c.ID, day(c.Published), show.Clip(c.Headline, 60))
		}
	}
	printChanges(d.Changes)
}

// printChanges lists the merges and splits of an ID.
func printChanges(changes []storyline.IDChange) {
	for _, ch := range changes {
		fmt.Printf("\n%s: %s → %s (%s, %s)\n", ch.Kind, ch.Old, ch.New, ch.Reason, ch.At.Format("2006-01-02 15:04"))
	}
}

// why says in one line how an article came into its event: the decision
// and its three strongest signals.
func why(ev storyline.Evidence) string {
	d := ev.Event
	if d.Offline {
		line := "reclustered: alone, no other article links to it enough"
		if d.Joined {
			line = fmt.Sprintf("reclustered: p=%.2f on average with the event's other articles (events merged from %.2f)", d.Score, d.Threshold)
		}
		if d.CloseCall() {
			line += fmt.Sprintf("; a close call: %s links p=%.2f on average too", d.RunnerUp, d.RunnerUpScore)
		}
		return line
	}
	if d.Best == "" && d.Candidates == 0 && !d.Joined {
		return "started the event (no candidate event)"
	}
	verb := "started the event"
	if d.Joined {
		verb = "joined"
	}
	sig := slices.Clone(d.Signals)
	sort.SliceStable(sig, func(i, j int) bool { return abs(sig[i].Contribution) > abs(sig[j].Contribution) })
	var parts []string
	for _, s := range sig {
		if s.Name == "bias" || s.Contribution == 0 || len(parts) == 3 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %.2f (%+.1f)", s.Name, s.Value, s.Contribution))
	}
	line := fmt.Sprintf("%s: p=%.2f vs threshold %.2f over %d candidates", verb, d.Score, d.Threshold, d.Candidates)
	if !d.Joined && d.Best != "" {
		line += "; nearest " + d.Best
	}
	if len(parts) > 0 {
		line += "; " + strings.Join(parts, ", ")
	}
	if d.CloseCall() {
		line += fmt.Sprintf("; a close call: %s scored p=%.2f too", d.RunnerUp, d.RunnerUpScore)
	}
	return line
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func day(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return orDash(s)
}

// refNames lists entities with their roles.
func refNames(refs []storyline.EntityRef) string {
	if len(refs) == 0 {
		return "-"
	}
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = r.Name
		if len(r.Roles) > 0 {
			parts[i] += " (" + r.Roles[0] + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// printSummary writes a cited summary, each sentence with its sources.
func printSummary(sum []storyline.SummarySentence) {
	if len(sum) == 0 {
		return
	}
	fmt.Println("\nsummary:")
	for _, s := range sum {
		cites := make([]string, len(s.Sources))
		for i, id := range s.Sources {
			cites[i] = short(id)
		}
		fmt.Printf("  %s [%s]\n", s.Text, strings.Join(cites, ", "))
	}
}

// maxClaimsShown is how many claim groups the text output lists.
const maxClaimsShown = 12

// printClaims writes the claim groups with their status: those that
// several sources give first, at most maxClaimsShown.
func printClaims(groups []storyline.ClaimGroup) {
	if len(groups) == 0 {
		return
	}
	fmt.Printf("\nclaims (%d):\n", len(groups))
	groups = slices.Clone(groups)
	sort.SliceStable(groups, func(i, j int) bool {
		return groups[i].Status != storyline.ClaimSingle && groups[j].Status == storyline.ClaimSingle
	})
	if n := len(groups) - maxClaimsShown; n > 0 {
		defer fmt.Printf("  … and %d more (--json lists them all)\n", n)
		groups = groups[:maxClaimsShown]
	}
	for _, g := range groups {
		what := g.Counted
		if g.Where != "" {
			what += " in " + g.Where
		}
		var vals []string
		for _, cl := range g.Claims {
			v := cl.Text
			if cl.AsOf != "" {
				v += " as of " + cl.AsOf
			}
			vals = append(vals, v+" ["+short(cl.Article)+"]")
		}
		fmt.Printf("  %-10s %s: %s\n", g.Status, what, strings.Join(vals, "; "))
	}
}

func newShowStoryCmd(g *globals) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "story ID",
		Short: "Show a story: title, span, participants and its events in date order",
		Long: `Show one story: its title, the days its events span, its main
participants, the number of articles and independent sources, its cited
summary and claims when described, and its events in date order (undated
ones last), each with its days, sources, place and title. ID is the
story's id, a unique prefix, or an old id of a story merged into it.
With --json, one JSON object: the story, "timeline" (its events, in
order, without summaries) and "changes".`,
		Example: `  storyline show story st3f9c2a41b0e
  storyline show story st3f9c --json`,
		Args: exactArgs(1, "a story ID"),
		RunE: func(c *cobra.Command, args []string) error {
			return showOne(c, g, "story", args[0], "try 'storyline stories'", asJSON, show.Story,
				func(_ context.Context, _ storyline.Store, d *show.StoryDetail) error {
					fmt.Println(d.Title)
					fmt.Printf("%-13s %s\n", "id", d.ID)
					fmt.Printf("%-13s %s\n", "days", span(d.Start, d.End))
					fmt.Printf("%-13s %s\n", "participants", refNames(d.Participants))
					fmt.Printf("%-13s %d events, %d articles from %d independent sources\n", "sources", len(d.Events), d.Sources.Articles, d.Sources.Independent)
					printSummary(d.Summary)
					printClaims(d.Claims)
					fmt.Println()
					printEvents(d.Timeline)
					printChanges(d.Changes)
					return nil
				})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

func newTimelineCmd(g *globals) *cobra.Command {
	var (
		story, entity string
		asJSON        bool
	)
	c := &cobra.Command{
		Use:   "timeline (--story ID | --entity ID) [--json]",
		Short: "The dated events of a story or an entity, oldest first; a person's itinerary",
		Long: `List the dated events of a story (--story) or of the events an entity's
articles report (--entity), oldest first, each with its days, sources,
place and title. For a person, also their itinerary: the places the
events they take part in put them at, by date (cities when the event
names any). Undated events are left out.
With --json, one JSON object: "events" and, for an entity, "itinerary"
([{date, place, event}]).`,
		Example: `  storyline timeline --story st3f9c2a41b0e
  storyline timeline --entity "Antony Blinken"`,
		Args: exactArgs(0, "no arguments (give --story or --entity)"),
		RunE: func(c *cobra.Command, args []string) error {
			if (story == "") == (entity == "") {
				return usageError{fmt.Errorf("timeline: give either --story or --entity\nRun '%s --help' for usage.", c.CommandPath())}
			}
			ctx := c.Context()
			store, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			var f storyline.EventFilter
			var who *storyline.Entity
			if story != "" {
				st, err := store.Story(ctx, story)
				if err != nil {
					return fmt.Errorf("timeline: --story: %w", err)
				}
				f.Story = st.ID
			} else if who, err = show.FindEntity(ctx, store, entity); err != nil {
				return fmt.Errorf("timeline: --entity: %w", err)
			}
			t, err := show.TimelineOf(ctx, store, f, who)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				enc.SetEscapeHTML(false)
				return enc.Encode(t)
			}
			if len(t.Events) == 0 {
				fmt.Fprintln(os.Stderr, "no dated events")
				return nil
			}
			printEvents(t.Events)
			printItinerary(t.Itinerary)
			return nil
		},
	}
	c.Flags().StringVar(&story, "story", "", "the story (id or prefix)")
	c.Flags().StringVar(&entity, "entity", "", "the entity (id, prefix, name or part of a name)")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

// printItinerary lists a person's places by date; nothing for nil.
func printItinerary(stops []storyline.Stop) {
	if stops == nil {
		return
	}
	fmt.Println("\nitinerary:")
	if len(stops) == 0 {
		fmt.Println("  (no dated event places this person anywhere)")
	}
	for _, s := range stops {
		where := s.Place.Name
		if s.Place.Place != nil && s.Place.Place.Country != "" && s.Place.Place.Kind != "country" {
			where += ", " + s.Place.Place.Country
		}
		fmt.Printf("  %s  %-28s %s\n", s.Date, where, s.Event)
	}
}
