package server

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// page is a parsed HTML page, for tests to look into.
type parsed struct{ root *html.Node }

func parse(t testing.TB, body string) parsed {
	t.Helper()
	n, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	return parsed{n}
}

// all returns the elements that sel matches, in document order. sel is a
// space-separated chain of simple selectors (descendants, or children
// after ">"), each a tag name, .class, #id or tag.class, and [attr] or
// [attr=value] after them.
func (p parsed) all(sel string) []*html.Node {
	nodes := []*html.Node{p.root}
	child := false
	for _, part := range strings.Fields(sel) {
		if part == ">" {
			child = true
			continue
		}
		var next []*html.Node
		seen := map[*html.Node]bool{}
		for _, n := range nodes {
			walk(n, func(c *html.Node) {
				if c != n && (!child || c.Parent == n) && matches(c, part) && !seen[c] {
					seen[c] = true
					next = append(next, c)
				}
			})
		}
		nodes, child = next, false
	}
	return nodes
}

// one returns the text of the first element sel matches, or fails.
func (p parsed) text(t testing.TB, sel string) string {
	t.Helper()
	ns := p.all(sel)
	if len(ns) == 0 {
		t.Fatalf("no %s on the page", sel)
	}
	return textOf(ns[0])
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func matches(n *html.Node, sel string) bool {
	if n.Type != html.ElementNode {
		return false
	}
	var attr string
	if i := strings.IndexByte(sel, '['); i >= 0 {
		sel, attr = sel[:i], strings.TrimSuffix(sel[i+1:], "]")
	}
	tag, rest := sel, ""
	if i := strings.IndexAny(sel, ".#"); i >= 0 {
		tag, rest = sel[:i], sel[i:]
	}
	if tag != "" && n.Data != tag {
		return false
	}
	switch {
	case strings.HasPrefix(rest, "."):
		if !slices.Contains(strings.Fields(attrOf(n, "class")), rest[1:]) {
			return false
		}
	case strings.HasPrefix(rest, "#"):
		if attrOf(n, "id") != rest[1:] {
			return false
		}
	}
	if attr != "" {
		name, value, hasValue := strings.Cut(attr, "=")
		if !hasAttr(n, name) || (hasValue && attrOf(n, name) != value) {
			return false
		}
	}
	return true
}

func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if a.Key == name {
			return true
		}
	}
	return false
}

func attrOf(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func texts(ns []*html.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strings.TrimSpace(textOf(n))
	}
	return out
}
