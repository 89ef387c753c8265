package paths

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/shellnet/shellnet/graph"
)

// build makes a projection from "from TYPE to" lines; nodes are named by
// their first letters and get the country after a colon ("a:US").
func build(t testing.TB, lines ...string) *graph.Projection {
	t.Helper()
	b := graph.NewBuilder(0, 0)
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) != 3 {
			t.Fatalf("bad line %q", l)
		}
		for _, id := range []string{f[0], f[2]} {
			b.AddNode(graph.Node{ID: id, Name: strings.ToUpper(id), Kind: graph.Company})
		}
		b.AddLink(f[0], f[2], graph.LinkType(f[1]), 1)
	}
	return b.Build()
}

func ids(t testing.TB, p *graph.Projection, names ...string) []int32 {
	t.Helper()
	var out []int32
	for _, n := range names {
		i, ok := p.Index(n)
		if !ok {
			t.Fatalf("no node %q", n)
		}
		out = append(out, i)
	}
	return out
}

// show renders a path as "a>b>c (cost)".
func show(p *graph.Projection, pa Path) string {
	var parts []string
	for _, v := range pa.Nodes {
		parts = append(parts, p.Nodes[v].ID)
	}
	return fmt.Sprintf("%s (%g)", strings.Join(parts, ">"), pa.Cost)
}

func showAll(p *graph.Projection, ps []Path) []string {
	out := []string{}
	for _, pa := range ps {
		out = append(out, show(p, pa))
	}
	return out
}

