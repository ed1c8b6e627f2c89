package main

import (
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/storyline/storyline/ingest"
)

func newReclusterCmd(g *globals) *cobra.Command {
	var byDate bool
	c := &cobra.Command{
		Use:   "recluster [--by-date]",
		Short: "Assign every stored article to events and stories again",
		Long: `Assign every stored article to an event and a story again, from nothing,
with the current model, as if the articles arrived once more: in the
order they were ingested, or with --by-date in the order of the days they
report (undated ones last), which suits a pile ingested in no particular
order. Ingest assigns articles as they arrive and never revisits its
decisions; recluster does.

IDs stay stable: each old event keeps its ID in the new event that holds
most of its articles; an old event whose articles all went elsewhere is
recorded as merged into the event that took most of them, and a new event
made of articles of an old one that lives on is recorded as split off it.
Stories likewise. Old IDs keep resolving ('show event OLD-ID' shows where
it went). Ends with a one-line summary.`,
		Example: `  storyline recluster --by-date`,
		Args:    exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			store, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			opt := ingest.ReclusterOptions{ByDate: byDate}
			if term.IsTerminal(int(os.Stderr.Fd())) {
				var bar *progressbar.ProgressBar
				opt.OnProgress = func(done, total int) {
					if bar == nil {
						bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(os.Stderr),
							progressbar.OptionSetDescription("recluster"), progressbar.OptionSetWidth(30),
							progressbar.OptionThrottle(100_000_000), progressbar.OptionClearOnFinish())
					}
					bar.Set(done)
				}
			}
			sum, err := ingest.Recluster(ctx, store, opt)
			if err != nil {
				return err
			}
			fmt.Fprintln(os.Stderr, sum)
			return nil
		},
	}
	c.Flags().BoolVar(&byDate, "by-date", false, "assign in the order of the days the articles report, not of ingest")
	return c
}
