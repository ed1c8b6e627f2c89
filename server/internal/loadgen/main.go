// Command loadgen measures the latency of storyline serve under load.
//
//	go run ./server/internal/loadgen corpus -n 100000 -out corpus.jsonl
//	storyline --db load.db ingest -q corpus.jsonl
//	storyline --db load.db serve --addr 127.0.0.1:18080 &
//	go run ./server/internal/loadgen run -url http://127.0.0.1:18080 -c 50 -d 60s
//
// corpus writes generated news articles (JSON lines, the article input
// of CONTRACT.md): stories of events in real cities with generated people
// and organisations, several reports of each event, some near-copies.
//
// run first reads IDs from the API (stories, events, entities, articles:
// not timed), then runs c clients for the duration d, each asking for the
// main pages and API calls in turn with random IDs (uniformly, or with
// -zipf by popularity), as fast as answered or, with -rate, paced (each
// request timed from when it was due), and prints per route the requests, errors, the
// share answered from the server's cache and latency percentiles as a
// Markdown table. It only talks to loopback addresses, and stops by
// itself.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadgen corpus|run [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "corpus":
		fs := flag.NewFlagSet("corpus", flag.ExitOnError)
		n := fs.Int("n", 100_000, "articles to write")
		seed := fs.Uint64("seed", 1, "random seed")
		out := fs.String("out", "", "file to write (default stdout)")
		fs.Parse(os.Args[2:])
		w := os.Stdout
		if *out != "" {
			if w, err = os.Create(*out); err != nil {
				break
			}
		}
		if err = corpus(w, *n, *seed); err == nil && *out != "" {
			err = w.Close()
		}
	case "run":
		fs := flag.NewFlagSet("run", flag.ExitOnError)
		cfg := config{}
		fs.StringVar(&cfg.base, "url", "http://127.0.0.1:8080", "the server (a loopback address)")
		fs.IntVar(&cfg.clients, "c", 50, "concurrent clients")
		fs.DurationVar(&cfg.duration, "d", 60*time.Second, "how long to measure (at most 10m)")
		fs.IntVar(&cfg.max, "max", 2_000_000, "stop after this many requests")
		fs.Uint64Var(&cfg.seed, "seed", 1, "random seed")
		fs.Float64Var(&cfg.rate, "rate", 0, "pace the clients to this many requests per second in all (0: as fast as answered)")
		fs.BoolVar(&cfg.zipf, "zipf", false, "pick IDs by popularity (Zipf, s = 1.1, latest stories and events, most mentioned entities first) rather than uniformly")
		fs.Parse(os.Args[2:])
		err = run(cfg, os.Stdout)
	default:
		err = fmt.Errorf("unknown mode %q: corpus or run", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}
