// Package show builds what users see of one stored object — a story, an
// event, an article, an entity, a timeline — from the Store, for the
// command line (`storyline show … --json`, `timeline`) and the HTTP API
// and web UI alike: both call these functions and encode or render their
// results, so the two always agree.
package show

import (
	"context"
	"errors"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/describe"
)

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
	DatedBy           string `json:"dated_by,omitempty"` // what an inferred date comes from: storyline.DatedBySource or DatedByEvent
	Lang              string `json:"lang"`
	DuplicateOf       string `json:"duplicate_of,omitempty"`
	Event             string `json:"event,omitempty"`
	Story             string `json:"story,omitempty"`
	Words             int    `json:"words"`
	// Headline is the title, or the first words when there is none.
	Headline string `json:"headline"`
}

// Item returns the list view of a.
func Item(a *storyline.Article) ArticleItem {
	return ArticleItem{
		ID: a.ID, Ref: a.Ref, Source: a.Source, URL: a.URL, Title: a.Title,
		Published: a.Published, PublishedInferred: a.PublishedInferred, DatedBy: a.DatedBy, Lang: a.Lang,
		DuplicateOf: a.DuplicateOf, Event: a.Event, Story: a.Story,
		Words: Words(a.Text), Headline: Headline(a),
	}
}

// Words counts the words of s as strings.Fields splits them, without
// making the list.
func Words(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case !in:
			in = true
			n++
		}
	}
	return n
}

// Items returns the list view of each article.
func Items(as []*storyline.Article) []ArticleItem {
	out := make([]ArticleItem, len(as))
	for i, a := range as {
		out[i] = Item(a)
	}
	return out
}

// Headline is the article's title, or its first words in brackets when it
// has none.
func Headline(a *storyline.Article) string {
	if a.Title != "" {
		return a.Title
	}
	first, _, _ := strings.Cut(strings.TrimSpace(a.Text), "\n")
	return "(" + Clip(first, 80) + ")"
}

