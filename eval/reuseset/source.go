package reuseset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Corpora of the shared dev data that source articles come from.
const (
	corpusECB      = "ecbplus"
	corpusGigaword = "gigaword"
	corpusMeantime = "meantime"
)

// minSourceWords: shorter source articles are skipped.
const minSourceWords = 80

// source is one source article, split into paragraphs of sentences.
type source struct {
	id     string
	corpus string
	// topic groups articles about one event or story: "ecb:7",
	// "meantime:airbus"; Gigaword articles have none.
	topic string
	title string
	// date is the article's publication day when known, else zero.
	date  time.Time
	paras [][]string
	words int
}

// text renders the paragraphs as item text.
func (s *source) text() string { return renderParas(s.paras) }

func renderParas(paras [][]string) string {
	ps := make([]string, len(paras))
	for i, p := range paras {
		ps[i] = strings.Join(p, " ")
	}
	return strings.Join(ps, "\n\n")
}

// rawArticle is one line of a corpus's articles.jsonl.
type rawArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
}

func readArticles(path string) ([]rawArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []rawArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a rawArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// readGoldColumn reads a gold.tsv and returns id → the value of column col.
func readGoldColumn(path, col string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	head := strings.Split(lines[0], "\t")
	idx := -1
	for i, h := range head {
		if strings.TrimSpace(h) == col {
			idx = i
		}
	}
	if idx < 0 {
		return nil, fmt.Errorf("%s: no column %q", path, col)
	}
	out := map[string]string{}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) > idx {
			out[f[0]] = strings.TrimSpace(f[idx])
		}
	}
	return out, nil
}

