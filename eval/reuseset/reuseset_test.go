package reuseset

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// dataDir is the shared dev data beside the repository; tests that need it
// skip when it is absent.
var dataDir = filepath.Join("..", "..", "..", "shared", "data")

func needData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, "ecbplus-dev", "articles.jsonl")); err != nil {
		t.Skipf("no shared data: %v", err)
	}
}

var (
	setsMu sync.Mutex
	sets   = map[string]*Set{}
)

// generated returns the set of split with seed 1, generated once.
func generated(t *testing.T, split string) *Set {
	t.Helper()
	needData(t)
	setsMu.Lock()
	defer setsMu.Unlock()
	if s, ok := sets[split]; ok {
		return s
	}
	start := time.Now()
	s, err := Generate(dataDir, split, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d items, %d dups, %d links, %d negatives in %v", split, len(s.Items), len(s.Dups), len(s.Links), len(s.Negatives), time.Since(start))
	sets[split] = s
	return s
}

func TestDeterministic(t *testing.T) {
	needData(t)
	a, err := Generate(dataDir, "dev", 7)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(dataDir, "dev", 7)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Items, b.Items) || !reflect.DeepEqual(a.Dups, b.Dups) ||
		!reflect.DeepEqual(a.Links, b.Links) || !reflect.DeepEqual(a.Negatives, b.Negatives) {
		t.Error("two sets generated with seed 7 differ")
	}
	c, err := Generate(dataDir, "dev", 8)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Items, c.Items) {
		t.Error("seeds 7 and 8 give the same items")
	}
}

func TestUnknownSplit(t *testing.T) {
	if _, err := Generate(dataDir, "train", 1); err == nil {
		t.Error("split train: no error")
	}
	if _, err := Generate(t.TempDir(), "dev", 1); err == nil {
		t.Error("empty data folder: no error")
	}
}

func TestSplitsDisjoint(t *testing.T) {
	dev, test := generated(t, "dev"), generated(t, "test")
	used := func(s *Set) map[string]bool {
		m := map[string]bool{}
		for _, meta := range s.meta {
			for _, id := range meta.sources() {
				m[id] = true
			}
		}
		return m
	}
	du, tu := used(dev), used(test)
	for id := range du {
		if tu[id] {
			t.Errorf("source article %s is in both splits", id)
		}
		if strings.HasSuffix(id, "ecb") || strings.Contains(id, "ecbplus") {
			if topic := strings.SplitN(id, "_", 2)[0]; len(topic) > 1 && topic != "10" {
				t.Errorf("dev uses ECB+ article %s of topic %s", id, topic)
			}
		}
	}
	meantime := 0
	for id := range tu {
		if !strings.Contains(id, "ecb") && !strings.HasPrefix(id, "AFP_") && !strings.HasPrefix(id, "XIN_") {
			meantime++
		}
	}
	if meantime == 0 {
		t.Error("test uses no MEANTIME article")
	}
	t.Logf("source articles used: dev %d, test %d", len(du), len(tu))
}

func TestWellFormed(t *testing.T) {
	for _, split := range []string{"dev", "test"} {
		s := generated(t, split)
		if n := len(s.Items); n < 1500 || n > 5000 {
			t.Errorf("%s: %d items", split, n)
		}
		refs, sources, stamps := map[string]bool{}, map[string]bool{}, map[int64]bool{}
		for _, it := range s.Items {
			if it.Ref == "" || refs[it.Ref] {
				t.Errorf("%s: empty or repeated ref %q", split, it.Ref)
			}
			refs[it.Ref] = true
			if sources[it.Source] {
				t.Errorf("%s: source %q used twice", split, it.Source)
			}
			sources[it.Source] = true
			ts, err := time.Parse(time.RFC3339, it.Published)
			if err != nil {
				t.Errorf("%s: %s: published %q: %v", split, it.Ref, it.Published, err)
			}
			if stamps[ts.Unix()] {
				t.Errorf("%s: %s: published %q shared with another item", split, it.Ref, it.Published)
			}
			stamps[ts.Unix()] = true
			if strings.TrimSpace(it.Text) == "" || it.Title == "" {
				t.Errorf("%s: %s: no text or title", split, it.Ref)
			}
		}
		isCopy := map[string]bool{}
		for _, d := range s.Dups {
			isCopy[d.Ref] = true
		}
		pairs := map[[2]string]bool{}
		check := func(what, a, b string) {
			if !refs[a] || !refs[b] {
				t.Errorf("%s: %s %s–%s names an unknown ref", split, what, a, b)
			}
			if a == b {
				t.Errorf("%s: %s %s with itself", split, what, a)
			}
			k := pairKey(a, b)
			if pairs[k] {
				t.Errorf("%s: pair %s–%s twice in the gold", split, a, b)
			}
			pairs[k] = true
		}
		for _, d := range s.Dups {
			check("dup", d.Ref, d.Of)
			if isCopy[d.Of] {
				t.Errorf("%s: %s is a copy of %s, itself a copy", split, d.Ref, d.Of)
			}
		}
		for _, l := range s.Links {
			check("link", l.A, l.B)
			if l.Share <= 0 || l.Share >= 1 {
				t.Errorf("%s: link %s share %v", split, l.Kind, l.Share)
			}
		}
		for _, n := range s.Negatives {
			check("negative", n.A, n.B)
		}
	}
}

