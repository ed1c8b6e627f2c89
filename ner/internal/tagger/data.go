package tagger

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// Sentence is a tokenised sentence with its gold entities (none when
// unlabelled).
type Sentence struct {
	Words []string
	Spans []Span
}

// Doc is a document: its sentences in order.
type Doc struct {
	ID    string
	Sents []Sentence
}

// Tokens returns the number of tokens of d.
func (d *Doc) Tokens() int {
	n := 0
	for _, s := range d.Sents {
		n += len(s.Words)
	}
	return n
}

// ReadCoNLL reads a CoNLL-2003 4-column file (token POS chunk NER, IOB1 or
// IOB2 tags, documents separated by -DOCSTART- lines wherever they sit:
// in the shared copy the first one is at the end of the file). Entities
// are chunked as conlleval does.
func ReadCoNLL(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read conll: %w", err)
	}
	defer f.Close()
	var docs []Doc
	var cur Doc
	var words, tags []string
	flushSent := func() {
		if len(words) > 0 {
			cur.Sents = append(cur.Sents, Sentence{Words: words, Spans: chunkIOB(tags)})
		}
		words, tags = nil, nil
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sents) > 0 {
			cur.ID = fmt.Sprintf("%d", len(docs)+1)
			docs = append(docs, cur)
		}
		cur = Doc{}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flushSent()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flushDoc()
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("read conll: %s:%d: want 4 columns", path, line)
		}
		words = append(words, fields[0])
		tags = append(tags, fields[len(fields)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read conll %s: %w", path, err)
	}
	flushDoc()
	return docs, nil
}

// chunkIOB returns the entities of IOB1/IOB2 tags as conlleval chunks them.
func chunkIOB(tags []string) []Span {
	var out []Span
	start, ty := -1, -1
	for i, t := range tags {
		if t == "O" || len(t) < 3 {
			if start >= 0 {
				out = append(out, Span{start, i, ty})
			}
			start, ty = -1, -1
			continue
		}
		p, tt := t[0], TypeIndex(t[2:])
		if tt < 0 {
			if start >= 0 {
				out = append(out, Span{start, i, ty})
			}
			start, ty = -1, -1
			continue
		}
		if p == 'B' || start < 0 || tt != ty {
			if start >= 0 {
				out = append(out, Span{start, i, ty})
			}
			start, ty = i, tt
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(tags), ty})
	}
	return out
}
