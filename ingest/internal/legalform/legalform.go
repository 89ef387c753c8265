// Package legalform tells whether a party's name carries a company's legal
// form ("LTD", "S.A.", "JSC", "Sdn Bhd"), the evidence sanctions lists give
// for telling a company from another kind of organisation.
package legalform

import (
	"strings"
	"unicode"
)

// anywhere are forms and words that mark a company wherever they stand in
// the name: they are not ordinary words in any of the lists' languages.
var anywhere = map[string]bool{
	"LTD": true, "LIMITED": true, "LLC": true, "INC": true, "INCORPORATED": true,
	"CORP": true, "CORPORATION": true, "COMPANY": true, "PLC": true, "GMBH": true,
	"JSC": true, "OJSC": true, "CJSC": true, "PJSC": true, "PAO": true, "OAO": true,
	"ZAO": true, "OOO": true, "LLP": true, "PTE": true, "PTY": true,
	"BHD": true, "FZE": true, "FZCO": true, "FZC": true, "FZLLC": true, "SARL": true,
	"LTDA": true, "SPA": true, "SRL": true, "SAC": true, "SAS": true, "SAPI": true,
	"BANK": true, "BANCO": true, "BANQUE": true, "TRADING": true, "ENTERPRISE": true,
	"ENTERPRISES": true, "INDUSTRIES": true, "INDUSTRIAL": true, "SHIPPING": true,
	"AIRLINES": true, "AIRWAYS": true, "HOLDING": true, "HOLDINGS": true,
	"CIA": true, "COMPANIA": true, "SOCIEDAD": true, "EMPRESA": true, "KFT": true,
	"DOO": true, "SRO": true, "TOO": true, "TOV": true, "EOOD": true, "OOD": true,
	"KABUSHIKI": true, "KAISHA": true, "GIE": true, "EIRL": true,
}

// last are short forms that mark a company only at the end of a name
// ("PAN SYSTEMS CO", "ABC S.A."), where they cannot be an ordinary word.
var last = map[string]bool{
	"CO": true, "SA": true, "AG": true, "BV": true, "NV": true, "AB": true, "OY": true,
	"AS": true, "SL": true, "LP": true, "KG": true, "CV": true, "AO": true,
	"SE": true, "SPZOO": true, "SDN": true,
}

// Has reports whether name carries a company's legal form. Dots are
// dropped first so that "S.A." reads as "SA" and "L.L.C." as "LLC".
func Has(name string) bool {
	words := strings.FieldsFunc(strings.ToUpper(strings.ReplaceAll(name, ".", "")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		if anywhere[w] {
			return true
		}
		if i == len(words)-1 && last[w] {
			return true
		}
	}
	return false
}
