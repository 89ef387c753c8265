package graph

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// messyKarate is the karate club with what real stores hold beside simple
// edges: a parallel link of another type, links in both directions, a
// self-link, and a second component and an isolated node beyond the club.
// It returns the projection and the same graph built in gonum's simple
// package, directed and undirected, with parallel links summed.
func messyKarate(t *testing.T) (*Projection, *simple.WeightedDirectedGraph, *simple.WeightedUndirectedGraph) {
	t.Helper()
	type link struct {
		u, v int
		t    LinkType
		w    float64
	}
	var ls []link
	for _, e := range karate(t) {
		ls = append(ls, link{e.u, e.v, Associate, e.w})
	}
	ls = append(ls,
		link{0, 1, Pays, 1.5},      // parallel to 0-1
		link{33, 32, Supplies, 2},  // reverse of 32-33
		link{5, 5, SameAs, 7},      // self-link
		link{34, 35, Owns, 0.25},   // second component
		link{35, 36, Owns, 0.5},    // ...
		link{36, 34, Directs, 1.0}, // ... a directed cycle
	)
	const n = 38 // 37 is isolated
	b := NewBuilder(n, len(ls))
	for i := 0; i < n; i++ {
		b.AddNode(Node{ID: kid(i), Kind: Person})
	}
	for _, l := range ls {
		b.AddLink(kid(l.u), kid(l.v), l.t, float32(l.w))
	}
	p := b.Build()

	dg := simple.NewWeightedDirectedGraph(0, math.Inf(1))
	ug := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for i := 0; i < n; i++ {
		dg.AddNode(simple.Node(i))
		ug.AddNode(simple.Node(i))
	}
	for _, l := range ls {
		if l.u == l.v {
			continue // simple graphs have no self-links; checked separately
		}
		w := l.w
		if e := dg.WeightedEdge(int64(l.u), int64(l.v)); e != nil {
			w += e.Weight()
		}
		dg.SetWeightedEdge(dg.NewWeightedEdge(simple.Node(l.u), simple.Node(l.v), w))
		w = l.w
		if e := ug.WeightedEdge(int64(l.u), int64(l.v)); e != nil {
			w += e.Weight()
		}
		ug.SetWeightedEdge(ug.NewWeightedEdge(simple.Node(l.u), simple.Node(l.v), w))
	}
	return p, dg, ug
}

func ids(it gonum.Nodes) []int64 {
	var out []int64
	for it.Next() {
		out = append(out, it.Node().ID())
	}
	slices.Sort(out)
	return out
}

func TestDirectedViewMatchesGonum(t *testing.T) {
	p, dg, _ := messyKarate(t)
	g := p.Directed()
	n := int64(p.Len())
	if got, want := ids(g.Nodes()), ids(dg.Nodes()); !slices.Equal(got, want) {
		t.Fatalf("nodes: got %v, want %v", got, want)
	}
	for u := int64(0); u < n; u++ {
		from, to := ids(g.From(u)), ids(g.To(u))
		if u == 5 { // the self-link shows in the view, not in gonum's simple graph
			from = slices.DeleteFunc(from, func(x int64) bool { return x == 5 })
			to = slices.DeleteFunc(to, func(x int64) bool { return x == 5 })
		}
		if want := ids(dg.From(u)); !slices.Equal(from, want) {
			t.Errorf("From(%d): got %v, want %v", u, from, want)
		}
		if want := ids(dg.To(u)); !slices.Equal(to, want) {
			t.Errorf("To(%d): got %v, want %v", u, to, want)
		}
		for v := int64(0); v < n; v++ {
			if u == v {
				continue
			}
			if g.HasEdgeFromTo(u, v) != dg.HasEdgeFromTo(u, v) || g.HasEdgeBetween(u, v) != dg.HasEdgeBetween(u, v) {
				t.Errorf("edge %d→%d: view %v/%v, gonum %v/%v", u, v, g.HasEdgeFromTo(u, v), g.HasEdgeBetween(u, v), dg.HasEdgeFromTo(u, v), dg.HasEdgeBetween(u, v))
			}
			gw, gok := g.Weight(u, v)
			dw, dok := dg.Weight(u, v)
			if gok != dok || (gok && math.Abs(gw-dw) > 1e-6) {
				t.Errorf("weight %d→%d: view %v %v, gonum %v %v", u, v, gw, gok, dw, dok)
			}
			e := g.Edge(u, v)
			if (e == nil) != !dok {
				t.Errorf("Edge(%d, %d): got %v", u, v, e)
			} else if e != nil && (e.From().ID() != u || e.To().ID() != v) {
				t.Errorf("Edge(%d, %d) joins %d and %d", u, v, e.From().ID(), e.To().ID())
			}
		}
	}
	if w, ok := g.Weight(5, 5); !ok || w != 7 {
		t.Errorf("self weight of 5: got %v %v, want 7", w, ok)
	}
	if w, ok := g.Weight(4, 4); !ok || w != 0 {
		t.Errorf("self weight of 4: got %v %v, want 0 true", w, ok)
	}
	for _, bad := range []int64{-1, n, n + 10} {
		if g.Node(bad) != nil || g.From(bad).Len() != 0 || g.To(bad).Len() != 0 || g.HasEdgeFromTo(bad, 0) || g.Edge(0, bad) != nil {
			t.Errorf("node %d outside the projection is visible", bad)
		}
	}
}

