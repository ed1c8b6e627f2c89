package cluster

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"slices"
)

// The snapshot format: a magic line, the format version, then the state
// in varints, strings (length and bytes), float bits and sparse vectors
// (length, id deltas, float32 weights), and last the CRC-32 (Castagnoli)
// of everything before it.
const (
	snapshotMagic   = "storyline cluster snapshot\n"
	snapshotVersion = 5
	maxSnapString   = 1 << 16 // longest ID or term
)

// ErrSnapshotVersion is returned by Restore for a snapshot written by
// another version of the package: rebuild the clusterer by Replay.
var ErrSnapshotVersion = errors.New("cluster: snapshot of another format version")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type snapWriter struct {
	w   *bufio.Writer
	crc hash.Hash32
	buf [binary.MaxVarintLen64]byte
	err error
}

func (w *snapWriter) bytes(b []byte) {
	if w.err != nil {
		return
	}
	w.crc.Write(b)
	_, w.err = w.w.Write(b)
}

func (w *snapWriter) uint(x uint64) { w.bytes(w.buf[:binary.PutUvarint(w.buf[:], x)]) }
func (w *snapWriter) bool(b bool) {
	if b {
		w.uint(1)
	} else {
		w.uint(0)
	}
}
func (w *snapWriter) int(x int64) { w.bytes(w.buf[:binary.PutVarint(w.buf[:], x)]) }
func (w *snapWriter) f64(x float64) {
	binary.LittleEndian.PutUint64(w.buf[:8], math.Float64bits(x))
	w.bytes(w.buf[:8])
}
func (w *snapWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.bytes([]byte(s))
}
func (w *snapWriter) ids(ids []int32) {
	w.uint(uint64(len(ids)))
	for _, i := range ids {
		w.int(int64(i))
	}
}
func (w *snapWriter) vec(v vec) {
	w.uint(uint64(len(v.id)))
	prev := int32(-1)
	for j, i := range v.id {
		w.uint(uint64(i - prev))
		prev = i
		binary.LittleEndian.PutUint32(w.buf[:4], math.Float32bits(v.w[j]))
		w.bytes(w.buf[:4])
	}
}
func (w *snapWriter) norms(n norms) {
	for _, x := range n {
		w.f64(x)
	}
}
func (w *snapWriter) date(p pdate) {
	w.int(int64(p.y))
	w.bytes([]byte{byte(p.m), byte(p.d), byte(p.wd)})
	w.int(int64(p.day))
	f := byte(0)
	if p.full {
		f |= 1
	}
	if p.any {
		f |= 2
	}
	w.bytes([]byte{f})
}
func (w *snapWriter) vocab(v *vocab) {
	w.uint(uint64(len(v.keys)))
	for i, k := range v.keys {
		w.str(k)
		w.uint(uint64(v.df[i]))
		w.uint(uint64(v.df2[i]))
		w.bytes([]byte{v.kind[i]})
	}
	w.uint(uint64(v.docs))
}
func (w *snapWriter) doc(d *doc) {
	w.str(d.id)
	w.uint(uint64(d.seq))
	for _, v := range []vec{d.terms, d.title, d.ents} {
		w.vec(v)
	}
	for _, n := range []norms{d.tn, d.tt, d.en} {
		w.norms(n)
	}
	w.date(d.date)
	w.ids(d.where)
	w.bool(d.leadDate)
}

func (w *snapWriter) docs(ds []*doc, index map[*doc]int) {
	w.uint(uint64(len(ds)))
	for _, d := range ds {
		w.uint(uint64(index[d]))
	}
}

