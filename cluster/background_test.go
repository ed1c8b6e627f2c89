package cluster

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func TestBackground(t *testing.T) {
	b := BuildBackground([]string{"The quake hit the island; the quake was strong.", "A quake and a storm.", "Elections in the island state."}, 2)
	if b.Docs != 3 || b.DF["quak"] != 2 || b.DF["island"] != 2 || len(b.DF) != 2 || b.DF2["quak"] != 1 || b.DF2["island"] != 0 {
		t.Fatalf("built %+v, want quak and island in 2 of 3", b)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadBackground(&buf)
	if err != nil || back.Docs != 3 || len(back.DF) != 2 || back.DF["quak"] != 2 || back.DF2["quak"] != 1 {
		t.Fatalf("read back %+v, %v", back, err)
	}
	// a vocabulary starts from it: a background term is less rare than a new one
	v := newVocab(back)
	q, i, x := v.id("quak", kindWord), v.id("island", kindWord), v.id("unseen", kindWord)
	if v.idf(q) >= v.idf(x) {
		t.Errorf("idf of a background term %.3f, of a new one %.3f", v.idf(q), v.idf(x))
	}
	// weighed by adaptation, a word that comes back in a text outweighs one
	// as frequent that does not; plain, they weigh the same
	if v.idf(q) != v.idf(i) {
		t.Errorf("unweighed: idf quak %.3f, island %.3f", v.idf(q), v.idf(i))
	}
	w := newVocab(back)
	w.adapt = 0.5
	q, i = w.id("quak", kindWord), w.id("island", kindWord)
	if w.idf(q) <= w.idf(i) || w.plainIDF(q) != w.plainIDF(i) {
		t.Errorf("weighed by adaptation: quak %.3f (plain %.3f), island %.3f (plain %.3f)", w.idf(q), w.plainIDF(q), w.idf(i), w.plainIDF(i))
	}
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for name, in := range map[string][]byte{
		"not gzip":      []byte("docs 3\nquak\t2\n"),
		"no count":      gz("quak\t2\n"),
		"df above docs": gz("docs 3\nquak\t4\n"),
		"no tab":        gz("docs 3\nquak 2\n"),
		"negative":      gz("docs 3\nquak\t-1\n"),
		"df2 above df":  gz("docs 3\nquak\t2\t3\n"),
		"df2 not count": gz("docs 3\nquak\t2\tx\n"),
	} {
		if _, err := ReadBackground(bytes.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	d, err := DefaultBackground()
	if err != nil {
		t.Fatal(err)
	}
	// the shipped table: thousands of news texts; a common news word in
	// many of them, a rare one in few
	if d.Docs < 1000 || len(d.DF) < 5000 || d.DF["govern"] < d.DF["earthquak"] || d.DF[strings.Repeat("x", 3)] != 0 {
		t.Errorf("shipped background: %d texts, %d terms, govern %d, earthquak %d", d.Docs, len(d.DF), d.DF["govern"], d.DF["earthquak"])
	}
}
