package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/sqlite"
	"github.com/storyline/storyline/storetest"
)

// openTemp opens a store in a new file in a temporary folder.
func openTemp(t testing.TB) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "storyline.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s, path
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storyline.Store {
		s, _ := openTemp(t)
		return s
	})
}

// rawDB opens the file with the bare driver, for looking behind the store.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// migrationRows returns schema_migrations as "version applied_at" lines.
func migrationRows(t *testing.T, path string) []string {
	t.Helper()
	rows, err := rawDB(t, path).Query(`SELECT version, applied_at FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v int
		var at string
		if err := rows.Scan(&v, &at); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s", v, at))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMigrationsAppliedOnce(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	first := migrationRows(t, path)
	if len(first) != sqlite.SchemaVersion() || sqlite.SchemaVersion() < 1 {
		t.Fatalf("schema_migrations = %q, want versions 1 to %d", first, sqlite.SchemaVersion())
	}
	for i, row := range first {
		if !strings.HasPrefix(row, strconv.Itoa(i+1)+" ") {
			t.Errorf("schema_migrations row %d = %q, want version %d", i, row, i+1)
		}
	}
	for range 2 {
		time.Sleep(5 * time.Millisecond) // a new applied_at would differ
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if again := migrationRows(t, path); strings.Join(again, "\n") != strings.Join(first, "\n") {
			t.Errorf("after reopening, schema_migrations = %q, want %q", again, first)
		}
	}
}

func TestReopenKeepsArticles(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	a := &storyline.Article{ID: "reopen0000000001", Ref: "r", Title: "Kept", Text: "Kept across reopening."}
	if _, err := s.PutArticles(ctx, []*storyline.Article{a}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Article(ctx, "reop")
	if err != nil || got.Text != a.Text {
		t.Fatalf("after reopening: Article = %v, %v", got, err)
	}
	hits, err := s.Search(ctx, "reopening", 10)
	if err != nil || len(hits) != 1 {
		t.Errorf("after reopening: Search = %d hits, %v", len(hits), err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
}

// TestMigration6Backfills checks that migration 6 fills its tables from a
// store written before it: the store is written, migration 6 undone, and
// the store opened again.
func TestMigration6Backfills(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	sisi := storyline.Entity{ID: "e-sisi", Name: "Abdel Fattah el-Sisi", Type: storyline.PER,
		Aliases: []storyline.Alias{{Text: "el-Sisi", Count: 2}, {Text: "Sisi", Count: 1}}, Mentions: 3}
	var arts []*storyline.Article
	for i, ev := range []string{"ev-1", "ev-2", ""} {
		text := fmt.Sprintf("Report %d: Sisi spoke.", i)
		at := strings.Index(text, "Sisi")
		arts = append(arts, &storyline.Article{ID: storyline.ArticleID(text), Ref: strconv.Itoa(i), Text: text, Event: ev,
			Entities: []storyline.Mention{{Start: at, End: at + 4, Text: "Sisi", Type: storyline.PER, Entity: sisi.ID}}})
	}
	arts[0].EntityChanges = []storyline.Entity{sisi}
	if _, err := s.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := s.PutEvents(ctx, storyline.EventUpdate{Events: []storyline.Event{
		{ID: "ev-1", Start: "2024-01-01", End: "2024-01-01"}, {ID: "ev-2", Title: "Sisi speaks", Start: "2024-01-02", End: "2024-01-02",
			Summary: []storyline.SummarySentence{{Text: "Sisi spoke."}}, Quotes: []storyline.Quote{{Text: "We spoke."}}}, {ID: "ev-3"}},
		Stories: []storyline.Story{{ID: "st", Title: "Talks", Summary: []storyline.SummarySentence{{Text: "Sisi spoke."}}}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	for _, q := range []string{`DROP TRIGGER entity_events_mention`, `DROP TRIGGER entity_events_move`,
		`DROP TRIGGER entities_fts_insert`, `DROP TRIGGER entities_fts_update`,
		`DROP TABLE entity_events`, `DROP TABLE entities_fts`, `DROP INDEX events_latest`, `DROP INDEX stories_latest`, `DROP INDEX articles_seq`,
		`ALTER TABLE events DROP COLUMN brief`, `ALTER TABLE stories DROP COLUMN brief`,
		`DELETE FROM schema_migrations WHERE version = 6`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	es, err := s.Events(ctx, storyline.EventFilter{Entity: sisi.ID})
	if err != nil || len(es) != 2 || es[0].ID != "ev-2" || es[1].ID != "ev-1" {
		t.Errorf("Events(el-Sisi) after migration = %+v, %v; want ev-2, ev-1", es, err)
	} else if es[0].Title != "Sisi speaks" || es[0].Summary != nil || es[0].Quotes != nil {
		t.Errorf("Events(el-Sisi) after migration: %+v; want ev-2 with its title, without summary or quotes", es[0])
	}
	if e, err := s.Event(ctx, "ev-2"); err != nil || len(e.Summary) != 1 || len(e.Quotes) != 1 {
		t.Errorf("Event(ev-2) after migration = %+v, %v; want its summary and quotes", e, err)
	}
	if st, err := s.Stories(ctx, storyline.StoryFilter{}); err != nil || len(st) != 1 || st[0].Title != "Talks" || st[0].Summary != nil {
		t.Errorf("Stories after migration = %+v, %v; want the story without its summary", st, err)
	}
	for _, name := range []string{"fattah", "EL-SISI"} {
		got, err := s.Entities(ctx, storyline.EntityFilter{Name: name})
		if err != nil || len(got) != 1 || got[0].ID != sisi.ID {
			t.Errorf("Entities(%q) after migration = %+v, %v; want el-Sisi", name, got, err)
		}
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	newer := sqlite.SchemaVersion() + 1
	if _, err := rawDB(t, path).Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, 'later')`, newer); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(context.Background(), path)
	if err == nil {
		t.Fatal("Open succeeded on a database with a newer schema")
	}
	for _, want := range []string{path, "newer", strconv.Itoa(newer)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if rows := migrationRows(t, path); len(rows) != newer {
		t.Errorf("schema_migrations changed: %q", rows)
	}
}

func TestOpenFailsClearly(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("These are notes, not a database.\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       []string
	}{
		{"not a database", notDB, []string{"open store " + notDB + ":", "not a database"}},
		{"missing folder", filepath.Join(dir, "no", "such", "folder", "db"), []string{"open store " + filepath.Join(dir, "no", "such", "folder", "db") + ":"}},
		{"a folder", dir, []string{"open store " + dir + ":"}},
		{"no path", "", []string{"open store :", "no path"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := sqlite.Open(context.Background(), tt.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded", tt.path)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
	// The file that is not a database is left alone.
	if b, _ := os.ReadFile(notDB); !strings.HasPrefix(string(b), "These are notes") {
		t.Errorf("Open changed a file that is not a database")
	}
}

func TestPathWithURICharacters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a?b#c%20d&mode=ro.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutArticles(ctx, []*storyline.Article{{ID: "uri0", Ref: "r", Text: "x"}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not at the path given: %v", err)
	}
}

func TestConcurrentOpen(t *testing.T) {
	// Stores opened at once on a new file: one creates the schema, the
	// others wait for it.
	const stores = 6
	for round := range 5 {
		path := filepath.Join(t.TempDir(), "db")
		errs := make(chan error, stores)
		for range stores {
			go func() {
				s, err := sqlite.Open(context.Background(), path)
				if err == nil {
					_, err = s.PutArticles(context.Background(), []*storyline.Article{{ID: "same", Ref: "r", Text: "x"}})
					s.Close()
				}
				errs <- err
			}()
		}
		for range stores {
			if err := <-errs; err != nil {
				t.Errorf("round %d: %v", round, err)
			}
		}
		if rows := migrationRows(t, path); len(rows) != sqlite.SchemaVersion() {
			t.Errorf("round %d: schema_migrations = %q", round, rows)
		}
	}
}

// The crash test re-runs the test binary as a writer that it kills.
const (
	crashEnv   = "STORYLINE_SQLITE_CRASH_DB"
	crashBatch = 100
)

// crashArticle is the k-th article the crash writer stores, about 4 KB,
// with every field set and a word of its own ("zq", k in base 36, and "0",
// which the stemmer leaves whole: zqrs, for 1000, would find zqr, 27).
func crashArticle(k int) *storyline.Article {
	var b strings.Builder
	fmt.Fprintf(&b, "Article %d, with its own word zq%s0.", k, strconv.FormatInt(int64(k), 36))
	for p := range 8 {
		b.WriteString("\n\n")
		for w := range 80 {
			b.WriteString(crashWords[(k*7+p*13+w*w)%len(crashWords)])
			b.WriteByte(' ')
		}
	}
	text := b.String()
	return &storyline.Article{
		ID:                storyline.ArticleID(text),
		Ref:               fmt.Sprintf("crash/%06d.txt", k),
		Source:            "crash.example",
		URL:               fmt.Sprintf("https://crash.example/%d", k),
		Title:             fmt.Sprintf("Crash article %d", k),
		Byline:            "by Test",
		Credits:           []string{fmt.Sprintf("Credit %d", k)},
		Dateline:          "NOWHERE",
		Published:         "2024-02-05",
		PublishedInferred: k%2 == 0,
		Lang:              "en",
		Text:              text,
		Format:            storyline.FormatText,
		Removed:           []storyline.Removal{{Reason: storyline.ReasonByline, Text: "by Test"}},
		IngestedAt:        time.Date(2024, 1, 1, 0, 0, 0, k*1000, time.UTC),
	}
}

var crashWords = strings.Fields(`the president said on monday that talks with
	leaders of the region would continue despite protests in the capital where
	thousands gathered officials confirmed troops were deployed near border as
	markets fell sharply and the central bank raised interest rates inflation`)

// crashWriter stores batches into the database at path until killed,
// printing "put N" before storing a batch and "stored N" once it is
// committed, N the number of articles then. Every batch is crashBatch new
// articles and one already stored under a new ref.
func crashWriter(path string) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	c, err := s.Counts(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	deadline := time.Now().Add(time.Minute) // should the parent not kill us
	for k := c.Articles; time.Now().Before(deadline); k += crashBatch {
		batch := make([]*storyline.Article, 0, crashBatch+1)
		for i := range crashBatch {
			batch = append(batch, crashArticle(k+i))
		}
		dup := crashArticle(k / 2)
		dup.Ref = fmt.Sprintf("dup/%06d", k/crashBatch)
		batch = append(batch, dup)
		fmt.Printf("put %d\n", k+crashBatch)
		if _, err := s.PutArticles(ctx, batch); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Printf("stored %d\n", k+crashBatch)
	}
	os.Exit(3)
}

func TestKillDuringPut(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashWriter(path) // does not return
	}
	if testing.Short() {
		t.Skip("kills a writer process: not in -short")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	stored, midway := 0, 0
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringPut$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let it commit a few batches, then kill it a few milliseconds into
		// putting the next, which takes tens of milliseconds.
		lines := bufio.NewScanner(out)
		committed, putting := 0, 0
		for lines.Scan() {
			if n, ok := strings.CutPrefix(lines.Text(), "stored "); ok {
				committed, _ = strconv.Atoi(n)
			}
			if n, ok := strings.CutPrefix(lines.Text(), "put "); ok && committed >= stored+(3+round)*crashBatch {
				putting, _ = strconv.Atoi(n)
				break
			}
		}
		time.Sleep(time.Duration(rand.IntN(10_000)) * time.Microsecond)
		cmd.Process.Kill() // SIGKILL
		go func() {
			for lines.Scan() {
			}
		}()
		err = cmd.Wait()
		if putting == 0 {
			t.Fatalf("round %d: writer ended after storing %d articles: %v", round, committed, err)
		}
		n := checkCrashDB(t, path)
		switch n {
		case committed:
			midway++
		case putting: // committed before the kill
		default:
			t.Errorf("round %d: %d articles after the kill, want %d (as committed) or %d (the batch being put)", round, n, committed, putting)
		}
		t.Logf("round %d: killed while putting a batch: %d articles before it, %d after the kill", round, committed, n)
		stored = n
	}
	if midway == 0 {
		t.Errorf("the writer was never killed in the middle of a batch")
	}
}

// checkCrashDB checks the database a killed writer left and returns how
// many articles it holds.
func checkCrashDB(t *testing.T, path string) int {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()

	db := rawDB(t, path)
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	if _, err := db.Exec(`INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`); err != nil {
		t.Fatalf("FTS integrity-check: %v", err)
	}
	var indexed int
	if err := db.QueryRow(`SELECT count(*) FROM articles_fts_docsize`).Scan(&indexed); err != nil {
		t.Fatal(err)
	}

	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles%crashBatch != 0 {
		t.Errorf("%d articles: not whole batches of %d", c.Articles, crashBatch)
	}
	if want := c.Articles + c.Articles/crashBatch; c.Refs != want {
		t.Errorf("%d refs for %d articles, want %d", c.Refs, c.Articles, want)
	}
	if indexed != c.Articles {
		t.Errorf("FTS indexes %d articles of %d", indexed, c.Articles)
	}

	// Every article whole, in order, without gaps.
	k := 0
	err = s.EachArticle(ctx, func(a *storyline.Article) error {
		want := crashArticle(k)
		if a.ID != want.ID || a.Text != want.Text || a.Title != want.Title || a.Ref != want.Ref ||
			len(a.Credits) != 1 || a.Credits[0] != want.Credits[0] || len(a.Removed) != 1 ||
			a.PublishedInferred != want.PublishedInferred || !a.IngestedAt.Equal(want.IngestedAt) {
			return fmt.Errorf("article %d (%s) is not whole", k, a.ID)
		}
		k++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The index agrees with the table.
	if c.Articles > 0 {
		for _, k := range []int{0, c.Articles / 2, c.Articles - 1} {
			word := "zq" + strconv.FormatInt(int64(k), 36) + "0"
			hits, err := s.Search(ctx, word, 5)
			if err != nil || len(hits) != 1 || hits[0].Article.ID != crashArticle(k).ID {
				t.Errorf("Search(%s) = %d hits, %v; want article %d", word, len(hits), err, k)
			}
		}
	}
	return c.Articles
}

// benchTexts returns n texts of about size bytes: words from a vocabulary
// of 20,000, drawn with a Zipf distribution as in real text, the most
// frequent first.
func benchTexts(n, size int) (texts, vocab []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab = make([]string, 20000)
	for i := range vocab {
		l := 2 + rng.IntN(9)
		b := make([]byte, l)
		for j := range b {
			b[j] = byte('a' + rng.IntN(26))
		}
		vocab[i] = string(b)
	}
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 1, uint64(len(vocab)-1))
	texts = make([]string, n)
	for i := range texts {
		var b strings.Builder
		for b.Len() < size {
			if rng.IntN(60) == 0 {
				b.WriteString(".\n\n")
			}
			b.WriteString(vocab[zipf.Uint64()])
			b.WriteByte(' ')
		}
		texts[i] = b.String()
	}
	return texts, vocab
}

// BenchmarkPutArticles stores batches of 100 new articles of about 4 KB of
// text; an op is a batch.
func BenchmarkPutArticles(b *testing.B) {
	const batchSize, textSize = 100, 4096
	texts, _ := benchTexts(1000, textSize)
	s, _ := openTemp(b)
	defer s.Close()
	ctx := context.Background()
	k := 0
	batch := make([]*storyline.Article, batchSize)
	var bytes int64
	for i := range batch {
		bytes += int64(len(texts[i]))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		for i := range batch {
			text := fmt.Sprintf("Article %d. %s", k, texts[k%len(texts)])
			batch[i] = &storyline.Article{
				ID: fmt.Sprintf("%016x", k), Ref: fmt.Sprintf("bench/%d.txt", k),
				Source: "bench.example", Title: fmt.Sprintf("Benchmark article %d", k),
				Published: "2024-02-05", Lang: "en", Text: text, Format: storyline.FormatText,
			}
			k++
		}
		if _, err := s.PutArticles(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(k)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkSearch searches 10,000 articles of about 4 KB for two words
// that most articles contain, and for two that few do.
func BenchmarkSearch(b *testing.B) {
	texts, vocab := benchTexts(10000, 4096)
	s, _ := openTemp(b)
	defer s.Close()
	ctx := context.Background()
	for i := 0; i < len(texts); i += 100 {
		var batch []*storyline.Article
		for j := i; j < i+100; j++ {
			batch = append(batch, &storyline.Article{ID: fmt.Sprintf("%016x", j), Ref: strconv.Itoa(j), Text: texts[j]})
		}
		if _, err := s.PutArticles(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []struct{ name, query string }{
		{"common", vocab[1] + " " + vocab[2]},
		{"rare", vocab[3000] + " OR " + vocab[4000]},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				hits, err := s.Search(ctx, q.query, 20)
				if err != nil || len(hits) == 0 {
					b.Fatalf("Search(%q) = %d hits, %v", q.query, len(hits), err)
				}
			}
			all, _ := s.Search(ctx, q.query, 0)
			b.ReportMetric(float64(len(all)), "matches")
		})
	}
}
