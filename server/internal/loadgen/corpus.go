package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/synth"
)

// cities are real places the gazetteer knows, for the generated events.
var cities = strings.Split("Cairo,Doha,Riyadh,Amman,Beirut,Baghdad,Tehran,Ankara,Istanbul,Athens,Rome,Paris,Berlin,"+
	"London,Madrid,Lisbon,Brussels,Vienna,Warsaw,Kyiv,Moscow,Stockholm,Oslo,Helsinki,Copenhagen,Dublin,Washington,"+
	"Ottawa,Mexico City,Havana,Bogota,Lima,Santiago,Buenos Aires,Brasilia,Caracas,Quito,Nairobi,Addis Ababa,Khartoum,"+
	"Lagos,Accra,Dakar,Kinshasa,Johannesburg,Algiers,Tunis,Rabat,Tripoli,Islamabad,Kabul,New Delhi,Dhaka,Kathmandu,"+
	"Colombo,Beijing,Shanghai,Tokyo,Seoul,Manila,Jakarta,Hanoi,Bangkok,Kuala Lumpur,Singapore,Sydney,Canberra,"+
	"Wellington,Tbilisi,Yerevan,Baku,Tashkent,Geneva,Jerusalem,Damascus,Muscat,Abu Dhabi,Kuwait City,Manama", ",")

var titles = []string{"President", "Prime Minister", "Foreign Minister", "Defense Minister", "Secretary of State",
	"Senator", "General", "Finance Minister", "Ambassador", "Governor"}

var orgKinds = []string{"%s Party", "%s Front", "Ministry of %s", "%s Corporation", "%s Council", "%s Union"}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// corpus writes n generated news articles as JSON lines: stories of
// events, each event reported by a few articles from different sources
// (a tenth of them near-copies of another report of the event), naming
// generated people and organisations and real cities, with dates.
func corpus(w io.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	text := synth.New(seed)
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	name := func() string {
		syl := []string{"ba", "lo", "ran", "ti", "ve", "mor", "sa", "ko", "del", "ni", "ar", "zu", "en", "fi", "go", "har", "is", "ju", "ka", "mi"}
		var b strings.Builder
		for k := range 2 + rng.IntN(2) {
			s := syl[rng.IntN(len(syl))]
			if k == 0 {
				s = strings.ToUpper(s[:1]) + s[1:]
			}
			b.WriteString(s)
		}
		return b.String()
	}
	people := make([]string, 2000)
	for i := range people {
		people[i] = name() + " " + name()
	}
	orgs := make([]string, 300)
	for i := range orgs {
		orgs[i] = fmt.Sprintf(orgKinds[rng.IntN(len(orgKinds))], name())
	}
	sources := make([]string, 60)
	for i := range sources {
		sources[i] = strings.ToLower(name()) + ".example"
	}
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	written := 0
	for story := 0; written < n; story++ {
		cast := []string{people[rng.IntN(len(people))], people[rng.IntN(len(people))], people[rng.IntN(len(people))]}
		roles := []string{titles[rng.IntN(len(titles))], titles[rng.IntN(len(titles))], titles[rng.IntN(len(titles))]}
		org := orgs[rng.IntN(len(orgs))]
		places := []string{cities[rng.IntN(len(cities))], cities[rng.IntN(len(cities))]}
		topic := strings.Fields(text.Text(30))
		day := start.AddDate(0, 0, rng.IntN(6*365))
		events := 2 + rng.IntN(12)
		for ev := 0; ev < events && written < n; ev++ {
			day = day.AddDate(0, 0, 1+rng.IntN(10))
			place := places[rng.IntN(len(places))]
			a, b := rng.IntN(3), rng.IntN(3)
			if a == b {
				b = (a + 1) % 3
			}
			var texts []string
			reports := 1 + rng.IntN(12)
			for r := 0; r < reports && written < n; r++ {
				pub := day.AddDate(0, 0, rng.IntN(3))
				when := "on " + weekdays[int(day.Weekday()+6)%7]
				if pub.Equal(day) {
					when = "today"
				}
				var body string
				if len(texts) > 0 && rng.IntN(10) == 0 {
					// A near-copy: another outlet's version of an earlier report.
					body = strings.ToUpper(sources[rng.IntN(len(sources))][:1]) + " reported:\n\n" + texts[rng.IntN(len(texts))]
				} else {
					var p strings.Builder
					fmt.Fprintf(&p, "%s %s met %s %s of the %s in %s %s, officials said.\n\n",
						roles[a], cast[a], roles[b], cast[b], org, place, when)
					for k := range 3 + rng.IntN(4) {
						p.WriteString(mix(rng, text.Text(40+rng.IntN(40)), topic))
						if k == 1 {
							fmt.Fprintf(&p, " \"We %s the %s,\" %s said in %s.", topic[rng.IntN(len(topic))], topic[rng.IntN(len(topic))], cast[a], place)
						}
						if k == 2 {
							fmt.Fprintf(&p, " At least %d people were %s, the %s said.", 3+rng.IntN(300), topic[rng.IntN(len(topic))], org)
						}
						p.WriteString("\n\n")
					}
					body = strings.TrimSpace(p.String())
					texts = append(texts, body)
				}
				rec := map[string]string{
					"id":        fmt.Sprintf("L%06d", written),
					"source":    sources[rng.IntN(len(sources))],
					"title":     fmt.Sprintf("%s meets %s in %s as %s talks go on", cast[a], cast[b], place, topic[0]),
					"published": pub.Format("2006-01-02"),
					"text":      body,
				}
				if err := enc.Encode(rec); err != nil {
					return err
				}
				written++
			}
		}
	}
	return bw.Flush()
}

// mix replaces about one word in six of s with a word of topic, so that
// the reports of one story share their words.
func mix(rng *rand.Rand, s string, topic []string) string {
	words := strings.Fields(s)
	for i := range words {
		if rng.IntN(6) == 0 && !strings.HasSuffix(words[i], ".") {
			words[i] = topic[rng.IntN(len(topic))]
		}
	}
	return strings.Join(words, " ")
}
