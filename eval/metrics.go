package eval

import (
	"strings"
	"unicode"
)

// Tokens returns the \w+ tokens of s in order, with \w taken as Python's
// re module takes it for str patterns: a run of Unicode letters, digits
// (any numeric character) and underscores. Case is kept.
func Tokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Counts are the true positives, false positives and false negatives of
// one comparison of extracted items against gold items. They are float64
// so that normalised counts (each page weighing 1) can be summed too.
type Counts struct {
	TP float64 `json:"tp"`
	FP float64 `json:"fp"`
	FN float64 `json:"fn"`
}

// Add returns the element-wise sum of c and d.
func (c Counts) Add(d Counts) Counts {
	return Counts{TP: c.TP + d.TP, FP: c.FP + d.FP, FN: c.FN + d.FN}
}

// Normalized returns c scaled so that TP+FP+FN is 1 (c itself when all are
// zero), so that a long page weighs no more than a short one when summed.
func (c Counts) Normalized() Counts {
	s := c.TP + c.FP + c.FN
	if s == 0 {
		return c
	}
	return Counts{TP: c.TP / s, FP: c.FP / s, FN: c.FN / s}
}

// Precision is TP/(TP+FP): 1 when nothing was expected nor extracted
// (FP and FN both zero), 0 when nothing was extracted but something was
// expected. This follows scrapinghub's article-extraction-benchmark.
func (c Counts) Precision() float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	if c.TP == 0 && c.FP == 0 {
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

// Recall is TP/(TP+FN), with the same conventions as Precision for the
// empty cases.
func (c Counts) Recall() float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	if c.TP == 0 && c.FN == 0 {
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// F1 is the harmonic mean of Precision and Recall, 0 when both are 0.
func (c Counts) F1() float64 {
	return F1(c.Precision(), c.Recall())
}

// F1 returns the harmonic mean of precision p and recall r, 0 when both are 0.
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// WordCounts compares the bags of lowercased \w+ tokens of got and want:
// TP is the multiset overlap, FP the tokens of got beyond it and FN the
// tokens of want beyond it.
func WordCounts(got, want string) Counts {
	return multisetCounts(bag(lowerTokens(got)), bag(lowerTokens(want)))
}

func lowerTokens(s string) []string {
	return Tokens(strings.ToLower(s))
}

// ShingleN is the shingle length of ShingleCounts, as in scrapinghub's
// article-extraction-benchmark.
const ShingleN = 4

// Shingles returns the n-grams of s's \w+ tokens (case kept) as strings
// joined by a space, in order. As in scrapinghub's article-extraction-
// benchmark, a text of fewer than n tokens (but at least one) gives one
// shingle of all its tokens, and an empty one none.
func Shingles(s string, n int) []string {
	toks := Tokens(s)
	if len(toks) == 0 {
		return nil
	}
	if len(toks) < n {
		return []string{strings.Join(toks, " ")}
	}
	out := make([]string, 0, len(toks)-n+1)
	for i := 0; i+n <= len(toks); i++ {
		out = append(out, strings.Join(toks[i:i+n], " "))
	}
	return out
}

// ShingleCounts compares the multisets of ShingleN-token shingles of got
// and want (not normalised; see Counts.Normalized).
func ShingleCounts(got, want string) Counts {
	return multisetCounts(bag(Shingles(got, ShingleN)), bag(Shingles(want, ShingleN)))
}

func bag(items []string) map[string]int {
	m := make(map[string]int, len(items))
	for _, it := range items {
		m[it]++
	}
	return m
}

func multisetCounts(got, want map[string]int) Counts {
	var c Counts
	for k, g := range got {
		w := want[k]
		c.TP += float64(min(g, w))
		c.FP += float64(max(0, g-w))
	}
	for k, w := range want {
		c.FN += float64(max(0, w-got[k]))
	}
	return c
}

// NormalizeTitle trims s and collapses each run of white space to one
// space, for exact title comparison.
func NormalizeTitle(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// DateMatch compares an extracted publication date with a gold one, both
// as "2006-01-02", "2006-01-02T15:04:05" or RFC 3339. day is true when the
// date parts are equal; full is true when, in addition, both give a time
// and an offset and they denote the same instant with the same offset, or
// both give only a date, or both give the same time without an offset.
func DateMatch(got, want string) (day, full bool) {
	got, want = strings.TrimSpace(got), strings.TrimSpace(want)
	if len(got) < 10 || len(want) < 10 {
		return false, false
	}
	if got[:10] != want[:10] {
		return false, false
	}
	gt, gz, gok := parseStamp(got)
	wt, wz, wok := parseStamp(want)
	if !gok || !wok {
		return true, got == want
	}
	return true, gz == wz && gt == wt
}

// parseStamp splits a normalised date into its clock part ("15:04:05",
// "" for a date only) and its offset in seconds east of UTC (zone is
// "none" when there is none).
func parseStamp(s string) (clock, zone string, ok bool) {
	if len(s) == 10 {
		return "", "none", true
	}
	if len(s) < 19 || s[10] != 'T' {
		return "", "", false
	}
	clock = s[11:19]
	rest := s[19:]
	if i := strings.IndexByte(rest, '.'); i == 0 {
		j := 1
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		rest = rest[j:]
	}
	switch {
	case rest == "":
		return clock, "none", true
	case rest == "Z" || rest == "+00:00" || rest == "-00:00":
		return clock, "+00:00", true
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-'):
		return clock, rest, true
	}
	return "", "", false
}
