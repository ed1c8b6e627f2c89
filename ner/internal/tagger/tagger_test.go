package tagger

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestChunkIOB(t *testing.T) {
	tests := []struct {
		tags string
		want []Span
	}{
		{"I-PER I-PER O I-LOC", []Span{{0, 2, 0}, {3, 4, 2}}},
		{"I-PER B-PER", []Span{{0, 1, 0}, {1, 2, 0}}},        // IOB1: B- starts a second entity
		{"B-ORG I-ORG I-MISC", []Span{{0, 2, 1}, {2, 3, 3}}}, // IOB2, type change
		{"O I-ORG", []Span{{1, 2, 1}}},                       // I- after O starts one
		{"I-LOC I-LOC", []Span{{0, 2, 2}}},                   // runs to the end
		{"O O", nil},
	}
	for _, tc := range tests {
		if got := chunkIOB(strings.Fields(tc.tags)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("chunkIOB(%s) = %v, want %v", tc.tags, got, tc.want)
		}
	}
}

func TestSpansTagsRoundTrip(t *testing.T) {
	tests := [][]Span{
		nil,
		{{0, 1, 0}},
		{{0, 3, 1}, {3, 4, 2}, {5, 7, 3}},
	}
	for _, spans := range tests {
		tags := SpansToTags(8, spans)
		for i := range tags {
			prev := -1
			if i > 0 {
				prev = tags[i-1]
			}
			if !allowed(prev, tags[i]) {
				t.Errorf("%v: tag %d after %d not allowed", spans, tags[i], prev)
			}
		}
		if got := TagsToSpans(tags, nil); !reflect.DeepEqual(got, spans) {
			t.Errorf("round trip %v -> %v -> %v", spans, tags, got)
		}
	}
	// invalid sequences still give spans: I without B, B without L
	bad := []int{mkTag(0, posI), mkTag(0, posI), 0, mkTag(1, posB)}
	if got, want := TagsToSpans(bad, nil), []Span{{0, 2, 0}, {3, 4, 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("TagsToSpans(%v) = %v, want %v", bad, got, want)
	}
}

func TestGazMatch(t *testing.T) {
	g := NewGaz([]string{"train-PER", "train-ORG", "train-LOC", "train-MISC", "city"})
	g.AddEntry("New York", 4, 0)
	g.AddEntry("New York Times", 1, 2)
	g.AddEntry("York", 4, 0)
	g.AddEntry("Smith", 0, 1)
	words := strings.Fields("the new york times and smith")
	got := g.match(words, nil, nil)
	want := [][]uint8{nil, {1*4 + posB, 4*4 + posB}, {1*4 + posI, 4*4 + posL}, {1*4 + posL}, nil, {0*4 + posU}}
	for i := range want {
		if len(got[i]) != len(want[i]) || (len(want[i]) > 0 && !reflect.DeepEqual(got[i], want[i])) {
			t.Errorf("token %d %q: codes %v, want %v", i, words[i], got[i], want[i])
		}
	}
	// jackknifing: Smith comes from one training document only; hidden
	// from that document
	own := map[uint64]uint32{GazKey([]string{"Smith"}): 1 << 0}
	if got := g.match(words, own, nil); len(got[5]) != 0 {
		t.Errorf("own entity not hidden: %v", got[5])
	}
}

// TestTrainSmall trains on a few CoNLL documents and checks that the model
// learns them, survives an encode/decode round trip and that training is
// deterministic.
func TestTrainSmall(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "shared", "data", "conll2003", "valid.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	docs, err := ReadCoNLL(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 216 {
		t.Fatalf("%d valid documents, want 216", len(docs))
	}
	docs = docs[:20]
	cfg := TrainConfig{Bits: 16, Epochs: 3, Seed: 1, Gaz: NewGaz([]string{"train-PER", "train-ORG", "train-LOC", "train-MISC"}), Stack: true, Folds: 2}
	m, err := Train(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := Evaluate(m, docs)
	if _, _, f := s.PRF(len(Types)); f < 0.8 {
		t.Errorf("training-set F1 %.3f < 0.8: %s", f, s.String())
	}
	var a, b bytes.Buffer
	if err := m.Encode(&a); err != nil {
		t.Fatal(err)
	}
	m2, err := Decode(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if m2.First == nil {
		t.Fatal("stacked model lost its first stage")
	}
	s2 := Evaluate(m2, docs)
	_, _, f1 := s.PRF(len(Types))
	_, _, f2 := s2.PRF(len(Types))
	if d := f1 - f2; d > 0.002 || d < -0.002 {
		t.Errorf("round trip changed F1: %.4f -> %.4f", f1, f2)
	}
	m3, err := Train(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := m3.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("training is not deterministic")
	}
}
