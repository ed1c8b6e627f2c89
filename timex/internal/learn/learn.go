// Package learn holds the small statistical models of the time-expression
// tagger: sparse logistic regressions over string features that decide
// what the hand-written rules leave open (whether an ambiguous expression
// is tagged at all, whether an underspecified date points to the past or
// to the future). It also holds the hooks the trainer uses to record the
// tagger's decisions and to swap models during cross-validation.
//
// Package timex is the only user at run time; timex/internal/traintimex
// fits the models (see timex/models/README.md).
package learn

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"sync/atomic"
)

// Model is a logistic regression over binary features named by strings.
type Model struct {
	// Bias is the intercept.
	Bias float64 `json:"bias"`
	// Weights maps a feature name to its weight; absent features weigh 0.
	Weights map[string]float64 `json:"weights"`
	// Cut is the probability at or above which the decision is positive.
	Cut float64 `json:"cut"`
}

// Prob is the model's probability of the positive class given z, the sum
// of the weights of the active features (see Weight).
func (m *Model) Prob(z float64) float64 { return 1 / (1 + math.Exp(-(z + m.Bias))) }

// Weight is the weight of the feature f; f may be a string converted from
// a byte slice at the call site (no allocation).
func (m *Model) Weight(f string) float64 { return m.Weights[f] }

// Models are the tagger's decisions that a model takes; a nil field leaves
// the decision to the rules.
type Models struct {
	// Keep decides whether a recognised expression is emitted.
	Keep *Model `json:"keep,omitempty"`
	// Future decides whether an underspecified weekday, month or
	// month-day resolves to the future (or today) rather than the past.
	Future *Model `json:"future,omitempty"`
	// Note says how the models were trained (data, split, options).
	Note string `json:"note,omitempty"`
}

// Decode reads models written by Encode.
func Decode(data []byte) (*Models, error) {
	var m Models
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("decode timex models: %w", err)
	}
	for _, x := range []*Model{m.Keep, m.Future} {
		if x != nil && x.Weights == nil {
			x.Weights = map[string]float64{}
		}
	}
	return &m, nil
}

// Encode writes models as indented JSON with sorted keys.
func (m *Models) Encode() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode timex models: %w", err)
	}
	return append(b, '\n'), nil
}

var override atomic.Pointer[Models]
var overridden atomic.Bool

// Use makes m the models of every later Tag call, instead of the embedded
// ones; nil means rules only. For the trainer (cross-validation) and for
// ablations in tests; not safe while tagging runs.
func Use(m *Models) {
	override.Store(m)
	overridden.Store(true)
}

// Reset returns to the embedded models.
func Reset() {
	override.Store(nil)
	overridden.Store(false)
}

// Override returns the models set by Use and whether Use is in force.
func Override() (*Models, bool) { return override.Load(), overridden.Load() }

// Decision kinds.
const (
	KindKeep   = "keep"
	KindFuture = "future"
)

// Record is one decision the tagger took, with its features: what the
// trainer needs to label it against gold annotations.
type Record struct {
	Kind       string   // KindKeep or KindFuture
	Start, End int      // byte offsets of the expression (or of its core word)
	Features   []string // the active features
	// Past and Future are the values the expression takes under each
	// choice (KindFuture only; day or month precision).
	Past, Future string
	// Rule is the choice the hand-written rules make (true: future, or
	// keep).
	Rule bool
}

var trace atomic.Pointer[func(Record)]

// SetTrace makes the tagger report each decision to f (nil: stop). For the
// trainer; not safe while tagging runs.
func SetTrace(f func(Record)) {
	if f == nil {
		trace.Store(nil)
		return
	}
	trace.Store(&f)
}

// Trace returns the function set by SetTrace, or nil.
func Trace() func(Record) {
	if f := trace.Load(); f != nil {
		return *f
	}
	return nil
}

// Sample is one training example: active features and the label.
type Sample struct {
	Features []string
	Y        bool
}

// Fit fits a logistic regression to samples by full-batch gradient
// descent with AdaGrad steps and an L2 penalty l2 on the weights (not on
// the bias). The result is deterministic. Features seen fewer than
// minCount times are dropped.
func Fit(samples []Sample, l2 float64, minCount int, cut float64) (*Model, error) {
	if len(samples) == 0 {
		return nil, errors.New("fit: no samples")
	}
	count := map[string]int{}
	for _, s := range samples {
		for _, f := range s.Features {
			count[f]++
		}
	}
	var names []string
	for f, c := range count {
		if c >= minCount {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	index := make(map[string]int, len(names))
	for i, f := range names {
		index[f] = i
	}
	xs := make([][]int, len(samples))
	for i, s := range samples {
		for _, f := range s.Features {
			if k, ok := index[f]; ok {
				xs[i] = append(xs[i], k)
			}
		}
	}
	w := make([]float64, len(names))
	gw := make([]float64, len(names))
	hist := make([]float64, len(names)+1)
	b := 0.0
	n := float64(len(samples))
	const rate = 0.5
	for iter := 0; iter < 400; iter++ {
		clear(gw)
		gb := 0.0
		for i, s := range samples {
			z := b
			for _, k := range xs[i] {
				z += w[k]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if s.Y {
				y = 1
			}
			r := (p - y) / n
			gb += r
			for _, k := range xs[i] {
				gw[k] += r
			}
		}
		for k := range w {
			g := gw[k] + l2*w[k]/n
			hist[k] += g * g
			w[k] -= rate * g / (math.Sqrt(hist[k]) + 1e-8)
		}
		hist[len(w)] += gb * gb
		b -= rate * gb / (math.Sqrt(hist[len(w)]) + 1e-8)
	}
	m := &Model{Bias: b, Weights: make(map[string]float64, len(names)), Cut: cut}
	for k, f := range names {
		if math.Abs(w[k]) > 1e-4 {
			m.Weights[f] = math.Round(w[k]*1e4) / 1e4
		}
	}
	m.Bias = math.Round(b*1e4) / 1e4
	return m, nil
}

// Predict is the model's probability for a sample's features.
func (m *Model) Predict(features []string) float64 {
	z := 0.0
	for _, f := range features {
		z += m.Weights[f]
	}
	return m.Prob(z)
}
