package names

import "testing"

// TestBurmese checks the romanisation of Burmese: the BGN/PCGN 1970
// examples that trhura/bromanizer's tests give (README.md @ 1199037), less
// the voicing of a consonant inside a word that the standard writes for
// place names ("အက" aga) and names do not, one syllable a word; and the
// conventional spellings of names as lists write them.
func TestBurmese(t *testing.T) {
	checkScript(t, [][2]string{
		{"ကို", "ko"},
		{"အပ်", "at"},
		{"မအူ", "ma u"},
		{"ဩဘာ", "aw ba"},
		{"ဧဏီ", "e ni"},
		{"ရွှေငန်း", "shwe ngan"},
		{"ညီညာ", "nyi nya"},
		{"ကွန်ရက်", "kun yet"},
		{"တိုင်အောင်", "taing aung"},
		{"ဝသီ", "wa thi"},
		{"ဘေးမဲ့", "be me"},
		{"ဟက်ဟက်ပက်ပက်ရယ်", "het het pet pet ye"},
		{"သင်္ဘော", "thin baw"},
		{"ဘင်္ဂလားအော်", "bin ga la aw"},
		{"ကြောင်ဥကျဉ်", "kyaung u kyin"},
		// names: OFAC's SDN list (BURMA) "MIN AUNG HLAING"; a final nasal
		// in the creaky tone written with a t
		{"မင်းအောင်လှိုင်", "min aung hlaing"},
		{"ခင်ညွန့်", "khin nyunt"},
		{"ဝင်းမြင့်", "win myint"},
		{"ဦးသန့်", "u thant"},
		{"မြထွန်းဦး", "mya htun oo"}, // OFAC SDN (BURMA) "OO, Mya Tun"
		{"၁၂၃", "123"},
	}, [][2]string{{"အောင်ဆန်းစုကြည်", "Aung San Suu Kyi"}})
}
