package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/neo4j"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all" // the formats
)

// backend opens an empty store of one kind.
type backend struct {
	name string
	open func(t *testing.T) graph.Store
}

func sqliteStore(t *testing.T) graph.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// backends are the embedded store and, when SHELLNET_AUDIT_NEO4J_URI names
// a Neo4j test server of this package's own (its database is emptied),
// Neo4j:
//
//	SHELLNET_NEO4J_DIR=/tmp/neo4j-audit scripts/neo4j.sh start --port 37688
//	SHELLNET_AUDIT_NEO4J_URI=bolt://127.0.0.1:37688 go test ./analysis/audit
func backends(t *testing.T) []backend {
	out := []backend{{"sqlite", sqliteStore}}
	uri := os.Getenv("SHELLNET_AUDIT_NEO4J_URI")
	if uri == "" {
		t.Log("SHELLNET_AUDIT_NEO4J_URI is not set: Neo4j left out")
		return out
	}
	return append(out, backend{"neo4j", func(t *testing.T) graph.Store {
		t.Helper()
		ctx := context.Background()
		d, err := neo4jdriver.NewDriverWithContext(uri, neo4jdriver.NoAuth())
		if err != nil {
			t.Fatal(err)
		}
		sess := d.NewSession(ctx, neo4jdriver.SessionConfig{})
		if _, err := sess.Run(ctx, "MATCH (n) DETACH DELETE n", nil); err != nil {
			t.Fatal(err)
		}
		sess.Close(ctx)
		d.Close(ctx)
		s, err := neo4j.Open(ctx, uri)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close(ctx) })
		return s
	}})
}

// copyRelease copies a testdata folder, so that a release's files keep
// the names their source gives them.
func copyRelease(t *testing.T, name string) []string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		src, err := os.Open(filepath.Join("testdata", name, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		dst, err := os.Create(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(dst, src); err != nil {
			t.Fatal(err)
		}
		src.Close()
		dst.Close()
		out = append(out, dst.Name())
	}
	return out
}

// load loads a release from testdata.
func load(t *testing.T, s graph.Store, release string) ingest.Counts {
	t.Helper()
	c, err := ingest.Load(context.Background(), s, copyRelease(t, release), ingest.Options{Rejects: filepath.Join(t.TempDir(), "rejects.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Rejected != 0 {
		t.Fatalf("%s: %d records rejected", release, c.Rejected)
	}
	return c
}

// session builds a screener and an audit session on s as it is now.
func session(t *testing.T, s graph.Store, tr *Trail) (*screen.Screener, *Session) {
	t.Helper()
	ctx := context.Background()
	sc := newScreener(t, s, Settings{})
	basis, err := ScreenerBasis(ctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := tr.NewSession(ctx, basis, storeEntities(s))
	if err != nil {
		t.Fatal(err)
	}
	return sc, ss
}

func storeEntities(s graph.Store) Entities {
	return func(ctx context.Context, id string) (graph.Entity, error) { return graph.Get(ctx, s, id) }
}

// screenList screens qs as a run of list and returns the records.
func screenList(t *testing.T, s graph.Store, tr *Trail, list string, qs []screen.Query) []Screening {
	t.Helper()
	sc, ss := session(t, s, tr)
	var out []Screening
	run := Run{ID: NewRunID(tr.now()), List: list, Who: "analyst-a", Via: "test"}
	if err := ss.ScreenAll(context.Background(), sc, qs, run, func(r Screening) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func openTrail(t testing.TB, s graph.Store) *Trail {
	t.Helper()
	a, err := graph.AuditorOf(s)
	if err != nil {
		t.Fatal(err)
	}
	return Open(a)
}

// newScreener builds a screener on a snapshot of s with set (the zero
// Settings: the defaults, OFAC's rule, every link).
func newScreener(t testing.TB, s graph.Store, set Settings) *screen.Screener {
	t.Helper()
	sc, err := screenerOf(context.Background(), s, set)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func screenerOf(ctx context.Context, s graph.Store, set Settings) (*screen.Screener, error) {
	var opt screen.Options
	var rule sanctions.Rule
	var asOf time.Time
	if set.Rule != "" {
		var err error
		if opt, rule, asOf, err = set.Parse(); err != nil {
			return nil, err
		}
	}
	snap, err := snapshot.Build(ctx, s, screen.SnapshotOptions(asOf, rule))
	if err != nil {
		return nil, err
	}
	return screen.New(snap, opt)
}

// storeBasis is the basis of the store as it is now, with no settings.
func storeBasis(t testing.TB, s graph.Store) Basis {
	t.Helper()
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return BasisOf(st, v, Settings{})
}

func readSuppliers(t *testing.T) []screen.Query {
	t.Helper()
	f, err := os.Open("testdata/suppliers.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := screen.ReadQueries(f, "suppliers.csv")
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func sha256hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// onEachStore runs fn on a store of each backend holding OFAC's SDN list
// of April 2021, with its trail.
func onEachStore(t *testing.T, fn func(t *testing.T, s graph.Store, tr *Trail)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			load(t, s, "2021-04")
			fn(t, s, openTrail(t, s))
		})
	}
}

// holds checks that the trail verifies and holds n records.
func holds(t *testing.T, tr *Trail, n int64) {
	t.Helper()
	v, err := tr.Verify(context.Background())
	if err != nil || v.Broken != nil || v.Records != n {
		t.Fatalf("verify: %+v (broken %+v) %v, want %d records and no break", v, v.Broken, err, n)
	}
}
