package main

// Hand-made lists. Coordinates of the non-city places below are rounded
// approximate centres (to about 0.5°) entered by hand from general
// geographic knowledge and checked against the GeoNames coordinates of a
// city inside each; populations are rough orders of magnitude used only as
// a ranking prior. They are the project's own data.

type handPlace struct {
	name     string
	alts     []string
	cc       string // empty for places beyond one country
	admin1   string // GeoNames admin1 code when the place is one
	feature  string // CONT continent, RGN region, SEA water body, ADM1
	lat, lon float32
	pop      uint32
}

var handPlaces = []handPlace{
	{"Africa", nil, "", "", "CONT", 2, 17, 1400000000},
	{"Asia", nil, "", "", "CONT", 34, 100, 4000000000},
	{"Europe", nil, "", "", "CONT", 50, 15, 745000000},
	{"North America", nil, "", "", "CONT", 45, -100, 590000000},
	{"South America", nil, "", "", "CONT", -15, -60, 430000000},
	{"Oceania", nil, "", "", "CONT", -25, 140, 45000000},
	{"Antarctica", nil, "AQ", "", "CONT", -82, 0, 1000},
	{"European Union", []string{"EU", "E.U."}, "", "", "RGN", 50, 10, 450000000},
	{"Latin America", nil, "", "", "RGN", -10, -65, 650000000},
	{"Central America", nil, "", "", "RGN", 13, -86, 50000000},
	{"Caribbean", []string{"Caribbean Sea"}, "", "", "RGN", 15, -75, 44000000},
	{"Middle East", []string{"Mideast", "Mid East"}, "", "", "RGN", 29, 42, 400000000},
	{"Near East", nil, "", "", "RGN", 32, 38, 100000000},
	{"Levant", nil, "", "", "RGN", 33.5, 36, 50000000},
	{"Gulf region", []string{"Gulf states"}, "", "", "RGN", 25, 51, 60000000},
	{"North Africa", nil, "", "", "RGN", 27, 15, 250000000},
	{"West Africa", nil, "", "", "RGN", 12, -3, 420000000},
	{"East Africa", nil, "", "", "RGN", 0, 38, 450000000},
	{"Horn of Africa", nil, "", "", "RGN", 8, 45, 150000000},
	{"Sahel", nil, "", "", "RGN", 15, 5, 150000000},
	{"Sub-Saharan Africa", nil, "", "", "RGN", 0, 20, 1200000000},
	{"Balkans", []string{"Balkan Peninsula", "Western Balkans"}, "", "", "RGN", 42.5, 21, 55000000},
	{"Caucasus", []string{"South Caucasus", "North Caucasus"}, "", "", "RGN", 42.5, 44, 30000000},
	{"Scandinavia", nil, "", "", "RGN", 62, 15, 21000000},
	{"Western Europe", nil, "", "", "RGN", 48, 5, 200000000},
	{"Eastern Europe", nil, "", "", "RGN", 50, 30, 290000000},
	{"Central Asia", nil, "", "", "RGN", 45, 65, 75000000},
	{"South Asia", nil, "", "", "RGN", 22, 78, 1900000000},
	{"Southeast Asia", []string{"South-East Asia"}, "", "", "RGN", 5, 110, 680000000},
	{"East Asia", nil, "", "", "RGN", 35, 115, 1650000000},
	{"Asia-Pacific", []string{"Asia Pacific"}, "", "", "RGN", 10, 120, 4000000000},
	{"Arctic", nil, "", "", "RGN", 80, 0, 4000000},
	{"Siberia", nil, "RU", "", "RGN", 60, 100, 33000000},
	{"Kurdistan", nil, "", "", "RGN", 37, 44, 30000000},
	{"Kashmir", nil, "", "", "RGN", 34.5, 76, 18000000},
	{"Donbas", []string{"Donbass"}, "UA", "", "RGN", 48, 38, 6000000},
	{"Darfur", nil, "SD", "", "RGN", 13.5, 24, 9000000},
	{"Tibet", nil, "CN", "", "RGN", 31.5, 88, 3600000},
	{"Sinai", []string{"Sinai Peninsula"}, "EG", "", "RGN", 29.5, 33.8, 600000},
	{"Galilee", nil, "IL", "", "RGN", 32.8, 35.4, 1500000},
	{"Negev", nil, "IL", "", "RGN", 30.8, 34.8, 700000},
	{"Golan Heights", []string{"Golan"}, "", "", "RGN", 33, 35.8, 50000},
	{"Gaza Strip", []string{"Gaza"}, "PS", "GZ", "RGN", 31.42, 34.36, 2100000},
	{"West Bank", nil, "PS", "WE", "RGN", 31.95, 35.25, 3000000},
	{"Palestinian territories", []string{"Occupied Palestinian territories", "Palestinian Territory"}, "PS", "", "RGN", 31.9, 35.2, 5000000},
	{"Red Sea", nil, "", "", "SEA", 20, 38.5, 0},
	{"Mediterranean", []string{"Mediterranean Sea"}, "", "", "SEA", 35, 18, 0},
	{"Persian Gulf", []string{"Arabian Gulf"}, "", "", "SEA", 26.5, 52, 0},
	{"Gulf of Aden", nil, "", "", "SEA", 12.5, 48, 0},
	{"Strait of Hormuz", []string{"Hormuz Strait"}, "", "", "SEA", 26.6, 56.3, 0},
	{"Black Sea", nil, "", "", "SEA", 43.4, 34, 0},
	{"Caspian Sea", nil, "", "", "SEA", 41.7, 50.6, 0},
	{"Baltic Sea", []string{"Baltic"}, "", "", "SEA", 58, 20, 0},
	{"North Sea", nil, "", "", "SEA", 56, 3, 0},
	{"South China Sea", nil, "", "", "SEA", 12, 114, 0},
	{"Taiwan Strait", nil, "", "", "SEA", 24, 119.5, 0},
	{"Gulf of Mexico", nil, "", "", "SEA", 25, -90, 0},
	{"Atlantic Ocean", []string{"Atlantic"}, "", "", "SEA", 0, -30, 0},
	{"Pacific Ocean", []string{"Pacific"}, "", "", "SEA", 0, -160, 0},
	{"Indian Ocean", nil, "", "", "SEA", -20, 80, 0},
	{"Arctic Ocean", nil, "", "", "SEA", 85, 0, 0},
}

