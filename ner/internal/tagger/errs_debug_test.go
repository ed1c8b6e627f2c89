package tagger

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestErrsDebug(t *testing.T) {
	data, err := os.ReadFile("/tmp/m6.bin.gz")
	if err != nil {
		t.Skip()
	}
	m, _ := Decode(data)
	dev, _ := ReadCoNLL("/work/shared/data/conll2003/valid.txt")
	w := new(Work)
	cnt := map[string]int{}
	for _, d := range dev {
		tags := m.TagDoc(docWords(&d), w)
		for si, s := range d.Sents {
			pred := TagsToSpans(tags[si], nil)
			for _, g := range s.Spans {
				found := false
				for _, p := range pred {
					if p == g {
						found = true
					}
				}
				if found {
					continue
				}
				kind := "miss"
				for _, p := range pred {
					if p.Start == g.Start && p.End == g.End {
						kind = "type " + Types[g.Type] + "->" + Types[p.Type]
					} else if p.Start < g.End && g.Start < p.End {
						kind = "boundary"
					}
				}
				cnt[kind]++
				if kind == "boundary" || strings.HasPrefix(kind, "type ORG") || strings.HasPrefix(kind, "miss") {
					fmt.Printf("%s\t%s\t%s\t| %s\n", kind, Types[g.Type], strings.Join(s.Words[g.Start:g.End], " "), strings.Join(s.Words[max(0, g.Start-3):min(len(s.Words), g.End+3)], " "))
				}
			}
			for _, p := range pred {
				hit := false
				for _, g := range s.Spans {
					if p.Start < g.End && g.Start < p.End {
						hit = true
					}
				}
				if !hit {
					cnt["spurious "+Types[p.Type]]++
					fmt.Printf("spurious\t%s\t%s\t| %s\n", Types[p.Type], strings.Join(s.Words[p.Start:p.End], " "), strings.Join(s.Words[max(0, p.Start-3):min(len(s.Words), p.End+3)], " "))
				}
			}
		}
	}
	var ks []string
	for k := range cnt {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Println("COUNT", k, cnt[k])
	}
}
