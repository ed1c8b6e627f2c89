package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// Realistic body paragraphs from made-up reports of other outlets, used to
// surround the lines under test.
var (
	bodyQuake = []string{
		"Rescue teams in southern Turkey pulled two more survivors from the rubble of a collapsed apartment block on Wednesday, more than 100 hours after the earthquake struck the region before dawn.",
		"The Disaster and Emergency Management Authority said the death toll had risen above 12,000 in Turkey alone, while officials in neighbouring Syria reported more than 2,500 deaths in areas held by the government and by rebels.",
		"Aid agencies warned that freezing temperatures were hampering the search and putting hundreds of thousands of people who had lost their homes at risk, with many sleeping in cars or in tents set up in parks.",
		"President Recep Tayyip Erdogan, who faces an election in May, acknowledged shortcomings in the initial response but said the scale of the disaster was without precedent in the country's modern history.",
	}
	bodyVote = []string{
		"Kenya's electoral commission began tallying results from more than 46,000 polling stations on Wednesday, a day after a largely peaceful vote that saw turnout fall to about 65 percent of registered voters.",
		"The two leading candidates, Deputy President William Ruto and former Prime Minister Raila Odinga, both urged their supporters to remain calm and wait for the official count, which could take up to a week.",
		"International observers from the African Union and the European Union praised the conduct of the vote but noted delays in some constituencies where electronic voter identification kits failed.",
	}
	bodyFR = []string{
		"Les dirigeants européens se sont réunis jeudi à Bruxelles pour tenter de trouver un accord sur le budget de l'Union, après des semaines de négociations difficiles entre les États membres.",
		"La présidente de la Commission a appelé les pays à faire preuve de solidarité, alors que plusieurs gouvernements réclament une réduction de leur contribution au budget commun.",
		"Selon plusieurs diplomates, un compromis pourrait être trouvé dans la nuit, mais les discussions restent bloquées sur la question des fonds destinés à l'agriculture et à la cohésion.",
	}
)

func joinParas(parts ...string) string { return strings.Join(parts, "\n\n") }

func removalList(rs []storyline.Removal) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Reason+": "+r.Text)
	}
	return out
}

func hasRemoval(c Cleaned, reason, text string) bool {
	return slices.Contains(c.Removed, storyline.Removal{Reason: reason, Text: text})
}

