package server

import (
	"sort"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// Kinds of Segment.
const (
	segText   = ""       // plain text
	segEntity = "entity" // an entity mention: Entity is its ID (maybe empty), Type its type
	segTimex  = "timex"  // a time expression: Type is its TIMEX3 type, Value its value
	segCite   = "cite"   // a sentence a summary cites
)

// Segment is a piece of an article's text as the article page shows it:
// plain text, or a marked span (a mention, a time expression, a cited
// sentence) with the pieces inside it. The template escapes Text.
type Segment struct {
	Kind     string
	Text     string
	Entity   string
	Type     string
	Value    string
	Children []Segment
}

// mark is a span of text to mark, with byte offsets.
type mark struct {
	start, end int
	seg        Segment // Kind and attributes; no Text or Children
}

// maxNesting bounds how deep marks nest (the page template recurses once
// a level).
const maxNesting = 8

// highlight splits text into segments that mark the article's mentions
// and time expressions, and the cited span [cite[0], cite[1]) when it is
// not empty. Marks nest, at most maxNesting deep; a mark that crosses
// another's end, nests deeper, or whose offsets are out of range or not on
// a UTF-8 boundary, is left out, so that any offsets give well-formed
// output.
func highlight(text string, mentions []storyline.Mention, timexes []storyline.Timex, cite [2]int) []Segment {
	marks := make([]mark, 0, len(mentions)+len(timexes)+1)
	if cite[0] < cite[1] {
		marks = append(marks, mark{cite[0], cite[1], Segment{Kind: segCite}})
	}
	for _, m := range mentions {
		marks = append(marks, mark{m.Start, m.End, Segment{Kind: segEntity, Entity: m.Entity, Type: m.Type}})
	}
	for _, t := range timexes {
		marks = append(marks, mark{t.Start, t.End, Segment{Kind: segTimex, Type: t.Type, Value: t.Value}})
	}
	valid := marks[:0]
	for _, m := range marks {
		if m.start >= 0 && m.start < m.end && m.end <= len(text) && boundary(text, m.start) && boundary(text, m.end) {
			valid = append(valid, m)
		}
	}
	marks = valid
	// Outer marks first: by start, then the longest, then cite before
	// entity before timex.
	rank := map[string]int{segCite: 0, segEntity: 1, segTimex: 2}
	sort.SliceStable(marks, func(i, j int) bool {
		a, b := marks[i], marks[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return rank[a.seg.Kind] < rank[b.seg.Kind]
	})

	type open struct {
		mark
		pos      int // the end of what is already in children
		children []Segment
	}
	stack := []*open{{mark: mark{0, len(text), Segment{}}}}
	plain := func(o *open, upTo int) {
		if upTo > o.pos {
			o.children = append(o.children, Segment{Text: text[o.pos:upTo]})
			o.pos = upTo
		}
	}
	closeTop := func() {
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		plain(o, o.end)
		seg := o.seg
		seg.Children = o.children
		parent := stack[len(stack)-1]
		parent.children = append(parent.children, seg)
		parent.pos = o.end
	}
	for _, m := range marks {
		for len(stack) > 1 && stack[len(stack)-1].end <= m.start {
			closeTop()
		}
		top := stack[len(stack)-1]
		if m.end > top.end || m.start < top.pos || len(stack) > maxNesting {
			continue // crosses a mark already placed, or too deep
		}
		plain(top, m.start)
		stack = append(stack, &open{mark: m, pos: m.start})
	}
	for len(stack) > 1 {
		closeTop()
	}
	plain(stack[0], len(text))
	return stack[0].children
}

// boundary tells whether byte offset i of s starts a character or ends s.
func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}
