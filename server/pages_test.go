package server

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

// getPage GETs a page, checks its status and returns it parsed.
func (f *fixture) getPage(t testing.TB, target string, code int) (parsed, string) {
	t.Helper()
	res, body := f.get(t, target)
	if res.StatusCode != code {
		t.Fatalf("GET %s: %d, want %d:\n%s", target, res.StatusCode, code, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", target, ct)
	}
	return parse(t, body), body
}

func TestStoryPages(t *testing.T) {
	f := described(t)
	p, _ := f.getPage(t, "/", 200)
	found := false
	for _, li := range p.all("ol.cards li") {
		if strings.Contains(textOf(li), "US diplomacy over the Gaza war") {
			found = true
			meta := textOf(li)
			for _, want := range []string{"2024-02-05 – 2024-06-11", "4 events", "7 articles from 6 independent sources", "Antony Blinken"} {
				if !strings.Contains(meta, want) {
					t.Errorf("story list: %q does not say %q", meta, want)
				}
			}
		}
	}
	if !found {
		t.Fatal("story list: no fixture story")
	}

	p, _ = f.getPage(t, "/stories/st-blinken-mideast", 200)
	want := []string{
		"Blinken meets Crown Prince Mohammed bin Salman in Riyadh",
		"Blinken meets el-Sisi in Cairo, then the emir of Qatar in Doha",
		"Blinken presses for a Gaza ceasefire in Cairo",
	}
	if got := texts(p.all("ol.timeline a.event")); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("story timeline %q, want %q", got, want)
	}
	if got := texts(p.all("ul.timeline a.event")); len(got) != 1 || got[0] != "Blinken ends a regional tour in Cairo" {
		t.Errorf("story undated %q", got)
	}
	if n := len(p.all("p.summary span.sentence")); n != 4 {
		t.Errorf("story summary: %d sentences, want 4", n)
	}
	if got := texts(p.all(".claim td.num")); strings.Join(got, ",") != "More than 27,000,27,478" {
		t.Errorf("story claims %q", got)
	}
	if n := len(p.all("figure.map a.stop")); n != 2 {
		t.Errorf("story map: %d places, want Riyadh and Cairo", n)
	}
}

func TestEventPage(t *testing.T) {
	f := described(t)
	ctx := context.Background()
	p, _ := f.getPage(t, "/events/ev-cairo-2024-02-06", 200)
	if got := p.text(t, "h1"); got != "Blinken meets el-Sisi in Cairo, then the emir of Qatar in Doha" {
		t.Errorf("h1 %q", got)
	}
	if got := p.text(t, "p.meta .sources"); got != "3 articles from 2 independent sources" {
		t.Errorf("sources %q", got)
	}
	if got := texts(p.all(".chips a.ent")); strings.Join(got, ",") != "Antony Blinken,Abdel Fattah el-Sisi" {
		t.Errorf("participants %q", got)
	}
	// Citations: the first sentence cites two articles, the first with
	// the sentence it comes from, linked to that sentence.
	cites := p.all("p.summary a.cite")
	if len(cites) != 3 {
		t.Fatalf("%d citations, want 3", len(cites))
	}
	first := p.all("p.summary a.cite span.src")[0]
	sentence := "Secretary of State Antony J. Blinken met with leaders in Egypt and Qatar on Tuesday"
	if !strings.Contains(textOf(first), "“"+sentence+"”") {
		t.Errorf("first citation shows %q, want the sentence", textOf(first))
	}
	a000, err := f.store.Article(ctx, "000_606db7fd7e6b588c.txt")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(a000.Text, sentence)
	if href := attrOf(cites[0], "href"); href != fmt.Sprintf("/articles/%s?cite=%d-%d#cited", a000.ID, i, i+len(sentence)) {
		t.Errorf("first citation links to %s", href)
	}
	if got := texts(p.all("ol.sources li a")); len(got) != 2 {
		t.Errorf("sources listed %q, want 2", got)
	}
	// Copies fold under their origin.
	groups := p.all("ol.groups > li")
	if len(groups) != 2 {
		t.Fatalf("%d groups, want 2", len(groups))
	}
	var folded []string
	for _, g := range groups {
		for _, d := range (parsed{g}).all("details.copies") {
			folded = append(folded, textOf(d))
		}
	}
	if len(folded) != 1 || !strings.Contains(folded[0], "1 copy") {
		t.Errorf("folded copies %q", folded)
	}
	if n := len(p.all("figure.map a.stop")); n != 2 {
		t.Errorf("map: %d places, want Cairo and Doha", n)
	}

	// Claims and quotes.
	p, _ = f.getPage(t, "/events/ev-riyadh-2024-02-05", 200)
	if got := texts(p.all(".claim h3 span.update")); len(got) != 1 {
		t.Errorf("claim status %q, want one update", got)
	}
	if got := texts(p.all(".claim td.num")); strings.Join(got, ",") != "More than 27,000,27,478" {
		t.Errorf("claims %q", got)
	}
	if got := p.text(t, "blockquote.quote p"); got != "“an enduring end to the crisis in Gaza”" {
		t.Errorf("quote %q", got)
	}
	if got := p.text(t, "blockquote.quote footer a"); got != "Matthew Miller" {
		t.Errorf("quote speaker %q", got)
	}
}

