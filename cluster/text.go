package cluster

import (
	"strings"
	"unicode"
)

// stopWords are dropped before stemming: English function words, and the
// parts of URLs that some article texts start with.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all am an and any are aren't as at
be because been before being below between both but by can cannot could couldn't did didn't do does
doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he
he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into
is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or
other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some
such than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those through to too under until up very was wasn't we we'd we'll we're we've
were weren't what what's when when's where where's which while who who's whom why why's with won't
would wouldn't you you'd you'll you're you've your yours yourself yourselves also just s t d ll m re ve
said says say told will may might can could one two new like get got would us mr mrs ms
don didn doesn isn wasn aren weren hasn haven couldn wouldn shouldn won
http https www com html htm php asp aspx org net co uk news article index story`) {
		m[w] = true
	}
	return m
}()

// Terms returns the stemmed content words of s: lowercased \w+ tokens
// (letters and digits; a point or comma between digits stays in the
// number) without stop words and one-character tokens, each stemmed with
// Stem, in text order. Numbers are kept: "23 pirates" and "26 pirates"
// tell two events of one kind apart.
func Terms(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		w := strings.ToLower(s[start:end])
		start = -1
		if len(w) < 2 || stopWords[w] {
			return
		}
		digits := true
		for _, r := range w {
			if !unicode.IsDigit(r) {
				digits = false
				break
			}
		}
		if digits && len(w) < 2 {
			return
		}
		out = append(out, Stem(w))
	}
	for i, r := range s {
		// a point or comma between digits stays in the number: 5.6, 30,000
		if (r == '.' || r == ',') && start >= 0 && i > 0 && s[i-1] >= '0' && s[i-1] <= '9' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			continue
		}
		if r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(i)
		}
	}
	if start >= 0 {
		flush(len(s))
	}
	return out
}
