package gazetteer

import (
	"strings"

	storyline "github.com/storyline/storyline"
	"github.com/storyline/storyline/gazetteer/internal/gzfile"
	"github.com/storyline/storyline/gazetteer/internal/norm"
)

// Context is what an article says besides the name being resolved.
type Context struct {
	// Countries are ISO 3166-1 alpha-2 codes of places already resolved in
	// the article.
	Countries []string
	// Dateline is the article's dateline ("GAZA CITY, Dec 2 (Reuters) -"),
	// or empty.
	Dateline string
	// Names are the other place names in the article.
	Names []string
}

// Scoring constants of Resolve; see Resolve.
const (
	bonusAdmin1  = 4.5 // candidate shares country and first-level division with the context
	bonusCountry = 2.0 // candidate shares only the country
	bonusInside  = 4.0 // a country candidate that contains a context place
	minScore     = 3.7 // below this a candidate is not taken (a town of ~5000 with no support)
)

// evidence is the context turned into places.
type evidence struct {
	countries map[string]bool // ISO codes
	admin1    map[string]bool // "CC.admin1"
}

func (g *Gazetteer) evidence(self string, c *Context) evidence {
	ev := evidence{countries: map[string]bool{}, admin1: map[string]bool{}}
	for _, cc := range c.Countries {
		ev.countries[strings.ToUpper(cc)] = true
	}
	add := func(name string) {
		ps := g.candidates(name)
		if len(ps) == 0 || keyOf(name) == self {
			return
		}
		p := &g.places[ps[0]>>2] // the context name's best reading by prior
		if p.CC == "" {
			return
		}
		ev.countries[p.CC] = true
		if p.Kind != gzfile.Country && p.Admin1 != "" {
			ev.admin1[p.CC+"."+p.Admin1] = true
		}
	}
	for _, n := range c.Names {
		add(n)
	}
	if d := dateline(c.Dateline); d != "" {
		for _, part := range strings.Split(d, ",") {
			add(part)
		}
	}
	return ev
}

// dateline keeps the place part of a dateline: the text before a dash or
// an opening parenthesis, without a trailing date.
func dateline(s string) string {
	if i := strings.IndexAny(s, "(—–"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " - "); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ",")
	out := parts[:0]
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || strings.ContainsAny(p, "0123456789") {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ",")
}

func (ev *evidence) bonus(p *gzfile.Place) float64 {
	if p.CC == "" {
		return 0
	}
	switch p.Kind {
	case gzfile.Country:
		if ev.countries[p.CC] {
			return bonusInside
		}
	default:
		if p.Admin1 != "" && ev.admin1[p.CC+"."+p.Admin1] {
			return bonusAdmin1
		}
		if ev.countries[p.CC] {
			return bonusCountry
		}
	}
	return 0
}

// Resolve picks the place a name refers to, using the article's context.
//
// Each candidate from Lookup is scored by its prior (gzfile.Prior: 3 for a
// country, 0.5 for a region, 0 for a city, plus log10 of the population,
// plus 1.5 for a national capital, minus 2 for a match on an alternate name
// only, plus 4 for a hand-chosen usual reading such as "New York" → New
// York City) and a context bonus. The context is the best reading by prior
// of every other name in Context.Names and of the dateline, plus
// Context.Countries. A city or region in the same first-level division as
// a context place gets +4.5 ("Paris" with "Texas"; "Georgia" with
// "Atlanta"), else +2 when it is in a context country; a country that
// contains a context place gets +4 ("Georgia" with "Tbilisi"). So a minor
// place beats a big one of the same name only when the context supports it
// and the prior gap is smaller than the bonus: about four and a half orders of
// magnitude of population for a shared division ("Cairo" with "Illinois"
// stays Cairo, Egypt: 7.7 million against 2500). The highest score wins; a
// city must reach 3.7 (a town of about 5000 people with no support), while
// countries and regions, which are curated, always may. When nothing
// qualifies, and for names that match nothing ("Tuesday"), Resolve returns
// false.
//
// A name of the form "Mobile, Alabama" is resolved as "Mobile" with
// "Alabama" added to the context.
func (g *Gazetteer) Resolve(name string, context Context) (storyline.Place, bool) {
	ps := g.candidates(name)
	if len(ps) == 0 {
		if i := strings.IndexByte(name, ','); i > 0 {
			head := name[:i]
			if ps = g.candidates(head); len(ps) > 0 {
				rest := strings.Split(name[i+1:], ",")
				context.Names = append(rest, context.Names...)
				name = head
			}
		}
	}
	if len(ps) == 0 {
		return storyline.Place{}, false
	}
	self := keyOf(name)
	if len(ps) == 1 && len(context.Names) == 0 && context.Dateline == "" && len(context.Countries) == 0 {
		p := &g.places[ps[0]>>2]
		if p.Kind == gzfile.City && gzfile.Prior(p, ps[0]&3) < minScore {
			return storyline.Place{}, false
		}
		return g.place(int32(ps[0] >> 2)), true
	}
	ev := g.evidence(self, &context)
	best, bestScore := -1, -1e9
	for j, post := range ps {
		p := &g.places[post>>2]
		s := gzfile.Prior(p, post&3) + ev.bonus(p)
		if s > bestScore {
			best, bestScore = j, s
		}
	}
	if g.places[ps[best]>>2].Kind == gzfile.City && bestScore < minScore {
		return storyline.Place{}, false
	}
	return g.place(int32(ps[best] >> 2)), true
}

// key is exported to tests.
var key = norm.Key
