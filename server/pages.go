package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

// pageRoutes are the web UI's pages.
var pageRoutes = []route{
	{"GET", "/{$}", (*Server).storiesPage},
	{"GET", "/stories/{id}", (*Server).storyPage},
	{"GET", "/events", (*Server).eventsPage},
	{"GET", "/events/{id}", (*Server).eventPage},
	{"GET", "/entities", (*Server).entitiesPage},
	{"GET", "/entities/{id}", (*Server).entityPage},
	{"GET", "/articles", (*Server).articlesPage},
	{"GET", "/articles/{id}", (*Server).articlePage},
	{"GET", "/search", (*Server).searchPage},
	{"GET", "/ingest", (*Server).ingestPage},
	{"POST", "/ingest", (*Server).ingestForm},
	{"GET", "/static/{file...}", func(s *Server) http.HandlerFunc { return s.pages.serveStatic }},
}

// html adapts a function that returns a page's name and view.
func (s *Server) html(f func(r *http.Request) (string, *view, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name, v, err := f(r)
		if err == nil {
			err = s.pages.render(w, http.StatusOK, name, v)
		}
		if err != nil {
			s.fail(w, r, err)
		}
	}
}

// pager is the pagination and filters of a list page.
type pager struct {
	Query      listQuery
	Prev, Next url.Values
	EntityName string // the entity filter's name, when set
}

// pager returns the pagination and filters of a list page; more tells
// whether the list had more than q.Limit items.
func (q listQuery) pager(r *http.Request, more bool) pager {
	p := pager{Query: q, Prev: q.prev(r.URL.Query()), Next: q.next(r.URL.Query(), more)}
	if q.entity != nil {
		p.EntityName = q.entity.Name
	}
	return p
}

// storiesData is the story list.
type storiesData struct {
	pager
	Stories  []storyline.Story
	Articles int // stored articles, told when there is no story
}

func (s *Server) storiesPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		q, err := s.listRequest(r, defaultLimit)
		if err != nil {
			return "", nil, err
		}
		ctx := r.Context()
		d := &storiesData{}
		var m bool
		if d.Stories, m, err = s.stories(ctx, q); err != nil {
			return "", nil, err
		}
		d.pager = q.pager(r, m)
		if len(d.Stories) == 0 && q.Offset == 0 {
			c, err := s.store.Counts(ctx)
			if err != nil {
				return "", nil, err
			}
			d.Articles = c.Articles
		}
		return "stories", &view{Title: "Stories", Section: "stories", Data: d}, nil
	})
}

// storyData is a story page: the story, its cited summary, its dated
// events (oldest first) and its undated ones.
type storyData struct {
	*show.StoryDetail
	Summary        []citedSentence
	Cited          []citeSource
	Claims         []claimView
	Dated, Undated []storyline.Event
	Map            *MapView
}

func (s *Server) storyPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		ctx := r.Context()
		st, err := show.Story(ctx, s.store, r.PathValue("id"))
		if err != nil {
			return "", nil, err
		}
		d := &storyData{StoryDetail: st}
		known, err := s.items(ctx, nil, citedArticles(st.Story.Summary, st.Story.Claims, nil))
		if err != nil {
			return "", nil, err
		}
		d.Summary, d.Cited = cite(st.Story.Summary, known)
		d.Claims = claims(st.Story.Claims, known)
		var places []storyline.EntityRef
		for _, e := range st.Timeline {
			if e.Start == "" {
				d.Undated = append(d.Undated, e)
				continue
			}
			d.Dated = append(d.Dated, e)
			if len(e.Places) > 0 {
				places = append(places, e.Places[0])
			}
		}
		if d.Map, err = drawMap(mapPlaces(places, nil)); err != nil {
			return "", nil, err
		}
		return "story", &view{Title: orUntitled(st.Title), Section: "stories", Data: d}, nil
	})
}

func orUntitled(t string) string {
	if t == "" {
		return "(untitled)"
	}
	return t
}

// eventsData is the event list.
type eventsData struct {
	pager
	Events []storyline.Event
}

func (s *Server) eventsPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		q, err := s.listRequest(r, defaultLimit)
		if err != nil {
			return "", nil, err
		}
		d := &eventsData{}
		var m bool
		if d.Events, m, err = s.events(r.Context(), q, r.URL.Query()); err != nil {
			return "", nil, err
		}
		d.pager = q.pager(r, m)
		return "events", &view{Title: "Events", Section: "events", Data: d}, nil
	})
}

// eventData is an event page.
type eventData struct {
	*show.EventDetail
	Summary []citedSentence
	Cited   []citeSource
	Claims  []claimView
	Quotes  []quoteView
	Map     *MapView
}

