package ner

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func tokTexts(sents [][]Token) [][]string {
	var out [][]string
	for _, s := range sents {
		var ws []string
		for _, t := range s {
			ws = append(ws, t.Text)
		}
		out = append(out, ws)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by " ", sentences by " | "
	}{
		{"Blinken's trip", "Blinken 's trip"},
		{"Mr. Blinken met el-Sisi in Cairo.", "Mr. Blinken met el-Sisi in Cairo ."},
		{"The U.S. said 27,478 people died on 2024-02-06 at 3 p.m. local time.", "The U.S. said 27,478 people died on 2024-02-06 at 3 p.m. local time ."},
		{"\"We don't know,\" he said.", "\" We do n't know , \" he said ."},
		{"It rose 5% to $1.5 billion (AP).", "It rose 5 % to $ 1.5 billion ( AP ) ."},
		{"He left. She stayed!", "He left . | She stayed !"},
		{"“Quoted,” she said’s", "“ Quoted , ” she said ’s"},
		{"Line one\nLine two", "Line one | Line two"},
		{"Reuters' report -- late", "Reuters ' report -- late"},
		{"in the '90s", "in the '90s"},
		{"EU rejects German call to boycott British lamb .", "EU rejects German call to boycott British lamb ."},
		{"S&P 500 fell 1.2%; Apple Inc. gained.", "S&P 500 fell 1.2 % ; Apple Inc. gained ."},
		{"war—and peace", "war — and peace"},
		{"", ""},
		{"   ", ""},
	}
	for _, tc := range tests {
		sents := Tokenize(tc.in)
		var parts []string
		for _, s := range tokTexts(sents) {
			parts = append(parts, strings.Join(s, " "))
		}
		if got := strings.Join(parts, " | "); got != tc.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		for _, s := range sents {
			for _, tok := range s {
				if tc.in[tok.Start:tok.End] != tok.Text {
					t.Errorf("Tokenize(%q): token %q at %d:%d is %q", tc.in, tok.Text, tok.Start, tok.End, tc.in[tok.Start:tok.End])
				}
			}
		}
	}
}

// TestTokenizeOffsets checks the offsets on multi-byte text.
func TestTokenizeOffsets(t *testing.T) {
	in := "Zürich’s mayor, Corine Mauch — and São Paulo."
	for _, s := range Tokenize(in) {
		last := 0
		for _, tok := range s {
			if tok.Start < last || tok.End <= tok.Start || in[tok.Start:tok.End] != tok.Text {
				t.Fatalf("bad token %+v", tok)
			}
			last = tok.End
		}
	}
}

func sharedData(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "conll2003", "ner.jsonl")); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	return dir
}

type nerDoc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Type  string `json:"type"`
	} `json:"entities"`
}

func readDocs(t testing.TB, path, prefix string) []nerDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []nerDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var d nerDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(d.ID, prefix) {
			docs = append(docs, d)
		}
	}
	return docs
}

// TestTokenizeCoNLL measures how often Tokenize gives back the CoNLL-2003
// tokens of the shared text (tokens joined by spaces, a sentence a line).
func TestTokenizeCoNLL(t *testing.T) {
	dir := sharedData(t)
	docs := readDocs(t, filepath.Join(dir, "conll2003", "ner.jsonl"), "")
	var same, total, lines, nsents int
	for _, d := range docs {
		type span struct{ s, e int }
		gold := map[span]bool{}
		for i := 0; i < len(d.Text); {
			if d.Text[i] == ' ' || d.Text[i] == '\n' {
				i++
				continue
			}
			j := i
			for j < len(d.Text) && d.Text[j] != ' ' && d.Text[j] != '\n' {
				j++
			}
			gold[span{i, j}] = true
			i = j
		}
		for _, line := range strings.Split(d.Text, "\n") {
			if strings.TrimSpace(line) != "" {
				lines++
			}
		}
		sents := Tokenize(d.Text)
		nsents += len(sents)
		var bad []string
		for _, s := range sents {
			for _, tok := range s {
				if gold[span{tok.Start, tok.End}] {
					same++
				} else if len(bad) < 3 {
					bad = append(bad, tok.Text)
				}
			}
		}
		total += len(gold)
		if len(bad) > 0 && testing.Verbose() {
			t.Logf("%s: tokens not in CoNLL: %q", d.ID, bad)
		}
	}
	sameSents := nsents
	agree := float64(same) / float64(total)
	t.Logf("CoNLL token agreement %.5f (%d of %d); %d sentences for %d lines", agree, same, total, sameSents, lines)
	if agree < 0.999 {
		t.Errorf("token agreement %.5f < 0.999", agree)
	}
}
