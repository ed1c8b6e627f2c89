package main

import (
	"context"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/ingest"
)

// ingestFlags are the flags of ingest and run.
type ingestFlags struct {
	maxSize int64
	workers int
	quiet   bool
}

func (f *ingestFlags) register(c *cobra.Command) {
	c.Flags().Int64Var(&f.maxSize, "max-size", ingest.DefaultMaxArticleBytes, "largest article to read, in bytes; larger ones are skipped")
	c.Flags().IntVar(&f.workers, "workers", 0, "cleaning goroutines (default: number of CPUs)")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "do not list skipped inputs one by one (the summary still counts them)")
}

func newIngestCmd(g *globals) *cobra.Command {
	var f ingestFlags
	c := &cobra.Command{
		Use:   "ingest PATH... | -",
		Short: "Read, clean and store articles from files, folders or stdin",
		Long: `Read articles from files, folders (recursively) or stdin ("-"), clean them
and store them.

Formats, by extension, each also as .gz:
  .txt .text       one article; title, date line, byline and scraping
                   residue are recognised from the text
  .html .htm       one web page; main text and metadata are extracted
  .jsonl .ndjson   one article per line: {"id","url","source","title",
                   "published","text" or "html"}
  .json            one such object, an array of them, or a stream
stdin is sniffed: JSON lines, HTML or plain text.

The same content twice is stored once. Unreadable, binary, non-UTF-8 or
oversized inputs are reported and skipped; the rest goes on. Interrupting
(Ctrl-C, or even kill -9) and running again loses and duplicates nothing.`,
		Example: `  storyline ingest examples/seeds
  storyline ingest corpus.jsonl.gz pages/
  curl -s https://example.org/story.html | storyline ingest -`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("ingest needs at least one PATH or - for stdin\nRun 'storyline ingest --help' for usage.")}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			_, err := runIngest(c.Context(), g, f, args)
			return err
		},
	}
	f.register(c)
	return c
}

// runIngest ingests paths into the store, showing progress on a terminal
// and printing the one-line summary to stderr.
func runIngest(ctx context.Context, g *globals, f ingestFlags, paths []string) (ingest.Summary, error) {
	store, err := g.openStore(ctx)
	if err != nil {
		return ingest.Summary{}, err
	}
	defer store.Close()
	return ingestInto(ctx, store, f, paths, nil)
}

// ingestInto ingests paths into store; onStored, when set, sees every
// article stored or found present.
func ingestInto(ctx context.Context, store storyline.Store, f ingestFlags, paths []string, onStored func(*storyline.Article, bool)) (ingest.Summary, error) {
	plan := ingest.PlanInputs(paths)
	var bar *progressbar.ProgressBar
	if term.IsTerminal(int(os.Stderr.Fd())) {
		total := plan.Bytes
		if total == 0 {
			total = -1
		}
		bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	}
	opt := ingest.Options{MaxArticleBytes: f.maxSize, Workers: f.workers, OnStored: onStored}
	opt.OnSkip = func(e *ingest.SkipError) {
		if f.quiet {
			return
		}
		if bar != nil {
			bar.Clear()
		}
		fmt.Fprintf(os.Stderr, "skip %s\n", e)
	}
	if bar != nil {
		opt.OnProgress = func(done int64) { bar.Set64(done) }
	}
	sum, err := ingest.Run(ctx, store, plan, opt)
	if bar != nil {
		bar.Finish()
	}
	if err == context.Canceled {
		fmt.Fprintln(os.Stderr, "interrupted: "+sum.String())
		return sum, fmt.Errorf("ingest interrupted; run it again to finish (nothing is lost or duplicated)")
	}
	fmt.Fprintln(os.Stderr, sum.String())
	if err != nil {
		return sum, fmt.Errorf("ingest: %w", err)
	}
	return sum, nil
}
