package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxStmts bounds the statements a readPool keeps: list queries are
// built from their filters, but from a few dozen texts only.
const maxStmts = 256

// readPool is the pool of read connections, with each query's text
// prepared once and kept (database/sql prepares it again on each
// connection that runs it). Preparing took a twentieth of the server's
// CPU when every call prepared its query anew.
type readPool struct {
	*sql.DB

	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func newReadPool(db *sql.DB) *readPool {
	return &readPool{DB: db, stmts: map[string]*sql.Stmt{}}
}

// stmt returns the prepared statement of query, preparing it on first
// use; nil, without error, when the pool keeps maxStmts already.
func (p *readPool) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.stmts[query]; ok {
		return st, nil
	}
	if len(p.stmts) >= maxStmts {
		return nil, nil
	}
	st, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.stmts[query] = st
	return st, nil
}

// QueryContext runs query as (*sql.DB).QueryContext does, prepared.
func (p *readPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return p.DB.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs query as (*sql.DB).QueryRowContext does, prepared.
func (p *readPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := p.stmt(ctx, query)
	if err != nil || st == nil {
		return p.DB.QueryRowContext(ctx, query, args...) // which reports the error, if any
	}
	return st.QueryRowContext(ctx, args...)
}

// Close closes the kept statements and the pool.
func (p *readPool) Close() error {
	p.mu.Lock()
	for q, st := range p.stmts {
		st.Close()
		delete(p.stmts, q)
	}
	p.mu.Unlock()
	return p.DB.Close()
}

// writeTx is a write transaction whose statements are prepared once each
// and kept until it ends: a batch of articles runs the same few inserts
// for every article, and preparing each took a twelfth of ingest's CPU.
type writeTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

// begin starts a write transaction.
func (s *Store) begin(ctx context.Context) (*writeTx, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &writeTx{Tx: tx, stmts: map[string]*sql.Stmt{}}, nil
}

// stmt returns the prepared statement of query; nil, without error, when
// the transaction keeps maxStmts already.
func (tx *writeTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[query]; ok {
		return st, nil
	}
	if len(tx.stmts) >= maxStmts {
		return nil, nil
	}
	st, err := tx.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	tx.stmts[query] = st
	return st, nil
}

// ExecContext runs query as (*sql.Tx).ExecContext does, prepared.
func (tx *writeTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return tx.Tx.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs query as (*sql.Tx).QueryContext does, prepared.
func (tx *writeTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return tx.Tx.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs query as (*sql.Tx).QueryRowContext does, prepared.
func (tx *writeTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := tx.stmt(ctx, query)
	if err != nil || st == nil {
		return tx.Tx.QueryRowContext(ctx, query, args...) // which reports the error, if any
	}
	return st.QueryRowContext(ctx, args...)
}
