package resolve

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"

	"github.com/storyline/storyline"
)

// Limits on what an entity keeps for matching, which bound its memory:
// at most maxNames distinct parsed names and maxCtx co-occurring
// entities. An entity costs about 1–2 KB (measured in the benchmark:
// see docs/ENTITIES.md).
const (
	maxNames = 24
	maxCtx   = 48
)

// entry is an entity with what the resolver needs to match it.
type entry struct {
	ent   storyline.Entity
	names []*pname
	types map[string]int
	ctx   map[string]uint16 // co-occurring entity IDs and how often
	hons  map[string]bool
}

// Resolver links the clusters of each new article to the entities of the
// articles before. It is not safe for concurrent use.
//
// Linking never merges two existing entities and never renames one: an
// entity's ID is fixed when it is created (from its type, its name's key
// and the first article's ID), so that IDs stored elsewhere stay valid. A
// mention first read as its own entity (a bare "Sheikh Mohammed" that was
// ambiguous) stays so.
type Resolver struct {
	// PlaceOf, when set, gives the gazetteer entry of a LOC mention (nil
	// when unknown); LOC clusters with the same place (GeoNames id, or
	// country code for a country) are then one entity whatever the names.
	PlaceOf func(text string, m storyline.Mention) *storyline.Place

	ents    []*entry
	byID    map[string]int
	byKey   map[string][]int // name key and alt key → entities
	byTok   map[string][]int // first and last name tokens (PER), first token (others), initials
	byPlace map[string][]int
}

// NewResolver returns an empty resolver.
func NewResolver() *Resolver {
	return &Resolver{
		byID:    map[string]int{},
		byKey:   map[string][]int{},
		byTok:   map[string][]int{},
		byPlace: map[string][]int{},
	}
}

// Len returns the number of entities the resolver knows.
func (r *Resolver) Len() int { return len(r.ents) }

// Load adds an entity already stored (on restart), under its ID. Its
// aliases are its names for matching; co-occurrence context starts empty.
func (r *Resolver) Load(e storyline.Entity) {
	if _, ok := r.byID[e.ID]; ok {
		return
	}
	en := &entry{ent: cloneEntity(e), types: map[string]int{e.Type: max(1, e.Mentions)}, ctx: map[string]uint16{}, hons: map[string]bool{}}
	k := len(r.ents)
	r.ents = append(r.ents, en)
	r.byID[e.ID] = k
	for _, a := range e.Aliases {
		r.addName(k, parseName(a.Text, e.Type))
	}
	if e.Name != "" {
		r.addName(k, parseName(e.Name, e.Type))
	}
	if pk := placeKey(e.Place); pk != "" {
		r.byPlace[pk] = append(r.byPlace[pk], k)
	}
}

// Entity returns the entity with the ID, and whether it is known.
func (r *Resolver) Entity(id string) (storyline.Entity, bool) {
	k, ok := r.byID[id]
	if !ok {
		return storyline.Entity{}, false
	}
	return cloneEntity(r.ents[k].ent), true
}

func placeKey(p *storyline.Place) string {
	switch {
	case p == nil:
		return ""
	case p.GeonameID != 0:
		return "g" + strconv.Itoa(p.GeonameID)
	case p.CountryCode != "" && (p.Kind == "country" || p.Kind == ""):
		return "c" + p.CountryCode
	}
	return ""
}

func cloneEntity(e storyline.Entity) storyline.Entity {
	e.Aliases = slices.Clone(e.Aliases)
	e.Roles = slices.Clone(e.Roles)
	e.Articles = slices.Clone(e.Articles)
	if e.Place != nil {
		p := *e.Place
		e.Place = &p
	}
	return e
}

// addName records a name of entity k and indexes it.
func (r *Resolver) addName(k int, n *pname) {
	en := r.ents[k]
	if n.key == "" {
		return
	}
	for _, m := range en.names {
		if m.key == n.key {
			return
		}
	}
	if len(en.names) >= maxNames {
		return
	}
	en.names = append(en.names, n)
	index := func(m map[string][]int, key string) {
		if key == "" {
			return
		}
		l := m[key]
		if len(l) > 0 && l[len(l)-1] == k {
			return
		}
		if !slices.Contains(l, k) {
			m[key] = append(l, k)
		}
	}
	index(r.byKey, n.key)
	index(r.byKey, n.alt)
	if en.ent.Type == storyline.PER {
		index(r.byTok, n.first)
		index(r.byTok, n.last)
	} else if len(n.toks) > 0 {
		index(r.byTok, n.toks[0])
		index(r.byTok, n.initials)
		index(r.byTok, n.acro)
	}
}

// link is the decision for one cluster of an article.
type link struct {
	c      *dcluster
	cands  []int
	strong bool
	ent    int // -1 until decided
}

