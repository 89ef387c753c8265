package centrality

import (
	"flag"
	"strings"
	"sync"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// Benchmarks run on preferential-attachment graphs of 100k nodes and 500k
// links, and of 1M nodes and 5M links; the large ones run only when the
// -bench pattern names them (go test -bench 'PageRank/1M' ...), since
// building them takes a while and gigabytes.

var benchGraphs sync.Map

// benchGraph returns a preferential-attachment graph of n nodes and n·5
// links, built once per process, with its undirected view ready.
func benchGraph(b *testing.B, n int) *graph.Projection {
	b.Helper()
	if n >= 1_000_000 {
		pat := flag.Lookup("test.bench").Value.String()
		if !strings.Contains(pat, "1M") {
			b.Skip("1M-node benchmarks run only when -bench names them, e.g. -bench 'PageRank/1M'")
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

var benchSizes = []struct {
	name string
	n    int
}{{"100k", 100_000}, {"1M", 1_000_000}}

func BenchmarkPageRank(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			p := benchGraph(b, s.n)
			b.ResetTimer()
			for b.Loop() {
				if _, err := PageRank(p, PageRankOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(p.Links()), "links")
		})
	}
}

func BenchmarkBetweennessSampled(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name+"/k=100", func(b *testing.B) {
			p := benchGraph(b, s.n)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Betweenness(p, BetweennessOptions{Sample: 100, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkBetweennessExact10k(b *testing.B) {
	p := preferential(10_000, 2, 11)
	p.Undirected()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Betweenness(p, BetweennessOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
