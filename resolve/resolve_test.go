package resolve

import (
	"fmt"
	"math/rand"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// span is a mention to find in a test text: the next occurrence of s
// after the previous span.
type span struct{ s, typ string }

// mentions finds the spans in text, in order.
func mentions(t testing.TB, text string, spans ...span) []storyline.Mention {
	t.Helper()
	var out []storyline.Mention
	from := 0
	for _, sp := range spans {
		i := strings.Index(text[from:], sp.s)
		if i < 0 {
			t.Fatalf("%q not found after byte %d", sp.s, from)
		}
		st := from + i
		out = append(out, storyline.Mention{Start: st, End: st + len(sp.s), Text: sp.s, Type: sp.typ})
		from = st + 1
	}
	return out
}

// groups returns, for each mention, the index of its cluster.
func groups(cs []Cluster, n int) []int {
	g := make([]int, n)
	for c, cl := range cs {
		for _, i := range cl.Mentions {
			g[i] = c
		}
	}
	return g
}

func TestDocumentVariants(t *testing.T) {
	P, O, L := storyline.PER, storyline.ORG, storyline.LOC
	tests := []struct {
		name  string
		text  string
		spans []span
		same  [][]int // mention indexes that must share a cluster
		apart [][2]int
	}{
		{
			name:  "transliterations of el-Sisi",
			text:  "Abdel Fattah al-Sisi spoke. Later el-Sisi, also spelt el-Sissi or Abdel-Fattah el-Sissi, met al-Sisi's aides; Sisi left.",
			spans: []span{{"Abdel Fattah al-Sisi", P}, {"el-Sisi", P}, {"el-Sissi", P}, {"Abdel-Fattah el-Sissi", P}, {"al-Sisi", P}, {"Sisi", P}},
			same:  [][]int{{0, 1, 2, 3, 4, 5}},
		},
		{
			name:  "middle initial, misspelling, Mr.",
			text:  "Antony J. Blinken arrived. Anthony Blinken, as one paper wrote, then met Mr. Blinken's hosts. Blinken smiled.",
			spans: []span{{"Antony J. Blinken", P}, {"Anthony Blinken", P}, {"Mr. Blinken", P}, {"Blinken", P}},
			same:  [][]int{{0, 1, 2, 3}},
		},
		{
			name:  "short form before the full name",
			text:  "Blinken in Cairo.\nSecretary of State Antony Blinken met Abdel Fattah el-Sisi.",
			spans: []span{{"Blinken", P}, {"Antony Blinken", P}, {"Abdel Fattah el-Sisi", P}},
			same:  [][]int{{0, 1}},
			apart: [][2]int{{1, 2}},
		},
		{
			name:  "title inside the mention",
			text:  "Crown Prince Mohammed bin Salman received him. Mohammed bin Salman said little.",
			spans: []span{{"Crown Prince Mohammed bin Salman", P}, {"Mohammed bin Salman", P}},
			same:  [][]int{{0, 1}},
		},
		{
			name:  "Muhammad and Mohamed",
			text:  "Mohamed bin Zayed spoke. Muhammad bin Zayed agreed.",
			spans: []span{{"Mohamed bin Zayed", P}, {"Muhammad bin Zayed", P}},
			same:  [][]int{{0, 1}},
		},
		{
			name:  "organisation acronyms and qualifiers",
			text:  "The U.S. State Department said the United Nations (UN) must act. The State Department and the UN agreed. Hamas did not. Hamas later replied.",
			spans: []span{{"U.S. State Department", O}, {"United Nations", O}, {"UN", O}, {"State Department", O}, {"UN", O}, {"Hamas", O}, {"Hamas", O}},
			same:  [][]int{{0, 3}, {1, 2, 4}, {5, 6}},
			apart: [][2]int{{0, 1}, {1, 5}},
		},
		{
			name:  "acronym without parenthesis",
			text:  "General Motors will close plants. GM said so.",
			spans: []span{{"General Motors", O}, {"GM", O}},
			same:  [][]int{{0, 1}},
		},
		{
			name:  "places",
			text:  "The United States and the U.S. Congress; US troops; Egypt is not the United States.",
			spans: []span{{"United States", L}, {"U.S.", L}, {"US", L}, {"Egypt", L}, {"United States", L}},
			same:  [][]int{{0, 1, 2, 4}},
			apart: [][2]int{{0, 3}},
		},
		{
			name:  "people sharing a family name stay apart",
			text:  "Sheikh Tamim bin Hamad al-Thani met Sheikh Mohammed bin Abdulrahman al-Thani.",
			spans: []span{{"Sheikh Tamim bin Hamad al-Thani", P}, {"Sheikh Mohammed bin Abdulrahman al-Thani", P}},
			apart: [][2]int{{0, 1}},
		},
		{
			name:  "type disagreement settled by majority",
			text:  "Hamas said no. Hamas fighters. Hamas leaders.",
			spans: []span{{"Hamas", O}, {"Hamas", storyline.MISC}, {"Hamas", O}},
			same:  [][]int{{0, 1, 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := mentions(t, tt.text, tt.spans...)
			cs := Document(tt.text, ms)
			g := groups(cs, len(ms))
			for _, s := range tt.same {
				for _, i := range s[1:] {
					if g[i] != g[s[0]] {
						t.Errorf("%q and %q in different clusters: %+v", ms[s[0]].Text, ms[i].Text, cs)
					}
				}
			}
			for _, a := range tt.apart {
				if g[a[0]] == g[a[1]] {
					t.Errorf("%q and %q in one cluster: %+v", ms[a[0]].Text, ms[a[1]].Text, cs)
				}
			}
		})
	}
}

func TestDocumentMajorityType(t *testing.T) {
	text := "Hamas said no. Hamas fighters. Hamas leaders."
	ms := mentions(t, text, span{"Hamas", storyline.MISC}, span{"Hamas", storyline.ORG}, span{"Hamas", storyline.ORG})
	cs := Document(text, ms)
	if len(cs) != 1 || cs[0].Type != storyline.ORG || cs[0].Name != "Hamas" {
		t.Fatalf("clusters %+v, want one ORG Hamas", cs)
	}
}

// TestTwoThanis: a bare "al-Thani" or "Sheikh Mohammed" goes to the right
// al-Thani by context, never merging the two.
func TestTwoThanis(t *testing.T) {
	P := storyline.PER
	text := "In Doha, Blinken met Sheikh Tamim bin Hamad al-Thani, the emir of Qatar. " +
		"Sheikh Tamim welcomed him. He later saw Sheikh Mohammed bin Abdulrahman al-Thani, Qatar's prime minister. " +
		"Al-Thani said talks went well. Sheikh Mohammed added that the emir, Sheikh Tamim, agreed."
	ms := mentions(t, text,
		span{"Blinken", P},
		span{"Sheikh Tamim bin Hamad al-Thani", P},          // 1
		span{"Sheikh Tamim", P},                             // 2
		span{"Sheikh Mohammed bin Abdulrahman al-Thani", P}, // 3
		span{"Al-Thani", P},                                 // 4: most recent al-Thani is Mohammed
		span{"Sheikh Mohammed", P},                          // 5
		span{"Sheikh Tamim", P},                             // 6
	)
	g := groups(Document(text, ms), len(ms))
	if g[1] == g[3] {
		t.Fatal("the two al-Thanis were merged")
	}
	want := map[int]int{2: 1, 4: 3, 5: 3, 6: 1}
	for i, j := range want {
		if g[i] != g[j] {
			t.Errorf("%q (%d) should be with %q", ms[i].Text, i, ms[j].Text)
		}
	}
	// Across articles too: a later article naming only "Sheikh Mohammed"
	// beside the prime minister's usual company goes to him, not to Tamim.
	r := NewResolver()
	out1, _ := r.Add("a1", text, ms)
	text2 := "Sheikh Mohammed bin Abdulrahman al-Thani and Blinken spoke by phone. Sheikh Tamim bin Hamad al-Thani was not there."
	ms2 := mentions(t, text2, span{"Sheikh Mohammed bin Abdulrahman al-Thani", P}, span{"Blinken", P}, span{"Sheikh Tamim bin Hamad al-Thani", P})
	out2, _ := r.Add("a2", text2, ms2)
	if out2[0].Entity != out1[3].Entity || out2[2].Entity != out1[1].Entity || out2[0].Entity == out2[2].Entity {
		t.Errorf("cross-article al-Thanis: got %s %s, want %s %s", out2[0].Entity, out2[2].Entity, out1[3].Entity, out1[1].Entity)
	}
}

func TestRoles(t *testing.T) {
	P := storyline.PER
	tests := []struct {
		text string
		name string
		want []string
	}{
		{"Secretary of State Antony Blinken flew in.", "Antony Blinken", []string{"secretary of state"}},
		{"He met Antony Blinken, the U.S. secretary of state, on Monday.", "Antony Blinken", []string{"secretary of state of United States"}},
		{"Egyptian President Abdel Fattah el-Sisi spoke.", "Abdel Fattah el-Sisi", []string{"president of Egypt"}},
		{"He met President Abdel Fattah el-Sisi of Egypt.", "Abdel Fattah el-Sisi", []string{"president of Egypt"}},
		{"They went to see the emir of Qatar, Sheikh Tamim, at noon.", "Sheikh Tamim", []string{"emir of Qatar"}},
		{"State Department spokesman Matthew Miller said so.", "Matthew Miller", []string{"spokesman of State Department"}},
		{"He called Qatar's prime minister, Sheikh Mohammed, twice.", "Sheikh Mohammed", []string{"prime minister of Qatar"}},
		{"Crown Prince Mohammed bin Salman hosted them.", "Crown Prince Mohammed bin Salman", []string{"crown prince"}},
		{"Joe Leonard, Chairman and Chief Operating Officer of AirTran Airways, said", "Joe Leonard", []string{"chairman of AirTran Airways", "chief operating officer of AirTran Airways"}},
		{"On Tuesday Blinken said nothing.", "Blinken", nil},
		{"In Cairo, Blinken said nothing.", "Blinken", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ms := mentions(t, tt.text, span{tt.name, P})
			got := Roles(tt.text, ms)[0]
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Roles = %q, want %q", got, tt.want)
			}
		})
	}
	// Case is normalised: two spellings of one title are one role.
	a := Roles("Secretary of State Antony Blinken came.", mentions(t, "Secretary of State Antony Blinken came.", span{"Antony Blinken", P}))[0]
	b := Roles("Antony Blinken, the secretary of state, came.", mentions(t, "Antony Blinken, the secretary of state, came.", span{"Antony Blinken", P}))[0]
	if !reflect.DeepEqual(a, b) {
		t.Errorf("%q and %q differ", a, b)
	}
}

