// Package resolve groups the mentions of named things into entities:
// within one article (Document), across articles as they arrive
// (Resolver), and attaches titles to people (Roles). See docs/ENTITIES.md
// for the method and its measured quality.
package resolve

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/storyline/storyline"
)

// Cluster is a group of mentions of one document that name one thing.
type Cluster struct {
	// Mentions are indexes into the mentions given to Document, in text order.
	Mentions []int
	// Type is the type most of the mentions have (the first one's on a tie).
	Type string
	// Name is the fullest frequent name (see Entity.Name).
	Name string
	// Aliases are the names as written with titles cut, most frequent first.
	Aliases []storyline.Alias
}

// dcluster is a cluster under construction.
type dcluster struct {
	idx   []int
	names []*pname // distinct by key
	types map[string]int
	hons  map[string]bool
	last  int // order of its last mention
	typ   string
	first string // type of the first mention
}

func (c *dcluster) majority() string {
	best, n := c.first, c.types[c.first]
	for _, t := range []string{storyline.PER, storyline.ORG, storyline.LOC, storyline.MISC} {
		if c.types[t] > n {
			best, n = t, c.types[t]
		}
	}
	return best
}

func (c *dcluster) addName(n *pname) {
	for _, m := range c.names {
		if m.key == n.key {
			return
		}
	}
	c.names = append(c.names, n)
}

// hasKey tells whether the cluster has a name with the key (or alt key) of n.
func (c *dcluster) hasKey(n *pname) bool {
	for _, m := range c.names {
		if sameKey(m, n) {
			return true
		}
	}
	return false
}

// compatible tells whether n may name the cluster's thing: for a person,
// n agrees with every full name of the cluster and with at least one name.
func (c *dcluster) compatible(n *pname, typ string) bool {
	if c.typ != typ {
		return false
	}
	return namesCompat(c.names, []*pname{n}, typ, false)
}

// namesCompat tells whether two sets of names may name one thing. For
// persons every pair of full names must agree and one pair at least must;
// for the others one pair must (shortFirst: a's name is the shorter).
func namesCompat(as, bs []*pname, typ string, shortFirst bool) bool {
	any := false
	for _, a := range as {
		for _, b := range bs {
			if typ == storyline.PER {
				ok := perCompat(a, b)
				if !ok && len(a.main()) > 1 && len(b.main()) > 1 {
					return false
				}
				any = any || ok
				continue
			}
			if sameKey(a, b) || otherCompat(a, b, shortFirst) {
				return true
			}
		}
	}
	return any
}

// parsed is one mention with its parsed name, in text order.
type parsed struct {
	i int // index in the caller's slice
	m storyline.Mention
	n *pname
}

// document clusters the mentions of one text; clusters come in order of
// their first mention.
func document(text string, mentions []storyline.Mention) ([]*dcluster, []parsed) {
	ps := make([]parsed, len(mentions))
	for i, m := range mentions {
		if m.Text == "" && m.Start >= 0 && m.End <= len(text) && m.Start < m.End {
			m.Text = text[m.Start:m.End]
		}
		ps[i] = parsed{i: i, m: m, n: parseName(m.Text, m.Type)}
	}
	sort.SliceStable(ps, func(a, b int) bool {
		if ps[a].m.Start != ps[b].m.Start {
			return ps[a].m.Start < ps[b].m.Start
		}
		return ps[a].m.End > ps[b].m.End
	})
	var cs []*dcluster
	of := make([]*dcluster, len(ps)) // cluster of each parsed mention
	for k, p := range ps {
		var c *dcluster
		// "General Motors (GM)": the parenthesised mention is the one before.
		if k > 0 && p.m.Type != storyline.PER && p.m.Start <= len(text) {
			prev := ps[k-1]
			if prev.m.End <= p.m.Start && strings.TrimSpace(text[prev.m.End:p.m.Start]) == "(" {
				c = of[k-1]
			}
		}
		if c == nil && p.n.key != "" {
			for _, d := range cs {
				if d.hasKey(p.n) && (c == nil || d.last > c.last) {
					c = d
				}
			}
		}
		if c == nil && p.n.key != "" {
			var pref *dcluster
			for _, d := range cs {
				if !d.compatible(p.n, p.m.Type) {
					continue
				}
				if c == nil || d.last > c.last {
					c = d
				}
				if p.n.hon != "" && d.hons[p.n.hon] && (pref == nil || d.last > pref.last) {
					pref = d
				}
			}
			if pref != nil {
				c = pref
			}
		}
		if c == nil {
			c = &dcluster{types: map[string]int{}, hons: map[string]bool{}, first: p.m.Type}
			cs = append(cs, c)
		}
		c.idx = append(c.idx, k)
		c.addName(p.n)
		if p.n.paren != "" {
			c.addName(parseName(p.n.paren, p.m.Type))
		}
		c.types[p.m.Type]++
		if p.n.hon != "" {
			c.hons[p.n.hon] = true
		}
		c.last = k
		c.typ = c.majority()
		of[k] = c
	}
	return cs, ps
}