// Snapshot writes the whole state of the clusterer (vocabularies,
// document frequencies, events, stories, index, article assignments), so
// that Restore can bring it back without adding the articles again. The
// model is not written: Restore is given it. The same state always
// writes the same bytes.
func (c *Clusterer) Snapshot(w io.Writer) error {
	sw := &snapWriter{w: bufio.NewWriterSize(w, 1<<16), crc: crc32.New(castagnoli)}
	sw.bytes([]byte(snapshotMagic))
	sw.uint(snapshotVersion)
	sw.uint(uint64(c.seq))
	sw.vocab(c.words)
	sw.vocab(c.entVocab)
	docIndex := map[*doc]int{}
	var docs []*doc
	kept := func(ds []*doc) {
		for _, d := range ds {
			if _, ok := docIndex[d]; !ok {
				docIndex[d] = len(docs)
				docs = append(docs, d)
			}
		}
	}
	for _, e := range c.events {
		kept(e.recent)
	}
	sw.uint(uint64(len(docs)))
	for _, d := range docs {
		sw.doc(d)
	}
	sw.uint(uint64(len(c.stories)))
	for _, s := range c.stories {
		sw.str(s.id)
		sw.int(int64(s.into))
	}
	sw.uint(uint64(len(c.events)))
	for _, e := range c.events {
		sw.str(e.id)
		sw.uint(uint64(e.story))
		sw.uint(uint64(e.n))
		sw.int(int64(e.into))
		sw.docs(e.recent, docIndex)
		// a one-article event shares its article's vectors
		shared := len(e.recent) == 1 && sameVec(e.terms, e.recent[0].terms) && sameVec(e.title, e.recent[0].title) && sameVec(e.ents, e.recent[0].ents)
		if shared {
			sw.bytes([]byte{1})
		} else {
			sw.bytes([]byte{0})
			for _, v := range []vec{e.terms, e.title, e.ents} {
				sw.vec(v)
			}
			for _, n := range []norms{e.tn, e.tt, e.en} {
				sw.norms(n)
			}
		}
		sw.ids(e.days)
		sw.uint(uint64(len(e.dates)))
		for _, p := range e.dates {
			sw.date(p)
		}
		sw.ids(e.posted)
		sw.ids(e.postedEnt)
	}
	for _, s := range c.stories { // each story's live events, in order
		sw.uint(uint64(len(s.events)))
		for _, ei := range s.events {
			sw.uint(uint64(ei))
		}
	}
	for _, post := range [][][]int32{c.termPost, c.entPost} {
		sw.uint(uint64(len(post)))
		for _, p := range post {
			sw.ids(p)
		}
	}
	ids := make([]string, 0, len(c.articleEvent))
	for id := range c.articleEvent {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	sw.uint(uint64(len(ids)))
	for _, id := range ids {
		sw.str(id)
		sw.uint(uint64(c.articleEvent[id]))
	}
	if sw.err == nil {
		sum := sw.crc.Sum32()
		binary.LittleEndian.PutUint32(sw.buf[:4], sum)
		_, sw.err = sw.w.Write(sw.buf[:4])
	}
	if sw.err == nil {
		sw.err = sw.w.Flush()
	}
	if sw.err != nil {
		return fmt.Errorf("cluster: snapshot: %w", sw.err)
	}
	return nil
}

// increasing tells whether ids are sorted and distinct.
func increasing(ids []int32) bool {
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			return false
		}
	}
	return true
}

// sameVec tells whether a and b are one vector (not only equal).
func sameVec(a, b vec) bool {
	return len(a.id) == len(b.id) && (len(a.id) == 0 || &a.id[0] == &b.id[0] && &a.w[0] == &b.w[0])
}

type snapReader struct {
	r   *bufio.Reader
	crc hash.Hash32
	err error
	// pend holds bytes read one by one, not yet added to crc
	pend [512]byte
	n    int
}

// sum adds the pending bytes to the checksum.
func (r *snapReader) sum() {
	r.crc.Write(r.pend[:r.n])
	r.n = 0
}

func (r *snapReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

func (r *snapReader) ReadByte() (byte, error) {
	if r.err != nil {
		return 0, r.err
	}
	b, err := r.r.ReadByte()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		r.err = err
		return 0, err
	}
	if r.n == len(r.pend) {
		r.sum()
	}
	r.pend[r.n] = b
	r.n++
	return b, nil
}

func (r *snapReader) full(b []byte) {
	if r.err != nil {
		return
	}
	if _, err := io.ReadFull(r.r, b); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		r.err = err
		return
	}
	r.sum()
	r.crc.Write(b)
}

func (r *snapReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	x, err := binary.ReadUvarint(r)
	if err != nil && r.err == nil {
		r.err = err
	}
	return x
}

func (r *snapReader) int() int64 {
	if r.err != nil {
		return 0
	}
	x, err := binary.ReadVarint(r)
	if err != nil && r.err == nil {
		r.err = err
	}
	return x
}

// count reads a length and checks it against max.
func (r *snapReader) count(what string, max int) int {
	n := r.uint()
	if r.err == nil && n > uint64(max) {
		r.fail("%s: %d, more than %d", what, n, max)
	}
	if r.err != nil {
		return 0
	}
	return int(n)
}

// index reads an index below n.
func (r *snapReader) index(what string, n int) int {
	if n <= 0 {
		r.fail("%s: none to point at", what)
		return 0
	}
	return r.count(what, n-1)
}

func (r *snapReader) f64() float64 {
	var b [8]byte
	r.full(b[:])
	x := math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
	if r.err == nil && (math.IsNaN(x) || math.IsInf(x, 0) || x < 0) {
		r.fail("bad norm %g", x)
	}
	return x
}

func (r *snapReader) str() string {
	n := r.count("string length", maxSnapString)
	b := make([]byte, n)
	r.full(b)
	return string(b)
}

// capHint bounds the capacity allocated ahead of reading n items, so that
// a forged length cannot make Restore allocate much before it fails.
func capHint(n int) int { return min(n, 1<<12) }

