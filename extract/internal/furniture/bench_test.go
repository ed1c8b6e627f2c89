package furniture

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkScores scores the paragraphs of the bundled seed articles with
// a model of the default size; MB/s is over their text.
func BenchmarkScores(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "examples", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no seeds: %v", err)
	}
	var docs [][]string
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var paras []string
		for _, p := range strings.Split(string(data), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
				n += len(p)
			}
		}
		docs = append(docs, paras)
	}
	m := NewModel(DefaultOptions.Bits)
	var sc Scratch
	var out []float32
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			out = m.Scores(d, &sc, out[:0])
		}
	}
}
