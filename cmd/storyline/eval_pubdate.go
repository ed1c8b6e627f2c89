package main

import (
	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
)

func newEvalPubdateCmd() *cobra.Command {
	var (
		data   string
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "pubdate [--data DIR] [--json]",
		Short: "Score publication-date inference from the text alone",
		Long: `Hide the known publication date of articles of the shared dev data, infer it
from the text alone with package pubdate, and print the scores beside a
baseline.

Datasets (the date is removed from the text where the text states it):
  gigaword-afp     tuning: 1,082 AFP wire articles (1997), published = DCT
  ecbplus-dev      tuning: the 179 ECB+ "ecbplus" web articles with a date;
                   the URL line and short dated header lines are removed
  gigaword-xin     held out: 1,370 Xinhua wire articles (2005-2006)
  tac2011          held out: 100 Wikinews articles (date line already removed)
  meantime         held out: 120 Wikinews articles, line 2 (the date line)
                   removed
  tempeval3-train  held out: 256 TimeBank/AQUAINT documents, published = DCT
Only the tuning sets were looked at while writing the rules.

Metrics, for pubdate.Infer and for the baseline (the latest explicit full
date in the text):
  coverage   share of documents with an answer
  exact      share of answers on the true day
  ±1d ±7d    share of answers within 1 / 7 / 31 days of the true day
  ±31d       (a month answer "YYYY-MM" counts only for ±31d, when the true
             day is within 31 days of the month's 15th)
  months     answers of month precision
  early/late day answers before / after the true day
and Infer's answers split by the confidence it gave.`,
		Example: `  storyline eval pubdate
  storyline eval pubdate --data ../shared/data --json > pubdate.json`,
		Args: exactArgs(0, "no arguments (use --data DIR)"),
		RunE: func(c *cobra.Command, args []string) error {
			if err := needDataDir("pubdate", data); err != nil {
				return err
			}
			rep, err := eval.RunPubdate(data)
			if err != nil {
				return err
			}
			return printReport(rep, asJSON)
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data", "the shared dev data folder (with gigaword-silver, ecbplus-dev, tac2011, meantime, tempeval3-train)")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}
