package ingest

import (
	"testing"

	"golang.org/x/text/language"
)

// TestCountryTable checks the table against ISO 3166-1: 249 officially
// assigned codes (plus Kosovo's XK), no code or name twice, and every
// alpha-3 code as CLDR (golang.org/x/text/language) has it for the alpha-2.
func TestCountryTable(t *testing.T) {
	if len(countries) != 250 {
		t.Errorf("%d countries, want ISO 3166-1's 249 and XK", len(countries))
	}
	a2, a3, names := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range countries {
		if a2[c.Alpha2] || a3[c.Alpha3] || names[countryKey(c.Name)] {
			t.Errorf("%v: code or name given twice", c)
		}
		a2[c.Alpha2], a3[c.Alpha3], names[countryKey(c.Name)] = true, true, true
		if c.Alpha2 == "XK" {
			continue
		}
		r, err := language.ParseRegion(c.Alpha2)
		if err != nil {
			t.Errorf("%s: not a region in CLDR: %v", c.Alpha2, err)
			continue
		}
		if got := r.ISO3(); got != c.Alpha3 {
			t.Errorf("%s: alpha-3 %s, CLDR says %s", c.Alpha2, c.Alpha3, got)
		}
	}
	for name, code := range countryVariants {
		if !a2[code] {
			t.Errorf("variant %q maps to %s, which is not in the table", name, code)
		}
	}
}

func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{
		"kp": "KP", "KP": "KP", "PRK": "KP", "prk": "KP",
		"North Korea": "KP", "Korea, North": "KP", "DPRK": "KP", "D.P.R.K.": "KP",
		"Democratic People's Republic of Korea": "KP", "Democratic People’s Republic of Korea": "KP",
		"Korea, Democratic People's Republic of": "KP", "Korea (Democratic People's Republic of)": "KP",
		"South Korea": "KR", "Korea, South": "KR", "Republic of Korea": "KR", "KOR": "KR",
		"Hong Kong": "HK", "HONG KONG": "HK", "Hong Kong SAR": "HK", "Burma": "MM", "Myanmar": "MM",
		"  Malaysia ": "MY", "United States": "US", "USA": "US", "U.S.A.": "US", "UK": "GB",
		"Côte d'Ivoire": "CI", "Cote d'Ivoire": "CI", "Ivory Coast": "CI", "Türkiye": "TR", "Turkey": "TR",
		"The Bahamas": "BS", "Bahamas, The": "BS", "Saint Kitts & Nevis": "KN", "Russia": "RU",
		"Iran (Islamic Republic of)": "IR", "Congo, Democratic Republic of the": "CD", "Congo": "CG",
		"xk": "XK", "Kosovo": "XK",
	} {
		got, ok := CountryCode(in)
		if !ok || got != want {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Atlantis", "ZZ", "EU", "SU", "North", "K", "Korea North Korea"} {
		if got, ok := CountryCode(in); ok {
			t.Errorf("CountryCode(%q) = %q: want unknown", in, got)
		}
	}
}
