package reuse

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/extract"
	"github.com/storyline/storyline/internal/synth"
)

// seedParagraphs returns the cleaned paragraphs of the bundled seed
// articles, by file-name prefix: real news text to edit.
func seedParagraphs(t testing.TB) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "examples", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("seeds: %v", err)
	}
	out := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)[:3]] = strings.Split(extract.PlainText(string(b)).Text, "\n\n")
	}
	return out
}

func words(s string) int { return len(NewSignature(s).Tokens) }

func TestTokens(t *testing.T) {
	s := NewSignature(`He said: “We will not go,” and LEFT. ''Ça va'', dit-il. "x y"`)
	var got []string
	text := `He said: “We will not go,” and LEFT. ''Ça va'', dit-il. "x y"`
	for _, tk := range s.Tokens {
		w := text[tk.Start:tk.End]
		if tk.Quoted {
			w = "q:" + w
		}
		got = append(got, w)
	}
	want := "He said q:We q:will q:not q:go and LEFT Ça va dit il q:x q:y"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens = %q\nwant     %q", strings.Join(got, " "), want)
	}
	// Case and punctuation do not change shingles.
	a, b := NewSignature("The Cat sat on the mat today."), NewSignature("the cat, sat on THE mat today")
	if fmt.Sprint(a.Shingles) != fmt.Sprint(b.Shingles) {
		t.Error("shingles differ by case or punctuation")
	}
}

// TestWinnowGuarantee: any passage of GuaranteeWords words that two texts
// share gives them a common fingerprint, wherever it stands.
func TestWinnowGuarantee(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string { return fmt.Sprintf("w%d", rng.IntN(5000)) }
	text := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = word()
		}
		return out
	}
	for trial := range 300 {
		shared := text(GuaranteeWords)
		a := append(append(text(rng.IntN(300)), shared...), text(rng.IntN(300))...)
		b := append(append(text(rng.IntN(300)), shared...), text(rng.IntN(300))...)
		fa := map[uint32]bool{}
		for _, f := range NewSignature(strings.Join(a, " ")).Fingerprints {
			fa[f.Hash] = true
		}
		found := false
		for _, f := range NewSignature(strings.Join(b, " ")).Fingerprints {
			found = found || fa[f.Hash]
		}
		if !found {
			t.Fatalf("trial %d: a shared passage of %d words gave no common fingerprint", trial, GuaranteeWords)
		}
	}
	// Density: about 2/(Window+1) of the shingles.
	s := NewSignature(strings.Join(text(10000), " "))
	if d := float64(len(s.Fingerprints)) / float64(len(s.Shingles)); d < 0.08 || d > 0.16 {
		t.Errorf("fingerprint density %.3f, want about %.3f", d, 2.0/(Window+1))
	}
}

func TestIndex(t *testing.T) {
	x := NewIndex(3)
	for a := range uint32(5) {
		x.Add(42, a)
	}
	x.Add(42, 0) // again: no change
	var got []uint32
	if n := x.Lookup(42, func(a uint32) { got = append(got, a) }); n != 3 || fmt.Sprint(got) != "[0 1 2]" {
		t.Errorf("lookup 42 = %d %v, want the first 3 postings", n, got)
	}
	if !x.IsCommon(42) || x.IsCommon(7) {
		t.Error("IsCommon wrong")
	}
	// Growth keeps every posting.
	for f := uint32(1); f < 20000; f++ {
		x.Add(f*7919, f)
	}
	for f := uint32(1); f < 20000; f++ {
		found := false
		x.Lookup(f*7919, func(a uint32) { found = found || a == f })
		if !found {
			t.Fatalf("posting %d lost after growth", f)
		}
	}
}