// loadSources reads the source articles of one split: dev is ECB+ topics
// 1–10 and the first half of Gigaword by sorted id; test is ECB+ topics
// 11–20, the second half of Gigaword and all of MEANTIME. Articles under
// minSourceWords are skipped. The result is sorted by id.
func loadSources(dataDir, split string, seed int64) ([]*source, error) {
	var out []*source
	add := func(s *source) {
		if s != nil && s.words >= minSourceWords {
			out = append(out, s)
		}
	}

	// ECB+.
	dir := filepath.Join(dataDir, "ecbplus-dev")
	arts, err := readArticles(filepath.Join(dir, "articles.jsonl"))
	if err != nil {
		return nil, err
	}
	topics, err := readGoldColumn(filepath.Join(dir, "gold.tsv"), "story")
	if err != nil {
		return nil, err
	}
	for _, a := range arts {
		t, err := strconv.Atoi(topics[a.ID])
		if err != nil {
			continue // not in the gold: no topic
		}
		if (split == "dev") != (t <= 10) {
			continue
		}
		add(ecbSource(a, t, seed))
	}

	// Gigaword: the halves are taken before the length filter, so that
	// the filter does not move articles between splits.
	arts, err = readArticles(filepath.Join(dataDir, "gigaword-silver", "articles.jsonl"))
	if err != nil {
		return nil, err
	}
	half := len(arts) / 2
	for i, a := range arts {
		if (split == "dev") != (i < half) {
			continue
		}
		add(gigawordSource(a))
	}

	// MEANTIME: test only.
	if split == "test" {
		dir := filepath.Join(dataDir, "meantime")
		arts, err := readArticles(filepath.Join(dir, "articles.jsonl"))
		if err != nil {
			return nil, err
		}
		stories, err := readGoldColumn(filepath.Join(dir, "gold.tsv"), "story")
		if err != nil {
			return nil, err
		}
		for _, a := range arts {
			add(meantimeSource(a, stories[a.ID], seed))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

var (
	reYear     = regexp.MustCompile(`\b(19|20)\d\d\b`)
	reNumDate  = regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{2,4}\b`)
	reMonth    = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d`)
	reTimeOfDy = regexp.MustCompile(`(?i)\b\d{1,2}:\d\d\s*(am|pm|a\.m\.|p\.m\.)?`)
)

// headerLine tells whether a line at the top of an ECB+ page is a date,
// time or subtitle line rather than a sentence of the article.
func headerLine(l string) bool {
	n := len(strings.Fields(l))
	if n > 14 {
		return false
	}
	if reYear.MatchString(l) || reNumDate.MatchString(l) || reMonth.MatchString(l) || reTimeOfDy.MatchString(l) {
		return true
	}
	return n <= 12 && !endsSentence(l)
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’)")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// ecbSource turns an ECB+ article into a source: for ecbplus pages the URL
// line, the title line and date or subtitle lines at the top are dropped;
// each remaining line is a sentence.
func ecbSource(a rawArticle, topic int, seed int64) *source {
	lines := nonEmptyLines(a.Text)
	if strings.Contains(a.ID, "ecbplus") {
		if len(lines) > 0 && !strings.Contains(lines[0], " ") {
			lines = lines[1:] // the URL
		}
		for i := 0; i < len(lines) && i < 3; i++ {
			if lines[i] == a.Title {
				lines = append(lines[:i:i], lines[i+1:]...)
				break
			}
		}
		for k := 0; k < 3 && len(lines) > 0 && headerLine(lines[0]); k++ {
			lines = lines[1:]
		}
	}
	s := &source{id: a.ID, corpus: corpusECB, topic: fmt.Sprintf("ecb:%d", topic), title: a.Title}
	s.date, _ = parseDay(a.Published)
	s.paras = groupSentences(lines, rngFor(seed, a.ID))
	s.words = parasWords(s.paras)
	return s
}

// meantimeSource drops the headline and date lines of a MEANTIME article.
func meantimeSource(a rawArticle, story string, seed int64) *source {
	lines := nonEmptyLines(a.Text)
	if len(lines) > 0 && lines[0] == a.Title {
		lines = lines[1:]
	}
	if len(lines) > 0 && headerLine(lines[0]) {
		lines = lines[1:]
	}
	s := &source{id: a.ID, corpus: corpusMeantime, topic: "meantime:" + story, title: a.Title}
	s.date, _ = parseDay(a.Published)
	s.paras = groupSentences(lines, rngFor(seed, a.ID))
	s.words = parasWords(s.paras)
	return s
}

// gigawordSource keeps Gigaword's paragraphs and splits them into
// sentences; the title (Gigaword has none) is made from the first sentence.
func gigawordSource(a rawArticle) *source {
	s := &source{id: a.ID, corpus: corpusGigaword}
	s.date, _ = parseDay(a.Published)
	for _, p := range strings.Split(strings.ReplaceAll(a.Text, "\r\n", "\n"), "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		s.paras = append(s.paras, splitSentences(p))
	}
	s.words = parasWords(s.paras)
	if len(s.paras) > 0 {
		s.title = titleFromSentence(s.paras[0][0])
	}
	return s
}

func nonEmptyLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// groupSentences groups sentences into paragraphs of 1–3 sentences. The
// first paragraph has two sentences when the first is short, so that it
// does not look like a lone title line.
func groupSentences(sents []string, rng *rand.Rand) [][]string {
	var paras [][]string
	for i := 0; i < len(sents); {
		n := 1
		switch r := rng.IntN(100); {
		case r < 30:
			n = 1
		case r < 75:
			n = 2
		default:
			n = 3
		}
		if i == 0 && n == 1 && len(sents) > 1 && wordCount(sents[0]) < 25 {
			n = 2
		}
		n = min(n, len(sents)-i)
		paras = append(paras, append([]string(nil), sents[i:i+n]...))
		i += n
	}
	return paras
}

// abbreviations that end in a period without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "st": true, "lt": true, "col": true, "maj": true, "capt": true, "sgt": true,
	"prof": true, "jr": true, "sr": true, "no": true, "vs": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"u.s": true, "u.n": true, "u.k": true, "a.m": true, "p.m": true, "e.g": true, "i.e": true,
	"mt": true, "ft": true, "rev": true, "adm": true, "cmdr": true, "pres": true,
}

// splitSentences splits a paragraph at a period, question or exclamation
// mark (maybe followed by a closing quote) that is followed by a space and
// an upper-case letter or an opening quote, except after an abbreviation
// or a single letter.
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(p) && (p[j] == '"' || p[j] == '\'' || p[j] == ')') {
			j++
		}
		if strings.HasPrefix(p[j:], "”") || strings.HasPrefix(p[j:], "’") {
			j += len("”")
		}
		if j >= len(p) || p[j] != ' ' {
			continue
		}
		k := j + 1
		if k >= len(p) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p[k:])
		if !unicode.IsUpper(r) && r != '"' && r != '“' && r != '\'' && !unicode.IsDigit(r) {
			continue
		}
		if c == '.' {
			w := lastWord(p[start:i])
			if abbreviations[strings.ToLower(w)] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])) {
				continue
			}
		}
		out = append(out, strings.TrimSpace(p[start:j]))
		start = k
		i = j
	}
	if rest := strings.TrimSpace(p[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func lastWord(s string) string {
	i := strings.LastIndexAny(s, " (\"“")
	return s[i+1:]
}

// titleFromSentence makes a headline from a lede sentence: up to its first
// comma or 12 words, without the final period.
func titleFromSentence(s string) string {
	if i := strings.Index(s, ", "); i > 20 {
		s = s[:i]
	}
	w := strings.Fields(s)
	if len(w) > 12 {
		w = w[:12]
		for len(w) > 6 && titleStops[strings.ToLower(strings.Trim(w[len(w)-1], ".,;:"))] {
			w = w[:len(w)-1]
		}
	}
	return strings.TrimRight(strings.Join(w, " "), ".,;:")
}

// titleStops are words a headline cut short does not end with.
var titleStops = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true, "to": true,
	"for": true, "and": true, "or": true, "but": true, "with": true, "by": true, "from": true,
	"its": true, "his": true, "her": true, "their": true, "that": true, "which": true, "who": true,
	"as": true, "is": true, "was": true, "were": true, "are": true, "be": true, "has": true,
	"have": true, "had": true, "will": true, "would": true, "after": true, "before": true,
	"into": true, "than": true, "this": true, "said": true, "says": true,
}

// parseDay reads "2006-01-02" or an RFC 3339 stamp as a day.
func parseDay(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	return t, err == nil
}

// words are \w+ tokens: runs of letters, digits and underscores.
func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }

