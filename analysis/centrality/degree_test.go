package centrality

import (
	"math"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

func TestDegreeNetworkX(t *testing.T) {
	for _, name := range []string{"karate", "lesmis"} {
		p := loadGraph(t, name)
		ref := loadReference(t, name)
		for _, c := range []struct {
			dir      Direction
			directed bool
			measure  string
		}{{Total, false, "degree"}, {In, true, "in_degree"}, {Out, true, "out_degree"}} {
			got, err := Degree(p, c.dir, false)
			if err != nil {
				t.Fatal(err)
			}
			// k/(n−1) in floating point: equal to the last bit or two
			compare(t, p, name+" "+c.measure, got, ref.want(t, c.directed, c.measure), 1e-12)
		}
	}
}

func TestDegreeParallelLinksAndStrength(t *testing.T) {
	// a→b twice (two link types), b→a once, a→a, c isolated
	b := graph.NewBuilder(3, 4)
	for _, id := range []string{"a", "b", "c"} {
		b.AddNode(graph.Node{ID: id})
	}
	b.AddLink("a", "b", graph.Owns, 2)
	b.AddLink("a", "b", graph.Supplies, 0.5)
	b.AddLink("b", "a", graph.Pays, 1)
	b.AddLink("a", "a", graph.SameAs, 9)
	p := b.Build()
	tot, _ := Degree(p, Total, false)
	in, _ := Degree(p, In, false)
	out, _ := Degree(p, Out, false)
	str, _ := Degree(p, Total, true)
	outStr, _ := Degree(p, Out, true)
	for _, c := range []struct {
		what      string
		got, want []float64
	}{
		{"total", tot, []float64{0.5, 0.5, 0}},
		{"in", in, []float64{0.5, 0.5, 0}},
		{"out", out, []float64{0.5, 0.5, 0}},
		{"strength", str, []float64{3.5, 3.5, 0}},
		{"out-strength", outStr, []float64{2.5, 1, 0}},
	} {
		for i := range c.want {
			if math.Abs(c.got[i]-c.want[i]) > 1e-12 {
				t.Errorf("%s degree of %s = %g, want %g", c.what, p.Nodes[i].ID, c.got[i], c.want[i])
			}
		}
	}
}
