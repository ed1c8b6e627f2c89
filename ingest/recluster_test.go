package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/cluster"
	"github.com/storyline/storyline/sqlite"
)

// clusters turns "A:1,2 B:3" into article → cluster, and the article
// order 1, 2, 3.
func clusters(spec string) (map[string]string, []string) {
	m := map[string]string{}
	var order []string
	for _, f := range strings.Fields(spec) {
		name, arts, _ := strings.Cut(f, ":")
		for _, a := range strings.Split(arts, ",") {
			m[a] = name
			order = append(order, a)
		}
	}
	sort.Strings(order)
	return m, order
}

func TestStableIDs(t *testing.T) {
	fresh := func(article string) string { return cluster.NewID("ev", article) }
	for _, c := range []struct {
		name, old, new string
		want           map[string]string // new cluster → ID (fresh(x): "+x")
		changes        []string          // "kind old new"
	}{
		{"same clusters", "A:1,2 B:3", "X:1,2 Y:3", map[string]string{"X": "A", "Y": "B"}, nil},
		{"merge", "A:1,2,3 B:4,5", "X:1,2,3,4,5", map[string]string{"X": "A"}, []string{"merge B A"}},
		{"split", "A:1,2,3,4", "X:1,2,3 Y:4", map[string]string{"X": "A", "Y": "+4"}, []string{"split A +4"}},
		{"new article", "A:1,2", "X:1,2 Y:3", map[string]string{"X": "A", "Y": "+3"}, nil},
		{"swap of the largest", "A:1,2 B:3,4,5", "X:1,3,4,5 Y:2", map[string]string{"X": "B", "Y": "A"}, nil},
		{"merge into the larger", "A:1 B:2,3", "X:1,2,3", map[string]string{"X": "B"}, []string{"merge A B"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			old, order := clusters(c.old)
			nw, order2 := clusters(c.new)
			if len(order2) > len(order) {
				order = order2
			}
			ids, changes := stableIDs(order, old, nw, "ev", time.Time{})
			want := map[string]string{}
			for k, v := range c.want {
				if strings.HasPrefix(v, "+") {
					v = fresh(v[1:])
				}
				want[k] = v
			}
			if !reflect.DeepEqual(ids, want) {
				t.Errorf("ids = %v, want %v", ids, want)
			}
			var got []string
			for _, ch := range changes {
				n := ch.New
				for k, v := range want {
					if v == n && strings.HasPrefix(c.want[k], "+") {
						n = c.want[k]
					}
				}
				got = append(got, fmt.Sprintf("%s %s %s", ch.Kind, ch.Old, n))
				if ch.Reason == "" {
					t.Errorf("change %+v has no reason", ch)
				}
			}
			if !reflect.DeepEqual(got, c.changes) {
				t.Errorf("changes = %q, want %q", got, c.changes)
			}
		})
	}
}

// TestRecluster: reclustering keeps every article in an event and old
// IDs resolving, and a second recluster changes nothing.
func TestRecluster(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	files := seedFiles(t)
	// Arrival in reverse: the recluster by date sees them in another order.
	for i := len(files) - 1; i >= 0; i-- {
		if _, err := Run(ctx, store, PlanInputs(files[i:i+1]), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	before := assignments(t, store)
	sum, err := Recluster(ctx, store, ReclusterOptions{ByDate: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 5 {
		t.Errorf("summary %s: want 5 articles", sum)
	}
	checkEvents(t, store)
	// Every old ID still resolves.
	for _, as := range before {
		if _, err := store.Event(ctx, as[0]); err != nil {
			t.Errorf("old event %s: %v", as[0], err)
		}
		if _, err := store.Story(ctx, as[1]); err != nil {
			t.Errorf("old story %s: %v", as[1], err)
		}
	}
	reclusterAgain(t, store, ReclusterOptions{ByDate: true})
	// Ingest goes on from the rebuilt clusterer.
	if data, n, _ := store.State(ctx, clusterState); len(data) == 0 || n != 5 {
		t.Errorf("no snapshot after recluster (%d bytes, %d articles)", len(data), n)
	}
}

// TestReclusterOffline checks recluster --offline on the seeds: whole and
// consistent events, every membership's evidence an offline decision, a
// second run that changes nothing, and ingest going on afterwards.
func TestReclusterOffline(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	files := seedFiles(t)
	if _, err := Run(ctx, store, PlanInputs(files[:4]), Options{}); err != nil {
		t.Fatal(err)
	}
	sum, err := Recluster(ctx, store, ReclusterOptions{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 4 || sum.Stories != 1 {
		t.Errorf("summary %s: want 4 articles in one story", sum)
	}
	checkEvents(t, store)
	evs, err := store.Events(ctx, storyline.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		ms, err := store.Memberships(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			d := m.Evidence.Event
			if !d.Offline || d.Best != e.ID || d.Joined != (len(ms) > 1) || d.Threshold <= 0 {
				t.Errorf("article %s in %s (%d articles): evidence %+v", m.Article, e.ID, len(ms), d)
			}
		}
	}
	reclusterAgain(t, store, ReclusterOptions{Offline: true})
	if _, err := Run(ctx, store, PlanInputs(files[4:]), Options{}); err != nil {
		t.Fatal(err)
	}
	checkEvents(t, store)
	if n := len(assignments(t, store)); n != 5 {
		t.Errorf("%d articles assigned after ingesting the fifth, want 5", n)
	}
	// All five at once: the undated "on Tuesday" in Cairo (003) links as
	// well to February's Tuesday in Cairo as to June's; whichever event it
	// is in, the other is named its runner-up, and it takes neither's date.
	if _, err := Recluster(ctx, store, ReclusterOptions{Offline: true}); err != nil {
		t.Fatal(err)
	}
	closeCalls := 0
	for _, e := range mustEvents(t, store) {
		ms, err := store.Memberships(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			d := m.Evidence.Event
			if !d.CloseCall() {
				continue
			}
			closeCalls++
			if ru, err := store.Event(ctx, d.RunnerUp); err != nil || ru.ID == e.ID {
				t.Errorf("article %s: runner-up %q does not name another stored event (%v)", m.Article, d.RunnerUp, err)
			}
			if a, err := store.Article(ctx, m.Article); err != nil || (a.PublishedInferred && a.Published != "") {
				t.Errorf("close call %s dated %q from its event (%v)", m.Article, a.Published, err)
			}
		}
	}
	if closeCalls == 0 {
		t.Error("no close call recorded on the seeds; want 003's")
	}
}

func mustEvents(t *testing.T, store storyline.Store) []storyline.Event {
	t.Helper()
	evs, err := store.Events(context.Background(), storyline.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// reclusterAgain checks that reclustering a reclustered store with the
// same options changes nothing.
func reclusterAgain(t *testing.T, store storyline.Store, opt ReclusterOptions) {
	t.Helper()
	before := assignments(t, store)
	again, err := Recluster(context.Background(), store, opt)
	if err != nil {
		t.Fatal(err)
	}
	if again.Moved != 0 || again.Merges != 0 || again.Splits != 0 || !reflect.DeepEqual(assignments(t, store), before) {
		t.Errorf("a second recluster (%+v) changed things: %s", opt, again)
	}
}
