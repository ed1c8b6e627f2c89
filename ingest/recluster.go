package ingest

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/cluster"
	"github.com/storyline/storyline/describe"
)

// ReclusterOptions tune Recluster. The zero value re-assigns the articles
// in the order they were ingested.
type ReclusterOptions struct {
	// ByDate assigns the articles in the order of the day they report
	// (their lead's date, else their publication date; undated ones last,
	// in ingest order), as if they had arrived as the news happened: for a
	// pile ingested in no particular order.
	ByDate bool
	// Offline makes the events and then the stories all at once instead
	// (cluster.Batch: average link over every article's nearest others,
	// which no order sways; ByDate then changes nothing). It keeps every
	// article's term and entity vectors in memory.
	Offline bool
	// OnProgress, when set, is called with the articles assigned so far.
	OnProgress func(done, total int)
}

// ReclusterSummary tells what Recluster changed.
type ReclusterSummary struct {
	Articles, Events, Stories int
	// Moved counts the articles whose event changed.
	Moved int
	// Merges and Splits count the recorded ID changes.
	Merges, Splits int
	Elapsed        time.Duration
}

// String is the one-line summary of a recluster run.
func (s ReclusterSummary) String() string {
	return fmt.Sprintf("reclustered %d articles into %d events and %d stories: %d articles moved, %d merges, %d splits recorded, in %.1fs",
		s.Articles, s.Events, s.Stories, s.Moved, s.Merges, s.Splits, s.Elapsed.Seconds())
}

