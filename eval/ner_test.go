package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScoreNER(t *testing.T) {
	gold := []NERDoc{{ID: "a", Entities: []NERSpan{{0, 5, "PER"}, {10, 20, "ORG"}, {30, 35, "LOC"}}},
		{ID: "b", Entities: []NERSpan{{0, 4, "MISC"}}}}
	tests := []struct {
		name              string
		pred              map[string][]NERSpan
		exact, ov, ovType PRF
		per               map[string]PRF
	}{
		{
			name:  "perfect",
			pred:  map[string][]NERSpan{"a": {{0, 5, "PER"}, {10, 20, "ORG"}, {30, 35, "LOC"}}, "b": {{0, 4, "MISC"}}},
			exact: newPRF(4, 0, 0), ov: newPRF(4, 0, 0), ovType: newPRF(4, 0, 0),
			per: map[string]PRF{"PER": newPRF(1, 0, 0), "MISC": newPRF(1, 0, 0)},
		},
		{
			name: "wrong type, wrong boundary, spurious, missing doc",
			pred: map[string][]NERSpan{"a": {{0, 5, "ORG"}, {10, 15, "ORG"}, {40, 45, "LOC"}}},
			// exact: none right; 3 FP, 4 FN
			exact: newPRF(0, 3, 4),
			// overlap untyped: (0,5) and (10,15) overlap gold; (40,45) not;
			// gold (0,5) and (10,20) found, (30,35) and b's not
			ov:     newPRF(2, 1, 2),
			ovType: newPRF(1, 2, 3),
			per: map[string]PRF{"PER": newPRF(0, 0, 1), "ORG": newPRF(0, 2, 1), "LOC": newPRF(0, 1, 1),
				"MISC": newPRF(0, 0, 1)},
		},
		{
			name:  "duplicate prediction counts once",
			pred:  map[string][]NERSpan{"a": {{0, 5, "PER"}, {0, 5, "PER"}}},
			exact: newPRF(1, 0, 3), ov: newPRF(1, 0, 3), ovType: newPRF(1, 0, 3),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ScoreNER("x", "set", gold, tc.pred)
			if r.Exact != tc.exact {
				t.Errorf("exact %+v, want %+v", r.Exact, tc.exact)
			}
			if r.Overlap != tc.ov {
				t.Errorf("overlap %+v, want %+v", r.Overlap, tc.ov)
			}
			if r.OverlapTyped != tc.ovType {
				t.Errorf("overlap typed %+v, want %+v", r.OverlapTyped, tc.ovType)
			}
			for typ, want := range tc.per {
				if got := r.PerType[typ]; got != want {
					t.Errorf("%s: %+v, want %+v", typ, got, want)
				}
			}
		})
	}
}

func TestReadNERPredictions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pred.jsonl")
	data := `{"id":"a","entities":[{"start":0,"end":5,"type":"PER"}]}

{"id":"b","entities":[]}
`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	pred, err := ReadNERPredictions(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(pred) != 2 || len(pred["a"]) != 1 || pred["a"][0] != (NERSpan{0, 5, "PER"}) {
		t.Fatalf("got %+v", pred)
	}
	if err := os.WriteFile(path, []byte("{bad"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadNERPredictions(path); err == nil || !strings.Contains(err.Error(), "pred.jsonl:1") {
		t.Fatalf("want a located error, got %v", err)
	}
}

// TestRunNER runs the storyline tagger on MEANTIME through RunNER.
func TestRunNER(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "meantime", "ner.jsonl")); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	var buf bytes.Buffer
	if err := RunNER(NEROptions{Data: dir, Set: "meantime"}, &buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"storyline on meantime (120 documents)", "exact", "overlap, untyped", "MISC"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
	if err := RunNER(NEROptions{Data: dir, Set: "nope"}, &buf); err == nil {
		t.Error("unknown set accepted")
	}
}
