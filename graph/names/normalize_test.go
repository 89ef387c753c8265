package names

import (
	"slices"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Samsung Electronics Co., Ltd.", "samsung electronics co ltd"},
		{"SAMSUNG ELECTRONICS COMPANY LIMITED", "samsung electronics co ltd"},
		{"Pan Systems Pte. Ltd.", "pan systems pte ltd"},
		{"Pan Systems Private Limited", "pan systems pte ltd"},
		{"International Global System Sdn. Bhd.", "international global system sdn bhd"},
		{"International Global System Sendirian Berhad", "international global system sdn bhd"},
		{"Société Générale S.A.", "societe generale sa"},
		{"Müller GmbH", "muller gmbh"},
		{"J.P. Morgan & Co.", "jp morgan co"},
		{"Tom & Jerry Trading Co", "tom and jerry trading co"},
		{"O'Brien L.L.C.", "obrien llc"},
		{"Foo Limited Liability Company", "foo llc"},
		{"Korea Kwangson Banking Corp.", "korea kwangson banking corp"},
		{"Microsoft Corporation", "microsoft corp"},
		{"Apple Inc.", "apple inc"},
		{"Apple Incorporated", "apple inc"},
		{"Ａｐｐｌｅ Inc.", "apple inc"},       // full-width letters (NFKD)
		{"OOO «Ромашка»", "ooo romashka"}, // Cyrillic, prefix form
		{"ОАО Газпром", "ojsc gazprom"},   // prefix form canonicalised
		{"Public Joint Stock Company Sberbank", "pjsc sberbank"},
		{"Sberbank PJSC", "sberbank pjsc"},
		{"Йошкар-Ола", "yoshkar ola"},
		{"Ἀθῆναι", "athinai"},    // Greek with breathings and accents
		{"김정은", "gim jeong eun"}, // Hangul, Revised Romanization, by syllable
		{"Straße", "strasse"},
		{"Łódź Trading Company Limited", "lodz trading co"},
		{"KIM, Yong Chol", "kim yong chol"},
		{"  many   spaces\tand\nbreaks ", "many spaces and breaks"},
		{"Company Limited", "company ltd"}, // a core word is always kept
		{"Harbourlight Trading Ltd (illustrative)", "harbourlight trading co"},
		{"Islamic Revolutionary Guard Corps (IRGC)", "islamic revolutionary guard corps"},
		{"Wee Tiong (S) Pte Ltd", "wee tiong s pte ltd"},
		{"(illustrative)", "illustrative"},
		{"Zimbabwe Defence Industries (Pvt) Ltd.", "zimbabwe defence industries pte ltd"},
		{"Kestrel Perseroan Terbatas", "kestrel pt"},
		{"Anadolu Anonim Sirketi", "anadolu as"},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseForms(t *testing.T) {
	tests := []struct {
		in    string
		core  []string
		forms []string
	}{
		{"Samsung Electronics Co., Ltd.", []string{"samsung", "electronics"}, []string{"co ltd"}},
		{"Glocom Trading Co Ltd", []string{"glocom"}, []string{"trading co"}},
		{"OOO Romashka", []string{"romashka"}, []string{"ooo"}},
		{"PT Bank Mandiri Tbk", []string{"bank", "mandiri"}, []string{"pt", "tbk"}},
		{"Smith & Co.", []string{"smith"}, []string{"co"}},
		{"Tom & Jerry", []string{"tom", "jerry"}, nil},
		{"Import & Export & Trading Ltd", []string{"import", "export"}, []string{"trading co"}},
		{"The Bank of Korea", []string{"bank", "of", "korea"}, nil},
		{"Reconnaissance General Bureau", []string{"reconnaissance", "general", "bureau"}, nil},
		{"Acme Holdings GmbH & Co. KG", []string{"acme", "holdings"}, []string{"kg"}},
		{"Emirates Gold FZE", []string{"emirates", "gold"}, []string{"fze"}},
		{"Jadebridge Import & Export Co., Ltd. (illustrative)", []string{"jadebridge", "import", "export"}, []string{"co ltd"}},
	}
	for _, tt := range tests {
		got := Parse(tt.in)
		if !slices.Equal(got.Tokens, tt.core) || !slices.Equal(got.Forms, tt.forms) {
			t.Errorf("Parse(%q) = %q %q, want %q %q", tt.in, got.Tokens, got.Forms, tt.core, tt.forms)
		}
	}
}

// TestParseSurname checks which names Parse reads as written surname
// first, and how many of their words the surname is.
func TestParseSurname(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"RODRIGUEZ OLIVERA, Miguel", 2}, // OFAC SDN
		{"KIM, Jong Un", 1},
		{"Haji KHAN, Ali", 1},         // a title is no part of the surname
		{"CONSORCIO NUJOMA, S.C.", 0}, // a legal form after the comma
		{"FUTBOL Y CORAZON, ASOCIACION CIVIL", 0},
		{"Kim Jong Un", 0},
		{"KHAN,", 0},
		{", Ali", 0},
	} {
		if got := Parse(tt.in).Surname; got != tt.want {
			t.Errorf("Parse(%q).Surname = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	same := [][]string{
		{"Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS COMPANY LIMITED", "Electronics Samsung", "samsung-electronics co ltd"},
		{"Kim Yong Chol", "KIM, Yong Chol", "Chol Yong KIM"},
		{"Société Générale S.A.", "SOCIETE GENERALE", "Generale, Societe SA"},
	}
	for _, group := range same {
		want := Key(group[0])
		for _, s := range group[1:] {
			if got := Key(s); got != want {
				t.Errorf("Key(%q) = %q, want %q (as Key(%q))", s, got, want, group[0])
			}
		}
	}
	if Key("Pan Systems Pte. Ltd.") == Key("Pan Systems Pyongyang Branch") {
		t.Errorf("different companies share a key")
	}
}

// FuzzNormalize checks that Normalize is idempotent, that Key is stable
// under normalisation, and that nothing panics on arbitrary input.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Samsung Electronics Co., Ltd.", "OOO «Ромашка»", "김정은", "S.A. de C.V.", "a.b.c", "&&&", "'", "\x00", "Ἀθῆναι", "ǅ", "\xff\xfe", "華信船務(香港)有限公司", "株式会社 三星",
		"ROGO, Sheikh Aboud", "FAIZULLAH KHAN NOORZAI na", "حاجى فیض الله خان نورزى", "شمس الدين", "ﻤﺤﻤﺪ", "Ռուբեն Երևան և", "မင်းအောင်လှိုင် သင်္ဘော ့်", "ហ៊ុន សែន ្ ំ ភ្នំពេញ", "नरेन्द्र ्क क़ি", "ኢትዮጵያ ቈ ፚ", "סמוטריץ' יעקב ך"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, n, again)
		}
		if Key(n) != Key(s) {
			t.Fatalf("Key(%q) = %q but Key(Normalize) = %q", s, Key(s), Key(n))
		}
	})
}
