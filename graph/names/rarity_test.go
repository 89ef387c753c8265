package names

import "testing"

// TestRarity checks the rule that two names whose distinctive words differ
// are not one party whatever generic or common words they share, and that
// a name keeping its distinctive words is one party whatever generic words
// it drops. The pairs are the examples of what the rule fixes, from the
// OFAC and UN lists (testdata/namepairs.csv).
func TestRarity(t *testing.T) {
	wantMatch(t, false, "only generic or common words are shared",
		[2]string{"BEIT EL-MAL HOLDINGS", "WHITE SEAL HOLDINGS LIMITED"},
		[2]string{"HANA ELECTRONICS JVC", "HONG KONG ELECTRONICS"},
		[2]string{"MIZAN MACHINERY MANUFACTURING", "NIRU BATTERY MANUFACTURING COMPANY"},
		[2]string{"ISLAMIC INTERNATIONAL BRIGADE (IIB)", "ILSIM INTERNATIONAL BANK"},
		[2]string{"MOHAMMAD AZAM ELMI", "MOHAMMAD REZA ZAHEDI"},
		[2]string{"RYZHKOV, Nikolai Ivanovich", "BYSTROV, Mikhail Ivanovich"},
		[2]string{"YAHIA ABDALLAH AL-UBAIDI", "ADIL ABDALLAH MAHDI"})
	wantMatch(t, true, "the distinctive words are kept",
		[2]string{"KOREA KUMBYOL TRADING COMPANY", "KUMBYOL TRADING"},
		[2]string{"KOREA HEUNGJIN TRADING COMPANY", "Hunjin TRADING Co."},
		[2]string{"Korea Mining Development Corporation Kwangson", "Korea Development Corporation Kwangson"})
	// a given name held by hundreds of entries weighs less than a surname
	// held by a few, a generic word no more than genericRarity, a word
	// found on no list in full
	if m, h := wordRarity("mohammad"), wordRarity("haqqani"); !(m < h && h < 1) {
		t.Errorf("wordRarity: mohammad %.3f, haqqani %.3f; want mohammad < haqqani < 1", m, h)
	}
	if r := wordRarity("holdings"); r > genericRarity {
		t.Errorf("wordRarity(holdings) = %.3f, want at most %.2f", r, genericRarity)
	}
	if r := wordRarity("kumbyol"); r != 1 {
		t.Errorf("wordRarity(kumbyol) = %.3f, want 1 (held by fewer than three entries)", r)
	}
	if r := wordRarity("al"); r != minWordRarity {
		t.Errorf("wordRarity(al) = %.3f, want the floor %.2f", r, minWordRarity)
	}
}
