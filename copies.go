package storyline

import "sort"

// Origin returns the ID of the earliest article of a's group of copies:
// a.DuplicateOf, or a's own ID when it is the origin.
func (a *Article) Origin() string {
	if a.DuplicateOf != "" {
		return a.DuplicateOf
	}
	return a.ID
}

// CollapseReuse turns the stored reuse links of the members of the copy
// group with origin self (each as seen from its member) into what users
// see of any member: every linked article is replaced by the origin of its
// group (origin maps an ID to it), links within the group are dropped, and
// of several links to one group the one with the largest share is kept. The result is sorted by
// share, largest first, then by ID; nil when there is none.
func CollapseReuse(self string, links []Reuse, origin func(id string) string) []Reuse {
	best := map[string]Reuse{}
	for _, l := range links {
		o := origin(l.Of)
		if o == self {
			continue
		}
		if b, ok := best[o]; !ok || l.Share > b.Share {
			l.Of = o
			best[o] = l
		}
	}
	if len(best) == 0 {
		return nil
	}
	out := make([]Reuse, 0, len(best))
	for _, l := range best {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Share != out[j].Share {
			return out[i].Share > out[j].Share
		}
		return out[i].Of < out[j].Of
	})
	return out
}

// SourceCount is how many articles a set holds and how many independent
// sources: copies collapse into their origin.
type SourceCount struct {
	Articles    int `json:"articles"`
	Independent int `json:"independent"`
}

// CountSources counts the articles and the independent sources (distinct
// copy groups) among articles.
func CountSources(articles []*Article) SourceCount {
	groups := map[string]bool{}
	for _, a := range articles {
		groups[a.Origin()] = true
	}
	return SourceCount{Articles: len(articles), Independent: len(groups)}
}
