package names

import "testing"

// TestVariants checks the spellings that sanctions lists and their
// romanisation standards publish for one name against MatchThreshold, and
// names that differ in what matters against it.
func TestVariants(t *testing.T) {
	same := [][2]string{
		// OFAC SDN "KIM, Jong Un" (a.k.a. "KIM, Jong-un"); Hangul by the
		// Unicode decomposition; McCune-Reischauer "Kim Chŏng-ŭn"
		{"김정은", "KIM, Jong Un"},
		{"KIM, Jong-un", "Kim Chŏng-ŭn"},
		{"KimJongUn", "KIM, Jong Un"},
		{"K. Jong Un", "KIM, Jong Un"},
		{"Jong Un Kim", "KIM, Jong Un"},
		// the DPRK's name, as Wiktionary's ko-pron tests give it in the
		// Revised Romanization and McCune-Reischauer
		{"조선민주주의인민공화국", "Joseon minjujuui inmin gonghwaguk"},
		{"Joseon minjujuui inmin gonghwaguk", "Chosŏn minjujuŭi inmin konghwaguk"},
		// OFAC SDN "QADHAFI, Muammar" and its a.k.a.s; UN original script
		{"QADHAFI, Muammar", "GADDAFI, Muammar"},
		{"QADHAFI, Muammar", "KADHAFI, Moammar"},
		{"معمر القذافي", "Muammar QADHAFI"},
		{"Muhammad", "Mohammed"},
		{"Mokhammed", "Muhammad"},
		{"SADDAM HUSSEIN AL-TIKRITI", "صدام حسين التكريتي"}, // UN IQi.001
		{"MUHAMMAD OMAR ZADRAN", "محمد عمر ځدران"},          // UN TAi.171, Pashto ځ
		{"Husayn", "Hussein"},
		// a given name written together and apart, or moved: OFAC a.k.a.s
		{"DROUKDEL, Abdelmalek", "DRUKDAL, 'Abd al-Malik"},
		{"SAFAVI, Yahya Rahim", "YAHYA SAFAVI, Sayed"},
		{"TABATABA'I, Haytham 'Ali", "TABATABAI, Abu Ali"}, // a kunya
		// a chain spelled otherwise, or with a name added: OFAC a.k.a.s
		{"ROUINE, Lazher Ben Khalifa Ben Ahmed", "ROUINE, Al-Azhar Ben Khalifa Ben Ahmed"},
		{"AUF, Awad Ibn", "AUF, Awad Muhammad Ibn"},
		// Muhammad abbreviated: OFAC SDN 22563, 26120 and 18621 and their
		// a.k.a.s
		{"SHAH, Mohd Yusuf", "SHAH, Mohammad Yusuf"},
		{"ALCHWIKI, Mhd Amer", "ALCHWIKI, Mohamad Amer"},
		{"IBRAHIM, Muh Sholeh", "IBRAHIM, Muhammad Sholeh"},
		// spelled-out and abbreviated legal forms, numbers, acronyms
		{"Obshchestvo s Ogranichennoy Otvetstvennostyu Gudzon", "OOO Gudzon"},
		{"Gudzon Limited Liability Company", "Gudzon LLC"},
		{"Unit One Hundred Eighty", "Unit 180"},
		{"SECOND ACADEMY OF NATURAL SCIENCES", "2ND ACADEMY OF NATURAL SCIENCES"}, // UN KPe.018
		{"KPA", "Korean People's Army"},
		{"CAGL", "COMPAGNIE AERIENNE DES GRANDS LACS"}, // OFAC SDN 10117, a French particle
		{"PDVSA", "PETROLEOS DE VENEZUELA, S.A."},      // OFAC SDN 26367, the form's letters
		// a line of business ("brothers", "company") does not name the
		// party: OFAC SDN 20820 and its a.k.a.
		{"AL-OMGY AND BROTHERS MONEY EXCHANGE", "AL-OMGY COMPANY FOR MONEY EXCHANGE"},
		// OFAC SDN 29849 and its a.k.a.; SDN 27308's a.k.a.s (BLUENOROFF)
		{"ADVANCED PERSISTENT THREAT 39", "APT39"},
		{"APT 38", "Advanced Persistent Threat 38"},
		{"MODERN INDUSTRIES TECHNIQUE COMPANY (MITEC)", "MITEC"}, // OFAC a.k.a.
		{"KWANGSONBANK", "Korea Kwangson Bank"},
		// a name clipped into one word: OFAC SDN 23066 and 28177 and
		// their a.k.a.s
		{"FANAMOJ", "FANAVARI MOJ KHAVAR CO."},
		{"MINOCONGO", "MINOTERIE DU CONGO SPRL"},
		// lines of business abbreviated (OFAC SDN 18997's a.k.a.)
		{"HESCO ENG & CON. CO", "HESCO ENGINEERING & CONSTRUCTION CO"},
		// a given name and a surname written as one word, the surname
		// written first in the other (OFAC SDN 24682, Hing Bun Hieng)
		{"HIENG, Hing Bun", "BUNHEANG, Hing"},
		// a patronymic left out (UN: "Doku Khamatovich Umarov")
		{"Doku Khamatovich Umarov", "Doku Umarov"},
		{"Умаров Доку Хаматович", "UMAROV, Doku Khamatovich"},
		// spellings of one Russian and Ukrainian surname and patronymic
		// (OFAC SDN 23582 and 26507 and their a.k.a.s), alike with and
		// without their shared endings (alikeByEnding)
		{"TIMOFEEV, Aleksandr Yurievich", "TIMOFEYEV, Aleksandr Yuryevich"},
		{"TIMOFEEV, Aleksandr Yurievich", "TYMOFEEV, Oleksandr Yuriyovich"},
		{"VYSOTSKY, Vladimir Yurievich", "VYSOTSKYI, Volodymyr Yuriyovych"},
		// Georgian, Armenian, Greek, Han, kana
		{"საქართველო", "Sakartvelo"},
		{"Հայաստան", "Hayastan"},
		// BGN/PCGN 1981 Armenian: ու is u, ե starting a word ye
		{"Ռուբեն Վարդանյան", "Ruben Vardanyan"},
		{"Երևան", "Yerevan"},
		{"Ελλάδα", "Ellada"},
		{"毛泽东", "Mao Zedong"},
		{"Mao Tse-tung", "Mao Zedong"}, // Wade-Giles, pinyin
		// Korean names in Han, read by Unihan's kHangul: Kim Jong Un and
		// Kim Il Sung in hanja, the country's name in traditional and in
		// simplified characters
		{"金正恩", "KIM, Jong Un"},
		{"金日成", "Kim Il Sung"},
		{"朝鮮", "Choson"},
		{"朝鲜", "Chosun"},
		{"朝鮮民主主義人民共和國", "Chosŏn minjujuŭi inmin konghwaguk"},
		{"トヨタ", "Toyota"},
	}
	for _, p := range same {
		if s := Similarity(p[0], p[1]); s < MatchThreshold {
			t.Errorf("Similarity(%q, %q) = %.3f, want %.2f or more", p[0], p[1], s, MatchThreshold)
		}
	}
	different := []struct {
		a, b string
		max  float64
	}{
		// a patronymic chain read the other way round is another man
		{"Ali bin Ahmad", "Ahmad bin Ali", MatchThreshold - 0.01},
		// one syllable of a two-syllable Korean given name changed: half
		// of the given name, below a certain match at 0.9
		{"KIM, Kwang Hyok", "KIM, Kwang Hyon", 0.87},
		{"KIM, Jong Un", "KIM, Jong Il", 0.8},
		// a syllable shared in another place of the given name: two
		// entries of OFAC's list (SDN 19494 and 21735)
		{"RI, Yong Mu", "RI, Su Yong", MatchThreshold - 0.01},
		// a long legal form shared, one short distinctive word differing
		{"Obshchestvo s Ogranichennoy Otvetstvennostyu Alfa", "Obshchestvo s Ogranichennoy Otvetstvennostyu Omega", 0.3},
		{"Alfa Limited Liability Company", "Beta Limited Liability Company", 0.3},
		// an acronym's number is part of the name: APT38 and APT39 are
		// two groups
		{"APT38", "Advanced Persistent Threat 39", 0.3},
		// names alike but for their numbers: two vessels of OFAC's list
		// (SDN 25283 and 25281)
		{"IRAN HORMUZ 12", "IRAN HORMUZ 25", numberPenalty},
		// two of a family: a surname shared, nothing of the given names
		// (entries of OFAC's list)
		{"RODRIGUEZ OLIVERA, Miguel", "RODRIGUEZ OLIVERA, Luis", MatchThreshold - 0.001},
		{"NASRALLAH, Jawad", "NASRALLAH, Hasan", MatchThreshold - 0.001},
		{"QANSU, Ali Muhammad", "QANSU, Jihad Muhammad", MatchThreshold - 0.001}, // a father's name shared
		// two men who share a given name, and surnames and patronymics
		// alike only by their endings: "Antipov" and "Alisov", "Yurievich"
		// and "Borisovich" (OFAC SDN 23586 and 16397)
		{"ANTIPOV, Igor Yurievich", "ALISOV, Igor Borisovich", 0.4},
		// two parties of one line of business
		{"LOS VALLES DRUG TRAFFICKING ORGANIZATION", "RUELAS TORRES DRUG TRAFFICKING ORGANIZATION", MatchThreshold - 0.01},
		// a patronymic is not clipped into a name: "Mari" and "Ana" start
		// the given name and patronymic of OFAC SDN 23949. What is left is
		// the token-set score, 0.633 ("Maria" starts "Mariana"), of a query
		// that covers 14% of the listed name: a possible match at most
		{"MARIANA", "BOVDA, Maria Anatolyevna", 0.64},
	}
	for _, d := range different {
		if s := Similarity(d.a, d.b); s > d.max {
			t.Errorf("Similarity(%q, %q) = %.3f, want %.2f at most", d.a, d.b, s, d.max)
		}
	}
}

// checkScript checks a script's romanisation: each name of spellings
// normalises to its romanisation, and each pair of matches scores
// MatchThreshold or more.
func checkScript(t *testing.T, spellings, matches [][2]string) {
	t.Helper()
	for _, tt := range spellings {
		if got := Normalize(tt[0]); got != tt[1] {
			t.Errorf("Normalize(%q) = %q, want %q", tt[0], got, tt[1])
		}
	}
	for _, p := range matches {
		if s := Similarity(p[0], p[1]); s < MatchThreshold {
			t.Errorf("Similarity(%q, %q) = %.2f, want %.2f or more", p[0], p[1], s, MatchThreshold)
		}
	}
}
