package furniture

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Model is a trained logistic regression over hashed features, with the
// decision thresholds chosen for it.
type Model struct {
	// Bits is the number of low bits of a feature hash the weights keep.
	Bits uint
	// W holds 1<<Bits weights; Bias is the intercept.
	W    []float32
	Bias float32
	// Edge is the probability from which a paragraph in a run of
	// furniture at the start or the end of a text is removed; Mid the
	// stricter one for a paragraph between content paragraphs.
	Edge, Mid float32
}

// NewModel returns a model of 1<<bits zero weights.
func NewModel(bits uint) *Model {
	return &Model{Bits: bits, W: make([]float32, 1<<bits)}
}

// Margin is the linear score (log-odds) of a feature list.
func (m *Model) Margin(fs []Feature) float32 {
	mask := uint32(len(m.W) - 1)
	s := m.Bias
	for _, f := range fs {
		s += m.W[f.Hash&mask] * f.Val
	}
	return s
}

// Prob is the probability that the paragraph of these features is
// furniture.
func (m *Model) Prob(fs []Feature) float32 { return sigmoid(m.Margin(fs)) }

func sigmoid(x float32) float32 {
	return float32(1 / (1 + math.Exp(-float64(x))))
}

// Scores returns the furniture probability of each paragraph of one text
// (in order; neighbours give context), appending to out. sc is reused
// working memory.
func (m *Model) Scores(paras []string, sc *Scratch, out []float32) []float32 {
	sc.Load(paras)
	for i := range paras {
		out = append(out, m.Prob(sc.Features(i)))
	}
	return out
}

// Mark applies the decision rule to the n = len(kinds) content
// paragraphs of one text, in order, and returns which are furniture:
//
//   - the runs at the start and at the end whose probabilities reach edge;
//   - any other paragraph whose probability reaches mid, except prose
//     (KindProse: body text by its shape);
//   - but a lone weak paragraph (KindWeak: a single short line, which may
//     be a label, a kicker, a subheading or a line of a fixture list) only
//     as part of a run of two or more;
//   - and at least one paragraph is kept: if all would go, the least
//     furniture-like stays.
//
// prob(k) is the probability that paragraph k is furniture; Mark asks only
// for those it needs, so that prose between content paragraphs need not be
// scored. kinds are the paragraphs' kind bits (Scratch.Kind). marked is
// reused.
func Mark(prob func(k int) float32, kinds []uint8, edge, mid float32, marked []bool) []bool {
	n := len(kinds)
	if cap(marked) < n {
		marked = make([]bool, n)
	} else {
		marked = marked[:n]
		clear(marked)
	}
	i := 0
	for ; i < n && prob(i) >= edge; i++ {
		marked[i] = true
	}
	j := n - 1
	for ; j >= i && prob(j) >= edge; j-- {
		marked[j] = true
	}
	for k := i; k <= j; k++ {
		if kinds[k]&KindProse == 0 && prob(k) >= mid {
			marked[k] = true
		}
	}
	for k := range marked {
		if marked[k] && kinds[k]&KindWeak != 0 && (k == 0 || !marked[k-1]) && (k == n-1 || !marked[k+1]) {
			marked[k] = false
		}
	}
	keep, all := -1, n > 0
	for k, m := range marked {
		if !m {
			all = false
			break
		}
		if keep < 0 || prob(k) < prob(keep) {
			keep = k
		}
	}
	if all {
		marked[keep] = false
	}
	return marked
}

// WeakWords is the length in words up to which a one-line paragraph is
// weak; ProseWords the length beyond which a one-line paragraph that ends
// a sentence is prose (see Mark).
const (
	WeakWords  = 3
	ProseWords = 40
)

// The model file: gzip of a header (magic, version, bits, bias, edge, mid)
// and the weights, all little endian, weights as float32.
var magic = [4]byte{'S', 'L', 'F', 'M'}

const fileVersion = 1

// maxBits bounds the size of a model file's weights (4 MB of float32).
const maxBits = 20

// WriteTo writes the model in its compressed file format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, fmt.Errorf("furniture model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	hdr := []any{magic, uint32(fileVersion), uint32(m.Bits), m.Bias, m.Edge, m.Mid}
	for _, v := range hdr {
		if err := binary.Write(bw, binary.LittleEndian, v); err != nil {
			return cw.n, fmt.Errorf("furniture model: write header: %w", err)
		}
	}
	if err := binary.Write(bw, binary.LittleEndian, m.W); err != nil {
		return cw.n, fmt.Errorf("furniture model: write weights: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, fmt.Errorf("furniture model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("furniture model: %w", err)
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReadModel reads a model written by WriteTo.
func ReadModel(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("furniture model: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	var (
		mg           [4]byte
		version, bit uint32
		m            Model
	)
	for _, v := range []any{&mg, &version, &bit, &m.Bias, &m.Edge, &m.Mid} {
		if err := binary.Read(br, binary.LittleEndian, v); err != nil {
			return nil, fmt.Errorf("furniture model: read header: %w", err)
		}
	}
	if mg != magic {
		return nil, errors.New("furniture model: not a model file")
	}
	if version != fileVersion {
		return nil, fmt.Errorf("furniture model: version %d, want %d", version, fileVersion)
	}
	if bit == 0 || bit > maxBits {
		return nil, fmt.Errorf("furniture model: %d bits out of range", bit)
	}
	m.Bits = uint(bit)
	m.W = make([]float32, 1<<bit)
	if err := binary.Read(br, binary.LittleEndian, m.W); err != nil {
		return nil, fmt.Errorf("furniture model: read weights: %w", err)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("furniture model: trailing data")
	}
	finite := func(v float32) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }
	if !finite(m.Bias) || !finite(m.Edge) || !finite(m.Mid) {
		return nil, errors.New("furniture model: header value not finite")
	}
	for _, v := range m.W {
		if !finite(v) {
			return nil, errors.New("furniture model: weight not finite")
		}
	}
	return &m, nil
}