func TestResolverRolesAndIDs(t *testing.T) {
	P, L := storyline.PER, storyline.LOC
	r := NewResolver()
	t1 := "Secretary of State Antony J. Blinken arrived in Egypt."
	out1, touched := r.Add("art1", t1, mentions(t, t1, span{"Antony J. Blinken", P}, span{"Egypt", L}))
	if len(touched) != 2 {
		t.Fatalf("touched %d entities, want 2", len(touched))
	}
	id := out1[0].Entity
	if id == "" || !strings.HasPrefix(id, "e") || len(id) != 13 {
		t.Fatalf("bad id %q", id)
	}
	t2 := "Mr. Blinken, the secretary of state, met Anthony Blinken's Egyptian hosts. Blinken left Egypt."
	out2, touched2 := r.Add("art2", t2, mentions(t, t2, span{"Mr. Blinken", P}, span{"Anthony Blinken", P}, span{"Blinken", P}, span{"Egypt", L}))
	for _, m := range out2[:3] {
		if m.Entity != id {
			t.Errorf("%q got %s, want %s", m.Text, m.Entity, id)
		}
	}
	if out2[3].Entity != out1[1].Entity {
		t.Errorf("Egypt renamed: %s then %s", out1[1].Entity, out2[3].Entity)
	}
	e, ok := r.Entity(id)
	if !ok {
		t.Fatal("entity not found")
	}
	if e.Mentions != 4 {
		t.Errorf("entity %+v: want 4 mentions", e)
	}
	if e.Name != "Blinken" && e.Name != "Antony J. Blinken" && e.Name != "Anthony Blinken" {
		t.Errorf("name %q", e.Name)
	}
	wantRoles := []storyline.Role{{Title: "secretary of state", Article: "art1"}, {Title: "secretary of state", Article: "art2"}}
	if !reflect.DeepEqual(e.Roles, wantRoles) {
		t.Errorf("roles %+v, want %+v", e.Roles, wantRoles)
	}
	if len(touched2) != 2 {
		t.Errorf("touched %d, want 2", len(touched2))
	}
	// Restart: load the entities and add a third article; IDs hold.
	r2 := NewResolver()
	for _, x := range touched2 {
		r2.Load(x)
	}
	t3 := "Antony Blinken returned to Egypt."
	out3, _ := r2.Add("art3", t3, mentions(t, t3, span{"Antony Blinken", P}, span{"Egypt", L}))
	if out3[0].Entity != id || out3[1].Entity != out1[1].Entity {
		t.Errorf("after Load: %s %s, want %s %s", out3[0].Entity, out3[1].Entity, id, out1[1].Entity)
	}
}

