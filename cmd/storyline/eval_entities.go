package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
)

func newEvalEntitiesCmd() *cobra.Command {
	var (
		data   string
		orders int
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "entities [--data DIR] [--json] [--orders N]",
		Short: "Score entity resolution (coreference of named mentions) on MEANTIME",
		Long: `Score entity resolution on the 120 MEANTIME Wikinews articles of the
shared dev data (DIR/meantime/ner.jsonl and articles.jsonl): the resolver
(package resolve) is run on the 1,156 gold named mentions, so that the score
measures resolution alone, not recognition. The gold identity of a mention is
its DBpedia link; a mention without one is its own entity.

Metrics, B-cubed (Bagga & Baldwin 1998) over the gold mentions: each mention's
precision is the share of its predicted entity's mentions that share its gold
identity, its recall the share of its gold entity's mentions that the
prediction puts with it; P and R are the means over all mentions.
  cross-doc     the articles resolved one by one in order of publication,
                entities shared across articles (resolve.Resolver.Add)
  within-doc    each article alone (resolve.Document), gold and predicted
                clusters cut at document borders
  by type       cross-doc, the mentions of one gold type (PER, ORG, LOC, MISC)
  entities      how many entities the system predicts, beside the gold count
Baselines: exact-text (mentions with the same text are one entity) and
head-word (mentions with the same last word, lowercased, are one).

With --orders N, the resolver also runs on N shuffled article orders (seeds
1..N) and the report gives each cross-doc score and the spread of F1: the
result should not depend much on the order articles arrive in.`,
		Example: `  storyline eval entities
  storyline eval entities --data ../shared/data --orders 3
  storyline eval entities --json > entities.json`,
		Args: exactArgs(0, "no arguments (use --data DIR)"),
		RunE: func(c *cobra.Command, args []string) error {
			if orders < 0 {
				return usageError{fmt.Errorf("--orders must be 0 or more, not %d\nRun '%s --help' for usage.", orders, c.CommandPath())}
			}
			if err := needDataDir("entities", data); err != nil {
				return err
			}
			rep, err := eval.RunEntities(data, orders)
			if err != nil {
				return err
			}
			return printReport(rep, asJSON)
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data", "the shared dev data folder (with meantime/), or a folder with ner.jsonl and articles.jsonl")
	c.Flags().IntVar(&orders, "orders", 0, "also run on N shuffled article orders and compare")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}
