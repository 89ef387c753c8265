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
// नरेन्द्र Narendra, not nrendr). indicAt romanises a consonant as names
// spell it (indicConsonants), a vowel by Unidecode's values, adds the
// inherent a, and writes long vowels as names do, with one letter (मोदी
// Modi). In Hindi, Punjabi, Gujarati and Bengali the
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

// indicConsonants are the consonants' values in the Hunterian spelling of
// names, by their place in the blocks that share the ISCII layout
// (Devanagari to Malayalam; Sinhala has its own and keeps Unidecode's):
// Unidecode writes ISO 15919's letters without their dots (च c, ट tt, ष
// ss), names write च ch, ट t, ष sh ("सचिन" Sachin). The places from 0x58
// are the letters with a nukta (क़ q, ज़ z, फ़ f).
var indicConsonants = map[rune]string{
	0x15: "k", 0x16: "kh", 0x17: "g", 0x18: "gh", 0x19: "ng", 0x1A: "ch", 0x1B: "chh", 0x1C: "j",
	0x1D: "jh", 0x1E: "n", 0x1F: "t", 0x20: "th", 0x21: "d", 0x22: "dh", 0x23: "n", 0x24: "t",
	0x25: "th", 0x26: "d", 0x27: "dh", 0x28: "n", 0x29: "n", 0x2A: "p", 0x2B: "ph", 0x2C: "b",
	0x2D: "bh", 0x2E: "m", 0x2F: "y", 0x30: "r", 0x31: "r", 0x32: "l", 0x33: "l", 0x34: "l",
	0x35: "v", 0x36: "sh", 0x37: "sh", 0x38: "s", 0x39: "h",
	0x58: "q", 0x59: "kh", 0x5A: "gh", 0x5B: "z", 0x5C: "r", 0x5D: "rh", 0x5E: "f", 0x5F: "y",
}

// malayalamChillu are Malayalam's final consonants (ൺ ൻ ർ ൽ ൾ ൿ).
var malayalamChillu = map[rune]string{0x0D7A: "n", 0x0D7B: "n", 0x0D7C: "r", 0x0D7D: "l", 0x0D7E: "l", 0x0D7F: "k"}

// longVowels writes a long vowel with one letter, as names do.
var longVowels = strings.NewReplacer("aa", "a", "ii", "i", "uu", "u")

// nuktaValues are the consonants a following nukta changes, to the values
// of their letters with a nukta (above).
var nuktaValues = map[string]string{"k": "q", "kh": "kh", "g": "gh", "j": "z", "d": "r", "dh": "rh", "ph": "f", "y": "y"}

// indicAt romanises rs[i], a letter or sign of those scripts.
func indicAt(rs []rune, i int) string {
	r := rs[i]
	var s string
	off, _ := indicBlock(r)
	if c, ok := malayalamChillu[r]; ok {
		return c
	}
	if c, ok := indicConsonants[off]; ok && r < 0x0D80 && unicode.IsLetter(r) {
		s = c
		if i+1 < len(rs) && isNukta(rs[i+1]) && nuktaValues[c] != "" {
			s = nuktaValues[c]
		}
	} else {
		s = longVowels.Replace(strings.ToLower(unidecode.Unidecode(string(r))))
	}
	if isNukta(r) {
		return ""
	}
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
