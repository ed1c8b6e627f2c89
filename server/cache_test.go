package server

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/ingest"
	"github.com/storyline/storyline/show"
)

// countingStore counts the calls that answer the story list and an
// event; gate, when set, holds Stories until closed.
type countingStore struct {
	storyline.Store
	stories, events atomic.Int32
	gate            chan struct{}
}

func (c *countingStore) Stories(ctx context.Context, f storyline.StoryFilter) ([]storyline.Story, error) {
	c.stories.Add(1)
	if c.gate != nil {
		<-c.gate
	}
	return c.Store.Stories(ctx, f)
}

func (c *countingStore) Event(ctx context.Context, key string) (*storyline.Event, error) {
	c.events.Add(1)
	return c.Store.Event(ctx, key)
}

func countingServer(t *testing.T, ttl time.Duration) (*Server, *countingStore) {
	t.Helper()
	_, store := emptyServer(t, Options{})
	cs := &countingStore{Store: store}
	srv, err := New(cs, Options{Addr: "127.0.0.1:0", CacheTTL: ttl})
	if err != nil {
		t.Fatal(err)
	}
	return srv, cs
}

func TestResponseCache(t *testing.T) {
	srv, cs := countingServer(t, time.Minute)
	get := func(target string) (string, string) {
		res, body := do(t, srv, request("GET", target, nil))
		return res.Header.Get("X-Cache"), body
	}
	how1, body1 := get("/")
	how2, body2 := get("/")
	if how1 != "miss" || how2 != "hit" || body1 != body2 || cs.stories.Load() != 1 {
		t.Errorf("GET / twice: %s then %s, %d calls, same body %v", how1, how2, cs.stories.Load(), body1 == body2)
	}
	if how, _ := get("/?limit=10"); how != "miss" {
		t.Errorf("another query: %s", how)
	}
	get("/events/nope")
	get("/events/nope")
	if n := cs.events.Load(); n != 2 {
		t.Errorf("a 404 was cached: %d calls", n)
	}
	// The server's own ingest empties it.
	req := request("POST", "/api/ingest?name=a.jsonl", strings.NewReader(oneArticle))
	req.Header.Set("Content-Type", "application/x-ndjson")
	if res, body := do(t, srv, req); res.StatusCode != 200 {
		t.Fatalf("ingest: %d %s", res.StatusCode, body)
	}
	if how, body := get("/"); how != "miss" || body == body1 {
		t.Errorf("after an ingest: %s, %q", how, body)
	}
	// Assets are not kept twice.
	if res, _ := do(t, srv, request("GET", "/static/app.js", nil)); res.Header.Get("X-Cache") != "" {
		t.Errorf("an asset went through the cache")
	}
}

// TestResponseCacheSeesOthers checks that an ingest by another process
// empties the cache once the server looks.
func TestResponseCacheSeesOthers(t *testing.T) {
	srv, store := emptyServer(t, Options{})
	ctx := context.Background()
	srv.look(ctx)
	do(t, srv, request("GET", "/articles", nil))
	if res, _ := do(t, srv, request("GET", "/articles", nil)); res.Header.Get("X-Cache") != "hit" {
		t.Fatal("not cached")
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/a.jsonl", []byte(oneArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(ctx, store, ingest.PlanInputs([]string{dir}), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	srv.look(ctx)
	res, body := do(t, srv, request("GET", "/articles", nil))
	if res.Header.Get("X-Cache") != "miss" || !strings.Contains(body, "Blinken in Cairo") {
		t.Errorf("after another's ingest: %s, %q", res.Header.Get("X-Cache"), body)
	}
}

func TestResponseCacheExpires(t *testing.T) {
	for _, tc := range []struct {
		ttl   time.Duration
		calls int32
	}{{20 * time.Millisecond, 2}, {-1, 3}} {
		srv, cs := countingServer(t, tc.ttl)
		do(t, srv, request("GET", "/api/stories", nil))
		time.Sleep(30 * time.Millisecond)
		do(t, srv, request("GET", "/api/stories", nil))
		do(t, srv, request("GET", "/api/stories", nil))
		if n := cs.stories.Load(); n != tc.calls {
			t.Errorf("TTL %v: %d store calls for 3 requests, want %d", tc.ttl, n, tc.calls)
		}
	}
}

// TestResponseCacheOneMiss checks that concurrent requests for one URL
// run the handler once.
func TestResponseCacheOneMiss(t *testing.T) {
	srv, cs := countingServer(t, time.Minute)
	cs.gate = make(chan struct{})
	var wg sync.WaitGroup
	bodies := make([]string, 20)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, request("GET", "/api/stories", nil))
			bodies[i] = rec.Body.String()
		}()
	}
	time.Sleep(20 * time.Millisecond) // let them queue up; the count holds either way
	close(cs.gate)
	wg.Wait()
	if n := cs.stories.Load(); n != 1 {
		t.Errorf("%d store calls for 20 concurrent requests", n)
	}
	for _, b := range bodies {
		if b != bodies[0] || !strings.Contains(b, `"items"`) {
			t.Fatalf("answers differ: %q", b)
		}
	}
}

// TestCopyIndex checks the independent sources of entities against the
// store's own articles, after the server's ingests and another's.
func TestCopyIndex(t *testing.T) {
	srv, store := emptyServer(t, Options{CacheTTL: -1})
	ctx := context.Background()
	seed, err := os.ReadFile(seedsDir + "/003_a598c9c48d0379d8.txt")
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string, want, articles int) {
		t.Helper()
		es, err := store.Entities(ctx, storyline.EntityFilter{Name: "Blinken", Type: storyline.PER, Limit: 1})
		if err != nil || len(es) == 0 {
			t.Fatalf("%s: no Blinken: %v", when, err)
		}
		var e show.EntityDetail
		res, body := do(t, srv, request("GET", "/api/entities/"+url.PathEscape(es[0].ID), nil))
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", when, res.StatusCode, body)
		}
		json.Unmarshal([]byte(body), &e)
		arts, err := store.Articles(ctx, storyline.ArticleFilter{Entity: e.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got := storyline.CountSources(arts); e.Sources != got.Independent || e.Sources != want || len(e.Entity.Articles) != got.Articles || got.Articles != articles {
			t.Errorf("%s: %d sources of %d articles; the store has %+v, want %d of %d", when, e.Sources, len(e.Entity.Articles), got, want, articles)
		}
	}
	// Through the server: the seed, then a copy of it.
	post := func(name, body string) {
		req := request("POST", "/api/ingest?name="+name, strings.NewReader(body))
		req.Header.Set("Content-Type", "text/plain")
		if res, out := do(t, srv, req); res.StatusCode != 200 {
			t.Fatalf("ingest %s: %d %s", name, res.StatusCode, out)
		}
	}
	post("seed.txt", string(seed))
	check("one article", 1, 1)
	post("copy.txt", string(seed)+"\nReporting by the wire desk.\n")
	check("and its copy", 1, 2)
	// Another process ingests a second copy: counted as one source once
	// the server looks.
	dir := t.TempDir()
	other := string(seed) + "\nMore reporting by a second desk.\n"
	if err := os.WriteFile(dir+"/other.txt", []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(ctx, store, ingest.PlanInputs([]string{dir}), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	srv.look(ctx)
	check("after another's ingest", 1, 3)
}
