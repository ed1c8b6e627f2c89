// Package synth makes pseudo-articles for benchmarks: words drawn from a
// Zipf distribution over a 50,000-word vocabulary, in sentences and
// paragraphs of news-like lengths, so that hashing, indexing and storing
// behave as on news text, with no passage shared unless made on purpose.
// The most frequent words are English function words ("the", "of",
// "and"), the others pronounceable pseudo-words, so that cleaning takes
// the text for English, as it would news.
package synth

import (
	"math/rand/v2"
	"strings"
)

// Source makes pseudo-articles deterministically from its seed.
type Source struct {
	rng  *rand.Rand
	zipf *rand.Zipf
}

// New returns a Source seeded with seed.
func New(seed uint64) *Source {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	return &Source{rng: rng, zipf: rand.NewZipf(rng, 1.1, 2, 50_000)}
}

// Text returns a pseudo-article of n words: sentences of 12–30 words,
// paragraphs of 2–4 sentences separated by blank lines.
func (s *Source) Text(n int) string {
	var b strings.Builder
	start := 0 // the length of the sentence being written
	for w, sent, para := 0, 0, 0; w < n; w++ {
		if sent == 0 {
			sent = 12 + s.rng.IntN(19)
			start = sent
			if para == 0 {
				if w > 0 {
					b.WriteString("\n\n")
				}
				para = 2 + s.rng.IntN(3)
			}
		}
		w := word(int(s.zipf.Uint64()))
		if sent == start {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		sent--
		if sent == 0 {
			para--
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// functionWords are the most frequent words of English news, most
// frequent first.
var functionWords = strings.Fields(`the of and to a in that is was he for it with as his on be at by
	said this had not are but from or have an they which one were her all she there would their we him
	been has when who will more no if out so what up its about into than them can only other new some
	could these two may then do first any now such like our over even most made after also`)

// syllables make the pseudo-words.
var syllables = strings.Fields(`ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu
	ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi
	vo za ze zi zo ran ter lin mor sen dal ves tor`)

// word returns the word of Zipf rank r.
func word(r int) string {
	if r < len(functionWords) {
		return functionWords[r]
	}
	r -= len(functionWords)
	var b strings.Builder
	for k := 0; k < 2 || r > 0; k++ {
		b.WriteString(syllables[r%len(syllables)])
		r /= len(syllables)
	}
	return b.String()
}

// IntN returns a pseudo-random int in [0, n).
func (s *Source) IntN(n int) int { return s.rng.IntN(n) }
