package cluster

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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

func TestVectors(t *testing.T) {
	v := newVocab(nil)
	docs := [][]string{{"quak", "iran", "2008"}, {"quak", "chile", "23"}, {"elect", "iran"}}
	var vs []vec
	for _, d := range docs {
		counts := map[int32]float64{}
		for _, w := range d {
			counts[v.id(w, termKind(w))]++
		}
		x := vecOf(counts)
		v.add(x.id, nil)
		vs = append(vs, x)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	n0, n1 := normsOf(vs[0], v), normsOf(vs[1], v)
	all := []int{kindWord, kindNumber, kindYear}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"idf of a term in 2 of 3", v.idf(v.ids["quak"]), math.Log(4.0/3) + 1},
		{"idf of a term in 1 of 3", v.idf(v.ids["chile"]), math.Log(4.0/2) + 1},
		{"self cosine", cos(dots(vs[0], vs[0], v), n0, n0, all...), 1},
		{"self cosine of the years", cos(dots(vs[0], vs[0], v), n0, n0, kindYear), 1},
		{"no numbers in common", cos(dots(vs[0], vs[1], v), n0, n1, kindNumber), 0},
		{"shared word", cos(dots(vs[0], vs[1], v), n0, n1, kindWord),
			math.Pow(math.Log(4.0/3)+1, 2) / math.Sqrt((math.Pow(math.Log(4.0/3)+1, 2)+math.Pow(math.Log(4.0/3)+1, 2))*(math.Pow(math.Log(4.0/3)+1, 2)+math.Pow(math.Log(2)+1, 2)))},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %g, want %g", c.name, c.got, c.want)
		}
	}
	for w, k := range map[string]uint8{"quak": kindWord, "2008": kindYear, "23": kindNumber, "1850": kindNumber, "5.6": kindNumber} {
		if termKind(w) != k {
			t.Errorf("termKind(%q) = %d, want %d", w, termKind(w), k)
		}
	}
	if w := vecOf(map[int32]float64{3: 3, 1: 1}); !slices.Equal(w.id, []int32{1, 3}) || w.w[0] != 1 || math.Abs(float64(w.w[1])-(1+math.Log(3))) > 1e-6 {
		t.Errorf("vecOf: sorted ids, sublinear weights: %+v", w)
	}
	a := vec{id: []int32{1, 2, 3}, w: []float32{3, 1, 2}}
	b := vec{id: []int32{2, 4}, w: []float32{1, 5}}
	if got := plus(a, b, 10); !slices.Equal(got.id, []int32{1, 2, 3, 4}) || !slices.Equal(got.w, []float32{3, 2, 2, 5}) {
		t.Errorf("plus: %+v", got)
	}
	if got := plus(a, b, 2); !slices.Equal(got.id, []int32{1, 4}) || !slices.Equal(got.w, []float32{3, 5}) {
		t.Errorf("plus keeps the heaviest, in id order: %+v", got)
	}
	if !slices.Equal(a.id, []int32{1, 2, 3}) || !slices.Equal(a.w, []float32{3, 1, 2}) {
		t.Errorf("plus changed its argument: %+v", a)
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
	run := func(m Model) *Clusterer {
		c := NewClusterer(m)
		for _, a := range arts {
			c.Add(a)
		}
		return c
	}
	// replay restores the final assignments, after merges
	replay := func(c *Clusterer) *Clusterer {
		r := NewClusterer(c.m)
		for _, a := range arts {
			e, s, _ := c.EventOf(a.ID)
			r.Replay(a, e, s)
		}
		return r
	}
	c := run(m)
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
	var again bytes.Buffer
	if err := restored.Snapshot(&again); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("the restored clusterer writes another snapshot (%v)", err)
	}
	replayed := replay(c)
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
	// a restored clusterer decides as the original would
	sameDecisions(t, run(m), restored, more)
	// so does a replayed one when nothing was merged (merges leave the
	// original with merged-away events that a replay never makes)
	m.Event.MergeThreshold = 0
	c = run(m)
	sameDecisions(t, c, replay(c), more)
}

