package cluster

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestStem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"caresses", "caress"}, {"ponies", "poni"}, {"ties", "ti"}, {"cats", "cat"},
		{"feed", "feed"}, {"agreed", "agre"}, {"plastered", "plaster"}, {"motoring", "motor"},
		{"sing", "sing"}, {"conflated", "conflat"}, {"troubled", "troubl"}, {"sized", "size"},
		{"hopping", "hop"}, {"tanned", "tan"}, {"falling", "fall"}, {"hissing", "hiss"},
		{"fizzed", "fizz"}, {"failing", "fail"}, {"filing", "file"}, {"happy", "happi"},
		{"sky", "sky"}, {"relational", "relat"}, {"conditional", "condit"}, {"rational", "ration"},
		{"generalization", "gener"}, {"electrical", "electr"}, {"adjustment", "adjust"},
		{"elections", "elect"}, {"elected", "elect"}, {"electing", "elect"},
		{"controll", "control"}, {"roll", "roll"}, {"rate", "rate"}, {"is", "is"},
		{"2008", "2008"}, {"café", "café"},
	} {
		if got := Stem(c.in); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTerms(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"The Indian Navy captured 23 pirates.", "indian navi captur 23 pirat"},
		{"A 5.6-magnitude quake; 30,000 hurt", "5.6 magnitud quak 30,000 hurt"},
		{"http://www.tmz.com/lohan-rehab", "tmz lohan rehab"},
		{"It is what it is.", ""},
	} {
		if got := strings.Join(Terms(c.in), " "); got != c.want {
			t.Errorf("Terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTFIDF(t *testing.T) {
	v := newVocab()
	docs := [][]string{{"quak", "iran"}, {"quak", "chile"}, {"elect", "iran"}}
	var bags []tf
	for _, d := range docs {
		b := bag(v, nil, d)
		v.add(b.ids())
		bags = append(bags, b)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"idf of a term in 2 of 3", v.idf(v.ids["quak"]), math.Log(4.0/3) + 1},
		{"idf of a term in 1 of 3", v.idf(v.ids["chile"]), math.Log(4.0/2) + 1},
		{"self cosine", cosine(v, bags[0], bags[0].norm(v), bags[0], bags[0].norm(v)), 1},
		{"disjoint cosine", cosine(v, bags[1], bags[1].norm(v), bag(v, nil, []string{"elect"}), 1), 0},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %g, want %g", c.name, c.got, c.want)
		}
	}
	if w := bag(v, []string{"x"}, []string{"x", "y"}); math.Abs(float64(w[v.ids["x"]])-(1+math.Log(3))) > 1e-6 || w[v.ids["y"]] != 1 {
		t.Errorf("title weighs double, sublinear tf: %v", w)
	}
	c := addTo(tf{}, tf{1: 3, 2: 1, 3: 2}, 2)
	if len(c) != 2 || c[1] != 3 || c[3] != 2 {
		t.Errorf("addTo keeps the heaviest: %v", c)
	}
}

func TestFitLogistic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s []Sample
	for range 400 {
		x := []float64{r.Float64(), r.Float64()}
		s = append(s, Sample{X: x, Y: x[0]+x[1] > 1})
	}
	b, w, err := FitLogistic(s, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	wrong := 0
	for _, x := range s {
		if (sigmoid(b+w[0]*x.X[0]+w[1]*x.X[1]) >= 0.5) != x.Y {
			wrong++
		}
	}
	if wrong > 4 || w[0] <= 0 || w[1] <= 0 {
		t.Errorf("separable set: %d of %d wrong, bias %g, weights %v", wrong, len(s), b, w)
	}
	for _, bad := range [][]Sample{nil, {{X: []float64{1}, Y: true}}, {{X: []float64{1}, Y: true}, {X: []float64{1, 2}}}} {
		if _, _, err := FitLogistic(bad, 1); err == nil {
			t.Errorf("FitLogistic(%v): no error", bad)
		}
	}
}

// art makes an annotated article: entities are given as "TYPE:id".
func art(id, pub, text string, ents ...string) *storyline.Article {
	a := &storyline.Article{ID: id, Title: strings.SplitN(text, ".", 2)[0], Text: text, Published: pub}
	for _, e := range ents {
		typ, eid, _ := strings.Cut(e, ":")
		a.Entities = append(a.Entities, storyline.Mention{Type: typ, Entity: eid, Text: eid})
	}
	return a
}

