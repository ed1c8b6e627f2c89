package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrationFiles holds the schema migrations, one SQL file each, named
// NNNN_what.sql. To change the schema, add the next file: it is applied, in
// its own transaction, to every database whose version is lower. Never edit
// a file that has been released.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one step of the schema.
type migration struct {
	version int
	name    string // file name, for messages
	sql     string
}

// loadMigrations returns the embedded migrations in order, checking that
// they are numbered 1, 2, 3… without gaps.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names {
		base := path.Base(name)
		digits, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(digits)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_what.sql with NNNN > 0", base)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: version %d, want %d (versions must run 1, 2, 3… without gaps or repeats)", m.name, m.version, i+1)
		}
	}
	return ms, nil
}

// migrations are the embedded migrations in order. A malformed set is a
// programming error, caught by any test.
var migrations = func() []migration {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		panic("sqlite: " + err.Error())
	}
	return ms
}()

// SchemaVersion returns the newest schema version this package knows: the
// number of its migrations. Open brings older databases up to it and
// refuses newer ones.
func SchemaVersion() int { return len(migrations) }

// queryRower is a *sql.DB, *sql.Conn or *sql.Tx.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// schemaVersion returns the highest migration applied to the database, 0
// for a database without a schema_migrations table.
func schemaVersion(ctx context.Context, q queryRower) (int, error) {
	var n int
	err := q.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// migrate brings the database up to the newest schema, applying each
// missing migration in its own (immediate) transaction. It is safe against
// another process migrating the same file at the same time: the version is
// read again once the write lock is held.
func migrate(ctx context.Context, db *sql.DB) error {
	known := len(migrations)
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > known {
		return fmt.Errorf("database schema version %d is newer than this program knows (%d): upgrade storyline", v, known)
	}
	for _, m := range migrations {
		if m.version <= v {
			continue
		}
		if err := applyMigration(ctx, db, m, known); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration applies m unless another connection has meanwhile.
func applyMigration(ctx context.Context, db *sql.DB, m migration, known int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	v, err := schemaVersion(ctx, tx)
	if err != nil {
		return fmt.Errorf("migration %s: read schema version: %w", m.name, err)
	}
	if v > known {
		return fmt.Errorf("database schema version %d is newer than this program knows (%d): upgrade storyline", v, known)
	}
	if v >= m.version {
		return nil // applied by another connection meanwhile
	}
	if v != m.version-1 {
		return fmt.Errorf("migration %s: database is at version %d", m.name, v)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return nil
}
