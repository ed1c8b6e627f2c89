package gazetteer

import (
	"bytes"
	"reflect"
	"runtime"
	"testing"

	"github.com/storyline/storyline/gazetteer/internal/gzfile"
)

func mustDefault(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestResolve(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		name    string
		ctx     Context
		wantCC  string
		wantKnd string
		want    string // place name; empty: any
	}{
		{"Paris", Context{}, "FR", KindCity, "Paris"},
		{"Paris", Context{Names: []string{"Texas"}}, "US", KindCity, "Paris"},
		{"Paris", Context{Names: []string{"Dallas"}}, "US", KindCity, "Paris"},
		{"Cairo", Context{}, "EG", KindCity, "Cairo"},
		// A 2500-people Cairo does not beat the capital of Egypt on a state
		// mention alone; a county seat does.
		{"Cairo", Context{Names: []string{"Illinois"}}, "EG", KindCity, "Cairo"},
		{"Cairo", Context{Names: []string{"Georgia", "Atlanta"}}, "US", KindCity, "Cairo"},
		{"Moscow", Context{Names: []string{"Idaho"}}, "US", KindCity, "Moscow"},
		{"Georgia", Context{}, "GE", KindCountry, "Georgia"},
		{"Georgia", Context{Names: []string{"Atlanta"}}, "US", KindRegion, "Georgia"},
		{"Georgia", Context{Names: []string{"Tbilisi"}}, "GE", KindCountry, "Georgia"},
		{"Riyadh", Context{}, "SA", KindCity, ""},
		{"Doha", Context{}, "QA", KindCity, ""},
		{"Tel Aviv", Context{}, "IL", KindCity, ""},
		{"Jerusalem", Context{}, "IL", KindCity, "Jerusalem"},
		{"Gaza", Context{}, "PS", KindRegion, "Gaza Strip"},
		{"Gaza Strip", Context{}, "PS", KindRegion, "Gaza Strip"},
		{"West Bank", Context{}, "PS", KindRegion, ""},
		{"Rafah", Context{Names: []string{"Gaza"}}, "PS", KindCity, ""},
		{"Amman", Context{}, "JO", KindCity, ""},
		{"Beirut", Context{}, "LB", KindCity, ""},
		{"Washington", Context{}, "US", KindCity, "Washington, D.C."},
		{"Washington", Context{Names: []string{"Seattle"}}, "US", KindRegion, "Washington"},
		{"Moscow", Context{}, "RU", KindCity, "Moscow"},
		{"Springfield", Context{Names: []string{"Illinois"}}, "US", KindCity, "Springfield"},
		{"Springfield", Context{Names: []string{"Massachusetts"}}, "US", KindCity, "Springfield"},
		{"London", Context{}, "GB", KindCity, "London"},
		{"London", Context{Names: []string{"Ontario"}}, "CA", KindCity, "London"},
		{"New York", Context{}, "US", KindCity, "New York City"},
		{"Texas", Context{}, "US", KindRegion, "Texas"},
		{"Bavaria", Context{}, "DE", KindRegion, ""},
		{"Middle East", Context{}, "", KindRegion, "Middle East"},
		{"Europe", Context{}, "", KindRegion, "Europe"},
		{"Red Sea", Context{}, "", KindRegion, "Red Sea"},
		{"Egypt", Context{}, "EG", KindCountry, "Egypt"},
		{"U.S.", Context{}, "US", KindCountry, "United States"},
		{"US", Context{}, "US", KindCountry, "United States"},
		{"the United States", Context{}, "US", KindCountry, "United States"},
		{"America", Context{}, "US", KindCountry, "United States"},
		{"UK", Context{}, "GB", KindCountry, "United Kingdom"},
		{"Britain", Context{}, "GB", KindCountry, "United Kingdom"},
		{"Côte d'Ivoire", Context{}, "CI", KindCountry, ""},
		{"Cote dIvoire", Context{}, "CI", KindCountry, ""},
		{"São Paulo", Context{}, "BR", KindCity, ""},
		{"Sao Paulo", Context{}, "BR", KindCity, ""},
		{"Mobile, Alabama", Context{}, "US", KindCity, "Mobile"},
		{"central London", Context{}, "GB", KindCity, "London"},
		{"Frankfurt", Context{}, "DE", KindCity, ""},
		{"Hong Kong", Context{}, "HK", "", ""},
		{"Sydney", Context{Dateline: "SYDNEY, Nov 3 (Reuters) -"}, "AU", KindCity, "Sydney"},
		{"Halifax", Context{Dateline: "OTTAWA, Canada —"}, "CA", KindCity, "Halifax"},
		{"Halifax", Context{Countries: []string{"GB"}}, "GB", KindCity, "Halifax"},
	}
	for _, tt := range tests {
		p, ok := g.Resolve(tt.name, tt.ctx)
		if !ok {
			t.Errorf("Resolve(%q, %+v): not resolved", tt.name, tt.ctx)
			continue
		}
		if p.CountryCode != tt.wantCC || (tt.wantKnd != "" && p.Kind != tt.wantKnd) || (tt.want != "" && p.Name != tt.want) {
			t.Errorf("Resolve(%q, %+v) = %s/%s/%s, want %s/%s/%s", tt.name, tt.ctx, p.Name, p.Kind, p.CountryCode, tt.want, tt.wantKnd, tt.wantCC)
		}
		if p.Kind == KindCountry && p.Country != p.Name {
			t.Errorf("Resolve(%q): country %q has Country %q", tt.name, p.Name, p.Country)
		}
	}
}

