package eval

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	storyline "github.com/storyline/storyline"
	"github.com/storyline/storyline/ner"
)

// NERSpan is an entity span of a NER gold or prediction file: UTF-8 byte
// offsets into the document text, end exclusive, and a type (PER, ORG,
// LOC, MISC).
type NERSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// NERDoc is a line of a NER gold file (ner.jsonl of the shared data).
type NERDoc struct {
	ID       string    `json:"id"`
	Text     string    `json:"text"`
	Entities []NERSpan `json:"entities"`
}

// NERTypes are the entity types scored, in report order.
var NERTypes = []string{"PER", "ORG", "LOC", "MISC"}

// NERSets are the named evaluation sets of RunNER: the file under the
// data folder and the id prefix of the documents taken from it.
var NERSets = map[string]struct{ File, Prefix string }{
	"conll-valid": {"conll2003/ner.jsonl", "valid-"},
	"conll-train": {"conll2003/ner.jsonl", "train-"},
	"meantime":    {"meantime/ner.jsonl", ""},
}

// ReadNERDocs reads a NER JSONL file ({"id","text","entities"} per line),
// keeping the documents whose id starts with prefix.
func ReadNERDocs(path, prefix string) ([]NERDoc, error) {
	var docs []NERDoc
	err := eachJSONL(path, func(d *NERDoc) error {
		if strings.HasPrefix(d.ID, prefix) {
			docs = append(docs, *d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read ner docs: %w", err)
	}
	return docs, nil
}

// ReadNERPredictions reads predictions JSONL ({"id","entities"} per line)
// into a map from document id to its entities.
func ReadNERPredictions(path string) (map[string][]NERSpan, error) {
	docs, err := ReadNERDocs(path, "")
	if err != nil {
		return nil, fmt.Errorf("read ner predictions: %w", err)
	}
	out := make(map[string][]NERSpan, len(docs))
	for _, d := range docs {
		out[d.ID] = append(out[d.ID], d.Entities...)
	}
	return out, nil
}

// NERReport are the scores of one system on one set.
type NERReport struct {
	System string `json:"system"`
	Set    string `json:"set"`
	Docs   int    `json:"docs"`
	// Exact is micro precision, recall and F1 of exact span and type, as
	// conlleval counts them.
	Exact   PRF            `json:"exact"`
	PerType map[string]PRF `json:"per_type"`
	// Overlap counts a predicted span as right when it overlaps a gold
	// span of any type (precision), and a gold span as found when a
	// predicted span overlaps it (recall): untyped, relaxed.
	Overlap PRF `json:"overlap_untyped"`
	// OverlapTyped is Overlap with the types required to agree.
	OverlapTyped PRF     `json:"overlap_typed"`
	Seconds      float64 `json:"seconds,omitempty"`
}

// ScoreNER scores predicted entities (by document id) against the gold
// documents. Documents missing from pred have no predictions.
func ScoreNER(system, set string, gold []NERDoc, pred map[string][]NERSpan) NERReport {
	var exact, ov, ovt Counts
	per := map[string]*Counts{}
	for _, t := range NERTypes {
		per[t] = &Counts{}
	}
	typ := func(t string) *Counts {
		c := per[t]
		if c == nil {
			c = &Counts{}
			per[t] = c
		}
		return c
	}
	for _, d := range gold {
		g := d.Entities
		p := pred[d.ID]
		gs := map[NERSpan]bool{}
		for _, s := range g {
			gs[s] = true
		}
		ps := map[NERSpan]bool{}
		for _, s := range p {
			if ps[s] {
				continue // a span predicted twice counts once
			}
			ps[s] = true
			if gs[s] {
				exact.TP++
				typ(s.Type).TP++
			} else {
				exact.FP++
				typ(s.Type).FP++
			}
			if overlapsAny(s, g, false) {
				ov.TP++
			} else {
				ov.FP++
			}
			if overlapsAny(s, g, true) {
				ovt.TP++
			} else {
				ovt.FP++
			}
		}
		for s := range gs {
			if !ps[s] {
				exact.FN++
				typ(s.Type).FN++
			}
			if !overlapsAny(s, p, false) {
				ov.FN++
			}
			if !overlapsAny(s, p, true) {
				ovt.FN++
			}
		}
	}
	r := NERReport{System: system, Set: set, Docs: len(gold), PerType: map[string]PRF{}}
	r.Exact = countsPRF(exact)
	r.Overlap = countsPRF(ov)
	r.OverlapTyped = countsPRF(ovt)
	for t, c := range per {
		r.PerType[t] = countsPRF(*c)
	}
	return r
}

func countsPRF(c Counts) PRF {
	return newPRF(int(c.TP), int(c.FP), int(c.FN))
}

func overlapsAny(s NERSpan, others []NERSpan, sameType bool) bool {
	for _, o := range others {
		if o.Start < s.End && s.Start < o.End && (!sameType || o.Type == s.Type) {
			return true
		}
	}
	return false
}

// NERTagger is a tagger under test: the entities of a text.
type NERTagger func(text string) []storyline.Mention

// TagNER runs tag on every document and returns its entities by id.
func TagNER(gold []NERDoc, tag NERTagger) map[string][]NERSpan {
	out := make(map[string][]NERSpan, len(gold))
	for _, d := range gold {
		var spans []NERSpan
		for _, m := range tag(d.Text) {
			spans = append(spans, NERSpan{Start: m.Start, End: m.End, Type: m.Type})
		}
		out[d.ID] = spans
	}
	return out
}

// NEROptions configure RunNER.
type NEROptions struct {
	Data string // the shared data folder
	Set  string // a key of NERSets
	Pred string // predictions JSONL to score instead of running storyline
	JSON bool
}

// RunNER scores storyline's tagger (package ner), or the predictions of
// opts.Pred, on one set and writes the report to w.
func RunNER(opts NEROptions, w io.Writer) error {
	set, ok := NERSets[opts.Set]
	if !ok {
		names := make([]string, 0, len(NERSets))
		for k := range NERSets {
			names = append(names, k)
		}
		sort.Strings(names)
		return fmt.Errorf("eval ner: unknown set %q (want one of %s)", opts.Set, strings.Join(names, ", "))
	}
	gold, err := ReadNERDocs(filepath.Join(opts.Data, set.File), set.Prefix)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	var rep NERReport
	if opts.Pred != "" {
		pred, err := ReadNERPredictions(opts.Pred)
		if err != nil {
			return fmt.Errorf("eval ner: %w", err)
		}
		rep = ScoreNER(filepath.Base(opts.Pred), opts.Set, gold, pred)
	} else {
		t, err := ner.Default()
		if err != nil {
			return fmt.Errorf("eval ner: %w", err)
		}
		start := time.Now()
		pred := TagNER(gold, t.Tag)
		secs := time.Since(start).Seconds()
		rep = ScoreNER("storyline", opts.Set, gold, pred)
		rep.Seconds = secs
	}
	if opts.JSON {
		return writeJSON(w, "ner", rep)
	}
	return rep.WriteTable(w)
}

// WriteTable writes the report as an aligned table.
func (r NERReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "%s on %s (%d documents)", r.System, r.Set, r.Docs)
	if r.Seconds > 0 {
		fmt.Fprintf(tw, ", %.2fs", r.Seconds)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "\tP\tR\tF1\tTP\tFP\tFN")
	row := func(name string, p PRF) {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%d\t%d\t%d\n", name, p.Precision, p.Recall, p.F1, p.TP, p.FP, p.FN)
	}
	row("exact", r.Exact)
	types := append([]string(nil), NERTypes...)
	for t := range r.PerType {
		known := false
		for _, k := range NERTypes {
			known = known || k == t
		}
		if !known {
			types = append(types, t)
		}
	}
	for _, t := range types {
		row("  "+t, r.PerType[t])
	}
	row("overlap, untyped", r.Overlap)
	row("overlap, typed", r.OverlapTyped)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	return nil
}