// TestLineRules checks every position-independent rule on lines of other
// outlets, and lines that look alike but are content.
func TestLineRules(t *testing.T) {
	tests := []struct {
		line, reason string
	}{
		// bare URLs
		{"https://www.reuters.com/world/middle-east/blinken-egypt-2024-02-06/", storyline.ReasonURL},
		{"www.aljazeera.com/news/2024/2/6/blinken-in-cairo", storyline.ReasonURL},
		{"<https://cdn.example.org/images/2024/quake.jpg>", storyline.ReasonURL},
		{"See https://example.org for the full list of candidates.", ""},
		// reading time
		{"5 min read", storyline.ReasonReadingTime},
		{"Reading time: 3 minutes", storyline.ReasonReadingTime},
		{"3-minute read", storyline.ReasonReadingTime},
		{"⏱ 4 min read", storyline.ReasonReadingTime},
		{"Est. reading time: 6 mins", storyline.ReasonReadingTime},
		{"Lesezeit: 4 Minuten", storyline.ReasonReadingTime},
		{"Temps de lecture : 3 min", storyline.ReasonReadingTime},
		{"5 minutes", ""},
		{"5 minutes later, the sirens sounded again.", ""},
		// rating prompts
		{"How would you rate this article?", storyline.ReasonRatingPrompt},
		{"Was this article helpful?", storyline.ReasonRatingPrompt},
		{"Did you find this story useful? Yes No", storyline.ReasonRatingPrompt},
		{"Click on a star to rate it!", storyline.ReasonRatingPrompt},
		{"Average rating 4.2 / 5. Vote count: 37", storyline.ReasonRatingPrompt},
		{"Rate this post", storyline.ReasonRatingPrompt},
		{"How would you rate the government's response, he asked the crowd.", ""},
		// read next
		{"What to read next...", storyline.ReasonReadNext},
		{"Read more", storyline.ReasonReadNext},
		{"Related Articles", storyline.ReasonReadNext},
		{"READ MORE: Kenya's Ruto declared winner of presidential election", storyline.ReasonReadNext},
		{"Also read | Egypt warns Israel over Rafah offensive", storyline.ReasonReadNext},
		{"You may also like", storyline.ReasonReadNext},
		{"Lire aussi : Les Vingt-Sept divisés sur le budget", storyline.ReasonReadNext},
		{"Read more about the ceasefire proposal in our explainer.", ""},
		{"Related talks are expected in Doha next week.", ""},
		// image credits
		{"Image recovered from aljazeera.net", storyline.ReasonImageCredit},
		{"Photo: Reuters", storyline.ReasonImageCredit},
		{"(AP Photo/Jacquelyn Martin)", storyline.ReasonImageCredit},
		{"Image credit: Getty Images", storyline.ReasonImageCredit},
		{"Getty Images", storyline.ReasonImageCredit},
		{"AFP via Getty Images", storyline.ReasonImageCredit},
		{"Photo by Evelyn Hockstein/Reuters", storyline.ReasonImageCredit},
		{"Amr Nabil/AP", storyline.ReasonImageCredit},
		{"Credit: Saul Loeb/AFP", storyline.ReasonImageCredit},
		{"Rescuers search the rubble in Kahramanmaras, Turkey, on Feb. 8, 2023. (AP Photo/Khalil Hamra)", storyline.ReasonImageCredit},
		{"Photos taken by residents show the damage.", ""},
		{"Photographers were barred from the courtroom.", ""},
		{"ACCEPTING HIV/AIDS AS A REALITY OF LIFE", ""},
		{"Devindra Hardawar/AOL", storyline.ReasonImageCredit},
		// categories and tags
		{"• Post category:Business", storyline.ReasonCategory},
		{"Category: Politics", storyline.ReasonCategory},
		{"Tags: Kenya, elections, William Ruto", storyline.ReasonCategory},
		{"Filed under: Middle East", storyline.ReasonCategory},
		{"Filed under World News", storyline.ReasonCategory},
		{"Posted in Africa", storyline.ReasonCategory},
		{"#Turkey #Earthquake #Syria", storyline.ReasonCategory},
		{"Kategorie: Politik", storyline.ReasonCategory},
		{"Tags are attached to every package, officials said.", ""},
		{"Posted in Nairobi for three years, she knew the city well.", ""},
		// social prompts
		{"Share this article", storyline.ReasonSocial},
		{"Follow us on Twitter", storyline.ReasonSocial},
		{"Subscribe to our newsletter", storyline.ReasonSocial},
		{"Advertisement", storyline.ReasonSocial},
		{"ADVERTISEMENT", storyline.ReasonSocial},
		{"Sign up for The Morning newsletter from the Times", storyline.ReasonSocial},
		{"Facebook Twitter WhatsApp Email", storyline.ReasonSocial},
		{"Story continues below advertisement", storyline.ReasonSocial},
		{"Click to share on Facebook (Opens in new window)", storyline.ReasonSocial},
		{"Share prices in Nairobi fell 3 percent on Monday.", ""},
		{"Follow the money, investigators said.", ""},
		// bylines
		{"by Reuters Staff", storyline.ReasonByline},
		{"By Jane Doe and John Roe, Associated Press", storyline.ReasonByline},
		{"By ABDI LATIF DAHIR", storyline.ReasonByline},
		{"By sportswriters Wang Jimin and Xiao Chunfei", storyline.ReasonByline},
		{"Written by María González", storyline.ReasonByline},
		{"Author: Ahmed el-Sayed", storyline.ReasonByline},
		{"Par Jean Dupont et Marie Martin", storyline.ReasonByline},
		{"By Tuesday, the talks had stalled.", ""},
		{"By the end of the day, rescuers had found 40 people alive.", ""},
		// credits
		{"This article originally appeared in The Washington Post.", storyline.ReasonCredit},
		{"This story was first published by ProPublica.", storyline.ReasonCredit},
		{"Originally published on The Conversation.", storyline.ReasonCredit},
		{"This article is republished from The Conversation under a Creative Commons license. Read the original article.", storyline.ReasonCredit},
		{"Material from the Associated Press was used in this report.", storyline.ReasonCredit},
		{"Information from Reuters was used in this report.", storyline.ReasonCredit},
		{"Reporting by Humeyra Pamuk; Editing by Alex Richardson", storyline.ReasonCredit},
		{"Reporting by Duncan Miriri in Nairobi; Writing by George Obulutsa; Editing by Frances Kerry", storyline.ReasonCredit},
		{"(Additional reporting by Nidal al-Mughrabi in Cairo)", storyline.ReasonCredit},
		{"The Associated Press contributed to this report.", storyline.ReasonCredit},
		{"Safak Timur contributed reporting from Istanbul.", storyline.ReasonCredit},
		{"© 2024 The Associated Press. All rights reserved.", storyline.ReasonCredit},
		{"— Associated Press", storyline.ReasonCredit},
		{"The report was published in The Lancet on Monday.", ""},
		{"Reporting by the state news agency suggested that talks had stalled.", ""},
		{"Copyright law in Kenya was amended in 2020.", ""},
		{"Officials contributed to this report's findings, the ministry said.", ""},
		// date lines with a label
		{"Published June 11, 2024 - 00:06am", storyline.ReasonDateLine},
		{"Updated: Feb. 6, 2024 8:15 a.m. ET", storyline.ReasonDateLine},
		{"Posted on 2023-02-08", storyline.ReasonDateLine},
		{"Last updated on 9 February 2023 at 14:02 GMT", storyline.ReasonDateLine},
		{"In 2023, the quake killed more than 50,000 people.", ""},
		{"POSTED: 04/02/07, 9:00 PM PDT |", storyline.ReasonDateLine},
		{"UPDATED 05/03/2013 at 11:00 AM EDT", storyline.ReasonDateLine},
		{"Posted 3 hours ago", ""},
		{"Article posted on 08.07.2012", storyline.ReasonDateLine},
		{"Last updated at 11:11 GMT", storyline.ReasonDateLine},
		{"Updated at 10:30", storyline.ReasonDateLine},
		// header lines made of parts
		{"By Jane Doe | Feb. 5, 2024 | 4 min read", storyline.ReasonByline},
		{"Politics · 3 min read", storyline.ReasonReadingTime + "?"}, // "Politics" alone is not residue
		// content
		{"Egypt", ""},
		{bodyQuake[0], ""},
	}
	ctx := &textCtx{langs: []string{}}
	for _, tt := range tests {
		want := strings.TrimSuffix(tt.reason, "?")
		if strings.HasSuffix(tt.reason, "?") {
			want = ""
		}
		got, _, _ := classifyLine(tt.line, wordCount(tt.line), ctx)
		if got != want {
			t.Errorf("classifyLine(%q) = %q, want %q", tt.line, got, want)
		}
	}
}

