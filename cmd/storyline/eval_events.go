package main

import (
	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
)

func newEvalEventsCmd() *cobra.Command {
	var (
		data   string
		orders int
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "events [--data DIR] [--orders N] [--json]",
		Short: "Score online event and story clustering on ECB+, TAC 2011 and MEANTIME",
		Long: `Annotate the articles of the shared dev data (entities, dates), cluster them
online into events and stories with the shipped model (package cluster,
trained on ECB+ topics 1-10 by cluster/internal/traincluster), and print
B-cubed and pairwise precision, recall and F1, as means over N shuffled
arrival orders (and the worst order's B-cubed F1):
  event level   ECB+ topics 11-20 (the test topics) and topics 1-20 (partly
                trained); gold event = topic and sub-corpus (ecb, ecbplus)
  story level   ECB+ (story = topic), TAC 2011 (10 stories) and MEANTIME
                (4 sub-corpora, coarse), the last two also in publication order

The baseline, tfidf-baseline, is the same online clusterer deciding on the
tf-idf cosine alone, its thresholds tuned here on ECB+ topics 1-10.`,
		Example: `  storyline eval events
  storyline eval events --data ../shared/data --orders 10 --json > events.json`,
		Args: exactArgs(0, "no arguments (use --data DIR)"),
		RunE: func(c *cobra.Command, args []string) error {
			if err := needDataDir("events", data); err != nil {
				return err
			}
			rep, err := eval.RunEvents(eval.EventsOptions{Data: data, Orders: orders})
			if err != nil {
				return err
			}
			return printReport(rep, asJSON)
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data", "the shared dev data folder (with ecbplus-dev, tac2011, meantime)")
	c.Flags().IntVar(&orders, "orders", 5, "shuffled arrival orders per set")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}
