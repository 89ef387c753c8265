package centrality

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"

	"github.com/shellnet/shellnet/graph"
)

func TestClosenessNetworkX(t *testing.T) {
	for _, name := range []string{"karate", "lesmis"} {
		p := loadGraph(t, name)
		ref := loadReference(t, name)
		for _, directed := range []bool{false, true} {
			for _, weighted := range []bool{false, true} {
				o := Options{Directed: directed, Weighted: weighted}
				measure := "closeness"
				if weighted {
					measure += "_weighted"
				}
				got, err := Closeness(p, o)
				if err != nil {
					t.Fatal(err)
				}
				compare(t, p, name+" "+measure+dirName(directed), got, ref.want(t, directed, measure), 1e-12)
			}
		}
	}
}

// TestClosenessGonum checks against gonum's network.Closeness, 1/Σ d on a
// connected graph, which is ours divided by n−1.
func TestClosenessGonum(t *testing.T) {
	p := loadGraph(t, "lesmis") // connected
	g := p.UndirectedGonum()
	got, err := Closeness(p, Options{Weighted: true})
	if err != nil {
		t.Fatal(err)
	}
	want := network.Closeness(g, path.DijkstraAllPaths(g))
	n := float64(p.Len())
	for i := range got {
		if w := want[int64(i)] * (n - 1); math.Abs(got[i]-w) > 1e-12 {
			t.Errorf("node %s: %.12f, gonum %.12f", p.Nodes[i].ID, got[i], w)
		}
	}
}

func TestClosenessDisconnected(t *testing.T) {
	// a–b–c and d–e: c(a) = (3−1)/(1+2) · (3−1)/(5−1) = 1/3; d, e: 1/1 · 1/4
	b := graph.NewBuilder(5, 3)
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		b.AddNode(graph.Node{ID: id})
	}
	b.AddLink("a", "b", graph.Owns, 1)
	b.AddLink("b", "c", graph.Owns, 1)
	b.AddLink("d", "e", graph.Owns, 1)
	got, err := Closeness(b.Build(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{2.0 / 3 * 2 / 5, 1 * 2.0 / 5, 2.0 / 3 * 2 / 5, 1.0 / 5, 1.0 / 5, 0}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("closeness %d = %v, want %v", i, got[i], want[i])
		}
	}
}
