package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline"
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
	r := eventsRow("s", "event", "x", "y", "o", [][2][]string{
		{{"a", "a", "b"}, {"x", "x", "y"}},
		{{"a", "a", "a"}, {"x", "x", "y"}},
	})
	if r.Articles != 3 || r.Gold != 2 || !near(r.Clusters, 1.5) || !near(r.MinBCubedF1, F1(5.0/9, 1)) {
		t.Errorf("row %+v", r)
	}
	m := meanRows([][]EventsRow{{r}, {{Articles: 5, Gold: 1, Clusters: 2, BCubed: PairScore{F1: 0.5}, MinBCubedF1: 0.5}}}, "mean")
	if len(m) != 1 || m[0].Articles != 8 || !near(m[0].BCubed.F1, (r.BCubed.F1+0.5)/2) || !near(m[0].MinBCubedF1, 0.5) || m[0].Set != "mean" {
		t.Errorf("mean %+v", m)
	}
}

func TestAverageLink(t *testing.T) {
	doc := func(text, story string) EventDoc {
		return EventDoc{Article: storyline.Article{Text: text}, Story: story, Event: story}
	}
	docs := []EventDoc{
		doc("earthquake shakes Iran island Qeshm, houses destroyed", "q"),
		doc("Qeshm island earthquake destroys houses in Iran", "q"),
		doc("Iran earthquake on Qeshm island: houses destroyed", "q"),
		doc("pirates attack tanker in the Gulf of Aden, navy responds", "p"),
		doc("navy foils pirates attack on a tanker off Aden", "p"),
		doc("Oscars host named: Hugh Jackman to present the Academy Awards", "o"),
	}
	want := []string{"q", "q", "q", "p", "p", "o"}
	th := TuneAverageLink(docs, true)
	got := AverageLink(docs, th)
	if f := bcubedF1(got, want); f != 1 {
		t.Errorf("threshold %.2f: %v, B-cubed F1 %.3f", th, got, f)
	}
	if all := AverageLink(docs, 0); distinct(all) != 1 {
		t.Errorf("threshold 0 leaves %d clusters", distinct(all))
	}
	if none := AverageLink(docs, 1.01); distinct(none) != len(docs) {
		t.Errorf("threshold above 1 leaves %d clusters", distinct(none))
	}
	merges := averageLink(docs)
	for i := 1; i < len(merges); i++ {
		if merges[i].sim > merges[i-1].sim+1e-12 {
			t.Errorf("merge %d at %.4f after %.4f: not monotone", i, merges[i].sim, merges[i-1].sim)
		}
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

// TestEventsQuality is the quality floor of cross-validation on ECB+:
// trained on topics 1-10 (one order), scored on topics 11-20, below the
// figures of docs/EVENTS.md by a margin.
func TestEventsQuality(t *testing.T) {
	dir := eventsData(t)
	docs, err := LoadEventCorpus(filepath.Join(dir, "ecbplus-dev"))
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := TrainEvents(TopicRange(docs, 1, 10), 1, ShippedTrainOptions())
	if err != nil {
		t.Fatal(err)
	}
	orders, err := ShuffledOrders(TopicRange(docs, 11, 20), 2)
	if err != nil {
		t.Fatal(err)
	}
	ev, _, _ := runOnline(m, orders)
	for i, run := range ev {
		p, r, f := BCubed(run[0], run[1])
		t.Logf("order %d: event B-cubed P %.3f R %.3f F1 %.3f", i+1, p, r, f)
		if f < 0.85 {
			t.Errorf("order %d: event B-cubed F1 %.3f below the floor 0.85", i+1, f)
		}
	}
	// Reclustering at once (recluster --offline) does better.
	ev, _ = runRecluster(m, orders)
	for i, run := range ev {
		p, r, f := BCubed(run[0], run[1])
		t.Logf("order %d, reclustered: event B-cubed P %.3f R %.3f F1 %.3f", i+1, p, r, f)
		if f < 0.90 {
			t.Errorf("order %d, reclustered: event B-cubed F1 %.3f below the floor 0.90", i+1, f)
		}
	}
}

func TestRunEventsReport(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := eventsData(t)
	rep, err := RunEvents(EventsOptions{Data: dir, Orders: 1, TrainOrders: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 40 || rep.ArticlesPerSec <= 0 || len(rep.Folds) != 2 {
		t.Fatalf("%d rows, %.0f articles/s", len(rep.Rows), rep.ArticlesPerSec)
	}
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ecbplus topics 11-20", "ecbplus 2-fold mean", "tfidf-online", "tfidf-avglink", "storyline recluster", "meantime", "chronological"} {
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

// TestReclusterStoriesQuality holds the stories that reclustering at once
// makes of TAC 2011 (never trained on) with the shipped model.
func TestReclusterStoriesQuality(t *testing.T) {
	dir := eventsData(t)
	docs, err := LoadEventCorpus(filepath.Join(dir, "tac2011"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := cluster.Default()
	if err != nil {
		t.Fatal(err)
	}
	orders, err := ShuffledOrders(docs, 2)
	if err != nil {
		t.Fatal(err)
	}
	_, st := runRecluster(m, orders)
	for i, run := range st {
		p, r, f := BCubed(run[0], run[1])
		t.Logf("order %d: story B-cubed P %.3f R %.3f F1 %.3f", i+1, p, r, f)
		if f < 0.95 {
			t.Errorf("order %d: story B-cubed F1 %.3f below the floor 0.95", i+1, f)
		}
	}
}
