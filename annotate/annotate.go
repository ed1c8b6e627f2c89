// Package annotate runs the language stages on articles: it recognises
// named mentions (ner), resolves them into entities across articles
// (resolve), links places to the gazetteer (gazetteer), and finds and
// resolves time expressions and the dates of happenings (timex).
//
// Recognition is pure and runs on many goroutines; resolution keeps state
// (the entities known so far) and runs on one, in ingest order.
package annotate

import (
	"fmt"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/gazetteer"
	"github.com/storyline/storyline/ner"
	"github.com/storyline/storyline/resolve"
	"github.com/storyline/storyline/timex"
)

// Annotator holds the embedded models and the entities resolved so far.
// Recognise is safe for concurrent use; Resolve and Load are not.
type Annotator struct {
	tagger *ner.Tagger
	gaz    *gazetteer.Gazetteer
	res    *resolve.Resolver
}

// New returns an annotator with the embedded models and no entities.
func New() (*Annotator, error) {
	t, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("annotate: %w", err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		return nil, fmt.Errorf("annotate: %w", err)
	}
	return &Annotator{tagger: t, gaz: g, res: resolve.NewResolver()}, nil
}

// Load adds an entity already stored, so that new mentions can link to it.
func (an *Annotator) Load(e storyline.Entity) { an.res.Load(e) }

// Recognise sets a.Entities to the named mentions of a.Text, unresolved,
// and dates it (see Date). The lists are never nil: an article without
// names or dates gets empty ones.
func (an *Annotator) Recognise(a *storyline.Article) {
	a.Entities = an.tagger.Tag(a.Text)
	if a.Entities == nil {
		a.Entities = []storyline.Mention{}
	}
	Date(a)
}

// Date sets a.Timexes to the time expressions of a.Text resolved against
// a.Published, and a.SentenceDates to the date of each sentence's
// happening. Run it again when Published changes.
func Date(a *storyline.Article) {
	a.Timexes = timex.Tag(a.Text, a.Published)
	if a.Timexes == nil {
		a.Timexes = []storyline.Timex{}
	}
	a.SentenceDates = timex.SentenceDates(a.Text, a.Published, a.Timexes)
	if a.SentenceDates == nil {
		a.SentenceDates = []storyline.SentenceDate{}
	}
}

// Resolve links a's recognised mentions to entities: it sets their Entity
// and a.EntityChanges, the entities created or changed, with places
// looked up for LOC entities (the article's other place names and its
// dateline settle ambiguous ones: Paris, Texas).
func (an *Annotator) Resolve(a *storyline.Article) {
	pc := gazetteer.Context{Dateline: a.Dateline}
	seen := map[string]bool{}
	for _, m := range a.Entities {
		if m.Type == storyline.LOC && !seen[m.Text] {
			seen[m.Text] = true
			pc.Names = append(pc.Names, m.Text)
		}
	}
	places := map[string]*storyline.Place{}
	an.res.PlaceOf = func(_ string, m storyline.Mention) *storyline.Place {
		name := strings.TrimSpace(m.Text)
		if p, ok := places[name]; ok {
			return p
		}
		var pp *storyline.Place
		if p, ok := an.gaz.Resolve(name, pc); ok {
			pp = &p
		}
		places[name] = pp
		return pp
	}
	a.Entities, a.EntityChanges = an.res.Add(a.ID, a.Text, a.Entities)
	an.res.PlaceOf = nil
	for i := range a.EntityChanges {
		a.EntityChanges[i].Articles = nil // the store keeps which articles mention what
	}
}
