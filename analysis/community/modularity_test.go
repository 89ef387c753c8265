package community

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// karatePartitions returns the labels of the karate club's split
// (karate_nodes_club.csv: "Mr. Hi" 0, "Officer" 1) and of the best known
// 4-way partition (reference_values_networkx-3.6.1.txt, 1-indexed there).
func karatePartitions(t *testing.T) (club, best map[string]int32) {
	f, err := os.Open(filepath.Join("..", "testdata", "graphs", "karate", "karate_nodes_club.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	club = map[string]int32{}
	for _, r := range rows[1:] {
		if r[1] == "Officer" {
			club[r[0]] = 1
		} else {
			club[r[0]] = 0
		}
	}
	best = map[string]int32{}
	for c, set := range [][]int{
		{1, 2, 3, 4, 8, 12, 13, 14, 18, 20, 22}, {17, 5, 6, 7, 11},
		{33, 34, 9, 10, 15, 16, 19, 21, 23, 27, 30, 31}, {32, 24, 25, 26, 28, 29},
	} {
		for _, i := range set {
			best[itoa(i-1)] = int32(c)
		}
	}
	if len(best) != 34 {
		t.Fatalf("best partition covers %d nodes", len(best))
	}
	return club, best
}

func TestModularityNetworkX(t *testing.T) {
	p := loadGraph(t, "karate")
	club, best := karatePartitions(t)
	byIndex := func(m map[string]int32) []int32 {
		out := make([]int32, p.Len())
		for id, c := range m {
			i, _ := p.Index(id)
			out[i] = c
		}
		return out
	}
	// NetworkX 3.6.1 modularity() (reference_values_networkx-3.6.1.txt)
	for _, c := range []struct {
		what     string
		labels   []int32
		weighted bool
		want     float64
	}{
		{"club split", byIndex(club), false, 0.3582347140039448},
		{"club split, weighted", byIndex(club), true, 0.39143756676224206},
		{"best known partition", byIndex(best), false, 0.41978961209730437},
	} {
		if got := Modularity(p, c.labels, 1, c.weighted); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: modularity %.15f, NetworkX %.15f", c.what, got, c.want)
		}
	}
	one := make([]int32, p.Len())
	if got := Modularity(p, one, 1, false); math.Abs(got) > 1e-15 {
		t.Errorf("one community: %v, want 0", got)
	}
}
