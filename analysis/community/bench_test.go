package community

import (
	"flag"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// Benchmarks run on preferential-attachment graphs of 100k nodes and 500k
// links, and of 1M nodes and 5M links; the large ones run only when the
// -bench pattern names them (go test -bench 'Louvain/1M' ...).

var benchGraphs sync.Map

func benchGraph(b *testing.B, n int) *graph.Projection {
	b.Helper()
	if n >= 1_000_000 {
		pat := flag.Lookup("test.bench").Value.String()
		if !strings.Contains(pat, "1M") {
			b.Skip("1M-node benchmarks run only when -bench names them, e.g. -bench 'Louvain/1M'")
		}
	}
	if p, ok := benchGraphs.Load(n); ok {
		return p.(*graph.Projection)
	}
	p := preferential(n, 5, 1)
	p.Undirected()
	benchGraphs.Store(n, p)
	return p
}

// preferential builds a Barabási–Albert graph of n nodes, each new node
// linked to k earlier ones chosen in proportion to degree (one in four
// uniformly), from seed.
func preferential(n, k int, seed uint64) *graph.Projection {
	r := rand.New(rand.NewPCG(seed, 0x5e11))
	b := graph.NewBuilder(n, n*k)
	ends := make([]int, 0, 2*n*k)
	id := func(i int) string { return "n" + strconv.Itoa(i) }
	for i := range n {
		b.AddNode(graph.Node{ID: id(i), Name: id(i), Kind: graph.Company})
	}
	for i := 1; i < n; i++ {
		first := len(ends)
		for j := 0; j < k && j < i; j++ {
			var t int
			if first == 0 || r.IntN(4) == 0 {
				t = r.IntN(i)
			} else {
				t = ends[r.IntN(first)]
			}
			b.AddLink(id(i), id(t), graph.Supplies, 1)
			ends = append(ends, i, t)
		}
	}
	return b.Build()
}

var benchSizes = []struct {
	name string
	n    int
}{{"100k", 100_000}, {"1M", 1_000_000}}

func BenchmarkLouvain(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			p := benchGraph(b, s.n)
			var q float64
			b.ResetTimer()
			for b.Loop() {
				_, _, q, _ = Louvain(p, LouvainOptions{Seed: 1})
			}
			b.ReportMetric(q, "modularity")
		})
	}
}

func BenchmarkWCC(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			p := benchGraph(b, s.n)
			b.ResetTimer()
			for b.Loop() {
				Components(p)
			}
		})
	}
}

func BenchmarkLabelPropagation(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			p := benchGraph(b, s.n)
			b.ResetTimer()
			for b.Loop() {
				LabelPropagation(p, LabelPropOptions{Seed: 1})
			}
		})
	}
}
