package eval

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/storyline/storyline/pubdate"
	"github.com/storyline/storyline/timex"
)

// PubdateDoc is one article with a known publication date, its text
// stripped of whatever states that date (ECB+ header lines, the MEANTIME
// date line).
type PubdateDoc struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Published string `json:"published"` // YYYY-MM-DD
	Source    string `json:"source"`
}

// PubdateGuesser infers a publication date from a text: "YYYY-MM-DD",
// "YYYY-MM", or ok false.
type PubdateGuesser func(text string) (date string, ok bool)

// PubdateInfer is pubdate.Infer as a PubdateGuesser.
func PubdateInfer(text string) (string, bool) {
	d, _, ok := pubdate.Infer(text)
	return d, ok
}

// PubdateBaseline is the baseline: the latest explicit full date of the
// text (pubdate.Latest).
func PubdateBaseline(text string) (string, bool) { return pubdate.Latest(text) }

// PubdateScore is the score of one guesser on one set of documents.
// Accuracies are over the answered documents; a month answer ("YYYY-MM")
// is never exact and never within 1 or 7 days, and within 31 days when
// the true date is within 31 days of the month's 15th.
type PubdateScore struct {
	Docs     int     `json:"docs"`
	Answered int     `json:"answered"`
	Months   int     `json:"months"` // answers of month precision
	Coverage float64 `json:"coverage"`
	Exact    float64 `json:"exact"`
	Within1  float64 `json:"within_1"`
	Within7  float64 `json:"within_7"`
	Within31 float64 `json:"within_31"`
	// Early and Late count day answers before and after the true date.
	Early int `json:"early"`
	Late  int `json:"late"`

	exact, w1, w7, w31 int
}

// PubdateSet is the scores on one dataset: pubdate.Infer, the baseline and
// Infer's answers by confidence level.
type PubdateSet struct {
	Name     string       `json:"name"`
	Part     string       `json:"part"` // "tuning" or "held-out"
	Infer    PubdateScore `json:"infer"`
	Baseline PubdateScore `json:"baseline"`
	// ByConfidence maps Infer's confidence ("0.90") to its score on the
	// documents answered with it.
	ByConfidence map[string]*PubdateScore `json:"by_confidence"`
}

// PubdateReport is the report of `storyline eval pubdate`.
type PubdateReport struct {
	Sets []PubdateSet `json:"sets"`
	// HeldOutByCut is Infer on all held-out sets together, counting only
	// the answers at or above each confidence: what a caller that keeps
	// answers above a cut would get.
	HeldOutByCut []PubdateCut `json:"held_out_by_cut"`
}

// PubdateCut is the score of the answers at or above one confidence.
type PubdateCut struct {
	Cut      float64 `json:"cut"`
	Docs     int     `json:"docs"`
	Answered int     `json:"answered"`
	Within1  float64 `json:"within_1"`
	Within7  float64 `json:"within_7"`
}

// pubdateSets names the datasets, their part and loader.
var pubdateSets = []struct {
	name, part string
	load       func(dir string) ([]PubdateDoc, error)
}{
	{"gigaword-afp", "tuning", func(dir string) ([]PubdateDoc, error) { return loadGigaword(dir, "AFP") }},
	{"ecbplus-dev", "tuning", loadECBPubdate},
	{"gigaword-xin", "held-out", func(dir string) ([]PubdateDoc, error) { return loadGigaword(dir, "XIN") }},
	{"tac2011", "held-out", func(dir string) ([]PubdateDoc, error) {
		return loadPubdateArticles(filepath.Join(dir, "tac2011", "articles.jsonl"), nil)
	}},
	{"meantime", "held-out", func(dir string) ([]PubdateDoc, error) {
		return loadPubdateArticles(filepath.Join(dir, "meantime", "articles.jsonl"), stripLine(1))
	}},
	{"tempeval3-train", "held-out", func(dir string) ([]PubdateDoc, error) {
		return loadPubdateArticles(filepath.Join(dir, "tempeval3-train", "timex.jsonl"), nil)
	}},
}

