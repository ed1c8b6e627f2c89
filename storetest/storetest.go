// Package storetest is a conformance suite for implementations of
// storyline.Store. An implementation's tests call Run with a function that
// opens a new, empty store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storyline.Store {
//			s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			return s
//		})
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// Run runs the conformance tests against stores that open returns, one new
// and empty store for each subtest. Run closes each store when its subtest
// ends; open must not.
//
// Besides the Store interface's documentation, the suite holds stores to
// these choices: IngestedAt keeps at least microseconds and is set to the
// time of storing when zero; empty Credits and Removed may come back nil;
// an article without ID, or a nil one, fails its whole batch; an empty ref
// is not recorded; a ref that several articles were ingested under, like a
// prefix that several IDs start with, is an error saying "ambiguous"; id
// prefixes need at least 4 characters; Search takes plain words and
// punctuation as well as FTS5 syntax, folds case and diacritics, stems
// English, and marks matches in snippets with [ and ].
func Run(t *testing.T, open func(t *testing.T) storyline.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, storyline.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"BatchIsAtomic", testBatchIsAtomic},
		{"Lookup", testLookup},
		{"EachArticle", testEachArticle},
		{"Search", testSearch},
		{"SearchLimitAndRank", testSearchLimitAndRank},
		{"Counts", testCounts},
		{"Reuse", testReuse},
		{"ReuseRevision", testReuseRevision},
		{"Entities", testEntities},
		{"EntityBackfill", testEntityBackfill},
		{"Events", testEvents},
		{"EntityEvents", testEntityEvents},
		{"State", testState},
		{"ConcurrentReadersDuringWrites", testConcurrentReaders},
		{"ConcurrentWriters", testConcurrentWriters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tt.fn(t, s)
		})
	}
}

// newArticle returns an article with every field set, its ID the hash of
// its text.
func newArticle(ref, title, text string) *storyline.Article {
	return &storyline.Article{
		ID:        storyline.ArticleID(text),
		Ref:       ref,
		Source:    "example.com",
		URL:       "https://example.com/" + ref,
		Title:     title,
		Published: "2024-02-05",
		Lang:      "en",
		Text:      text,
		Format:    storyline.FormatText,
	}
}

// put stores articles and fails the test on error.
func put(t *testing.T, s storyline.Store, a ...*storyline.Article) []bool {
	t.Helper()
	created, err := s.PutArticles(context.Background(), a)
	if err != nil {
		t.Fatalf("PutArticles: %v", err)
	}
	if len(created) != len(a) {
		t.Fatalf("PutArticles: %d created flags for %d articles", len(created), len(a))
	}
	return created
}

// get looks an article up and fails the test on error.
func get(t *testing.T, s storyline.Store, key string) *storyline.Article {
	t.Helper()
	a, err := s.Article(context.Background(), key)
	if err != nil {
		t.Fatalf("Article(%q): %v", key, err)
	}
	return a
}

// counts reads the counts and fails the test on error.
func counts(t *testing.T, s storyline.Store) storyline.ArticleCounts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return c
}

// refs reads an article's refs and fails the test on error.
func refs(t *testing.T, s storyline.Store, id string) []string {
	t.Helper()
	r, err := s.Refs(context.Background(), id)
	if err != nil {
		t.Fatalf("Refs(%q): %v", id, err)
	}
	return r
}

// diff describes how got differs from want, ignoring IngestedAt and
// treating nil and empty slices alike; "" when they agree.
func diff(got, want *storyline.Article) string {
	g, w := *got, *want
	g.IngestedAt, w.IngestedAt = time.Time{}, time.Time{}
	if len(g.Credits) == 0 {
		g.Credits = nil
	}
	if len(w.Credits) == 0 {
		w.Credits = nil
	}
	if len(g.Removed) == 0 {
		g.Removed = nil
	}
	if len(w.Removed) == 0 {
		w.Removed = nil
	}
	if reflect.DeepEqual(g, w) {
		return ""
	}
	var b strings.Builder
	gv, wv := reflect.ValueOf(g), reflect.ValueOf(w)
	for i := range gv.NumField() {
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			fmt.Fprintf(&b, "%s = %.200q, want %.200q; ", gv.Type().Field(i).Name,
				fmt.Sprint(gv.Field(i).Interface()), fmt.Sprint(wv.Field(i).Interface()))
		}
	}
	return b.String()
}

