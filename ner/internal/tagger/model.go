package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Model is a trained tagger: hashed feature weights (a row of NTags
// weights per hashed feature), the gazetteer lists and word clusters the
// features read, and the options it was trained with. It is read-only
// once built and safe for concurrent use.
type Model struct {
	Bits uint
	// W are the weights while training; a decoded model has them
	// quantised in Q (times Scale) instead, half the memory.
	W        []float32
	Q        []int16
	Scale    float32
	Gaz      *Gaz
	Clusters map[string]string
	Opts     Options
	// First is the first-stage model of a stacked tagger: its labels of
	// each word's occurrences in the document are features of this one.
	First *Model
}

type scorer interface {
	score(feats []uint32, out *[NTags]float32)
}

func (m *Model) score(feats []uint32, out *[NTags]float32) {
	if m.Q != nil {
		var acc [NTags]int32
		q := m.Q
		for _, f := range feats {
			r := q[int(f)*NTags : int(f)*NTags+NTags : int(f)*NTags+NTags]
			for k := range acc {
				acc[k] += int32(r[k])
			}
		}
		for k := range out {
			out[k] = float32(acc[k]) * m.Scale
		}
		return
	}
	*out = [NTags]float32{}
	w := m.W
	for _, f := range feats {
		r := w[int(f)*NTags : int(f)*NTags+NTags : int(f)*NTags+NTags]
		for k := range out {
			out[k] += r[k]
		}
	}
}

// Work is reusable memory for tagging documents; one per goroutine.
type Work struct {
	sf     sentFeats
	sc     scratch
	dyn    []uint32
	tags   []int
	beam   []beamState
	beam2  []beamState
	allCap []bool
}

type beamState struct {
	score  float32
	p1, p2 int
	back   int // index in previous step's states
	tag    int
}

// TagDoc returns the BILOU tags of each sentence of a document.
func (m *Model) TagDoc(sents [][]string, w *Work) [][]int {
	if w == nil {
		w = new(Work)
	}
	return m.tagDoc(sents, m, w, nil, nil, nil)
}

// learner is called in training after each token is predicted; it
// returns nothing and may update the weights.
type learner func(si, i int, feats []uint32, pred int)

func (m *Model) tagDoc(sents [][]string, sc scorer, w *Work, own map[uint64]uint32, learn learner, first [][]int) [][]int {
	if first == nil && m.First != nil {
		first = m.First.tagDoc(sents, m.First, w, own, nil, nil)
	}
	w.allCap = w.allCap[:0]
	for _, s := range sents {
		w.allCap = append(w.allCap, isAllCapsSentence(s))
	}
	d := newDocCtx(sents, w.allCap)
	d.own = own
	d.self = -1
	if first != nil {
		// stacked: the first model's labels of every occurrence of a
		// capitalised word
		d.agg = map[string]*[5]uint16{}
		for si, s := range sents {
			for i, word := range s {
				c := capClass(word)
				if c == capLower || c == capNone {
					continue
				}
				lw := strings.ToLower(word)
				h := d.agg[lw]
				if h == nil {
					h = new([5]uint16)
					d.agg[lw] = h
				}
				if l := histLabel(first[si][i]); h[l] < 65535 {
					h[l]++
				}
			}
		}
		d.first = first
	}
	return m.pass(sents, d, sc, w, learn)
}

func (m *Model) pass(sents [][]string, d *docCtx, sc scorer, w *Work, learn learner) [][]int {
	out := make([][]int, len(sents))
	for si, s := range sents {
		if len(s) == 0 {
			continue
		}
		m.static(d, s, w.allCap[si], &w.sf, &w.sc)
		var tags []int
		if m.Opts.Beam > 1 && learn == nil {
			tags = m.beamSentence(d, sc, w, si, len(s))
		} else {
			tags = m.greedySentence(d, sc, w, si, len(s), learn)
		}
		for i, t := range tags {
			d.record(&w.sf, i, t)
		}
		out[si] = tags
	}
	return out
}

func (m *Model) greedySentence(d *docCtx, sc scorer, w *Work, si, n int, learn learner) []int {
	tags := make([]int, n)
	p1, p2 := -1, -1
	var scores [NTags]float32
	for i := 0; i < n; i++ {
		f := w.sf.feats[w.sf.off[i]:w.sf.off[i+1]]
		d.setSelf(si, i)
		w.dyn = append(w.dyn[:0], f...)
		w.dyn = m.dynamic(w.dyn, d, &w.sf, i, p1, p2)
		sc.score(w.dyn, &scores)
		best, bs := 0, float32(math.Inf(-1))
		for t := 0; t < NTags; t++ {
			if !allowed(p1, t) {
				continue
			}
			if i == n-1 && !allowedEnd(t) {
				continue
			}
			if scores[t] > bs {
				best, bs = t, scores[t]
			}
		}
		if learn != nil {
			learn(si, i, w.dyn, best)
		}
		tags[i] = best
		p2, p1 = p1, best
	}
	return tags
}

func (m *Model) beamSentence(d *docCtx, sc scorer, w *Work, si, n int) []int {
	k := m.Opts.Beam
	type step struct{ states []beamState }
	steps := make([][]beamState, n)
	cur := []beamState{{p1: -1, p2: -1, back: -1}}
	var scores [NTags]float32
	for i := 0; i < n; i++ {
		f := w.sf.feats[w.sf.off[i]:w.sf.off[i+1]]
		next := w.beam2[:0]
		d.setSelf(si, i)
		for bi, st := range cur {
			w.dyn = append(w.dyn[:0], f...)
			w.dyn = m.dynamic(w.dyn, d, &w.sf, i, st.p1, st.p2)
			sc.score(w.dyn, &scores)
			for t := 0; t < NTags; t++ {
				if !allowed(st.p1, t) || (i == n-1 && !allowedEnd(t)) {
					continue
				}
				next = append(next, beamState{score: st.score + scores[t], p1: t, p2: st.p1, back: bi, tag: t})
			}
		}
		sort.Slice(next, func(a, b int) bool { return next[a].score > next[b].score })
		// keep distinct (p1, p2) states
		kept := next[:0]
		for _, st := range next {
			dup := false
			for _, o := range kept {
				if o.p1 == st.p1 && o.p2 == st.p2 {
					dup = true
					break
				}
			}
			if !dup {
				kept = append(kept, st)
				if len(kept) == k {
					break
				}
			}
		}
		steps[i] = append([]beamState(nil), kept...)
		cur = steps[i]
		w.beam2 = next
	}
	tags := make([]int, n)
	bi := 0
	for i := n - 1; i >= 0; i-- {
		st := steps[i][bi]
		tags[i] = st.tag
		bi = st.back
	}
	return tags
}

const magic = "storyline-ner-1\n"

type header struct {
	Bits  uint
	Opts  Options
	Scale float32
	// Stacked: a first-stage model follows, its weights after these
	// (scale FirstScale).
	Stacked    bool
	FirstOpts  Options
	FirstScale float32
	GazNames   []string
	GazLists   []string // per list, entries (tokens joined by spaces) joined by "\n"
	Clusters   string   // "word\tbits\n" lines
}

// Encode writes the model, gzip-compressed: a gob header with the lists
// and clusters, then the weights quantised to int16.
func (m *Model) Encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return fmt.Errorf("encode model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	h := header{Bits: m.Bits, Opts: m.Opts, Scale: m.scale()}
	if m.First != nil {
		if m.First.Bits != m.Bits {
			return fmt.Errorf("encode model: stages of different table sizes")
		}
		h.Stacked, h.FirstOpts, h.FirstScale = true, m.First.Opts, m.First.scale()
	}
	if m.Gaz != nil {
		h.GazNames = m.Gaz.Names
		h.GazLists = m.Gaz.lists
	}
	if m.Clusters != nil {
		words := make([]string, 0, len(m.Clusters))
		for w := range m.Clusters {
			words = append(words, w)
		}
		sort.Strings(words)
		var b strings.Builder
		for _, w := range words {
			b.WriteString(w)
			b.WriteByte('\t')
			b.WriteString(m.Clusters[w])
			b.WriteByte('\n')
		}
		h.Clusters = b.String()
	}
	if _, err := bw.WriteString(magic); err != nil {
		return fmt.Errorf("encode model: %w", err)
	}
	if err := gob.NewEncoder(bw).Encode(&h); err != nil {
		return fmt.Errorf("encode model header: %w", err)
	}
	if err := m.writeWeights(bw, h.Scale); err != nil {
		return err
	}
	if m.First != nil {
		if err := m.First.writeWeights(bw, h.FirstScale); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("encode model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode model: %w", err)
	}
	return nil
}

func scaleOf(w []float32) float32 {
	var maxAbs float32
	for _, x := range w {
		if a := float32(math.Abs(float64(x))); a > maxAbs {
			maxAbs = a
		}
	}
	if maxAbs == 0 {
		return 1
	}
	return maxAbs / 32767
}

func (m *Model) scale() float32 {
	if m.Q != nil {
		return m.Scale
	}
	return scaleOf(m.W)
}

func (m *Model) writeWeights(bw io.Writer, scale float32) error {
	buf := make([]byte, 2*NTags)
	n := len(m.W)
	if m.Q != nil {
		n = len(m.Q)
	}
	for r := 0; r < n; r += NTags {
		for k := 0; k < NTags; k++ {
			var q int16
			if m.Q != nil {
				q = m.Q[r+k]
			} else {
				q = int16(math.Round(float64(m.W[r+k] / scale)))
			}
			binary.LittleEndian.PutUint16(buf[2*k:], uint16(q))
		}
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("encode model weights: %w", err)
		}
	}
	return nil
}

