package ingest

import (
	"context"
	"fmt"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
)

// loadAnnotator makes the annotator with the entities already stored.
// Articles stored before entity recognition existed are tagged and
// resolved now, in ingest order, and those stored before time
// expressions existed dated; their annotations are stored.
func loadAnnotator(ctx context.Context, store storyline.Store) (*annotate.Annotator, error) {
	an, err := annotate.New()
	if err != nil {
		return nil, err
	}
	err = store.EachEntity(ctx, func(e *storyline.Entity) error {
		an.Load(*e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entities: %w", err)
	}
	untagged, err := store.Unannotated(ctx)
	if err != nil {
		return nil, fmt.Errorf("load entities: %w", err)
	}
	const batch = 500
	for i := 0; i < len(untagged); i += batch {
		var arts []*storyline.Article
		for _, id := range untagged[i:min(i+batch, len(untagged))] {
			a, err := store.Article(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("tag stored article: %w", err)
			}
			if a.Entities == nil {
				an.Recognise(a)
				an.Resolve(a)
			} else {
				annotate.Date(a)
			}
			arts = append(arts, a)
		}
		if err := store.PutAnnotations(ctx, arts); err != nil {
			return nil, fmt.Errorf("tag stored articles: %w", err)
		}
	}
	return an, nil
}
