package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/storyline/storyline"
)

// sym builds symmetric sparse pair probabilities for n items.
func sym(n int, pairs map[[2]int32]float64) []map[int32]float64 {
	p := make([]map[int32]float64, n)
	for i := range p {
		p[i] = map[int32]float64{}
	}
	for k, v := range pairs {
		p[k[0]][k[1]], p[k[1]][k[0]] = v, v
	}
	return p
}

func TestAgglomerate(t *testing.T) {
	// 0-1-2 tightly linked; 3-4 linked; 2-3 less; 5 alone. Average link
	// at 0.5: {0,1,2} {3,4} {5}: the link 2-3 (0.6) does not pull the
	// groups together, their average link being 0.6/6.
	p := sym(6, map[[2]int32]float64{
		{0, 1}: 0.95, {0, 2}: 0.8, {1, 2}: 0.85, {3, 4}: 0.7, {2, 3}: 0.6,
	})
	events, cohesion := agglomerate(6, p, 0.5, nil)
	want := []int{0, 0, 0, 1, 1, 2}
	if !slices.Equal(events, want) {
		t.Errorf("events %v, want %v", events, want)
	}
	if c := cohesion[0]; c < 0.874 || c > 0.876 { // (0.95+0.8)/2
		t.Errorf("cohesion of 0 = %.3f, want 0.875", c)
	}
	if cohesion[5] != 0 {
		t.Errorf("cohesion of a lone article = %.3f, want 0", cohesion[5])
	}
	// A higher bar keeps 3 and 4 apart; a bar above every link, all apart.
	if events, _ := agglomerate(6, p, 0.75, nil); !slices.Equal(events, []int{0, 0, 0, 1, 2, 3}) {
		t.Errorf("at 0.75: events %v", events)
	}
	if events, _ := agglomerate(6, p, 0.99, nil); !slices.Equal(events, []int{0, 1, 2, 3, 4, 5}) {
		t.Errorf("at 0.99: events %v", events)
	}
}

// TestOfflineOrder checks that a Batch groups the seeds the same way in
// any order of the articles.
func TestOfflineOrder(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	arts, ids := readSeeds(t)
	groups := func(arts []*storyline.Article) map[string]string {
		b := NewBatch(m)
		for _, a := range arts {
			b.Add(a)
		}
		events, _ := b.Events()
		first := map[int]string{}
		out := map[string]string{}
		// name each event by its smallest seed number, whatever the order
		for _, k := range []string{"000", "001", "002", "003", "004"} {
			for i, a := range arts {
				if a.ID == ids[k] {
					if _, ok := first[events[i]]; !ok {
						first[events[i]] = k
					}
					out[k] = first[events[i]]
				}
			}
		}
		return out
	}
	want := groups(arts)
	if len(want) != 5 {
		t.Fatalf("groups %v", want)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5 {
		shuffled := slices.Clone(arts)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := groups(shuffled); !maps2Equal(got, want) {
			t.Errorf("shuffled: %v, want %v", got, want)
		}
	}
	t.Logf("seed events (by their first seed): %v", want)
}

func maps2Equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
