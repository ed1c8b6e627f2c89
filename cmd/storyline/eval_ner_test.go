package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalNER runs 'storyline eval ner' on MEANTIME (skipped without the
// shared data) and checks its usage errors.
func TestEvalNER(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout (code 0) or stderr
	}{
		{"bad set", []string{"eval", "ner", "--set", "nope"}, 2, "--set must be"},
		{"no data", []string{"eval", "ner", "--data", filepath.Join(t.TempDir(), "none")}, 1, "not found"},
		{"help", []string{"eval", "ner", "--help"}, 0, "overlap, untyped"},
	}
	data := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "meantime", "ner.jsonl")); err == nil {
		tests = append(tests, struct {
			name string
			args []string
			code int
			want string
		}{"meantime", []string{"eval", "ner", "--data", data, "--set", "meantime", "--json"}, 0, `"overlap_untyped"`})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			got := out
			if code != 0 {
				got = stderr
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("output lacks %q:\n%s\n%s", tc.want, out, stderr)
			}
		})
	}
}