func TestUndirectedViewMatchesGonum(t *testing.T) {
	p, _, ug := messyKarate(t)
	g := p.UndirectedGonum()
	n := int64(p.Len())
	if got, want := ids(g.Nodes()), ids(ug.Nodes()); !slices.Equal(got, want) {
		t.Fatalf("nodes: got %v, want %v", got, want)
	}
	edges := 0
	for u := int64(0); u < n; u++ {
		if got, want := ids(g.From(u)), ids(ug.From(u)); !slices.Equal(got, want) {
			t.Errorf("From(%d): got %v, want %v", u, got, want)
		}
		if got, want := p.Undirected().Degree(int32(u)), ug.From(u).Len(); got != want {
			t.Errorf("Degree(%d): got %d, want %d", u, got, want)
		}
		for v := int64(0); v < n; v++ {
			if u == v {
				continue
			}
			gw, gok := g.Weight(u, v)
			uw, uok := ug.Weight(u, v)
			if gok != uok || (gok && math.Abs(gw-uw) > 1e-6) {
				t.Errorf("weight %d-%d: view %v %v, gonum %v %v", u, v, gw, gok, uw, uok)
			}
			if gok {
				edges++
				e := g.WeightedEdgeBetween(u, v)
				if e == nil || e.Weight() != gw || g.EdgeBetween(u, v) == nil || !g.HasEdgeBetween(v, u) {
					t.Errorf("edge %d-%d: %v", u, v, e)
				}
			}
		}
	}
	if got, want := edges/2, ug.Edges().Len(); got != want || p.Undirected().Edges() != want {
		t.Errorf("edges: counted %d, Edges() %d, gonum %d", got, p.Undirected().Edges(), want)
	}
	if w, ok := g.Weight(0, 1); !ok || w != 4+1.5 {
		t.Errorf("weight 0-1 (4 and a parallel 1.5): got %v", w)
	}
	if w, ok := g.Weight(32, 33); !ok || w != 5+2 {
		t.Errorf("weight 32-33 (5 and a reverse 2): got %v", w)
	}
	if p.Undirected().Degree(5) != ug.From(5).Len() || g.HasEdgeBetween(5, 5) {
		t.Errorf("the self-link of 5 shows in the undirected view")
	}
}

// TestAlgorithmsAgree runs gonum's algorithms on the views and on gonum's
// own graphs: every result must be the same.
func TestAlgorithmsAgree(t *testing.T) {
	p, dg, ug := messyKarate(t)
	n := int64(p.Len())
	for s := int64(0); s < n; s++ {
		dv := path.DijkstraFrom(simple.Node(s), p.Directed())
		dd := path.DijkstraFrom(simple.Node(s), dg)
		uv := path.DijkstraFrom(simple.Node(s), p.UndirectedGonum())
		uu := path.DijkstraFrom(simple.Node(s), ug)
		for v := int64(0); v < n; v++ {
			if a, b := dv.WeightTo(v), dd.WeightTo(v); math.Abs(a-b) > 1e-9 && !(math.IsInf(a, 1) && math.IsInf(b, 1)) {
				t.Errorf("directed distance %d→%d: view %v, gonum %v", s, v, a, b)
			}
			if a, b := uv.WeightTo(v), uu.WeightTo(v); math.Abs(a-b) > 1e-9 && !(math.IsInf(a, 1) && math.IsInf(b, 1)) {
				t.Errorf("undirected distance %d-%d: view %v, gonum %v", s, v, a, b)
			}
		}
	}
	partition := func(cc [][]gonum.Node) string {
		var parts [][]int64
		for _, c := range cc {
			var ids []int64
			for _, nd := range c {
				ids = append(ids, nd.ID())
			}
			slices.Sort(ids)
			parts = append(parts, ids)
		}
		sort.Slice(parts, func(i, j int) bool { return parts[i][0] < parts[j][0] })
		return fmt.Sprint(parts)
	}
	got, want := partition(topo.ConnectedComponents(p.UndirectedGonum())), partition(topo.ConnectedComponents(ug))
	if got != want {
		t.Errorf("connected components: view %s, gonum %s", got, want)
	}
	if cc := topo.ConnectedComponents(p.UndirectedGonum()); len(cc) != 3 {
		t.Errorf("connected components: got %d, want 3 (club, triangle, isolated node)", len(cc))
	}
	got, want = partition(topo.TarjanSCC(p.Directed())), partition(topo.TarjanSCC(dg))
	if got != want {
		t.Errorf("strongly connected components: view %s, gonum %s", got, want)
	}
	bv, bg := network.Betweenness(p.UndirectedGonum()), network.Betweenness(ug)
	for v := int64(0); v < n; v++ {
		if math.Abs(bv[v]-bg[v]) > 1e-9 {
			t.Errorf("betweenness of %d: view %v, gonum %v", v, bv[v], bg[v])
		}
	}
}

