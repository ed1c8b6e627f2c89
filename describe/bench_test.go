package describe

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
)

// benchEvent returns n articles of TAC 2011 (topics in file order,
// annotated): a stand-in for an event of n articles.
func benchEvent(b *testing.B, n int) []*storyline.Article {
	b.Helper()
	f, err := os.Open("../../shared/data/tac2011/articles.jsonl")
	if err != nil {
		b.Skip("../shared/data not found")
	}
	defer f.Close()
	an, err := annotate.New()
	if err != nil {
		b.Fatal(err)
	}
	var out []*storyline.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(out) < n {
		var r struct{ ID, Text, Published string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		a := &storyline.Article{ID: r.ID, Text: r.Text, Published: r.Published}
		an.Recognise(a)
		an.Resolve(a)
		out = append(out, a)
	}
	return out
}

// BenchmarkDescribe50 summarizes 50 articles and finds their claims and
// quotes, as the describe stage does for an event of 50 articles.
func BenchmarkDescribe50(b *testing.B) {
	arts := benchEvent(b, 50)
	b.ResetTimer()
	for b.Loop() {
		Summarize(arts, SummaryOptions{})
		Claims(arts)
		Quotes(arts)
	}
}

func BenchmarkSummarize50(b *testing.B) {
	arts := benchEvent(b, 50)
	b.ResetTimer()
	for b.Loop() {
		Summarize(arts, SummaryOptions{})
	}
}

func BenchmarkSummarize100(b *testing.B) {
	arts := benchEvent(b, 100)
	b.ResetTimer()
	for b.Loop() {
		Summarize(arts, SummaryOptions{})
	}
}
