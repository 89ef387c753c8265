package names

import (
	"slices"
	"strings"
	"testing"
)

// TestAffixes checks that affixes returns, for the words of the labelled
// benchmark's names (testdata/namepairs.csv), exactly the indexed words a
// scan of them finds: those that start with the word, and those as alike
// as a compound spelled otherwise that end as it does without its first
// one to four letters, each start or end shared by affixWords words at
// most.
func TestAffixes(t *testing.T) {
	var names []string
	for _, p := range readPairs(t) {
		names = append(names, p.left, p.right)
	}
	ix := NewIndexFunc(len(names), func(i int32) []string { return names[i : i+1] })
	if !slices.IsSortedFunc(ix.byPrefix, func(a, b int32) int { return strings.Compare(ix.words[a], ix.words[b]) }) ||
		!slices.IsSortedFunc(ix.bySuffix, func(a, b int32) int { return compareBackwards(ix.words[a], ix.words[b]) }) {
		t.Fatal("the words are not in the order of their starts and of their ends")
	}
	queried, reached := 0, 0
	for _, q := range ix.words {
		got := map[int32]bool{}
		for _, v := range ix.affixes(q, nil) {
			if got[v.word] {
				continue // a word ending as q does with one letter dropped, and two
			}
			got[v.word] = true
		}
		want := map[int32]bool{}
		if len(q) >= minAffix && isASCII(q) {
			queried++
			var starts []int32
			for w, u := range ix.words {
				if strings.HasPrefix(u, q) {
					starts = append(starts, int32(w))
				}
			}
			if len(starts) <= affixWords {
				for _, w := range starts {
					want[w] = ix.words[w] != q
				}
			}
			for d := 1; d <= 4 && len(q)-d >= max(minAffix, (len(q)+1)/2); d++ {
				var ends []int32
				for w, u := range ix.words {
					if strings.HasSuffix(u, q[d:]) {
						ends = append(ends, int32(w))
					}
				}
				if len(ends) <= affixWords {
					for _, w := range ends {
						want[w] = want[w] || ix.words[w] != q && wordSimilarity(q, ix.words[w]) >= joinedMin
					}
				}
			}
			for w, ok := range want {
				if !ok {
					delete(want, w)
				}
			}
		}
		if len(got) != len(want) {
			t.Fatalf("affixes(%q) reaches %d words, a scan %d", q, len(got), len(want))
		}
		for w := range want {
			if !got[w] {
				t.Fatalf("affixes(%q) does not reach %q", q, ix.words[w])
			}
		}
		reached += len(got)
	}
	// counted on the benchmark's words as they stand: a change of the
	// pairs or of tokenize changes them
	t.Logf("%d words, %d looked up by their starts and ends, %d words reached", ix.Words(), queried, reached)
	if queried < 3000 || reached < queried/4 {
		t.Errorf("%d words looked up, %d reached: want 3,000 looked up at least, and a quarter as many reached", queried, reached)
	}
}

// TestIndexRareSpellings checks that a search reaches, among many names,
// the other spelling of a rare word that no edit reaches, through each
// kind of candidate key: the Korean key (MR "Paeksol" against "Baeksul"),
// the skeleton (Hekmatyar, Hikmetyar), two words joined (Abdul Satar,
// Abdulasattar), a particle written together (Benhammedi, Bin Hammidi), a
// French spelling against Arabic script (Djouadi), short and long forms
// (Sidi, Sidiki; Suramericana, Panamericana), a Korean name's syllables
// (Namchongang, Nam Chong Gan), and the skeleton of a rare word of five
// letters after its article (Alnsiem, AlNaseem), and a name clipped into
// one word (clippedCandidates: Fanamoj, Fanavari Moj Khavar). The pairs are
// testdata/namepairs.csv's, the other names the benchmark's right-hand
// names.
func TestIndexRareSpellings(t *testing.T) {
	ix, node := rightHandIndex(readPairs(t))
	for _, c := range [][2]string{
		{"PAEKSOL TRADING CORPORATION", "BAEKSUL TRADING"},
		{"HEKMATYAR, Gulbuddin", "HIKMETYAR, Golboddin"},
		{"ABDUL SATAR ABDUL MANAN", "Abdulasattar"},
		{"BENHAMMEDI, Mohammed", "BIN HAMMIDI, Muhammad Muhammad"},
		{"YAHIA DJOUADI", "يحيى جوادي"},
		{"BI SIDI SOULEMAN", "Sidiki"},
		{"SURAMERICANA DE HOTELES LTDA.", "PANAMERICANA LTDA."},
		{"MOHAMAD RAFI BIN UDIN", "Muhammad Rafiuddin"},
		{"KOREA CHOLSAN GENERAL TRADING CORPORATION", "CHKHOLSAN"},
		{"ABDIKADIR MOHAMED ABDIKADIR", "ABDULKADIR"},
		{"NAMCHONGANG TRADING CORPORATION", "NAM CHONG GAN TRADING CORPORATION"},
		{"MUSA HILAL ABDALLA ALNSIEM", "AlNaseem"},
		{"FANAMOJ", "FANAVARI MOJ KHAVAR CO."},
		{"MINOCONGO", "MINOTERIE DU CONGO SPRL"},
	} {
		want, ok := node[c[1]]
		if !ok {
			t.Fatalf("%q is not a right-hand name of the benchmark", c[1])
		}
		if !slices.ContainsFunc(ix.matches(c[0], 200), func(m Match) bool { return m.Node == want }) {
			t.Errorf("Search(%q) does not score %q", c[0], c[1])
		}
	}
}

// FuzzCompareBackwards checks compareBackwards against comparing the two
// strings reversed.
func FuzzCompareBackwards(f *testing.F) {
	f.Add("panamericana", "suramericana")
	f.Add("kadir", "abdulkadir")
	f.Add("", "a")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := compareBackwards(a, b), strings.Compare(reverseBytes(a), reverseBytes(b)); got != want {
			t.Errorf("compareBackwards(%q, %q) = %d, the reversed strings compare %d", a, b, got, want)
		}
	})
}

func reverseBytes(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}
