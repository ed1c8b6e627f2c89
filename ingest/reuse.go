package ingest

import (
	"context"
	"fmt"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/reuse"
)

// detector wraps the reuse Detector for one ingest run: it knows the
// texts of the articles observed but not yet stored.
type detector struct {
	d       *reuse.Detector
	pending map[string]string // id -> text of the batch being built
}

// loadDetector builds the reuse index from the store. Articles stored
// before reuse detection existed are compared and indexed now, in ingest
// order, and their findings stored.
func loadDetector(ctx context.Context, store storyline.Store) (*detector, error) {
	det := &detector{pending: map[string]string{}}
	det.d = reuse.NewDetector(func(id string) (string, error) {
		if t, ok := det.pending[id]; ok {
			return t, nil
		}
		return store.Text(context.WithoutCancel(ctx), id)
	}, 0)
	var unindexed []string
	err := store.ReuseEntries(ctx, func(e storyline.ReuseEntry) error {
		if !e.Indexed {
			unindexed = append(unindexed, e.ID)
			return nil
		}
		det.d.Load(e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load reuse index: %w", err)
	}
	const batch = 500
	for i := 0; i < len(unindexed); i += batch {
		var arts []*storyline.Article
		for _, id := range unindexed[i:min(i+batch, len(unindexed))] {
			a, err := store.Article(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("index stored article: %w", err)
			}
			a.Reuse = nil // the collapsed view; Observe sets the stored links
			if err := det.observe(a, nil); err != nil {
				return nil, err
			}
			arts = append(arts, a)
		}
		if err := store.PutReuse(ctx, arts); err != nil {
			return nil, fmt.Errorf("index stored articles: %w", err)
		}
		det.flushed()
	}
	return det, nil
}

// observe runs reuse detection on a, which will be stored next.
func (det *detector) observe(a *storyline.Article, sig *reuse.Signature) error {
	if err := det.d.Observe(a, sig); err != nil {
		return err
	}
	det.pending[a.ID] = a.Text
	return nil
}

// flushed tells that the pending articles are stored.
func (det *detector) flushed() { clear(det.pending) }
