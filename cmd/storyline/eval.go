package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
)

func newEvalCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "eval KIND",
		Short: "Measure storyline's quality on labelled data",
		Long: `Measure one stage of storyline against labelled data and print the
scores (with --json, as one JSON object). KIND is:
  extract   HTML main-text extraction on the readability pages: word F1,
            4-gram shingle F1, title exact match, date accuracy, beside
            plain go-trafilatura as a baseline
  ner       named-entity tagging on CoNLL-2003 valid or MEANTIME: exact
            span-and-type P/R/F1 per type, and overlap F1
  timex     time expressions on TempEval-3 train and MEANTIME: span F1, value F1
  pubdate   publication dates inferred from the text alone: coverage, accuracy
  events    online event and story clustering: B-cubed and pairwise P/R/F1
  summaries cited summaries on TAC 2011: ROUGE-1/2 beside LexRank and Lead`,
	}
	c.AddCommand(newEvalExtractCmd())
	c.AddCommand(newEvalReuseCmd())
	c.AddCommand(newEvalEntitiesCmd())
	c.AddCommand(newEvalTimexCmd())
	c.AddCommand(newEvalNERCmd())
	c.AddCommand(newEvalPubdateCmd())
	c.AddCommand(newEvalEventsCmd())
	c.AddCommand(newEvalSummariesCmd())
	return c
}

func newEvalExtractCmd() *cobra.Command {
	var data string
	var asJSON bool
	c := &cobra.Command{
		Use:   "extract [--data DIR]",
		Short: "Score HTML extraction against gold text, titles and dates",
		Long: `Score HTML extraction on a folder of pages NAME.html with a gold.jsonl of
{"id","title","text","published"} (the layout of shared/data/readability):
word-level F1 of the main text, 4-gram shingle F1, title exact-match rate
and publication-date accuracy, for storyline and for plain go-trafilatura.`,
		Example: `  storyline eval extract --data ../shared/data/readability`,
		Args:    exactArgs(0, "no arguments (use --data DIR)"),
		RunE: func(c *cobra.Command, args []string) error {
			return eval.RunExtract(c.Context(), data, os.Stdout, asJSON)
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data/readability", "folder of NAME.html pages and gold.jsonl")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}

// needDataDir fails, naming the eval command, when dir is not a folder.
func needDataDir(kind, dir string) error {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("eval %s: data folder %s not found: give the shared dev data with --data DIR", kind, dir)
	}
	return nil
}

// report is an evaluation report, printed as a table or as JSON.
type report interface {
	WriteJSON(io.Writer) error
	WriteTable(io.Writer) error
}

// printReport prints rep on stdout, as one JSON object when asJSON.
func printReport(rep report, asJSON bool) error {
	if asJSON {
		return rep.WriteJSON(os.Stdout)
	}
	return rep.WriteTable(os.Stdout)
}
