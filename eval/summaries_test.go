package eval

import (
	"os"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestLeadAndLexRank(t *testing.T) {
	arts := []*storyline.Article{
		{ID: "a", Published: "2024-01-01", Text: "Old news about the flood in the valley. Nothing else happened."},
		{ID: "b", Published: "2024-01-03", Text: "The flood in the valley killed ten people. Rescue teams reached the valley. The river fell."},
		{ID: "c", Published: "2024-01-02", Text: "Rescue teams reached the flooded valley on Monday. The flood killed ten people in the valley."},
	}
	if got := Lead(arts, 4); got != "The flood in the" {
		t.Errorf("Lead = %q, want the first words of the latest article", got)
	}
	idf := map[string]float64{"markets": 3, "calm": 3, "tokyo": 3, "today": 2, "flood": 1, "kill": 1,
		"ten": 1, "peopl": 1, "valley": 1, "rescu": 2, "team": 2, "reach": 2, "offici": 2}
	arts = []*storyline.Article{
		{ID: "a", Text: "The flood killed ten people in the valley. Markets were calm in Tokyo today."},
		{ID: "b", Text: "Ten people were killed by the flood in the valley. Rescue teams reached the valley after the flood."},
		{ID: "c", Text: "The valley flood killed ten people, officials said."},
	}
	got := LexRank(arts, idf, 8)
	first := strings.SplitN(got, "\n", 2)[0]
	if !strings.Contains(strings.ToLower(first), "ten people") {
		t.Errorf("LexRank first sentence %q, want a central one", first)
	}
	if n := len(strings.Fields(got)); n < 8 {
		t.Errorf("LexRank gave %d words, want at least 8", n)
	}
}

// TestSummariesQuality holds the summarizer's ROUGE (ROUGE-1.5.5 -l 100)
// on TAC 2011 above floors and above LexRank's, ROUGE-1 by at least two
// points (all ten topics).
func TestSummariesQuality(t *testing.T) {
	const dir = "../../shared/data/tac2011"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/data not found")
	}
	rep, err := RunSummaries(dir)
	if err != nil {
		t.Fatal(err)
	}
	score := map[string]SummariesRow{}
	for _, r := range rep.Rows {
		if r.Set == "all" {
			score[r.System] = r
		}
	}
	sl, lr := score["storyline"], score["lexrank"]
	if sl.R1.Recall < 0.40 || sl.R2.Recall < 0.14 {
		t.Errorf("storyline ROUGE-1 %.4f (floor 0.40), ROUGE-2 %.4f (floor 0.14)", sl.R1.Recall, sl.R2.Recall)
	}
	if sl.R1.Recall < lr.R1.Recall+0.02 || sl.R2.Recall <= lr.R2.Recall {
		t.Errorf("storyline ROUGE-1 %.4f, ROUGE-2 %.4f; LexRank %.4f, %.4f", sl.R1.Recall, sl.R2.Recall, lr.R1.Recall, lr.R2.Recall)
	}
	if sl.R1Whole.Recall <= lr.R1Whole.Recall || sl.R2Whole.Recall <= lr.R2Whole.Recall {
		t.Errorf("against whole references: storyline %.4f, %.4f; LexRank %.4f, %.4f",
			sl.R1Whole.Recall, sl.R2Whole.Recall, lr.R1Whole.Recall, lr.R2Whole.Recall)
	}
	if sl.Words > SummaryWords {
		t.Errorf("storyline summaries average %.0f words, over %d", sl.Words, SummaryWords)
	}
}
