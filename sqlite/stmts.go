package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxStmts bounds the statements a prepared keeps: list queries are
// built from their filters, but from a few dozen texts only.
const maxStmts = 256

// conn is what *sql.DB and *sql.Tx share that prepared runs queries on.
type conn interface {
	queryer
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// prepared runs queries on a connection pool or a transaction with each
// query's text prepared once and kept (at most maxStmts; others run
// unprepared). Preparing took a twentieth of the server's CPU and a
// twelfth of ingest's when every call prepared its query anew.
type prepared struct {
	c     conn
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// stmt returns the prepared statement of query, preparing it on first
// use; nil, without error, when maxStmts are kept already.
func (p *prepared) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.stmts[query]; ok {
		return st, nil
	}
	if len(p.stmts) >= maxStmts {
		return nil, nil
	}
	st, err := p.c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if p.stmts == nil {
		p.stmts = map[string]*sql.Stmt{}
	}
	p.stmts[query] = st
	return st, nil
}

// ExecContext runs query as the connection's ExecContext does, prepared.
func (p *prepared) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return p.c.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs query as the connection's QueryContext does, prepared.
func (p *prepared) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return p.c.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs query as the connection's QueryRowContext does,
// prepared.
func (p *prepared) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := p.stmt(ctx, query)
	if err != nil || st == nil {
		return p.c.QueryRowContext(ctx, query, args...) // which reports the error, if any
	}
	return st.QueryRowContext(ctx, args...)
}

// closeStmts closes the kept statements.
func (p *prepared) closeStmts() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for q, st := range p.stmts {
		st.Close()
		delete(p.stmts, q)
	}
}

// readPool is the pool of read connections, its queries prepared once
// (database/sql prepares a statement again on each connection that runs
// it).
type readPool struct {
	db *sql.DB
	prepared
}

func newReadPool(db *sql.DB) *readPool {
	return &readPool{db: db, prepared: prepared{c: db}}
}

// Close closes the kept statements and the pool.
func (p *readPool) Close() error {
	p.closeStmts()
	return p.db.Close()
}

// writeTx is a write transaction whose statements are prepared once each
// and kept until it ends: a batch of articles runs the same few inserts
// for every article.
type writeTx struct {
	tx *sql.Tx
	prepared
}

// begin starts a write transaction.
func (s *Store) begin(ctx context.Context) (*writeTx, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &writeTx{tx: tx, prepared: prepared{c: tx}}, nil
}

// Commit commits the transaction (its statements close with it).
func (tx *writeTx) Commit() error { return tx.tx.Commit() }

// Rollback rolls the transaction back, if it has not ended.
func (tx *writeTx) Rollback() error { return tx.tx.Rollback() }
