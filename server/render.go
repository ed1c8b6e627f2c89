package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
)

//go:embed ui/templates/*.html
var templateFS embed.FS

//go:embed ui/static
var staticFS embed.FS

// pages holds the parsed page templates and the versions of the static
// assets.
type pages struct {
	byName  map[string]*template.Template
	version map[string]string // asset name → hash of its content
	bufs    sync.Pool
}

// view is what every page template gets: the page title, the section of
// the navigation it is in, the search box's text, and the page's data.
type view struct {
	Title   string
	Section string
	Query   string
	Data    any
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Message string
}

// loadPages parses every page template with the layout.
func loadPages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}, version: map[string]string{}}
	p.bufs.New = func() any { return new(bytes.Buffer) }
	err := fs.WalkDir(staticFS, "ui/static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		p.version[strings.TrimPrefix(name, "ui/static/")] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static assets: %w", err)
	}
	base, err := template.New("layout").Funcs(p.funcs()).ParseFS(templateFS, "ui/templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "ui/templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// render writes the page called name with status code. The page is
// rendered whole before anything is sent, so that a failing template
// sends nothing and can be answered with a clean error.
func (p *pages) render(w http.ResponseWriter, code int, name string, v *view) error {
	t := p.byName[name]
	if t == nil {
		return fmt.Errorf("no page template %q", name)
	}
	buf := p.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer p.bufs.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		return fmt.Errorf("render page %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(code)
	w.Write(buf.Bytes())
	return nil
}

// serveStatic serves an embedded asset. Pages name assets with their
// content's hash (?v=), so a versioned request is cached for a year.
func (p *pages) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	v, ok := p.version[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, err := staticFS.ReadFile("ui/static/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	if r.URL.Query().Get("v") == v {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", `"`+v+`"`)
	if r.Header.Get("If-None-Match") == `"`+v+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(b)
}

// funcs are the helpers the templates use.
func (p *pages) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) string { return "/static/" + name + "?v=" + p.version[name] },
		"days":  days,
		"pct":   func(f float64) string { return fmt.Sprintf("%.0f%%", math.Round(100*f)) },
		"short": func(id string) string { return id[:min(8, len(id))] },
		"plural": func(n int, word string) string {
			if n == 1 {
				return "1 " + word
			}
			return fmt.Sprintf("%d %ss", n, word)
		},
		"query":     func(v url.Values) string { return "?" + v.Encode() },
		"httpURL":   httpURL,
		"snippet":   snippet,
		"typeName":  typeName,
		"join":      strings.Join,
		"json":      indentJSON,
		"paragraph": func(s string) string { return strings.Join(strings.Fields(s), " ") },
	}
}

// days shows an event's or story's dates: one day, a range, or "undated".
func days(start, end string) string {
	switch {
	case start == "" && end == "":
		return "undated"
	case end == "" || end == start:
		return start
	case start == "":
		return end
	}
	return start + " – " + end
}

// httpURL returns u when it is an absolute http or https URL, else "":
// articles' URLs are links only when they are web addresses.
func httpURL(u string) string {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	return pu.String()
}

// snip is a piece of a search snippet: Match tells that the store marked
// it as matching the query.
type snip struct {
	Text  string
	Match bool
}

// snippet splits a search snippet at its [ and ] marks.
func snippet(s string) []snip {
	var out []snip
	for s != "" {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			break
		}
		if i > 0 {
			out = append(out, snip{Text: s[:i]})
		}
		out = append(out, snip{Text: s[i+1 : i+j], Match: true})
		s = s[i+j+1:]
	}
	if s != "" {
		out = append(out, snip{Text: s})
	}
	return out
}

// typeName is an entity type in words.
func typeName(t string) string {
	switch t {
	case "PER":
		return "person"
	case "ORG":
		return "organisation"
	case "LOC":
		return "place"
	case "MISC":
		return "other"
	}
	return t
}

// indentJSON is v as indented JSON, for the evidence of a decision.
func indentJSON(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}
