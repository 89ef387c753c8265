package community

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/shellnet/shellnet/graph"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
)

// loadGraph reads a reference graph of analysis/testdata/graphs.
func loadGraph(t testing.TB, name string) *graph.Projection { return testnet.Load(t, name) }

// planted builds a planted-partition graph: blocks of size nodes each,
// every pair inside a block linked with probability pin and every pair
// across blocks with pout. It returns the graph and each node's block.
func planted(blocks, size int, pin, pout float64, seed uint64) (*graph.Projection, []int32) {
	r := rand.New(rand.NewPCG(seed, 0x91a7))
	n := blocks * size
	b := graph.NewBuilder(n, 0)
	id := func(i int) string { return "p" + strconv.Itoa(i) }
	for i := range n {
		b.AddNode(graph.Node{ID: id(i), Kind: graph.Company})
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			p := pout
			if i/size == j/size {
				p = pin
			}
			if r.Float64() < p {
				b.AddLink(id(i), id(j), graph.Supplies, 1)
			}
		}
	}
	proj := b.Build()
	truth := make([]int32, n)
	for i := range n {
		k, _ := strconv.Atoi(proj.Nodes[i].ID[1:])
		truth[i] = int32(k / size)
	}
	return proj, truth
}

// nmi is the normalised mutual information of two partitions,
// I(X;Y)/√(H(X)·H(Y)) (Strehl and Ghosh 2002), 1 for identical ones.
func nmi(x, y []int32) float64 {
	n := float64(len(x))
	joint := map[[2]int32]float64{}
	px, py := map[int32]float64{}, map[int32]float64{}
	for i := range x {
		joint[[2]int32{x[i], y[i]}]++
		px[x[i]]++
		py[y[i]]++
	}
	var mi, hx, hy float64
	for k, c := range joint {
		mi += c / n * math.Log(c*n/(px[k[0]]*py[k[1]]))
	}
	for _, c := range px {
		hx -= c / n * math.Log(c/n)
	}
	for _, c := range py {
		hy -= c / n * math.Log(c/n)
	}
	if hx == 0 || hy == 0 {
		if hx == hy {
			return 1
		}
		return 0
	}
	return mi / math.Sqrt(hx*hy)
}

func TestNMI(t *testing.T) {
	a := []int32{0, 0, 1, 1}
	if got := nmi(a, []int32{5, 5, 3, 3}); math.Abs(got-1) > 1e-12 {
		t.Errorf("relabelled: %v, want 1", got)
	}
	if got := nmi(a, []int32{0, 1, 0, 1}); math.Abs(got) > 1e-12 {
		t.Errorf("independent: %v, want 0", got)
	}
	// {0,0,1,1} against {0,0,0,1}: I = 0.2158, H = 0.6931 and 0.5623
	if got := nmi(a, []int32{0, 0, 0, 1}); math.Abs(got-0.3455920) > 1e-6 {
		t.Errorf("partial: %v, want 0.3455920", got)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
