package describe

import (
	"cmp"
	"slices"
	"sort"
)

// maxNodes bounds the branch-and-bound search; past it the best summary
// found so far is kept (the greedy one at worst).
const maxNodes = 2000

// maxUnits is the most candidate units the search considers: those with
// the most concept weight per word.
const maxUnits = 200

// selectUnits returns the units that together cover the most concept
// weight within budget words, no sentence twice: exact by branch and
// bound within maxNodes, starting from the greedy solution (best gain
// per word, or the best single unit when that is better). At least one
// unit is returned when there is any.
func selectUnits(units []*unit, weights []float64, budget int) []*unit {
	if len(units) == 0 {
		return nil
	}
	value := func(u *unit) float64 {
		v := 0.0
		for _, id := range u.concepts {
			v += weights[id]
		}
		return v
	}
	sort.SliceStable(units, func(i, j int) bool {
		return value(units[i])/float64(units[i].words) > value(units[j])/float64(units[j].words)
	})
	var fit []*unit
	for _, u := range units {
		if u.words <= budget {
			fit = append(fit, u)
		}
	}
	if len(fit) == 0 {
		best := units[0]
		for _, u := range units {
			if value(u) > value(best) {
				best = u
			}
		}
		return []*unit{best}
	}
	if len(fit) > maxUnits {
		fit = fit[:maxUnits]
	}
	s := &search{units: fit, weights: weights, budget: budget, covered: make([]int, len(weights))}
	slots := 0
	for _, u := range fit {
		for _, c := range u.sents {
			slots = max(slots, c.slot+1)
		}
	}
	s.inUse = make([]bool, slots)
	s.greedy()
	s.branch(0, 0, 0)
	return s.best
}

// search is the state of the branch and bound.
type search struct {
	units   []*unit
	weights []float64
	budget  int
	covered []int  // concept id -> how many chosen units cover it
	inUse   []bool // cand.slot -> whether a chosen unit has it
	items   []item // bound's buffer
	chosen  []*unit
	best    []*unit
	bestV   float64
	nodes   int
}

// item is a unit as bound sees it: its gain, words and gain per word.
type item struct {
	g     float64
	w     int
	ratio float64
}

// gain is what u adds to the chosen units; ok is false when u repeats a
// chosen sentence.
func (s *search) gain(u *unit) (g float64, ok bool) {
	for _, c := range u.sents {
		if s.inUse[c.slot] {
			return 0, false
		}
	}
	for _, id := range u.concepts {
		if s.covered[id] == 0 {
			g += s.weights[id]
		}
	}
	return g, true
}

func (s *search) add(u *unit, d int) {
	for _, id := range u.concepts {
		s.covered[id] += d
	}
	for _, c := range u.sents {
		s.inUse[c.slot] = d > 0
	}
	if d > 0 {
		s.chosen = append(s.chosen, u)
	} else {
		s.chosen = s.chosen[:len(s.chosen)-1]
	}
}

// greedy sets best to the greedy solution.
func (s *search) greedy() {
	words, v := 0, 0.0
	for {
		var pick *unit
		pg, pr := 0.0, 0.0
		for _, u := range s.units {
			if words+u.words > s.budget {
				continue
			}
			g, ok := s.gain(u)
			if !ok || g == 0 {
				continue
			}
			if r := g / float64(u.words); r > pr {
				pick, pg, pr = u, g, r
			}
		}
		if pick == nil {
			break
		}
		s.add(pick, 1)
		words += pick.words
		v += pg
	}
	s.best, s.bestV = append([]*unit(nil), s.chosen...), v
	for len(s.chosen) > 0 {
		s.add(s.chosen[len(s.chosen)-1], -1)
	}
	for _, u := range s.units {
		if g, _ := s.gain(u); g > s.bestV {
			s.best, s.bestV = []*unit{u}, g
		}
	}
}

// branch decides units i.. given the chosen ones (words used, value v).
func (s *search) branch(i, words int, v float64) {
	s.nodes++
	if v > s.bestV {
		s.best, s.bestV = append([]*unit(nil), s.chosen...), v
	}
	if i >= len(s.units) || s.nodes > maxNodes || v+s.bound(i, s.budget-words) <= s.bestV {
		return
	}
	u := s.units[i]
	if words+u.words <= s.budget {
		if g, ok := s.gain(u); ok && g > 0 {
			s.add(u, 1)
			s.branch(i+1, words+u.words, v+g)
			s.add(u, -1)
		}
	}
	s.branch(i+1, words, v)
}

// bound is an upper bound on what units i.. can add within room words:
// the fractional knapsack of their gains over the chosen units (gains
// only shrink as units are added, so their sum bounds any set's value).
func (s *search) bound(i, room int) float64 {
	items := s.items[:0]
	for _, u := range s.units[i:] {
		if u.words > room {
			continue
		}
		if g, ok := s.gain(u); ok && g > 0 {
			items = append(items, item{g, u.words, g / float64(u.words)})
		}
	}
	s.items = items
	slices.SortFunc(items, func(a, b item) int { return cmp.Compare(b.ratio, a.ratio) })
	b := 0.0
	for _, it := range items {
		if it.w <= room {
			b += it.g
			room -= it.w
			continue
		}
		b += it.g * float64(room) / float64(it.w)
		break
	}
	return b
}
