package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/annotate"
)

func newAnnotateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "annotate < articles.jsonl",
		Short: "Find named entities and time expressions in articles on stdin (no database)",
		Long: `Read articles on stdin and write one JSON line per article on stdout with
the named entities and the time expressions found in it:

  {"id": "...", "entities": [{"start": 0, "end": 14, "text": "Antony Blinken",
   "type": "PER", "entity": "eb27deeff7dbc"}],
   "timexes": [{"start": 40, "end": 50, "text": "on Tuesday", "type": "DATE",
   "value": "2024-02-06"}]}

Input is article JSONL (one {"id", "text"} or {"id", "html"} object per
line, the article input format) or else plain text, read as one article
with id "-". Offsets are UTF-8 byte offsets into the text as given, end
exclusive; for an "html" article into the text extracted from the page,
which the output line then carries as "text". Entity types are PER, ORG,
LOC and MISC (CoNLL-2003 classes). Mentions of one person, organisation
or place get one entity id across all the articles of the input. Time
expressions have TIMEX3 types (DATE, TIME, DURATION, SET) and values
resolved against the article's "published" date ("on Tuesday" in a
report published on Tuesday 2024-02-06 is 2024-02-06); without one,
relative expressions keep an unresolved value.

annotate touches no database: it is the recognition and resolution of
ingest, for use in pipelines and for evaluation. Bad lines are reported
on stderr and skipped.`,
		Example: `  storyline annotate < articles.jsonl > annotated.jsonl
  echo '{"id":"x","published":"2024-02-06","text":"Blinken met el-Sisi in Cairo on Tuesday."}' | storyline annotate`,
		Args: exactArgs(0, "no arguments (articles come on stdin)"),
		RunE: func(c *cobra.Command, args []string) error {
			an, err := annotate.New()
			if err != nil {
				return err
			}
			sum, err := an.Stream(c.Context(), os.Stdin, os.Stdout)
			if err != nil {
				return err
			}
			for _, s := range sum.Skipped {
				fmt.Fprintln(os.Stderr, "storyline: annotate: skipped", s)
			}
			if len(sum.Skipped) > 0 {
				fmt.Fprintf(os.Stderr, "annotated %d articles, skipped %d\n", sum.Articles, len(sum.Skipped))
			}
			return nil
		},
	}
}