func TestEntityPage(t *testing.T) {
	f := described(t)
	e, err := f.store.Entity(context.Background(), "Antony Blinken")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := f.getPage(t, "/entities/"+e.ID, 200)
	if got := p.text(t, "h1"); got != "Antony Blinken" {
		t.Errorf("h1 %q", got)
	}
	var aliases []string
	for _, a := range e.Aliases {
		aliases = append(aliases, fmt.Sprintf("%s %d", a.Text, a.Count))
	}
	if got := texts(p.all("ul.aliases li")); strings.Join(got, "|") != strings.Join(aliases, "|") {
		t.Errorf("aliases %q, want %q", got, aliases)
	}
	if got := texts(p.all("ol.itinerary li time")); strings.Join(got, ",") != "2024-02-05,2024-02-06,2024-02-06,2024-06-10" {
		t.Errorf("itinerary %q", got)
	}
	// Riyadh is stop 1, Doha 3; Cairo stops 2 and 4 share one marker.
	if got := texts(p.all("figure.map a.stop text")); strings.Join(got, "|") != "1|2,4|3" {
		t.Errorf("map markers %q", got)
	}
	if n := len(p.all("ul.roles li")); n == 0 {
		t.Error("no roles")
	}
	if n := len(p.all("ol.articles li")); n != min(len(e.Articles), entityArticlesPage) {
		t.Errorf("%d articles listed, want %d", n, len(e.Articles))
	}
	// Pages of its articles.
	p, _ = f.getPage(t, "/entities/"+e.ID+"?limit=2&offset=2", 200)
	if n := len(p.all("ol.articles li")); n != 2 {
		t.Errorf("second page: %d articles", n)
	}
	if n := len(p.all("nav.pager a")); n != 2 {
		t.Errorf("second page: %d page links, want previous and next", n)
	}

	// A place: its own point on the map.
	p, _ = f.getPage(t, "/entities/Cairo", 200)
	if got := p.text(t, "p.place"); !strings.Contains(got, "Egypt") {
		t.Errorf("Cairo: place %q", got)
	}
	if n := len(p.all("figure.map a.stop")); n != 1 {
		t.Errorf("Cairo: %d map markers", n)
	}
}

func TestArticlePage(t *testing.T) {
	f := described(t)
	a, err := f.store.Article(context.Background(), "004_f017c9f61be14897.txt")
	if err != nil {
		t.Fatal(err)
	}
	quote := "an enduring end to the crisis in Gaza"
	i := strings.Index(a.Text, quote)
	p, _ := f.getPage(t, fmt.Sprintf("/articles/%s?cite=%d-%d", a.ID, i, i+len(quote)), 200)
	if got := p.text(t, "div.text"); got != a.Text {
		t.Error("the text shown is not the stored text")
	}
	if got := p.text(t, "mark#cited"); got != quote {
		t.Errorf("cited %q, want %q", got, quote)
	}
	linked := 0
	for _, m := range a.Entities {
		if m.Entity != "" {
			linked++
		}
	}
	if n := len(p.all("div.text a.m")); n == 0 || n > linked {
		t.Errorf("%d mentions linked, of %d", n, linked)
	}
	if n := len(p.all("div.text span.tx")); n == 0 || n > len(a.Timexes) {
		t.Errorf("%d time expressions marked, of %d", n, len(a.Timexes))
	}
	if got := texts(p.all("table.list td.reason")); len(got) != len(a.Removed) {
		t.Errorf("removed %q, want %d", got, len(a.Removed))
	}
	if n := len(p.all("ul.shared li")); n != len(a.Reuse) || n == 0 {
		t.Errorf("%d shared passages listed, want %d", n, len(a.Reuse))
	}
	if got := p.text(t, "p.kicker a"); got != "Blinken meets Crown Prince Mohammed bin Salman in Riyadh" {
		t.Errorf("event %q", got)
	}
	// A copy names its origin.
	p, _ = f.getPage(t, "/articles/003_a598c9c48d0379d8.txt", 200)
	if got := texts(p.all("dl.fields dd a")); len(got) < 2 || got[len(got)-1] != "(The U.S. Secretary of State, Antony Blinken, continued his diplomatic tour of t…)" {
		t.Errorf("copy: links %q, want its origin's headline last", got)
	}
	// Offsets out of range mark nothing.
	p, _ = f.getPage(t, fmt.Sprintf("/articles/%s?cite=5-%d", a.ID, len(a.Text)+1), 200)
	if n := len(p.all("mark#cited")); n != 0 {
		t.Error("an out-of-range citation is marked")
	}
}

