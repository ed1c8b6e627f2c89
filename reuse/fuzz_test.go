package reuse

import (
	"testing"
	"unicode/utf8"
)

// FuzzSignature: any input, valid UTF-8 or not, gives tokens inside the
// text in order, one shingle per window of words, fingerprints pointing at
// shingles, and a comparison with itself that covers it whole.
func FuzzSignature(f *testing.F) {
	for _, s := range []string{"", "a", "“quoted” words here", "x\xffy z", "a\n\nb\n\n\nc\nd", "``a b c d e'' f g h i j k",
		"One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := NewSignature(text)
		prev := int32(0)
		for _, tk := range s.Tokens {
			if tk.Start < prev || tk.End <= tk.Start || int(tk.End) > len(text) {
				t.Fatalf("token %+v out of order or outside %d bytes", tk, len(text))
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[tk.Start:tk.End]) {
				t.Fatalf("token %+v splits a rune", tk)
			}
			prev = tk.End
		}
		for i, p := range s.Paras {
			if i == 0 && p != 0 || i > 0 && p <= s.Paras[i-1] || int(p) >= len(s.Tokens) {
				t.Fatalf("paragraph starts %v for %d tokens", s.Paras, len(s.Tokens))
			}
		}
		if (len(s.Paras) == 0) != (len(s.Tokens) == 0) {
			t.Fatalf("%d paragraphs for %d tokens", len(s.Paras), len(s.Tokens))
		}
		if want := max(0, len(s.Tokens)-ShingleWords+1); len(s.Shingles) != want {
			t.Fatalf("%d shingles for %d tokens", len(s.Shingles), len(s.Tokens))
		}
		for _, fp := range s.Fingerprints {
			if fp.Pos < 0 || int(fp.Pos) >= len(s.Shingles) || fp.Hash != fingerprintHash(s.Shingles[fp.Pos]) {
				t.Fatalf("fingerprint %+v does not match its shingle", fp)
			}
		}
		p := Compare(Side{Sig: s}, Side{Sig: s})
		if len(p.Passages) > 0 && (p.ShareX != p.ShareY || !p.Copy) {
			t.Fatalf("self-comparison: %+v", p)
		}
	})
}
