package sqlite

import (
	"context"
	"strconv"
	"testing"

	"github.com/storyline/storyline"
)

// TestSearchRanksTheLatest checks that Search ranks only the latest
// matches of a query that matches more than it ranks: the best match,
// stored first, is left out.
func TestSearchRanksTheLatest(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	texts := []string{"Gaza Gaza Gaza Gaza.", "Gaza talks went on for a long while today.", "Gaza aid arrived late.", "Gaza again, briefly."}
	var arts []*storyline.Article
	for i, text := range texts {
		arts = append(arts, &storyline.Article{ID: storyline.ArticleID(text), Ref: strconv.Itoa(i), Text: text})
	}
	if _, err := s.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	defer func(q string) { searchSQL = q }(searchSQL)
	for _, tt := range []struct {
		ranked int
		want   string // the best hit
	}{{MaxRanked, texts[0]}, {4, texts[0]}, {3, texts[3]}} {
		searchSQL = rankedSearchSQL(tt.ranked)
		hits, err := s.Search(ctx, "gaza", 0)
		if err != nil || len(hits) != min(tt.ranked, len(texts)) || hits[0].Article.Text != tt.want {
			t.Errorf("ranking %d: %d hits, %v; want %d, the best %q", tt.ranked, len(hits), err, min(tt.ranked, len(texts)), tt.want)
		}
	}
}
