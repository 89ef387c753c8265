package community

import (
	"testing"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
)

// Benchmarks run on testnet.Bench networks (100k nodes and 500k links,
// and 1M and 5M when the -bench pattern names them).

func BenchmarkLouvain(b *testing.B) {
	for _, s := range testnet.Sizes {
		b.Run(s.Name, func(b *testing.B) {
			p := testnet.Bench(b, s.N)
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
	for _, s := range testnet.Sizes {
		b.Run(s.Name, func(b *testing.B) {
			p := testnet.Bench(b, s.N)
			b.ResetTimer()
			for b.Loop() {
				Components(p)
			}
		})
	}
}

func BenchmarkLabelPropagation(b *testing.B) {
	for _, s := range testnet.Sizes {
		b.Run(s.Name, func(b *testing.B) {
			p := testnet.Bench(b, s.N)
			b.ResetTimer()
			for b.Loop() {
				LabelPropagation(p, LabelPropOptions{Seed: 1})
			}
		})
	}
}
