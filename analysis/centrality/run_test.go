package centrality

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTop checks the bounded-heap selection against a full sort, ties
// included.
func TestTop(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	scores := make([]float64, 5000)
	for i := range scores {
		scores[i] = float64(r.IntN(300)) // many ties
	}
	all := Top(scores, 0)
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if scores[a] < scores[b] || (scores[a] == scores[b] && a > b) {
			t.Fatalf("full order wrong at %d: %d (%v) before %d (%v)", i, a, scores[a], b, scores[b])
		}
	}
	for _, n := range []int{1, 7, 100, 4999, 5000, 6000} {
		if got, want := Top(scores, n), all[:min(n, len(all))]; !slices.Equal(got, want) {
			t.Errorf("top %d differs from the full sort's first %d", n, n)
		}
	}
	if got := Top(nil, 5); len(got) != 0 {
		t.Errorf("no scores: %v", got)
	}
}