// countryAliases are extra names of countries, beyond the i18n-iso-countries
// list.
var countryAliases = map[string][]string{
	"US": {"America", "United States of America", "U.S.", "U.S.A.", "USA", "US", "the States"},
	"GB": {"Britain", "Great Britain", "U.K.", "UK", "United Kingdom of Great Britain and Northern Ireland"},
	"RU": {"Russia", "Russian Federation"},
	"KR": {"South Korea", "Korea"},
	"KP": {"North Korea", "DPRK"},
	"SY": {"Syria"},
	"PS": {"Palestine", "State of Palestine"},
	"CZ": {"Czechia", "Czech Republic"},
	"TR": {"Turkey", "Türkiye", "Turkiye"},
	"CI": {"Ivory Coast"},
	"MM": {"Burma", "Myanmar"},
	"CD": {"DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo"},
	"CG": {"Congo-Brazzaville", "Republic of Congo"},
	"VA": {"Vatican", "Vatican City", "Holy See"},
	"AE": {"UAE", "U.A.E.", "Emirates"},
	"NL": {"Holland", "The Netherlands"},
	"LA": {"Laos"},
	"MD": {"Moldova"},
	"FM": {"Micronesia"},
	"TL": {"East Timor"},
	"BN": {"Brunei"},
	"SZ": {"Swaziland"},
	"CV": {"Cabo Verde"},
	"MK": {"Macedonia", "North Macedonia"},
	"VN": {"Viet Nam"},
	"BO": {"Bolivia"},
	"VE": {"Venezuela"},
	"TZ": {"Tanzania"},
	"IR": {"Iran"},
	"TW": {"Taiwan"},
}

// countryNames overrides the display name of the coordinates list where it
// is awkward ("Congo [DRC]").
var countryNames = map[string]string{
	"CD": "Democratic Republic of the Congo",
	"CG": "Republic of the Congo",
	"MK": "North Macedonia",
	"MM": "Myanmar",
	"SZ": "Eswatini",
	"PS": "Palestine",
	"CZ": "Czech Republic",
	"TR": "Turkey",
	"CV": "Cape Verde",
	"FM": "Micronesia",
	"VA": "Vatican City",
}

