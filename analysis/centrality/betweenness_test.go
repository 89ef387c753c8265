package centrality

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"

	"github.com/shellnet/shellnet/graph"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
)

func TestBetweennessKarate(t *testing.T) {
	p := loadGraph(t, "karate")
	bc, err := Betweenness(p, BetweennessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// published (normalised, unweighted): node 0 = 0.437635, node 33 =
	// 0.304075 (reference_values_networkx-3.6.1.txt, 6 digits given)
	for id, want := range map[string]float64{"0": 0.437635, "33": 0.304075} {
		i, _ := p.Index(id)
		if math.Abs(bc[i]-want) > 5e-7 {
			t.Errorf("betweenness[%s] = %.7f, published %.6f", id, bc[i], want)
		}
	}
}

// TestBetweennessLesMisTestSuite checks the values that NetworkX's own test
// suite expects (networkx_test_expected_betweenness.json, rounded there to
// 3 decimals and compared with abs=1e-3).
func TestBetweennessLesMisTestSuite(t *testing.T) {
	p := loadGraph(t, "lesmis")
	data, err := os.ReadFile(filepath.Join("..", "testdata", "graphs", "lesmis", "networkx_test_expected_betweenness.json"))
	if err != nil {
		t.Fatal(err)
	}
	var suite struct {
		Tests map[string]struct {
			Expected map[string]float64 `json:"expected"`
		} `json:"tests"`
	}
	if err := json.Unmarshal(data, &suite); err != nil {
		t.Fatal(err)
	}
	for name, weighted := range map[string]bool{
		"Betweenness centrality: Les Miserables graph":          false,
		"Weighted betweenness centrality: Les Miserables graph": true,
	} {
		want := suite.Tests[name].Expected
		if len(want) != 77 {
			t.Fatalf("%s: %d expected values, want 77", name, len(want))
		}
		got, err := Betweenness(p, BetweennessOptions{Options: Options{Weighted: weighted}})
		if err != nil {
			t.Fatal(err)
		}
		compare(t, p, name, got, want, 1e-3)
	}
}

func TestBetweennessNetworkX(t *testing.T) {
	for _, name := range []string{"karate", "lesmis"} {
		p := loadGraph(t, name)
		ref := loadReference(t, name)
		for _, directed := range []bool{false, true} {
			for _, weighted := range []bool{false, true} {
				got, err := Betweenness(p, BetweennessOptions{Options: Options{Directed: directed, Weighted: weighted}})
				if err != nil {
					t.Fatal(err)
				}
				measure := "betweenness"
				if weighted {
					measure += "_weighted"
				}
				compare(t, p, name+" "+measure+dirName(directed), got, ref.want(t, directed, measure), 1e-9)
			}
		}
	}
}

// TestBetweennessGonum checks against gonum's network.Betweenness and
// BetweennessWeighted, which sum σ(s,t|v)/σ(s,t) over ordered pairs
// without normalisation: ours is theirs / ((n−1)(n−2)).
func TestBetweennessGonum(t *testing.T) {
	for _, p := range []*graph.Projection{loadGraph(t, "lesmis"), testnet.Preferential(300, 2, 3)} {
		n := float64(p.Len())
		scale := 1 / ((n - 1) * (n - 2))
		g := p.UndirectedGonum()
		for _, weighted := range []bool{false, true} {
			got, err := Betweenness(p, BetweennessOptions{Options: Options{Weighted: weighted}})
			if err != nil {
				t.Fatal(err)
			}
			var want map[int64]float64
			if weighted {
				want = network.BetweennessWeighted(g, path.DijkstraAllPaths(g))
			} else {
				want = network.Betweenness(g)
			}
			for i := range got {
				if w := want[int64(i)] * scale; math.Abs(got[i]-w) > 1e-9 {
					t.Fatalf("weighted %v, node %s: %.12f, gonum %.12f", weighted, p.Nodes[i].ID, got[i], w)
				}
			}
		}
	}
}

func TestBetweennessSampledIsExactWithAllPivots(t *testing.T) {
	p := loadGraph(t, "lesmis")
	exact, _ := Betweenness(p, BetweennessOptions{})
	all, _ := Betweenness(p, BetweennessOptions{Sample: p.Len(), Seed: 9})
	// k = n − 1 leaves one node out: every node is then scaled as NetworkX
	// scales a k-sample, which stays close to exact on this small graph
	most, _ := Betweenness(p, BetweennessOptions{Sample: p.Len() - 1, Seed: 9})
	for i := range exact {
		if all[i] != exact[i] {
			t.Fatalf("k = n: node %d %v, exact %v", i, all[i], exact[i])
		}
		if math.Abs(most[i]-exact[i]) > 0.05 {
			t.Errorf("k = n−1: node %s %v, exact %v", p.Nodes[i].ID, most[i], exact[i])
		}
	}
}

// TestBetweennessSampledRankCorrelation is the acceptance check for
// sampled betweenness: on a 10,000-node graph, 500 pivots rank the nodes
// with a Spearman correlation of at least 0.9 with the exact scores.
func TestBetweennessSampledRankCorrelation(t *testing.T) {
	if testing.Short() {
		t.Skip("exact betweenness on 10,000 nodes takes seconds")
	}
	p := testnet.Preferential(10000, 2, 11)
	exact, err := Betweenness(p, BetweennessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sampled, err := Betweenness(p, BetweennessOptions{Sample: 500, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	rho := spearman(exact, sampled)
	t.Logf("Spearman rank correlation, 500 pivots of 10,000 nodes: %.4f", rho)
	if rho < 0.9 {
		t.Errorf("Spearman rank correlation %.4f < 0.9", rho)
	}
}

// spearman is the Pearson correlation of the ranks of x and y, tied values
// sharing their mean rank.
func spearman(x, y []float64) float64 {
	rx, ry := ranks(x), ranks(y)
	mean := float64(len(x)+1) / 2
	var sxy, sxx, syy float64
	for i := range rx {
		dx, dy := rx[i]-mean, ry[i]-mean
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}

func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		for k := i; k < j; k++ {
			r[idx[k]] = float64(i+j+1) / 2
		}
		i = j
	}
	return r
}

func TestSpearman(t *testing.T) {
	// textbook case with ties: ranks (1.5, 1.5, 3, 4) against (1, 2, 3, 4)
	if got := spearman([]float64{1, 1, 2, 3}, []float64{1, 2, 3, 4}); math.Abs(got-0.9486832980505138) > 1e-12 {
		t.Errorf("spearman = %v, want 0.948683…", got)
	}
	if got := spearman([]float64{3, 2, 1}, []float64{1, 2, 3}); got != -1 {
		t.Errorf("reversed: %v, want -1", got)
	}
}

// TestBetweennessDeterministic runs the same sampled and weighted
// computations on one processor and on several: the bits must agree.
func TestBetweennessDeterministic(t *testing.T) {
	p := testnet.Preferential(3000, 3, 5)
	run := func(procs int) [][]float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var out [][]float64
		for _, o := range []BetweennessOptions{{Sample: 100, Seed: 42}, {Sample: 50, Seed: 7, Options: Options{Weighted: true}}} {
			bc, err := Betweenness(p, o)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, bc)
		}
		return out
	}
	one, many := run(1), run(4)
	for k := range one {
		if !slices.Equal(one[k], many[k]) {
			t.Errorf("case %d: scores differ between 1 and 4 processors", k)
		}
	}
	other, _ := Betweenness(p, BetweennessOptions{Sample: 100, Seed: 43})
	if slices.Equal(one[0], other) {
		t.Error("seeds 42 and 43 chose the same pivots")
	}
}

func TestBetweennessErrors(t *testing.T) {
	p := loadGraph(t, "karate")
	if _, err := Betweenness(p, BetweennessOptions{Sample: 1}); err == nil {
		t.Error("one pivot accepted")
	}
	b := graph.NewBuilder(2, 1)
	b.AddNode(graph.Node{ID: "a"})
	b.AddNode(graph.Node{ID: "b"})
	b.AddLink("a", "b", graph.Owns, 0)
	if _, err := Betweenness(b.Build(), BetweennessOptions{Options: Options{Weighted: true}}); err == nil {
		t.Error("zero-length link accepted for weighted shortest paths")
	}
}
