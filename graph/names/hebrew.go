package names

import (
	"strings"

	"github.com/gosimple/unidecode"
)

// hebrewAt romanises the Hebrew letter rs[i] for comparison by consonants
// (Hebrew, like Arabic, does not write short vowels; see translit.go),
// with the rules of context that Latin spellings of Hebrew names follow
// (the Academy of the Hebrew Language's romanisation rules of 2006):
//
//   - ב, כ and פ are b, k and p at the start of a word and v, kh and f
//     after a vowel, as names say them (Avraham, Yaakov, Mikhael, Yosef);
//     final ך and ף are kh and f;
//   - ו is mostly a vowel letter (o, u: ינון Yinon, ציון Zion), so it is
//     not counted as a consonant;
//   - a geresh after צ, ג or ז writes ch, j and zh (סמוטריץ' Smotrich).
//
// Other letters keep Unidecode's values.
func hebrewAt(rs []rune, i int) string {
	r := rs[i]
	initial := i == 0 || !isHebrewLetter(rs[i-1])
	geresh := i+1 < len(rs) && (rs[i+1] == '\'' || rs[i+1] == '\u05F3' || rs[i+1] == '\u2019')
	switch {
	case r == 'ו':
		return "w"
	case r == 'ב' && !initial:
		return "v"
	case r == 'כ' && !initial, r == 'ך':
		return "kh"
	case r == 'פ' && !initial, r == 'ף':
		return "f"
	case geresh && (r == 'צ' || r == 'ץ'):
		return "ch"
	case geresh && r == 'ג':
		return "j"
	case geresh && r == 'ז':
		return "zh"
	}
	return strings.ToLower(strings.TrimSpace(unidecode.Unidecode(string(r))))
}

// isHebrewLetter tells whether r is a letter of the Hebrew alphabet.
func isHebrewLetter(r rune) bool { return r >= 0x05D0 && r <= 0x05EA }
