package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	nurl "net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"github.com/storyline/storyline"
)

// Limits that keep HTML safe on hostile input. The largest of the
// readability dev pages has 5,923 nodes, 283 paragraphs and 90 KB of text;
// parts of trafilatura take time quadratic in the number of paragraphs
// times their text, so the limits are well above news pages but below
// what would take seconds.
const (
	// MaxHTMLBytes is the largest page HTML accepts, in bytes.
	MaxHTMLBytes = 16 << 20
	// maxHTMLNodes is the most nodes a parsed page may have.
	maxHTMLNodes = 100_000
	// maxHTMLParagraphs is the most <p> elements a page may have.
	maxHTMLParagraphs = 3_000
	// maxHTMLText is the most text (outside scripts and styles) a page may
	// have, in bytes.
	maxHTMLText = 1 << 20
	// maxHTMLDepth is how deep elements may nest; deeper content is
	// flattened into the element at this depth (browsers stop at 512).
	maxHTMLDepth = 256
	// maxOutputBlocks is trafilatura's MaxTreeSize: the most blocks the
	// extracted text may have.
	maxOutputBlocks = 20_000
)

// ErrNoText is returned (wrapped) by HTML when a page has no readable text.
var ErrNoText = errors.New("no readable text")

// HTML extracts the article from a web page: its main text (one paragraph
// per block element, paragraphs separated by "\n\n"), title, author line,
// publication date (with time and offset when the page gives them), site
// name, canonical URL (pageURL when the page names none) and language.
// body is the page as fetched: a page not in UTF-8 is decoded by the
// charset it declares. It records one ReasonHTMLBoilerplate Removal
// summarising what was cut. It fails, with an error wrapping ErrNoText,
// when nothing readable is found, and with an error when the page is too
// large or an extraction library fails; it never panics.
func HTML(body, pageURL string) (c Cleaned, err error) {
	defer func() {
		if r := recover(); r != nil {
			c = Cleaned{}
			err = fmt.Errorf("extract html: internal error in extraction: %v", r)
		}
	}()
	if len(body) > MaxHTMLBytes {
		return Cleaned{}, fmt.Errorf("extract html: page too large: %d bytes (limit %d)", len(body), MaxHTMLBytes)
	}
	page := decodeHTML(body)
	if strings.TrimSpace(page) == "" {
		return Cleaned{}, fmt.Errorf("extract html: empty page: %w", ErrNoText)
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return Cleaned{}, fmt.Errorf("extract html: parse: %w", err)
	}
	sc := scanPage(doc)
	switch {
	case sc.nodes > maxHTMLNodes:
		return Cleaned{}, fmt.Errorf("extract html: page too large: %d nodes (limit %d)", sc.nodes, maxHTMLNodes)
	case sc.paragraphs > maxHTMLParagraphs:
		return Cleaned{}, fmt.Errorf("extract html: page too large: %d paragraphs (limit %d)", sc.paragraphs, maxHTMLParagraphs)
	case sc.textBytes > maxHTMLText:
		return Cleaned{}, fmt.Errorf("extract html: page too large: %d bytes of text (limit %d)", sc.textBytes, maxHTMLText)
	}

	pruneFurniture(doc, sc.furniture)

	opts := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  true,
		MaxTreeSize:     maxOutputBlocks,
		// The date is found below, with its time and offset.
		HtmlDateOverride: &htmldate.Result{},
	}
	base := sc.canonical
	if u, perr := nurl.Parse(strings.TrimSpace(pageURL)); perr == nil && u.IsAbs() {
		opts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return Cleaned{}, fmt.Errorf("extract html: %w: %v", ErrNoText, err)
	}
	md := res.Metadata
	c = Cleaned{
		Title:  pageTitle(cleanLine(md.Title), cleanLine(md.Sitename), sc),
		Byline: cleanLine(md.Author),
		Source: cleanLine(md.Sitename),
		URL:    cleanLine(md.URL),
	}
	dropLinkLists(res.ContentNode, sc.lists)
	blocks := appendBlocks(nil, res.ContentNode)
	// The headline repeated as the first paragraph.
	if len(blocks) > 0 && c.Title != "" && sameWords(blocks[0].text, c.Title) {
		c.Removed = append(c.Removed, storyline.Removal{Reason: storyline.ReasonTitleRepeat, Text: blocks[0].text})
		blocks = blocks[1:]
	}
	// Headings with no text after them: what followed was cut.
	for len(blocks) > 0 && blocks[len(blocks)-1].heading {
		c.Removed = append(c.Removed, storyline.Removal{Reason: storyline.ReasonTrailing, Text: blocks[len(blocks)-1].text})
		blocks = blocks[:len(blocks)-1]
	}
	paras := make([]string, len(blocks))
	for i, b := range blocks {
		paras[i] = b.text
	}
	text := strings.Join(paras, "\n\n")
	if strings.TrimSpace(text) == "" {
		return Cleaned{}, fmt.Errorf("extract html: %w", ErrNoText)
	}
	c.Text = text
	if c.URL == "" {
		c.URL = cleanLine(pageURL)
	}
	if base == "" {
		base = c.URL
	}
	c.Published = publishedDate(doc, base, sc)
	c.Lang = sc.lang()
	if c.Lang == "" {
		c.Lang = guessLang(text)
	}
	c.Removed = append([]storyline.Removal{{
		Reason: storyline.ReasonHTMLBoilerplate,
		Text: fmt.Sprintf("markup, scripts and page furniture: %s of %s bytes",
			thousands(max(0, len(body)-len(text))), thousands(len(body))),
	}}, c.Removed...)
	return c, nil
}

