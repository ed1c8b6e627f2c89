package describe

import (
	"math"
	"testing"

	"github.com/storyline/storyline"
)

func TestArticleClaims(t *testing.T) {
	type want struct {
		text, counted, approx, period string
		value                         float64
	}
	for _, c := range []struct {
		sentence string
		want     []want
	}{
		{"More than 27,000 Palestinians have been killed since the war began, and nearly 2 million people have been displaced.",
			[]want{{"More than 27,000", CountKilled, "more than", "", 27000}, {"nearly 2 million", CountDisplaced, "nearly", "", 2e6}}},
		{"The fatalities bring the overall death toll from the war to 27,478.",
			[]want{{"27,478", CountKilled, "", "", 27478}}},
		{"In the last 24 hours, 113 bodies were brought to hospitals and 205 people were wounded.",
			[]want{{"113", CountKilled, "", "24 hours", 113}, {"205", CountWounded, "", "24 hours", 205}}},
		{"Gunmen killed two guards and wounded 12 others in the attack.",
			[]want{{"two", CountKilled, "", "", 2}, {"12", CountWounded, "", "", 12}}},
		{"One civilian was killed and 20 others, including a bodyguard, were wounded.",
			[]want{{"One", CountKilled, "", "", 1}, {"20", CountWounded, "", "", 20}}},
		{"A deal would free more than 100 hostages held in the territory.",
			[]want{{"more than 100", CountHostages, "more than", "", 100}}},
		{"Tens of thousands of people have fled their homes.",
			[]want{{"Tens of thousands of", CountDisplaced, "several", "", 20000}}},
		{"Japan pledged $500 million in aid and Norway 180 million dollars.",
			[]want{{"$500 million", CountMoney, "", "", 5e8}, {"180 million dollars", CountMoney, "", "", 1.8e8}}},
		{"The party won about 40 percent of the vote, some 1,000 kilometres from the capital.",
			[]want{{"about 40 percent", CountPercent, "about", "", 40}, {"some 1,000 kilometres", CountDistance, "about", "", 1000}}},
		// not counts: ages, durations, names, ranks, speeds, death row
		{"The 26-year-old was held for four months on flight AF447 with the H5N1 virus.", nil},
		{"Malaysia has 118 prisoners on death row, the ministry said.", []want{{"118", CountArrested, "", "", 118}}},
		{"Trains will travel at 350 kilometers per hour on the new line.", nil},
		{"He came third of 40 runners in the 2004 race.", nil},
		// magnitudes, ages and links are no counts; "no one" is none
		{"A magnitude 6.9 quake and a 5.9 magnitude aftershock hit; one of 6.4 on the Richter scale followed.", nil},
		{"Esther Williams dies at 91; her husband, aged 80, survives.", nil},
		{"See http://example.com/1-dead-2-injured-294072.html for the 2 injured.", nil},
		{"No one was injured in the fire.", []want{{"No one", CountWounded, "", "", 0}}},
		// money ranges and hyphenated scales
		{"The Orioles offered $140-150 million and Sabathia took a $161-million deal.",
			[]want{{"$140", CountMoney, "", "", 140e6}, {"$161-million", CountMoney, "", "", 161e6}}},
		{"The Orioles offered between $140 and $150 million.",
			[]want{{"$140", CountMoney, "", "", 140e6}, {"$150 million", CountMoney, "", "", 150e6}}},
	} {
		a := dated("a", "2024-02-05", c.sentence)
		got := articleClaims(a)
		if len(got) != len(c.want) {
			t.Errorf("%q: %d claims %+v, want %d", c.sentence, len(got), got, len(c.want))
			continue
		}
		for i, w := range c.want {
			g := got[i]
			if g.Text != w.text || g.Counted != w.counted || g.Approx != w.approx || g.Period != w.period || g.Value != w.value {
				t.Errorf("%q claim %d: %q %s %q %q %v, want %+v", c.sentence, i, g.Text, g.Counted, g.Approx, g.Period, g.Value, w)
			}
			if a.Text[g.Start:g.End] != g.Text || g.Sentence != c.sentence || g.Article != "a" {
				t.Errorf("%q claim %d: offsets %d:%d, sentence %q", c.sentence, i, g.Start, g.End, g.Sentence)
			}
		}
	}
}

