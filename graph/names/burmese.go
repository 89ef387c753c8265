package names

import "strings"

// Burmese is written without spaces between syllables, each syllable a
// consonant (or the vowel carrier အ) with medials, vowel signs, a final
// consonant killed by the asat (်) and tone marks; Latin lists write a
// Burmese name syllable by syllable ("မင်းအောင်လှိုင်", Min Aung Hlaing).
// burmeseAt romanises one syllable by the conventional spellings of
// Burmese personal names, which follow the BGN/PCGN 1970 romanisation of
// Burmese (its consonant values, with ခ kh, ဆ s and ဖ ph as names write
// them, and its rimes: -င် in, ောင် aung, ိုင် aing, ိန် ein, ုန် on) and
// write a final nasal in the creaky tone (့) with a t ("မြင့်" Myint,
// "ညွန့်" Nyunt, "သန့်" Thant). Tone is otherwise not written, nor is
// vowel length ("စု" is su; lists write Suu, one letter apart).

// burmeseConsonants are the consonant values, the vowel carrier အ none.
var burmeseConsonants = map[rune]string{
	'က': "k", 'ခ': "kh", 'ဂ': "g", 'ဃ': "g", 'င': "ng", 'စ': "s", 'ဆ': "s", 'ဇ': "z",
	'ဈ': "z", 'ဉ': "ny", 'ည': "ny", 'ဋ': "t", 'ဌ': "ht", 'ဍ': "d", 'ဎ': "d", 'ဏ': "n",
	'တ': "t", 'ထ': "ht", 'ဒ': "d", 'ဓ': "d", 'န': "n", 'ပ': "p", 'ဖ': "ph", 'ဗ': "b",
	'ဘ': "b", 'မ': "m", 'ယ': "y", 'ရ': "y", 'လ': "l", 'ဝ': "w", 'သ': "th", 'ဟ': "h",
	'ဠ': "l", 'အ': "", 'ဿ': "th",
}

// burmeseVowels are the independent vowel letters.
var burmeseVowels = map[rune]string{
	'ဣ': "i", 'ဤ': "i", 'ဥ': "u", 'ဦ': "u", 'ဧ': "e", 'ဩ': "aw", 'ဪ': "aw",
}

const (
	burmeseAsat   = '်'
	burmeseVirama = '္'
)

// isBurmese tells whether r is in the Myanmar block.
func isBurmese(r rune) bool { return r >= 0x1000 && r <= 0x109F }

// burmeseAt romanises the Burmese syllable that starts at rs[i], followed
// by a space, and says how many runes it took: 0 when rs[i] starts none.
func burmeseAt(rs []rune, i int) (string, int) {
	r := rs[i]
	if r >= 0x1040 && r <= 0x1049 {
		return string('0' + r - 0x1040), 1
	}
	onset, isCons := burmeseConsonants[r]
	var (
		medialY, medialW, medialH, e, aa, vi, vu, ai, anusvara, creaky, oo bool
		final                                                              rune
	)
	if !isCons {
		// an independent vowel is the syllable's vowel
		v, ok := burmeseVowels[r]
		if !ok {
			return "", 0
		}
		vi, vu, e, aa = v == "i", v == "u", v == "e" || v == "aw", v == "aw"
		if r == 'ဦ' && i > 0 && isBurmese(rs[i-1]) {
			// ဦး in a name is written Oo ("Mya Tun Oo"), starting one it
			// is the honorific U
			oo = true
		}
	}
	j := i + 1
scan:
	for ; j < len(rs); j++ {
		switch rs[j] {
		case 'ျ', 'ြ':
			medialY = true
		case 'ွ':
			medialW = true
		case 'ှ':
			medialH = true
		case 'ေ':
			e = true
		case 'ာ', 'ါ':
			aa = true
		case 'ိ', 'ီ':
			vi = true
		case 'ု', 'ူ':
			vu = true
		case 'ဲ':
			ai = true
		case 'ံ':
			anusvara = true
		case '့':
			creaky = true
		case 'း', burmeseAsat:
			// a tone, or the asat that marks one after ာ
		default:
			// a consonant killed by the asat or stacked on the next
			// (virama) closes the syllable
			// (the creaky tone's dot is written before the asat)
			k := j + 1
			if k < len(rs) && rs[k] == '့' {
				k++
			}
			if _, ok := burmeseConsonants[rs[j]]; ok && final == 0 && k < len(rs) && (rs[k] == burmeseAsat || rs[k] == burmeseVirama) {
				final, creaky = rs[j], creaky || k > j+1
				j = k
				if rs[j] == burmeseVirama {
					j++
					break scan
				}
				continue
			}
			break scan
		}
	}
	if oo {
		return "oo ", j - i
	}
	var b strings.Builder
	switch {
	case medialH && (r == 'ရ' || r == 'ယ'):
		b.WriteString("sh")
	case medialH:
		b.WriteString("h" + onset)
	case medialY && r == 'ခ':
		b.WriteString("ch")
	default:
		b.WriteString(onset)
	}
	if medialY && r != 'ခ' && !(medialH && (r == 'ရ' || r == 'ယ')) {
		b.WriteByte('y')
	}
	aw, o := e && aa, vi && vu
	nasal := anusvara || final == 'န' || final == 'မ'
	closed := final == 'တ' || final == 'ပ'
	switch {
	case medialW && (nasal || closed):
		// ွန် un, ွတ် ut: the medial is the vowel
		b.WriteByte('u')
	case medialW:
		b.WriteByte('w')
	}
	wVowel := medialW && (nasal || closed)
	switch {
	case final == 0 && !anusvara, final == 'လ':
		// (a final l, in words from Pali, is not said: ဗိုလ် Bo)
		switch {
		case aw:
			b.WriteString("aw")
		case o:
			b.WriteString("o")
		case e, ai:
			b.WriteString("e")
		case vi:
			b.WriteString("i")
		case vu:
			b.WriteString("u")
		default:
			b.WriteString("a")
		}
	case final == 'က':
		switch {
		case aw:
			b.WriteString("auk")
		case o:
			b.WriteString("aik")
		default:
			b.WriteString("et")
		}
	case final == 'င':
		switch {
		case aw:
			b.WriteString("aung")
		case o:
			b.WriteString("aing")
		default:
			b.WriteString("in")
			if creaky {
				b.WriteByte('t')
			}
		}
	case final == 'စ':
		b.WriteString("it")
	case final == 'ည':
		b.WriteString("i")
	case final == 'ဉ':
		b.WriteString("in")
	case final == 'ယ':
		b.WriteString("e")
	case closed:
		switch {
		case wVowel:
			b.WriteString("t")
		case vi:
			b.WriteString("eik")
		case vu:
			b.WriteString("ok")
		default:
			b.WriteString("at")
		}
	case nasal:
		switch {
		case wVowel:
			b.WriteString("n")
		case vi:
			b.WriteString("ein")
		case vu:
			b.WriteString("on")
		default:
			b.WriteString("an")
		}
		if creaky {
			b.WriteByte('t')
		}
	default:
		// a final the conventional spellings do not name: its consonant
		b.WriteString("a" + burmeseConsonants[final])
	}
	b.WriteByte(' ')
	return b.String(), j - i
}
