package cluster

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// readSeeds reads testdata/seeds.jsonl: the five seed articles as ingest
// gives them to the clusterer (see cluster/internal/seedfixture), in
// ingest order, by the first three letters of their refs.
func readSeeds(t *testing.T) ([]*storyline.Article, map[string]string) {
	t.Helper()
	f, err := os.Open("testdata/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*storyline.Article
	ids := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a storyline.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, &a)
		ids[a.Ref[:3]] = a.ID
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out, ids
}

// TestSeeds checks what the shipped model makes of the five seed
// articles, against the reading: one story over all five; events
// 000 and 003 together (Cairo, 2024-02-06), 004 (Riyadh, 2024-02-05), 002
// (Cairo, January 2024) and 001 (Cairo, June 2024) each apart: all at
// once (Batch), and in each of the 120 arrival orders (as in ingest, an
// article's reuse links name only articles that came before it) but for
// where 003 goes, which online depends on what came before it (below).
//
// The time window keeps the dated June article apart from the dated
// February ones; the rule of one time and place keeps Riyadh on Monday
// (004) apart from Cairo and Doha on Tuesday (000), and Thursday's undated
// report (002) apart from the Tuesdays. 003, an undated "on Tuesday" in
// Cairo, could be February's Tuesday or June's: it joins February's
// because words are weighed by their adaptation (Model.Adaptation) —
// unweighed, the manner words it shares with 001 (underscore, amid,
// exacerbate, spillover) made June's score higher. June's still scores
// above the threshold: the decision is a close call, its runner-up named,
// and online, where the term frequencies of the moment decide it, 003
// takes February's in 25 of the 40 orders in which both Tuesdays came
// before it (in none of those in which 000 came after it).
func TestSeeds(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	arts, ids := readSeeds(t)
	if len(ids) != 5 {
		t.Fatalf("%d seeds", len(ids))
	}
	// check returns what is wrong with events ev and stories st (by seed).
	check := func(ev, st map[string]string) []string {
		var bad []string
		for _, k := range []string{"001", "002", "003", "004"} {
			if st[k] != st["000"] {
				bad = append(bad, fmt.Sprintf("seed %s in story %s, 000 in %s", k, st[k], st["000"]))
			}
		}
		want := [][]string{{"000", "003"}, {"004"}, {"002"}, {"001"}}
		for i, g := range want {
			for _, k := range g[1:] {
				if ev[k] != ev[g[0]] {
					bad = append(bad, fmt.Sprintf("seeds %s and %s apart", g[0], k))
				}
			}
			for _, h := range want[i+1:] {
				if ev[g[0]] == ev[h[0]] {
					bad = append(bad, fmt.Sprintf("seeds %s and %s in one event", g[0], h[0]))
				}
			}
		}
		return bad
	}
	orders, both, tuesdays := 0, 0, 0
	permute(arts, func(order []*storyline.Article) {
		orders++
		c := NewClusterer(m)
		seen := map[string]bool{}
		var refs []string
		decided := map[string]storyline.Decision{}
		for _, a := range order {
			b := *a
			b.Reuse = nil
			for _, r := range a.Reuse {
				if seen[r.Of] {
					b.Reuse = append(b.Reuse, r)
				}
			}
			seen[a.ID] = true
			refs = append(refs, a.Ref[:3])
			decided[a.Ref[:3]] = c.Add(&b).Evidence.Event
		}
		ev, st := map[string]string{}, map[string]string{}
		for k, id := range ids {
			ev[k], st[k], _ = c.EventOf(id)
		}
		bad := check(ev, st)
		at := func(k string) int { return slices.Index(refs, k) }
		if at("003") > at("000") && at("003") > at("001") {
			// Both Tuesdays there: a close call, the other named runner-up.
			d := decided["003"]
			if ev["003"] == ev["000"] {
				tuesdays++
			} else {
				bad = slices.DeleteFunc(bad, func(s string) bool { return s == "seeds 000 and 003 apart" })
			}
			if !d.CloseCall() || (d.RunnerUp != ev["000"] && d.RunnerUp != ev["001"]) || d.RunnerUp == ev["003"] {
				bad = append(bad, fmt.Sprintf("003's runner-up %q (p %.2f): want a close call with the other Tuesday", d.RunnerUp, d.RunnerUpScore))
			}
			both++
		}
		// Online, an article is placed once: when 003 comes before 000,
		// June's Tuesday is the only one it can join.
		if at("003") < at("000") {
			bad = slices.DeleteFunc(bad, func(s string) bool { return s == "seeds 000 and 003 apart" })
		}
		if len(bad) > 0 {
			t.Errorf("order %v: %s", refs, strings.Join(bad, "; "))
		}
	})
	if orders != 120 || both != 40 {
		t.Fatalf("%d orders, 003 after both Tuesdays in %d; want 120, 40", orders, both)
	}
	// Between two Tuesdays whose scores differ little, an online decision
	// depends on the term frequencies of the moment (the articles that came
	// before): February's is taken in more orders than June's, not in all.
	t.Logf("003 after both Tuesdays: joins February's in %d of %d orders", tuesdays, both)
	if tuesdays*2 <= both {
		t.Errorf("003 joins February's Tuesday in %d of %d orders; want more than half", tuesdays, both)
	}
	b := NewBatch(m)
	for _, a := range arts {
		b.Add(a)
	}
	events, _ := b.Events()
	stories := b.Stories(events)
	ev, st := map[string]string{}, map[string]string{}
	for i, a := range arts {
		ev[a.Ref[:3]], st[a.Ref[:3]] = fmt.Sprint(events[i]), fmt.Sprint(stories[i])
	}
	if bad := check(ev, st); len(bad) > 0 {
		t.Errorf("all at once: %s", strings.Join(bad, "; "))
	}
}

// permute calls f with every order of arts (Heap's algorithm).
func permute(arts []*storyline.Article, f func([]*storyline.Article)) {
	a := slices.Clone(arts)
	var gen func(k int)
	gen = func(k int) {
		if k == 1 {
			f(a)
			return
		}
		for i := 0; i < k; i++ {
			gen(k - 1)
			if k%2 == 0 {
				a[i], a[k-1] = a[k-1], a[i]
			} else {
				a[0], a[k-1] = a[k-1], a[0]
			}
		}
	}
	gen(len(a))
}
