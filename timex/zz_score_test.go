package timex

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func zzLoad(path string) []anaDoc {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var docs []anaDoc
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d anaDoc
		json.Unmarshal(sc.Bytes(), &d)
		for k, x := range d.Timexes {
			d.Timexes[k].Text = d.Text[x.Start:x.End]
		}
		docs = append(docs, d)
	}
	return docs
}

func zzAlign(gold, got []storyline.Timex) (pairs []int, used []bool) {
	pairs = make([]int, len(gold))
	used = make([]bool, len(got))
	for i := range pairs {
		pairs[i] = -1
	}
	type cand struct{ g, p, score int }
	var cands []cand
	for gi, g := range gold {
		for pi, p := range got {
			ov := min(g.End, p.End) - max(g.Start, p.Start)
			if ov <= 0 && !(g.Start == p.Start && g.End == p.End) {
				continue
			}
			score := ov
			if g.Start == p.Start && g.End == p.End {
				score += 1 << 20
			}
			cands = append(cands, cand{gi, pi, score})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	for _, c := range cands {
		if pairs[c.g] >= 0 || used[c.p] {
			continue
		}
		pairs[c.g] = c.p
		used[c.p] = true
	}
	return pairs, used
}

func zzScore(name string, docs []anaDoc) {
	var gold, pred, rel, vok int
	for _, d := range docs {
		got := Tag(d.Text, d.Published)
		gold += len(d.Timexes)
		pred += len(got)
		pairs, _ := zzAlign(d.Timexes, got)
		for gi, pi := range pairs {
			if pi < 0 {
				continue
			}
			rel++
			if got[pi].Value == d.Timexes[gi].Value {
				vok++
			}
		}
	}
	p, r := float64(vok)/float64(pred), float64(vok)/float64(gold)
	fmt.Printf("%-10s gold=%d pred=%d rel=%d vok=%d valueP=%.4f R=%.4f F1=%.4f\n", name, gold, pred, rel, vok, p, r, 2*p*r/(p+r))
}

func TestZZScore(t *testing.T) {
	all := zzLoad("../../shared/data/tempeval3-train/timex.jsonl")
	var tune, held []anaDoc
	for i, d := range all {
		if i%5 == 4 {
			held = append(held, d)
		} else {
			tune = append(tune, d)
		}
	}
	zzScore("tuned", tune)
	zzScore("held", held)
	zzScore("meantime", zzLoad("../../shared/data/meantime/timex.jsonl"))
}

// per-word precision/recall on the tuning part only
func TestZZWords(t *testing.T) {
	all := zzLoad("../../shared/data/tempeval3-train/timex.jsonl")
	words := []string{"now", "current", "currently", "recent", "recently", "soon", "future", "past"}
	type c struct{ pred, predOK, gold, goldFound int }
	st := map[string]*c{}
	for _, w := range words {
		st[w] = &c{}
	}
	key := func(s string) string {
		lo := strings.ToLower(s)
		for _, w := range words {
			for _, f := range strings.Fields(lo) {
				if strings.Trim(f, ".,") == w {
					return w
				}
			}
		}
		return ""
	}
	verbose := os.Getenv("ZZW")
	for i, d := range all {
		if i%5 == 4 {
			continue
		}
		got := Tag(d.Text, d.Published)
		pairs, used := zzAlign(d.Timexes, got)
		for gi, pi := range pairs {
			g := d.Timexes[gi]
			k := key(g.Text)
			if k == "" {
				continue
			}
			st[k].gold++
			if pi >= 0 && got[pi].Value == g.Value {
				st[k].goldFound++
			} else if verbose == k {
				a, b := max(0, g.Start-60), min(len(d.Text), g.End+40)
				pv := ""
				if pi >= 0 {
					pv = got[pi].Text + "/" + got[pi].Value
				}
				fmt.Printf("MISS %s gold=%s pred=%s | %s\n", g.Text, g.Value, pv, strings.ReplaceAll(d.Text[a:b], "\n", " "))
			}
		}
		for pi, p := range got {
			k := key(p.Text)
			if k == "" {
				continue
			}
			st[k].pred++
			ok := false
			if used[pi] {
				for gi, q := range pairs {
					if q == pi && d.Timexes[gi].Value == p.Value {
						ok = true
					}
				}
			}
			if ok {
				st[k].predOK++
				if verbose == k && os.Getenv("ZZOK") != "" {
					a, b := max(0, p.Start-60), min(len(d.Text), p.End+40)
					fmt.Printf("OK   %s %s | %s\n", p.Text, p.Value, strings.ReplaceAll(d.Text[a:b], "\n", " "))
				}
			} else if verbose == k {
				a, b := max(0, p.Start-60), min(len(d.Text), p.End+40)
				fmt.Printf("SPUR %s %s | %s\n", p.Text, p.Value, strings.ReplaceAll(d.Text[a:b], "\n", " "))
			}
		}
	}
	for _, w := range words {
		s := st[w]
		fmt.Printf("%-10s pred=%d ok=%d P=%.2f gold=%d found=%d R=%.2f\n", w, s.pred, s.predOK, float64(s.predOK)/float64(max(1, s.pred)), s.gold, s.goldFound, float64(s.goldFound)/float64(max(1, s.gold)))
	}
}