// Recluster assigns every stored article to an event and a story again,
// from nothing, with the current model, and keeps IDs stable: each old
// event's ID goes to the new event that holds most of its articles (the
// largest overlaps first); an old event whose articles all went to events
// that kept other IDs is recorded as merged into the one that took most of
// them, and a new event holding articles of an old event that kept its ID
// elsewhere as split off it. Stories likewise. Old IDs keep resolving.
func Recluster(ctx context.Context, store storyline.Store, opt ReclusterOptions) (ReclusterSummary, error) {
	start := time.Now()
	var sum ReclusterSummary
	m, err := cluster.Default()
	if err != nil {
		return sum, err
	}
	// The order: ingest order, or by day, from a first pass over the
	// articles that keeps only what sorting needs.
	type item struct {
		id, day, event, story string
	}
	var items []item
	err = store.EachArticle(ctx, func(a *storyline.Article) error {
		it := item{id: a.ID, event: a.Event, story: a.Story}
		if opt.ByDate {
			it.day = describe.MainDay(forClustering(a))
		}
		items = append(items, it)
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("recluster: %w", err)
	}
	if opt.ByDate {
		sort.SliceStable(items, func(i, j int) bool { return dayLess(items[i].day, items[j].day) })
	}
	c := cluster.NewClusterer(m)
	newEvent, newStory := map[string]string{}, map[string]string{}
	oldEvent, oldStory := map[string]string{}, map[string]string{}
	evidence := map[string]storyline.Evidence{}
	var order []string // article IDs in assignment order
	var batch *cluster.Batch
	if opt.Offline {
		batch = cluster.NewBatch(m)
	}
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		a, err := store.Article(ctx, it.id)
		if err != nil {
			return sum, fmt.Errorf("recluster: %w", err)
		}
		oldEvent[a.ID], oldStory[a.ID] = it.event, it.story
		order = append(order, a.ID)
		a = forClustering(a)
		if batch != nil {
			batch.Add(a) // assigned below, all at once
		} else {
			as := c.Add(a)
			newEvent[a.ID], newStory[a.ID] = as.Event, as.Story
			evidence[a.ID] = as.Evidence
		}
		if opt.OnProgress != nil {
			opt.OnProgress(i+1, len(items))
		}
	}
	if batch != nil {
		offline(m, batch, order, newEvent, newStory, evidence)
	}
	now := time.Now().UTC()
	evIDs, evChanges := stableIDs(order, oldEvent, newEvent, "ev", now)
	stIDs, stChanges := stableIDs(order, oldStory, newStory, "st", now)
	asg := newAssigner(nil) // describes, assigns nothing
	for _, id := range order {
		ev, st := evIDs[newEvent[id]], stIDs[newStory[id]]
		if ev != oldEvent[id] {
			sum.Moved++
		}
		asg.pending.Memberships = append(asg.pending.Memberships, storyline.Membership{Article: id, Event: ev, Story: st, Evidence: relabel(evidence[id], evIDs, stIDs)})
		asg.events[ev], asg.stories[st] = true, true
	}
	// Old events and stories that no longer exist go; those merged keep
	// resolving through their change.
	used := map[string]bool{}
	for _, id := range evIDs {
		used[id] = true
	}
	for _, id := range stIDs {
		used[id] = true
	}
	for _, old := range []map[string]string{oldEvent, oldStory} {
		for _, id := range old {
			if id != "" && !used[id] {
				used[id] = true // once
				asg.pending.Gone = append(asg.pending.Gone, id)
			}
		}
	}
	for _, ch := range append(evChanges, stChanges...) {
		switch ch.Kind {
		case storyline.ChangeMerge:
			sum.Merges++
		case storyline.ChangeSplit:
			sum.Splits++
		}
	}
	// The changes are recorded, not followed: memberships already name
	// the new IDs.
	if err := store.PutEvents(ctx, storyline.EventUpdate{Memberships: asg.pending.Memberships, Gone: asg.pending.Gone,
		Changes: append(evChanges, stChanges...)}); err != nil {
		return sum, fmt.Errorf("recluster: %w", err)
	}
	asg.pending = storyline.EventUpdate{}
	if err := asg.describe(ctx, store); err != nil {
		return sum, fmt.Errorf("recluster: %w", err)
	}
	// The clusterer's snapshot names the old IDs: rebuild it from the new
	// assignments and save it.
	if err := store.PutState(ctx, clusterState, nil, 0); err != nil {
		return sum, fmt.Errorf("recluster: %w", err)
	}
	fresh, err := loadAssigner(ctx, store)
	if err != nil {
		return sum, fmt.Errorf("recluster: %w", err)
	}
	if err := fresh.save(ctx, store); err != nil {
		return sum, fmt.Errorf("recluster: %w", err)
	}
	sum.Articles, sum.Events, sum.Stories = len(order), len(evIDs), len(stIDs)
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// offline replaces the online pass's events and stories (newEvent,
// newStory, by article ID) of the articles of the batch (their IDs in
// order) by the batch's, made at once, and gives each article the
// evidence of its new event and story.
func offline(m cluster.Model, batch *cluster.Batch, order []string, newEvent, newStory map[string]string, evidence map[string]storyline.Evidence) {
	events, cohesion := batch.Events()
	runnerUp, runnerUpP := batch.RunnersUp(events)
	stories := batch.Stories(events)
	eventsIn := map[int]map[int]bool{} // story -> its events
	for i := range order {
		if eventsIn[stories[i]] == nil {
			eventsIn[stories[i]] = map[int]bool{}
		}
		eventsIn[stories[i]][events[i]] = true
	}
	for i, id := range order {
		ev, st := fmt.Sprintf("offline#%d", events[i]), fmt.Sprintf("offline#%d", stories[i])
		newEvent[id], newStory[id] = ev, st
		e := storyline.Evidence{
			Event: storyline.Decision{Best: ev, Score: cohesion[i], Threshold: m.Event.OfflineBar(), Joined: cohesion[i] > 0, Offline: true},
			Story: storyline.Decision{Best: st, Threshold: m.Story.OfflineBar(), Joined: len(eventsIn[stories[i]]) > 1, Offline: true},
		}
		if runnerUp[i] >= 0 {
			e.Event.RunnerUp, e.Event.RunnerUpScore = fmt.Sprintf("offline#%d", runnerUp[i]), runnerUpP[i]
		}
		evidence[id] = e
	}
}

// relabel renames the events and stories an evidence names.
func relabel(ev storyline.Evidence, events, stories map[string]string) storyline.Evidence {
	if id, ok := events[ev.Event.Best]; ok {
		ev.Event.Best = id
	}
	if id, ok := events[ev.Event.RunnerUp]; ok {
		ev.Event.RunnerUp = id
	}
	if id, ok := stories[ev.Story.Best]; ok {
		ev.Story.Best = id
	}
	return ev
}

// stableIDs gives the clusters of a new assignment (article → new
// cluster, in the order of the article IDs given) the IDs of the old
// clusters they continue, and returns the ID of each new cluster and the
// changes to record. Pairs of a new and an old cluster are taken largest
// overlap first (then in the order of the articles), and the new cluster
// takes the old one's ID when neither is taken yet. A new cluster left
// without an ID gets a fresh one (from its first article, like any new
// cluster); when it holds articles of an old cluster whose ID went to
// another new one, it is recorded as split off that old cluster. An old
// cluster whose ID went to none is recorded as merged into the new
// cluster that took most of its articles.
func stableIDs(articles []string, old, fresh map[string]string, prefix string, at time.Time) (map[string]string, []storyline.IDChange) {
	type pair struct{ n, o string }
	overlap := map[pair]int{}
	var pairs []pair
	firstArticle := map[string]string{}
	var newOrder []string
	for _, id := range articles {
		n, o := fresh[id], old[id]
		if _, ok := firstArticle[n]; !ok {
			firstArticle[n] = id
			newOrder = append(newOrder, n)
		}
		if o == "" {
			continue
		}
		p := pair{n, o}
		if overlap[p] == 0 {
			pairs = append(pairs, p)
		}
		overlap[p]++
	}
	sort.SliceStable(pairs, func(i, j int) bool { return overlap[pairs[i]] > overlap[pairs[j]] })
	ids := map[string]string{}
	kept := map[string]bool{} // old IDs a new cluster took
	for _, p := range pairs {
		if _, ok := ids[p.n]; !ok && !kept[p.o] {
			ids[p.n], kept[p.o] = p.o, true
		}
	}
	// Each cluster's overlaps, largest first (pairs is sorted).
	byNew, byOld := map[string][]pair{}, map[string][]pair{}
	for _, p := range pairs {
		byNew[p.n] = append(byNew[p.n], p)
		byOld[p.o] = append(byOld[p.o], p)
	}
	used := map[string]bool{}
	for _, o := range old {
		used[o] = true
	}
	var changes []storyline.IDChange
	for _, n := range newOrder {
		if _, ok := ids[n]; ok {
			continue
		}
		id := cluster.NewID(prefix, firstArticle[n])
		for k := 2; used[id]; k++ {
			id = cluster.NewID(prefix, fmt.Sprintf("%s#%d", firstArticle[n], k))
		}
		ids[n], used[id] = id, true
		// Split off the old cluster it took most articles from, which
		// lives on elsewhere.
		for _, p := range byNew[n] {
			if kept[p.o] {
				changes = append(changes, storyline.IDChange{Kind: storyline.ChangeSplit, Old: p.o, New: id, At: at,
					Reason: fmt.Sprintf("recluster: %d of its articles make a new %s", overlap[p], noun(prefix))})
				break
			}
		}
	}
	// Old clusters whose ID went nowhere were merged into where most of
	// their articles went.
	for _, p := range pairs {
		if kept[p.o] {
			continue
		}
		kept[p.o] = true // recorded once
		best := byOld[p.o][0]
		changes = append(changes, storyline.IDChange{Kind: storyline.ChangeMerge, Old: p.o, New: ids[best.n], At: at,
			Reason: fmt.Sprintf("recluster: %d of its articles joined this %s", overlap[best], noun(prefix))})
	}
	return ids, changes
}

func noun(prefix string) string {
	if prefix == "st" {
		return "story"
	}
	return "event"
}
