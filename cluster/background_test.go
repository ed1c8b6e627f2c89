package cluster

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func TestBackground(t *testing.T) {
	b := BuildBackground([]string{"The quake hit the island.", "A quake and a storm.", "Elections in the island state."}, 2)
	if b.Docs != 3 || b.DF["quak"] != 2 || b.DF["island"] != 2 || len(b.DF) != 2 {
		t.Fatalf("built %+v, want quak and island in 2 of 3", b)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadBackground(&buf)
	if err != nil || back.Docs != 3 || len(back.DF) != 2 || back.DF["quak"] != 2 {
		t.Fatalf("read back %+v, %v", back, err)
	}
	// a vocabulary starts from it: a background term is less rare than a new one
	v := newVocab(back)
	q, x := v.id("quak", kindWord), v.id("unseen", kindWord)
	if v.idf(q) >= v.idf(x) {
		t.Errorf("idf of a background term %.3f, of a new one %.3f", v.idf(q), v.idf(x))
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
