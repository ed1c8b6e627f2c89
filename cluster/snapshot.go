package cluster

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
)

// snapshotVersion is the format of Snapshot; Restore refuses others.
const snapshotVersion = 1

// ErrSnapshotVersion is returned by Restore for a snapshot written by
// another version of the package: rebuild the clusterer by Replay.
var ErrSnapshotVersion = errors.New("cluster: snapshot of another format version")

type snapVocab struct {
	Terms []string // by id
	DF    []int32
	Docs  int
}

type snapDoc struct {
	ID                         string
	Terms, Title, Ents, Places map[int32]float32
	Norm, TNorm, ENorm, PNorm  float64
	Top, EntIDs                []int32
	Day                        int32
	Dated                      bool
}

type snapEvent struct {
	ID                         string
	Story, N                   int
	Terms, Title, Ents, Places map[int32]float32
	Norm, TNorm, ENorm, PNorm  float64
	Days                       []int32
	Recent                     []int // indexes into snapshot.Docs
	Posted, PostedEnt          []int32
}

type snapStory struct {
	ID     string
	Events []int
}

type snapshot struct {
	Version           int
	Words, Ents       snapVocab
	Docs              []snapDoc
	Events            []snapEvent
	Stories           []snapStory
	TermPost, EntPost map[int32][]int32
	Articles          []string
	ArticleEvents     []int
}

// Snapshot writes the whole state of the clusterer (vocabularies,
// document frequencies, events, stories, index, article assignments), so
// that Restore can bring it back without adding the articles again. The
// model is not written: Restore is given it.
func (c *Clusterer) Snapshot(w io.Writer) error {
	s := snapshot{Version: snapshotVersion, Words: c.words.snap(), Ents: c.entVocab.snap(),
		TermPost: c.termPost, EntPost: c.entPost}
	docIndex := map[*doc]int{}
	for _, e := range c.events {
		se := snapEvent{ID: e.id, Story: e.story, N: e.n, Terms: e.terms, Title: e.title, Ents: e.ents, Places: e.places,
			Norm: e.norm, TNorm: e.tnorm, ENorm: e.enorm, PNorm: e.pnorm, Days: e.days,
			Posted: keys(e.posted), PostedEnt: keys(e.postedEnt)}
		for _, d := range e.recent {
			i, ok := docIndex[d]
			if !ok {
				i = len(s.Docs)
				docIndex[d] = i
				s.Docs = append(s.Docs, snapDoc{ID: d.id, Terms: d.terms, Title: d.title, Ents: d.ents, Places: d.places,
					Norm: d.norm, TNorm: d.tnorm, ENorm: d.enorm, PNorm: d.pnorm, Top: d.top, EntIDs: d.entIDs, Day: d.day, Dated: d.dated})
			}
			se.Recent = append(se.Recent, i)
		}
		s.Events = append(s.Events, se)
	}
	for _, st := range c.stories {
		s.Stories = append(s.Stories, snapStory{ID: st.id, Events: st.events})
	}
	for id, ei := range c.articleEvent {
		s.Articles = append(s.Articles, id)
		s.ArticleEvents = append(s.ArticleEvents, ei)
	}
	bw := bufio.NewWriter(w)
	if err := gob.NewEncoder(bw).Encode(&s); err != nil {
		return fmt.Errorf("cluster: snapshot: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cluster: snapshot: %w", err)
	}
	return nil
}

