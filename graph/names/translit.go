package names

import (
	"strings"
	"unicode"

	"github.com/gosimple/unidecode"
)

// Romanisation of the scripts that appear on sanctions lists and in
// registries beside Latin names. Each rune becomes a fixed Latin string; the
// variation between romanisation systems (McCune-Reischauer against the
// Revised Romanization, "Qaddafi" against "Gaddafi") is absorbed when words
// are compared (see romanKey and skeleton in phonetic.go), not here.
//
//   - Cyrillic follows BGN/PCGN without its diacritics (ж zh, х kh, ц ts,
//     щ shch, й y, ю yu, я ya), with the Ukrainian, Belarusian and South
//     Slavic letters added. Russian names romanised by other systems (ISO 9,
//     passports' ICAO tables) differ in a letter or two, which Similarity
//     absorbs.
//   - Greek follows ELOT 743 without its digraph rules (θ th, χ ch, ψ ps).
//   - Hangul syllables are decomposed arithmetically (The Unicode Standard,
//     ch. 3.12, "Conjoining Jamo Behavior") and romanised by the letter values
//     of the Revised Romanization of Korean (Ministry of Culture and Tourism
//     notice 2000-8), without its assimilation rules; each syllable is a
//     word, as lists write Korean names ("Kim Jong Un"), and romanKey maps
//     the McCune-Reischauer spellings (ch'/k'/p'/t', ŏ, ŭ) and the Revised
//     ones (j/g/b/d, eo, eu) to one key.
//   - Arabic and Persian letters follow the consonant values of the
//     UNGEGN/BGN-PCGN 1956 romanisation of Arabic (ث th, ح h, خ kh, ذ dh,
//     ش sh, ع and ء unwritten, غ gh, ق q); the script does not write short
//     vowels, so the word starts with the mark ʾ (U+02BE) that says it is
//     consonantal, and Similarity compares it with Latin spellings by their
//     consonants (skeleton). The article ال is split off as "al".
//   - Hebrew is treated the same way, with the letter values of Unidecode
//     and the rules of context of hebrew.go (ב v and פ f after a vowel, ו
//     a vowel letter).
//   - Armenian follows BGN/PCGN 1981 (armenian, armenianAt).
//   - Burmese is romanised a syllable at a time by the conventional
//     spellings of names (burmese.go), each syllable a word.
//   - Khmer follows UNGEGN/BGN-PCGN 1972, its vowels read by the series of
//     their consonant (khmer.go).
//   - Ethiopic follows the Library of Congress romanisation of Amharic
//     (ethiopic.go).
//   - The scripts of India and Sri Lanka add the inherent a to Unidecode's
//     letters (indic.go).
//   - Every other script (Han, kana, Georgian, Thai, Lao…) and
//     the letters of those of India are romanised by the tables of Sean M. Burke's
//     Unidecode (Text::Unidecode, ported to Go as
//     github.com/gosimple/unidecode): Han characters by their Mandarin
//     reading, one word each ("毛泽东" → "mao ze dong"), kana by Hepburn.
//     Greek and Latin letters with diacritics are left to NFKD.

var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
	// Ukrainian and Belarusian
	'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
	// Serbian, Macedonian
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
}

var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps",
	'ω': "o",
}

// armenian follows the BGN/PCGN 1981 romanisation of Armenian without its
// apostrophes (թ t, ժ zh, խ kh, ծ ts, ձ dz, ղ gh, ճ ch, չ ch, ջ j, ռ r,
// ց ts, փ p, ք k); armenianAt adds its rules of context: ու is u, ե is ye
// and ո is vo at the start of a word, և is yev there and ev elsewhere.
// "Ռուբեն" is Ruben, "Երևան" Yerevan.
var armenian = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y",
	'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h",
	'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o",
	'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r",
	'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
}

// armenianAt romanises the Armenian letter at rs[i] (armenian), and says
// how many runes it took: 0 when rs[i] is no Armenian letter.
func armenianAt(rs []rune, i int) (string, int) {
	if rs[i] < 0x0531 || rs[i] > 0x0587 {
		return "", 0
	}
	r := unicode.ToLower(rs[i])
	rom, ok := armenian[r]
	if !ok {
		return "", 0
	}
	if r == 'ո' && i+1 < len(rs) && unicode.ToLower(rs[i+1]) == 'ւ' {
		return "u", 2
	}
	if i == 0 || !unicode.IsLetter(rs[i-1]) {
		switch r {
		case 'ե':
			return "ye", 1
		case 'ո':
			return "vo", 1
		case 'և':
			return "yev", 1
		}
	}
	return rom, 1
}

// Latin letters that NFKD does not decompose into a base letter and a mark.
var latinExtra = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ħ': "h", 'ŋ': "ng", 'ĸ': "k", 'ſ': "s",
}

