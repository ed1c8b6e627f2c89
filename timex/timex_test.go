package timex_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/eval"
	"github.com/storyline/storyline/timex"
)

// pub is a Tuesday.
const pub = "2024-02-06"

type want struct{ text, typ, value string }

func TestTag(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		published string
		want      []want
	}{
		{"weekday same day past", "The minister met them on Tuesday.", pub, []want{{"Tuesday", "DATE", "2024-02-06"}}},
		{"weekday past", "Blinken arrived in Riyadh on Monday, officials said.", pub, []want{{"Monday", "DATE", "2024-02-05"}}},
		{"weekday past far", "Talks collapsed on Wednesday.", pub, []want{{"Wednesday", "DATE", "2024-01-31"}}},
		{"weekday future will", "He will meet Netanyahu on Thursday.", pub, []want{{"Thursday", "DATE", "2024-02-08"}}},
		{"weekday future expected", "The deal is expected to be signed Friday.", pub, []want{{"Friday", "DATE", "2024-02-09"}}},
		{"weekday future scheduled", "A vote is scheduled for Sunday.", pub, []want{{"Sunday", "DATE", "2024-02-11"}}},
		{"weekday rfc3339", "He spoke on Monday.", "2024-02-06T09:30:00Z", []want{{"Monday", "DATE", "2024-02-05"}}},
		{"last friday", "The strike began last Friday.", pub, []want{{"last Friday", "DATE", "2024-02-02"}}},
		{"next monday", "They meet again next Monday.", pub, []want{{"next Monday", "DATE", "2024-02-12"}}},
		{"a day before", "The convoy was hit a day before.", pub, []want{{"a day before", "DATE", "2024-02-05"}}},
		{"the day before", "He had landed in Cairo the day before.", pub, []want{{"the day before", "DATE", "2024-02-05"}}},
		{"a day before a dated report, after an attributive date", "He met them on Tuesday. On his trip since the Oct. 7 attacks, he began a day before in Riyadh.", pub,
			[]want{{"Tuesday", "DATE", "2024-02-06"}, {"Oct. 7", "DATE", "2023-10-07"}, {"a day before", "DATE", "2024-02-05"}}},
		{"yesterday today", "Shares fell yesterday and rose today.", pub, []want{{"yesterday", "DATE", "2024-02-05"}, {"today", "DATE", "2024-02-06"}}},
		{"discourse now", "Talks failed. Now, he says, the deal is dead; it is now over.", pub, []want{{"now", "DATE", "PRESENT_REF"}}},
		{"then current", "Holders may buy shares at the then current market price.", pub, []want{{"then current", "DATE", "PAST_REF"}}},
		{"now currently", "The group is now in talks and currently holds 5%.", pub, []want{{"now", "DATE", "PRESENT_REF"}, {"currently", "DATE", "PRESENT_REF"}}},
		{"tonight", "He will speak tonight.", pub, []want{{"tonight", "TIME", "2024-02-06TNI"}}},
		{"last week", "Officials met last week.", pub, []want{{"last week", "DATE", "2024-W05"}}},
		{"this week", "A deal could come this week.", pub, []want{{"this week", "DATE", "2024-W06"}}},
		{"next month", "Elections are due next month.", pub, []want{{"next month", "DATE", "2024-03"}}},
		{"last year", "Exports rose 5% last year.", pub, []want{{"last year", "DATE", "2023"}}},
		{"recent days", "Fighting intensified in recent days and recent weeks.", pub, []want{{"recent days", "DATE", "PAST_REF"}, {"recent weeks", "DATE", "PAST_REF"}}},
		{"earlier this month", "He visited Doha earlier this month.", pub, []want{{"earlier this month", "DATE", "2024-02"}}},
		{"month day past", "Hamas attacked Israel on Oct. 7, killing 1,200 people.", pub, []want{{"Oct. 7", "DATE", "2023-10-07"}}},
		{"month day ordinal", "The truce began on November 24th.", pub, []want{{"November 24th", "DATE", "2023-11-24"}}},
		{"month day future", "The summit will open on March 12.", pub, []want{{"March 12", "DATE", "2024-03-12"}}},
		{"full date us", "It was signed Feb. 6, 2024.", pub, []want{{"Feb. 6, 2024", "DATE", "2024-02-06"}}},
		{"full date uk", "It was signed on 6 February 2024.", pub, []want{{"6 February 2024", "DATE", "2024-02-06"}}},
		{"iso date", "Filed 2024-02-06 in Geneva.", pub, []want{{"2024-02-06", "DATE", "2024-02-06"}}},
		{"month alone", "Talks resume in March.", pub, []want{{"March", "DATE", "2024-03"}}},
		{"month year", "The plan dates from March 2023.", pub, []want{{"March 2023", "DATE", "2023-03"}}},
		{"year", "The war began in 2023; the law was passed in 1996.", pub, []want{{"2023", "DATE", "2023"}, {"1996", "DATE", "1996"}}},
		{"decade", "Prices were lower in the 1990s.", pub, []want{{"the 1990s", "DATE", "199"}}},
		{"decades duration", "The conflict has lasted over four decades.", pub, []want{{"four decades", "DURATION", "P40Y"}}},
		{"nearly four months", "The war has gone on for nearly four months.", pub, []want{{"nearly four months", "DURATION", "P4M"}}},
		{"two years", "He spent two years in prison.", pub, []want{{"two years", "DURATION", "P2Y"}}},
		{"48 hours", "A pause of 48 hours was agreed.", pub, []want{{"48 hours", "DURATION", "PT48H"}}},
		{"a decade", "It took a decade.", pub, []want{{"a decade", "DURATION", "P10Y"}}},
		{"hyphenated", "A two-year truce and a 16-hour flight.", pub, []want{{"two-year", "DURATION", "P2Y"}, {"16-hour", "DURATION", "PT16H"}}},
		{"clock", "The blast came at 3 p.m. local time.", pub, []want{{"3 p.m. local time", "TIME", "2024-02-06T15:00"}}},
		{"clock with day", "Polls close at 9 a.m. EST Tuesday.", pub, []want{{"9 a.m. EST Tuesday", "TIME", "2024-02-06T09:00"}}},
		{"part of day", "He left Tuesday morning.", pub, []want{{"Tuesday morning", "DATE", "2024-02-06TMO"}}},
		{"weekday evening", "He spoke Monday evening.", pub, []want{{"Monday evening", "TIME", "2024-02-05TEV"}}},
		{"month this year", "Talks began in February this year and end in April next year.", pub, []want{{"February", "DATE", "2024-02"}, {"April", "DATE", "2025-04"}}},
		{"days later", "Three days later, the rebels withdrew.", pub, []want{{"Three days", "DURATION", "P3D"}}},
		{"a day earlier", "A day earlier, trucks crossed.", pub, []want{{"A day", "DURATION", "P1D"}}},
		{"fraction of a minute", "The blast lasted a minute and a half.", pub, []want{{"a minute and a half", "DURATION", "PT1M30S"}}},
		{"fraction of days", "The strike lasted 2 1/2 days.", pub, []want{{"2 1/2 days", "DURATION", "P2DT12H"}}},
		{"two more weeks", "He will stay two more weeks.", pub, []want{{"two more weeks", "DURATION", "P2W"}}},
		{"a while", "They will live without it for a while.", pub, []want{{"a while", "DURATION", "PXX"}}},
		{"the year 2000", "Fears grew as the year two thousand approached.", pub, []want{{"the year two thousand", "DATE", "2000"}}},
		{"the week of", "A hearing is set for the week of March 6.", pub, []want{{"the week of March 6", "DATE", "2024-W10"}}},
		{"possessive weekday", "Lawyers will appeal Wednesday's ruling.", pub, []want{{"Wednesday", "DATE", "2024-01-31"}}},
		{"future adjective", "Future earnings will fall and future demand is weak.", pub, nil},
		{"future noun", "The court will decide Elian's future.", pub, []want{{"future", "DATE", "FUTURE_REF"}}},
		{"annually rate", "Sales should rise 8.5% annually.", pub, nil},
		{"last night", "Shelling resumed last night.", pub, []want{{"last night", "TIME", "2024-02-05TNI"}}},
		{"sets", "Talks are held every week, reports come out weekly, the fair is held each year and flights run daily.", pub,
			[]want{{"every week", "SET", "P1W"}, {"weekly", "SET", "P1W"}, {"each year", "SET", "P1Y"}, {"daily", "SET", "P1D"}}},
		{"quarter", "The company reported a loss in the third quarter.", pub, []want{{"the third quarter", "DATE", "2023-Q3"}}},
		{"quarter hyphen", "Third-quarter profit rose.", "1989-10-26", []want{{"Third-quarter", "DATE", "1989-Q3"}}},
		{"quarter year ago", "Profit in the third quarter rose from $5 million a year ago.", "1989-10-26", []want{{"the third quarter", "DATE", "1989-Q3"}, {"a year ago", "DATE", "1988-Q3"}}},
		{"season", "The offensive started last summer.", pub, []want{{"last summer", "DATE", "2023-SU"}}},
		{"past three years", "Prices doubled over the past three years.", pub, []want{{"the past three years", "DURATION", "P3Y"}}},
		{"years", "The families have not met for years.", pub, []want{{"years", "DURATION", "PXY"}}},
		{"future", "Peace is possible in the future.", pub, []want{{"the future", "DATE", "FUTURE_REF"}}},
		{"ago", "He left two years ago and returned five months ago.", pub, []want{{"two years ago", "DATE", "2022"}, {"five months ago", "DATE", "2023-09"}}},
		{"quarter token", "Sales fell in Q3 2008.", pub, []want{{"Q3 2008", "DATE", "2008-Q3"}}},
		{"century", "A 21st century war.", pub, []want{{"21st century", "DATE", "20"}}},
		{"gmt clock", "The blast came at 0735 GMT.", pub, []want{{"0735 GMT", "TIME", "2024-02-06T07:35"}}},
		{"following year", "He moved to Cairo in 2019 and the following year to Doha.", pub, []want{{"2019", "DATE", "2019"}, {"the following year", "DATE", "2020"}}},
		{"that year", "He fled in June 1998 and returned later that year.", pub, []want{{"June 1998", "DATE", "1998-06"}, {"later that year", "DATE", "1998"}}},
		{"spoken year", "It began in nineteen ninety-six.", pub, []want{{"nineteen ninety-six", "DATE", "1996"}}},
		{"ranges", "Repairs take two to three weeks.", pub, []want{{"two to three weeks", "DURATION", "P2W"}}},
		{"half", "It lasted a year and a half, then half an hour.", pub, []want{{"a year and a half", "DURATION", "P1Y6M"}, {"half an hour", "DURATION", "PT30M"}}},
		{"first half", "Growth slowed in the first half of 2023.", pub, []want{{"the first half of 2023", "DATE", "2023-H1"}}},
		{"iso time", "Posted 2024-02-06T10:30:00Z by staff.", pub, []want{{"2024-02-06T10:30:00Z", "TIME", "2024-02-06T10:30"}}},
		{"former is no timex", "The former minister spoke.", pub, nil},
		{"end of the year", "Troops leave by the end of the year; talks stalled earlier in the year.", pub, []want{{"the end of the year", "DATE", "2024"}, {"earlier in the year", "DATE", "2024"}}},
		{"unknown dct", "He arrived on Monday, last year.", "", []want{{"Monday", "DATE", "XXXX-WXX-1"}, {"last year", "DATE", "XXXX"}}},
		{"no may verb", "The talks may resume; he may march on.", pub, nil},
		{"age not duration", "A 6-year-old boy and his 44-year-old father.", pub, nil},
		{"not a year", "He paid $1996 for 2000 shares.", pub, nil},
		{"utf8", "Le président a dit — lundi — that talks began on Monday…", pub, []want{{"Monday", "DATE", "2024-02-05"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := timex.Tag(tt.text, tt.published)
			checkValid(t, tt.text, got)
			var g []want
			for _, x := range got {
				g = append(g, want{x.Text, x.Type, x.Value})
			}
			if len(g) != len(tt.want) {
				t.Fatalf("Tag(%q) = %v, want %v", tt.text, g, tt.want)
			}
			for i := range g {
				if g[i] != tt.want[i] {
					t.Errorf("Tag(%q)[%d] = %v, want %v", tt.text, i, g[i], tt.want[i])
				}
			}
		})
	}
}

