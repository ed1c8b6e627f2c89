package extract

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// secondPassReasons are the rules that may still cut something when the
// cleaned text is cleaned again. They depend on position, which the first
// pass changes: once the title is gone the next short line may be taken for
// one (or for a kicker), a bare date or a date prefix may move into the
// header or the first lines, a heading may become the last line, and
// paragraphs split by residue may now repeat, and the furniture classifier
// sees other neighbours and other edges. Line rules (residue, bylines,
// credits) must never fire again.
var secondPassReasons = map[string]bool{
	storyline.ReasonTitle:         true,
	storyline.ReasonTitleRepeat:   true,
	storyline.ReasonCategory:      true,
	storyline.ReasonDateLine:      true,
	storyline.ReasonTrailing:      true,
	storyline.ReasonRepeatedBlock: true,
	storyline.ReasonFurniture:     true,
}

func FuzzPlainText(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add(joinParas("Kenya counts votes after a calm election", "By Abdi Latif Dahir | Aug. 10, 2022",
		"5 min read\nAfrica\nhttps://static.example.com/kenya.jpg", "NAIROBI, Kenya — "+bodyVote[0],
		bodyVote[1], bodyVote[1], "Tags: Kenya", "Sources", "Was this article helpful?"))
	f.Add("date 2024-02-05 CAIRO (Reuters) - " + bodyQuake[0] + "\r\n" + bodyQuake[1])
	f.Add("\ufeffTitle\n\nTitle\n\n“No.”\n\n“No.”\n\nReferences")
	f.Fuzz(func(t *testing.T, in string) {
		if msg := checkInvariants(in); msg != "" {
			t.Fatal(msg)
		}
	})
}

// checkInvariants cleans in and returns what is wrong, or "".
func checkInvariants(in string) string {
	c := PlainText(in)
	norm := normaliseText(in)
	if utf8.ValidString(in) && !utf8.ValidString(c.Text) {
		return fmt.Sprintf("invalid UTF-8 out of valid input: %q", c.Text)
	}
	if c.Text != "" {
		for _, p := range strings.Split(c.Text, "\n\n") {
			if p == "" || !strings.Contains(norm, p) {
				return fmt.Sprintf("paragraph %q is not in the input", p)
			}
		}
	}
	for _, r := range c.Removed {
		if r.Reason == "" || r.Text == "" || !strings.Contains(norm, r.Text) {
			return fmt.Sprintf("removal %+v is not in the input", r)
		}
	}
	for _, s := range []string{c.Title, c.Byline, c.Dateline} {
		if s != "" && !strings.Contains(norm, s) {
			return fmt.Sprintf("%q is not in the input", s)
		}
	}
	if c.Published != "" {
		if _, ok := ParseDate(c.Published); !ok {
			return fmt.Sprintf("published %q does not parse", c.Published)
		}
	}
	c2 := PlainText(c.Text)
	for _, r := range c2.Removed {
		if !secondPassReasons[r.Reason] {
			return fmt.Sprintf("second pass cut %s %q from\n%q", r.Reason, r.Text, c.Text)
		}
	}
	return ""
}

// TestPlainTextInvariants checks the fuzz invariants on articles put
// together at random from the lines of the seeds, the test paragraphs and
// residue lines: a structured complement to the byte-level fuzzer.
func TestPlainTextInvariants(t *testing.T) {
	var pool []string
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(l) != "" {
				pool = append(pool, l)
			}
		}
	}
	pool = append(pool, bodyQuake...)
	pool = append(pool, bodyVote...)
	pool = append(pool, bodyFR...)
	pool = append(pool, "Egypt", "Sources", "References", "World", "By Jane Doe", "Published Feb. 5, 2024",
		"February 5, 2024", "Advertisement", "5 min read", "https://x.example.com/a.jpg", "Photo: AP",
		"Tags: a, b", "“No.”", "date 2024-02-05 Blinken went.", "RIYADH, Saudi Arabia — Blinken arrived.",
		"Kenya counts votes after a calm election", "Comments (3)", "Related articles", "  ", "\r")
	n := 3000
	if testing.Short() {
		n = 300
	}
	r := rand.New(rand.NewSource(1))
	for range n {
		var b strings.Builder
		for range 1 + r.Intn(12) {
			b.WriteString(pool[r.Intn(len(pool))])
			b.WriteString([]string{"\n", "\n\n", "\n\n\n"}[r.Intn(3)])
		}
		if msg := checkInvariants(b.String()); msg != "" {
			t.Fatalf("%s\ninput:\n%s", msg, b.String())
		}
	}
}
