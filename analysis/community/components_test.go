package community

import (
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph/topo"

	"github.com/shellnet/shellnet/graph"
)

func TestComponentsSmall(t *testing.T) {
	// a→b, c→b (weakly one component), d–e, f alone; numbered by size
	b := graph.NewBuilder(6, 3)
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		b.AddNode(graph.Node{ID: id})
	}
	b.AddLink("a", "b", graph.Owns, 1)
	b.AddLink("c", "b", graph.Pays, 1)
	b.AddLink("e", "d", graph.Owns, 1)
	labels, count := Components(b.Build())
	if count != 3 || !slices.Equal(labels, []int32{0, 0, 0, 1, 1, 2}) {
		t.Errorf("got %v (%d), want [0 0 0 1 1 2] (3)", labels, count)
	}
}

// TestComponentsGonum checks a sparse random graph against gonum's
// topo.ConnectedComponents: the same number of components, the same sets.
func TestComponentsGonum(t *testing.T) {
	p, _ := planted(10, 200, 0.004, 0.0003, 4) // many small components
	labels, count := Components(p)
	cc := topo.ConnectedComponents(p.UndirectedGonum())
	if count != len(cc) {
		t.Fatalf("%d components, gonum %d", count, len(cc))
	}
	for _, c := range cc {
		l := labels[c[0].ID()]
		for _, x := range c {
			if labels[x.ID()] != l {
				t.Fatalf("nodes %d and %d split, gonum joins them", c[0].ID(), x.ID())
			}
		}
	}
	size := make([]int, count)
	for _, l := range labels {
		size[l]++
	}
	for c := 1; c < count; c++ {
		if size[c] > size[c-1] {
			t.Errorf("component %d has %d nodes, more than component %d (%d)", c, size[c], c-1, size[c-1])
		}
	}
	t.Logf("%d components over %d nodes", count, p.Len())
}

func TestComponentsLesMis(t *testing.T) {
	_, count := Components(loadGraph(t, "lesmis"))
	if count != 1 { // networkx-3.6.1.json "components": 1
		t.Errorf("%d components, NetworkX 1", count)
	}
}

func TestCanonical(t *testing.T) {
	labels := []int32{7, 3, 3, 9, 7, 3}
	if n := Canonical(labels); n != 3 || !slices.Equal(labels, []int32{1, 0, 0, 2, 1, 0}) {
		t.Errorf("got %v (%d), want [1 0 0 2 1 0] (3)", labels, n)
	}
}