// Add resolves the mentions of one article: it returns them with Entity
// set (in the order given) and the entities created or changed (aliases,
// counts, roles; Articles is this article alone: the resolver does not
// keep which articles mention an entity, the store does), each once, in
// order of first mention.
// Each cluster of the article (see Document) is linked to a known entity
// of a compatible type when their names are compatible: the same key
// after normalisation; or for persons the same last name with the same
// or a variant first name, a misspelling forgiven on long names, a
// single name matching a first or last name; for the others an acronym
// or a short form of a longer known name ("Ford" → "Ford Motor
// Company"). When two entities qualify, the one sharing more co-occurring
// entities with the article wins; with no such evidence, the cluster
// becomes a new entity.
func (r *Resolver) Add(articleID, text string, mentions []storyline.Mention) (out []storyline.Mention, touched []storyline.Entity) {
	cs, ps := document(text, mentions)
	roles := Roles(text, mentions)
	links := make([]*link, len(cs))
	for i, c := range cs {
		l := &link{c: c, ent: -1}
		l.cands, l.strong = r.candidates(text, c, ps)
		links[i] = l
	}
	claimed := map[int]bool{}
	// Pass 1: the clusters with one candidate, strong (same key) first,
	// then longer names first.
	order := make([]*link, len(links))
	copy(order, links)
	slices.SortStableFunc(order, func(a, b *link) int {
		if a.strong != b.strong {
			if a.strong {
				return -1
			}
			return 1
		}
		return longest(b.c) - longest(a.c)
	})
	for _, l := range order {
		if len(l.cands) == 1 && !claimed[l.cands[0]] {
			l.ent = l.cands[0]
			claimed[l.ent] = true
		}
	}
	// Pass 2: ambiguous clusters by context.
	var ctxIDs []string
	for _, l := range links {
		if l.ent >= 0 {
			ctxIDs = append(ctxIDs, r.ents[l.ent].ent.ID)
		}
	}
	for _, l := range order {
		if l.ent >= 0 || len(l.cands) < 2 {
			continue
		}
		best, bs, tie := -1, 0, false
		for _, k := range l.cands {
			if claimed[k] {
				continue
			}
			s := 0
			for _, id := range ctxIDs {
				if r.ents[k].ctx[id] > 0 {
					s++
				}
			}
			switch {
			case s > bs:
				best, bs, tie = k, s, false
			case s == bs && s > 0:
				tie = true
			}
		}
		if best >= 0 && !tie {
			l.ent = best
			claimed[best] = true
		}
	}
	// Pass 3: new entities.
	for _, l := range links {
		if l.ent < 0 {
			l.ent = r.newEntity(articleID, l.c, ps)
		}
	}
	// Update the entities.
	out = make([]storyline.Mention, len(mentions))
	copy(out, mentions)
	seen := map[int]bool{}
	var ids []string
	for _, l := range links {
		ids = append(ids, r.ents[l.ent].ent.ID)
	}
	var touchedIdx []int
	for _, l := range links {
		en := r.ents[l.ent]
		e := &en.ent
		for _, k := range l.c.idx {
			p := ps[k]
			out[p.i].Entity = e.ID
			if out[p.i].Text == "" {
				out[p.i].Text = p.m.Text
			}
			addAlias(e, p.n.text)
			e.Mentions++
			en.types[p.m.Type]++
			if p.n.hon != "" {
				en.hons[p.n.hon] = true
			}
			for _, t := range roles[p.i] {
				role := storyline.Role{Title: t, Article: articleID}
				if !slices.Contains(e.Roles, role) {
					e.Roles = append(e.Roles, role)
				}
			}
			if e.Place == nil && r.PlaceOf != nil && p.m.Type == storyline.LOC {
				if pl := r.PlaceOf(text, p.m); pl != nil {
					cp := *pl
					e.Place = &cp
					if pk := placeKey(pl); pk != "" {
						r.byPlace[pk] = append(r.byPlace[pk], l.ent)
					}
				}
			}
		}
		for _, n := range l.c.names {
			r.addName(l.ent, n)
		}
		for _, id := range ids {
			if id != e.ID {
				if _, ok := en.ctx[id]; ok || len(en.ctx) < maxCtx {
					en.ctx[id]++
				}
			}
		}
		sortAliases(e.Aliases)
		e.Name = bestName(e.Aliases)
		if e.Place != nil && e.Place.Name != "" && allCaps(e.Name) {
			e.Name = e.Place.Name // the gazetteer's "Riyadh" for a dateline's "RIYADH"
		}
		e.Type = majorityType(en.types, e.Type)
		if !seen[l.ent] {
			seen[l.ent] = true
			touchedIdx = append(touchedIdx, l.ent)
		}
	}
	for _, k := range touchedIdx {
		e := cloneEntity(r.ents[k].ent)
		e.Articles = []string{articleID}
		touched = append(touched, e)
	}
	return out, touched
}