// TestCompare checks the copy and reuse rules on edits of real articles.
func TestCompare(t *testing.T) {
	p := seedParagraphs(t)
	orig := strings.Join(p["004"], "\n\n")
	other := strings.Join(p["002"], "\n\n")
	n := len(p["004"])
	firstWords := func(s string, k int) string {
		toks := NewSignature(s).Tokens
		return s[:toks[k-1].End]
	}
	quote := "“We are determined to find a path to an enduring end to the crisis and to build lasting security for everyone in this region, now and for years,” the minister said."
	filler := strings.Repeat("Subscribe to our newsletter for the latest news and analysis delivered to your inbox every morning. ", 3)
	cases := []struct {
		name      string
		x         string
		wantCopy  bool
		wantShare bool // any shared passage
	}{
		{"exact", orig, true, true},
		{"dropped paragraphs", strings.Join(append(append([]string{}, p["004"][:3]...), p["004"][6:]...), "\n\n"), true, true},
		{"added paragraphs", orig + "\n\n" + strings.Join(p["002"][:2], "\n\n"), true, true},
		{"reordered", strings.Join(append(append([]string{p["004"][0]}, p["004"][n/2:]...), p["004"][1:n/2]...), "\n\n"), true, true},
		{"wrapped", filler + "\n\n" + orig + "\n\n" + filler, true, true},
		{"lede only", strings.Join(p["004"][:3], "\n\n"), true, true},
		{"truncated to a third", firstWords(orig, words(orig)/3), true, true},
		{"small edits", strings.NewReplacer("Saudi", "Saudian", "Gaza", "the Gaza Strip", "said", "stated").Replace(orig), true, true},
		{"page with the original second", strings.Join(p["001"], "\n\n") + "\n\n" + orig, false, true},
		{"one borrowed paragraph", other + "\n\n" + p["004"][2], false, true},
		{"unrelated article on the same trip", other, false, false},
		{"only a shared quotation", other + "\n\n" + quote, false, false},
		{"only a stock phrase", other + "\n\n" + "according to a State Department spokesperson, Matthew Miller.", false, false},
	}
	y := Side{Sig: NewSignature(orig + "\n\n" + quote)}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := Side{Sig: NewSignature(c.x)}
			got := Compare(x, y)
			back := Compare(y, x)
			if got.Copy != c.wantCopy {
				t.Errorf("copy = %v, want %v (shares %.2f, %.2f)", got.Copy, c.wantCopy, got.ShareX, got.ShareY)
			}
			if (len(got.Passages) > 0) != c.wantShare {
				t.Errorf("passages = %d, want shared %v (shares %.2f, %.2f)", len(got.Passages), c.wantShare, got.ShareX, got.ShareY)
			}
			if back.Copy != got.Copy || abs(back.ShareX-got.ShareY) > 1e-9 || abs(back.ShareY-got.ShareX) > 1e-9 {
				t.Errorf("not symmetric: %+v vs %+v", got, back)
			}
			for _, ps := range got.Passages {
				if ps.Start < 0 || ps.End > len(c.x) || ps.Start >= ps.End {
					t.Errorf("passage %+v outside x", ps)
				}
			}
		})
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// corpus builds a small stream: originals from the seeds, copies, a
// borrowed paragraph and unrelated pieces, with distinct dates.
func corpus(t *testing.T) []*storyline.Article {
	p := seedParagraphs(t)
	var arts []*storyline.Article
	add := func(ref, text string, day int) {
		arts = append(arts, &storyline.Article{ID: storyline.ArticleID(text), Ref: ref, Text: text,
			Published: fmt.Sprintf("2024-03-%02d", day)})
	}
	add("004", strings.Join(p["004"], "\n\n"), 5)
	add("004-lede", strings.Join(p["004"][:3], "\n\n"), 3) // earlier: the origin of its group
	add("004-edited", strings.ReplaceAll(strings.Join(p["004"], "\n\n"), "Gaza", "the Gaza Strip"), 9)
	add("002", strings.Join(p["002"], "\n\n"), 6)
	add("002-copy", "By Staff\n\n"+strings.Join(p["002"][1:], "\n\n"), 7)
	add("003", strings.Join(p["003"], "\n\n"), 8)
	add("003-borrows-002", strings.Join(p["003"], "\n\n")+"\n\n"+p["002"][1], 10)
	add("001", strings.Join(p["001"], "\n\n"), 11)
	// Another version of 004's story, which shares its lede, and a
	// longer lede of 004, which is a copy of 000 too by the copy rule.
	add("000", strings.Join(p["000"], "\n\n"), 4)
	add("004-lede-4", strings.Join(p["004"][:4], "\n\n"), 13)
	// A page carrying 003 and, below it, 001.
	add("003-then-001", strings.Join(p["003"], "\n\n")+"\n\n"+strings.Join(p["001"], "\n\n"), 12)
	return arts
}

