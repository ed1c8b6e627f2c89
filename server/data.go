package server

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

// This file gathers what the API and the pages show, from the Store, in
// one place: a handler of either kind calls one of these and encodes or
// renders the result.

// more trims a list fetched with one item beyond the limit and tells
// whether there was that item.
func more[T any](list []T, limit int) ([]T, bool) {
	if len(list) > limit {
		return list[:limit], true
	}
	return list, false
}

func (s *Server) stories(ctx context.Context, q listQuery) ([]storyline.Story, bool, error) {
	from, to := q.bounds()
	list, err := s.store.Stories(ctx, storyline.StoryFilter{Entity: q.Entity, Source: q.Source, From: from, To: to, Limit: q.Limit + 1, Offset: q.Offset})
	list, m := more(list, q.Limit)
	return list, m, err
}

// events lists events; besides q's filters, v may name a story.
func (s *Server) events(ctx context.Context, q listQuery, v url.Values) ([]storyline.Event, bool, error) {
	story, err := textParam(v, "story")
	if err != nil {
		return nil, false, err
	}
	from, to := q.bounds()
	list, err := s.store.Events(ctx, storyline.EventFilter{Story: story, Entity: q.Entity, Source: q.Source, From: from, To: to, Limit: q.Limit + 1, Offset: q.Offset})
	list, m := more(list, q.Limit)
	return list, m, err
}

// articles lists articles; besides q's filters, v may name an event or
// a story.
func (s *Server) articles(ctx context.Context, q listQuery, v url.Values) ([]show.ArticleItem, bool, error) {
	event, err := textParam(v, "event")
	if err != nil {
		return nil, false, err
	}
	story, err := textParam(v, "story")
	if err != nil {
		return nil, false, err
	}
	from, to := q.bounds()
	list, err := s.store.Articles(ctx, storyline.ArticleFilter{Event: event, Story: story, Entity: q.Entity, Source: q.Source,
		From: from, To: to, Limit: q.Limit + 1, Offset: q.Offset, Brief: true})
	list, m := more(list, q.Limit)
	return show.Items(list), m, err
}

// entityTypes are the entity types a list may filter on.
var entityTypes = []string{storyline.PER, storyline.ORG, storyline.LOC, storyline.MISC}

func (s *Server) entities(ctx context.Context, q listQuery, v url.Values) ([]storyline.Entity, bool, error) {
	f := storyline.EntityFilter{Limit: q.Limit + 1, Offset: q.Offset}
	var err error
	if f.Name, err = textParam(v, "name"); err != nil {
		return nil, false, err
	}
	f.Type = strings.ToUpper(v.Get("type"))
	if f.Type != "" && !slices.Contains(entityTypes, f.Type) {
		return nil, false, errBadRequest("type: %q is not one of PER, ORG, LOC, MISC", show.Clip(v.Get("type"), 20))
	}
	if key := v.Get("article"); key != "" {
		a, err := s.store.Article(ctx, key)
		if err != nil {
			return nil, false, err
		}
		f.Article = a.ID
	}
	list, err := s.store.Entities(ctx, f)
	list, m := more(list, q.Limit)
	return list, m, err
}

// SearchResult is one page of a full-text search over articles, best
// first, and on the first page the most mentioned entities named like the
// query.
type SearchResult struct {
	Query    string
	Entities []storyline.Entity
	Hits     []Hit
}

// Hit is one article that matches a search, with the matching part of its
// text (matches marked with [ and ]).
type Hit struct {
	Article show.ArticleItem `json:"article"`
	Snippet string           `json:"snippet"`
	Rank    float64          `json:"rank"`
}

// maxSearchEntities caps the entities a search lists.
const maxSearchEntities = 10

func (s *Server) search(ctx context.Context, query string, q listQuery) (*SearchResult, bool, error) {
	r := &SearchResult{Query: query, Entities: []storyline.Entity{}, Hits: []Hit{}}
	if strings.TrimSpace(query) == "" {
		return r, false, nil
	}
	hits, err := s.store.Search(ctx, query, q.Offset+q.Limit+1)
	if err != nil {
		return nil, false, err
	}
	hits = hits[min(q.Offset, len(hits)):]
	hits, m := more(hits, q.Limit)
	for _, h := range hits {
		r.Hits = append(r.Hits, Hit{Article: show.Item(h.Article), Snippet: h.Snippet, Rank: h.Rank})
	}
	if q.Offset == 0 {
		es, err := s.store.Entities(ctx, storyline.EntityFilter{Name: query, Limit: maxSearchEntities})
		if err != nil {
			return nil, false, err
		}
		r.Entities = append(r.Entities, es...)
	}
	return r, m, nil
}

func (s *Server) timeline(ctx context.Context, q listQuery, story string) (*show.Timeline, error) {
	if story == "" && q.Entity == "" {
		return nil, errBadRequest("timeline needs story or entity")
	}
	f := storyline.EventFilter{Source: q.Source, Limit: q.Limit}
	f.From, f.To = q.bounds()
	if story != "" {
		st, err := s.store.Story(ctx, story)
		if err != nil {
			return nil, err
		}
		f.Story = st.ID
	}
	return show.TimelineOf(ctx, s.store, f, q.entity)
}

// sources counts an entity's independent sources from the copy index.
func (s *Server) sources(ctx context.Context, e *storyline.Entity) (int, error) {
	return s.copies.sources(ctx, e.Articles)
}
