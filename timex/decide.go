package timex

import (
	_ "embed"
	"strconv"
	"sync"
	"time"

	"github.com/storyline/storyline/timex/internal/learn"
)

// The statistical decisions of the tagger (docs/TIME.md, Round 4): the
// rules propose, a small logistic regression trained on the tuning part of
// TempEval-3 train decides. models/model.json is written by
// timex/internal/traintimex.

//go:embed models/model.json
var modelJSON []byte

var (
	embedded     *learn.Models
	embeddedOnce sync.Once
)

// models returns the models in force: those set by the trainer, else the
// embedded ones (nil fields: rules only).
func models() *learn.Models {
	if m, ok := learn.Override(); ok {
		if m == nil {
			return &learn.Models{}
		}
		return m
	}
	embeddedOnce.Do(func() {
		m, err := learn.Decode(modelJSON)
		if err != nil {
			panic("timex: embedded model: " + err.Error()) // a build defect, caught by the tests
		}
		embedded = m
	})
	return embedded
}

// feats collects the active features of one decision in one buffer, so
// that scoring allocates nothing.
type feats struct {
	buf  []byte
	ends []int
}

func (f *feats) reset() { f.buf, f.ends = f.buf[:0], f.ends[:0] }

// add appends the feature name+value.
func (f *feats) add(name, value string) {
	f.buf = append(f.buf, name...)
	f.buf = append(f.buf, value...)
	f.ends = append(f.ends, len(f.buf))
}

// add2 appends the conjunction name+a+"|"+b.
func (f *feats) add2(name, a, b string) {
	f.buf = append(f.buf, name...)
	f.buf = append(f.buf, a...)
	f.buf = append(f.buf, '|')
	f.buf = append(f.buf, b...)
	f.ends = append(f.ends, len(f.buf))
}

func (f *feats) sum(m *learn.Model) float64 {
	z, s := 0.0, 0
	for _, e := range f.ends {
		z += m.Weight(string(f.buf[s:e]))
		s = e
	}
	return z
}

func (f *feats) strings() []string {
	out := make([]string, len(f.ends))
	s := 0
	for i, e := range f.ends {
		out[i] = string(f.buf[s:e])
		s = e
	}
	return out
}

// shape is a coarse word class of token k: a word's case, a number, the
// punctuation itself, or "^"/"$" past the ends of the text.
func (tg *tagger) shape(k int) string {
	t := tg.tok(k)
	switch {
	case k < 0:
		return "^"
	case t == nil:
		return "$"
	case t.kind == tNum:
		return "9"
	case t.kind == tPunct:
		return t.lo
	case t.cap:
		return "X"
	}
	return "x"
}

// word is token k's lower case form, with "^"/"$" past the ends.
func (tg *tagger) word(k int) string {
	switch {
	case k < 0:
		return "^"
	case k >= len(tg.toks):
		return "$"
	}
	return tg.toks[k].lo
}

// suffix2 is the last two letters of a lower-case word at k ("ed", "ng").
func (tg *tagger) suffix2(k int) string {
	t := tg.tok(k)
	if t == nil || t.kind != tWord || len(t.lo) < 4 {
		return ""
	}
	return t.lo[len(t.lo)-2:]
}

func dirName(d int) string {
	switch {
	case d > 0:
		return "fut"
	case d < 0:
		return "past"
	}
	return "none"
}

// distBucket buckets a token distance.
func distBucket(d int) string {
	switch {
	case d < 0:
		return "-"
	case d <= 1:
		return "1"
	case d <= 3:
		return "3"
	case d <= 6:
		return "6"
	}
	return "far"
}

// valueClass is a coarse class of a TIMEX3 value for features.
func valueClass(typ, v string) string {
	switch {
	case typ == Duration || typ == Set:
		return typ
	case len(v) > 0 && !isDigit(v[0]) && v[0] != 'X':
		return v // PRESENT_REF, PAST_REF, FUTURE_REF
	case len(v) == 4:
		return "year"
	case len(v) == 7 && v[5] == 'Q':
		return "quarter"
	case len(v) == 7:
		return "month"
	case len(v) >= 8 && v[5] == 'W':
		return "week"
	case len(v) >= 10:
		return "day"
	}
	return "other"
}

// context adds the features of the words around tokens [i, end).
func (tg *tagger) context(f *feats, i, end int) {
	f.add("p1=", tg.word(i-1))
	f.add("p2=", tg.word(i-2))
	f.add("n1=", tg.word(end))
	f.add("n2=", tg.word(end+1))
	f.add("p1s=", tg.shape(i-1))
	f.add("n1s=", tg.shape(end))
	if s := tg.suffix2(end); s != "" {
		f.add("n1x=", s)
	}
	if tg.sentenceInitial(i) {
		f.add("init", "")
	}
	if tg.quoted(i) {
		f.add("quoted", "")
	}
	ld, lk := tg.cueFrom(i-1, -1, 14)
	rd, rk := tg.cueFrom(end, 1, 12)
	f.add("L=", dirName(ld))
	f.add("R=", dirName(rd))
	if lk >= 0 {
		f.add("Lw=", tg.toks[lk].lo)
		f.add("Ld=", distBucket(i-1-lk))
	}
	if rk >= 0 {
		f.add("Rw=", tg.toks[rk].lo)
		f.add("Rd=", distBucket(rk-end))
	}
}