func testRoundTrip(t *testing.T, s storyline.Store) {
	long := strings.Repeat("Paragraph with Arabic السلام عليكم, Chinese 你好, emoji 🗞️ and \"quotes\" \\ back\\slashes.\n\n", 3000)
	tests := []struct {
		name string
		a    *storyline.Article
	}{
		{"every field", &storyline.Article{
			ID:                "every-field-0001",
			Ref:               "inbox/2024/report.html",
			Source:            "The New York Times",
			URL:               "https://www.nytimes.com/2024/06/11/world/report.html?utm=x&y=1",
			Title:             "Saudi Crown Prince Meets Leaders in Riyadh",
			Byline:            "by Jane Doe and John Roe",
			Credits:           []string{"Material from the Associated Press was used in this report.", "Reuters contributed."},
			Dateline:          "RIYADH, Saudi Arabia",
			Published:         "2024-06-11T00:06:00+03:00",
			PublishedInferred: true,
			Lang:              "en",
			Text:              "First paragraph.\n\nSecond paragraph — with an em dash, «guillemets» and ünïcödé.",
			Format:            storyline.FormatHTML,
			Removed: []storyline.Removal{
				{Reason: storyline.ReasonReadNext, Text: "What to read next"},
				{Reason: storyline.ReasonImageCredit, Text: "Photo: AP\nsecond line"},
			},
			IngestedAt: time.Date(2024, 6, 11, 9, 30, 15, 123456000, time.FixedZone("AST", 3*3600)),
		}},
		{"minimal", &storyline.Article{ID: "minimal-00000001", Ref: "a.txt", Text: "Just text."}},
		{"dated by its source", &storyline.Article{ID: "dated-source-001", Ref: "c.txt", Text: "On Tuesday.",
			Published: "2024-02-06", PublishedInferred: true, DatedBy: storyline.DatedBySource}},
		{"dated by its event", &storyline.Article{ID: "dated-event-0001", Ref: "d.txt", Text: "On Tuesday.",
			Published: "2024-02-06", PublishedInferred: true, DatedBy: storyline.DatedByEvent}},
		{"empty slices", &storyline.Article{
			ID: "empty-slices-001", Ref: "b.txt", Text: "Text.",
			Credits: []string{}, Removed: []storyline.Removal{},
		}},
		{"long unicode text", &storyline.Article{
			ID: storyline.ArticleID(long), Ref: "long.txt", Title: "长 title", Text: long, Lang: "ar",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := time.Now()
			orig := *tt.a
			if c := put(t, s, tt.a); !c[0] {
				t.Fatalf("created = false for a new article")
			}
			after := time.Now()
			if !reflect.DeepEqual(*tt.a, orig) {
				t.Errorf("PutArticles changed its argument")
			}
			got := get(t, s, tt.a.ID)
			if d := diff(got, tt.a); d != "" {
				t.Errorf("round trip: %s", d)
			}
			if tt.a.IngestedAt.IsZero() {
				if got.IngestedAt.Before(before.Add(-time.Millisecond)) || got.IngestedAt.After(after.Add(time.Millisecond)) {
					t.Errorf("IngestedAt = %v, want the time of storing, between %v and %v", got.IngestedAt, before, after)
				}
			} else if !got.IngestedAt.Equal(tt.a.IngestedAt) {
				t.Errorf("IngestedAt = %v, want %v", got.IngestedAt, tt.a.IngestedAt)
			}
			if r := refs(t, s, tt.a.ID); !slices.Equal(r, []string{tt.a.Ref}) {
				t.Errorf("Refs = %q, want %q", r, []string{tt.a.Ref})
			}
			if text, err := s.Text(context.Background(), tt.a.ID); err != nil || text != tt.a.Text {
				t.Errorf("Text = %.40q, %v; want the article's text", text, err)
			}
		})
	}
	if _, err := s.Text(context.Background(), "no-such-article"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("Text of an unknown id: %v, want ErrNotFound", err)
	}
}

