// Package eval measures storyline's stages against annotated data.
//
// The extraction evaluation (Extract, RunExtract) runs HTML extractors over
// a folder of web pages with gold text and metadata (the readability/
// folder of the shared dev data) and reports, per page and overall:
// word-level F1 of the main text (bag of lowercased \w+ tokens), 4-gram
// shingle F1 (as in scrapinghub's article-extraction-benchmark), the
// title exact-match rate and the publication-date accuracy.
package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/markusmobius/go-trafilatura"

	"github.com/storyline/storyline/extract"
)

// GoldPage is one annotated page of an extraction data set: one line of
// gold.jsonl, whose page is <ID>.html in the same folder.
type GoldPage struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Text is the main text, one paragraph per line.
	Text string `json:"text"`
	// Published is the publication date, "2006-01-02" or RFC 3339, when known.
	Published string `json:"published,omitempty"`
	Byline    string `json:"byline"`
	SiteName  string `json:"site_name"`
	Lang      string `json:"lang,omitempty"`
	URL       string `json:"url,omitempty"`
}

// LoadGold reads dir/gold.jsonl.
func LoadGold(dir string) ([]GoldPage, error) {
	path := filepath.Join(dir, "gold.jsonl")
	var pages []GoldPage
	err := eachJSONL(path, func(p *GoldPage) error {
		if p.ID == "" {
			return fmt.Errorf("no id")
		}
		pages = append(pages, *p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load gold: %w", err)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("load gold: %s: no pages", path)
	}
	return pages, nil
}

// ExtractFunc extracts one page: body is the page as read from disk,
// pageURL the gold URL when there is one (else "").
type ExtractFunc func(body, pageURL string) (extract.Cleaned, error)

// System is one extractor under evaluation.
type System struct {
	// Name labels the system's row in reports.
	Name string
	// Extract extracts one page.
	Extract ExtractFunc
}

// Storyline is storyline's own extractor, extract.HTML.
func Storyline() System {
	return System{Name: "storyline", Extract: extract.HTML}
}

// Trafilatura is the baseline: go-trafilatura's Extract with default
// options, its ContentText as the text and its metadata's title and date
// (a date only: "2006-01-02").
func Trafilatura() System {
	return System{Name: "go-trafilatura", Extract: func(body, pageURL string) (extract.Cleaned, error) {
		res, err := trafilatura.Extract(strings.NewReader(body), trafilatura.Options{})
		if err != nil {
			return extract.Cleaned{}, err
		}
		c := extract.Cleaned{
			Title:  res.Metadata.Title,
			Byline: res.Metadata.Author,
			Source: res.Metadata.Sitename,
			URL:    res.Metadata.URL,
			Lang:   res.Metadata.Language,
			Text:   res.ContentText,
		}
		if !res.Metadata.Date.IsZero() {
			c.Published = res.Metadata.Date.Format("2006-01-02")
		}
		return c, nil
	}}
}

// PageResult is how one system did on one page.
type PageResult struct {
	ID string `json:"id"`
	// Error is the extractor's error, "" when it succeeded.
	Error string `json:"error,omitempty"`
	// Word and Shingle are the raw token and shingle counts.
	Word    Counts `json:"word"`
	Shingle Counts `json:"shingle"`
	// WordF1 and ShingleF1 are the page's F1 scores.
	WordF1    float64 `json:"word_f1"`
	ShingleF1 float64 `json:"shingle_f1"`
	// Title is the extracted title; TitleMatch tells whether it equals the
	// gold one after trimming and white-space collapse.
	Title      string `json:"title"`
	TitleMatch bool   `json:"title_match"`
	// Published is the extracted date; GoldPublished the gold one.
	Published     string `json:"published,omitempty"`
	GoldPublished string `json:"gold_published,omitempty"`
	// DateMatch: the date parts are equal. TimeMatch: the gold gives a
	// time and offset and the extracted date has the same (see DateMatch).
	// Both false when the gold has no date.
	DateMatch bool `json:"date_match"`
	TimeMatch bool `json:"time_match"`
	// Duration is how long the extractor took on the page.
	Duration time.Duration `json:"duration_ns"`
	// Bytes is the page's size.
	Bytes int `json:"bytes"`
}

// SystemReport is one system's results over a data set.
type SystemReport struct {
	Name   string `json:"name"`
	Pages  int    `json:"pages"`
	Errors int    `json:"errors"`
	// Word is the micro-average of word counts over pages (every token
	// weighs the same); WordP, WordR and WordF1 are computed from it.
	Word   Counts  `json:"word_counts"`
	WordP  float64 `json:"word_precision"`
	WordR  float64 `json:"word_recall"`
	WordF1 float64 `json:"word_f1"`
	// WordMeanF1 is the mean of the pages' word F1 (every page weighs the same).
	WordMeanF1 float64 `json:"word_mean_f1"`
	// ShingleP, ShingleR and ShingleF1 follow scrapinghub's benchmark:
	// each page's shingle counts normalised to sum to 1, then summed.
	ShingleP  float64 `json:"shingle_precision"`
	ShingleR  float64 `json:"shingle_recall"`
	ShingleF1 float64 `json:"shingle_f1"`
	// ShingleMeanF1 is the mean of the pages' shingle F1.
	ShingleMeanF1 float64 `json:"shingle_mean_f1"`
	// TitleMatches pages had the gold title exactly; TitleRate = TitleMatches/Pages.
	TitleMatches int     `json:"title_matches"`
	TitleRate    float64 `json:"title_rate"`
	// DatePages have a gold date; DateMatches of them got its date part.
	// DateAccuracy = DateMatches/DatePages. TimePages have a gold date with
	// a time and offset; TimeMatches of them got the same time and offset.
	DatePages    int     `json:"date_pages"`
	DateMatches  int     `json:"date_matches"`
	DateAccuracy float64 `json:"date_accuracy"`
	TimePages    int     `json:"time_pages"`
	TimeMatches  int     `json:"time_matches"`
	// Duration is the total extraction time; MsPerPage and MBPerSecond
	// derive from it and the pages' sizes.
	Duration    time.Duration `json:"duration_ns"`
	MsPerPage   float64       `json:"ms_per_page"`
	MBPerSecond float64       `json:"mb_per_s"`
	// PageResults are the per-page results, in gold order.
	PageResults []PageResult `json:"page_results"`
}

// Report is the result of an extraction evaluation.
type Report struct {
	// Data is the folder evaluated.
	Data    string         `json:"data"`
	Systems []SystemReport `json:"systems"`
}

// Extract evaluates each system on the pages of dir (gold.jsonl and
// <id>.html) and returns the report. It stops early, with ctx's error,
// when ctx is done.
func Extract(ctx context.Context, dir string, systems ...System) (*Report, error) {
	gold, err := LoadGold(dir)
	if err != nil {
		return nil, err
	}
	bodies := make([]string, len(gold))
	for i, g := range gold {
		b, err := os.ReadFile(filepath.Join(dir, g.ID+".html"))
		if err != nil {
			return nil, fmt.Errorf("eval extract: %w", err)
		}
		bodies[i] = string(b)
	}
	rep := &Report{Data: dir}
	for _, sys := range systems {
		sr := SystemReport{Name: sys.Name}
		var shingle Counts
		for i, g := range gold {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			pr := scorePage(sys, g, bodies[i])
			sr.Word = sr.Word.Add(pr.Word)
			shingle = shingle.Add(pr.Shingle.Normalized())
			sr.WordMeanF1 += pr.WordF1
			sr.ShingleMeanF1 += pr.ShingleF1
			if pr.Error != "" {
				sr.Errors++
			}
			if pr.TitleMatch {
				sr.TitleMatches++
			}
			if g.Published != "" {
				sr.DatePages++
				if pr.DateMatch {
					sr.DateMatches++
				}
				if len(g.Published) > 10 {
					sr.TimePages++
					if pr.TimeMatch {
						sr.TimeMatches++
					}
				}
			}
			sr.Duration += pr.Duration
			sr.PageResults = append(sr.PageResults, pr)
		}
		sr.summarize(shingle, bodies)
		rep.Systems = append(rep.Systems, sr)
	}
	return rep, nil
}

func scorePage(sys System, g GoldPage, body string) (pr PageResult) {
	pr = PageResult{ID: g.ID, GoldPublished: g.Published, Bytes: len(body)}
	start := time.Now()
	c, err := sys.Extract(body, g.URL)
	pr.Duration = time.Since(start)
	if err != nil {
		pr.Error = err.Error()
		c = extract.Cleaned{}
	}
	pr.Word = WordCounts(c.Text, g.Text)
	pr.Shingle = ShingleCounts(c.Text, g.Text)
	pr.WordF1 = pr.Word.F1()
	pr.ShingleF1 = pr.Shingle.F1()
	pr.Title = c.Title
	pr.TitleMatch = NormalizeTitle(c.Title) == NormalizeTitle(g.Title)
	pr.Published = c.Published
	if g.Published != "" {
		pr.DateMatch, pr.TimeMatch = DateMatch(c.Published, g.Published)
		pr.TimeMatch = pr.TimeMatch && len(g.Published) > 10
	}
	return pr
}

func (sr *SystemReport) summarize(shingle Counts, bodies []string) {
	sr.Pages = len(sr.PageResults)
	if sr.Pages == 0 {
		return
	}
	n := float64(sr.Pages)
	sr.WordP, sr.WordR = sr.Word.Precision(), sr.Word.Recall()
	sr.WordF1 = F1(sr.WordP, sr.WordR)
	sr.WordMeanF1 /= n
	sr.ShingleP, sr.ShingleR = shingle.Precision(), shingle.Recall()
	sr.ShingleF1 = F1(sr.ShingleP, sr.ShingleR)
	sr.ShingleMeanF1 /= n
	sr.TitleRate = float64(sr.TitleMatches) / n
	if sr.DatePages > 0 {
		sr.DateAccuracy = float64(sr.DateMatches) / float64(sr.DatePages)
	}
	var size int
	for _, b := range bodies {
		size += len(b)
	}
	if sr.Duration > 0 {
		sr.MsPerPage = float64(sr.Duration.Microseconds()) / 1000 / n
		sr.MBPerSecond = float64(size) / 1e6 / sr.Duration.Seconds()
	}
}

// WriteTable writes the report as readable text: one summary row per
// system, then, per page, each system's word and shingle F1 and whether
// it got the title and date.
func (r *Report) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "HTML extraction on %s\n\n", r.Data)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "system\tpages\terrors\tword P\tword R\tword F1\t(mean)\tshingle F1\t(mean)\ttitle\tdate\ttime+offset\tms/page\tMB/s")
	for _, s := range r.Systems {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d/%d\t%d/%d\t%d/%d\t%.1f\t%.2f\n",
			s.Name, s.Pages, s.Errors, s.WordP, s.WordR, s.WordF1, s.WordMeanF1, s.ShingleF1, s.ShingleMeanF1,
			s.TitleMatches, s.Pages, s.DateMatches, s.DatePages, s.TimeMatches, s.TimePages, s.MsPerPage, s.MBPerSecond)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Systems) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"page"}
	for _, s := range r.Systems {
		head = append(head, s.Name+": word F1", "shingle F1", "title", "date")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for i := range r.Systems[0].PageResults {
		row := []string{r.Systems[0].PageResults[i].ID}
		for _, s := range r.Systems {
			if i >= len(s.PageResults) {
				continue
			}
			p := s.PageResults[i]
			wf := fmt.Sprintf("%.3f", p.WordF1)
			if p.Error != "" {
				wf = "error"
			}
			date := "-"
			if p.GoldPublished != "" {
				date = mark(p.DateMatch)
				if p.TimeMatch {
					date += "+time"
				}
			}
			row = append(row, wf, fmt.Sprintf("%.3f", p.ShingleF1), mark(p.TitleMatch), date)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

func mark(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	return writeJSON(w, "extract", r)
}

// RunExtract evaluates storyline's extractor (extract.HTML) and, as a
// baseline, go-trafilatura with default options on the pages of dir and
// writes the report to w, as JSON when asJSON is true, else as a table.
func RunExtract(ctx context.Context, dir string, w io.Writer, asJSON bool) error {
	if dir == "" {
		return errors.New("eval extract: no data folder given")
	}
	rep, err := Extract(ctx, dir, Storyline(), Trafilatura())
	if err != nil {
		return err
	}
	if asJSON {
		return rep.WriteJSON(w)
	}
	return rep.WriteTable(w)
}
