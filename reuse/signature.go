// Package reuse finds copies and shared passages between articles.
//
// Every article gets a Signature: its words, the hashes of its word
// 5-grams (shingles) and a sample of those hashes chosen by winnowing
// (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for
// document fingerprinting", SIGMOD 2003). Winnowing guarantees that two
// texts sharing a passage of at least Window+ShingleWords-1 words share at
// least one sampled fingerprint, whatever the texts' lengths, which is what
// finding a three-paragraph lede copy of a long story, or one borrowed
// paragraph, needs; MinHash with LSH banding estimates Jaccard similarity
// instead, which is about 0.2 for such pairs and would need many bands to
// be found. An in-memory Index maps fingerprints to articles; Compare
// verifies a candidate pair word by word and returns the shared passages;
// a Detector decides copies and reuse as articles arrive.
package reuse

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
)

// Method parameters. Changing ShingleWords or Window changes the stored
// fingerprints: stores built with other values must be re-indexed.
const (
	// ShingleWords is the number of words in a shingle.
	ShingleWords = 5
	// Window is the winnowing window, in shingles: one fingerprint is kept
	// from every Window consecutive shingles, about 2/(Window+1) of them.
	Window = 16
	// GuaranteeWords is the shortest shared passage, in words, that is
	// always found: Window + ShingleWords - 1.
	GuaranteeWords = Window + ShingleWords - 1
)

// posBits is the number of low bits of a byHash entry that hold the
// shingle's position: enough for 16 million words, more than the largest
// article ingest takes.
const (
	posBits = 24
	posMask = 1<<posBits - 1
)

// Token is one word of a text: its UTF-8 byte span, whether it stands
// inside quotation marks, and whether it is on a line of a list.
type Token struct {
	Start, End int32
	Quoted     bool
	// List marks the words of runs of at least ListLines consecutive
	// short lines (ListWords words at most) that do not end a sentence:
	// lists of headlines, menus, tags, header lines. They are read as
	// navigation, not prose, like site furniture.
	List bool
}

// The shape of a list: ListLines consecutive lines of at most ListWords
// words, none ending with a full stop, question or exclamation mark.
const (
	ListLines = 3
	ListWords = 12
)

// Fingerprint is a winnowed shingle hash and the index of the shingle
// (the position of its first word).
type Fingerprint struct {
	Hash uint32
	Pos  int32
}

// Signature is what reuse detection knows of one text.
type Signature struct {
	// Tokens are the words of the text in order.
	Tokens []Token
	// Shingles[i] is the hash of words i to i+ShingleWords-1.
	Shingles []uint64
	// Fingerprints are the winnowed shingles, in text order.
	Fingerprints []Fingerprint
	// byHash lists the shingles by hash, then position, for matching
	// two signatures by a merge: each is the hash's high bits and the
	// shingle's position in the low posBits bits. Prepare makes it.
	byHash []uint64
	// Paras are the indexes of the first tokens of the paragraphs (runs
	// of lines between blank lines), in order; Paras[0] is 0.
	Paras []int32
}

// NewSignature tokenises text into words (runs of letters and digits,
// case-folded) and computes its shingles and fingerprints.
func NewSignature(text string) *Signature {
	s := &Signature{Tokens: make([]Token, 0, len(text)/6)}
	hashes := make([]uint64, 0, len(text)/6)
	var buf []byte
	quoted := false
	newlines := 0 // line breaks since the last word
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			quoted = quoteState(quoted, r, text, i)
			if r == '\n' {
				newlines++
			}
			i += size
			continue
		}
		if len(s.Tokens) == 0 || newlines >= 2 {
			s.Paras = append(s.Paras, int32(len(s.Tokens)))
		}
		newlines = 0
		start := i
		buf = buf[:0]
		for i < len(text) {
			r, size = rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if !isWordRune(r) {
				break
			}
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				buf = append(buf, byte(r))
			} else {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			i += size
		}
		s.Tokens = append(s.Tokens, Token{Start: int32(start), End: int32(i), Quoted: quoted})
		hashes = append(hashes, xxh3.Hash(buf))
	}
	markLists(text, s.Tokens)
	s.Shingles = shingles(hashes)
	s.Fingerprints = winnow(s.Shingles)
	return s
}

