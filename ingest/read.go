package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// DefaultMaxArticleBytes is the default cap on the size of one article
// (its text or markup after decompression): 10 MB.
const DefaultMaxArticleBytes = 10 << 20

// kind is the format of an input file, before cleaning.
type kind int

const (
	kindUnknown kind = iota
	kindText
	kindHTML
	kindJSONL // one article object per line
	kindJSON  // one object, an array of objects, or a stream of objects
)

// kindOf returns the format named by a file's extension, ignoring a
// trailing .gz; gz tells whether the name ended in .gz.
func kindOf(name string) (k kind, gz bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".gz") {
		gz = true
		lower = strings.TrimSuffix(lower, ".gz")
	}
	switch filepath.Ext(lower) {
	case ".txt", ".text":
		return kindText, gz
	case ".html", ".htm", ".xhtml":
		return kindHTML, gz
	case ".jsonl", ".ndjson":
		return kindJSONL, gz
	case ".json":
		return kindJSON, gz
	}
	return kindUnknown, gz
}

// sniff guesses the format of content whose name says nothing, from its
// first bytes.
func sniff(head []byte) kind {
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	switch {
	case len(head) == 0:
		return kindText
	case head[0] == '{':
		return kindJSONL
	case head[0] == '[':
		return kindJSON
	case head[0] == '<':
		return kindHTML
	}
	return kindText
}

// isGzip tells whether content starts with the gzip magic number.
func isGzip(head []byte) bool {
	return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b
}

// SkipError is an input, or part of one, that was not ingested, with the
// reason. Readers report them and go on.
type SkipError struct {
	Input  string // a path, "path:line", or "-" for stdin
	Reason string
}

func (e *SkipError) Error() string { return e.Input + ": " + e.Reason }

// reader reads one input and calls emit for each article in it and skip
// for each part it could not read. It returns an error only when emit
// does (cancellation), never for bad input.
type reader struct {
	maxBytes int64
	emit     func(storyline.RawArticle) error
	skip     func(*SkipError)
}

// read reads r, named input (for messages) with ref (the article ref for
// single-article files). k is the format from the name, or kindUnknown to
// sniff it.
func (rd *reader) read(r io.Reader, input, ref string, k kind) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	if isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			rd.skip(&SkipError{input, "bad gzip data: " + err.Error()})
			return nil
		}
		defer zr.Close()
		zr.Multistream(true)
		br = bufio.NewReaderSize(zr, 64<<10)
		head, _ = br.Peek(512)
	}
	if k == kindUnknown {
		if looksBinary(head) {
			rd.skip(&SkipError{input, "binary data, not a text, HTML or JSON article"})
			return nil
		}
		k = sniff(head)
	}
	switch k {
	case kindJSONL:
		return rd.readJSONL(br, input)
	case kindJSON:
		return rd.readJSON(br, input)
	case kindHTML:
		return rd.readSingle(br, input, ref, storyline.FormatHTML)
	default:
		return rd.readSingle(br, input, ref, storyline.FormatText)
	}
}

// readSingle reads a file that holds one article.
func (rd *reader) readSingle(r io.Reader, input, ref string, f storyline.Format) error {
	data, err := io.ReadAll(io.LimitReader(r, rd.maxBytes+1))
	if err != nil {
		rd.skip(&SkipError{input, "read failed: " + err.Error()})
		return nil
	}
	if int64(len(data)) > rd.maxBytes {
		rd.skip(&SkipError{input, fmt.Sprintf("larger than the %s cap per article (--max-size)", humanBytes(rd.maxBytes))})
		return nil
	}
	if looksBinary(data) {
		rd.skip(&SkipError{input, "binary data (NUL bytes), not a text or HTML article"})
		return nil
	}
	// HTML declares its own charset and is decoded by the cleaner; plain
	// text must be UTF-8.
	if f == storyline.FormatText && !utf8.Valid(data) {
		rd.skip(&SkipError{input, "not valid UTF-8 text"})
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		rd.skip(&SkipError{input, "empty"})
		return nil
	}
	return rd.emit(storyline.RawArticle{Ref: ref, Input: input, Format: f, Body: string(data)})
}

