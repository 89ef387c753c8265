package names

import "strings"

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
//     Shaykh…), and the Arabic and Persian forms of the same titles.
var titleSpellings = []string{
	"mr", "mrs", "ms", "miss", "mister", "madam", "madame", "monsieur",
	"dr", "doctor", "prof", "professor", "prof dr", "professor dr",
	"sheikh", "sheik", "shaikh", "shaykh", "sheykh",
	"haji", "hajji", "hadji", "hajj", "alhaj", "alhaji", "alhajj", "al haj", "al hajj", "al haji",
	"mullah", "mulla", "molla", "mollah",
	"maulavi", "maulvi", "mawlawi", "mawlavi", "moulvi", "molvi", "maulana", "mawlana",
	"qari", "mufti", "ustad", "ustadz", "ustaz",
	// Arabic and Persian script: Haji (Persian and Arabic yeh, alef
	// maksura), al-Hajj, Mullah, Maulavi, Qari, Sheikh, Mufti, Doctor, Ustad
	"حاجى", "حاجی", "حاجي", "الحاج", "ملا", "مولوی", "مولوى", "مولوي", "قاری", "قارى", "قاري",
	"شيخ", "شیخ", "مفتی", "مفتى", "مفتي", "دكتور", "دکتور", "استاد",
}

// titleTable holds titleSpellings as tokenize folds them.
var titleTable = func() formTable {
	folded := make([]string, 0, len(titleSpellings))
	for _, s := range titleSpellings {
		folded = append(folded, strings.Join(tokenize(s), " "))
	}
	return newFormTable(map[string][]string{"title": folded})
}()

// titleWords are the titles of one word as tokenize folds them, which
// weigh as light words where cutTitles leaves them (wordWeight).
var titleWords = func() map[string]bool {
	m := map[string]bool{}
	for s := range titleTable.canon {
		if !strings.Contains(s, " ") {
			m[s] = true
		}
	}
	return m
}()

// notAvailable is how the UN Consolidated List writes a part of a name that
// is not known: its entries give a person's name in up to four fields, and
// one with a fourth name not known reads "FAIZULLAH KHAN NOORZAI na".
const notAvailable = "na"

// cutTitles returns toks, the words of s, without the titles at their
// start and after the comma of a name written "SURNAME, Given names"
// ("ROGO, Sheikh Aboud", "AL-RAWI, Hajj Fawaz", as OFAC's list writes
// persons), and the placeholders at their end: titles one after another
// ("prof dr"), the longest spelling first, and a final "na" only after
// three words or more (a short "na" is a name: "CHU, Na", "Lin Na"). At
// least one word is kept.
func cutTitles(s string, toks []string) []string {
	for len(toks) > 3 && toks[len(toks)-1] == notAvailable {
		toks = toks[:len(toks)-1]
	}
	if i := strings.IndexByte(s, ','); i > 0 && len(toks) > 2 {
		if at := len(tokenize(s[:i])); at > 0 && at < len(toks)-1 {
			if n := titleAt(toks[at:]); n > 0 {
				toks = append(toks[:at:at], toks[at+n:]...)
			}
		}
	}
	for len(toks) > 1 {
		n := titleAt(toks)
		if n == 0 {
			break
		}
		toks = toks[n:]
	}
	return toks
}

// titleAt is the number of words of the titles toks start with (0 for
// none), leaving at least one word.
func titleAt(toks []string) int {
	at := 0
	for at < len(toks)-1 {
		found := false
		for n := min(titleTable.maxLen, len(toks)-1-at); n >= 1; n-- {
			if _, ok := titleTable.lookup(toks[at : at+n]); ok {
				at, found = at+n, true
				break
			}
		}
		if !found {
			break
		}
	}
	return at
}
