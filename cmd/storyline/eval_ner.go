package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/eval"
)

func newEvalNERCmd() *cobra.Command {
	var (
		data, set, pred string
		asJSON          bool
	)
	c := &cobra.Command{
		Use:   "ner [--data DIR] [--set conll-valid|meantime] [--pred FILE] [--json]",
		Short: "Score named-entity tagging against gold entities",
		Long: `Run storyline's named-entity tagger (package ner) on the documents of a
gold ner.jsonl ({"id","text","entities":[{"start","end","type"}]}, UTF-8
byte offsets) and print its scores, or score the predictions of another
system given with --pred FILE (JSONL of {"id","entities":[...]}, e.g. as
written by go run ./eval/internal/prosener).

Sets (under --data, the shared dev data folder):
  conll-valid   CoNLL-2003 validation split, 216 Reuters documents
                (conll2003/ner.jsonl, ids valid-*); the tagger chose its
                epochs and features on it, so it is a dev figure
  meantime      MEANTIME, 120 Wikinews articles (annotated region only);
                never used in training or tuning. MEANTIME marks full
                extents ("the U.S. Air Force"), so exact scores of a
                CoNLL-style tagger are low: read the overlap rows too
  conll-train   the training split (a sanity check: how well it fits)

Scores:
  exact              micro precision, recall and F1 over entities with the
                     same start, end and type (conlleval), and per type
                     (precision by predicted type, recall by gold type)
  overlap, untyped   a prediction is right when it overlaps any gold
                     entity, a gold entity found when any prediction
                     overlaps it, types ignored (relaxed)
  overlap, typed     the same with types required to agree`,
		Example: `  storyline eval ner --set conll-valid
  storyline eval ner --data ../shared/data --set meantime --json
  go run ./eval/internal/prosener < ../shared/data/meantime/ner.jsonl > /tmp/prose.jsonl
  storyline eval ner --set meantime --pred /tmp/prose.jsonl`,
		Args: exactArgs(0, "no arguments (use --data DIR and --set NAME)"),
		RunE: func(c *cobra.Command, args []string) error {
			if _, ok := eval.NERSets[set]; !ok {
				return usageError{fmt.Errorf("--set must be conll-valid, meantime or conll-train, not %q\nRun '%s --help' for usage.", set, c.CommandPath())}
			}
			if err := needDataDir("ner", data); err != nil {
				return err
			}
			return eval.RunNER(eval.NEROptions{Data: data, Set: set, Pred: pred, JSON: asJSON}, c.OutOrStdout())
		},
	}
	c.Flags().StringVar(&data, "data", "../shared/data", "the shared dev data folder (with conll2003/ and meantime/)")
	c.Flags().StringVar(&set, "set", "conll-valid", "which set: conll-valid, meantime or conll-train")
	c.Flags().StringVar(&pred, "pred", "", "score this predictions JSONL instead of running storyline")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return c
}
