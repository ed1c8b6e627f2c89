package storyline

// Record is the export record of CONTRACT.md: one JSON line per stored
// article. Fields that later stages fill (duplicate_of, reuse, event,
// story, entities, timexes) are present and empty until they do.
type Record struct {
	ID                string    `json:"id"`
	Ref               string    `json:"ref"`
	Source            string    `json:"source"`
	URL               string    `json:"url"`
	Title             string    `json:"title"`
	Published         string    `json:"published"`
	PublishedInferred bool      `json:"published_inferred"`
	DatedBy           string    `json:"dated_by,omitempty"`
	Lang              string    `json:"lang"`
	Text              string    `json:"text"`
	DuplicateOf       *string   `json:"duplicate_of"`
	Reuse             []Reuse   `json:"reuse"`
	Event             string    `json:"event"`
	Story             string    `json:"story"`
	Entities          []Mention `json:"entities"`
	Timexes           []Timex   `json:"timexes"`
}

// Reuse says that another article shares passages with this one, covering
// Share (0–1) of this article's text.
type Reuse struct {
	Of    string  `json:"of"`
	Share float64 `json:"share"`
	// OfShare is the share of the other article's text the passages cover.
	OfShare float64 `json:"of_share,omitempty"`
	// Copy tells that the two articles are copies of one article.
	Copy bool `json:"copy,omitempty"`
	// Passages are the shared passages (export leaves them out; show
	// article lists them).
	Passages []Passage `json:"passages,omitempty"`
}

// Passage is a passage of an article's text that another article shares:
// Start and End are UTF-8 byte offsets into this article's text, OfStart
// and OfEnd into the other's, end exclusive.
type Passage struct {
	Start   int `json:"start"`
	End     int `json:"end"`
	OfStart int `json:"of_start"`
	OfEnd   int `json:"of_end"`
}

// Mention is a span of text naming an entity. Offsets are UTF-8 byte
// offsets into the article text, end exclusive.
type Mention struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Type   string `json:"type"` // PER, ORG, LOC or MISC
	Entity string `json:"entity,omitempty"`
}

// Timex is a time expression with its TIMEX3 type and value, resolved
// against the article's publication date.
type Timex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"` // DATE, TIME, DURATION or SET
	Value string `json:"value"`
}

// Record returns the export record of the article.
func (a *Article) Record() Record {
	r := Record{
		ID:                a.ID,
		Ref:               a.Ref,
		Source:            a.Source,
		URL:               a.URL,
		Title:             a.Title,
		Published:         a.Published,
		PublishedInferred: a.PublishedInferred,
		DatedBy:           a.DatedBy,
		Lang:              a.Lang,
		Text:              a.Text,
		Reuse:             reuseRecords(a.Reuse),
		Event:             a.Event,
		Story:             a.Story,
		Entities:          a.Entities,
		Timexes:           a.Timexes,
	}
	if a.DuplicateOf != "" {
		r.DuplicateOf = &a.DuplicateOf
	}
	if r.Entities == nil {
		r.Entities = []Mention{}
	}
	if r.Timexes == nil {
		r.Timexes = []Timex{}
	}
	return r
}

// reuseRecords returns the reuse links without their passages, never nil.
func reuseRecords(links []Reuse) []Reuse {
	out := make([]Reuse, len(links))
	for i, l := range links {
		out[i] = Reuse{Of: l.Of, Share: l.Share}
	}
	return out
}
