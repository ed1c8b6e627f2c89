package timex_test

import (
	"testing"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"

	"github.com/storyline/storyline/timex"
)

// TestDateparserReference measures go-dateparser's handling of weekday and
// relative phrases against a base date (Tuesday 2024-02-06), beside
// storyline's own tagger, for docs/TIME.md. It logs the table (go test
// -run DateparserReference -v) and fails only if go-dateparser errors on
// every phrase.
func TestDateparserReference(t *testing.T) {
	if testing.Short() {
		t.Skip("short: go-dateparser loads its language data")
	}
	base := time.Date(2024, 2, 6, 12, 0, 0, 0, time.UTC)
	phrases := []string{"Tuesday", "on Tuesday", "Monday", "Wednesday", "Thursday", "Friday", "Sunday",
		"last Monday", "next Monday", "this Thursday", "yesterday", "a day before", "Oct. 7", "November 24th",
		"last week", "two years ago", "Tuesday morning"}
	sources := []struct {
		name string
		src  dateparser.PreferredDateSource
	}{{"current", dateparser.CurrentPeriod}, {"past", dateparser.Past}, {"future", dateparser.Future}}
	ok := 0
	for _, p := range phrases {
		line := p + ":"
		for _, s := range sources {
			cfg := &dateparser.Configuration{CurrentTime: base, PreferredDateSource: s.src, DefaultLanguages: []string{"en"}}
			d, err := dateparser.Parse(cfg, p)
			switch {
			case err != nil:
				line += " " + s.name + "=error"
			case d.IsZero():
				line += " " + s.name + "=none"
			default:
				ok++
				line += " " + s.name + "=" + d.Time.Format("2006-01-02")
			}
		}
		mine := "none"
		if tx := timex.Tag("It happened "+p+".", "2024-02-06"); len(tx) > 0 {
			mine = tx[0].Value
		}
		t.Log(line + " | timex(past report)=" + mine)
	}
	if ok == 0 {
		t.Fatal("go-dateparser parsed none of the phrases")
	}
}
