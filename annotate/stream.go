package annotate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/extract"
)

// MaxInputBytes caps one input article (a JSONL line, or plain text).
const MaxInputBytes = 32 << 20

// Input is one article of an annotate stream (the article input format
// of CONTRACT.md; other fields are ignored).
type Input struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
}

// Output is one line of an annotate stream. Offsets are byte offsets
// into the input's text as given; for an HTML input, into Text, the text
// extracted from the page.
type Output struct {
	ID       string              `json:"id"`
	Text     string              `json:"text,omitempty"`
	Entities []storyline.Mention `json:"entities"`
	Timexes  []storyline.Timex   `json:"timexes"`
}

// Summary tells what Stream did.
type Summary struct {
	Articles int      // articles annotated
	Skipped  []string // inputs not annotated, each with its reason
}

// Stream reads articles from r, JSONL (one Input per line) or else plain
// text (the whole input is one article, id "-"), and writes one Output
// line per article to w, in input order. Entities are resolved across
// the whole stream, so that one entity has one id in every article. A
// bad line is skipped and named in the summary; reading goes on.
func (an *Annotator) Stream(ctx context.Context, r io.Reader, w io.Writer) (Summary, error) {
	var sum Summary
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(64)
	if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) == 0 || t[0] != '{' {
		data, err := io.ReadAll(io.LimitReader(br, MaxInputBytes+1))
		if err != nil {
			return sum, fmt.Errorf("annotate: read: %w", err)
		}
		switch {
		case len(bytes.TrimSpace(data)) == 0:
			return sum, nil // no input, no article
		case len(data) > MaxInputBytes:
			return sum, fmt.Errorf("annotate: input larger than %d MB", MaxInputBytes>>20)
		case !utf8.Valid(data):
			return sum, fmt.Errorf("annotate: input is not valid UTF-8 text")
		case bytes.IndexByte(data, 0) >= 0:
			return sum, fmt.Errorf("annotate: input is binary data (NUL bytes), not text or article JSONL")
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		j := &job{article: &storyline.Article{ID: "-", Text: string(data)}}
		an.Recognise(j.article)
		an.Resolve(j.article)
		sum.Articles++
		return sum, enc.Encode(j.output())
	}
	err := an.lines(ctx, br, w, &sum)
	return sum, err
}

// job is one article on its way through the stream.
type job struct {
	article *storyline.Article
	html    bool
	skip    string
	done    chan struct{}
}

func (j *job) output() Output {
	o := Output{ID: j.article.ID, Entities: j.article.Entities, Timexes: j.article.Timexes}
	if j.html {
		o.Text = j.article.Text
	}
	return o
}

// lines annotates a JSONL stream: recognition on every core, resolution
// and writing in input order.
func (an *Annotator) lines(ctx context.Context, br *bufio.Reader, w io.Writer, sum *Summary) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	jobs := make(chan *job, 64)
	work := make(chan *job, 64)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if j.skip == "" {
					an.Recognise(j.article)
				}
				close(j.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		defer close(work)
		n := 0
		for {
			line, err := readLine(br)
			if len(bytes.TrimSpace(line)) > 0 {
				n++
				j := parse(line, n)
				select {
				case jobs <- j:
				case <-ctx.Done():
					readErr <- ctx.Err()
					return
				}
				work <- j
			}
			if err == io.EOF {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- fmt.Errorf("annotate: read: %w", err)
				return
			}
		}
	}()
	var werr error
	for j := range jobs {
		<-j.done
		if werr != nil {
			continue
		}
		if j.skip != "" {
			sum.Skipped = append(sum.Skipped, j.skip)
			continue
		}
		an.Resolve(j.article)
		werr = enc.Encode(j.output())
		sum.Articles++
	}
	wg.Wait()
	if werr != nil {
		return fmt.Errorf("annotate: write: %w", werr)
	}
	if err := <-readErr; err != nil {
		return err
	}
	return bw.Flush()
}

// readLine reads one line of at most MaxInputBytes; a longer line is
// read to its end and returned as a line of one byte too many, which
// parse reports.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) <= MaxInputBytes+1 {
			line = append(line, chunk...)
		} else if len(line) <= MaxInputBytes {
			line = append(line, make([]byte, MaxInputBytes+1-len(line))...)
		}
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// parse decodes JSONL line n into a job; a bad line becomes a job to skip.
func parse(line []byte, n int) *job {
	j := &job{done: make(chan struct{})}
	if len(line) > MaxInputBytes {
		j.skip = fmt.Sprintf("line %d: larger than %d MB", n, MaxInputBytes>>20)
		return j
	}
	var in Input
	if err := json.Unmarshal(line, &in); err != nil {
		j.skip = fmt.Sprintf("line %d: not an article JSON object: %v", n, err)
		return j
	}
	if in.ID == "" {
		in.ID = fmt.Sprintf("line %d", n)
	}
	a := &storyline.Article{ID: in.ID, Published: in.Published, Text: in.Text}
	switch {
	case strings.TrimSpace(in.Text) != "":
	case strings.TrimSpace(in.HTML) != "":
		c, err := extract.HTML(in.HTML, in.URL)
		if err != nil {
			j.skip = fmt.Sprintf("line %d (%s): %v", n, in.ID, err)
			return j
		}
		a.Text, a.Dateline, j.html = c.Text, c.Dateline, true
		if a.Published == "" {
			a.Published = c.Published
		}
	default:
		j.skip = fmt.Sprintf("line %d (%s): no \"text\" or \"html\"", n, in.ID)
		return j
	}
	j.article = a
	return j
}