// claimView is a claim group with its claims' articles.
type claimView struct {
	storyline.ClaimGroup
	Articles map[string]show.ArticleItem
}

// quoteView is a quote with its article.
type quoteView struct {
	storyline.Quote
	Article show.ArticleItem
}

func (s *Server) eventPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		ctx := r.Context()
		e, err := show.EventView(ctx, s.store, r.PathValue("id"))
		if err != nil {
			return "", nil, err
		}
		var groups []show.ArticleItem
		for _, g := range e.Groups {
			groups = append(groups, g.Origin)
			groups = append(groups, g.Copies...)
		}
		known, err := s.items(ctx, groups, citedArticles(e.Event.Summary, e.Event.Claims, e.Quotes))
		if err != nil {
			return "", nil, err
		}
		d := &eventData{EventDetail: e}
		d.Summary, d.Cited = cite(e.Event.Summary, known)
		d.Claims = claims(e.Event.Claims, known)
		for _, q := range e.Quotes {
			d.Quotes = append(d.Quotes, quoteView{Quote: q, Article: itemOf(q.Article, known)})
		}
		if d.Map, err = drawMap(mapPlaces(e.Places, nil)); err != nil {
			return "", nil, err
		}
		return "event", &view{Title: orUntitled(e.Title), Section: "events", Data: d}, nil
	})
}

// claims adds to claim groups the list view of their articles.
func claims(groups []storyline.ClaimGroup, known map[string]show.ArticleItem) []claimView {
	var out []claimView
	for _, g := range groups {
		cv := claimView{ClaimGroup: g, Articles: map[string]show.ArticleItem{}}
		for _, c := range g.Claims {
			cv.Articles[c.Article] = itemOf(c.Article, known)
		}
		out = append(out, cv)
	}
	return out
}

// citedArticles returns the IDs of the articles a summary (its first
// maxCited sources), claims and quotes cite.
func citedArticles(summary []storyline.SummarySentence, claims []storyline.ClaimGroup, quotes []storyline.Quote) []string {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, ss := range summary {
		for _, id := range ss.Sources {
			if len(ids) < maxCited {
				add(id)
			}
		}
	}
	for _, g := range claims {
		for _, c := range g.Claims {
			add(c.Article)
		}
	}
	for _, q := range quotes {
		add(q.Article)
	}
	return ids
}

// items returns the list views of the articles with these IDs, by ID:
// those of have, and the others read from the store at once.
func (s *Server) items(ctx context.Context, have []show.ArticleItem, ids []string) (map[string]show.ArticleItem, error) {
	known := make(map[string]show.ArticleItem, len(have)+len(ids))
	for _, a := range have {
		known[a.ID] = a
	}
	var missing []string
	for _, id := range ids {
		if _, ok := known[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return known, nil
	}
	as, err := s.store.Articles(ctx, storyline.ArticleFilter{IDs: missing, Brief: true})
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		known[a.ID] = show.Item(a)
	}
	return known, nil
}

// itemOf returns the list view of the article with this ID from known;
// an article no longer stored is shown by its ID alone.
func itemOf(id string, known map[string]show.ArticleItem) show.ArticleItem {
	if a, ok := known[id]; ok {
		return a
	}
	return show.ArticleItem{ID: id, Headline: id}
}

// citedSentence is a summary sentence with its citations.
type citedSentence struct {
	Text  string
	Date  string
	Cites []citation
}

// citation is one source of a summary sentence: the number of the source,
// a link to the article (to the cited sentence in it, for the first
// source, which the sentence was taken from) and that source sentence.
type citation struct {
	N        int
	Href     string
	Article  show.ArticleItem
	Sentence string // the source sentence; empty for the sources that support it in other words
}

// citeSource is a numbered source of a summary.
type citeSource struct {
	N       int
	Article show.ArticleItem
}

// maxCited caps the distinct sources a summary lists.
const maxCited = 50

// cite numbers the sources of a summary in the order they are first
// cited and makes each sentence's citations.
func cite(summary []storyline.SummarySentence, known map[string]show.ArticleItem) ([]citedSentence, []citeSource) {
	num := map[string]int{}
	var sources []citeSource
	var out []citedSentence
	for _, ss := range summary {
		cs := citedSentence{Text: ss.Text, Date: ss.Date}
		for i, id := range ss.Sources {
			n, ok := num[id]
			if !ok {
				if len(sources) == maxCited {
					continue
				}
				n = len(sources) + 1
				num[id] = n
				sources = append(sources, citeSource{N: n, Article: itemOf(id, known)})
			}
			c := citation{N: n, Article: sources[n-1].Article, Href: "/articles/" + url.PathEscape(id)}
			if i == 0 {
				c.Sentence = ss.Text
				if ss.Start < ss.End {
					c.Href += "?cite=" + strconv.Itoa(ss.Start) + "-" + strconv.Itoa(ss.End) + "#cited"
				}
			}
			cs.Cites = append(cs.Cites, c)
		}
		out = append(out, cs)
	}
	return out, sources
}

