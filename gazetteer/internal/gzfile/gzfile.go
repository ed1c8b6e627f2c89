// Package gzfile reads and writes the gazetteer's data file: a gzip stream
// holding a table of places, a sorted name index and a demonym list.
//
// Layout after decompression (all integers are unsigned varints, strings
// are a length and bytes, coordinates are little-endian float32):
//
//	magic "SLGAZ" version byte
//	places:   count, then per place: geonameid, kind, name, ascii name
//	          (empty when equal to name), alternate count and alternates,
//	          lat, lon, country code, admin1 code, feature code, population
//	index:    key count, then per key: shared-prefix length with the
//	          previous key, suffix, posting count, postings
//	demonyms: count, then word and country code
//
// A posting is a place index shifted left by two, ORed with the Alt and
// Preferred flags.
package gzfile

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

const (
	magic   = "SLGAZ"
	version = 1
)

// Place kinds.
const (
	Country uint8 = iota
	Region
	City
)

// Posting flags.
const (
	// Alt marks a key that comes from an alternate name only.
	Alt uint32 = 1
	// Preferred marks a hand-chosen reading of an ambiguous name
	// ("New York" → New York City).
	Preferred uint32 = 2
)

// Place is one row of the place table.
type Place struct {
	GeonameID uint32
	Kind      uint8
	Name      string
	ASCII     string // empty when equal to Name
	Alts      []string
	Lat, Lon  float32
	CC        string // ISO 3166-1 alpha-2; empty for places beyond one country
	Admin1    string // GeoNames admin1 code
	Feature   string // GeoNames feature code (PPLC, ADM1, PCLI, CONT, RGN …)
	Pop       uint32
}

// Index maps sorted keys to postings. Key i is Keys[KeyOff[i]:KeyOff[i+1]]
// and its postings are Post[PostOff[i]:PostOff[i+1]], best first.
type Index struct {
	Keys    string
	KeyOff  []uint32
	PostOff []uint32
	Post    []uint32
}

// Len is the number of keys.
func (x *Index) Len() int { return len(x.KeyOff) - 1 }

// Key returns key i.
func (x *Index) Key(i int) string { return x.Keys[x.KeyOff[i]:x.KeyOff[i+1]] }

// Postings returns the postings of key i.
func (x *Index) Postings(i int) []uint32 { return x.Post[x.PostOff[i]:x.PostOff[i+1]] }

// Demonym links a nationality word to a country code.
type Demonym struct {
	Word string
	CC   string
}

// Data is the whole file.
type Data struct {
	Places   []Place
	Index    Index
	Demonyms []Demonym
}

type writer struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (w *writer) uint(v uint64) {
	n := binary.PutUvarint(w.buf[:], v)
	w.w.Write(w.buf[:n])
}

func (w *writer) str(s string) {
	w.uint(uint64(len(s)))
	w.w.WriteString(s)
}

func (w *writer) f32(f float32) {
	binary.LittleEndian.PutUint32(w.buf[:4], math.Float32bits(f))
	w.w.Write(w.buf[:4])
}

// Write encodes d as gzip to out.
func Write(out io.Writer, d *Data) error {
	zw, err := gzip.NewWriterLevel(out, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("gzfile: %w", err)
	}
	w := &writer{w: bufio.NewWriterSize(zw, 1<<16)}
	w.w.WriteString(magic)
	w.w.WriteByte(version)
	w.uint(uint64(len(d.Places)))
	for i := range d.Places {
		p := &d.Places[i]
		w.uint(uint64(p.GeonameID))
		w.uint(uint64(p.Kind))
		w.str(p.Name)
		w.str(p.ASCII)
		w.uint(uint64(len(p.Alts)))
		for _, a := range p.Alts {
			w.str(a)
		}
		w.f32(p.Lat)
		w.f32(p.Lon)
		w.str(p.CC)
		w.str(p.Admin1)
		w.str(p.Feature)
		w.uint(uint64(p.Pop))
	}
	x := &d.Index
	w.uint(uint64(x.Len()))
	prev := ""
	for i := 0; i < x.Len(); i++ {
		k := x.Key(i)
		n := 0
		for n < len(k) && n < len(prev) && k[n] == prev[n] {
			n++
		}
		w.uint(uint64(n))
		w.str(k[n:])
		ps := x.Postings(i)
		w.uint(uint64(len(ps)))
		for _, p := range ps {
			w.uint(uint64(p))
		}
		prev = k
	}
	w.uint(uint64(len(d.Demonyms)))
	for _, dm := range d.Demonyms {
		w.str(dm.Word)
		w.str(dm.CC)
	}
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("gzfile: write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("gzfile: write: %w", err)
	}
	return nil
}

var errShort = errors.New("truncated data")

// reader decodes from one string so that decoded strings share its memory.
type reader struct {
	s   string
	off int
	err error
}

