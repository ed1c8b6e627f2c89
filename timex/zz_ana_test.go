package timex

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

type anaDoc struct {
	ID        string            `json:"id"`
	Text      string            `json:"text"`
	Published string            `json:"published"`
	Timexes   []storyline.Timex `json:"timexes"`
}

func anaTune(t *testing.T) []anaDoc {
	f, err := os.Open("../../shared/data/tempeval3-train/timex.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var docs []anaDoc
	i := 0
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d anaDoc
		json.Unmarshal(sc.Bytes(), &d)
		for k, x := range d.Timexes {
			d.Timexes[k].Text = d.Text[x.Start:x.End]
		}
		if i%5 != 4 {
			docs = append(docs, d)
		}
		i++
	}
	return docs
}

func explicitFull(x storyline.Timex) (time.Time, bool) {
	if len(x.Value) < 10 || !isDigit(x.Value[0]) {
		return time.Time{}, false
	}
	tt, err := time.Parse("2006-01-02", x.Value[:10])
	if err != nil {
		return tt, false
	}
	hasDig := false
	for _, c := range x.Text {
		if c >= '0' && c <= '9' {
			hasDig = true
		}
	}
	lo := strings.ToLower(x.Text)
	// month name + number
	hasMonth := false
	for m := range lexicon {
		if lexicon[m].kind == kMonth && strings.Contains(lo, m) {
			hasMonth = true
		}
	}
	return tt, hasDig && (hasMonth || strings.Count(x.Text, "/") == 2 || strings.Count(x.Text, "-") == 2)
}

func TestAnaRef(t *testing.T) {
	docs := anaTune(t)
	type cnt struct{ n, dct, ref, both, pred int }
	stats := map[string]*cnt{}
	var ex []string
	for _, d := range docs {
		pred := Tag(d.Text, d.Published)
		dct := parseAnchor(d.Published)
		var ref time.Time
		refOK := false
		for _, g := range d.Timexes {
			lo := strings.ToLower(g.Text)
			cls := ""
			l := lexicon[lo]
			switch {
			case l.kind == kWeekday:
				cls = "weekday"
			case strings.HasPrefix(lo, "the next") || strings.HasPrefix(lo, "the following") || strings.HasPrefix(lo, "that ") || strings.HasPrefix(lo, "the same") || strings.HasPrefix(lo, "the previous") || strings.HasPrefix(lo, "the day"):
				cls = lo
			case strings.HasSuffix(lo, "later") || strings.HasSuffix(lo, "earlier") || strings.HasSuffix(lo, "before") || strings.HasSuffix(lo, "after"):
				cls = "Xlater"
			}
			if cls != "" && dct.ok {
				c := stats[cls]
				if c == nil {
					c = &cnt{}
					stats[cls] = c
				}
				c.n++
				pv := ""
				for _, p := range pred {
					if p.Start < g.End && g.Start < p.End {
						pv = p.Value
					}
				}
				if pv == g.Value {
					c.pred++
				}
				if cls == "weekday" && refOK {
					wd := 0
					for k := 1; k <= 7; k++ {
						if lexicon[lo].n == k {
							wd = k
						}
					}
					// candidates relative to ref
					rv := []string{}
					for _, dir := range []int{dirPast, dirNearest, dirFuture} {
						rv = append(rv, fmtDay(weekdayDate(ref, wd, dir)))
					}
					dv := fmtDay(weekdayDate(dct.t, wd, dirPast))
					isd, isr := g.Value == dv, g.Value == rv[1]
					ok := pv == g.Value
					if isd {
						c.dct++
					}
					if isr {
						c.ref++
					}
					if isd && isr {
						c.both++
					}
					if isr && !ok || ok && !isr {
						ex = append(ex, fmt.Sprintf("%s %q gold=%s pred=%s refN=%s refP=%s refF=%s dct=%s ref=%s gap=%d", d.ID, g.Text, g.Value, pv, rv[1], rv[0], rv[2], d.Published, fmtDay(ref), int(dct.t.Sub(ref).Hours()/24)))
					}
				} else if refOK {
					ex = append(ex, fmt.Sprintf("%s %q gold=%s pred=%s dct=%s ref=%s", d.ID, g.Text, g.Value, pv, d.Published, fmtDay(ref)))
				} else {
					ex = append(ex, fmt.Sprintf("%s %q gold=%s pred=%s dct=%s noref", d.ID, g.Text, g.Value, pv, d.Published))
				}
			}
			if tt, ok := explicitFull(g); ok {
				ref, refOK = tt, true
			}
		}
	}
	var keys []string
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := stats[k]
		fmt.Printf("%-25s n=%d predOK=%d dct=%d ref=%d both=%d\n", k, c.n, c.pred, c.dct, c.ref, c.both)
	}
	for _, e := range ex {
		fmt.Println(e)
	}
}
