// Command prosener runs the named-entity recogniser of
// github.com/jdkato/prose/v2 on a NER JSONL file and writes its
// predictions as JSONL for 'storyline eval ner --pred': the baseline of
// docs/NER.md. It is a separate program so that prose stays out of the
// storyline binary.
//
// Usage:
//
//	go run ./eval/internal/prosener < ../shared/data/meantime/ner.jsonl > /tmp/prose-meantime.jsonl
//	go run ./eval/internal/prosener -prefix valid- < ../shared/data/conll2003/ner.jsonl > /tmp/prose-valid.jsonl
//
// prose labels tokens with BIO tags of OntoNotes-like types; they are
// mapped to the CoNLL types: PERSON → PER; GPE, GSP, LOCATION, FACILITY (and
// LOC, FAC) → LOC; ORGANIZATION (ORG) → ORG; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE → MISC; any other
// label (dates, numbers) is dropped. prose gives no offsets: its tokens
// are found in the text in order (a token not found within the next 64
// bytes is skipped), and an entity spans from its first token's start to
// its last token's end. prose tags each token of a multi-word name B-X
// ("Antony/B-PERSON Blinken/B-PERSON"), so, as its Document.Entities
// does, a run of tokens of one type is one entity. The label counts seen are printed to stderr.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"

	"github.com/jdkato/prose/v2"
)

type span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

type doc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []span `json:"entities"`
}

var typeMap = map[string]string{
	"PERSON": "PER", "PER": "PER",
	"GPE": "LOC", "GSP": "LOC", "LOC": "LOC", "LOCATION": "LOC", "FAC": "LOC", "FACILITY": "LOC",
	"ORG": "ORG", "ORGANIZATION": "ORG",
	"NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}

func main() {
	prefix := flag.String("prefix", "", "only documents whose id starts with this")
	flag.Parse()
	log.SetFlags(0)
	labels := map[string]int{}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for sc.Scan() {
		var d doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			log.Fatal(fmt.Errorf("prosener: read: %w", err))
		}
		if !strings.HasPrefix(d.ID, *prefix) {
			continue
		}
		ents, err := tag(d.Text, labels)
		if err != nil {
			log.Fatal(fmt.Errorf("prosener: %s: %w", d.ID, err))
		}
		if err := enc.Encode(struct {
			ID       string `json:"id"`
			Entities []span `json:"entities"`
		}{d.ID, ents}); err != nil {
			log.Fatal(fmt.Errorf("prosener: write: %w", err))
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(fmt.Errorf("prosener: read: %w", err))
	}
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m := typeMap[k]
		if m == "" {
			m = "dropped"
		}
		fmt.Fprintf(os.Stderr, "prose label %s: %d entities → %s\n", k, labels[k], m)
	}
}

func tag(text string, labels map[string]int) ([]span, error) {
	pd, err := prose.NewDocument(text, prose.WithSegmentation(false))
	if err != nil {
		return nil, err
	}
	var ents []span
	cur := 0
	open := -1
	var openType string
	lastEnd := 0
	closeEnt := func() {
		if open >= 0 {
			if t := typeMap[openType]; t != "" {
				ents = append(ents, span{open, lastEnd, t})
			}
			labels[openType]++
		}
		open = -1
	}
	for _, tok := range pd.Tokens() {
		k := strings.Index(text[cur:min(len(text), cur+64+len(tok.Text))], tok.Text)
		if k < 0 || tok.Text == "" {
			continue
		}
		s, e := cur+k, cur+k+len(tok.Text)
		cur = e
		lab := tok.Label
		switch {
		case len(lab) > 2 && (lab[:2] == "B-" || lab[:2] == "I-") && open >= 0 && lab[2:] == openType:
			// prose tags every token of a multi-word name B-X (B-PERSON
			// B-PERSON); like its Document.Entities, runs of one type
			// make one entity
		case len(lab) > 2 && (lab[:2] == "B-" || lab[:2] == "I-"):
			closeEnt()
			open, openType = s, lab[2:]
		default:
			closeEnt()
		}
		lastEnd = e
	}
	closeEnt()
	return ents, nil
}
