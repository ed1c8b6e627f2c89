package eval

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestBCubed(t *testing.T) {
	tests := []struct {
		name       string
		pred, gold []string
		p, r       float64
	}{
		{"identical", []string{"a", "a", "b"}, []string{"x", "x", "y"}, 1, 1},
		{"all singletons", []string{"a", "b", "c"}, []string{"x", "x", "x"}, 1, 1.0 / 3},
		{"one cluster", []string{"a", "a", "a"}, []string{"x", "x", "y"}, (2.0/3 + 2.0/3 + 1.0/3) / 3, 1},
		// Bagga & Baldwin's figure: gold {1..5} {6,7} {8..12}; predicted
		// {1..5} {6..12}: P = (5 + 2·2/7 + 5·5/7)/12, R = 1.
		{"bagga-baldwin", []string{"a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b", "b"},
			[]string{"x", "x", "x", "x", "x", "y", "y", "z", "z", "z", "z", "z"}, (5 + 4.0/7 + 25.0/7) / 12, 1},
		{"empty", nil, nil, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f := BCubed(tt.pred, tt.gold)
			if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 || math.Abs(f-F1(tt.p, tt.r)) > 1e-9 {
				t.Errorf("BCubed = %.4f %.4f %.4f, want %.4f %.4f", p, r, f, tt.p, tt.r)
			}
		})
	}
}

func TestHeadWord(t *testing.T) {
	for in, want := range map[string]string{"the U.S. Air Force": "force", "General Motors (GM": "gm", "": ""} {
		if got := headWord(in); got != want {
			t.Errorf("headWord(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRunEntities(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "meantime", "ner.jsonl")); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	rep, err := RunEntities(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Mentions != 1156 || rep.Linked != 1067 || rep.Articles != 120 {
		t.Errorf("read %d mentions (%d linked) in %d articles, want 1156 (1067) in 120", rep.Mentions, rep.Linked, rep.Articles)
	}
	// exact text match is near-perfect in precision and poor in recall
	i := slices.IndexFunc(rep.Systems, func(s EntitiesSystem) bool { return s.Name == "exact-text" })
	if i < 0 {
		t.Fatal("no exact-text baseline")
	}
	if ex := rep.Systems[i].Overall; ex.P < 0.9 || ex.R > 0.7 {
		t.Errorf("exact-text baseline P %.3f R %.3f", ex.P, ex.R)
	}
	if len(rep.Orders) != 1 {
		t.Errorf("%d orders, want 1", len(rep.Orders))
	}
}

func TestRunEntitiesMissing(t *testing.T) {
	if _, err := RunEntities(t.TempDir(), 0); err == nil {
		t.Error("no error on a folder without data")
	}
}
