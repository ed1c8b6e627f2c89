package eval

// The summaries evaluation (RunSummaries) summarizes each topic of TAC
// 2011 MultiLing (10 topics of 10 articles, 3 human summaries each) with
// describe.Summarize and two baselines, LexRank (Erkan and Radev 2004)
// and Lead (the first words of the most recent article, the DUC
// baseline), and scores them with ROUGE-1 and ROUGE-2 (RougeN) at 100
// words. Topics M000–M004 are the tuning topics, M005–M009 the held-out
// ones; both halves and all ten are reported.

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/annotate"
	"github.com/storyline/storyline/cluster"
	"github.com/storyline/storyline/describe"
)

// SummaryWords is the summary length scored: ROUGE's -l 100.
const SummaryWords = 100

// SummaryTopic is one topic to summarize: its articles (annotated) and
// its reference summaries.
type SummaryTopic struct {
	ID       string
	Articles []*storyline.Article
	Refs     []string
}

// LoadSummaryTopics reads a TAC-style folder: articles.jsonl, gold.tsv
// (id, story = topic) and refs/TOPIC.*.txt, and annotates the articles
// (mentions resolved across each topic, dates). Topics in ID order.
func LoadSummaryTopics(dir string) ([]SummaryTopic, error) {
	docs, err := LoadEventCorpus(dir)
	if err != nil {
		return nil, fmt.Errorf("load summary topics: %w", err)
	}
	byTopic := map[string]*SummaryTopic{}
	var ids []string
	for i := range docs {
		t, ok := byTopic[docs[i].Story]
		if !ok {
			t = &SummaryTopic{ID: docs[i].Story}
			byTopic[t.ID] = t
			ids = append(ids, t.ID)
		}
		t.Articles = append(t.Articles, &docs[i].Article)
	}
	sort.Strings(ids)
	out := make([]SummaryTopic, 0, len(ids))
	for _, id := range ids {
		t := byTopic[id]
		an, err := annotate.New()
		if err != nil {
			return nil, fmt.Errorf("load summary topics: %w", err)
		}
		for _, a := range t.Articles {
			an.Resolve(a)
		}
		paths, _ := filepath.Glob(filepath.Join(dir, "refs", id+".*.txt"))
		sort.Strings(paths)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("read reference: %w", err)
			}
			t.Refs = append(t.Refs, string(b))
		}
		if len(t.Refs) == 0 {
			return nil, fmt.Errorf("%s: no reference summaries for topic %s in %s", dir, id, filepath.Join(dir, "refs"))
		}
		out = append(out, *t)
	}
	return out, nil
}

// Summarizer makes a summary of about words words for a topic's articles.
type Summarizer struct {
	Name string
	Sum  func(arts []*storyline.Article, words int) string
}

// Summarizers are the systems RunSummaries scores: storyline, LexRank and
// Lead.
func Summarizers(idf map[string]float64) []Summarizer {
	return []Summarizer{
		{"storyline", func(arts []*storyline.Article, words int) string {
			var b strings.Builder
			for _, s := range describe.Summarize(arts, describe.SummaryOptions{Words: words}) {
				b.WriteString(s.Text)
				b.WriteByte('\n')
			}
			return b.String()
		}},
		{"lexrank", func(arts []*storyline.Article, words int) string { return LexRank(arts, idf, words) }},
		{"lead", func(arts []*storyline.Article, words int) string { return Lead(arts, words) }},
	}
}

// SummariesRow is one system's mean ROUGE scores on a set of topics.
type SummariesRow struct {
	System string `json:"system"`
	Set    string `json:"set"`
	Topics int    `json:"topics"`
	// R1 and R2 are ROUGE-1.5.5's with -l 100: the candidate and each
	// reference cut to their first 100 words.
	R1 RougeScore `json:"rouge_1"`
	R2 RougeScore `json:"rouge_2"`
	// R1Whole and R2Whole score the candidate (cut to 100 words) against
	// the whole references.
	R1Whole RougeScore `json:"rouge_1_whole_refs"`
	R2Whole RougeScore `json:"rouge_2_whole_refs"`
	// Words is the mean length of the summaries before truncation.
	Words float64 `json:"words"`
}

