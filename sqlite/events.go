package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// encodeEvidence encodes an article's evidence as JSON, nil for none.
func encodeEvidence(e *storyline.Evidence) (any, error) {
	if e == nil {
		return nil, nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	return string(b), nil
}

// evidence reads the evidence of the article with this ID; nil when it
// has none.
func (s *Store) evidence(ctx context.Context, id string) (*storyline.Evidence, error) {
	var col sql.NullString
	if err := s.r.QueryRowContext(ctx, `SELECT evidence FROM articles WHERE id = ?`, id).Scan(&col); err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	if !col.Valid {
		return nil, nil
	}
	var e storyline.Evidence
	if err := json.Unmarshal([]byte(col.String), &e); err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	return &e, nil
}

// where builds the WHERE clause of a list query from conditions that
// are added only when their argument is not empty.
type where struct {
	conds []string
	args  []any
}

// add adds cond with its argument when arg is not "".
func (w *where) add(cond, arg string) {
	if arg != "" {
		w.conds = append(w.conds, cond)
		w.args = append(w.args, arg)
	}
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// page adds the LIMIT/OFFSET clause of a list query to it, the numbers
// as arguments (so that the query's text is one of a few).
func (w *where) page(query string, limit, offset int) string {
	if limit <= 0 && offset <= 0 {
		return query
	}
	if limit <= 0 {
		limit = -1
	}
	w.args = append(w.args, limit, max(offset, 0))
	return query + " LIMIT ? OFFSET ?"
}

// briefColumns are articleColumns without annotations.
var briefColumns = strings.NewReplacer("a.entities,", "NULL,", "a.timexes,", "NULL,",
	"a.sentence_dates,", "NULL,").Replace(articleColumns)

// Articles returns the articles the filter selects, in ingest order,
// without Removed, Reuse and Evidence (and with f.Brief, without
// annotations).
func (s *Store) Articles(ctx context.Context, f storyline.ArticleFilter) ([]*storyline.Article, error) {
	var w where
	if len(f.IDs) > 0 {
		ids, err := json.Marshal(f.IDs)
		if err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		w.add(`a.id IN (SELECT value FROM json_each(?))`, string(ids))
	}
	w.add(`a.event = ?`, f.Event)
	w.add(`a.story = ?`, f.Story)
	w.add(`a.source = ?`, f.Source)
	w.add(`a.id IN (SELECT article_id FROM entity_articles WHERE entity_id = ?)`, f.Entity)
	w.add(`a.published != '' AND substr(a.published, 1, 10) >= ?`, f.From)
	w.add(`a.published != '' AND substr(a.published, 1, 10) <= ?`, f.To)
	cols := articleColumns
	if f.Brief {
		cols = briefColumns
	}
	var q string
	if len(w.conds) == 0 && f.Offset > 0 {
		// A page of the whole list starts at the article Offset steps
		// into the index of ingest order.
		q = `SELECT ` + cols + ` FROM articles a
			WHERE a.seq >= (SELECT seq FROM articles INDEXED BY articles_seq ORDER BY seq LIMIT 1 OFFSET ?)
			ORDER BY a.seq`
		w.args = append(w.args, f.Offset)
		q = w.page(q, f.Limit, 0)
	} else {
		q = w.page(`SELECT `+cols+` FROM articles a`+w.String()+` ORDER BY a.seq`, f.Limit, f.Offset)
	}
	rows, err := s.r.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	defer rows.Close()
	var out []*storyline.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		a.Removed = nil
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	return out, nil
}

// PutEvents applies u in one transaction: memberships, then the events
// and stories written whole, then the gone IDs deleted, then the changes
// recorded.
func (s *Store) PutEvents(ctx context.Context, u storyline.EventUpdate) error {
	// Encode outside the transaction, to keep it short.
	type row struct {
		id, story, first, last string
		body, brief            string // whole, and as lists show it
	}
	members := make([][4]any, len(u.Memberships))
	for i, m := range u.Memberships {
		ev, err := encodeEvidence(&m.Evidence)
		if err != nil {
			return fmt.Errorf("put events: article %s: %w", m.Article, err)
		}
		members[i] = [4]any{m.Event, m.Story, ev, m.Article}
	}
	events := make([]row, len(u.Events))
	for i, e := range u.Events {
		if e.ID == "" {
			return fmt.Errorf("put events: event %d of %d has no id", i+1, len(u.Events))
		}
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("put events: event %s: %w", e.ID, err)
		}
		e.Summary, e.Claims, e.Quotes = nil, nil, nil
		brief, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("put events: event %s: %w", e.ID, err)
		}
		events[i] = row{e.ID, e.Story, e.Start, e.End, string(b), string(brief)}
	}
	stories := make([]row, len(u.Stories))
	for i, st := range u.Stories {
		if st.ID == "" {
			return fmt.Errorf("put events: story %d of %d has no id", i+1, len(u.Stories))
		}
		b, err := json.Marshal(st)
		if err != nil {
			return fmt.Errorf("put events: story %s: %w", st.ID, err)
		}
		st.Summary, st.Claims = nil, nil
		brief, err := json.Marshal(st)
		if err != nil {
			return fmt.Errorf("put events: story %s: %w", st.ID, err)
		}
		stories[i] = row{st.ID, "", st.Start, st.End, string(b), string(brief)}
	}

	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("put events: %w", err)
	}
	defer tx.Rollback()
	for _, m := range members {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET event = ?, story = ?, evidence = ? WHERE id = ?`, m[:]...)
		if err != nil {
			return fmt.Errorf("put events: article %s: %w", m[3], err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("put events: article %s: %w", m[3], storyline.ErrNotFound)
		}
	}
	for i, e := range events {
		var seq int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO events (id, story, first_day, last_day, body, brief) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET story = excluded.story, first_day = excluded.first_day,
				last_day = excluded.last_day, body = excluded.body, brief = excluded.brief
			RETURNING seq`,
			e.id, e.story, e.first, e.last, e.body, e.brief).Scan(&seq); err != nil {
			return fmt.Errorf("put events: event %s: %w", e.id, err)
		}
		if err := indexEvent(ctx, tx, seq, &u.Events[i]); err != nil {
			return fmt.Errorf("put events: event %s: %w", e.id, err)
		}
	}
	for _, st := range stories {
		if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, first_day, last_day, body, brief) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day,
				body = excluded.body, brief = excluded.brief`,
			st.id, st.first, st.last, st.body, st.brief); err != nil {
			return fmt.Errorf("put events: story %s: %w", st.id, err)
		}
	}
	for _, id := range u.Gone {
		if _, err := tx.ExecContext(ctx, `DELETE FROM events_fts WHERE rowid = (SELECT seq FROM events WHERE id = ?)`, id); err != nil {
			return fmt.Errorf("put events: delete %s: %w", id, err)
		}
		for _, table := range []string{"events", "stories"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
				return fmt.Errorf("put events: delete %s: %w", id, err)
			}
		}
	}
	now := time.Now().UTC()
	for _, c := range u.Changes {
		at := c.At
		if at.IsZero() {
			at = now
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO id_changes (kind, old, new, reason, at) VALUES (?, ?, ?, ?, ?)`,
			c.Kind, c.Old, c.New, c.Reason, at.UTC().Format(timeLayout)); err != nil {
			return fmt.Errorf("put events: change %s %s → %s: %w", c.Kind, c.Old, c.New, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put events: commit: %w", err)
	}
	return nil
}

