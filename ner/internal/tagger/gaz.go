package tagger

import "strings"

// MaxGazLen is the longest gazetteer entry, in tokens.
const MaxGazLen = 8

// Gaz is a set of named lists of token sequences, matched case-insensitively.
// Lists 0–3 may be the training split's entities by type (Types order), for
// which per-entry document counts let training leave out a document's own
// entities (jackknifing), so that the model does not learn to trust a list
// that always contains the answer.
type Gaz struct {
	Names []string
	m     map[uint64]*gazEntry
	lists []string        // per list, its entries joined by "\n" (for Encode)
	seen  map[string]bool // list\x00entry already in lists
	b     []strings.Builder
}

type gazEntry struct {
	full   uint32
	prefix bool
	docs   [4]uint16 // documents of the training split with this entry, per type list
}

// NewGaz returns empty lists with these names.
func NewGaz(names []string) *Gaz {
	return &Gaz{Names: names, m: map[uint64]*gazEntry{}, seen: map[string]bool{}, b: make([]strings.Builder, len(names))}
}

// AddEntry adds an entry given as tokens joined by single spaces.
func (g *Gaz) AddEntry(entry string, l int, docs int) {
	g.Add(strings.Split(entry, " "), l, docs)
}

// Finish joins the entries for Encode; call it after the last Add.
func (g *Gaz) Finish() {
	g.lists = make([]string, len(g.Names))
	for i := range g.b {
		g.lists[i] = strings.TrimSuffix(g.b[i].String(), "\n")
	}
}

func gazKey(h uint64, lower string) uint64 {
	return hb(hs(h, lower), ' ')
}

// Add adds a token sequence (any case) to list l. docs counts the training
// documents it comes from (0 for other lists).
func (g *Gaz) Add(tokens []string, l int, docs int) {
	if len(tokens) == 0 || len(tokens) > MaxGazLen {
		return
	}
	if g.seen != nil && g.b != nil {
		k := string(rune('0'+l)) + "\x00" + strings.ToLower(strings.Join(tokens, " "))
		if !g.seen[k] {
			g.seen[k] = true
			g.b[l].WriteString(strings.Join(tokens, " "))
			g.b[l].WriteByte('\n')
		}
	}
	h := uint64(fnvOff)
	for i, t := range tokens {
		h = gazKey(h, strings.ToLower(t))
		e := g.m[h]
		if e == nil {
			e = &gazEntry{}
			g.m[h] = e
		}
		if i < len(tokens)-1 {
			e.prefix = true
			continue
		}
		e.full |= 1 << uint(l)
		if l < 4 {
			c := int(e.docs[l]) + docs
			if c > 65535 {
				c = 65535
			}
			e.docs[l] = uint16(c)
		}
	}
}

// GazKey returns the lookup key of a token sequence.
func GazKey(tokens []string) uint64 {
	h := uint64(fnvOff)
	for _, t := range tokens {
		h = gazKey(h, strings.ToLower(t))
	}
	return h
}

// match returns, for each token, the codes list*4+position (BILU) of the
// longest match of each list covering it, left to right. own holds the
// keys of the document's own training entities, left out of lists 0–3
// when no other document has them.
func (g *Gaz) match(lowers []string, own map[uint64]uint32, out [][]uint8) [][]uint8 {
	n := len(lowers)
	if cap(out) < n {
		out = make([][]uint8, n)
	}
	out = out[:n]
	for i := range out {
		out[i] = out[i][:0]
	}
	nl := len(g.Names)
	var next [32]int // next free start per list
	for i := 0; i < n; i++ {
		h := uint64(fnvOff)
		var best [32]int
		for j := i; j < n && j < i+MaxGazLen; j++ {
			h = gazKey(h, lowers[j])
			e := g.m[h]
			if e == nil {
				break
			}
			if e.full != 0 {
				for l := 0; l < nl; l++ {
					if e.full&(1<<uint(l)) == 0 {
						continue
					}
					if l < 4 && own != nil {
						c := int(e.docs[l])
						if own[h]&(1<<uint(l)) != 0 {
							c--
						}
						if c <= 0 {
							continue
						}
					}
					best[l] = j - i + 1
				}
			}
			if !e.prefix {
				break
			}
		}
		for l := 0; l < nl; l++ {
			k := best[l]
			if k == 0 || i < next[l] {
				continue
			}
			next[l] = i + k
			if k == 1 {
				out[i] = append(out[i], uint8(l*4+posU))
				continue
			}
			out[i] = append(out[i], uint8(l*4+posB))
			for j := i + 1; j < i+k-1; j++ {
				out[j] = append(out[j], uint8(l*4+posI))
			}
			out[i+k-1] = append(out[i+k-1], uint8(l*4+posL))
		}
	}
	return out
}