// extraDemonyms are nationality words missing from i18n-nationality.
var extraDemonyms = map[string][]string{
	"US": {"American"},
	"GB": {"British", "Briton", "English", "Scottish", "Scots", "Welsh", "Northern Irish"},
	"PS": {"Palestinian", "Gazan"},
	"AE": {"Emirati"},
	"SA": {"Saudi", "Saudi Arabian"},
	"IL": {"Israeli"},
	"NL": {"Dutch", "Netherlander"},
	"KR": {"South Korean", "Korean"},
	"KP": {"North Korean"},
	"CN": {"Chinese"},
	"TW": {"Taiwanese"},
	"RU": {"Russian"},
	"UA": {"Ukrainian"},
	"IR": {"Iranian", "Persian"},
	"PH": {"Filipino", "Philippine"},
	"CZ": {"Czech"},
	"SY": {"Syrian"},
	"CD": {"Congolese"},
	"NZ": {"New Zealander", "Kiwi"},
	"AR": {"Argentine", "Argentinian"},
	"DE": {"German"},
	"FR": {"French"},
	"IE": {"Irish"},
	"YE": {"Yemeni"},
	"LB": {"Lebanese"},
	"JO": {"Jordanian"},
	"QA": {"Qatari"},
	"EG": {"Egyptian"},
	"IQ": {"Iraqi"},
	"AF": {"Afghan"},
	"PK": {"Pakistani"},
	"IN": {"Indian"},
	"TR": {"Turkish"},
	"XK": {"Kosovar", "Kosovan"},
}

// demonymPlural: words that take an -s plural. The rule in the build adds
// "s" to words ending in -an, -i, -er or -ite; these are further plurals.
var extraPlurals = map[string]string{
	"Briton":   "Britons",
	"Swiss":    "",
	"Kiwi":     "Kiwis",
	"Filipino": "Filipinos",
}

// preferred gives the usual news reading of an ambiguous name a boost:
// key text → GeoNames id.
var preferred = map[string]uint32{
	"New York":    5128581, // New York City, not the state
	"Washington":  4140963, // Washington, D.C.
	"Mexico City": 3530597,
}

// genericWords are dropped from the end of ISO subdivision names to make an
// extra key ("Cairo Governorate" → "Cairo").
var genericWords = []string{
	"governorate", "province", "oblast", "oblast'", "region", "state",
	"district", "prefecture", "county", "department", "voivodeship",
	"territory", "autonomous region", "zizhiqu", "sheng", "shi", "muhafazat",
	"kraj", "krai", "republic", "city",
}