func TestNotPlaces(t *testing.T) {
	g := mustDefault(t)
	for _, n := range []string{"Blinken", "Tuesday", "Antony Blinken", "", "  ", "Reuters", "Hamas", "the", "Netanyahu"} {
		if p, ok := g.Resolve(n, Context{Names: []string{"Israel", "Gaza"}}); ok {
			t.Errorf("Resolve(%q) = %+v, want not a place", n, p)
		}
	}
}

func TestLookupOrder(t *testing.T) {
	g := mustDefault(t)
	c := g.Lookup("Georgia")
	if len(c) < 2 || c[0].Kind != KindCountry || c[1].Kind != KindRegion {
		t.Errorf("Lookup(Georgia) = %+v, want the country then the US state", c)
	}
	c = g.Lookup("cairo")
	if len(c) < 2 || c[0].CountryCode != "EG" {
		t.Errorf("Lookup(cairo) = %+v", c)
	}
	for i := 1; i < len(c); i++ {
		if c[i].Population > c[i-1].Population && c[i].Kind == c[i-1].Kind && c[i].Kind == KindCity {
			t.Errorf("Lookup(cairo): %d before %d not by population", c[i-1].Population, c[i].Population)
		}
	}
	if c := g.Lookup("Tuesday"); c != nil {
		t.Errorf("Lookup(Tuesday) = %+v", c)
	}
}

func TestCountry(t *testing.T) {
	g := mustDefault(t)
	for code, name := range map[string]string{"EG": "Egypt", "us": "United States", "GB": "United Kingdom", "PS": "Palestine", "QA": "Qatar"} {
		p, ok := g.Country(code)
		if !ok || p.Name != name || p.Kind != KindCountry || p.Lat == 0 {
			t.Errorf("Country(%q) = %+v, %v; want %s", code, p, ok, name)
		}
	}
	if _, ok := g.Country("ZZ"); ok {
		t.Error("Country(ZZ) found")
	}
}

func TestDemonym(t *testing.T) {
	g := mustDefault(t)
	for w, cc := range map[string]string{"Egyptian": "EG", "Egyptians": "EG", "Qatari": "QA", "Israeli": "IL",
		"Israelis": "IL", "Palestinian": "PS", "Palestinians": "PS", "American": "US", "British": "GB",
		"Saudi": "SA", "Lebanese": "LB", "Jordanian": "JO", "French": "FR", "german": "DE", "Emirati": "AE"} {
		if got, ok := g.Demonym(w); !ok || got != cc {
			t.Errorf("Demonym(%q) = %q, %v; want %s", w, got, ok, cc)
		}
	}
	for _, w := range []string{"Tuesday", "Egypt", "Blinken"} {
		if got, ok := g.Demonym(w); ok {
			t.Errorf("Demonym(%q) = %q", w, got)
		}
	}
	n := 0
	g.EachDemonym(func(d, cc string) {
		n++
		if d == "" || len(cc) != 2 {
			t.Errorf("EachDemonym: %q %q", d, cc)
		}
	})
	if n < 200 {
		t.Errorf("EachDemonym: %d words", n)
	}
}

