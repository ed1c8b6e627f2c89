package reuseset

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Invented outlets: a place and a newspaper word, written in one of three
// styles. Every item gets its own.
var (
	outletPlaces = []string{
		"Riverton", "Lakeside", "Ashford", "Brookfield", "Cedar Falls", "Clearwater", "Dunmore",
		"Eastbourne", "Fairhaven", "Glenwood", "Harborview", "Highland", "Kingsport", "Maple Ridge",
		"Millbrook", "Northgate", "Oakdale", "Pinecrest", "Port Ellis", "Redwood", "Rockford",
		"Saltmarsh", "Silver Lake", "Southport", "Springvale", "Stonebridge", "Summerville",
		"Thornbury", "Westfield", "Willow Creek", "Bayshore", "Blackwater", "Bridgeton", "Carrick",
		"Coldwater", "Crestview", "Deerfield", "Elmhurst", "Fox Hollow", "Granite City", "Greenbay",
		"Hartwell", "Ironwood", "Juniper", "Kestrel Bay", "Larkspur", "Marlow", "Newhaven",
		"Oakhurst", "Pembroke", "Quarry Hill", "Ravensworth", "Sandown", "Tidewater", "Upton",
		"Valemont", "Wexford", "Yarrow", "Alderney", "Beacon Hill", "Castlebar", "Driftwood",
		"Emberly", "Falmouth", "Gladstone", "Holloway", "Inverness", "Jasper", "Kilbride",
		"Lochview", "Midvale", "Norwood", "Orchard Park", "Prescott", "Queensbury", "Rosedale",
		"Sheffield Park", "Tamworth", "Umberland", "Vinton",
	}
	outletPapers = []string{
		"Herald", "Gazette", "Tribune", "Courier", "Post", "Times", "Chronicle", "Observer",
		"Daily News", "Journal", "Record", "Sentinel", "Standard", "Express", "Independent",
		"Examiner", "Dispatch", "Bulletin", "Mirror", "Star", "Telegraph", "Review", "Ledger",
		"Register", "Argus",
	}
)

// outletName renders outlet i of the len(places)×len(papers)×3 possible.
func outletName(i int) string {
	np, nq := len(outletPlaces), len(outletPapers)
	place := outletPlaces[i%np]
	paper := outletPapers[(i/np)%nq]
	switch (i / (np * nq)) % 3 {
	case 0:
		return "The " + place + " " + paper
	case 1:
		return domainOf(place+" "+paper) + ".com"
	default:
		return place + " " + paper + " Online"
	}
}

func outletCount() int { return len(outletPlaces) * len(outletPapers) * 3 }

