package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIEntities: on the bundled example, the entities that ingest finds
// and resolves, listed and shown as a user does.
func TestCLIEntities(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if _, stderr, code := runCLI(t, "", "--db", db, "ingest", seeds); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	out, stderr, code := runCLI(t, "", "--db", db, "entities", "--limit", "0", "--json")
	if code != 0 {
		t.Fatalf("entities: exit %d: %s", code, stderr)
	}
	type entity struct {
		ID, Name, Type string
		Aliases        []struct{ Text string }
		Roles          []struct{ Title, Article string }
		Place          *struct{ Name, Country, CountryCode string }
		Mentions       int
		Articles       []string
		Sources        int
	}
	var all []entity
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var e entity
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("entities --json line %q: %v", l, err)
		}
		all = append(all, e)
	}
	// Which entities carry an alias containing s.
	with := func(s string) map[string]bool {
		ids := map[string]bool{}
		for _, e := range all {
			for _, a := range e.Aliases {
				if strings.Contains(a.Text, s) {
					ids[e.ID] = true
				}
			}
		}
		return ids
	}
	// The spellings of el-Sisi in the seeds are one entity.
	if ids := with("Sis"); len(ids) != 1 {
		t.Errorf("el-Sisi under its spellings: %d entities, want 1", len(ids))
	}
	// The two al-Thanis of seed 000 are two people.
	tamim, mohammed := with("Tamim"), with("Abdulrahman")
	if len(tamim) == 0 || len(mohammed) == 0 {
		t.Errorf("al-Thanis: Tamim in %d entities, Mohammed bin Abdulrahman in %d", len(tamim), len(mohammed))
	}
	for id := range tamim {
		if mohammed[id] {
			t.Errorf("the emir and the prime minister of Qatar are one entity %s", id)
		}
	}

	// show entity by name: Blinken, in every seed, with his role.
	out, stderr, code = runCLI(t, "", "--db", db, "show", "entity", "Antony Blinken", "--json")
	if code != 0 {
		t.Fatalf("show entity: exit %d: %s", code, stderr)
	}
	var b entity
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	if b.Type != "PER" || len(b.Articles) != 5 || b.Sources != 5 {
		t.Errorf("Blinken: type %s, %d articles, %d sources; want PER in 5 from 5", b.Type, len(b.Articles), b.Sources)
	}
	role := false
	for _, r := range b.Roles {
		role = role || strings.EqualFold(r.Title, "secretary of state") && r.Article != ""
	}
	if !role {
		t.Errorf("Blinken's roles %v lack secretary of state", b.Roles)
	}
	// Places carry their gazetteer entry; the text view prints it.
	out, _, code = runCLI(t, "", "--db", db, "show", "entity", "Cairo")
	if code != 0 || !strings.Contains(out, "Egypt") || !strings.Contains(out, "GeoNames") {
		t.Errorf("show entity Cairo: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "--db", db, "entities", "--type", "loc", "--name", "riyadh")
	if code != 0 || !strings.Contains(out, "Riyadh (Saudi Arabia)") {
		t.Errorf("entities --type loc --name riyadh: exit %d\n%s", code, out)
	}
	// Export carries the mentions with their entity ids.
	out, _, _ = runCLI(t, "", "--db", db, "export")
	if !strings.Contains(out, `"text":"Cairo","type":"LOC","entity":"`) {
		t.Errorf("export lacks resolved mentions")
	}
	_, stderr, code = runCLI(t, "", "--db", db, "entities", "--type", "PERSON")
	if code != 2 || !strings.Contains(stderr, "unknown --type") {
		t.Errorf("entities --type PERSON: exit %d %q", code, stderr)
	}
}

// TestCLIAnnotate: annotate reads JSONL or plain text, needs no database,
// gives byte offsets into the text as given and one entity id per entity
// across the input.
func TestCLIAnnotate(t *testing.T) {
	in := `{"id":"a","published":"2024-02-06","text":"Égypte aside, Antony Blinken flew to Cairo."}` + "\n" +
		"{not json\n" +
		`{"id":"b","published":"2024-02-06","text":"In Cairo, Blinken met officials on Monday."}` + "\n"
	out, stderr, code := runCLI(t, in, "annotate")
	if code != 0 {
		t.Fatalf("annotate: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "skipped line 2") {
		t.Errorf("annotate stderr %q does not name the bad line", stderr)
	}
	type line struct {
		ID       string
		Entities []struct {
			Start, End int
			Text, Type string
			Entity     string
		}
	}
	texts := map[string]string{"a": "Égypte aside, Antony Blinken flew to Cairo.", "b": "In Cairo, Blinken met officials on Monday."}
	ids := map[string]map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var o line
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("annotate line %q: %v", l, err)
		}
		for _, m := range o.Entities {
			if got := texts[o.ID][m.Start:m.End]; got != m.Text {
				t.Errorf("%s: [%d:%d] is %q, mention says %q", o.ID, m.Start, m.End, got, m.Text)
			}
			if ids[m.Text] == nil {
				ids[m.Text] = map[string]bool{}
			}
			ids[m.Text][m.Entity] = true
		}
	}
	if !strings.Contains(out, `"text":"Monday","type":"DATE","value":"2024-02-05"`) {
		t.Errorf("annotate: no Monday before Tuesday 2024-02-06 in\n%s", out)
	}
	if len(ids["Cairo"]) != 1 {
		t.Errorf("Cairo has entity ids %v across the two articles, want one", ids["Cairo"])
	}
	// Empty input gives nothing; binary input is refused.
	if out, _, code := runCLI(t, "", "annotate"); code != 0 || out != "" {
		t.Errorf("annotate of nothing: exit %d, %q", code, out)
	}
	if _, stderr, code := runCLI(t, "\x00\x01\x02", "annotate"); code != 1 || !strings.Contains(stderr, "binary") {
		t.Errorf("annotate of binary input: exit %d, %q", code, stderr)
	}
	// Plain text is one article.
	out, _, code = runCLI(t, "Antony Blinken met Abdel Fattah el-Sisi in Cairo.\n", "annotate")
	if code != 0 || !strings.Contains(out, `"id":"-"`) || !strings.Contains(out, `"text":"Abdel Fattah el-Sisi","type":"PER"`) {
		t.Errorf("annotate plain text: exit %d\n%s", code, out)
	}
}
