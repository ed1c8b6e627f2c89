package describe

import (
	"sort"
	"strings"

	"github.com/storyline/storyline"
)

// DefaultWords is the summary length when SummaryOptions.Words is 0.
const DefaultWords = 100

// leadBonus is what a concept's weight gains for each article whose first
// sentence uses it (tuned on TAC 2011 topics M000–M004: 0, 0.5, 1, 2;
// with content words as concepts 1, 1.5, 2, 2.5, 3).
const leadBonus = 2

// unigramWeight scales the weight of a one-word concept against a bigram
// (tuned on TAC 2011 topics M000–M004: 0, 0.25, 0.4, 0.5, 0.75, 1).
const unigramWeight = 0.5

// SummaryOptions shape a summary.
type SummaryOptions struct {
	// Words is the most words the summary may have (whitespace-separated,
	// as ROUGE counts them); 0 means DefaultWords. A summary has at least
	// one sentence, even when its shortest candidate is longer.
	Words int
	// Chronological orders the sentences by the date of what they report
	// (for stories); else by where they stand in their articles, leads
	// first (for events).
	Chronological bool
}

// unit is what the summary takes or leaves whole: one sentence, or a
// sentence and the one or two after it that depend on it ("He said ...").
type unit struct {
	sents    []*cand
	words    int
	concepts []int32 // distinct concept ids
}

// cand is a sentence of a representative article that may go into a
// summary.
type cand struct {
	Sentence
	art      int // index of the article in the input
	slot     int // its number among the candidates (selectUnits' index)
	rel      float64
	concepts []int32
}

// Summarize returns an extractive summary of the articles, each sentence
// with every article that supports it, in reading order (see
// SummaryOptions). The method is concept coverage (Gillick and Favre
// 2009): the concepts are the word bigrams (Porter stems, not both stop
// words) and the content words that at least two independent articles
// use, each weighed by how many do (a word half as much as a bigram); the
// summary is the set of sentences that covers the most concept weight
// within the word budget, found by branch and bound.
// Copies (DuplicateOf) count as one article and give no sentences of
// their own; a sentence that starts with a pronoun or a connective comes
// only with the sentence before it; headlines, questions, quotes alone
// and sentences shorter than 8 or longer than 60 words are left out.
func Summarize(articles []*storyline.Article, opt SummaryOptions) []storyline.SummarySentence {
	if opt.Words <= 0 {
		opt.Words = DefaultWords
	}
	all := make([][]Sentence, len(articles))
	for i, a := range articles {
		all[i] = Sentences(a)
	}
	units, weights := candidates(articles, all)
	chosen := selectUnits(units, weights, opt.Words)
	order(chosen, articles, opt.Chronological)
	var out []storyline.SummarySentence
	cache := map[[2]int]words{}
	for _, u := range chosen {
		for _, c := range u.sents {
			s := storyline.SummarySentence{Text: c.Text, Start: c.Start, End: c.End,
				Sources: supporters(c, articles, all, cache)}
			if c.Confidence >= 0.5 && c.Date != "" && isDigit(c.Date[0]) {
				s.Date = c.Date
			}
			out = append(out, s)
		}
	}
	return out
}

// groupKeys returns each article's copy group: its origin, the
// DuplicateOf it names (or its own ID).
func groupKeys(articles []*storyline.Article) []string {
	keys := make([]string, len(articles))
	for i, a := range articles {
		keys[i] = a.Origin()
	}
	return keys
}

