package timex

// Word classes of the lexicon.
const (
	kNone = iota
	kMonth
	kWeekday
	kUnit
	kNum     // cardinal number word: one … ninety, hundred, thousand
	kOrd     // ordinal word: first … twelfth (n) and last
	kPart    // part of day: morning, afternoon, evening, night
	kSeason  // spring, summer, fall, autumn, winter
	kZone    // time zones written after a clock time
	kHoliday // fixed-date holidays
)

// Units of duration.
const (
	uYear = iota + 1
	uMonth
	uWeek
	uDay
	uHour
	uMinute
	uSecond
	uDecade
	uCentury
	uQuarter
	uWeekend
	uFortnight
)

type lex struct {
	kind   uint8
	n      int  // month 1–12, weekday 1–7 (ISO, Monday 1), unit, number, ordinal
	plural bool // unit word is plural (years)
	abbr   bool // abbreviation that may take a period (Oct., Tues.)
	code   string
}

var lexicon = map[string]lex{}

func init() {
	months := []struct {
		name string
		abbr []string
	}{
		{"january", []string{"jan"}}, {"february", []string{"feb"}}, {"march", []string{"mar"}},
		{"april", []string{"apr"}}, {"may", nil}, {"june", []string{"jun"}}, {"july", []string{"jul"}},
		{"august", []string{"aug"}}, {"september", []string{"sep", "sept"}}, {"october", []string{"oct"}},
		{"november", []string{"nov"}}, {"december", []string{"dec"}},
	}
	for i, m := range months {
		lexicon[m.name] = lex{kind: kMonth, n: i + 1}
		for _, a := range m.abbr {
			lexicon[a] = lex{kind: kMonth, n: i + 1, abbr: true}
		}
	}
	days := []struct {
		name string
		abbr []string
	}{
		{"monday", []string{"mon"}}, {"tuesday", []string{"tue", "tues"}}, {"wednesday", []string{"wed"}},
		{"thursday", []string{"thu", "thur", "thurs"}}, {"friday", []string{"fri"}},
		{"saturday", []string{"sat"}}, {"sunday", []string{"sun"}},
	}
	for i, d := range days {
		lexicon[d.name] = lex{kind: kWeekday, n: i + 1}
		lexicon[d.name+"s"] = lex{kind: kWeekday, n: i + 1, plural: true}
		for _, a := range d.abbr {
			lexicon[a] = lex{kind: kWeekday, n: i + 1, abbr: true}
		}
	}
	units := []struct {
		one, many string
		u         int
	}{
		{"year", "years", uYear}, {"month", "months", uMonth}, {"week", "weeks", uWeek},
		{"day", "days", uDay}, {"hour", "hours", uHour}, {"minute", "minutes", uMinute},
		{"second", "seconds", uSecond}, {"decade", "decades", uDecade},
		{"century", "centuries", uCentury}, {"quarter", "quarters", uQuarter},
		{"weekend", "weekends", uWeekend}, {"fortnight", "fortnights", uFortnight},
		{"yr", "yrs", uYear}, {"hr", "hrs", uHour}, {"min", "mins", uMinute},
	}
	for _, u := range units {
		lexicon[u.one] = lex{kind: kUnit, n: u.u}
		lexicon[u.many] = lex{kind: kUnit, n: u.u, plural: true}
	}
	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for i, w := range nums {
		lexicon[w] = lex{kind: kNum, n: i}
	}
	for i, w := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		lexicon[w] = lex{kind: kNum, n: 20 + 10*i}
	}
	lexicon["hundred"] = lex{kind: kNum, n: 100}
	lexicon["thousand"] = lex{kind: kNum, n: 1000}
	lexicon["dozen"] = lex{kind: kNum, n: 12}
	for i, w := range []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
		"ninth", "tenth", "eleventh", "twelfth"} {
		if w == "second" {
			continue // also a unit; handled where ordinals are read
		}
		lexicon[w] = lex{kind: kOrd, n: i + 1}
	}
	for _, p := range []struct{ w, c string }{
		{"morning", "MO"}, {"afternoon", "AF"}, {"evening", "EV"}, {"night", "NI"},
		{"mornings", "MO"}, {"afternoons", "AF"}, {"evenings", "EV"}, {"nights", "NI"},
	} {
		lexicon[p.w] = lex{kind: kPart, code: p.c}
	}
	for _, s := range []struct{ w, c string }{
		{"spring", "SP"}, {"summer", "SU"}, {"fall", "FA"}, {"autumn", "FA"}, {"winter", "WI"},
	} {
		lexicon[s.w] = lex{kind: kSeason, code: s.c}
	}
	for _, z := range []string{"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "et", "bst", "cet", "cest"} {
		lexicon[z] = lex{kind: kZone}
	}
	for _, h := range []struct {
		w string
		c string
	}{{"christmas", "12-25"}, {"halloween", "10-31"}} {
		lexicon[h.w] = lex{kind: kHoliday, code: h.c}
	}
}

// Past-tense cue words (besides regular -ed forms).
var pastWords = map[string]bool{
	"said": true, "was": true, "were": true, "had": true, "did": true, "met": true, "told": true,
	"went": true, "came": true, "took": true, "made": true, "gave": true, "saw": true, "got": true,
	"held": true, "left": true, "fell": true, "rose": true, "won": true, "lost": true, "began": true,
	"became": true, "found": true, "sent": true, "spent": true, "paid": true, "sold": true,
	"bought": true, "led": true, "ran": true, "struck": true, "spoke": true, "wrote": true,
	"brought": true, "thought": true, "felt": true, "kept": true, "knew": true, "grew": true,
	"drew": true, "flew": true, "threw": true, "shot": true, "hit": true, "killed": true,
	"ago": true, "last": true, "yesterday": true, "earlier": true, "wounded": true, "fought": true,
	"stood": true, "heard": true, "meant": true, "built": true, "broke": true, "chose": true,
	"ate": true, "drove": true, "fled": true, "arose": true, "forgot": true, "hid": true, "sank": true,
	"slept": true, "swore": true, "taught": true, "tore": true, "woke": true, "wore": true,
}

// Future cue words.
var futureWords = map[string]bool{
	"will": true, "shall": true, "would": true, "ll": true, "expected": true, "expects": true,
	"expect": true, "scheduled": true, "schedule": true, "plans": true, "plan": true,
	"planning": true, "due": true, "upcoming": true,
	"tomorrow": true, "intends": true, "intend": true, "aims": true, "set": true, "going": true,
	"hopes": true, "promised": true, "slated": true,
}

// Words ending in -ed that are not past-tense verbs.
var notPastEd = map[string]bool{
	"need": true, "speed": true, "feed": true, "seed": true, "bed": true, "red": true,
	"shed": true, "hundred": true, "indeed": true, "united": true, "breed": true, "greed": true,
	"creed": true, "weed": true, "proceed": true, "exceed": true, "succeed": true, "bled": true,
	"ted": true, "ned": true, "fred": true, "reed": true, "deed": true, "embed": true,
	"limited": true, "based": true, "so-called": true, "armed": true, "detailed": true,
	"advanced": true, "alleged": true, "expected": true, "scheduled": true,
	"concerned": true, "interested": true, "related": true, "supposed": true, "used": true,
}

// Determiners and prepositions after which a following "to" is not an infinitive marker.
var notInfinitive = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "its": true, "their": true,
	"this": true, "that": true, "these": true, "those": true, "our": true, "my": true, "your": true,
	"be": false, "date": true, "power": true, "office": true, "court": true, "death": true,
}