// TestLineInfo checks what bylines, credits and date lines tell.
func TestLineInfo(t *testing.T) {
	tests := []struct {
		line                      string
		byline, source, published string
		updated, credit           bool
	}{
		{line: "by NYTimes", byline: "NYTimes"},
		{line: "By Jane Doe and John Roe, Associated Press", byline: "Jane Doe and John Roe, Associated Press", source: "Associated Press"},
		{line: "By Jane Doe | Feb. 5, 2024", byline: "Jane Doe", published: "2024-02-05"},
		{line: "This article originally appeared in The Washington Post.", source: "The Washington Post", credit: true},
		{line: "This story was first published by ProPublica on Feb. 3, 2024.", source: "ProPublica", credit: true},
		{line: "This article is republished from The Conversation under a Creative Commons license.", source: "The Conversation", credit: true},
		{line: "Material from the Associated Press was used in this report.", credit: true},
		{line: "Published June 11, 2024 - 00:06am", published: "2024-06-11T00:06:00"},
		{line: "Updated: Feb. 6, 2024 8:15 a.m. ET", published: "2024-02-06T08:15:00", updated: true},
	}
	ctx := &textCtx{langs: []string{}}
	for _, tt := range tests {
		_, in, _ := classifyLine(tt.line, wordCount(tt.line), ctx)
		if in.byline != tt.byline || in.source != tt.source || in.published != tt.published || in.updated != tt.updated || in.credit != tt.credit {
			t.Errorf("classifyLine(%q) info = %+v", tt.line, in)
		}
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		name, in, title string
		removed         []string
	}{
		{"headline without final stop", joinParas("Rescuers race against the cold in quake-hit Turkey", bodyQuake[0], bodyQuake[1]),
			"Rescuers race against the cold in quake-hit Turkey", []string{"title: Rescuers race against the cold in quake-hit Turkey"}},
		{"headline with stop, printed twice", joinParas("Kenya counts votes after a calm election.", "Kenya counts votes after a calm election.", bodyVote[0], bodyVote[1]),
			"Kenya counts votes after a calm election.", []string{"title: Kenya counts votes after a calm election.", "title-repeat: Kenya counts votes after a calm election."}},
		{"short sentence with stop is the lede", joinParas("Kenya counts votes after a calm election.", bodyVote[0], bodyVote[1]), "", nil},
		{"long first sentence is the lede", joinParas(bodyQuake...), "", nil},
		{"section kicker above the headline", joinParas("Africa", "Kenya counts votes after a calm election", bodyVote[0]),
			"Kenya counts votes after a calm election", []string{"category: Africa", "title: Kenya counts votes after a calm election"}},
		{"not alone in its block", "Kenya counts votes after a calm election\n" + bodyVote[0] + "\n\n" + bodyVote[1], "", nil},
		{"nothing after it", "Kenya counts votes after a calm election", "", nil},
		{"lower-case start", joinParas("kenya counts votes", bodyVote[0]), "", nil},
		{"byline under the headline", joinParas("Kenya counts votes after a calm election", "By Abdi Latif Dahir", bodyVote[0]),
			"Kenya counts votes after a calm election", []string{"title: Kenya counts votes after a calm election", "byline: By Abdi Latif Dahir"}},
		{"question headline", joinParas("Will Kenya's vote count hold?", bodyVote[0], bodyVote[1]), "", nil},
		{"sentence cut by a blank line", joinParas("Former chancellor Gerhard Schroeder resigned from parliament, one day after he", "transferred power to his successor.", bodyVote[0]), "", nil},
		{"two-word kicker only", joinParas("Death for Orozco", "POSTED: 04/02/07, 9:00 PM PDT |", bodyVote[0], bodyVote[1]),
			"Death for Orozco", []string{"title: Death for Orozco", "date-line: POSTED: 04/02/07, 9:00 PM PDT |"}},
	}
	for _, tt := range tests {
		c := PlainText(tt.in)
		if c.Title != tt.title || !slices.Equal(removalList(c.Removed), tt.removed) {
			t.Errorf("%s: title %q, removed %q; want %q, %q", tt.name, c.Title, removalList(c.Removed), tt.title, tt.removed)
		}
	}
}

