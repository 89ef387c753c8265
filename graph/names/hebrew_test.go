package names

import "testing"

// TestHebrew checks the romanisation of Hebrew for comparison by
// consonants: given names whose ב, כ and פ read v, kh and f after a vowel
// (Avraham, Yaakov, Mikhael, Yosef), and names of Israeli settlers the US
// (Executive Order 14115), the UK and the EU sanctioned in 2024, in Hebrew
// as the Hebrew press writes them, against their Latin names.
func TestHebrew(t *testing.T) {
	checkScript(t, [][2]string{
		{"יעקב", "ʾyqv"},
		{"יוסף", "ʾywsf"},
	}, [][2]string{
		{"אברהם", "Avraham"},
		{"יעקב", "Yaakov"},
		{"מיכאל", "Mikhael"},
		{"יוסף", "Yosef"},
		{"ינון לוי", "LEVI, Yinon"},
		{"דוד חי חסדאי", "CHASDAI, David Chai"},
		{"אלישע ירד", "YERED, Elisha"},
		{"מאיר אטינגר", "ETTINGER, Meir"},
		{"בן-ציון גופשטיין", "GOPSTEIN, Ben-Zion"},
	})
	// nor does one of them match another's Latin name
	if s := Similarity("ינון לוי", "YERED, Elisha"); s >= MatchThreshold {
		t.Errorf("Similarity(ינון לוי, YERED, Elisha) = %.2f, want under %.2f", s, MatchThreshold)
	}
}