func keys(m map[int32]bool) []int32 {
	out := make([]int32, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func (v *vocab) snap() snapVocab {
	terms := make([]string, len(v.df))
	for t, i := range v.ids {
		terms[i] = t
	}
	return snapVocab{Terms: terms, DF: v.df, Docs: v.docs}
}

// Restore reads a clusterer written by Snapshot, to decide by m. A
// snapshot that is not one, is truncated or is inconsistent gives an
// error, never a partial clusterer.
func Restore(m Model, r io.Reader) (*Clusterer, error) {
	var s snapshot
	if err := gob.NewDecoder(bufio.NewReader(r)).Decode(&s); err != nil {
		return nil, fmt.Errorf("cluster: restore: %w", err)
	}
	if s.Version != snapshotVersion {
		return nil, fmt.Errorf("cluster: restore: version %d: %w", s.Version, ErrSnapshotVersion)
	}
	c := NewClusterer(m)
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("cluster: restore: %w", err)
	}
	c.words, c.entVocab = s.Words.vocab(), s.Ents.vocab()
	docs := make([]*doc, len(s.Docs))
	for i, d := range s.Docs {
		docs[i] = &doc{id: d.ID, terms: orEmpty(d.Terms), title: orEmpty(d.Title), ents: orEmpty(d.Ents), places: orEmpty(d.Places),
			norm: d.Norm, tnorm: d.TNorm, enorm: d.ENorm, pnorm: d.PNorm, top: d.Top, entIDs: d.EntIDs, day: d.Day, dated: d.Dated}
	}
	for i, se := range s.Events {
		e := &event{id: se.ID, story: se.Story, n: se.N, terms: orEmpty(se.Terms), title: orEmpty(se.Title),
			ents: orEmpty(se.Ents), places: orEmpty(se.Places), norm: se.Norm, tnorm: se.TNorm, enorm: se.ENorm, pnorm: se.PNorm,
			days: se.Days, posted: set(se.Posted), postedEnt: set(se.PostedEnt)}
		for _, j := range se.Recent {
			e.recent = append(e.recent, docs[j])
		}
		c.events = append(c.events, e)
		c.eventIndex[e.id] = i
	}
	for i, ss := range s.Stories {
		c.stories = append(c.stories, &story{id: ss.ID, events: ss.Events})
		c.storyIndex[ss.ID] = i
	}
	if s.TermPost != nil {
		c.termPost = s.TermPost
	}
	if s.EntPost != nil {
		c.entPost = s.EntPost
	}
	for i, id := range s.Articles {
		c.articleEvent[id] = s.ArticleEvents[i]
	}
	return c, nil
}

func orEmpty(m map[int32]float32) tf {
	if m == nil {
		return tf{}
	}
	return m
}

func set(ids []int32) map[int32]bool {
	m := make(map[int32]bool, len(ids))
	for _, i := range ids {
		m[i] = true
	}
	return m
}

func (s snapVocab) vocab() *vocab {
	v := &vocab{ids: make(map[string]int32, len(s.Terms)), df: s.DF, docs: s.Docs}
	for i, t := range s.Terms {
		v.ids[t] = int32(i)
	}
	return v
}

// check verifies that every index in s points where it should.
func (s *snapshot) check() error {
	nw, ne := int32(len(s.Words.Terms)), int32(len(s.Ents.Terms))
	for _, v := range []snapVocab{s.Words, s.Ents} {
		if len(v.DF) != len(v.Terms) || v.Docs < 0 {
			return errors.New("vocabulary and frequencies differ in length")
		}
		seen := make(map[string]bool, len(v.Terms))
		for _, t := range v.Terms {
			if seen[t] {
				return fmt.Errorf("term %q twice", t)
			}
			seen[t] = true
		}
	}
	inRange := func(what string, n int32, ids ...[]int32) error {
		for _, l := range ids {
			for _, i := range l {
				if i < 0 || i >= n {
					return fmt.Errorf("%s id %d out of range", what, i)
				}
			}
		}
		return nil
	}
	bagIn := func(what string, n int32, bags ...map[int32]float32) error {
		for _, b := range bags {
			for i := range b {
				if i < 0 || i >= n {
					return fmt.Errorf("%s id %d out of range", what, i)
				}
			}
		}
		return nil
	}
	for _, d := range s.Docs {
		if err := bagIn("term", nw, d.Terms, d.Title); err != nil {
			return fmt.Errorf("article %s: %w", d.ID, err)
		}
		if err := bagIn("entity", ne, d.Ents, d.Places); err != nil {
			return fmt.Errorf("article %s: %w", d.ID, err)
		}
		if err := inRange("term", nw, d.Top); err != nil {
			return fmt.Errorf("article %s: %w", d.ID, err)
		}
		if err := inRange("entity", ne, d.EntIDs); err != nil {
			return fmt.Errorf("article %s: %w", d.ID, err)
		}
	}
	ids := map[string]bool{}
	for _, e := range s.Events {
		if ids[e.ID] {
			return fmt.Errorf("event %s twice", e.ID)
		}
		ids[e.ID] = true
		if e.Story < 0 || e.Story >= len(s.Stories) {
			return fmt.Errorf("event %s: story %d out of range", e.ID, e.Story)
		}
		if err := bagIn("term", nw, e.Terms, e.Title); err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		if err := bagIn("entity", ne, e.Ents, e.Places); err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		if err := inRange("term", nw, e.Posted); err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		if err := inRange("entity", ne, e.PostedEnt); err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		for _, j := range e.Recent {
			if j < 0 || j >= len(s.Docs) {
				return fmt.Errorf("event %s: article %d out of range", e.ID, j)
			}
		}
	}
	for _, st := range s.Stories {
		if ids[st.ID] {
			return fmt.Errorf("story %s twice", st.ID)
		}
		ids[st.ID] = true
		for _, ei := range st.Events {
			if ei < 0 || ei >= len(s.Events) || s.Events[ei].Story < 0 || s.Stories[s.Events[ei].Story].ID != st.ID {
				return fmt.Errorf("story %s: event %d not its own", st.ID, ei)
			}
		}
	}
	post := func(what string, n int32, p map[int32][]int32) error {
		for k, l := range p {
			if k < 0 || k >= n {
				return fmt.Errorf("%s posting %d out of range", what, k)
			}
			for _, ei := range l {
				if ei < 0 || int(ei) >= len(s.Events) {
					return fmt.Errorf("%s posting %d: event %d out of range", what, k, ei)
				}
			}
		}
		return nil
	}
	if err := post("term", nw, s.TermPost); err != nil {
		return err
	}
	if err := post("entity", ne, s.EntPost); err != nil {
		return err
	}
	if len(s.Articles) != len(s.ArticleEvents) {
		return errors.New("articles and their events differ in length")
	}
	for i, ei := range s.ArticleEvents {
		if ei < 0 || ei >= len(s.Events) {
			return fmt.Errorf("article %s: event %d out of range", s.Articles[i], ei)
		}
	}
	return nil
}