// RunPubdate scores pubdate.Infer and the baseline on the datasets of dir
// (the shared dev data folder).
func RunPubdate(dir string) (PubdateReport, error) {
	var rep PubdateReport
	for _, s := range pubdateSets {
		docs, err := s.load(dir)
		if err != nil {
			return rep, fmt.Errorf("eval pubdate %s: %w", s.name, err)
		}
		rep.Sets = append(rep.Sets, ScorePubdate(s.name, s.part, docs))
	}
	rep.HeldOutByCut = cuts(rep.Sets, "held-out")
	return rep, nil
}

// cuts sums the by-confidence scores of the sets of one part at each
// confidence level that occurs.
func cuts(sets []PubdateSet, part string) []PubdateCut {
	levels := map[float64]bool{}
	for _, s := range sets {
		for k := range s.ByConfidence {
			var c float64
			fmt.Sscan(k, &c)
			levels[c] = true
		}
	}
	var out []PubdateCut
	for c := range levels {
		pc := PubdateCut{Cut: c}
		w1, w7 := 0, 0
		for _, s := range sets {
			if s.Part != part {
				continue
			}
			pc.Docs += s.Infer.Docs
			for k, sc := range s.ByConfidence {
				var kc float64
				fmt.Sscan(k, &kc)
				if kc >= c {
					pc.Answered += sc.Answered
					w1 += sc.w1
					w7 += sc.w7
				}
			}
		}
		if pc.Answered > 0 {
			pc.Within1, pc.Within7 = float64(w1)/float64(pc.Answered), float64(w7)/float64(pc.Answered)
		}
		out = append(out, pc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Cut > out[j].Cut })
	return out
}

// ScorePubdate scores pubdate.Infer and the baseline on docs.
func ScorePubdate(name, part string, docs []PubdateDoc) PubdateSet {
	set := PubdateSet{Name: name, Part: part, ByConfidence: map[string]*PubdateScore{}}
	for _, d := range docs {
		truth, err := time.Parse("2006-01-02", d.Published)
		if err != nil {
			continue
		}
		got, conf, ok := pubdate.Infer(d.Text)
		set.Infer.add(truth, got, ok)
		if ok {
			k := fmt.Sprintf("%.2f", conf)
			if set.ByConfidence[k] == nil {
				set.ByConfidence[k] = &PubdateScore{}
			}
			set.ByConfidence[k].add(truth, got, ok)
		}
		b, ok := PubdateBaseline(d.Text)
		set.Baseline.add(truth, b, ok)
	}
	set.Infer.finish()
	set.Baseline.finish()
	for _, s := range set.ByConfidence {
		s.finish()
	}
	return set
}

// add counts one document: the guess got (ok false: no answer) against the
// true date.
func (s *PubdateScore) add(truth time.Time, got string, ok bool) {
	s.Docs++
	if !ok {
		return
	}
	s.Answered++
	if len(got) == 7 {
		s.Months++
		m, err := time.Parse("2006-01", got)
		if err == nil && absDays(truth.Sub(m.AddDate(0, 0, 14))) <= 31 {
			s.w31++
		}
		return
	}
	g, err := time.Parse("2006-01-02", got)
	if err != nil {
		return
	}
	diff := g.Sub(truth)
	switch {
	case diff < 0:
		s.Early++
	case diff > 0:
		s.Late++
	}
	n := absDays(diff)
	if n == 0 {
		s.exact++
	}
	if n <= 1 {
		s.w1++
	}
	if n <= 7 {
		s.w7++
	}
	if n <= 31 {
		s.w31++
	}
}

func (s *PubdateScore) finish() {
	if s.Docs > 0 {
		s.Coverage = float64(s.Answered) / float64(s.Docs)
	}
	if s.Answered > 0 {
		n := float64(s.Answered)
		s.Exact, s.Within1, s.Within7, s.Within31 = float64(s.exact)/n, float64(s.w1)/n, float64(s.w7)/n, float64(s.w31)/n
	}
}

func absDays(d time.Duration) int {
	n := int(d.Hours() / 24)
	if n < 0 {
		n = -n
	}
	return n
}

// loadGigaword reads the gigaword-silver articles of one source.
func loadGigaword(dir, source string) ([]PubdateDoc, error) {
	docs, err := loadPubdateArticles(filepath.Join(dir, "gigaword-silver", "articles.jsonl"), nil)
	if err != nil {
		return nil, err
	}
	out := docs[:0]
	for _, d := range docs {
		if d.Source == source {
			out = append(out, d)
		}
	}
	return out, nil
}

