package names

import (
	"strings"
	"testing"
)

// TestKoreanParts checks the syllables of Korean names written in one word
// on the OFAC list: Namchongang Trading, Haegumgang Trading, the Ryugyong
// Commercial Bank, Chosun (testdata/namepairs.csv), Kwangson Banking; and
// words that are not Korean syllables throughout.
func TestKoreanParts(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"namchongang", "nam chon gang"},
		{"kwangson", "kwang son"},
		{"haegumgang", "hae gum gang"},
		{"ryugyong", "ryu gyong"},
		{"chosun", "cho sun"},
		{"kim", ""},          // one syllable
		{"trading", ""},      // no Korean syllable ends in "ding"
		{"kwangsonbank", ""}, // nor in "nk"
	} {
		if got := strings.Join(koreanParts(c.word, nil), " "); got != c.want {
			t.Errorf("koreanParts(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

// FuzzKoreanParts checks that the syllables koreanParts cuts a word into
// are two or more Korean syllables that make the word.
func FuzzKoreanParts(f *testing.F) {
	for _, w := range []string{"namchongang", "kwangson", "pyongyang", "trading", "", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		parts := koreanParts(w, nil)
		if len(parts) == 0 {
			return
		}
		if len(parts) < 2 || strings.Join(parts, "") != w {
			t.Fatalf("koreanParts(%q) = %q: want two syllables or more that make the word", w, parts)
		}
		for _, p := range parts {
			if !isKoreanSyllable(p) {
				t.Fatalf("koreanParts(%q) = %q: %q is no Korean syllable", w, parts, p)
			}
		}
	})
}
