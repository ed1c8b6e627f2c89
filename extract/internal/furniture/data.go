package furniture

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Para is one training paragraph: its lines joined by "\n", and whether it
// is site furniture. A Context paragraph has no label: it is there as the
// neighbour of others (and is scored, as the decision rule needs), but is
// neither trained on nor counted.
type Para struct {
	Text      string
	Furniture bool
	Context   bool
}

// Doc is the sequence of paragraphs of one text as the plain-text cleaner
// would see them (neighbours are context).
type Doc struct {
	ID     string
	Source string // one of the Source constants
	// Group keeps related documents in one cross-validation fold: the
	// pages of one site, or one article.
	Group string
	Paras []Para
}

// Article is one news article of a held-out source, as raw text.
type Article struct {
	ID, Source, Text string
}

// Data sources.
const (
	SourceReadability = "readability"
	SourceGigaword    = "gigaword"
	SourceECBPlus     = "ecbplus"
	SourceTAC         = "tac2011"
	SourceMeantime    = "meantime"
)

// Labelling thresholds: a block of three words or more is content when at
// least contentShare of its word trigrams occur in the gold text, and
// furniture when at most furnitureShare do; in between it is ambiguous and
// left out.
const (
	contentShare   = 0.6
	furnitureShare = 0.3
	// How many copies of one block text a page contributes (share bars
	// and "Advertisement" slots recur dozens of times).
	maxRepeats = 2
)

// DataOptions say how the training documents are built.
type DataOptions struct {
	// Seed drives the random grouping of lines into paragraphs.
	Seed uint64
	// Copies is the number of documents made of each readability page,
	// with different groupings; ComparisonCopies the same for the pages
	// of the comparison set.
	Copies, ComparisonCopies int
	// ExtendLists labels furniture the other blocks of a list that holds
	// a furniture block of the comparison set (see comparisonBlocks).
	ExtendLists bool
	// Residue reports whether the cleaner's line rules cut a line before
	// the classifier sees it ("Share", "Advertisement", a byline, a bare
	// URL). Such lines are left out, and end the paragraph they are in,
	// as in the cleaner. nil keeps every line.
	Residue func(line string) bool
}

// ReadabilityDocs builds training documents from the readability test
// pages in dir/readability: every text block of a page, in document order,
// labelled content when its words are mostly in the page's gold text and
// furniture when they are mostly not, and runs of blocks of one label
// grouped at random into paragraphs (furniture of 1–6 lines, content of
// 1–4). The result is deterministic for the options.
func ReadabilityDocs(dir string, opt DataOptions) ([]Doc, error) {
	golds, err := readGold(filepath.Join(dir, "readability", "gold.jsonl"))
	if err != nil {
		return nil, err
	}
	var docs []Doc
	for pi, g := range golds {
		blocks, err := labelledBlocks(filepath.Join(dir, "readability", g.ID+".html"), g, opt.Residue)
		if err != nil {
			return nil, err
		}
		for c := range max(opt.Copies, 1) {
			rng := rand.New(rand.NewPCG(opt.Seed, uint64(pi)<<8|uint64(c)))
			docs = append(docs, Doc{
				ID:     g.ID + "#" + strconv.Itoa(c),
				Source: SourceReadability,
				Group:  siteGroup(g.ID),
				Paras:  groupBlocks(blocks, rng),
			})
		}
	}
	return docs, nil
}

// siteGroup is the site of a readability page: "nytimes-3" → "nytimes".
func siteGroup(id string) string {
	if i := strings.LastIndexByte(id, '-'); i > 0 {
		if _, err := strconv.Atoi(id[i+1:]); err == nil {
			return id[:i]
		}
	}
	return id
}

type goldPage struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