func tinySet() []*storyline.Article {
	return []*storyline.Article{
		art("a1", "2008-12-13", "Indian navy captures 23 pirates in the Gulf of Aden. The navy said the pirates attacked a merchant ship.", "ORG:navy", "LOC:aden", "LOC:india"),
		art("a2", "2008-12-14", "The Indian navy captured 23 pirates who attacked a merchant ship in the Gulf of Aden.", "ORG:navy", "LOC:aden", "LOC:india"),
		art("b1", "2011-11-11", "Indian navy foils pirate attack in the Gulf of Aden, 26 pirates held. INS Sukanya intercepted the boats.", "ORG:navy", "LOC:aden", "LOC:india", "MISC:sukanya"),
		art("b2", "2011-11-12", "INS Sukanya of the Indian navy held 26 pirates after an attack in the Gulf of Aden.", "ORG:navy", "LOC:aden", "MISC:sukanya"),
		art("c1", "2011-11-12", "Apple unveils a new laptop at a show in San Francisco.", "ORG:apple", "LOC:sf"),
	}
}

func TestClustererKeepsDatesApart(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClusterer(m)
	ev := map[string]string{}
	for _, a := range tinySet() {
		as := c.Add(a)
		ev[a.ID] = as.Event
		if sig := as.Evidence.Event.Signals; len(sig) > 0 && sig[len(sig)-1].Name != FeatBias {
			t.Errorf("%s: signals do not end with the bias: %+v", a.ID, sig)
		}
	}
	if ev["a1"] != ev["a2"] || ev["b1"] != ev["b2"] {
		t.Errorf("same events split: %v", ev)
	}
	if ev["a1"] == ev["b1"] || ev["c1"] == ev["a1"] || ev["c1"] == ev["b1"] {
		t.Errorf("events three years apart (or unrelated) merged: %v", ev)
	}
	if c.Events() != 3 {
		t.Errorf("%d events, want 3", c.Events())
	}
	if as := c.Add(tinySet()[0]); as.Event != ev["a1"] {
		t.Errorf("adding a1 again: %s, want %s", as.Event, ev["a1"])
	}
}

func TestIDsStable(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClusterer(m)
	set := tinySet()
	first := map[string]string{}
	for _, a := range set[:2] {
		as := c.Add(a)
		first[a.ID] = as.Event + "/" + as.Story
	}
	if !strings.HasPrefix(first["a1"], NewID("ev", "a1")+"/"+NewID("st", "a1")) {
		t.Errorf("a1 in %s, want the IDs of its first article", first["a1"])
	}
	for _, a := range set[2:] {
		c.Add(a)
	}
	for i := range 50 {
		c.Add(art(fmt.Sprintf("x%d", i), "2011-11-13", fmt.Sprintf("Filler story number %d about topic%d.", i, i%7)))
	}
	for id, want := range first {
		e, s, ok := c.EventOf(id)
		if !ok || e+"/"+s != want {
			t.Errorf("%s now in %s/%s, was %s", id, e, s, want)
		}
	}
}

func TestModelJSON(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.Event.Threshold <= 0 || m.Event.Threshold >= 1 || m.Story.Threshold <= 0 || len(m.Event.Weights) == 0 {
		t.Errorf("shipped model: %+v", m)
	}
	for name := range m.Event.Weights {
		if name != FeatBias && !strings.Contains(strings.Join(Features, " "), name) {
			t.Errorf("unknown feature %q in the model", name)
		}
	}
	b, _ := json.Marshal(m)
	if len(b) > 4096 {
		t.Errorf("model is %d bytes", len(b))
	}
}

