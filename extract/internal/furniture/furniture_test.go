package furniture

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tokensOf returns the hashes of the words given, as hashWord computes
// them.
func tokensOf(words ...string) []uint64 {
	var out []uint64
	for _, w := range words {
		out = append(out, hashWord(w))
	}
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []uint64
	}{
		{"Sign up for our newsletter", tokensOf("sign", "up", "for", "our", "newsletter")},
		{"SIGN UP", tokensOf("sign", "up")},
		{"Don’t miss it", tokensOf("don't", "miss", "it")},
		{"don't 'quoted' words'", tokensOf("don't", "quoted", "words")},
		{"Café naïve ÉTÉ", tokensOf("café", "naïve", "été")},
		{"follow-up e-mail", tokensOf("follow", "up", "e", "mail")},
		{"$1.88 a week", tokensOf("1", "88", "a", "week")},
		{"tips@example.com", tokensOf("tips", "example", "com")},
		{"宇航员 喝酒", tokensOf("宇", "航", "员", "喝", "酒")},
		{"a\nb\tc", tokensOf("a", "b", "c")},
		{"  …  ", nil},
		{"", nil},
		// longer than a hash chunk
		{"internationalisation", tokensOf("internationalisation")},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %d tokens %v, want %d %v", tt.in, len(got), got, len(tt.want), tt.want)
		}
	}
	if hashWord("ab") == hashWord("ba") || hashWord("abcdefgh") == hashWord("abcdefgh1") {
		t.Error("distinct words share a hash")
	}
}

func TestShape(t *testing.T) {
	tests := []struct {
		in                      string
		lines, words, noPunct   int
		tokens, you, we, site   int
		set, unset              uint32
		kind                    uint8
		truncated, prefixTokens bool
	}{
		{in: "Sign up for our newsletter to get the news in your inbox.", lines: 1, words: 12, tokens: 12, you: 1, we: 1, site: 2,
			set: fEndsSentence | fStartsUpper, unset: fEndsColon | fAllCaps},
		{in: "Most read\nPolice arrest man\nCouncil approves budget", lines: 3, words: 8, noPunct: 3, tokens: 8,
			set: fStartsUpper, unset: fEndsSentence},
		{in: "Related coverage:", lines: 1, words: 2, noPunct: 1, tokens: 2, set: fEndsColon, kind: KindWeak},
		{in: "“He said no.”", lines: 1, words: 3, tokens: 3, set: fEndsSentence | fQuote | fStartsSymbol, kind: KindWeak},
		{in: "Email us at tips@example.com or visit https://example.com/tips", lines: 1, words: 7, noPunct: 1, tokens: 12, we: 1, site: 1,
			set: fEmail | fURL | fAt},
		{in: "© 2024 The Daily Planet | Privacy", lines: 1, words: 7, noPunct: 1, tokens: 5, site: 1, set: fCopyright | fPipe | fStartsSymbol},
		{in: "BREAKING NEWS", lines: 1, words: 2, noPunct: 1, tokens: 2, set: fAllCaps, kind: KindWeak},
		{in: "• Share this story", lines: 1, words: 4, noPunct: 1, tokens: 3, set: fBullet},
		{in: strings.Repeat("The minister said the talks would go on. ", 12), lines: 1, words: 96, tokens: 0,
			set: fEndsSentence, kind: KindProse, truncated: true, prefixTokens: true},
	}
	for _, tt := range tests {
		var sc Scratch
		sc.Load([]string{tt.in})
		sc.Features(0)
		sh := sc.shapes[0]
		got := []int{sh.lines, sh.words, sh.noPunct, sh.cls[classYou], sh.cls[classWe], sh.cls[classSite]}
		want := []int{tt.lines, tt.words, tt.noPunct, tt.you, tt.we, tt.site}
		if !slices.Equal(got, want) {
			t.Errorf("%.40q: lines, words, noPunct, you, we, site = %v, want %v", tt.in, got, want)
		}
		if tt.prefixTokens {
			if sh.tokens == 0 || sh.tokens >= tt.words {
				t.Errorf("%.40q: %d tokens read of %d words, want a prefix", tt.in, sh.tokens, tt.words)
			}
		} else if sh.tokens != tt.tokens {
			t.Errorf("%.40q: %d tokens, want %d", tt.in, sh.tokens, tt.tokens)
		}
		if sh.flags&tt.set != tt.set || sh.flags&tt.unset != 0 {
			t.Errorf("%.40q: flags %b, want %b set and %b unset", tt.in, sh.flags, tt.set, tt.unset)
		}
		if k := sc.Kind(0); k != tt.kind {
			t.Errorf("%.40q: kind %b, want %b", tt.in, k, tt.kind)
		}
		if sh.truncated != tt.truncated {
			t.Errorf("%.40q: truncated %v", tt.in, sh.truncated)
		}
	}
}

