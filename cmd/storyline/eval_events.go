package main

import (
	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
)

func newEvalEventsCmd() *cobra.Command {
	var (
		data                string
		orders, trainOrders int
		asJSON              bool
	)
	c := &cobra.Command{
		Use:   "events [--data DIR] [--orders N] [--train-orders N] [--json]",
		Short: "Score online event and story clustering on ECB+, TAC 2011 and MEANTIME",
		Long: `Annotate the articles of the shared dev data (entities, dates), cluster them
online into events and stories, and print B-cubed and pairwise precision,
recall and F1, as means over N shuffled arrival orders (and the worst
order's B-cubed F1):
  ECB+          cross-validated by topic: a model is trained (as
                cluster/internal/traincluster does) on topics 11-20 and
                scored on topics 1-10, and the reverse; then the mean of
                the two test folds. Gold event = topic and sub-corpus (ecb,
                ecbplus), story = topic.
  TAC 2011,     story level only, with the shipped model (trained on ECB+
  MEANTIME      topics 1-20): 10 stories, and 4 coarse sub-corpora; also in
                publication order.

Each set is scored twice: "storyline", online assignment as ingest does
it, and "storyline recluster", events and stories made at once as
'recluster --offline' does (with the same models).

Two baselines, tuned on the same training data: tfidf-online, the same
online clusterer deciding on the tf-idf cosine alone, and tfidf-avglink,
offline average-link clustering of tf-idf vectors. The average-link story
threshold is also tuned on TAC 2011 and applied to ECB+ and MEANTIME, to
show whether it carries over. Training the fold models takes about half a
minute.`,
		Example: `  storyline eval events
  storyline eval events --data ../shared/data --orders 10 --json > events.json`,
		Args: exactArgs(0, "no arguments (use --data DIR)"),
		RunE: func(c *cobra.Command, args []string) error {
			if err := needDataDir("events", data); err != nil {
				return err
			}
			rep, err := eval.RunEvents(eval.EventsOptions{Data: data, Orders: orders, TrainOrders: trainOrders})
			if err != nil {
				return err
			}
			return printReport(rep, asJSON)
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data", "the shared dev data folder (with ecbplus-dev, tac2011, meantime)")
	c.Flags().IntVar(&orders, "orders", 5, "shuffled arrival orders per test set")
	c.Flags().IntVar(&trainOrders, "train-orders", 5, "shuffled arrival orders per training set")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}
