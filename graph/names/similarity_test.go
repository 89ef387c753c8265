package names

import (
	"math"
	"testing"
)

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max float64
	}{
		// equal once normalised
		{"Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS COMPANY LIMITED", 1, 1},
		{"Samsung Electronics Co., Ltd.", "Samsung Electronics", 1, 1},
		{"Kim Yong Chol", "CHOL, Kim Yong", 1, 1}, // words reordered
		{"Aero Caribbean", "AEROCARIBBEAN", 1, 1}, // a space removed
		// one character changed (a typing error: "Chxl" is no Korean
		// syllable): 1 − 1/11 letters by the joined view, a little less by
		// the words, where "Kim" and "Yong", common on the lists, weigh
		// less than "Chol" (wordRarity), and what differs weighs its whole
		// length (contradictRarity)
		{"Kim Yong Chol", "Kim Yong Chxl", 0.88, 0.89},
		// one letter that makes another syllable of the given name: "Chon"
		// is 0.6 like "Chol" (1 − 0.4·4/11 = 0.85 by letters), where "Kim"
		// and "Yong", common, are credited less and what differs weighs
		// its whole length; a match, since one syllable may be mistyped
		// (both syllables changed is another person: TestContradiction);
		// "Chon" is the rarer, so the share of "Kim Yong Chol" covered
		// counts (0.7936)
		{"Kim Yong Chol", "Kim Yong Chon", 0.79, 0.80},
		// one adjacent transposition counts as one edit
		{"Reconnaissance General Bureau", "Reconnaissance Genreal Bureau", 0.96, 0.98},
		// one word of five dropped, a generic one ("Mining", rigour's
		// org_symbols) that weighs 0.3 of its letters: 0.9526 if it
		// weighed them all
		{"Korea Mining Development Corporation Kwangson", "Korea Development Corporation Kwangson", 0.97, 0.98},
		// a short query inside a longer name: each word left out weighs
		// omitWeight, whatever it is; a generic word alone is a possible
		// match at most, two distinctive words a match that leaves words
		// out (Match.Coverage tells it)
		{"Bank", "Bank of Korea", 0.60, 0.61},
		{"Pan Systems", "Pan Systems Pyongyang Branch", 0.83, 0.84},
		// nothing in common
		{"Apple Inc.", "Reconnaissance General Bureau", 0, 0.2},
		{"", "Apple", 0, 0},
	}
	for _, tt := range tests {
		got := Similarity(tt.a, tt.b)
		if got < tt.min || got > tt.max {
			t.Errorf("Similarity(%q, %q) = %.4f, want in [%.2f, %.2f]", tt.a, tt.b, got, tt.min, tt.max)
		}
	}
}

// TestSkeletons checks when two words' consonant skeletons make them one
// name: an Arabic name's three root consonants do ("QADHAF" and "Gaddef",
// one man's names on the UN list), two do not ("POPULAR FRONT FOR THE
// LIBERATION OF PALESTINE" and "BABBAR KHALSA INTERNATIONAL", two OFAC
// entries, read p-l).
func TestSkeletons(t *testing.T) {
	if s := WordSimilarity("qadhaf", "gaddef"); s < 0.85 {
		t.Errorf("WordSimilarity(qadhaf, gaddef) = %.2f, want 0.85 or more", s)
	}
	if s := WordSimilarity("zuraik", "zraiq"); s < 0.85 { // OFAC SDN "ZURAIK, Ali Hasan" a.k.a. "ZRAIQ, Ali"
		t.Errorf("WordSimilarity(zuraik, zraiq) = %.2f, want 0.85 or more", s)
	}
	if s := WordSimilarity("popular", "babbar"); s >= pairMin {
		t.Errorf("WordSimilarity(popular, babbar) = %.2f, want under %.2f", s, pairMin)
	}
}

func TestDistances(t *testing.T) {
	// reference distances computed by hand
	tests := []struct {
		a, b     string
		lev, osa int
	}{
		{"kitten", "sitting", 3, 3},
		{"ca", "abc", 3, 3},
		{"abcd", "acbd", 2, 1},
		{"", "abc", 3, 3},
		{"flaw", "lawn", 2, 2},
		{"ромашка", "ромашко", 1, 1},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", 1, 1},
	}
	for _, tt := range tests {
		if got := levenshtein(tt.a, tt.b); got != tt.lev {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.lev)
		}
		if got := osa(tt.a, tt.b); got != tt.osa {
			t.Errorf("osa(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.osa)
		}
	}
}

// FuzzSimilarity checks the score's range, symmetry and identity, that
// Index.Search scores what Similarity scores, that the bag distance bounds
// the edit distance, and that Myers' bit-parallel distance agrees with
// dynamic programming.
func FuzzSimilarity(f *testing.F) {
	f.Add("Samsung Electronics Co., Ltd.", "Samsung Elektronics")
	f.Add("Kim Yong Chol", "Chol Kim")
	f.Add("a", "")
	f.Add("ООО Ромашка", "OOO Romashka")
	f.Add("Korea Kwangson Banking Corporation (KKBC)", "KKBC")
	f.Add("မင်းအောင်လှိုင်", "Min Aung Hlaing")
	f.Add("Ռուբեն Վարդանյան", "APT 39")
	f.Add("ហ៊ីង ប៊ុនហៀង", "HIENG, Hing Bun")
	f.Add("דוד חי חסדאי", "CHASDAI, David Chai")
	f.Add("金正恩", "KIM, Jong Un")
	f.Add("林鄭月娥", "LAM CHENG, Yuet-ngor")
	f.Fuzz(func(t *testing.T, a, b string) {
		s := Similarity(a, b)
		if math.IsNaN(s) || s < 0 || s > 1 {
			t.Fatalf("Similarity(%q, %q) = %v out of [0,1]", a, b, s)
		}
		if r := Similarity(b, a); r != s {
			t.Fatalf("Similarity not symmetric: %v vs %v for %q, %q", s, r, a, b)
		}
		if len(Parse(a).Tokens) > 0 && Similarity(a, a) != 1 {
			t.Fatalf("Similarity(%q, itself) = %v", a, Similarity(a, a))
		}
		// the index scores what Similarity scores
		ix := NewIndexFunc(1, func(int32) []string { return []string{b} })
		if ms := ix.Search(a, 1); len(ms) > 0 && ms[0].Score != s {
			t.Fatalf("Search(%q) in an index of %q scores %v, Similarity %v", a, b, ms[0].Score, s)
		}
		if isASCII(a) && isASCII(b) {
			if bd, d := bagDistance(a, b), osa(a, b); bd > d {
				t.Fatalf("bagDistance(%q, %q) = %d, above the distance %d", a, b, bd, d)
			}
			if m, d := levenshtein(a, b), levSeq([]byte(a), []byte(b)); m != d {
				t.Fatalf("levenshtein(%q, %q): myers %d, dp %d", a, b, m, d)
			}
		}
	})
}
