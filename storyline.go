// Package storyline holds the domain types of storyline and the interfaces
// between its stages: readers yield RawArticles, the clean stage turns them
// into Articles, and a Store keeps them.
//
// The pure stages (clean, annotate, describe) live in their own packages and
// take a value and return a value; the stateful ones go through a Store.
package storyline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"
	"unicode"
)

// Format names the input format an article was read from.
type Format string

// The input formats that readers produce.
const (
	FormatText Format = "text" // plain text: title, dateline and byline are recognised from the text
	FormatHTML Format = "html" // a web page: main text and metadata are extracted from the markup
)

// RawArticle is one article as a reader found it, before cleaning.
// Readers fill it; the clean stage turns it into an Article.
type RawArticle struct {
	// Ref is the caller's id for the article (a JSONL "id") or the file
	// path as ingested, relative to the folder given.
	Ref string
	// Input names where the article came from, for messages: a path, or
	// "path:line" for JSONL.
	Input string
	// Format says whether Body is plain text or HTML.
	Format Format
	// Body is the article's text or markup as read.
	Body string
	// Metadata given by the caller (JSONL); empty for files.
	URL, Source, Title, Published string
}

// What an article's inferred publication date comes from (Article.DatedBy).
const (
	// DatedBySource: an article it copies or shares most text with,
	// dated (pubdate.FromSource: on or after that day, on the weekday
	// it names).
	DatedBySource = "source"
	// DatedByEvent: the first day of the event it was put in, the same
	// way. A later clustering may put it elsewhere: such a date is no
	// evidence for clustering, which sees the article undated, and it is
	// taken back or changed when the article's event changes.
	DatedByEvent = "event"
)

