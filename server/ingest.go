package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/ingest"
	"github.com/storyline/storyline/show"
)

// Limits of one ingest request.
const (
	maxUploadFiles  = 10_000
	maxListedStored = 1_000 // articles an ingest result lists
	maxFormField    = 1 << 10
)

// IngestResult is what an ingest request did: the counts of ingest's
// summary, the inputs it skipped and why, and the articles it stored or
// found already stored, in the order read (the first 1,000).
type IngestResult struct {
	Ingested int                `json:"ingested"`
	Present  int                `json:"present"`
	Copies   int                `json:"copies"`
	Reusing  int                `json:"reusing"`
	Skipped  []Skip             `json:"skipped"`
	Articles []show.ArticleItem `json:"articles"`
	Summary  string             `json:"summary"`
}

// Skip is an input, or a part of one, that ingest did not store, and why.
type Skip struct {
	Input  string `json:"input"`
	Reason string `json:"reason"`
}

// upload is a request's files, saved in a temporary folder, and its form
// fields.
type upload struct {
	dir    string
	paths  []string          // saved files, in the order received
	names  map[string]string // saved path → the name the client gave
	fields map[string]string
}

func (u *upload) remove() {
	if u.dir != "" {
		os.RemoveAll(u.dir)
	}
}

// rawTypes are the body types POST /api/ingest takes as one file, with
// the extension that tells ingest its format.
var rawTypes = map[string]string{
	"application/x-ndjson": ".jsonl",
	"application/jsonl":    ".jsonl",
	"application/json":     ".json",
	"text/plain":           ".txt",
	"text/html":            ".html",
	"application/gzip":     ".gz",
}

// receive saves a request's files in a temporary folder: the parts of a
// multipart/form-data body that are files (other parts are form fields),
// or else the whole body as one file of the type its Content-Type names,
// called after the name parameter. The body is capped at MaxUpload.
func (s *Server) receive(w http.ResponseWriter, r *http.Request) (*upload, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
	dir, err := os.MkdirTemp("", "storyline-upload-")
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	u := &upload{dir: dir, names: map[string]string{}, fields: map[string]string{}}
	err = s.receiveInto(u, r)
	if err != nil {
		u.remove()
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("upload larger than %d bytes (the server's --max-upload)", s.opt.MaxUpload)}
		}
		return nil, err
	}
	return u, nil
}

func (s *Server) receiveInto(u *upload, r *http.Request) error {
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return errBadRequest("Content-Type: %q is not a media type (send multipart/form-data or one of application/x-ndjson, application/json, text/plain, text/html, application/gzip)", show.Clip(r.Header.Get("Content-Type"), 80))
	}
	if ct != "multipart/form-data" {
		ext, ok := rawTypes[ct]
		if !ok {
			return &httpError{http.StatusUnsupportedMediaType, "Content-Type " + show.Clip(ct, 80) + " is not taken: send multipart/form-data or one of application/x-ndjson, application/json, text/plain, text/html, application/gzip"}
		}
		name := safeName(r.URL.Query().Get("name"))
		if !strings.HasSuffix(strings.ToLower(name), ext) {
			name += ext
		}
		return u.save(name, r.Body)
	}
	if params["boundary"] == "" {
		return errBadRequest("multipart/form-data without a boundary")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return errBadRequest("multipart body: %v", err)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return uploadErr("multipart body", err)
		}
		if part.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(part, maxFormField+1))
			if err != nil {
				return uploadErr("form field "+part.FormName(), err)
			}
			if len(b) > maxFormField {
				return errBadRequest("form field %q is longer than %d bytes", show.Clip(part.FormName(), 40), maxFormField)
			}
			u.fields[part.FormName()] = string(b)
			continue
		}
		if len(u.paths) == maxUploadFiles {
			return errBadRequest("more than %d files in one upload", maxUploadFiles)
		}
		if err := u.save(safeName(part.FileName()), part); err != nil {
			return err
		}
	}
}

