package server

import (
	"bytes"
	"container/list"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of the response cache.
const (
	DefaultCacheTTL   = 5 * time.Minute
	defaultCacheBytes = 64 << 20
)

// responseCache keeps the successful answers to GET requests (pages and
// API alike: none depends on who asks) for at most its TTL, by URL, least
// recently used first out when it holds more than its bytes. The server
// empties it when the store changes (Server.changed); a change that adds
// no article nor ref (the command line's recluster) shows after the TTL.
// Concurrent misses of one URL are answered by one handler run.
type responseCache struct {
	ttl      time.Duration
	maxBytes int

	mu     sync.Mutex
	bytes  int
	lru    *list.List // of *cached, most recent first
	byKey  map[string]*list.Element
	flight map[string]*cacheFlight
	gen    uint64 // bumped by reset: answers begun before it are not kept
}

type cached struct {
	key         string
	at          time.Time
	contentType string
	body        []byte
}

type cacheFlight struct {
	done chan struct{}
	c    *cached // nil when the answer was not cacheable
}

func newResponseCache(ttl time.Duration, maxBytes int) *responseCache {
	return &responseCache{ttl: ttl, maxBytes: maxBytes, lru: list.New(),
		byKey: map[string]*list.Element{}, flight: map[string]*cacheFlight{}}
}

// wrap serves GET requests from the cache when it can.
func (rc *responseCache) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, "/static/") {
			h.ServeHTTP(w, r) // assets are in memory and carry their own caching headers
			return
		}
		key := r.URL.RequestURI()
		rc.mu.Lock()
		if c := rc.fresh(key); c != nil {
			rc.mu.Unlock()
			rc.write(w, c, "hit")
			return
		}
		if f, ok := rc.flight[key]; ok {
			rc.mu.Unlock()
			select {
			case <-f.done:
				if f.c != nil {
					rc.write(w, f.c, "hit")
					return
				}
			case <-r.Context().Done():
				return
			}
			h.ServeHTTP(w, r) // the other answer was an error: make our own
			return
		}
		f := &cacheFlight{done: make(chan struct{})}
		rc.flight[key] = f
		gen := rc.gen
		rc.mu.Unlock()

		rec := &recorder{ResponseWriter: w, code: http.StatusOK}
		w.Header().Set("X-Cache", "miss")
		defer func() {
			rc.mu.Lock()
			delete(rc.flight, key)
			if rec.code == http.StatusOK && !rec.tooBig && gen == rc.gen {
				f.c = &cached{key: key, at: time.Now(), contentType: w.Header().Get("Content-Type"), body: rec.buf.Bytes()}
				rc.add(f.c)
			}
			rc.mu.Unlock()
			close(f.done)
		}()
		rec.limit = rc.maxBytes / 16
		h.ServeHTTP(rec, r)
	})
}

// fresh returns the cached answer for key if it is younger than the TTL;
// rc.mu is held.
func (rc *responseCache) fresh(key string) *cached {
	e, ok := rc.byKey[key]
	if !ok {
		return nil
	}
	c := e.Value.(*cached)
	if time.Since(c.at) > rc.ttl {
		rc.remove(e)
		return nil
	}
	rc.lru.MoveToFront(e)
	return c
}

// add keeps c, dropping the least recently used answers over the bytes;
// rc.mu is held.
func (rc *responseCache) add(c *cached) {
	if e, ok := rc.byKey[c.key]; ok {
		rc.remove(e)
	}
	rc.byKey[c.key] = rc.lru.PushFront(c)
	rc.bytes += len(c.body)
	for rc.bytes > rc.maxBytes {
		rc.remove(rc.lru.Back())
	}
}

func (rc *responseCache) remove(e *list.Element) {
	c := rc.lru.Remove(e).(*cached)
	delete(rc.byKey, c.key)
	rc.bytes -= len(c.body)
}

// reset empties the cache: the store changed.
func (rc *responseCache) reset() {
	rc.mu.Lock()
	rc.lru.Init()
	clear(rc.byKey)
	rc.bytes = 0
	rc.gen++
	rc.mu.Unlock()
}

func (rc *responseCache) write(w http.ResponseWriter, c *cached, how string) {
	h := w.Header()
	h.Set("Content-Type", c.contentType)
	h.Set("Content-Length", strconv.Itoa(len(c.body)))
	h.Set("X-Cache", how)
	w.WriteHeader(http.StatusOK)
	w.Write(c.body)
}

// recorder passes an answer through and keeps a copy of its body, up to
// limit bytes.
type recorder struct {
	http.ResponseWriter
	code   int
	buf    bytes.Buffer
	limit  int
	tooBig bool
}

func (r *recorder) WriteHeader(code int) {
	r.code = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.tooBig {
		if r.buf.Len()+len(b) > r.limit {
			r.tooBig = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}