func TestEachName(t *testing.T) {
	g := mustDefault(t)
	count := map[string]int{}
	found := map[string]bool{}
	g.EachName(func(name, kind string, pop int) {
		count[kind]++
		if name == "Cairo" && kind == KindCity && pop > 1000000 {
			found["Cairo"] = true
		}
		if name == "Texas" && kind == KindRegion {
			found["Texas"] = true
		}
		if name == "Egypt" && kind == KindCountry {
			found["Egypt"] = true
		}
	})
	if count[KindCity] < 200000 || count[KindCountry] < 250 || count[KindRegion] < 1000 {
		t.Errorf("EachName counts %v", count)
	}
	if len(found) != 3 {
		t.Errorf("EachName found %v", found)
	}
}

func TestRoundTrip(t *testing.T) {
	d, err := gzfile.Read(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gzfile.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	d2, err := gzfile.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, d2) {
		t.Fatal("decode(encode(data)) differs from data")
	}
	if _, err := gzfile.Read(bytes.NewReader(embedded[:len(embedded)/2])); err == nil {
		t.Error("truncated file decoded without error")
	}
	if _, err := Decode(bytes.NewReader([]byte("not gzip"))); err == nil {
		t.Error("garbage decoded without error")
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"U.S.": "us", "the United States": "united states", "Côte d'Ivoire": "cote divoire",
		"São Paulo": "sao paulo", "Tel Aviv-Yafo": "tel aviv yafo", "  GAZA  City ": "gaza city",
		"Washington, D.C.": "washington dc", "Bosnia & Herzegovina": "bosnia and herzegovina", "Łódź": "lodz",
	} {
		if got := key(in); got != want {
			t.Errorf("key(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	g := mustDefault(b)
	ctx := Context{Countries: []string{"US"}, Dateline: "WASHINGTON (Reuters) -",
		Names: []string{"Texas", "Gaza", "Israel", "Cairo", "Doha", "New York", "Egypt", "Qatar"}}
	names := []string{"Paris", "Georgia", "Springfield", "London", "Gaza", "Cairo", "Washington", "Rafah"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.Resolve(names[i%len(names)], ctx)
	}
}

func BenchmarkResolveNoContext(b *testing.B) {
	g := mustDefault(b)
	names := []string{"Paris", "Georgia", "Springfield", "London", "Gaza", "Cairo", "Washington", "Rafah"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Resolve(names[i%len(names)], Context{})
	}
}

// BenchmarkDecode: decoding the embedded file, and the heap the decoded
// gazetteer holds.
func BenchmarkDecode(b *testing.B) {
	var g *Gazetteer
	var before, after runtime.MemStats
	for b.Loop() {
		g = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		var err error
		if g, err = Decode(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(g)
}

// TestRegion: a city carries its first-level division when the
// gazetteer has it; a country and a region carry none.
func TestRegion(t *testing.T) {
	g := mustDefault(t)
	for _, tc := range []struct {
		name   string
		ctx    Context
		region string
	}{
		{"Paris", Context{Names: []string{"Texas"}}, "Texas"},
		{"Springfield", Context{Names: []string{"Illinois"}}, "Illinois"},
		{"Egypt", Context{}, ""},
		{"Texas", Context{}, ""},
	} {
		p, ok := g.Resolve(tc.name, tc.ctx)
		if !ok || p.Region != tc.region {
			t.Errorf("Resolve(%q, %v) = %+v, %v; want region %q", tc.name, tc.ctx.Names, p, ok, tc.region)
		}
	}
}