// uploadErr keeps a too-large body's error as it is, for receive to
// report, and makes others a 400.
func uploadErr(what string, err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return errBadRequest("%s: %v", what, err)
}

// save writes one file under a folder of its own, so that any names the
// client gives, even the same twice, keep apart.
func (u *upload) save(name string, r io.Reader) error {
	sub := filepath.Join(u.dir, strconv.Itoa(len(u.paths)))
	if err := os.Mkdir(sub, 0o700); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	path := filepath.Join(sub, name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return uploadErr("file "+name, err)
	}
	u.paths = append(u.paths, path)
	u.names[path] = name
	return nil
}

// safeName makes a client's file name safe to use as a file name: its last
// path element, without control characters, at most 200 bytes, never
// empty, "." or "..".
func safeName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, name)
	name = strings.TrimLeft(name, ".")
	for len(name) > 200 {
		_, n := lastRune(name)
		name = name[:len(name)-n]
	}
	if name == "" {
		return "upload"
	}
	return name
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			return rune(s[i]), len(s) - i
		}
	}
	return 0, 1
}

// ingest runs ingest on an upload's files, one request at a time (every
// run loads the reuse index), with the files' names as their refs.
func (s *Server) ingest(ctx context.Context, u *upload) (*IngestResult, error) {
	select {
	case s.ingestSem <- struct{}{}:
		defer func() { <-s.ingestSem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	plan := ingest.PlanInputs(u.paths)
	for i, in := range plan.Inputs {
		if name, ok := u.names[in.Path]; ok {
			plan.Inputs[i].Ref = name
		}
	}
	res := &IngestResult{Skipped: []Skip{}, Articles: []show.ArticleItem{}}
	opt := s.opt.Ingest
	opt.OnSkip, opt.OnProgress, opt.Stdin = nil, nil, nil
	opt.OnStored = func(a *storyline.Article, _ bool) {
		if len(res.Articles) < maxListedStored {
			res.Articles = append(res.Articles, show.Item(a))
		}
	}
	sum, err := ingest.Run(ctx, s.store, plan, opt)
	if c, cerr := s.store.Counts(ctx); cerr != nil {
		err = errors.Join(err, cerr)
	} else if cerr := s.changed(ctx, c.Articles); cerr != nil {
		err = errors.Join(err, cerr)
	}
	res.Ingested, res.Present, res.Copies, res.Reusing = sum.Ingested, sum.Present, sum.Copies, sum.Reusing
	for _, e := range sum.Skipped {
		res.Skipped = append(res.Skipped, Skip{Input: u.clientName(e.Input), Reason: e.Reason})
	}
	res.Summary = sum.String()
	if err != nil {
		return nil, fmt.Errorf("ingest %d files: %w", len(u.paths), err)
	}
	return res, nil
}

// clientName turns an input named by ingest (a saved path, or
// "path:line") back into the client's file name.
func (u *upload) clientName(input string) string {
	for path, name := range u.names {
		if rest, ok := strings.CutPrefix(input, path); ok {
			return name + rest
		}
	}
	return strings.TrimPrefix(input, u.dir+string(filepath.Separator))
}

func (s *Server) apiIngest() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			got = ""
		}
		if err := s.checkToken(got); err != nil {
			s.fail(w, r, err)
			return
		}
		u, err := s.receive(w, r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		defer u.remove()
		if len(u.paths) == 0 {
			s.fail(w, r, errBadRequest("no files: send multipart/form-data with file parts, or a body of articles"))
			return
		}
		res, err := s.ingest(r.Context(), u)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, res)
	}
}

// checkCSRF refuses a form whose csrf field is not this server's token.
func (s *Server) checkCSRF(got string) error {
	if subtle.ConstantTimeCompare([]byte(got), []byte(s.csrf)) != 1 {
		return errForbidden("the form's CSRF token is missing or stale: reload the ingest page and send it again")
	}
	return nil
}
