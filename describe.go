package storyline

// SummarySentence is one sentence of a cited extractive summary.
type SummarySentence struct {
	// Text is the sentence as written in the first of Sources.
	Text string `json:"text"`
	// Sources are the IDs of every article that supports the sentence
	// (says it, or a close paraphrase of it); the first is the one Text
	// was taken from.
	Sources []string `json:"sources"`
	// Start and End are Text's UTF-8 byte offsets in the first source's
	// text, end exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// Date is the sentence's happening date (TIMEX3), when known.
	Date string `json:"date,omitempty"`
}

// Claim is one numeric statement of one article: a quantity of something
// counted, where, as of when ("27,478 Palestinians killed in Gaza as of
// 2024-02-05").
type Claim struct {
	// Text is the quantity as written ("more than 27,000").
	Text string `json:"text"`
	// Value is the number; Approx the qualifier that bounds it ("", "more
	// than", "at least", "about", "nearly", "up to").
	Value  float64 `json:"value"`
	Approx string  `json:"approx,omitempty"`
	// Unit is what the number is in: "people", "USD", "%", "km".
	Unit string `json:"unit,omitempty"`
	// Counted is what is counted, normalised ("killed", "wounded",
	// "displaced", "hostages", "money", "percent").
	Counted string `json:"counted"`
	// Of is, for money, percentages and distances, the stem of the word
	// that says what they measure ("aid", "vote"); for people, the stem
	// of the part of them counted ("policemen", "tourist"), or
	// "recovered" for bodies found; empty for people in general.
	Of string `json:"of,omitempty"`
	// Period is the span the count covers when the sentence names one
	// ("24 hours", "day" for a count dated to one day); empty for a
	// running total.
	Period string `json:"period,omitempty"`
	// Where is the place the count is about, when stated, as written;
	// Place its entity ID.
	Where string `json:"where,omitempty"`
	Place string `json:"place,omitempty"`
	// AsOf is the date the count holds on (TIMEX3), when known: for a
	// running total (no Period) the date of its report, for one day's
	// count or a measurement the day it is of.
	AsOf string `json:"as_of,omitempty"`
	// Article is the ID of the article; Start and End the quantity's
	// UTF-8 byte offsets in its text; Sentence the sentence it is in.
	Article  string `json:"article"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence string `json:"sentence"`
}

// Claim statuses.
const (
	ClaimSingle     = "single"     // one claim, copies of one, or one source's differing counts
	ClaimAgree      = "agree"      // the claims agree (see ClaimGroup.Sources for how many sources)
	ClaimContradict = "contradict" // different counts for the same thing on the same date
	ClaimUpdate     = "update"     // a later count replaces an earlier one
)

// ClaimGroup is the claims of several articles about one counted thing,
// and whether they agree.
type ClaimGroup struct {
	// Counted, Of, Period, Where and Place are what the claims share
	// (see Claim).
	Counted string `json:"counted"`
	Of      string `json:"of,omitempty"`
	Period  string `json:"period,omitempty"`
	Where   string `json:"where,omitempty"`
	Place   string `json:"place,omitempty"`
	// Status is one of the Claim statuses: ClaimSingle, ClaimAgree,
	// ClaimContradict, ClaimUpdate.
	Status string `json:"status"`
	// Sources counts the independent sources (copies count once) among
	// the claims' articles.
	Sources int `json:"sources"`
	// Claims are the claims, oldest AsOf first.
	Claims []Claim `json:"claims"`
}

// Quote is a direct quote with its speaker.
type Quote struct {
	Text string `json:"text"`
	// Speaker is the ID of the entity that says it, when resolved;
	// SpeakerName the name as the article gives it.
	Speaker     string `json:"speaker,omitempty"`
	SpeakerName string `json:"speaker_name,omitempty"`
	// Article is the article's ID; Start and End the quote's UTF-8 byte
	// offsets in its text.
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}
