package screen

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// The benchmarks screen a generated network. By default it is generated
// here (100,000 entities, 5 links each) into a temporary embedded store.
// For the 1M-entity figures, point SHELLNET_SCREEN_BENCH at a folder made by
//
//	shellnet generate --entities 1000000 --links-per-entity 5 --chains 1000 --seed 7 --out DIR
//	shellnet ingest --store DIR.db DIR/entities.csv DIR/links.csv
//
// (the store DIR.db beside the folder, the probes in DIR/probes.json).
type benchNet struct {
	store   graph.Store
	queries []Query // probes first, then other companies' names as supplier lists write them
}

var (
	benchOnce sync.Once
	benchData benchNet
)

func loadBench(b *testing.B) benchNet {
	benchOnce.Do(func() {
		ctx := context.Background()
		if dir := os.Getenv("SHELLNET_SCREEN_BENCH"); dir != "" {
			s, err := sqlite.Open(ctx, strings.TrimSuffix(dir, "/")+".db")
			if err != nil {
				b.Fatal(err)
			}
			var probes []synth.Probe
			raw, err := os.ReadFile(dir + "/probes.json")
			if err != nil {
				b.Fatal(err)
			}
			if err := json.Unmarshal(raw, &probes); err != nil {
				b.Fatal(err)
			}
			benchData = benchNet{store: s, queries: probeQueries(probes)}
			return
		}
		net := synth.Generate(synth.Config{Entities: 100_000, LinksPerEntity: 5, Chains: 100, Seed: 7})
		dir, err := os.MkdirTemp("", "screen-bench")
		if err != nil {
			b.Fatal(err)
		}
		s, err := sqlite.Open(ctx, dir+"/bench.db")
		if err != nil {
			b.Fatal(err)
		}
		testnet.Write(b, s, net)
		qs := probeQueries(net.Probes)
		for i := 0; len(qs) < 10_000 && i < len(net.Entities); i += 7 {
			if e := net.Entities[i]; e.Kind == graph.Company {
				qs = append(qs, Query{Name: strings.ToUpper(e.Name)})
			}
		}
		benchData = benchNet{store: s, queries: qs}
	})
	return benchData
}

func probeQueries(ps []synth.Probe) []Query {
	qs := make([]Query, len(ps))
	for i, p := range ps {
		qs[i] = Query{Name: p.Query, ID: p.ID}
	}
	return qs
}

// cpuTime is the CPU time (user and system) the process has used: on a
// shared machine it tells the work done from the time waited.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU seconds per operation to a benchmark's figures.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkScreenerNew is the set-up of a screening run: projecting the
// store (from its cached snapshot after the first run), the 50 Percent
// Rule, the name index and the distance fields.
func BenchmarkScreenerNew(b *testing.B) {
	bn := loadBench(b)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := newScreener(context.Background(), bn.store, time.Time{}, sanctions.OFAC, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

var (
	screenerOnce sync.Once
	screener     *Screener
)

func warm(b *testing.B, bn benchNet) *Screener {
	screenerOnce.Do(func() {
		start := time.Now()
		var err error
		if screener, err = newScreener(context.Background(), bn.store, time.Time{}, sanctions.OFAC, Options{}); err != nil {
			b.Fatal(err)
		}
		b.Logf("screener ready in %s: %d entities, %d names", time.Since(start), screener.Snapshot().Projection().Len(), screener.Index().Len())
	})
	return screener
}

// BenchmarkScreenOne is one screening query on a warm Screener, evidence
// paths and their sources read from the store included.
func BenchmarkScreenOne(b *testing.B) {
	bn := loadBench(b)
	sc := warm(b, bn)
	ctx := context.Background()
	b.ResetTimer()
	cpu := cpuTime()
	i := 0
	for b.Loop() {
		if _, err := sc.Screen(ctx, bn.queries[i%len(bn.queries)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	reportCPU(b, cpu)
}

// BenchmarkScreen10k screens 10,000 suppliers (the probes, then other
// companies) on all cores with a warm Screener.
func BenchmarkScreen10k(b *testing.B) {
	bn := loadBench(b)
	sc := warm(b, bn)
	qs := bn.queries
	for len(qs) < 10_000 {
		qs = append(qs, bn.queries...)
	}
	qs = qs[:10_000]
	ctx := context.Background()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		if err := sc.ScreenAll(ctx, qs, func(Result) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}
