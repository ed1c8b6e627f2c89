package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/extract"
)

// readabilityDir is the shared dev data, beside the repository.
var readabilityDir = filepath.Join("..", "..", "shared", "data", "readability")

func needData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(readabilityDir, "gold.jsonl")); err != nil {
		t.Skipf("no dev data: %v", err)
	}
}

// Quality floors for extract.HTML on the readability dev pages: the scores
// measured when they were set (word F1 0.981, shingle F1 0.964, titles
// 47/56, dates 21/21, times 16/16) less a margin for harmless changes.
const (
	floorWordF1    = 0.96
	floorShingleF1 = 0.94
	floorTitle     = 0.78
	floorDate      = 0.90
	floorTime      = 0.80
)

func TestExtractQuality(t *testing.T) {
	needData(t)
	if testing.Short() {
		t.Skip("short mode")
	}
	rep, err := Extract(context.Background(), readabilityDir, Storyline(), Trafilatura())
	if err != nil {
		t.Fatal(err)
	}
	s, base := rep.Systems[0], rep.Systems[1]
	t.Logf("storyline: word F1 %.3f (mean %.3f), shingle F1 %.3f, title %d/%d, date %d/%d, time %d/%d, %.1f ms/page",
		s.WordF1, s.WordMeanF1, s.ShingleF1, s.TitleMatches, s.Pages, s.DateMatches, s.DatePages, s.TimeMatches, s.TimePages, s.MsPerPage)
	t.Logf("baseline:  word F1 %.3f (mean %.3f), shingle F1 %.3f, title %d/%d, date %d/%d, time %d/%d, %.1f ms/page",
		base.WordF1, base.WordMeanF1, base.ShingleF1, base.TitleMatches, base.Pages, base.DateMatches, base.DatePages, base.TimeMatches, base.TimePages, base.MsPerPage)
	if s.Errors != 0 {
		for _, p := range s.PageResults {
			if p.Error != "" {
				t.Errorf("%s: %s", p.ID, p.Error)
			}
		}
	}
	if s.WordF1 < floorWordF1 {
		t.Errorf("word F1 %.3f < floor %.3f", s.WordF1, floorWordF1)
	}
	if s.ShingleF1 < floorShingleF1 {
		t.Errorf("shingle F1 %.3f < floor %.3f", s.ShingleF1, floorShingleF1)
	}
	if s.TitleRate < floorTitle {
		t.Errorf("title rate %.3f < floor %.3f", s.TitleRate, floorTitle)
	}
	if s.DateAccuracy < floorDate {
		t.Errorf("date accuracy %.3f < floor %.3f", s.DateAccuracy, floorDate)
	}
	if s.TimePages > 0 && float64(s.TimeMatches)/float64(s.TimePages) < floorTime {
		t.Errorf("time+offset %d/%d below floor %.2f", s.TimeMatches, s.TimePages, floorTime)
	}
	if s.WordF1 < base.WordF1 {
		t.Errorf("storyline word F1 %.3f below plain go-trafilatura's %.3f", s.WordF1, base.WordF1)
	}
}

func TestRunExtractOutput(t *testing.T) {
	// A one-page data set made here, so that the output is checked without
	// the shared data.
	dir := t.TempDir()
	page := `<html lang="en"><head><title>Bridge reopens</title>
<meta property="article:published_time" content="2024-03-05T14:30:00+01:00"></head><body><article>
<h1>Bridge reopens</h1>
<p>The harbour bridge reopened to traffic on Tuesday morning after a two-year repair that cost the city more than forty million euros.</p>
<p>Engineers replaced the corroded steel cables and the whole road deck, and strengthened the two main piers against the tides.</p>
</article></body></html>`
	gold := GoldPage{ID: "bridge", Title: "Bridge reopens", Published: "2024-03-05T14:30:00+01:00",
		Text: "The harbour bridge reopened to traffic on Tuesday morning after a two-year repair that cost the city more than forty million euros.\nEngineers replaced the corroded steel cables and the whole road deck, and strengthened the two main piers against the tides."}
	line, _ := json.Marshal(gold)
	if err := os.WriteFile(filepath.Join(dir, "gold.jsonl"), append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bridge.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}

	var table bytes.Buffer
	if err := RunExtract(context.Background(), dir, &table, false); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"storyline", "go-trafilatura", "word F1", "bridge", "1/1"} {
		if !strings.Contains(table.String(), s) {
			t.Errorf("table lacks %q:\n%s", s, table.String())
		}
	}

	var js bytes.Buffer
	if err := RunExtract(context.Background(), dir, &js, true); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(js.Bytes(), &rep); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, js.String())
	}
	if len(rep.Systems) != 2 || rep.Systems[0].Name != "storyline" {
		t.Fatalf("systems = %+v", rep.Systems)
	}
	s := rep.Systems[0]
	if s.Pages != 1 || s.WordF1 != 1 || s.TitleMatches != 1 || s.DateMatches != 1 || s.TimeMatches != 1 || s.TimePages != 1 {
		t.Errorf("storyline on the one page: %+v", s)
	}
}

func TestExtractErrors(t *testing.T) {
	if _, err := Extract(context.Background(), t.TempDir(), Storyline()); err == nil {
		t.Error("Extract on a folder without gold.jsonl succeeded")
	}
	if err := RunExtract(context.Background(), "", &bytes.Buffer{}, false); err == nil {
		t.Error("RunExtract with no folder succeeded")
	}
	// A page whose extraction fails counts as an error with empty text.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "gold.jsonl"), []byte(`{"id":"x","title":"T","text":"some words"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x.html"), []byte(`<html><body><script>1</script></body></html>`), 0o644)
	rep, err := Extract(context.Background(), dir, System{Name: "s", Extract: extract.HTML})
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Systems[0]; s.Errors != 1 || s.WordF1 != 0 {
		t.Errorf("failing page: errors %d, word F1 %v", s.Errors, s.WordF1)
	}
}
