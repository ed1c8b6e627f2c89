// Package server serves a storyline Store over HTTP: a JSON API under
// /api (every list and show of the command line, paginated and
// filterable, described by the OpenAPI document at /api/openapi.json) and
// a web UI of server-rendered pages (stories, events, entities, articles,
// search, an ingest form) whose assets are embedded, so that it works
// offline.
//
// Article text is hostile input. Pages are rendered with html/template,
// every response carries a strict Content-Security-Policy (no inline
// script or style), writes need the server's token whenever one is set
// (and one must be set when the server listens on a non-loopback
// address), the ingest form carries a CSRF token and cross-site writes are
// refused, and a server bound to loopback answers only requests whose
// Host names loopback (no DNS rebinding).
package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/ingest"
)

// DefaultAddr is the address storyline serve listens on by default.
const DefaultAddr = "127.0.0.1:8080"

// DefaultMaxUpload caps the bytes of one ingest request: 64 MiB.
const DefaultMaxUpload = 64 << 20

// ContentSecurityPolicy is sent with every response: no inline script or
// style, nothing from another origin, no framing.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// Options configure a Server. The zero value serves on loopback without a
// token.
type Options struct {
	// Addr is the address the server listens on; it decides whether a
	// token is required (any address but loopback) and which Host
	// headers are answered. Empty means DefaultAddr.
	Addr string
	// Token, when set, is required for every write (the ingest form and
	// POST /api/ingest): as "Authorization: Bearer TOKEN" or the form's
	// token field.
	Token string
	// MaxUpload caps the bytes of one ingest request; 0 means
	// DefaultMaxUpload.
	MaxUpload int64
	// Ingest tunes the ingest runs of uploads (MaxArticleBytes, Workers);
	// its callbacks are the server's own.
	Ingest ingest.Options
	// CacheTTL is how long a GET answer is served again from memory at
	// most; 0 means DefaultCacheTTL, a negative value turns the cache off.
	// Ingests through this server empty the cache at once, and those of
	// another process within a few seconds (see Server.watch).
	CacheTTL time.Duration
	// Log receives one line per failed request; nil logs nothing.
	Log *slog.Logger
}

// Server is the HTTP API and web UI over one Store. It is an
// http.Handler, safe for concurrent use.
type Server struct {
	store     storyline.Store
	opt       Options
	loopback  bool
	csrf      string // the ingest form's CSRF token, random per server
	handler   http.Handler
	pages     *pages
	cache     *responseCache // nil when off
	copies    *copyIndex
	watched   watched
	ingestSem chan struct{} // one ingest at a time: each run loads the reuse index
}

// New returns a Server over store. It refuses a non-loopback Addr without
// a Token.
func New(store storyline.Store, opt Options) (*Server, error) {
	if opt.Addr == "" {
		opt.Addr = DefaultAddr
	}
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.CacheTTL == 0 {
		opt.CacheTTL = DefaultCacheTTL
	}
	loopback, err := isLoopback(opt.Addr)
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", opt.Addr, err)
	}
	if !loopback && opt.Token == "" {
		return nil, fmt.Errorf("serve %s: not a loopback address, so writes need a token: give --token or set STORYLINE_TOKEN", opt.Addr)
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("serve %s: csrf token: %w", opt.Addr, err)
	}
	p, err := loadPages()
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", opt.Addr, err)
	}
	s := &Server{store: store, opt: opt, loopback: loopback, csrf: hex.EncodeToString(b[:]), pages: p,
		copies: &copyIndex{store: store}, ingestSem: make(chan struct{}, 1)}
	var h http.Handler = limit(max(4, 2*runtime.GOMAXPROCS(0)), s.routes())
	if opt.CacheTTL > 0 {
		s.cache = newResponseCache(opt.CacheTTL, defaultCacheBytes)
		h = s.cache.wrap(h)
	}
	s.handler = s.secure(h)
	return s, nil
}

// Warm reads what the server keeps of the store (the origins of copies)
// before the first request needs it, and notes the store's counts.
func (s *Server) Warm(ctx context.Context) error {
	s.look(ctx)
	_, err := s.copies.get(ctx)
	return err
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Serve serves h on ln until ctx is done, then shuts down gracefully,
// giving requests in flight up to 10 seconds.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // uploads
		WriteTimeout:      5 * time.Minute, // ingest of an upload
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		done <- hs.Shutdown(sctx)
	}()
	err := hs.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return <-done
	}
	return fmt.Errorf("serve %s: %w", ln.Addr(), err)
}

// watchEvery is how often the server asks the store whether another
// process changed it.
const watchEvery = 2 * time.Second

// watched is what the server last saw of the store's counts.
type watched struct {
	mu       sync.Mutex
	at       time.Time
	counts   storyline.ArticleCounts
	checking bool
}

