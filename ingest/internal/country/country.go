// Package country reads the country names and codes of sanctions lists and
// leak datasets as ISO 3166-1 alpha-2 codes: ingest.CountryCode, which the
// pipeline also validates countries with, plus the forms these sources
// write that it does not know.
package country

import (
	"strings"

	"github.com/shellnet/shellnet/ingest"
)

// sourceForms are names the OFAC, UN and ICIJ files use that are not in
// ingest's table, keyed in lower case. Names that span countries
// ("Region: Kafia Kingi", "former Soviet Union") and withdrawn codes
// ("Netherlands Antilles") are left out on purpose: they name no current
// country, and the address text keeps them.
var sourceForms = map[string]string{
	"cote d ivoire":         "CI", // OFAC, without the apostrophe
	"palestinian":           "PS", // OFAC nationality
	"state of palestine":    "PS", // UN
	"region: gaza":          "PS", // OFAC
	"region: crimea":        "UA", // OFAC
	"region: northern mali": "ML", // OFAC
	"china, hong kong special administrative region": "HK", // UN
	"china, macao special administrative region":     "MO", // UN
	"united republic of tanzania":                    "TZ", // UN
}

// Name returns the code of the country named s. Codes are not names:
// Name("na") is not Namibia, since the UN list writes "na" for "not
// available".
func Name(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if c, ok := sourceForms[strings.ToLower(s)]; ok {
		return c, true
	}
	if len(s) <= 2 && !strings.EqualFold(s, "UK") {
		return "", false
	}
	return ingest.CountryCode(s)
}

// Alpha2 returns the code s when it is an ISO 3166-1 alpha-2 code.
func Alpha2(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if c, ok := ingest.CountryCode(s); ok && c == s {
		return c, true
	}
	return "", false
}

// Alpha3 returns the alpha-2 code of an ISO 3166-1 alpha-3 code (ICIJ's
// country_codes: "PRK", "VGB").
func Alpha3(s string) (string, bool) {
	if s = strings.TrimSpace(s); len(s) != 3 {
		return "", false
	}
	return ingest.CountryCode(s)
}