func (r *snapReader) ids(what string, below int) []int32 {
	n := r.count(what, math.MaxInt32)
	out := make([]int32, 0, capHint(n))
	for range n {
		x := r.int()
		if r.err != nil {
			return nil
		}
		if x < 0 || x >= int64(below) {
			r.fail("%s: %d out of range", what, x)
			return nil
		}
		out = append(out, int32(x))
	}
	return out
}

func (r *snapReader) vec(what string, below int) vec {
	n := r.count(what, below)
	v := vec{id: make([]int32, 0, capHint(n)), w: make([]float32, 0, capHint(n))}
	prev := int64(-1)
	var b [4]byte
	for range n {
		prev += int64(r.uint())
		r.full(b[:])
		if r.err != nil {
			return vec{}
		}
		w := math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
		if prev >= int64(below) || len(v.id) > 0 && int64(v.id[len(v.id)-1]) >= prev || !(w > 0) || math.IsInf(float64(w), 0) {
			r.fail("%s: bad entry %d (%g)", what, prev, w)
			return vec{}
		}
		v.id, v.w = append(v.id, int32(prev)), append(v.w, w)
	}
	return v
}

func (r *snapReader) norms() norms {
	var n norms
	for k := range n {
		n[k] = r.f64()
	}
	return n
}

func (r *snapReader) date() pdate {
	var p pdate
	p.y = int16(r.int())
	var b [3]byte
	r.full(b[:])
	p.m, p.d, p.wd = int8(b[0]), int8(b[1]), int8(b[2])
	p.day = int32(r.int())
	f, _ := r.ReadByte()
	p.full, p.any = f&1 != 0, f&2 != 0
	return p
}

func (r *snapReader) vocab(what string, kinds uint8, like *vocab) *vocab {
	n := r.count(what, math.MaxInt32)
	v := &vocab{ids: make(map[string]int32, capHint(n)), bg: like.bg, adapt: like.adapt}
	for i := range n {
		k := r.str()
		df, df2 := r.uint(), r.uint()
		kind, _ := r.ReadByte()
		if r.err != nil {
			return nil
		}
		if _, dup := v.ids[k]; dup || kind >= kinds || df > math.MaxInt32 || df2 > df {
			r.fail("%s: bad entry %q", what, k)
			return nil
		}
		v.ids[k] = int32(i)
		v.keys = append(v.keys, k)
		v.df = append(v.df, int32(df))
		v.df2 = append(v.df2, int32(df2))
		v.kind = append(v.kind, kind)
		v.fac = append(v.fac, 1)
	}
	v.docs = r.count(what+" documents", math.MaxInt32)
	for i, df := range v.df {
		if int(df) > v.docs {
			r.fail("%s: frequency %d above %d documents", what, df, v.docs)
		}
		v.setFactor(int32(i))
	}
	return v
}

// Restore reads a clusterer written by Snapshot, to decide by m. A
// snapshot that is not one, is truncated, corrupt or inconsistent gives an
// error, never a partial clusterer; one of another format version gives
// ErrSnapshotVersion.
func Restore(m Model, r io.Reader) (*Clusterer, error) {
	c, err := restore(m, r)
	if err != nil {
		return nil, fmt.Errorf("cluster: restore: %w", err)
	}
	return c, nil
}

