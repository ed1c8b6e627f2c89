package describe

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/timex"
)

// dated makes an annotated article (dates, no entities) from text.
func dated(id, published, text string) *storyline.Article {
	a := &storyline.Article{ID: id, Published: published, Text: text}
	a.Timexes = timex.Tag(text, published)
	a.SentenceDates = timex.SentenceDates(text, published, a.Timexes)
	return a
}

// checkSummary checks what every summary must be: sentences taken whole
// from their first source, within the budget (unless one sentence),
// each cited by its own article, none twice, none left dangling.
func checkSummary(t *testing.T, arts []*storyline.Article, sum []storyline.SummarySentence, words int) {
	t.Helper()
	byID := map[string]*storyline.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	total, seen := 0, map[string]bool{}
	for i, s := range sum {
		total += wordCount(s.Text)
		if len(s.Sources) == 0 {
			t.Fatalf("sentence %d has no source: %q", i, s.Text)
		}
		a := byID[s.Sources[0]]
		if a == nil || s.Start < 0 || s.End > len(a.Text) || a.Text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d %q is not at %d:%d of its first source", i, s.Text, s.Start, s.End)
		}
		if seen[s.Text] {
			t.Errorf("sentence %d repeated: %q", i, s.Text)
		}
		seen[s.Text] = true
		if i > 0 && a != nil {
			prev := sum[i-1]
			sent := Sentence{Article: a.ID, Start: s.Start, End: s.End, Text: s.Text}
			if dangling(sent, a.Entities) && !(prev.Sources[0] == s.Sources[0] && prev.End <= s.Start) {
				t.Errorf("sentence %d %q depends on one it does not follow", i, s.Text)
			}
		}
	}
	if i := 0; len(sum) > 0 {
		a := byID[sum[i].Sources[0]]
		if dangling(Sentence{Start: sum[0].Start, End: sum[0].End, Text: sum[0].Text}, a.Entities) {
			t.Errorf("summary starts with a dangling sentence: %q", sum[0].Text)
		}
	}
	if total > words && len(sum) > 1 {
		t.Errorf("summary has %d words, budget %d", total, words)
	}
}

func TestSummarizeSeeds(t *testing.T) {
	arts := seedArticles(t)
	for _, words := range []int{40, 100, 250} {
		sum := Summarize(arts, SummaryOptions{Words: words})
		if len(sum) == 0 {
			t.Fatalf("no summary of the seeds at %d words", words)
		}
		checkSummary(t, arts, sum, words)
	}
	// Seeds 000 and 004 are two versions of one story: a sentence of one
	// that the other says too cites both.
	both := false
	for _, s := range Summarize(arts, SummaryOptions{Words: 250}) {
		has := map[string]bool{}
		for _, id := range s.Sources {
			has[id] = true
		}
		both = both || has[arts[0].ID] && has[arts[4].ID]
	}
	if !both {
		t.Error("no summary sentence cites both versions of the New York Times story")
	}
}

func TestSummarizeCopiesCountOnce(t *testing.T) {
	arts := seedArticles(t)
	base := Summarize(arts, SummaryOptions{})
	cp := *arts[2]
	cp.ID, cp.DuplicateOf = "copy-of-002", arts[2].ID
	withCopy := Summarize(append(append([]*storyline.Article(nil), arts...), &cp), SummaryOptions{})
	if len(base) != len(withCopy) {
		t.Fatalf("a copy changes the summary: %d sentences, then %d", len(base), len(withCopy))
	}
	for i := range base {
		if base[i].Text != withCopy[i].Text {
			t.Errorf("sentence %d changes with a copy: %q, then %q", i, base[i].Text, withCopy[i].Text)
		}
		if withCopy[i].Sources[0] == cp.ID {
			t.Errorf("sentence %d is taken from the copy", i)
		}
		for _, id := range withCopy[i].Sources {
			if id == arts[2].ID {
				found := false
				for _, id2 := range withCopy[i].Sources {
					found = found || id2 == cp.ID
				}
				if !found {
					t.Errorf("sentence %d cites 002 but not its copy", i)
				}
			}
		}
	}
}

