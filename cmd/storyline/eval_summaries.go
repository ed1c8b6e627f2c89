package main

import (
	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
)

func newEvalSummariesCmd() *cobra.Command {
	var (
		data   string
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "summaries [--data DIR] [--json]",
		Short: "Score cited summaries with ROUGE-1 and ROUGE-2 on TAC 2011, beside LexRank and Lead",
		Long: `Summarize each topic of a TAC-style folder (articles.jsonl, gold.tsv with the
topic as "story", refs/TOPIC.*.txt human summaries) with storyline's
summarizer, LexRank (Erkan and Radev 2004) and Lead (the first words of the
most recent article), and print ROUGE-1 and ROUGE-2 recall and F1 at 100
words (ROUGE-1.5.5 -n 2 -m -l 100, model average), as means over the tuning
topics M000-M004, the held-out topics M005-M009, and all.`,
		Example: `  storyline eval summaries --data ../shared/data/tac2011
  storyline eval summaries --json > summaries.json`,
		Args: exactArgs(0, "no arguments (use --data DIR)"),
		RunE: func(c *cobra.Command, args []string) error {
			if err := needDataDir("summaries", data); err != nil {
				return err
			}
			rep, err := eval.RunSummaries(data)
			if err != nil {
				return err
			}
			return printReport(rep, asJSON)
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data/tac2011", "the TAC 2011 folder (articles.jsonl, gold.tsv, refs/)")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}