func TestAllKinds(t *testing.T) {
	for _, split := range []string{"dev", "test"} {
		s := generated(t, split)
		for _, c := range s.Counts() {
			if c.Count == 0 {
				t.Errorf("%s: no %s of kind %s", split, c.Type, c.Kind)
			}
			min := 30
			if c.Type == "negative" && c.Kind != NegQuote {
				min = 40
			}
			if c.Count < min {
				t.Errorf("%s: only %d %s of kind %s", split, c.Count, c.Type, c.Kind)
			}
		}
	}
}

func paragraphs(text string) []string { return strings.Split(text, "\n\n") }

// isSubsequence tells whether sub's elements appear in seq in order.
func isSubsequence(sub, seq []string) bool {
	i := 0
	for _, s := range seq {
		if i < len(sub) && sub[i] == s {
			i++
		}
	}
	return i == len(sub)
}

// sharedNgrams returns the number of distinct word n-grams of a in b.
func sharedNgrams(a, b string, n int) int {
	set := map[uint64]bool{}
	for _, h := range gramHashes(b, n) {
		set[h] = true
	}
	k := 0
	for _, h := range gramHashes(a, n) {
		if set[h] {
			k++
		}
	}
	return k
}

func TestEditsDoWhatTheyClaim(t *testing.T) {
	for _, split := range []string{"dev", "test"} {
		s := generated(t, split)
		items := map[string]Item{}
		for _, it := range s.Items {
			items[it.Ref] = it
		}
		for _, d := range s.Dups {
			c, o := items[d.Ref], items[d.Of]
			cp, op := paragraphs(c.Text), paragraphs(o.Text)
			cw, ow := wordCount(c.Text), wordCount(o.Text)
			fail := func(format string, args ...any) {
				t.Helper()
				t.Errorf("%s: %s copy %s of %s: "+format, append([]any{split, d.Kind, d.Ref, d.Of}, args...)...)
			}
			switch d.Kind {
			case KindExact:
				if c.Text != o.Text {
					fail("text differs")
				}
			case KindHeadline:
				if c.Title == o.Title {
					fail("same title %q", c.Title)
				}
				if c.Text != o.Text && !(strings.HasSuffix(c.Text, "\n\n"+o.Text) && len(cp) == len(op)+1) {
					fail("text changed beyond a byline")
				}
			case KindWrapper:
				if !strings.Contains(c.Text, o.Text) {
					fail("original text not inside")
				}
				if extra := cw - ow; extra < 60 || extra > 200 {
					fail("%d words of wrapper", extra)
				}
			case KindDrop:
				if cp[0] != op[0] || !isSubsequence(cp, op) || len(op)-len(cp) < 1 || len(op)-len(cp) > 3 {
					fail("not the original less 1–3 paragraphs: %d of %d", len(cp), len(op))
				}
			case KindAdd:
				if cp[0] != op[0] || !isSubsequence(op, cp) || len(cp)-len(op) < 1 || len(cp)-len(op) > 2 {
					fail("not the original plus 1–2 paragraphs: %d of %d", len(cp), len(op))
				}
			case KindEdit, KindReword:
				if len(cp) != len(op) || c.Text == o.Text {
					fail("paragraphs %d of %d, or no change", len(cp), len(op))
				}
				m := s.meta[d.Ref]
				edited, sents := 0, 0
				for _, p := range m.pieces {
					edited += p.edited
					sents += len(p.sents)
				}
				lo, hi := 0.1, 0.35
				if d.Kind == KindReword {
					lo, hi = 0.2, 0.45
				}
				if r := float64(edited) / float64(sents); (r < lo || r > hi) && edited > 1 {
					fail("%d of %d sentences edited", edited, sents)
				}
			case KindTruncate:
				if !strings.HasPrefix(o.Text, c.Text) || !endsSentence(c.Text) {
					fail("not a prefix cut at a sentence end")
				}
				if r := float64(cw) / float64(ow); r < 0.25 || r > 0.42 {
					fail("%.2f of the words", r)
				}
			case KindLede:
				if len(cp) < 2 || len(cp) >= len(op) || !reflect.DeepEqual(cp, op[:len(cp)]) || cw < 40 {
					fail("not the first paragraphs (%d of %d, %d words)", len(cp), len(op), cw)
				}
			case KindReorder:
				a, b := append([]string(nil), cp...), append([]string(nil), op...)
				if cp[0] != op[0] || reflect.DeepEqual(cp, op) {
					fail("first paragraph moved or nothing moved")
				}
				sortStrings(a)
				sortStrings(b)
				if !reflect.DeepEqual(a, b) {
					fail("paragraphs differ")
				}
			case KindTwoArticles:
				if !strings.HasPrefix(c.Text, o.Text+"\n\n") {
					fail("does not start with the original")
				}
				found := false
				for _, l := range s.Links {
					if l.A == d.Ref && l.Kind == LinkTwoArticles {
						found = true
						second := items[l.B]
						if !strings.HasSuffix(c.Text, second.Text) {
							fail("does not end with the second article")
						}
						if want := float64(wordCount(second.Text)) / float64(cw); abs(want-l.Share) > 0.02 {
							fail("share %.3f, words say %.3f", l.Share, want)
						}
					}
				}
				if !found {
					fail("no link to the second article")
				}
			default:
				if sharedNgrams(c.Text, o.Text, 8) == 0 {
					fail("shares nothing with the original")
				}
			}
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// without returns text without the paragraphs that contain any of cut.
func without(text string, cut string) string {
	var keep []string
	for _, p := range paragraphs(text) {
		if !strings.Contains(p, cut) {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n\n")
}

func TestLinksAndNegatives(t *testing.T) {
	for _, split := range []string{"dev", "test"} {
		s := generated(t, split)
		items := map[string]Item{}
		for _, it := range s.Items {
			items[it.Ref] = it
		}
		for _, l := range s.Links {
			a, b := items[l.A], items[l.B]
			lo, hi := 0.28, 0.52
			switch l.Kind {
			case LinkBorrow:
				lo, hi = 0.1, 0.5
			case LinkTwoArticles:
				lo, hi = 0.05, 0.95
			}
			if l.Share < lo || l.Share > hi {
				t.Errorf("%s: %s link %s–%s: share %.3f", split, l.Kind, l.A, l.B, l.Share)
			}
			if sharedNgrams(a.Text, b.Text, 8) < 3 {
				t.Errorf("%s: %s link %s–%s: hardly any text shared", split, l.Kind, l.A, l.B)
			}
			if l.Kind == LinkVersion && paragraphs(a.Text)[0] != paragraphs(b.Text)[0] {
				t.Errorf("%s: version %s–%s: different first paragraphs", split, l.A, l.B)
			}
			if l.Kind == LinkBorrow || l.Kind == LinkVersion {
				// A is no copy of B: B keeps at least half of its words to itself.
				if r := float64(sharedNgrams(b.Text, a.Text, 5)) / float64(len(gramHashes(b.Text, 5))); r > 0.6 {
					t.Errorf("%s: %s %s–%s: %.2f of B's 5-grams in A", split, l.Kind, l.A, l.B, r)
				}
			}
		}
		for _, n := range s.Negatives {
			a, b := items[n.A], items[n.B]
			ma, mb := s.meta[n.A], s.meta[n.B]
			switch n.Kind {
			case NegQuote:
				q := ma.quote
				if q == "" || q != mb.quote || !strings.Contains(a.Text, q) || !strings.Contains(b.Text, q) {
					t.Errorf("%s: quote %s–%s: quote not in both", split, n.A, n.B)
					continue
				}
				if w := wordCount(q); w < 20 || w > 40 {
					t.Errorf("%s: quote %s–%s: %d words", split, n.A, n.B, w)
				}
				if k := sharedNgrams(without(a.Text, q), without(b.Text, q), 8); k > 0 {
					t.Errorf("%s: quote %s–%s: %d 8-grams shared beside the quote", split, n.A, n.B, k)
				}
			case NegStock:
				p := ma.stock
				if p == "" || p != mb.stock || !strings.Contains(a.Text, p) || !strings.Contains(b.Text, p) || wordCount(p) > 12 {
					t.Errorf("%s: stock %s–%s: phrase %q not in both", split, n.A, n.B, p)
				}
				ra, rb := strings.ReplaceAll(a.Text, p, ""), strings.ReplaceAll(b.Text, p, "")
				if k := sharedNgrams(ra, rb, 8); k > 0 {
					t.Errorf("%s: stock %s–%s: %d 8-grams shared beside the phrase", split, n.A, n.B, k)
				}
			case NegBoilerplate:
				var block string
				for _, p := range ma.pieces {
					if p.role == roleBoiler && strings.Contains(b.Text, p.text) {
						block = p.text
					}
				}
				if ma.kind != NegBoilerplate || mb.kind != NegBoilerplate || block == "" {
					continue // the same block with other wording: a wrapper copy or another pair
				}
				if w := wordCount(block); w < 40 || w > 120 || !strings.Contains(b.Text, block) {
					t.Errorf("%s: boilerplate %s–%s: block of %d words not in both", split, n.A, n.B, w)
				}
				ra, rb := strings.ReplaceAll(a.Text, block, ""), strings.ReplaceAll(b.Text, block, "")
				if k := sharedNgrams(ra, rb, 8); k > 0 {
					t.Errorf("%s: boilerplate %s–%s: %d 8-grams shared beside the block", split, n.A, n.B, k)
				}
			case NegSameEvent:
				if ma.topic != mb.topic || !strings.HasPrefix(ma.topic, "ecb:") {
					t.Errorf("%s: same-event %s–%s: topics %s, %s", split, n.A, n.B, ma.topic, mb.topic)
				}
			}
		}
	}
}

// TestUnrelatedShareNoPassage checks the gold is complete: two items that
// are not copies and that no gold row relates (between their groups)
// share no run of 15 words.
func TestUnrelatedShareNoPassage(t *testing.T) {
	for _, split := range []string{"dev", "test"} {
		s := generated(t, split)
		origin := map[string]string{}
		for _, it := range s.Items {
			origin[it.Ref] = it.Ref
		}
		for _, d := range s.Dups {
			origin[d.Ref] = d.Of
		}
		related := map[[2]string]bool{}
		for _, l := range s.Links {
			related[pairKey(origin[l.A], origin[l.B])] = true
		}
		for _, n := range s.Negatives {
			related[pairKey(origin[n.A], origin[n.B])] = true
		}
		index := map[uint64][]string{}
		for _, it := range s.Items {
			for _, h := range gramHashes(it.Text, 15) {
				index[h] = append(index[h], it.Ref)
			}
		}
		bad := map[[2]string]bool{}
		for _, refs := range index {
			for i := range refs {
				for _, b := range refs[i+1:] {
					oa, ob := origin[refs[i]], origin[b]
					if k := pairKey(oa, ob); oa != ob && !related[k] {
						bad[k] = true
					}
				}
			}
		}
		n := 0
		for k := range bad {
			if n++; n <= 5 {
				t.Errorf("%s: groups %s and %s share 15 words but the gold does not relate them", split, k[0], k[1])
			}
		}
		if n > 5 {
			t.Errorf("%s: %d such pairs in all", split, n)
		}
	}
}

func TestOriginalUsuallyEarliest(t *testing.T) {
	for _, split := range []string{"dev", "test"} {
		s := generated(t, split)
		earliest := map[string]bool{}
		for _, d := range s.Dups {
			if _, ok := earliest[d.Of]; !ok {
				earliest[d.Of] = true
			}
			if s.meta[d.Ref].time.Before(s.meta[d.Of].time) {
				earliest[d.Of] = false
			}
		}
		n := 0
		for _, e := range earliest {
			if e {
				n++
			}
		}
		if r := float64(n) / float64(len(earliest)); r < 0.7 || r > 0.9 {
			t.Errorf("%s: the original is the earliest in %.2f of groups, want about 0.8", split, r)
		}
	}
}

func TestWriteJSONL(t *testing.T) {
	s := generated(t, "dev")
	dir := t.TempDir()
	if err := s.WriteJSONL(dir); err != nil {
		t.Fatal(err)
	}
	arts, err := readArticles(filepath.Join(dir, "articles.jsonl"))
	if err != nil || len(arts) != len(s.Items) {
		t.Fatalf("articles.jsonl: %d articles, %v", len(arts), err)
	}
	gold, err := os.ReadFile(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(gold)), "\n")
	if want := len(s.Dups) + len(s.Links) + len(s.Negatives); len(lines) != want {
		t.Errorf("gold.jsonl: %d lines, want %d", len(lines), want)
	}
	for _, prefix := range []string{`{"type":"dup","ref":`, `{"type":"link","a":`, `{"type":"negative","a":`} {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("gold.jsonl: no line starting %s", prefix)
		}
	}
}

// Text edits, without data.

func TestReorderClauses(t *testing.T) {
	tests := []struct{ in, want string }{
		{"In May, the council voted to raise the fees.", "The council voted to raise the fees, in May."},
		{"The council voted to raise the fees, after a long debate.", "After a long debate, the council voted to raise the fees."},
		{"Singh was sacked from his post, the party's highest body, on Monday.", "On Monday, Singh was sacked from his post, the party's highest body."},
		{"Singh, a veteran of the party, was sacked.", ""},
		{`"We will win," he said.`, ""},
	}
	for _, tt := range tests {
		got, ok := reorderClauses(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("reorderClauses(%q) = %q, want no change", tt.in, got)
			}
			continue
		}
		if !ok || got != tt.want {
			t.Errorf("reorderClauses(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestSentenceEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	if got, ok := contract("He did not say it is over.", rng); !ok || (got != "He didn't say it is over." && got != "He did not say it's over.") {
		t.Errorf("contract: %q", got)
	}
	if got, ok := contract("They don’t know.", rng); !ok || got != "They do not know." {
		t.Errorf("contract curly: %q", got)
	}
	if got, ok := changeNumber("The toll rose to 43 on Monday.", rng); !ok || got == "The toll rose to 43 on Monday." || !strings.HasPrefix(got, "The toll rose to 4") {
		t.Errorf("changeNumber: %q", got)
	}
	if _, ok := changeNumber("No numbers here.", rng); ok {
		t.Error("changeNumber changed a sentence without numbers")
	}
	if got, ok := deleteClause("The mayor, who took office in May, resigned on Friday.", rng); !ok || got != "The mayor, resigned on Friday." && got != "The mayor, who took office in May." {
		t.Errorf("deleteClause: %q", got)
	}
	if got, ok := synonymSwap("Officials said the big car was stolen.", rng); !ok || got == "Officials said the big car was stolen." {
		t.Errorf("synonymSwap: %q", got)
	}
	if _, ok := synonymSwap("Percentages grow.", rng); ok {
		t.Error("synonymSwap matched inside a word or a capitalised word")
	}
}

func TestSplitSentences(t *testing.T) {
	got := splitSentences(`Mr. Smith went to Washington. He met U.S. officials on Jan. 5. "It went well," he said. Prices rose 2.5 percent.`)
	want := []string{"Mr. Smith went to Washington.", "He met U.S. officials on Jan. 5.", `"It went well," he said.`, "Prices rose 2.5 percent."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitSentences = %q", got)
	}
}

func TestHeaderLine(t *testing.T) {
	for _, l := range []string{"First Published: June 13, 2013 4:59 PM EDT", "May 2, 2013", "UPDATED 05/03/2013 at 11:00 AM EDT", "Talkshow host returns for second Oscar tour"} {
		if !headerLine(l) {
			t.Errorf("headerLine(%q) = false", l)
		}
	}
	for _, l := range []string{"She was 91.", "Lindsay Lohan has left the Betty Ford Center and is moving to a rehab facility in Malibu, Calif., Access Hollywood has confirmed."} {
		if headerLine(l) {
			t.Errorf("headerLine(%q) = true", l)
		}
	}
}

func TestBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for k, b := range blocks {
		for range 5 {
			text := b(furniture{outlet: "The Riverton Herald", year: 2020, rng: rng})
			if n := wordCount(text); n < 25 || n > 130 {
				t.Errorf("block %d: %d words: %q", k, n, text)
			}
		}
	}
	for _, p := range stockPhrases {
		if n := wordCount(p); n > 12 {
			t.Errorf("stock phrase %q: %d words", p, n)
		}
	}
}
