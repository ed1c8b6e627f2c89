package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/cluster"
	"github.com/storyline/storyline/describe"
	"github.com/storyline/storyline/pubdate"
)

// clusterState is the name under which the store keeps the clusterer's
// snapshot.
const clusterState = "clusters"

// assigner is the assign stage: it puts each new article in an event and
// a story (package cluster), and then describes the events and stories
// that changed (package describe) and stores them.
type assigner struct {
	c *cluster.Clusterer
	// waiting holds stored articles waiting for their event, byID too.
	waiting []*storyline.Article
	byID    map[string]*storyline.Article
	// events and stories that changed since they were last described.
	events, stories map[string]bool
	// pending are the memberships and ID changes to store with the next
	// descriptions.
	pending storyline.EventUpdate
}

// window is how many stored articles wait for their events at most: they
// are assigned in date order, so that an article dated by a later arrival
// (a copy's origin) is compared by its date. A run's last articles are
// assigned at its end.
const window = 2000

// loadAssigner makes the clusterer: from the store's snapshot when it has
// one, then the articles stored since, each replayed into the event it
// was assigned to, or assigned now when it was stored before events
// existed (its membership stored with the next descriptions).
func loadAssigner(ctx context.Context, store storyline.Store) (*assigner, error) {
	m, err := cluster.Default()
	if err != nil {
		return nil, err
	}
	s := newAssigner(nil)
	data, covered, err := store.State(ctx, clusterState)
	if err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	if data != nil {
		// A snapshot of another version, or damaged, is rebuilt from the
		// articles, which hold every assignment.
		if c, err := cluster.Restore(m, bytes.NewReader(data)); err == nil {
			s.c = c
		}
	}
	restored := s.c != nil
	if !restored {
		s.c = cluster.NewClusterer(m)
	}
	replay := func(a *storyline.Article) error {
		if a.Event != "" {
			s.c.Replay(forClustering(a), a.Event, a.Story)
			s.touch(a) // its description may not have been stored (an interrupted run)
			return nil
		}
		s.queue(a) // stored before events existed
		return nil
	}
	if restored {
		tail, err := store.Articles(ctx, storyline.ArticleFilter{Offset: covered})
		if err != nil {
			return nil, fmt.Errorf("load events: %w", err)
		}
		for _, a := range tail {
			if err := replay(a); err != nil {
				return nil, err
			}
		}
		return s, nil
	}
	if err := store.EachArticle(ctx, replay); err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	return s, nil
}

// newAssigner returns an assigner around c with nothing waiting.
func newAssigner(c *cluster.Clusterer) *assigner {
	return &assigner{c: c, events: map[string]bool{}, stories: map[string]bool{}, byID: map[string]*storyline.Article{}}
}

// queue holds a stored article until its event is assigned.
func (s *assigner) queue(a *storyline.Article) {
	s.waiting = append(s.waiting, a)
	s.byID[a.ID] = a
}

// queued returns the queued article with this ID, nil if none.
func (s *assigner) queued(id string) *storyline.Article { return s.byID[id] }

// due tells whether the queue is long enough to be assigned.
func (s *assigner) due() bool { return len(s.waiting) >= window }

// touch marks the event and story of a stored article as changed.
func (s *assigner) touch(a *storyline.Article) {
	if a.Event != "" {
		s.events[a.Event], s.stories[a.Story] = true, true
	}
}

// flush assigns the queued articles, dated ones in date order, then the
// undated in the order they came, and stores the memberships with the
// descriptions of what changed.
func (s *assigner) flush(ctx context.Context, store storyline.Store) error {
	for _, a := range byDay(s.waiting) {
		as := s.c.Add(forClustering(a))
		ev := as.Evidence
		a.Event, a.Story, a.Evidence = as.Event, as.Story, &ev
		s.touch(a)
		s.pending.Memberships = append(s.pending.Memberships, storyline.Membership{
			Article: a.ID, Event: a.Event, Story: a.Story, Evidence: ev})
		for _, ch := range as.Changes {
			s.pending.Changes = append(s.pending.Changes, ch)
			s.pending.Gone = append(s.pending.Gone, ch.Old)
			s.events[ch.New], s.stories[ch.New] = true, true
		}
	}
	s.waiting, s.byID = nil, map[string]*storyline.Article{}
	return s.describe(ctx, store)
}

