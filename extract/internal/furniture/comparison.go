package furniture

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// SourceComparison is the comparison set of the trafilatura benchmark, as
// go-trafilatura ships it.
const SourceComparison = "comparison"

// ComparisonDocs builds training documents from the comparison set of the
// trafilatura benchmark in modDir, the directory of the go-trafilatura
// module: the pages listed in scripts/comparison/data.go, each page's text
// blocks in document order (as for the readability pages), labelled by the
// page's annotations (see comparisonBlocks): a block that contains a
// snippet of the rest of the page (Without) is furniture, one that contains
// a snippet of the main text (With) is content, and all others are
// unlabelled context, kept in their place as the neighbours of the others.
// Runs of blocks of one label are grouped at random into paragraphs as for
// the readability pages (unlabelled ones 1–4 lines); a labelled paragraph
// of a single line of one word is made context. A document is a page,
// grouped by site for cross-validation. The result is deterministic for
// the options.
func ComparisonDocs(modDir string, opt DataOptions) ([]Doc, error) {
	entries, err := readComparisonData(filepath.Join(modDir, "scripts", "comparison", "data.go"))
	if err != nil {
		return nil, err
	}
	// Pages are read and labelled in parallel (opt.Residue must be safe
	// for concurrent use), then grouped in order.
	pages := make([][]block, len(entries))
	errs := make([]error, len(entries))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for pi := range next {
				pages[pi], errs[pi] = readComparisonPage(modDir, entries[pi], opt.Residue, opt.ExtendLists)
			}
		})
	}
	for pi := range entries {
		next <- pi
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var docs []Doc
	for pi, e := range entries {
		blocks := pages[pi]
		for c := range max(opt.ComparisonCopies, 1) {
			rng := rand.New(rand.NewPCG(opt.Seed, 0xc0<<32|uint64(pi)<<8|uint64(c)))
			paras := groupBlocks(blocks, rng)
			for i := range paras {
				p := &paras[i]
				if !p.Context && !strings.Contains(p.Text, "\n") && countWords(p.Text) < minComparisonWords {
					p.Context = true
				}
			}
			docs = append(docs, Doc{
				ID:     e.File + "#" + strconv.Itoa(c),
				Source: SourceComparison,
				Group:  siteOf(e.URL),
				Paras:  paras,
			})
		}
	}
	return docs, nil
}

// readComparisonPage reads the page of entry e and labels its blocks.
func readComparisonPage(modDir string, e comparisonEntry, residue func(string) bool, extend bool) ([]block, error) {
	path, ok := comparisonFile(modDir, e.File)
	if !ok {
		return nil, fmt.Errorf("comparison set: no page %s for %s", e.File, e.URL)
	}
	page, err := parsePage(path)
	if err != nil {
		return nil, err
	}
	return comparisonBlocks(page, e, residue, extend), nil
}

// minComparisonWords is the length from which a single line of the
// comparison set is labelled: a lone word ("Impressum", "Twitter") says
// too little of what is around it.
const minComparisonWords = 2

// comparisonBlocks returns the text blocks of a page of the comparison
// set, labelled by its snippets (white space collapsed, case ignored). A
// block with both kinds of snippet is context, and so is the page's title
// or a part of it of two words or more (trafilatura's main text leaves the
// title out, so its annotations may list it as not main text). A block
// repeated more than maxRepeats times is left out. With extend, the other
// blocks of a list (an element ul, ol, menu, dl, nav, aside or footer)
// that holds a furniture block and no content block (nor the title), and
// is of at most maxListBlocks blocks, are furniture too: the other lines
// of a menu, of a list of headlines under its heading, of a footer.
func comparisonBlocks(page *html.Node, e comparisonEntry, residue func(string) bool, extend bool) []block {
	with, without := snippetKeys(e.With), snippetKeys(e.Without)
	titles := snippetKeys([]string{pageTitle(page), e.Title})
	var out []block
	var lists [][]*html.Node
	var keep []bool // never furniture by extension: the title, a block with a With snippet
	seen := map[string]int{}
	walkBlocks(page, func(t string, ls []*html.Node) {
		if seen[t]++; seen[t] > maxRepeats {
			return
		}
		k := matchKey(t)
		inMain, outMain := containsAny(k, with), containsAny(k, without)
		b := block{text: t, residue: residue != nil && residue(t)}
		isTitle := countWords(k) >= 2 && inAny(k, titles)
		switch {
		case isTitle:
			b.context = true
		case outMain && !inMain:
			b.furniture = true
		case inMain && !outMain:
		default:
			b.context = true
		}
		out = append(out, b)
		lists = append(lists, slices.Clone(ls))
		keep = append(keep, isTitle || inMain)
	})
	if !extend {
		return out
	}
	type tally struct{ furniture, content, all int }
	by := map[*html.Node]*tally{}
	for i, ls := range lists {
		for _, c := range ls {
			tl := by[c]
			if tl == nil {
				tl = &tally{}
				by[c] = tl
			}
			tl.all++
			switch {
			case out[i].furniture:
				tl.furniture++
			case keep[i]:
				tl.content++
			}
		}
	}
	for i, ls := range lists {
		if !out[i].context || keep[i] {
			continue
		}
		for _, c := range ls {
			if tl := by[c]; tl.furniture > 0 && tl.content == 0 && tl.all <= maxListBlocks {
				out[i].context, out[i].furniture = false, true
				break
			}
		}
	}
	return out
}

