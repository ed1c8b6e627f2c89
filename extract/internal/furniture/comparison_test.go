package furniture

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// comparisonFixture writes a miniature go-trafilatura module directory:
// scripts/comparison/data.go and its pages.
func comparisonFixture(t *testing.T, data string, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join("scripts", "comparison", "data.go"), data)
	for name, page := range pages {
		write(filepath.Join("test-files", "comparison", name), page)
	}
	return dir
}

const fixtureData = `package main

type ComparisonEntry struct {
	File    string   ` + "`json:\"file\"`" + `
	Title   string
	With    []string
	Without []string
}

var comparisonData = map[string]ComparisonEntry{
	"https://www.example.org/b": {
		File:    "b.html",
		With:    []string{"Grüße aus Köln"},
		Without: []string{"Impressum"},
	},
	"https://www.example.org/a": {
		File:    "a.html",
		Title:   "Council approves budget",
		With:    []string{"The council  voted", "officials said"},
		Without: []string{"Sign up for our newsletter", "Most read", "Council approves", "both \"here\""},
		Comments: []string{"ignored"},
	},
	"https://no.file.example/": {
		With: []string{"x"},
	},
}
`

const fixturePage = `<html><head><title>Council approves budget | Example News</title></head><body>
<header><h1>Council approves budget</h1></header>
<nav><ul><li>Home</li><li>World news</li><li>Local politics</li></ul></nav>
<article>
<p>The council voted on Tuesday to approve the budget for road repairs.</p>
<p>A paragraph nobody annotated, of ordinary article prose.</p>
<ul><li>The plan will be paid for by a tax rise, officials said.</li>
<li>Sign up for our newsletter to get the news in your inbox.</li>
<li>Another item of the article's list.</li></ul>
<p>Text both "here" and: the council voted again.</p>
</article>
<aside><h2>Most read</h2><ul><li>Police arrest man after chase</li><li>Storm closes schools across the region</li></ul></aside>
<footer><p>Contact</p></footer>
</body></html>`

func TestReadComparisonData(t *testing.T) {
	dir := comparisonFixture(t, fixtureData, nil)
	es, err := readComparisonData(filepath.Join(dir, "scripts", "comparison", "data.go"))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("%d entries, want 2 (the one without a file left out): %+v", len(es), es)
	}
	a := es[0]
	if a.URL != "https://www.example.org/a" || a.File != "a.html" || a.Title != "Council approves budget" ||
		!slices.Equal(a.With, []string{"The council  voted", "officials said"}) || a.Without[3] != `both "here"` {
		t.Errorf("entry a = %+v", a)
	}
	if es[1].File != "b.html" || es[1].With[0] != "Grüße aus Köln" {
		t.Errorf("entry b = %+v", es[1])
	}
	for _, bad := range []string{"package main\nvar x = 1\n", "package main\nvar comparisonData = map[string]E{\"u\": {File: x}}\n", "not go"} {
		p := filepath.Join(t.TempDir(), "data.go")
		os.WriteFile(p, []byte(bad), 0o644)
		if _, err := readComparisonData(p); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestComparisonDocs(t *testing.T) {
	latin1 := "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Gr\xfc\xdfe aus K\xf6ln und mehr.</p><p>Impressum</p></body></html>"
	dir := comparisonFixture(t, fixtureData, map[string]string{"a.html": fixturePage, "b.html": latin1})
	residue := func(s string) bool { return s == "Contact" }
	for _, extend := range []bool{false, true} {
		docs, err := ComparisonDocs(dir, DataOptions{Seed: 1, ExtendLists: extend, Residue: residue})
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 2 || docs[0].Source != SourceComparison || docs[0].Group != "example.org" || docs[0].ID != "a.html#0" {
			t.Fatalf("docs = %+v", docs)
		}
		label := map[string]string{}
		for _, p := range docs[0].Paras {
			l := "content"
			switch {
			case p.Context:
				l = "context"
			case p.Furniture:
				l = "furniture"
			}
			for _, line := range strings.Split(p.Text, "\n") {
				label[line] = l
			}
		}
		want := map[string]string{
			"Council approves budget": "context", // the title
			"Home":                    "context",
			"The council voted on Tuesday to approve the budget for road repairs.": "content",
			"A paragraph nobody annotated, of ordinary article prose.":             "context",
			"The plan will be paid for by a tax rise, officials said.":             "content",
			"Sign up for our newsletter to get the news in your inbox.":            "furniture",
			`Text both "here" and: the council voted again.`:                       "context", // both kinds
			"Most read":                              "furniture",
			"Police arrest man after chase":          "context",
			"Storm closes schools across the region": "context",
			"Another item of the article's list.":    "context", // its list holds content
		}
		if extend {
			// the rest of the aside around "Most read"; the nav holds
			// no furniture snippet
			want["Police arrest man after chase"] = "furniture"
			want["Storm closes schools across the region"] = "furniture"
		}
		for line, l := range want {
			if label[line] != l {
				t.Errorf("extend %v: %q is %q, want %q", extend, line, label[line], l)
			}
		}
		if _, ok := label["Contact"]; ok {
			t.Errorf("residue line kept")
		}
		// The Latin-1 page is decoded; its lone word "Impressum" is
		// context, not a furniture example.
		b := docs[1].Paras
		if len(b) != 2 || b[0].Text != "Grüße aus Köln und mehr." || b[0].Furniture || b[0].Context || !b[1].Context {
			t.Errorf("latin-1 page: %+v", b)
		}
	}
	if _, err := ComparisonDocs(comparisonFixture(t, fixtureData, map[string]string{"a.html": fixturePage}), DataOptions{}); err == nil {
		t.Error("a missing page is not an error")
	}
}

func TestFoldsComparison(t *testing.T) {
	var docs []Doc
	for i := range 20 {
		docs = append(docs, Doc{Source: SourceComparison, Group: "site" + string(rune('a'+i%10))})
	}
	docs = append(docs, toyDocs()...)
	fold := Folds(docs, 5, 1)
	per := make([]int, 5)
	group := map[string]int{}
	for i, d := range docs[:20] {
		per[fold[i]]++
		if f, ok := group[d.Group]; ok && f != fold[i] {
			t.Errorf("site %s split across folds", d.Group)
		}
		group[d.Group] = fold[i]
	}
	for k, n := range per {
		if n == 0 {
			t.Errorf("fold %d has no comparison page", k)
		}
	}
	// The readability and news folds do not depend on the comparison
	// pages.
	if !slices.Equal(fold[20:], Folds(toyDocs(), 5, 1)) {
		t.Error("comparison pages moved other documents' folds")
	}
}