// quoted tells whether token i is inside a quotation that opened in its
// paragraph (an odd number of double quotes before it on its line).
func (tg *tagger) quoted(i int) bool {
	n := 0
	for k := i - 1; k >= 0 && i-k < 200; k-- {
		switch tg.toks[k].lo {
		case "\n":
			return n%2 == 1
		case "\"", "“", "”", "``", "''":
			n++
		}
	}
	return n%2 == 1
}

// keep decides whether match m at token i is emitted: the rules found it,
// the Keep model may veto it.
func (tg *tagger) keep(i int, m match) bool {
	km := tg.models.Keep
	if km == nil && tg.trace == nil {
		return true
	}
	f := &tg.fb
	f.reset()
	first, last := tg.toks[i].lo, tg.toks[m.end-1].lo
	vc := valueClass(m.typ, m.val)
	f.add("t=", m.typ)
	f.add("v=", vc)
	f.add("f=", first)
	f.add("l=", last)
	f.add2("fl=", first, last)
	f.add("len=", distBucket(m.end-i))
	f.add2("fn1=", first, tg.word(m.end))
	f.add2("fp1=", first, tg.word(i-1))
	f.add2("fn1s=", first, tg.shape(m.end))
	f.add2("vn1s=", vc, tg.shape(m.end))
	f.add2("vp1=", vc, tg.word(i-1))
	if tg.toks[i].cap {
		f.add("cap", "")
	}
	tg.context(f, i, m.end)
	ok := true
	if km != nil {
		ok = km.Prob(f.sum(km)) >= km.Cut
	}
	if tg.trace != nil {
		tg.trace(learn.Record{Kind: learn.KindKeep, Start: tg.toks[i].s, End: tg.toks[m.end-1].e, Features: f.strings(), Rule: true})
	}
	return ok
}

// Kinds of underspecified dates for the Future model.
const (
	fWeekday  = "wd"
	fMonth    = "mon"
	fMonthDay = "md"
)

// future decides whether the underspecified date at tokens [i, end) takes
// its future reading (fut) rather than its past one (past): the rules'
// choice rule, unless the Future model is in force. gap describes how far
// the two readings are from the publication date.
func (tg *tagger) future(kind string, i, end int, rule bool, past, fut string, gap string) bool {
	fm := tg.models.Future
	if fm == nil && tg.trace == nil {
		return rule
	}
	f := &tg.fb
	f.reset()
	f.add("k=", kind)
	r := "past"
	if rule {
		r = "fut"
	}
	f.add("rule=", r)
	f.add2("krule=", kind, r)
	f.add2("kgap=", kind, gap)
	tg.context(f, i, end)
	tg.sentenceCues(f, i)
	out := rule
	if fm != nil {
		out = fm.Prob(f.sum(fm)) >= fm.Cut
	}
	if tg.trace != nil {
		tg.trace(learn.Record{Kind: learn.KindFuture, Start: tg.toks[i].s, End: tg.toks[end-1].e, Features: f.strings(), Past: past, Future: fut, Rule: rule})
	}
	return out
}

// sentenceCues adds whether the sentence of token i has past and future
// cues anywhere, and its modal.
func (tg *tagger) sentenceCues(f *feats, i int) {
	s, e := i, i
	for s > 0 && !tg.sentenceBreak(s-1) {
		s--
	}
	for e < len(tg.toks) && !tg.sentenceBreak(e) {
		e++
	}
	past, fut := false, false
	for k := s; k < e; k++ {
		if tg.toks[k].kind != tWord {
			continue
		}
		switch tg.cue(k) {
		case dirPast:
			past = true
		case dirFuture:
			fut = true
		}
		switch w := tg.toks[k].lo; w {
		case "will", "would", "could", "should", "may", "might", "must", "can":
			f.add("modal=", w)
		}
	}
	if past {
		f.add("spast", "")
	}
	if fut {
		f.add("sfut", "")
	}
	if s == 0 {
		f.add("first", "")
	}
}

func (tg *tagger) sentenceBreak(k int) bool {
	t := tg.toks[k].lo
	return t == "\n" || t == "!" || t == "?" || t == "." && !tg.abbrevBefore(k)
}

// gapDays buckets the days between the past and future readings'
// distances from the publication date (negative: the past one is nearer).
func gapDays(past, fut, dct time.Time) string {
	dp := int(dct.Sub(past).Hours() / 24)
	df := int(fut.Sub(dct).Hours() / 24)
	d := dp - df
	switch {
	case d <= -180:
		return "<-180"
	case d <= -60:
		return "<-60"
	case d < 0:
		return "<0"
	case d < 60:
		return "<60"
	case d < 180:
		return "<180"
	}
	return ">180"
}

// weekdayBack is how many days back the past reading of a weekday is.
func weekdayBack(dct time.Time, wd int) string {
	return strconv.Itoa((isoWeekday(dct) - wd + 7) % 7)
}