func TestListAndSearchPages(t *testing.T) {
	f := described(t)
	p, _ := f.getPage(t, "/events?from=2024-06-01", 200)
	if got := texts(p.all("ol.cards a.title")); len(got) != 1 || got[0] != "Blinken presses for a Gaza ceasefire in Cairo" {
		t.Errorf("events from June: %q", got)
	}
	p, _ = f.getPage(t, "/articles?limit=2", 200)
	if n := len(p.all("ol.articles > li")); n != 2 {
		t.Errorf("articles: %d listed", n)
	}
	if got := attrOf(p.all("nav.pager a[rel=next]")[0], "href"); got != "?limit=2&offset=2" {
		t.Errorf("next page link %q", got)
	}
	p, _ = f.getPage(t, "/entities?type=LOC&name=cai", 200)
	if got := texts(p.all("table.list td a.ent")); len(got) == 0 || got[0] != "Cairo" {
		t.Errorf("entities LOC cai: %q", got)
	}
	p, _ = f.getPage(t, "/search?q="+url.QueryEscape(`"Rafah crossing" OR Rafah`), 200)
	if n := len(p.all("ol.hits > li")); n < 2 {
		t.Errorf("search: %d hits", n)
	}
	if got := attrOf(p.all("a.names")[0], "href"); got != "/entities?name=%22Rafah%20crossing%22%20OR%20Rafah" {
		t.Errorf("link to names: %s", got)
	}
	p, _ = f.getPage(t, "/search?q=rafah", 200)
	if got := texts(p.all("ul.chips a.ent")); !slices.Contains(got, "Rafah") {
		t.Errorf("search rafah lists the names %q, want Rafah among them", got)
	}
	for _, m := range texts(p.all("p.snippet mark")) {
		if !strings.Contains(strings.ToLower(m), "rafah") {
			t.Errorf("search marks %q", m)
		}
	}
	p, _ = f.getPage(t, "/events/nope", 404)
	if got := p.text(t, "p.error"); !strings.Contains(got, `"nope"`) {
		t.Errorf("404 page says %q", got)
	}
	f.getPage(t, "/stories?limit=0", 404)
	f.getPage(t, "/?limit=0", 400)
}

func TestEmptyStorePages(t *testing.T) {
	srv, _ := emptyServer(t, Options{})
	f := &fixture{srv: srv}
	p, _ := f.getPage(t, "/", 200)
	if got := p.text(t, "p.empty"); !strings.Contains(got, "Nothing is stored yet") {
		t.Errorf("empty store: %q", got)
	}
	for _, target := range []string{"/events", "/entities", "/articles", "/search?q=x", "/ingest"} {
		f.getPage(t, target, 200)
	}
}