// latestFirst orders events and stories: dated ones by last then first
// day, newest first; undated ones after them, newest created first.
const latestFirst = ` ORDER BY last_day = '', last_day DESC, first_day DESC, seq DESC`

// overlap adds the From/To conditions of a list: rows whose days overlap
// [from, to].
func (w *where) overlap(from, to string) {
	w.add(`last_day != '' AND last_day >= ?`, from)
	w.add(`first_day != '' AND first_day <= ?`, to)
}

// Events returns the events the filter selects, latest first, without
// Summary, Claims and Quotes.
func (s *Store) Events(ctx context.Context, f storyline.EventFilter) ([]storyline.Event, error) {
	var w where
	w.add(`story = ?`, f.Story)
	w.add(`id IN (SELECT event FROM entity_events WHERE entity_id = ?)`, f.Entity)
	w.add(`id IN (SELECT event FROM articles WHERE source = ?)`, f.Source)
	w.overlap(f.From, f.To)
	var out []storyline.Event
	q := w.page(`SELECT brief FROM events`+w.String()+latestFirst, f.Limit, f.Offset)
	err := s.bodies(ctx, q, w.args, func(b []byte) error {
		var e storyline.Event
		if err := json.Unmarshal(b, &e); err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return out, nil
}

// Stories returns the stories the filter selects, latest first, without
// Summary and Claims.
func (s *Store) Stories(ctx context.Context, f storyline.StoryFilter) ([]storyline.Story, error) {
	var w where
	w.add(`id IN (SELECT a.story FROM entity_articles ea JOIN articles a ON a.id = ea.article_id WHERE ea.entity_id = ?)`, f.Entity)
	w.add(`id IN (SELECT story FROM articles WHERE source = ?)`, f.Source)
	w.overlap(f.From, f.To)
	var out []storyline.Story
	q := w.page(`SELECT brief FROM stories`+w.String()+latestFirst, f.Limit, f.Offset)
	err := s.bodies(ctx, q, w.args, func(b []byte) error {
		var st storyline.Story
		if err := json.Unmarshal(b, &st); err != nil {
			return err
		}
		out = append(out, st)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	return out, nil
}

// bodies runs a query whose rows are one JSON column and calls fn with each.
func (s *Store) bodies(ctx context.Context, query string, args []any, fn func([]byte) error) error {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Event returns the event with this ID, a unique ID prefix, or the event
// that key was merged into.
func (s *Store) Event(ctx context.Context, key string) (*storyline.Event, error) {
	var e storyline.Event
	if err := s.lookup(ctx, "events", "event", key, &e); err != nil {
		return nil, err
	}
	return &e, nil
}

// Story returns the story with this ID, a unique ID prefix, or the story
// that key was merged into.
func (s *Store) Story(ctx context.Context, key string) (*storyline.Story, error) {
	var st storyline.Story
	if err := s.lookup(ctx, "stories", "story", key, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

// maxRedirects bounds the merges followed from an old ID.
const maxRedirects = 16

// lookup decodes into dst the body of the row of table (events or
// stories) whose id is key, else the row key was merged into (following
// merges), else the row whose id starts with key when that prefix is
// unique and at least MinPrefix long.
func (s *Store) lookup(ctx context.Context, table, what, key string, dst any) error {
	id := key
	for range maxRedirects {
		var b []byte
		err := s.r.QueryRowContext(ctx, `SELECT body FROM `+table+` WHERE id = ?`, id).Scan(&b)
		if err == nil {
			if err := json.Unmarshal(b, dst); err != nil {
				return fmt.Errorf("%s %q: %w", what, key, err)
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s %q: %w", what, key, err)
		}
		var next string
		err = s.r.QueryRowContext(ctx, `SELECT new FROM id_changes WHERE old = ? AND kind = ? ORDER BY seq DESC LIMIT 1`,
			id, storyline.ChangeMerge).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s %q: %w", what, key, err)
		}
		id = next
	}
	if id == key && len([]rune(key)) >= MinPrefix {
		match, err := s.idsWithPrefix(ctx, table, key)
		if err != nil {
			return fmt.Errorf("%s %q: %w", what, key, err)
		}
		switch {
		case len(match) == 1:
			return s.lookup(ctx, table, what, match[0], dst)
		case len(match) > 1:
			return fmt.Errorf("%s %q: id prefix is ambiguous: it starts ids %s; give more of the id", what, key, listIDs(match))
		}
	}
	return fmt.Errorf("%s %q: %w", what, key, storyline.ErrNotFound)
}

// Memberships returns the membership of each article of the event with
// this ID, in ingest order.
func (s *Store) Memberships(ctx context.Context, event string) ([]storyline.Membership, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, event, story, evidence FROM articles WHERE event = ? ORDER BY seq`, event)
	if err != nil {
		return nil, fmt.Errorf("memberships of %s: %w", event, err)
	}
	defer rows.Close()
	var out []storyline.Membership
	for rows.Next() {
		var m storyline.Membership
		var ev sql.NullString
		if err := rows.Scan(&m.Article, &m.Event, &m.Story, &ev); err != nil {
			return nil, fmt.Errorf("memberships of %s: %w", event, err)
		}
		if ev.Valid {
			if err := json.Unmarshal([]byte(ev.String), &m.Evidence); err != nil {
				return nil, fmt.Errorf("memberships of %s: article %s: %w", event, m.Article, err)
			}
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("memberships of %s: %w", event, err)
	}
	return out, nil
}

// IDChanges returns the recorded changes that name id, oldest first.
func (s *Store) IDChanges(ctx context.Context, id string) ([]storyline.IDChange, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT kind, old, new, reason, at FROM id_changes WHERE old = ? OR new = ? ORDER BY seq`, id, id)
	if err != nil {
		return nil, fmt.Errorf("changes of %s: %w", id, err)
	}
	defer rows.Close()
	var out []storyline.IDChange
	for rows.Next() {
		var c storyline.IDChange
		var at string
		if err := rows.Scan(&c.Kind, &c.Old, &c.New, &c.Reason, &at); err != nil {
			return nil, fmt.Errorf("changes of %s: %w", id, err)
		}
		if c.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("changes of %s: %w", id, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("changes of %s: %w", id, err)
	}
	return out, nil
}

// State returns the blob saved under name and the article count saved
// with it; nil, 0 when there is none.
func (s *Store) State(ctx context.Context, name string) ([]byte, int, error) {
	var data []byte
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT data, articles FROM state WHERE name = ?`, name).Scan(&data, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("state %s: %w", name, err)
	}
	return data, n, nil
}

// PutState saves data under name with the article count it covers.
func (s *Store) PutState(ctx context.Context, name string, data []byte, articles int) error {
	if data == nil {
		data = []byte{}
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO state (name, articles, data, saved) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET articles = excluded.articles, data = excluded.data, saved = excluded.saved`,
		name, articles, data, time.Now().UTC().Format(timeLayout))
	if err != nil {
		return fmt.Errorf("save state %s: %w", name, err)
	}
	return nil
}

// indexEvent writes the full-text entry of the event at row seq: its
// title, and its places, participants and summary.
func indexEvent(ctx context.Context, tx *writeTx, seq int64, e *storyline.Event) error {
	var text strings.Builder
	for _, list := range [][]storyline.EntityRef{e.Places, e.Participants} {
		for _, r := range list {
			text.WriteString(r.Name)
			text.WriteString(". ")
		}
	}
	for _, s := range e.Summary {
		text.WriteString(s.Text)
		text.WriteByte(' ')
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM events_fts WHERE rowid = ?`, seq); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, title, text) VALUES (?, ?, ?)`, seq, e.Title, text.String())
	return err
}

// searchEventsSQL ranks events as searchSQL ranks articles.
const searchEventsSQL = `WITH top AS (
		SELECT rowid AS seq, bm25(events_fts, 2.0, 1.0) AS score
		FROM events_fts
		WHERE events_fts MATCH ?1
		ORDER BY score, rowid
		LIMIT ?2
	)
	SELECT e.brief, snippet(events_fts, -1, '[', ']', '…', 12), top.score
	FROM top
	JOIN events e ON e.seq = top.seq
	JOIN events_fts ON events_fts.rowid = top.seq
	WHERE events_fts MATCH ?1
	ORDER BY top.score, top.seq`

// SearchEvents runs a full-text query over events, as Search does over
// articles, and returns at most limit hits (all when limit <= 0), best
// first, each event without Summary, Claims and Quotes.
func (s *Store) SearchEvents(ctx context.Context, query string, limit int) ([]storyline.EventHit, error) {
	if limit <= 0 {
		limit = -1
	}
	q := strings.TrimSpace(query)
	if q == "" {
		return []storyline.EventHit{}, nil
	}
	hits, err := s.searchEvents(ctx, q, limit)
	if err == nil {
		return hits, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("search events %q: %w", query, ctx.Err())
	}
	plain := quoteTerms(q)
	if plain == "" {
		return []storyline.EventHit{}, nil
	}
	hits, err = s.searchEvents(ctx, plain, limit)
	if err != nil {
		return nil, fmt.Errorf("search events %q: %w", query, err)
	}
	return hits, nil
}

func (s *Store) searchEvents(ctx context.Context, match string, limit int) ([]storyline.EventHit, error) {
	rows, err := s.r.QueryContext(ctx, searchEventsSQL, match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hits := []storyline.EventHit{}
	for rows.Next() {
		var body []byte
		h := storyline.EventHit{Event: &storyline.Event{}}
		if err := rows.Scan(&body, &h.Snippet, &h.Rank); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(body, h.Event); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}