// TestTitleDek: a standfirst after the title is content.
func TestTitleDek(t *testing.T) {
	dek := "Rescuers are racing against freezing temperatures as hopes fade of finding more survivors in the rubble."
	c := PlainText(joinParas("Turkey's race against the cold", dek, bodyQuake[0]))
	if !strings.HasPrefix(c.Text, dek+"\n\n") {
		t.Errorf("dek lost: %q", c.Text)
	}
}

func TestHeaderLabels(t *testing.T) {
	in := joinParas("Kenya counts votes after a calm election",
		"4 min read\nAfrica\nhttps://cdn.example.org/2022/08/kenya-vote.jpg",
		"Photo: Reuters",
		bodyVote[0], bodyVote[1], bodyVote[2])
	c := PlainText(in)
	if !hasRemoval(c, storyline.ReasonCategory, "Africa") {
		t.Errorf("label among residue kept: %q", removalList(c.Removed))
	}
	if !strings.HasPrefix(c.Text, bodyVote[0]) {
		t.Errorf("text starts %q", c.Text[:40])
	}
	// A label next to the title and real paragraphs is left alone.
	c = PlainText(joinParas("Kenya counts votes after a calm election", "Nairobi", bodyVote[0], bodyVote[1]))
	if !strings.HasPrefix(c.Text, "Nairobi\n\n") {
		t.Errorf("lone label between title and body removed: %q", removalList(c.Removed))
	}
	// A short line between body paragraphs (a subheading) stays.
	c = PlainText(joinParas(bodyVote[0], bodyVote[1], "Observers", "Advertisement", bodyVote[2]))
	if !strings.Contains(c.Text, "\n\nObservers\n\n") {
		t.Errorf("subheading in the body removed: %q", removalList(c.Removed))
	}
}

