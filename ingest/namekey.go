package ingest

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// legalForms are company-form words that say nothing about which party a
// name denotes ("Pan Systems Pte. Ltd." is "Pan Systems").
var legalForms = map[string]bool{
	"ltd": true, "limited": true, "co": true, "company": true, "corp": true, "corporation": true,
	"inc": true, "incorporated": true, "llc": true, "llp": true, "lp": true, "plc": true,
	"pte": true, "pty": true, "sdn": true, "bhd": true, "berhad": true, "gmbh": true, "ag": true,
	"sa": true, "sarl": true, "srl": true, "spa": true, "bv": true, "nv": true, "kk": true,
	"jsc": true, "ojsc": true, "cjsc": true, "pjsc": true, "ooo": true, "oao": true, "zao": true,
	"fze": true, "fzco": true, "fzc": true, "dmcc": true, "ag&co": true, "kg": true, "oy": true,
	"ab": true, "as": true, "asa": true, "pvt": true, "the": true,
}

// nameKey folds a party's name for blocking SAME_AS candidates: diacritics
// and punctuation dropped, lower case, legal forms dropped, words sorted (so
// "KIM Jong Un" and "Jong Un Kim" agree). A name made only of legal forms
// keeps them.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '.':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	all := strings.Fields(b.String())
	words := make([]string, 0, len(all))
	for _, w := range all {
		if !legalForms[w] {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		words = all
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}
