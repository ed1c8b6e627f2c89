package server

import (
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

func TestGroupCopies(t *testing.T) {
	a := func(id, dup string) *storyline.Article {
		return &storyline.Article{ID: id, DuplicateOf: dup, Title: id}
	}
	for _, tc := range []struct {
		name string
		in   []*storyline.Article
		want string
	}{
		{"none", nil, ""},
		{"singles", []*storyline.Article{a("1", ""), a("2", "")}, "1;2"},
		{"copies after their origin", []*storyline.Article{a("1", ""), a("2", "1"), a("3", ""), a("4", "1")}, "1:2,4;3"},
		{"a copy before its origin", []*storyline.Article{a("2", "1"), a("3", ""), a("1", "")}, "1:2;3"},
		{"origin not in the list", []*storyline.Article{a("2", "9"), a("4", "9")}, "2:4"},
	} {
		var groups []string
		for _, g := range show.GroupCopies(tc.in) {
			s := g.Origin.ID
			var copies []string
			for _, c := range g.Copies {
				copies = append(copies, c.ID)
			}
			if len(copies) > 0 {
				s += ":" + strings.Join(copies, ",")
			}
			groups = append(groups, s)
		}
		if got := strings.Join(groups, ";"); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
