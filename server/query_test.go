package server

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseList(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  listQuery
		err   string // in the error, when one is expected
	}{
		{"", listQuery{Limit: 50}, ""},
		{"limit=10&offset=20", listQuery{Limit: 10, Offset: 20}, ""},
		{"from=2024&to=2024-02-05", listQuery{Limit: 50, From: "2024", To: "2024-02-05"}, ""},
		{"entity=Antony+Blinken&source=nytimes.com", listQuery{Limit: 50, Entity: "Antony Blinken", Source: "nytimes.com"}, ""},
		{"limit=500", listQuery{Limit: 500}, ""},
		{"limit=501", listQuery{}, "limit"},
		{"limit=0", listQuery{}, "limit"},
		{"limit=1e3", listQuery{}, "limit"},
		{"offset=-5", listQuery{}, "offset"},
		{"offset=99999999999999999999", listQuery{}, "offset"},
		{"from=2024-1-5", listQuery{}, "from"},
		{"from=2024-02-32", listQuery{}, "from"},
		{"to=2024-00", listQuery{}, "to"},
		{"to=tomorrow", listQuery{}, "to"},
		{"from=2024-03&to=2024-02-28", listQuery{}, "after"},
		{"from=2024-02-10&to=2024-02", listQuery{Limit: 50, From: "2024-02-10", To: "2024-02"}, ""},
		{"source=%ff%fe", listQuery{}, "UTF-8"},
		{"entity=" + strings.Repeat("a", 501), listQuery{}, "longer"},
	} {
		v, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseList(v, defaultLimit)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one about %s", tc.query, err, tc.err)
			} else if code, _ := status(err); code != 400 {
				t.Errorf("%s: status %d, want 400", tc.query, code)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.query, err)
		case got != tc.want:
			t.Errorf("%s: %+v, want %+v", tc.query, got, tc.want)
		}
	}
}

func TestBoundsAndPages(t *testing.T) {
	for _, tc := range []struct{ from, to, wantFrom, wantTo string }{
		{"2024", "2024", "2024-01-01", "2024-12-31"},
		{"2024-02", "2024-02", "2024-02-01", "2024-02-31"},
		{"2024-02-05", "", "2024-02-05", ""},
	} {
		f, to := listQuery{From: tc.from, To: tc.to}.bounds()
		if f != tc.wantFrom || to != tc.wantTo {
			t.Errorf("bounds(%s, %s) = %s, %s", tc.from, tc.to, f, to)
		}
	}
	v := url.Values{"source": {"a b"}, "offset": {"20"}}
	q := listQuery{Limit: 10, Offset: 20}
	if got := q.next(v, true).Encode(); got != "limit=10&offset=30&source=a+b" {
		t.Errorf("next %s", got)
	}
	if q.next(v, false) != nil {
		t.Error("a next page after the last")
	}
	if got := q.prev(v).Encode(); got != "limit=10&offset=10&source=a+b" {
		t.Errorf("prev %s", got)
	}
	if (listQuery{Limit: 10, Offset: 5}).prev(v).Get("offset") != "0" {
		t.Error("prev of offset 5 is not 0")
	}
	if (listQuery{Limit: 10}).prev(v) != nil {
		t.Error("a previous page of the first")
	}
	if v.Get("offset") != "20" {
		t.Error("next changed the request's values")
	}
}

// FuzzParseList checks that any query string gives a bounded query or a
// 400.
func FuzzParseList(f *testing.F) {
	f.Add("limit=10&offset=20&from=2024-02&to=2024-02-05&entity=x&source=y")
	f.Add("limit=-1&from=%ff")
	f.Add("from=2024-02-31&to=2024-02-01")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseList(v, defaultLimit)
		if err != nil {
			if code, _ := status(err); code != 400 {
				t.Fatalf("%q: status %d for %v", raw, code, err)
			}
			return
		}
		if q.Limit < 1 || q.Limit > maxLimit || q.Offset < 0 || q.Offset > maxOffset {
			t.Fatalf("%q: %+v out of bounds", raw, q)
		}
		for _, d := range []string{q.From, q.To} {
			if d != "" && !isDay(d) {
				t.Fatalf("%q: date %q", raw, d)
			}
		}
		if from, to := q.bounds(); from != "" && to != "" && from > to {
			t.Fatalf("%q: from %s after to %s", raw, from, to)
		}
	})
}