// Article is one report as published, cleaned and stored.
// The clean stage creates it; the Store assigns nothing but keeps it whole.
type Article struct {
	// ID is storyline's id: a hash of the normalised cleaned text, so the
	// same content always gets the same id.
	ID string `json:"id"`
	// Ref is the caller's id or the file path as first ingested.
	Ref string `json:"ref"`
	// Source is the outlet (nytimes.com, The New York Times).
	Source string `json:"source"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	// Byline is the author line as credited ("by NYTimes").
	Byline string `json:"byline,omitempty"`
	// Credits are source credits found in the text ("Material from the
	// Associated Press was used in this report.").
	Credits []string `json:"credits,omitempty"`
	// Dateline is the place of a dateline ("RIYADH, Saudi Arabia").
	Dateline string `json:"dateline,omitempty"`
	// Published is the publication date: "2024-02-05", or with time
	// "2024-06-11T00:06:00", or with offset in RFC 3339.
	Published string `json:"published"`
	// PublishedInferred is true when Published was not given by metadata,
	// a date line or a byline but inferred.
	PublishedInferred bool `json:"published_inferred"`
	// DatedBy says what an inferred Published was inferred from:
	// DatedBySource or DatedByEvent; empty when it was given.
	DatedBy string `json:"dated_by,omitempty"`
	// Lang is the ISO 639-1 language code.
	Lang string `json:"lang"`
	// Text is the cleaned text, paragraphs separated by "\n\n".
	Text string `json:"text"`
	// Format is the input format the article was read from.
	Format Format `json:"format,omitempty"`
	// Removed lists what cleaning cut from the input and why.
	Removed []Removal `json:"removed,omitempty"`
	// IngestedAt is when the article was first stored.
	IngestedAt time.Time `json:"ingested_at,omitzero"`
	// DuplicateOf is the ID of the earliest stored article (earliest
	// publication time, then ingest order) of this article's group of
	// near-copies; empty when the article is the earliest of its group or
	// has no copies. The reuse stage sets it; it changes when an earlier
	// copy arrives.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Reuse lists the other articles that share passages with this one.
	// As read from a Store: the links of every member of its copy group,
	// each other article replaced by its group's origin, largest share
	// first (see CollapseReuse). As set by the reuse stage on a new
	// article: its links to stored articles, before collapsing.
	Reuse []Reuse `json:"reuse,omitempty"`
	// Regroup lists, for a new article, the origins of copy groups that
	// its arrival joins into its own group: their members now have the
	// origin DuplicateOf names (or this article, when DuplicateOf is empty).
	// Set by the reuse stage; the Store applies it and does not keep it.
	Regroup []string `json:"-"`
	// Revised lists what this article's arrival changes in the reuse
	// findings of stored articles (see ReuseRevision). Set by the reuse
	// stage; the Store applies it after the article's own findings and
	// does not keep it.
	Revised ReuseRevision `json:"-"`
	// Fingerprints are the reuse fingerprints this article added to the
	// reuse index; the Store keeps them so that the index can be rebuilt.
	Fingerprints []uint32 `json:"-"`
	// Entities are the named mentions in Text, in text order, each with
	// the ID of the entity it refers to; nil when the article has not
	// been annotated (stored before entity recognition existed).
	Entities []Mention `json:"entities,omitempty"`
	// Timexes are the time expressions in Text, in text order, resolved
	// against Published; nil when the article has not been annotated.
	Timexes []Timex `json:"timexes,omitempty"`
	// SentenceDates date the happening each sentence of Text reports.
	SentenceDates []SentenceDate `json:"sentence_dates,omitempty"`
	// Event and Story are the IDs of the event and story the assign stage
	// put the article in; empty until it has. Evidence is why.
	Event    string    `json:"event,omitempty"`
	Story    string    `json:"story,omitempty"`
	Evidence *Evidence `json:"evidence,omitempty"`
	// EntityChanges are the entities this article's arrival creates or
	// changes, each in its new state whole. Set by the resolve stage; the
	// Store writes them with the article and does not keep the field.
	EntityChanges []Entity `json:"-"`
}

// ReuseRevision is how an article's arrival changes the reuse findings of
// stored articles. Text that many independent articles carry is site
// furniture and does not count as shared: when an arrival shows that a
// passage is such text, the stored links of the articles that carry it
// are verified again; a link whose passages were all furniture is
// dropped, the others get their new shares, and pairs that turn out to be
// copies, or no longer to be, change groups. An article that carries two
// articles whole (a page with a second story) is a copy of the first
// only, which a later arrival may show. Revisions keep the findings
// independent of the order in which the articles came.
type ReuseRevision struct {
	// Links are the stored links to replace or drop.
	Links []LinkRevision
	// Origins are the new DuplicateOf of stored articles whose copy group
	// changed, applied after Links and after the article's Regroup.
	Origins []OriginChange
}

// LinkRevision replaces or drops one stored reuse link.
type LinkRevision struct {
	// A and B are the linked articles; A was stored after B.
	A, B string
	// Link is the new link as seen from A (Link.Of is B).
	Link Reuse
	// Drop tells that A and B no longer share a passage.
	Drop bool
}

// OriginChange gives article ID a new DuplicateOf ("" when it is now the
// origin of its group, or alone).
type OriginChange struct {
	ID, DuplicateOf string
}

// Removal is a piece of input that cleaning cut, with the reason.
type Removal struct {
	// Reason is a short, stable name for the rule that fired:
	// see the Reason constants.
	Reason string `json:"reason"`
	// Text is what was cut (for HTML, a summary of it).
	Text string `json:"text"`
}

// Reasons for Removals. They are part of the public output of
// `show article --json`: add to them, never rename.
const (
	ReasonTitle           = "title"            // the title line, moved to Article.Title
	ReasonTitleRepeat     = "title-repeat"     // the title repeated as the first paragraph
	ReasonDateLine        = "date-line"        // a publication date line, moved to Article.Published
	ReasonByline          = "byline"           // an author line, moved to Article.Byline
	ReasonCredit          = "credit"           // a source credit, moved to Article.Credits
	ReasonRatingPrompt    = "rating-prompt"    // "How would you rate this article?"
	ReasonReadNext        = "read-next"        // "What to read next", "Related", "Read more"
	ReasonReadingTime     = "reading-time"     // "7 minutes read"
	ReasonImageCredit     = "image-credit"     // "Image recovered from goud.ma", "Photo: AP"
	ReasonURL             = "url"              // a bare URL on its own line
	ReasonCategory        = "category"         // category tags and section labels
	ReasonSocial          = "social"           // share, follow, subscribe, newsletter prompts
	ReasonRepeatedBlock   = "repeated-block"   // a verbatim repeat of an earlier paragraph
	ReasonTrailing        = "trailing"         // trailing headings with no text after them ("Sources")
	ReasonHTMLBoilerplate = "html-boilerplate" // markup, navigation, scripts and other page furniture
	ReasonFurniture       = "furniture"        // site furniture: newsletter, subscription, cookie and app notices, headline lists (a trained classifier)
)

// ArticleCounts are the numbers a Store reports about its articles.
type ArticleCounts struct {
	Articles int `json:"articles"`
	Refs     int `json:"refs"`
}

// SearchHit is one result of a full-text search.
type SearchHit struct {
	Article *Article `json:"article"`
	// Snippet is the matching part of the text, matches marked with [ and ].
	Snippet string `json:"snippet"`
	// Rank orders hits: lower is better (FTS5 bm25).
	Rank float64 `json:"rank"`
}

// EventHit is one event a full-text search found.
type EventHit struct {
	Event *Event `json:"event"`
	// Snippet is the matching part, matches marked with [ and ].
	Snippet string `json:"snippet"`
	// Rank orders hits: lower is better (FTS5 bm25).
	Rank float64 `json:"rank"`
}

// ErrNotFound is returned by a Store when the asked-for object does not exist.
var ErrNotFound = errors.New("not found")

// Store keeps articles (and, later, events, stories and entities).
// Implementations: sqlite (embedded) and, later, postgres. Every method is
// safe for concurrent use.
type Store interface {
	// PutArticles stores the articles in one transaction. An article whose
	// ID is already stored is not stored again; its Ref is recorded as
	// another ref of the stored one. created[i] tells whether a[i] was new.
	PutArticles(ctx context.Context, a []*Article) (created []bool, err error)
	// Article returns the article with this ID, or whose ref is key, or
	// whose ID starts with key when that prefix is unique. ErrNotFound if none.
	Article(ctx context.Context, key string) (*Article, error)
	// Text returns the cleaned text of the article with this ID, or
	// ErrNotFound: what the reuse stage reads of stored articles.
	Text(ctx context.Context, id string) (string, error)
	// Refs returns every ref under which the article was ingested, first first.
	Refs(ctx context.Context, id string) ([]string, error)
	// EachArticle calls fn for every article in ingest order until fn
	// returns an error, which it returns.
	EachArticle(ctx context.Context, fn func(*Article) error) error
	// Search runs a full-text query (FTS5 syntax; plain words are ANDed)
	// over titles and texts and returns at most limit hits, best first.
	// A query that matches very many articles may be ranked among its
	// latest matches only (sqlite: the latest 10,000), to bound its cost.
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)
	// Counts returns how many articles and refs are stored.
	Counts(ctx context.Context) (ArticleCounts, error)
	// ReuseEntries calls fn for every article in ingest order with what
	// the reuse index keeps of it, until fn returns an error.
	ReuseEntries(ctx context.Context, fn func(ReuseEntry) error) error
	// PutReuse stores the reuse fields (DuplicateOf, Regroup, Reuse,
	// Fingerprints) of articles already stored, in one transaction: for
	// articles stored before reuse detection existed.
	PutReuse(ctx context.Context, a []*Article) error
	// PutAnnotations stores the Entities, Timexes, SentenceDates and
	// EntityChanges of articles already stored, and their Published (with
	// PublishedInferred and DatedBy), in one transaction: for articles
	// stored before those annotations existed, or dated (or undated) since.
	PutAnnotations(ctx context.Context, a []*Article) error
	// Unannotated returns the IDs of the articles stored before entity
	// recognition or time expressions existed, in ingest order.
	Unannotated(ctx context.Context) ([]string, error)
	// EachEntity calls fn for every entity in the order they were created,
	// without Articles, until fn returns an error, which it returns.
	EachEntity(ctx context.Context, fn func(*Entity) error) error
	// Entities returns the entities the filter selects, most mentioned
	// first, without Articles.
	Entities(ctx context.Context, f EntityFilter) ([]Entity, error)
	// Entity returns the entity with this ID or whose ID starts with key
	// when that prefix is unique, with Articles; else the entity whose
	// name is key (case folded), the most mentioned of them. ErrNotFound
	// if none.
	Entity(ctx context.Context, key string) (*Entity, error)
	// SearchEvents runs a full-text query (as Search) over the titles,
	// places, participants and summaries of events and returns at most
	// limit hits, best first.
	SearchEvents(ctx context.Context, query string, limit int) ([]EventHit, error)
	// Articles returns the articles the filter selects, in ingest order,
	// without their Removed, Reuse and Evidence (Article has them all).
	Articles(ctx context.Context, f ArticleFilter) ([]*Article, error)
	// PutEvents applies what the assign and describe stages found, in one
	// transaction: see EventUpdate.
	PutEvents(ctx context.Context, u EventUpdate) error
	// Events returns the events the filter selects, latest first (by
	// End, then Start; undated last, newest created first), without
	// Summary, Claims and Quotes.
	Events(ctx context.Context, f EventFilter) ([]Event, error)
	// Event returns the event with this ID, or whose ID starts with key
	// when that prefix is unique, or that the event key was merged into
	// (following IDChanges). ErrNotFound if none.
	Event(ctx context.Context, key string) (*Event, error)
	// Stories returns the stories the filter selects, latest first,
	// without Summary and Claims.
	Stories(ctx context.Context, f StoryFilter) ([]Story, error)
	// Story returns the story with this ID, a unique ID prefix, or the
	// story key was merged into. ErrNotFound if none.
	Story(ctx context.Context, key string) (*Story, error)
	// Memberships returns the membership of each article of the event
	// with this ID, in ingest order.
	Memberships(ctx context.Context, event string) ([]Membership, error)
	// IDChanges returns the recorded changes that name id (as Old or
	// New), oldest first.
	IDChanges(ctx context.Context, id string) ([]IDChange, error)
	// State returns the blob saved under name and the number of articles
	// stored when it was saved (Counts().Articles); nil, 0 when there is
	// none. Stages keep there what is costly to rebuild from the articles.
	State(ctx context.Context, name string) (data []byte, articles int, err error)
	// PutState saves data under name, replacing what was there.
	PutState(ctx context.Context, name string, data []byte, articles int) error
	// Close releases the store.
	Close() error
}

// EventUpdate is what the assign and describe stages change about events
// and stories, applied by Store.PutEvents in one transaction.
type EventUpdate struct {
	// Memberships set the event, story and evidence of stored articles.
	Memberships []Membership
	// Events and Stories are written whole, replacing the stored ones.
	Events  []Event
	Stories []Story
	// Gone are the IDs of events and stories that no longer exist (merged
	// into others): they are deleted; their IDChanges keep them resolving.
	Gone []string
	// Changes are recorded as they are.
	Changes []IDChange
}

// EntityFilter selects entities. The zero value selects all.
type EntityFilter struct {
	// Type keeps entities of this type (PER, ORG, LOC, MISC) when set.
	Type string
	// Name keeps entities with a name or alias containing it (case folded).
	Name string
	// Article keeps entities the article with this ID mentions.
	Article string
	// Limit caps the number returned (0: no cap); Offset skips the first.
	Limit, Offset int
}

// ReuseEntry is what the reuse index keeps of a stored article.
type ReuseEntry struct {
	ID string
	// Published is the article's publication date, empty when it is
	// undated or only dated by its event (DatedByEvent).
	Published   string
	DuplicateOf string
	// Fingerprints the article added to the reuse index.
	Fingerprints []uint32
	// Links are the article's stored links to articles stored before it.
	Links []LinkEntry
	// Indexed is false for an article stored before reuse detection
	// existed: it has to be compared and indexed.
	Indexed bool
}

// LinkEntry is what the reuse index keeps of a stored link: the other
// article, whether the two are copies, the share of each text the shared
// passages cover, and for copies their span in each text (byte offsets:
// Start and End in the article's text, OfStart and OfEnd in the other's).
type LinkEntry struct {
	Of                         string
	Copy                       bool
	Share, OfShare             float64
	Start, End, OfStart, OfEnd int
}

// ArticleID returns storyline's id for an article with this cleaned text:
// the first 16 hex digits of the SHA-256 of the text with case folded and
// runs of white space collapsed, so that reformatting does not change it.
func ArticleID(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range strings.TrimSpace(text) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}