// outcome runs a detector (common threshold common) over arts in order
// and returns, by ref, the ref of the group origin and the sorted refs it
// is linked to.
func outcome(t *testing.T, arts []*storyline.Article, common int) (map[string]string, map[string][]string) {
	texts := map[string]string{}
	refOf := map[string]string{}
	for _, a := range arts {
		texts[a.ID] = a.Text
		refOf[a.ID] = a.Ref
	}
	d := NewDetector(func(id string) (string, error) { return texts[id], nil }, common)
	// Replay the stored rows the way a store keeps them.
	dup := map[string]string{}
	links := map[[2]string]bool{}
	merge := func(origin, from string) {
		for id, o := range dup {
			if o == from && id != origin {
				dup[id] = origin
			}
		}
		if from != origin {
			dup[from] = origin
		}
	}
	for _, a0 := range arts {
		a := *a0
		if err := d.Observe(&a, nil); err != nil {
			t.Fatal(err)
		}
		if a.DuplicateOf != "" {
			dup[a.ID] = a.DuplicateOf
		}
		for _, r := range a.Regroup {
			merge(a.Origin(), r)
		}
		for _, l := range a.Reuse {
			links[[2]string{a.ID, l.Of}] = true
		}
		for _, rv := range a.Revised.Links {
			if !links[[2]string{rv.A, rv.B}] {
				t.Fatalf("%s revises %s-%s, which is not stored", a.Ref, refOf[rv.A], refOf[rv.B])
			}
			links[[2]string{rv.A, rv.B}] = !rv.Drop
		}
		for _, o := range a.Revised.Origins {
			if o.DuplicateOf == "" {
				delete(dup, o.ID)
			} else {
				dup[o.ID] = o.DuplicateOf
			}
		}
	}
	originOf := func(id string) string {
		if o, ok := dup[id]; ok {
			return o
		}
		return id
	}
	groups := map[string]string{}
	linked := map[string][]string{}
	for _, a := range arts {
		groups[a.Ref] = refOf[originOf(a.ID)]
		// The links of the whole group, as the store gives them.
		var ls []storyline.Reuse
		for k, ok := range links {
			if !ok {
				continue
			}
			if originOf(k[0]) == originOf(a.ID) {
				ls = append(ls, storyline.Reuse{Of: k[1]})
			}
			if originOf(k[1]) == originOf(a.ID) {
				ls = append(ls, storyline.Reuse{Of: k[0]})
			}
		}
		for _, l := range storyline.CollapseReuse(originOf(a.ID), ls, originOf) {
			linked[a.Ref] = append(linked[a.Ref], refOf[l.Of])
		}
		sort.Strings(linked[a.Ref])
	}
	return groups, linked
}

// sameOutcome checks that 20 random orders of arts give the groups and
// links of the first order, and returns them.
func sameOutcome(t *testing.T, arts []*storyline.Article, common int) (map[string]string, map[string][]string) {
	t.Helper()
	groups, linked := outcome(t, arts, common)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		perm := append([]*storyline.Article(nil), arts...)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		g2, l2 := outcome(t, perm, common)
		if fmt.Sprint(g2) != fmt.Sprint(groups) || fmt.Sprint(l2) != fmt.Sprint(linked) {
			var order []string
			for _, a := range perm {
				order = append(order, a.Ref)
			}
			t.Fatalf("order %v:\ngroups %v\nlinks  %v\nwant   %v\n       %v", order, g2, l2, groups, linked)
		}
	}
	return groups, linked
}

// TestDetectorOrderIndependent: any ingest order gives the same groups,
// origins and links.
func TestDetectorOrderIndependent(t *testing.T) {
	groups, linked := sameOutcome(t, corpus(t), 0)
	want := map[string]string{
		"004": "004-lede", "004-lede": "004-lede", "004-edited": "004-lede",
		"002": "002", "002-copy": "002", "003": "003", "003-borrows-002": "003", "001": "001",
		"000": "000", "003-then-001": "003", "004-lede-4": "004-lede",
	}
	// 003-borrows-002 is a copy of 003 (it is 003 with one paragraph
	// added) and shares a paragraph with 002.
	want["003-borrows-002"] = "003"
	if fmt.Sprint(groups) != fmt.Sprint(want) {
		t.Errorf("groups = %v\nwant     %v", groups, want)
	}
	// Links are shown between groups: 003's group carries the page's
	// link to 001.
	if got := fmt.Sprint(linked["003-borrows-002"]); got != "[001 002]" {
		t.Errorf("003-borrows-002 linked to %s, want [001 002]", got)
	}
	for _, ref := range []string{"002", "002-copy"} {
		if got := fmt.Sprint(linked[ref]); got != "[003]" {
			t.Errorf("%s linked to %s, want [003] (the origin of 003-borrows-002's group)", ref, got)
		}
	}
	// The page is a copy of 003 and linked to 001; 000 and 004 are two
	// versions, linked: 004's lede does not join them.
	if got := fmt.Sprint(linked["001"]); got != "[003]" {
		t.Errorf("001 linked to %s, want [003] (the page carrying it)", got)
	}
	if got := fmt.Sprint(linked["000"]); got != "[004-lede]" {
		t.Errorf("000 linked to %s, want [004-lede] (the origin of 004's group)", got)
	}
}

