package describe

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZClaims(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	arts := seedArticles(t)
	for _, a := range arts {
		fmt.Println(a.ID, a.Published, a.Title)
	}
	for _, g := range Claims(arts) {
		fmt.Printf("== %s of=%s period=%s where=%s status=%s\n", g.Counted, g.Of, g.Period, g.Where, g.Status)
		for _, c := range g.Claims {
			fmt.Printf("   %q v=%v approx=%q unit=%s asof=%s art=%s\n", c.Text, c.Value, c.Approx, c.Unit, c.AsOf, c.Article[:6])
		}
	}
	for _, s := range Summarize(arts, SummaryOptions{}) {
		fmt.Printf("- %s %v\n", s.Text, s.Sources)
	}
}

func TestZZQuotes(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	arts := seedArticles(t)
	for _, q := range Quotes(arts) {
		fmt.Printf("%q by %q (%s) in %s\n", q.Text, q.SpeakerName, q.Speaker, q.Article[:6])
	}
}

func TestZZEnt(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	arts := seedArticles(t)
	for _, a := range []int{0, 4} {
		for _, m := range arts[a].Entities {
			if m.Type == "PER" {
				fmt.Printf("%d %d %q\n", a, m.Start, m.Text)
			}
		}
		for _, s := range Sentences(arts[a]) {
			if strings.Contains(s.Text, "building") || strings.Contains(s.Text, "enduring") {
				fmt.Printf("S %d-%d %q\n", s.Start, s.End, s.Text)
			}
		}
	}
}

func TestZZSp(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	a := seedArticles(t)[0]
	sp := quoteSpans(a.Text)[0]
	fmt.Println(sp, a.Text[sp[0]:sp[1]])
	for k, tk := range tokenize(a.Text, sp[1], sp[1]+120) {
		fmt.Print(k, ":", tk.text, " ")
	}
	fmt.Println()
	fmt.Println(speaker(a, Sentences(a), sp[0], sp[1]))
}
