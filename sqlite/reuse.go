package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/storyline/storyline"
)

// encodeFingerprints encodes reuse fingerprints as little-endian uint32s:
// an empty, non-NULL blob for none, NULL (nil) for a nil slice, which
// means the reuse stage has not seen the article.
func encodeFingerprints(fps []uint32) any {
	if fps == nil {
		return nil
	}
	b := make([]byte, 4*len(fps))
	for i, f := range fps {
		binary.LittleEndian.PutUint32(b[4*i:], f)
	}
	return b
}

func decodeFingerprints(b []byte) []uint32 {
	fps := make([]uint32, len(b)/4)
	for i := range fps {
		fps[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return fps
}

// writeReuse records, inside tx, what the reuse stage found for art: the
// copy groups it joins now have its origin, and its links.
func writeReuse(ctx context.Context, tx *sql.Tx, art *storyline.Article) error {
	origin := art.Origin()
	for _, r := range art.Regroup {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET duplicate_of = ?
			WHERE (duplicate_of = ? OR id = ?) AND id != ?`, origin, r, r, origin); err != nil {
			return fmt.Errorf("regroup copies of %s: %w", r, err)
		}
	}
	for _, l := range art.Reuse {
		var passages any
		if len(l.Passages) > 0 {
			b, err := json.Marshal(l.Passages)
			if err != nil {
				return fmt.Errorf("reuse link %s-%s: %w", art.ID, l.Of, err)
			}
			passages = string(b)
		}
		copyFlag := 0
		if l.Copy {
			copyFlag = 1
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reuse_links (a, b, share_a, share_b, copy, passages)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (a, b) DO NOTHING`,
			art.ID, l.Of, l.Share, l.OfShare, copyFlag, passages); err != nil {
			return fmt.Errorf("reuse link %s-%s: %w", art.ID, l.Of, err)
		}
	}
	return nil
}

// PutReuse stores the reuse fields of articles already stored, in one
// transaction.
func (s *Store) PutReuse(ctx context.Context, a []*storyline.Article) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put reuse: %w", err)
	}
	defer tx.Rollback()
	for _, art := range a {
		fps := encodeFingerprints(art.Fingerprints)
		if fps == nil {
			fps = []byte{}
		}
		res, err := tx.ExecContext(ctx, `UPDATE articles SET duplicate_of = ?, fingerprints = ? WHERE id = ?`,
			art.DuplicateOf, fps, art.ID)
		if err != nil {
			return fmt.Errorf("put reuse: article %s: %w", art.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("put reuse: article %s: %w", art.ID, storyline.ErrNotFound)
		}
		if err := writeReuse(ctx, tx, art); err != nil {
			return fmt.Errorf("put reuse: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put reuse: commit: %w", err)
	}
	return nil
}

// ReuseEntries calls fn for every article in ingest order with what the
// reuse index keeps of it.
func (s *Store) ReuseEntries(ctx context.Context, fn func(storyline.ReuseEntry) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT id, published, duplicate_of, fingerprints, fingerprints IS NOT NULL FROM articles ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("reuse entries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e storyline.ReuseEntry
		var fps []byte
		if err := rows.Scan(&e.ID, &e.Published, &e.DuplicateOf, &fps, &e.Indexed); err != nil {
			return fmt.Errorf("reuse entries: %w", err)
		}
		e.Fingerprints = decodeFingerprints(fps)
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reuse entries: %w", err)
	}
	return nil
}

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// linkColumns are the columns scanLink reads.
const linkColumns = `a, b, share_a, share_b, copy, passages`

// scanLink reads one reuse_links row: the link as seen from a and as seen
// from b.
func scanLink(rows *sql.Rows) (a, b string, ab, ba storyline.Reuse, err error) {
	var copyFlag int
	var passages sql.NullString
	if err = rows.Scan(&a, &b, &ab.Share, &ab.OfShare, &copyFlag, &passages); err != nil {
		return
	}
	ab.Of, ab.Copy = b, copyFlag != 0
	if passages.Valid {
		if err = json.Unmarshal([]byte(passages.String), &ab.Passages); err != nil {
			err = fmt.Errorf("reuse link %s-%s: passages: %w", a, b, err)
			return
		}
	}
	ba = storyline.Reuse{Of: a, Share: ab.OfShare, OfShare: ab.Share, Copy: ab.Copy}
	for _, p := range ab.Passages {
		ba.Passages = append(ba.Passages, storyline.Passage{Start: p.OfStart, End: p.OfEnd, OfStart: p.Start, OfEnd: p.End})
	}
	sort.Slice(ba.Passages, func(i, j int) bool { return ba.Passages[i].Start < ba.Passages[j].Start })
	return
}

// groupReuse returns the stored links of every article of the copy group
// whose origin is origin, each as seen from the group's member.
func (s *Store) groupReuse(ctx context.Context, origin string) ([]storyline.Reuse, error) {
	members, err := s.ids(ctx, `SELECT id FROM articles WHERE id = ?1 OR duplicate_of = ?1`, origin)
	if err != nil {
		return nil, fmt.Errorf("copies of %s: %w", origin, err)
	}
	in := map[string]bool{}
	for _, m := range members {
		in[m] = true
	}
	const group = `(SELECT id FROM articles WHERE id = ?1 OR duplicate_of = ?1)`
	rows, err := s.r.QueryContext(ctx, `SELECT `+linkColumns+` FROM reuse_links WHERE a IN `+group+`
		UNION ALL SELECT `+linkColumns+` FROM reuse_links WHERE b IN `+group, origin)
	if err != nil {
		return nil, fmt.Errorf("reuse links: %w", err)
	}
	defer rows.Close()
	var out []storyline.Reuse
	for rows.Next() {
		a, b, ab, ba, err := scanLink(rows)
		if err != nil {
			return nil, err
		}
		if in[a] {
			out = append(out, ab)
		}
		if in[b] {
			out = append(out, ba)
		}
	}
	return out, rows.Err()
}

// origin returns the origin of the group of copies of article id (id
// itself when it is an origin or unknown).
func (s *Store) origin(ctx context.Context, id string) string {
	var o string
	err := s.r.QueryRowContext(ctx, `SELECT duplicate_of FROM articles WHERE id = ?`, id).Scan(&o)
	if err != nil || o == "" {
		return id
	}
	return o
}

// allReuse reads every reuse link, by the origin of the copy group of
// each end and as seen from that end, and the origin of every copy.
func allReuse(ctx context.Context, q queryer) (map[string][]storyline.Reuse, map[string]string, error) {
	origins := map[string]string{}
	rows2, err := q.QueryContext(ctx, `SELECT id, duplicate_of FROM articles WHERE duplicate_of != ''`)
	if err != nil {
		return nil, nil, fmt.Errorf("copies: %w", err)
	}
	defer rows2.Close()
	for rows2.Next() {
		var id, o string
		if err := rows2.Scan(&id, &o); err != nil {
			return nil, nil, fmt.Errorf("copies: %w", err)
		}
		origins[id] = o
	}
	if err := rows2.Err(); err != nil {
		return nil, nil, fmt.Errorf("copies: %w", err)
	}
	origin := func(id string) string {
		if o, ok := origins[id]; ok {
			return o
		}
		return id
	}
	links := map[string][]storyline.Reuse{}
	rows, err := q.QueryContext(ctx, `SELECT `+linkColumns+` FROM reuse_links`)
	if err != nil {
		return nil, nil, fmt.Errorf("reuse links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, b, ab, ba, err := scanLink(rows)
		if err != nil {
			return nil, nil, err
		}
		links[origin(a)] = append(links[origin(a)], ab)
		links[origin(b)] = append(links[origin(b)], ba)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("reuse links: %w", err)
	}
	return links, origins, nil
}