// decodeHTML returns the page as UTF-8. A page that is valid UTF-8 is
// taken as it is, whatever it declares (a declaration that lies is more
// common than Latin-1 text that happens to be valid UTF-8); any other page
// is decoded by its byte order mark or declared charset, else as
// windows-1252.
func decodeHTML(body string) string {
	if utf8.ValidString(body) {
		return strings.TrimPrefix(body, "\uFEFF")
	}
	head := body
	if len(head) > 1024 {
		head = head[:1024]
	}
	enc, name, _ := charset.DetermineEncoding([]byte(head), "text/html")
	if name == "utf-8" || enc == nil {
		return strings.ToValidUTF8(body, "\uFFFD")
	}
	out, err := enc.NewDecoder().Bytes([]byte(body))
	if err != nil {
		return strings.ToValidUTF8(body, "\uFFFD")
	}
	return string(out)
}

// pageScan is what one light walk over the parsed page finds.
type pageScan struct {
	nodes      int
	paragraphs int // <p> elements
	textBytes  int // text outside scripts and styles
	htmlLang   string
	metaLang   string       // http-equiv content-language, og:locale
	canonical  string       // link rel=canonical, og:url
	dates      []string     // publication stamps from meta, JSON-LD and <time>, best first
	lists      []*html.Node // ul, ol and dl elements, outermost first
	furniture  []*html.Node // comment threads and picture galleries, outermost first
	docTitle   string       // the <title> element's text
	metaTitle  bool         // the page has og:title, twitter:title or a meta title
}

// scanPage walks doc once, without recursion, counting nodes, flattening
// markup nested deeper than maxHTMLDepth, and collecting the language,
// canonical URL and publication stamps that trafilatura's metadata loses.
func scanPage(doc *html.Node) *pageScan {
	sc := &pageScan{}
	var metaDates, ldDates, pubTimes, otherTimes []string
	type item struct {
		n     *html.Node
		depth int
	}
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		sc.nodes++
		if n.Type == html.TextNode {
			sc.textBytes += len(n.Data)
			continue
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.P {
				sc.paragraphs++
			}
			if it.depth >= maxHTMLDepth && n.FirstChild != nil {
				flatten(n)
			}
			switch n.DataAtom {
			case atom.Html:
				if sc.htmlLang == "" {
					sc.htmlLang = attr(n, "lang")
					if sc.htmlLang == "" {
						sc.htmlLang = attr(n, "xml:lang")
					}
				}
			case atom.Meta:
				scanMeta(n, sc, &metaDates)
			case atom.Link:
				if sc.canonical == "" && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
					sc.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ldDates = append(ldDates, jsonLDDates(n.FirstChild.Data)...)
				}
				continue // no need to walk the script's text
			case atom.Style, atom.Template:
				continue
			case atom.Title:
				if sc.docTitle == "" && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					sc.docTitle = cleanLine(n.FirstChild.Data)
				}
				continue
			case atom.Ul, atom.Ol, atom.Dl:
				sc.lists = append(sc.lists, n)
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					if hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished") {
						pubTimes = append(pubTimes, dt)
					} else if len(otherTimes) < 8 {
						otherTimes = append(otherTimes, dt)
					}
				}
			}
			if isFurniture(n) {
				sc.furniture = append(sc.furniture, n)
			}
			if ip := attr(n, "itemprop"); strings.EqualFold(ip, "datePublished") && n.DataAtom != atom.Meta && n.DataAtom != atom.Time {
				if v := firstNonEmpty(attr(n, "content"), attr(n, "datetime")); v != "" {
					metaDates = append(metaDates, v)
				}
			}
		}
		for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
			stack = append(stack, item{ch, it.depth + 1})
		}
	}
	sc.dates = slices.Concat(metaDates, ldDates, pubTimes, otherTimes)
	return sc
}