// loadECBPubdate reads the ECB+ ecbplus articles with a publication date,
// without the URL line and the short header lines that carry a date (the
// lines the corpus's publication date was read from).
func loadECBPubdate(dir string) ([]PubdateDoc, error) {
	return loadPubdateArticles(filepath.Join(dir, "ecbplus-dev", "articles.jsonl"), func(text string) string {
		lines := strings.Split(text, "\n")
		var keep []string
		for i, l := range lines {
			if i == 0 && strings.Contains(l, "://") {
				continue // the page URL, often with the date in it
			}
			if n := len(strings.Fields(l)); i <= 4 && (n <= 8 || n <= 16 && headerWord(l)) && hasDigitDate(l) {
				continue // a date header line
			}
			keep = append(keep, l)
		}
		return strings.Join(keep, "\n")
	})
}

// headerWord tells whether line has a word of a dated header ("Posted on",
// "Last updated", "Story Created:").
func headerWord(line string) bool {
	lo := strings.ToLower(line)
	for _, w := range []string{"posted", "published", "updated", "created", "modified"} {
		if strings.Contains(lo, w) {
			return true
		}
	}
	return false
}

// hasDigitDate tells whether line holds a time expression and a digit.
func hasDigitDate(line string) bool {
	return strings.ContainsAny(line, "0123456789") && len(timex.Tag(line, "")) > 0
}

// stripLine returns a text filter that drops line n (0-based).
func stripLine(n int) func(string) string {
	return func(text string) string {
		lines := strings.Split(text, "\n")
		if n < len(lines) {
			lines = append(lines[:n:n], lines[n+1:]...)
		}
		return strings.Join(lines, "\n")
	}
}

// loadPubdateArticles reads an articles.jsonl (or timex.jsonl) file and
// keeps the documents with a publication date, their text passed through
// filter when not nil.
func loadPubdateArticles(path string, filter func(string) string) ([]PubdateDoc, error) {
	var docs []PubdateDoc
	err := eachJSONL(path, func(d *PubdateDoc) error {
		if len(d.Published) < 10 {
			return nil
		}
		d.Published = d.Published[:10]
		if filter != nil {
			d.Text = filter(d.Text)
		}
		docs = append(docs, *d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	return docs, nil
}

// WriteJSON writes the report as one JSON object.
func (r PubdateReport) WriteJSON(w io.Writer) error {
	return writeJSON(w, "pubdate", r)
}

// WriteTable writes the report as a table.
func (r PubdateReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tpart\tmethod\tdocs\tcoverage\texact\t±1d\t±7d\t±31d\tmonths\tearly\tlate\t")
	row := func(s PubdateSet, method string, sc PubdateScore) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t\n", s.Name, s.Part, method,
			sc.Docs, sc.Coverage, sc.Exact, sc.Within1, sc.Within7, sc.Within31, sc.Months, sc.Early, sc.Late)
	}
	for _, s := range r.Sets {
		row(s, "infer", s.Infer)
		row(s, "baseline", s.Baseline)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write pubdate report: %w", err)
	}
	fmt.Fprintln(w, "\nInfer by confidence (answers, exact, ±1d, ±7d):")
	for _, s := range r.Sets {
		fmt.Fprintf(w, "  %-16s", s.Name)
		keys := make([]string, 0, len(s.ByConfidence))
		for k := range s.ByConfidence {
			keys = append(keys, k)
		}
		sort.Sort(sort.Reverse(sort.StringSlice(keys)))
		for _, k := range keys {
			c := s.ByConfidence[k]
			fmt.Fprintf(w, "  %s: %d %.2f %.2f %.2f", k, c.Answered, c.Exact, c.Within1, c.Within7)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nHeld-out sets together, answers at or above a confidence (answers of docs, ±1d, ±7d):")
	for _, c := range r.HeldOutByCut {
		fmt.Fprintf(w, "  >= %.2f: %d of %d, %.3f, %.3f\n", c.Cut, c.Answered, c.Docs, c.Within1, c.Within7)
	}
	return nil
}
