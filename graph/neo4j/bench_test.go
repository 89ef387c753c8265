package neo4j

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/csv"
)

// The ingest benchmarks write the synthetic network (fixtures/synth) of
// $SHELLNET_BENCH_ENTITIES entities (100,000 by default, as in the Neo4j
// acceptance) and five links each into an emptied test database. Besides
// records/s (wall clock) they report the CPU time the Neo4j server (read
// through JMX) and this process spent per record, which hold when other
// work shares the machine and wall-clock figures do not.

func benchSize(b *testing.B) int {
	if v := os.Getenv("SHELLNET_BENCH_ENTITIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 200 {
			b.Fatalf("SHELLNET_BENCH_ENTITIES=%q: want a number of entities, 200 or more", v)
		}
		return n
	}
	return 100_000
}

var benchNets = map[int]*synth.Network{}

func benchNetwork(b *testing.B) *synth.Network {
	n := benchSize(b)
	if net, ok := benchNets[n]; ok {
		return net
	}
	net := synth.Generate(synth.Config{Entities: n, LinksPerEntity: 5, Chains: n / 1000, Seed: 1})
	benchNets[n] = net
	return net
}

// BenchmarkUpsert writes the network through UpsertEntities and
// UpsertLinks in calls of ingest.DefaultBatchSize records, as ingest makes
// them, for several numbers of transactions per call (Options.Writers) and
// of rows per UNWIND statement.
func BenchmarkUpsert(b *testing.B) {
	net := benchNetwork(b)
	for _, c := range []struct{ writers, rows int }{{1, 2000}, {2, 1000}, {2, 2000}, {2, 5000}, {3, 2000}, {4, 2000}} {
		b.Run(fmt.Sprintf("writers=%d/rows=%d", c.writers, c.rows), func(b *testing.B) {
			s := openBench(b, c.writers, c.rows, 1)
			ctx := context.Background()
			for b.Loop() {
				b.StopTimer()
				if err := wipe(ctx, s); err != nil {
					b.Fatal(err)
				}
				m := startMeter(b, s)
				b.StartTimer()
				for lo := 0; lo < len(net.Entities); lo += ingest.DefaultBatchSize {
					if err := s.UpsertEntities(ctx, net.Entities[lo:min(lo+ingest.DefaultBatchSize, len(net.Entities))]); err != nil {
						b.Fatal(err)
					}
				}
				ent := time.Since(m.start)
				for lo := 0; lo < len(net.Links); lo += ingest.DefaultBatchSize {
					if err := s.UpsertLinks(ctx, net.Links[lo:min(lo+ingest.DefaultBatchSize, len(net.Links))]); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				all := time.Since(m.start)
				b.ReportMetric(float64(len(net.Entities))/ent.Seconds(), "entities/s")
				b.ReportMetric(float64(len(net.Links))/(all-ent).Seconds(), "links/s")
				m.report(b, len(net.Entities)+len(net.Links))
				b.StartTimer()
			}
		})
	}
}

// BenchmarkIngestLoad runs ingest.Load on the network written as generic
// CSV files: reading, normalising and resolving included. With
// SHELLNET_BENCH_WRITERS=S/W it keeps S calls in flight of W transactions
// each (default DefaultStreams/DefaultWriters).
func BenchmarkIngestLoad(b *testing.B) {
	net := benchNetwork(b)
	dir := b.TempDir()
	if _, _, err := net.WriteCSV(dir); err != nil {
		b.Fatal(err)
	}
	opt := Options{Writers: DefaultWriters, Streams: DefaultStreams}
	if v := os.Getenv("SHELLNET_BENCH_WRITERS"); v != "" {
		if n, _ := fmt.Sscanf(v, "%d/%d", &opt.Streams, &opt.Writers); n != 2 || opt.Streams < 1 || opt.Writers < 1 {
			b.Fatalf("SHELLNET_BENCH_WRITERS=%q: want STREAMS/WRITERS, such as 2/2", v)
		}
	}
	b.Logf("%d calls in flight, %d transactions each", opt.Streams, opt.Writers)
	s := openBench(b, opt.Writers, DefaultBatchSize, opt.Streams)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		if err := wipe(ctx, s); err != nil {
			b.Fatal(err)
		}
		m := startMeter(b, s)
		b.StartTimer()
		c, err := ingest.Load(ctx, s, []string{dir}, ingest.Options{Rejects: dir + "/rejects.jsonl"})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if c.Rejected > 0 {
			b.Fatalf("%d records rejected", c.Rejected)
		}
		m.report(b, c.Entities+c.Links)
		b.StartTimer()
	}
}

func openBench(b *testing.B, writers, rows, streams int) *Store {
	uri := testURI(b)
	s, err := OpenWith(context.Background(), uri, Options{
		Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE"),
		BatchSize: rows, Writers: writers, Streams: streams,
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// meter measures wall-clock and CPU time from its start.
type meter struct {
	s         *Store
	start     time.Time
	serverCPU time.Duration
	clientCPU time.Duration
}

func startMeter(b *testing.B, s *Store) *meter {
	return &meter{s: s, start: time.Now(), serverCPU: serverCPU(b, s), clientCPU: clientCPU()}
}

func (m *meter) report(b *testing.B, records int) {
	wall := time.Since(m.start)
	server := serverCPU(b, m.s) - m.serverCPU
	client := clientCPU() - m.clientCPU
	b.ReportMetric(float64(records)/wall.Seconds(), "records/s")
	b.ReportMetric(float64(server.Microseconds())/float64(records), "server-cpu-µs/record")
	b.ReportMetric(float64(client.Microseconds())/float64(records), "client-cpu-µs/record")
}

// serverCPU is the CPU time the Neo4j server's JVM has used.
func serverCPU(b testing.TB, s *Store) time.Duration {
	var ns int64
	err := s.run(context.Background(), `CALL dbms.queryJmx('java.lang:type=OperatingSystem') YIELD attributes
RETURN attributes.ProcessCpuTime.value`, nil, func(r *neo4j.Record) error {
		ns, _ = r.Values[0].(int64)
		return nil
	})
	if err != nil {
		if b != nil {
			b.Logf("server CPU time: %v", err)
		}
	}
	return time.Duration(ns)
}

// clientCPU is the CPU time this process has used.
func clientCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var _ graph.Store = (*Store)(nil)
