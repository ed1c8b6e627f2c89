package sqlite

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadMigrations(t *testing.T) {
	file := func(sql string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(sql)} }
	tests := []struct {
		name     string
		fs       fstest.MapFS
		versions []int
		err      string
	}{
		{"ordered by number", fstest.MapFS{
			"migrations/0002_b.sql": file("B"),
			"migrations/0010_j.sql": file("J"),
			"migrations/0001_a.sql": file("A"),
			"migrations/README.txt": file("not a migration"),
			"migrations/0003_c.sql": file("C"),
			"migrations/0004_d.sql": file("D"),
			"migrations/0005_e.sql": file("E"),
			"migrations/0006_f.sql": file("F"),
			"migrations/0007_g.sql": file("G"),
			"migrations/0008_h.sql": file("H"),
			"migrations/0009_i.sql": file("I"),
		}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, ""},
		{"gap", fstest.MapFS{"migrations/0001_a.sql": file(""), "migrations/0003_c.sql": file("")}, nil, "want 2"},
		{"repeat", fstest.MapFS{"migrations/0001_a.sql": file(""), "migrations/0001_b.sql": file("")}, nil, "want 2"},
		{"no number", fstest.MapFS{"migrations/init.sql": file("")}, nil, "NNNN_what.sql"},
		{"zero", fstest.MapFS{"migrations/0000_a.sql": file("")}, nil, "NNNN > 0"},
		{"none", fstest.MapFS{}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := loadMigrations(tt.fs)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var vs []int
			for _, m := range ms {
				vs = append(vs, m.version)
			}
			if len(vs) != len(tt.versions) {
				t.Fatalf("versions %v, want %v", vs, tt.versions)
			}
			for i := range vs {
				if vs[i] != tt.versions[i] {
					t.Fatalf("versions %v, want %v", vs, tt.versions)
				}
			}
		})
	}
}

func TestEmbeddedMigrations(t *testing.T) {
	if SchemaVersion() < 1 {
		t.Fatalf("SchemaVersion() = %d", SchemaVersion())
	}
	for _, m := range migrations {
		if strings.TrimSpace(m.sql) == "" {
			t.Errorf("migration %s is empty", m.name)
		}
	}
}

func TestQuoteTerms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"el-Sisi", `"el-Sisi"`},
		{"U.S. troops", `"U.S." "troops"`},
		{`"unbalanced`, `"""unbalanced"`},
		{`say "hi"`, `"say" """hi"""`},
		{"AND * ( ) -", `"AND"`},
		{"  27,000\tmen\n", `"27,000" "men"`},
		{"São", `"São"`},
		{"* ?", ``},
	}
	for _, tt := range tests {
		if got := quoteTerms(tt.in); got != tt.want {
			t.Errorf("quoteTerms(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestConnections(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	for name, db := range map[string]queryRower{"writer": s.w, "reader": s.r} {
		for _, p := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"foreign_keys", "1"},
			{"busy_timeout", "10000"},
		} {
			var got string
			if err := db.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil || got != p.want {
				t.Errorf("%s: PRAGMA %s = %q, %v; want %q", name, p.pragma, got, err, p.want)
			}
		}
	}
	var sync string
	if err := s.w.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil || sync != "1" {
		t.Errorf("writer: PRAGMA synchronous = %q, %v; want 1 (NORMAL)", sync, err)
	}
	var automerge int
	if err := s.r.QueryRowContext(ctx, `SELECT v FROM articles_fts_config WHERE k = 'automerge'`).Scan(&automerge); err != nil || automerge != 16 {
		t.Errorf("FTS automerge = %d, %v; want 16", automerge, err)
	}
	if s.w.Stats().MaxOpenConnections != 1 {
		t.Errorf("writer pool allows %d connections, want 1", s.w.Stats().MaxOpenConnections)
	}
	if _, err := s.r.ExecContext(ctx, `INSERT INTO article_refs (article_id, ref) VALUES ('x', 'y')`); err == nil {
		t.Errorf("a reader connection could write")
	}
}
