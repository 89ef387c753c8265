package exposure

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/shellnet/shellnet/graph"
)

func build(t testing.TB, lines ...string) *graph.Projection {
	t.Helper()
	b := graph.NewBuilder(0, 0)
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) == 1 {
			b.AddNode(graph.Node{ID: f[0]})
			continue
		}
		b.AddNode(graph.Node{ID: f[0]})
		b.AddNode(graph.Node{ID: f[2]})
		b.AddLink(f[0], f[2], graph.LinkType(f[1]), 1)
	}
	return b.Build()
}

func idx(t testing.TB, p *graph.Projection, id string) int32 {
	t.Helper()
	i, ok := p.Index(id)
	if !ok {
		t.Fatalf("no node %q", id)
	}
	return i
}

// Hand-computed: on the path a - b - c with restart at a and d = 17/20,
// x_a = 0.85·x_b/2 + 0.15, x_b = 0.85·(x_a + x_c), x_c = 0.85·x_b/2, whose
// solution is x = (511/1480, 17/37, 289/1480).
func TestExposurePathGraph(t *testing.T) {
	p := build(t, "a SUPPLIES b", "c PAYS b")
	res, err := Compute(p, []int32{idx(t, p, "a")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"a": 511.0 / 1480, "b": 17.0 / 37, "c": 289.0 / 1480}
	for id, w := range want {
		if got := res.Scores[idx(t, p, id)]; math.Abs(got-w) > 1e-9 {
			t.Errorf("x_%s = %.10f, want %.10f", id, got, w)
		}
	}
	// c's heaviest path is a → b → c: 0.15 · (0.85·1) · (0.85·1/2)
	cs := res.Explain(idx(t, p, "c"), 3, 4, 0)
	if len(cs) != 1 {
		t.Fatalf("c: %d contributions, want 1 (one simple path)", len(cs))
	}
	wantValue := 0.15 * 0.85 * 0.85 / 2
	if math.Abs(cs[0].Value-wantValue) > 1e-12 || math.Abs(cs[0].Share-wantValue/(289.0/1480)) > 1e-9 {
		t.Errorf("c's path: value %v share %v, want %v and %v", cs[0].Value, cs[0].Share, wantValue, wantValue/(289.0/1480))
	}
	if !slices.Equal(cs[0].Types, []graph.LinkType{graph.Supplies, graph.Pays}) || cs[0].Nodes[0] != idx(t, p, "a") {
		t.Errorf("c's path: %+v", cs[0])
	}
	// a's own restart explains 0.15 of its score
	as := res.Explain(idx(t, p, "a"), 1, 4, 0)
	if len(as) != 1 || len(as[0].Nodes) != 1 || math.Abs(as[0].Value-0.15) > 1e-12 {
		t.Errorf("a: %+v", as)
	}
}

// Hand-computed with class weights: the seed s owns u (weight 1) and is an
// associate of v (weight 1/4), so the walk leaves s for u with probability
// 0.8 and for v with 0.2: x_s = 0.15/(1−0.85²) = 20/37, x_u = 0.85·0.8·x_s =
// 13.6/37, x_v = 0.85·0.2·x_s = 3.4/37. The MADE_BY link (weight 0) is not walked.
func TestExposureClassWeights(t *testing.T) {
	p := build(t, "s OWNS u", "s ASSOCIATE v", "w MADE_BY s")
	res, err := Compute(p, []int32{idx(t, p, "s")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"s": 20.0 / 37, "u": 13.6 / 37, "v": 3.4 / 37, "w": 0}
	for id, w := range want {
		if got := res.Scores[idx(t, p, id)]; math.Abs(got-w) > 1e-9 {
			t.Errorf("x_%s = %.10f, want %.10f", id, got, w)
		}
	}
}

// solve computes personalised PageRank by solving the linear system
// (I − d·Pᵀ − d·r·1_danglingᵀ) x = (1−d)·r with gonum's dense LU.
func solve(t *testing.T, p *graph.Projection, seeds []int32, d float64) []float64 {
	n := p.Len()
	g := newWeighted(p, DefaultWeights)
	r := make([]float64, n)
	for _, s := range seeds {
		r[s] = 1 / float64(len(seeds))
	}
	a := mat.NewDense(n, n, nil)
	for v := range n {
		a.Set(v, v, 1)
	}
	for u := range n {
		if g.deg[u] == 0 {
			for v := range n {
				a.Set(v, u, a.At(v, u)-d*r[v])
			}
			continue
		}
		for j := g.off[u]; j < g.off[u+1]; j++ {
			v := g.adj[j]
			a.Set(int(v), u, a.At(int(v), u)-d*g.w[j]/g.deg[u])
		}
	}
	b := mat.NewVecDense(n, nil)
	for v := range n {
		b.SetVec(v, (1-d)*r[v])
	}
	var x mat.VecDense
	if err := x.SolveVec(a, b); err != nil {
		t.Fatal(err)
	}
	return x.RawVector().Data
}

func randomProjection(rng *rand.Rand, n, m int) *graph.Projection {
	types := []graph.LinkType{graph.Supplies, graph.Owns, graph.Directs, graph.Associate, graph.LocatedAt, graph.SameAs, graph.ObservedIn}
	b := graph.NewBuilder(n, m)
	for i := range n {
		b.AddNode(graph.Node{ID: fmt.Sprintf("n%05d", i)})
	}
	for range m {
		u, v := rng.IntN(n), rng.IntN(n)
		b.AddLink(fmt.Sprintf("n%05d", u), fmt.Sprintf("n%05d", v), types[rng.IntN(len(types))], float32(1+rng.IntN(3)))
	}
	return b.Build()
}

// On random multigraphs with isolated nodes and self-links, against the
// linear system solved directly.
func TestExposureAgreesWithLinearSolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 9))
	for trial := range 100 {
		n := 5 + rng.IntN(20)
		p := randomProjection(rng, n, rng.IntN(2*n))
		seeds := []int32{int32(rng.IntN(n)), int32(rng.IntN(n))}
		d := 0.5 + 0.45*rng.Float64()
		res, err := Compute(p, seeds, Options{Damping: d})
		if err != nil {
			t.Fatal(err)
		}
		want := solve(t, p, res.Seeds, d)
		sum := 0.0
		for v := range n {
			sum += res.Scores[v]
			if math.Abs(res.Scores[v]-want[v]) > 1e-9 {
				t.Fatalf("trial %d: x_%d = %v, linear solve %v", trial, v, res.Scores[v], want[v])
			}
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("trial %d: scores sum to %v", trial, sum)
		}
	}
}