func TestDatePrefix(t *testing.T) {
	tests := []struct {
		name, in, prefix, published, text string
	}{
		{"label and ISO date", joinParas("date 2023-02-08 Rescue teams pulled two more survivors from the rubble on Wednesday.", bodyQuake[1]),
			"date 2023-02-08", "2023-02-08", "Rescue teams pulled"},
		{"published label and prose date", joinParas("Published: Feb. 8, 2023 — ISTANBUL (Reuters) - Rescue teams pulled two more survivors from the rubble.", bodyQuake[1]),
			"Published: Feb. 8, 2023", "2023-02-08", "ISTANBUL (Reuters) - Rescue"},
		{"bare ISO date on the first line", joinParas("2022-08-10 Kenya's electoral commission began tallying results on Wednesday.", bodyVote[1]),
			"2022-08-10", "2022-08-10", "Kenya's electoral"},
		{"date in a sentence stays", joinParas("June 11, 2024 was the hottest day on record in the city, officials said on Thursday.", bodyVote[1]),
			"", "", "June 11, 2024 was"},
	}
	for _, tt := range tests {
		c := PlainText(tt.in)
		if tt.prefix != "" && !hasRemoval(c, storyline.ReasonDateLine, tt.prefix) {
			t.Errorf("%s: removed %q", tt.name, removalList(c.Removed))
		}
		if c.Published != tt.published || !strings.HasPrefix(c.Text, tt.text) {
			t.Errorf("%s: published %q, text %q", tt.name, c.Published, c.Text[:min(40, len(c.Text))])
		}
	}
}

func TestDateLines(t *testing.T) {
	// An "Updated" line does not win over a "Published" one.
	c := PlainText(joinParas("Kenya counts votes after a calm election", "Updated: Aug. 11, 2022 9:00 a.m. EAT",
		"Published August 10, 2022", bodyVote[0], bodyVote[1]))
	if c.Published != "2022-08-10" {
		t.Errorf("published %q, removed %q", c.Published, removalList(c.Removed))
	}
	// A bare date is a date line in the header ...
	c = PlainText(joinParas("Kenya counts votes after a calm election", "August 10, 2022", bodyVote[0], bodyVote[1]))
	if c.Published != "2022-08-10" || !hasRemoval(c, storyline.ReasonDateLine, "August 10, 2022") {
		t.Errorf("header date: %q, %q", c.Published, removalList(c.Removed))
	}
	// ... but content inside the body (a timeline entry).
	c = PlainText(joinParas(bodyVote[0], bodyVote[1], "August 9, 2022", bodyVote[2]))
	if c.Published != "" || len(c.Removed) != 0 {
		t.Errorf("body date: %q, %q", c.Published, removalList(c.Removed))
	}
	// A date line in French, parsed by the library for a French article.
	c = PlainText(joinParas("Budget européen : les Vingt-Sept toujours divisés", "Publié le 5 février 2024 à 10h30", bodyFR[0], bodyFR[1], bodyFR[2]))
	if c.Lang != "fr" || c.Published != "2024-02-05T10:30:00" {
		t.Errorf("French: lang %q, published %q, removed %q", c.Lang, c.Published, removalList(c.Removed))
	}
}