// TestIDStability: adding more articles never changes the entity of
// mentions already resolved, and IDs do not depend on what comes later.
func TestIDStability(t *testing.T) {
	docs := smallCorpus(t)
	r := NewResolver()
	var first [][]string
	for _, d := range docs {
		out, _ := r.Add(d.id, d.text, d.ms)
		first = append(first, entityIDs(out))
	}
	// A resolver given only the first half gives the same IDs for it.
	r2 := NewResolver()
	for i, d := range docs[:len(docs)/2] {
		out, _ := r2.Add(d.id, d.text, d.ms)
		if !reflect.DeepEqual(entityIDs(out), first[i]) {
			t.Errorf("doc %s: IDs %v, then %v", d.id, entityIDs(out), first[i])
		}
	}
	// The same texts again link to the entities they made: no new ones.
	known := r.Len()
	for i, d := range docs {
		_, touched := r.Add(d.id+"-again", d.text, d.ms)
		for _, e := range touched {
			if !slices.Contains(first[i], e.ID) {
				t.Errorf("entity %s %q was created by a repeated article", e.ID, e.Name)
			}
		}
	}
	if r.Len() != known {
		t.Errorf("repeated articles made %d new entities", r.Len()-known)
	}
}

func entityIDs(ms []storyline.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Entity)
	}
	return out
}

