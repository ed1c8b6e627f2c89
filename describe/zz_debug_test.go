package describe

import (
	"fmt"
	"os"
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
