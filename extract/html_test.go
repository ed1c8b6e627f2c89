package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

func readHTMLTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "html", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHTML(t *testing.T) {
	tests := []struct {
		file, pageURL string
		want          Cleaned  // compared field by field when not empty
		contains      []string // in Text
		absent        []string // never in Text
		paragraphs    int      // number of paragraphs, when not 0
	}{
		{
			file: "news.html",
			want: Cleaned{
				Title:     "Harbour bridge reopens after two-year repair",
				Byline:    "Maria Jensen",
				Published: "2024-03-05T14:30:00+01:00",
				Source:    "The Coastal Courier",
				URL:       "https://courier.example.com/news/2024/03/harbour-bridge-reopens",
				Lang:      "en",
			},
			contains: []string{
				"The harbour bridge reopened to traffic on Tuesday morning",
				"strengthened the two main piers",
				"It feels like getting a piece of the town back",
				"a new fund would pay for regular maintenance",
			},
			absent: []string{
				"SCRIPTSECRET", "STYLESECRET", "INLINESCRIPTSECRET", "NAVSECRET", "FOOTERSECRET",
				"COOKIESECRET", "RELATEDSECRET", "Accept all cookies", "font-family", "dataLayer",
				"Harbour bridge reopens after two-year repair", // the headline is the Title, not a paragraph
			},
			paragraphs: 4,
		},
		{
			file:    "jsonld.html",
			pageURL: "https://metro.example.org/2023/11/rail-strike",
			want: Cleaned{
				Title:     "Rail strike called off at the last minute",
				Published: "2023-11-20T07:45:10-05:00",
				URL:       "https://metro.example.org/2023/11/rail-strike",
				Lang:      "en", // detected: the page declares none
			},
			contains:   []string{"A national rail strike planned for Monday was called off", "at no extra cost."},
			absent:     []string{"schema.org", "datePublished"},
			paragraphs: 3,
		},
		{
			file: "latin1.html",
			want: Cleaned{Title: "Café owners protest new rules", Published: "2022-06-01"},
			contains: []string{
				"the old cafés in the centre",
				"“We cannot survive with half the tables,” said one owner",
				"The naïve idea",
				"is expected – but not guaranteed.",
			},
		},
		{
			file:     "iso-8859-1.html",
			want:     Cleaned{Title: "Café owners protest new rules"},
			contains: []string{"the old cafés in the centre", "The naïve idea"},
		},
		{
			file: "german.html",
			want: Cleaned{
				Title:     "Neue Straßenbahnlinie eröffnet",
				Published: "2021-09-14T08:15:00",
				Source:    "Stadtanzeiger",
				Lang:      "de",
			},
			contains: []string{"Die neue Straßenbahnlinie zwischen dem Hauptbahnhof", "wie die Stadtverwaltung einräumte."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := HTML(readHTMLTestdata(t, tt.file), tt.pageURL)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			check := func(field, got, want string) {
				t.Helper()
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("Title", got.Title, tt.want.Title)
			check("Byline", got.Byline, tt.want.Byline)
			check("Published", got.Published, tt.want.Published)
			check("Source", got.Source, tt.want.Source)
			check("URL", got.URL, tt.want.URL)
			check("Lang", got.Lang, tt.want.Lang)
			for _, s := range tt.contains {
				if !strings.Contains(got.Text, s) {
					t.Errorf("Text lacks %q:\n%s", s, got.Text)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(got.Text, s) {
					t.Errorf("Text has %q:\n%s", s, got.Text)
				}
			}
			paras := strings.Split(got.Text, "\n\n")
			if tt.paragraphs != 0 && len(paras) != tt.paragraphs {
				t.Errorf("%d paragraphs, want %d:\n%s", len(paras), tt.paragraphs, got.Text)
			}
			for _, p := range paras {
				if strings.TrimSpace(p) != p || p == "" {
					t.Errorf("paragraph %q is empty or not trimmed", p)
				}
			}
			if len(got.Removed) == 0 || got.Removed[0].Reason != storyline.ReasonHTMLBoilerplate ||
				!strings.HasPrefix(got.Removed[0].Text, "markup, scripts and page furniture: ") {
				t.Errorf("Removed = %+v, want an %s summary first", got.Removed, storyline.ReasonHTMLBoilerplate)
			}
			n := 0
			for _, r := range got.Removed {
				if r.Reason == storyline.ReasonHTMLBoilerplate {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d %s removals, want 1", n, storyline.ReasonHTMLBoilerplate)
			}
		})
	}
}

func TestHTMLNothingReadable(t *testing.T) {
	for name, page := range map[string]string{
		"nothing.html": readHTMLTestdata(t, "nothing.html"),
		"empty":        "",
		"blank":        " \n\t ",
		"scripts only": "<html><head><script>alert('x')</script><style>p{}</style></head><body><script>var a=1;</script></body></html>",
	} {
		t.Run(name, func(t *testing.T) {
			c, err := HTML(page, "")
			if err == nil {
				t.Fatalf("HTML succeeded with %+v, want an error", c)
			}
			if !errors.Is(err, ErrNoText) {
				t.Errorf("error %q does not wrap ErrNoText", err)
			}
		})
	}
}

func TestHTMLHostile(t *testing.T) {
	para := "<p>This paragraph is the readable part of a page that tries hard to break the extractor with its markup.</p>"
	tests := map[string]string{
		"deep divs":    "<html><body>" + strings.Repeat("<div>", 20000) + para + para + para + "</body></html>",
		"deep spans":   "<html><body><article>" + strings.Repeat("<span>", 50000) + para + para + "</article></body></html>",
		"deep tables":  "<html><body>" + strings.Repeat("<table><tr><td>", 3000) + para + para + "</body></html>",
		"many formats": "<html><body>" + strings.Repeat("<b><i><u>", 5000) + para + para + "</body></html>",
		"huge script":  "<html><body><script>" + strings.Repeat("x=1;", 200000) + "</script>" + para + para + para + "</body></html>",
		"unclosed":     "<html><body><p>" + strings.Repeat("<a href=x>link ", 3000) + para,
		"binary":       "\x00\x01\x02\xff\xfe<html>\x00<body>" + para + "\xff</body>",
		// Past the limits: refused before trafilatura's quadratic parts.
		"many paragraphs": "<html><body><article>" + strings.Repeat(para, maxHTMLParagraphs+1) + "</article></body></html>",
		"many nodes":      "<html><body>" + strings.Repeat("<div><a href=x>link</a> text</div>", maxHTMLNodes/3) + "</body></html>",
		"much text":       "<html><body><div>" + strings.Repeat("word ", maxHTMLText/5+1) + "</div></body></html>",
	}
	for name, page := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			c, err := HTML(page, "")
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if err != nil {
				t.Logf("error (acceptable): %v", err)
				return
			}
			if !utf8.ValidString(c.Text) {
				t.Errorf("Text is not valid UTF-8")
			}
			if strings.Contains(c.Text, "x=1;") {
				t.Errorf("script text in Text")
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		_, err := HTML(strings.Repeat(" ", MaxHTMLBytes+1), "")
		if err == nil || !strings.Contains(err.Error(), "too large") {
			t.Errorf("err = %v, want page too large", err)
		}
	})
}

func TestNormDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-03-05T14:30:00+01:00", "2024-03-05T14:30:00+01:00"},
		{"2024-03-05T14:30:00Z", "2024-03-05T14:30:00Z"},
		{"2024-03-05T14:30:00.123Z", "2024-03-05T14:30:00Z"},
		{"2024-03-05 14:30:00", "2024-03-05T14:30:00"},
		{"2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"},
		{"2024-03-05", "2024-03-05"},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := normDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("normDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Obama admits US gun laws are his 'biggest frustration' - BBC News", "BBC News", "Obama admits US gun laws are his 'biggest frustration'"},
		{"West Ham hrozí gigantům | Aktuálně.cz", "Aktuálně.cz", "West Ham hrozí gigantům"},
		{"The Coastal Courier | Harbour bridge reopens", "The Coastal Courier", "Harbour bridge reopens"},
		{"Rail strike - what we know", "Daily Metro", "Rail strike - what we know"},
		{"Plain headline", "", "Plain headline"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("stripSiteName(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"utf-8", "<p>café</p>", "<p>café</p>"},
		{"utf-8 declared latin-1", `<meta charset="iso-8859-1"><p>café</p>`, `<meta charset="iso-8859-1"><p>café</p>`},
		{"latin-1", "<meta charset=\"iso-8859-1\"><p>caf\xe9</p>", "<meta charset=\"iso-8859-1\"><p>café</p>"},
		{"undeclared 1252", "<p>\x93caf\xe9\x94</p>", "<p>“café”</p>"},
		{"bom", "\uFEFF<p>x</p>", "<p>x</p>"},
	}
	for _, tt := range tests {
		if got := decodeHTML(tt.in); got != tt.want {
			t.Errorf("%s: decodeHTML = %q, want %q", tt.name, got, tt.want)
		}
	}
}