var (
	hangulInitial = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulMedial  = [21]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulFinal   = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

const (
	hangulBase  = 0xAC00
	hangulLast  = 0xD7A3
	hangulVT    = 21 * 28
	hangulFinCt = 28
)

// arabic holds the consonant values of Arabic and Persian letters (see the
// comment above); long vowels written as letters keep their consonant
// value (ا a, و w, ي y) and the hamza, ayn and tatweel are not written.
// The alef maksura ى reads y like the Arabic and the Persian yeh (ي, ی):
// Persian and Pashto names, the UN list's among them, are often written
// with ى for the final ی ("حنفى" Hanafi), and Latin spellings of an
// Arabic final ى (Musa, Mustafa) lose it in the skeleton either way.
var arabic = map[rune]string{
	'ء': "", 'آ': "a", 'أ': "a", 'ؤ': "w", 'إ': "i", 'ئ': "y", 'ا': "a", 'ب': "b",
	'ة': "a", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh",
	'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z",
	'ع': "", 'غ': "gh", 'ـ': "", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m",
	'ن': "n", 'ه': "h", 'و': "w", 'ى': "y", 'ي': "y", 'ٱ': "a",
	// Persian and Urdu
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'ک': "k", 'گ': "g", 'ی': "y", 'ۀ': "h", 'ە': "h",
	'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n", 'ھ': "h", 'ے': "y", 'ہ': "h",
	// Pashto, by the values of the BGN/PCGN 1968 romanisation of Pashto
	// (ټ t, ډ d, ړ r, ښ sh, ږ zh, ڼ n, ګ g, ې e, ۍ y), but for ځ and څ, which
	// it writes dz and ts and the UN and OFAC lists z and s ("ځدران",
	// MUHAMMAD OMAR ZADRAN, UN TAi.171)
	'ټ': "t", 'ډ': "d", 'ړ': "r", 'ښ': "sh", 'ږ': "zh", 'ځ': "z", 'څ': "s", 'ڼ': "n",
	'ګ': "g", 'ې': "y", 'ۍ': "y",
}

// romanise returns the Latin spelling of a lower-case rune from a table, and
// whether it had one.
func romanise(r rune) (string, bool) {
	switch {
	case r < 0x0370:
		s, ok := latinExtra[r]
		return s, ok
	case r >= 0x0400 && r <= 0x04FF:
		s, ok := cyrillic[r]
		return s, ok
	case r >= 0x0370 && r <= 0x03FF:
		s, ok := greek[r]
		return s, ok
	case r >= hangulBase && r <= hangulLast:
		i := int(r - hangulBase)
		// a space after each syllable: Korean names are compared syllable
		// by syllable
		return hangulInitial[i/hangulVT] + hangulMedial[(i%hangulVT)/hangulFinCt] + hangulFinal[i%hangulFinCt] + " ", true
	case r >= 0x0660 && r <= 0x0669:
		return string('0' + r - 0x0660), true
	case r >= 0x06F0 && r <= 0x06F9:
		return string('0' + r - 0x06F0), true
	case isArabic(r):
		s, ok := arabic[r]
		return s, ok
	case r >= 0x0590 && r <= 0x05FF:
		if r < 0x05D0 || r > 0x05EA {
			return "", true // points and punctuation: the script is consonantal
		}
		return strings.ToLower(strings.TrimSpace(unidecode.Unidecode(string(r)))), true
	case r >= 0x1200 && r <= 0x1357:
		return ethiopicAt(r)
	case r >= 0x0530 && (r < 0x1E00 || r > 0x1FFF) && (unicode.IsLetter(r) || unicode.IsMark(r)) && !unicode.In(r, unicode.Latin):
		// letters and vowel signs of Brahmic and other scripts
		s := strings.ToLower(unidecode.Unidecode(string(r)))
		return s, s != ""
	}
	s, ok := latinExtra[r]
	return s, ok
}

// consonantal is the mark that starts a word romanised from a script that
// does not write short vowels.
const consonantal = '\u02be'

// isAbjad tells whether r is a letter of a script that does not write short
// vowels (Arabic, Persian, Hebrew).
func isAbjad(r rune) bool {
	return isArabic(r) && !(r >= 0x0660 && r <= 0x0669 || r >= 0x06F0 && r <= 0x06F9) && unicode.IsLetter(r) || r >= 0x05D0 && r <= 0x05EA
}

func isArabic(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// persianLetters are the letters the Persian alphabet adds to the Arabic
// one (پ چ ژ گ, and its own kaf and yeh): a name that has one is read
// with persianValues.
const persianLetters = "پچژگکی"

// persianValues are the letters that Persian (and Dari, and Pashto) read
// otherwise than Arabic, as the BGN/PCGN 1958 romanisation of Persian
// spells them: ث and ص s, ذ ض and ظ z. "نذیر" is Nazir, "فیض" Faiz, where
// the Arabic values would give ndhyr and fyd.
var persianValues = map[rune]string{'ث': "s", 'ص': "s", 'ذ': "z", 'ض': "z", 'ظ': "z"}

// joinTheophoric joins the compounds that Arabic script writes as two
// words and the Latin lists as one: a name and Allah ("فیض الله", Faizullah;
// "عبد الله", Abdullah) or al-Din ("شمس الدين", Shamsuddin). fold has
// read them as a consonantal word, the article and "ʾlh" or "ʾdyn"; they
// become one consonantal word, the article's l assimilated as Latin
// spellings write it (Faizullah, Shamsuddin), compared by its skeleton
// as any other (consonantalSimilarity).
func joinTheophoric(toks []string) []string {
	return joinPairs(toks, func(i int) (string, int) {
		if i+2 < len(toks) && isConsonantal(toks[i]) && toks[i+1] == "al" && (toks[i+2] == theAllah || toks[i+2] == theDin) {
			return toks[i] + strings.TrimPrefix(toks[i+2], string(consonantal)), 3
		}
		return "", 0
	})
}

// theAllah and theDin are الله and دين as fold reads them after the article.
const (
	theAllah = string(consonantal) + "lh"
	theDin   = string(consonantal) + "dyn"
)