// describe describes the events and stories that changed and stores them,
// with the pending memberships and ID changes, in one update.
func (s *assigner) describe(ctx context.Context, store storyline.Store) error {
	if len(s.events) == 0 && len(s.stories) == 0 && len(s.pending.Memberships) == 0 && len(s.pending.Changes) == 0 {
		return nil
	}
	u := s.pending
	// Memberships first, the descriptions read them from the store; those
	// of this flush follow the merges it made.
	to := map[string]string{}
	for _, ch := range u.Changes {
		if ch.Kind == storyline.ChangeMerge {
			to[ch.Old] = ch.New
		}
	}
	for i, m := range u.Memberships {
		for n, ok := to[m.Event]; ok; n, ok = to[n] {
			u.Memberships[i].Event = n
		}
		for n, ok := to[m.Story]; ok; n, ok = to[n] {
			u.Memberships[i].Story = n
		}
	}
	if len(u.Memberships) > 0 || len(u.Changes) > 0 {
		if err := store.PutEvents(ctx, storyline.EventUpdate{Memberships: u.Memberships, Gone: u.Gone, Changes: u.Changes}); err != nil {
			return fmt.Errorf("store events: %w", err)
		}
	}
	// Stored articles of merged-away events and stories move to where
	// they went.
	for _, ch := range u.Changes {
		if ch.Kind != storyline.ChangeMerge {
			continue
		}
		moved, err := movedArticles(ctx, store, ch)
		if err != nil {
			return err
		}
		if err := store.PutEvents(ctx, storyline.EventUpdate{Memberships: moved}); err != nil {
			return fmt.Errorf("store events: %w", err)
		}
	}
	now := time.Now().UTC()
	ents := entityCache{store: store, m: describe.Entities{}}
	ids := sortedKeys(s.events)
	described := map[string]*storyline.Event{}
	for from := 0; from < len(ids); from += describeChunk {
		if err := describeEvents(ctx, store, ids[from:min(from+describeChunk, len(ids))], now, &ents, described); err != nil {
			return err
		}
	}
	ids = sortedKeys(s.stories)
	for from := 0; from < len(ids); from += describeChunk {
		if err := describeStories(ctx, store, ids[from:min(from+describeChunk, len(ids))], now, described); err != nil {
			return err
		}
	}
	s.events, s.stories = map[string]bool{}, map[string]bool{}
	s.pending = storyline.EventUpdate{}
	return nil
}

// describeChunk is how many events (stories) are described at a time:
// their articles are read, described on every core, and stored before
// the next ones are read, so that describing a whole store (recluster)
// does not hold all of it in memory.
var describeChunk = 256

