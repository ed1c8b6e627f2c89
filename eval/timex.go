package eval

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/storyline/storyline"
)

// TimexDoc is one document of a timex gold file (shared/data/*/timex.jsonl):
// its text, publication date and gold time expressions (Text filled from
// the offsets).
type TimexDoc struct {
	ID        string            `json:"id"`
	Text      string            `json:"text"`
	Published string            `json:"published"`
	Timexes   []storyline.Timex `json:"timexes"`
}

// LoadTimexDocs reads a timex.jsonl gold file.
func LoadTimexDocs(path string) ([]TimexDoc, error) {
	var docs []TimexDoc
	err := eachJSONL(path, func(d *TimexDoc) error {
		for i, t := range d.Timexes {
			if t.Start < 0 || t.End > len(d.Text) || t.Start > t.End {
				return fmt.Errorf("timex %d offsets %d-%d outside the text", i, t.Start, t.End)
			}
			d.Timexes[i].Text = d.Text[t.Start:t.End]
		}
		docs = append(docs, *d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load timex gold: %w", err)
	}
	return docs, nil
}

// TimexScore holds TempEval-3 style scores of a tagger on a set of documents.
type TimexScore struct {
	Set       string `json:"set"`
	Docs      int    `json:"docs"`
	Gold      int    `json:"gold"`
	Predicted int    `json:"predicted"`
	// Relaxed counts a predicted expression that overlaps a gold one
	// (one-to-one) as found.
	Relaxed PRF `json:"relaxed"`
	// Strict needs the exact offsets.
	Strict PRF `json:"strict"`
	// ValueAccuracy and TypeAccuracy are over the relaxed-matched pairs.
	ValueAccuracy float64 `json:"value_accuracy"`
	TypeAccuracy  float64 `json:"type_accuracy"`
	// Value counts a pair as found when it overlaps and has the gold value:
	// P = correct values / predicted, R = correct values / gold.
	Value PRF `json:"value"`
	// Errors are a sample of mismatches (kept when asked for).
	Errors []TimexError `json:"errors,omitempty"`
}

// TimexError is one mismatch: a missed, spurious or wrongly valued expression.
type TimexError struct {
	Doc       string `json:"doc"`
	Kind      string `json:"kind"` // missed, spurious, value, type, extent
	Gold      string `json:"gold,omitempty"`
	Got       string `json:"got,omitempty"`
	Published string `json:"published,omitempty"`
	Context   string `json:"context,omitempty"`
}

// TimexTagger tags a text given its publication date.
type TimexTagger func(text, published string) []storyline.Timex

// ScoreTimex runs tag on docs and scores it against their gold
// expressions; with keepErrors it also lists the mismatches.
func ScoreTimex(set string, docs []TimexDoc, tag TimexTagger, keepErrors bool) TimexScore {
	s := TimexScore{Set: set, Docs: len(docs)}
	var relaxed, strict, valueOK, typeOK int
	for _, d := range docs {
		got := tag(d.Text, d.Published)
		s.Gold += len(d.Timexes)
		s.Predicted += len(got)
		pairs, usedGot := alignTimex(d.Timexes, got)
		for gi, pi := range pairs {
			g := d.Timexes[gi]
			if pi < 0 {
				if keepErrors {
					s.Errors = append(s.Errors, timexErr(d, "missed", &g, nil))
				}
				continue
			}
			p := got[pi]
			relaxed++
			if p.Start == g.Start && p.End == g.End {
				strict++
			} else if keepErrors {
				s.Errors = append(s.Errors, timexErr(d, "extent", &g, &p))
			}
			if p.Value == g.Value {
				valueOK++
			} else if keepErrors {
				s.Errors = append(s.Errors, timexErr(d, "value", &g, &p))
			}
			if p.Type == g.Type {
				typeOK++
			} else if keepErrors {
				s.Errors = append(s.Errors, timexErr(d, "type", &g, &p))
			}
		}
		if keepErrors {
			for pi, p := range got {
				if !usedGot[pi] {
					s.Errors = append(s.Errors, timexErr(d, "spurious", nil, &p))
				}
			}
		}
	}
	s.Relaxed = newPRF(relaxed, s.Predicted-relaxed, s.Gold-relaxed)
	s.Strict = newPRF(strict, s.Predicted-strict, s.Gold-strict)
	s.Value = newPRF(valueOK, s.Predicted-valueOK, s.Gold-valueOK)
	if relaxed > 0 {
		s.ValueAccuracy = float64(valueOK) / float64(relaxed)
		s.TypeAccuracy = float64(typeOK) / float64(relaxed)
	}
	return s
}

// alignTimex pairs each gold expression with at most one overlapping
// predicted one (exact matches first, then the largest overlap); pairs[g]
// is the predicted index or -1.
func alignTimex(gold, got []storyline.Timex) (pairs []int, used []bool) {
	pairs = make([]int, len(gold))
	used = make([]bool, len(got))
	for i := range pairs {
		pairs[i] = -1
	}
	type cand struct{ g, p, score int }
	var cands []cand
	for gi, g := range gold {
		for pi, p := range got {
			ov := min(g.End, p.End) - max(g.Start, p.Start)
			if ov <= 0 && !(g.Start == p.Start && g.End == p.End) {
				continue
			}
			score := ov
			if g.Start == p.Start && g.End == p.End {
				score += 1 << 20
			}
			cands = append(cands, cand{gi, pi, score})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	for _, c := range cands {
		if pairs[c.g] >= 0 || used[c.p] {
			continue
		}
		pairs[c.g] = c.p
		used[c.p] = true
	}
	return pairs, used
}

func timexErr(d TimexDoc, kind string, g, p *storyline.Timex) TimexError {
	e := TimexError{Doc: d.ID, Kind: kind, Published: d.Published}
	s, en := 0, 0
	if g != nil {
		e.Gold = fmt.Sprintf("%s %s [%s]", g.Type, g.Value, g.Text)
		s, en = g.Start, g.End
	}
	if p != nil {
		e.Got = fmt.Sprintf("%s %s [%s]", p.Type, p.Value, p.Text)
		if g == nil {
			s, en = p.Start, p.End
		}
	}
	a, b := max(0, s-50), min(len(d.Text), en+30)
	for a > 0 && a < len(d.Text) && d.Text[a]&0xC0 == 0x80 {
		a--
	}
	for b < len(d.Text) && d.Text[b]&0xC0 == 0x80 {
		b++
	}
	e.Context = strings.ReplaceAll(d.Text[a:s]+"|"+d.Text[s:en]+"|"+d.Text[en:b], "\n", " ")
	return e
}

// TimexSplit divides TempEval-3 train documents: every fifth document
// (index 4, 9, …) is held out from tuning.
func TimexSplit(docs []TimexDoc) (tune, heldOut []TimexDoc) {
	for i, d := range docs {
		if i%5 == 4 {
			heldOut = append(heldOut, d)
		} else {
			tune = append(tune, d)
		}
	}
	return tune, heldOut
}

// TimexReport is the result of RunTimex: one score per set.
type TimexReport struct {
	Data   string       `json:"data"`
	Scores []TimexScore `json:"scores"`
}

// RunTimex scores tag on the shared data folder dir: set "tempeval3"
// (TempEval-3 train: tuned part, held-out part, all), "meantime", or ""
// for both. With keepErrors the mismatches of the tuned part only are kept:
// the held-out part and MEANTIME stay unseen.
func RunTimex(dir, set string, tag TimexTagger, keepErrors bool) (TimexReport, error) {
	rep := TimexReport{Data: dir}
	if set == "" || set == "tempeval3" {
		docs, err := LoadTimexDocs(filepath.Join(dir, "tempeval3-train", "timex.jsonl"))
		if err != nil {
			return rep, fmt.Errorf("eval timex: %w", err)
		}
		tune, held := TimexSplit(docs)
		rep.Scores = append(rep.Scores,
			ScoreTimex("tempeval3-train/tuned", tune, tag, keepErrors),
			ScoreTimex("tempeval3-train/held-out", held, tag, false),
			ScoreTimex("tempeval3-train/all", docs, tag, false))
	}
	if set == "" || set == "meantime" {
		docs, err := LoadTimexDocs(filepath.Join(dir, "meantime", "timex.jsonl"))
		if err != nil {
			return rep, fmt.Errorf("eval timex: %w", err)
		}
		rep.Scores = append(rep.Scores, ScoreTimex("meantime", docs, tag, false))
	}
	return rep, nil
}

// WriteJSON writes the report as one indented JSON object.
func (r TimexReport) WriteJSON(w io.Writer) error {
	return writeJSON(w, "timex", r)
}

// WriteTable writes the report as an aligned table.
func (r TimexReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tdocs\tgold\tpred\trelaxed P\tR\tF1\tstrict P\tR\tF1\tvalue acc\tvalue P\tR\tF1\ttype acc\t")
	for _, s := range r.Scores {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n",
			s.Set, s.Docs, s.Gold, s.Predicted,
			s.Relaxed.Precision, s.Relaxed.Recall, s.Relaxed.F1,
			s.Strict.Precision, s.Strict.Recall, s.Strict.F1,
			s.ValueAccuracy, s.Value.Precision, s.Value.Recall, s.Value.F1, s.TypeAccuracy)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write timex report: %w", err)
	}
	return nil
}

// SentenceDater dates the sentences of a text given its publication date
// and its time expressions (timex.SentenceDates).
type SentenceDater func(text, published string, timexes []storyline.Timex) []storyline.SentenceDate

// Proxy classes of sentence dates (see ScoreSentenceDates).
const (
	SentOneDay  = "one day-precise date"
	SentOneDate = "one coarser date"
	SentSeveral = "several dates"
	SentNoTimex = "no time expression"
)

// SentenceDateClass is the accuracy of sentence dates on one proxy class.
type SentenceDateClass struct {
	Class     string `json:"class"`
	Sentences int    `json:"sentences"`
	// Right counts the sentences dated with an expected value; Accuracy
	// is Right / Sentences.
	Right    int     `json:"right"`
	Accuracy float64 `json:"accuracy"`
	// Baseline is the accuracy of the publication date for every sentence.
	Baseline float64 `json:"baseline"`
	baseline int
}

// SentenceDateScore is the proxy evaluation of sentence dates on one set.
type SentenceDateScore struct {
	Set       string              `json:"set"`
	Docs      int                 `json:"docs"`
	Sentences int                 `json:"sentences"`
	Classes   []SentenceDateClass `json:"classes"`
	// ByConfidence is the accuracy over all classes by the confidence the
	// dater gave ("0.9": right, sentences).
	ByConfidence map[string][2]int `json:"by_confidence"`
}

// ScoreSentenceDates measures dater, fed with tag's expressions, against a
// proxy built from gold time expressions (there is no gold for sentence
// dates): a sentence whose only gold DATE/TIME expression is day-precise
// should be dated that day; one whose only gold DATE/TIME expression is
// coarser (a month, a week, a year, PRESENT_REF) should get that value
// (PRESENT_REF: the publication date); one with several should get one of
// their values; one with no gold expression at all, the publication date.
// Sentences that are mostly a time expression (date lines) are left out,
// and so are expressions that open a span ("since 1997"), whose sentence
// reports something later.
// Time-of-day parts are dropped from values before comparing.
func ScoreSentenceDates(set string, docs []TimexDoc, tag TimexTagger, dater SentenceDater) SentenceDateScore {
	s := SentenceDateScore{Set: set, Docs: len(docs), ByConfidence: map[string][2]int{}}
	classes := map[string]*SentenceDateClass{}
	order := []string{SentOneDay, SentOneDate, SentSeveral, SentNoTimex}
	for _, c := range order {
		classes[c] = &SentenceDateClass{Class: c}
	}
	for _, d := range docs {
		pub := datePart(d.Published)
		for _, sd := range dater(d.Text, d.Published, tag(d.Text, d.Published)) {
			class, want := sentenceProxy(d, pub, sd.Start, sd.End)
			if class == "" {
				continue
			}
			c := classes[class]
			c.Sentences++
			s.Sentences++
			right := want[datePart(sd.Value)]
			if right {
				c.Right++
			}
			if want[pub] {
				c.baseline++
			}
			k := fmt.Sprintf("%.1f", sd.Confidence)
			bc := s.ByConfidence[k]
			bc[1]++
			if right {
				bc[0]++
			}
			s.ByConfidence[k] = bc
		}
	}
	for _, name := range order {
		c := classes[name]
		if c.Sentences > 0 {
			c.Accuracy = float64(c.Right) / float64(c.Sentences)
			c.Baseline = float64(c.baseline) / float64(c.Sentences)
		}
		s.Classes = append(s.Classes, *c)
	}
	return s
}

// sentenceProxy classifies the sentence [start, end) of d by its gold
// expressions and returns the values it may rightly be dated with; class
// "" leaves the sentence out: only durations and sets, or time expressions
// covering half of it or more (a date line, which reports no happening).
func sentenceProxy(d TimexDoc, pub string, start, end int) (string, map[string]bool) {
	want := map[string]bool{}
	n, days, any, covered := 0, 0, false, 0
	for _, g := range d.Timexes {
		if g.Start < start || g.End > end {
			continue
		}
		any = true
		covered += g.End - g.Start
		if g.Type != "DATE" && g.Type != "TIME" || sinceSpan(d.Text, g.Start) {
			continue // durations, sets and the starts of spans date no happening
		}
		v := datePart(g.Value)
		if v == "PRESENT_REF" {
			v = pub
		}
		if v == "" {
			continue
		}
		n++
		if isDay(v) {
			days++
		}
		want[v] = true
	}
	switch {
	case !any:
		want[pub] = true
		return SentNoTimex, want
	case n == 0 || 2*covered >= end-start: // a date line reports no happening
		return "", nil
	case n > 1:
		return SentSeveral, want
	case days == 1:
		return SentOneDay, want
	}
	return SentOneDate, want
}

// sinceSpan tells whether the expression at start opens a span ("since
// 1997", "since the Oct. 7 attacks"): the sentence's happening is later
// ("its lowest level since 1997" happened on the day of the report).
func sinceSpan(text string, start int) bool {
	f := strings.Fields(strings.ToLower(text[max(0, start-12):start]))
	if n := len(f); n > 0 && f[n-1] == "the" {
		f = f[:n-1]
	}
	return len(f) > 0 && f[len(f)-1] == "since"
}

// datePart drops a time of day from a TIMEX3 date value
// ("2024-02-06T15:00", "XXXX-WXX-3TNI"); PRESENT_REF and the like stay.
func datePart(v string) string {
	if v == "" || !(v[0] >= '0' && v[0] <= '9' || v[0] == 'X') {
		return v
	}
	if i := strings.IndexByte(v, 'T'); i > 0 {
		return v[:i]
	}
	return v
}

// isDay tells whether v is a calendar day YYYY-MM-DD.
func isDay(v string) bool {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return false
	}
	for i, c := range []byte(v) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// SentenceDateReport is the result of RunSentenceDates: one score per set.
type SentenceDateReport struct {
	Data   string              `json:"data"`
	Scores []SentenceDateScore `json:"scores"`
}

// RunSentenceDates scores dater on the sets of RunTimex (set "tempeval3":
// tuned part, held-out part; "meantime"; "" both).
func RunSentenceDates(dir, set string, tag TimexTagger, dater SentenceDater) (SentenceDateReport, error) {
	rep := SentenceDateReport{Data: dir}
	if set == "" || set == "tempeval3" {
		docs, err := LoadTimexDocs(filepath.Join(dir, "tempeval3-train", "timex.jsonl"))
		if err != nil {
			return rep, fmt.Errorf("eval sentence dates: %w", err)
		}
		tune, held := TimexSplit(docs)
		rep.Scores = append(rep.Scores,
			ScoreSentenceDates("tempeval3-train/tuned", tune, tag, dater),
			ScoreSentenceDates("tempeval3-train/held-out", held, tag, dater))
	}
	if set == "" || set == "meantime" {
		docs, err := LoadTimexDocs(filepath.Join(dir, "meantime", "timex.jsonl"))
		if err != nil {
			return rep, fmt.Errorf("eval sentence dates: %w", err)
		}
		rep.Scores = append(rep.Scores, ScoreSentenceDates("meantime", docs, tag, dater))
	}
	return rep, nil
}

// WriteJSON writes the report as one indented JSON object.
func (r SentenceDateReport) WriteJSON(w io.Writer) error {
	return writeJSON(w, "sentence dates", r)
}

// WriteTable writes the report as an aligned table: per set and class,
// the sentences, the accuracy and the publication-date baseline; then the
// accuracy by confidence.
func (r SentenceDateReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tclass\tsentences\taccuracy\tpublication date\t")
	for _, s := range r.Scores {
		for _, c := range s.Classes {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.3f\t%.3f\t\n", s.Set, c.Class, c.Sentences, c.Accuracy, c.Baseline)
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write sentence date report: %w", err)
	}
	fmt.Fprintln(w, "\nBy confidence (right/sentences):")
	for _, s := range r.Scores {
		keys := make([]string, 0, len(s.ByConfidence))
		for k := range s.ByConfidence {
			keys = append(keys, k)
		}
		sort.Sort(sort.Reverse(sort.StringSlice(keys)))
		fmt.Fprintf(w, "  %-26s", s.Set)
		for _, k := range keys {
			c := s.ByConfidence[k]
			fmt.Fprintf(w, "  %s: %d/%d (%.3f)", k, c[0], c[1], float64(c[0])/float64(c[1]))
		}
		fmt.Fprintln(w)
	}
	return nil
}
