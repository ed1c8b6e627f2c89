// Package gazetteer links place names to coordinates and countries, offline.
//
// The data (GeoNames cities with at least 1000 inhabitants, countries,
// first-level divisions, a hand list of continents, regions and seas, and
// nationality words) is embedded as data/places.bin.gz and decoded on first
// use; see data/README.md for sources and licences. GeoNames data is
// licensed under CC BY 4.0 (https://www.geonames.org).
package gazetteer

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"

	storyline "github.com/storyline/storyline"
	"github.com/storyline/storyline/gazetteer/internal/gzfile"
	"github.com/storyline/storyline/gazetteer/internal/norm"
)

//go:embed data/places.bin.gz
var embedded []byte

// Place kinds, as in storyline.Place.Kind.
const (
	KindCountry = "country"
	KindRegion  = "region"
	KindCity    = "city"
)

var kinds = [...]string{gzfile.Country: KindCountry, gzfile.Region: KindRegion, gzfile.City: KindCity}

// Gazetteer is a decoded gazetteer. It is read-only and safe for
// concurrent use.
type Gazetteer struct {
	places   []gzfile.Place
	index    gzfile.Index
	demonyms []gzfile.Demonym
	country  map[string]int32  // ISO alpha-2 → place index
	region   map[string]int32  // "CC.admin1" → place index of the first-level division
	demonym  map[string]string // demonym key → ISO alpha-2
}

var defaultOnce = sync.OnceValues(func() (*Gazetteer, error) {
	return Decode(bytes.NewReader(embedded))
})

// Default returns the gazetteer built from the embedded data file. It is
// decoded once, on the first call; later calls return the same value.
func Default() (*Gazetteer, error) { return defaultOnce() }

// Decode reads a gazetteer file written by the build tool
// (gazetteer/internal/buildgazetteer).
func Decode(r io.Reader) (*Gazetteer, error) {
	d, err := gzfile.Read(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: read data: %w", err)
	}
	g := &Gazetteer{places: d.Places, index: d.Index, demonyms: d.Demonyms,
		country: map[string]int32{}, region: map[string]int32{}, demonym: make(map[string]string, len(d.Demonyms))}
	for i := range g.places {
		switch p := &g.places[i]; {
		case p.Kind == gzfile.Country:
			g.country[p.CC] = int32(i)
		case p.Kind == gzfile.Region && p.Admin1 != "":
			g.region[p.CC+"."+p.Admin1] = int32(i)
		}
	}
	for _, dm := range d.Demonyms {
		g.demonym[norm.Key(dm.Word)] = dm.CC
	}
	return g, nil
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// cand is one candidate: a place index and the posting flags.
type cand struct {
	i     int32
	flags uint32
}

// find returns the postings of one key, best first by prior.
func (g *Gazetteer) find(key string) []uint32 {
	x := &g.index
	n := x.Len()
	i := sort.Search(n, func(i int) bool { return x.Key(i) >= key })
	if i < n && x.Key(i) == key {
		return x.Postings(i)
	}
	return nil
}

// modifiers are words dropped from the front of a name that is not found
// as it stands ("central London", "downtown San Jose").
var modifiers = []string{"central", "downtown", "greater", "northern", "southern", "eastern", "western",
	"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
	"northeastern", "northwestern", "southeastern", "southwestern", "metropolitan", "suburban", "rural", "coastal"}

// keyOf turns a mention into a key, dropping a possessive "'s".
func keyOf(name string) string {
	name = strings.TrimSpace(name)
	for _, s := range []string{"'s", "’s"} {
		if len(name) > len(s)+1 && strings.HasSuffix(name, s) {
			name = name[:len(name)-len(s)]
			break
		}
	}
	return norm.Key(name)
}

// candidates returns the postings for a mention: the key itself, else the
// key without a "-based" suffix or a leading modifier.
func (g *Gazetteer) candidates(name string) []uint32 {
	k := keyOf(name)
	if k == "" {
		return nil
	}
	if ps := g.find(k); ps != nil {
		return ps
	}
	if s, ok := strings.CutSuffix(k, " based"); ok {
		if ps := g.find(s); ps != nil {
			return ps
		}
	}
	for _, m := range modifiers {
		if s, ok := strings.CutPrefix(k, m+" "); ok {
			if ps := g.find(s); ps != nil {
				return ps
			}
		}
	}
	return nil
}

// Lookup returns the places a name may refer to, best first by prior: a
// base by kind (countries before regions before cities), the log of the
// population, a bonus for capitals and a penalty for names that are only
// alternate names. Matching ignores case, diacritics, punctuation, hyphens
// and a leading "the" ("U.S.", "US", "the United States" and "America" all
// give the United States). It returns nil when nothing matches.
func (g *Gazetteer) Lookup(name string) []storyline.Place {
	ps := g.candidates(name)
	if len(ps) == 0 {
		return nil
	}
	out := make([]storyline.Place, 0, len(ps))
	for _, p := range ps {
		out = append(out, g.place(int32(p>>2)))
	}
	return out
}

func round5(f float32) float64 { return math.Round(float64(f)*1e5) / 1e5 }

func (g *Gazetteer) place(i int32) storyline.Place {
	p := &g.places[i]
	sp := storyline.Place{
		GeonameID:   int(p.GeonameID),
		Name:        p.Name,
		Kind:        kinds[p.Kind],
		CountryCode: p.CC,
		Lat:         round5(p.Lat),
		Lon:         round5(p.Lon),
		Population:  int(p.Pop),
	}
	if c, ok := g.country[p.CC]; ok {
		sp.Country = g.places[c].Name
	}
	if r, ok := g.region[p.CC+"."+p.Admin1]; ok && p.Kind == gzfile.City && p.Admin1 != "" {
		sp.Region = g.places[r].Name
	}
	return sp
}

// Country returns the country with an ISO 3166-1 alpha-2 code ("EG"), in
// either case. Its Population is the summed population of its GeoNames
// cities of at least 1000 inhabitants, a lower bound.
func (g *Gazetteer) Country(code string) (storyline.Place, bool) {
	i, ok := g.country[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return storyline.Place{}, false
	}
	return g.place(i), true
}

// EachName calls fn for every name of every place: its name, its ASCII
// name when different, and its alternate names, with kind "country",
// "region" or "city" and the place's population. A name shared by several
// places is passed once for each. It allocates nothing; the whole walk
// takes a few milliseconds.
func (g *Gazetteer) EachName(fn func(name, kind string, population int)) {
	for i := range g.places {
		p := &g.places[i]
		k := kinds[p.Kind]
		fn(p.Name, k, int(p.Pop))
		if p.ASCII != "" {
			fn(p.ASCII, k, int(p.Pop))
		}
		for _, a := range p.Alts {
			fn(a, k, int(p.Pop))
		}
	}
}

// EachDemonym calls fn for every nationality word and its country's ISO
// alpha-2 code ("Egyptian" → "EG", "Israelis" → "IL"), in alphabetical
// order of the word.
func (g *Gazetteer) EachDemonym(fn func(demonym, countryCode string)) {
	for _, d := range g.demonyms {
		fn(d.Word, d.CC)
	}
}

// Demonym returns the country code of a nationality word, matched like
// place names (case and diacritics ignored): "Qatari" → "QA".
func (g *Gazetteer) Demonym(word string) (code string, ok bool) {
	code, ok = g.demonym[norm.Key(word)]
	return code, ok
}
