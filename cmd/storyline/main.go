// Command storyline turns a pile or a stream of overlapping news reports
// into a deduplicated, sourced record of what happened.
//
// This package only wires: flags, the store, and output formatting. The
// work is done in the packages it imports.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/sqlite"
)

// usageError is bad usage: the exit code is 2.
type usageError struct{ error }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:]))
}

// run executes the command line and returns the exit code: 0 on success,
// 1 on failure, 2 on bad usage.
func run(ctx context.Context, args []string) int {
	root := newRoot()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintln(os.Stderr, "storyline:", err)
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") ||
		strings.HasPrefix(err.Error(), "unknown flag") {
		return 2
	}
	return 1
}

// globals are the flags every command shares.
type globals struct {
	db string
}

func newRoot() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "storyline [--db DSN] COMMAND",
		Short: "Turn overlapping news reports into a deduplicated, sourced record",
		Long: `storyline reads news articles (plain text, HTML, JSONL), cleans them and
stores them, so that they can be searched, shown and exported.

Start with:
  storyline run examples/seeds     ingest a folder and print what was found
  storyline search Blinken         full-text search
  storyline show article ID        one article, with what cleaning removed
  storyline export > corpus.jsonl  everything, one JSON line per article`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	def := os.Getenv("STORYLINE_DB")
	if def == "" {
		def = "storyline.db"
	}
	root.PersistentFlags().StringVar(&g.db, "db", def,
		"the store: a SQLite file path (created on first use); $STORYLINE_DB overrides the default")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})
	root.AddCommand(
		newIngestCmd(g),
		newRunCmd(g),
		newExportCmd(g),
		newShowCmd(g),
		newSearchCmd(g),
		newEntitiesCmd(g),
		newEventsCmd(g),
		newStoriesCmd(g),
		newTimelineCmd(g),
		newReclusterCmd(g),
		newAnnotateCmd(),
		newSummarizeCmd(),
		newEvalCmd(),
		newServeCmd(g),
	)
	return root
}

// openStore opens the store named by --db.
func (g *globals) openStore(ctx context.Context) (storyline.Store, error) {
	if strings.HasPrefix(g.db, "postgres://") || strings.HasPrefix(g.db, "postgresql://") {
		return nil, fmt.Errorf("open store: the PostgreSQL store is not available yet; use a SQLite file path")
	}
	return sqlite.Open(ctx, g.db)
}

// exactArgs is cobra.ExactArgs with a usage error naming what is expected.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s needs %s\nRun '%s --help' for usage.", c.CommandPath(), what, c.CommandPath())}
		}
		return nil
	}
}
