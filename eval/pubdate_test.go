package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPubdateScore(t *testing.T) {
	truth := time.Date(2024, 2, 6, 0, 0, 0, 0, time.UTC)
	var s PubdateScore
	for _, g := range []struct {
		date string
		ok   bool
	}{
		{"2024-02-06", true}, // exact
		{"2024-02-05", true}, // ±1, early
		{"2024-02-12", true}, // ±7, late
		{"2024-01-01", true}, // ±31... no: 36 days, early
		{"2024-02", true},    // month: only ±31
		{"", false},
	} {
		s.add(truth, g.date, g.ok)
	}
	s.finish()
	want := PubdateScore{Docs: 6, Answered: 5, Months: 1, Coverage: 5.0 / 6, Exact: 0.2, Within1: 0.4, Within7: 0.6, Within31: 0.8, Early: 2, Late: 1}
	s.exact, s.w1, s.w7, s.w31 = 0, 0, 0, 0
	if s != want {
		t.Errorf("score = %+v\nwant    %+v", s, want)
	}
}

func TestPubdateCuts(t *testing.T) {
	truth := time.Date(2024, 2, 6, 0, 0, 0, 0, time.UTC)
	score := func(dates ...string) *PubdateScore {
		s := &PubdateScore{}
		for _, d := range dates {
			s.add(truth, d, true)
		}
		s.finish()
		return s
	}
	sets := []PubdateSet{
		{Name: "a", Part: "held-out", Infer: PubdateScore{Docs: 10}, ByConfidence: map[string]*PubdateScore{
			"0.80": score("2024-02-06"), "0.40": score("2024-02-01", "2023-02-06")}},
		{Name: "b", Part: "held-out", Infer: PubdateScore{Docs: 5}, ByConfidence: map[string]*PubdateScore{
			"0.40": score("2024-02-07")}},
		{Name: "c", Part: "tuning", Infer: PubdateScore{Docs: 99}, ByConfidence: map[string]*PubdateScore{
			"0.60": score("2024-02-06")}},
	}
	got := cuts(sets, "held-out")
	want := []PubdateCut{
		{Cut: 0.8, Docs: 15, Answered: 1, Within1: 1, Within7: 1},
		{Cut: 0.6, Docs: 15, Answered: 1, Within1: 1, Within7: 1},
		{Cut: 0.4, Docs: 15, Answered: 4, Within1: 0.5, Within7: 0.75},
	}
	if len(got) != len(want) {
		t.Fatalf("cuts = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cut %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestPubdateFilters(t *testing.T) {
	if got := stripLine(1)("Title\nMarch 01, 2008\nBody"); got != "Title\nBody" {
		t.Errorf("stripLine = %q", got)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ecbplus-dev", "articles.jsonl")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	line := `{"id":"1_1ecbplus","text":"http://x.com/2013/05/02/a\nHeadline here\nMay 2, 2013 | 5:03pm\nThe star fooled a Los Angeles judge on May 1, 2013, police said.","published":"2013-05-02"}` + "\n" + `{"id":"1_2ecb","text":"no date"}` + "\n"
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := loadECBPubdate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Text != "Headline here\nThe star fooled a Los Angeles judge on May 1, 2013, police said." {
		t.Fatalf("docs = %+v", docs)
	}
}

// pubdateData returns the shared dev data folder, or skips.
func pubdateData(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "gigaword-silver", "articles.jsonl")); err != nil {
		t.Skipf("shared data not found at %s", dir)
	}
	return dir
}

// TestPubdateQuality is a floor under the figures of docs/TIME.md,
// "Publication date inference" (2026-12-02).
func TestPubdateQuality(t *testing.T) {
	dir := pubdateData(t)
	rep, err := RunPubdate(dir)
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string]struct{ cover, w7, w31 float64 }{
		"ecbplus-dev": {0.05, 0.10, 0.10},
		"tac2011":     {0.10, 0.15, 0.30},
		"meantime":    {0.08, 0.10, 0.15},
	}
	if len(rep.Sets) != len(pubdateSets) {
		t.Fatalf("%d sets, want %d", len(rep.Sets), len(pubdateSets))
	}
	for _, s := range rep.Sets {
		if s.Infer.Docs == 0 {
			t.Errorf("%s: no documents", s.Name)
		}
		f, ok := floors[s.Name]
		if !ok {
			continue
		}
		if s.Infer.Coverage < f.cover || s.Infer.Within7 < f.w7 || s.Infer.Within31 < f.w31 {
			t.Errorf("%s: coverage %.3f ±7d %.3f ±31d %.3f, below the floor %+v", s.Name, s.Infer.Coverage, s.Infer.Within7, s.Infer.Within31, f)
		}
	}
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "gigaword-xin") {
		t.Errorf("table lacks a set:\n%s", buf.String())
	}
	buf.Reset()
	if err := rep.WriteJSON(&buf); err != nil || !strings.Contains(buf.String(), `"within_7"`) {
		t.Errorf("JSON report: %v\n%s", err, buf.String())
	}
}
