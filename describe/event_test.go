package describe

import (
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestPresentTense(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"met", "meets"}, {"arrived", "arrives"}, {"visited", "visits"}, {"announced", "announces"},
		{"urged", "urges"}, {"signed", "signs"}, {"carried", "carries"}, {"agreed", "agrees"},
		{"stopped", "stops"}, {"called", "calls"}, {"reached", "reaches"}, {"discussed", "discusses"},
		{"closed", "closes"}, {"declared", "declares"}, {"entered", "enters"}, {"created", "creates"},
		{"decided", "decides"}, {"named", "names"}, {"played", "plays"}, {"continued", "continues"},
		{"warned", "warns"}, {"killed", "kills"}, {"began", "begins"}, {"embarks", "embarks"}, {"Cairo", "Cairo"},
		{"declined", "declines"}, {"convened", "convenes"}, {"scored", "scores"}, {"described", "describes"},
		{"sacked", "sacks"}, {"renewed", "renews"}, {"outflanked", "outflanks"}, {"published", "publishes"},
	} {
		if got := presentTense(c.in); got != c.want {
			t.Errorf("presentTense(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// article builds an annotated article: names are marked [Name|TYPE|id]
// in text, and the sentences are split at ". ".
func article(t *testing.T, id, published, text string) *storyline.Article {
	t.Helper()
	a := &storyline.Article{ID: id, Published: published}
	var b strings.Builder
	for {
		i := strings.Index(text, "[")
		if i < 0 {
			b.WriteString(text)
			break
		}
		j := strings.Index(text[i:], "]") + i
		b.WriteString(text[:i])
		f := strings.Split(text[i+1:j], "|")
		a.Entities = append(a.Entities, storyline.Mention{Start: b.Len(), End: b.Len() + len(f[0]), Text: f[0], Type: f[1], Entity: f[2]})
		b.WriteString(f[0])
		text = text[j+1:]
	}
	a.Text = b.String()
	start := 0
	for start < len(a.Text) {
		end := strings.Index(a.Text[start:], ". ")
		if end < 0 {
			end = len(a.Text)
		} else {
			end += start + 1
		}
		a.SentenceDates = append(a.SentenceDates, storyline.SentenceDate{Start: start, End: end, Value: published, Confidence: 0.3, Timex: -1})
		start = end + 1
	}
	return a
}

func TestEventDescription(t *testing.T) {
	ents := Entities{
		"mayor":   {ID: "mayor", Name: "Jane Smith", Type: storyline.PER, Roles: []storyline.Role{{Title: "Mayor", Article: "a1"}}},
		"council": {ID: "council", Name: "City Council", Type: storyline.ORG},
		"lyon":    {ID: "lyon", Name: "Lyon", Type: storyline.LOC, Place: &storyline.Place{Name: "Lyon", Kind: "city"}},
		"france":  {ID: "france", Name: "France", Type: storyline.LOC, Place: &storyline.Place{Name: "France", Kind: "country"}},
		"paris":   {ID: "paris", Name: "Paris", Type: storyline.LOC, Place: &storyline.Place{Name: "Paris", Kind: "city"}},
		"french":  {ID: "french", Name: "French", Type: storyline.MISC},
	}
	a1 := article(t, "a1", "2024-03-04", "Mayor [Jane Smith|PER|mayor] opened the new bridge in [Lyon|LOC|lyon] on Monday, the first in a decade. "+
		"The [City Council|ORG|council] paid for it. The [French|MISC|french] press praised the design, which recalls one in [Paris|LOC|paris].")
	mon := strings.Index(a1.Text, "Monday")
	a1.Timexes = []storyline.Timex{{Start: mon, End: mon + 6, Text: "Monday", Type: "DATE", Value: "2024-03-04"}}
	a2 := article(t, "a2", "2024-03-05", "[Jane Smith|PER|mayor] was in [Lyon|LOC|lyon] to open a bridge. [Smith|PER|mayor] thanked the [City Council|ORG|council]. "+
		"Bridges are common in [France|LOC|france].")
	a3 := article(t, "a3", "2024-03-04", "A copy. [Jane Smith|PER|mayor] opened a bridge in [Lyon|LOC|lyon].")
	a3.DuplicateOf = "a2"
	e := &storyline.Event{ID: "ev1", Story: "st1"}
	Event(e, []*storyline.Article{a1, a2, a3}, ents)
	if e.ID != "ev1" || e.Story != "st1" {
		t.Errorf("Event changed the IDs: %q %q", e.ID, e.Story)
	}
	if got := strings.Join(e.Articles, ","); got != "a1,a2,a3" {
		t.Errorf("Articles = %s", got)
	}
	if e.Sources != (storyline.SourceCount{Articles: 3, Independent: 2}) {
		t.Errorf("Sources = %+v, want 3 articles from 2 independent sources", e.Sources)
	}
	if e.Start != "2024-03-04" || e.End != "2024-03-05" {
		t.Errorf("days = %s..%s, want 2024-03-04..2024-03-05", e.Start, e.End)
	}
	if len(e.Places) == 0 || e.Places[0].ID != "lyon" {
		t.Errorf("Places = %+v, want Lyon first", e.Places)
	}
	for _, p := range e.Places {
		if p.ID == "paris" || p.ID == "france" {
			t.Errorf("Places has %s, a place merely named", p.Name)
		}
	}
	if len(e.Participants) < 2 || e.Participants[0].ID != "mayor" || e.Participants[0].Articles != 3 {
		t.Fatalf("Participants = %+v, want the mayor first, in 3 articles", e.Participants)
	}
	if got := e.Participants[0].Roles; len(got) != 1 || got[0] != "mayor" {
		t.Errorf("mayor's roles = %v, want [mayor]", got)
	}
	for _, p := range e.Participants {
		if p.Type == storyline.MISC {
			t.Errorf("Participants has the nationality %s", p.Name)
		}
	}
	if e.Title != "Smith opens the new bridge in Lyon" {
		t.Errorf("Title = %q, want %q", e.Title, "Smith opens the new bridge in Lyon")
	}

	st := &storyline.Story{ID: "st1"}
	later := storyline.Event{ID: "ev2", Start: "2024-04-01", End: "2024-04-01", Title: "Later", Sources: storyline.SourceCount{Articles: 1, Independent: 1}}
	undated := storyline.Event{ID: "ev3", Title: "Undated"}
	Story(st, []storyline.Event{later, undated, *e}, []*storyline.Article{a1, a2, a3})
	if got := strings.Join(st.Events, ","); got != "ev1,ev2,ev3" {
		t.Errorf("story events = %s, want date order, undated last", got)
	}
	if st.Start != "2024-03-04" || st.End != "2024-04-01" || st.Title != e.Title {
		t.Errorf("story = %s..%s %q", st.Start, st.End, st.Title)
	}
}

// TestTitle checks the headline compression on leads of the kinds that
// wire copy is made of.
func TestTitle(t *testing.T) {
	per := func(id, name string) storyline.EntityRef {
		return storyline.EntityRef{ID: id, Name: name, Type: storyline.PER}
	}
	city := func(id, name string) storyline.EntityRef {
		return storyline.EntityRef{ID: id, Name: name, Type: storyline.LOC, Place: &storyline.Place{Name: name, Kind: "city"}}
	}
	for _, c := range []struct {
		name, text, dateline string
		who                  storyline.EntityRef
		place                *storyline.EntityRef
		want                 string
	}{
		{"subject and verb", "[Jane Smith|PER|s] opened the new bridge in [Lyon|LOC|lyon].", "",
			per("s", "Jane Smith"), nil, "Smith opens the new bridge in Lyon"},
		{"a present from news text, not from spelling", "[Jane Smith|PER|s] declined to comment on the inquiry.", "",
			per("s", "Jane Smith"), nil, "Smith declines to comment on the inquiry"},
		{"what was said follows the verb", "[Meles Zenawi|PER|m] said more than 1,000 people have been killed.", "",
			per("m", "Meles Zenawi"), nil, "Zenawi says more than 1,000 people have been killed"},
		{"what was said comes first: the lead's first words",
			"Thailand's security will stay under close watch after the ban, Commander [Boonsang Niempradit|PER|b] said in [Bangkok|LOC|bkk] on Friday.", "",
			per("b", "Boonsang Niempradit"), nil, "Thailand's security will stay under close watch after the ban,…"},
		{"what was said is cut short", "[Javier Solana|PER|s] said the European Union, after the talks, would help.", "",
			per("s", "Javier Solana"), nil, "Javier Solana said the European Union, after the talks, would…"},
		{"a group noun after a name is no verb", "[United Nations|ORG|un] peacekeepers in Darfur were attacked.", "",
			storyline.EntityRef{ID: "un", Name: "United Nations", Type: storyline.ORG}, nil, "United Nations peacekeepers in Darfur were attacked."},
		{"told someone, and nothing said", "[Jane Smith|PER|s] told reporters in [Lyon|LOC|lyon].", "",
			per("s", "Jane Smith"), nil, "Jane Smith told reporters in Lyon."},
		{"a quoted phrase is read through", `[Harry Redknapp|PER|h] admitted that he made a "monumental mistake" in leaving.`, "",
			per("h", "Harry Redknapp"), nil, "Redknapp admits that he made a monumental mistake in leaving"},
		{"a weekday the tagger put in the name", "[Jacob Zuma Tuesday|PER|z] declined to comment on the inquiry.", "",
			per("z", "Jacob Zuma Tuesday"), nil, "Zuma declines to comment on the inquiry"},
		{"here is the dateline's place", "[Kofi Annan|PER|k] made the remarks here.", "BEIJING",
			per("k", "Kofi Annan"), &storyline.EntityRef{ID: "bj", Name: "Beijing", Type: storyline.LOC, Place: &storyline.Place{Name: "Beijing", Kind: "city"}},
			"Annan makes the remarks in Beijing"},
		{"here without a dateline is dropped", "[Kofi Annan|PER|k] made the remarks here to the press.", "",
			per("k", "Kofi Annan"), nil, "Annan makes the remarks to the press"},
		{"the event's place only when the article names it", "[Jane Smith|PER|s] opened the new bridge.", "",
			per("s", "Jane Smith"), ptr(city("paris", "Paris")), "Smith opens the new bridge"},
		{"the event's place the article names", "[Jane Smith|PER|s] opened the new bridge. It links [Paris|LOC|paris] to its airport.", "",
			per("s", "Jane Smith"), ptr(city("paris", "Paris")), "Smith opens the new bridge in Paris"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := article(t, "a1", "2024-03-04", c.text)
			a.Dateline = c.dateline
			var places []storyline.EntityRef
			if c.place != nil {
				places = append(places, *c.place)
			}
			if got := Title([]*storyline.Article{a}, "", []storyline.EntityRef{c.who}, places); got != c.want {
				t.Errorf("Title = %q, want %q", got, c.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestStripSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Urgent: Annan pays surprise visit to Iraq", "Annan pays surprise visit to Iraq"},
		{"URGENT: 9,007 people killed in accidents", "9,007 people killed in accidents"},
		{"China Focus: Monks restart a musical odyssey", "Monks restart a musical odyssey"},
		{"Rude, bad-tempered slobs: that was the verdict", "Rude, bad-tempered slobs: that was the verdict"},
		{"Iraq: bomb kills 10", "Iraq: bomb kills 10"},
		{"Update:", "Update:"},
		{"No colon here", "No colon here"},
	} {
		if got := stripSlug(c.in); got != c.want {
			t.Errorf("stripSlug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
