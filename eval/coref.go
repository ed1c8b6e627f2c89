package eval

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/resolve"
)

// BCubed is the B-cubed score of Bagga & Baldwin (1998) of a clustering
// of items against the gold one: pred[i] and gold[i] are the cluster
// labels of item i. Each item's precision is the share of its predicted
// cluster that is in its gold cluster, its recall the share of its gold
// cluster that is in its predicted cluster; P and R are their means over
// the items.
func BCubed(pred, gold []string) (p, r, f float64) {
	if len(pred) != len(gold) {
		panic(fmt.Sprintf("eval.BCubed: %d predicted labels for %d gold ones", len(pred), len(gold)))
	}
	if len(pred) == 0 {
		return 1, 1, 1
	}
	ps := map[string]int{}
	gs := map[string]int{}
	both := map[[2]string]int{}
	for i := range pred {
		ps[pred[i]]++
		gs[gold[i]]++
		both[[2]string{pred[i], gold[i]}]++
	}
	for i := range pred {
		n := float64(both[[2]string{pred[i], gold[i]}])
		p += n / float64(ps[pred[i]])
		r += n / float64(gs[gold[i]])
	}
	p /= float64(len(pred))
	r /= float64(len(pred))
	return p, r, F1(p, r)
}

// CorefScore is one B-cubed score with the number of entities.
type CorefScore struct {
	P        float64 `json:"p"`
	R        float64 `json:"r"`
	F1       float64 `json:"f1"`
	Entities int     `json:"entities"` // predicted clusters
}

// EntitiesSystem is the score of one way of grouping the gold mentions.
type EntitiesSystem struct {
	Name      string                `json:"name"`
	Overall   CorefScore            `json:"overall"`    // across documents
	WithinDoc CorefScore            `json:"within_doc"` // each document alone
	ByType    map[string]CorefScore `json:"by_type"`    // across documents, per gold type
}

// EntitiesOrder is the cross-document score on one shuffled article order.
type EntitiesOrder struct {
	Seed    int64      `json:"seed"`
	Overall CorefScore `json:"overall"`
}

// EntitiesReport is the result of RunEntities.
type EntitiesReport struct {
	Data            string           `json:"data"`
	Articles        int              `json:"articles"`
	Mentions        int              `json:"mentions"`
	Linked          int              `json:"linked"` // gold mentions with a DBpedia link
	GoldEntities    int              `json:"gold_entities"`
	GoldWithinDoc   int              `json:"gold_within_doc_entities"`
	Systems         []EntitiesSystem `json:"systems"`
	Orders          []EntitiesOrder  `json:"orders,omitempty"`
	OrderF1Spread   float64          `json:"order_f1_spread,omitempty"` // max-min F1 over the orders and ingest order
	MentionsPerSec  float64          `json:"mentions_per_sec"`
	ArticlesPerSec  float64          `json:"articles_per_sec"`
	ResolverSeconds float64          `json:"resolver_seconds"`
}

// corefDoc is one MEANTIME document with its gold mentions.
type corefDoc struct {
	id, text, published string
	mentions            []storyline.Mention
	gold                []string // gold identity per mention
}

// loadMeantime reads meantime/ner.jsonl and the publication dates of
// meantime/articles.jsonl; documents come in order of publication (then id).
func loadMeantime(dir string) ([]corefDoc, error) {
	pub := map[string]string{}
	if err := eachJSONL(filepath.Join(dir, "articles.jsonl"), func(a *struct{ ID, Published string }) error {
		pub[a.ID] = a.Published
		return nil
	}); err != nil {
		return nil, err
	}
	var docs []corefDoc
	type nerLine struct {
		ID       string
		Text     string
		Entities []struct {
			Start, End int
			Type, Link string
		}
	}
	if err := eachJSONL(filepath.Join(dir, "ner.jsonl"), func(d *nerLine) error {
		doc := corefDoc{id: d.ID, text: d.Text, published: pub[d.ID]}
		for i, e := range d.Entities {
			if e.Start < 0 || e.End > len(d.Text) || e.Start >= e.End {
				return fmt.Errorf("document %s: mention %d has bad offsets %d-%d", d.ID, i, e.Start, e.End)
			}
			doc.mentions = append(doc.mentions, storyline.Mention{Start: e.Start, End: e.End, Text: d.Text[e.Start:e.End], Type: e.Type})
			g := e.Link
			if g == "" {
				g = fmt.Sprintf("nolink:%s:%d", d.ID, i)
			}
			doc.gold = append(doc.gold, g)
		}
		docs = append(docs, doc)
		return nil
	}); err != nil {
		return nil, err
	}
	sort.SliceStable(docs, func(a, b int) bool {
		if docs[a].published != docs[b].published {
			return docs[a].published < docs[b].published
		}
		return docs[a].id < docs[b].id
	})
	return docs, nil
}