type testDoc struct {
	id, text string
	ms       []storyline.Mention
}

func smallCorpus(t testing.TB) []testDoc {
	P, O, L := storyline.PER, storyline.ORG, storyline.LOC
	mk := func(id, text string, spans ...span) testDoc {
		return testDoc{id, text, mentions(t, text, spans...)}
	}
	return []testDoc{
		mk("d1", "Secretary of State Antony J. Blinken met Egyptian President Abdel Fattah el-Sisi in Cairo.",
			span{"Antony J. Blinken", P}, span{"Abdel Fattah el-Sisi", P}, span{"Cairo", L}),
		mk("d2", "Mr. Blinken and Mr. el-Sissi discussed Gaza. The State Department said Hamas had replied.",
			span{"Mr. Blinken", P}, span{"Mr. el-Sissi", P}, span{"Gaza", L}, span{"State Department", O}, span{"Hamas", O}),
		mk("d3", "The U.S. State Department spokesman Matthew Miller said the United Nations would help. Miller spoke in Washington.",
			span{"U.S. State Department", O}, span{"Matthew Miller", P}, span{"United Nations", O}, span{"Miller", P}, span{"Washington", L}),
		mk("d4", "Abdel-Fattah al-Sisi told the UN that Egypt and the United States back the plan.",
			span{"Abdel-Fattah al-Sisi", P}, span{"UN", O}, span{"Egypt", L}, span{"United States", L}),
		mk("d5", "Anthony Blinken flew to the U.S. from Egypt; Hamas fighters stayed in Gaza.",
			span{"Anthony Blinken", P}, span{"U.S.", L}, span{"Egypt", L}, span{"Hamas", O}, span{"Gaza", L}),
		mk("d6", "Blinken and Sisi spoke; Matthew Miller confirmed.",
			span{"Blinken", P}, span{"Sisi", P}, span{"Matthew Miller", P}),
	}
}

