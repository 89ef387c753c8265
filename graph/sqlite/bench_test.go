package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// synth generates a network of n entities and m links shaped like ingested
// records (a name, a country, an identifier, a source each), record by
// record: record i is the same on every call, and nothing is held, so that
// a benchmark of millions of records measures the store, not the garbage
// collector scanning the generator's output.
type synth struct{ n, m int }

var (
	synthKinds     = []graph.Kind{graph.Company, graph.Company, graph.Company, graph.Person, graph.Person, graph.Organization, graph.BankAccount, graph.Address}
	synthCountries = []string{"MY", "SG", "HK", "CN", "KP", "US", "KR", "AE"}
	synthTypes     = []graph.LinkType{graph.Supplies, graph.Supplies, graph.Pays, graph.Owns, graph.Directs, graph.Represents, graph.Associate, graph.LocatedAt}
	synthSeen      = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
)

func synthID(i int) string { return fmt.Sprintf("synth-e%08d", i) }

func (g synth) entity(i int) graph.Entity {
	rng := rand.New(rand.NewPCG(uint64(g.n), uint64(i)))
	return graph.Entity{
		ID:          synthID(i),
		Kind:        synthKinds[rng.IntN(len(synthKinds))],
		Name:        fmt.Sprintf("Entity %d Trading Sdn Bhd", rng.IntN(10*g.n)),
		Countries:   []string{synthCountries[rng.IntN(len(synthCountries))]},
		Identifiers: map[string][]string{graph.IDRegistration: {fmt.Sprintf("R%09d", i)}},
		Sources:     []graph.Source{{Dataset: "synth", Record: fmt.Sprintf("entities.csv:%d", i+2), Seen: synthSeen}},
	}
}

func (g synth) link(i int) graph.Link {
	rng := rand.New(rand.NewPCG(uint64(g.m), uint64(i)))
	// preferential-ish attachment: low indices are hubs
	u := int(float64(g.n) * rng.Float64() * rng.Float64())
	v := rng.IntN(g.n)
	l := graph.Link{ID: fmt.Sprintf("synth-l%08d", i), From: synthID(u), To: synthID(v), Type: synthTypes[rng.IntN(len(synthTypes))],
		Sources: []graph.Source{{Dataset: "synth", Record: fmt.Sprintf("links.csv:%d", i+2)}}}
	switch l.Type {
	case graph.Owns:
		l.Props = map[string]any{"percentage": float64(rng.IntN(100) + 1)}
	case graph.Supplies, graph.Pays:
		l.Props = map[string]any{"date": fmt.Sprintf("20%02d-%02d-01", 10+rng.IntN(15), 1+rng.IntN(12)), "amount": float64(rng.IntN(1e6))}
	}
	return l
}

// network returns the whole of a small generated network.
func network(n, m int) ([]graph.Entity, []graph.Link) {
	g := synth{n, m}
	es := make([]graph.Entity, n)
	for i := range es {
		es[i] = g.entity(i)
	}
	ls := make([]graph.Link, m)
	for i := range ls {
		ls[i] = g.link(i)
	}
	return es, ls
}

// sizes are the generated networks benchmarks run on: entities and links.
// SHELLNET_BENCH_LARGE=1 adds the 1M/5M network of DESIGN.md's targets.
var sizes = func() []struct{ n, m int } {
	s := []struct{ n, m int }{{100_000, 500_000}}
	if os.Getenv("SHELLNET_BENCH_LARGE") != "" {
		s = append(s, struct{ n, m int }{1_000_000, 5_000_000})
	}
	return s
}()

const batch = 10_000

// timing is the wall and processor time spent in the store.
type timing struct{ wall, cpu time.Duration }

func (t *timing) measure(fn func()) {
	w, c := time.Now(), cpuTime()
	fn()
	t.wall += time.Since(w)
	t.cpu += cpuTime() - c
}

// load writes a generated network in batches, and returns the time spent
// in the store's upserts (not in generating records).
func load(b testing.TB, s *sqlite.Store, g synth) (te, tl timing) {
	ctx := context.Background()
	es := make([]graph.Entity, 0, batch)
	for lo := 0; lo < g.n; lo += batch {
		es = es[:0]
		for i := lo; i < min(lo+batch, g.n); i++ {
			es = append(es, g.entity(i))
		}
		te.measure(func() {
			if err := s.UpsertEntities(ctx, es); err != nil {
				b.Fatal(err)
			}
		})
	}
	ls := make([]graph.Link, 0, batch)
	for lo := 0; lo < g.m; lo += batch {
		ls = ls[:0]
		for i := lo; i < min(lo+batch, g.m); i++ {
			ls = append(ls, g.link(i))
		}
		tl.measure(func() {
			if err := s.UpsertLinks(ctx, ls); err != nil {
				b.Fatal(err)
			}
		})
	}
	return te, tl
}