// jsonArticle is the article input format of CONTRACT.md.
type jsonArticle struct {
	ID        string          `json:"id"`
	URL       string          `json:"url"`
	Source    string          `json:"source"`
	Title     string          `json:"title"`
	Published json.RawMessage `json:"published"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
}

// article turns a decoded JSON article into a RawArticle, or says why not.
func (a *jsonArticle) article(input string, maxBytes int64) (storyline.RawArticle, string) {
	raw := storyline.RawArticle{Ref: a.ID, Input: input, URL: a.URL, Source: a.Source, Title: a.Title}
	if raw.Ref == "" {
		raw.Ref = input
	}
	if len(a.Published) > 0 {
		var s string
		if err := json.Unmarshal(a.Published, &s); err != nil {
			return raw, "\"published\" is not a string"
		}
		raw.Published = s
	}
	switch {
	case strings.TrimSpace(a.Text) != "":
		raw.Format, raw.Body = storyline.FormatText, a.Text
	case strings.TrimSpace(a.HTML) != "":
		raw.Format, raw.Body = storyline.FormatHTML, a.HTML
	default:
		return raw, "no \"text\" or \"html\""
	}
	if int64(len(raw.Body)) > maxBytes {
		return raw, fmt.Sprintf("larger than the %s cap per article (--max-size)", humanBytes(maxBytes))
	}
	return raw, ""
}

// readJSONL reads one article object per line. A bad line is skipped and
// reading goes on with the next; a line over the size cap is skipped
// without being held in memory whole.
func (rd *reader) readJSONL(r *bufio.Reader, input string) error {
	// A line may hold the article plus its JSON escaping and metadata.
	lineCap := 2*rd.maxBytes + 64<<10
	for n := 1; ; n++ {
		line, tooLong, err := readLine(r, lineCap)
		at := fmt.Sprintf("%s:%d", input, n)
		if tooLong {
			rd.skip(&SkipError{at, fmt.Sprintf("line longer than %s (--max-size)", humanBytes(lineCap))})
		} else if len(bytes.TrimSpace(line)) > 0 {
			if err := rd.jsonArticle(line, at); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			rd.skip(&SkipError{at, "read failed: " + err.Error()})
			return nil
		}
	}
}

// jsonArticle decodes one JSON article and emits it or skips it.
func (rd *reader) jsonArticle(data []byte, at string) error {
	var a jsonArticle
	if err := json.Unmarshal(data, &a); err != nil {
		rd.skip(&SkipError{at, "invalid JSON article: " + err.Error()})
		return nil
	}
	raw, why := a.article(at, rd.maxBytes)
	if why != "" {
		rd.skip(&SkipError{at, why})
		return nil
	}
	return rd.emit(raw)
}

// readJSON reads a .json file: one article object, an array of them, or a
// stream of them.
func (rd *reader) readJSON(r *bufio.Reader, input string) error {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			rd.skip(&SkipError{input, "empty"})
		} else {
			rd.skip(&SkipError{input, "invalid JSON: " + err.Error()})
		}
		return nil
	}
	array := tok == json.Delim('[')
	if !array {
		// Not an array: re-read the stream from the start object by object.
		if tok != json.Delim('{') {
			rd.skip(&SkipError{input, "JSON is neither an article object nor an array of them"})
			return nil
		}
		dec = json.NewDecoder(io.MultiReader(strings.NewReader("{"), dec.Buffered(), r))
	}
	for i := 1; ; i++ {
		if array && !dec.More() {
			return nil
		}
		var msg json.RawMessage
		if err := dec.Decode(&msg); err != nil {
			if err != io.EOF {
				rd.skip(&SkipError{fmt.Sprintf("%s[%d]", input, i), "invalid JSON: " + err.Error()})
			}
			return nil
		}
		if err := rd.jsonArticle(msg, fmt.Sprintf("%s[%d]", input, i)); err != nil {
			return err
		}
	}
}

// readLine reads one line (without its newline) of at most max bytes. A
// longer line is read to its end and discarded: tooLong is set and line is
// nil. err is io.EOF after the last line.
func readLine(r *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if int64(len(buf)+len(chunk)) > max {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			return buf, tooLong, err
		}
		return bytes.TrimRight(buf, "\r\n"), tooLong, nil
	}
}

// looksBinary tells whether data (its first 8 KB) holds NUL bytes, which
// no text, HTML or JSON article has.
func looksBinary(data []byte) bool {
	if len(data) > 8192 {
		data = data[:8192]
	}
	return bytes.IndexByte(data, 0) >= 0
}

// humanBytes formats a byte count for messages: "10 MB".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