func testIdempotent(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	if c, err := s.PutArticles(ctx, nil); err != nil || len(c) != 0 {
		t.Errorf("PutArticles(nil) = %v, %v; want no flags, no error", c, err)
	}

	a := newArticle("r1", "First title", "The same text, ingested twice.")
	if c := put(t, s, a); !c[0] {
		t.Errorf("first put: created = false")
	}
	firstAt := get(t, s, a.ID).IngestedAt

	again := *a
	again.Ref, again.Title = "r2", "A different title"
	again.IngestedAt = time.Now().Add(time.Hour)
	if c := put(t, s, &again); c[0] {
		t.Errorf("second put of the same id: created = true")
	}
	got := get(t, s, a.ID)
	if got.Title != "First title" || got.Ref != "r1" || !got.IngestedAt.Equal(firstAt) {
		t.Errorf("after a second put: title %q, ref %q, ingested %v; want the first's %q, %q, %v",
			got.Title, got.Ref, got.IngestedAt, "First title", "r1", firstAt)
	}
	if r := refs(t, s, a.ID); !slices.Equal(r, []string{"r1", "r2"}) {
		t.Errorf("Refs = %q, want [r1 r2]", r)
	}
	if c := counts(t, s); c != (storyline.ArticleCounts{Articles: 1, Refs: 2}) {
		t.Errorf("Counts = %+v, want 1 article, 2 refs", c)
	}

	// The same ref again records nothing new.
	put(t, s, a)
	if r := refs(t, s, a.ID); !slices.Equal(r, []string{"r1", "r2"}) {
		t.Errorf("after the same ref again: Refs = %q, want [r1 r2]", r)
	}

	// Duplicates within one batch, and of stored articles.
	b := newArticle("rb", "B", "Article B.")
	bDup := *b
	bDup.Ref = "r3"
	c := newArticle("rc", "C", "Article C.")
	aDup := *a
	aDup.Ref = "r4"
	noRef := *c
	noRef.Ref = ""
	created := put(t, s, b, &bDup, c, &aDup, &noRef)
	if want := []bool{true, false, true, false, false}; !slices.Equal(created, want) {
		t.Errorf("created = %v, want %v", created, want)
	}
	if r := refs(t, s, b.ID); !slices.Equal(r, []string{"rb", "r3"}) {
		t.Errorf("Refs(b) = %q, want [rb r3]", r)
	}
	if r := refs(t, s, a.ID); !slices.Equal(r, []string{"r1", "r2", "r4"}) {
		t.Errorf("Refs(a) = %q, want [r1 r2 r4]", r)
	}
	if r := refs(t, s, c.ID); !slices.Equal(r, []string{"rc"}) {
		t.Errorf("Refs(c) = %q, want [rc] (an empty ref is not recorded)", r)
	}
	if c := counts(t, s); c != (storyline.ArticleCounts{Articles: 3, Refs: 6}) {
		t.Errorf("Counts = %+v, want 3 articles, 6 refs", c)
	}
	if _, err := s.Refs(ctx, "no-such-article"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("Refs(unknown) error = %v, want ErrNotFound", err)
	}
}

