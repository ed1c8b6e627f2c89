package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// config is what run measures: the server, the clients and how long.
type config struct {
	base     string
	clients  int
	duration time.Duration
	max      int
	seed     uint64
	zipf     bool    // pick IDs by popularity (Zipf, s = 1.1, in list order) rather than uniformly
	rate     float64 // requests per second in all, paced; 0: each client sends its next request at once
}

// ids are what the routes ask for, read from the API before timing.
type ids struct {
	stories, events, entities, articles, words []string
}

// route is one kind of request: a name and how to make its path.
type route struct {
	name string
	path func(p picker, x *ids) string
}

// picker picks an item of a list: uniformly, or by popularity.
type picker struct {
	rng  *rand.Rand
	zipf bool
}

func (p picker) intn(n int) int {
	if !p.zipf || n < 2 {
		return p.rng.IntN(n)
	}
	return int(rand.NewZipf(p.rng, 1.1, 1, uint64(n-1)).Uint64())
}

func pick(p picker, list []string) string { return list[p.intn(len(list))] }

// routes are the main pages and API calls, asked for in turn.
var routes = []route{
	{"page /", func(picker, *ids) string { return "/" }},
	{"page /stories/{id}", func(r picker, x *ids) string { return "/stories/" + pick(r, x.stories) }},
	{"page /events/{id}", func(r picker, x *ids) string { return "/events/" + pick(r, x.events) }},
	{"page /entities/{id}", func(r picker, x *ids) string { return "/entities/" + pick(r, x.entities) }},
	{"page /articles/{id}", func(r picker, x *ids) string { return "/articles/" + pick(r, x.articles) }},
	{"page /search", func(r picker, x *ids) string { return "/search?q=" + url.QueryEscape(pick(r, x.words)) }},
	{"page /events?offset", func(r picker, x *ids) string { return fmt.Sprintf("/events?offset=%d", 50*r.intn(20)) }},
	{"api /api/stories", func(r picker, x *ids) string { return fmt.Sprintf("/api/stories?offset=%d", 50*r.intn(10)) }},
	{"api /api/stories/{id}", func(r picker, x *ids) string { return "/api/stories/" + pick(r, x.stories) }},
	{"api /api/events?entity", func(r picker, x *ids) string { return "/api/events?entity=" + pick(r, x.entities) }},
	{"api /api/events/{id}", func(r picker, x *ids) string { return "/api/events/" + pick(r, x.events) }},
	{"api /api/articles?offset", func(r picker, x *ids) string {
		return fmt.Sprintf("/api/articles?offset=%d", r.intn(len(x.articles)))
	}},
	{"api /api/articles/{id}", func(r picker, x *ids) string { return "/api/articles/" + pick(r, x.articles) }},
	{"api /api/entities", func(r picker, x *ids) string { return fmt.Sprintf("/api/entities?offset=%d", 50*r.intn(20)) }},
	{"api /api/entities/{id}", func(r picker, x *ids) string { return "/api/entities/" + pick(r, x.entities) }},
	{"api /api/search", func(r picker, x *ids) string { return "/api/search?q=" + url.QueryEscape(pick(r, x.words)) }},
	{"api /api/timeline?entity", func(r picker, x *ids) string { return "/api/timeline?entity=" + pick(r, x.entities) }},
}

// sample is one timed request.
type sample struct {
	route  int
	d      time.Duration
	err    bool
	cached bool
}

