package names

import (
	"strings"
	"sync"
)

// Phonetic keys compare words spelled by different romanisation systems.
//
// romanKey folds the spellings that the romanisations of Korean and Arabic
// names disagree on, keeping vowels:
//
//   - McCune-Reischauer (1939) against the Revised Romanization of Korean
//     (2000): MR writes the plain stops k, t, p, ch word-initially and the
//     aspirated ones k', t', p', ch'; RR writes g, d, b, j and k, t, p, ch.
//     So k/g, t/d, p/b and ch/j fold together (the apostrophes are gone
//     after normalisation), MR's ŏ and ŭ (o, u once the breve is stripped)
//     meet RR's eo and eu, and r/l (ㄹ) fold together: "Choson" and
//     "Joseon", "Kim Chong Un" and "Kim Jong Un" share keys. The English
//     spelling that writes ŏ as u at the end of a syllable in n, ng or l
//     ("Kim Il Sung", "Chosun", "Young-chul") folds to o.
//   - Wade-Giles against pinyin (ISO 7098) for Chinese names: ts is z and
//     -ung is -ong, with the stops folded as above: "Mao Tse-tung" and
//     "Mao Zedong" share keys.
//   - The common English, French and German spellings of Arabic names
//     (UNGEGN's report on romanisation systems lists them): q/k/g for ق,
//     dh/d for ذ, th/t, kh/h (the Russian rendering of ح), sh/s, and
//     ai/ay/ei/ey for the diphthong: "Qaddafi", "Gaddafi" and "Kadhafi",
//     "Hussein" and "Husayn" share keys.
//
// skeleton keeps only a word's consonant classes (vowels, y and w dropped,
// doubled letters once): how a word written in a consonantal script
// (Arabic, Hebrew) compares with its Latin spellings, and how long Latin
// spellings of one Arabic name compare ("Muhammad", "Mohammed",
// "Mokhammed" all read m-h-m-d).

// appendKey appends the key of the lower-case ASCII word w to dst; with
// vowels false it is the consonant skeleton. Words with other characters
// (a consonantal word's mark aside) are appended as they are.
func appendKey(dst []byte, w string, vowels bool) []byte {
	w = strings.TrimPrefix(w, string(consonantal))
	if !isASCII(w) {
		return append(dst, w...)
	}
	if vowels {
		if k, ok := koreanSurnames[w]; ok {
			return append(dst, k...)
		}
	}
	start := len(dst)
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		var out byte
		switch {
		case next == 'h' && (c == 'c' || c == 'z'):
			out, i = 'j', i+1
		case next == 'h' && c == 's':
			out, i = 's', i+1
		case next == 'h' && c == 'k':
			out, i = 'h', i+1
		case next == 'h' && (c == 'g' || c == 'd' || c == 't'):
			out, i = c, i+1
		case next == 'h' && c == 'p':
			out, i = 'f', i+1
		case vowels && next == 's' && c == 't':
			out, i = 'z', i+1 // Wade-Giles ts, pinyin z
		case vowels && c == 'e' && next == 'o', vowels && c == 'o' && next == 'o':
			out, i = 'o', i+1
		case vowels && (c == 'e' && next == 'u' || c == 'o' && next == 'u'):
			out, i = 'u', i+1
		case vowels && c == 'u' && (next == 'n' || next == 'l') && i > 0 && !isVowel(w[i-1]) && (i+2 == len(w) || next == 'n' && w[i+2] == 'g' && i+3 == len(w)):
			out = 'o' // "Sung", "Chosun", "Chul": the older spelling of ŏng, ŏn, ŏl
		case vowels && c == 'e' && next == 'e':
			out, i = 'i', i+1
		case vowels && (c == 'a' || c == 'e') && (next == 'i' || next == 'y'):
			out, i = 'e', i+1
		default:
			out = c
		}
		switch out {
		case 'g', 'q', 'c':
			out = 'k'
		case 'b':
			out = 'p'
		case 'd':
			out = 't'
		case 'r':
			out = 'l'
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
			if !vowels {
				continue
			}
		}
		if len(dst) > start && dst[len(dst)-1] == out {
			continue // a doubled letter once
		}
		dst = append(dst, out)
	}
	if vowels && len(dst)-start > 1 && dst[len(dst)-1] == 'h' && isVowel(dst[len(dst)-2]) {
		dst = dst[:len(dst)-1] // "Oh", "Abdullah"
	}
	return dst
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// koreanSurnames are the spellings of the commonest Korean surnames that
// the letter rules above do not bring together (이 Lee/Rhee/Yi/Ri/I, 박
// Park/Pak/Bak, 최 Choi/Choe, 노 Roh/Noh, 류 Ryu/Yu/Yoo, 임 Lim/Rim/Im,
// 오 Oh/O), mapped to one key. Source: the National
// Institute of Korean Language's survey of surname romanisations (2009).
var koreanSurnames = map[string]string{
	"lee": "i", "rhee": "i", "yi": "i", "ri": "i", "i": "i", "rhie": "i", "li": "i",
	"park": "pak", "pak": "pak", "bak": "pak", "pack": "pak",
	"choi": "joe", "choe": "joe", "chwe": "joe", "choy": "joe",
	"roh": "no", "noh": "no", "no": "no", "ro": "no",
	"ryu": "yu", "yu": "yu", "yoo": "yu", "you": "yu", "lyu": "yu", "ryoo": "yu",
	"lim": "im", "rim": "im", "im": "im", "yim": "im",
	"oh": "o", "o": "o",
}