func TestDateline(t *testing.T) {
	tests := []struct {
		lede, place, source string
	}{
		{"WASHINGTON, Feb. 5 — The State Department said on Monday that the secretary would travel to the region.", "WASHINGTON", ""},
		{"GAZA CITY, Gaza Strip (AP) — Israeli strikes hit the southern city of Rafah overnight, health officials said.", "GAZA CITY, Gaza Strip", "AP"},
		{"NAIROBI, Kenya — Kenya's electoral commission began tallying results from polling stations on Wednesday.", "NAIROBI, Kenya", ""},
		{"Istanbul (AFP) - Rescue teams pulled two more survivors from the rubble on Wednesday, officials said.", "Istanbul", "AFP"},
		{"ANKARA, Feb 8 (Reuters) - Turkey's death toll rose above 12,000 on Wednesday, officials said.", "ANKARA", "Reuters"},
		{"(Reuters) - Kenya's electoral commission began tallying results on Wednesday, officials said.", "", "Reuters"},
		{"SÃO PAULO — Brazil's central bank held interest rates steady on Wednesday, as expected.", "SÃO PAULO", ""},
		{"NATO allies met in Brussels on Monday to discuss support for Ukraine.", "", ""},
		{"Blinken — who arrived on Monday — met the emir in Doha.", "", ""},
		{"US-led coalition and Afghan troops killed four militants in separate raids, the military said.", "", ""},
	}
	for _, tt := range tests {
		c := PlainText(joinParas(tt.lede, bodyVote[1]))
		if c.Dateline != tt.place || c.Source != tt.source {
			t.Errorf("%q: dateline %q, source %q", tt.lede, c.Dateline, c.Source)
		}
		if !strings.HasPrefix(c.Text, tt.lede) {
			t.Errorf("%q: lede changed to %q", tt.lede, c.Text[:40])
		}
	}
}

func TestSourcePriority(t *testing.T) {
	// The publisher named by "originally appeared" wins over the wire.
	c := PlainText(joinParas("CAIRO (Reuters) - "+bodyVote[0], bodyVote[1], "This article originally appeared in The Globe and Mail."))
	if c.Source != "The Globe and Mail" || c.Dateline != "CAIRO" {
		t.Errorf("source %q, dateline %q", c.Source, c.Dateline)
	}
	if !slices.Equal(c.Credits, []string{"This article originally appeared in The Globe and Mail."}) {
		t.Errorf("credits %q", c.Credits)
	}
}