// TestKarateReference checks gonum's algorithms on the projection's views
// against networkx 3.6.1 (testdata/karate/reference_values_networkx-3.6.1.txt).
// PageRank of an undirected graph is PageRank of the graph with each edge
// both ways, so the club is projected with a link each way.
func TestKarateReference(t *testing.T) {
	both := func(weighted bool) *Projection {
		b := NewBuilder(34, 156)
		for i := 0; i < 34; i++ {
			b.AddNode(Node{ID: kid(i)})
		}
		for _, e := range karate(t) {
			w := float32(1)
			if weighted {
				w = float32(e.w)
			}
			b.AddLink(kid(e.u), kid(e.v), Associate, w)
			b.AddLink(kid(e.v), kid(e.u), Associate, w)
		}
		return b.Build()
	}
	const tol = 1e-5
	check := func(what string, got map[int64]float64, want map[int64]float64) {
		t.Helper()
		for v, w := range want {
			if math.Abs(got[v]-w) > tol {
				t.Errorf("%s of %d: got %.7f, want %.7f (networkx 3.6.1)", what, v, got[v], w)
			}
		}
		sum := 0.0
		for _, x := range got {
			sum += x
		}
		if what != "betweenness" && math.Abs(sum-1) > 1e-9 {
			t.Errorf("%s sums to %v, want 1", what, sum)
		}
	}
	check("pagerank", network.PageRank(both(false).Directed(), 0.85, 1e-10),
		map[int64]float64{33: 0.1009179167487121, 0: 0.09700181758983709, 32: 0.07169213006588289})
	check("weighted pagerank", network.PageRank(both(true).Directed(), 0.85, 1e-10),
		map[int64]float64{33: 0.09698041880501744, 0: 0.08850807396280014, 32: 0.07592643687005647})

	// betweenness over ordered pairs, normalised as networkx does by (n-1)(n-2)
	raw := network.Betweenness(karateProjection(t, false).UndirectedGonum())
	norm := map[int64]float64{}
	for v, b := range raw {
		norm[v] = b / (33 * 32)
	}
	check("betweenness", norm, map[int64]float64{0: 0.43763528138528146, 33: 0.30407497594997596, 32: 0.145247113997114, 2: 0.14365680615680618, 31: 0.13827561327561325})

	// the split of the club after the dispute (karate_nodes_club.csv)
	f, err := os.Open("testdata/karate/karate_nodes_club.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) != 35 {
		t.Fatalf("karate_nodes_club.csv: %d records, %v", len(recs), err)
	}
	var hi, of []gonum.Node
	for _, r := range recs[1:] {
		i, err := strconv.Atoi(r[0])
		if err != nil {
			t.Fatal(err)
		}
		if r[1] == "Officer" {
			of = append(of, simple.Node(i))
		} else {
			hi = append(hi, simple.Node(i))
		}
	}
	if len(hi) != 17 || len(of) != 17 {
		t.Fatalf("club split: %d and %d members, want 17 and 17", len(hi), len(of))
	}
	if q := community.Q(karateProjection(t, false).UndirectedGonum(), [][]gonum.Node{hi, of}, 1); math.Abs(q-0.3582347140039448) > 1e-9 {
		t.Errorf("modularity of the club split: got %.10f, want 0.3582347140 (networkx 3.6.1)", q)
	}
}

// TestNodeIterators checks gonum's iterator contract: Len is what remains,
// Reset starts again.
func TestNodeIterators(t *testing.T) {
	p := karateProjection(t, true)
	for name, it := range map[string]gonum.Nodes{"Nodes": p.Directed().Nodes(), "From(0)": p.Directed().From(0), "undirected From(33)": p.UndirectedGonum().From(33)} {
		n := it.Len()
		if n == 0 {
			t.Fatalf("%s: empty", name)
		}
		for i := n; i > 0; i-- {
			if it.Len() != i || !it.Next() {
				t.Fatalf("%s: Len %d before item %d of %d", name, it.Len(), n-i, n)
			}
		}
		if it.Next() || it.Len() != 0 {
			t.Errorf("%s: Next after the end", name)
		}
		it.Reset()
		if it.Len() != n {
			t.Errorf("%s: Len after Reset %d, want %d", name, it.Len(), n)
		}
	}
}
