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

// network generates n entities and m links shaped like ingested records
// (a name, a country, an identifier, a source each), with a fixed seed.
func network(n, m int) ([]graph.Entity, []graph.Link) {
	rng := rand.New(rand.NewPCG(uint64(n), uint64(m)))
	kinds := []graph.Kind{graph.Company, graph.Company, graph.Company, graph.Person, graph.Person, graph.Organization, graph.BankAccount, graph.Address}
	countries := []string{"MY", "SG", "HK", "CN", "KP", "US", "KR", "AE"}
	seen := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	es := make([]graph.Entity, n)
	for i := range es {
		es[i] = graph.Entity{
			ID:          fmt.Sprintf("synth-e%08d", i),
			Kind:        kinds[rng.IntN(len(kinds))],
			Name:        fmt.Sprintf("Entity %d Trading Sdn Bhd", rng.IntN(10*n)),
			Countries:   []string{countries[rng.IntN(len(countries))]},
			Identifiers: map[string][]string{graph.IDRegistration: {fmt.Sprintf("R%09d", i)}},
			Sources:     []graph.Source{{Dataset: "synth", Record: fmt.Sprintf("entities.csv:%d", i+2), Seen: seen}},
		}
	}
	types := []graph.LinkType{graph.Supplies, graph.Supplies, graph.Pays, graph.Owns, graph.Directs, graph.Represents, graph.Associate, graph.LocatedAt}
	ls := make([]graph.Link, m)
	for i := range ls {
		// preferential-ish attachment: low indices are hubs
		u := int(float64(n) * rng.Float64() * rng.Float64())
		v := rng.IntN(n)
		l := graph.Link{From: es[u].ID, To: es[v].ID, Type: types[rng.IntN(len(types))],
			Sources: []graph.Source{{Dataset: "synth", Record: fmt.Sprintf("links.csv:%d", i+2)}}}
		l.ID = fmt.Sprintf("synth-l%08d", i)
		if l.Type == graph.Owns {
			l.Props = map[string]any{"percentage": float64(rng.IntN(100) + 1)}
		}
		if l.Type == graph.Supplies || l.Type == graph.Pays {
			l.Props = map[string]any{"date": fmt.Sprintf("20%02d-%02d-01", 10+rng.IntN(15), 1+rng.IntN(12)), "amount": float64(rng.IntN(1e6))}
		}
		ls[i] = l
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

func load(b testing.TB, s *sqlite.Store, es []graph.Entity, ls []graph.Link) (te, tl time.Duration) {
	ctx := context.Background()
	t0 := time.Now()
	for lo := 0; lo < len(es); lo += batch {
		if err := s.UpsertEntities(ctx, es[lo:min(lo+batch, len(es))]); err != nil {
			b.Fatal(err)
		}
	}
	t1 := time.Now()
	for lo := 0; lo < len(ls); lo += batch {
		if err := s.UpsertLinks(ctx, ls[lo:min(lo+batch, len(ls))]); err != nil {
			b.Fatal(err)
		}
	}
	return t1.Sub(t0), time.Since(t1)
}

func sizeName(n, m int) string { return fmt.Sprintf("%dk-%dk", n/1000, m/1000) }

// BenchmarkUpsert loads a generated network into a fresh store in batches of
// 10,000 records, and reports entities and links written per second, then
// the time the first reads take to bring the look-up tables up to date
// (catchup-s) and the file's size per link.
func BenchmarkUpsert(b *testing.B) {
	ctx := context.Background()
	for _, sz := range sizes {
		es, ls := network(sz.n, sz.m)
		b.Run(sizeName(sz.n, sz.m), func(b *testing.B) {
			var te, tl, tc time.Duration
			var size int64
			for i := 0; i < b.N; i++ {
				path := filepath.Join(b.TempDir(), "bench.db")
				s, err := sqlite.Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				e, l := load(b, s, es, ls)
				te, tl = te+e, tl+l
				t0 := time.Now()
				if _, err := s.Lookup(ctx, []graph.IdentKey{{Scheme: graph.IDRegistration, Value: "R000000001"}}); err != nil {
					b.Fatal(err)
				}
				if _, err := graph.Neighbourhood(ctx, s, []string{es[0].ID}, 1, graph.Filter{}); err != nil {
					b.Fatal(err)
				}
				tc += time.Since(t0)
				s.Close(ctx)
				if fi, err := os.Stat(path); err == nil {
					size = fi.Size()
				}
			}
			b.ReportMetric(float64(sz.n*b.N)/te.Seconds(), "entities/s")
			b.ReportMetric(float64(sz.m*b.N)/tl.Seconds(), "links/s")
			b.ReportMetric(tc.Seconds()/float64(b.N), "catchup-s")
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
			es, ls := network(sz.n, sz.m)
			s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close(ctx)
			load(b, s, es, ls)
			es, ls = nil, nil
			report := func(b *testing.B, p *graph.Projection) {
				b.ReportMetric(float64(p.Bytes())/float64(p.Links()), "bytes/link")
				p.Undirected()
				b.ReportMetric(float64(p.Bytes())/float64(p.Links()), "bytes/link+und")
			}
			b.Run("scan", func(b *testing.B) {
				var p *graph.Projection
				for i := 0; i < b.N; i++ {
					if p, err = s.ProjectFresh(ctx, graph.ProjectOptions{}); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
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
				for i := 0; i < b.N; i++ {
					if p, err = s.Project(ctx, graph.ProjectOptions{}); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				report(b, p)
				b.ReportMetric(float64(fi.Size())/float64(p.Links()), "file-bytes/link")
			})
		})
	}
}