// labels are the predicted cluster label of each mention of each document.
type labels [][]string

func score(docs []corefDoc, pred labels, within bool) CorefScore {
	var p, g []string
	for d, doc := range docs {
		for i := range doc.mentions {
			pl, gl := pred[d][i], doc.gold[i]
			if within {
				pl, gl = doc.id+"\x00"+pl, doc.id+"\x00"+gl
			}
			p = append(p, pl)
			g = append(g, gl)
		}
	}
	s := CorefScore{Entities: distinct(p)}
	s.P, s.R, s.F1 = BCubed(p, g)
	return s
}

func scoreByType(docs []corefDoc, pred labels) map[string]CorefScore {
	out := map[string]CorefScore{}
	for _, typ := range []string{storyline.PER, storyline.ORG, storyline.LOC, storyline.MISC} {
		var p, g []string
		for d, doc := range docs {
			for i, m := range doc.mentions {
				if m.Type == typ {
					p = append(p, pred[d][i])
					g = append(g, doc.gold[i])
				}
			}
		}
		s := CorefScore{Entities: distinct(p)}
		s.P, s.R, s.F1 = BCubed(p, g)
		out[typ] = s
	}
	return out
}

func distinct(ss []string) int {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return len(m)
}

// runResolver resolves the documents in the given order and returns the
// entity ID of each mention, indexed as docs.
func runResolver(docs []corefDoc, order []int, resolveArticle func(*storyline.Article)) labels {
	pred := make(labels, len(docs))
	for _, d := range order {
		a := &storyline.Article{ID: docs[d].id, Text: docs[d].text, Entities: slices.Clone(docs[d].mentions)}
		resolveArticle(a)
		pred[d] = make([]string, len(a.Entities))
		for i, m := range a.Entities {
			pred[d][i] = m.Entity
		}
	}
	return pred
}

// resolvers returns the resolution of ingest (places linked to the
// gazetteer, which merges a place's names) and that of package resolve
// alone, each new.
func resolvers() (ingest, alone func(*storyline.Article), err error) {
	an, err := annotate.New()
	if err != nil {
		return nil, nil, err
	}
	r := resolve.NewResolver()
	return an.Resolve, func(a *storyline.Article) {
		a.Entities, _ = r.Add(a.ID, a.Text, a.Entities)
	}, nil
}

// baseline groups the mentions whose key (a function of the mention text)
// is the same, across documents.
func baseline(docs []corefDoc, key func(string) string) labels {
	pred := make(labels, len(docs))
	for d, doc := range docs {
		for i, m := range doc.mentions {
			k := key(m.Text)
			if k == "" {
				k = fmt.Sprintf("empty:%d:%d", d, i)
			}
			pred[d] = append(pred[d], k)
		}
	}
	return pred
}

// headWord is the last word of a text, lowercased: the "same head word"
// baseline.
func headWord(s string) string {
	t := Tokens(strings.ToLower(s))
	if len(t) == 0 {
		return ""
	}
	return t[len(t)-1]
}

