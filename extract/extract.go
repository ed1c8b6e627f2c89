// Package extract is the clean stage: it turns a RawArticle (plain text or
// HTML) into an Article with its main text, title, dateline, byline, source,
// publication date and language, and records what it cut and why.
//
// Every function here is pure: safe to call from any number of goroutines.
package extract

import (
	"fmt"
	"strings"

	"github.com/storyline/storyline"
)

// Cleaned is what a cleaner recognised in one input.
type Cleaned struct {
	Title     string
	Byline    string
	Credits   []string
	Dateline  string
	Published string // "2024-02-05", "2024-06-11T00:06:00" or RFC 3339
	Source    string // outlet or site name, when the input names it
	URL       string
	Lang      string
	Text      string // paragraphs separated by "\n\n"
	Removed   []storyline.Removal
}

// Clean runs the cleaner for raw's format and returns the article. Metadata
// the caller gave (JSONL fields) wins over what is recognised in the body.
// It fails when nothing of the body is left.
func Clean(raw storyline.RawArticle) (*storyline.Article, error) {
	var c Cleaned
	switch raw.Format {
	case storyline.FormatText:
		c = PlainText(raw.Body)
	case storyline.FormatHTML:
		var err error
		if c, err = HTML(raw.Body, raw.URL); err != nil {
			return nil, fmt.Errorf("clean %s: %w", raw.Input, err)
		}
	default:
		return nil, fmt.Errorf("clean %s: unknown format %q", raw.Input, raw.Format)
	}
	if strings.TrimSpace(c.Text) == "" {
		return nil, fmt.Errorf("clean %s: no text left after cleaning", raw.Input)
	}
	a := &storyline.Article{
		ID:        storyline.ArticleID(c.Text),
		Ref:       raw.Ref,
		Source:    first(raw.Source, c.Source),
		URL:       first(raw.URL, c.URL),
		Title:     first(raw.Title, c.Title),
		Byline:    c.Byline,
		Credits:   c.Credits,
		Dateline:  c.Dateline,
		Published: c.Published,
		Lang:      c.Lang,
		Text:      c.Text,
		Format:    raw.Format,
		Removed:   c.Removed,
	}
	if raw.Published != "" {
		if p, ok := ParseDate(raw.Published); ok {
			a.Published = p
		}
	}
	return a, nil
}

func first(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