// describeEvents describes the events ids and stores them, reading their
// articles first (in this goroutine, the store's), then describing them
// on every core; it adds them to described. An event without articles is
// deleted. Undated articles of a dated event are dated by it.
func describeEvents(ctx context.Context, store storyline.Store, ids []string, now time.Time, ents *entityCache, described map[string]*storyline.Event) error {
	type eventJob struct {
		e     *storyline.Event
		arts  []*storyline.Article
		close map[string]bool // see closeCalls
		dated []*storyline.Article
	}
	var jobs []*eventJob
	var empty []string // events left without articles
	for _, id := range ids {
		arts, err := store.Articles(ctx, storyline.ArticleFilter{Event: id})
		if err != nil {
			return fmt.Errorf("describe event %s: %w", id, err)
		}
		if len(arts) == 0 {
			empty = append(empty, id) // merged away, or its articles moved
			continue
		}
		e, err := stored(ctx, id, store.Event)
		if err != nil {
			return fmt.Errorf("describe event %s: %w", id, err)
		}
		if e.ID == "" {
			e = &storyline.Event{ID: id, Created: now}
		}
		e.Story, e.Updated = arts[0].Story, now
		if err := ents.load(ctx, arts); err != nil {
			return fmt.Errorf("describe event %s: %w", id, err)
		}
		j := &eventJob{e: e, arts: arts}
		if j.close, err = closeCalls(ctx, store, id, arts); err != nil {
			return fmt.Errorf("describe event %s: %w", id, err)
		}
		jobs = append(jobs, j)
	}
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		before := undate(j.arts)
		describe.Event(j.e, j.arts, ents.m)
		j.dated = dateFromEvent(j.e, j.arts, j.close, before)
		some := sample(j.arts, maxDescribed)
		j.e.Summary = describe.Summarize(some, describe.SummaryOptions{Words: summaryWords})
		j.e.Claims = describe.Claims(some)
		j.e.Quotes = describe.Quotes(some)
	})
	var events []storyline.Event
	var dated []*storyline.Article
	for _, j := range jobs {
		events = append(events, *j.e)
		dated = append(dated, j.dated...)
		described[j.e.ID] = j.e
	}
	if len(events) > 0 || len(empty) > 0 {
		if err := store.PutEvents(ctx, storyline.EventUpdate{Events: events, Gone: empty}); err != nil {
			return fmt.Errorf("store events: %w", err)
		}
	}
	if len(dated) > 0 {
		if err := store.PutAnnotations(ctx, dated); err != nil {
			return fmt.Errorf("store the dates of %d articles: %w", len(dated), err)
		}
	}
	return nil
}

// describeStories describes the stories ids and stores them as
// describeEvents does events; a story of one event just described
// (described) takes that event's summary and claims. A story without
// events is deleted.
func describeStories(ctx context.Context, store storyline.Store, ids []string, now time.Time, described map[string]*storyline.Event) error {
	type storyJob struct {
		st   *storyline.Story
		evs  []storyline.Event
		arts []*storyline.Article // metadata
		some []*storyline.Article // the articles its summary reads
		one  *storyline.Event     // its one event, just described: its summary serves
	}
	var sjobs []*storyJob
	var empty []string // stories left without events
	for _, id := range ids {
		evs, err := store.Events(ctx, storyline.EventFilter{Story: id})
		if err != nil {
			return fmt.Errorf("describe story %s: %w", id, err)
		}
		if len(evs) == 0 {
			empty = append(empty, id)
			continue
		}
		arts, err := store.Articles(ctx, storyline.ArticleFilter{Story: id, Brief: true})
		if err != nil {
			return fmt.Errorf("describe story %s: %w", id, err)
		}
		st, err := stored(ctx, id, store.Story)
		if err != nil {
			return fmt.Errorf("describe story %s: %w", id, err)
		}
		if st.ID == "" {
			st = &storyline.Story{ID: id, Created: now}
		}
		st.Updated = now
		j := &storyJob{st: st, evs: evs, arts: arts}
		if len(evs) == 1 {
			j.one = described[evs[0].ID]
		}
		if j.one == nil {
			// The summary and claims read the text of a few articles of
			// each event, the earliest events first.
			per := max(1, maxDescribed/len(evs))
			for _, e := range describe.Timeline(evs) {
				if len(j.some) >= maxDescribed {
					break
				}
				ea, err := store.Articles(ctx, storyline.ArticleFilter{Event: e.ID, Limit: per})
				if err != nil {
					return fmt.Errorf("describe story %s: %w", id, err)
				}
				j.some = append(j.some, ea...)
			}
		}
		sjobs = append(sjobs, j)
	}
	parallel(len(sjobs), func(i int) {
		j := sjobs[i]
		describe.Story(j.st, j.evs, j.arts)
		if j.one != nil {
			j.st.Summary, j.st.Claims = j.one.Summary, j.one.Claims
			return
		}
		j.st.Summary = describe.Summarize(j.some, describe.SummaryOptions{Words: summaryWords, Chronological: true})
		j.st.Claims = describe.Claims(j.some)
	})
	var stories []storyline.Story
	for _, j := range sjobs {
		stories = append(stories, *j.st)
	}
	if len(stories) > 0 || len(empty) > 0 {
		if err := store.PutEvents(ctx, storyline.EventUpdate{Stories: stories, Gone: empty}); err != nil {
			return fmt.Errorf("store stories: %w", err)
		}
	}
	return nil
}

