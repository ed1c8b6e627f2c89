package main

import (
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/ingest"
	"github.com/storyline/storyline/server"
)

func newServeCmd(g *globals) *cobra.Command {
	var (
		addr, token string
		maxUpload   int64
		f           ingestFlags
	)
	c := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--token TOKEN]",
		Short: "Serve the store as a JSON API and a web UI",
		Long: `Serve the store over HTTP: a web UI (stories, events, entities, articles,
search, a form to ingest files) and a JSON API under /api with every list
and show of the command line, described at /api/openapi.json.

It listens on 127.0.0.1:8080 by default, which only this machine reaches.
Writes (the ingest form, POST /api/ingest) need the token when one is given
(--token or $STORYLINE_TOKEN); listening on any other address needs one.
Stop it with Ctrl-C: requests in flight are finished first.`,
		Example: `  storyline serve
  storyline serve --addr 127.0.0.1:9000 --db news.db
  STORYLINE_TOKEN=s3cret storyline serve --addr 0.0.0.0:8080
  curl -s 'http://127.0.0.1:8080/api/stories?limit=5'
  curl -s -H 'Content-Type: application/x-ndjson' --data-binary @feed.jsonl http://127.0.0.1:8080/api/ingest`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			if token == "" {
				token = os.Getenv("STORYLINE_TOKEN")
			}
			ctx := c.Context()
			store, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			srv, err := server.New(store, server.Options{Addr: addr, Token: token, MaxUpload: maxUpload,
				Ingest: ingest.Options{MaxArticleBytes: f.maxSize, Workers: f.workers},
				Log:    slog.New(slog.NewTextHandler(os.Stderr, nil))})
			if err != nil {
				return usageError{err}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			if err := srv.Warm(ctx); err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			fmt.Fprintf(os.Stderr, "serving %s on http://%s/ (API: /api/openapi.json); Ctrl-C stops\n", g.db, ln.Addr())
			return server.Serve(ctx, ln, srv)
		},
	}
	c.Flags().StringVar(&addr, "addr", server.DefaultAddr, "address to listen on (host:port)")
	c.Flags().StringVar(&token, "token", "", "token every write must bring (default $STORYLINE_TOKEN); required off loopback")
	c.Flags().Int64Var(&maxUpload, "max-upload", server.DefaultMaxUpload, "largest ingest request, in bytes")
	f.register(c)
	return c
}
