package un

import (
	"regexp"
	"slices"
	"strings"
)

// listedNames is the names one name field of the list holds. The UN list
// packs several names into one ALIAS_NAME (27 of them in the list of 27 February
// 2026), and once into an entity's FIRST_NAME:
//
//   - separated by semicolons: "Qasim Soleimani; Qasem Sulaimani; …"
//     (IRi.039), "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES
//     BUSINESS COMPANY (GLBC)" (CDe.003);
//   - a name followed by its other spellings in parentheses, the one in
//     its own script marked "(original script)": "أبو بكر البغدادي الحسيني
//     القريشي (Abu Bakr al-Baghdadi al-Husayni al-Quraishi; Abu Bakr
//     al-Baghdadi)" (QDi.299), "Hay’at Tahrir al-Sham (HTS) (هيئة تحرير
//     الشام (original script); Hay’at Tahrir al-Sham; …)" (QDe.137);
//   - an enumeration run on inside one alias: "Mohammed Sabet; Mohammad
//     Sabet b) M. Javad Kareemi Sabet; …" (IRi.034).
//
// Kept whole, such a field is no name anyone is screened by: a query of
// one of its names covers a fraction of it. A field without a semicolon is
// one name, its parentheses included ("(HTS)", "(CAGL)"). The names come
// in their order, each once, trimmed, none empty.
func listedNames(s string) []string {
	var out []string
	add := func(n string) {
		n = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(n), "(original script)"))
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	var split func(s string)
	split = func(s string) {
		if !strings.Contains(s, ";") {
			add(s)
			return
		}
		if i, j, ok := listGroup(s); ok {
			split(s[:i] + s[j+1:])
			for _, p := range topLevel(s[i+1 : j]) {
				split(p)
			}
			return
		}
		for _, p := range topLevel(s) {
			for _, q := range enumeration.Split(p, -1) {
				add(q)
			}
		}
	}
	split(s)
	return out
}

// enumeration is the marker of an item of a list run on inside a name
// ("… Sabet b) M. Javad …").
var enumeration = regexp.MustCompile(`\s[a-z]\)\s`)

// listGroup is the first parenthesised group of s, at the top level, that
// holds a semicolon at its own level: the bounds of its parentheses.
func listGroup(s string) (open, close int, ok bool) {
	depth, start, semi := 0, -1, false
	for i, r := range s {
		switch r {
		case '(':
			if depth == 0 {
				start, semi = i, false
			}
			depth++
		case ')':
			if depth == 0 {
				return 0, 0, false // unbalanced
			}
			depth--
			if depth == 0 && semi {
				return start, i, true
			}
		case ';':
			if depth == 1 {
				semi = true
			}
		}
	}
	return 0, 0, false
}

// topLevel splits s at the semicolons outside parentheses.
func topLevel(s string) []string {
	var parts []string
	depth, from := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		case ';':
			if depth == 0 {
				parts = append(parts, s[from:i])
				from = i + 1
			}
		}
	}
	return append(parts, s[from:])
}