// maxListBlocks bounds the size of a list whose blocks share the label of
// a furniture block among them (see comparisonBlocks).
const maxListBlocks = 50

func snippetKeys(snips []string) []string {
	var out []string
	for _, s := range snips {
		if k := matchKey(s); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// inAny reports whether s is part of one of the strings.
func inAny(s string, strs []string) bool {
	for _, t := range strs {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// pageTitle is the text of the page's title element.
func pageTitle(n *html.Node) string {
	if n.Type == html.ElementNode && n.Data == "title" {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		return b.String()
	}
	if n.Type == html.ElementNode && (n.Data == "body" || skipTags[n.Data] && n.Data != "head") {
		return ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := pageTitle(c); t != "" {
			return t
		}
	}
	return ""
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// siteOf is the host of a URL without "www.", for grouping pages by site.
func siteOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// comparisonEntry is one annotated page of the comparison set: its URL,
// its HTML file, and snippets of its main text (With) and of the rest of
// the page (Without).
type comparisonEntry struct {
	URL, File, Title string
	With, Without    []string
}

// readComparisonData reads the annotations of the comparison set from
// go-trafilatura's scripts/comparison/data.go: the map literal
// comparisonData, parsed as Go source. Entries come sorted by URL.
func readComparisonData(path string) ([]comparisonEntry, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read comparison data: %w", err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("parse comparison data: %w", err)
	}
	var lit *ast.CompositeLit
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name == "comparisonData" && i < len(vs.Values) {
					lit, _ = vs.Values[i].(*ast.CompositeLit)
				}
			}
		}
	}
	if lit == nil {
		return nil, errors.New("parse comparison data: no comparisonData literal")
	}
	var out []comparisonEntry
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil, errors.New("parse comparison data: element is not key: value")
		}
		url, err := stringLit(kv.Key)
		if err != nil {
			return nil, err
		}
		e := comparisonEntry{URL: url}
		val, ok := kv.Value.(*ast.CompositeLit)
		if !ok {
			return nil, fmt.Errorf("parse comparison data: %s: value is not a literal", url)
		}
		for _, fel := range val.Elts {
			fkv, ok := fel.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			name, _ := fkv.Key.(*ast.Ident)
			if name == nil {
				continue
			}
			switch name.Name {
			case "File":
				if e.File, err = stringLit(fkv.Value); err != nil {
					return nil, err
				}
			case "Title":
				if e.Title, err = stringLit(fkv.Value); err != nil {
					return nil, err
				}
			case "With", "Without":
				list, ok := fkv.Value.(*ast.CompositeLit)
				if !ok {
					return nil, fmt.Errorf("parse comparison data: %s: %s is not a list", url, name.Name)
				}
				for _, x := range list.Elts {
					s, err := stringLit(x)
					if err != nil {
						return nil, err
					}
					if name.Name == "With" {
						e.With = append(e.With, s)
					} else {
						e.Without = append(e.Without, s)
					}
				}
			}
		}
		if e.File != "" {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b comparisonEntry) int { return strings.Compare(a.URL, b.URL) })
	return out, nil
}

func stringLit(x ast.Expr) (string, error) {
	b, ok := x.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", errors.New("parse comparison data: not a string literal")
	}
	s, err := strconv.Unquote(b.Value)
	if err != nil {
		return "", fmt.Errorf("parse comparison data: %w", err)
	}
	return s, nil
}

// parsePage parses an HTML file: as UTF-8 when it is valid UTF-8 (some
// pages declare another character set but are not in it), else decoded by
// its declared or sniffed character set.
func parsePage(path string) (*html.Node, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	var r io.Reader = bytes.NewReader(raw)
	if !utf8.Valid(raw) {
		if r, err = charset.NewReader(r, "text/html"); err != nil {
			return nil, fmt.Errorf("decode %s: %w", path, err)
		}
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return doc, nil
}

// comparisonFile finds a page of the comparison set: under
// test-files/comparison, or test-files/mock (where go-trafilatura's own
// script also looks).
func comparisonFile(modDir, name string) (string, bool) {
	for _, sub := range []string{"comparison", "mock"} {
		p := filepath.Join(modDir, "test-files", sub, name)
		if _, err := os.Stat(p); err == nil {
			return p, true
		}
	}
	return "", false
}

// matchKey is the form in which snippets and blocks are compared: white
// space collapsed, lower case.
func matchKey(s string) string { return strings.ToLower(collapse(s)) }
