package extract

import (
	"os"
	"path/filepath"

	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHTML checks that HTML never panics, and that what it returns is
// valid UTF-8 with no empty or untrimmed paragraph.
func FuzzHTML(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b), "https://example.com/a")
		}
	}
	for _, s := range []string{
		"",
		"<p>x</p>",
		"<html><body>" + strings.Repeat("<div>", 300) + "<p>deep text that is readable</p>",
		`<script type="application/ld+json">{"datePublished":"2024-01-02T03:04:05+06:00"}</script><p>a b c</p>`,
		`<meta charset="iso-8859-1"><p>caf` + "\xe9" + `</p>`,
		"<table><tr><td>a<td>b</table><pre>x\n y</pre>",
	} {
		f.Add(s, "")
	}
	f.Add("00", "\xb6") // a page URL that is not UTF-8
	f.Fuzz(func(t *testing.T, body, pageURL string) {
		c, err := HTML(body, pageURL)
		if err != nil {
			return
		}
		for field, v := range map[string]string{
			"Text": c.Text, "Title": c.Title, "Byline": c.Byline, "Source": c.Source,
			"URL": c.URL, "Lang": c.Lang, "Published": c.Published,
		} {
			if !utf8.ValidString(v) {
				t.Errorf("%s is not valid UTF-8: %q", field, v)
			}
		}
		if strings.TrimSpace(c.Text) == "" {
			t.Errorf("empty Text without an error")
		}
		for _, p := range strings.Split(c.Text, "\n\n") {
			if p == "" || strings.TrimSpace(p) != p {
				t.Errorf("empty or untrimmed paragraph %q in %q", p, c.Text)
			}
		}
		if c.Published != "" {
			if _, ok := normDate(c.Published); !ok {
				t.Errorf("Published %q is not a normalised date", c.Published)
			}
		}
	})
}