// watch checks in the background, at most every watchEvery and only while
// requests come, whether the store's counts moved since the last look
// (another process ingested), and then empties the response cache and
// refreshes the copy index. The server's own ingests do so at once.
func (s *Server) watch() {
	w := &s.watched
	w.mu.Lock()
	if w.checking || time.Since(w.at) < watchEvery {
		w.mu.Unlock()
		return
	}
	w.checking = true
	w.mu.Unlock()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		s.look(ctx)
	}()
}

// look compares the store's counts with the last look, and drops what the
// server derived from the store when they moved.
func (s *Server) look(ctx context.Context) {
	w := &s.watched
	c, err := s.store.Counts(ctx)
	w.mu.Lock()
	moved := err == nil && !w.at.IsZero() && c != w.counts
	if err == nil {
		w.counts = c
	}
	w.at, w.checking = time.Now(), false
	w.mu.Unlock()
	if moved {
		if err := s.changed(ctx, c.Articles); err != nil && s.opt.Log != nil {
			s.opt.Log.Error("the store changed", "err", err)
		}
	}
}

// changed drops what the server derived from the store, which now has
// this many articles.
func (s *Server) changed(ctx context.Context, articles int) error {
	if s.cache != nil {
		s.cache.reset()
	}
	return s.copies.refresh(ctx, articles)
}

// limit lets at most n reads run at once; the others wait their turn, in
// order of arrival. On a few cores, fifty requests running at once take
// as long in all as fifty in turn, but they also queue inside the store's
// connection pool, which does not serve them in order: the unlucky ones
// wait many times the mean. Writes are not limited (ingest has its own
// turn, and may take minutes).
func limit(n int, h http.Handler) http.Handler {
	slots := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		select {
		case slots <- struct{}{}:
		case <-r.Context().Done():
			return
		}
		defer func() { <-slots }()
		h.ServeHTTP(w, r)
	})
}

// isLoopback tells whether the host of addr is a loopback address or
// "localhost". An empty host (all interfaces) is not.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("listen address: %w", err)
	}
	return loopbackHost(host), nil
}

// loopbackHost tells whether host (no port) names the loopback interface.
func loopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// secure wraps h: security headers on every response, the Host check of
// a loopback server, and the checks of every write (same origin, token).
func (s *Server) secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", ContentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		if s.loopback {
			host, _, err := net.SplitHostPort(r.Host)
			if err != nil {
				host = r.Host
			}
			if !loopbackHost(host) {
				s.fail(w, r, errForbidden("this server listens on loopback and answers only requests for localhost, 127.0.0.1 or [::1]"))
				return
			}
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			s.watch()
		default:
			if err := checkOrigin(r); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// checkOrigin refuses a write sent from another site. A browser says so
// in Sec-Fetch-Site (which pages cannot forge); one too old for that
// header is judged by Origin, which must then be this host (Chrome sends
// "Origin: null" for a same-origin form under Referrer-Policy:
// no-referrer, but also Sec-Fetch-Site). Scripts and curl send neither
// header and pass; the token is what guards them (checkToken, in every
// write handler), and the CSRF token guards the form.
func checkOrigin(r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		if site != "same-origin" && site != "none" {
			return errForbidden("cross-site write refused (Sec-Fetch-Site: " + site + ")")
		}
		return nil
	}
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host && o != "https://"+r.Host {
		return errForbidden("cross-origin write refused (Origin: " + o + ")")
	}
	return nil
}

// checkToken refuses a write when the server has a token and got (from
// the Authorization header or the form's token field) is not it.
func (s *Server) checkToken(got string) error {
	if s.opt.Token == "" {
		return nil
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.opt.Token)) != 1 {
		return &httpError{http.StatusUnauthorized, "this server needs its token for writes: send Authorization: Bearer TOKEN, or type it in the form"}
	}
	return nil
}

// httpError is an error with the HTTP status it answers with and a message
// that is safe to show.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func errBadRequest(format string, a ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

func errForbidden(msg string) error { return &httpError{http.StatusForbidden, msg} }

// status returns the HTTP status and the message to show for err: its own
// for an httpError, 404 for storyline.ErrNotFound, else 500 with a
// generic message (the error itself is logged, not shown).
func status(err error) (int, string) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return he.status, he.msg
	case errors.Is(err, storyline.ErrNotFound):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the request was cancelled"
	}
	return http.StatusInternalServerError, "internal error (the server's log has the details)"
}

// fail answers a request with err: JSON under /api, an HTML page
// elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := status(err)
	if s.opt.Log != nil && code >= 500 {
		s.opt.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, code, apiError{Error: msg, Status: code})
		return
	}
	if err := s.pages.render(w, code, "error", &view{Title: http.StatusText(code), Data: errorPage{Status: code, Message: msg}}); err != nil {
		http.Error(w, msg, code)
	}
}
