package exposure

import (
	"sync"
	"testing"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
)

var benchGraphs sync.Map // entities → *graph.Projection

func benchProjection(entities int) *graph.Projection {
	if p, ok := benchGraphs.Load(entities); ok {
		return p.(*graph.Projection)
	}
	net := synth.Generate(synth.Config{Entities: entities, LinksPerEntity: 5, Chains: min(1000, entities/40), Seed: 1})
	b := graph.NewBuilder(len(net.Entities), len(net.Links))
	for i := range net.Entities {
		b.AddNode(graph.NodeOf(&net.Entities[i]))
	}
	for i := range net.Links {
		l := &net.Links[i]
		b.AddLink(l.From, l.To, l.Type, graph.LinkWeight(l))
	}
	p := b.Build()
	benchGraphs.Store(entities, p)
	return p
}

// benchExposure scores every entity of a generated network from its listed
// parties, and explains the 20 most exposed by their 3 heaviest paths.
func benchExposure(b *testing.B, entities int) {
	p := benchProjection(entities)
	seeds := p.Select(graph.MustSelector("tag:sanction"))
	b.ReportAllocs()
	b.ResetTimer()
	var res *Result
	for b.Loop() {
		var err error
		if res, err = Compute(p, seeds, Options{}); err != nil {
			b.Fatal(err)
		}
		for v := range int32(20) {
			res.Explain(v, 3, 4, 0)
		}
	}
	b.ReportMetric(float64(res.Iterations), "iterations")
}

func BenchmarkExposure100k(b *testing.B) { benchExposure(b, 100_000) }
func BenchmarkExposure1M(b *testing.B)   { benchExposure(b, 1_000_000) }
