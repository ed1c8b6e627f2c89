// Package reuseset builds a labelled evaluation set for copy and reuse
// detection from real news articles (the ECB+, Gigaword and MEANTIME
// folders of the shared dev data).
//
// Generate picks source articles of one split, applies the edits that
// syndication makes to them and records what it did as gold:
//
//   - Dups: near-copies of an original, one item per copy, of a kind named
//     by the edit (exact, headline, wrapper, drop, add, edit, reword,
//     truncate, lede, reorder, two-articles) or a combination of two
//     ("lede+wrapper").
//   - Links: two items that share passages but where neither is a copy of
//     the other (borrow, rewrite, version, two-articles), with the share
//     of the first item's words that come from the second.
//   - Negatives: hard pairs that must be neither grouped nor linked:
//     different articles about the same event (same-event), articles that
//     carry the same long quotation (quote), the same block of site
//     furniture (boilerplate) or the same stock phrase (stock).
//
// Source articles that already share text with each other (wire copies
// inside an ECB+ topic, Gigaword re-sends) are left out before anything is
// built, so that pairs the gold does not relate share no passages.
package reuseset

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
)

// Item is one article of the set, written as one line of articles.jsonl in
// the article input format of CONTRACT.md.
type Item struct {
	// Ref is the article's id: opaque, it tells nothing of the item's kind.
	Ref string `json:"id"`
	// Source is an invented outlet name, different for every item.
	Source string `json:"source"`
	Title  string `json:"title"`
	// Published is an RFC 3339 date and time, different for every item.
	Published string `json:"published"`
	// Text is the plain text, paragraphs separated by a blank line.
	Text string `json:"text"`
}

// Dup says that item Ref is a near-copy of item Of, the original of its
// group of copies. Kind names the edit that made it ("lede", "lede+wrapper").
// Copies of one original are copies of each other too.
type Dup struct {
	Ref  string `json:"ref"`
	Of   string `json:"of"`
	Kind string `json:"kind"`
}

// Link says that items A and B share passages but neither is a copy of
// the other. Share is the fraction of A's words (\w+ tokens) that come
// from B, counted on the generated text (before any cleaning).
type Link struct {
	A     string  `json:"a"`
	B     string  `json:"b"`
	Kind  string  `json:"kind"`
	Share float64 `json:"share"`
}

// Negative is a pair of items that must be neither grouped as copies nor
// linked: they are different articles that share at most a quotation, a
// block of site furniture, a stock phrase or the event they report.
type Negative struct {
	A    string `json:"a"`
	B    string `json:"b"`
	Kind string `json:"kind"`
}

// Set is a generated evaluation set: the items and the gold relations
// between them. Pairs of items that no gold row relates and that are not in
// the same group of copies are unrelated: they must not be grouped or
// linked either.
type Set struct {
	// Split is "dev" or "test"; Seed the seed it was generated with.
	Split string `json:"split"`
	Seed  int64  `json:"seed"`
	// Items are in random order.
	Items     []Item     `json:"items"`
	Dups      []Dup      `json:"dups"`
	Links     []Link     `json:"links"`
	Negatives []Negative `json:"negatives"`

	// meta is what the generator knows about each item, by ref; the tests
	// check the edits with it.
	meta map[string]*itemMeta
}

// Duplicate kinds: the edits that make a near-copy of an original.
const (
	KindExact       = "exact"        // identical text under another source and ref
	KindHeadline    = "headline"     // a new title, maybe a "By NAME, Outlet" first line
	KindWrapper     = "wrapper"      // 60–200 words of site furniture before and/or after
	KindDrop        = "drop"         // 1–3 paragraphs dropped, not the first
	KindAdd         = "add"          // 1–2 paragraphs of another article added
	KindEdit        = "edit"         // small edits (a number, a word, a clause) in ~20% of sentences
	KindReword      = "reword"       // ~30% of sentences reworded (synonyms, clause order, contractions)
	KindTruncate    = "truncate"     // the first third of the words, cut at a sentence end
	KindLede        = "lede"         // only the first 2–3 paragraphs
	KindReorder     = "reorder"      // paragraphs shuffled, except the first
	KindTwoArticles = "two-articles" // the original followed by a second, unrelated article
)

// Link kinds: partial reuse that is not a copy.
const (
	LinkBorrow  = "borrow"  // 1–3 consecutive paragraphs of B inserted into another article
	LinkRewrite = "rewrite" // another article that takes ~40% of its text from B, lightly edited
	LinkVersion = "version" // the first ~40% of B's paragraphs, the rest from another article
	// LinkTwoArticles links a page carrying two articles (a copy of the
	// first) to the second: KindTwoArticles.
	LinkTwoArticles = KindTwoArticles
)

// Negative kinds.
const (
	NegSameEvent   = "same-event"  // different ECB+ articles of the same topic
	NegQuote       = "quote"       // unrelated articles carrying the same long quotation
	NegBoilerplate = "boilerplate" // unrelated articles carrying the same block of site furniture
	NegStock       = "stock"       // unrelated articles sharing a stock phrase of at most 12 words
)