func TestBoundsCompatible(t *testing.T) {
	q := func(text string) valueRange {
		a := dated("a", "", text+" people were killed.")
		cs := articleClaims(a)
		if len(cs) != 1 {
			t.Fatalf("%q: %d claims", text, len(cs))
		}
		return claimBounds(cs[0])
	}
	for _, c := range []struct {
		a, b string
		ok   bool
	}{
		{"27,478", "More than 27,000", true},
		{"27,478", "27,000", true}, // rounded to the thousand
		{"27,478", "Nearly 27,000", false},
		{"27,478", "About 30,000", true},
		{"27,478", "28,100", false},
		{"113", "114", false},
		{"Up to 100", "Nearly 90", true},
		{"Hundreds of", "1,500", false},
		{"Thousands of", "1,500", false},
		{"Thousands of", "4,000", true},
		{"2 million", "2.3 million", true},
		{"1.5 million", "1.7 million", false},
		{"Nearly 2 million", "Some 1.5 million", false}, // 1.8–2 million; 1.35–1.65 million
		{"Nearly 2 million", "1.9 million", true},
		{"About 1.5 million", "1.6 million", true},
	} {
		if got := compatible(q(c.a), q(c.b)); got != c.ok {
			t.Errorf("compatible(%q, %q) = %v, want %v (%+v, %+v)", c.a, c.b, got, c.ok, q(c.a), q(c.b))
		}
	}
	if b := q("More than 100"); !math.IsInf(b.Hi, 1) || b.Lo != 100 {
		t.Errorf("more than 100: %+v", b)
	}
}

func TestClaimStatus(t *testing.T) {
	mk := func(id, published, text string) *storyline.Article { return dated(id, published, text) }
	for _, c := range []struct {
		name string
		arts []*storyline.Article
		want string
	}{
		{"agree", []*storyline.Article{
			mk("a", "2024-02-05", "The toll rose to 27,478 dead."),
			mk("b", "2024-02-05", "More than 27,000 people have been killed so far.")}, storyline.ClaimAgree},
		{"contradict", []*storyline.Article{
			mk("a", "2024-02-05", "The toll rose to 27,478 dead."),
			mk("b", "2024-02-05", "The toll rose to 25,100 dead.")}, storyline.ClaimContradict},
		{"update", []*storyline.Article{
			mk("a", "2024-02-05", "The toll rose to 27,478 dead."),
			mk("b", "2024-02-09", "The toll rose to 27,947 dead.")}, storyline.ClaimUpdate},
		{"single", []*storyline.Article{mk("a", "2024-02-05", "The toll rose to 27,478 dead.")}, storyline.ClaimSingle},
		{"copies are one source", []*storyline.Article{
			mk("a", "2024-02-05", "The toll rose to 27,478 dead."),
			{ID: "b", DuplicateOf: "a", Published: "2024-02-05", Text: "The toll rose to 27,478 dead."}}, storyline.ClaimSingle},
		{"undated differing counts", []*storyline.Article{
			{ID: "a", Text: "Police said 12 people were injured in the riots."},
			{ID: "b", Text: "Police said 18 people were injured in the riots."}}, storyline.ClaimSingle},
		{"one source's two counts", []*storyline.Article{
			mk("a", "2024-02-05", "The toll rose to 27,478 dead. Another tally put the toll at 25,100 dead.")}, storyline.ClaimSingle},
		// the deaths of one day, counted again in a later report: an update
		{"later count of a day's dead", []*storyline.Article{
			mk("a", "2010-01-29", "As many as 200,000 people were killed by the tremors, which struck on January 12."),
			mk("b", "2010-03-18", "The earthquake of January 12 left exactly 222,570 dead, the United Nations said.")}, storyline.ClaimUpdate},
		{"rising toll", []*storyline.Article{
			mk("a", "2010-01-13", "Thousands of people are feared to have been killed by the tremors."),
			mk("b", "2010-01-20", "Officials estimate the earthquake killed about 200,000 people.")}, storyline.ClaimUpdate},
		{"as of a stated day", []*storyline.Article{
			mk("a", "2010-01-23", "The death toll, as of Friday, is estimated to be 110,000."),
			mk("b", "2010-01-23", "Some estimates of the death toll rise as high as 200,000.")}, storyline.ClaimUpdate},
		{"miles and kilometres", []*storyline.Article{
			mk("a", "2010-01-12", "The quake struck 15 kilometres southwest of the capital."),
			mk("b", "2010-01-12", "The quake struck about ten miles southwest of the capital.")}, storyline.ClaimAgree},
	} {
		gs := Claims(c.arts)
		if len(gs) != 1 {
			t.Errorf("%s: %d groups %+v, want 1", c.name, len(gs), gs)
			continue
		}
		if gs[0].Status != c.want {
			t.Errorf("%s: %s %s, want %s", c.name, gs[0].Counted, gs[0].Status, c.want)
		}
	}
}

