package cluster

import (
	"fmt"
	"slices"
	"sort"

	"github.com/storyline/storyline"
)

// live returns the index of the event that event i is now: itself, or
// the event it was merged into (following merges, shortening the path).
func (c *Clusterer) live(i int) int {
	r := i
	for c.events[r].into >= 0 {
		r = c.events[r].into
	}
	for c.events[i].into >= 0 && c.events[i].into != r {
		next := c.events[i].into
		c.events[i].into = r
		i = next
	}
	return r
}

// liveStory is live for stories.
func (c *Clusterer) liveStory(i int) int {
	r := i
	for c.stories[r].into >= 0 {
		r = c.stories[r].into
	}
	for c.stories[i].into >= 0 && c.stories[i].into != r {
		next := c.stories[i].into
		c.stories[i].into = r
		i = next
	}
	return r
}

// bridge merges with event ei, which d is joining, the other candidate
// events that d links to by at least the model's merge threshold, when
// the average link between the two events reaches it too: an article that
// reports both shows they are one. It returns the merges, oldest
// first. Only pairwise models merge.
func (c *Clusterer) bridge(d *doc, ei int, scored []scoredEvent) []storyline.IDChange {
	lv := c.m.Event
	if !lv.Pairwise || lv.MergeThreshold <= 0 {
		return nil
	}
	sort.SliceStable(scored, func(i, j int) bool { return scored[i].p > scored[j].p })
	var changes []storyline.IDChange
	for _, s := range scored {
		if s.p < lv.MergeThreshold {
			break
		}
		a, b := c.live(ei), c.live(s.ei)
		if a == b || apart(c.events[a].days, c.events[b].days, lv.MaxDays) ||
			(lv.OneTimeAndPlace && eventsApart(c.events[a], c.events[b])) {
			continue
		}
		link := c.link(c.events[a], c.events[b])
		if link < lv.MergeThreshold {
			continue
		}
		reason := fmt.Sprintf("article %s reports both (p %.2f and %.2f); the events link at %.2f", d.id,
			c.eventP(d, c.events[a]), s.p, link)
		changes = append(changes, c.mergeEvents(a, b, reason)...)
	}
	return changes
}

// eventP is the probability that d reports event e.
func (c *Clusterer) eventP(d *doc, e *event) float64 {
	_, p := c.eventScore(d, e)
	return p
}

// link is the average link between two events: the mean probability
// that a kept article of one and a kept article of the other report one
// event.
func (c *Clusterer) link(a, b *event) float64 {
	sum := 0.0
	for _, x := range a.recent {
		for _, y := range b.recent {
			sum += score(c.ew, c.pair(x, y, c.m.Event.TauDays))
		}
	}
	return sum / float64(len(a.recent)*len(b.recent))
}

// mergeEvents merges events a and b: the younger (created later) goes
// into the older, which keeps its ID and story; the younger's story, left
// without events, goes into the older's story. It returns the changes
// (their At is left for the caller to stamp).
func (c *Clusterer) mergeEvents(a, b int, reason string) []storyline.IDChange {
	if b < a {
		a, b = b, a
	}
	old, young := c.events[a], c.events[b]
	changes := []storyline.IDChange{{Kind: storyline.ChangeMerge, Old: young.id, New: old.id, Reason: reason}}
	old.n += young.n
	old.terms = plus(old.terms, young.terms, maxEventTerms)
	old.title = plus(old.title, young.title, maxEventTerms)
	old.ents = plus(old.ents, young.ents, maxEventTerms)
	old.tn, old.tt, old.en = normsOf(old.terms, c.words), normsOf(old.title, c.words), normsOf(old.ents, c.entVocab)
	for _, day := range young.days {
		if i, found := slices.BinarySearch(old.days, day); !found {
			old.days = slices.Insert(old.days, i, day)
		}
	}
	for _, p := range young.dates {
		if len(old.dates) < maxEventDates && !slices.Contains(old.dates, p) {
			old.dates = append(old.dates, p)
		}
	}
	old.recent = mergeRecent(old.recent, young.recent)
	old.posted = c.post(&c.termPost, old.posted, young.posted, a)
	old.postedEnt = c.post(&c.entPost, old.postedEnt, young.postedEnt, a)
	young.into = a
	young.recent, young.profile, young.posted, young.postedEnt = nil, profile{}, nil, nil
	c.merged[0]++
	ys := c.stories[young.story]
	ys.events = slices.DeleteFunc(ys.events, func(x int) bool { return x == b })
	if young.story != old.story && len(ys.events) == 0 {
		ys.into = old.story
		c.merged[1]++
		changes = append(changes, storyline.IDChange{Kind: storyline.ChangeMerge, Old: ys.id, New: c.stories[old.story].id,
			Reason: fmt.Sprintf("its only event %s was merged into %s", young.id, old.id)})
	}
	return changes
}

// mergeRecent keeps the earliest of the articles of both lists and the
// latest others, at most keepRecent, in arrival order.
func mergeRecent(a, b []*doc) []*doc {
	all := append(slices.Clone(a), b...)
	sort.Slice(all, func(i, j int) bool { return all[i].seq < all[j].seq })
	if len(all) <= keepRecent {
		return all
	}
	return append(all[:1:1], all[len(all)-keepRecent+1:]...)
}

// apart tells whether two events' full dates (sorted) are all further
// than maxDays (when above 0) from each other: their time windows keep
// them apart.
func apart(a, b []int32, maxDays float64) bool {
	if maxDays <= 0 || len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, d := range a {
		if float64(nearest(b, d)) <= maxDays {
			return false
		}
	}
	return true
}
