package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// openStore opens a store in a new file, closed when the test ends.
func openStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestReadPoolStatements checks that the read pool prepares each query
// once, keeps at most maxStmts, and answers queries beyond them as well.
func TestReadPoolStatements(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	for i := range maxStmts + 10 {
		for range 2 {
			var got int
			if err := s.r.QueryRowContext(ctx, fmt.Sprintf("SELECT %d + ?", i), 1).Scan(&got); err != nil || got != i+1 {
				t.Fatalf("query %d = %d, %v; want %d", i, got, err, i+1)
			}
			rows, err := s.r.QueryContext(ctx, fmt.Sprintf("SELECT %d + ?", i), 2)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				if err := rows.Scan(&got); err != nil || got != i+2 {
					t.Fatalf("query %d = %d, %v; want %d", i, got, err, i+2)
				}
			}
			rows.Close()
		}
		if want := min(i+1, maxStmts); len(s.r.stmts) != want {
			t.Fatalf("after %d queries, %d statements kept; want %d", i+1, len(s.r.stmts), want)
		}
	}
	if err := s.r.QueryRowContext(ctx, "SELECT nonsense FROM nowhere").Scan(new(int)); err == nil {
		t.Errorf("a bad query gave no error")
	}
}

// TestWriteTxStatements checks that a write transaction prepares each
// query once, keeps at most maxStmts, runs queries beyond them as well,
// and that what it wrote is committed.
func TestWriteTxStatements(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	tx, err := s.begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "CREATE TABLE t (n INTEGER)"); err != nil {
		t.Fatal(err)
	}
	for i := range maxStmts + 10 {
		for range 2 {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO t (n) VALUES (%d + ?)", i), 1); err != nil {
				t.Fatal(err)
			}
		}
		if want := min(i+2, maxStmts); len(tx.stmts) != want {
			t.Fatalf("after %d texts, %d statements kept; want %d", i+2, len(tx.stmts), want)
		}
	}
	var sum int
	if err := tx.QueryRowContext(ctx, "SELECT sum(n) FROM t").Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO nowhere VALUES (1)"); err == nil {
		t.Errorf("a bad statement gave no error")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range maxStmts + 10 {
		want += 2 * (i + 1)
	}
	var got int
	if err := s.r.QueryRowContext(ctx, "SELECT sum(n) FROM t").Scan(&got); err != nil || got != want || sum != want {
		t.Errorf("sum in the transaction %d, after it %d (%v); want %d", sum, got, err, want)
	}
}