// SummariesReport is what RunSummaries measured.
type SummariesReport struct {
	Data  string         `json:"data"`
	Limit int            `json:"limit_words"`
	Rows  []SummariesRow `json:"rows"`
	// PerTopic has each system's ROUGE-2 recall per topic.
	PerTopic map[string]map[string]float64 `json:"per_topic_rouge_2"`
}

// RunSummaries scores storyline, LexRank and Lead on the TAC-style
// folder dir.
func RunSummaries(dir string) (*SummariesReport, error) {
	topics, err := LoadSummaryTopics(dir)
	if err != nil {
		return nil, err
	}
	return ScoreSummaries(dir, topics, Summarizers(DocumentIDF(topics))), nil
}

// tuneTopic tells whether a topic is one a summarizer may be tuned on;
// the others are held out.
func tuneTopic(id string) bool { return id <= "M004" }

// ScoreSummaries scores each summarizer on the topics.
func ScoreSummaries(data string, topics []SummaryTopic, systems []Summarizer) *SummariesReport {
	rep := &SummariesReport{Data: data, Limit: SummaryWords, PerTopic: map[string]map[string]float64{}}
	for _, sys := range systems {
		type acc struct {
			n                int
			r1, r2, r1w, r2w RougeScore
			wordCount        float64
		}
		sets := map[string]*acc{"tune (M000-M004)": {}, "held out (M005-M009)": {}, "all": {}}
		rep.PerTopic[sys.Name] = map[string]float64{}
		for _, t := range topics {
			text := sys.Sum(t.Articles, SummaryWords)
			cand := RougeTokens(text, SummaryWords)
			var cut, whole [][]string
			for _, r := range t.Refs {
				cut = append(cut, RougeTokens(r, SummaryWords))
				whole = append(whole, RougeTokens(r, 0))
			}
			s1, s2 := RougeN(1, cand, cut), RougeN(2, cand, cut)
			s1w, s2w := RougeN(1, cand, whole), RougeN(2, cand, whole)
			rep.PerTopic[sys.Name][t.ID] = s2.Recall
			names := []string{"all", "held out (M005-M009)"}
			if tuneTopic(t.ID) {
				names[1] = "tune (M000-M004)"
			}
			for _, name := range names {
				a := sets[name]
				a.n++
				a.r1 = addScore(a.r1, s1)
				a.r2 = addScore(a.r2, s2)
				a.r1w = addScore(a.r1w, s1w)
				a.r2w = addScore(a.r2w, s2w)
				a.wordCount += float64(len(strings.Fields(text)))
			}
		}
		for _, name := range []string{"tune (M000-M004)", "held out (M005-M009)", "all"} {
			a := sets[name]
			if a.n == 0 {
				continue
			}
			k := 1 / float64(a.n)
			rep.Rows = append(rep.Rows, SummariesRow{System: sys.Name, Set: name, Topics: a.n,
				R1: scaleScore(a.r1, k), R2: scaleScore(a.r2, k),
				R1Whole: scaleScore(a.r1w, k), R2Whole: scaleScore(a.r2w, k), Words: a.wordCount * k})
		}
	}
	return rep
}

func addScore(a, b RougeScore) RougeScore {
	return RougeScore{a.Recall + b.Recall, a.Precision + b.Precision, a.F1 + b.F1}
}

func scaleScore(a RougeScore, k float64) RougeScore {
	return RougeScore{a.Recall * k, a.Precision * k, a.F1 * k}
}

// WriteTable prints the report as a table.
func (r *SummariesReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "ROUGE at %d words (ROUGE-1.5.5 -n 2 -m -l %d, model average; \"whole\": references not cut), means over topics; data %s\n", r.Limit, r.Limit, r.Data)
	fmt.Fprintln(tw, "set\tsystem\ttopics\tR-1 R\tR-1 F\tR-2 R\tR-2 F\tR-1 R whole\tR-2 R whole\twords")
	sets := []string{"tune (M000-M004)", "held out (M005-M009)", "all"}
	for _, set := range sets {
		for _, row := range r.Rows {
			if row.Set != set {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.0f\n", row.Set, row.System, row.Topics,
				row.R1.Recall, row.R1.F1, row.R2.Recall, row.R2.F1, row.R1Whole.Recall, row.R2Whole.Recall, row.Words)
		}
	}
	return tw.Flush()
}