func readWeights(br io.Reader, n int) ([]int16, error) {
	raw := make([]byte, 2*n)
	if _, err := io.ReadFull(br, raw); err != nil {
		return nil, fmt.Errorf("decode model weights: %w", err)
	}
	w := make([]int16, n)
	for i := range w {
		w[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return w, nil
}

// Decode reads a model written by Encode.
func Decode(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	mg := make([]byte, len(magic))
	if _, err := io.ReadFull(br, mg); err != nil || string(mg) != magic {
		return nil, fmt.Errorf("decode model: not a storyline NER model")
	}
	var h header
	if err := gob.NewDecoder(br).Decode(&h); err != nil {
		return nil, fmt.Errorf("decode model header: %w", err)
	}
	if h.Bits < 10 || h.Bits > 26 {
		return nil, fmt.Errorf("decode model: bad table size 2^%d", h.Bits)
	}
	m := &Model{Bits: h.Bits, Opts: h.Opts}
	n := (1 << h.Bits) * NTags
	m.Scale = h.Scale
	if m.Q, err = readWeights(br, n); err != nil {
		return nil, err
	}
	if h.Stacked {
		f := &Model{Bits: h.Bits, Opts: h.FirstOpts, Scale: h.FirstScale}
		if f.Q, err = readWeights(br, n); err != nil {
			return nil, err
		}
		m.First = f
	}
	if len(h.GazNames) > 0 {
		g := &Gaz{Names: h.GazNames, m: map[uint64]*gazEntry{}, lists: h.GazLists}
		for l, list := range h.GazLists {
			if list == "" {
				continue
			}
			for _, e := range strings.Split(list, "\n") {
				g.AddEntry(e, l, 1)
			}
		}
		m.Gaz = g
	}
	if h.Clusters != "" {
		m.Clusters = map[string]string{}
		for _, line := range strings.Split(strings.TrimSuffix(h.Clusters, "\n"), "\n") {
			w, b, ok := strings.Cut(line, "\t")
			if ok {
				m.Clusters[w] = b
			}
		}
	}
	if m.First != nil {
		m.First.Gaz, m.First.Clusters = m.Gaz, m.Clusters
	}
	return m, nil
}
