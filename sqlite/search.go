package sqlite

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/storyline/storyline"
)

// MaxRanked is how many matches of a query Search ranks at most: the
// latest ones (in ingest order). Ranking reads each match's column sizes
// (about 1.4 µs a match here), so a query that matches most articles
// ("said") would cost in proportion to the store; finding the bound only
// walks the postings (about 0.1 µs a match).
const MaxRanked = 10_000

// searchSQL ranks the latest MaxRanked matches by bm25, a title match
// weighing twice a text match, and makes snippets for the best only:
// SQLite would compute the select list of every match before sorting, and
// a snippet tokenizes the whole article again. The snippets come from one
// more pass over the matches between the best ones' rowids (a join would
// open the query again for each hit, seeking every index segment).
var searchSQL = rankedSearchSQL(MaxRanked)

// rankedSearchSQL is searchSQL ranking the latest n matches.
func rankedSearchSQL(n int) string {
	return `WITH bound AS (
		SELECT coalesce(min(rowid), 0) AS seq FROM (
			SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT ` + strconv.Itoa(n) + `
		)
	), top AS MATERIALIZED (
		SELECT rowid AS seq, bm25(articles_fts, 2.0, 1.0) AS score
		FROM articles_fts
		WHERE articles_fts MATCH ?1 AND rowid >= (SELECT seq FROM bound)
		ORDER BY score, rowid
		LIMIT ?2
	), snippets AS MATERIALIZED (
		SELECT rowid AS seq, snippet(articles_fts, -1, '[', ']', '…', 12) AS snippet
		FROM articles_fts
		WHERE articles_fts MATCH ?1
			AND rowid >= (SELECT min(seq) FROM top) AND rowid <= (SELECT max(seq) FROM top)
			AND +rowid IN (SELECT seq FROM top) -- + keeps FTS5 from taking it one rowid at a time
	)
	SELECT ` + articleColumns + `, snippets.snippet, top.score
	FROM top
	JOIN snippets ON snippets.seq = top.seq
	JOIN articles a ON a.seq = top.seq
	ORDER BY top.score, top.seq`
}

// Search runs a full-text query over titles and texts and returns at most
// limit hits (all when limit <= 0), best first: the best of the latest
// MaxRanked matches when more match. Each hit's snippet is a dozen tokens
// around the matches, marked with [ and ].
//
// The query is FTS5 syntax: plain words are ANDed, "quoted words" are
// phrases, and OR, NOT, NEAR(), prefix* and title: work. Input that is not
// valid FTS5 (el-Sisi, U.S., 27,000, an unbalanced quote, a lone AND) is
// taken instead as plain words, each whitespace-separated term a phrase,
// so that el-Sisi finds "el-Sisi" and "el Sisi". Text is matched without
// regard to case or diacritics, and words are stemmed (rates finds rate).
// An empty query has no hits.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]storyline.SearchHit, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	q := strings.TrimSpace(query)
	if q == "" {
		return []storyline.SearchHit{}, nil
	}
	hits, err := s.search(ctx, q, limit)
	if err == nil {
		return hits, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("search %q: %w", query, ctx.Err())
	}
	// Most likely an FTS5 syntax error: take the input as plain words.
	plain := quoteTerms(q)
	if plain == "" {
		return []storyline.SearchHit{}, nil
	}
	hits, err = s.search(ctx, plain, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, nil
}

// quoteTerms turns user input into an FTS5 query that means "all these
// terms": each whitespace-separated term becomes a phrase (its inner quotes
// doubled), and terms with no letter or digit, which the tokenizer would
// reduce to nothing, are dropped.
func quoteTerms(q string) string {
	var terms []string
	for _, f := range strings.Fields(q) {
		if !strings.ContainsFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			continue
		}
		terms = append(terms, `"`+strings.ReplaceAll(f, `"`, `""`)+`"`)
	}
	return strings.Join(terms, " ")
}

// search runs one FTS5 query.
func (s *Store) search(ctx context.Context, match string, limit int) ([]storyline.SearchHit, error) {
	rows, err := s.r.QueryContext(ctx, searchSQL, match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hits := []storyline.SearchHit{}
	for rows.Next() {
		var h storyline.SearchHit
		a, err := scanArticle(rows, &h.Snippet, &h.Rank)
		if err != nil {
			return nil, err
		}
		h.Article = a
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return hits, nil
}
