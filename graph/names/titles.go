package names

import (
	"slices"
	"strings"
)

// Words written beside a person's name that are not part of it: titles of
// respect, religion and learning, and the placeholder of a name part that
// is not known. Like legal forms, they are left out of a name's core words
// (Parse), so that they weigh nothing: "Dr. Hamed Abdullah Al-Ali" is
// "Hamed Abdullah Al-Ali", "Haji Faizullah Khan Noorzai" is "Faizullah
// Khan Noorzai". A name that is nothing but a title keeps it.

// titleSpellings are the titles taken off the start of a name, as written
// (tokenize folds them as it folds names). Sources:
//
//   - the TITLE values of the UN Security Council Consolidated List
//     (Maulavi, Mullah, Haji, Qari, Alhaj, Dr., Doctor, Sheikh, Ustadz,
//     Mufti, Hadji, Professor, Sheik, Ustad, Mr), which its Taliban and
//     ISIL (Da'esh) and Al-Qaida entries also write into their aliases and
//     their names in Arabic script ("حاجى فیض الله خان نورزى");
//   - the honorifics of rigour's PERSON_NAME_PREFIXES (opensanctions/rigour,
//     resources/names/stopwords.yml), the list nomenklatura's logic-v2
//     removes before comparing names, without its military, royal and
//     office titles ("General", "King", "Director"), which also start
//     names of bodies ("General Bureau of Reconnaissance");
//   - the usual variant spellings of each (Hajji, Mawlawi, Molvi, Mulla,
//     Shaykh…), among them every spelling of Maulavi and Maulana the OFAC
//     and UN lists write (Maulawi, Moulavi, Molawi, Molavi, Moulana,
//     Molana), and the Arabic and Persian forms of the same titles.
var titleSpellings = []string{
	"mr", "mrs", "ms", "miss", "mister", "madam", "madame", "monsieur",
	"dr", "doctor", "prof", "professor",
	"sheikh", "sheik", "shaikh", "shaykh", "sheykh",
	"haji", "hajji", "hadji", "hajj", "alhaj", "alhaji", "alhajj", "al haj", "al hajj", "al haji",
	"mullah", "mulla", "molla", "mollah",
	"maulavi", "maulawi", "maulvi", "mawlawi", "mawlavi", "moulavi", "moulvi", "molavi", "molawi", "molvi",
	"maulana", "mawlana", "moulana", "molana",
	"qari", "mufti", "ustad", "ustadz", "ustaz",
	// Arabic and Persian script: Haji (Persian and Arabic yeh, alef
	// maksura), al-Hajj, Mullah, Maulavi, Qari, Sheikh, Mufti, Doctor, Ustad
	"حاجى", "حاجی", "حاجي", "الحاج", "ملا", "مولوی", "مولوى", "مولوي", "قاری", "قارى", "قاري",
	"شيخ", "شیخ", "مفتی", "مفتى", "مفتي", "دكتور", "دکتور", "استاد",
}

// titleWords and titlePairs are titleSpellings of one word and of two
// ("al haj") as tokenize folds them, titleFirsts the first words of those
// of two. A title of one word weighs as a light
// word where cutTitles leaves it (wordWeight).
var titleWords, titlePairs, titleFirsts = func() (one, two, first map[string]bool) {
	one, two, first = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, s := range titleSpellings {
		switch t := tokenize(s); len(t) {
		case 1:
			one[t[0]] = true
		case 2:
			two[t[0]+" "+t[1]], first[t[0]] = true, true
		default:
			panic("names: a title of more than two words: " + s)
		}
	}
	return one, two, first
}()

// notAvailable is how the UN Consolidated List writes a part of a name that
// is not known: its entries give a person's name in up to four fields, and
// one with a fourth name not known reads "FAIZULLAH KHAN NOORZAI na".
const notAvailable = "na"

// cutTitles returns toks, the words of s, without the titles at their
// start and after the comma of a name written "SURNAME, Given names"
// ("ROGO, Sheikh Aboud", "AL-RAWI, Hajj Fawaz", as OFAC's list writes
// persons), and the placeholders at their end: titles one after another
// ("Prof. Dr."), and a final "na" only after
// three words or more (a short "na" is a name: "CHU, Na", "Lin Na"). At
// least one word is kept.
func cutTitles(s string, toks []string) []string {
	for len(toks) > 3 && toks[len(toks)-1] == notAvailable {
		toks = toks[:len(toks)-1]
	}
	// (the words before the comma are counted only when a title may follow)
	if i := strings.IndexByte(s, ','); i > 0 && len(toks) > 2 && slices.ContainsFunc(toks[1:len(toks)-1], startsTitle) {
		if at := len(tokenize(s[:i])); at > 0 && at < len(toks)-1 {
			if n := titleAt(toks[at:]); n > 0 {
				// (the words either side of the title now meet, as
				// tokenize would read them: "A, Sheikh B" is "ab")
				toks = regroup(append(toks[:at:at], toks[at+n:]...))
			}
		}
	}
	return toks[titleAt(toks):]
}

// startsTitle tells whether a title may start with t.
func startsTitle(t string) bool { return titleWords[t] || titleFirsts[t] }

// titleAt is the number of words of the titles toks start with (0 for
// none), leaving at least one word.
func titleAt(toks []string) int {
	at := 0
	for at < len(toks)-1 {
		switch {
		case titleWords[toks[at]]:
			at++
		case at+2 < len(toks) && titlePairs[toks[at]+" "+toks[at+1]]:
			at += 2
		default:
			return at
		}
	}
	return at
}
