package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/storyline/storyline/sqlite"
)

// TestMain lets the test binary act as the storyline command when
// STORYLINE_MAIN=1, so that tests can run it as a separate process (and
// kill it).
func TestMain(m *testing.M) {
	if os.Getenv("STORYLINE_MAIN") == "1" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		os.Exit(run(context.Background(), args))
	}
	os.Exit(m.Run())
}

// storyline runs the command in a subprocess and returns its stdout,
// stderr and exit code.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := command(args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "STORYLINE_MAIN=1", "STORYLINE_DB=")
	return cmd
}

// TestIngestKilled kills an ingest with SIGKILL midway, checks that the
// database is valid, and that running again stores every article once.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs and kills a subprocess")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	input := filepath.Join(dir, "many.jsonl")
	const n = 20000
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := range n {
		enc.Encode(map[string]string{
			"id":   fmt.Sprintf("a%05d", i),
			"text": fmt.Sprintf("Report %d. The harbour authority said on Monday that ship %d had docked.\n\nOfficials expect %d more arrivals this week.", i, i*7, i%13),
		})
	}
	if err := os.WriteFile(input, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := command("--db", db, "ingest", "--workers", "1", input)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once some articles are stored, but before it is done.
	killedAt := 0
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if c := countRows(t, db); c > 0 {
			killedAt = c
			break
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if killedAt == 0 || killedAt >= n {
		t.Fatalf("killed with %d of %d articles stored: want it midway", killedAt, n)
	}

	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	conn.Close()

	_, stderr, code := runCLI(t, "", "--db", db, "ingest", input)
	if code != 0 {
		t.Fatalf("second ingest exit %d: %s", code, stderr)
	}
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	counts, err := store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if counts.Articles != n {
		t.Errorf("after resume: %d articles stored, want %d (%s)", counts.Articles, n, stderr)
	}
	if !strings.Contains(stderr, "already present") {
		t.Errorf("summary missing: %q", stderr)
	}
}

// countRows reads the article count of a database another process is
// writing, or 0 when it cannot yet.
func countRows(t *testing.T, db string) int {
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0
	}
	defer conn.Close()
	var c int
	if err := conn.QueryRow("SELECT count(*) FROM articles").Scan(&c); err != nil {
		return 0
	}
	return c
}