// BenchmarkAdd measures Add with 10,000 events loaded: synthetic articles
// of 150 words from a Zipf vocabulary of 50,000, 8 entities each.
func BenchmarkAdd(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	z := rand.NewZipf(rand.New(rand.NewPCG(3, 3)), 1.1, 10, 49999)
	mk := func(i int) *storyline.Article {
		var sb strings.Builder
		for range 150 {
			fmt.Fprintf(&sb, "w%x ", z.Uint64())
		}
		a := &storyline.Article{ID: fmt.Sprintf("a%d", i), Title: "t", Text: sb.String(),
			Published: fmt.Sprintf("2024-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))}
		for range 8 {
			a.Entities = append(a.Entities, storyline.Mention{Type: storyline.PER, Entity: fmt.Sprintf("e%d", z.Uint64()%5000)})
		}
		return a
	}
	c := NewClusterer(m)
	for i := 0; c.Events() < 10000; i++ {
		c.Add(mk(i))
	}
	arts := make([]*storyline.Article, b.N)
	for i := range arts {
		arts[i] = mk(1e6 + i)
	}
	b.ResetTimer()
	for i := range b.N {
		c.Add(arts[i])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(c.Events()), "events")
}

// stream makes n articles in a few recurring events: each shares a topic
// word, entities and a date with the others of its event.
func stream(n int, seed uint64) []*storyline.Article {
	r := rand.New(rand.NewPCG(seed, 1))
	var out []*storyline.Article
	for i := range n {
		ev := r.IntN(1 + n/4)
		text := fmt.Sprintf("Report %d on topic%d in city%d: people%d met about issue%d and plan%d.", i, ev, ev%5, ev, r.IntN(50), ev)
		out = append(out, art(fmt.Sprintf("s%d-%d", seed, i), fmt.Sprintf("2024-%02d-%02d", 1+ev%12, 1+ev%28), text,
			fmt.Sprintf("PER:p%d", ev), fmt.Sprintf("LOC:c%d", ev%5), fmt.Sprintf("ORG:o%d", r.IntN(3))))
	}
	return out
}

// sameDecisions adds the articles to both clusterers and reports where
// they differ.
func sameDecisions(t *testing.T, a, b *Clusterer, arts []*storyline.Article) {
	t.Helper()
	for _, x := range arts {
		ga, gb := a.Add(x), b.Add(x)
		if ga.Event != gb.Event || ga.Story != gb.Story || math.Abs(ga.Evidence.Event.Score-gb.Evidence.Event.Score) > 1e-12 {
			t.Fatalf("%s: %s/%s (%.6f) vs %s/%s (%.6f)", x.ID, ga.Event, ga.Story, ga.Evidence.Event.Score,
				gb.Event, gb.Story, gb.Evidence.Event.Score)
		}
	}
}

func TestReplayAndSnapshot(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	arts := stream(120, 1)
	more := stream(60, 2)
	c := NewClusterer(m)
	replayed := NewClusterer(m)
	for _, a := range arts {
		as := c.Add(a)
		replayed.Replay(a, as.Event, as.Story)
	}
	if c.Events() < 5 || c.Events() == len(arts) {
		t.Fatalf("%d events for %d articles: the test stream does not test much", c.Events(), len(arts))
	}
	var buf bytes.Buffer
	if err := c.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	restored, err := Restore(m, bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		e1, s1, _ := c.EventOf(a.ID)
		for name, o := range map[string]*Clusterer{"replayed": replayed, "restored": restored} {
			if e2, s2, ok := o.EventOf(a.ID); !ok || e1 != e2 || s1 != s2 {
				t.Errorf("%s: %s in %s/%s, want %s/%s", name, a.ID, e2, s2, e1, s1)
			}
		}
	}
	if restored.Events() != c.Events() || restored.Stories() != c.Stories() || replayed.Events() != c.Events() {
		t.Errorf("events %d/%d/%d, stories %d/%d", c.Events(), restored.Events(), replayed.Events(), c.Stories(), restored.Stories())
	}
	// later decisions are the same as the original's
	c2 := NewClusterer(m)
	for _, a := range arts {
		c2.Add(a)
	}
	sameDecisions(t, c2, restored, more)
	sameDecisions(t, c, replayed, more)
}

func TestReplayMovesEvent(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClusterer(m)
	set := tinySet()
	c.Replay(set[0], "evA", "st1")
	c.Replay(set[1], "evA", "st1")
	c.Replay(set[2], "evB", "st2")
	c.Replay(set[3], "evB", "st1") // the store merged st2 into st1
	c.Replay(set[0], "evB", "st9") // already there: ignored
	for _, w := range []struct{ id, ev, st string }{{"a1", "evA", "st1"}, {"a2", "evA", "st1"}, {"b1", "evB", "st1"}, {"b2", "evB", "st1"}} {
		if e, s, _ := c.EventOf(w.id); e != w.ev || s != w.st {
			t.Errorf("%s in %s/%s, want %s/%s", w.id, e, s, w.ev, w.st)
		}
	}
	if c.Events() != 2 {
		t.Errorf("%d events, want 2", c.Events())
	}
	if as := c.Add(set[4]); as.Event != NewID("ev", "c1") {
		t.Errorf("new article after replay: %+v", as)
	}
}

func TestRestoreBad(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClusterer(m)
	for _, a := range stream(40, 3) {
		c.Add(a)
	}
	var buf bytes.Buffer
	if err := c.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	flipped := bytes.Clone(good)
	for i := len(flipped) / 3; i < len(flipped); i += 97 {
		flipped[i] ^= 0x5a
	}
	for name, in := range map[string][]byte{
		"empty": nil, "text": []byte("not a snapshot\n"), "truncated": good[:len(good)/2], "flipped": flipped,
	} {
		if _, err := Restore(m, bytes.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzRestore(f *testing.F) {
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	c := NewClusterer(m)
	for _, a := range stream(12, 4) {
		c.Add(a)
	}
	var buf bytes.Buffer
	if err := c.Snapshot(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := Restore(m, bytes.NewReader(in))
		if err != nil {
			return
		}
		// a snapshot that restores must be usable
		for _, a := range stream(5, 5) {
			r.Add(a)
		}
	})
}