func testBatchIsAtomic(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	good := newArticle("good", "Good", "A good article.")
	tests := []struct {
		name  string
		ctx   func() context.Context
		batch []*storyline.Article
	}{
		{"article without id", context.Background, []*storyline.Article{good, {Ref: "no-id", Text: "x"}}},
		{"nil article", context.Background, []*storyline.Article{good, nil}},
		{"cancelled context", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, []*storyline.Article{good}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.PutArticles(tt.ctx(), tt.batch); err == nil {
				t.Fatalf("PutArticles succeeded, want an error")
			}
			if c := counts(t, s); c != (storyline.ArticleCounts{}) {
				t.Errorf("after a failed batch: Counts = %+v, want nothing stored", c)
			}
			if _, err := s.Article(ctx, good.ID); !errors.Is(err, storyline.ErrNotFound) {
				t.Errorf("after a failed batch: Article = %v, want ErrNotFound", err)
			}
		})
	}
}

func testLookup(t *testing.T, s storyline.Store) {
	mk := func(id, ref string) *storyline.Article {
		return &storyline.Article{ID: id, Ref: ref, Title: "Article " + id, Text: "Text of " + id}
	}
	put(t, s,
		mk("0123456789abcdef", "inbox/a.txt"),
		mk("0123ffff00000000", "b1"),
		mk("fedcba9876543210", "0123456789abcdef"), // a ref that is another's id
		mk("abcd000011112222", "d"),
		mk("9999888877776666", "abcd"), // a ref that is a prefix of another's id
		mk("5555000000000001", "shared.txt"),
		mk("5555000000000002", "shared.txt"),
		mk("a_b%c*d?00000000", "odd"),
	)
	put(t, s, mk("0123456789abcdef", "second.txt"))

	const (
		notFound  = "not found"
		ambiguous = "ambiguous"
	)
	tests := []struct {
		key  string
		want string // an ID, notFound or ambiguous
	}{
		{"0123456789abcdef", "0123456789abcdef"}, // by id, before the ref of fedc…
		{"inbox/a.txt", "0123456789abcdef"},      // by ref
		{"second.txt", "0123456789abcdef"},       // by a later ref
		{"b1", "0123ffff00000000"},
		{"01234", "0123456789abcdef"}, // by unique prefix
		{"0123ff", "0123ffff00000000"},
		{"fedc", "fedcba9876543210"},
		{"abcd", "9999888877776666"}, // ref before prefix
		{"abcd0", "abcd000011112222"},
		{"a_b%", "a_b%c*d?00000000"},
		{"0123", ambiguous},       // prefix of two ids
		{"5555", ambiguous},       // prefix of two ids
		{"shared.txt", ambiguous}, // ref of two articles
		{"fed", notFound},         // prefixes need 4 characters
		{"zzzz", notFound},
		{"", notFound},
		{"0123456789abcdef0", notFound}, // longer than the id
		{"INBOX/A.TXT", notFound},       // refs are exact
		{"0123%", notFound},             // no pattern matching
		{"a_b_", notFound},
		{"01_3", notFound},
		{"a*", notFound},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			a, err := s.Article(context.Background(), tt.key)
			switch tt.want {
			case notFound:
				if !errors.Is(err, storyline.ErrNotFound) {
					t.Errorf("Article(%q) = %v, %v; want ErrNotFound", tt.key, id(a), err)
				}
			case ambiguous:
				if err == nil || !strings.Contains(err.Error(), "ambiguous") || errors.Is(err, storyline.ErrNotFound) {
					t.Errorf("Article(%q) = %v, %v; want an error saying it is ambiguous", tt.key, id(a), err)
				}
			default:
				if err != nil || a.ID != tt.want {
					t.Errorf("Article(%q) = %v, %v; want %s", tt.key, id(a), err, tt.want)
				} else if a.Text != "Text of "+tt.want {
					t.Errorf("Article(%q): text %q, want the whole article", tt.key, a.Text)
				}
			}
		})
	}
}

// id returns a's ID, or "<nil>".
func id(a *storyline.Article) string {
	if a == nil {
		return "<nil>"
	}
	return a.ID
}

