package names

import "testing"

// TestKhmer checks the romanisation of Khmer: UNGEGN's own spellings
// (without their diacritics: Kâmpŭchéa, Ângkôr, Phnum Pénh), and names
// of Cambodians on OFAC's SDN list (Global Magnitsky: SDN 24682 "HIENG,
// Hing Bun", SDN 28036 "KIM, Kun") and of the country's leaders as the
// press writes them, against their Khmer spelling.
func TestKhmer(t *testing.T) {
	checkScript(t, [][2]string{
		{"កម្ពុជា", "kampuchea"},
		{"អង្គរ", "angkor"},
		{"ភ្នំពេញ", "phnumpenh"},
		{"ជា ស៊ីម", "chea sim"},
		{"១៩៧៩", "1979"},
	}, [][2]string{
		{"ហ៊ីង ប៊ុនហៀង", "HIENG, Hing Bun"},
		{"គុន គីម", "KIM, Kun"},
		{"ហ៊ុន សែន", "Hun Sen"},
		{"ហ៊ុន ម៉ាណែត", "Hun Manet"},
		{"នរោត្តម សីហមុនី", "Norodom Sihamoni"},
		{"ភ្នំពេញ", "Phnom Penh"},
	})
}
