package centrality

import (
	"math/rand/v2"
	"testing"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
)

// Benchmarks run on testnet.Bench networks (100k nodes and 500k links,
// and 1M and 5M when the -bench pattern names them).

func BenchmarkPageRank(b *testing.B) {
	for _, s := range testnet.Sizes {
		b.Run(s.Name, func(b *testing.B) {
			p := testnet.Bench(b, s.N)
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
	for _, s := range testnet.Sizes {
		b.Run(s.Name+"/k=100", func(b *testing.B) {
			p := testnet.Bench(b, s.N)
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
	p := testnet.Preferential(10_000, 2, 11)
	p.Undirected()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Betweenness(p, BetweennessOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBetweennessWeightedSampled runs a Dijkstra search from each
// pivot: the workload of the search's priority queue.
func BenchmarkBetweennessWeightedSampled(b *testing.B) {
	p := testnet.Bench(b, testnet.Sizes[0].N)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Betweenness(p, BetweennessOptions{Options: Options{Weighted: true}, Sample: 20, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTop picks the 20 best of 1M scores.
func BenchmarkTop(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	scores := make([]float64, 1_000_000)
	for i := range scores {
		scores[i] = rng.Float64()
	}
	for b.Loop() {
		Top(scores, 20)
	}
}