func run(cfg config, out io.Writer) error {
	u, err := url.Parse(cfg.base)
	if err != nil {
		return fmt.Errorf("url %s: %w", cfg.base, err)
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("url %s: loadgen only talks to loopback addresses", cfg.base)
	}
	if cfg.duration > 10*time.Minute || cfg.clients < 1 || cfg.clients > 500 {
		return fmt.Errorf("want 1–500 clients for at most 10 minutes")
	}
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: cfg.clients, MaxConnsPerHost: cfg.clients},
	}
	x, err := discover(client, cfg.base)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "ids: %d stories, %d events, %d entities, %d articles, %d search words\n",
		len(x.stories), len(x.events), len(x.entities), len(x.articles), len(x.words))

	samples := make(chan sample, 4096)
	deadline := time.Now().Add(cfg.duration)
	var mu sync.Mutex
	budget := cfg.max
	var wg sync.WaitGroup
	for c := range cfg.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.seed, uint64(c)))
			p := picker{rng, cfg.zipf}
			// Paced, each client sends a request every clients/rate
			// seconds, from a random start; a request is timed from when
			// it was due, so that a slow server cannot hide its queue by
			// holding the clients back.
			var every time.Duration
			due := time.Now()
			if cfg.rate > 0 {
				every = time.Duration(float64(cfg.clients) / cfg.rate * float64(time.Second))
				due = due.Add(time.Duration(rng.Int64N(int64(every))))
			}
			for i := rng.IntN(len(routes)); time.Now().Before(deadline); i++ {
				if every > 0 {
					time.Sleep(time.Until(due))
				}
				mu.Lock()
				budget--
				stop := budget < 0
				mu.Unlock()
				if stop {
					return
				}
				r := i % len(routes)
				path := routes[r].path(p, x)
				t0 := time.Now()
				if every > 0 {
					t0 = due
					due = due.Add(every)
				}
				res, err := client.Get(cfg.base + path)
				s := sample{route: r, err: err != nil}
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					s.err = err != nil || res.StatusCode != 200
					s.cached = res.Header.Get("X-Cache") == "hit"
				}
				s.d = time.Since(t0)
				samples <- s
			}
		}()
	}
	go func() { wg.Wait(); close(samples) }()
	start := time.Now()
	by := make([][]time.Duration, len(routes))
	errs := make([]int, len(routes))
	hits := make([]int, len(routes))
	var all []time.Duration
	for s := range samples {
		by[s.route] = append(by[s.route], s.d)
		all = append(all, s.d)
		if s.err {
			errs[s.route]++
		}
		if s.cached {
			hits[s.route]++
		}
	}
	elapsed := time.Since(start)
	dist := "uniformly"
	if cfg.zipf {
		dist = "by popularity (Zipf 1.1)"
	}
	pace := "each sending its next request as soon as it has the answer"
	if cfg.rate > 0 {
		pace = fmt.Sprintf("paced at %.0f requests/s in all, timed from when each request was due", cfg.rate)
	}
	fmt.Fprintf(out, "%d clients %s, IDs picked %s, %s, %d requests, %.0f requests/s\n\n", cfg.clients, pace, dist, elapsed.Round(time.Second), len(all), float64(len(all))/elapsed.Seconds())
	fmt.Fprintln(out, "| route | requests | errors | cached | p50 ms | p95 ms | p99 ms | max ms |")
	fmt.Fprintln(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	totalErr, totalHit := 0, 0
	for i, r := range routes {
		fmt.Fprintf(out, "| %s | %d | %d | %s | %s |\n", r.name, len(by[i]), errs[i], share(hits[i], len(by[i])), percentiles(by[i]))
		totalErr += errs[i]
		totalHit += hits[i]
	}
	fmt.Fprintf(out, "| all | %d | %d | %s | %s |\n", len(all), totalErr, share(totalHit, len(all)), percentiles(all))
	return nil
}

func share(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(of))
}

// percentiles formats p50, p95, p99 and max of ds in milliseconds.
func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "- | - | - | -"
	}
	slices.Sort(ds)
	p := func(q float64) string {
		return fmt.Sprintf("%.1f", float64(ds[min(len(ds)-1, int(q*float64(len(ds))))].Microseconds())/1000)
	}
	return p(0.50) + " | " + p(0.95) + " | " + p(0.99) + " | " + p(1)
}

// discover reads IDs to ask for from the API: stories, events and
// entities from the first pages of their lists, articles from pages
// spread over the store, and search words from entity names.
func discover(client *http.Client, base string) (*ids, error) {
	x := &ids{}
	get := func(path string, v any) error {
		res, err := client.Get(base + path)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("GET %s: %s", path, res.Status)
		}
		return json.NewDecoder(res.Body).Decode(v)
	}
	type page struct {
		Items []struct{ ID, Name string }
		Next  *string
	}
	collect := func(path string, pages int, dst *[]string, names *[]string) error {
		for p := 0; p < pages && path != ""; p++ {
			var pg page
			if err := get(path, &pg); err != nil {
				return err
			}
			for _, it := range pg.Items {
				*dst = append(*dst, it.ID)
				if names != nil && it.Name != "" {
					f := strings.Fields(it.Name)
					*names = append(*names, f[len(f)-1])
				}
			}
			path = ""
			if pg.Next != nil {
				path = *pg.Next
			}
		}
		return nil
	}
	if err := collect("/api/stories?limit=500", 4, &x.stories, nil); err != nil {
		return nil, err
	}
	if err := collect("/api/events?limit=500", 4, &x.events, nil); err != nil {
		return nil, err
	}
	if err := collect("/api/entities?limit=500", 4, &x.entities, &x.words); err != nil {
		return nil, err
	}
	var counts struct{ Items []struct{ ID string } }
	for off := 0; ; off += 5000 {
		before := len(x.articles)
		if err := get(fmt.Sprintf("/api/articles?limit=100&offset=%d", off), &counts); err != nil {
			return nil, err
		}
		for _, it := range counts.Items {
			x.articles = append(x.articles, it.ID)
		}
		if len(x.articles) == before {
			break
		}
	}
	if len(x.stories) == 0 || len(x.events) == 0 || len(x.entities) == 0 || len(x.articles) == 0 {
		return nil, fmt.Errorf("the store has too little to ask for: %d stories, %d events, %d entities, %d articles",
			len(x.stories), len(x.events), len(x.entities), len(x.articles))
	}
	return x, nil
}
