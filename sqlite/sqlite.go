// Package sqlite is storyline's embedded Store: one SQLite file, written
// through the pure-Go modernc.org/sqlite driver.
//
// The database runs in WAL mode, so readers never wait for the writer and a
// process killed mid-batch leaves whole batches only. Writes go through a
// single connection (SQLite allows one writer at a time); reads use a pool.
// The schema is versioned: see the migrations folder.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	driver "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/storyline/storyline"
)

// Store is a storyline.Store kept in one SQLite file. Its methods are safe
// for concurrent use, also by several processes on the same file.
type Store struct {
	path string
	w    *sql.DB   // one connection: every write, serialised
	r    *readPool // read-only connections

	closeOnce sync.Once
	closeErr  error
}

var _ storyline.Store = (*Store)(nil)

// busyTimeout is how long a connection waits for another's lock.
const busyTimeout = 10 * time.Second

// pragmas are set on every connection that writes. WAL mode, once set,
// stays with the file, so readers need not set it.
const (
	pragmas = "_pragma=busy_timeout(10000)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)"
	readPragmas = "_pragma=busy_timeout(10000)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=mmap_size(1073741824)" + // reads map up to 1 GB of the file
		"&_pragma=cache_size(-32768)" + // and cache 32 MB of pages each
		"&_query_only=1"
)

// dsn returns the driver's name for the file at path with the given query.
// The path becomes a file: URI, so that '?', '#' and '%' in it stay part
// of the name.
func dsn(path, query string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + esc + "?" + query
}

// Open opens the store in the SQLite file at path, creating the file and
// its schema on first use and migrating an older schema. It fails when the
// file is not a SQLite database or its schema is newer than this package
// knows (see SchemaVersion).
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

func open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("no path given")
	}
	// Writes: one connection, and BEGIN IMMEDIATE so that a transaction
	// takes the write lock at its start (waiting under busy_timeout for
	// another process) rather than failing at its first write.
	w, err := sql.Open("sqlite", dsn(path, pragmas+"&_txlock=immediate"))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// The first connection sets WAL mode, which fails on a file that is
	// not a database; then the schema. Switching a new file to WAL mode
	// does not wait for another process doing the same, so retry.
	if err := retryBusy(ctx, func() error { return w.PingContext(ctx) }); err != nil {
		w.Close()
		return nil, err
	}
	if err := retryBusy(ctx, func() error { return migrate(ctx, w) }); err != nil {
		w.Close()
		return nil, err
	}

	// Reads: a pool of connections that refuse to write.
	r, err := sql.Open("sqlite", dsn(path, readPragmas))
	if err != nil {
		w.Close()
		return nil, err
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxIdleTime(5 * time.Minute)
	if err := retryBusy(ctx, func() error { return r.PingContext(ctx) }); err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	return &Store{path: path, w: w, r: newReadPool(r)}, nil
}

// retryBusy calls f until it does not fail with SQLITE_BUSY or
// SQLITE_LOCKED, for at most busyTimeout.
func retryBusy(ctx context.Context, f func() error) error {
	deadline := time.Now().Add(busyTimeout)
	for {
		err := f()
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY or SQLITE_LOCKED.
func isBusy(err error) bool {
	var e *driver.Error
	if !errors.As(err, &e) {
		return false
	}
	code := e.Code() & 0xff // the primary code of an extended one
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close releases the store's connections. The last connection to close
// checkpoints the write-ahead log into the database file. Close may be
// called more than once.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.closeErr = errors.Join(s.r.Close(), s.w.Close())
		if s.closeErr != nil {
			s.closeErr = fmt.Errorf("close store %s: %w", s.path, s.closeErr)
		}
	})
	return s.closeErr
}

// timeLayout stores times in UTC with fixed-width fractions, so that they
// sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// The published_inferred column says how Published was found: 0 given; 1
// inferred (as versions before DatedBy stored every inferred date); 2 from
// the article's event; 3 from a source. datedBy maps it back to
// Article.DatedBy.
var datedBy = map[int]string{2: storyline.DatedByEvent, 3: storyline.DatedBySource}

// inferredCode is a's published_inferred.
func inferredCode(a *storyline.Article) int {
	switch {
	case a.DatedBy == storyline.DatedByEvent:
		return 2
	case a.DatedBy == storyline.DatedBySource:
		return 3
	case a.PublishedInferred:
		return 1
	}
	return 0
}

// articleRow is an Article as bound to the articles table.
type articleRow struct {
	a                *storyline.Article
	credits, removed any // JSON text, or nil for none
	inferred         int // published_inferred
	ingestedAt       string
	fingerprints     any // encoded Fingerprints; nil when the reuse stage has not run
	entities         any // JSON mentions; nil when the article has not been annotated
	timexes, dates   any // JSON timexes and sentence dates; nil likewise
	evidence         any // JSON evidence; nil before the assign stage
}

