// Package ner finds named entities in news text: persons (PER),
// organisations (ORG), locations (LOC) and other names (MISC), the
// CoNLL-2003 types, with UTF-8 byte offsets into the text.
//
// The tagger is an averaged perceptron over hashed features of each token
// (word, shape, affixes, neighbouring words, Brown word clusters,
// gazetteer matches, how the word is written and tagged elsewhere in the
// document, the two previous tags), decoding greedily left to right with
// BILOU tags, after Ratinov & Roth (2009). It is trained on the CoNLL-2003
// training split by ner/internal/trainner; the model, with its gazetteer
// lists and clusters, is embedded (models/ner.bin.gz; models/README.md
// says how it was built). docs/NER.md has the method and the figures.
package ner

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	storyline "github.com/storyline/storyline"
	"github.com/storyline/storyline/ner/internal/tagger"
)

//go:embed models/ner.bin.gz
var modelData []byte

// Tagger tags named entities. It is safe for concurrent use.
type Tagger struct {
	m    *tagger.Model
	pool sync.Pool
}

var defaultTagger = sync.OnceValues(func() (*Tagger, error) {
	t, err := Load(modelData)
	if err != nil {
		return nil, fmt.Errorf("ner: embedded model: %w", err)
	}
	return t, nil
})

// Default returns the tagger of the embedded model, decoded on the first
// call (a fraction of a second); later calls return the same tagger.
func Default() (*Tagger, error) { return defaultTagger() }

// Load returns a tagger of a model file written by ner/internal/trainner.
func Load(model []byte) (*Tagger, error) {
	m, err := tagger.Decode(model)
	if err != nil {
		return nil, fmt.Errorf("ner: load model: %w", err)
	}
	t := &Tagger{m: m}
	t.pool.New = func() any { return new(work) }
	return t, nil
}

type work struct {
	tw    tagger.Work
	words [][]string
	spans []tagger.Span
}

// Tag returns the named entities of text, in text order, with byte
// offsets into text and Text == text[Start:End]. The whole text is one
// document: how a word is written and tagged in one place informs the
// others. Entity is left empty.
func (t *Tagger) Tag(text string) []storyline.Mention {
	sents := Tokenize(text)
	return t.TagTokens(text, sents)
}

// TagTokens is Tag for text already split by Tokenize (or any tokens with
// offsets into text).
func (t *Tagger) TagTokens(text string, sents [][]Token) []storyline.Mention {
	if len(sents) == 0 {
		return nil
	}
	w := t.pool.Get().(*work)
	defer t.pool.Put(w)
	w.words = w.words[:0]
	for _, s := range sents {
		ws := make([]string, len(s))
		for i, tok := range s {
			ws[i] = normWord(tok.Text)
		}
		w.words = append(w.words, ws)
	}
	tags := t.m.TagDoc(w.words, &w.tw)
	var out []storyline.Mention
	for si, s := range sents {
		w.spans = joinNasab(s, tagger.TagsToSpans(tags[si], w.spans[:0]))
		for _, sp := range w.spans {
			if tagger.Types[sp.Type] == "PER" {
				// titles are not part of a name (CoNLL, MUC): "Mr. Blinken"
				for sp.Start < sp.End && honorifics[strings.TrimSuffix(s[sp.Start].Text, ".")] {
					sp.Start++
				}
				if sp.Start == sp.End {
					continue
				}
			}
			start, end := s[sp.Start].Start, s[sp.End-1].End
			out = append(out, storyline.Mention{Start: start, End: end, Text: text[start:end], Type: tagger.Types[sp.Type]})
		}
	}
	return out
}

// joinNasab makes one PER span of an Arabic name with the particles of
// descent, bin, ibn or bint ("Mohammed bin Salman", "Tamim bin Hamad
// al-Thani", "Osama bin Laden", "Mohammed bin Rashid Al Maktoum"), when
// the tagger found part of it as a person or another name. CoNLL-2003's
// 1996 Reuters text never writes these particles, so the tagger cuts such
// names at them. The name is one capitalised word before the first
// particle (a title such as Sheikh stays out, as CoNLL leaves titles out),
// then particle and capitalised word pairs, then "al-Thani", "Al Maktoum".
// spans are in order and do not overlap; so is the result.
func joinNasab(s []Token, spans []tagger.Span) []tagger.Span {
	capital := func(i int) bool {
		if i < 0 || i >= len(s) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(s[i].Text)
		return unicode.IsUpper(r)
	}
	particle := func(i int) bool { return i < len(s) && nasab[strings.ToLower(s[i].Text)] && capital(i+1) }
	article := func(i int) bool { // "al-Thani", "Al Maktoum", "el-Sisi"
		if i >= len(s) {
			return false
		}
		t := strings.ToLower(s[i].Text)
		return (strings.HasPrefix(t, "al-") || strings.HasPrefix(t, "el-")) && len(t) > 3 || t == "al" && capital(i) && capital(i+1)
	}
	for i := 0; i < len(s); i++ {
		if !particle(i) {
			continue
		}
		lo := i
		if capital(i-1) && !titleWords[strings.TrimSuffix(s[i-1].Text, ".")] {
			lo = i - 1
		}
		hi := i
		for particle(hi) {
			hi += 2
		}
		for article(hi) {
			if strings.EqualFold(s[hi].Text, "al") {
				hi++
			}
			hi++
		}
		var kept []tagger.Span
		joined := tagger.Span{Start: lo, End: hi, Type: 0} // PER
		named := false
		for _, sp := range spans {
			if sp.End <= lo || sp.Start >= hi {
				kept = append(kept, sp)
				continue
			}
			named = named || tagger.Types[sp.Type] == "PER" || tagger.Types[sp.Type] == "MISC"
			joined.Start, joined.End = min(joined.Start, sp.Start), max(joined.End, sp.End)
		}
		if named {
			k := 0
			for k < len(kept) && kept[k].Start < joined.Start {
				k++
			}
			spans = append(kept[:k], append([]tagger.Span{joined}, kept[k:]...)...)
		}
		i = hi - 1
	}
	return spans
}

// nasab are the particles of descent in Arabic names.
var nasab = map[string]bool{"bin": true, "ibn": true, "bint": true}

// titleWords stand before a name without being part of it.
var titleWords = map[string]bool{"Sheikh": true, "Shaikh": true, "Prince": true, "King": true, "Emir": true,
	"President": true, "Minister": true, "Crown": true, "Mr": true, "Dr": true, "General": true, "Gen": true}

var honorifics = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Mme": true, "Messrs": true,
	"Prof": true, "MR": true, "MRS": true, "MS": true, "DR": true, "Sir": false}

// normWord maps typographic quotes and dashes to the ASCII forms of the
// training data.
func normWord(w string) string {
	if !strings.ContainsAny(w, "‘’“”–—") {
		return w
	}
	return wordReplacer.Replace(w)
}

var wordReplacer = strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"", "—", "--", "–", "-")

// WriteModel writes the tagger's model in the format Load reads.
func (t *Tagger) WriteModel(w io.Writer) error {
	if err := t.m.Encode(w); err != nil {
		return fmt.Errorf("ner: write model: %w", err)
	}
	return nil
}