// TestOrderIndependence: the grouping of the small corpus is the same
// whatever the order of the articles.
func TestOrderIndependence(t *testing.T) {
	docs := smallCorpus(t)
	partition := func(order []int) string {
		r := NewResolver()
		label := map[string]string{} // entity ID → first mention "doc:i"
		got := map[string]string{}
		for _, k := range order {
			out, _ := r.Add(docs[k].id, docs[k].text, docs[k].ms)
			for i, m := range out {
				got[fmt.Sprintf("%s:%d", docs[k].id, i)] = m.Entity
			}
		}
		// canonical form: each mention → smallest mention of its entity
		var keys []string
		for d := range docs {
			for i := range docs[d].ms {
				keys = append(keys, fmt.Sprintf("%s:%d", docs[d].id, i))
			}
		}
		var b strings.Builder
		for _, k := range keys {
			e := got[k]
			if _, ok := label[e]; !ok {
				label[e] = k
			}
			fmt.Fprintf(&b, "%s=%s ", k, label[e])
		}
		return b.String()
	}
	base := []int{0, 1, 2, 3, 4, 5}
	want := partition(base)
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 5; n++ {
		o := append([]int(nil), base...)
		rng.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
		if got := partition(o); got != want {
			t.Errorf("order %v:\n got %s\nwant %s", o, got, want)
		}
	}
	// and the expected grouping: all Blinkens, all Sisis, both State
	// Departments, UN/United Nations, both Millers, US, Egypt, Gaza, Hamas
	r := NewResolver()
	ids := map[string]map[string]bool{}
	for _, d := range docs {
		out, _ := r.Add(d.id, d.text, d.ms)
		for _, m := range out {
			n := parseName(m.Text, m.Type)
			if ids[n.last] == nil {
				ids[n.last] = map[string]bool{}
			}
			ids[n.last][m.Entity] = true
		}
	}
	for _, k := range []string{"blinken", "sisi", "department", "miler", "egypt", "gaza", "hama"} {
		if len(ids[k]) != 1 {
			t.Errorf("%s: %d entities, want 1", k, len(ids[k]))
		}
	}
}

func TestPlaceHook(t *testing.T) {
	L := storyline.LOC
	r := NewResolver()
	r.PlaceOf = func(text string, m storyline.Mention) *storyline.Place {
		if m.Text == "Al Qahirah" || m.Text == "Cairo" {
			return &storyline.Place{GeonameID: 360630, Name: "Cairo", Kind: "city", Country: "Egypt", CountryCode: "EG"}
		}
		return nil
	}
	a, _ := r.Add("a", "Cairo is hot.", []storyline.Mention{{Start: 0, End: 5, Text: "Cairo", Type: L}})
	b, touched := r.Add("b", "Al Qahirah is hot.", []storyline.Mention{{Start: 0, End: 10, Text: "Al Qahirah", Type: L}})
	if a[0].Entity != b[0].Entity {
		t.Errorf("same GeoNames id, two entities")
	}
	if touched[0].Place == nil || touched[0].Place.GeonameID != 360630 {
		t.Errorf("place not kept: %+v", touched[0])
	}
}

func BenchmarkAdd(b *testing.B) {
	r := NewResolver()
	rng := rand.New(rand.NewSource(1))
	syll := []string{"ka", "mi", "to", "ra", "su", "ne", "lo", "vi", "da", "ze", "po", "hu"}
	word := func() string {
		var s strings.Builder
		for k := 0; k < 3; k++ {
			s.WriteString(syll[rng.Intn(len(syll))])
		}
		w := s.String()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	types := []string{storyline.PER, storyline.ORG, storyline.LOC, storyline.MISC}
	for i := 0; i < 10000; i++ {
		name := word() + " " + word()
		r.Load(storyline.Entity{ID: fmt.Sprintf("e%012d", i), Name: name, Type: types[i%4], Aliases: []storyline.Alias{{Text: name, Count: 3}}, Mentions: 3})
	}
	// documents of 20 mentions: half known names, half new
	var docs []testDoc
	for d := 0; d < 200; d++ {
		var text strings.Builder
		var ms []storyline.Mention
		for k := 0; k < 20; k++ {
			var name string
			typ := types[rng.Intn(4)]
			if k%2 == 0 {
				e := r.ents[rng.Intn(10000)].ent
				name, typ = e.Name, e.Type
			} else {
				name = word() + " " + word()
			}
			st := text.Len()
			text.WriteString(name)
			text.WriteString(" said something about it. ")
			ms = append(ms, storyline.Mention{Start: st, End: st + len(name), Text: name, Type: typ})
		}
		docs = append(docs, testDoc{fmt.Sprint("b", d), text.String(), ms})
	}
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		r.Add(fmt.Sprint(d.id, "-", i), d.text, d.ms)
		n += len(d.ms)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "mentions/s")
}

// BenchmarkLoad reports the heap bytes per loaded entity.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		r := NewResolver()
		for k := 0; k < 10000; k++ {
			name := fmt.Sprintf("Kamito%d Rasune%d", k, k*7)
			r.Load(storyline.Entity{ID: fmt.Sprintf("e%012d", k), Name: name, Type: storyline.PER,
				Aliases: []storyline.Alias{{Text: name, Count: 3}, {Text: fmt.Sprintf("Rasune%d", k*7), Count: 2}}, Mentions: 5, Articles: []string{"a1", "a2"}})
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/10000, "B/entity")
		runtime.KeepAlive(r)
	}
}