func TestSummarizeOrderAndAntecedents(t *testing.T) {
	arts := []*storyline.Article{
		dated("a", "2024-02-08", "Rescue teams reached the flooded valley villages on Thursday after the river burst its banks. "+
			"They found hundreds of families stranded on rooftops without food or clean water."),
		dated("b", "2024-02-08", "The river burst its banks on Monday and flooded the valley villages overnight. "+
			"Rescue teams reached the flooded valley villages on Thursday with boats and food."),
		dated("c", "2024-02-09", "Hundreds of families stranded on rooftops in the flooded valley villages were rescued by teams with boats. "+
			"The river burst its banks on Monday after a week of heavy rain in the hills."),
	}
	for _, chrono := range []bool{false, true} {
		sum := Summarize(arts, SummaryOptions{Words: 60, Chronological: chrono})
		checkSummary(t, arts, sum, 60)
		if chrono {
			for i := 1; i < len(sum); i++ {
				if sum[i].Date != "" && sum[i-1].Date != "" && sum[i].Date < sum[i-1].Date {
					t.Errorf("chronological summary out of order: %q (%s) after %q (%s)", sum[i].Text, sum[i].Date, sum[i-1].Text, sum[i-1].Date)
				}
			}
		}
	}
}

func TestSummarizeEmpty(t *testing.T) {
	if s := Summarize(nil, SummaryOptions{}); len(s) != 0 {
		t.Errorf("summary of nothing: %v", s)
	}
	junk := []*storyline.Article{dated("x", "", "How would you rate this article?\nShare\nhttp://example.com/a")}
	if s := Summarize(junk, SummaryOptions{}); len(s) != 0 {
		t.Errorf("summary of junk: %v", s)
	}
}

// TestSelectUnitsExact compares the branch and bound with brute force on
// small random instances.
func TestSelectUnitsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		nc := 12
		weights := make([]float64, nc)
		for i := range weights {
			weights[i] = float64(1 + r.IntN(5))
		}
		var units []*unit
		for i := 0; i < 8; i++ {
			u := &unit{sents: []*cand{{slot: i}}, words: 5 + r.IntN(20)}
			for c := 0; c < nc; c++ {
				if r.IntN(3) == 0 {
					u.concepts = append(u.concepts, int32(c))
				}
			}
			units = append(units, u)
		}
		budget := 20 + r.IntN(30)
		value := func(us []*unit) float64 {
			cov := map[int32]bool{}
			v := 0.0
			for _, u := range us {
				for _, c := range u.concepts {
					if !cov[c] {
						cov[c] = true
						v += weights[c]
					}
				}
			}
			return v
		}
		best := 0.0
		for mask := 0; mask < 1<<len(units); mask++ {
			var us []*unit
			w := 0
			for i := range units {
				if mask&(1<<i) != 0 {
					us = append(us, units[i])
					w += units[i].words
				}
			}
			if w <= budget && value(us) > best {
				best = value(us)
			}
		}
		got := selectUnits(append([]*unit(nil), units...), weights, budget)
		w := 0
		for _, u := range got {
			w += u.words
		}
		if best > 0 && (value(got) != best || w > budget) {
			t.Fatalf("trial %d: value %v in %d words, optimum %v within %d", trial, value(got), w, best, budget)
		}
	}
}

func TestSupports(t *testing.T) {
	for _, c := range []struct {
		s, t string
		ok   bool
	}{
		{"The Roadmap establishes a time frame and scope for a post-2012 climate agreement.",
			"The Roadmap, agreed in Bali, establishes a time frame and the scope for a post-2012 climate agreement.", true},
		{"At least 113 bodies were brought to hospitals in Gaza in the last day.",
			"At least 213 bodies were brought to hospitals in Gaza in the last day.", false},
		{"The jury sentenced Graner to ten years in prison.", "The jury sentenced Graner to ten years in prison.", true},
		{"If he had voted, it would have been against.", "He voted against the bill on donations.", false},
		{"Iran says the sailors were in Iranian waters when they were arrested.",
			"The Royal Navy insists the sailors were operating in Iraqi waters under a UN mandate.", false},
	} {
		if got := Supports(c.s, c.t); got != c.ok {
			t.Errorf("Supports(%q, %q) = %v, want %v", c.s, c.t, got, c.ok)
		}
	}
}

// TestParaphraseLabelled holds Supports to its precision and recall on
// the hand-labelled TAC 2011 pairs.
func TestParaphraseLabelled(t *testing.T) {
	f, err := os.Open("testdata/paraphrase.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tp, fp, fn := 0, 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		x := strings.Split(sc.Text(), "\t")
		if len(x) != 3 {
			t.Fatalf("bad line %q", sc.Text())
		}
		got, want := Supports(x[1], x[2]), x[0] == "1"
		switch {
		case got && want:
			tp++
		case got:
			fp++
		case want:
			fn++
		}
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	if p < 0.9 || r < 0.6 {
		t.Errorf("paraphrase precision %.3f (floor 0.9), recall %.3f (floor 0.6)", p, r)
	}
}