// RunEntities scores entity resolution on MEANTIME's gold mentions in
// dir/meantime (or dir itself when it holds ner.jsonl): B-cubed across
// documents (articles resolved in order of publication) and within each
// document, for storyline's resolver and two baselines (exact mention
// text; same last word lowercased). With orders > 0 the resolver also
// runs on that many shuffled article orders.
func RunEntities(dir string, orders int) (*EntitiesReport, error) {
	md := filepath.Join(dir, "meantime")
	if _, err := os.Stat(filepath.Join(md, "ner.jsonl")); err != nil {
		md = dir
	}
	docs, err := loadMeantime(md)
	if err != nil {
		return nil, fmt.Errorf("eval entities: %w", err)
	}
	rep := &EntitiesReport{Data: md, Articles: len(docs)}
	var gold []string
	var goldIn []string
	for _, d := range docs {
		rep.Mentions += len(d.mentions)
		for _, g := range d.gold {
			if !strings.HasPrefix(g, "nolink:") {
				rep.Linked++
			}
			gold = append(gold, g)
			goldIn = append(goldIn, d.id+"\x00"+g)
		}
	}
	rep.GoldEntities, rep.GoldWithinDoc = distinct(gold), distinct(goldIn)

	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	ingestResolve, alone, err := resolvers()
	if err != nil {
		return nil, fmt.Errorf("eval entities: %w", err)
	}
	t0 := time.Now()
	pred := runResolver(docs, order, ingestResolve)
	el := time.Since(t0).Seconds()
	rep.ResolverSeconds = el
	if el > 0 {
		rep.MentionsPerSec = float64(rep.Mentions) / el
		rep.ArticlesPerSec = float64(len(docs)) / el
	}
	// Within a document, storyline is resolve.Document alone.
	within := make(labels, len(docs))
	for d, doc := range docs {
		within[d] = make([]string, len(doc.mentions))
		for c, cl := range resolve.Document(doc.text, doc.mentions) {
			for _, i := range cl.Mentions {
				within[d][i] = fmt.Sprint(c)
			}
		}
	}
	sys := EntitiesSystem{Name: "storyline", Overall: score(docs, pred, false), WithinDoc: score(docs, within, true), ByType: scoreByType(docs, pred)}
	rep.Systems = append(rep.Systems, sys)
	p := runResolver(docs, order, alone)
	rep.Systems = append(rep.Systems, EntitiesSystem{Name: "resolver alone", Overall: score(docs, p, false), WithinDoc: sys.WithinDoc, ByType: scoreByType(docs, p)})
	for _, b := range []struct {
		name string
		key  func(string) string
	}{
		{"exact-text", func(s string) string { return s }},
		{"head-word", headWord},
	} {
		p := baseline(docs, b.key)
		rep.Systems = append(rep.Systems, EntitiesSystem{Name: b.name, Overall: score(docs, p, false), WithinDoc: score(docs, p, true), ByType: scoreByType(docs, p)})
	}
	if orders > 0 {
		lo, hi := sys.Overall.F1, sys.Overall.F1
		for k := 1; k <= orders; k++ {
			o := slices.Clone(order)
			rng := rand.New(rand.NewSource(int64(k)))
			rng.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
			fresh, _, err := resolvers()
			if err != nil {
				return nil, fmt.Errorf("eval entities: %w", err)
			}
			s := score(docs, runResolver(docs, o, fresh), false)
			rep.Orders = append(rep.Orders, EntitiesOrder{Seed: int64(k), Overall: s})
			lo, hi = min(lo, s.F1), max(hi, s.F1)
		}
		rep.OrderF1Spread = hi - lo
	}
	return rep, nil
}

// WriteJSON writes the report as one JSON object.
func (rep *EntitiesReport) WriteJSON(w io.Writer) error {
	return writeJSON(w, "entities", rep)
}

// WriteTable writes the report as text tables.
func (rep *EntitiesReport) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "MEANTIME gold mentions: %d articles, %d mentions (%d with a DBpedia link), %d gold entities (%d within documents)\n\n",
		rep.Articles, rep.Mentions, rep.Linked, rep.GoldEntities, rep.GoldWithinDoc)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "system\tcross-doc P\tR\tF1\tentities\twithin-doc P\tR\tF1\tentities")
	for _, s := range rep.Systems {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%.3f\t%.3f\t%.3f\t%d\n", s.Name,
			s.Overall.P, s.Overall.R, s.Overall.F1, s.Overall.Entities,
			s.WithinDoc.P, s.WithinDoc.R, s.WithinDoc.F1, s.WithinDoc.Entities)
	}
	fmt.Fprintf(tw, "gold\t\t\t\t%d\t\t\t\t%d\n", rep.GoldEntities, rep.GoldWithinDoc)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("eval entities: write table: %w", err)
	}
	fmt.Fprintln(w, "\ncross-doc B-cubed by gold type:")
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "system\ttype\tP\tR\tF1\tentities")
	for _, s := range rep.Systems {
		for _, t := range []string{storyline.PER, storyline.ORG, storyline.LOC, storyline.MISC} {
			c := s.ByType[t]
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%d\n", s.Name, t, c.P, c.R, c.F1, c.Entities)
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("eval entities: write table: %w", err)
	}
	if len(rep.Orders) > 0 {
		fmt.Fprintln(w, "\nshuffled article orders (storyline, cross-doc):")
		for _, o := range rep.Orders {
			fmt.Fprintf(w, "  seed %d: P %.3f R %.3f F1 %.3f, %d entities\n", o.Seed, o.Overall.P, o.Overall.R, o.Overall.F1, o.Overall.Entities)
		}
		fmt.Fprintf(w, "  F1 spread over the orders and publication order: %.3f\n", rep.OrderF1Spread)
	}
	_, err := fmt.Fprintf(w, "\nresolver: %.0f mentions/s, %.0f articles/s (%.3f s)\n", rep.MentionsPerSec, rep.ArticlesPerSec, rep.ResolverSeconds)
	if err != nil {
		return fmt.Errorf("eval entities: write table: %w", err)
	}
	return nil
}
