package extract

import (
	"encoding/json"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// seedsDir holds the real scraped articles bundled with the repository.
const seedsDir = "../examples/seeds"

// seedsGolden is the expected output of PlainText on every seed.
const seedsGolden = "testdata/seeds.golden.json"

// The -update flag rewrites golden files. Another test file of the package
// may define it too; it is registered only once and read by name.
var _ = func() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata")
	}
	return true
}()

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

type seedResult struct {
	File string `json:"file"`
	Cleaned
}

func readSeeds(tb testing.TB) map[string]string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seeds in %s: %v", seedsDir, err)
	}
	seeds := make(map[string]string, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		seeds[filepath.Base(f)] = string(b)
	}
	return seeds
}

// seed returns the seed whose name starts with prefix ("001").
func seedBody(tb testing.TB, seeds map[string]string, prefix string) string {
	tb.Helper()
	for name, body := range seeds {
		if strings.HasPrefix(name, prefix+"_") {
			return body
		}
	}
	tb.Fatalf("no seed %s", prefix)
	return ""
}

// TestSeedsGolden compares PlainText on every seed with the golden file;
// run with -update to rewrite it after a deliberate change.
func TestSeedsGolden(t *testing.T) {
	seeds := readSeeds(t)
	var got []seedResult
	for _, name := range sortedKeys(seeds) {
		got = append(got, seedResult{File: name, Cleaned: PlainText(seeds[name])})
	}
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	if updating() {
		if err := os.WriteFile(seedsGolden, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(seedsGolden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(data) {
		var w []seedResult
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		for i := range got {
			if i >= len(w) {
				t.Errorf("%s: not in golden file", got[i].File)
				continue
			}
			g, _ := json.MarshalIndent(got[i], "", "  ")
			e, _ := json.MarshalIndent(w[i], "", "  ")
			if string(g) != string(e) {
				t.Errorf("%s differs from golden file:\ngot:\n%s\nwant:\n%s", got[i].File, g, e)
			}
		}
		t.Errorf("output differs from %s; run go test -run TestSeedsGolden -update if the change is intended", seedsGolden)
	}
}

func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}

// TestSeeds asserts what the issue expects of each seed.
func TestSeeds(t *testing.T) {
	seeds := readSeeds(t)

	c := PlainText(seedBody(t, seeds, "000"))
	expectSeed(t, "000 title", c.Title, "Blinken travels to Egypt and Qatar in his bid to avert a wider regional war.")
	expectSeed(t, "000 byline", c.Byline, "NYTimes")
	mustRemove(t, "000", c, storyline.ReasonTitleRepeat, "Blinken travels to Egypt and Qatar in his bid to avert a wider regional war.")
	mustRemove(t, "000", c, storyline.ReasonCategory, "• Post category:World")
	mustRemove(t, "000", c, storyline.ReasonByline, "by NYTimes")
	expectSeed(t, "000 lang", c.Lang, "en")

	c = PlainText(seedBody(t, seeds, "001"))
	expectSeed(t, "001 title", c.Title, "Blinken's Urgent Middle East Diplomatic Mission")
	expectSeed(t, "001 published", c.Published, "2024-06-11T00:06:00")
	mustRemove(t, "001", c, storyline.ReasonDateLine, "Published June 11, 2024 - 00:06am")
	mustRemove(t, "001", c, storyline.ReasonReadingTime, "7 minutes read")
	mustRemove(t, "001", c, storyline.ReasonCategory, "Egypt")
	mustRemove(t, "001", c, storyline.ReasonURL, "https://sf.goud.ma/wp-content/uploads/2024/06/بلينكن-في-مصر.jpg")
	mustRemove(t, "001", c, storyline.ReasonImageCredit, "Image recovered from goud.ma")
	mustRemove(t, "001", c, storyline.ReasonTrailing, "Sources")
	mustRemove(t, "001", c, storyline.ReasonRatingPrompt, "How would you rate this article?")
	mustRemove(t, "001", c, storyline.ReasonReadNext, "What to read next...")
	if !strings.HasPrefix(c.Text, "US Secretary of State Antony Blinken embarks on a pivotal Middle East tour") {
		t.Errorf("001: the standfirst must be kept: %.80q", c.Text)
	}
	seen := map[string]bool{}
	for _, p := range strings.Split(c.Text, "\n\n") {
		if seen[normPara(p)] {
			t.Errorf("001: paragraph occurs twice: %.60q", p)
		}
		seen[normPara(p)] = true
	}
	repeats := 0
	for _, r := range c.Removed {
		if r.Reason == storyline.ReasonRepeatedBlock {
			repeats++
		}
	}
	expectSeed(t, "001 repeated paragraphs", repeats, 9)

	for _, n := range []string{"002", "003"} {
		in := seedBody(t, seeds, n)
		c = PlainText(in)
		expectSeed(t, n+" title", c.Title, "")
		if len(c.Removed) != 0 {
			t.Errorf("%s: content removed: %q", n, removalList(c.Removed))
		}
		lines := strings.Split(strings.TrimSpace(in), "\n")
		expectSeed(t, n+" paragraphs", len(strings.Split(c.Text, "\n\n")), len(lines))
	}

	c = PlainText(seedBody(t, seeds, "004"))
	expectSeed(t, "004 published", c.Published, "2024-02-05")
	expectSeed(t, "004 dateline", c.Dateline, "RIYADH, Saudi Arabia")
	expectSeed(t, "004 source", c.Source, "The New York Times")
	expectSeed(t, "004 title", c.Title, "")
	if !strings.HasPrefix(c.Text, "Blinken began his fifth trip") {
		t.Errorf("004: text starts %.40q", c.Text)
	}
	if !strings.Contains(c.Text, "\n\nRIYADH, Saudi Arabia — Secretary of State") {
		t.Errorf("004: the dateline paragraph must be kept whole")
	}
	mustRemove(t, "004", c, storyline.ReasonDateLine, "date 2024-02-05")
	mustRemove(t, "004", c, storyline.ReasonCredit, "Material from the Associated Press was used in this report.")
	mustRemove(t, "004", c, storyline.ReasonCredit, "This article originally appeared in The New York Times.")
	expectSeed(t, "004 credits", len(c.Credits), 2)

	// No residue line is left in any seed: every paragraph of the text is
	// content to the line rules, and nothing cut as residue is in the text.
	ctx := &textCtx{langs: []string{}}
	for name, in := range seeds {
		c := PlainText(in)
		paras := map[string]bool{}
		for _, p := range strings.Split(c.Text, "\n\n") {
			paras[p] = true
			if r, _, dateOnly := classifyLine(p, wordCount(p), ctx); r != "" || dateOnly {
				t.Errorf("%s: residue left (%s): %q", name, r, p)
			}
		}
		for _, r := range c.Removed {
			if r.Reason != storyline.ReasonRepeatedBlock && paras[r.Text] {
				t.Errorf("%s: removed %s %q is still a paragraph of the text", name, r.Reason, r.Text)
			}
		}
	}
}

func expectSeed[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func mustRemove(t *testing.T, name string, c Cleaned, reason, text string) {
	t.Helper()
	if !hasRemoval(c, reason, text) {
		t.Errorf("%s: %s %q not removed; removed: %q", name, reason, text, removalList(c.Removed))
	}
}

// BenchmarkPlainText cleans every seed once per iteration; MB/s is over
// the seeds' bytes.
func BenchmarkPlainText(b *testing.B) {
	seeds := readSeeds(b)
	var docs []string
	n := 0
	for _, name := range sortedKeys(seeds) {
		docs = append(docs, seeds[name])
		n += len(seeds[name])
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			PlainText(d)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
}
