package un

import (
	"slices"
	"strings"
	"testing"
)

// TestListedNames splits name fields of the UN list (2026-02-27) that hold
// several names, as the list writes them.
func TestListedNames(t *testing.T) {
	for _, c := range []struct {
		field string
		want  []string
	}{
		// one name, its parentheses kept
		{"KOREA KWANGSON BANKING CORPORATION (KKBC)", []string{"KOREA KWANGSON BANKING CORPORATION (KKBC)"}},
		{"  ", nil},
		// IRi.003: separated by semicolons
		{"Azim Adhajani; Azim Agha-Jani", []string{"Azim Adhajani", "Azim Agha-Jani"}},
		// CDe.003, the entity's name
		{"COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)",
			[]string{"COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)", "GREAT LAKES BUSINESS COMPANY (GLBC)"}},
		// IRi.034: an enumeration run on
		{"Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet; M. Jawad Kareemi Sabet; M. Jawad Karimi Sabet",
			[]string{"Mohammed Sabet", "Mohammad Sabet", "M. Javad Kareemi Sabet", "M. Jawad Kareemi Sabet", "M. Jawad Karimi Sabet"}},
		// QDi.306: the original script, then its spellings
		{"حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)", []string{"حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul"}},
		// QDe.137: a parenthesis that is part of the name, then the list,
		// the original script marked
		{"Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); Hay’at Tahrir al-Sham; Hayat Tahrir al-Sham)",
			[]string{"Hay’at Tahrir al-Sham (HTS)", "هيئة تحرير الشام", "Hay’at Tahrir al-Sham", "Hayat Tahrir al-Sham"}},
		// KPi.035, QDi.309, QDi.396, QDe.137: a name and the same name in
		// another script
		{"Jin Tiesan (金铁三)", []string{"Jin Tiesan", "金铁三"}},
		{"عبدالله السندي (Abdullah Sindhi)", []string{"عبدالله السندي", "Abdullah Sindhi"}},
		{"Abubakar (original script: Абубакар)", []string{"Abubakar", "Абубакар"}},
		{"شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)", []string{"شبكة أنصار المجاهدين", "Ansar al-Mujahideen Network"}},
		// LYi.019, TAi.093: what the list knows of the person follows
		{"Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239, date of issue 4 May 2014, expiry 3 May 2024.)",
			[]string{"Safia Farkash Mohammed Al-Hadad"}},
		{"Khirullah Said Wali Khairkhwa, born in Kandahar on 01 Jan.1967", []string{"Khirullah Said Wali Khairkhwa"}},
		// IRi.032: a name repeated is kept once
		{"Abas Rashidi; Abbas Rashedi; Abas Rashedi; Abas Rashidi", []string{"Abas Rashidi", "Abbas Rashedi", "Abas Rashedi"}},
	} {
		if got := listedNames(c.field); !slices.Equal(got, c.want) {
			t.Errorf("listedNames(%q) = %q, want %q", c.field, got, c.want)
		}
	}
}

// FuzzListedNames checks that every name listedNames returns is trimmed,
// not empty and returned once, that no semicolon outside parentheses is
// left, and that a field without a semicolon or a parenthesis is one
// name.
func FuzzListedNames(f *testing.F) {
	for _, s := range []string{"A; B", "X (A; B)", "X (Y) (A (original script); B)", "A b) B; C", "((;", ");(", "a;;b", "(original script)", "Jin Tiesan (金铁三)", "X, born 1 Jan. 1953 (passport)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := listedNames(s)
		for i, n := range got {
			if n == "" || n != strings.TrimSpace(n) || slices.Contains(got[:i], n) {
				t.Fatalf("listedNames(%q) = %q: name %d empty, untrimmed or repeated", s, got, i)
			}
			if strings.Contains(n, ";") && !strings.Contains(s, "(") {
				t.Fatalf("listedNames(%q) = %q: a semicolon outside parentheses kept", s, got)
			}
		}
		if !strings.ContainsAny(s, ";(") && !strings.Contains(s, ", born ") {
			var want []string
			if n := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "original script:")); n != "" {
				want = []string{strings.TrimSpace(strings.TrimSuffix(n, "- sub-unit name"))}
			}
			if !slices.Equal(got, want) && !(len(want) == 1 && want[0] == "" && len(got) == 0) {
				t.Fatalf("listedNames(%q) = %q, want %q: a field without a semicolon or a parenthesis is one name", s, got, want)
			}
		}
	})
}
