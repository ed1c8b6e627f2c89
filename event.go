package storyline

import "time"

// Event is one happening at one time and place, as reported by one or
// more articles (the Topic Detection and Tracking sense): "Blinken meets
// el-Sisi in Cairo, 2024-02-06". The assign stage creates events and adds
// articles to them; the describe stage fills the rest. IDs are stable:
// adding articles never renames an event, and an event merged into
// another or split keeps resolving through its IDChange.
type Event struct {
	ID string `json:"id"`
	// Story is the ID of the story the event belongs to.
	Story string `json:"story"`
	// Title is a short description ("Blinken meets el-Sisi in Cairo").
	Title string `json:"title"`
	// Start and End are the first and last day of the happening as TIMEX3
	// dates ("2024-02-06"; coarser, "2024-02", when only that is known);
	// End equals Start for a one-day event; both empty when undated.
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	// Places are where it happened, the most central first.
	Places []EntityRef `json:"places,omitempty"`
	// Participants are the people, organisations and other named things
	// that take part, the most central first, with the roles the
	// articles give them.
	Participants []EntityRef `json:"participants,omitempty"`
	// Articles are the IDs of the event's articles, in ingest order.
	Articles []string `json:"articles"`
	// Sources counts the articles and the independent sources among them.
	Sources SourceCount `json:"sources"`
	// Summary is the cited extractive summary, in reading order.
	Summary []SummarySentence `json:"summary,omitempty"`
	// Claims are the numeric claims of the articles, grouped across them.
	Claims []ClaimGroup `json:"claims,omitempty"`
	// Quotes are the direct quotes of the articles with their speakers.
	Quotes []Quote `json:"quotes,omitempty"`
	// Created is when the event's first article was assigned; Updated
	// when the event last changed.
	Created time.Time `json:"created,omitzero"`
	Updated time.Time `json:"updated,omitzero"`
}

// Story is a seminal event and the events directly tied to it ("US
// diplomacy over the Gaza war"). Its IDs are stable as events' are.
type Story struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Start and End span the story's dated events (TIMEX3 dates).
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	// Events are the story's event IDs, in date order (undated last, in
	// the order they were created).
	Events []string `json:"events"`
	// Sources counts the story's articles and independent sources.
	Sources SourceCount `json:"sources"`
	// Participants are the story's most central entities, places included.
	Participants []EntityRef `json:"participants,omitempty"`
	// Summary is the cited summary of the story, in date order.
	Summary []SummarySentence `json:"summary,omitempty"`
	// Claims are the numeric claims of its articles, grouped across them.
	Claims  []ClaimGroup `json:"claims,omitempty"`
	Created time.Time    `json:"created,omitzero"`
	Updated time.Time    `json:"updated,omitzero"`
}

// EntityRef is an entity as an event or a story involves it.
type EntityRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	// Roles are the titles the event's articles give the entity.
	Roles []string `json:"roles,omitempty"`
	// Place is the gazetteer entry of a place.
	Place *Place `json:"place,omitempty"`
	// Mentions and Articles count the mentions and the articles that
	// name it, within the event or story.
	Mentions int `json:"mentions"`
	Articles int `json:"articles"`
}

// Membership is one article's place in an event and a story, with the
// evidence of the decision that put it there.
type Membership struct {
	Article  string   `json:"article"`
	Event    string   `json:"event"`
	Story    string   `json:"story"`
	Evidence Evidence `json:"evidence"`
}

// Evidence is the event and story decisions of one article.
type Evidence struct {
	Event Decision `json:"event"`
	Story Decision `json:"story"`
}

// Decision is why an article went where it did at one level (event or
// story).
type Decision struct {
	// Best is the best-scoring candidate (an event or story ID), whether
	// joined or not; empty when there was none.
	Best string `json:"best,omitempty"`
	// Score is the probability that the article belongs with Best.
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	// Joined tells that the article joined Best; else it started a new one.
	Joined bool `json:"joined"`
	// Inherited is set on the story decision of an article that joined an
	// existing event: it takes the event's story, nothing is compared.
	Inherited bool `json:"inherited,omitempty"`
	// Candidates is how many candidates were compared.
	Candidates int `json:"candidates"`
	// Signals are the values of the comparison with Best, bias last.
	Signals []Signal `json:"signals,omitempty"`
	// RunnerUp is the candidate that scored next after Best (event
	// decisions; empty when there was none), and RunnerUpScore its
	// probability: at or above Threshold, the article could have joined
	// either, a close call.
	RunnerUp      string  `json:"runner_up,omitempty"`
	RunnerUpScore float64 `json:"runner_up_score,omitempty"`
	// Offline tells that the decision was made by reclustering all
	// articles at once (storyline recluster --offline): Threshold is the
	// average link from which events (stories) merged, and, for an event
	// decision, Score the mean probability that the article and each
	// other article of Best report one event.
	Offline bool `json:"offline,omitempty"`
}

// CloseCall tells whether the runner-up passed the threshold too: the
// article could have joined another candidate as well.
func (d Decision) CloseCall() bool { return d.RunnerUp != "" && d.RunnerUpScore >= d.Threshold }

// Signal is one signal's value in a comparison and what it added to the
// log-odds of the decision.
type Signal struct {
	Name         string  `json:"name"`
	Value        float64 `json:"value"`
	Weight       float64 `json:"weight"`
	Contribution float64 `json:"contribution"` // Weight × Value
}

// Kinds of IDChange.
const (
	ChangeMerge = "merge" // Old was merged into New
	ChangeSplit = "split" // New was split off Old, which goes on
)

// IDChange records that an event or story ID changed meaning: Old was
// merged into New, or New was split off Old. Old IDs of merges keep
// resolving to New.
type IDChange struct {
	Kind string `json:"kind"`
	Old  string `json:"old"`
	New  string `json:"new"`
	// Reason says why, in words ("article X joins both events").
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// EventFilter selects events. The zero value selects all.
type EventFilter struct {
	// Story keeps the events of this story.
	Story string
	// Entity keeps the events whose articles mention this entity.
	Entity string
	// Source keeps the events with an article from this source.
	Source string
	// From and To keep events that overlap these days (inclusive,
	// "2024-02-05"); undated events are dropped when either is set.
	From, To string
	// Limit caps the number returned (0: no cap); Offset skips the first.
	Limit, Offset int
}

// StoryFilter selects stories. The zero value selects all.
type StoryFilter struct {
	Entity, Source, From, To string
	Limit, Offset            int
}

// ArticleFilter selects articles. The zero value selects all, in ingest
// order.
type ArticleFilter struct {
	Event, Story, Entity, Source string
	// IDs keeps the articles with these IDs, when not empty (IDs not
	// stored are left out): a list's articles read at once rather than
	// one by one.
	IDs []string
	// From and To keep articles published on these days (inclusive).
	From, To      string
	Limit, Offset int
	// Brief leaves out each article's Entities, Timexes and
	// SentenceDates (the text stays, for headlines and word counts): for
	// lists that show metadata only.
	Brief bool
}

// Stop is one place a person was at, by date: a step of an itinerary.
type Stop struct {
	// Date is the day (TIMEX3 date) of the event that puts the person there.
	Date  string    `json:"date"`
	Place EntityRef `json:"place"`
	// Event is the event that reports it.
	Event string `json:"event"`
}
