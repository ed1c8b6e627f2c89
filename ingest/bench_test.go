package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/synth"
	"github.com/storyline/storyline/sqlite"
)

// sharedData is the labelled data folder beside the repository; benchmarks
// on it skip when it is absent.
var sharedData = filepath.Join("..", "..", "shared", "data")

// benchIngest ingests path into a new SQLite store b.N times with one
// cleaning worker, and reports articles/s and MB/s of input.
func benchIngest(b *testing.B, path string) {
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no data: %v", err)
	}
	plan := PlanInputs([]string{path})
	b.SetBytes(plan.Bytes)
	articles := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		store, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Run(context.Background(), store, plan, Options{Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		articles += sum.Ingested + sum.Present
		b.StopTimer()
		store.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkIngestECBPlus(b *testing.B) {
	benchIngest(b, filepath.Join(sharedData, "ecbplus-dev", "articles.jsonl"))
}

func BenchmarkIngestMEANTIME(b *testing.B) {
	benchIngest(b, filepath.Join(sharedData, "meantime", "articles.jsonl"))
}

func BenchmarkIngestGigaword(b *testing.B) {
	benchIngest(b, filepath.Join(sharedData, "gigaword-silver", "articles.jsonl"))
}

func BenchmarkIngestReadabilityHTML(b *testing.B) {
	benchIngest(b, filepath.Join(sharedData, "readability"))
}

// BenchmarkIngestGenerated100k ingests 100,000 generated 600-word articles
// (one JSONL file, about 420 MB) into a new store with default workers:
// 85% originals, 10% copies (the first half of an earlier article, with a
// new first paragraph) and 5% that borrow a paragraph from an earlier
// article, so that reuse verification runs. Slow: run it with -benchtime 1x.
func BenchmarkIngestGenerated100k(b *testing.B) {
	n := 100_000
	if s := os.Getenv("STORYLINE_BENCH_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	path := filepath.Join(b.TempDir(), "generated.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	src := synth.New(7)
	enc := json.NewEncoder(f)
	texts := make([]string, 0, n)
	var copies, borrows int
	for i := range n {
		text := src.Text(600)
		switch r := src.IntN(100); {
		case r < 10 && i > 0:
			earlier := texts[src.IntN(len(texts))]
			text = src.Text(40) + "\n\n" + earlier[:len(earlier)/2]
			copies++
		case r < 15 && i > 0:
			paras := strings.Split(texts[src.IntN(len(texts))], "\n\n")
			text += "\n\n" + paras[src.IntN(len(paras))]
			borrows++
		}
		texts = append(texts, text)
		rec := map[string]string{"id": fmt.Sprintf("g%06d", i), "text": text,
			"published": time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC).Format(time.RFC3339)}
		if err := enc.Encode(rec); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	texts = nil
	plan := PlanInputs([]string{path})
	b.SetBytes(plan.Bytes)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		store, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Run(context.Background(), store, plan, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(sum.Copies), "copies")
		b.ReportMetric(float64(sum.Reusing), "reusing")
		store.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.Logf("generated %d copies and %d borrowings", copies, borrows)
}