// WriteJSON prints the report as one JSON object.
func (r *SummariesReport) WriteJSON(w io.Writer) error { return writeJSON(w, "summaries", r) }

// DocumentIDF returns the inverse document frequency, log(N/df), of every
// stemmed word over all the topics' articles.
func DocumentIDF(topics []SummaryTopic) map[string]float64 {
	df := map[string]int{}
	n := 0
	for _, t := range topics {
		for _, a := range t.Articles {
			n++
			seen := map[string]bool{}
			for _, w := range lexWords(a.Text) {
				if !seen[w] {
					seen[w] = true
					df[w]++
				}
			}
		}
	}
	idf := make(map[string]float64, len(df))
	for w, k := range df {
		idf[w] = math.Log(float64(n) / float64(k))
	}
	return idf
}

// lexWords are the words LexRank compares: lower-cased, stemmed tokens.
func lexWords(s string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		out = append(out, cluster.Stem(t))
	}
	return out
}

// LexRank parameters (Erkan and Radev 2004): the cosine threshold of an
// edge, the damping factor, and the cosine above which a sentence is too
// close to one already taken (the reranker of their DUC runs).
const (
	lexThreshold  = 0.1
	lexDamping    = 0.15
	lexRedundancy = 0.5
)

// LexRank summarizes the articles with LexRank: sentences are nodes,
// linked when their idf-modified cosine is above 0.1; the stationary
// distribution of the degree-normalised graph with damping 0.15 (power
// iteration) ranks them; sentences are taken best first, skipping any
// whose cosine with a taken one is above 0.5, until words are reached.
func LexRank(arts []*storyline.Article, idf map[string]float64, words int) string {
	var sents []string
	for _, a := range arts {
		for _, s := range describe.Sentences(a) {
			sents = append(sents, s.Text)
		}
	}
	n := len(sents)
	if n == 0 {
		return ""
	}
	vecs := make([]map[string]float64, n)
	norms := make([]float64, n)
	for i, s := range sents {
		v := map[string]float64{}
		for _, w := range lexWords(s) {
			v[w]++
		}
		for w, tf := range v {
			v[w] = tf * idf[w]
			norms[i] += v[w] * v[w]
		}
		vecs[i] = v
		norms[i] = math.Sqrt(norms[i])
	}
	cos := func(i, j int) float64 {
		if norms[i] == 0 || norms[j] == 0 {
			return 0
		}
		a, b := vecs[i], vecs[j]
		if len(a) > len(b) {
			a, b = b, a
		}
		d := 0.0
		for w, x := range a {
			d += x * b[w]
		}
		return d / (norms[i] * norms[j])
	}
	adj := make([][]int, n)
	for i := range n {
		for j := range n {
			if i == j || cos(i, j) > lexThreshold {
				adj[i] = append(adj[i], j)
			}
		}
	}
	p := make([]float64, n)
	for i := range p {
		p[i] = 1 / float64(n)
	}
	for iter := 0; iter < 100; iter++ {
		next := make([]float64, n)
		for i := range n {
			share := p[i] / float64(len(adj[i]))
			for _, j := range adj[i] {
				next[j] += share
			}
		}
		delta := 0.0
		for i := range next {
			next[i] = lexDamping/float64(n) + (1-lexDamping)*next[i]
			delta += math.Abs(next[i] - p[i])
		}
		p = next
		if delta < 1e-6 {
			break
		}
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	var b strings.Builder
	var taken []int
	total := 0
	for _, i := range idx {
		if total >= words {
			break
		}
		close := false
		for _, j := range taken {
			if cos(i, j) > lexRedundancy {
				close = true
				break
			}
		}
		if close {
			continue
		}
		taken = append(taken, i)
		b.WriteString(sents[i])
		b.WriteByte('\n')
		total += len(strings.Fields(sents[i]))
	}
	return b.String()
}

// Lead returns the first words of the most recent article (the latest
// publication date; the last of them in input order).
func Lead(arts []*storyline.Article, words int) string {
	var last *storyline.Article
	for _, a := range arts {
		if last == nil || a.Published >= last.Published {
			last = a
		}
	}
	if last == nil {
		return ""
	}
	ws := strings.Fields(last.Text)
	return strings.Join(ws[:min(words, len(ws))], " ")
}
