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