func (r *reader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	var v uint64
	var shift uint
	for {
		if r.off >= len(r.s) {
			r.err = errShort
			return 0
		}
		b := r.s[r.off]
		r.off++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
		shift += 7
		if shift > 63 {
			r.err = errors.New("varint overflow")
			return 0
		}
	}
}

func (r *reader) count(max int) int {
	n := r.uint()
	if n > uint64(max) {
		if r.err == nil {
			r.err = fmt.Errorf("count %d out of range", n)
		}
		return 0
	}
	return int(n)
}

func (r *reader) str() string {
	n := r.count(len(r.s))
	if r.err != nil {
		return ""
	}
	if r.off+n > len(r.s) {
		r.err = errShort
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) f32() float32 {
	if r.err != nil {
		return 0
	}
	if r.off+4 > len(r.s) {
		r.err = errShort
		return 0
	}
	v := uint32(r.s[r.off]) | uint32(r.s[r.off+1])<<8 | uint32(r.s[r.off+2])<<16 | uint32(r.s[r.off+3])<<24
	r.off += 4
	return math.Float32frombits(v)
}

// Read decodes a file written by Write.
func Read(in io.Reader) (*Data, error) {
	zr, err := gzip.NewReader(in)
	if err != nil {
		return nil, fmt.Errorf("gzfile: open: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gzfile: decompress: %w", err)
	}
	r := &reader{s: string(raw)}
	raw = nil
	if len(r.s) < len(magic)+1 || r.s[:len(magic)] != magic {
		return nil, errors.New("gzfile: not a gazetteer file")
	}
	if v := r.s[len(magic)]; v != version {
		return nil, fmt.Errorf("gzfile: version %d, want %d", v, version)
	}
	r.off = len(magic) + 1
	d := &Data{}
	n := r.count(len(r.s))
	d.Places = make([]Place, n)
	// Alternate-name slices are carved from one backing array.
	var alts []string
	for i := 0; i < n && r.err == nil; i++ {
		p := &d.Places[i]
		p.GeonameID = uint32(r.uint())
		p.Kind = uint8(r.uint())
		p.Name = r.str()
		p.ASCII = r.str()
		na := r.count(len(r.s))
		if na > 0 {
			if cap(alts)-len(alts) < na {
				alts = make([]string, 0, max(4096, na))
			}
			start := len(alts)
			for j := 0; j < na; j++ {
				alts = append(alts, r.str())
			}
			p.Alts = alts[start:len(alts):len(alts)]
		}
		p.Lat = r.f32()
		p.Lon = r.f32()
		p.CC = r.str()
		p.Admin1 = r.str()
		p.Feature = r.str()
		p.Pop = uint32(r.uint())
	}
	nk := r.count(len(r.s))
	x := &d.Index
	x.KeyOff = make([]uint32, 1, nk+1)
	x.PostOff = make([]uint32, 1, nk+1)
	keys := make([]byte, 0, nk*12)
	prevStart := 0
	for i := 0; i < nk && r.err == nil; i++ {
		shared := r.count(len(keys) - prevStart)
		suffix := r.str()
		start := len(keys)
		keys = append(keys, keys[prevStart:prevStart+shared]...)
		keys = append(keys, suffix...)
		prevStart = start
		x.KeyOff = append(x.KeyOff, uint32(len(keys)))
		np := r.count(len(r.s))
		for j := 0; j < np; j++ {
			p := r.uint()
			if p>>2 >= uint64(len(d.Places)) && r.err == nil {
				r.err = fmt.Errorf("posting %d out of range", p>>2)
			}
			x.Post = append(x.Post, uint32(p))
		}
		x.PostOff = append(x.PostOff, uint32(len(x.Post)))
	}
	x.Keys = string(keys)
	nd := r.count(len(r.s))
	d.Demonyms = make([]Demonym, 0, nd)
	for i := 0; i < nd && r.err == nil; i++ {
		d.Demonyms = append(d.Demonyms, Demonym{Word: r.str(), CC: r.str()})
	}
	if r.err != nil {
		return nil, fmt.Errorf("gzfile: decode at byte %d: %w", r.off, r.err)
	}
	return d, nil
}

// Prior is the score of a place before any context: a base by kind
// (country 3, region 0.5, city 0), plus log10 of the population, plus 1.5
// for a national capital and 0.3 for a first-level capital, minus 2 when
// the name matched only an alternate name, plus 4 for a preferred reading.
// The build sorts postings by it and the gazetteer uses it when resolving.
func Prior(p *Place, flags uint32) float64 {
	s := math.Log10(float64(p.Pop) + 10)
	switch p.Kind {
	case Country:
		s += 3
	case Region:
		s += 0.5
	}
	switch p.Feature {
	case "PPLC":
		s += 1.5
	case "PPLA", "PPLG":
		s += 0.3
	}
	if flags&Alt != 0 {
		s -= 2
	}
	if flags&Preferred != 0 {
		s += 4
	}
	return s
}