// tokens returns the lowercased \w+ tokens of s.
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// wordCount counts the \w+ tokens of s.
func wordCount(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

func parasWords(paras [][]string) int {
	n := 0
	for _, p := range paras {
		for _, s := range p {
			n += wordCount(s)
		}
	}
	return n
}

// rngFor returns a generator seeded by seed and name, so that what it
// decides for one article does not depend on the others.
func rngFor(seed int64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
}

// Natural overlap: articles that already share text are not used together.
// Inside one ECB+ topic (articles about one event, which often quote the
// same people) a pair is too close when 10% of one's 5-grams are in the
// other or they share a run of 25 words; elsewhere at 5% or a run of 15.
const (
	sameTopicContainment = 0.10
	sameTopicRun         = 25
	otherContainment     = 0.05
	otherRun             = 15
)

// dropNaturalOverlap returns the sources that do not share text with an
// earlier kept one (in id order), so that no two of them are copies or
// versions of each other (ECB+ wire copies, Gigaword re-sends).
func dropNaturalOverlap(srcs []*source) []*source {
	type info struct {
		seq   []uint64 // the hash of the 5-gram at each position
		grams []uint64 // distinct
	}
	infos := make([]info, len(srcs))
	index := map[uint64][]int{}
	for i, s := range srcs {
		seq := gramSeq(tokens(s.text()), 5)
		seen := make(map[uint64]bool, len(seq))
		var grams []uint64
		for _, h := range seq {
			if !seen[h] {
				seen[h] = true
				grams = append(grams, h)
			}
		}
		infos[i] = info{seq: seq, grams: grams}
	}
	var kept []*source
	shared := make([]int, len(srcs))
	var touched []int
	for i, s := range srcs {
		if len(infos[i].grams) == 0 {
			continue
		}
		touched = touched[:0]
		for _, h := range infos[i].grams {
			for _, j := range index[h] {
				if shared[j] == 0 {
					touched = append(touched, j)
				}
				shared[j]++
			}
		}
		ok := true
		for _, j := range touched {
			n := shared[j]
			shared[j] = 0
			if !ok {
				continue
			}
			o := srcs[j]
			cMax, runMax := otherContainment, otherRun
			if s.corpus == corpusECB && s.topic == o.topic {
				cMax, runMax = sameTopicContainment, sameTopicRun
			}
			c := max(float64(n)/float64(len(infos[i].grams)), float64(n)/float64(len(infos[j].grams)))
			if c >= cMax || (n+4 >= runMax && longestRun(infos[i].seq, infos[j].grams) >= runMax) {
				ok = false
			}
		}
		if ok {
			kept = append(kept, s)
			for _, h := range infos[i].grams {
				index[h] = append(index[h], i)
			}
		}
	}
	return kept
}

// longestRun is the length in words of the longest run of text covered by
// 5-grams (seq, the gram at each position) that are among grams.
func longestRun(seq []uint64, grams []uint64) int {
	set := make(map[uint64]bool, len(grams))
	for _, h := range grams {
		set[h] = true
	}
	best, end := 0, -1 // end: the last word covered by the current run
	start := 0
	for i, h := range seq {
		if !set[h] {
			continue
		}
		if i > end {
			start = i
		}
		end = i + 4
		best = max(best, end-start+1)
	}
	return best
}

func tokenHash(t string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(t))
	return h.Sum64()
}

// gramSeq returns the hash of the n-gram of toks at each position.
func gramSeq(toks []string, n int) []uint64 {
	if len(toks) < n {
		return nil
	}
	th := make([]uint64, len(toks))
	for i, t := range toks {
		th[i] = tokenHash(t)
	}
	out := make([]uint64, 0, len(toks)-n+1)
	for i := 0; i+n <= len(th); i++ {
		var h uint64 = 1469598103934665603
		for _, x := range th[i : i+n] {
			h = (h ^ x) * 1099511628211
			h ^= h >> 29
		}
		out = append(out, h)
	}
	return out
}

// gramHashes returns the distinct hashes of the word n-grams of s, in order
// of first occurrence.
func gramHashes(s string, n int) []uint64 {
	seq := gramSeq(tokens(s), n)
	seen := make(map[uint64]bool, len(seq))
	out := seq[:0:0]
	for _, h := range seq {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