// flatten replaces the children of n by their text, in one text node.
func flatten(n *html.Node) {
	var b strings.Builder
	stack := []*html.Node{}
	for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
		stack = append(stack, ch)
	}
	for len(stack) > 0 {
		m := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch m.Type {
		case html.TextNode:
			b.WriteString(m.Data)
			continue
		case html.ElementNode:
			if m.DataAtom == atom.Script || m.DataAtom == atom.Style {
				continue
			}
			b.WriteByte(' ')
		}
		for ch := m.LastChild; ch != nil; ch = ch.PrevSibling {
			stack = append(stack, ch)
		}
	}
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		n.RemoveChild(ch)
		ch = next
	}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: b.String()})
}

// Meta names and properties that carry the publication time.
var metaDateKeys = map[string]bool{
	"article:published_time": true, "og:published_time": true, "og:article:published_time": true,
	"datepublished": true, "date": true, "pubdate": true, "publishdate": true, "publish-date": true,
	"publish_date": true, "published_time": true, "article.published": true, "dc.date.issued": true,
	"dcterms.issued": true, "dc.date": true, "dcterms.date": true, "sailthru.date": true,
	"parsely-pub-date": true, "cxenseparse:recs:publishtime": true, "originalpublicationdate": true,
	"article_date_original": true, "displaydate": true, "citation_publication_date": true,
}

func scanMeta(n *html.Node, sc *pageScan, dates *[]string) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	if strings.EqualFold(attr(n, "http-equiv"), "content-language") && sc.metaLang == "" {
		sc.metaLang = content
		return
	}
	for _, key := range []string{attr(n, "property"), attr(n, "name"), attr(n, "itemprop")} {
		key = strings.ToLower(strings.TrimSpace(key))
		switch {
		case key == "":
		case key == "og:locale" || key == "language" || key == "dc.language":
			if sc.metaLang == "" {
				sc.metaLang = content
			}
		case key == "og:title" || key == "twitter:title" || key == "title" || key == "dc.title" || key == "headline":
			sc.metaTitle = true
		case key == "og:url":
			if sc.canonical == "" {
				sc.canonical = content
			}
		case metaDateKeys[key]:
			*dates = append(*dates, content)
		}
	}
}

// jsonLDDates returns the datePublished values of a JSON-LD script, then
// its dateCreated values, looking into @graph and nested objects (in a
// fixed order: members of an object by name).
func jsonLDDates(src string) []string {
	src = strings.TrimSpace(src)
	if src == "" || len(src) > 1<<20 {
		return nil
	}
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		// Some pages wrap JSON-LD in HTML comments or CDATA sections.
		for _, w := range []string{"//", "<![CDATA[", "<!--"} {
			src = strings.TrimSpace(strings.TrimPrefix(src, w))
		}
		for _, w := range []string{"-->", "]]>", "//"} {
			src = strings.TrimSpace(strings.TrimSuffix(src, w))
		}
		if json.Unmarshal([]byte(src), &v) != nil {
			return nil
		}
	}
	var published, created []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 20 {
			return
		}
		switch t := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(t))
			for k, x := range t {
				if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
					switch {
					case strings.EqualFold(k, "datePublished"):
						published = append(published, s)
					case strings.EqualFold(k, "dateCreated"):
						created = append(created, s)
					}
				}
				switch x.(type) {
				case map[string]any, []any:
					if k != "comment" && k != "review" && k != "hasPart" {
						keys = append(keys, k)
					}
				}
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(t[k], depth+1)
			}
		case []any:
			for _, x := range t {
				walk(x, depth+1)
			}
		}
	}
	walk(v, 0)
	return append(published, created...)
}

