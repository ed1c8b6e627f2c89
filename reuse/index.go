package reuse

// Index maps fingerprints to the articles that have them: an open-addressing
// hash table of (fingerprint, article number) pairs, 8 bytes a pair, with
// linear probing. A fingerprint keeps at most Common postings: one that
// reaches Common articles is common (site furniture, stock text) and is
// not used to find candidates. Index is not safe for concurrent use.
type Index struct {
	slots  []uint64 // fingerprint<<32 | article; 0 is empty
	used   int
	common int
}

// DefaultCommon is the number of independent articles after which a
// fingerprint counts as common.
const DefaultCommon = 12

// NewIndex returns an empty index whose fingerprints become common at
// common postings (DefaultCommon when common <= 0).
func NewIndex(common int) *Index {
	if common <= 0 {
		common = DefaultCommon
	}
	return &Index{slots: make([]uint64, 1024), common: common}
}

// slot returns the first slot to probe for fingerprint f: a multiplicative
// hash reduced to the table size without a division.
func (x *Index) slot(f uint32) int {
	h := uint64(f) * 0x9E3779B97F4A7C15
	return int((h >> 32) * uint64(len(x.slots)) >> 32)
}

// Lookup calls fn for every article with fingerprint f and returns how
// many there are (at most the common threshold).
func (x *Index) Lookup(f uint32, fn func(article uint32)) int {
	n := 0
	for i := x.slot(f); ; {
		s := x.slots[i]
		if s == 0 {
			return n
		}
		if uint32(s>>32) == f {
			n++
			if fn != nil {
				fn(uint32(s))
			}
		}
		if i++; i == len(x.slots) {
			i = 0
		}
	}
}

// Count returns how many articles have fingerprint f, up to the common
// threshold.
func (x *Index) Count(f uint32) int { return x.Lookup(f, nil) }

// IsCommon tells whether fingerprint f has reached the common threshold.
func (x *Index) IsCommon(f uint32) bool { return x.Count(f) >= x.common }

// Add records that article has fingerprint f, unless f is already common
// or already recorded for article, and tells whether this made f common.
func (x *Index) Add(f uint32, article uint32) (madeCommon bool) {
	if f == 0 {
		f = 1
	}
	if (x.used+1)*5 > len(x.slots)*4 {
		x.grow()
	}
	n := 0
	i := x.slot(f)
	for ; x.slots[i] != 0; i = (i + 1) % len(x.slots) {
		if uint32(x.slots[i]>>32) == f {
			if uint32(x.slots[i]) == article {
				return false
			}
			if n++; n >= x.common {
				return false
			}
		}
	}
	x.slots[i] = uint64(f)<<32 | uint64(article)
	x.used++
	return n+1 == x.common
}

// grow enlarges the table by half and re-inserts every pair.
func (x *Index) grow() {
	old := x.slots
	x.slots = make([]uint64, len(old)+len(old)/2)
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := x.slot(uint32(s >> 32))
		for x.slots[i] != 0 {
			if i++; i == len(x.slots) {
				i = 0
			}
		}
		x.slots[i] = s
	}
}

// Len returns the number of (fingerprint, article) pairs.
func (x *Index) Len() int { return x.used }

// Bytes returns the memory the table takes.
func (x *Index) Bytes() int { return 8 * cap(x.slots) }
