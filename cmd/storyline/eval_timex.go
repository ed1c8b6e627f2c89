package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
	"github.com/storyline/storyline/timex"
)

func newEvalTimexCmd() *cobra.Command {
	var (
		data, set string
		asJSON    bool
		errors    int
		sentences bool
	)
	c := &cobra.Command{
		Use:   "timex [--data DIR] [--set tempeval3|meantime] [--json]",
		Short: "Score time-expression tagging and resolution (TempEval-3 style)",
		Long: `Run storyline's time-expression tagger (package timex) on annotated news and
score it in the manner of TempEval-3. Each document is tagged with its
publication date (the DCT) as the anchor of relative expressions.

Sets (under --data):
  tempeval3   tempeval3-train/timex.jsonl, TimeBank + AQUAINT (256 docs),
              split into the tuned part (4 documents of 5) and the held-out
              part (every 5th document, never looked at while writing rules),
              then both together
  meantime    meantime/timex.jsonl, 120 Wikinews articles (headline, date
              line and first four sentences), not tuned on

Metrics (a predicted and a gold expression are paired one-to-one when they
overlap, exact matches first):
  relaxed P/R/F1  paired expressions over predicted / gold
  strict P/R/F1   the same, counting only exact offsets
  value acc       share of the paired expressions with the gold TIMEX3 value
  value P/R/F1    paired and with the gold value, over predicted / gold: the
                  TempEval-3 ranking figure
  type acc        share of the paired expressions with the gold type (DATE,
                  TIME, DURATION, SET)

With --sentences, the dates timex.SentenceDates gives each sentence are
scored instead, against a proxy built from the same gold (there is no gold
for sentence dates): a sentence whose only gold DATE/TIME expression is
day-precise should get that day; one whose only one is coarser (a month, a
week, a year; PRESENT_REF = the publication date) that value; one with
several, one of their values; one with no gold expression at all, the
publication date. Each class is shown beside the baseline that dates every
sentence with the publication date, then the accuracy by confidence.

With --errors N, the first N mismatches of the tuned part are printed
(missed, spurious, extent, value, type), for rule writing.`,
		Example: `  storyline eval timex
  storyline eval timex --set meantime --json
  storyline eval timex --set tempeval3 --errors 50
  storyline eval timex --sentences`,
		Args: exactArgs(0, "no arguments (use --data DIR)"),
		RunE: func(c *cobra.Command, args []string) error {
			if set != "" && set != "tempeval3" && set != "meantime" {
				return usageError{fmt.Errorf("--set must be tempeval3 or meantime, not %q\nRun '%s --help' for usage.", set, c.CommandPath())}
			}
			if err := needDataDir("timex", data); err != nil {
				return err
			}
			if sentences {
				rep, err := eval.RunSentenceDates(data, set, timex.Tag, timex.SentenceDates)
				if err != nil {
					return err
				}
				if asJSON {
					return rep.WriteJSON(os.Stdout)
				}
				return rep.WriteTable(os.Stdout)
			}
			rep, err := eval.RunTimex(data, set, timex.Tag, errors > 0)
			if err != nil {
				return err
			}
			if asJSON {
				return rep.WriteJSON(os.Stdout)
			}
			if err := rep.WriteTable(os.Stdout); err != nil {
				return err
			}
			n := 0
			for _, s := range rep.Scores {
				for _, e := range s.Errors {
					if n >= errors {
						break
					}
					n++
					fmt.Printf("%-8s %s gold=%q got=%q dct=%s\n         %s\n", e.Kind, e.Doc, e.Gold, e.Got, e.Published, e.Context)
				}
			}
			return nil
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data", "the shared dev data folder (with tempeval3-train and meantime)")
	c.Flags().StringVar(&set, "set", "", "score one set only: tempeval3 or meantime (default both)")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	c.Flags().IntVar(&errors, "errors", 0, "print the first N mismatches of the tuned part")
	c.Flags().BoolVar(&sentences, "sentences", false, "score the sentence dates (timex.SentenceDates) against a proxy from the gold expressions")
	return c
}