// checkValid checks offsets, text and order.
func checkValid(t *testing.T, text string, got []storyline.Timex) {
	t.Helper()
	end := 0
	for _, x := range got {
		if x.Start < end || x.End <= x.Start || x.End > len(text) {
			t.Fatalf("bad or overlapping offsets %d-%d (previous end %d) in %q", x.Start, x.End, end, text)
		}
		if text[x.Start:x.End] != x.Text {
			t.Fatalf("text[%d:%d] = %q, Text = %q", x.Start, x.End, text[x.Start:x.End], x.Text)
		}
		if !utf8.ValidString(x.Text) && utf8.ValidString(text) {
			t.Fatalf("span %q splits a rune", x.Text)
		}
		switch x.Type {
		case timex.Date, timex.Time, timex.Duration, timex.Set:
		default:
			t.Fatalf("bad type %q", x.Type)
		}
		if x.Value == "" {
			t.Fatalf("empty value for %q", x.Text)
		}
		end = x.End
	}
}

func TestSentenceDates(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []storyline.SentenceDate // Start/End checked through the sentence text
		sent []string
	}{
		{
			name: "governing date and fallback",
			text: "Blinken met Netanyahu on Monday. He flew on to Doha. Talks lasted two hours on Wednesday.",
			sent: []string{"Blinken met Netanyahu on Monday.", "He flew on to Doha.", "Talks lasted two hours on Wednesday."},
			want: []storyline.SentenceDate{
				{Value: "2024-02-05", Confidence: 0.9, Timex: 0},
				{Value: "2024-02-06", Confidence: 0.3, Timex: -1},
				{Value: "2024-01-31", Confidence: 0.9, Timex: 2},
			},
		},
		{
			name: "the start of a span does not date the happening",
			text: "Mr. Blinken, on his fifth trip since the Oct. 7 attacks in Israel, visited Cairo.",
			sent: []string{"Mr. Blinken, on his fifth trip since the Oct. 7 attacks in Israel, visited Cairo."},
			want: []storyline.SentenceDate{{Value: "2024-02-06", Confidence: 0.3, Timex: -1}},
		},
		{
			name: "nearest to the verb, durations skipped",
			text: "On Oct. 7, 2023, after two weeks of calm, gunmen attacked, officials said last week.",
			sent: []string{"On Oct. 7, 2023, after two weeks of calm, gunmen attacked, officials said last week."},
			want: []storyline.SentenceDate{{Value: "2024-W05", Confidence: 0.7, Timex: 2}},
		},
		{
			name: "abbreviations do not end sentences",
			text: "The U.S. envoy arrived Feb. 5 in Cairo. Nothing else.",
			sent: []string{"The U.S. envoy arrived Feb. 5 in Cairo.", "Nothing else."},
			want: []storyline.SentenceDate{
				{Value: "2024-02-05", Confidence: 0.9, Timex: 0},
				{Value: "2024-02-06", Confidence: 0.3, Timex: -1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx := timex.Tag(tt.text, pub)
			got := timex.SentenceDates(tt.text, pub, tx)
			if len(got) != len(tt.want) {
				t.Fatalf("SentenceDates = %+v (timexes %+v), want %d sentences", got, tx, len(tt.want))
			}
			for i, g := range got {
				if s := tt.text[g.Start:g.End]; s != tt.sent[i] {
					t.Errorf("sentence %d = %q, want %q", i, s, tt.sent[i])
				}
				w := tt.want[i]
				if g.Value != w.Value || g.Confidence != w.Confidence || g.Timex != w.Timex {
					t.Errorf("sentence %d = %+v, want value %s confidence %v timex %d (timexes %+v)", i, g, w.Value, w.Confidence, w.Timex, tx)
				}
			}
		})
	}
	if got := timex.SentenceDates("No date here.", "", nil); len(got) != 1 || got[0].Value != "" || got[0].Confidence != 0 {
		t.Errorf("unknown publication date: %+v", got)
	}
}

