package centrality

import (
	"sync"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

var benchGraphs sync.Map

// benchGraph returns a preferential-attachment graph of n nodes and about
// n·k links, built once per process.
func benchGraph(n, k int) *graph.Projection {
	key := [2]int{n, k}
	if p, ok := benchGraphs.Load(key); ok {
		return p.(*graph.Projection)
	}
	p := preferential(n, k, 1)
	p.Undirected()
	benchGraphs.Store(key, p)
	return p
}

func BenchmarkBetweennessExact10k(b *testing.B) {
	p := benchGraph(10000, 2)
	for b.Loop() {
		if _, err := Betweenness(p, BetweennessOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