func TestFindDerivedGraph(t *testing.T) {
	p := build(t,
		"v SUPPLIES r",  // forward
		"x PAYS r",      // r supplied x
		"x OWNS y",      // control, walked backward too
		"z DIRECTS y",   // control
		"z SUPPLIES t",  // to the target
		"r ASSOCIATE t", // weak: only with Weak
		"q SUPPLIES v",  // into the source: never walked
		"r MADE_BY t",   // technical: never walked
	)
	cases := []struct {
		name string
		opt  Options
		want []string
	}{
		{"strong links", Options{K: 5}, []string{"v>r>x>y>z>t (7)"}},
		{"weak on request", Options{K: 5, Weak: true}, []string{"v>r>t (5)", "v>r>x>y>z>t (7)"}},
		{"hop bound", Options{K: 5, MaxHops: 4}, []string{}},
		{"hop bound weak", Options{K: 5, MaxHops: 4, Weak: true}, []string{"v>r>t (5)"}},
		{"k=1", Options{K: 1, Weak: true}, []string{"v>r>t (5)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps, err := Find(p, ids(t, p, "v"), ids(t, p, "t"), c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := showAll(p, ps); !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestFindTargetsEndPathsAndSourcesStartThem(t *testing.T) {
	p := build(t,
		"a SUPPLIES b",
		"b SUPPLIES t1", // t1 is a target: the path stops there
		"t1 SUPPLIES t2",
		"b SUPPLIES t2",
		"a SUPPLIES s2", // s2 is another source: never entered
		"s2 SUPPLIES t2",
	)
	ps, err := Find(p, ids(t, p, "a", "s2"), ids(t, p, "t1", "t2"), Options{K: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"s2>t2 (1)", "a>b>t1 (2)", "a>b>t2 (2)"}
	if got := showAll(p, ps); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// the reversed flag follows the link's own direction
	p2 := build(t, "x PAYS v", "x SUPPLIES t")
	ps, err = Find(p2, ids(t, p2, "v"), ids(t, p2, "t"), Options{})
	if err != nil || len(ps) != 1 {
		t.Fatalf("got %v, %v", ps, err)
	}
	if !ps[0].Reversed(p2, 0) || ps[0].Reversed(p2, 1) {
		t.Errorf("PAYS hop should be reversed and SUPPLIES hop not")
	}
}

func TestFindErrors(t *testing.T) {
	p := build(t, "a SUPPLIES b")
	if _, err := Find(p, nil, ids(t, p, "b"), Options{}); err != ErrNoEnds {
		t.Errorf("no sources: got %v", err)
	}
	if _, err := Find(p, []int32{7}, ids(t, p, "b"), Options{}); err == nil {
		t.Error("source out of range accepted")
	}
	if _, err := Find(p, ids(t, p, "a"), ids(t, p, "b"), Options{MaxHops: 100}); err == nil {
		t.Error("max hops 100 accepted")
	}
	if _, err := Find(p, ids(t, p, "a"), ids(t, p, "b"), Options{Costs: map[graph.LinkType]Cost{graph.Supplies: {Forward: -1}}}); err == nil {
		t.Error("negative cost accepted")
	}
}

// randomProjection has n nodes named n00.. and m links of the given types,
// no self-links and no parallel links between one ordered pair.
func randomProjection(rng *rand.Rand, n, m int, types []graph.LinkType) *graph.Projection {
	b := graph.NewBuilder(n, m)
	for i := range n {
		b.AddNode(graph.Node{ID: fmt.Sprintf("n%02d", i), Kind: graph.Company})
	}
	seen := map[[2]int]bool{}
	m = min(m, n*(n-1)/2)
	for len(seen) < m {
		u, v := rng.IntN(n), rng.IntN(n)
		if u == v || seen[[2]int{u, v}] || seen[[2]int{v, u}] {
			continue
		}
		seen[[2]int{u, v}] = true
		b.AddLink(fmt.Sprintf("n%02d", u), fmt.Sprintf("n%02d", v), types[rng.IntN(len(types))], 1)
	}
	return b.Build()
}

// gonumCosts returns the costs of gonum's k shortest paths from s to t.
func gonumCosts(g gonum.Graph, w func(x, y int64) (float64, bool), k int, s, t int32) []float64 {
	var out []float64
	for _, pa := range path.YenKShortestPaths(g, k, math.Inf(1), simple.Node(s), simple.Node(t)) {
		c := 0.0
		for i := 1; i < len(pa); i++ {
			x, _ := w(pa[i-1].ID(), pa[i].ID())
			c += x
		}
		out = append(out, c)
	}
	return out
}

// checkPaths verifies that each path is loopless, walks existing arcs of
// the derived graph with the costs it reports, and that the costs are those
// wanted, in order.
func checkPaths(t *testing.T, p *graph.Projection, costs map[graph.LinkType]Cost, ps []Path, want []float64, what string) {
	t.Helper()
	f, _ := newFlow(p, costs)
	got := make([]float64, len(ps))
	seen := map[string]bool{}
	for i, pa := range ps {
		got[i] = pa.Cost
		if seen[show(p, pa)] {
			t.Errorf("%s: path %s twice", what, show(p, pa))
		}
		seen[show(p, pa)] = true
		nodes := map[int32]bool{}
		sum := 0.0
		for j, v := range pa.Nodes {
			if nodes[v] {
				t.Errorf("%s: path %s repeats a node", what, show(p, pa))
			}
			nodes[v] = true
			if j == 0 {
				continue
			}
			best := math.Inf(1)
			f.arcs(pa.Nodes[j-1], func(x, link int32, c float64) {
				if x == v {
					best = min(best, c)
				}
			})
			sum += best
		}
		if math.Abs(sum-pa.Cost) > 1e-9 {
			t.Errorf("%s: path %s costs %g by its arcs", what, show(p, pa), sum)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d paths %v, want %d %v", what, len(got), got, len(want), want)
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Fatalf("%s: costs %v, want %v", what, got, want)
		}
	}
}

// Through the projection's directed gonum view: SUPPLIES links only, cost 1,
// so gonum's graph and the derived graph are the same.
func TestFindAgreesWithGonumDirected(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	costs := DefaultCosts(false)
	for trial := range 200 {
		n := 6 + rng.IntN(7)
		p := randomProjection(rng, n, n+rng.IntN(2*n), []graph.LinkType{graph.Supplies})
		s, tt := int32(rng.IntN(n)), int32(rng.IntN(n))
		if s == tt {
			continue
		}
		const k = 12
		want := gonumCosts(p.Directed(), p.Directed().Weight, k, s, tt)
		ps, err := Find(p, []int32{s}, []int32{tt}, Options{K: k, MaxHops: n})
		if err != nil {
			t.Fatal(err)
		}
		checkPaths(t, p, costs, ps, want, fmt.Sprintf("trial %d", trial))
	}
}

// Through the projection's undirected gonum view: OWNS links only, walked
// both ways at ControlCost, so each cost is ControlCost times gonum's.
func TestFindAgreesWithGonumUndirected(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	costs := DefaultCosts(false)
	for trial := range 200 {
		n := 6 + rng.IntN(6)
		p := randomProjection(rng, n, n+rng.IntN(n), []graph.LinkType{graph.Owns})
		s, tt := int32(rng.IntN(n)), int32(rng.IntN(n))
		if s == tt {
			continue
		}
		const k = 12
		g := p.UndirectedGonum()
		want := gonumCosts(g, g.Weight, k, s, tt)
		for i := range want {
			want[i] *= ControlCost
		}
		ps, err := Find(p, []int32{s}, []int32{tt}, Options{K: k, MaxHops: n})
		if err != nil {
			t.Fatal(err)
		}
		checkPaths(t, p, costs, ps, want, fmt.Sprintf("trial %d", trial))
	}
}

// On every link type at once, against gonum run on the derived graph
// itself (the cheapest arc of each ordered pair).
func TestFindAgreesWithGonumMixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	costs := DefaultCosts(true)
	types := []graph.LinkType{graph.Supplies, graph.Pays, graph.Owns, graph.Directs, graph.Associate, graph.SameAs, graph.MadeBy, graph.LocatedAt}
	for trial := range 200 {
		n := 6 + rng.IntN(7)
		p := randomProjection(rng, n, n+rng.IntN(2*n), types)
		s, tt := int32(rng.IntN(n)), int32(rng.IntN(n))
		if s == tt {
			continue
		}
		g := simple.NewWeightedDirectedGraph(0, math.Inf(1))
		for u := range int32(n) {
			g.AddNode(simple.Node(u))
		}
		f, _ := newFlow(p, costs)
		for u := range int32(n) {
			f.arcs(u, func(v, _ int32, c float64) {
				if e := g.WeightedEdge(int64(u), int64(v)); e == nil || e.Weight() > c {
					g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(u), simple.Node(v), c))
				}
			})
		}
		const k = 12
		want := gonumCosts(g, g.Weight, k, s, tt)
		ps, err := Find(p, []int32{s}, []int32{tt}, Options{K: k, MaxHops: n, Costs: costs})
		if err != nil {
			t.Fatal(err)
		}
		checkPaths(t, p, costs, ps, want, fmt.Sprintf("trial %d", trial))
	}
}

// bruteForce lists every path the definition of Find admits (simple, at
// most h hops, from a source, ending at the first target, entering no
// source) and returns the k cheapest costs.
func bruteForce(p *graph.Projection, costs map[graph.LinkType]Cost, sources, targets []int32, h, k int) []float64 {
	f, _ := newFlow(p, costs)
	tgt := map[int32]bool{}
	for _, x := range targets {
		tgt[x] = true
	}
	src := map[int32]bool{}
	for _, x := range sources {
		if !tgt[x] {
			src[x] = true
		}
	}
	var out []float64
	on := map[int32]bool{}
	var walk func(u int32, hops int, cost float64)
	walk = func(u int32, hops int, cost float64) {
		if tgt[u] {
			out = append(out, cost)
			return
		}
		if hops == h {
			return
		}
		on[u] = true
		best := map[int32]float64{}
		f.arcs(u, func(v, _ int32, c float64) {
			if old, ok := best[v]; !ok || c < old {
				best[v] = c
			}
		})
		for v, c := range best {
			if !on[v] && !src[v] {
				walk(v, hops+1, cost+c)
			}
		}
		on[u] = false
	}
	for s := range src {
		walk(s, 0, 0)
	}
	sort.Float64s(out)
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// With source and target sets and a hop bound, against brute force.
func TestFindAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	costs := DefaultCosts(true)
	types := []graph.LinkType{graph.Supplies, graph.Supplies, graph.Pays, graph.Owns, graph.Represents, graph.Family, graph.SameAs}
	for trial := range 300 {
		n := 8 + rng.IntN(8)
		p := randomProjection(rng, n, n+rng.IntN(2*n), types)
		perm := rng.Perm(n)
		ns, nt := 1+rng.IntN(3), 1+rng.IntN(3)
		var sources, targets []int32
		for _, x := range perm[:ns] {
			sources = append(sources, int32(x))
		}
		for _, x := range perm[ns : ns+nt] {
			targets = append(targets, int32(x))
		}
		h := 1 + rng.IntN(6)
		k := 1 + rng.IntN(15)
		want := bruteForce(p, costs, sources, targets, h, k)
		ps, err := Find(p, sources, targets, Options{K: k, MaxHops: h, Costs: costs})
		if err != nil {
			t.Fatal(err)
		}
		for _, pa := range ps {
			if pa.Hops() > h {
				t.Errorf("trial %d: %s has more than %d hops", trial, show(p, pa), h)
			}
		}
		checkPaths(t, p, costs, ps, want, fmt.Sprintf("trial %d (h=%d k=%d)", trial, h, k))
	}
}

// Reading records as the search needs them finds paths of the same costs
// as giving them all, on random graphs whose trade links are documented at
// random.
func TestFindLoadingRecordsAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	types := []graph.LinkType{graph.Supplies, graph.Supplies, graph.Pays, graph.Owns, graph.Represents, graph.SameAs}
	for trial := range 300 {
		n := 8 + rng.IntN(20)
		b := graph.NewBuilder(n, 0)
		for i := range n {
			b.AddNode(graph.Node{ID: fmt.Sprintf("n%02d", i)})
		}
		var links []graph.Link
		for range n + rng.IntN(3*n) {
			u, v := rng.IntN(n), rng.IntN(n)
			l := graph.Link{From: fmt.Sprintf("n%02d", u), To: fmt.Sprintf("n%02d", v), Type: types[rng.IntN(len(types))]}
			if rng.IntN(2) == 0 {
				l.Props = map[string]any{"goods": "phones"}
			}
			links = append(links, l)
			b.AddLink(l.From, l.To, l.Type, 1)
		}
		p := b.Build()
		all := NewTradeRecords(p)
		for i := range links {
			all.Add(&links[i])
		}
		perm := rng.Perm(n)
		sources := []int32{int32(perm[0]), int32(perm[1])}
		targets := []int32{int32(perm[2]), int32(perm[3])}
		opt := Options{K: 1 + rng.IntN(8), MaxHops: 2 + rng.IntN(5)}
		want, err := Find(p, sources, targets, Options{K: opt.K, MaxHops: opt.MaxHops, Records: all})
		if err != nil {
			t.Fatal(err)
		}
		asked := 0
		opt.LoadRecords = func(nodes []int32) ([]graph.Link, error) {
			asked += len(nodes)
			var out []graph.Link
			for _, l := range links {
				for _, v := range nodes {
					if p.Nodes[v].ID == l.From || p.Nodes[v].ID == l.To {
						out = append(out, l)
						break
					}
				}
			}
			return out, nil
		}
		got, err := Find(p, sources, targets, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("trial %d: %d paths loading records, %d with all (%q vs %q)", trial, len(got), len(want), showAll(p, got), showAll(p, want))
		}
		for i := range got {
			if math.Abs(got[i].Cost-want[i].Cost) > 1e-9 {
				t.Fatalf("trial %d: costs %q, want %q", trial, showAll(p, got), showAll(p, want))
			}
		}
		if asked > n {
			t.Fatalf("trial %d: asked for %d nodes of %d", trial, asked, n)
		}
	}
}