// mapPlaces turns places into map points, one per distinct place with
// coordinates, labelled with the numbers (from 1) of the places that are
// it; labels, when given, name each place instead of its name.
func mapPlaces(places []storyline.EntityRef, labels []string) []mapPlace {
	var out []mapPlace
	at := map[string]int{}
	for i, p := range places {
		if p.Place == nil || (p.Place.Lat == 0 && p.Place.Lon == 0) {
			continue
		}
		n := strconv.Itoa(i + 1)
		key := p.ID
		if key == "" {
			key = p.Name
		}
		if j, ok := at[key]; ok {
			out[j].Label += "," + n
			continue
		}
		name := p.Name
		if labels != nil {
			name = labels[i]
		}
		at[key] = len(out)
		out = append(out, mapPlace{Lat: p.Place.Lat, Lon: p.Place.Lon, Label: n, Name: name, Href: "/entities/" + url.PathEscape(p.ID)})
	}
	return out
}

// entitiesData is the entity list.
type entitiesData struct {
	pager
	Entities []storyline.Entity
	Type     string
	Name     string
	Types    []string
}

func (s *Server) entitiesPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		v := r.URL.Query()
		q, err := parseList(v, defaultLimit)
		if err != nil {
			return "", nil, err
		}
		d := &entitiesData{Type: strings.ToUpper(v.Get("type")), Name: v.Get("name"), Types: entityTypes}
		var m bool
		if d.Entities, m, err = s.entities(r.Context(), q, v); err != nil {
			return "", nil, err
		}
		d.pager = q.pager(r, m)
		return "entities", &view{Title: "Entities", Section: "entities", Data: d}, nil
	})
}

// entityData is an entity page.
type entityData struct {
	*show.EntityDetail
	Roles    []roleView
	Map      *MapView
	Articles []show.ArticleItem
	Pager    pager
}

// roleView is a title and the articles that give it.
type roleView struct {
	Title    string
	Articles []string
}

// entityArticlesPage is how many of an entity's articles a page lists.
const entityArticlesPage = 20

func (s *Server) entityPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		ctx := r.Context()
		v := r.URL.Query()
		q, err := parseList(v, entityArticlesPage)
		if err != nil {
			return "", nil, err
		}
		e, err := show.Entity(ctx, s.store, r.PathValue("id"), s.sources)
		if err != nil {
			return "", nil, err
		}
		d := &entityData{EntityDetail: e}
		by := map[string]int{}
		for _, role := range e.Roles {
			i, ok := by[role.Title]
			if !ok {
				i = len(d.Roles)
				by[role.Title] = i
				d.Roles = append(d.Roles, roleView{Title: role.Title})
			}
			d.Roles[i].Articles = append(d.Roles[i].Articles, role.Article)
		}
		// e.Articles are in ingest order, as lists are.
		page := e.Articles[min(q.Offset, len(e.Articles)):]
		page, m := more(page, q.Limit)
		if len(page) > 0 {
			arts, err := s.store.Articles(ctx, storyline.ArticleFilter{IDs: page, Brief: true})
			if err != nil {
				return "", nil, err
			}
			d.Articles = show.Items(arts)
		}
		d.Pager = q.pager(r, m)
		switch {
		case len(e.Itinerary) > 0:
			places := make([]storyline.EntityRef, len(e.Itinerary))
			labels := make([]string, len(e.Itinerary))
			for i, st := range e.Itinerary {
				places[i] = st.Place
				labels[i] = st.Place.Name + ", " + st.Date
			}
			d.Map, err = drawMap(mapPlaces(places, labels))
		case e.Place != nil:
			d.Map, err = drawMap(mapPlaces([]storyline.EntityRef{{ID: e.ID, Name: e.Name, Place: e.Place}}, nil))
		}
		if err != nil {
			return "", nil, err
		}
		return "entity", &view{Title: e.Name, Section: "entities", Data: d}, nil
	})
}

// articlesData is the article list.
type articlesData struct {
	pager
	Articles []show.ArticleItem
}

