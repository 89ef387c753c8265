package names

// Romanisation tables for the scripts that appear on sanctions lists and in
// registries beside Latin names. They are deliberately simple: one rune to a
// fixed Latin string, no context rules.
//
//   - Cyrillic follows BGN/PCGN without its diacritics (ж zh, х kh, ц ts,
//     щ shch, й y, ю yu, я ya), with the Ukrainian, Belarusian and South
//     Slavic letters added. Russian names romanised by other systems (ISO 9,
//     passports' ICAO tables) differ in a letter or two, which Similarity
//     absorbs.
//   - Greek follows ELOT 743 without its digraph rules (θ th, χ ch, ψ ps).
//   - Hangul syllables are decomposed arithmetically (Unicode ch. 3.12) and
//     romanised by the Revised Romanization's letter values, without its
//     assimilation rules. North Korean names on sanctions lists are spelled
//     in McCune-Reischauer ("Kim Jong Un", not "Gim Jeong-eun"), so a name
//     written in Hangul matches its listed Latin spelling only loosely.
//
// Chinese, Japanese, Arabic and other scripts are kept as they are (lower
// cased): transliterating them well needs dictionaries, and the lists
// shellnet reads give their Latin spellings as aliases.

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

// romanise returns the Latin spelling of a lower-case rune from a table, and
// whether it had one.
func romanise(r rune) (string, bool) {
	switch {
	case r >= 0x0400 && r <= 0x04FF:
		s, ok := cyrillic[r]
		return s, ok
	case r >= 0x0370 && r <= 0x03FF:
		s, ok := greek[r]
		return s, ok
	case r >= hangulBase && r <= hangulLast:
		i := int(r - hangulBase)
		return hangulInitial[i/hangulVT] + hangulMedial[(i%hangulVT)/hangulFinCt] + hangulFinal[i%hangulFinCt], true
	}
	s, ok := latinExtra[r]
	return s, ok
}
