package un

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// listedNames is the names one name field of the list holds. The UN list
// of 27 February 2026 packs several names into one field: 49 of its
// ALIAS_NAMEs and one entity's FIRST_NAME. The shapes are these:
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
//     Sabet b) M. Javad Kareemi Sabet; …" (IRi.034);
//   - a name and, in parentheses, the same name in another script: "Jin
//     Tiesan (金铁三)" (KPi.035), "عبدالله السندي (Abdullah Sindhi)"
//     (QDi.309), "Abubakar (original script: Абубакар)" (QDi.396),
//     "شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)"
//     (QDe.137);
//   - a name followed by what the list knows of the person: "Safia Farkash
//     Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.…)" (LYi.019).
//
// Kept whole, such a field is no name anyone is screened by: a query of
// one of its names covers a fraction of it. Parentheses in one script
// with the name are part of it ("(HTS)", "(CAGL)"). The names come in
// their order, each once, trimmed, none empty.
func listedNames(s string) []string {
	var out []string
	addOne := func(n string) {
		n = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(n), "(original script)"))
		n = strings.TrimSpace(strings.TrimPrefix(n, "original script:"))
		n = strings.TrimSpace(strings.TrimSuffix(n, "- sub-unit name"))
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	add := func(n string) {
		if i := strings.Index(n, ", born "); i > 0 {
			n = n[:i]
		}
		n = strings.TrimSuffix(strings.TrimSpace(n), "(original script)")
		if i, inner, ok := otherScript(n); ok {
			addOne(n[:i])
			addOne(inner)
			return
		}
		addOne(n)
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

// otherScript finds a name's last parenthesis when it holds the name in
// another script, Latin on one side and not on the other ("Jin Tiesan
// (金铁三)"; "(original script: Абубакар)"): where it opens and what it
// holds.
func otherScript(n string) (open int, inner string, ok bool) {
	n = strings.TrimSpace(n)
	if !strings.HasSuffix(n, ")") {
		return 0, "", false
	}
	open = strings.LastIndexByte(n, '(')
	if open <= 0 {
		return 0, "", false
	}
	inner = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n[open+1:len(n)-1]), "original script:"))
	a, b := letterScript(n[:open]), letterScript(inner)
	return open, inner, a != mixed && b != mixed && a != b
}

// script is whether the letters of a text are all Latin, none is, or
// both kinds are there (or none at all).
type script int

const (
	mixed script = iota
	latin
	nonLatin
)

// letterScript is the script of s's letters.
func letterScript(s string) script {
	lat, other := false, false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.Is(unicode.Latin, r) {
				lat = true
			} else {
				other = true
			}
		}
	}
	switch {
	case lat && !other:
		return latin
	case other && !lat:
		return nonLatin
	}
	return mixed
}