// TestDetectorFurniture: a block of text that many independent articles
// carry is site furniture. Articles that share only that block are not
// linked, a lede wrapped in it is a copy of its article, and this holds
// whichever article shows first that the block is common.
func TestDetectorFurniture(t *testing.T) {
	p := seedParagraphs(t)
	src := synth.New(11)
	block := src.Text(70) // the same block on every page of a site
	var arts []*storyline.Article
	add := func(ref, text string, day int) {
		arts = append(arts, &storyline.Article{ID: storyline.ArticleID(text), Ref: ref, Text: text,
			Published: fmt.Sprintf("2024-03-%02d", day)})
	}
	for i := range 8 {
		add(fmt.Sprintf("page%d", i), src.Text(300)+"\n\n"+block, 10+i)
	}
	add("004", strings.Join(p["004"], "\n\n"), 5)
	add("004-lede-wrapped", block+"\n\n"+strings.Join(p["004"][:3], "\n\n"), 6)
	add("002", strings.Join(p["002"], "\n\n")+"\n\n"+block, 7)
	groups, linked := sameOutcome(t, arts, 4)
	if groups["004-lede-wrapped"] != "004" {
		t.Errorf("004-lede-wrapped in the group of %s, want 004", groups["004-lede-wrapped"])
	}
	for _, ref := range []string{"page0", "page5", "002"} {
		if len(linked[ref]) != 0 {
			t.Errorf("%s linked to %v: the pages share only furniture", ref, linked[ref])
		}
	}
	// Below the threshold the block is not known as furniture: the pages
	// are linked.
	if _, linked := outcome(t, arts, 20); len(linked["page0"]) == 0 {
		t.Error("with a threshold of 20 the block is not common, but page0 is linked to no page")
	}
}

// TestDetectorKnownArticle: an article already known is left alone.
func TestDetectorKnownArticle(t *testing.T) {
	arts := corpus(t)
	d := NewDetector(func(string) (string, error) { return arts[0].Text, nil }, 0)
	a := *arts[0]
	if err := d.Observe(&a, nil); err != nil {
		t.Fatal(err)
	}
	b := *arts[0]
	if err := d.Observe(&b, nil); err != nil {
		t.Fatal(err)
	}
	if b.Fingerprints != nil || b.Reuse != nil || d.Len() != 1 {
		t.Errorf("known article observed again: %d fingerprints, %d links, %d known", len(b.Fingerprints), len(b.Reuse), d.Len())
	}
}

// TestLists: runs of three or more short lines that end no sentence are
// lists; prose, a title and two such lines are not.
func TestLists(t *testing.T) {
	cases := []struct {
		name, text string
		list       []string // the words marked, in order
	}{
		{"headline list", "Most read\nStorm hits coast\nCouncil votes on budget\n\nThe storm hit the coast on Friday.",
			[]string{"Most", "read", "Storm", "hits", "coast", "Council", "votes", "on", "budget"}},
		{"two lines are not a list", "Storm hits coast\nCouncil votes on budget\n\nThe storm hit the coast on Friday.", nil},
		{"prose lines", "The storm hit the coast.\nIt was strong.\nPeople left!\nWhy now?", nil},
		{"a blank line ends a run", "One two\nThree four\n\nFive six\nSeven eight", nil},
		{"a long line ends a run", "One two\nThree four\n" + strings.Repeat("word ", 13) + "\nFive six\nSeven eight", nil},
		{"list at the end", "The storm hit the coast.\nTags\nweather\nstorms",
			[]string{"Tags", "weather", "storms"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewSignature(c.text)
			var got []string
			for _, tk := range s.Tokens {
				if tk.List {
					got = append(got, c.text[tk.Start:tk.End])
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(c.list) {
				t.Errorf("list words %v, want %v", got, c.list)
			}
		})
	}
}

// TestCompareLists: a list of headlines two articles share is not reuse,
// and a lede under one is a copy of its article.
func TestCompareLists(t *testing.T) {
	p := seedParagraphs(t)
	list := "Related coverage\nStorm knocks out power to thousands across the county\n" +
		"Council votes to raise parking fees downtown\nBus drivers vote to accept pay offer\n" +
		"Museum reopens after two-year renovation\nMore stories from our newsroom"
	orig := strings.Join(p["004"], "\n\n")
	a := Side{Sig: NewSignature(strings.Join(p["002"], "\n\n") + "\n\n" + list)}
	b := Side{Sig: NewSignature(strings.Join(p["003"], "\n\n") + "\n\n" + list)}
	if got := Compare(a, b); len(got.Passages) != 0 {
		t.Errorf("articles sharing only a headline list: %d passages, shares %.2f %.2f", len(got.Passages), got.ShareX, got.ShareY)
	}
	lede := Side{Sig: NewSignature(list + "\n\n" + strings.Join(p["004"][:3], "\n\n"))}
	if got := Compare(lede, Side{Sig: NewSignature(orig)}); !got.Copy {
		t.Errorf("a lede under a headline list: not a copy (shares %.2f, %.2f)", got.ShareX, got.ShareY)
	}
}
