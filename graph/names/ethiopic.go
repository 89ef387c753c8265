package names

// The Ethiopic script of Amharic and Tigrinya is a syllabary: each
// consonant has a row of seven vowel orders (ä, u, i, a, e, ə, o) and
// often an eighth (wa). ethiopicAt romanises a syllable by the Library of
// Congress romanisation of Amharic without its diacritics (ቀ q, ጠ t, ጸ ts,
// ኘ ny, ሸ sh), writing the first order e, as names do (መለስ ዜናዊ Meles
// Zenawi), but a after the glottal consonants (አብይ Abiy), and the sixth,
// a consonant alone or with a short ə, without a vowel.

// ethiopicRows are the consonants of the rows of eight from U+1200, in
// order ("" for a glottal or pharyngeal consonant, "-" for a row of
// labialised forms, read with the consonant of the row before).
var ethiopicRows = []string{
	"h", "l", "h", "m", "s", "r", "s", "sh", // U+1200
	"q", "-", "q", "-", "b", "v", "t", "ch", // U+1240
	"h", "-", "n", "ny", "", "k", "-", "kh", // U+1280
	"-", "w", "", "z", "zh", "y", "d", "d", // U+12C0
	"j", "g", "-", "g", "t", "ch", "p", "ts", // U+1300
	"ts", "f", "p", // U+1340
}

// ethiopicVowels are the vowels of the orders.
var ethiopicVowels = [8]string{"e", "u", "i", "a", "e", "", "o", "wa"}

// ethiopicAt romanises r, a syllable of the Ethiopic block, or says it is
// none.
func ethiopicAt(r rune) (string, bool) {
	if r < 0x1200 || r > 0x1357 {
		return "", false
	}
	row, order := int(r-0x1200)/8, int(r-0x1200)%8
	if row >= len(ethiopicRows) {
		return "", false
	}
	c := ethiopicRows[row]
	if c == "-" {
		// a labialised row: the consonant of the row before, w, and the
		// vowel (ቈ qwe, ኰ kwe)
		c = ethiopicRows[row-1] + "w"
		if order == 0 {
			return c + "e", true
		}
		return c + ethiopicVowels[order], true
	}
	v := ethiopicVowels[order]
	if c == "" && order == 0 {
		v = "a"
	}
	return c + v, true
}
