package describe

import (
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/timex"
)

func TestSentencesAbbreviations(t *testing.T) {
	a := &storyline.Article{ID: "a", Published: "2024-02-06",
		Text: "Mr. Blinken met the U.S. ambassador in Cairo on Tuesday. He flew on to Doha.\nA new paragraph starts here."}
	a.Timexes = timex.Tag(a.Text, a.Published)
	got := Sentences(a)
	want := []string{"Mr. Blinken met the U.S. ambassador in Cairo on Tuesday.", "He flew on to Doha.", "A new paragraph starts here."}
	if len(got) != len(want) {
		t.Fatalf("%d sentences %+v, want %d", len(got), got, len(want))
	}
	for i, s := range got {
		if s.Text != want[i] || a.Text[s.Start:s.End] != s.Text || s.Index != i {
			t.Errorf("sentence %d = %+v, want %q", i, s, want[i])
		}
	}
	if got[0].Date != "2024-02-06" || got[0].Confidence < 0.9 {
		t.Errorf("first sentence dated %q (%v), want 2024-02-06", got[0].Date, got[0].Confidence)
	}
	// stale sentence spans (beyond the text) are not trusted
	a.SentenceDates = []storyline.SentenceDate{{Start: 0, End: 9999}}
	if n := len(Sentences(a)); n != 3 {
		t.Errorf("with stale spans: %d sentences, want 3", n)
	}
}

func TestUsable(t *testing.T) {
	for _, c := range []struct {
		s  string
		ok bool
	}{
		{"The Biden administration is still awaiting a response from Hamas to the framework.", true},
		{"“We will keep working until we reach a deal,” Blinken told reporters in Cairo.", true},
		{"Too short to say much.", false},
		{"How would you rate this article and what would you like to read next?", false},
		{"“If you want a ceasefire, pressure Hamas to say yes, and we will get there.”", false},
		{"BLINKEN ARRIVES IN CAIRO FOR TALKS WITH SISI ON THE GAZA WAR TODAY.", false},
		{"Read the full statement at https://www.state.gov/statement on the website.", false},
		{"and then the talks went on until late in the night in the capital.", false},
		{"Blinken's Urgent Middle East Diplomatic Mission to Cairo and Doha", false},
	} {
		if got := usable(c.s); got != c.ok {
			t.Errorf("usable(%q) = %v, want %v", c.s, got, c.ok)
		}
	}
}

func TestDangling(t *testing.T) {
	text := "He met el-Sisi in Cairo. This was his fifth trip. The move angered Israel. Despite his efforts, no deal came. " +
		"During his visit, Blinken met el-Sisi. The United States wants a deal. However, Hamas said no."
	at := strings.Index(text, "Blinken")
	ments := []storyline.Mention{{Start: at, End: at + 7, Text: "Blinken", Type: storyline.PER}}
	a := &storyline.Article{ID: "a", Text: text}
	want := []bool{true, true, true, true, false, false, true}
	got := Sentences(a)
	if len(got) != len(want) {
		t.Fatalf("%d sentences, want %d", len(got), len(want))
	}
	for i, s := range got {
		if d := dangling(s, ments); d != want[i] {
			t.Errorf("dangling(%q) = %v, want %v", s.Text, d, want[i])
		}
	}
}

func TestDatelinePrefix(t *testing.T) {
	for _, c := range []struct{ s, rest string }{
		{"RIYADH, Saudi Arabia — Secretary of State Antony Blinken arrived.", "Secretary of State Antony Blinken arrived."},
		{"WASHINGTON, Jan 5 (AFP) - The US said on Friday.", "The US said on Friday."},
		{"Blinken met el-Sisi — and then flew on.", "Blinken met el-Sisi — and then flew on."},
		{"UN officials said - without giving figures - that aid was short.", "UN officials said - without giving figures - that aid was short."},
	} {
		if got := c.s[datelinePrefix(c.s):]; got != c.rest {
			t.Errorf("after the dateline of %q: %q, want %q", c.s, got, c.rest)
		}
	}
}

// TestSentencesTitles: a split after a title before a name ("Army Spc.
// Charles Graner") is undone, on the same line only; the joined sentence
// keeps the better date.
func TestSentencesTitles(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"A court martial found Army Spc. Charles Graner guilty on Friday. He was jailed.",
			[]string{"A court martial found Army Spc. Charles Graner guilty on Friday.", "He was jailed."}},
		{"The talks were led by Prof. Heinz Ruther and Maj. Gen. Geoffrey Miller. They ended.",
			[]string{"The talks were led by Prof. Heinz Ruther and Maj. Gen. Geoffrey Miller.", "They ended."}},
		{"He was the last to speak, said Dr.\nNext came a new paragraph.",
			[]string{"He was the last to speak, said Dr.", "Next came a new paragraph."}},
		{"The Army sent him home. Gen. Miller declined to testify.",
			[]string{"The Army sent him home.", "Gen. Miller declined to testify."}},
	} {
		a := dated("a", "2005-01-15", c.text)
		// the splitter's spans, as ingest stores them, with a break after every point
		var sds []storyline.SentenceDate
		start := 0
		for i := 0; i < len(c.text); i++ {
			if c.text[i] == '.' && (i+1 == len(c.text) || c.text[i+1] == ' ' || c.text[i+1] == '\n') {
				sds = append(sds, storyline.SentenceDate{Start: start, End: i + 1, Timex: -1})
				start = i + 1
				for start < len(c.text) && (c.text[start] == ' ' || c.text[start] == '\n') {
					start++
				}
			}
		}
		sds[0].Value, sds[0].Confidence = "2005-01-14", 0.9
		a.SentenceDates = sds
		got := Sentences(a)
		var texts []string
		for _, s := range got {
			texts = append(texts, s.Text)
			if a.Text[s.Start:s.End] != s.Text {
				t.Errorf("%q: sentence %q is not at %d:%d", c.text, s.Text, s.Start, s.End)
			}
		}
		if strings.Join(texts, "|") != strings.Join(c.want, "|") {
			t.Errorf("Sentences(%q) = %q, want %q", c.text, texts, c.want)
		}
		if got[0].Date != "2005-01-14" {
			t.Errorf("%q: first sentence dated %q, want 2005-01-14", c.text, got[0].Date)
		}
	}
}
