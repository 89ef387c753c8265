package community

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	gonumcommunity "gonum.org/v1/gonum/graph/community"

	"github.com/shellnet/shellnet/graph"
)

// DefaultSeed is the seed the CLI uses unless --seed is given.
const defaultSeed = 1

// TestLouvainKarate: the best known partition of the karate club has
// modularity 0.4198 (Aynaud et al., doi:10.1140/epjb/e2013-40829-0;
// reference_values_networkx-3.6.1.txt). Louvain must reach at least 0.41
// with the CLI's default seed and with most seeds, and 0.4198 with some
// (NetworkX's louvain_communities reaches 0.4188 and 0.4156 with seeds 1
// and 2, networkx-3.6.1.json; here 18 seeds of 20 reach 0.41 and 16 reach
// 0.4198; without the top-down refinement only 5 reached 0.4198).
func TestLouvainKarate(t *testing.T) {
	p := loadGraph(t, "karate")
	best, good := 0.0, 0
	for seed := range uint64(20) {
		labels, count, q, err := Louvain(p, LouvainOptions{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if again := Modularity(p, labels, 1, false); math.Abs(again-q) > 1e-12 {
			t.Errorf("seed %d: reported modularity %v, recomputed %v", seed, q, again)
		}
		if seed == defaultSeed && q < 0.41 {
			t.Errorf("default seed: modularity %.4f < 0.41 (%d communities)", q, count)
		}
		if q < 0.39 {
			t.Errorf("seed %d: modularity %.4f < 0.39", seed, q)
		}
		if q >= 0.41 {
			good++
		}
		best = max(best, q)
	}
	if good < 15 {
		t.Errorf("%d seeds of 20 reach modularity 0.41, want at least 15", good)
	}
	if best < 0.4197 {
		t.Errorf("best modularity over 20 seeds %.4f < 0.4198", best)
	}
}

// TestLouvainPlantedPartition: 1,000 nodes in 10 blocks of 100, pairs
// linked with probability 0.1 inside a block and 0.005 across (mean degree
// 9.9 inside and 4.5 across, far above the detectability limit of
// Decelle et al. 2011, doi:10.1103/PhysRevE.84.066106): Louvain must recover
// the blocks with normalised mutual information of at least 0.9.
func TestLouvainPlantedPartition(t *testing.T) {
	p, truth := planted(10, 100, 0.1, 0.005, 3)
	for _, seed := range []uint64{0, 1, 2} {
		labels, count, q, err := Louvain(p, LouvainOptions{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		score := nmi(truth, labels)
		t.Logf("seed %d: %d communities, modularity %.4f, NMI %.4f", seed, count, q, score)
		if score < 0.9 {
			t.Errorf("seed %d: NMI %.4f < 0.9", seed, score)
		}
	}
}

// TestLouvainGonum compares with gonum's community.Modularize on the same
// undirected view (weighted, as the view is): the best of a few seeds must
// come within 0.005 of gonum's best, or beat it.
func TestLouvainGonum(t *testing.T) {
	pp, _ := planted(5, 40, 0.2, 0.02, 5)
	for name, p := range map[string]*graph.Projection{"karate": loadGraph(t, "karate"), "lesmis": loadGraph(t, "lesmis"), "planted": pp} {
		g := p.UndirectedGonum()
		ours, theirs := -1.0, -1.0
		for seed := range uint64(5) {
			_, _, q, err := Louvain(p, LouvainOptions{Seed: seed, Weighted: true})
			if err != nil {
				t.Fatal(err)
			}
			ours = max(ours, q)
			r := gonumcommunity.Modularize(g, 1, rand.NewPCG(seed, 0))
			theirs = max(theirs, gonumcommunity.Q(g, r.Communities(), 1))
			// and gonum's Q agrees with ours on gonum's partition
			if mine := Modularity(p, labelsOf(p.Len(), r.Communities()), 1, true); math.Abs(mine-gonumcommunity.Q(g, r.Communities(), 1)) > 1e-9 {
				t.Errorf("%s: modularity of gonum's partition %v, gonum says %v", name, mine, gonumcommunity.Q(g, r.Communities(), 1))
			}
		}
		t.Logf("%s: best modularity %.4f, gonum %.4f", name, ours, theirs)
		if ours < theirs-0.005 {
			t.Errorf("%s: best modularity %.4f, gonum's %.4f", name, ours, theirs)
		}
	}
}

func labelsOf(n int, comms [][]gonum.Node) []int32 {
	out := make([]int32, n)
	for c, ns := range comms {
		for _, x := range ns {
			out[x.ID()] = int32(c)
		}
	}
	return out
}

func TestLouvainDeterministic(t *testing.T) {
	p, _ := planted(20, 50, 0.1, 0.01, 8)
	a, _, qa, _ := Louvain(p, LouvainOptions{Seed: 42, Resolution: 1.2})
	b, _, qb, _ := Louvain(p, LouvainOptions{Seed: 42, Resolution: 1.2})
	if !slices.Equal(a, b) || qa != qb {
		t.Error("same seed, different partitions")
	}
}

func TestLouvainResolution(t *testing.T) {
	p := loadGraph(t, "lesmis")
	_, few, _, _ := Louvain(p, LouvainOptions{Seed: 1, Resolution: 0.5})
	_, many, _, _ := Louvain(p, LouvainOptions{Seed: 1, Resolution: 2})
	if few >= many {
		t.Errorf("resolution 0.5 gives %d communities, 2 gives %d: want fewer at 0.5", few, many)
	}
}

func TestLouvainEdgeless(t *testing.T) {
	b := graph.NewBuilder(3, 0)
	for _, id := range []string{"a", "b", "c"} {
		b.AddNode(graph.Node{ID: id})
	}
	labels, count, q, err := Louvain(b.Build(), LouvainOptions{})
	if err != nil || count != 3 || q != 0 || !slices.Equal(labels, []int32{0, 1, 2}) {
		t.Errorf("edgeless: %v %d %v %v", labels, count, q, err)
	}
}