// keySimilarity is the similarity that the keys of two words give: 0.9
// when they share their key, or for words of six letters or more their
// consonant skeleton; otherwise 0.
func keySimilarity(x, y string) float64 {
	if keyHead(x) != keyHead(y) && !(len(x) <= 5 && len(y) <= 5 && koreanSurnames[x] != "" && koreanSurnames[y] != "") || !isASCII(x) || !isASCII(y) {
		return 0
	}
	var bx, by [48]byte
	if string(appendKey(bx[:0], x, true)) == string(appendKey(by[:0], y, true)) {
		return 0.9
	}
	if len(x)+len(y) >= 11 && min(len(x), len(y)) >= 5 {
		// a skeleton of two consonants is shared by words that have
		// little else in common ("clearwell" and "galloway" read k-l); an
		// Arabic name's root has three ("qadhaf" and "gaddef" read k-t-f,
		// "ba'aysir" and "bashir" p-s-l), which a word of five letters
		// spells when the other has six or more ("zuraik" and "zraiq",
		// z-r-k, a.k.a.s on OFAC's list); two words of five share too
		// many skeletons
		if sx := appendKey(bx[:0], x, false); len(sx) >= 3 && string(sx) == string(appendKey(by[:0], y, false)) {
			return 0.85
		}
	}
	return 0
}

// keyHead is the first letter of a word's keys, or 0: words whose keys
// start differently share neither key, and most pairs of words are told
// apart here, without building the keys.
func keyHead(w string) byte {
	if len(w) == 0 {
		return 0
	}
	c := w[0]
	if len(w) > 1 && w[1] == 'h' {
		switch c {
		case 'c', 'z':
			return 'j'
		case 'k':
			return 'h'
		case 'p':
			return 'f'
		}
	}
	switch c {
	case 'g', 'q', 'c', 'k':
		return 'k'
	case 'b':
		return 'p'
	case 'd':
		return 't'
	case 'r':
		return 'l'
	case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
		return 'a' // the skeleton drops vowels: any vowel may start the other word
	}
	return c
}

// consonantalSimilarity compares a word romanised from a consonantal script
// with another word by their skeletons: 1 − OSA distance / longer skeleton,
// times 0.95 (a skeleton says less than a spelling).
//
// A consonantal script's letter may be read more than one way, and its
// Latin spellings write the other reading (consonantalReadings): the best
// reading counts. So does reading a Latin spelling's ch as kh, as German
// and Hebrew romanisations write خ and ח ("Chai", "Chasdai").
func consonantalSimilarity(x, y string) float64 {
	if !isConsonantal(x) {
		x, y = y, x
	}
	s := skeletonSimilarity(x, y)
	if isConsonantal(y) {
		return s // both read by one table
	}
	for _, r := range consonantalReadings {
		if strings.Contains(x, r[0]) {
			s = max(s, skeletonSimilarity(strings.ReplaceAll(x, r[0], r[1]), y))
		}
	}
	if strings.Contains(x, "kh") && strings.Contains(y, "ch") {
		s = max(s, skeletonSimilarity(x, strings.ReplaceAll(y, "ch", "kh")))
	}
	return s
}

// consonantalReadings are the other readings of letters of Arabic,
// Persian and Hebrew romanised by translit.go: w, the letter that is a
// vowel in most names and a consonant in some (و, ו: "Yunus" and
// "Vahidi", "Yinon" and "David"), which the skeleton leaves out; Hebrew's
// ts (צ), written z ("Zion"); and its v, f and kh after a vowel, which
// names from Yiddish and other languages write b, p and k ("Gabriel",
// "Gopstein").
var consonantalReadings = [][2]string{{"w", "v"}, {"ts", "z"}, {"f", "p"}, {"v", "b"}, {"kh", "k"}}

// skeletonSimilarity is 1 − OSA distance / longer skeleton, times 0.95.
func skeletonSimilarity(x, y string) float64 {
	var bx, by [48]byte
	sx, sy := appendKey(bx[:0], x, false), appendKey(by[:0], y, false)
	n := max(len(sx), len(sy))
	if n == 0 {
		return 0
	}
	return 0.95 * (1 - float64(osaSeq(sx, sy))/float64(n))
}