// DupKinds lists the duplicate kinds Generate produces, single edits first.
var DupKinds = []string{
	KindExact, KindHeadline, KindWrapper, KindDrop, KindAdd, KindEdit, KindReword,
	KindTruncate, KindLede, KindReorder, KindTwoArticles,
	KindLede + "+" + KindWrapper, KindTruncate + "+" + KindHeadline, KindDrop + "+" + KindEdit,
	KindReorder + "+" + KindReword, KindAdd + "+" + KindWrapper, KindLede + "+" + KindReword,
	KindEdit + "+" + KindWrapper, KindTruncate + "+" + KindWrapper,
}

// LinkKinds lists the link kinds Generate produces.
var LinkKinds = []string{LinkBorrow, LinkRewrite, LinkVersion, LinkTwoArticles}

// NegativeKinds lists the negative kinds Generate produces.
var NegativeKinds = []string{NegSameEvent, NegQuote, NegBoilerplate, NegStock}

// KindCount is how many gold rows of one type and kind a set has.
type KindCount struct {
	Type  string `json:"type"` // "dup", "link" or "negative"
	Kind  string `json:"kind"`
	Count int    `json:"count"`
}

// Counts returns the number of gold rows per type and kind, in the order
// of DupKinds, LinkKinds and NegativeKinds (kinds not produced count 0).
func (s *Set) Counts() []KindCount {
	dup, link, neg := map[string]int{}, map[string]int{}, map[string]int{}
	for _, d := range s.Dups {
		dup[d.Kind]++
	}
	for _, l := range s.Links {
		link[l.Kind]++
	}
	for _, n := range s.Negatives {
		neg[n.Kind]++
	}
	var out []KindCount
	add := func(typ string, kinds []string, m map[string]int) {
		seen := map[string]bool{}
		for _, k := range kinds {
			out = append(out, KindCount{typ, k, m[k]})
			seen[k] = true
		}
		var rest []string
		for k := range m {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		for _, k := range rest {
			out = append(out, KindCount{typ, k, m[k]})
		}
	}
	add("dup", DupKinds, dup)
	add("link", LinkKinds, link)
	add("negative", NegativeKinds, neg)
	return out
}

// Groups returns the number of groups of copies (an original with at least
// one copy) and the number of items in them.
func (s *Set) Groups() (groups, items int) {
	of := map[string]int{}
	for _, d := range s.Dups {
		of[d.Of]++
	}
	for _, n := range of {
		items += n + 1
	}
	return len(of), items
}

// WriteSummary writes the set's size and its counts per kind as a table.
func (s *Set) WriteSummary(w io.Writer) error {
	g, gi := s.Groups()
	fmt.Fprintf(w, "reuse set: split %s, seed %d: %d items; %d groups of copies (%d items), %d dups, %d links, %d negatives\n",
		s.Split, s.Seed, len(s.Items), g, gi, len(s.Dups), len(s.Links), len(s.Negatives))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "type\tkind\tcount")
	for _, c := range s.Counts() {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", c.Type, c.Kind, c.Count)
	}
	return tw.Flush()
}

// goldRow is one line of gold.jsonl.
type goldRow struct {
	Type  string   `json:"type"`
	Ref   string   `json:"ref,omitempty"`
	Of    string   `json:"of,omitempty"`
	A     string   `json:"a,omitempty"`
	B     string   `json:"b,omitempty"`
	Kind  string   `json:"kind"`
	Share *float64 `json:"share,omitempty"`
}

// WriteJSONL writes dir/articles.jsonl (one item per line, in the article
// input format) and dir/gold.jsonl (one gold row per line:
// {"type":"dup","ref","of","kind"}, {"type":"link","a","b","kind","share"}
// or {"type":"negative","a","b","kind"}), creating dir if needed.
func (s *Set) WriteJSONL(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write reuse set: %w", err)
	}
	if err := writeLines(filepath.Join(dir, "articles.jsonl"), len(s.Items), func(i int) any { return s.Items[i] }); err != nil {
		return err
	}
	var rows []goldRow
	for _, d := range s.Dups {
		rows = append(rows, goldRow{Type: "dup", Ref: d.Ref, Of: d.Of, Kind: d.Kind})
	}
	for _, l := range s.Links {
		share := l.Share
		rows = append(rows, goldRow{Type: "link", A: l.A, B: l.B, Kind: l.Kind, Share: &share})
	}
	for _, n := range s.Negatives {
		rows = append(rows, goldRow{Type: "negative", A: n.A, B: n.B, Kind: n.Kind})
	}
	return writeLines(filepath.Join(dir, "gold.jsonl"), len(rows), func(i int) any { return rows[i] })
}

// WriteArticles writes the items to w as JSON lines (articles.jsonl).
func (s *Set) WriteArticles(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range s.Items {
		if err := enc.Encode(it); err != nil {
			return err
		}
	}
	return nil
}

func writeLines(path string, n int, row func(int) any) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write reuse set: %w", err)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(row(i)); err != nil {
			f.Close()
			return fmt.Errorf("write reuse set: %w", err)
		}
	}
	if _, err := io.WriteString(f, b.String()); err != nil {
		f.Close()
		return fmt.Errorf("write reuse set: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write reuse set: %w", err)
	}
	return nil
}
