package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/extract"
	"github.com/storyline/storyline/sqlite"
)

// seedFiles returns the bundled seed articles' paths, sorted.
func seedFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("..", "examples", "seeds", "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("seeds: %v, %d files", err, len(files))
	}
	return files
}

// links returns, by ref, the refs each stored article is linked to.
func links(t *testing.T, store storyline.Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	err := store.EachArticle(ctx, func(a *storyline.Article) error {
		if a.DuplicateOf != "" {
			t.Errorf("%s marked a copy of %s", a.Ref, a.DuplicateOf)
		}
		for _, l := range a.Reuse {
			o, err := store.Article(ctx, l.Of)
			if err != nil {
				return err
			}
			out[filepath.Base(a.Ref)[:3]] = append(out[filepath.Base(a.Ref)[:3]], filepath.Base(o.Ref)[:3])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReuseAcrossRuns: the reuse index lives in the store. Seeds 000 and
// 004 are linked whether they arrive in one run or in two, in either order.
func TestReuseAcrossRuns(t *testing.T) {
	files := seedFiles(t)
	for _, runs := range [][][]string{
		{files},
		{files[:1], files[1:]},
		{files[4:], files[:4]},
	} {
		db := filepath.Join(t.TempDir(), "s.db")
		for _, run := range runs {
			store, err := sqlite.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Run(context.Background(), store, PlanInputs(run), Options{}); err != nil {
				t.Fatal(err)
			}
			store.Close()
		}
		store, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		got := links(t, store)
		store.Close()
		if len(got) != 2 || len(got["000"]) != 1 || got["000"][0] != "004" || len(got["004"]) != 1 || got["004"][0] != "000" {
			t.Errorf("%d runs: links %v, want only 000-004", len(runs), got)
		}
	}
}

// TestReuseBackfill: articles stored before reuse detection existed (no
// fingerprints) are compared and indexed by the next ingest run.
func TestReuseBackfill(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var old []*storyline.Article
	for _, f := range seedFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.Clean(storyline.RawArticle{Input: f, Format: storyline.FormatText, Body: string(b)})
		if err != nil {
			t.Fatal(err)
		}
		a.Ref = filepath.Base(f)
		old = append(old, a)
	}
	if _, err := store.PutArticles(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	if got := links(t, store); len(got) != 0 {
		t.Fatalf("links before backfill: %v", got)
	}
	if _, err := Run(context.Background(), store, PlanInputs(nil), Options{}); err != nil {
		t.Fatal(err)
	}
	if got := links(t, store); len(got["000"]) != 1 || len(got["004"]) != 1 || len(got) != 2 {
		t.Errorf("links after backfill: %v, want 000-004", got)
	}
	unindexed := 0
	store.ReuseEntries(context.Background(), func(e storyline.ReuseEntry) error {
		if !e.Indexed {
			unindexed++
		}
		return nil
	})
	if unindexed != 0 {
		t.Errorf("%d articles still unindexed", unindexed)
	}
}
