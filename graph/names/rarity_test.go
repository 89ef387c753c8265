package names

import "testing"

// TestRarity checks the rule that two names whose distinctive words differ
// are not one party whatever generic or common words they share, and that
// a name keeping its distinctive words is one party whatever generic words
// it drops. The pairs are the examples of what the rule fixes, from the
// OFAC and UN lists (testdata/namepairs.csv).
func TestRarity(t *testing.T) {
	different := [][2]string{
		{"BEIT EL-MAL HOLDINGS", "WHITE SEAL HOLDINGS LIMITED"},
		{"HANA ELECTRONICS JVC", "HONG KONG ELECTRONICS"},
		{"MIZAN MACHINERY MANUFACTURING", "NIRU BATTERY MANUFACTURING COMPANY"},
		{"ISLAMIC INTERNATIONAL BRIGADE (IIB)", "ILSIM INTERNATIONAL BANK"},
		{"MOHAMMAD AZAM ELMI", "MOHAMMAD REZA ZAHEDI"},
		{"RYZHKOV, Nikolai Ivanovich", "BYSTROV, Mikhail Ivanovich"},
		{"YAHIA ABDALLAH AL-UBAIDI", "ADIL ABDALLAH MAHDI"},
	}
	for _, p := range different {
		if s := Similarity(p[0], p[1]); s >= MatchThreshold {
			t.Errorf("Similarity(%q, %q) = %.3f, want below %.2f: only generic or common words are shared", p[0], p[1], s, MatchThreshold)
		}
	}
	same := [][2]string{
		{"KOREA KUMBYOL TRADING COMPANY", "KUMBYOL TRADING"},
		{"KOREA HEUNGJIN TRADING COMPANY", "Hunjin TRADING Co."},
		{"Korea Mining Development Corporation Kwangson", "Korea Development Corporation Kwangson"},
	}
	for _, p := range same {
		if s := Similarity(p[0], p[1]); s < MatchThreshold {
			t.Errorf("Similarity(%q, %q) = %.3f, want %.2f or more: the distinctive words are kept", p[0], p[1], s, MatchThreshold)
		}
	}
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
