package eval

// ROUGE-N (Lin 2004) as ROUGE-1.5.5 computes it with `-n 2 -m -l 100`
// and the default model-average formula (-f A): the candidate and each
// reference cut to their first 100 whitespace words, tokens and stems as
// its readText and createNGram make them (rougeStem is its Perl Porter
// stemmer), hits clipped per reference and summed. One deviation: the
// WordNet exception list that ROUGE-1.5.5's -m looks up before stemming
// ("went" → "go", "were" → "be") is not shipped, which lowers ROUGE-1 by
// about 0.005 on TAC 2011 (measured with WordNet 3.0's list, see
// docs/DESCRIBE.md). TestRougeMatchesPerl holds the scores to those of
// ROUGE-1.5.5's own subroutines on a small case.

import "strings"

// RougeTokens returns the tokens ROUGE-1.5.5 scores in text: the first
// limit whitespace-separated words (all when limit is 0), lower-cased,
// hyphens made separate, everything but a–z, 0–9 and hyphens made a
// space, lone hyphens dropped, and words of more than three characters
// stemmed by rougeStem. Stop words are kept.
func RougeTokens(text string, limit int) []string {
	ws := strings.Fields(strings.ToLower(text))
	if limit > 0 && len(ws) > limit {
		ws = ws[:limit]
	}
	var out []string
	for _, w := range ws {
		for _, t := range strings.FieldsFunc(w, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
		}) {
			if len(t) > 3 {
				t = rougeStem(t)
			}
			out = append(out, t)
		}
	}
	return out
}

// RougeScore is a ROUGE score: recall, precision and their F1.
type RougeScore struct {
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	F1        float64 `json:"f1"`
}

// RougeN scores a candidate against references, all as RougeTokens
// returns them: for each reference, the candidate's n-grams that it has
// (clipped to its count); hits and n-gram counts are summed over the
// references (ROUGE-1.5.5's model average), so recall is the hits over
// the references' n-grams and precision the hits over the candidate's
// n-grams counted once per reference.
func RougeN(n int, cand []string, refs [][]string) RougeScore {
	cg := ngrams(cand, n)
	cn := max(len(cand)-n+1, 0)
	hits, total, totalP := 0, 0, 0
	for _, r := range refs {
		rg := ngrams(r, n)
		for g, k := range rg {
			hits += min(k, cg[g])
		}
		total += max(len(r)-n+1, 0)
		totalP += cn
	}
	var s RougeScore
	if total > 0 {
		s.Recall = float64(hits) / float64(total)
	}
	if totalP > 0 {
		s.Precision = float64(hits) / float64(totalP)
	}
	if s.Recall+s.Precision > 0 {
		s.F1 = 2 * s.Recall * s.Precision / (s.Recall + s.Precision)
	}
	return s
}

// ngrams counts the n-grams of toks.
func ngrams(toks []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}