func (s *Server) articlesPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		q, err := s.listRequest(r, defaultLimit)
		if err != nil {
			return "", nil, err
		}
		d := &articlesData{}
		var m bool
		if d.Articles, m, err = s.articles(r.Context(), q, r.URL.Query()); err != nil {
			return "", nil, err
		}
		d.pager = q.pager(r, m)
		return "articles", &view{Title: "Articles", Section: "articles", Data: d}, nil
	})
}

// articleData is an article page.
type articleData struct {
	*show.ArticleDetail
	CopyOf     string // the origin of its copy group, when it is a copy
	Text       []Segment
	Cited      bool
	Linked     map[string]show.ArticleItem
	Entities   []storyline.Entity
	EventTitle string
	StoryTitle string
}

func (s *Server) articlePage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		ctx := r.Context()
		a, err := show.Article(ctx, s.store, r.PathValue("id"))
		if err != nil {
			return "", nil, err
		}
		d := &articleData{ArticleDetail: a, CopyOf: a.Article.DuplicateOf, Linked: map[string]show.ArticleItem{}}
		cite := parseSpan(r.URL.Query().Get("cite"), len(a.Text))
		d.Cited = cite[0] < cite[1]
		d.Text = highlight(a.Text, a.Entities, a.Timexes, cite)
		for _, l := range a.Linked {
			d.Linked[l.ID] = l
		}
		if d.Entities, err = s.store.Entities(ctx, storyline.EntityFilter{Article: a.ID}); err != nil {
			return "", nil, err
		}
		if a.Event != "" {
			if e, err := s.store.Event(ctx, a.Event); err == nil {
				d.EventTitle = e.Title
			} else if !errors.Is(err, storyline.ErrNotFound) {
				return "", nil, err
			}
		}
		if a.Story != "" {
			if st, err := s.store.Story(ctx, a.Story); err == nil {
				d.StoryTitle = st.Title
			} else if !errors.Is(err, storyline.ErrNotFound) {
				return "", nil, err
			}
		}
		return "article", &view{Title: show.Headline(a.Article), Section: "articles", Data: d}, nil
	})
}

// parseSpan reads "start-end" byte offsets within [0, n]; the zero span
// when s is not that.
func parseSpan(s string, n int) [2]int {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return [2]int{}
	}
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || start < 0 || start >= end || end > n {
		return [2]int{}
	}
	return [2]int{start, end}
}

// searchData is the search page.
type searchData struct {
	*SearchResult
	Pager pager
}

func (s *Server) searchPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		v := r.URL.Query()
		q, err := parseList(v, 20)
		if err != nil {
			return "", nil, err
		}
		text, err := textParam(v, "q")
		if err != nil {
			return "", nil, err
		}
		res, m, err := s.search(r.Context(), text, q)
		if err != nil {
			return "", nil, err
		}
		d := &searchData{SearchResult: res, Pager: q.pager(r, m)}
		title := "Search"
		if text != "" {
			title = "Search: " + text
		}
		return "search", &view{Title: title, Section: "search", Query: text, Data: d}, nil
	})
}

// ingestData is the ingest page: the form, and after a post its result.
type ingestData struct {
	CSRF      string
	NeedToken bool
	MaxUpload int64
	Result    *IngestResult
}

func (s *Server) ingestPage() http.HandlerFunc {
	return s.html(func(r *http.Request) (string, *view, error) {
		return "ingest", &view{Title: "Ingest", Section: "ingest", Data: s.ingestData(nil)}, nil
	})
}

func (s *Server) ingestData(res *IngestResult) *ingestData {
	return &ingestData{CSRF: s.csrf, NeedToken: s.opt.Token != "", MaxUpload: s.opt.MaxUpload, Result: res}
}

// ingestForm takes the ingest form's files: the CSRF token and, when the
// server has one, its token must come with them.
func (s *Server) ingestForm() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		res, err := s.ingestUpload(w, r)
		if err == nil {
			err = s.pages.render(w, http.StatusOK, "ingest", &view{Title: "Ingested", Section: "ingest", Data: s.ingestData(res)})
		}
		if err != nil {
			s.fail(w, r, err)
		}
	}
}

func (s *Server) ingestUpload(w http.ResponseWriter, r *http.Request) (*IngestResult, error) {
	u, err := s.receive(w, r)
	if err != nil {
		return nil, err
	}
	defer u.remove()
	if err := s.checkCSRF(u.fields["csrf"]); err != nil {
		return nil, err
	}
	if err := s.checkToken(u.fields["token"]); err != nil {
		return nil, err
	}
	if len(u.paths) == 0 {
		return nil, errBadRequest("no files chosen")
	}
	return s.ingest(r.Context(), u)
}