// dataDir locates the shared dev data as ../../shared/data.
func dataDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "tempeval3-train", "timex.jsonl")); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	return dir
}

// TestQualityFloor keeps the scores on the shared data above the figures
// of docs/TIME.md, less a margin.
func TestQualityFloor(t *testing.T) {
	dir := dataDir(t)
	rep, err := eval.RunTimex(dir, "", timex.Tag, false)
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string][2]float64{ // relaxed F1, value F1
		"tempeval3-train/tuned":    {0.93, 0.81},
		"tempeval3-train/held-out": {0.90, 0.74},
		"meantime":                 {0.90, 0.79},
	}
	for _, s := range rep.Scores {
		f, ok := floors[s.Set]
		if !ok {
			continue
		}
		t.Logf("%s: relaxed F1 %.3f strict F1 %.3f value F1 %.3f", s.Set, s.Relaxed.F1, s.Strict.F1, s.Value.F1)
		if s.Relaxed.F1 < f[0] || s.Value.F1 < f[1] {
			t.Errorf("%s: relaxed F1 %.3f (floor %.2f), value F1 %.3f (floor %.2f)", s.Set, s.Relaxed.F1, f[0], s.Value.F1, f[1])
		}
	}
}

// TestSentenceDateFloor keeps the proxy accuracy of SentenceDates
// (docs/TIME.md, "Happening dates") above the measured figures, less a
// margin: sentences whose only gold date is day-precise.
func TestSentenceDateFloor(t *testing.T) {
	dir := dataDir(t)
	rep, err := eval.RunSentenceDates(dir, "", timex.Tag, timex.SentenceDates)
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string]float64{"tempeval3-train/held-out": 0.80, "meantime": 0.85}
	for _, s := range rep.Scores {
		for _, c := range s.Classes {
			if f, ok := floors[s.Set]; ok && c.Class == eval.SentOneDay && c.Accuracy < f {
				t.Errorf("%s, %s: accuracy %.3f below the floor %.2f", s.Set, c.Class, c.Accuracy, f)
			}
		}
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"He met them on Tuesday, Oct. 7, 2023 at 3 p.m. EST.",
		"the past three years, every week, 2 1/2 hours, nineteen ninety-six",
		"year-ago third-quarter 1990s '80s 2024-02-06 2/6/2024 10:35 a.m.",
		"the day before yesterday; a year and a half later — mid-1990s",
		"\xff\xfe Monday\x00 p.m. a.m",
	} {
		f.Add(s, pub)
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		got := timex.Tag(text, published)
		end := 0
		for _, x := range got {
			if x.Start < end || x.End <= x.Start || x.End > len(text) {
				t.Fatalf("bad or overlapping offsets %d-%d (previous end %d)", x.Start, x.End, end)
			}
			if text[x.Start:x.End] != x.Text {
				t.Fatalf("text mismatch")
			}
			end = x.End
		}
		for _, sd := range timex.SentenceDates(text, published, got) {
			if sd.Start < 0 || sd.End > len(text) || sd.Start > sd.End {
				t.Fatalf("bad sentence %d-%d", sd.Start, sd.End)
			}
		}
	})
}

// BenchmarkTag tags real news text (TempEval-3 train and Gigaword articles
// of the shared data) and reports sentences per second.
func BenchmarkTag(b *testing.B) {
	dir := dataDir(b)
	var texts, dcts []string
	docs, err := eval.LoadTimexDocs(filepath.Join(dir, "tempeval3-train", "timex.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range docs {
		texts, dcts = append(texts, d.Text), append(dcts, d.Published)
	}
	if f, err := os.Open(filepath.Join(dir, "gigaword-silver", "articles.jsonl")); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for n := 0; sc.Scan() && n < 500; n++ {
			var a struct{ Text, Published string }
			if json.Unmarshal(sc.Bytes(), &a) == nil {
				texts, dcts = append(texts, a.Text), append(dcts, a.Published)
			}
		}
		f.Close()
	}
	sentences, bytes := 0, 0
	for _, t := range texts {
		sentences += len(timex.SentenceDates(t, "", nil))
		bytes += len(t)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, t := range texts {
			timex.Tag(t, dcts[j])
		}
	}
	b.ReportMetric(float64(sentences)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