// Clip shortens s to at most n runes, marking the cut with "…".
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// OrEmpty returns list, or an empty list for nil, so that JSON says [].
func OrEmpty[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// FindEntity returns the entity key names: by ID, unique ID prefix or
// name, else the most mentioned entity with a name or alias containing
// key ("Blinken"). The error wraps storyline.ErrNotFound when there is
// none.
func FindEntity(ctx context.Context, store storyline.Store, key string) (*storyline.Entity, error) {
	e, err := store.Entity(ctx, key)
	if !errors.Is(err, storyline.ErrNotFound) {
		return e, err
	}
	es, err2 := store.Entities(ctx, storyline.EntityFilter{Name: key, Limit: 1})
	if err2 != nil {
		return nil, err2
	}
	if len(es) == 0 {
		return nil, err
	}
	return &es[0], nil
}

// StoryDetail is a story with its events in date order, undated ones
// last, and the changes of its ID.
type StoryDetail struct {
	storyline.Story
	Timeline []storyline.Event    `json:"timeline"`
	Changes  []storyline.IDChange `json:"changes"`
}

// Story returns the story key names (an ID, a unique prefix, or an old ID
// merged into it) with its events and ID changes.
func Story(ctx context.Context, store storyline.Store, key string) (*StoryDetail, error) {
	st, err := store.Story(ctx, key)
	if err != nil {
		return nil, err
	}
	d := &StoryDetail{Story: *st}
	if d.Timeline, err = StoryEvents(ctx, store, st.ID); err != nil {
		return nil, err
	}
	if d.Changes, err = store.IDChanges(ctx, st.ID); err != nil {
		return nil, err
	}
	d.Changes = OrEmpty(d.Changes)
	return d, nil
}

// StoryEvents returns the events of the story with this ID in date order,
// undated ones last.
func StoryEvents(ctx context.Context, store storyline.Store, story string) ([]storyline.Event, error) {
	evs, err := store.Events(ctx, storyline.EventFilter{Story: story})
	if err != nil {
		return nil, err
	}
	out := describe.Timeline(evs)
	for _, e := range evs {
		if e.Start == "" {
			out = append(out, e)
		}
	}
	return OrEmpty(out), nil
}

// EventDetail is an event with its articles' memberships (the evidence of
// each decision), its articles grouped by copy group (each origin with its
// copies folded under it), the changes of its ID, and its story's title.
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

// Event returns the event key names (an ID, a unique prefix, or an old
// ID merged into it) in full.
func Event(ctx context.Context, store storyline.Store, key string) (*EventDetail, error) {
	return event(ctx, store, key, true)
}

// EventView is Event without the memberships (nil), whose evidence is
// most of what Event reads: for views that do not show them.
func EventView(ctx context.Context, store storyline.Store, key string) (*EventDetail, error) {
	return event(ctx, store, key, false)
}

func event(ctx context.Context, store storyline.Store, key string, memberships bool) (*EventDetail, error) {
	e, err := store.Event(ctx, key)
	if err != nil {
		return nil, err
	}
	d := &EventDetail{Event: *e}
	if memberships {
		if d.Memberships, err = store.Memberships(ctx, e.ID); err != nil {
			return nil, err
		}
		d.Memberships = OrEmpty(d.Memberships)
	}
	arts, err := store.Articles(ctx, storyline.ArticleFilter{Event: e.ID, Brief: true})
	if err != nil {
		return nil, err
	}
	d.Sources = storyline.CountSources(arts)
	d.Groups = GroupCopies(arts)
	if d.Changes, err = store.IDChanges(ctx, e.ID); err != nil {
		return nil, err
	}
	d.Changes = OrEmpty(d.Changes)
	if e.Story != "" {
		st, err := store.Story(ctx, e.Story)
		switch {
		case err == nil:
			d.StoryTitle = st.Title
		case !errors.Is(err, storyline.ErrNotFound):
			return nil, err
		}
	}
	return d, nil
}

// GroupCopies groups articles (in ingest order) by copy group, in the
// order the groups' first members come: each group is headed by its
// origin when the origin is among them, else by its first member.
func GroupCopies(arts []*storyline.Article) []OriginGroup {
	index := map[string]int{}
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
	groups := []OriginGroup{}
	for _, m := range members {
		head := 0
		for j, a := range m {
			if a.DuplicateOf == "" {
				head = j
				break
			}
		}
		g := OriginGroup{Origin: Item(m[head]), Copies: []ArticleItem{}}
		for j, a := range m {
			if j != head {
				g.Copies = append(g.Copies, Item(a))
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// ArticleDetail is one article in full: the export record, what cleaning
// recognised and removed, the refs it was ingested under, the reuse links
// with their passages, the dates of its sentences' happenings, the
// decision that put it in its event, and the list view of every article
// it names (its origin and the articles it shares passages with).
type ArticleDetail struct {
	storyline.Record
	Byline        string                   `json:"byline"`
	Credits       []string                 `json:"credits"`
	Dateline      string                   `json:"dateline"`
	Format        storyline.Format         `json:"format"`
	Refs          []string                 `json:"refs"`
	Removed       []storyline.Removal      `json:"removed"`
	Shared        []storyline.Reuse        `json:"shared"`
	SentenceDates []storyline.SentenceDate `json:"sentence_dates"`
	Evidence      *storyline.Evidence      `json:"evidence"`
	Linked        []ArticleItem            `json:"linked"`

	// Article is the article as stored.
	Article *storyline.Article `json:"-"`
}

// maxLinked caps the linked articles an article's detail names.
const maxLinked = 50

// Article returns the article key names (an ID, a unique prefix, or a
// ref) in full.
func Article(ctx context.Context, store storyline.Store, key string) (*ArticleDetail, error) {
	a, err := store.Article(ctx, key)
	if err != nil {
		return nil, err
	}
	d := &ArticleDetail{Record: a.Record(), Byline: a.Byline, Credits: a.Credits, Dateline: a.Dateline,
		Format: a.Format, Removed: OrEmpty(a.Removed), Shared: OrEmpty(a.Reuse),
		SentenceDates: OrEmpty(a.SentenceDates), Evidence: a.Evidence, Article: a, Linked: []ArticleItem{}}
	if d.Refs, err = store.Refs(ctx, a.ID); err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] && len(ids) < maxLinked {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if a.DuplicateOf != "" {
		add(a.DuplicateOf)
	}
	for _, l := range a.Reuse {
		add(l.Of)
	}
	if len(ids) == 0 {
		return d, nil
	}
	linked, err := store.Articles(ctx, storyline.ArticleFilter{IDs: ids, Brief: true})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*storyline.Article, len(linked))
	for _, o := range linked {
		byID[o.ID] = o
	}
	for _, id := range ids { // the origin first, then by share
		if o, ok := byID[id]; ok {
			d.Linked = append(d.Linked, Item(o))
		}
	}
	return d, nil
}

// EntityDetail is one entity with the IDs of its articles and the count
// of independent sources among them, its latest events, the entities that
// take part in them most often (in all its events for a person, else in
// the latest), and for a person the itinerary of its dated events.
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

// SourceCounter counts the copy groups (independent sources) among the
// articles that mention an entity (e.Articles).
type SourceCounter func(ctx context.Context, e *storyline.Entity) (int, error)

// StoreSources counts an entity's independent sources from its articles'
// metadata in the store.
func StoreSources(store storyline.Store) SourceCounter {
	return func(ctx context.Context, e *storyline.Entity) (int, error) {
		as, err := store.Articles(ctx, storyline.ArticleFilter{Entity: e.ID, Brief: true})
		if err != nil {
			return 0, err
		}
		return storyline.CountSources(as).Independent, nil
	}
}

// Entity returns the entity key names (an ID, a unique prefix or a name)
// in full; sources counts its independent sources.
func Entity(ctx context.Context, store storyline.Store, key string, sources SourceCounter) (*EntityDetail, error) {
	e, err := store.Entity(ctx, key)
	if err != nil {
		return nil, err
	}
	d := &EntityDetail{Entity: e, Itinerary: []storyline.Stop{}}
	if d.Sources, err = sources(ctx, e); err != nil {
		return nil, err
	}
	// A person's itinerary needs all their events; else the latest do.
	f := storyline.EventFilter{Entity: e.ID, Limit: maxEntityEvents}
	if e.Type == storyline.PER {
		f.Limit = 0
	}
	evs, err := store.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	if e.Type == storyline.PER {
		d.Itinerary = OrEmpty(describe.Itinerary(e.ID, evs))
	}
	d.Related = related(e.ID, evs)
	if len(evs) > maxEntityEvents {
		evs = evs[:maxEntityEvents]
	}
	d.Events = OrEmpty(evs)
	return d, nil
}

// related counts, for each other entity, the events that have it among
// their participants or places, and returns the most counted.
func related(self string, events []storyline.Event) []Related {
	by := map[string]*Related{}
	for _, e := range events {
		seen := map[string]bool{}
		for _, list := range [][]storyline.EntityRef{e.Participants, e.Places} {
			for _, r := range list {
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
	if len(out) > maxRelated {
		out = out[:maxRelated]
	}
	return out
}

// Timeline is the dated events of a story or an entity, oldest first, and
// for a person the itinerary: the places of those events by date.
type Timeline struct {
	Story     string            `json:"story,omitempty"`
	Entity    string            `json:"entity,omitempty"`
	Events    []storyline.Event `json:"events"`
	Itinerary []storyline.Stop  `json:"itinerary,omitempty"`
}

// TimelineOf returns the timeline of the events f selects: a story's
// (f.Story set) or, when who is not nil, that entity's (f.Entity is set
// to its ID), with the itinerary when it is a person.
func TimelineOf(ctx context.Context, store storyline.Store, f storyline.EventFilter, who *storyline.Entity) (*Timeline, error) {
	if who != nil {
		f.Entity = who.ID
	}
	t := &Timeline{Story: f.Story, Entity: f.Entity}
	evs, err := store.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	t.Events = OrEmpty(describe.Timeline(evs))
	if who != nil && who.Type == storyline.PER {
		t.Itinerary = OrEmpty(describe.Itinerary(who.ID, evs))
	}
	return t, nil
}
