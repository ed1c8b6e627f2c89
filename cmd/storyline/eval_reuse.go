package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
	"github.com/storyline/storyline/eval/reuseset"
)

func newEvalReuseCmd() *cobra.Command {
	var (
		data, split, write string
		seed               int64
		orders             int
		asJSON             bool
	)
	c := &cobra.Command{
		Use:   "reuse [--data DIR] [--split dev|test] [--seed N] [--orders N] [--json] [--write DIR]",
		Short: "Score copy and reuse detection on a generated labelled set",
		Long: `Generate a labelled set of syndicated copies, partial reuse and hard negatives
from real articles of the shared dev data (ECB+, Gigaword, MEANTIME), run
storyline and the naive baseline on it, and print the scores.

The set (package eval/reuseset) is made of a few thousand articles:
  copies        near-copies of an original, one article per copy, by kind of
                edit: exact (same text, other source), headline (new title,
                maybe a byline line), wrapper (60–200 words of site furniture
                around it), drop (1–3 paragraphs dropped), add (1–2 paragraphs
                of another article added), edit (numbers, words, clauses in
                ~20% of sentences), reword (~30% of sentences reworded),
                truncate (the first third), lede (the first 2–3 paragraphs),
                reorder (paragraphs shuffled), two-articles (a page carrying
                the original and a second article), and combinations such as
                lede+wrapper and truncate+headline
  links         partial reuse that is not a copy: borrow (1–3 paragraphs of
                another article inserted), rewrite (~40% of the text taken
                from another article and lightly edited), version (two
                versions of a story sharing their first ~40%), two-articles
                (the page and its second article)
  negatives     pairs that must be neither grouped nor linked: same-event
                (different ECB+ articles about one event), quote (the same
                long quotation), boilerplate (the same block of site
                furniture), stock (the same stock phrase)
The dev split (ECB+ topics 1-10, first half of Gigaword) is for tuning; the
test split (ECB+ topics 11-20, second half of Gigaword, MEANTIME) for
reporting. Source articles that already share text are left out.

Metrics, for each detector:
  duplicates    precision, recall and F1 over pairs of articles put in one
                group (gold: a copy and its original, or two copies of one
                original), recall per kind of copy, and the wrongly grouped
                pairs by what the gold says of them
  partial reuse precision, recall and F1 over linked pairs (not in one
                group) against the gold links, recall per kind, wrongly
                linked pairs by gold relation, and the mean absolute error of
                the share of the first article's text covered by the second
  negatives     per kind, the pairs wrongly grouped or linked
  articles/s    over the whole set (storyline's time includes cleaning and
                storing)

The baseline, naive-containment, groups two articles when one has half of its
word 5-grams in the other, and links them from 5%.

With --orders N, storyline also runs on N shuffled orders of the items, and the
report says for each how many refs end up in another group and how many links
between groups change: results should not depend on the order of arrival.`,
		Example: `  storyline eval reuse --split dev
  storyline eval reuse --split test --json > reuse-test.json
  storyline eval reuse --data ../shared/data --seed 7 --write /tmp/reuse-set
  storyline eval reuse --split test --orders 3`,
		Args: exactArgs(0, "no arguments (use --data DIR)"),
		RunE: func(c *cobra.Command, args []string) error {
			if split != "dev" && split != "test" {
				return usageError{fmt.Errorf("--split must be dev or test, not %q\nRun '%s --help' for usage.", split, c.CommandPath())}
			}
			if err := needDataDir("reuse", data); err != nil {
				return err
			}
			set, err := reuseset.Generate(data, split, seed)
			if err != nil {
				return fmt.Errorf("eval reuse: %w", err)
			}
			if write != "" {
				if err := set.WriteJSONL(write); err != nil {
					return fmt.Errorf("eval reuse: %w", err)
				}
				fmt.Fprintf(os.Stderr, "wrote %s/articles.jsonl and %s/gold.jsonl\n", write, write)
			}
			rep, err := eval.RunReuse(c.Context(), set, eval.StorylineReuse(""), eval.NaiveContainment())
			if err != nil {
				return fmt.Errorf("eval reuse: %w", err)
			}
			if orders > 0 {
				if rep.Order, err = eval.RunReuseOrders(c.Context(), set, eval.StorylineReuse(""), orders); err != nil {
					return fmt.Errorf("eval reuse: %w", err)
				}
			}
			if asJSON {
				return rep.WriteJSON(os.Stdout)
			}
			if err := set.WriteSummary(os.Stdout); err != nil {
				return err
			}
			fmt.Println()
			return rep.WriteTable(os.Stdout)
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data", "the shared dev data folder (with ecbplus-dev, gigaword-silver, meantime)")
	c.Flags().StringVar(&split, "split", "dev", "which split to generate: dev (for tuning) or test (for reporting)")
	c.Flags().Int64Var(&seed, "seed", 1, "seed of the generator: the same seed gives the same set")
	c.Flags().IntVar(&orders, "orders", 0, "also run storyline on N shuffled orders and compare")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	c.Flags().StringVar(&write, "write", "", "also write the set to DIR/articles.jsonl and DIR/gold.jsonl")
	return c
}
