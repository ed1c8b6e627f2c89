package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
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
// copy groups it joins now have its origin, its links, and what its
// arrival revised in the findings of stored articles.
func writeReuse(ctx context.Context, tx *writeTx, art *storyline.Article) error {
	origin := art.Origin()
	for _, r := range art.Regroup {
		if err := mergeGroup(ctx, tx, origin, r); err != nil {
			return err
		}
	}
	for _, l := range art.Reuse {
		if err := putLink(ctx, tx, art.ID, l); err != nil {
			return err
		}
	}
	for _, rv := range art.Revised.Links {
		if err := reviseLink(ctx, tx, rv); err != nil {
			return err
		}
	}
	for _, o := range art.Revised.Origins {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET duplicate_of = ? WHERE id = ?`, o.DuplicateOf, o.ID); err != nil {
			return fmt.Errorf("regroup %s: %w", o.ID, err)
		}
	}
	return nil
}

// mergeGroup gives every member of the copy group whose origin is from,
// from included, the origin origin.
func mergeGroup(ctx context.Context, tx *writeTx, origin, from string) error {
	// Two statements: with OR, SQLite would scan the table.
	for _, q := range []string{
		`UPDATE articles SET duplicate_of = ?1 WHERE duplicate_of = ?2 AND id != ?1`,
		`UPDATE articles SET duplicate_of = ?1 WHERE id = ?2 AND id != ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, origin, from); err != nil {
			return fmt.Errorf("regroup copies of %s: %w", from, err)
		}
	}
	return nil
}

// putLink stores the link l of article a (stored after l.Of), unless the
// pair is linked already.
func putLink(ctx context.Context, tx *writeTx, a string, l storyline.Reuse) error {
	passages, err := encodePassages(l.Passages)
	if err != nil {
		return fmt.Errorf("reuse link %s-%s: %w", a, l.Of, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO reuse_links (a, b, share_a, share_b, copy, passages)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (a, b) DO NOTHING`,
		a, l.Of, l.Share, l.OfShare, l.Copy, passages); err != nil {
		return fmt.Errorf("reuse link %s-%s: %w", a, l.Of, err)
	}
	return nil
}

// reviseLink replaces or drops a stored link; the link must be stored.
func reviseLink(ctx context.Context, tx *writeTx, rv storyline.LinkRevision) error {
	var res sql.Result
	var err error
	if rv.Drop {
		res, err = tx.ExecContext(ctx, `DELETE FROM reuse_links WHERE a = ? AND b = ?`, rv.A, rv.B)
	} else {
		var passages any
		if passages, err = encodePassages(rv.Link.Passages); err == nil {
			res, err = tx.ExecContext(ctx, `UPDATE reuse_links SET share_a = ?, share_b = ?, copy = ?, passages = ?
				WHERE a = ? AND b = ?`, rv.Link.Share, rv.Link.OfShare, rv.Link.Copy, passages, rv.A, rv.B)
		}
	}
	if err != nil {
		return fmt.Errorf("revise reuse link %s-%s: %w", rv.A, rv.B, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("revise reuse link %s-%s: %w", rv.A, rv.B, storyline.ErrNotFound)
	}
	return nil
}

// encodePassages encodes passages as JSON, NULL when there are none.
func encodePassages(ps []storyline.Passage) (any, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(ps)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// PutReuse stores the reuse fields of articles already stored, in one
// transaction.
func (s *Store) PutReuse(ctx context.Context, a []*storyline.Article) error {
	tx, err := s.begin(ctx)
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

// Text returns the cleaned text of the article with this ID.
func (s *Store) Text(ctx context.Context, id string) (string, error) {
	var text string
	err := s.r.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("text of %s: %w", id, storyline.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("text of %s: %w", id, err)
	}
	return text, nil
}

// ReuseEntries calls fn for every article in ingest order with what the
// reuse index keeps of it.
func (s *Store) ReuseEntries(ctx context.Context, fn func(storyline.ReuseEntry) error) error {
	links := map[string][]storyline.LinkEntry{}
	lrows, err := s.r.QueryContext(ctx, `SELECT a, b, copy, share_a, share_b, CASE WHEN copy THEN passages END FROM reuse_links`)
	if err != nil {
		return fmt.Errorf("reuse entries: links: %w", err)
	}
	for lrows.Next() {
		var a string
		var l storyline.LinkEntry
		var passages sql.NullString
		if err := lrows.Scan(&a, &l.Of, &l.Copy, &l.Share, &l.OfShare, &passages); err != nil {
			lrows.Close()
			return fmt.Errorf("reuse entries: links: %w", err)
		}
		if passages.Valid {
			var ps []storyline.Passage
			if err := json.Unmarshal([]byte(passages.String), &ps); err != nil {
				lrows.Close()
				return fmt.Errorf("reuse entries: link %s-%s: passages: %w", a, l.Of, err)
			}
			if len(ps) > 0 {
				l.Start, l.End, l.OfStart, l.OfEnd = ps[0].Start, ps[len(ps)-1].End, ps[0].OfStart, ps[0].OfEnd
				for _, p := range ps[1:] {
					l.OfStart, l.OfEnd = min(l.OfStart, p.OfStart), max(l.OfEnd, p.OfEnd)
				}
			}
		}
		links[a] = append(links[a], l)
	}
	lrows.Close()
	if err := lrows.Err(); err != nil {
		return fmt.Errorf("reuse entries: links: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, CASE WHEN published_inferred = 2 THEN '' ELSE published END, duplicate_of, fingerprints, fingerprints IS NOT NULL FROM articles ORDER BY seq`)
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
		e.Links = links[e.ID]
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reuse entries: %w", err)
	}
	return nil
}

// queryer is what *sql.DB, *sql.Tx, a readPool and a writeTx share.
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
	members, err := s.ids(ctx, `SELECT ?1 UNION SELECT id FROM articles WHERE duplicate_of = ?1`, origin)
	if err != nil {
		return nil, fmt.Errorf("copies of %s: %w", origin, err)
	}
	in := map[string]bool{}
	for _, m := range members {
		in[m] = true
	}
	const group = `(SELECT ?1 UNION SELECT id FROM articles WHERE duplicate_of = ?1)`
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