// parallel calls fn(0) … fn(n-1) on GOMAXPROCS goroutines and waits.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Bounds of the descriptions: summaries have summaryWords words, and
// summaries, claims and quotes read at most maxDescribed articles of an
// event or a story (a cost that does not grow with a wire story's copies).
const (
	summaryWords = 100
	maxDescribed = 60
)

// sample returns at most n articles: all when there are no more, else the
// originals first (their copies say the same), in the order given.
func sample(arts []*storyline.Article, n int) []*storyline.Article {
	if len(arts) <= n {
		return arts
	}
	out := make([]*storyline.Article, 0, n)
	for _, copies := range []bool{false, true} {
		for _, a := range arts {
			if len(out) < n && (a.DuplicateOf != "") == copies {
				out = append(out, a)
			}
		}
	}
	return out
}

// byDay sorts articles by the day they report (describe.MainDay), the
// undated last, keeping the order of articles of one day.
func byDay(arts []*storyline.Article) []*storyline.Article {
	days := make(map[*storyline.Article]string, len(arts))
	for _, a := range arts {
		days[a] = describe.MainDay(a)
	}
	sort.SliceStable(arts, func(i, j int) bool { return dayLess(days[arts[i]], days[arts[j]]) })
	return arts
}

// dayLess orders YYYY-MM-DD days, "" (undated) last.
func dayLess(a, b string) bool {
	if (a == "") != (b == "") {
		return a != ""
	}
	return a < b
}

// dateFromEvent dates the undated articles of a dated event, as a copy is
// dated by its source (pubdate.FromSource): an article that reports the
// event is published on or after its day, on the weekday it names ("on
// Tuesday") when it names one. Articles for which the event was a close
// call (closeCall) are left undated: the other event could be as right, and
// its day another. Their time expressions are resolved again. It returns
// the articles whose date is not what it was before (before: the articles
// as they were before undate, by ID), to be stored.
func dateFromEvent(e *storyline.Event, arts []*storyline.Article, closeCall map[string]bool, before map[string]*storyline.Article) []*storyline.Article {
	var out []*storyline.Article
	for i, a := range arts {
		if a.Published != "" {
			continue
		}
		was := before[a.ID]
		d, ok := "", len(e.Start) == len("2006-01-02") && !closeCall[a.ID]
		if ok {
			d, ok = pubdate.FromSource(a.Text, e.Start)
		}
		if ok {
			if was != nil && was.Published == d {
				arts[i] = was // as it was, annotations and all
				continue
			}
			a.Published, a.PublishedInferred, a.DatedBy = d, true, storyline.DatedByEvent
			annotate.Date(a)
			out = append(out, a)
		} else if was != nil {
			out = append(out, a) // undated now
		}
	}
	return out
}

// undate takes back the dates the articles had from their event
// (storyline.DatedByEvent), resolving their time expressions again
// without them (as copies in arts), so that the event is described from
// the dates its articles have of their own; it returns the articles as
// they were, by ID.
func undate(arts []*storyline.Article) map[string]*storyline.Article {
	var before map[string]*storyline.Article
	for i, a := range arts {
		if a.DatedBy != storyline.DatedByEvent {
			continue
		}
		if before == nil {
			before = map[string]*storyline.Article{}
		}
		before[a.ID] = a
		arts[i] = forClustering(a)
	}
	return before
}

// forClustering returns a as clustering sees it: an article dated by its
// event (storyline.DatedByEvent) is undated again, as a copy with its time
// expressions resolved without that date, so that no clustering rests on
// an earlier one's decision.
func forClustering(a *storyline.Article) *storyline.Article {
	if a.DatedBy != storyline.DatedByEvent {
		return a
	}
	b := *a
	b.Published, b.PublishedInferred, b.DatedBy = "", false, ""
	annotate.Date(&b)
	return &b
}

