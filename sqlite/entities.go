package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// encodeList encodes an article's annotation list as JSON: "[]" for
// none, NULL (nil) for a nil slice, which means the article was not
// annotated.
func encodeList[T any](name string, list []T) (any, error) {
	if list == nil {
		return nil, nil
	}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return string(b), nil
}

// encodeAnnotations encodes an article's entities, timexes and sentence
// dates.
func encodeAnnotations(a *storyline.Article) (entities, timexes, dates any, err error) {
	if entities, err = encodeList("entities", a.Entities); err != nil {
		return
	}
	if timexes, err = encodeList("timexes", a.Timexes); err != nil {
		return
	}
	dates, err = encodeList("sentence dates", a.SentenceDates)
	return
}

// writeEntities records, inside tx, which entities art mentions and how
// often, and the entities its arrival created or changed.
func writeEntities(ctx context.Context, tx *writeTx, art *storyline.Article) error {
	counts := map[string]int{}
	var order []string
	for _, m := range art.Entities {
		if m.Entity == "" {
			continue
		}
		if counts[m.Entity] == 0 {
			order = append(order, m.Entity)
		}
		counts[m.Entity]++
	}
	for _, id := range order {
		if _, err := tx.ExecContext(ctx, `INSERT INTO entity_articles (entity_id, article_id, mentions) VALUES (?, ?, ?)
			ON CONFLICT (entity_id, article_id) DO UPDATE SET mentions = excluded.mentions`,
			id, art.ID, counts[id]); err != nil {
			return fmt.Errorf("entities of %s: %w", art.ID, err)
		}
	}
	for i := range art.EntityChanges {
		if err := putEntity(ctx, tx, &art.EntityChanges[i]); err != nil {
			return fmt.Errorf("entities of %s: %w", art.ID, err)
		}
	}
	return nil
}

