package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/cluster"
)

func TestPairwise(t *testing.T) {
	for _, c := range []struct {
		name       string
		pred, gold []string
		p, r       float64
	}{
		{"perfect", []string{"a", "a", "b"}, []string{"x", "x", "y"}, 1, 1},
		{"all in one", []string{"a", "a", "a"}, []string{"x", "x", "y"}, 1.0 / 3, 1},
		{"all apart", []string{"a", "b", "c"}, []string{"x", "x", "y"}, 1, 0},
		{"no pairs", []string{"a", "b"}, []string{"x", "y"}, 1, 1},
	} {
		s := Pairwise(c.pred, c.gold)
		if !near(s.P, c.p) || !near(s.R, c.r) || !near(s.F1, F1(c.p, c.r)) {
			t.Errorf("%s: %+v, want P %g R %g", c.name, s, c.p, c.r)
		}
	}
}

func TestEventsRow(t *testing.T) {
	r := eventsRow("s", "", "event", "x", "o", [][2][]string{
		{{"a", "a", "b"}, {"x", "x", "y"}},
		{{"a", "a", "a"}, {"x", "x", "y"}},
	})
	if r.Articles != 3 || r.Gold != 2 || !near(r.Clusters, 1.5) || !near(r.MinBCubedF1, F1(5.0/9, 1)) {
		t.Errorf("row %+v", r)
	}
}

func eventsData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	for _, s := range []string{"ecbplus-dev", "tac2011", "meantime"} {
		if _, err := os.Stat(filepath.Join(dir, s, "gold.tsv")); err != nil {
			t.Skipf("no shared data: %v", err)
		}
	}
	return dir
}

// TestEventsQuality is the quality floor of the shipped model on the ECB+
// test topics (11-20): below the figures of docs/EVENTS.md by a margin.
func TestEventsQuality(t *testing.T) {
	dir := eventsData(t)
	docs, err := LoadEventCorpus(filepath.Join(dir, "ecbplus-dev"))
	if err != nil {
		t.Fatal(err)
	}
	orders, err := ShuffledOrders(TopicRange(docs, 11, 20), 2)
	if err != nil {
		t.Fatal(err)
	}
	m, err := cluster.Default()
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range orders {
		c := cluster.NewClusterer(m)
		var pred, gold []string
		for _, l := range o {
			as := c.Add(l.Article)
			pred, gold = append(pred, as.Event), append(gold, l.Event)
		}
		p, r, f := BCubed(pred, gold)
		t.Logf("order %d: event B-cubed P %.3f R %.3f F1 %.3f, %d events", i+1, p, r, f, c.Events())
		if f < 0.85 {
			t.Errorf("order %d: event B-cubed F1 %.3f below the floor 0.85", i+1, f)
		}
	}
}

func TestRunEventsReport(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := eventsData(t)
	rep, err := RunEvents(EventsOptions{Data: dir, Orders: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 16 || rep.ArticlesPerSec <= 0 {
		t.Fatalf("%d rows, %.0f articles/s", len(rep.Rows), rep.ArticlesPerSec)
	}
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ecbplus topics 11-20 (test)", "tfidf-baseline", "meantime", "chronological"} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("table lacks %q", want)
		}
	}
	buf.Reset()
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back EventsReport
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back.Rows) != len(rep.Rows) {
		t.Errorf("JSON: %v", err)
	}
}

func TestRunEventsMissing(t *testing.T) {
	if _, err := RunEvents(EventsOptions{Data: t.TempDir()}); err == nil {
		t.Error("no error for a folder without data")
	}
}