// Document groups the mentions of one document into clusters, one per
// thing named. Names are compared after normalisation (case, diacritics,
// al-/el- particles, transliteration variants, middle initials and
// honorifics dropped, titles before a person's name cut); a short form
// ("Blinken", "Mr. el-Sisi", "al-Thani", "GM") joins the most recent
// compatible cluster of the same type before it (a Sheikh preferring a
// Sheikh), or the first compatible one after it when it comes first.
// The type of a cluster is the type of most of its mentions.
func Document(text string, mentions []storyline.Mention) []Cluster {
	cs, ps := document(text, mentions)
	out := make([]Cluster, 0, len(cs))
	for _, c := range cs {
		cl := Cluster{Type: c.typ}
		counts := map[string]int{}
		var order []string
		for _, k := range c.idx {
			cl.Mentions = append(cl.Mentions, ps[k].i)
			t := ps[k].n.text
			if counts[t] == 0 {
				order = append(order, t)
			}
			counts[t]++
		}
		for _, t := range order {
			cl.Aliases = append(cl.Aliases, storyline.Alias{Text: t, Count: counts[t]})
		}
		sortAliases(cl.Aliases)
		cl.Name = bestName(cl.Aliases)
		out = append(out, cl)
	}
	return out
}

// sortAliases orders aliases most frequent first, then by text.
func sortAliases(as []storyline.Alias) {
	slices.SortStableFunc(as, func(a, b storyline.Alias) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Text, b.Text)
	})
}

// bestName is the fullest frequent alias: among the aliases used at least
// twice (all of them when none is), the one with the most words, then
// the most used, then the first in text order. An alias in capitals (a
// dateline's "RIYADH") is taken only when no other is written.
func bestName(as []storyline.Alias) string {
	minCount, anyCased := 1, false
	for _, a := range as {
		if !allCaps(a.Text) {
			anyCased = true
		}
	}
	for _, a := range as {
		if a.Count >= 2 && (!anyCased || !allCaps(a.Text)) {
			minCount = 2
			break
		}
	}
	best, bw, bc := "", -1, 0
	for _, a := range as {
		if a.Count < minCount || anyCased && allCaps(a.Text) {
			continue
		}
		w := len(strings.Fields(a.Text))
		if w > 6 {
			w = 0 // a whole description, not a name
		}
		if w > bw || (w == bw && (a.Count > bc || (a.Count == bc && a.Text < best))) {
			best, bw, bc = a.Text, w, a.Count
		}
	}
	return best
}

// allCaps tells whether s is written in capitals: five or more capital
// letters and no lower-case one (a dateline's "RIYADH"; an acronym such
// as "NATO" is how the name is written).
func allCaps(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper > 4
}
