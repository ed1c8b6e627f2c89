package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seeds = "../../examples/seeds"

// TestCLI runs the commands a user runs, in order, on the bundled example.
func TestCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")

	out, stderr, code := runCLI(t, "", "--db", db, "run", seeds)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "ingested 5, already present 0, skipped 0") {
		t.Errorf("run summary: %q", stderr)
	}
	if !strings.Contains(out, "5 articles from 5 independent sources") || !strings.Contains(out, "Blinken's Urgent Middle East Diplomatic Mission") {
		t.Errorf("run output:\n%s", out)
	}

	// Idempotent.
	_, stderr, code = runCLI(t, "", "--db", db, "ingest", seeds)
	if code != 0 || !strings.Contains(stderr, "ingested 0, already present 5") {
		t.Errorf("second ingest: exit %d, %q", code, stderr)
	}

	// Export: one contract record per article, all fields present.
	out, stderr, code = runCLI(t, "", "--db", db, "export")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("export: %d lines, want 5", len(lines))
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[4]), &rec); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "ref", "source", "url", "title", "published", "published_inferred", "lang", "text", "duplicate_of", "reuse", "event", "story", "entities", "timexes"} {
		if _, ok := rec[k]; !ok {
			t.Errorf("export record lacks %q", k)
		}
	}
	if rec["ref"] != "004_f017c9f61be14897.txt" || rec["published"] != "2024-02-05" {
		t.Errorf("record 5: ref %v, published %v", rec["ref"], rec["published"])
	}
	if !strings.Contains(stderr, "exported 5 articles from 5 independent sources") {
		t.Errorf("export summary: %q", stderr)
	}
	// Seeds 000 and 004 (two versions of one story) share passages: reuse,
	// not copies; no other seed is linked.
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, r := range []map[string]any{first, rec} {
		reuse, _ := r["reuse"].([]any)
		if r["duplicate_of"] != nil || len(reuse) != 1 {
			t.Errorf("%v: duplicate_of %v, reuse %v; want no copy and one link", r["ref"], r["duplicate_of"], r["reuse"])
		}
	}
	for _, l := range lines[1:4] {
		if !strings.Contains(l, `"reuse":[]`) {
			t.Errorf("seeds 001-003 should share nothing: %.200s", l)
		}
	}

	// show article by ref, as JSON, lists what cleaning removed.
	out, _, code = runCLI(t, "", "--db", db, "show", "article", "001_391c2265a1e1f8f6.txt", "--json")
	if code != 0 {
		t.Fatalf("show article: exit %d", code)
	}
	var detail struct {
		ID      string
		Title   string
		Removed []struct{ Reason, Text string }
	}
	if err := json.Unmarshal([]byte(out), &detail); err != nil {
		t.Fatal(err)
	}
	reasons := map[string]bool{}
	for _, r := range detail.Removed {
		reasons[r.Reason] = true
	}
	for _, want := range []string{"repeated-block", "rating-prompt", "reading-time"} {
		if !reasons[want] {
			t.Errorf("show article 001: no removal %q in %v", want, detail.Removed)
		}
	}
	// ... and by id prefix, as text.
	out, _, code = runCLI(t, "", "--db", db, "show", "article", detail.ID[:6])
	if code != 0 || !strings.Contains(out, "removed by cleaning") || !strings.Contains(out, detail.Title) {
		t.Errorf("show article by prefix: exit %d\n%s", code, out)
	}

	// search finds a hyphenated name and reports no matches cleanly.
	out, _, code = runCLI(t, "", "--db", db, "search", "el-Sissi", "--json")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "003_a598c9c48d0379d8.txt") {
		t.Errorf("search el-Sissi: exit %d\n%s", code, out)
	}
	_, stderr, code = runCLI(t, "", "--db", db, "search", "zeppelin")
	if code != 0 || !strings.Contains(stderr, "no matches") {
		t.Errorf("search zeppelin: exit %d %q", code, stderr)
	}
}

func TestCLIErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	notDB := filepath.Join(dir, "notes.db")
	os.WriteFile(notDB, []byte("this is not a database, just some notes that are long enough"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no command args", []string{"--db", db, "ingest"}, 2, "needs at least one PATH"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"unknown flag", []string{"--db", db, "export", "--colour"}, 2, "unknown flag"},
		{"bad format", []string{"--db", db, "export", "--format", "xml"}, 2, "unknown --format"},
		{"show missing", []string{"--db", db, "show", "article", "nope"}, 1, `no article "nope"`},
		{"show without id", []string{"--db", db, "show", "article"}, 2, "needs an article ID"},
		{"not a database", []string{"--db", notDB, "export"}, 1, notDB},
		{"postgres", []string{"--db", "postgres://localhost/x", "export"}, 1, "PostgreSQL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, stderr, tt.code, tt.msg)
			}
		})
	}
}

func TestIngestStdinAndSkips(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	os.WriteFile(filepath.Join(dir, "bin.txt"), []byte("\x00\x01\x02binary"), 0o644)
	in := `{"id":"w1","source":"AP","published":"2024-03-01","text":"Storm hits coast.\n\nThousands lost power on Friday, the utility said."}` + "\n" + "{broken\n"
	_, stderr, code := runCLI(t, in, "--db", db, "ingest", "-", filepath.Join(dir, "bin.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"skip -:2: invalid JSON", "bin.txt: binary", "ingested 1, already present 0, skipped 2"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	out, _, _ := runCLI(t, "", "--db", db, "show", "article", "w1", "--json")
	if !strings.Contains(out, `"source":"AP"`) || !strings.Contains(out, `"published":"2024-03-01"`) {
		t.Errorf("stdin article: %s", out)
	}
}
