package audit

import (
	"context"
	"os"
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
)

func loadBench(b *testing.B) benchNet {
	benchOnce.Do(func() {
		ctx := context.Background()
		net := synth.Generate(synth.Config{Entities: 100_000, LinksPerEntity: 5, Chains: 100, Seed: 7})
		dir, err := os.MkdirTemp("", "audit-bench")
		if err != nil {
			b.Fatal(err)
		}
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
		// for the first run measured as for the last
		if err := sc.ScreenAll(ctx, qs, func(screen.Result) error { return nil }); err != nil {
			b.Fatal(err)
		}
		benchData = benchNet{store: s, sc: sc, queries: qs}
	})
	return benchData
}

// BenchmarkAudit10k screens the 10,000 names, then records those
// screenings as Session.ScreenAll does (decisions applied, facts read,
// canonical JSON, SHA-256 chain, appends of 256 records a transaction),
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
				recs, err := tr.Append(ctx, entries...)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range recs {
					bytes += len(r.Body)
				}
				entries = entries[:0]
			}
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
// workers go on), one after the other in turns (each goes first in every
// other round, so that drift in the machine's load falls on both), and
// reports what the trail adds end to end, audit-%, beside the CPU time it
// adds, audit-cpu-%.
func BenchmarkAuditedScreen10k(b *testing.B) {
	bn := loadBench(b)
	ctx := context.Background()
	tr := openTrail(b, bn.store)
	basis, err := ScreenerBasis(ctx, bn.sc)
	if err != nil {
		b.Fatal(err)
	}
	var plain, audited, plainCPU, auditedCPU time.Duration
	timed := func(wall, cpu *time.Duration, screen func() error) {
		start, used := time.Now(), cpuTime(b)
		if err := screen(); err != nil {
			b.Fatal(err)
		}
		*wall += time.Since(start)
		*cpu += cpuTime(b) - used
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
	round := 0
	for b.Loop() {
		if round%2 == 0 {
			timed(&plain, &plainCPU, screenPlain)
			timed(&audited, &auditedCPU, screenAudited)
		} else {
			timed(&audited, &auditedCPU, screenAudited)
			timed(&plain, &plainCPU, screenPlain)
		}
		round++
	}
	b.ReportMetric(plain.Seconds()/float64(b.N), "screen-s/op")
	b.ReportMetric(audited.Seconds()/float64(b.N), "audited-s/op")
	b.ReportMetric(100*(audited.Seconds()-plain.Seconds())/plain.Seconds(), "audit-%")
	b.ReportMetric(100*(auditedCPU.Seconds()-plainCPU.Seconds())/plainCPU.Seconds(), "audit-cpu-%")
}

// cpuTime is the CPU time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
