package reuse

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/extract"
)

// observeSeeds cleans the bundled seed articles and observes them in the
// given order; it returns the articles by file-name prefix ("000").
func observeSeeds(t *testing.T, order []string) map[string]*storyline.Article {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "examples", "seeds", "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("seeds: %v (%d files)", err, len(files))
	}
	sort.Strings(files)
	byKey := map[string]*storyline.Article{}
	texts := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := extract.PlainText(string(b))
		a := &storyline.Article{ID: storyline.ArticleID(c.Text), Ref: filepath.Base(f), Text: c.Text, Published: c.Published}
		byKey[filepath.Base(f)[:3]] = a
		texts[a.ID] = a.Text
	}
	d := NewDetector(func(id string) (string, error) { return texts[id], nil }, 0)
	for _, k := range order {
		if err := d.Observe(byKey[k], nil); err != nil {
			t.Fatal(err)
		}
	}
	return byKey
}

// TestSeedsReuse: seeds 000 and 004 are two versions of one New York Times
// story that share about 38% of 000's text: reuse, not copies. No other
// pair of seeds shares a passage.
func TestSeedsReuse(t *testing.T) {
	for _, order := range [][]string{
		{"000", "001", "002", "003", "004"},
		{"004", "003", "002", "001", "000"},
		{"002", "004", "000", "003", "001"},
	} {
		arts := observeSeeds(t, order)
		for k, a := range arts {
			if a.DuplicateOf != "" {
				t.Errorf("order %v: %s marked a copy of %s", order, k, a.DuplicateOf)
			}
			for _, l := range a.Reuse {
				other := ""
				for k2, b := range arts {
					if b.ID == l.Of {
						other = k2
					}
				}
				pair := k + "-" + other
				if pair != "000-004" && pair != "004-000" {
					t.Errorf("order %v: %s linked: share %.3f", order, pair, l.Share)
					continue
				}
				if l.Copy {
					t.Errorf("order %v: %s called copies", order, pair)
				}
				// Measured: 0.434 of 000's cleaned words, 0.378 of 004's.
				s000, s004 := l.Share, l.OfShare
				if k == "004" {
					s000, s004 = s004, s000
				}
				if s000 < 0.35 || s000 > 0.5 || s004 < 0.3 || s004 > 0.45 {
					t.Errorf("order %v: shares 000 %.3f, 004 %.3f; want about 0.43 and 0.38", order, s000, s004)
				}
				if len(l.Passages) == 0 {
					t.Errorf("order %v: %s linked without passages", order, pair)
				}
			}
		}
		a0, a4 := arts["000"], arts["004"]
		if len(a0.Reuse)+len(a4.Reuse) != 1 {
			t.Errorf("order %v: 000 and 004 linked %d times, want once", order, len(a0.Reuse)+len(a4.Reuse))
		}
	}
}
