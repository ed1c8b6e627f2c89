package cluster

import (
	"errors"
	"fmt"
	"math"
)

// Sample is one training pair for logistic regression: the feature
// values X and whether the pair belongs together (Y).
type Sample struct {
	X []float64
	Y bool
}

// FitLogistic fits a logistic regression by Newton's method (iteratively
// reweighted least squares) with an L2 penalty l2 on the weights (not on
// the bias). Positive and negative samples weigh the same in total, so
// that the rare positives count. It returns the bias and one weight per
// feature.
func FitLogistic(samples []Sample, l2 float64) (bias float64, w []float64, err error) {
	if len(samples) == 0 {
		return 0, nil, errors.New("logistic: no samples")
	}
	d := len(samples[0].X)
	pos := 0
	for _, s := range samples {
		if len(s.X) != d {
			return 0, nil, fmt.Errorf("logistic: sample with %d features, want %d", len(s.X), d)
		}
		if s.Y {
			pos++
		}
	}
	if pos == 0 || pos == len(samples) {
		return 0, nil, fmt.Errorf("logistic: need both classes, have %d positive of %d", pos, len(samples))
	}
	wPos := float64(len(samples)) / (2 * float64(pos))
	wNeg := float64(len(samples)) / (2 * float64(len(samples)-pos))
	n := d + 1 // theta[0] is the bias
	theta := make([]float64, n)
	x := make([]float64, n)
	for iter := 0; iter < 100; iter++ {
		g := make([]float64, n)
		h := make([][]float64, n)
		for i := range h {
			h[i] = make([]float64, n)
		}
		for _, s := range samples {
			x[0] = 1
			copy(x[1:], s.X)
			z := 0.0
			for i := range x {
				z += theta[i] * x[i]
			}
			p := sigmoid(z)
			sw, y := wNeg, 0.0
			if s.Y {
				sw, y = wPos, 1
			}
			r := sw * (p - y)
			q := sw * p * (1 - p)
			for i := range x {
				g[i] += r * x[i]
				for j := 0; j <= i; j++ {
					h[i][j] += q * x[i] * x[j]
				}
			}
		}
		for i := range n {
			for j := 0; j < i; j++ {
				h[j][i] = h[i][j]
			}
			if i > 0 {
				g[i] += l2 * theta[i]
				h[i][i] += l2
			}
			h[i][i] += 1e-9
		}
		step, err := solve(h, g)
		if err != nil {
			return 0, nil, fmt.Errorf("logistic: %w", err)
		}
		delta := 0.0
		for i := range theta {
			theta[i] -= step[i]
			delta = math.Max(delta, math.Abs(step[i]))
		}
		if delta < 1e-8 {
			break
		}
	}
	return theta[0], theta[1:], nil
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// solve solves a·x = b by Gaussian elimination with partial pivoting; a
// and b are overwritten.
func solve(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-15 {
			return nil, errors.New("singular system")
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, nil
}
