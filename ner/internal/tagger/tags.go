// Package tagger is the statistical core of package ner: BILOU tags, the
// hashed features of a token (word, shape, affixes, context, word
// clusters, gazetteers, document context and prediction history), greedy
// or beam decoding with an averaged perceptron, training on CoNLL-2003 and
// the model file.
package tagger

// Types are the entity types, in tag order.
var Types = [4]string{"PER", "ORG", "LOC", "MISC"}

// NTags is the number of BILOU tags: O, then B, I, L, U of each type.
const NTags = 1 + 4*len(Types)

// Tag positions within a type.
const (
	posB = iota
	posI
	posL
	posU
)

// tagType returns the type index of tag t, -1 for O.
func tagType(t int) int {
	if t == 0 {
		return -1
	}
	return (t - 1) / 4
}

func tagPos(t int) int { return (t - 1) % 4 }

func mkTag(ty, pos int) int { return 1 + ty*4 + pos }

// TypeIndex returns the index of an entity type name, -1 if unknown.
func TypeIndex(s string) int {
	for i, t := range Types {
		if t == s {
			return i
		}
	}
	return -1
}

// allowed reports whether tag cur may follow tag prev under BILOU (prev -1
// is the start of a sentence).
func allowed(prev, cur int) bool {
	open := prev > 0 && (tagPos(prev) == posB || tagPos(prev) == posI)
	if open {
		return cur > 0 && tagType(cur) == tagType(prev) && (tagPos(cur) == posI || tagPos(cur) == posL)
	}
	return cur == 0 || tagPos(cur) == posB || tagPos(cur) == posU
}

// allowedEnd reports whether a sentence may end after tag t.
func allowedEnd(t int) bool {
	return t == 0 || tagPos(t) == posL || tagPos(t) == posU
}

// Span is an entity over tokens [Start, End) of a sentence.
type Span struct {
	Start, End int
	Type       int
}

// SpansToTags returns the BILOU tags of n tokens with the given spans.
func SpansToTags(n int, spans []Span) []int {
	tags := make([]int, n)
	for _, s := range spans {
		if s.End-s.Start == 1 {
			tags[s.Start] = mkTag(s.Type, posU)
			continue
		}
		tags[s.Start] = mkTag(s.Type, posB)
		for i := s.Start + 1; i < s.End-1; i++ {
			tags[i] = mkTag(s.Type, posI)
		}
		tags[s.End-1] = mkTag(s.Type, posL)
	}
	return tags
}

// TagsToSpans reads spans from tags, tolerating invalid sequences: B or
// U starts an entity, I or L continues one of its type (or starts one),
// L and U end it.
func TagsToSpans(tags []int, out []Span) []Span {
	start, ty := -1, -1
	closeAt := func(end int) {
		if start >= 0 {
			out = append(out, Span{start, end, ty})
		}
		start, ty = -1, -1
	}
	for i, t := range tags {
		if t == 0 {
			closeAt(i)
			continue
		}
		tt, p := tagType(t), tagPos(t)
		if p == posB || p == posU || start < 0 || tt != ty {
			closeAt(i)
			start, ty = i, tt
		}
		if p == posL || p == posU {
			closeAt(i + 1)
		}
	}
	closeAt(len(tags))
	return out
}
