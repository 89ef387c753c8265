package names

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSumPostings checks that the postings a search gathers, summed by
// sorting them (sumPostings), give each entry the sum an accumulator of
// its own would, added in the same order, to the bit, and its weight.
func TestSumPostings(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ix := NewIndex(generatedNodes(rng, 20_000))
	sc := &scratch{}
	for round := range 50 {
		acc := map[int32]float32{}
		var vs []variant
		for range 1 + rng.IntN(12) {
			vs = append(vs, variant{word: int32(rng.IntN(ix.Words())), sim: 0.5 + 0.5*rng.Float32()})
		}
		for _, v := range vs {
			ix.accumulate(sc, v)
			for _, e := range ix.post[ix.postOff[v.word]:ix.postOff[v.word+1]] {
				acc[e] += ix.idf[v.word] * v.sim
			}
		}
		ix.sumPostings(sc)
		want := make([]int32, 0, len(acc))
		for e := range acc {
			want = append(want, e)
		}
		slices.Sort(want)
		if !slices.Equal(sc.touched, want) {
			t.Fatalf("round %d: %d entries gathered, want %d, in entry order", round, len(sc.touched), len(want))
		}
		for k, e := range sc.touched {
			if sc.acc[k] != acc[e] || sc.entW[k] != ix.entW[e] {
				t.Fatalf("round %d: entry %d sums %v weighing %v, want %v weighing %v", round, e, sc.acc[k], sc.entW[k], acc[e], ix.entW[e])
			}
		}
		sc.posts, sc.postW = sc.posts[:0], sc.postW[:0]
		sc.touched, sc.acc, sc.entW = sc.touched[:0], sc.acc[:0], sc.entW[:0]
	}
}

// TestFarHashes checks that a long word reaches, by its two-letter
// deletions against an indexed word's one-letter ones, the words that are
// it with one letter deleted and another deleted or changed ("rungrado",
// "rynrado"), and that an index search finds such a spelling when the
// query's own word is indexed too.
func TestFarHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	letters := "abcdeghijklmnoprstuyz"
	for range 2000 {
		n := farLength + rng.IntN(6)
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		w := string(b)
		// one letter deleted, then one deleted or changed
		i := rng.IntN(n)
		v := []byte(w[:i] + w[i+1:])
		j := rng.IntN(len(v))
		if rng.IntN(2) == 0 {
			v = append(v[:j:j], v[j+1:]...)
		} else {
			v[j] = letters[rng.IntN(len(letters))]
		}
		far, edits := farHashes(w, nil), editHashes(string(v), nil)
		if !slices.ContainsFunc(edits, func(h uint64) bool { return slices.Contains(far, h) }) {
			t.Fatalf("%q does not reach %q two edits away", w, v)
		}
	}
	if got := farHashes("rungra", nil); len(got) != 0 {
		t.Errorf("farHashes of a word of %d letters: %d hashes, want none", len("rungra"), len(got))
	}
	// names of OFAC's list (testdata/namepairs.csv)
	ix := NewIndexFunc(3, func(i int32) []string {
		return [][]string{{"KOREA RUNGRADO GENERAL TRADING CORPORATION"}, {"RYNRADO"}, {"KOREA KUMGANG GROUP"}}[i]
	})
	if !slices.ContainsFunc(ix.Search("RUNGRADO", 10), func(m Match) bool { return m.Node == 1 }) {
		t.Errorf("Search(RUNGRADO) does not find RYNRADO")
	}
}