// TestHostileArticle checks that an article's markup, from any of its
// fields, reaches every page and the API as text.
func TestHostileArticle(t *testing.T) {
	f := described(t)
	a, err := f.store.Article(context.Background(), "hostile-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<script>", "<img src=x onerror", "javascript:alert(3)"} {
		if !strings.Contains(a.Title+a.Text, s) {
			t.Fatalf("the stored hostile article lost %q, so this test proves nothing", s)
		}
	}
	if a.URL != "javascript:alert(document.domain)" || !strings.Contains(a.Source, "<b>") {
		t.Fatalf("hostile url %q, source %q", a.URL, a.Source)
	}
	for _, target := range []string{"/articles/hostile-1", "/events/ev-cairo-final-stop", "/stories/st-blinken-mideast",
		"/articles", "/search?q=alert", "/entities/" + url.PathEscape("Antony Blinken"), "/api/articles/hostile-1", "/api/search?q=alert"} {
		_, body := f.get(t, target)
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "</textarea>", `href="javascript:`, "<b>evil"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s carries %q unescaped", target, bad)
			}
		}
		if !strings.Contains(body, "alert(") {
			t.Errorf("%s does not show the hostile article at all", target)
		}
		if strings.HasPrefix(target, "/articles/") && !strings.Contains(body, "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;") {
			t.Errorf("%s does not show the title as text", target)
		}
	}
	// The URL is shown, not linked.
	p, _ := f.getPage(t, "/articles/hostile-1", 200)
	for _, n := range p.all("a") {
		if strings.HasPrefix(strings.TrimSpace(strings.ToLower(attrOf(n, "href"))), "javascript") {
			t.Errorf("a javascript: link: %s", attrOf(n, "href"))
		}
	}
	if n := len(p.all("div.text img")) + len(p.all("div.text script")) + len(p.all("div.text svg")); n != 0 {
		t.Errorf("%d elements made of the text", n)
	}
}

func TestStaticAssets(t *testing.T) {
	f := seeded(t)
	p, _ := f.getPage(t, "/", 200)
	for _, sel := range []string{"link[rel=stylesheet]", "script[src]"} {
		n := p.all(sel)
		if len(n) != 1 {
			t.Fatalf("%s: %d", sel, len(n))
		}
		href := attrOf(n[0], "href") + attrOf(n[0], "src")
		res, body := f.get(t, href)
		if res.StatusCode != 200 || len(body) == 0 || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d, %d bytes, Cache-Control %q", href, res.StatusCode, len(body), res.Header.Get("Cache-Control"))
		}
		if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "css") && !strings.Contains(ct, "javascript") {
			t.Errorf("%s: Content-Type %q", href, ct)
		}
	}
	if res, _ := f.get(t, "/static/style.css?v=old"); res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("unversioned asset cached: %q", res.Header.Get("Cache-Control"))
	}
	if res, _ := f.get(t, "/static/../server.go"); res.StatusCode == 200 {
		t.Error("a path outside the assets is served")
	}
	if res, _ := f.get(t, "/static/nope.js"); res.StatusCode != 404 {
		t.Errorf("missing asset: %d", res.StatusCode)
	}
	// No page loads anything from another origin.
	for _, n := range append(p.all("link"), p.all("script")...) {
		if u := attrOf(n, "href") + attrOf(n, "src"); !strings.HasPrefix(u, "/") {
			t.Errorf("an asset from elsewhere: %s", u)
		}
	}
}

// TestEveryPageRenders asks for the page and the API object of every
// story, event, entity and article of both fixtures.
func TestEveryPageRenders(t *testing.T) {
	ctx := context.Background()
	for _, f := range []*fixture{seeded(t), described(t)} {
		var targets []string
		sts, err := f.store.Stories(ctx, storyline.StoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range sts {
			targets = append(targets, "/stories/"+st.ID, "/api/stories/"+st.ID, "/api/timeline?story="+st.ID)
		}
		evs, err := f.store.Events(ctx, storyline.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			targets = append(targets, "/events/"+e.ID, "/api/events/"+e.ID)
		}
		es, err := f.store.Entities(ctx, storyline.EntityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			targets = append(targets, "/entities/"+e.ID, "/api/entities/"+e.ID)
		}
		as, err := f.store.Articles(ctx, storyline.ArticleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			targets = append(targets, "/articles/"+a.ID, "/api/articles/"+a.ID)
		}
		if len(sts) == 0 || len(evs) == 0 || len(es) == 0 || len(as) == 0 {
			t.Fatalf("fixture: %d stories, %d events, %d entities, %d articles", len(sts), len(evs), len(es), len(as))
		}
		for _, target := range targets {
			if res, body := f.get(t, target); res.StatusCode != 200 {
				t.Errorf("%s: %d %s", target, res.StatusCode, show.Clip(body, 200))
			}
		}
	}
}
