package storyline

// Entity types: the CoNLL-2003 classes. Countries, cities and regions are
// LOC; nationalities and named events are MISC.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Entity is one person, organisation, place or other named thing, under
// all the names the articles give it.
type Entity struct {
	// ID is stable: adding articles never renames an entity.
	ID string `json:"id"`
	// Name is the fullest common name ("Antony Blinken").
	Name string `json:"name"`
	// Type is PER, ORG, LOC or MISC.
	Type string `json:"type"`
	// Aliases are the names the mentions use, most frequent first.
	Aliases []Alias `json:"aliases"`
	// Roles are titles the articles give a person ("Secretary of State").
	Roles []Role `json:"roles,omitempty"`
	// Place is the gazetteer entry of a LOC entity; nil when unknown.
	Place *Place `json:"place,omitempty"`
	// Mentions counts the mentions in all articles.
	Mentions int `json:"mentions"`
	// Articles are the IDs of the articles that mention it, in ingest order.
	Articles []string `json:"articles,omitempty"`
}

// SentenceDate is the date a sentence's happening is placed at.
type SentenceDate struct {
	// Start and End are the sentence's UTF-8 byte offsets into the
	// article's text, end exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// Value is a TIMEX3 date value ("2024-02-05", "2024-W05", "2023"), the
	// publication date when no expression of the sentence governs it, or
	// "" when that is unknown too.
	Value string `json:"value"`
	// Confidence is 0.9 for a governing day-precise date, 0.7 for a
	// coarser one, 0.5 for PRESENT_REF and the like, 0.3 for the
	// publication date fallback, 0 when nothing is known.
	Confidence float64 `json:"confidence"`
	// Timex is the index in the article's Timexes of the governing
	// expression, or -1 for the fallback.
	Timex int `json:"timex"`
}

// Alias is one name of an entity and how many mentions use it.
type Alias struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Role is a title an article gives a person, with the article it came from.
type Role struct {
	Title   string `json:"title"`
	Article string `json:"article"`
}

// Place is a gazetteer entry (GeoNames, CC BY 4.0).
type Place struct {
	// GeonameID is the GeoNames id; 0 for a country built from a country list.
	GeonameID int `json:"geonameid,omitempty"`
	// Name is the place's name in the gazetteer ("Cairo").
	Name string `json:"name"`
	// Kind is "country", "region" or "city".
	Kind string `json:"kind"`
	// Country is the country's name ("Egypt") and CountryCode its ISO
	// 3166-1 alpha-2 code ("EG").
	Country     string `json:"country"`
	CountryCode string `json:"country_code"`
	// Region is the first-level division a city lies in ("Texas"), when
	// the gazetteer knows it.
	Region     string  `json:"region,omitempty"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Population int     `json:"population,omitempty"`
}
