package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/describe"
	"github.com/storyline/storyline/reuse"
)

// summaryOutput is what summarize writes: the contract's sentences, and
// the claims and quotes of the same articles.
type summaryOutput struct {
	Sentences []storyline.SummarySentence `json:"sentences"`
	Claims    []storyline.ClaimGroup      `json:"claims"`
	Quotes    []storyline.Quote           `json:"quotes"`
}

func newSummarizeCmd() *cobra.Command {
	var (
		words         int
		chronological bool
		asJSON        bool
	)
	c := &cobra.Command{
		Use:   "summarize [--words N] < articles.jsonl",
		Short: "Summarize the articles on stdin as one cluster, every sentence with its sources (no database)",
		Long: `Read articles on stdin (article JSONL, or plain text as one article), treat
them as one event, and write a cited extractive summary of about N words:

  {"sentences": [{"text": "...", "sources": ["id1", "id3"], "start": 0,
    "end": 120, "date": "2024-02-05"}],
   "claims": [...], "quotes": [...]}

Every sentence is taken whole from the first of its sources (start and end
are its byte offsets there) and lists every input article that says it or a
close paraphrase of it; ids are the input ids. Copies among the input count
once. claims are the numeric claims (people killed, wounded, displaced, held
hostage; money, percentages, distances) grouped across the articles with
whether they agree; quotes are the direct quotes with their speakers.

The input is annotated as 'storyline annotate' does (entities, dates) and
checked for copies; nothing is stored. With --json=false the summary is
printed as text, each sentence followed by its sources.`,
		Example: `  storyline summarize --words 150 < event.jsonl
  storyline summarize --json=false < event.jsonl`,
		Args: exactArgs(0, "no arguments (articles come on stdin)"),
		RunE: func(c *cobra.Command, args []string) error {
			if words < 1 {
				return usageError{fmt.Errorf("summarize: --words must be at least 1")}
			}
			an, err := annotate.New()
			if err != nil {
				return err
			}
			arts, sum, err := an.Articles(c.Context(), os.Stdin)
			if err != nil {
				return fmt.Errorf("summarize: %w", err)
			}
			for _, s := range sum.Skipped {
				fmt.Fprintln(os.Stderr, "storyline: summarize: skipped", s)
			}
			if err := markCopies(arts); err != nil {
				return fmt.Errorf("summarize: %w", err)
			}
			out := summaryOutput{
				Sentences: describe.Summarize(arts, describe.SummaryOptions{Words: words, Chronological: chronological}),
				Claims:    describe.Claims(arts),
				Quotes:    describe.Quotes(arts),
			}
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				enc.SetEscapeHTML(false)
				return enc.Encode(out)
			}
			return writeSummaryText(os.Stdout, out)
		},
	}
	c.Flags().IntVar(&words, "words", describe.DefaultWords, "the most words the summary may have")
	c.Flags().BoolVar(&chronological, "chronological", false, "order the sentences by the dates of what they report")
	c.Flags().BoolVar(&asJSON, "json", true, "print one JSON object (--json=false: text)")
	return c
}

// markCopies sets DuplicateOf of the articles that copy an earlier one
// of the input, as ingest's reuse stage does.
func markCopies(arts []*storyline.Article) error {
	texts := map[string]string{}
	det := reuse.NewDetector(func(id string) (string, error) { return texts[id], nil }, 0)
	for _, a := range arts {
		if err := det.Observe(a, nil); err != nil {
			return fmt.Errorf("copies of %s: %w", a.ID, err)
		}
		texts[a.ID] = a.Text
	}
	// groups joined by later arrivals take the origin of the later one
	origin := map[string]string{}
	for _, a := range arts {
		if a.DuplicateOf != "" {
			origin[a.ID] = a.DuplicateOf
		}
		for _, r := range a.Regroup {
			if r != a.Origin() {
				origin[r] = a.Origin()
			}
		}
	}
	root := func(id string) string {
		for i := 0; i < len(arts) && origin[id] != ""; i++ {
			id = origin[id]
		}
		return id
	}
	for _, a := range arts {
		if o := root(a.ID); o != a.ID {
			a.DuplicateOf = o
		}
	}
	return nil
}

// writeSummaryText prints a summary for people: numbered sentences with
// their sources, then the claims and the quotes.
func writeSummaryText(w io.Writer, s summaryOutput) error {
	for _, sent := range s.Sentences {
		fmt.Fprintf(w, "%s %v\n", sent.Text, sent.Sources)
	}
	if len(s.Claims) > 0 {
		fmt.Fprintln(w, "\nclaims:")
	}
	for _, g := range s.Claims {
		fmt.Fprintf(w, "  %s", g.Counted)
		if g.Where != "" {
			fmt.Fprintf(w, " in %s", g.Where)
		}
		if g.Period != "" {
			fmt.Fprintf(w, " (%s)", g.Period)
		}
		fmt.Fprintf(w, ": %s, %d source(s)\n", g.Status, g.Sources)
		for _, c := range g.Claims {
			fmt.Fprintf(w, "    %s as of %s [%s]\n", c.Text, c.AsOf, c.Article)
		}
	}
	if len(s.Quotes) > 0 {
		fmt.Fprintln(w, "\nquotes:")
	}
	for _, q := range s.Quotes {
		who := q.SpeakerName
		if who == "" {
			who = "?"
		}
		fmt.Fprintf(w, "  %s: “%s” [%s]\n", who, q.Text, q.Article)
	}
	return nil
}