// publishedDate runs htmldate (fast mode, with time extraction) on doc and
// refines its answer with the stamps of the page scan: the first stamp
// whose date agrees with htmldate's gives the time and offset.
func publishedDate(doc *html.Node, pageURL string, sc *pageScan) string {
	res, err := htmldate.FromDocument(doc, htmldate.Options{
		UseOriginalDate:     true,
		SkipExtensiveSearch: true,
		ExtractTime:         true,
		URL:                 pageURL,
	})
	var day string
	if err == nil && !res.IsZero() {
		day = res.DateTime.Format("2006-01-02")
	}
	// The first stamp on the day htmldate found (or the first stamp at all
	// when it found none), made precise by a later stamp of the same day
	// and clock time that also gives the offset.
	best := ""
	for _, s := range sc.dates {
		p, ok := normDate(s)
		if !ok || (day != "" && p[:10] != day) {
			continue
		}
		if best == "" {
			best = p
			day = p[:10]
			continue
		}
		if len(best) == 19 && len(p) > 19 && p[:19] == best {
			best = p
			break
		}
	}
	if best != "" {
		return best
	}
	if day == "" {
		return ""
	}
	switch {
	case res.HasTime && res.HasTimezone:
		return res.DateTime.Format(time.RFC3339)
	case res.HasTime:
		return res.DateTime.Format("2006-01-02T15:04:05")
	}
	return day
}

// normDate normalises a machine-readable stamp from metadata to
// "2006-01-02", "2006-01-02T15:04:05" or RFC 3339, by ParseDate's fast
// paths only (no language-guessing fallback: these are metadata values).
func normDate(s string) (string, bool) {
	p, ok := parseDate(s, []string{}, false)
	if !ok || len(p) < 10 {
		return "", false
	}
	return p, true
}

// pageTitle returns the article's title from trafilatura's: the <title>
// when trafilatura fell back to a heading that has nothing in common with
// it (a section name), and without the site's name as a segment of it
// ("Headline - BBC News", "Site | Headline").
func pageTitle(title, site string, sc *pageScan) string {
	if !sc.metaTitle && sc.docTitle != "" && !shareWord(title, sc.docTitle) {
		title = sc.docTitle
	}
	return stripSiteName(title, site)
}

// titleSeps separate a headline from the site's name in titles.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / "}

// stripSiteName removes a leading or trailing segment of title that is the
// site's name.
func stripSiteName(title, site string) string {
	ws := wordsOnly(site)
	if ws == "" {
		return title
	}
	for _, sep := range titleSeps {
		if i := strings.LastIndex(title, sep); i > 0 {
			if seg := wordsOnly(title[i+len(sep):]); seg != "" && (seg == ws || strings.Contains(ws, seg) || strings.Contains(seg, ws)) {
				if head := strings.TrimSpace(title[:i]); head != "" {
					return head
				}
			}
		}
		if i := strings.Index(title, sep); i > 0 {
			if seg := wordsOnly(title[:i]); seg != "" && (seg == ws || strings.Contains(ws, seg)) {
				if tail := strings.TrimSpace(title[i+len(sep):]); tail != "" {
					return tail
				}
			}
		}
	}
	return title
}

