package resolve

import "strings"

// The word lists of this file are hand-made. The title head words are the
// job titles of news text: the heads of the role nouns that precede or
// follow a person's name in the CoNLL-2003 and MEANTIME English news
// (president, minister, secretary, spokesman, chief executive ...) and the
// honorifics of English and Arabic names as the New York Times and
// Reuters style guides spell them (Mr., Sheikh, Crown Prince). The
// countries and demonyms are the ~80 countries and regions most named in
// English news, with the adjective the AP Stylebook gives for each.

// titleHeads are the head words (lowercase) of a person's title. A title
// phrase must contain one of them.
var titleHeads = set(
	"president", "vice-president", "president-elect", "premier", "minister", "secretary",
	"spokesman", "spokeswoman", "spokesperson", "emir", "amir", "king", "queen", "prince",
	"princess", "sultan", "monarch", "ambassador", "envoy", "chief", "director",
	"chairman", "chairwoman", "chair", "ceo", "cfo", "coo", "cto", "general",
	"admiral", "colonel", "commander", "senator", "congressman", "congresswoman",
	"representative", "governor", "mayor", "judge", "justice", "chancellor",
	"pope", "cardinal", "bishop", "ayatollah", "leader", "founder", "co-founder",
	"analyst", "executive", "officer", "head", "manager", "deputy", "adviser",
	"advisor", "negotiator", "mediator", "attorney", "prosecutor", "economist",
	"editor", "correspondent", "spokesmen", "lawmaker", "diplomat", "official",
	"commissioner", "governor-general", "speaker", "strategist", "partner",
	"owner", "lieutenant", "sergeant", "captain", "marshal", "aide", "counsel",
	"treasurer", "inspector",
)

// titleMods are words that may stand before a head inside a title
// ("deputy", "crown", "prime", "foreign") without being heads themselves.
var titleMods = set(
	"vice", "deputy", "prime", "crown", "foreign", "defence", "defense", "interior",
	"finance", "chief", "executive", "operating", "financial", "technology",
	"technical", "national", "security", "state", "supreme", "senior", "assistant",
	"acting", "press", "general", "attorney", "managing", "first", "grand",
	"interim", "associate", "principal", "top", "lead", "special", "economy",
	"trade", "health", "energy", "oil", "transport", "justice", "labor", "labour",
	"commerce", "information", "intelligence", "military", "army", "navy", "air",
	"force", "defense", "and", "&", "research", "program", "programme",
	"marketing", "sales", "communications", "policy", "presiding", "high",
	"lord", "sheikh", "court", "district", "federal", "white", "house",
	"cabinet", "party", "opposition", "majority", "minority", "house",
)

// titleComplements are the portfolios that follow "of" inside a title
// ("secretary of state", "minister of transport"): they belong to the
// title, unlike a country or organisation after "of".
var titleComplements = set(
	"state", "defense", "defence", "foreign", "affairs", "finance", "interior",
	"justice", "health", "transport", "transportation", "energy", "commerce",
	"labor", "labour", "treasury", "education", "agriculture", "homeland",
	"security", "staff", "operations", "trade", "industry", "economy", "the",
	"information", "culture", "tourism", "communications", "environment",
	"housing", "immigration", "war", "police", "public", "works",
)

// formerWords are dropped from a title ("former president" is recorded as
// "president": the article's date tells when).
var formerWords = set("former", "then", "ex", "late", "outgoing", "incoming", "new", "current", "acting")

// honorifics are stripped before a name for matching; they are kept as a
// hint (Sheikh Mohammed goes to a Sheikh, Mr. to a man).
var honorifics = set(
	"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
	"lord", "lady", "sheikh", "sheik", "shaikh", "sayyid", "rev", "reverend",
	"hon", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "pres",
	"his", "her", "excellency", "highness", "majesty", "royal", "mme", "m",
	"herr", "frau", "don", "dona",
)

