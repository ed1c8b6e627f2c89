package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

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