// shareWord reports whether a and b have a word of four or more letters
// in common, ignoring case.
func shareWord(a, b string) bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(a), notWord) {
		if utf8.RuneCountInString(w) >= 4 {
			words[w] = true
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(b), notWord) {
		if words[w] {
			return true
		}
	}
	return false
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// lang returns the page's declared language as an ISO 639-1 code.
func (sc *pageScan) lang() string {
	for _, l := range []string{sc.htmlLang, sc.metaLang} {
		if code := isoLang(l); code != "" {
			return code
		}
	}
	return ""
}

// isoLang reduces a language tag ("en-US", "pt_BR", "DE") to its ISO 639-1
// code, or "" when it has none.
func isoLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_ ,;"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

// guessLang guesses the language of text, "" when the guess is unreliable.
func guessLang(text string) string {
	if len(text) > 4096 {
		text = text[:4096]
		text = strings.ToValidUTF8(text, "")
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// Elements of trafilatura's output that make a paragraph of their own.
// trafilatura creates elements without atoms, so they go by tag name.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "dt": true, "dd": true, "blockquote": true, "pre": true, "tr": true, "table": true,
	"ul": true, "ol": true, "dl": true, "section": true, "article": true, "figure": true,
	"figcaption": true, "header": true, "footer": true, "main": true, "aside": true, "details": true,
	"summary": true, "body": true, "hr": true, "address": true, "caption": true,
}

// htmlBlock is one paragraph of the extracted text.
type htmlBlock struct {
	text    string
	heading bool // from h1-h6
}

// isFurniture reports whether n is navigation, a comment thread or a
// picture gallery, by its element, role, class names and id: parts of a
// page that trafilatura's own rules miss (its baseline fallback keeps
// navigation; it knows comment classes only by their start).
func isFurniture(n *html.Node) bool {
	if n.DataAtom == atom.Nav || strings.EqualFold(attr(n, "role"), "navigation") {
		return true
	}
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Aside, atom.Ul, atom.Ol, atom.Figure, atom.Form:
	default:
		return false
	}
	id := strings.ToLower(attr(n, "id"))
	if id == "comments" || id == "disqus_thread" || strings.HasPrefix(id, "comments-") || id == "gallery" {
		return true
	}
	for _, t := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		switch {
		case t == "comment", t == "comments", t == "commentlist", t == "comment-list", t == "comments-list",
			strings.HasPrefix(t, "comments-"),
			t == "gallery", strings.HasSuffix(t, "-gallery"), strings.HasPrefix(t, "gallery-"),
			strings.Contains(t, "slideshow"), strings.Contains(t, "carousel"):
			return true
		}
	}
	return false
}

// pruneFurniture removes the candidates (in document order) from the page,
// except those that hold the article's headline or its <article> or
// <main> element: a class name is not worth the article.
func pruneFurniture(doc *html.Node, cands []*html.Node) {
	for _, n := range cands {
		if !attached(doc, n) || holdsArticle(n) {
			continue
		}
		n.Parent.RemoveChild(n)
	}
}

// attached reports whether n is still in the tree under doc.
func attached(doc, n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == doc {
			return true
		}
	}
	return false
}

func holdsArticle(n *html.Node) bool {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		m := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if m.Type != html.ElementNode {
			continue
		}
		switch m.DataAtom {
		case atom.H1, atom.Article, atom.Main, atom.Body:
			return true
		}
		for ch := m.FirstChild; ch != nil; ch = ch.NextSibling {
			stack = append(stack, ch)
		}
	}
	return false
}

// linkListDensity is the share of a list's text inside links above which
// the list is taken for a list of links to other pages (navigation,
// related stories, most read) rather than part of the article.
const linkListDensity = 0.8

// linkLists returns the text (as wordsOnly) of the lists of the page
// that have at least three items and whose text is mostly links.
func linkLists(lists []*html.Node) []string {
	var out []string
	for _, l := range lists {
		items := 0
		for ch := l.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && (ch.DataAtom == atom.Li || ch.DataAtom == atom.Dt || ch.DataAtom == atom.Dd) {
				items++
			}
		}
		if items < 3 {
			continue
		}
		if total, links := linkShare(l); total > 0 && float64(links) >= linkListDensity*float64(total) {
			out = append(out, wordsOnly(nodeText(l)))
		}
	}
	return out
}

// dropLinkLists removes from the extracted tree the top-level lists whose
// text is part of one of the page's link lists, and returns how many
// bytes of text it removed.
func dropLinkLists(root *html.Node, lists []*html.Node) int {
	if root == nil {
		return 0
	}
	var keys []string
	computed := false
	dropped := 0
	for top := root.FirstChild; top != nil; {
		next := top.NextSibling
		if top.Type == html.ElementNode && (top.Data == "ul" || top.Data == "ol" || top.Data == "dl") {
			if !computed {
				keys, computed = linkLists(lists), true
			}
			t := nodeText(top)
			if w := wordsOnly(t); w != "" {
				for _, k := range keys {
					if strings.Contains(k, w) {
						root.RemoveChild(top)
						dropped += len(t)
						break
					}
				}
			}
		}
		top = next
	}
	return dropped
}