// Prepare readies s for comparisons: it sorts its shingles by hash.
// Compare does it when it is not done; ingest does it in the goroutines
// that compute signatures, where the cores are, rather than in the one
// that compares. Not safe for concurrent use with Compare on s.
func (s *Signature) Prepare() {
	if s.byHash != nil || len(s.Shingles) == 0 {
		return
	}
	s.byHash = make([]uint64, len(s.Shingles))
	for i, h := range s.Shingles {
		s.byHash[i] = h&^posMask | uint64(i)&posMask
	}
	slices.Sort(s.byHash)
}

// markLists sets the List flag of the tokens of text that lie in runs of
// list lines (see Token.List). A blank line ends a run.
func markLists(text string, toks []Token) {
	runStart, runLines := 0, 0 // first token and number of lines of the run
	flush := func(end int) {
		if runLines >= ListLines {
			for k := runStart; k < end; k++ {
				toks[k].List = true
			}
		}
		runLines = 0
	}
	for a := 0; a < len(toks); {
		// The line of token a: tokens up to the next line break.
		b := a + 1
		for b < len(toks) && strings.IndexByte(text[toks[b-1].End:toks[b].Start], '\n') < 0 {
			b++
		}
		end := len(text)
		if b < len(toks) {
			end = int(toks[b].Start)
		}
		tail := text[toks[b-1].End:end] // after the line's last word
		if nl := strings.IndexByte(tail, '\n'); nl >= 0 {
			tail = tail[:nl]
		}
		if b-a > ListWords || strings.ContainsAny(tail, ".!?…") {
			flush(a)
		} else {
			if runLines == 0 {
				runStart = a
			}
			runLines++
			if b < len(toks) && strings.Count(text[toks[b-1].End:toks[b].Start], "\n") >= 2 {
				flush(b) // a blank line
			}
		}
		a = b
	}
	flush(len(toks))
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// quoteState returns whether the text after the non-word rune r at byte i
// is inside quotation marks. Curly and angle quotes open and close;
// straight double quotes and PTB quotes (“ and ”) toggle; a line break
// closes any quotation left open.
func quoteState(quoted bool, r rune, text string, i int) bool {
	switch r {
	case '“', '«', '„':
		return true
	case '”', '»':
		return false
	case '"':
		return !quoted
	case '`':
		if i+1 < len(text) && text[i+1] == '`' {
			return true
		}
	case '\'':
		if i+1 < len(text) && text[i+1] == '\'' {
			return false
		}
	case '\n':
		return false
	}
	return quoted
}

// shingles returns the hash of every run of ShingleWords word hashes: a
// polynomial rolling hash, finalised by a 64-bit mixer.
func shingles(words []uint64) []uint64 {
	if len(words) < ShingleWords {
		return nil
	}
	const mult = 0x9E3779B97F4A7C15
	var pow uint64 = 1 // mult^(ShingleWords-1)
	for range ShingleWords - 1 {
		pow *= mult
	}
	out := make([]uint64, len(words)-ShingleWords+1)
	var h uint64
	for i, w := range words {
		if i >= ShingleWords {
			h -= words[i-ShingleWords] * pow
		}
		h = h*mult + w
		if i >= ShingleWords-1 {
			out[i-ShingleWords+1] = mix(h)
		}
	}
	return out
}

// mix is the finaliser of MurmurHash3.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// fingerprintHash is the 32-bit fingerprint of a shingle hash. Zero is
// reserved for empty index slots.
func fingerprintHash(h uint64) uint32 {
	f := uint32(h >> 32)
	if f == 0 {
		f = 1
	}
	return f
}

// winnow selects, from every window of Window consecutive shingles, the
// one with the smallest hash (the rightmost on ties), and records each
// selection once ("robust winnowing"). A text shorter than one window
// keeps its smallest shingle.
func winnow(sh []uint64) []Fingerprint {
	if len(sh) == 0 {
		return nil
	}
	fps := make([]Fingerprint, 0, 2*len(sh)/(Window+1)+2)
	// dq holds indexes of sh with increasing hashes: the candidates for
	// the minimum of the current window.
	dq := make([]int, 0, Window)
	last := -1
	for i, h := range sh {
		fh := fingerprintHash(h)
		for len(dq) > 0 && fingerprintHash(sh[dq[len(dq)-1]]) >= fh {
			dq = dq[:len(dq)-1]
		}
		dq = append(dq, i)
		if dq[0] <= i-Window {
			dq = dq[1:]
		}
		if i >= Window-1 || i == len(sh)-1 {
			if m := dq[0]; m != last {
				fps = append(fps, Fingerprint{Hash: fingerprintHash(sh[m]), Pos: int32(m)})
				last = m
			}
		}
	}
	return fps
}
