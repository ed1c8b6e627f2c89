package reuse

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/synth"
)

// BenchmarkSignature: tokenising, hashing and winnowing one 600-word
// article, and sorting its shingles for comparisons (Prepare) apart.
func BenchmarkSignature(b *testing.B) {
	src := synth.New(1)
	texts := make([]string, 64)
	for i := range texts {
		texts[i] = src.Text(600)
	}
	for _, prepare := range []bool{false, true} {
		name := "words+fingerprints"
		if prepare {
			name = "and-prepare"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				s := NewSignature(texts[i%len(texts)])
				if prepare {
					s.Prepare()
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// loadedDetector returns a detector indexing n synthetic 600-word articles.
func loadedDetector(b *testing.B, n int) *Detector {
	src := synth.New(2)
	d := NewDetector(func(string) (string, error) { return "", fmt.Errorf("no text in this benchmark") }, 0)
	for i := range n {
		sig := NewSignature(src.Text(600))
		fps := make([]uint32, len(sig.Fingerprints))
		for j, f := range sig.Fingerprints {
			fps[j] = f.Hash
		}
		d.Load(storyline.ReuseEntry{ID: fmt.Sprintf("a%d", i), Published: "2024-01-01", Fingerprints: fps, Indexed: true})
	}
	return d
}

// BenchmarkSignatureAndLookup: the per-article cost of reuse detection
// before verification: the signature and the candidate look-up in an index
// of 100,000 articles (synthetic 600-word articles, which share nothing,
// so no candidate needs verifying). Also reports the index's memory.
func BenchmarkSignatureAndLookup(b *testing.B) {
	const stored = 100_000
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := loadedDetector(b, stored)
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	src := synth.New(3)
	texts := make([]string, 64)
	for i := range texts {
		texts[i] = src.Text(600)
	}
	b.ResetTimer()
	cands := 0
	i := 0
	for b.Loop() {
		cands += len(d.candidates(NewSignature(texts[i%len(texts)])))
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(cands)/float64(b.N), "candidates/article")
	b.ReportMetric(float64(d.IndexBytes())/stored, "index-B/article")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/stored, "heap-B/article")
	b.ReportMetric(float64(d.index.Len())/stored, "postings/article")
}

// BenchmarkCompare: verifying one candidate pair, two 600-word articles
// that share a passage of about 100 words (signatures computed before).
func BenchmarkCompare(b *testing.B) {
	src := synth.New(4)
	shared := src.Text(100)
	x := Side{Sig: NewSignature(src.Text(250) + "\n\n" + shared + "\n\n" + src.Text(250))}
	y := Side{Sig: NewSignature(src.Text(400) + "\n\n" + shared + "\n\n" + src.Text(100))}
	b.ReportAllocs()
	for b.Loop() {
		if p := Compare(x, y); len(p.Passages) == 0 {
			b.Fatal("no shared passage")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// BenchmarkObserveWireGroup: observing one more copy of a wire story that
// the detector already holds size copies of (each under its own first
// paragraph), the worst case for group bookkeeping. Each iteration adds
// a copy, so run it with a small -benchtime (20x).
func BenchmarkObserveWireGroup(b *testing.B) {
	for _, size := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("copies=%d", size), func(b *testing.B) {
			src := synth.New(5)
			story := src.Text(600)
			d := NewDetector(func(string) (string, error) { return "", fmt.Errorf("no text in this benchmark") }, 0)
			d.cache = newSigCache(2 * (size + 64))
			observe := func(i int) {
				a := &storyline.Article{ID: fmt.Sprintf("c%d", i), Published: "2024-01-01", Text: src.Text(30) + "\n\n" + story}
				if err := d.Observe(a, nil); err != nil {
					b.Fatal(err)
				}
			}
			for i := range size {
				observe(i)
			}
			i := size
			for b.Loop() {
				observe(i)
				i++
			}
		})
	}
}
