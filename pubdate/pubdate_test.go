package pubdate

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestInfer(t *testing.T) {
	tests := []struct {
		name, text string
		want       string
		conf       float64
		ok         bool
	}{
		{"latest explicit date narrowed by a weekday",
			"Talks held on Feb. 5, 2024 in Cairo broke down. The minister said on Tuesday that he would not return.",
			"2024-02-06", ConfWeekday, true},
		{"a weekday elsewhere does not confirm a date",
			"The vote on Feb. 6, 2024 passed. Lawmakers met on Tuesday and approved it.",
			"2024-02-06", ConfWeekday, true},
		{"date written with its weekday",
			"UPDATED: WEDNESDAY, MARCH 13, 2013, 2:30 AM\nThe riots began on Saturday after the funeral of June 3, 2012.",
			"2013-03-13", ConfWritten, true},
		{"abbreviated weekday with the date",
			"Posted Wed., March 13, 2013. Police said on Monday that 46 were arrested.",
			"2013-03-13", ConfWritten, true},
		{"weekday that does not fit the date",
			"On Tuesday, March 13, 2013 the riots began.",
			"2013-03-13", ConfLatest, true},
		{"weekday and month-day: the year they agree in",
			"The 2012 vote was annulled. On Thursday, May 2 the court met again.",
			"2013-05-02", ConfPaired, true},
		{"weekday and month-day without any year",
			"On Thursday, May 2 the court met again.",
			"", 0, false},
		{"today with a weekday",
			"The court ruled on March 1, 2024. Today, Monday, the lawyers appealed.",
			"2024-03-04", ConfToday, true},
		{"yesterday with a weekday",
			"The court ruled on March 1, 2024. Yesterday (Sunday) the lawyers met.",
			"2024-03-04", ConfToday, true},
		{"latest explicit date only",
			"The company was founded on 12 May 1998 and listed on June 3, 2001.",
			"2001-06-03", ConfLatest, true},
		{"future weekday does not narrow",
			"Results published on Feb. 5, 2024 were disputed. The panel will meet on Friday.",
			"2024-02-05", ConfLatest, true},
		{"numeric date",
			"Police said the fire started on 2/6/2024 at a warehouse.",
			"2024-02-06", ConfLatest, true},
		{"year only is not enough", "In 2023 sales rose. This year they fell.", "", 0, false},
		{"month only is not answered", "The plant closed in March 2020.", "", 0, false},
		{"weekday only", "The minister resigned on Tuesday.", "", 0, false},
		{"no dates", "The minister resigned amid protests.", "", 0, false},
		{"empty", "", "", 0, false},
		{"month-day without year", "The talks began on March 3 and ended Friday.", "", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, conf, ok := Infer(tc.text)
			if got != tc.want || ok != tc.ok || conf != tc.conf {
				t.Errorf("Infer(%q) = %q, %.2f, %v; want %q, %.2f, %v", tc.text, got, conf, ok, tc.want, tc.conf, tc.ok)
			}
		})
	}
}

func TestLatest(t *testing.T) {
	if got, ok := Latest("On Feb. 5, 2024, and on Jan. 3, 2024, it rained. On Tuesday too."); !ok || got != "2024-02-05" {
		t.Errorf("Latest = %q, %v; want 2024-02-05", got, ok)
	}
	if _, ok := Latest("On Tuesday it rained."); ok {
		t.Error("Latest on a text without a full date: ok")
	}
}

func TestWeekday(t *testing.T) {
	for _, tc := range []struct {
		y, m, d, w int
	}{{1970, 1, 1, 4}, {2024, 2, 6, 2}, {1969, 12, 28, 7}, {1900, 1, 1, 1}, {2000, 2, 29, 2}} {
		if got := mkDay(tc.y, tc.m, tc.d).weekday(); got != tc.w {
			t.Errorf("weekday(%d-%d-%d) = %d, want %d", tc.y, tc.m, tc.d, got, tc.w)
		}
		want := time.Date(tc.y, time.Month(tc.m), tc.d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		if got := mkDay(tc.y, tc.m, tc.d).String(); got != want {
			t.Errorf("day string = %s, want %s", got, want)
		}
	}
}

func validResult(t *testing.T, text, date string, conf float64, ok bool) {
	t.Helper()
	if !ok {
		if date != "" || conf != 0 {
			t.Fatalf("Infer(%q) = %q, %v, false: want empty answer", text, date, conf)
		}
		return
	}
	if conf <= 0 || conf >= 1 {
		t.Fatalf("Infer(%q): confidence %v outside (0, 1)", text, conf)
	}
	layout := "2006-01-02"
	if len(date) == 7 {
		layout = "2006-01"
	}
	if p, err := time.Parse(layout, date); err != nil || p.Format(layout) != date {
		t.Fatalf("Infer(%q) = %q: not a valid date (%v)", text, date, err)
	}
}

func FuzzInfer(f *testing.F) {
	for _, s := range []string{
		"Talks held on Feb. 5, 2024 broke down. He said on Tuesday.",
		"Today, Monday, Feb 31, 2024", "yesterday (Sunday) 2/30/1999", "Dec. 31, 9999 Friday",
		"THURSDAY, DECEMBER 3, 2009, 9:36 AM", "", "0000-00-00", "\xff\xfe Tuesday",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, c, ok := Infer(s)
		validResult(t, s, d, c, ok)
	})
}

// sharedData returns the shared dev data folder, or skips.
func sharedData(tb testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "gigaword-silver", "articles.jsonl")); err != nil {
		tb.Skipf("shared data not found at %s", dir)
	}
	return dir
}

func loadTexts(tb testing.TB, path string, n int) []string {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() && len(out) < n {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		out = append(out, d.Text)
	}
	return out
}

func TestInferRealTexts(t *testing.T) {
	dir := sharedData(t)
	for _, text := range loadTexts(t, filepath.Join(dir, "gigaword-silver", "articles.jsonl"), 1<<30) {
		d, c, ok := Infer(text)
		validResult(t, text[:min(len(text), 80)], d, c, ok)
	}
}

func BenchmarkInfer(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "data", "gigaword-silver", "articles.jsonl")
	var texts []string
	if _, err := os.Stat(dir); err == nil {
		texts = loadTexts(b, dir, 500)
	} else {
		texts = []string{"Talks held on Feb. 5, 2024 in Cairo broke down. The minister said on Tuesday that he would not return."}
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Infer(t)
		}
	}
}

func TestFromSource(t *testing.T) {
	for _, tc := range []struct {
		text, source, want string
		ok                 bool
	}{
		// A later version of a story dated Monday 2024-02-05 that reports
		// Tuesday's meeting.
		{"Blinken met President el-Sisi in Cairo on Tuesday, a day after Riyadh.", "2024-02-05", "2024-02-06", true},
		{"Blinken met President el-Sisi in Cairo.", "2024-02-05T09:00:00Z", "2024-02-05", true},
		// The text's own later date wins over the source's.
		{"The talks ended on Feb. 9, 2024, officials said.", "2024-02-05", "2024-02-09", true},
		// A date long after the source is background, not the report's day.
		{"The ceasefire of March 3, 2025 was cited.", "2024-02-05", "2024-02-05", true},
		{"Anything.", "sometime", "", false},
	} {
		got, ok := FromSource(tc.text, tc.source)
		if got != tc.want || ok != tc.ok {
			t.Errorf("FromSource(%q, %q) = %q, %v; want %q, %v", tc.text, tc.source, got, ok, tc.want, tc.ok)
		}
	}
}
