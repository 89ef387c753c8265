package names

import (
	"slices"
	"testing"
)

// TestTitlesAndCompounds checks how names of the UN Consolidated List
// (testdata/namepairs.csv, see PROVENANCE.md) are taken apart: titles at
// the start and the list's "na" at the end left out, Arabic-script
// compounds with Allah and al-Din joined, Persian letter values.
func TestTitlesAndCompounds(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Dr. Hamed Abdullah Al-Ali", []string{"hamed", "abdullah", "al", "ali"}},
		{"FAIZULLAH KHAN NOORZAI na", []string{"faizullah", "khan", "noorzai"}},
		{"Haji Mullah Abdul Ghani", []string{"abdul", "ghani"}},
		{"Prof. Dr. Ahmad Karim", []string{"ahmad", "karim"}},
		{"ROGO, Sheikh Aboud", []string{"rogo", "aboud"}}, // after the surname
		{"AL-RAWI, Hajj Fawaz", []string{"al", "rawi", "fawaz"}},
		{"Mullah", []string{"mullah"}},     // a title alone is kept
		{"CHU, Na", []string{"chu", "na"}}, // a short "na" is a name
		{"Lin Na", []string{"lin", "na"}},
		{"Kim Na Young", []string{"kim", "na", "young"}},
		// Persian: ی, ض read z; the title حاجى and the compound with الله
		{"حاجى فیض الله خان نورزى", []string{"ʾfyzlh", "ʾkhan", "ʾnwrzy"}},
		{"نذیر الله حنفى ولى الله", []string{"ʾnzyrlh", "ʾhnfy", "ʾwlylh"}},
		{"شمس الدين", []string{"ʾshmsdyn"}},
		// Arabic: ذ reads dh where no Persian letter is written
		{"عبد الله", []string{"ʾbdlh"}},
		{"الحاج محمد", []string{"ʾmhmd"}},
		// presentation forms read as the letters they are
		{"ﻤﺤﻤﺪ", []string{"ʾmhmd"}},
	} {
		if got := Parse(c.name).Tokens; !slices.Equal(got, c.want) {
			t.Errorf("Parse(%q).Tokens = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestArabicNameVariants checks Similarity on names of one UN entry
// written otherwise in its aliases and in Arabic script
// (testdata/namepairs.csv): each above MatchThreshold, and the pairs of
// another entry below.
func TestArabicNameVariants(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"HAMID ABDALLAH AHMAD AL-ALI", "Dr. Hamed Abdullah Al-Ali", true},
		{"FAIZULLAH KHAN NOORZAI na", "حاجى فیض الله خان نورزى", true},
		{"NAZIRULLAH HANAFI WALIULLAH", "نذیر الله حنفى ولى الله", true},
		{"AYACHE, Hassan Mahmoud", "AYASH, Hassane", true},
		{"HIDAYATULLAH", "هدايت الله", true},
		{"SHAMSUDDIN", "شمس الدين", true},
		{"ABD AL-KHALIQ AL-HOUTHI", "عبدالخالق الحوثي", true},
		{"MALIK NOORZAI", "FAIZULLAH KHAN NOORZAI na", false},
	} {
		if s := Similarity(c.a, c.b); (s >= MatchThreshold) != c.same {
			t.Errorf("Similarity(%q, %q) = %.3f: want it %s %.2f", c.a, c.b, s, map[bool]string{true: "at or above", false: "below"}[c.same], MatchThreshold)
		}
	}
}

// TestFrenchSimilarity checks the French spellings of Arabic names against
// the English ones, and that Korean syllables are not read as French.
func TestFrenchSimilarity(t *testing.T) {
	for _, c := range []struct {
		x, y string
		want float64
	}{
		{"ayache", "ayash", 0.9},
		{"hassane", "hassan", 0.9},
		{"djamel", "jamel", 0.9},
		{"mahmoud", "mahmud", 0.9},
		{"chin", "shin", 0},    // no French mark
		{"che", "she", 0},      // a Korean syllable
		{"ayache", "ayach", 0}, // both French: ayash against ayach
	} {
		if got := frenchSimilarity(c.x, c.y); got != c.want {
			t.Errorf("frenchSimilarity(%q, %q) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}
