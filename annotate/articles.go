package annotate

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// Articles reads articles as Stream does (JSONL, one Input per line, or
// else plain text read as one article with ID "-"), recognises and
// resolves them, and returns them in input order with their IDs as given
// (a JSONL line without one gets "line N"). Bad lines are skipped and
// named in the summary.
func (an *Annotator) Articles(ctx context.Context, r io.Reader) ([]*storyline.Article, Summary, error) {
	var sum Summary
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(64)
	if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) == 0 || t[0] != '{' {
		data, err := io.ReadAll(io.LimitReader(br, MaxInputBytes+1))
		switch {
		case err != nil:
			return nil, sum, fmt.Errorf("annotate: read: %w", err)
		case len(bytes.TrimSpace(data)) == 0:
			return nil, sum, nil
		case len(data) > MaxInputBytes:
			return nil, sum, fmt.Errorf("annotate: input larger than %d MB", MaxInputBytes>>20)
		case !utf8.Valid(data):
			return nil, sum, fmt.Errorf("annotate: input is not valid UTF-8 text")
		case bytes.IndexByte(data, 0) >= 0:
			return nil, sum, fmt.Errorf("annotate: input is binary data (NUL bytes), not text or article JSONL")
		}
		a := &storyline.Article{ID: "-", Text: string(data)}
		an.Recognise(a)
		an.Resolve(a)
		sum.Articles++
		return []*storyline.Article{a}, sum, nil
	}
	var out []*storyline.Article
	for n := 1; ; {
		if err := ctx.Err(); err != nil {
			return nil, sum, err
		}
		line, err := readLine(br)
		if len(bytes.TrimSpace(line)) > 0 {
			j := parse(line, n)
			n++
			if j.skip != "" {
				sum.Skipped = append(sum.Skipped, j.skip)
			} else {
				an.Recognise(j.article)
				an.Resolve(j.article)
				out = append(out, j.article)
				sum.Articles++
			}
		}
		if err == io.EOF {
			return out, sum, nil
		}
		if err != nil {
			return nil, sum, fmt.Errorf("annotate: read: %w", err)
		}
	}
}