func sizeName(n, m int) string { return fmt.Sprintf("%dk-%dk", n/1000, m/1000) }

// BenchmarkUpsert loads a generated network into a fresh store in batches of
// 10,000 records, and reports entities and links written per second of wall
// time and the processor time per record (cpu-us/…, all threads), then the
// time the first reads take to bring the look-up tables up to date
// (catchup-s, catchup-cpu-s) and the file's size per link.
func BenchmarkUpsert(b *testing.B) {
	ctx := context.Background()
	for _, sz := range sizes {
		b.Run(sizeName(sz.n, sz.m), func(b *testing.B) {
			var te, tl, tc timing
			var size int64
			for i := 0; i < b.N; i++ {
				path := filepath.Join(b.TempDir(), "bench.db")
				s, err := sqlite.Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				e, l := load(b, s, synth{sz.n, sz.m})
				te.wall, te.cpu, tl.wall, tl.cpu = te.wall+e.wall, te.cpu+e.cpu, tl.wall+l.wall, tl.cpu+l.cpu
				tc.measure(func() {
					if _, err := s.Lookup(ctx, []graph.IdentKey{{Scheme: graph.IDRegistration, Value: "R000000001"}}); err != nil {
						b.Fatal(err)
					}
					if _, err := graph.Neighbourhood(ctx, s, []string{synthID(0)}, 1, graph.Filter{}); err != nil {
						b.Fatal(err)
					}
				})
				s.Close(ctx)
				if fi, err := os.Stat(path); err == nil {
					size = fi.Size()
				}
			}
			n, m := float64(sz.n*b.N), float64(sz.m*b.N)
			b.ReportMetric(n/te.wall.Seconds(), "entities/s")
			b.ReportMetric(m/tl.wall.Seconds(), "links/s")
			b.ReportMetric(float64(te.cpu.Microseconds())/n, "cpu-us/entity")
			b.ReportMetric(float64(tl.cpu.Microseconds())/m, "cpu-us/link")
			b.ReportMetric(tc.wall.Seconds()/float64(b.N), "catchup-s")
			b.ReportMetric(tc.cpu.Seconds()/float64(b.N), "catchup-cpu-s")
			b.ReportMetric(float64(size)/float64(sz.m), "file-bytes/link")
		})
	}
}

// BenchmarkProject projects a generated network: "scan" reads the tables
// (graph/sqlite's integer scan), "snapshot" loads the cached snapshot. It
// reports the projection's bytes per link without and with the undirected
// view that centrality and communities build.
func BenchmarkProject(b *testing.B) {
	ctx := context.Background()
	for _, sz := range sizes {
		b.Run(sizeName(sz.n, sz.m), func(b *testing.B) {
			s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close(ctx)
			load(b, s, synth{sz.n, sz.m})
			report := func(b *testing.B, p *graph.Projection) {
				b.ReportMetric(float64(p.Bytes())/float64(p.Links()), "bytes/link")
				p.Undirected()
				b.ReportMetric(float64(p.Bytes())/float64(p.Links()), "bytes/link+und")
			}
			b.Run("scan", func(b *testing.B) {
				var p *graph.Projection
				var t timing
				for i := 0; i < b.N; i++ {
					t.measure(func() {
						if p, err = s.ProjectFresh(ctx, graph.ProjectOptions{}); err != nil {
							b.Fatal(err)
						}
					})
				}
				b.StopTimer()
				b.ReportMetric(t.cpu.Seconds()/float64(b.N), "cpu-s/op")
				report(b, p)
			})
			b.Run("snapshot", func(b *testing.B) {
				if _, err := s.Project(ctx, graph.ProjectOptions{}); err != nil {
					b.Fatal(err)
				}
				fi, err := os.Stat(s.SnapshotPath())
				if err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				var p *graph.Projection
				var t timing
				for i := 0; i < b.N; i++ {
					t.measure(func() {
						if p, err = s.Project(ctx, graph.ProjectOptions{}); err != nil {
							b.Fatal(err)
						}
					})
				}
				b.StopTimer()
				b.ReportMetric(t.cpu.Seconds()/float64(b.N), "cpu-s/op")
				report(b, p)
				b.ReportMetric(float64(fi.Size())/float64(p.Links()), "file-bytes/link")
			})
		})
	}
}
