package names

import "testing"

// TestEthiopic checks the romanisation of Ethiopic: the country's name as
// the Library of Congress romanises it (ኢትዮጵያ Ityopya, without its
// apostrophe) and the names of the leaders of Ethiopia and Eritrea as the
// press writes them.
func TestEthiopic(t *testing.T) {
	if got := Normalize("ኢትዮጵያ"); got != "ityopya" {
		t.Errorf("Normalize(ኢትዮጵያ) = %q, want ityopya", got)
	}
	for _, p := range [][2]string{
		{"መለስ ዜናዊ", "Meles Zenawi"},
		{"ኢሳይያስ አፈወርቂ", "Isaias Afwerki"},
		{"አብይ አህመድ", "Abiy Ahmed"},
	} {
		if s := Similarity(p[0], p[1]); s < MatchThreshold {
			t.Errorf("Similarity(%q, %q) = %.2f, want %.2f or more", p[0], p[1], s, MatchThreshold)
		}
	}
}
