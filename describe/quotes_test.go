package describe

import (
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// withPeople marks each name in names as a PER mention of entity "e:"+name.
func withPeople(a *storyline.Article, names ...string) *storyline.Article {
	for _, n := range names {
		for off := 0; ; {
			i := strings.Index(a.Text[off:], n)
			if i < 0 {
				break
			}
			a.Entities = append(a.Entities, storyline.Mention{Start: off + i, End: off + i + len(n), Text: n, Type: storyline.PER, Entity: "e:" + n})
			off += i + len(n)
		}
	}
	sortMentions(a.Entities)
	return a
}

func sortMentions(ms []storyline.Mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func TestQuotes(t *testing.T) {
	for _, c := range []struct {
		text    string
		people  []string
		quote   string
		speaker string
	}{
		{`“We want a ceasefire now,” Blinken said in Cairo.`, []string{"Blinken"}, "We want a ceasefire now,", "Blinken"},
		{`"We want a ceasefire now," said Antony Blinken.`, []string{"Antony Blinken"}, "We want a ceasefire now,", "Antony Blinken"},
		{`Miller said: “The talks were very productive today.”`, []string{"Miller"}, "The talks were very productive today.", "Miller"},
		{`The deal is close, according to Mr. Miller, who said it was “within reach this week.”`, []string{"Miller"}, "within reach this week.", "Miller"},
		{`‘If you want a ceasefire, pressure Hamas,' Blinken remarked.`, []string{"Blinken"}, "If you want a ceasefire, pressure Hamas,", "Blinken"},
		{"``We will not give up ,'' Sisi told reporters .", []string{"Sisi"}, "We will not give up ,", "Sisi"},
		{`Blinken met Sisi. "We discussed aid for Gaza at length," he said.`, []string{"Blinken", "Sisi"}, "We discussed aid for Gaza at length,", "Blinken"},
		{`"We will respond to any attack," an official told Reuters.`, []string{"Reuters"}, "We will respond to any attack,", ""},
		{`The plan drew “strong objections” from Israel.`, nil, "", ""},
		{`Blinken’s aides say the trip went well, and it was the group’s best.`, []string{"Blinken"}, "", ""},
	} {
		a := withPeople(&storyline.Article{ID: "a", Text: c.text}, c.people...)
		qs := Quotes([]*storyline.Article{a})
		if c.quote == "" {
			if len(qs) != 0 {
				t.Errorf("%q: quotes %+v, want none", c.text, qs)
			}
			continue
		}
		if len(qs) != 1 {
			t.Errorf("%q: %d quotes %+v, want 1", c.text, len(qs), qs)
			continue
		}
		q := qs[0]
		if q.Text != c.quote || a.Text[q.Start:q.End] != q.Text || q.Article != "a" {
			t.Errorf("%q: quote %q at %d:%d, want %q", c.text, q.Text, q.Start, q.End, c.quote)
		}
		if q.SpeakerName != c.speaker || (c.speaker != "" && q.Speaker != "e:"+c.speaker) {
			t.Errorf("%q: speaker %q (%s), want %q", c.text, q.SpeakerName, q.Speaker, c.speaker)
		}
	}
}

func TestQuotesSeeds(t *testing.T) {
	qs := Quotes(seedArticles(t))
	want := map[string]string{"If you want a ceasefire, pressure Hamas to say yes,": "Blinken", "urgent need to reduce regional tensions,": "Miller"}
	for _, q := range qs {
		if w, ok := want[q.Text]; ok {
			if q.SpeakerName != w || q.Speaker == "" {
				t.Errorf("%q: speaker %q (%s), want %s", q.Text, q.SpeakerName, q.Speaker, w)
			}
			delete(want, q.Text)
		}
	}
	for q := range want {
		t.Errorf("quote %q not found", q)
	}
}
