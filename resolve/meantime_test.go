package resolve_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/eval"
)

// TestMeantimeFloor runs the MEANTIME entity-resolution evaluation (gold
// mentions) and checks the B-cubed F1 floors; it is skipped when the
// shared data is absent.
func TestMeantimeFloor(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "meantime", "ner.jsonl")); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	rep, err := eval.RunEntities(dir, 3)
	if err != nil {
		t.Fatal(err)
	}
	sys, exact, head := rep.Systems[0], rep.Systems[1], rep.Systems[2]
	t.Logf("cross-doc P %.3f R %.3f F1 %.3f (%d entities, gold %d); within-doc F1 %.3f; exact-text F1 %.3f; head-word F1 %.3f; order spread %.3f",
		sys.Overall.P, sys.Overall.R, sys.Overall.F1, sys.Overall.Entities, rep.GoldEntities, sys.WithinDoc.F1, exact.Overall.F1, head.Overall.F1, rep.OrderF1Spread)
	if sys.Overall.F1 < 0.84 {
		t.Errorf("cross-doc B-cubed F1 %.3f below the floor 0.84", sys.Overall.F1)
	}
	if sys.WithinDoc.F1 < 0.91 {
		t.Errorf("within-doc B-cubed F1 %.3f below the floor 0.91", sys.WithinDoc.F1)
	}
	if sys.Overall.F1 <= head.Overall.F1 || sys.Overall.F1 <= exact.Overall.F1 {
		t.Errorf("no better than a baseline: %.3f vs exact %.3f, head %.3f", sys.Overall.F1, exact.Overall.F1, head.Overall.F1)
	}
	if rep.OrderF1Spread > 0.03 {
		t.Errorf("F1 varies by %.3f with the article order", rep.OrderF1Spread)
	}
	for _, o := range rep.Orders {
		if o.Overall.F1 < 0.83 {
			t.Errorf("order seed %d: F1 %.3f", o.Seed, o.Overall.F1)
		}
	}
}