func restore(m Model, rd io.Reader) (*Clusterer, error) {
	r := &snapReader{r: bufio.NewReaderSize(rd, 1<<16), crc: crc32.New(castagnoli)}
	magic := make([]byte, len(snapshotMagic))
	r.full(magic)
	if r.err != nil || string(magic) != snapshotMagic {
		return nil, errors.New("not a cluster snapshot")
	}
	if v := r.uint(); r.err == nil && v != snapshotVersion {
		return nil, fmt.Errorf("version %d: %w", v, ErrSnapshotVersion)
	}
	c := NewClusterer(m)
	seq := r.uint()
	c.words = r.vocab("terms", 3, c.words)
	c.entVocab = r.vocab("entities", nKinds, c.entVocab)
	if r.err != nil {
		return nil, r.err
	}
	if seq > math.MaxInt64 {
		return nil, errors.New("bad article count")
	}
	c.seq = int64(seq)
	nw, ne := len(c.words.keys), len(c.entVocab.keys)
	nd := r.count("articles kept", math.MaxInt32)
	docs := make([]*doc, 0, capHint(nd))
	for range nd {
		d := &doc{id: r.str()}
		d.seq = int64(r.count("article number", math.MaxInt64))
		d.terms, d.title, d.ents = r.vec("terms", nw), r.vec("title", nw), r.vec("entities", ne)
		d.tn, d.tt, d.en = r.norms(), r.norms(), r.norms()
		d.date = r.date()
		d.where = r.ids("where", ne)
		d.leadDate = r.uint() == 1
		if len(d.where) == 0 {
			d.where = nil // as doc leaves it
		}
		d.setDates()
		if r.err != nil {
			return nil, r.err
		}
		docs = append(docs, d)
	}
	kept := func(what string, max int) []*doc {
		var out []*doc
		for range r.count(what, max) {
			j := r.index(what, len(docs))
			if r.err != nil {
				return nil
			}
			out = append(out, docs[j])
		}
		return out
	}
	ns := r.count("stories", math.MaxInt32)
	for range ns {
		s := &story{id: r.str(), into: int(r.int())}
		if r.err != nil {
			return nil, r.err
		}
		if _, dup := c.storyIndex[s.id]; dup || s.into < -1 || s.into >= ns || s.into == len(c.stories) {
			return nil, fmt.Errorf("story %s: duplicate or merged into %d", s.id, s.into)
		}
		c.storyIndex[s.id] = len(c.stories)
		c.stories = append(c.stories, s)
		if s.into >= 0 {
			c.merged[1]++
		}
	}
	for i := range c.stories { // no cycles of merges
		j := i
		for steps := 0; c.stories[j].into >= 0; steps++ {
			if steps > len(c.stories) {
				return nil, fmt.Errorf("story %s: merged in a cycle", c.stories[i].id)
			}
			j = c.stories[j].into
		}
	}
	nev := r.count("events", math.MaxInt32)
	for i := range nev {
		e := &event{id: r.str()}
		e.story = r.index("story", ns)
		e.n = r.count("event size", math.MaxInt32)
		e.into = int(r.int())
		e.recent = kept("articles kept", keepRecent)
		shared, _ := r.ReadByte()
		if r.err != nil {
			return nil, r.err
		}
		switch {
		case shared == 1 && len(e.recent) == 1:
			e.terms, e.title, e.ents = e.recent[0].terms, e.recent[0].title, e.recent[0].ents
			e.tn, e.tt, e.en = e.recent[0].tn, e.recent[0].tt, e.recent[0].en
		case shared == 0:
			e.terms, e.title, e.ents = r.vec("terms", nw), r.vec("title", nw), r.vec("entities", ne)
			e.tn, e.tt, e.en = r.norms(), r.norms(), r.norms()
		default:
			r.fail("event %s: bad vectors flag", e.id)
		}
		e.days = r.ids("days", math.MaxInt32)
		for range r.count("dates", maxEventDates) {
			e.dates = append(e.dates, r.date())
		}
		e.posted, e.postedEnt = r.ids("posted terms", nw), r.ids("posted entities", ne)
		if r.err != nil {
			return nil, r.err
		}
		if !increasing(e.days) || !increasing(e.posted) || !increasing(e.postedEnt) {
			return nil, fmt.Errorf("event %s: lists out of order", e.id)
		}
		// a live event has articles; a merged one points at an older event
		live := e.into == -1 && e.n >= len(e.recent) && len(e.recent) > 0
		merged := e.into >= 0 && e.into < i
		if _, dup := c.eventIndex[e.id]; dup || !live && !merged {
			return nil, fmt.Errorf("event %s: duplicate or inconsistent", e.id)
		}
		if merged {
			c.merged[0]++
		}
		c.events = append(c.events, e)
		c.eventIndex[e.id] = i
	}
	for _, s := range c.stories {
		for range r.count("story events", len(c.events)) {
			ei := r.index("story event", len(c.events))
			if r.err != nil {
				return nil, r.err
			}
			if c.stories[c.events[ei].story] != s {
				return nil, fmt.Errorf("story %s lists event %s of another", s.id, c.events[ei].id)
			}
			s.events = append(s.events, ei)
		}
	}
	for k, below := range []int{nw, ne} {
		n := r.count("index keys", below)
		post := make([][]int32, 0, capHint(n))
		for range n {
			post = append(post, r.ids("index", len(c.events)))
			if r.err != nil {
				return nil, r.err
			}
		}
		if k == 0 {
			c.termPost = post
		} else {
			c.entPost = post
		}
	}
	na := r.count("articles", math.MaxInt32)
	for range na {
		id := r.str()
		ei := r.index("article event", len(c.events))
		if r.err != nil {
			return nil, r.err
		}
		c.articleEvent[id] = ei
	}
	if r.err != nil {
		return nil, r.err
	}
	r.sum()
	want := r.crc.Sum32()
	var sum [4]byte
	if _, err := io.ReadFull(r.r, sum[:]); err != nil {
		return nil, fmt.Errorf("checksum: %w", err)
	}
	if binary.LittleEndian.Uint32(sum[:]) != want {
		return nil, errors.New("checksum mismatch: the snapshot is corrupt")
	}
	return c, nil
}
