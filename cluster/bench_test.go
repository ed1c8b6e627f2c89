package cluster

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/synth"
)

// benchStream makes synthetic news: 250-word articles of Zipf pseudo-words
// (internal/synth) with a title and 10 entity mentions (Zipf over 20,000
// people, organisations and places), 300 a day from 2024-01-01. Half of
// them follow up one of the 1,000 articles before: they take its title,
// its entities and half of its text, so that events have several
// articles.
type benchStream struct {
	src  *synth.Source
	n    int
	last []*storyline.Article // the 1,000 latest
}

func newBenchStream(seed uint64) *benchStream { return &benchStream{src: synth.New(seed)} }

func (s *benchStream) next() *storyline.Article {
	i := s.n
	s.n++
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/300)
	a := &storyline.Article{ID: fmt.Sprintf("b%08d", i), Published: day.Format("2006-01-02"), Title: s.src.Text(8)}
	text := s.src.Text(250)
	if len(s.last) > 0 && s.src.IntN(2) == 0 {
		o := s.last[s.src.IntN(len(s.last))]
		a.Title = o.Title
		half := strings.Fields(o.Text)
		text = strings.Join(half[:len(half)/2], " ") + " " + s.src.Text(125)
		a.Entities = append(a.Entities, o.Entities...)
	}
	a.Text = text
	for len(a.Entities) < 10 {
		e := s.src.IntN(20000)
		if s.src.IntN(3) > 0 {
			e = e % 2000 // the frequent ones
		}
		typ := []string{storyline.PER, storyline.ORG, storyline.LOC}[e%3]
		a.Entities = append(a.Entities, storyline.Mention{Type: typ, Text: "Place" + strconv.Itoa(e), Entity: "e" + strconv.Itoa(e)})
	}
	if len(s.last) < 1000 {
		s.last = append(s.last, a)
	} else {
		s.last[i%1000] = a
	}
	return a
}

// benchSize is how many articles the benchmarks' clusterer holds:
// STORYLINE_BENCH_ARTICLES, else 100,000.
func benchSize() int {
	if n, err := strconv.Atoi(os.Getenv("STORYLINE_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

var benchState = sync.OnceValues(func() (*benchLoaded, error) {
	m, err := Default()
	if err != nil {
		return nil, err
	}
	s := newBenchStream(11)
	n := benchSize()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c := NewClusterer(m)
	start := time.Now()
	for range n {
		c.Add(s.next())
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	return &benchLoaded{c: c, s: s, n: n, took: took, heap: int64(after.HeapAlloc) - int64(before.HeapAlloc)}, nil
})

type benchLoaded struct {
	c    *Clusterer
	s    *benchStream
	n    int
	took time.Duration
	heap int64
}

func loaded(b *testing.B) *benchLoaded {
	b.Helper()
	l, err := benchState()
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkAdd measures Add with benchSize articles already added.
func BenchmarkAdd(b *testing.B) {
	l := loaded(b)
	arts := make([]*storyline.Article, b.N)
	for i := range arts {
		arts[i] = l.s.next()
	}
	b.ResetTimer()
	for i := range b.N {
		l.c.Add(arts[i])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(l.c.Events()), "events")
	b.ReportMetric(float64(l.n)/l.took.Seconds(), "fill-articles/s")
	b.ReportMetric(float64(l.heap)/float64(l.n), "heap-B/article")
}

// BenchmarkSnapshot measures writing the state of benchSize articles.
func BenchmarkSnapshot(b *testing.B) {
	l := loaded(b)
	var buf bytes.Buffer
	b.ResetTimer()
	for range b.N {
		buf.Reset()
		if err := l.c.Snapshot(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/float64(l.n), "B/article")
}

// BenchmarkRestore measures reading the state of benchSize articles back.
func BenchmarkRestore(b *testing.B) {
	l := loaded(b)
	var buf bytes.Buffer
	if err := l.c.Snapshot(&buf); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Restore(l.c.m, bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1e6, "MB")
}