// candidates returns the units the summary may take and the weight of
// every concept (indexed by concept id).
func candidates(articles []*storyline.Article, all [][]Sentence) ([]*unit, []float64) {
	keys := groupKeys(articles)
	rep := map[string]int{} // group -> index of its first article
	for i, k := range keys {
		if _, ok := rep[k]; !ok {
			rep[k] = i
		}
	}
	ids := map[string]int32{}
	var df []map[string]bool // concept id -> groups that use it
	var unigram []bool       // concept id -> whether it is one word
	seen := map[string]bool{}
	var cands [][]*cand // per article
	slots := 0
	leadDF := map[int32]int{} // concept id -> articles whose first sentence uses it
	for i := range articles {
		if rep[keys[i]] != i {
			cands = append(cands, nil)
			continue
		}
		sents := all[i]
		cs := make([]*cand, len(sents))
		for j, s := range sents {
			if cut := datelinePrefix(s.Text); cut > 0 {
				s.Start += cut
				s.Text = s.Text[cut:]
			}
			c := &cand{Sentence: s, art: i, rel: float64(j) / float64(len(sents)), slot: slots}
			slots++
			have := map[int32]bool{}
			for _, key := range conceptKeys(s.Text) {
				id, ok := ids[key]
				if !ok {
					id = int32(len(df))
					ids[key] = id
					df = append(df, map[string]bool{})
					unigram = append(unigram, !strings.Contains(key, " "))
				}
				df[id][keys[i]] = true
				if j == 0 && !have[id] {
					leadDF[id]++
				}
				if !have[id] {
					have[id] = true
					c.concepts = append(c.concepts, id)
				}
			}
			cs[j] = c
		}
		cands = append(cands, cs)
	}
	groups := len(rep)
	minDF := 2
	if groups < 3 {
		minDF = 1
	}
	weights := make([]float64, len(df))
	for id, g := range df {
		if len(g) >= minDF {
			weights[id] = float64(len(g)) + leadBonus*float64(leadDF[int32(id)])
			if unigram[id] {
				weights[id] *= unigramWeight
			}
		}
	}
	var units []*unit
	for i, cs := range cands {
		for j, c := range cs {
			norm := strings.Join(strings.Fields(strings.ToLower(c.Text)), " ")
			if seen[norm] || !usable(c.Text) || dangling(c.Sentence, articles[i].Entities) {
				continue
			}
			seen[norm] = true
			u := newUnit([]*cand{c}, weights)
			if u != nil {
				units = append(units, u)
			}
			// with the one or two dependent sentences after it
			for k := j + 1; k < len(cs) && k <= j+2; k++ {
				if !usable(cs[k].Text) || !dangling(cs[k].Sentence, articles[i].Entities) {
					break
				}
				if u := newUnit(cs[j:k+1], weights); u != nil {
					units = append(units, u)
				}
			}
		}
	}
	return units, weights
}

// newUnit makes a unit of consecutive sentences; nil when it covers no
// weighted concept.
func newUnit(cs []*cand, weights []float64) *unit {
	u := &unit{sents: append([]*cand(nil), cs...)}
	have := map[int32]bool{}
	v := 0.0
	for _, c := range cs {
		u.words += wordCount(c.Text)
		for _, id := range c.concepts {
			if !have[id] && weights[id] > 0 {
				have[id] = true
				u.concepts = append(u.concepts, id)
				v += weights[id]
			}
		}
	}
	if v == 0 {
		return nil
	}
	return u
}

// order sorts the chosen units for reading: by the happening date of
// their first sentence when chronological (the publication date for a
// sentence without its own date), else by where they stand in their
// articles; then by publication date and input order.
func order(units []*unit, articles []*storyline.Article, chronological bool) {
	date := func(u *unit) string {
		c := u.sents[0]
		if c.Confidence >= 0.5 && c.Date != "" && isDigit(c.Date[0]) {
			return c.Date
		}
		p := articles[c.art].Published
		return p[:min(len(p), 10)]
	}
	sort.SliceStable(units, func(i, j int) bool {
		a, b := units[i].sents[0], units[j].sents[0]
		if chronological {
			if da, db := date(units[i]), date(units[j]); da != db {
				if da == "" || db == "" {
					return db == ""
				}
				return da < db
			}
		}
		if a.rel != b.rel {
			return a.rel < b.rel
		}
		if pa, pb := articles[a.art].Published, articles[b.art].Published; pa != pb {
			return pa < pb
		}
		return a.art < b.art
	})
}

// conceptKeys returns the concepts of a sentence: its bigrams of stems
// that are not two stop words ("death toll"), and the stems of its
// content words ("toll"), which have no space.
func conceptKeys(text string) []string {
	st := stems(text)
	ts := tokens(text)
	var out []string
	for k := range st {
		if !stopWords[ts[k]] && len(ts[k]) > 1 {
			out = append(out, st[k])
		}
		if k == 0 || stopWords[ts[k-1]] && stopWords[ts[k]] {
			continue
		}
		out = append(out, st[k-1]+" "+st[k])
	}
	return out
}