// putEntity writes e whole, creating it or replacing what was stored.
func putEntity(ctx context.Context, tx *writeTx, e *storyline.Entity) error {
	if e.ID == "" {
		return fmt.Errorf("entity %q has no id", e.Name)
	}
	aliases, err := json.Marshal(orEmpty(e.Aliases))
	if err != nil {
		return fmt.Errorf("entity %s: %w", e.ID, err)
	}
	var roles, place any
	if len(e.Roles) > 0 {
		b, err := json.Marshal(e.Roles)
		if err != nil {
			return fmt.Errorf("entity %s: %w", e.ID, err)
		}
		roles = string(b)
	}
	if e.Place != nil {
		b, err := json.Marshal(e.Place)
		if err != nil {
			return fmt.Errorf("entity %s: %w", e.ID, err)
		}
		place = string(b)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO entities (id, type, name, aliases, roles, place, mentions)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, aliases = excluded.aliases,
			roles = excluded.roles, place = excluded.place, mentions = excluded.mentions`,
		e.ID, e.Type, e.Name, string(aliases), roles, place, e.Mentions)
	if err != nil {
		return fmt.Errorf("entity %s: %w", e.ID, err)
	}
	return nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// PutAnnotations stores the annotations (entities, timexes, sentence
// dates, entity changes) of articles already stored, and their Published
// and how it was found, in one transaction.
func (s *Store) PutAnnotations(ctx context.Context, a []*storyline.Article) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("put annotations: %w", err)
	}
	defer tx.Rollback()
	for _, art := range a {
		c := *art
		c.Entities, c.Timexes, c.SentenceDates = orEmpty(c.Entities), orEmpty(c.Timexes), orEmpty(c.SentenceDates)
		ents, tims, dates, err := encodeAnnotations(&c)
		if err != nil {
			return fmt.Errorf("put annotations: article %s: %w", art.ID, err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE articles SET entities = ?, timexes = ?, sentence_dates = ?, published = ?, published_inferred = ? WHERE id = ?`,
			ents, tims, dates, art.Published, inferredCode(art), art.ID)
		if err != nil {
			return fmt.Errorf("put annotations: article %s: %w", art.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("put annotations: article %s: %w", art.ID, storyline.ErrNotFound)
		}
		if err := writeEntities(ctx, tx, art); err != nil {
			return fmt.Errorf("put annotations: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put annotations: commit: %w", err)
	}
	return nil
}

// Unannotated returns the IDs of the articles without entity or time
// annotations, in ingest order.
func (s *Store) Unannotated(ctx context.Context) ([]string, error) {
	ids, err := s.ids(ctx, `SELECT id FROM articles WHERE entities IS NULL OR timexes IS NULL ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("unannotated articles: %w", err)
	}
	return ids, nil
}

const entityColumns = `e.id, e.type, e.name, e.aliases, e.roles, e.place, e.mentions`

func scanEntity(sc interface{ Scan(...any) error }) (*storyline.Entity, error) {
	var (
		e            storyline.Entity
		aliases      string
		roles, place sql.NullString
	)
	if err := sc.Scan(&e.ID, &e.Type, &e.Name, &aliases, &roles, &place, &e.Mentions); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(aliases), &e.Aliases); err != nil {
		return nil, fmt.Errorf("entity %s: aliases: %w", e.ID, err)
	}
	if roles.Valid {
		if err := json.Unmarshal([]byte(roles.String), &e.Roles); err != nil {
			return nil, fmt.Errorf("entity %s: roles: %w", e.ID, err)
		}
	}
	if place.Valid {
		e.Place = new(storyline.Place)
		if err := json.Unmarshal([]byte(place.String), e.Place); err != nil {
			return nil, fmt.Errorf("entity %s: place: %w", e.ID, err)
		}
	}
	return &e, nil
}

// EachEntity calls fn for every entity in creation order, streaming them
// from one read transaction.
func (s *Store) EachEntity(ctx context.Context, fn func(*storyline.Entity) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT `+entityColumns+` FROM entities e ORDER BY e.seq`)
	if err != nil {
		return fmt.Errorf("each entity: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return fmt.Errorf("each entity: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("each entity: %w", err)
	}
	return nil
}

// likePattern is a LIKE pattern matching s anywhere, with \ as escape.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// Entities returns the entities the filter selects, most mentioned first
// (then in creation order).
func (s *Store) Entities(ctx context.Context, f storyline.EntityFilter) ([]storyline.Entity, error) {
	var where []string
	var args []any
	if f.Type != "" {
		where = append(where, `e.type = ?`)
		args = append(args, f.Type)
	}
	switch {
	case utf8.RuneCountInString(f.Name) >= 3:
		// The trigram index finds the entities with every trigram of
		// the name in one line of their names, in order; each is
		// checked again below (the index folds case a little
		// differently).
		where = append(where, `e.seq IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?)`)
		args = append(args, `"`+strings.ReplaceAll(f.Name, `"`, `""`)+`"`)
	case f.Name != "":
		// Too short for trigrams: a scan. aliases is JSON: a match
		// inside it may also hit "text" or "count", so it is checked
		// again below.
		where = append(where, `(e.name LIKE ? ESCAPE '\' OR e.aliases LIKE ? ESCAPE '\')`)
		args = append(args, likePattern(f.Name), likePattern(f.Name))
	}
	if f.Article != "" {
		where = append(where, `e.id IN (SELECT entity_id FROM entity_articles WHERE article_id = ?)`)
		args = append(args, f.Article)
	}
	q := `SELECT ` + entityColumns + ` FROM entities e`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY e.mentions DESC, e.seq`
	skip := f.Offset
	if f.Name == "" { // else the page is cut below, after the names are checked
		if f.Limit > 0 {
			q += ` LIMIT ? OFFSET ?`
			args = append(args, f.Limit, f.Offset)
		} else if f.Offset > 0 {
			q += ` LIMIT -1 OFFSET ?`
			args = append(args, f.Offset)
		}
		skip = 0
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer rows.Close()
	out := []storyline.Entity{}
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
		if f.Name != "" && !namedLike(e, f.Name) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		out = append(out, *e)
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return out, nil
}

// namedLike tells whether e's name or an alias contains s, case folded.
func namedLike(e *storyline.Entity, s string) bool {
	s = strings.ToLower(s)
	if strings.Contains(strings.ToLower(e.Name), s) {
		return true
	}
	for _, a := range e.Aliases {
		if strings.Contains(strings.ToLower(a.Text), s) {
			return true
		}
	}
	return false
}

// Entity returns the entity with this ID, or whose ID starts with key
// (at least MinPrefix characters, one match), or else the most mentioned
// entity named key, with its articles in ingest order.
func (s *Store) Entity(ctx context.Context, key string) (*storyline.Entity, error) {
	if key == "" {
		return nil, fmt.Errorf("entity %q: %w", key, storyline.ErrNotFound)
	}
	e, err := s.entityWhere(ctx, `e.id = ?`, key)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return e, s.wrapEntity(ctx, key, e, err)
	}
	if len([]rune(key)) >= MinPrefix {
		match, err := s.idsWithPrefix(ctx, "entities", key)
		if err != nil {
			return nil, fmt.Errorf("entity %q: %w", key, err)
		}
		switch {
		case len(match) == 1:
			e, err := s.entityWhere(ctx, `e.id = ?`, match[0])
			return e, s.wrapEntity(ctx, key, e, err)
		case len(match) > 1:
			return nil, fmt.Errorf("entity %q: id prefix is ambiguous: it starts ids %s; give more of the id", key, listIDs(match))
		}
	}
	e, err = s.entityWhere(ctx, `e.name = ? COLLATE NOCASE ORDER BY e.mentions DESC, e.seq LIMIT 1`, key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("entity %q: %w", key, storyline.ErrNotFound)
	}
	return e, s.wrapEntity(ctx, key, e, err)
}

func (s *Store) entityWhere(ctx context.Context, where string, args ...any) (*storyline.Entity, error) {
	return scanEntity(s.r.QueryRowContext(ctx, `SELECT `+entityColumns+` FROM entities e WHERE `+where, args...))
}

// wrapEntity fills e's articles, or wraps err.
func (s *Store) wrapEntity(ctx context.Context, key string, e *storyline.Entity, err error) error {
	if err != nil {
		return fmt.Errorf("entity %q: %w", key, err)
	}
	e.Articles, err = s.ids(ctx, `SELECT ea.article_id FROM entity_articles ea JOIN articles a ON a.id = ea.article_id
		WHERE ea.entity_id = ? ORDER BY a.seq`, e.ID)
	if err != nil {
		return fmt.Errorf("entity %q: %w", key, err)
	}
	return nil
}
