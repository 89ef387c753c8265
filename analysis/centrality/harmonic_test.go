package centrality

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
)

func TestHarmonicNetworkX(t *testing.T) {
	for _, name := range []string{"karate", "lesmis"} {
		p := loadGraph(t, name)
		ref := loadReference(t, name)
		for _, directed := range []bool{false, true} {
			for _, weighted := range []bool{false, true} {
				measure := "harmonic"
				if weighted {
					measure += "_weighted"
				}
				got, err := Harmonic(p, Options{Directed: directed, Weighted: weighted})
				if err != nil {
					t.Fatal(err)
				}
				compare(t, p, name+" "+measure+dirName(directed), got, ref.want(t, directed, measure), 1e-10)
			}
		}
	}
}

// TestHarmonicGonum checks against gonum's network.Harmonic, which is the
// same sum, over the weighted undirected view (parallel links add up).
func TestHarmonicGonum(t *testing.T) {
	p := testnet.Preferential(400, 2, 9)
	g := p.UndirectedGonum()
	got, err := Harmonic(p, Options{Weighted: true})
	if err != nil {
		t.Fatal(err)
	}
	want := network.Harmonic(g, path.DijkstraAllPaths(g))
	for i := range got {
		if math.Abs(got[i]-want[int64(i)]) > 1e-9 {
			t.Errorf("node %s: %.12f, gonum %.12f", p.Nodes[i].ID, got[i], want[int64(i)])
		}
	}
}