// PutArticles stores the articles in one transaction: all of them or, on
// error, none. An article whose ID is already stored (or earlier in the
// same batch) is not stored again; its Ref is recorded as another ref of
// the stored one. created[i] tells whether a[i] was new. An article without
// IngestedAt gets the time of the call; the articles given are not changed.
func (s *Store) PutArticles(ctx context.Context, a []*storyline.Article) (created []bool, err error) {
	if len(a) == 0 {
		return []bool{}, nil
	}
	// Validate and encode outside the transaction, to keep it short.
	now := time.Now().UTC().Format(timeLayout)
	rows := make([]articleRow, len(a))
	for i, art := range a {
		if art == nil {
			return nil, fmt.Errorf("put articles: article %d of %d is nil", i+1, len(a))
		}
		if art.ID == "" {
			return nil, fmt.Errorf("put articles: article %d of %d (ref %q) has no id", i+1, len(a), art.Ref)
		}
		row := articleRow{a: art, ingestedAt: now}
		if len(art.Credits) > 0 {
			b, err := json.Marshal(art.Credits)
			if err != nil {
				return nil, fmt.Errorf("put articles: article %s: %w", art.ID, err)
			}
			row.credits = string(b)
		}
		if len(art.Removed) > 0 {
			b, err := json.Marshal(art.Removed)
			if err != nil {
				return nil, fmt.Errorf("put articles: article %s: %w", art.ID, err)
			}
			row.removed = string(b)
		}
		row.inferred = inferredCode(art)
		if !art.IngestedAt.IsZero() {
			row.ingestedAt = art.IngestedAt.UTC().Format(timeLayout)
		}
		row.fingerprints = encodeFingerprints(art.Fingerprints)
		if row.entities, row.timexes, row.dates, err = encodeAnnotations(art); err != nil {
			return nil, fmt.Errorf("put articles: article %s: %w", art.ID, err)
		}
		if row.evidence, err = encodeEvidence(art.Evidence); err != nil {
			return nil, fmt.Errorf("put articles: article %s: %w", art.ID, err)
		}
		rows[i] = row
	}

	tx, err := s.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("put articles: %w", err)
	}
	defer tx.Rollback()
	created = make([]bool, len(a))
	for i := 0; i < len(rows); i += rowsPerInsert {
		j := min(i+rowsPerInsert, len(rows))
		if err := insertArticles(ctx, tx, rows[i:j], created[i:j]); err != nil {
			return nil, fmt.Errorf("put articles: %w", err)
		}
	}
	for i := 0; i < len(rows); i += rowsPerInsert {
		if err := insertRefs(ctx, tx, rows[i:min(i+rowsPerInsert, len(rows))]); err != nil {
			return nil, fmt.Errorf("put articles: %w", err)
		}
	}
	for i, art := range a {
		if created[i] {
			if err := writeReuse(ctx, tx, art); err != nil {
				return nil, fmt.Errorf("put articles: %w", err)
			}
			if err := writeEntities(ctx, tx, art); err != nil {
				return nil, fmt.Errorf("put articles: %w", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put articles: commit: %w", err)
	}
	return created, nil
}

// rowsPerInsert is how many rows one INSERT statement writes, at most
// 23 × 500 = 11,500 parameters (SQLite allows 32,766).
//
// Articles are inserted many rows to a statement, not one by one, for
// speed: FTS5 writes its pending index data to disk as a new segment at
// the start of every statement that changes it inside a transaction (its
// xSavepoint), so inserting one row per statement creates a segment per
// article and spends most of its time merging them.
const rowsPerInsert = 500

// insertArticles inserts rows with one statement, leaving out the IDs
// already stored, and sets created[i] for the rows it inserted.
func insertArticles(ctx context.Context, tx *writeTx, rows []articleRow, created []bool) error {
	var q strings.Builder
	q.WriteString(`INSERT INTO articles (id, ref, source, url, title, byline, credits, dateline,
		published, published_inferred, lang, text, format, removed, ingested_at,
		duplicate_of, fingerprints, entities, timexes, sentence_dates, event, story, evidence) VALUES `)
	args := make([]any, 0, 23*len(rows))
	for i, row := range rows {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
		art := row.a
		args = append(args, art.ID, art.Ref, art.Source, art.URL, art.Title, art.Byline,
			row.credits, art.Dateline, art.Published, row.inferred, art.Lang, art.Text,
			string(art.Format), row.removed, row.ingestedAt, art.DuplicateOf, row.fingerprints, row.entities,
			row.timexes, row.dates, art.Event, art.Story, row.evidence)
	}
	q.WriteString(` ON CONFLICT (id) DO NOTHING RETURNING id`)
	res, err := tx.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return err
	}
	defer res.Close()
	inserted := map[string]bool{}
	for res.Next() {
		var id string
		if err := res.Scan(&id); err != nil {
			return err
		}
		inserted[id] = true
	}
	if err := res.Err(); err != nil {
		return err
	}
	// An ID twice in rows was inserted for its first row.
	for i, row := range rows {
		if inserted[row.a.ID] {
			created[i] = true
			delete(inserted, row.a.ID)
		}
	}
	return nil
}

// insertRefs records the refs of rows (but empty ones) with one
// statement; refs already recorded are left as they are.
func insertRefs(ctx context.Context, tx *writeTx, rows []articleRow) error {
	var q strings.Builder
	q.WriteString(`INSERT INTO article_refs (article_id, ref) VALUES `)
	args := make([]any, 0, 2*len(rows))
	for _, row := range rows {
		if row.a.Ref == "" {
			continue
		}
		if len(args) > 0 {
			q.WriteByte(',')
		}
		q.WriteString("(?,?)")
		args = append(args, row.a.ID, row.a.Ref)
	}
	if len(args) == 0 {
		return nil
	}
	q.WriteString(` ON CONFLICT (article_id, ref) DO NOTHING`)
	_, err := tx.ExecContext(ctx, q.String(), args...)
	return err
}

// articleColumns are the columns scanArticle reads, in its order.
const articleColumns = `a.id, a.ref, a.source, a.url, a.title, a.byline, a.credits, a.dateline,
	a.published, a.published_inferred, a.lang, a.text, a.format, a.removed, a.ingested_at, a.duplicate_of,
	a.entities, a.timexes, a.sentence_dates, a.event, a.story`

// scanArticle reads the articleColumns (and then extra) of one row.
func scanArticle(sc interface{ Scan(...any) error }, extra ...any) (*storyline.Article, error) {
	var (
		a                 storyline.Article
		credits, removed  sql.NullString
		entities, timexes sql.NullString
		dates             sql.NullString
		format, ingested  string
		publishedInferred int
	)
	dest := append([]any{&a.ID, &a.Ref, &a.Source, &a.URL, &a.Title, &a.Byline, &credits, &a.Dateline,
		&a.Published, &publishedInferred, &a.Lang, &a.Text, &format, &removed, &ingested, &a.DuplicateOf, &entities, &timexes, &dates, &a.Event, &a.Story}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	a.Format = storyline.Format(format)
	a.PublishedInferred, a.DatedBy = publishedInferred != 0, datedBy[publishedInferred]
	if credits.Valid && credits.String != "" {
		if err := json.Unmarshal([]byte(credits.String), &a.Credits); err != nil {
			return nil, fmt.Errorf("article %s: credits: %w", a.ID, err)
		}
	}
	if removed.Valid && removed.String != "" {
		if err := json.Unmarshal([]byte(removed.String), &a.Removed); err != nil {
			return nil, fmt.Errorf("article %s: removed: %w", a.ID, err)
		}
	}
	for _, c := range []struct {
		name string
		col  sql.NullString
		dst  any
	}{{"entities", entities, &a.Entities}, {"timexes", timexes, &a.Timexes}, {"sentence_dates", dates, &a.SentenceDates}} {
		if c.col.Valid {
			if err := json.Unmarshal([]byte(c.col.String), c.dst); err != nil {
				return nil, fmt.Errorf("article %s: %s: %w", a.ID, c.name, err)
			}
		}
	}
	if ingested != "" {
		t, err := time.Parse(time.RFC3339Nano, ingested)
		if err != nil {
			return nil, fmt.Errorf("article %s: ingested_at: %w", a.ID, err)
		}
		a.IngestedAt = t
	}
	return &a, nil
}

// MinPrefix is the shortest id prefix Article accepts as a key.
const MinPrefix = 4

// maxCandidates bounds the ids an ambiguity error lists.
const maxCandidates = 5

// Article returns the article with this ID; else the article ingested
// under this ref; else the article whose ID starts with key, when key has
// at least MinPrefix characters and only one ID starts with it. A key that
// names no article gives an error that wraps storyline.ErrNotFound; a ref
// or prefix that names several gives an error saying it is ambiguous.
func (s *Store) Article(ctx context.Context, key string) (*storyline.Article, error) {
	if key == "" {
		return nil, fmt.Errorf("article %q: %w", key, storyline.ErrNotFound)
	}
	a, err := s.articleByID(ctx, key)
	if err == nil || !errors.Is(err, storyline.ErrNotFound) {
		return a, err
	}

	// By ref: the articles ingested under it.
	ids, err := s.ids(ctx, `SELECT article_id FROM article_refs WHERE ref = ? ORDER BY rowid LIMIT ?`,
		key, maxCandidates+1)
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", key, err)
	}
	switch {
	case len(ids) == 1:
		return s.articleByID(ctx, ids[0])
	case len(ids) > 1:
		return nil, fmt.Errorf("article %q: ref is ambiguous: articles %s were ingested under it", key, listIDs(ids))
	}

	if len([]rune(key)) >= MinPrefix {
		match, err := s.idsWithPrefix(ctx, "articles", key)
		if err != nil {
			return nil, fmt.Errorf("article %q: %w", key, err)
		}
		switch {
		case len(match) == 1:
			return s.articleByID(ctx, match[0])
		case len(match) > 1:
			return nil, fmt.Errorf("article %q: id prefix is ambiguous: it starts ids %s; give more of the id", key, listIDs(match))
		}
	}
	return nil, fmt.Errorf("article %q: %w", key, storyline.ErrNotFound)
}

// idsWithPrefix returns up to maxCandidates+1 ids of table that start
// with key. The ids starting with key are the first ones not less than
// key, in order; reading them this way uses the index and needs no
// escaping of LIKE or GLOB patterns.
func (s *Store) idsWithPrefix(ctx context.Context, table, key string) ([]string, error) {
	cands, err := s.ids(ctx, `SELECT id FROM `+table+` WHERE id >= ? ORDER BY id LIMIT ?`, key, maxCandidates+1)
	if err != nil {
		return nil, err
	}
	var match []string
	for _, id := range cands {
		if !strings.HasPrefix(id, key) {
			break
		}
		match = append(match, id)
	}
	return match, nil
}

// listIDs formats candidate ids for an ambiguity error; more than
// maxCandidates means there are more.
func listIDs(ids []string) string {
	if len(ids) > maxCandidates {
		return strings.Join(ids[:maxCandidates], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}

// articleByID reads one article by exact id.
func (s *Store) articleByID(ctx context.Context, id string) (*storyline.Article, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles a WHERE a.id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %q: %w", id, storyline.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	links, err := s.groupReuse(ctx, a.Origin())
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	if a.Evidence, err = s.evidence(ctx, id); err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	a.Reuse = storyline.CollapseReuse(a.Origin(), links, func(other string) string {
		return s.origin(ctx, other)
	})
	return a, nil
}

// ids runs a query whose rows are one text column.
func (s *Store) ids(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Refs returns every ref under which the article with this exact ID was
// ingested, first first. An unknown ID gives an error wrapping
// storyline.ErrNotFound.
func (s *Store) Refs(ctx context.Context, id string) ([]string, error) {
	// One query, so that the article and its refs are read from the same
	// snapshot.
	rows, err := s.r.QueryContext(ctx, `SELECT r.ref FROM articles a
		LEFT JOIN article_refs r ON r.article_id = a.id
		WHERE a.id = ? ORDER BY r.rowid`, id)
	if err != nil {
		return nil, fmt.Errorf("refs of %q: %w", id, err)
	}
	defer rows.Close()
	found := false
	refs := []string{}
	for rows.Next() {
		found = true
		var ref sql.NullString
		if err := rows.Scan(&ref); err != nil {
			return nil, fmt.Errorf("refs of %q: %w", id, err)
		}
		if ref.Valid {
			refs = append(refs, ref.String)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("refs of %q: %w", id, err)
	}
	if !found {
		return nil, fmt.Errorf("refs of %q: %w", id, storyline.ErrNotFound)
	}
	return refs, nil
}

// EachArticle calls fn for every article in ingest order, streaming them
// from one read transaction (so it sees the articles stored when it began),
// until fn returns an error, which it returns as is. fn may call the
// store's other methods.
func (s *Store) EachArticle(ctx context.Context, fn func(*storyline.Article) error) error {
	tx, err := s.r.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("each article: %w", err)
	}
	defer tx.Rollback()
	links, origins, err := allReuse(ctx, tx)
	if err != nil {
		return fmt.Errorf("each article: %w", err)
	}
	origin := func(id string) string {
		if o, ok := origins[id]; ok {
			return o
		}
		return id
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles a ORDER BY a.seq`)
	if err != nil {
		return fmt.Errorf("each article: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return fmt.Errorf("each article: %w", err)
		}
		a.Reuse = storyline.CollapseReuse(a.Origin(), links[a.Origin()], origin)
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("each article: %w", err)
	}
	return nil
}

// Counts returns how many articles are stored and how many (article, ref)
// pairs they were ingested under.
func (s *Store) Counts(ctx context.Context) (storyline.ArticleCounts, error) {
	var c storyline.ArticleCounts
	err := s.r.QueryRowContext(ctx,
		`SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_refs)`).
		Scan(&c.Articles, &c.Refs)
	if err != nil {
		return storyline.ArticleCounts{}, fmt.Errorf("count articles: %w", err)
	}
	return c, nil
}
