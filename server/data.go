package server

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/describe"
)

// This file gathers what the API and the pages show, from the Store, in
// one place: a handler of either kind calls one of these and encodes or
// renders the result.

// ArticleItem is an article as lists show it: its metadata without text
// or annotations.
type ArticleItem struct {
	ID                string `json:"id"`
	Ref               string `json:"ref"`
	Source            string `json:"source"`
	URL               string `json:"url"`
	Title             string `json:"title"`
	Published         string `json:"published"`
	PublishedInferred bool   `json:"published_inferred"`
	Lang              string `json:"lang"`
	DuplicateOf       string `json:"duplicate_of,omitempty"`
	Event             string `json:"event,omitempty"`
	Story             string `json:"story,omitempty"`
	Words             int    `json:"words"`
	// Headline is the title, or the first words when there is none.
	Headline string `json:"headline"`
}

// item returns the list view of a.
func item(a *storyline.Article) ArticleItem {
	return ArticleItem{
		ID: a.ID, Ref: a.Ref, Source: a.Source, URL: a.URL, Title: a.Title,
		Published: a.Published, PublishedInferred: a.PublishedInferred, Lang: a.Lang,
		DuplicateOf: a.DuplicateOf, Event: a.Event, Story: a.Story,
		Words: len(strings.Fields(a.Text)), Headline: headline(a),
	}
}

// headline is the article's title, or its first words in brackets when it
// has none (as the CLI shows it).
func headline(a *storyline.Article) string {
	if a.Title != "" {
		return a.Title
	}
	first, _, _ := strings.Cut(strings.TrimSpace(a.Text), "\n")
	return "(" + clip(first, 80) + ")"
}

