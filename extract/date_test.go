package extract

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// ISO 8601 / RFC 3339, as in metadata and feeds
		{"2024-02-05", "2024-02-05"},
		{" 2024-02-05 ", "2024-02-05"},
		{"2024-02-05T10:00:00Z", "2024-02-05T10:00:00Z"},
		{"2024-02-05T10:00:00+01:00", "2024-02-05T10:00:00+01:00"},
		{"2024-02-05T10:00:00.123-05:00", "2024-02-05T10:00:00-05:00"},
		{"2024-02-05T10:00:00", "2024-02-05T10:00:00"},
		{"2024-02-05T10:00", "2024-02-05T10:00:00"},
		{"2024-02-05 10:00:00", "2024-02-05T10:00:00"},
		{"2024-02-05T10:00:00+0100", "2024-02-05T10:00:00+01:00"},
		{"2024-02-05 10:00:00 +0000 UTC", "2024-02-05T10:00:00Z"},
		{"2024/02/05", "2024-02-05"},
		// RFC 1123 and friends (feeds, e-mail)
		{"Mon, 05 Feb 2024 14:00:00 +0000", "2024-02-05T14:00:00Z"},
		{"Mon, 5 Feb 2024 14:00:00 GMT", "2024-02-05T14:00:00Z"},
		{"Tue, 06 Feb 2024 09:30:00 -0500", "2024-02-06T09:30:00-05:00"},
		// English prose dates
		{"June 11, 2024", "2024-06-11"},
		{"Published June 11, 2024 - 00:06am", "2024-06-11T00:06:00"},
		{"Feb. 5, 2024 10:32 AM EST", "2024-02-05T10:32:00-05:00"},
		{"Feb. 5, 2024, 3:15 p.m. ET", "2024-02-05T15:15:00"},
		{"5 February 2024", "2024-02-05"},
		{"5th February 2024", "2024-02-05"},
		{"Monday, the 5th of February 2024 at 10:32", "2024-02-05T10:32:00"},
		{"Updated: 12:05 PM GMT, Tue February 6, 2024", "2024-02-06T12:05:00Z"},
		{"Posted on Sept. 3, 2023", "2023-09-03"},
		{"Last updated on 3 Sep 2023 at 8 pm", "2023-09-03T20:00:00"},
		{"Date: 2023-09-03", "2023-09-03"},
		{"December 31, 1999 11:59 PM PST", "1999-12-31T23:59:00-08:00"},
		{"12 Mar 2024 14:05 UTC+3", "2024-03-12T14:05:00+03:00"},
		// numeric dates: a day above 12 decides, dots are day first
		{"05.02.2024", "2024-02-05"},
		{"25/12/2023", "2023-12-25"},
		{"12/25/2023", "2023-12-25"},
		{"02/05/2024", "2024-02-05"}, // ambiguous: month first, as in US English
		// other languages through the library
		{"5 février 2024", "2024-02-05"},
		{"5. Februar 2024", "2024-02-05"},
		{"5 de febrero de 2024", "2024-02-05"},
		{"Pubblicato il 5 febbraio 2024", "2024-02-05"},
		{"2024年2月5日", "2024-02-05"},
		{"13 января 2015 г. в 13:34", "2015-01-13T13:34:00"},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if !ok || got != tt.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"Egypt",              // no digit: a library could make "today" of anything
		"today",              // relative
		"yesterday at 10:00", // relative, and no full date
		"2 hours ago",
		"June 2024",   // no day
		"5 Feb",       // no year
		"Feb 30 2024", // no such day
		"1707134400",  // a timestamp is not a date line
		"3024-02-05",  // year out of range
		"1850-02-05",
		"Sources 2024",
		"In 2024 he went 5 times",
		"The talks on June 11, 2024 ended without a deal.",
		"Page 2 of 5",
		"25:61 June 5 2024",
	} {
		if got, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %q, want rejection", in, got)
		}
	}
}

// TestParseDateContext checks the article context: day-first numeric
// dates outside English, and no library call when no language is given.
func TestParseDateContext(t *testing.T) {
	if got, ok := parseDate("06/02/2024", []string{"fr"}, true); !ok || got != "2024-02-06" {
		t.Errorf("day first: got %q, %v", got, ok)
	}
	if got, ok := parseDate("Publié le 5 février 2024 à 10h30", []string{"fr"}, true); !ok || got != "2024-02-05T10:30:00" {
		t.Errorf("French label: got %q, %v", got, ok)
	}
	if got, ok := parseDate("13 января 2015 г.", []string{}, false); ok {
		t.Errorf("no languages: library must not be called, got %q", got)
	}
}

func BenchmarkParseDate(b *testing.B) {
	in := []string{"2024-02-05T10:00:00Z", "Published June 11, 2024 - 00:06am", "Mon, 05 Feb 2024 14:00:00 +0000"}
	for b.Loop() {
		for _, s := range in {
			ParseDate(s)
		}
	}
}

// TestParseDateEuropean: the fast path reads the usual date lines of
// French, German, Spanish, Italian, Portuguese and Dutch sites.
func TestParseDateEuropean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Publié le 5 février 2024 à 10h30", "2024-02-05T10:30:00"},
		{"Mis à jour le 06/02/2024 à 08:15", "2024-02-06T08:15:00"},
		{"mardi 6 février 2024", "2024-02-06"},
		{"Veröffentlicht am 5. Februar 2024, 10:32 Uhr", "2024-02-05T10:32:00"},
		{"Stand: 05.02.2024 14:30 Uhr", "2024-02-05T14:30:00"},
		{"am 5. März 2024 um 14:30 Uhr", "2024-03-05T14:30:00"},
		{"Actualizado el 5 de febrero de 2024 a las 10:32 CET", "2024-02-05T10:32:00+01:00"},
		{"martes, 6 de febrero de 2024", "2024-02-06"},
		{"Pubblicato il 5 febbraio 2024 alle 10:32", "2024-02-05T10:32:00"},
		{"5 de fevereiro de 2024 às 10h32", "2024-02-05T10:32:00"},
		{"Gepubliceerd op 5 februari 2024 om 10:32", "2024-02-05T10:32:00"},
	}
	for _, tt := range tests {
		if got, ok := parseDate(tt.in, []string{}, false); !ok || got != tt.want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	// English "am" still means ante meridiem.
	if got, _ := ParseDate("Feb 5, 2024 10 am"); got != "2024-02-05T10:00:00" {
		t.Errorf("10 am: %q", got)
	}
	if got, ok := ParseDate("Standard 2024 edition"); ok {
		t.Errorf("label inside a word: %q", got)
	}
}