// TestMerge builds two events of one happening, split because neither
// article reaches the other's threshold, and an article that reports
// both: its arrival merges the younger event into the older.
func TestMerge(t *testing.T) {
	m := Model{Event: Level{Weights: map[string]float64{FeatTFIDF: 12, FeatBias: -6}, Threshold: 0.7, MergeThreshold: 0.4, Pairwise: true},
		Story: Level{Weights: map[string]float64{FeatTFIDF: 10, FeatBias: -2}, Threshold: 0.5}}
	c := NewClusterer(m)
	x1 := art("x1", "", "Quake shakes the island of Qeshm, rescue teams search collapsed houses near the harbour")
	x2 := art("x2", "", "Rescue teams search collapsed houses near the harbour after aftershocks and heavy rain")
	x3 := art("x3", "", "Quake on Qeshm island: rescue teams search collapsed houses near the harbour, aftershocks and heavy rain")
	a1, a2 := c.Add(x1), c.Add(x2)
	if a1.Event == a2.Event {
		t.Fatalf("x1 and x2 in one event (%+v): the test needs them apart", a2)
	}
	a3 := c.Add(x3)
	t.Logf("x2: p %.2f; x3: p %.2f, changes %+v", a2.Evidence.Event.Score, a3.Evidence.Event.Score, a3.Changes)
	if len(a3.Changes) == 0 {
		t.Fatalf("no merge")
	}
	ch := a3.Changes[0]
	if ch.Kind != storyline.ChangeMerge || ch.Old != a2.Event || ch.New != a1.Event || !strings.Contains(ch.Reason, "x3") {
		t.Errorf("change %+v, want %s merged into %s", ch, a2.Event, a1.Event)
	}
	for _, id := range []string{"x1", "x2", "x3"} {
		if e, _, _ := c.EventOf(id); e != a1.Event {
			t.Errorf("%s in %s, want %s", id, e, a1.Event)
		}
	}
	if c.Events() != 1 {
		t.Errorf("%d events, want 1", c.Events())
	}
	// a story left without events goes with it
	if a1.Story != a2.Story && (len(a3.Changes) != 2 || a3.Changes[1].Old != a2.Story || c.Stories() != 1) {
		t.Errorf("stories %d, changes %+v", c.Stories(), a3.Changes)
	}
	var buf bytes.Buffer
	if err := c.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := Restore(m, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if e, _, _ := r.EventOf("x2"); e != a1.Event || r.Events() != 1 {
		t.Errorf("restored: x2 in %s, %d events", e, r.Events())
	}
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

// pairAccuracy is the share of pairs of items on which pred and gold
// agree (together or apart): a simple Score for TestTrain.
func pairAccuracy(pred, gold []string) float64 {
	ok, n := 0, 0
	for i := range pred {
		for j := i + 1; j < len(pred); j++ {
			if (pred[i] == pred[j]) == (gold[i] == gold[j]) {
				ok++
			}
			n++
		}
	}
	return float64(ok) / float64(max(n, 1))
}

// TestTrain learns a pairwise model with merges from a labelled stream
// (the event of each article is in its text, people and date) and checks
// that it clusters another stream well, better than putting every article
// alone.
func TestTrain(t *testing.T) {
	labelled := func(seed uint64) []Labelled {
		var out []Labelled
		for _, a := range stream(80, seed) {
			ev := strings.TrimPrefix(a.Entities[0].Entity, "p")
			out = append(out, Labelled{Article: a, Event: ev, Story: a.Entities[1].Entity})
		}
		return out
	}
	m, st, err := Train([][]Labelled{labelled(21), labelled(22)}, TrainOptions{Score: pairAccuracy,
		Features: []string{FeatTFIDF, FeatPeople, FeatDate}, Pairwise: true, Merge: true})
	if err != nil {
		t.Fatal(err)
	}
	if !m.Event.Pairwise || m.Event.Threshold <= 0 || m.Event.Threshold >= 1 || m.Event.Weights[FeatPeople] <= 0 ||
		st.EventPositives == 0 || st.EventPositives == st.EventSamples {
		t.Fatalf("model %+v, stats %+v", m.Event, st)
	}
	test := labelled(23)
	c := NewClusterer(m)
	var pred, gold, alone []string
	for _, l := range test {
		c.Add(l.Article)
	}
	for _, l := range test {
		e, _, _ := c.EventOf(l.Article.ID)
		pred, gold, alone = append(pred, e), append(gold, l.Event), append(alone, l.Article.ID)
	}
	got, base := pairAccuracy(pred, gold), pairAccuracy(alone, gold)
	together, found := 0, 0 // pairs of one gold event, and those put together
	for i := range gold {
		for j := i + 1; j < len(gold); j++ {
			if gold[i] == gold[j] {
				together++
				if pred[i] == pred[j] {
					found++
				}
			}
		}
	}
	t.Logf("held-out pair accuracy %.3f (all apart %.3f), %d of %d same-event pairs together, train %.3f, %d events for %d",
		got, base, found, together, st.EventScore, c.Events(), len(test))
	if got < 0.97 || got <= base || found < together*9/10 {
		t.Errorf("held-out pair accuracy %.3f (all apart %.3f), %d of %d same-event pairs together", got, base, found, together)
	}
	if _, _, err := Train(nil, TrainOptions{Score: pairAccuracy}); err == nil {
		t.Error("no error without articles")
	}
	if _, _, err := Train([][]Labelled{test}, TrainOptions{Score: pairAccuracy, Features: []string{"nonsense"}}); err == nil {
		t.Error("no error for an unknown feature")
	}
}