func testEachArticle(t *testing.T, s storyline.Store) {
	ctx := context.Background()
	calls := 0
	if err := s.EachArticle(ctx, func(*storyline.Article) error { calls++; return nil }); err != nil || calls != 0 {
		t.Errorf("EachArticle on an empty store: %d calls, %v", calls, err)
	}

	// IDs that do not sort in ingest order.
	var want []*storyline.Article
	for _, id := range []string{"m000", "z000", "a000", "q000", "b000", "y000"} {
		want = append(want, &storyline.Article{ID: id, Ref: id + ".txt", Title: id, Text: "Text " + id})
	}
	put(t, s, want[0], want[1])
	put(t, s, want[2], want[0], want[3]) // a duplicate does not move
	put(t, s, want[4])
	put(t, s, want[5])

	var got []*storyline.Article
	err := s.EachArticle(ctx, func(a *storyline.Article) error {
		// The store may be used from fn.
		if _, err := s.Article(ctx, a.ID); err != nil {
			return fmt.Errorf("Article(%s) inside EachArticle: %w", a.ID, err)
		}
		got = append(got, a)
		return nil
	})
	if err != nil {
		t.Fatalf("EachArticle: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("EachArticle visited %d articles, want %d", len(got), len(want))
	}
	for i := range want {
		if d := diff(got[i], want[i]); d != "" {
			t.Errorf("article %d: %s", i, d)
		}
	}

	errStop := errors.New("stop")
	calls = 0
	err = s.EachArticle(ctx, func(*storyline.Article) error {
		calls++
		if calls == 2 {
			return errStop
		}
		return nil
	})
	if !errors.Is(err, errStop) || calls != 2 {
		t.Errorf("EachArticle with fn failing on the 2nd: %d calls, error %v; want 2 calls, %v", calls, err, errStop)
	}
}

// searchCorpus is what the search tests search.
var searchCorpus = []*storyline.Article{
	newArticle("s1", "Egypt's president meets Gulf leaders",
		"CAIRO — President Abdel Fattah el-Sisi met Gulf leaders in Cairo on Monday to discuss investment.\n\nThe talks covered energy and trade."),
	newArticle("s2", "Troops deployed",
		"U.S. officials said 27,000 troops would be deployed to the region by March.\n\nThe Pentagon declined to comment."),
	newArticle("s3", "Central bank raises interest rates",
		"The central bank raised interest rates by half a point, citing inflation.\n\nEconomists had expected the move."),
	newArticle("s4", "Flooding in Valencia",
		"Heavy rain caused flash floods across the region on Tuesday.\n\nEmergency services rescued dozens of people."),
	newArticle("s5", "Festival opens",
		"The festival in São Paulo opened with a concert at the Café Paris.\n\nThousands attended."),
	newArticle("s6", "Markets",
		"Investors weighed the interest of foreign buyers in rates of return.\n\nThe yield fell."),
}

func testSearch(t *testing.T, s storyline.Store) {
	put(t, s, searchCorpus...)
	dup := *searchCorpus[0]
	dup.Ref = "s1-again"
	put(t, s, &dup) // stored once, found once

	anyHits := []string{"*any*"} // any hits, but no error
	tests := []struct {
		name, query string
		want        []string // refs of the hits, in any order
	}{
		{"word", "Cairo", []string{"s1"}},
		{"lower case", "cairo", []string{"s1"}},
		{"title only", "Valencia", []string{"s4"}},
		{"words are ANDed", "interest rates", []string{"s3", "s6"}},
		{"phrase", `"interest rates"`, []string{"s3"}},
		{"phrase in other order", `"rates interest"`, nil},
		{"hyphenated name", "el-Sisi", []string{"s1"}},
		{"part of a hyphenated name", "Sisi", []string{"s1"}},
		{"hyphenated name and word", "el-Sisi Cairo", []string{"s1"}},
		{"hyphenated name and absent word", "el-Sisi Valencia", nil},
		{"abbreviation", "U.S.", []string{"s2"}},
		{"abbreviation and word", "U.S. troops", []string{"s2"}},
		{"number with comma", "27,000", []string{"s2"}},
		{"number with comma and word", "27,000 troops", []string{"s2"}},
		{"unbalanced quote", `"unbalanced`, nil},
		{"unbalanced quote before a word", `"27,000`, []string{"s2"}},
		{"OR", "Cairo OR Valencia", []string{"s1", "s4"}},
		{"prefix", "Cair*", []string{"s1"}},
		{"stemming", "raise", []string{"s3"}},
		{"diacritics folded", "Sao Paulo", []string{"s5"}},
		{"diacritics folded in a word", "cafe", []string{"s5"}},
		{"no results", "zzyzx", nil},
		{"empty", "", nil},
		{"blank", "   ", nil},
		{"lone AND", "AND", anyHits},
		{"lone OR", "OR", anyHits},
		{"lone NOT", "NOT", anyHits},
		{"trailing AND", "Cairo AND", anyHits},
		{"star", "*", anyHits},
		{"quote", `"`, anyHits},
		{"parenthesis", "(", anyHits},
		{"colon", "foo:bar", anyHits},
		{"apostrophe", "Egypt's", anyHits},
		{"leading minus", "-Sisi", anyHits},
		{"punctuation", `?!.,;:'"()[]{}<>^~@#$%&=+|\/`, anyHits},
		{"sql", `'; DROP TABLE articles; --`, anyHits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.Search(context.Background(), tt.query, 10)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			var got []string
			for _, h := range hits {
				if h.Article == nil {
					t.Fatalf("Search(%q): hit without article", tt.query)
				}
				got = append(got, h.Article.Ref)
			}
			if slices.Equal(tt.want, anyHits) {
				return
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) found %q, want %q", tt.query, got, tt.want)
			}
		})
	}
	if c := counts(t, s); c.Articles != len(searchCorpus) {
		t.Errorf("after searching: %d articles, want %d", c.Articles, len(searchCorpus))
	}

	t.Run("hit", func(t *testing.T) {
		hits, err := s.Search(context.Background(), "Cairo", 10)
		if err != nil || len(hits) != 1 {
			t.Fatalf("Search(Cairo) = %d hits, %v", len(hits), err)
		}
		h := hits[0]
		if d := diff(h.Article, searchCorpus[0]); d != "" {
			t.Errorf("hit article: %s", d)
		}
		if !strings.Contains(h.Snippet, "[Cairo]") {
			t.Errorf("snippet %q does not mark [Cairo]", h.Snippet)
		}
		if n := len(strings.Fields(h.Snippet)); n > 20 {
			t.Errorf("snippet %q has %d words, want about a dozen", h.Snippet, n)
		}
		hits, err = s.Search(context.Background(), "el-Sisi", 10)
		if err != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet, "[") {
			t.Errorf("Search(el-Sisi) = %+v, %v; want one hit with a marked snippet", hits, err)
		}
	})
}