// domainOf turns a name into a domain label: "The Riverton Herald" →
// "rivertonherald".
func domainOf(name string) string {
	name = strings.TrimPrefix(name, "The ")
	name = strings.TrimSuffix(name, " Online")
	name = strings.TrimSuffix(name, ".com")
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var (
	firstNames = []string{
		"Anna", "Ben", "Carla", "David", "Elena", "Frank", "Grace", "Hassan", "Irene", "James",
		"Karen", "Luis", "Maria", "Nikhil", "Olivia", "Peter", "Rosa", "Samuel", "Tara", "Victor",
		"Wendy", "Yusuf", "Zoe", "Martin", "Claire", "Daniel", "Fiona", "George", "Helen", "Ivan",
	}
	lastNames = []string{
		"Adams", "Baker", "Castillo", "Dunne", "Ellis", "Fischer", "Gupta", "Hartley", "Ibrahim",
		"Jensen", "Kowalski", "Lindqvist", "Morales", "Nakamura", "O'Brien", "Petrov", "Quinn",
		"Rahman", "Schneider", "Thompson", "Ueda", "Varga", "Whitfield", "Xu", "Young", "Zimmer",
		"Moreau", "Okafor", "Sato", "Delgado",
	}
	// Organisations named by quote attributions.
	quoteOrgs = []string{
		"the ministry", "the company", "the city council", "the police department", "the agency",
		"the organisation", "the regional government", "the prosecutor's office", "the union",
		"the federation",
	}
)

func randomName(rng *rand.Rand) string {
	return firstNames[rng.IntN(len(firstNames))] + " " + lastNames[rng.IntN(len(lastNames))]
}

// Headlines of "Related coverage" and "Most read" lists: invented, so
// that they never repeat the text of an item.
var headlineTemplates = []string{
	"%s council votes to raise parking fees downtown",
	"Storm knocks out power to thousands across %s",
	"Police seek witnesses after overnight crash near %s",
	"%s school board delays decision on new calendar",
	"Hospital in %s opens new emergency wing",
	"Local bakery in %s marks 50 years in business",
	"Water main break closes streets in central %s",
	"%s mayor unveils plan to tackle housing shortage",
	"Farmers near %s brace for a late frost",
	"Museum in %s reopens after two-year renovation",
	"%s residents oppose plans for new warehouse",
	"Bus drivers in %s vote to accept pay offer",
	"Wildfire near %s forces evacuation of campsites",
	"High school team from %s wins state title",
	"Bridge repairs in %s to last until the autumn",
	"New bike lanes divide opinion in %s",
	"%s library extends opening hours on weekends",
	"Two arrested after break-in at %s pharmacy",
	"Festival returns to %s after three-year break",
	"%s airport reports record summer passenger numbers",
	"Heat wave prompts health warning in %s",
	"Former factory site in %s to become park",
	"%s hospital staff protest over shift changes",
	"Rail line between %s and the coast reopens",
	"Council in %s approves budget with tax rise",
}

func randomHeadline(rng *rand.Rand) string {
	return fmt.Sprintf(headlineTemplates[rng.IntN(len(headlineTemplates))], outletPlaces[rng.IntN(len(outletPlaces))])
}

// furniture is the context a boilerplate block is rendered in.
type furniture struct {
	outlet string
	year   int
	rng    *rand.Rand
}

func (f furniture) domain() string { return domainOf(f.outlet) + ".com" }

// opt returns s half of the time, else "".
func (f furniture) opt(s string) string {
	if f.rng.IntN(2) == 0 {
		return s
	}
	return ""
}

// pick returns one of the alternatives.
func (f furniture) pick(alts ...string) string { return alts[f.rng.IntN(len(alts))] }

func (f furniture) headlines(n int) string {
	hs := make([]string, n)
	for i := range hs {
		hs[i] = randomHeadline(f.rng)
	}
	return strings.Join(hs, "\n")
}

// blocks is the pool of site furniture: newsletter pitches, copyright
// notices, related-coverage lists, cookie and subscription notices and the
// like, each 40–120 words, with variations (the outlet's name, optional
// sentences, alternative wordings). Real sites carry the same block on
// every page, so each block is used by many items.
var blocks = []func(f furniture) string{
	// 0: newsletter
	func(f furniture) string {
		return join(f.pick("Sign up for the "+f.outlet+" Morning Briefing.", "Get the "+f.outlet+" Morning Briefing."),
			"The day's top stories, hand-picked by our editors, delivered to your inbox every weekday at 6 a.m.",
			f.opt("Plus breaking news alerts and a weekend edition with our best long reads."),
			"You can unsubscribe at any time.",
			"By signing up you agree to our Terms of Use and acknowledge that your information will be used as described in our Privacy Policy.")
	},
	// 1: copyright
	func(f furniture) string {
		return join(fmt.Sprintf("Copyright %d %s.", f.year, f.outlet), "All rights reserved.",
			"This material may not be published, broadcast, rewritten or redistributed in whole or in part without the express written permission of the publisher.",
			f.opt("Reproduction of this content in any form, including on social media, is prohibited."),
			"For licensing and reprint requests please contact our syndication desk.")
	},
	// 2: related coverage
	func(f furniture) string {
		return f.pick("Related coverage", "Related stories", "More on this story") + "\n" + f.headlines(4+f.rng.IntN(3)) +
			"\n" + f.pick("See all coverage", "More stories from our newsroom")
	},
	// 3: cookies
	func(f furniture) string {
		return join("We use cookies and similar technologies to improve your experience on our site, to analyse traffic and to personalise the advertising you see.",
			"By continuing to browse you consent to our use of cookies.",
			f.opt("Some of these cookies are set by third parties such as our advertising partners."),
			"To find out more, including how to change your settings, read our Cookie Policy.",
			f.pick("Accept all / Manage preferences", "Accept cookies / Reject non-essential cookies"))
	},
	// 4: subscription wall
	func(f furniture) string {
		n := 2 + f.rng.IntN(4)
		return join(fmt.Sprintf("You have read %d of your %d free articles this month.", n, n+f.rng.IntN(3)+1),
			"Subscribe now for unlimited access to award-winning journalism, the digital edition of the newspaper and exclusive newsletters, for as little as $1 a week for the first year.",
			f.opt("Cancel anytime."), "Already a subscriber? Log in.")
	},
	// 5: comments policy
	func(f furniture) string {
		return join(f.pick("Comments on this article are closed.", "Join the conversation."),
			"We welcome reader comments on our stories, but please keep the conversation civil and on topic.",
			"Comments that include personal attacks, profanity, hate speech or links to commercial sites will be removed, and repeat offenders will be blocked.",
			f.opt("Read our community guidelines for more information."))
	},
	// 6: app promotion
	func(f furniture) string {
		return join("Get the "+f.outlet+" app for breaking news alerts, live video and the latest headlines from around the world.",
			"Download it free from the App Store or Google Play, and turn on notifications so you never miss a story that matters to you.",
			f.opt("Already have the app? Update it to get our new offline reading mode."))
	},
	// 7: corrections and standards
	func(f furniture) string {
		return join(f.outlet+" is committed to accuracy and fairness.",
			"If you spot an error in this story, please contact our newsroom at corrections@"+f.domain()+".",
			"Our editorial standards and ethics policy, including how we handle corrections, updates and anonymous sources, are published on our website.",
			f.opt("Corrections are noted at the end of each article."))
	},
	// 8: news tips
	func(f furniture) string {
		return join(f.pick("Have a news tip?", "Know something we should look into?"),
			"Contact our newsroom securely by email at tips@"+f.domain()+" or message us on Signal.",
			"We read every submission and we protect the identity of our sources.",
			f.opt("For urgent matters, call the news desk, which is staffed around the clock."))
	},
	// 9: follow and share
	func(f furniture) string {
		return join("Follow "+f.outlet+" on Facebook, X and Instagram for the latest news, photos and videos from your community and around the world.",
			f.opt("Like what you read? Share it with your friends and family."),
			"Share this article:\nFacebook\nTwitter\nWhatsApp\nEmail\nPrint",
			"Most popular stories this week:\n"+f.headlines(3))
	},
	// 10: advertisement and sponsored links
	func(f furniture) string {
		return "Advertisement\nStory continues below this ad\n" +
			join("Sponsored content from our partners:",
				f.pick("Doctors stunned by this simple trick for better sleep", "Homeowners are switching to this new roof design"),
				f.pick("The best-rated hotels of the year, ranked by travellers", "Ten retirement mistakes you can still avoid"),
				"Recommended by our content partners.")
	},
	// 11: author biography
	func(f furniture) string {
		name := randomName(f.rng)
		return join(name+" is a staff reporter for "+f.outlet+" covering politics, courts and public safety.",
			fmt.Sprintf("Before joining the paper in %d, they worked at several regional newspapers and a public radio station.", f.year-1-f.rng.IntN(10)),
			f.opt("They are a graduate of the state university's journalism school."),
			"Reach them at "+strings.ToLower(strings.ReplaceAll(name, " ", "."))+"@"+f.domain()+".")
	},
	// 12: most read
	func(f furniture) string {
		return f.pick("Most read", "Trending now", "Popular on "+f.outlet) + "\n" + f.headlines(5) + "\n" +
			f.opt("Updated every hour with the stories our readers are talking about.")
	},
	// 13: wire disclaimer
	func(f furniture) string {
		return join("This article was produced with the help of wire services and our own reporting.",
			"Information in this report may be updated as more details become available; check back for the latest.",
			f.opt("An earlier version of this story was published on our website and in our morning newsletter."),
			"The views expressed in guest columns do not necessarily reflect those of "+f.outlet+".")
	},
	// 14: podcast
	func(f furniture) string {
		return join("Listen to our daily news podcast, The "+strings.TrimPrefix(f.outlet, "The ")+" Briefing, for a twenty-minute rundown of the stories everyone is talking about.",
			"New episodes every weekday morning on Apple Podcasts, Spotify and wherever you get your podcasts.",
			f.opt("Send us your questions and we may answer them on the show."))
	},
	// 15: donations
	func(f furniture) string {
		return join("Independent journalism needs your support.",
			"Our reporters attend the council meetings, court hearings and school board sessions that no one else covers.",
			"If you value reliable local news, please consider making a contribution today.",
			f.opt("Every donation, big or small, helps us keep our reporting free for everyone."),
			"Donate now")
	},
}

// join joins the non-empty parts with a space.
func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// stockPhrases are sentences of at most 12 words that many unrelated
// articles end or start with.
var stockPhrases = []string{
	"The company did not immediately respond to a request for comment.",
	"Further details were not immediately available.",
	"It was not immediately clear how many people were affected.",
	"Police are asking anyone with information to contact them.",
	"The cause of the incident is under investigation.",
	"Officials declined to comment on the matter when contacted.",
	"The investigation is continuing, officials said.",
	"Check back for updates as this story develops.",
	"More details are expected to be released later this week.",
	"No one was immediately available for comment on Friday.",
	"Representatives for both sides did not respond to messages.",
	"This is a developing story and will be updated.",
}

// synonyms are word substitutions for rewording and small edits.
var synonyms = map[string]string{
	"big": "large", "large": "big", "about": "around", "around": "about", "buy": "purchase",
	"began": "started", "started": "began", "try": "attempt", "tried": "attempted",
	"many": "numerous", "quickly": "rapidly", "announced": "declared", "near": "close to",
	"after": "following", "before": "prior to", "officials": "authorities",
	"authorities": "officials", "company": "firm", "children": "kids", "car": "vehicle",
	"vehicle": "car", "more than": "over", "percent": "per cent", "per cent": "percent",
	"government": "administration", "talks": "negotiations", "injured": "wounded",
	"wounded": "injured", "arrested": "detained", "detained": "arrested", "almost": "nearly",
	"nearly": "almost", "very": "extremely", "important": "key", "major": "big", "got": "received",
	"received": "got", "earlier": "previously", "asked": "requested", "told": "informed",
	"also": "additionally", "because": "as", "said": "stated", "says": "states",
	"died": "passed away", "people": "individuals", "meeting": "session", "country": "nation",
	"nation": "country", "according to": "citing", "expected": "anticipated", "fell": "dropped",
	"dropped": "fell", "rose": "climbed", "climbed": "rose", "killed": "slain", "recent": "latest",
	"latest": "recent", "main": "principal", "leader": "chief", "trip": "journey", "film": "movie",
	"movie": "film", "actress": "performer", "team": "squad", "won": "secured",
	"added": "went on to say", "however": "but", "attack": "assault", "increase": "rise",
}

// contractions are rewordings of a verb and "not" or a pronoun and a verb.
var contractions = [][2]string{
	{"do not", "don't"}, {"does not", "doesn't"}, {"did not", "didn't"}, {"is not", "isn't"},
	{"are not", "aren't"}, {"was not", "wasn't"}, {"were not", "weren't"}, {"will not", "won't"},
	{"cannot", "can't"}, {"could not", "couldn't"}, {"would not", "wouldn't"}, {"has not", "hasn't"},
	{"have not", "haven't"}, {"should not", "shouldn't"}, {"it is", "it's"}, {"that is", "that's"},
	{"we are", "we're"}, {"they are", "they're"}, {"I am", "I'm"}, {"he is", "he's"},
	{"she is", "she's"}, {"there is", "there's"}, {"we have", "we've"}, {"I have", "I've"},
	{"you are", "you're"}, {"we will", "we'll"}, {"I will", "I'll"}, {"they will", "they'll"},
}
