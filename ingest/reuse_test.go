package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
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
// 004 are linked, and 000 dated by 004, whether they arrive in one run or
// in two, in either order.
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
		// Seed 000, undated, is a later version of 004 (Monday 2024-02-05)
		// reporting Tuesday's meeting: dated by the link, whichever came
		// first.
		var dated *storyline.Article
		store.EachArticle(context.Background(), func(a *storyline.Article) error {
			if strings.HasPrefix(filepath.Base(a.Ref), "000") {
				dated = a
			}
			return nil
		})
		if dated == nil || dated.Published != "2024-02-06" || !dated.PublishedInferred {
			t.Errorf("%d runs: seed 000 published %+v, want 2024-02-06 inferred", len(runs), dated)
		} else if len(dated.Timexes) == 0 || dated.Timexes[0].Value != "2024-02-06" {
			t.Errorf("%d runs: seed 000's first timex %+v not resolved against its inferred date", len(runs), dated.Timexes)
		}
		store.Close()
		if len(got) != 2 || len(got["000"]) != 1 || got["000"][0] != "004" || len(got["004"]) != 1 || got["004"][0] != "000" {
			t.Errorf("%d runs: links %v, want only 000-004", len(runs), got)
		}
	}
}

// TestReuseBackfill: articles stored before reuse detection and entity
// recognition existed (no fingerprints, no annotations) are compared,
// indexed and annotated by the next ingest run.
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
	// The same run tagged, resolved and dated them.
	if ids, err := store.Unannotated(context.Background()); err != nil || len(ids) != 0 {
		t.Errorf("unannotated after backfill: %v, %v", ids, err)
	}
	if e, err := store.Entity(context.Background(), "Antony Blinken"); err != nil || len(e.Articles) != 5 {
		t.Errorf("Blinken after backfill: %+v, %v; want 5 articles", e, err)
	}
}

// cleanSeeds returns the cleaned paragraphs of the seed articles, by
// file-name prefix ("001").
func cleanSeeds(t *testing.T) map[string][]string {
	out := map[string][]string{}
	for _, f := range seedFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)[:3]] = strings.Split(extract.PlainText(string(b)).Text, "\n\n")
	}
	return out
}

// state returns the copy groups (by the smallest ref of each group) and
// the links between groups of a store, by ref.
func state(t *testing.T, store storyline.Store) (groups map[string]string, linked map[string][]string) {
	t.Helper()
	ctx := context.Background()
	var arts []*storyline.Article
	if err := store.EachArticle(ctx, func(a *storyline.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ref := map[string]string{}
	least := map[string]string{} // origin -> smallest ref of its group
	for _, a := range arts {
		ref[a.ID] = a.Ref
		if l, ok := least[a.Origin()]; !ok || a.Ref < l {
			least[a.Origin()] = a.Ref
		}
	}
	groups, linked = map[string]string{}, map[string][]string{}
	for _, a := range arts {
		groups[a.Ref] = least[a.Origin()]
		for _, l := range a.Reuse {
			linked[a.Ref] = append(linked[a.Ref], least[l.Of])
		}
		sort.Strings(linked[a.Ref])
	}
	return groups, linked
}

// TestReuseOrderAndRestarts: pages that share only a block carried by
// many of them (site furniture), a lede wrapped in that block, and a page
// carrying two articles give the same groups and links whatever the order
// of the articles and however they are split into runs (the index is
// rebuilt from the store at each run).
func TestReuseOrderAndRestarts(t *testing.T) {
	p := cleanSeeds(t)
	block := p["002"][1]
	dir := t.TempDir()
	var files []string
	write := func(name, text string) {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for i, para := range p["001"][:14] {
		write(fmt.Sprintf("page%02d.txt", i), para+"\n\n"+block)
	}
	write("004.txt", strings.Join(p["004"], "\n\n"))
	write("004-lede-wrapped.txt", block+"\n\n"+strings.Join(p["004"][:4], "\n\n"))
	write("003.txt", strings.Join(p["003"], "\n\n"))
	write("003-and-000.txt", strings.Join(p["003"], "\n\n")+"\n\n"+strings.Join(p["000"], "\n\n"))
	write("000.txt", strings.Join(p["000"], "\n\n"))

	run := func(runs [][]string) (map[string]string, map[string][]string) {
		db := filepath.Join(t.TempDir(), "s.db")
		for _, r := range runs {
			store, err := sqlite.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Run(context.Background(), store, PlanInputs(r), Options{BatchSize: 3}); err != nil {
				t.Fatal(err)
			}
			store.Close()
		}
		store, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		return state(t, store)
	}
	groups, linked := run([][]string{files})
	base := func(f string) string { return filepath.Join(dir, f) }
	if g := groups[base("004-lede-wrapped.txt")]; g != base("004-lede-wrapped.txt") && g != base("004.txt") || groups[base("004.txt")] != g {
		t.Errorf("004-lede-wrapped.txt and 004.txt in groups %q and %q, want one group", g, groups[base("004.txt")])
	}
	if groups[base("003-and-000.txt")] != groups[base("003.txt")] || groups[base("000.txt")] == groups[base("003.txt")] {
		t.Errorf("the page carrying 003 and 000 is in group %q, 003 in %q, 000 in %q: want the page with 003 only",
			groups[base("003-and-000.txt")], groups[base("003.txt")], groups[base("000.txt")])
	}
	if l := linked[base("page00.txt")]; len(l) != 0 {
		t.Errorf("page00 linked to %v: the pages share only furniture", l)
	}
	if l := linked[base("000.txt")]; len(l) == 0 {
		t.Error("000 is linked to nothing: it shares passages with 004 and with the page carrying it")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 4 {
		perm := append([]string(nil), files...)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		cut1, cut2 := 1+rng.IntN(len(perm)-2), 0
		cut2 = cut1 + 1 + rng.IntN(len(perm)-cut1-1)
		g2, l2 := run([][]string{perm[:cut1], perm[cut1:cut2], perm[cut2:]})
		if fmt.Sprint(g2) != fmt.Sprint(groups) || fmt.Sprint(l2) != fmt.Sprint(linked) {
			t.Errorf("trial %d, order %v in runs of %d, %d, %d:\ngroups %v\nlinks  %v\nwant   %v\n       %v",
				trial, perm, cut1, cut2-cut1, len(perm)-cut2, g2, l2, groups, linked)
		}
	}
}