// TestFeaturesContext checks that a paragraph's features depend on its
// neighbours and on nothing else of the text.
func TestFeaturesContext(t *testing.T) {
	feats := func(paras ...string) []Feature {
		var sc Scratch
		sc.Load(paras)
		return slices.Clone(sc.Features(1))
	}
	a := feats("Home\nWorld\nPolitics", "Subscribe now", "The minister said the talks would go on.")
	b := feats("A long first paragraph of the article that ends with a full stop.", "Subscribe now", "The minister said the talks would go on.")
	c := feats("Home\nWorld\nPolitics", "Subscribe now", "The minister said the talks would go on.")
	if slices.Equal(a, b) {
		t.Error("features ignore the previous paragraph")
	}
	if !slices.Equal(a, c) {
		t.Error("features of the same text differ")
	}
}

func TestMark(t *testing.T) {
	const (
		w = KindWeak
		p = KindProse
	)
	tests := []struct {
		name   string
		probs  []float32
		kinds  []uint8
		want   []bool
		scored []bool // nil: do not check
	}{
		{name: "edge runs", probs: []float32{0.9, 0.8, 0.1, 0.2, 0.85},
			want: []bool{true, true, false, false, true}},
		{name: "middle needs the stricter threshold", probs: []float32{0.1, 0.8, 0.96, 0.1},
			want: []bool{false, false, true, false}},
		{name: "a run stops at the first content paragraph", probs: []float32{0.9, 0.1, 0.9, 0.1},
			want: []bool{true, false, false, false}},
		{name: "prose in the middle is not scored", probs: []float32{0.1, 0.99, 0.1}, kinds: []uint8{0, p, 0},
			want: []bool{false, false, false}, scored: []bool{true, false, true}},
		{name: "prose at an edge is", probs: []float32{0.99, 0.1, 0.1}, kinds: []uint8{p, 0, 0},
			want: []bool{true, false, false}},
		{name: "a lone short line stays", probs: []float32{0.9, 0.1, 0.1, 0.96, 0.1}, kinds: []uint8{w, 0, 0, w, 0},
			want: []bool{false, false, false, false, false}},
		{name: "short lines go in a run", probs: []float32{0.9, 0.9, 0.1, 0.96, 0.97, 0.1}, kinds: []uint8{w, w, 0, w, w, 0},
			want: []bool{true, true, false, true, true, false}},
		{name: "one paragraph always stays", probs: []float32{0.9, 0.95, 0.8},
			want: []bool{true, true, false}},
		{name: "a single paragraph stays", probs: []float32{0.99}, want: []bool{false}},
		{name: "empty", probs: nil, want: []bool{}},
	}
	for _, tt := range tests {
		kinds := tt.kinds
		if kinds == nil {
			kinds = make([]uint8, len(tt.probs))
		}
		scored := make([]bool, len(tt.probs))
		prob := func(k int) float32 { scored[k] = true; return tt.probs[k] }
		got := Mark(prob, kinds, 0.75, 0.95, nil)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Mark = %v, want %v", tt.name, got, tt.want)
		}
		if tt.scored != nil && !slices.Equal(scored, tt.scored) {
			t.Errorf("%s: scored %v, want %v", tt.name, scored, tt.scored)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := NewModel(10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range m.W {
		m.W[i] = float32(rng.NormFloat64())
	}
	m.Bias, m.Edge, m.Mid = -1.5, 0.8, 0.95
	var buf bytes.Buffer
	n, err := m.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v (%d bytes written)", n, err, buf.Len())
	}
	got, err := ReadModel(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Bits != m.Bits || got.Bias != m.Bias || got.Edge != m.Edge || got.Mid != m.Mid || !slices.Equal(got.W, m.W) {
		t.Error("model changed in a round trip")
	}
}

func TestReadModelRejects(t *testing.T) {
	file := func(magic string, version, bits uint32, weights []float32, extra []byte) []byte {
		var raw bytes.Buffer
		raw.WriteString(magic)
		for _, v := range []any{version, bits, float32(0), float32(0.8), float32(0.9), weights} {
			if err := binary.Write(&raw, binary.LittleEndian, v); err != nil {
				t.Fatal(err)
			}
		}
		raw.Write(extra)
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(raw.Bytes())
		zw.Close()
		return z.Bytes()
	}
	good := file("SLFM", fileVersion, 2, make([]float32, 4), nil)
	if _, err := ReadModel(good); err != nil {
		t.Fatalf("valid file rejected: %v", err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"not gzip", []byte("SLFM")},
		{"empty", nil},
		{"bad magic", file("XXXX", fileVersion, 2, make([]float32, 4), nil)},
		{"bad version", file("SLFM", 99, 2, make([]float32, 4), nil)},
		{"too many bits", file("SLFM", fileVersion, 40, nil, nil)},
		{"short weights", file("SLFM", fileVersion, 2, make([]float32, 3), nil)},
		{"trailing data", file("SLFM", fileVersion, 2, make([]float32, 4), []byte{1})},
		{"NaN weight", file("SLFM", fileVersion, 2, []float32{0, float32(math.NaN()), 0, 0}, nil)},
		{"truncated", good[:len(good)/2]},
	}
	for _, tt := range tests {
		if _, err := ReadModel(tt.data); err == nil {
			t.Errorf("%s: accepted", tt.name)
		}
	}
}

// toyDocs is a small dataset: texts of news prose with menus and
// newsletter pitches around them.
func toyDocs() []Doc {
	var docs []Doc
	body := []string{
		"The council voted on Tuesday to approve a budget that includes more money for road repairs, officials said.",
		"The mayor said the plan would be paid for by a tax rise and by cuts in other departments.",
		"Opposition members argued that the increase would hit families already struggling with higher prices.",
		"A final vote is expected next month after a period of public consultation, the council said.",
	}
	furn := []string{
		"Home\nNews\nSport\nWeather",
		"Sign up to our newsletter for the latest news in your inbox",
		"Follow us on Twitter and Facebook",
		"Privacy policy | Terms of use | Cookies",
	}
	for i := range 40 {
		var paras []Para
		paras = append(paras, Para{Text: furn[i%len(furn)], Furniture: true})
		for k := range body {
			paras = append(paras, Para{Text: body[(i+k)%len(body)]})
		}
		paras = append(paras, Para{Text: furn[(i+1)%len(furn)], Furniture: true})
		src, group := SourceGigaword, "news"+string(rune('a'+i%20))
		if i%2 == 0 {
			src, group = SourceReadability, "site"+string(rune('a'+i%10))
		}
		docs = append(docs, Doc{ID: group, Source: src, Group: group, Paras: paras})
	}
	return docs
}

func TestTrain(t *testing.T) {
	ds := NewDataset(toyDocs())
	all := make([]int, len(ds.Docs))
	for i := range all {
		all[i] = i
	}
	opt := TrainOptions{Bits: 12, Epochs: 4, Rate: 0.2, Seed: 7}
	m1, m2 := Train(ds, all, opt), Train(ds, all, opt)
	if !slices.Equal(m1.W, m2.W) || m1.Bias != m2.Bias {
		t.Error("training is not deterministic")
	}
	for i := range ds.Len() {
		if p := m1.Prob(ds.features(i)); (p > 0.5) != ds.y[i] {
			t.Errorf("training paragraph %d (furniture %v) scored %.3f", i, ds.y[i], p)
		}
	}
	probs := Probs(CrossValidate(ds, 4, opt))
	ev := Evaluate(ds, probs, 0.5, 0.9)
	if r := ev.BySource[SourceReadability]; r.Recall() < 0.9 || r.Precision() < 0.9 {
		t.Errorf("held out on the toy set: %s", ev)
	}
	if n := ev.News(); n.ContentLoss() > 0 {
		t.Errorf("toy news paragraphs removed: %s", ev)
	}
	best := ChooseThresholds(ds, probs, DefaultTargets)
	if best.Edge > best.Mid || best.BySource[SourceReadability].F1() < ev.BySource[SourceReadability].F1() {
		t.Errorf("chosen thresholds %.2f, %.2f worse than 0.5, 0.9: %s", best.Edge, best.Mid, best)
	}
}

func TestFolds(t *testing.T) {
	docs := toyDocs()
	f1, f2 := Folds(docs, 4, 3), Folds(docs, 4, 3)
	if !slices.Equal(f1, f2) {
		t.Fatal("folds are not deterministic")
	}
	group := map[string]int{}
	perFold := make([]int, 4)
	for i, d := range docs {
		k := d.Source + "/" + d.Group
		if f, ok := group[k]; ok && f != f1[i] {
			t.Errorf("group %s split across folds", k)
		}
		group[k] = f1[i]
		if d.Source == SourceReadability {
			perFold[f1[i]]++
		}
	}
	for k, n := range perFold {
		if n == 0 {
			t.Errorf("fold %d has no readability page", k)
		}
	}
}

func TestLabel(t *testing.T) {
	lab := newLabeller(goldPage{
		Title: "Council approves road budget",
		Text:  "The council voted on Tuesday to approve a budget for road repairs, officials said.\nWhat comes next\nA final vote is expected next month.",
	})
	tests := []struct {
		block          string
		furniture, use bool
	}{
		{"The council voted on Tuesday to approve a budget for road repairs, officials said.", false, true},
		{"What comes next", false, true},                                                        // a whole gold line
		{"A final vote is expected next month. Share this", false, true},                        // mostly gold
		{"Sign up for our newsletter to get the news", true, true},                              // nothing gold
		{"Home", true, true},                                                                    // a short line not in the gold text
		{"Council approves road budget", false, false},                                          // the title
		{"A final vote is expected next month, but not before the council votes", false, false}, // half
		{"…", false, false},
	}
	for _, tt := range tests {
		furn, use := lab.label(tt.block)
		if use != tt.use || (use && furn != tt.furniture) {
			t.Errorf("label(%q) = %v, %v; want %v, %v", tt.block, furn, use, tt.furniture, tt.use)
		}
	}
}

func TestPageBlocks(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><head><title>T</title><style>p{}</style></head><body>
		<nav><ul><li><a href="/">Home</a></li><li>World</li></ul></nav>
		<article><h1>Title</h1><p>First <b>para</b>graph.</p><script>var x = 1;</script>
		<p>Line one<br>line two</p><div>Inline <span>text</span> and <div>nested</div> tail</div></article>
		<noscript>Enable JavaScript</noscript><svg><text>logo</text></svg></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Home", "World", "Title", "First paragraph.", "Line one", "line two", "Inline text and", "nested", "tail"}
	if got := pageBlocks(doc); !slices.Equal(got, want) {
		t.Errorf("pageBlocks = %q, want %q", got, want)
	}
}

func TestGroupBlocks(t *testing.T) {
	var blocks []block
	for i := range 30 {
		blocks = append(blocks, block{text: "menu " + string(rune('a'+i)), furniture: true})
	}
	blocks = append(blocks, block{text: "Share", furniture: true, residue: true})
	for i := range 10 {
		blocks = append(blocks, block{text: "content " + string(rune('a'+i))})
	}
	paras := groupBlocks(blocks, rand.New(rand.NewPCG(1, 1)))
	lines, multi := 0, false
	for _, p := range paras {
		n := strings.Count(p.Text, "\n") + 1
		lines += n
		multi = multi || (p.Furniture && n > 1)
		if n > 6 {
			t.Errorf("paragraph of %d lines", n)
		}
		if strings.Contains(p.Text, "Share") {
			t.Error("residue block kept")
		}
		if strings.Contains(p.Text, "menu") && strings.Contains(p.Text, "content") {
			t.Errorf("labels mixed in %q", p.Text)
		}
		if strings.Contains(p.Text, "menu") != p.Furniture {
			t.Errorf("wrong label on %q", p.Text)
		}
	}
	if lines != 40 || !multi {
		t.Errorf("%d lines grouped (want 40), multi-line furniture %v", lines, multi)
	}
}