// regionCities ties ISO 3166-2 subdivisions of countries whose GeoNames
// admin1 codes are not ISO codes to GeoNames through a well-known city
// inside each (the city's admin1 code is taken from the data), with an
// English name where the ISO name is not English.
var regionCities = map[string][2]string{
	"CA-ON": {"Toronto", ""}, "CA-QC": {"Montréal", ""}, "CA-BC": {"Vancouver", ""},
	"CA-AB": {"Calgary", ""}, "CA-MB": {"Winnipeg", ""}, "CA-SK": {"Saskatoon", ""},
	"CA-NS": {"Halifax", ""}, "CA-NB": {"Moncton", ""}, "CA-NL": {"St. John's", ""},
	"AU-NSW": {"Sydney", ""}, "AU-VIC": {"Melbourne", ""}, "AU-QLD": {"Brisbane", ""},
	"AU-WA": {"Perth", ""}, "AU-SA": {"Adelaide", ""}, "AU-TAS": {"Hobart", ""},
	"AU-NT": {"Darwin", ""},
	"DE-BY": {"Munich", "Bavaria"}, "DE-BW": {"Stuttgart", ""}, "DE-NW": {"Koeln", "North Rhine-Westphalia"},
	"DE-HE": {"Frankfurt am Main", "Hesse"}, "DE-NI": {"Hannover", "Lower Saxony"}, "DE-SN": {"Leipzig", "Saxony"},
	"DE-TH": {"Erfurt", "Thuringia"}, "DE-BB": {"Potsdam", ""}, "DE-RP": {"Mainz", "Rhineland-Palatinate"},
	"DE-SH": {"Kiel", ""}, "DE-MV": {"Rostock", "Mecklenburg-Western Pomerania"}, "DE-ST": {"Magdeburg", "Saxony-Anhalt"},
	"IN-PB": {"Ludhiana", ""}, "IN-MH": {"Mumbai", ""}, "IN-UP": {"Lucknow", ""}, "IN-TN": {"Chennai", ""},
	"IN-KA": {"Bengaluru", ""}, "IN-WB": {"Kolkata", ""}, "IN-GJ": {"Ahmedabad", ""}, "IN-RJ": {"Jaipur", ""},
	"IN-KL": {"Thiruvananthapuram", ""}, "IN-BR": {"Patna", ""}, "IN-TG": {"Hyderabad", ""}, "IN-AS": {"Guwahati", ""},
	"IN-JK": {"Srinagar", "Jammu and Kashmir"}, "IN-MP": {"Indore", ""}, "IN-OR": {"Bhubaneswar", "Odisha"},
	"PK-PB": {"Lahore", "Punjab"}, "PK-SD": {"Karachi", ""}, "PK-KP": {"Peshawar", "Khyber Pakhtunkhwa"},
	"PK-BA": {"Quetta", "Balochistan"},
	"CN-GD": {"Guangzhou", ""}, "CN-SC": {"Chengdu", ""}, "CN-HB": {"Wuhan", ""}, "CN-ZJ": {"Hangzhou", ""},
	"CN-JS": {"Nanjing", ""}, "CN-SD": {"Jinan", ""}, "CN-HA": {"Zhengzhou", ""}, "CN-XJ": {"Ürümqi", "Xinjiang"},
	"CN-YN": {"Kunming", ""}, "CN-FJ": {"Fuzhou", ""},
	"ES-CT": {"Barcelona", "Catalonia"}, "ES-AN": {"Sevilla", "Andalusia"}, "ES-PV": {"Bilbao", "Basque Country"},
	"ES-MD": {"Madrid", ""}, "ES-VC": {"Valencia", ""}, "ES-GA": {"Vigo", "Galicia"},
	"IT-25": {"Milan", "Lombardy"}, "IT-62": {"Rome", "Lazio"}, "IT-82": {"Palermo", "Sicily"},
	"IT-72": {"Naples", "Campania"}, "IT-21": {"Turin", "Piedmont"}, "IT-52": {"Florence", "Tuscany"},
	"IT-34": {"Venice", "Veneto"}, "IT-88": {"Cagliari", "Sardinia"},
	"FR-IDF": {"Paris", ""}, "FR-PAC": {"Marseille", ""}, "FR-ARA": {"Lyon", ""}, "FR-OCC": {"Toulouse", ""},
	"FR-BRE": {"Rennes", "Brittany"}, "FR-NOR": {"Rouen", "Normandy"}, "FR-COR": {"Ajaccio", "Corsica"},
	"BR-SP": {"São Paulo", ""}, "BR-RJ": {"Rio de Janeiro", ""}, "BR-AM": {"Manaus", ""},
	"MX-CHH": {"Chihuahua", ""}, "MX-JAL": {"Guadalajara", ""}, "MX-BCN": {"Tijuana", ""}, "MX-SIN": {"Culiacán", ""},
	"UA-43": {"Simferopol", "Crimea"}, "UA-14": {"Donetsk", "Donetsk Oblast"}, "UA-09": {"Luhansk", "Luhansk Oblast"},
	"UA-63": {"Kharkiv", "Kharkiv Oblast"}, "UA-65": {"Kherson", "Kherson Oblast"}, "UA-23": {"Zaporizhia", "Zaporizhzhia Oblast"},
	"RU-CE": {"Groznyy", "Chechnya"}, "RU-KDA": {"Krasnodar", ""},
	"SY-HL": {"Aleppo", "Aleppo Governorate"}, "SY-ID": {"Idlib", "Idlib Governorate"},
	"IQ-AN": {"Ramadi", "Anbar"}, "IQ-NI": {"Mosul", "Nineveh"},
	"YE-HD": {"Mukalla", "Hadramawt"},
}