// particles are name parts dropped for matching: the Arabic article in
// its transliterations (al-Sisi, el-Sisi, ad-Din) when attached by a
// hyphen or not first.
var particles = set("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "ud", "adh", "ath")

// connectors join name tokens inside one name ("Bank of America",
// "Mohammed bin Salman", "Charles de Gaulle").
var connectors = set("of", "and", "&", "de", "del", "della", "di", "da", "du", "des", "la", "le",
	"van", "von", "der", "den", "bin", "ibn", "bint", "ben", "abu", "al", "el", "y", "for", "the", "on", "upon")

// nameParts are connectors that stay in a person's name key but are never
// the first or last name.
var nameParts = set("bin", "ibn", "bint", "ben", "abu", "de", "del", "da", "di", "du", "van", "von", "der", "den", "la", "le", "y")

// orgSuffixes are company-form words dropped from organisation names for
// matching ("Apple Inc.", "Chrysler LLC", "Ford Motor Company").
var orgSuffixes = set("inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited",
	"llc", "plc", "spa", "nv", "ag", "sa", "gmbh", "bv", "ab", "asa", "oyj", "lp", "llp", "group", "holdings")

// stopInitials are skipped when forming an acronym ("Bank of America" → BA).
var stopInitials = set("of", "and", "&", "the", "for", "de", "la", "in", "on", "du", "des", "et", "y")

// determiners are dropped at the start of a name ("the United States").
var determiners = set("the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those")

// nameVariants maps transliteration variants of common given names
// (after folding, lowercasing and collapsing doubled letters) to one form.
var nameVariants = map[string]string{
	"mohamed": "muhamad", "mohamad": "muhamad", "muhamed": "muhamad", "muhamad": "muhamad",
	"mohamet": "muhamad", "mohammed": "muhamad", "mehmet": "muhamad", "mahomed": "muhamad",
	"abdel": "abd", "abdul": "abd", "abdal": "abd", "abdoul": "abd", "abd": "abd",
	"ahmed": "ahmad", "ahmad": "ahmad", "ahmet": "ahmad",
	"husein": "husein", "husain": "husein", "hosein": "husein", "hussain": "husein",
	"yusuf": "yusuf", "yousef": "yusuf", "yusef": "yusuf", "yosef": "yusuf", "josef": "yusuf",
	"omar": "umar", "umar": "umar", "osama": "usama", "usama": "usama",
	"hasan": "hasan", "hassan": "hasan", "mustafa": "mustafa", "mostafa": "mustafa",
	"abdulah": "abdulah", "abdalah": "abdulah", "abdelah": "abdulah",
	"khalid": "kalid", "kaled": "kalid", "kalid": "kalid",
	"sergey": "sergei", "sergei": "sergei", "alexey": "aleksei", "alexei": "aleksei", "aleksey": "aleksei",
	"dmitry": "dmitri", "dmitri": "dmitri", "yuri": "yuri", "yury": "yuri",
	"vladimir": "vladimir", "volodymyr": "vladimir",
	"qadafi": "gadafi", "gadafi": "gadafi", "kadafi": "gadafi", "gadhafi": "gadafi", "qadhafi": "gadafi",
	"quran": "koran", "koran": "koran",
}

// country is one country or region: its name, the other names and the
// adjective.
type country struct {
	name    string
	aliases []string
}

var countries = []country{
	{"United States", []string{"U.S.", "US", "USA", "U.S.A.", "United States of America", "America", "American", "the States"}},
	{"United Kingdom", []string{"U.K.", "UK", "Britain", "Great Britain", "British"}},
	{"European Union", []string{"EU", "E.U."}},
	{"United Arab Emirates", []string{"UAE", "U.A.E.", "Emirati", "Emirates"}},
	{"Saudi Arabia", []string{"Saudi", "Saudis", "KSA"}},
	{"Egypt", []string{"Egyptian"}}, {"Qatar", []string{"Qatari"}}, {"Israel", []string{"Israeli"}},
	{"Iran", []string{"Iranian"}}, {"Iraq", []string{"Iraqi"}}, {"Syria", []string{"Syrian"}},
	{"Lebanon", []string{"Lebanese"}}, {"Jordan", []string{"Jordanian"}}, {"Yemen", []string{"Yemeni"}},
	{"Palestine", []string{"Palestinian", "Palestinian territories"}}, {"Turkey", []string{"Turkish", "Türkiye"}},
	{"Kuwait", []string{"Kuwaiti"}}, {"Bahrain", []string{"Bahraini"}}, {"Oman", []string{"Omani"}},
	{"Libya", []string{"Libyan"}}, {"Tunisia", []string{"Tunisian"}}, {"Algeria", []string{"Algerian"}},
	{"Morocco", []string{"Moroccan"}}, {"Sudan", []string{"Sudanese"}}, {"Ethiopia", []string{"Ethiopian"}},
	{"Kenya", []string{"Kenyan"}}, {"Nigeria", []string{"Nigerian"}}, {"South Africa", []string{"South African"}},
	{"China", []string{"Chinese", "People's Republic of China", "PRC"}}, {"Japan", []string{"Japanese"}},
	{"India", []string{"Indian"}}, {"Pakistan", []string{"Pakistani"}}, {"Afghanistan", []string{"Afghan"}},
	{"Bangladesh", []string{"Bangladeshi"}}, {"Indonesia", []string{"Indonesian"}}, {"Malaysia", []string{"Malaysian"}},
	{"Singapore", []string{"Singaporean"}}, {"Thailand", []string{"Thai"}}, {"Vietnam", []string{"Vietnamese", "Viet Nam"}},
	{"Philippines", []string{"Filipino", "Philippine"}}, {"Taiwan", []string{"Taiwanese"}},
	{"South Korea", []string{"South Korean", "Republic of Korea"}}, {"North Korea", []string{"North Korean", "DPRK"}},
	{"Russia", []string{"Russian", "Russian Federation"}}, {"Ukraine", []string{"Ukrainian"}},
	{"Germany", []string{"German"}}, {"France", []string{"French"}}, {"Italy", []string{"Italian"}},
	{"Spain", []string{"Spanish"}}, {"Portugal", []string{"Portuguese"}}, {"Netherlands", []string{"Dutch", "Holland"}},
	{"Belgium", []string{"Belgian"}}, {"Switzerland", []string{"Swiss"}}, {"Austria", []string{"Austrian"}},
	{"Poland", []string{"Polish"}}, {"Czech Republic", []string{"Czech", "Czechia"}}, {"Hungary", []string{"Hungarian"}},
	{"Romania", []string{"Romanian"}}, {"Greece", []string{"Greek"}}, {"Sweden", []string{"Swedish"}},
	{"Norway", []string{"Norwegian"}}, {"Denmark", []string{"Danish"}}, {"Finland", []string{"Finnish"}},
	{"Ireland", []string{"Irish"}}, {"Scotland", []string{"Scottish"}}, {"England", []string{"English"}},
	{"Wales", []string{"Welsh"}}, {"Canada", []string{"Canadian"}}, {"Mexico", []string{"Mexican"}},
	{"Brazil", []string{"Brazilian"}}, {"Argentina", []string{"Argentine", "Argentinian"}},
	{"Venezuela", []string{"Venezuelan"}}, {"Colombia", []string{"Colombian"}}, {"Chile", []string{"Chilean"}},
	{"Cuba", []string{"Cuban"}}, {"Australia", []string{"Australian"}}, {"New Zealand", []string{"New Zealander"}},
	{"Europe", []string{"European"}}, {"Asia", []string{"Asian"}}, {"Africa", []string{"African"}},
	{"Middle East", []string{"Mideast"}}, {"Gaza", []string{"Gaza Strip", "Gazan"}},
	{"West Bank", nil}, {"North America", []string{"North American"}}, {"Latin America", []string{"Latin American"}},
}

// countryByKey maps the key of each country name, alias and adjective
// (see key) to the country's name.
var countryByKey = func() map[string]string {
	m := map[string]string{}
	for _, c := range countries {
		m[plainKey(c.name)] = c.name
		for _, a := range c.aliases {
			m[plainKey(a)] = c.name
		}
	}
	return m
}()

// plainKey is a name's letters and digits, lowercased and folded, with no
// spaces ("U.S." → "us"); used for the fixed tables.
func plainKey(s string) string {
	var b strings.Builder
	for _, r := range fold(s) {
		if isAlnum(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