// nodeText returns the text under n, scripts and styles left out.
func nodeText(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		m := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch m.Type {
		case html.TextNode:
			b.WriteString(m.Data)
			continue
		case html.ElementNode:
			if m.DataAtom == atom.Script || m.DataAtom == atom.Style {
				continue
			}
		}
		for ch := m.LastChild; ch != nil; ch = ch.PrevSibling {
			stack = append(stack, ch)
		}
	}
	return b.String()
}

// linkShare returns the number of non-space bytes of text under n and how
// many of them are inside links.
func linkShare(n *html.Node) (total, links int) {
	type item struct {
		n      *html.Node
		inLink bool
	}
	stack := []item{{n, false}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.n.Type == html.TextNode {
			k := 0
			for _, r := range it.n.Data {
				if !unicode.IsSpace(r) {
					k += utf8.RuneLen(r)
				}
			}
			total += k
			if it.inLink {
				links += k
			}
			continue
		}
		in := it.inLink || (it.n.Type == html.ElementNode && it.n.Data == "a")
		for ch := it.n.FirstChild; ch != nil; ch = ch.NextSibling {
			stack = append(stack, item{ch, in})
		}
	}
	return total, links
}

// appendBlocks renders the subtree n as paragraphs, appending them to
// blocks: one paragraph per block element, white space collapsed.
func appendBlocks(blocks []htmlBlock, n *html.Node) []htmlBlock {
	var cur strings.Builder
	heading := 0
	curHeading := false
	flush := func() {
		if p := cleanPara(cur.String()); p != "" {
			blocks = append(blocks, htmlBlock{text: p, heading: curHeading})
		}
		cur.Reset()
		curHeading = heading > 0
	}
	type item struct {
		n     *html.Node
		leave bool
	}
	stack := []item{{n: n}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		if it.leave {
			switch {
			case n.Data == "td" || n.Data == "th":
				cur.WriteString(" \t ")
			case blockTags[n.Data]:
				flush()
				if headingTags[n.Data] {
					heading--
					curHeading = heading > 0
				}
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			continue
		case html.ElementNode, html.DocumentNode:
		default:
			continue
		}
		switch n.Data {
		case "script", "style", "noscript", "template", "nav":
			continue
		case "br":
			cur.WriteByte('\n')
			continue
		}
		if blockTags[n.Data] {
			flush()
			if headingTags[n.Data] {
				heading++
				curHeading = true
			}
		}
		stack = append(stack, item{n: n, leave: true})
		for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
			stack = append(stack, item{n: ch})
		}
	}
	flush()
	return blocks
}

var headingTags = map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}

// cleanPara normalises one paragraph: NFC, no soft hyphens or zero-width
// characters, runs of white space collapsed (line breaks kept as "\n",
// table cells as " | "), trimmed.
func cleanPara(s string) string {
	if s == "" {
		return ""
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace, pendingNL, pendingCell := false, false, false
	for _, r := range s {
		switch {
		case r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			continue
		case r == '\t':
			pendingCell = true
			continue
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			pendingNL = true
			continue
		case unicode.IsSpace(r):
			pendingSpace = true
			continue
		case r == utf8.RuneError || unicode.IsControl(r):
			continue
		}
		if b.Len() > 0 {
			switch {
			case pendingCell:
				b.WriteString(" | ")
			case pendingNL:
				b.WriteByte('\n')
			case pendingSpace:
				b.WriteByte(' ')
			}
		}
		pendingSpace, pendingNL, pendingCell = false, false, false
		b.WriteRune(r)
	}
	return b.String()
}

// cleanLine normalises a metadata value: one line, white space collapsed.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// thousands formats n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b bytes.Buffer
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sameWords reports whether a and b are the same text, ignoring case,
// punctuation and white space.
func sameWords(a, b string) bool {
	na, nb := wordsOnly(a), wordsOnly(b)
	return na != "" && na == nb
}

func wordsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