func items(as []*storyline.Article) []ArticleItem {
	out := make([]ArticleItem, len(as))
	for i, a := range as {
		out[i] = item(a)
	}
	return out
}

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
func (s *Server) articles(ctx context.Context, q listQuery, v url.Values) ([]ArticleItem, bool, error) {
	event, err := textParam(v, "event")
	if err != nil {
		return nil, false, err
	}
	story, err := textParam(v, "story")
	if err != nil {
		return nil, false, err
	}
	from, to := q.bounds()
	list, err := s.store.Articles(ctx, storyline.ArticleFilter{Event: event, Story: story, Entity: q.Entity, Source: q.Source, From: from, To: to, Limit: q.Limit + 1, Offset: q.Offset})
	list, m := more(list, q.Limit)
	return items(list), m, err
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
		return nil, false, errBadRequest("type: %q is not one of PER, ORG, LOC, MISC", clip(v.Get("type"), 20))
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

// StoryDetail is a story with its events in date order, undated ones
// last, as `storyline show story --json` prints it.
type StoryDetail struct {
	storyline.Story
	Timeline []storyline.Event    `json:"timeline"`
	Changes  []storyline.IDChange `json:"changes"`
}

func (s *Server) story(ctx context.Context, key string) (*StoryDetail, error) {
	st, err := s.store.Story(ctx, key)
	if err != nil {
		return nil, err
	}
	evs, err := s.store.Events(ctx, storyline.EventFilter{Story: st.ID})
	if err != nil {
		return nil, err
	}
	d := &StoryDetail{Story: *st, Timeline: describe.Timeline(evs)}
	for _, e := range evs {
		if e.Start == "" {
			d.Timeline = append(d.Timeline, e)
		}
	}
	d.Timeline = orEmpty(d.Timeline)
	if d.Changes, err = s.store.IDChanges(ctx, st.ID); err != nil {
		return nil, err
	}
	d.Changes = orEmpty(d.Changes)
	return d, nil
}

// EventDetail is an event with its articles' memberships (the evidence of
// each decision) and its articles grouped by copy group: each group's
// origin (the earliest article) with its copies folded under it. Sources
// counts the articles and the independent sources among them, as stored
// now.
type EventDetail struct {
	storyline.Event
	StoryTitle  string                 `json:"story_title,omitempty"`
	Memberships []storyline.Membership `json:"memberships"`
	Groups      []OriginGroup          `json:"groups"`
	Changes     []storyline.IDChange   `json:"changes"`
}

// OriginGroup is one copy group of an event's articles: the origin and
// the copies of it.
type OriginGroup struct {
	Origin ArticleItem   `json:"origin"`
	Copies []ArticleItem `json:"copies"`
}

func (s *Server) event(ctx context.Context, key string) (*EventDetail, error) {
	e, err := s.store.Event(ctx, key)
	if err != nil {
		return nil, err
	}
	d := &EventDetail{Event: *e}
	if d.Memberships, err = s.store.Memberships(ctx, e.ID); err != nil {
		return nil, err
	}
	arts, err := s.store.Articles(ctx, storyline.ArticleFilter{Event: e.ID})
	if err != nil {
		return nil, err
	}
	d.Sources = storyline.CountSources(arts)
	d.Groups = groupCopies(arts)
	if d.Changes, err = s.store.IDChanges(ctx, e.ID); err != nil {
		return nil, err
	}
	d.Memberships, d.Changes = orEmpty(d.Memberships), orEmpty(d.Changes)
	if e.Story != "" {
		st, err := s.store.Story(ctx, e.Story)
		switch {
		case err == nil:
			d.StoryTitle = st.Title
		case !errors.Is(err, storyline.ErrNotFound):
			return nil, err
		}
	}
	return d, nil
}

// groupCopies groups articles (in ingest order) by copy group, in the
// order the groups' first members come: each group is headed by its
// origin when the origin is among them, else by its first member.
func groupCopies(arts []*storyline.Article) []OriginGroup {
	index := map[string]int{}
	var groups []OriginGroup
	var members [][]*storyline.Article
	for _, a := range arts {
		o := a.Origin()
		i, ok := index[o]
		if !ok {
			i = len(members)
			index[o] = i
			members = append(members, nil)
		}
		members[i] = append(members[i], a)
	}
	for _, m := range members {
		head := 0
		for j, a := range m {
			if a.DuplicateOf == "" {
				head = j
				break
			}
		}
		g := OriginGroup{Origin: item(m[head]), Copies: []ArticleItem{}}
		for j, a := range m {
			if j != head {
				g.Copies = append(g.Copies, item(a))
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// ArticleDetail is one article in full, as `storyline show article
// --json` prints it (the export record, what cleaning recognised and
// removed, the refs, the reuse links with their passages), with the
// decision that put it in its event and the list view of every article it
// names (its origin and the articles it shares passages with).
type ArticleDetail struct {
	storyline.Record
	Byline   string              `json:"byline"`
	Credits  []string            `json:"credits"`
	Dateline string              `json:"dateline"`
	Format   storyline.Format    `json:"format"`
	Refs     []string            `json:"refs"`
	Removed  []storyline.Removal `json:"removed"`
	Shared   []storyline.Reuse   `json:"shared"`
	Evidence *storyline.Evidence `json:"evidence,omitempty"`
	Linked   []ArticleItem       `json:"linked"`

	article *storyline.Article
}

// maxLinked caps the reuse links an article page names.
const maxLinked = 50

func (s *Server) article(ctx context.Context, key string) (*ArticleDetail, error) {
	a, err := s.store.Article(ctx, key)
	if err != nil {
		return nil, err
	}
	d := &ArticleDetail{Record: a.Record(), Byline: a.Byline, Credits: a.Credits, Dateline: a.Dateline,
		Format: a.Format, Removed: a.Removed, Shared: a.Reuse, Evidence: a.Evidence, article: a}
	if d.Refs, err = s.store.Refs(ctx, a.ID); err != nil {
		return nil, err
	}
	if d.Shared == nil {
		d.Shared = []storyline.Reuse{}
	}
	if d.Removed == nil {
		d.Removed = []storyline.Removal{}
	}
	var ids []string
	if a.DuplicateOf != "" {
		ids = append(ids, a.DuplicateOf)
	}
	for _, l := range a.Reuse {
		ids = append(ids, l.Of)
	}
	d.Linked = []ArticleItem{}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] || len(seen) == maxLinked {
			continue
		}
		seen[id] = true
		o, err := s.store.Article(ctx, id)
		if errors.Is(err, storyline.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		d.Linked = append(d.Linked, item(o))
	}
	return d, nil
}

// EntityDetail is one entity as `storyline show entity --json` prints it
// (with the IDs of its articles and the count of independent sources among
// them), with its latest events, the entities that take part in them most
// often (in all its events for a person, else in the latest), and for a
// person the itinerary of its dated events.
type EntityDetail struct {
	*storyline.Entity
	Sources   int               `json:"sources"`
	Related   []Related         `json:"related"`
	Events    []storyline.Event `json:"events"`
	Itinerary []storyline.Stop  `json:"itinerary"`
}

// Related is an entity that takes part in the same events as another
// (as a participant or a place), and in how many of them.
type Related struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Events int    `json:"events"`
}

// Caps of an entity's detail.
const (
	maxRelated      = 12
	maxEntityEvents = 20
)

func (s *Server) entity(ctx context.Context, key string) (*EntityDetail, error) {
	e, err := s.store.Entity(ctx, key)
	if err != nil {
		return nil, err
	}
	d := &EntityDetail{Entity: e, Itinerary: []storyline.Stop{}}
	if d.Sources, err = s.copies.sources(ctx, e.Articles); err != nil {
		return nil, err
	}
	// A person's itinerary needs all their events; else the latest do.
	f := storyline.EventFilter{Entity: e.ID, Limit: maxEntityEvents}
	if e.Type == storyline.PER {
		f.Limit = 0
	}
	evs, err := s.store.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	if e.Type == storyline.PER {
		d.Itinerary = orEmpty(describe.Itinerary(e.ID, evs))
	}
	d.Related = related(e.ID, evs)
	d.Events, _ = more(evs, maxEntityEvents)
	d.Events = orEmpty(d.Events)
	return d, nil
}

// related counts, for each other entity, the events that have it among
// their participants or places, and returns the most counted.
func related(self string, events []storyline.Event) []Related {
	by := map[string]*Related{}
	for _, e := range events {
		seen := map[string]bool{}
		for _, r := range append(e.Participants[:len(e.Participants):len(e.Participants)], e.Places...) {
			if r.ID == "" || r.ID == self || seen[r.ID] {
				continue
			}
			seen[r.ID] = true
			if by[r.ID] == nil {
				by[r.ID] = &Related{ID: r.ID, Name: r.Name, Type: r.Type}
			}
			by[r.ID].Events++
		}
	}
	out := make([]Related, 0, len(by))
	for _, r := range by {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Name < out[j].Name
	})
	out, _ = more(out, maxRelated)
	return out
}

// SearchResult is one page of a full-text search over articles, best
// first.
type SearchResult struct {
	Query string
	Hits  []Hit
}

// Hit is one article that matches a search, with the matching part of its
// text (matches marked with [ and ]).
type Hit struct {
	Article ArticleItem `json:"article"`
	Snippet string      `json:"snippet"`
	Rank    float64     `json:"rank"`
}

func (s *Server) search(ctx context.Context, query string, q listQuery) (*SearchResult, bool, error) {
	r := &SearchResult{Query: query, Hits: []Hit{}}
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
		r.Hits = append(r.Hits, Hit{Article: item(h.Article), Snippet: h.Snippet, Rank: h.Rank})
	}
	return r, m, nil
}

// Timeline is the dated events of a story or an entity, oldest first
// (the latest Limit of them), and for a person the itinerary: the places
// of those events by date.
type Timeline struct {
	Story     string            `json:"story,omitempty"`
	Entity    string            `json:"entity,omitempty"`
	Events    []storyline.Event `json:"events"`
	Itinerary []storyline.Stop  `json:"itinerary,omitempty"`
}

func (s *Server) timeline(ctx context.Context, q listQuery, story string) (*Timeline, error) {
	if story == "" && q.Entity == "" {
		return nil, errBadRequest("timeline needs story or entity")
	}
	t := &Timeline{Entity: q.Entity}
	if story != "" {
		st, err := s.store.Story(ctx, story)
		if err != nil {
			return nil, err
		}
		t.Story = st.ID
	}
	from, to := q.bounds()
	evs, err := s.store.Events(ctx, storyline.EventFilter{Story: t.Story, Entity: q.Entity, Source: q.Source, From: from, To: to, Limit: q.Limit})
	if err != nil {
		return nil, err
	}
	t.Events = orEmpty(describe.Timeline(evs))
	if q.Entity != "" {
		e, err := s.store.Entity(ctx, q.Entity)
		if err != nil {
			return nil, err
		}
		if e.Type == storyline.PER {
			t.Itinerary = describe.Itinerary(e.ID, evs)
		}
	}
	return t, nil
}