// closeCalls returns the undated (or event-dated) articles of event id
// whose membership was a close call (storyline.Decision.CloseCall): another
// event scored above the threshold too.
func closeCalls(ctx context.Context, store storyline.Store, id string, arts []*storyline.Article) (map[string]bool, error) {
	if !slices.ContainsFunc(arts, func(a *storyline.Article) bool { return a.Published == "" || a.DatedBy == storyline.DatedByEvent }) {
		return nil, nil
	}
	ms, err := store.Memberships(ctx, id)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, m := range ms {
		if m.Evidence.Event.CloseCall() {
			out[m.Article] = true
		}
	}
	return out, nil
}

// stored returns the stored object with exactly this ID, or a zero one
// when there is none (or the ID resolves to another, merged one).
func stored[T interface {
	storyline.Event | storyline.Story
}](ctx context.Context, id string, get func(context.Context, string) (*T, error)) (*T, error) {
	v, err := get(ctx, id)
	if errors.Is(err, storyline.ErrNotFound) {
		return new(T), nil
	}
	if err != nil {
		return nil, err
	}
	switch x := any(v).(type) {
	case *storyline.Event:
		if x.ID != id {
			return new(T), nil
		}
	case *storyline.Story:
		if x.ID != id {
			return new(T), nil
		}
	}
	return v, nil
}

// movedArticles returns the new memberships of the stored articles of an
// event or story merged into another.
func movedArticles(ctx context.Context, store storyline.Store, ch storyline.IDChange) ([]storyline.Membership, error) {
	byEvent, err := store.Articles(ctx, storyline.ArticleFilter{Event: ch.Old})
	if err != nil {
		return nil, fmt.Errorf("merge %s into %s: %w", ch.Old, ch.New, err)
	}
	byStory, err := store.Articles(ctx, storyline.ArticleFilter{Story: ch.Old})
	if err != nil {
		return nil, fmt.Errorf("merge %s into %s: %w", ch.Old, ch.New, err)
	}
	var out []storyline.Membership
	for _, a := range append(byEvent, byStory...) {
		m := storyline.Membership{Article: a.ID, Event: a.Event, Story: a.Story}
		if full, err := store.Article(ctx, a.ID); err == nil && full.Evidence != nil {
			m.Evidence = *full.Evidence
		}
		if m.Event == ch.Old {
			m.Event = ch.New
		}
		if m.Story == ch.Old {
			m.Story = ch.New
		}
		out = append(out, m)
	}
	return out, nil
}

// save stores the clusterer's snapshot, covering the articles stored.
func (s *assigner) save(ctx context.Context, store storyline.Store) error {
	n, err := store.Counts(ctx)
	if err != nil {
		return fmt.Errorf("save events: %w", err)
	}
	var buf bytes.Buffer
	if err := s.c.Snapshot(&buf); err != nil {
		return fmt.Errorf("save events: %w", err)
	}
	return store.PutState(ctx, clusterState, buf.Bytes(), n.Articles)
}

// entityCache looks up the entities articles mention, once each.
type entityCache struct {
	store storyline.Store
	m     describe.Entities
	done  map[string]bool // articles whose entities are loaded
}

// load adds the entities the articles mention.
func (c *entityCache) load(ctx context.Context, arts []*storyline.Article) error {
	if c.done == nil {
		c.done = map[string]bool{}
	}
	for _, a := range arts {
		if c.done[a.ID] {
			continue
		}
		c.done[a.ID] = true
		missing := false
		for _, m := range a.Entities {
			if _, ok := c.m[m.Entity]; m.Entity != "" && !ok {
				missing = true
				break
			}
		}
		if !missing {
			continue
		}
		es, err := c.store.Entities(ctx, storyline.EntityFilter{Article: a.ID})
		if err != nil {
			return err
		}
		for i := range es {
			c.m[es[i].ID] = &es[i]
		}
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
