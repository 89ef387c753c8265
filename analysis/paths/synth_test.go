package paths

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
)

// project loads a generated network into a projection, with the records
// of its trade links.
func project(net *synth.Network) (*graph.Projection, *TradeRecords) {
	b := graph.NewBuilder(len(net.Entities), len(net.Links))
	for i := range net.Entities {
		b.AddNode(graph.NodeOf(&net.Entities[i]))
	}
	for i := range net.Links {
		l := &net.Links[i]
		b.AddLink(l.From, l.To, l.Type, graph.LinkWeight(l))
	}
	p := b.Build()
	ev := NewTradeRecords(p)
	for i := range net.Links {
		if net.Links[i].Type.Class() == graph.ClassTrade {
			ev.Add(&net.Links[i])
		}
	}
	return p, ev
}

// TestPlantedChainsRecovered asks, for each chain planted in a 20k-entity
// network, for the 5 cheapest paths of at most 6 hops from the chain's
// vendor to its end user, and counts the chains found among them (the same
// nodes in the same order). The acceptance bar is 95%, with the records of
// documented trade links as the command uses it; the rate on structure
// alone is reported beside it.
func TestPlantedChainsRecovered(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 20k-entity network")
	}
	net := synth.Generate(synth.Config{Entities: 20_000, LinksPerEntity: 5, Chains: 200, Seed: 11})
	p, ev := project(net)
	touching := map[string][]graph.Link{}
	for _, l := range net.Links {
		touching[l.From] = append(touching[l.From], l)
		touching[l.To] = append(touching[l.To], l)
	}
	read := 0
	load := func(nodes []int32) ([]graph.Link, error) {
		var out []graph.Link
		for _, v := range nodes {
			out = append(out, touching[p.Nodes[v].ID]...)
		}
		read += len(out)
		return out, nil
	}
	rate := func(ev *TradeRecords, lazy bool, chains []synth.Chain) (float64, []string) {
		found := 0
		var missed []string
		for _, ch := range chains {
			want := ids(t, p, ch.Nodes...)
			opt := Options{K: 5, MaxHops: 6, Records: ev}
			if lazy {
				opt.LoadRecords = load
			}
			ps, err := Find(p, want[:1], want[len(want)-1:], opt)
			if err != nil {
				t.Fatal(err)
			}
			if slices.ContainsFunc(ps, func(pa Path) bool { return slices.Equal(pa.Nodes, want) }) {
				found++
			} else if len(missed) < 3 {
				missed = append(missed, strings.Join(ch.Nodes, ">")+" not in "+strings.Join(showAll(p, ps), ", "))
			}
		}
		return float64(found) / float64(len(chains)), missed
	}
	bare, _ := rate(nil, false, net.Chains)
	got, missed := rate(ev, false, net.Chains)
	t.Logf("planted chains recovered among the 5 cheapest paths: %.1f%% with trade records, %.1f%% on structure alone (%d chains)", 100*got, 100*bare, len(net.Chains))
	some := net.Chains[:40]
	all, _ := rate(ev, false, some)
	lazy, _ := rate(nil, true, some)
	t.Logf("reading records as needed: %.1f%% of %d chains as with all records, %.0f links read a query of %d", 100*lazy, len(some), float64(read)/float64(len(some)), len(net.Links))
	if lazy != all {
		t.Errorf("reading records as needed recovers %.1f%% of %d chains, all records %.1f%%", 100*lazy, len(some), 100*all)
	}
	if got < 0.95 {
		t.Errorf("recovered %.1f%% of planted chains, want ≥ 95%%; first misses:\n%s", 100*got, strings.Join(missed, "\n"))
	}
}

// TestPlantedChainsFromAllVendors runs the default query (US vendors to
// sanctioned parties) with k large enough to hold every chain from a US
// vendor, and checks that the cheapest paths it returns are planted chains
// or as cheap as them.
func TestPlantedChainsFromAllVendors(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 20k-entity network")
	}
	net := synth.Generate(synth.Config{Entities: 20_000, LinksPerEntity: 5, Chains: 100, Seed: 12})
	p, ev := project(net)
	sources := p.Select(graph.MustSelector("tag:role.vendor country:US"))
	targets := p.Select(graph.MustSelector("tag:sanction"))
	ps, err := Find(p, sources, targets, Options{K: 50, MaxHops: 6, Records: ev})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 50 {
		t.Fatalf("%d paths, want 50", len(ps))
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Cost < ps[i-1].Cost {
			t.Fatalf("paths out of order: %s before %s", show(p, ps[i-1]), show(p, ps[i]))
		}
	}
}

type benchGraph struct {
	p  *graph.Projection
	ev *TradeRecords
}

var benchOnce sync.Map // size → benchGraph

func benchNetwork(b *testing.B, entities int) (*graph.Projection, *TradeRecords) {
	if g, ok := benchOnce.Load(entities); ok {
		return g.(benchGraph).p, g.(benchGraph).ev
	}
	net := synth.Generate(synth.Config{Entities: entities, LinksPerEntity: 5, Chains: min(1000, entities/40), Seed: 1})
	p, ev := project(net)
	benchOnce.Store(entities, benchGraph{p, ev})
	return p, ev
}

func benchFind(b *testing.B, entities int) {
	p, ev := benchNetwork(b, entities)
	sources := p.Select(graph.MustSelector("tag:role.vendor country:US"))
	targets := p.Select(graph.MustSelector("tag:sanction"))
	b.ReportAllocs()
	b.ResetTimer()
	var ps []Path
	for b.Loop() {
		var err error
		ps, err = Find(p, sources, targets, Options{K: 5, MaxHops: 6, Records: ev})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ps)), "paths")
	b.ReportMetric(float64(len(sources)), "sources")
	b.ReportMetric(float64(len(targets)), "targets")
}

// BenchmarkFind100k: US vendors to sanctioned parties, k 5, max hops 6, on a
// generated 100k-entity, 500k-link network.
func BenchmarkFind100k(b *testing.B) { benchFind(b, 100_000) }

// BenchmarkFind1M: the same on 1M entities and 5M links.
func BenchmarkFind1M(b *testing.B) { benchFind(b, 1_000_000) }

// BenchmarkFindPair100k and BenchmarkGonumYenPair100k compare one
// source-target pair (gonum's Yen takes no sets), k 5, on the 100k network:
// Find bounded by 6 hops on the derived graph, gonum unbounded on the
// projection's directed view with unit costs.
func BenchmarkFindPair100k(b *testing.B) {
	p, _ := benchNetwork(b, 100_000)
	s, t := benchPair(p)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Find(p, []int32{s}, []int32{t}, Options{K: 5, MaxHops: 6}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGonumYenPair100k(b *testing.B) {
	p, _ := benchNetwork(b, 100_000)
	s, t := benchPair(p)
	b.ResetTimer()
	for b.Loop() {
		path.YenKShortestPaths(p.Directed(), 5, 1e18, simple.Node(s), simple.Node(t))
	}
}

// benchPair is the first US vendor and the first sanctioned party.
func benchPair(p *graph.Projection) (int32, int32) {
	s := p.Select(graph.MustSelector("tag:role.vendor country:US"))
	t := p.Select(graph.MustSelector("tag:sanction"))
	r := rand.New(rand.NewPCG(1, 1))
	return s[r.IntN(len(s))], t[r.IntN(len(t))]
}
