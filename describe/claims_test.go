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
	} {
		gs := Claims(c.arts)
		if len(gs) != 1 {
			t.Errorf("%s: %d groups %+v, want 1", c.name, len(gs), gs)
			continue
		}
		if gs[0].Status != c.want || gs[0].Counted != CountKilled {
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
