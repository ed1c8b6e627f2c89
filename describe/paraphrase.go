package describe

import "github.com/storyline/storyline"

// ParaphraseThreshold is the share of a sentence's content words (Porter
// stems, no stop words) that a sentence of another article must contain
// for that article to support it, as a close paraphrase. Chosen for
// precision on 76 hand-labelled sentence pairs of TAC 2011
// (testdata/paraphrase.tsv): precision 0.96, recall 0.68 there (0.6:
// 0.83 and 0.78); see docs/DESCRIBE.md.
const ParaphraseThreshold = 0.7

// minSupportWords is the fewest content words a sentence needs for
// another to support it: with fewer, any sentence on the topic would.
const minSupportWords = 4

// Supports tells whether sentence t says what sentence s says, in the
// same or other words: s has at least four content words, and t contains
// at least ParaphraseThreshold of them and every number of s.
func Supports(s, t string) bool {
	return newWords(s).supportedBy(newWords(t))
}

// words are the content stems and the numbers of a sentence.
type words struct {
	content map[string]bool
	numbers map[string]bool
}

func newWords(s string) words { return textWords(s, 0, len(s), nil) }

// textWords returns the words of text[s:e]; numbers inside the time
// expressions txs ("Oct. 7") are left out of its numbers, not its words.
func textWords(text string, s, e int, txs []storyline.Timex) words {
	w := words{content: contentStems(text[s:e]), numbers: map[string]bool{}}
	for _, t := range tokenize(text, s, e) {
		if t.kind == 'n' && !overlapsTimex(txs, t.s, t.e) {
			w.numbers[t.text] = true
		}
	}
	return w
}

func (s words) supportedBy(t words) bool {
	if len(s.content) < minSupportWords {
		return false
	}
	for n := range s.numbers {
		if !t.numbers[n] {
			return false
		}
	}
	return overlap(s.content, t.content) >= ParaphraseThreshold
}

// overlap is the share of s's words that t has.
func overlap(s, t map[string]bool) float64 {
	if len(s) == 0 {
		return 0
	}
	n := 0
	for w := range s {
		if t[w] {
			n++
		}
	}
	return float64(n) / float64(len(s))
}

// supporters returns the IDs of the articles with a sentence that
// supports c, c's own article first, then in input order.
func supporters(c *cand, articles []*storyline.Article, all [][]Sentence, cache map[[2]int]words) []string {
	out := []string{articles[c.art].ID}
	a := articles[c.art]
	sw := textWords(a.Text, c.Start, c.End, a.Timexes)
	for i, sents := range all {
		if i == c.art || articles[i].ID == articles[c.art].ID {
			continue
		}
		for j, t := range sents {
			tw, ok := cache[[2]int{i, j}]
			if !ok {
				tw = newWords(t.Text)
				cache[[2]int{i, j}] = tw
			}
			if sw.supportedBy(tw) {
				out = append(out, articles[i].ID)
				break
			}
		}
	}
	return out
}
