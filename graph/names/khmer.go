package names

import "strings"

// Khmer writes a syllable as a consonant, the consonants stacked under it
// (after the coeng, ្), a vowel sign and a final consonant; a consonant
// with no vowel sign carries the inherent vowel of its series, and the
// vowel signs read otherwise after the consonants of the first (a) series
// and of the second (o) series. khmerAt romanises a Khmer word by the
// UNGEGN/BGN-PCGN 1972 romanisation of Khmer, without its diacritics: the
// consonant values (ខ kh, ឆ chh, ញ nh, ផ ph), the inherent vowels (â a, ô
// o) and the vowel signs by series (ា a and ea, ិ e and i, ី ei and i, ុ o
// and u, ែ ae and e, ោ ao and o, ៀ ie); the series shifters ៉ and ៊ move a
// consonant to the other series. A bare consonant after a vowel closes
// the syllable, as in the monosyllables that Khmer names are made of:
// "ហ៊ុន សែន" is Hun Saen (Hun Sen), "ជា ស៊ីម" Chea Sim, "គុន គីម" Kun Kim.

// khmerConsonant is a consonant's value and whether it is of the o series.
type khmerConsonant struct {
	value   string
	oSeries bool
}

var khmerConsonants = map[rune]khmerConsonant{
	'ក': {"k", false}, 'ខ': {"kh", false}, 'គ': {"k", true}, 'ឃ': {"kh", true}, 'ង': {"ng", true},
	'ច': {"ch", false}, 'ឆ': {"chh", false}, 'ជ': {"ch", true}, 'ឈ': {"chh", true}, 'ញ': {"nh", true},
	'ដ': {"d", false}, 'ឋ': {"th", false}, 'ឌ': {"d", true}, 'ឍ': {"th", true}, 'ណ': {"n", false},
	'ត': {"t", false}, 'ថ': {"th", false}, 'ទ': {"t", true}, 'ធ': {"th", true}, 'ន': {"n", true},
	'ប': {"b", false}, 'ផ': {"ph", false}, 'ព': {"p", true}, 'ភ': {"ph", true}, 'ម': {"m", true},
	'យ': {"y", true}, 'រ': {"r", true}, 'ល': {"l", true}, 'វ': {"v", true}, 'ឝ': {"s", false},
	'ឞ': {"s", false}, 'ស': {"s", false}, 'ហ': {"h", false}, 'ឡ': {"l", false}, 'អ': {"", false},
}

// khmerVowels are the vowel signs, read after a consonant of the a series
// and of the o series.
var khmerVowels = map[rune][2]string{
	'ា': {"a", "ea"}, 'ិ': {"e", "i"}, 'ី': {"ei", "i"}, 'ឹ': {"oe", "ue"}, 'ឺ': {"eu", "eu"},
	'ុ': {"o", "u"}, 'ូ': {"ou", "u"}, 'ួ': {"uo", "uo"}, 'ើ': {"aeu", "eu"}, 'ឿ': {"oea", "oea"},
	'ៀ': {"ie", "ie"}, 'េ': {"e", "e"}, 'ែ': {"ae", "e"}, 'ៃ': {"ai", "ey"}, 'ោ': {"ao", "o"},
	'ៅ': {"au", "ov"},
}

// khmerIndependent are the independent vowels.
var khmerIndependent = map[rune]string{
	'ឥ': "e", 'ឦ': "ei", 'ឧ': "o", 'ឩ': "ou", 'ឪ': "ov", 'ឫ': "rue", 'ឬ': "rue", 'ឭ': "lue",
	'ឮ': "lue", 'ឯ': "ae", 'ឰ': "ai", 'ឱ': "ao", 'ឲ': "ao", 'ឳ': "au",
}

const (
	khmerCoeng       = '្'
	khmerMuusikatoan = '៉' // to the a series
	khmerTriisap     = '៊' // to the o series
	khmerNikahit     = 'ំ'
	khmerReahmuk     = 'ះ'
)

// isKhmer tells whether r is in the Khmer block.
func isKhmer(r rune) bool { return r >= 0x1780 && r <= 0x17FF }

// khmerAt romanises the run of Khmer letters and signs that starts at
// rs[i], and says how many runes it took (at least one).
func khmerAt(rs []rune, i int) (string, int) {
	var b strings.Builder
	open := false // a syllable has its vowel and no final yet
	j := i
	for j < len(rs) && isKhmer(rs[j]) {
		r := rs[j]
		if r >= 0x17E0 && r <= 0x17E9 {
			b.WriteByte(byte('0' + r - 0x17E0))
			j, open = j+1, false
			continue
		}
		if v, ok := khmerIndependent[r]; ok {
			b.WriteString(v)
			j, open = j+1, true
			continue
		}
		c, ok := khmerConsonants[r]
		if !ok {
			j++ // a sign with no consonant before it
			continue
		}
		b.WriteString(c.value)
		k := j + 1
		stacked := false
		for k+1 < len(rs) && rs[k] == khmerCoeng {
			if sub, ok := khmerConsonants[rs[k+1]]; ok {
				b.WriteString(sub.value)
				stacked = true
			}
			k += 2
		}
		o := c.oSeries
		vowel, signed, nikahit, reahmuk := "", false, false, false
	signs:
		for ; k < len(rs); k++ {
			s := rs[k]
			v, isVowel := khmerVowels[s]
			switch {
			case s == khmerMuusikatoan:
				o = false
			case s == khmerTriisap:
				o = true
			case isVowel && o:
				vowel, signed = v[1], true
			case isVowel:
				vowel, signed = v[0], true
			case s == khmerNikahit:
				nikahit = true
			case s == khmerReahmuk:
				reahmuk = true
			case s >= 0x17C8 && s <= 0x17D3 && s != khmerCoeng:
				// signs of length and of Sanskrit: not written
			default:
				break signs
			}
		}
		bare := !signed && !stacked && !nikahit && !reahmuk
		if bare && open {
			// a final consonant
			j, open = k, false
			continue
		}
		if !signed {
			vowel = "a"
			if o {
				vowel = "o"
			}
		}
		if nikahit {
			switch {
			case !signed && o:
				vowel = "u"
			case vowel == "ea":
				vowel = "oa"
			}
			vowel += "m"
		}
		b.WriteString(vowel)
		if reahmuk {
			b.WriteByte('h')
		}
		j, open = k, !nikahit && !reahmuk
	}
	return b.String(), max(j-i, 1)
}
