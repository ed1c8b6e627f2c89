package gazetteer

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	storyline "github.com/storyline/storyline"
)

// meantimeFloor is a little below the measured accuracy (see data/README.md).
const meantimeFloor = 0.83

// TestMeantimeLinking resolves every LOC mention of MEANTIME that has a
// DBpedia link, with the document's other LOC mentions as context, and
// counts it correct when the DBpedia title (underscores as spaces, any
// "(…)" qualifier and ", …" part dropped) is one of the chosen place's
// names, or names the chosen place's country. Nationality words
// ("American") are read with Demonym as their country and counted apart.
func TestMeantimeLinking(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "meantime", "ner.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("MEANTIME data not available: %v", err)
	}
	defer f.Close()
	g := mustDefault(t)
	type ent struct {
		Start, End int
		Type, Link string
	}
	var total, correct, resolved, viaDemonym int
	misses := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var doc struct {
			Text     string
			Entities []ent
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatalf("meantime: read %s: %v", path, err)
		}
		var locs []string
		for _, e := range doc.Entities {
			if e.Type == "LOC" {
				locs = append(locs, doc.Text[e.Start:e.End])
			}
		}
		for _, e := range doc.Entities {
			if e.Type != "LOC" || !strings.HasPrefix(e.Link, "http://dbpedia.org/resource/") {
				continue
			}
			total++
			text := doc.Text[e.Start:e.End]
			var ctx Context
			for _, l := range locs {
				if l != text {
					ctx.Names = append(ctx.Names, l)
				}
			}
			title, _ := url.PathUnescape(strings.TrimPrefix(e.Link, "http://dbpedia.org/resource/"))
			title = strings.ReplaceAll(title, "_", " ")
			if i := strings.Index(title, " ("); i > 0 {
				title = title[:i]
			}
			if i := strings.Index(title, ","); i > 0 {
				title = title[:i]
			}
			// A nationality word stands for its country, as the pipeline
			// reads it; anything else goes to Resolve.
			p, ok := storyline.Place{}, false
			demonym := false
			if cc, dok := g.Demonym(text); dok {
				p, ok = g.Country(cc)
				demonym = true
			} else {
				p, ok = g.Resolve(text, ctx)
			}
			if !ok {
				misses["unresolved"]++
				t.Logf("miss (unresolved): %q → %s", text, title)
				continue
			}
			resolved++
			if g.titleMatches(title, p.Name, p.CountryCode) {
				correct++
				if demonym {
					viaDemonym++
				}
				continue
			}
			misses["wrong "+p.Kind]++
			t.Logf("miss (wrong %s): %q → %s/%s, want %s", p.Kind, text, p.Name, p.CountryCode, title)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("meantime: read %s: %v", path, err)
	}
	acc := float64(correct) / float64(total)
	t.Logf("MEANTIME LOC linking: %d/%d correct (%.1f%%), %d resolved, %d of the correct via demonyms; misses %v",
		correct, total, 100*acc, resolved, viaDemonym, misses)
	if acc < meantimeFloor {
		t.Errorf("accuracy %.3f below floor %.2f", acc, meantimeFloor)
	}
}

// titleMatches reports whether a DBpedia title names the place (any of the
// names of a place with that name and country) or its country.
func (g *Gazetteer) titleMatches(title, name, cc string) bool {
	tk := key(title)
	if tk == key(name) {
		return true
	}
	if c, ok := g.Country(cc); ok && key(c.Name) == tk {
		return true
	}
	for _, post := range g.candidates(title) {
		p := &g.places[post>>2]
		if p.CC == cc && (p.Name == name || key(p.Name) == key(name)) {
			return true
		}
	}
	return false
}