// isConsonantal tells whether w was romanised from a consonantal script.
func isConsonantal(w string) bool {
	return len(w) >= 2 && w[0] == 0xCA && w[1] == 0xBE // U+02BE in UTF-8
}

// joinedKeySimilarity is the similarity of the keys of two names' words
// joined without spaces ("joseon" against "choson", "gim jeong eun"
// against "kimjongun"), times 0.95; when a word of either name is
// consonantal, of their skeletons ("ʾbd al ʾlh" against "abdallah": an
// Arabic name's words are not split where its Latin spellings split them).
// 0 when a word is in no Latin spelling.
func joinedKeySimilarity(a, b []string) float64 {
	vowels := true
	for _, t := range a {
		vowels = vowels && !isConsonantal(t)
	}
	for _, t := range b {
		vowels = vowels && !isConsonantal(t)
	}
	var bx, by [96]byte
	kx, ky := bx[:0], by[:0]
	for _, t := range a {
		if !isASCII(strings.TrimPrefix(t, string(consonantal))) {
			return 0
		}
		kx = appendKey(kx, t, vowels)
	}
	for _, t := range b {
		if !isASCII(strings.TrimPrefix(t, string(consonantal))) {
			return 0
		}
		ky = appendKey(ky, t, vowels)
	}
	n := max(len(kx), len(ky))
	if n == 0 {
		return 0
	}
	return 0.95 * (1 - float64(levenshtein(kx, ky))/float64(n))
}

// koreanSyllables holds every Korean syllable as the McCune-Reischauer and
// the Revised Romanization spell it (breves and apostrophes dropped):
// the initials, vowels and finals of both systems' tables, combined. A
// word of a name that is one of them is a syllable of a Korean name, where
// one letter changed makes another syllable ("Hyok", "Hyon"). The set is
// built on first use, so that commands that match no name never pay for it.
var koreanSyllables = sync.OnceValue(func() map[string]bool {
	initials := []string{"", "g", "k", "kk", "n", "d", "t", "tt", "r", "l", "m", "b", "p", "pp", "s", "ss", "sh", "j", "ch", "jj", "tch", "h"}
	vowels := []string{"a", "ae", "ya", "yae", "eo", "o", "e", "yeo", "yo", "ye", "wa", "wae", "oe", "u", "wo", "weo", "we", "wi", "yu", "eu", "ui", "i"}
	finals := []string{"", "k", "g", "n", "t", "d", "l", "r", "m", "p", "b", "ng", "s"}
	set := make(map[string]bool, len(initials)*len(vowels)*len(finals))
	for _, i := range initials {
		for _, v := range vowels {
			for _, f := range finals {
				set[i+v+f] = true
			}
		}
	}
	return set
})

// isKoreanSyllable reports whether w is a Korean syllable as one of the two
// romanisations spells it (koreanSyllables).
func isKoreanSyllable(w string) bool { return koreanSyllables()[w] }

// frenchSimilarity is 0.9, as for a shared key, when x and y are one name
// once a French spelling of an Arabic name is read as its English one, and
// 0 otherwise: "Ayache" and "Ayash", "Hassane" and "Hassan", "Djamel" and
// "Jamel". France and the Maghreb romanise Arabic by French letter values,
// which the UNGEGN's Technical reference manual for the standardization of
// geographical names (2007) and its report on the romanisation systems in
// use set beside the English ones: ch for ش (sh), ou for و (u), dj for ج
// (j), and a mute final e. Only a word with one of those French marks is
// read so, and never a Korean syllable ("che", "chu"), whose ch is not sh.
func frenchSimilarity(x, y string) float64 {
	var bx, by [48]byte
	fx, okx := appendFrench(bx[:0], x)
	fy, oky := appendFrench(by[:0], y)
	if (okx || oky) && string(fx) == string(fy) {
		return 0.9
	}
	return 0
}

// appendFrench appends the English spelling of the lower-case word w read
// as French (see frenchSimilarity) to dst, and whether w has a French mark;
// without one, or for a word that is not ASCII or is a Korean syllable, w
// itself.
func appendFrench(dst []byte, w string) ([]byte, bool) {
	n := len(w)
	muteE := n >= 4 && w[n-1] == 'e' && !isVowel(w[n-2]) && w[n-2] != 'y'
	if !isASCII(w) || n > 40 || !muteE && !strings.Contains(w, "ou") && !strings.Contains(w, "dj") || isKoreanSyllable(w) {
		return append(dst, w...), false
	}
	if muteE {
		n--
	}
	for i := 0; i < n; i++ {
		switch {
		case w[i] == 'c' && i+1 < n && w[i+1] == 'h':
			dst = append(dst, 's', 'h')
			i++
		case w[i] == 'o' && i+1 < n && w[i+1] == 'u':
			dst = append(dst, 'u')
			i++
		case w[i] == 'd' && i+1 < n && w[i+1] == 'j':
			dst = append(dst, 'j')
			i++
		default:
			dst = append(dst, w[i])
		}
	}
	return dst, true
}
