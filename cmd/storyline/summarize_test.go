package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCLISummarize: summarize reads a cluster of JSONL articles, needs no
// database, and cites the input ids; a copy is cited but not quoted from;
// bad input is named.
func TestCLISummarize(t *testing.T) {
	lines := []string{
		`{"id":"one","published":"2024-02-05","text":"More than 27,000 Palestinians have been killed in Gaza since the war began, the Gaza Health Ministry said on Monday. \"We will keep pressing for a ceasefire,\" Blinken said in Riyadh."}`,
		`{"id":"two","published":"2024-02-05","text":"The Gaza Health Ministry said on Monday that more than 27,000 Palestinians have been killed in Gaza since the war began. The death toll rose to 27,478, the ministry said."}`,
		`{"id":"copy","published":"2024-02-06","text":"More than 27,000 Palestinians have been killed in Gaza since the war began, the Gaza Health Ministry said on Monday. \"We will keep pressing for a ceasefire,\" Blinken said in Riyadh."}`,
		`not json`,
	}
	out, stderr, code := runCLI(t, strings.Join(lines, "\n")+"\n", "summarize", "--words", "60")
	if code != 0 {
		t.Fatalf("summarize: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "line 4") {
		t.Errorf("summarize stderr %q does not name the bad line", stderr)
	}
	var got struct {
		Sentences []struct {
			Text    string   `json:"text"`
			Sources []string `json:"sources"`
		} `json:"sentences"`
		Claims []struct {
			Counted, Status string
			Sources         int
		} `json:"claims"`
		Quotes []struct {
			Text        string `json:"text"`
			SpeakerName string `json:"speaker_name"`
		} `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("summarize output %q: %v", out, err)
	}
	if len(got.Sentences) == 0 {
		t.Fatalf("no sentences in %s", out)
	}
	for _, s := range got.Sentences {
		if s.Sources[0] == "copy" {
			t.Errorf("sentence taken from the copy: %+v", s)
		}
		if strings.Contains(s.Text, "27,000") && len(s.Sources) != 3 {
			t.Errorf("toll sentence cites %v, want one, two and copy", s.Sources)
		}
	}
	if len(got.Claims) == 0 || got.Claims[0].Counted != "killed" || got.Claims[0].Status != "agree" || got.Claims[0].Sources != 2 {
		t.Errorf("claims %+v, want killed agreeing in 2 sources", got.Claims)
	}
	if len(got.Quotes) != 1 || got.Quotes[0].SpeakerName != "Blinken" {
		t.Errorf("quotes %+v, want one by Blinken", got.Quotes)
	}
	if _, stderr, code := runCLI(t, "x", "summarize", "--words", "0"); code != 2 {
		t.Errorf("--words 0: exit %d, %q", code, stderr)
	}
	if out, _, code := runCLI(t, lines[0], "summarize", "--json=false"); code != 0 || !strings.Contains(out, "[one]") {
		t.Errorf("--json=false: exit %d, %q", code, out)
	}
}
