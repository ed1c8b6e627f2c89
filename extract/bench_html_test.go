package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/markusmobius/go-trafilatura"
)

// readabilityDir holds the shared dev pages (absent on a bare clone).
var readabilityDir = filepath.Join("..", "..", "shared", "data", "readability")

// readabilityPages returns the readability dev pages, skipping b when they are absent.
func readabilityPages(tb testing.TB) (pages []string, size int64) {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(readabilityDir, "*.html"))
	if len(files) == 0 {
		tb.Skipf("no pages in %s", readabilityDir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, string(b))
		size += int64(len(b))
	}
	return pages, size
}

// benchReadability runs extract over every page once per op and reports ms/page.
func benchReadability(b *testing.B, extract func(string) error) {
	pages, size := readabilityPages(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			if err := extract(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(pages)), "ms/page")
}

// BenchmarkHTML measures HTML on the readability pages (one op: all pages).
func BenchmarkHTML(b *testing.B) {
	benchReadability(b, func(p string) error {
		_, err := HTML(p, "")
		return err
	})
}

// BenchmarkTrafilatura measures plain go-trafilatura (default options) on
// the same pages, the yardstick for HTML's speed.
func BenchmarkTrafilatura(b *testing.B) {
	benchReadability(b, func(p string) error {
		_, err := trafilatura.Extract(strings.NewReader(p), trafilatura.Options{})
		return err
	})
}

// BenchmarkHTMLVsTrafilatura runs HTML and plain go-trafilatura on each
// page in turn and reports the ratio of their times, which holds up
// better than two separate benchmarks on a busy machine. The target is a
// ratio of at most 1.3.
func BenchmarkHTMLVsTrafilatura(b *testing.B) {
	pages, size := readabilityPages(b)
	b.SetBytes(2 * size)
	var mine, theirs time.Duration
	for b.Loop() {
		for _, p := range pages {
			start := time.Now()
			if _, err := HTML(p, ""); err != nil {
				b.Fatal(err)
			}
			mid := time.Now()
			if _, err := trafilatura.Extract(strings.NewReader(p), trafilatura.Options{}); err != nil {
				b.Fatal(err)
			}
			mine += mid.Sub(start)
			theirs += time.Since(mid)
		}
	}
	n := float64(b.N * len(pages))
	b.ReportMetric(float64(mine.Microseconds())/1000/n, "html-ms/page")
	b.ReportMetric(float64(theirs.Microseconds())/1000/n, "trafilatura-ms/page")
	b.ReportMetric(float64(mine)/float64(theirs), "ratio")
}
