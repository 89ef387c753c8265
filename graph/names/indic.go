package names

import (
	"strings"
	"unicode"

	"github.com/gosimple/unidecode"
)

// The scripts of India and Sri Lanka (Devanagari, Bengali, Gurmukhi,
// Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala) write a
// consonant with an inherent a that a vowel sign replaces and the virama
// silences (ISO 15919, the transliteration of all of them, writes it, as
// does the Hunterian system that Indian names in Latin letters follow:
// नरेन्द्र Narendra, not nrendr). indicAt romanises a letter by Unidecode's
// values, adds the inherent a, and writes long vowels as names do, with
// one letter (मोदी Modi). In Hindi, Punjabi, Gujarati and Bengali the
// inherent a of a word's last consonant is not said, nor written in names,
// unless a cluster ends the word (अमित Amit, शाह Shah; नरेन्द्र Narendra).

// indicBlock is the offset of r in its script's block of 128 code points,
// and whether r is in one of the scripts above.
func indicBlock(r rune) (rune, bool) {
	if r < 0x0900 || r > 0x0DFF {
		return 0, false
	}
	return (r - 0x0900) % 0x80, true
}

// isIndicConsonant tells whether r is a consonant of those scripts.
func isIndicConsonant(r rune) bool {
	if r >= 0x0D80 {
		return r >= 0x0D9A && r <= 0x0DC6 // Sinhala
	}
	off, ok := indicBlock(r)
	return ok && (off >= 0x15 && off <= 0x39 || off >= 0x58 && off <= 0x5F) && unicode.IsLetter(r)
}

// silencesInherent tells whether r, after a consonant, takes the place of
// its inherent a: a vowel sign or the virama.
func silencesInherent(r rune) bool {
	if r >= 0x0D80 {
		return r >= 0x0DCA && r <= 0x0DDF // Sinhala al-lakuna and vowel signs
	}
	off, ok := indicBlock(r)
	return ok && off >= 0x3E && off <= 0x4D
}

// dropsFinalA tells whether the inherent a of a word's last consonant is
// left out in r's script: Devanagari (Hindi), Bengali, Gurmukhi, Gujarati.
func dropsFinalA(r rune) bool { return r >= 0x0900 && r <= 0x0AFF }

// indicAt romanises rs[i], a letter or sign of those scripts.
func indicAt(rs []rune, i int) string {
	r := rs[i]
	s := strings.ToLower(unidecode.Unidecode(string(r)))
	s = strings.NewReplacer("aa", "a", "ii", "i", "uu", "u").Replace(s)
	if !isIndicConsonant(r) {
		return s
	}
	j := i + 1
	for j < len(rs) && isNukta(rs[j]) {
		j++
	}
	if j < len(rs) && silencesInherent(rs[j]) {
		return s
	}
	if dropsFinalA(r) && (j == len(rs) || !unicode.IsLetter(rs[j]) && !unicode.IsMark(rs[j])) {
		// the last consonant of a word, unless a cluster ends the word
		if !(i >= 2 && isIndicConsonant(rs[i-2]) && isVirama(rs[i-1])) {
			return s
		}
	}
	return s + "a"
}

func isNukta(r rune) bool {
	off, ok := indicBlock(r)
	return ok && r < 0x0D80 && off == 0x3C
}

func isVirama(r rune) bool {
	if r >= 0x0D80 {
		return r == 0x0DCA
	}
	off, ok := indicBlock(r)
	return ok && off == 0x4D
}
