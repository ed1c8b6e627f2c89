package server

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// copyIndex knows the origin of every stored copy, read from the store's
// reuse entries (about half a second per 100,000 articles), so that the
// independent sources among an entity's thousands of articles are counted
// without reading them. It is rebuilt after the server's own ingests, and
// in the background when the server sees that the store has grown
// (another process ingested: see Server.watch).
type copyIndex struct {
	store storyline.Store

	mu       sync.Mutex
	origin   map[string]string // copy ID → origin ID; nil until built
	articles int               // stored articles it was built from
	build    *copiesBuild      // the build under way, if any
}

type copiesBuild struct {
	done   chan struct{}
	origin map[string]string
	err    error
}

// sources counts the copy groups among the articles with these IDs.
func (x *copyIndex) sources(ctx context.Context, ids []string) (int, error) {
	origin, err := x.get(ctx)
	if err != nil {
		return 0, err
	}
	groups := make(map[string]struct{}, len(ids))
	for _, id := range ids {
		if o, ok := origin[id]; ok {
			id = o
		}
		groups[id] = struct{}{}
	}
	return len(groups), nil
}

// get returns the index, building it on first use.
func (x *copyIndex) get(ctx context.Context) (map[string]string, error) {
	x.mu.Lock()
	m := x.origin
	x.mu.Unlock()
	if m != nil {
		return m, nil
	}
	return x.rebuild(ctx)
}

// refresh rebuilds the index when it was built and the store now has
// another number of articles.
func (x *copyIndex) refresh(ctx context.Context, articles int) error {
	x.mu.Lock()
	stale := x.origin != nil && x.articles != articles
	x.mu.Unlock()
	if !stale {
		return nil
	}
	_, err := x.rebuild(ctx)
	return err
}

// rebuild reads the index anew; concurrent calls share one read.
func (x *copyIndex) rebuild(ctx context.Context) (map[string]string, error) {
	x.mu.Lock()
	b := x.build
	if b == nil {
		b = &copiesBuild{done: make(chan struct{})}
		x.build = b
		go func() {
			bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
			defer cancel()
			n, origin, err := x.read(bctx)
			x.mu.Lock()
			b.origin, b.err = origin, err
			if err == nil {
				x.origin, x.articles = origin, n
			}
			x.build = nil
			x.mu.Unlock()
			close(b.done)
		}()
	}
	x.mu.Unlock()
	select {
	case <-b.done:
		return b.origin, b.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// read returns the number of stored articles and the origin of each copy.
// Counting first, a concurrent ingest can only make the count low, which
// the next check mends.
func (x *copyIndex) read(ctx context.Context) (int, map[string]string, error) {
	c, err := x.store.Counts(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("copy index: %w", err)
	}
	origin := map[string]string{}
	err = x.store.ReuseEntries(ctx, func(e storyline.ReuseEntry) error {
		if e.DuplicateOf != "" {
			origin[e.ID] = e.DuplicateOf
		}
		return nil
	})
	if err != nil {
		return 0, nil, fmt.Errorf("copy index: %w", err)
	}
	return c.Articles, origin, nil
}
