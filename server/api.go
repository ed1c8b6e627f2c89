package server

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

//go:embed openapi.json
var openAPI []byte

// route is one endpoint: the method and path pattern of net/http's
// ServeMux (the path also as OpenAPI writes it) and its handler.
type route struct {
	method, path string
	handler      func(s *Server) http.HandlerFunc
}

// apiRoutes are the JSON API's endpoints; every one is in openapi.json
// (a test checks it).
var apiRoutes = []route{
	{"GET", "/api/openapi.json", func(s *Server) http.HandlerFunc { return serveOpenAPI }},
	{"GET", "/api/stories", (*Server).apiStories},
	{"GET", "/api/stories/{id}", (*Server).apiStory},
	{"GET", "/api/events", (*Server).apiEvents},
	{"GET", "/api/events/{id}", (*Server).apiEvent},
	{"GET", "/api/articles", (*Server).apiArticles},
	{"GET", "/api/articles/{id}", (*Server).apiArticle},
	{"GET", "/api/entities", (*Server).apiEntities},
	{"GET", "/api/entities/{id}", (*Server).apiEntity},
	{"GET", "/api/search", (*Server).apiSearch},
	{"GET", "/api/timeline", (*Server).apiTimeline},
	{"POST", "/api/ingest", (*Server).apiIngest},
}

// routes returns the handler of every endpoint, API and pages.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, r := range apiRoutes {
		mux.HandleFunc(r.method+" "+r.path, r.handler(s))
	}
	for _, r := range pageRoutes {
		mux.HandleFunc(r.method+" "+r.path, r.handler(s))
	}
	mux.HandleFunc("/", s.noRoute)
	return mux
}

// noRoute answers a request no route takes: 405 when the path is a
// route's with another method, else 404.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, rt := range append(apiRoutes[:len(apiRoutes):len(apiRoutes)], pageRoutes...) {
		if pathMatches(rt.path, r.URL.Path) {
			allow = append(allow, rt.method)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.fail(w, r, &httpError{http.StatusMethodNotAllowed, r.Method + " is not allowed here; use " + strings.Join(allow, " or ")})
		return
	}
	what := "no page at " + r.URL.Path
	if strings.HasPrefix(r.URL.Path, "/api/") {
		what = "no such endpoint: " + r.URL.Path + " (see /api/openapi.json)"
	}
	s.fail(w, r, &httpError{http.StatusNotFound, what})
}

// pathMatches tells whether path matches a route's pattern, whose
// {wildcards} match one segment ({name...} the rest, {$} the end).
func pathMatches(pattern, path string) bool {
	ps, ss := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, p := range ps {
		switch {
		case p == "{$}":
			return i == len(ss)-1 && ss[i] == ""
		case strings.HasSuffix(p, "...}"):
			return i < len(ss)
		case i >= len(ss):
			return false
		case strings.HasPrefix(p, "{"):
			if ss[i] == "" {
				return false
			}
		case p != ss[i]:
			return false
		}
	}
	return len(ps) == len(ss)
}

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPI)
}

// apiError is the body of every API error.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// listBody is the body of every API list: one page of items, and the URL of
// the next page (null on the last).
type listBody struct {
	Items  any     `json:"items"`
	Limit  int     `json:"limit"`
	Offset int     `json:"offset"`
	Next   *string `json:"next"`
}

// writeJSON writes v as JSON with status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		b, _ = json.Marshal(apiError{Error: "internal error: response did not encode", Status: code})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(b)
	w.Write([]byte("\n"))
}

// api adapts a function that returns a response body or an error.
func (s *Server) api(f func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := f(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

// listPage makes the list body for items, with the next page's URL.
func listPage(r *http.Request, q listQuery, items any, more bool) listBody {
	l := listBody{Items: items, Limit: q.Limit, Offset: q.Offset}
	if n := q.next(r.URL.Query(), more); n != nil {
		u := (&url.URL{Path: r.URL.Path, RawQuery: n.Encode()}).String()
		l.Next = &u
	}
	return l
}

// listRequest parses a list request's parameters and resolves its entity.
func (s *Server) listRequest(r *http.Request, def int) (listQuery, error) {
	q, err := parseList(r.URL.Query(), def)
	if err != nil {
		return q, err
	}
	return q, s.resolveEntity(r.Context(), &q)
}

func (s *Server) apiStories() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) {
		q, err := s.listRequest(r, defaultLimit)
		if err != nil {
			return nil, err
		}
		l, m, err := s.stories(r.Context(), q)
		return listPage(r, q, show.OrEmpty(l), m), err
	})
}

func (s *Server) apiStory() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) { return show.Story(r.Context(), s.store, r.PathValue("id")) })
}

func (s *Server) apiEvents() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) {
		q, err := s.listRequest(r, defaultLimit)
		if err != nil {
			return nil, err
		}
		l, m, err := s.events(r.Context(), q, r.URL.Query())
		return listPage(r, q, show.OrEmpty(l), m), err
	})
}

func (s *Server) apiEvent() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) { return show.Event(r.Context(), s.store, r.PathValue("id")) })
}

func (s *Server) apiArticles() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) {
		q, err := s.listRequest(r, defaultLimit)
		if err != nil {
			return nil, err
		}
		l, m, err := s.articles(r.Context(), q, r.URL.Query())
		return listPage(r, q, show.OrEmpty(l), m), err
	})
}

func (s *Server) apiArticle() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) { return show.Article(r.Context(), s.store, r.PathValue("id")) })
}

func (s *Server) apiEntities() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) {
		q, err := parseList(r.URL.Query(), defaultLimit)
		if err != nil {
			return nil, err
		}
		l, m, err := s.entities(r.Context(), q, r.URL.Query())
		return listPage(r, q, show.OrEmpty(l), m), err
	})
}

func (s *Server) apiEntity() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) {
		return show.Entity(r.Context(), s.store, r.PathValue("id"), s.sources)
	})
}

func (s *Server) apiSearch() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) {
		q, err := parseList(r.URL.Query(), 20)
		if err != nil {
			return nil, err
		}
		text, err := textParam(r.URL.Query(), "q")
		if err != nil {
			return nil, err
		}
		res, m, err := s.search(r.Context(), text, q)
		if err != nil {
			return nil, err
		}
		return struct {
			Query    string             `json:"query"`
			Entities []storyline.Entity `json:"entities"`
			listBody
		}{res.Query, res.Entities, listPage(r, q, res.Hits, m)}, nil
	})
}

func (s *Server) apiTimeline() http.HandlerFunc {
	return s.api(func(r *http.Request) (any, error) {
		q, err := s.listRequest(r, maxLimit)
		if err != nil {
			return nil, err
		}
		story, err := textParam(r.URL.Query(), "story")
		if err != nil {
			return nil, err
		}
		return s.timeline(r.Context(), q, story)
	})
}
