package describe

import (
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/extract"
)

var seeds struct {
	once sync.Once
	arts []*storyline.Article
	err  error
}

// seedArticles returns the five seed articles (examples/seeds) cleaned
// and annotated as ingest does, in file order; seed 000, which has no
// date of its own, gets its later version's (004) as ingest infers it.
func seedArticles(t testing.TB) []*storyline.Article {
	t.Helper()
	seeds.once.Do(func() {
		paths, _ := filepath.Glob("../examples/seeds/*.txt")
		sort.Strings(paths)
		an, err := annotate.New()
		if err != nil {
			seeds.err = err
			return
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				seeds.err = err
				return
			}
			a, err := extract.Clean(storyline.RawArticle{Ref: filepath.Base(p), Input: p, Format: storyline.FormatText, Body: string(b)})
			if err != nil {
				seeds.err = err
				return
			}
			seeds.arts = append(seeds.arts, a)
		}
		if len(seeds.arts) == 5 && seeds.arts[0].Published == "" {
			seeds.arts[0].Published = seeds.arts[4].Published[:10]
		}
		for _, a := range seeds.arts {
			an.Recognise(a)
			an.Resolve(a)
		}
	})
	if seeds.err != nil {
		t.Fatal(seeds.err)
	}
	if len(seeds.arts) != 5 {
		t.Skip("examples/seeds not found")
	}
	return seeds.arts
}