func longest(c *dcluster) int {
	n := 0
	for _, m := range c.names {
		n = max(n, len(m.toks))
	}
	return n
}

func addAlias(e *storyline.Entity, text string) {
	for i := range e.Aliases {
		if e.Aliases[i].Text == text {
			e.Aliases[i].Count++
			return
		}
	}
	e.Aliases = append(e.Aliases, storyline.Alias{Text: text, Count: 1})
}

func majorityType(types map[string]int, cur string) string {
	best, n := cur, types[cur]
	for _, t := range []string{storyline.PER, storyline.ORG, storyline.LOC, storyline.MISC} {
		if types[t] > n {
			best, n = t, types[t]
		}
	}
	return best
}

// candidates returns the entities the cluster may be, and whether they
// share a key with it (strong) rather than only a compatible name.
func (r *Resolver) candidates(text string, c *dcluster, ps []parsed) ([]int, bool) {
	if c.typ == storyline.LOC && r.PlaceOf != nil {
		for _, k := range c.idx {
			if ps[k].m.Type != storyline.LOC {
				continue
			}
			if pk := placeKey(r.PlaceOf(text, ps[k].m)); pk != "" {
				if l := r.byPlace[pk]; len(l) > 0 {
					return slices.Clone(l), true
				}
				break
			}
		}
	}
	var strong, other []int
	for _, n := range c.names {
		for _, key := range []string{n.key, n.alt} {
			for _, k := range r.byKey[key] {
				en := r.ents[k]
				if !slices.Contains(strong, k) && r.compat(c, en, true) {
					strong = append(strong, k)
				}
			}
		}
	}
	if len(strong) > 0 {
		return strong, true
	}
	// the same key under another type (a tagger's type error)
	for _, n := range c.names {
		for _, k := range r.byKey[n.key] {
			if !slices.Contains(other, k) && namesCompat(c.names, r.ents[k].names, storyline.ORG, false) && c.typ != storyline.PER && r.ents[k].ent.Type != storyline.PER {
				other = append(other, k)
			}
		}
	}
	var weak []int
	for _, n := range c.names {
		var keys []string
		if c.typ == storyline.PER {
			keys = []string{n.first, n.last}
		} else if len(n.toks) > 0 {
			keys = []string{n.toks[0], n.acro, n.initials}
		}
		for _, key := range keys {
			if key == "" {
				continue
			}
			for _, k := range r.byTok[key] {
				if !slices.Contains(weak, k) && r.compat(c, r.ents[k], false) {
					weak = append(weak, k)
				}
			}
		}
	}
	if len(weak) > 0 {
		return weak, false
	}
	if len(other) == 1 {
		return other, true
	}
	return nil, false
}

// compat tells whether a cluster may be an entity: same type and
// compatible names; across articles an organisation's short form matches
// a longer known name but not the other way round ("Apple" is Apple
// Inc.; "Apple Corps" is not the entity known only as "Apple").
func (r *Resolver) compat(c *dcluster, en *entry, exact bool) bool {
	if c.typ != en.ent.Type {
		return false
	}
	if c.typ == storyline.PER {
		for h := range c.hons {
			if h == "mr" && en.hons["mrs"] || h == "mrs" && en.hons["mr"] {
				return false
			}
		}
		return namesCompat(c.names, en.names, storyline.PER, true)
	}
	if exact {
		// The cluster's fullest name must be known or a short form of a
		// known one: "Apple Corps" is not Apple Inc. although both are
		// "Apple" for short.
		var full *pname
		for _, n := range c.names {
			if full == nil || len(n.toks) > len(full.toks) {
				full = n
			}
		}
		if full == nil || len(full.toks) < 2 {
			return true
		}
		return namesCompat([]*pname{full}, en.names, c.typ, true)
	}
	return namesCompat(c.names, en.names, c.typ, true)
}

// newEntity creates the entity of a cluster: its ID is "e" and 12 hex
// digits of the SHA-1 of type, name key and article ID.
func (r *Resolver) newEntity(articleID string, c *dcluster, ps []parsed) int {
	var best *pname
	for _, k := range c.idx {
		n := ps[k].n
		if best == nil || len(n.toks) > len(best.toks) {
			best = n
		}
	}
	key := ""
	if best != nil {
		key = best.key
	}
	var id string
	for i := 0; ; i++ {
		h := sha1.Sum(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%d", c.typ, key, articleID, i))
		id = "e" + hex.EncodeToString(h[:6])
		if _, ok := r.byID[id]; !ok {
			break
		}
	}
	en := &entry{
		ent:   storyline.Entity{ID: id, Type: c.typ},
		types: map[string]int{},
		ctx:   map[string]uint16{},
		hons:  map[string]bool{},
	}
	k := len(r.ents)
	r.ents = append(r.ents, en)
	r.byID[id] = k
	return k
}
