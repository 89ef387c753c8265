package audit

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// The benchmark screens 10,000 supplier names on a generated network
// (100,000 entities, 5 links each, 100 planted procurement chains, in a
// temporary embedded store: the network of analysis/screen's benchmarks)
// with and without recording each screening in the audit trail, and
// reports what the trail adds to the screening's time.
type benchNet struct {
	store   graph.Store
	sc      *screen.Screener
	queries []screen.Query
}

var (
	benchOnce sync.Once
	benchData benchNet
	benchDir  string // the temporary store's folder, removed by TestMain
)

// TestMain removes the benchmarks' store, which they share.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchData.store != nil {
		benchData.store.Close(context.Background())
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func loadBench(b *testing.B) benchNet {
	benchOnce.Do(func() {
		ctx := context.Background()
		net := synth.Generate(synth.Config{Entities: 100_000, LinksPerEntity: 5, Chains: 100, Seed: 7})
		dir, err := os.MkdirTemp("", "audit-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		s, err := sqlite.Open(ctx, dir+"/bench.db")
		if err != nil {
			b.Fatal(err)
		}
		testnet.Write(b, s, net)
		var qs []screen.Query
		for _, p := range net.Probes {
			qs = append(qs, screen.Query{Name: p.Query, ID: p.ID})
		}
		for i := 0; len(qs) < 10_000 && i < len(net.Entities); i += 7 {
			if e := net.Entities[i]; e.Kind == graph.Company {
				qs = append(qs, screen.Query{Name: strings.ToUpper(e.Name)})
			}
		}
		sc := newScreener(b, s, Settings{})
		// one screening first, so that the screener's caches are as warm
		// for the first run measured as for the last, and the garbage of
		// the loading collected
		if err := sc.ScreenAll(ctx, qs, func(screen.Result) error { return nil }); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		benchData = benchNet{store: s, sc: sc, queries: qs}
	})
	return benchData
}

// BenchmarkAudit10k screens the 10,000 names, then records those
// screenings as Session.ScreenAll does (decisions applied, facts read,
// canonical JSON, SHA-256 chain, appends of a batch of records a transaction, one
// sync at the end),
// timing each part apart, and reports what the trail adds to the
// screening's time, audit-%. Timing the parts apart keeps the figure out
// of the noise of screening on a shared machine.
func BenchmarkAudit10k(b *testing.B) {
	bn := loadBench(b)
	ctx := context.Background()
	tr := openTrail(b, bn.store)
	basis, err := ScreenerBasis(ctx, bn.sc)
	if err != nil {
		b.Fatal(err)
	}
	var plain, recording time.Duration
	results := make([]screen.Result, 0, len(bn.queries))
	bytes := 0
	for b.Loop() {
		results = results[:0]
		start := time.Now()
		if err := bn.sc.ScreenAll(ctx, bn.queries, func(r screen.Result) error { results = append(results, r); return nil }); err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)
		start = time.Now()
		ss, err := tr.NewSession(ctx, basis, bn.sc.Entity)
		if err != nil {
			b.Fatal(err)
		}
		run := Run{ID: NewRunID(time.Now()), List: "bench", Who: "bench", Via: "bench"}
		entries := make([]Entry, 0, batch)
		bytes = 0
		for i, r := range results {
			rec, err := ss.Screening(ctx, run, bn.queries[i], r)
			if err != nil {
				b.Fatal(err)
			}
			entries = append(entries, Entry{Kind: KindScreening, Body: rec})
			if len(entries) == batch || i == len(results)-1 {
				recs, err := tr.append(ctx, entries)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range recs {
					bytes += len(r.Body)
				}
				entries = entries[:0]
			}
		}
		if err := tr.Sync(ctx); err != nil {
			b.Fatal(err)
		}
		recording += time.Since(start)
	}
	b.ReportMetric(plain.Seconds()/float64(b.N), "screen-s/op")
	b.ReportMetric(recording.Seconds()/float64(b.N), "record-s/op")
	b.ReportMetric(100*recording.Seconds()/plain.Seconds(), "audit-%")
	b.ReportMetric(float64(bytes)/float64(len(results)), "bytes/record")
}

// BenchmarkAuditedScreen10k screens the 10,000 names as shellnet screen
// does without the trail (Screener.ScreenAll) and with it
// (Session.ScreenAll: recording in a writer goroutine while the screener's
// workers go on), one after the other in rounds (each goes first in every
// other round, so that drift in the machine's load falls on both), and
// reports what the trail adds end to end, audit-%, beside the CPU time it
// adds, audit-cpu-%: the median over the rounds, which a burst of load
// from other programs in one round does not move.
func BenchmarkAuditedScreen10k(b *testing.B) {
	bn := loadBench(b)
	ctx := context.Background()
	tr := openTrail(b, bn.store)
	basis, err := ScreenerBasis(ctx, bn.sc)
	if err != nil {
		b.Fatal(err)
	}
	type cost struct{ wall, cpu time.Duration }
	measure := func(screen func() error) cost {
		start, used := time.Now(), cpuTime(b)
		if err := screen(); err != nil {
			b.Fatal(err)
		}
		return cost{time.Since(start), cpuTime(b) - used}
	}
	screenPlain := func() error {
		return bn.sc.ScreenAll(ctx, bn.queries, func(screen.Result) error { return nil })
	}
	screenAudited := func() error {
		ss, err := tr.NewSession(ctx, basis, bn.sc.Entity)
		if err != nil {
			return err
		}
		run := Run{ID: NewRunID(time.Now()), List: "bench", Who: "bench", Via: "bench"}
		return ss.ScreenAll(ctx, bn.sc, bn.queries, run, func(Screening) error { return nil })
	}
	var plain, audited time.Duration
	var wall, cpu []float64 // each round's audited cost over its plain cost
	for round := 0; b.Loop(); round++ {
		var p, a cost
		if round%2 == 0 {
			p, a = measure(screenPlain), measure(screenAudited)
		} else {
			a, p = measure(screenAudited), measure(screenPlain)
		}
		plain, audited = plain+p.wall, audited+a.wall
		wall = append(wall, a.wall.Seconds()/p.wall.Seconds())
		cpu = append(cpu, a.cpu.Seconds()/p.cpu.Seconds())
	}
	b.ReportMetric(plain.Seconds()/float64(b.N), "screen-s/op")
	b.ReportMetric(audited.Seconds()/float64(b.N), "audited-s/op")
	b.ReportMetric(100*(median(wall)-1), "audit-%")
	b.ReportMetric(100*(median(cpu)-1), "audit-cpu-%")
}

// median is the middle of xs (the mean of the two middle ones for an even
// count).
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	return (xs[(n-1)/2] + xs[n/2]) / 2
}

// cpuTime is the CPU time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
