package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/pubdate"
	"github.com/storyline/storyline/reuse"
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
	unannotated, err := store.Unannotated(ctx)
	if err != nil {
		return nil, fmt.Errorf("load entities: %w", err)
	}
	const batch = 500
	for i := 0; i < len(unannotated); i += batch {
		var arts []*storyline.Article
		for _, id := range unannotated[i:min(i+batch, len(unannotated))] {
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

// dateFromLinks dates undated articles by the articles they copy or
// share text with: a copy or a later version is published on or after its
// source, and its text's weekday mentions tell which day
// (pubdate.FromSource). An undated new article a takes the date of its
// group's origin or, if it copies none, of the article it shares most
// text with; a dated a dates the undated articles it is linked to, in the
// batch or stored (those are appended to redated, to be stored again), so
// that the dates do not depend on which came first. Dates found so are
// flagged inferred and the articles' time expressions resolved again.
//
// queued returns a stored article still held in memory (waiting for its
// event), nil if none: that copy is the one to date.
func dateFromLinks(store storyline.Store, det *reuse.Detector, batch []*storyline.Article, queued func(id string) *storyline.Article, a *storyline.Article, redated *[]*storyline.Article) error {
	article := func(id string) (*storyline.Article, bool, error) {
		for _, b := range batch {
			if b.ID == id {
				return b, true, nil
			}
		}
		if q := queued(id); q != nil {
			return q, false, nil
		}
		s, err := store.Article(context.Background(), id)
		if errors.Is(err, storyline.ErrNotFound) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("date %s by %s: %w", a.ID, id, err)
		}
		return s, false, nil
	}
	if a.Published == "" {
		src := a.DuplicateOf
		if src == "" {
			best := 0.0
			for _, l := range a.Reuse {
				if l.Share > best {
					src, best = l.Of, l.Share
				}
			}
		}
		if src == "" {
			return nil
		}
		s, _, err := article(src)
		if err != nil || s == nil {
			return err
		}
		if s.DatedBy != storyline.DatedByEvent { // a guess from a clustering is no source
			date(a, s.Published)
		}
		return nil
	}
	for _, l := range a.Reuse {
		if !det.Undated(l.Of) {
			continue // dated when it came: nothing to do
		}
		s, inBatch, err := article(l.Of)
		if err != nil {
			return err
		}
		if s == nil || (s.Published != "" && s.DatedBy != storyline.DatedByEvent) {
			continue // dated by its own evidence (one from its event gives way)
		}
		if date(s, a.Published) && !inBatch {
			*redated = append(*redated, s)
		}
	}
	return nil
}

// date gives a, undated, the date pubdate.FromSource finds from a source
// published then, and tells whether it did.
func date(a *storyline.Article, published string) bool {
	d, ok := pubdate.FromSource(a.Text, published)
	if ok {
		a.Published, a.PublishedInferred, a.DatedBy = d, true, storyline.DatedBySource
		annotate.Date(a)
	}
	return ok
}