func TestRepeatedBlocks(t *testing.T) {
	// A run of paragraphs printed twice: the second copy goes, including
	// a short line inside the run and with different quotes and spacing.
	quote := "“No.”"
	p2 := strings.ReplaceAll(bodyQuake[2], "the ", "the  ")
	in := joinParas(bodyQuake[0], bodyQuake[1], quote, bodyQuake[2], bodyQuake[3],
		bodyQuake[1], quote, p2)
	c := PlainText(in)
	want := joinParas(bodyQuake[0], bodyQuake[1], quote, bodyQuake[2], bodyQuake[3])
	if c.Text != want {
		t.Errorf("text:\n%s\nremoved %q", c.Text, removalList(c.Removed))
	}
	n := 0
	for _, r := range c.Removed {
		if r.Reason == storyline.ReasonRepeatedBlock {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d repeats removed, want 3: %q", n, removalList(c.Removed))
	}
	// A short line that recurs on its own stays.
	in = joinParas(bodyVote[0], quote, bodyVote[1], quote, bodyVote[2])
	if c := PlainText(in); c.Text != in {
		t.Errorf("short repeat removed: %q", removalList(c.Removed))
	}
}

func TestTrailing(t *testing.T) {
	tests := []struct {
		name, in string
		trailing []string
	}{
		{"references then residue", joinParas(bodyQuake[0], bodyQuake[1], "References", "https://www.afad.gov.tr/", "Share this article"), []string{"References"}},
		{"comments count", joinParas(bodyQuake[0], bodyQuake[1], "Comments (3)"), []string{"Comments (3)"}},
		{"tags heading and labels", joinParas(bodyQuake[0], bodyQuake[1], "Tags", "Turkey", "Earthquake"), []string{"Tags", "Turkey", "Earthquake"}},
		{"sentence at the end stays", joinParas(bodyQuake[0], bodyQuake[1], "Sources said the search would go on."), nil},
		{"heading before text stays", joinParas(bodyQuake[0], "Sources", bodyQuake[1]), nil},
		{"a lone heading is the text", "References", nil},
		{"a fixture list stays", joinParas(bodyQuake[0], "Fixtures", "Valencia v Real Mallorca (2000)", "Getafe v Espanyol (1900)"), nil},
		{"a closing short line stays", joinParas(bodyQuake[0], bodyQuake[1], "Titans win by four wickets"), nil},
	}
	for _, tt := range tests {
		c := PlainText(tt.in)
		var got []string
		for _, r := range c.Removed {
			if r.Reason == storyline.ReasonTrailing {
				got = append(got, r.Text)
			}
		}
		if !slices.Equal(got, tt.trailing) {
			t.Errorf("%s: trailing %q, removed %q", tt.name, got, removalList(c.Removed))
		}
	}
}

func TestParagraphs(t *testing.T) {
	// CRLF, BOM, indentation, trailing blanks.
	c := PlainText("\ufeff  " + bodyVote[0] + "  \r\n\r\n\t" + bodyVote[1] + "\r\n\r\n\r\n")
	if c.Text != joinParas(bodyVote[0], bodyVote[1]) {
		t.Errorf("CRLF/BOM: %q", c.Text)
	}
	// No blank line at all: one paragraph per line.
	c = PlainText(strings.Join(bodyQuake, "\n"))
	if c.Text != joinParas(bodyQuake...) {
		t.Errorf("line mode: %q", c.Text)
	}
	// A hard-wrapped block stays one paragraph with its line breaks.
	wrapped := "Rescue teams pulled two more survivors\nfrom the rubble on Wednesday, officials said."
	c = PlainText(joinParas(bodyQuake[0], wrapped))
	if c.Text != joinParas(bodyQuake[0], wrapped) {
		t.Errorf("wrapped: %q", c.Text)
	}
	// Residue inside a block splits it; the wording is kept.
	c = PlainText(bodyQuake[0] + "\nAdvertisement\n" + bodyQuake[1] + "\n\n" + bodyQuake[2])
	if c.Text != joinParas(bodyQuake[0], bodyQuake[1], bodyQuake[2]) {
		t.Errorf("split block: %q", c.Text)
	}
	if c := PlainText(" \n\r\n "); c.Text != "" || len(c.Removed) != 0 {
		t.Errorf("blank input: %+v", c)
	}
}

func TestLang(t *testing.T) {
	if c := PlainText(joinParas(bodyQuake...)); c.Lang != "en" {
		t.Errorf("English: %q", c.Lang)
	}
	if c := PlainText(joinParas(bodyFR...)); c.Lang != "fr" {
		t.Errorf("French: %q", c.Lang)
	}
	if c := PlainText("Kenya votes"); c.Lang != "" {
		t.Errorf("too short to tell: %q", c.Lang)
	}
}

// TestNoResidueLeft runs a made-up scrape full of residue through the
// cleaner and checks that only the article is left.
func TestNoResidueLeft(t *testing.T) {
	in := joinParas(
		"Advertisement",
		"Kenya counts votes after a calm election",
		"By Abdi Latif Dahir | Aug. 10, 2022",
		"5 min read\nAfrica\nhttps://static.example.com/kenya.jpg",
		"Image credit: Getty Images",
		"NAIROBI, Kenya — "+bodyVote[0],
		"Share this article",
		bodyVote[1],
		"READ MORE: Who is William Ruto?",
		bodyVote[2],
		"Reporting by Duncan Miriri; Editing by Frances Kerry",
		"Tags: Kenya, elections",
		"Related",
		"Was this article helpful?",
	)
	c := PlainText(in)
	want := joinParas("NAIROBI, Kenya — "+bodyVote[0], bodyVote[1], bodyVote[2])
	if c.Text != want {
		t.Errorf("text:\n%s\nremoved %q", c.Text, removalList(c.Removed))
	}
	if c.Title != "Kenya counts votes after a calm election" || c.Byline != "Abdi Latif Dahir" ||
		c.Published != "2022-08-10" || c.Dateline != "NAIROBI, Kenya" || c.Lang != "en" {
		t.Errorf("got %+v", c)
	}
}

// TestDatePrefixTime: a time with "a.m." after the date is part of the
// prefix; a number that goes on is not a year.
func TestDatePrefixTime(t *testing.T) {
	c := PlainText(joinParas("Published Feb. 8, 2023 10:32 a.m. ISTANBUL (Reuters) - "+bodyQuake[0], bodyQuake[1]))
	if c.Published != "2023-02-08T10:32:00" || !strings.HasPrefix(c.Text, "ISTANBUL (Reuters) - ") {
		t.Errorf("published %q, text %.40q, removed %q", c.Published, c.Text, removalList(c.Removed))
	}
	c = PlainText(joinParas("Published Jun. 1 2000000 units were sold in the first month, the company said on Monday.", bodyQuake[1]))
	if c.Published != "" || len(c.Removed) != 0 {
		t.Errorf("published %q, removed %q", c.Published, removalList(c.Removed))
	}
}

// TestTeasers: headlines listed under a read-next heading after the body.
func TestTeasers(t *testing.T) {
	in := joinParas(bodyVote[0], bodyVote[1], "Related Articles",
		"Ruto sworn in as Kenya's fifth president before thousands in Nairobi",
		"Odinga challenges election result at the Supreme Court",
		"Advertisement")
	c := PlainText(in)
	if c.Text != joinParas(bodyVote[0], bodyVote[1]) {
		t.Errorf("text %q, removed %q", c.Text, removalList(c.Removed))
	}
	if !hasRemoval(c, storyline.ReasonReadNext, "Odinga challenges election result at the Supreme Court") {
		t.Errorf("removed %q", removalList(c.Removed))
	}
	// A sentence after the heading ends the list, and the heading only
	// counts after the body.
	in = joinParas(bodyVote[0], "Related", "Kenya's court upholds the result", bodyVote[1], bodyVote[2])
	if c := PlainText(in); !strings.Contains(c.Text, "Kenya's court upholds the result") {
		t.Errorf("teaser rule fired inside the body: %q", removalList(c.Removed))
	}
}

// TestHeaderAfterRepeatedTitle: a long title printed twice is not body,
// so the date and label lines after it are still in the header.
func TestHeaderAfterRepeatedTitle(t *testing.T) {
	title := "Kenya counts votes after a calm and orderly election day across the country."
	c := PlainText(joinParas(title, title, "August 10, 2022", "Africa", "5 min read", bodyVote[0], bodyVote[1]))
	want := []string{"title: " + title, "title-repeat: " + title, "date-line: August 10, 2022", "category: Africa", "reading-time: 5 min read"}
	if !slices.Equal(removalList(c.Removed), want) || c.Published != "2022-08-10" {
		t.Errorf("removed %q, published %q", removalList(c.Removed), c.Published)
	}
}