// Explain returns the k heaviest simple paths, checked against enumerating
// every simple path of at most h links from a seed to v.
func TestExplainAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 9))
	for trial := range 100 {
		n := 5 + rng.IntN(10)
		p := randomProjection(rng, n, n+rng.IntN(2*n))
		seeds := []int32{int32(rng.IntN(n)), int32(rng.IntN(n))}
		res, err := Compute(p, seeds, Options{})
		if err != nil {
			t.Fatal(err)
		}
		v := int32(rng.IntN(n))
		h, k := 1+rng.IntN(4), 1+rng.IntN(5)
		var want []float64
		if res.restart[v] > 0 {
			want = append(want, res.jump*res.restart[v])
		}
		g := res.g
		on := map[int32]bool{v: true}
		var walk func(x int32, hops int, val float64)
		walk = func(x int32, hops int, val float64) {
			if hops == h {
				return
			}
			for j := g.off[x]; j < g.off[x+1]; j++ {
				u := g.adj[j]
				if on[u] {
					continue
				}
				w := val * res.damping * g.w[j] / g.deg[u]
				if res.restart[u] > 0 {
					want = append(want, res.jump*res.restart[u]*w)
					continue
				}
				on[u] = true
				walk(u, hops+1, w)
				on[u] = false
			}
		}
		walk(v, 0, 1)
		sort.Sort(sort.Reverse(sort.Float64Slice(want)))
		if len(want) > k {
			want = want[:k]
		}
		got := res.Explain(v, k, h, 0)
		if len(got) != len(want) {
			t.Fatalf("trial %d: %d contributions, want %d", trial, len(got), len(want))
		}
		for i := range got {
			if math.Abs(got[i].Value-want[i]) > 1e-12 {
				t.Fatalf("trial %d: values %v, want %v", trial, got, want)
			}
			if last := got[i].Nodes[len(got[i].Nodes)-1]; last != v || res.restart[got[i].Nodes[0]] == 0 || len(got[i].Types) != len(got[i].Nodes)-1 {
				t.Fatalf("trial %d: bad path %+v", trial, got[i])
			}
		}
	}
}

func TestExposureErrors(t *testing.T) {
	p := build(t, "a OWNS b")
	if _, err := Compute(p, nil, Options{}); err != ErrNoSeeds {
		t.Errorf("no seeds: %v", err)
	}
	if _, err := Compute(p, []int32{0}, Options{Damping: 1}); err == nil {
		t.Error("damping 1 accepted")
	}
	if _, err := Compute(p, []int32{5}, Options{}); err == nil {
		t.Error("seed out of range accepted")
	}
	if _, err := Compute(p, []int32{0}, Options{MaxIter: 2, Tol: 1e-15}); err == nil || !strings.Contains(err.Error(), "raise the tolerance") {
		t.Errorf("no convergence: %v", err)
	}
}

// Above the size where iterations run in parallel blocks, the scores are
// the same bytes whatever the number of processors, and sum to 1.
func TestExposureParallelDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	p := randomProjection(rng, 5000, 30000)
	seeds := []int32{1, 2, 3}
	var runs [][]float64
	for _, procs := range []int{1, 2, 7} {
		old := runtime.GOMAXPROCS(procs)
		res, err := Compute(p, seeds, Options{})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, res.Scores)
	}
	for _, r := range runs[1:] {
		if !slices.Equal(r, runs[0]) {
			t.Fatal("scores depend on the number of processors")
		}
	}
	sum := 0.0
	for _, x := range runs[0] {
		sum += x
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("scores sum to %v", sum)
	}
	if b := newWeighted(p, DefaultWeights).blocks(blockCount); len(b) < 2 || b[0] != 0 || b[len(b)-1] != int32(p.Len()) {
		t.Errorf("blocks %v", b)
	}
}