func readGold(path string) ([]goldPage, error) {
	var out []goldPage
	err := readJSONL(path, func(dec *json.Decoder) error {
		var g goldPage
		if err := dec.Decode(&g); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// readJSONL calls next until the file is exhausted.
func readJSONL(path string, next func(*json.Decoder) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	for n := 1; ; n++ {
		if err := next(dec); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("read %s: record %d: %w", path, n, err)
		}
	}
}

// block is a text block of a page with its label.
type block struct {
	text      string
	furniture bool
	context   bool // unlabelled: context only
	residue   bool // cut by the cleaner's line rules: a paragraph break
}

// labelledBlocks returns the labelled text blocks of the page at path.
func labelledBlocks(path string, g goldPage, residue func(string) bool) ([]block, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	doc, err := html.Parse(strings.NewReader(strings.ToValidUTF8(string(raw), "\uFFFD")))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	lab := newLabeller(g)
	var out []block
	seen := map[string]int{}
	for _, t := range pageBlocks(doc) {
		furn, ok := lab.label(t)
		if !ok {
			continue
		}
		if seen[t]++; seen[t] > maxRepeats {
			continue
		}
		out = append(out, block{text: t, furniture: furn, residue: residue != nil && residue(t)})
	}
	return out, nil
}

// groupBlocks groups runs of blocks of one label into paragraphs; residue
// blocks are left out and break runs.
func groupBlocks(blocks []block, rng *rand.Rand) []Para {
	var out []Para
	for i := 0; i < len(blocks); {
		if blocks[i].residue {
			i++
			continue
		}
		j := i
		for j < len(blocks) && blocks[j].furniture == blocks[i].furniture && blocks[j].context == blocks[i].context && !blocks[j].residue {
			j++
		}
		for i < j {
			k := min(j-i, paraLines(blocks[i], rng))
			lines := make([]string, k)
			for m := range k {
				lines[m] = blocks[i+m].text
			}
			out = append(out, Para{Text: strings.Join(lines, "\n"), Furniture: blocks[i].furniture, Context: blocks[i].context})
			i += k
		}
	}
	return out
}

// paraLines draws the number of lines of a paragraph: furniture 1–6
// uniformly; content mostly one line (plain text is usually a paragraph
// per line), sometimes up to four; unlabelled blocks (furniture and
// content, unknown) 1–4 uniformly.
func paraLines(b block, rng *rand.Rand) int {
	switch {
	case b.context:
		return 1 + rng.IntN(4)
	case b.furniture:
		return 1 + rng.IntN(6)
	}
	switch x := rng.Float64(); {
	case x < 0.6:
		return 1
	case x < 0.85:
		return 2
	default:
		return 3 + rng.IntN(2)
	}
}

// labeller tells content blocks from furniture by the page's gold text.
type labeller struct {
	trigrams map[uint64]bool
	lines    map[uint64]bool // token sequences of whole gold lines
	title    uint64
}

func newLabeller(g goldPage) *labeller {
	l := &labeller{trigrams: map[uint64]bool{}, lines: map[uint64]bool{}}
	toks := Tokens(g.Text)
	for i := 0; i+2 < len(toks); i++ {
		l.trigrams[mix64(mix64(toks[i], toks[i+1]), toks[i+2])] = true
	}
	for _, line := range strings.Split(g.Text, "\n") {
		if t := Tokens(line); len(t) > 0 {
			l.lines[seqHash(t)] = true
		}
	}
	l.title = seqHash(Tokens(g.Title))
	return l
}

// label returns whether the block is furniture, and false when it is
// neither clearly content nor clearly furniture, or is the title.
func (l *labeller) label(text string) (furniture, ok bool) {
	toks := Tokens(text)
	if len(toks) == 0 {
		return false, false
	}
	h := seqHash(toks)
	if h == l.title {
		return false, false
	}
	if l.lines[h] {
		return false, true
	}
	if len(toks) < 3 {
		// A short block that is not a whole gold line is furniture (a
		// menu item, a button), unless it is a known title.
		return true, true
	}
	in := 0
	for i := 0; i+2 < len(toks); i++ {
		if l.trigrams[mix64(mix64(toks[i], toks[i+1]), toks[i+2])] {
			in++
		}
	}
	share := float64(in) / float64(len(toks)-2)
	switch {
	case share >= contentShare:
		return false, true
	case share <= furnitureShare:
		return true, true
	}
	return false, false
}

func seqHash(toks []uint64) uint64 {
	h := uint64(len(toks))
	for _, t := range toks {
		h = mix64(h, t)
	}
	return h
}

// Tokens returns the hashes of all the tokens of s, as the features see
// them.
func Tokens(s string) []uint64 {
	var sc Scratch
	var sh shape
	sc.scan(s, len(s), &sh)
	return sc.toks
}

// Elements left out of a page's text, and elements that start a new block.
var (
	skipTags = map[string]bool{
		"head": true, "script": true, "style": true, "noscript": true, "svg": true, "template": true,
		"select": true, "option": true, "iframe": true, "object": true, "canvas": true, "math": true,
		"textarea": true,
	}
	blockTags = map[string]bool{
		"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
		"pre": true, "table": true, "tr": true, "td": true, "th": true, "thead": true, "tbody": true,
		"tfoot": true, "caption": true, "section": true, "article": true, "header": true, "footer": true,
		"nav": true, "aside": true, "main": true, "figure": true, "figcaption": true, "form": true,
		"fieldset": true, "legend": true, "address": true, "details": true, "summary": true, "hr": true,
		"br": true, "body": true, "center": true, "menu": true, "dialog": true, "picture": true,
		"video": true, "audio": true,
	}
)

// pageBlocks returns the text blocks of a page in document order: the text
// between two block-element boundaries, white space collapsed.
func pageBlocks(doc *html.Node) []string {
	var out []string
	walkBlocks(doc, func(t string, _ []*html.Node) { out = append(out, t) })
	return out
}

// listTags are the elements that hold a list of items (links, headlines,
// footer lines): walkBlocks reports those around a block.
var listTags = map[string]bool{
	"ul": true, "ol": true, "menu": true, "dl": true, "nav": true, "aside": true, "footer": true,
}

// walkBlocks calls f with the text blocks of a page in document order (see
// pageBlocks) and the list elements (listTags) around each, outermost
// first; f must not keep the slice.
func walkBlocks(doc *html.Node, f func(text string, lists []*html.Node)) {
	var cur strings.Builder
	var containers []*html.Node
	flush := func() {
		if t := collapse(cur.String()); t != "" {
			f(t, containers)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.Data] {
				return
			}
		case html.DocumentNode:
		default:
			return
		}
		isBlock := n.Type == html.ElementNode && blockTags[n.Data]
		if isBlock {
			flush()
		}
		isContainer := n.Type == html.ElementNode && listTags[n.Data]
		if isContainer {
			containers = append(containers, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if isBlock {
			flush()
		}
		if isContainer {
			containers = containers[:len(containers)-1]
		}
	}
	walk(doc)
	flush()
}

// collapse trims s and collapses its runs of white space to one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// NewsDocs builds the content documents from the dev halves of the news
// corpora in dir: the first half (by sorted id) of gigaword-silver, ECB+
// topics 1–10 (1–4 sentence lines per paragraph, at random) and tac2011.
func NewsDocs(dir string, opt DataOptions) ([]Doc, error) {
	var docs []Doc
	giga, err := readArticles(filepath.Join(dir, "gigaword-silver", "articles.jsonl"), SourceGigaword)
	if err != nil {
		return nil, err
	}
	for _, a := range giga[:len(giga)/2] {
		docs = append(docs, Doc{ID: a.ID, Source: a.Source, Group: a.ID, Paras: contentParas(strings.Split(a.Text, "\n\n"), opt.Residue)})
	}
	ecb, err := readArticles(filepath.Join(dir, "ecbplus-dev", "articles.jsonl"), SourceECBPlus)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0xecb))
	for _, a := range ecb {
		if ecbTopic(a.ID) > 10 {
			continue
		}
		lines := strings.Split(a.Text, "\n")
		if a.url != "" && len(lines) > 0 && strings.TrimSpace(lines[0]) == a.url {
			lines = lines[1:] // the page URL: the cleaner's URL rule takes it
		}
		var paras []string
		for i := 0; i < len(lines); {
			k := min(len(lines)-i, 1+rng.IntN(4))
			paras = append(paras, strings.Join(lines[i:i+k], "\n"))
			i += k
		}
		docs = append(docs, Doc{ID: a.ID, Source: a.Source, Group: a.ID, Paras: contentParas(paras, opt.Residue)})
	}
	tac, err := readArticles(filepath.Join(dir, "tac2011", "articles.jsonl"), SourceTAC)
	if err != nil {
		return nil, err
	}
	for _, a := range tac {
		docs = append(docs, Doc{ID: a.ID, Source: a.Source, Group: a.ID, Paras: contentParas(strings.Split(a.Text, "\n"), opt.Residue)})
	}
	return docs, nil
}

// TestArticles returns the articles of the held-out news sources, never
// trained on: the second half of gigaword-silver, ECB+ topics 11–20 and
// MEANTIME.
func TestArticles(dir string) ([]Article, error) {
	giga, err := readArticles(filepath.Join(dir, "gigaword-silver", "articles.jsonl"), SourceGigaword)
	if err != nil {
		return nil, err
	}
	var out []Article
	for _, a := range giga[len(giga)/2:] {
		out = append(out, a.Article)
	}
	ecb, err := readArticles(filepath.Join(dir, "ecbplus-dev", "articles.jsonl"), SourceECBPlus)
	if err != nil {
		return nil, err
	}
	for _, a := range ecb {
		if t := ecbTopic(a.ID); t >= 11 && t <= 20 {
			out = append(out, a.Article)
		}
	}
	mt, err := readArticles(filepath.Join(dir, "meantime", "articles.jsonl"), SourceMeantime)
	if err != nil {
		return nil, err
	}
	for _, a := range mt {
		out = append(out, a.Article)
	}
	return out, nil
}

// ecbTopic is the topic of an ECB+ id ("12_3ecbplus" → 12), 0 if none.
func ecbTopic(id string) int {
	t, _, _ := strings.Cut(id, "_")
	n, _ := strconv.Atoi(t)
	return n
}

type newsArticle struct {
	Article
	url string
}

// readArticles reads an articles.jsonl file, sorted by id.
func readArticles(path, source string) ([]newsArticle, error) {
	var out []newsArticle
	err := readJSONL(path, func(dec *json.Decoder) error {
		var r struct {
			ID   string `json:"id"`
			Text string `json:"text"`
			URL  string `json:"url"`
		}
		if err := dec.Decode(&r); err != nil {
			return err
		}
		out = append(out, newsArticle{Article: Article{ID: r.ID, Source: source, Text: r.Text}, url: r.URL})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b newsArticle) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// contentParas turns paragraph texts into content paragraphs: lines
// trimmed, empty ones dropped, residue lines cut and splitting their
// paragraph.
func contentParas(texts []string, residue func(string) bool) []Para {
	var out []Para
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			out = append(out, Para{Text: strings.Join(lines, "\n")})
		}
		lines = lines[:0]
	}
	for _, t := range texts {
		for _, l := range strings.Split(t, "\n") {
			switch l = strings.TrimSpace(l); {
			case l == "":
			case residue != nil && residue(l):
				flush()
			default:
				lines = append(lines, l)
			}
		}
		flush()
	}
	return out
}
