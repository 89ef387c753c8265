package names

import "testing"

// TestEthiopic checks the romanisation of Ethiopic: the country's name as
// the Library of Congress romanises it (ኢትዮጵያ Ityopya, without its
// apostrophe) and the names of the leaders of Ethiopia and Eritrea as the
// press writes them.
func TestEthiopic(t *testing.T) {
	checkScript(t, [][2]string{{"ኢትዮጵያ", "ityopya"}}, [][2]string{
		{"መለስ ዜናዊ", "Meles Zenawi"},
		{"ኢሳይያስ አፈወርቂ", "Isaias Afwerki"},
		{"አብይ አህመድ", "Abiy Ahmed"},
	})
}