func testSearchLimitAndRank(t *testing.T, s storyline.Store) {
	put(t, s, searchCorpus...)
	ctx := context.Background()
	// "the" is in every text.
	all, err := s.Search(ctx, "the", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(searchCorpus) {
		t.Errorf("Search(the, no limit) = %d hits, want %d", len(all), len(searchCorpus))
	}
	for i := 1; i < len(all); i++ {
		if all[i].Rank < all[i-1].Rank {
			t.Errorf("hits not best first: rank %v after %v", all[i].Rank, all[i-1].Rank)
		}
	}
	for _, limit := range []int{1, 2, 5} {
		hits, err := s.Search(ctx, "the", limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != limit {
			t.Errorf("Search(the, %d) = %d hits", limit, len(hits))
		}
		for i := range hits {
			if hits[i].Article.ID != all[i].Article.ID {
				t.Errorf("Search(the, %d): hit %d is %s, want %s (the best first)", limit, i, hits[i].Article.Ref, all[i].Article.Ref)
			}
		}
	}
}

func testCounts(t *testing.T, s storyline.Store) {
	if c := counts(t, s); c != (storyline.ArticleCounts{}) {
		t.Errorf("empty store: Counts = %+v", c)
	}
	put(t, s, searchCorpus...)
	dup := *searchCorpus[0]
	dup.Ref = "other"
	put(t, s, &dup)
	want := storyline.ArticleCounts{Articles: len(searchCorpus), Refs: len(searchCorpus) + 1}
	if c := counts(t, s); c != want {
		t.Errorf("Counts = %+v, want %+v", c, want)
	}
}

// batchOf returns n articles numbered from first, about 1 KB each.
func batchOf(first, n int) []*storyline.Article {
	a := make([]*storyline.Article, n)
	for i := range a {
		k := first + i
		text := fmt.Sprintf("Concurrency article number %d. ", k) +
			strings.Repeat(fmt.Sprintf("Sentence %d about storylines and searches. ", k%7), 25)
		a[i] = newArticle(fmt.Sprintf("c%d", k), fmt.Sprintf("Title %d", k), text)
	}
	return a
}

func testConcurrentReaders(t *testing.T, s storyline.Store) {
	const batches, size, readers = 20, 10, 4
	ctx := context.Background()
	put(t, s, batchOf(-1, 1)...) // something to read from the start
	done := make(chan struct{})
	var wg sync.WaitGroup
	for r := range readers {
		wg.Go(func() {
			last := 0
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				c, err := s.Counts(ctx)
				if err != nil {
					t.Errorf("reader %d: Counts: %v", r, err)
					return
				}
				if c.Articles < last {
					t.Errorf("reader %d: article count went from %d to %d", r, last, c.Articles)
				}
				last = c.Articles
				switch i % 4 {
				case 0:
					if _, err := s.Search(ctx, "storylines", 5); err != nil {
						t.Errorf("reader %d: Search: %v", r, err)
					}
				case 1:
					n := 0
					err := s.EachArticle(ctx, func(*storyline.Article) error { n++; return nil })
					if err != nil || n < c.Articles {
						t.Errorf("reader %d: EachArticle saw %d articles of at least %d: %v", r, n, c.Articles, err)
					}
				case 2:
					if _, err := s.Article(ctx, "c-1"); err != nil {
						t.Errorf("reader %d: Article: %v", r, err)
					}
				case 3:
					if _, err := s.Refs(ctx, batchOf(-1, 1)[0].ID); err != nil {
						t.Errorf("reader %d: Refs: %v", r, err)
					}
				}
			}
		})
	}
	for b := range batches {
		if _, err := s.PutArticles(ctx, batchOf(b*size, size)); err != nil {
			t.Errorf("writer: batch %d: %v", b, err)
		}
	}
	close(done)
	wg.Wait()
	if c := counts(t, s); c.Articles != batches*size+1 {
		t.Errorf("after concurrent writes: %d articles, want %d", c.Articles, batches*size+1)
	}
}

func testConcurrentWriters(t *testing.T, s storyline.Store) {
	// Writers storing overlapping batches: every article is created once.
	const writers, batches, size = 4, 10, 10
	var mu sync.Mutex
	createdBy := map[string]int{}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for b := range batches {
				// Every writer stores every batch, each starting at another.
				batch := batchOf(((b+w)%batches)*size, size)
				created, err := s.PutArticles(context.Background(), batch)
				if err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				mu.Lock()
				for i, c := range created {
					if c {
						createdBy[batch[i].ID]++
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(createdBy) != batches*size {
		t.Errorf("%d articles reported created, want %d", len(createdBy), batches*size)
	}
	for id, n := range createdBy {
		if n != 1 {
			t.Errorf("article %s reported created %d times", id, n)
		}
	}
	if c := counts(t, s); c != (storyline.ArticleCounts{Articles: batches * size, Refs: batches * size}) {
		t.Errorf("Counts = %+v, want %d articles and refs", c, batches*size)
	}
}
