package annotate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func newAnnotator(t testing.TB) *Annotator {
	t.Helper()
	an, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return an
}

func TestStream(t *testing.T) {
	in := `{"id":"a","published":"2024-02-06","text":"Antony Blinken met Abdel Fattah el-Sisi in Cairo on Monday."}
{"id":"b","html":"<html><body><article><p>Blinken flew to Doha, the capital of Qatar, where he met the emir for talks about the war in Gaza and the hostages held there.</p></article></body></html>"}

not json
{"id":"c"}
`
	var out bytes.Buffer
	sum, err := newAnnotator(t).Stream(context.Background(), strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 2 || len(sum.Skipped) != 2 {
		t.Fatalf("summary %+v, want 2 annotated and 2 skipped", sum)
	}
	if !strings.Contains(sum.Skipped[0], "line 3") || !strings.Contains(sum.Skipped[1], `no "text" or "html"`) {
		t.Errorf("skip reasons %q", sum.Skipped)
	}
	var lines []Output
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var o Output
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		lines = append(lines, o)
	}
	if len(lines) != 2 || lines[0].ID != "a" || lines[1].ID != "b" {
		t.Fatalf("outputs %+v, want a then b", lines)
	}
	if lines[0].Text != "" || lines[1].Text == "" {
		t.Errorf("text is output for HTML input only: %q, %q", lines[0].Text, lines[1].Text)
	}
	var monday bool
	for _, x := range lines[0].Timexes {
		monday = monday || x.Text == "Monday" && x.Value == "2024-02-05"
	}
	if !monday {
		t.Errorf("timexes of a: %+v, want Monday 2024-02-05", lines[0].Timexes)
	}
	// Blinken is one entity across the two articles.
	ids := map[string]bool{}
	for _, o := range lines {
		for _, m := range o.Entities {
			if strings.Contains(m.Text, "Blinken") {
				ids[m.Entity] = true
			}
		}
	}
	if len(ids) != 1 {
		t.Errorf("Blinken has entity ids %v, want one", ids)
	}
}

// FuzzStream: any input gives valid JSON lines whose mentions and
// timexes point into their text, or an error; never a panic.
func FuzzStream(f *testing.F) {
	f.Add(`{"id":"a","text":"Blinken met el-Sisi in Cairo on Tuesday."}`)
	f.Add("Plain text about Riyadh, Saudi Arabia, on Feb. 5, 2024.")
	f.Add(`{"id":"h","html":"<p>Doha</p><script>alert(1)</script>"}` + "\n{\n")
	f.Add("\ufeff{\"id\":\"x\",\"text\":\"\\u0000\"}")
	an := newAnnotator(f)
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		if _, err := an.Stream(context.Background(), strings.NewReader(in), &out); err != nil {
			return
		}
		sc := bufio.NewScanner(&out)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var o struct {
				ID       string
				Text     *string
				Entities []struct {
					Start, End int
					Text       string
				}
				Timexes []struct {
					Start, End int
					Text       string
				}
			}
			if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
				t.Fatalf("output %q is not JSON: %v", sc.Text(), err)
			}
			if o.Text == nil && o.ID != "-" {
				continue // a JSONL article: its text is in the input line
			}
			text := in
			if o.Text != nil {
				text = *o.Text
			}
			for _, m := range append(o.Entities, o.Timexes...) {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
					t.Fatalf("span [%d:%d] %q does not point into its text", m.Start, m.End, m.Text)
				}
			}
		}
	})
}