// TestClaimsSeeds: the death toll, the dead and wounded in 24 hours, the
// hostages and the displaced, from the seeds.
func TestClaimsSeeds(t *testing.T) {
	arts := seedArticles(t)
	gs := Claims(arts)
	find := func(counted, period string, values ...float64) *storyline.ClaimGroup {
		for i, g := range gs {
			if g.Counted != counted || g.Period != period {
				continue
			}
			n := 0
			for _, v := range values {
				for _, c := range g.Claims {
					if c.Value == v {
						n++
						break
					}
				}
			}
			if n == len(values) {
				return &gs[i]
			}
		}
		t.Errorf("no %s group (period %q) with %v in %+v", counted, period, values, gs)
		return nil
	}
	if g := find(CountKilled, "", 27000, 27478); g != nil && g.Status != storyline.ClaimAgree {
		t.Errorf("death toll: %s, want agree", g.Status)
	}
	find(CountKilled, "24 hours", 113)
	find(CountWounded, "24 hours", 205)
	if g := find(CountHostages, "", 100); g != nil && g.Sources != 2 {
		t.Errorf("hostages: %d sources, want 2 (seeds 000 and 004)", g.Sources)
	}
	find(CountDisplaced, "", 2e6)
	for _, g := range gs {
		for _, c := range g.Claims {
			if c.AsOf == "2023-10-07" {
				t.Errorf("a count since Oct. 7 dated Oct. 7: %+v", c)
			}
		}
	}
}

// TestClaimsKeptApart: counts of different things are not one group:
// a part of the people (policemen, tourists), bodies found against the
// toll, a past event, another currency, two days' counts; a conversion in
// parentheses and "2 of whom" are no claims of their own.
func TestClaimsKeptApart(t *testing.T) {
	for _, c := range []struct {
		name   string
		arts   []*storyline.Article
		groups int
	}{
		{"policemen", []*storyline.Article{
			dated("a", "2010-01-29", "The quake killed about 200,000 people."),
			dated("b", "2010-01-29", "Hundreds of policemen were killed in the quake.")}, 2},
		{"tourists", []*storyline.Article{
			dated("a", "2005-01-01", "As many as 10,500 people are missing in the region."),
			dated("b", "2005-01-01", "Two Romanian tourists are missing in the region.")}, 2},
		{"bodies found", []*storyline.Article{
			dated("a", "2009-06-06", "The 228 people on board are presumed dead."),
			dated("b", "2009-06-06", "Search teams have recovered 16 bodies from the sea.")}, 2},
		{"past event", []*storyline.Article{
			dated("a", "2007-03-23", "In June 2004, eight Royal Navy personnel were detained by Iranian forces."),
			dated("b", "2007-03-23", "Iran detained 15 British sailors and marines on Friday.")}, 2},
		{"currencies", []*storyline.Article{
			dated("a", "2005-01-18", "The government pledged 150,000 euros in aid."),
			dated("b", "2005-01-18", "Washington pledged $350 million in aid.")}, 2},
		{"two days", []*storyline.Article{
			dated("a", "2024-02-05", "In the last 24 hours, 113 bodies were brought to hospitals."),
			dated("b", "2024-02-06", "In the last 24 hours, 107 bodies were brought to hospitals.")}, 2},
		{"a conversion and a part", []*storyline.Article{
			dated("a", "2010-01-12", "The epicentre was 15 kilometres (ten miles) southwest of the capital. "+
				"Four people were arrested, 2 of whom were on the bridge.")}, 2},
	} {
		gs := Claims(c.arts)
		if len(gs) != c.groups {
			t.Errorf("%s: %d groups, want %d: %+v", c.name, len(gs), c.groups, gs)
		}
		for _, g := range gs {
			if len(g.Claims) != 1 {
				t.Errorf("%s: %s group of %d claims: %+v", c.name, g.Counted, len(g.Claims), g.Claims)
			}
		}
	}
}

// compatible tells whether two intervals of values meet: whether both
// claims can be true.
func compatible(a, b valueRange) bool {
	const eps = 1e-9
	return a.Lo <= b.Hi+eps && b.Lo <= a.Hi+eps
}
