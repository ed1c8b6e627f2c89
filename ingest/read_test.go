package ingest

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func gz(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// readAll runs the reader over data and returns what it emitted and skipped.
func readAll(t *testing.T, data, input string, k kind, max int64) ([]storyline.RawArticle, []*SkipError) {
	t.Helper()
	var got []storyline.RawArticle
	var skips []*SkipError
	rd := &reader{
		maxBytes: max,
		emit:     func(r storyline.RawArticle) error { got = append(got, r); return nil },
		skip:     func(e *SkipError) { skips = append(skips, e) },
	}
	if err := rd.read(strings.NewReader(data), input, input, k); err != nil {
		t.Fatalf("read: %v", err)
	}
	return got, skips
}

func TestReader(t *testing.T) {
	const story = "Title line\n\nSome body text about the council vote.\n"
	tests := []struct {
		name     string
		data     string
		kind     kind
		max      int64
		articles int
		format   storyline.Format
		skips    []string // substrings of the skip reasons, in order
		check    func(t *testing.T, got []storyline.RawArticle)
	}{
		{name: "text", data: story, kind: kindText, articles: 1, format: storyline.FormatText},
		{name: "html", data: "<html><body><p>Hi</p></body></html>", kind: kindHTML, articles: 1, format: storyline.FormatHTML},
		{name: "gzip text", data: gz(t, story), kind: kindText, articles: 1, format: storyline.FormatText},
		{name: "gzip sniffed jsonl", data: gz(t, `{"id":"a","text":"x y"}`+"\n"), kind: kindUnknown, articles: 1},
		{name: "bad gzip", data: "\x1f\x8b\x08garbage", kind: kindText, skips: []string{"bad gzip"}},
		{name: "empty", data: "  \n\n", kind: kindText, skips: []string{"empty"}},
		{name: "binary", data: "PK\x03\x04\x00\x00binary", kind: kindText, skips: []string{"binary"}},
		{name: "invalid utf8", data: "caf\xe9 au lait", kind: kindText, skips: []string{"not valid UTF-8"}},
		{name: "html may be latin-1", data: "<p>caf\xe9</p>", kind: kindHTML, articles: 1},
		{name: "too large", data: strings.Repeat("word ", 100), kind: kindText, max: 100, skips: []string{"larger than the 100 bytes cap"}},
		{
			name: "jsonl with bad lines", kind: kindJSONL, articles: 2,
			data: `{"id":"a","title":"T","published":"2024-02-05","text":"one"}` + "\n" +
				`{not json}` + "\n\n" +
				`{"id":"b","html":"<p>two</p>"}` + "\r\n" +
				`{"id":"c"}` + "\n" +
				`{"id":"d","text":"x","published":20240205}`,
			skips: []string{"invalid JSON", `no "text" or "html"`, `"published" is not a string`},
			check: func(t *testing.T, got []storyline.RawArticle) {
				if got[0].Ref != "a" || got[0].Title != "T" || got[0].Published != "2024-02-05" || got[0].Format != storyline.FormatText {
					t.Errorf("first article = %+v", got[0])
				}
				if got[1].Ref != "b" || got[1].Format != storyline.FormatHTML || got[1].Input != "in:4" {
					t.Errorf("second article = %+v", got[1])
				}
			},
		},
		{
			name: "jsonl line over cap", kind: kindJSONL, max: 10, articles: 1,
			data:  `{"id":"big","text":"` + strings.Repeat("a", 70000) + `"}` + "\n" + `{"id":"ok","text":"short"}`,
			skips: []string{"line longer than"},
		},
		{name: "jsonl without id gets a ref", kind: kindJSONL, articles: 1, data: `{"text":"x"}`,
			check: func(t *testing.T, got []storyline.RawArticle) {
				if got[0].Ref != "in:1" {
					t.Errorf("ref = %q, want in:1", got[0].Ref)
				}
			}},
		{name: "json array", kind: kindJSON, articles: 2, data: `[{"id":"a","text":"x"}, {"id":"b","text":"y"}]`},
		{name: "json object", kind: kindJSON, articles: 1, data: "{\n  \"id\": \"a\",\n  \"text\": \"x\"\n}\n"},
		{name: "json stream", kind: kindJSON, articles: 2, data: `{"id":"a","text":"x"}` + "\n" + `{"id":"b","text":"y"}`},
		{name: "json broken", kind: kindJSON, articles: 1, data: `[{"id":"a","text":"x"}, {"id":`, skips: []string{"invalid JSON"}},
		{name: "json scalar", kind: kindJSON, data: `42`, skips: []string{"neither an article object"}},
		{name: "sniff html", kind: kindUnknown, data: "\n<!doctype html><p>x</p>", articles: 1, format: storyline.FormatHTML},
		{name: "sniff text", kind: kindUnknown, data: "Just words.", articles: 1, format: storyline.FormatText},
		{name: "sniff binary", kind: kindUnknown, data: "\x89PNG\r\n\x1a\n\x00\x00", skips: []string{"binary"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			max := tt.max
			if max == 0 {
				max = DefaultMaxArticleBytes
			}
			got, skips := readAll(t, tt.data, "in", tt.kind, max)
			if len(got) != tt.articles {
				t.Fatalf("got %d articles, want %d (skips: %v)", len(got), tt.articles, skips)
			}
			if tt.format != "" && got[0].Format != tt.format {
				t.Errorf("format = %q, want %q", got[0].Format, tt.format)
			}
			if len(skips) != len(tt.skips) {
				t.Fatalf("skips = %v, want %d matching %q", skips, len(tt.skips), tt.skips)
			}
			for i, want := range tt.skips {
				if !strings.Contains(skips[i].Reason, want) || !strings.HasPrefix(skips[i].Input, "in") {
					t.Errorf("skip %d = %v, want reason containing %q", i, skips[i], want)
				}
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		name string
		kind kind
		gz   bool
	}{
		{"a.txt", kindText, false},
		{"A.TXT.GZ", kindText, true},
		{"page.htm", kindHTML, false},
		{"x/y.html.gz", kindHTML, true},
		{"c.jsonl", kindJSONL, false},
		{"c.ndjson.gz", kindJSONL, true},
		{"c.json", kindJSON, false},
		{"image.png", kindUnknown, false},
		{"notes", kindUnknown, false},
	}
	for _, tt := range tests {
		k, gz := kindOf(tt.name)
		if k != tt.kind || gz != tt.gz {
			t.Errorf("kindOf(%q) = %v, %v; want %v, %v", tt.name, k, gz, tt.kind, tt.gz)
		}
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{10 << 20: "10 MB", 100: "100 bytes", 1536: "1 KB", 1 << 30: "1 GB", 3 << 19: "1.5 MB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// FuzzReader feeds arbitrary bytes to every reader: it must not panic,
// must emit only articles within the size cap, and must name the input
// in every skip.
func FuzzReader(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"x"}`+"\n"+`{"id":"b","html":"<p>y</p>"}`), uint8(kindJSONL))
	f.Add([]byte(`[{"id":"a","text":"x"}]`), uint8(kindJSON))
	f.Add([]byte("Title\n\nBody."), uint8(kindText))
	f.Add([]byte("<html><p>x</p></html>"), uint8(kindHTML))
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), uint8(kindUnknown))
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		const max = 1 << 12
		rd := &reader{
			maxBytes: max,
			emit: func(r storyline.RawArticle) error {
				if int64(len(r.Body)) > max {
					t.Fatalf("emitted an article of %d bytes over the %d cap", len(r.Body), max)
				}
				if r.Format != storyline.FormatText && r.Format != storyline.FormatHTML {
					t.Fatalf("emitted format %q", r.Format)
				}
				return nil
			},
			skip: func(e *SkipError) {
				if !strings.HasPrefix(e.Input, "fuzz") || e.Reason == "" {
					t.Fatalf("skip without input or reason: %+v", e)
				}
			},
		}
		if err := rd.read(bytes.NewReader(data), "fuzz", "fuzz", kind(k%5)); err != nil {
			t.Fatal(err)
		}
	})
}
