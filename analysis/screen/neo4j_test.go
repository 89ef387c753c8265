package screen

import (
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/neo4j"
	"github.com/shellnet/shellnet/ingest"
)

// countingPathFinder is the Neo4j store, counting the path searches it runs
// on the server.
type countingPathFinder struct {
	*neo4j.Store
	calls, used atomic.Int64
}

func (c *countingPathFinder) PathsToSanctioned(ctx context.Context, seed string, maxHops int, types []graph.LinkType, asOf time.Time) ([]graph.Subgraph, error) {
	c.calls.Add(1)
	sgs, err := c.Store.PathsToSanctioned(ctx, seed, maxHops, types, asOf)
	if len(sgs) > 0 {
		c.used.Add(1)
	}
	return sgs, err
}

// TestGlocomNeo4j screens the Glocom suppliers on a Neo4j store, where the
// evidence paths to listed parties come from the server (graph.PathFinder),
// and checks that verdicts, distances and paths agree with the embedded
// store's. It runs against the server named by SHELLNET_SCREEN_NEO4J_URI
// (a server of its own: the test deletes everything in its database, so it
// must not share the one graph/neo4j's tests use), and skips without it:
//
//	SHELLNET_NEO4J_DIR=/tmp/neo4j-screen scripts/neo4j.sh start --port 37687
//	SHELLNET_SCREEN_NEO4J_URI=bolt://127.0.0.1:37687 go test -run Neo4j ./analysis/screen
func TestGlocomNeo4j(t *testing.T) {
	uri := os.Getenv("SHELLNET_SCREEN_NEO4J_URI")
	if uri == "" {
		t.Skip("SHELLNET_SCREEN_NEO4J_URI is not set: start a Neo4j server of its own (see the comment) to screen on Neo4j")
	}
	ctx := context.Background()
	wipeNeo4j(t, uri)
	ns, err := neo4j.Open(ctx, uri)
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Close(ctx)
	embedded := glocomStore(t)
	paths := glocomFiles(t)
	if _, err := ingest.Load(ctx, ns, paths, ingest.Options{Rejects: t.TempDir() + "/rejects.jsonl"}); err != nil {
		t.Fatal(err)
	}
	pf := &countingPathFinder{Store: ns}
	onServer, err := New(ctx, pf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	local, err := New(ctx, embedded, Options{})
	if err != nil {
		t.Fatal(err)
	}
	exp := readExpected(t)
	for q, want := range exp.Verdicts {
		a, b := screenBoth(t, onServer, local, q)
		if a.Verdict.String() != want || b.Verdict != a.Verdict {
			t.Errorf("%s: Neo4j %s, embedded %s, want %s", q, a.Verdict, b.Verdict, want)
		}
		if (a.Distance == nil) != (b.Distance == nil) || a.Distance != nil && *a.Distance != *b.Distance {
			t.Errorf("%s: distances differ: %v vs %v", q, a.Distance, b.Distance)
		}
		checkPaths(t, q, a)
	}
	if pf.calls.Load() == 0 || pf.used.Load() == 0 {
		t.Errorf("the server was asked for paths %d times and gave some %d times", pf.calls.Load(), pf.used.Load())
	}
	t.Logf("paths asked of the server %d times, used %d times", pf.calls.Load(), pf.used.Load())

	// as of a day, the server's paths go through links valid then only
	// (graph.Link.Valid), and verdicts and distances agree
	for _, asOf := range []string{"2016-06-01", "2014-01-01"} {
		day, _ := time.Parse("2006-01-02", asOf)
		valid := map[string]bool{}
		if err := embedded.Links(ctx, graph.Filter{AsOf: day}, func(l graph.Link) error { valid[l.ID] = true; return nil }); err != nil {
			t.Fatal(err)
		}
		before := pf.used.Load()
		onServer, err := New(ctx, pf, Options{AsOf: day})
		if err != nil {
			t.Fatal(err)
		}
		local, err := New(ctx, embedded, Options{AsOf: day})
		if err != nil {
			t.Fatal(err)
		}
		for q := range exp.Verdicts {
			a, b := screenBoth(t, onServer, local, q)
			if a.Verdict != b.Verdict || (a.Distance == nil) != (b.Distance == nil) || a.Distance != nil && *a.Distance != *b.Distance {
				t.Errorf("%s as of %s: Neo4j %s at %v, embedded %s at %v", q, asOf, a.Verdict, a.Distance, b.Verdict, b.Distance)
			}
			checkPaths(t, q, a)
			for _, p := range a.Paths {
				for _, l := range p.Links {
					if l.ID != "" && !valid[l.ID] {
						t.Errorf("%s as of %s: path through %s, not valid then", q, asOf, l.ID)
					}
				}
			}
		}
		t.Logf("as of %s: the server's paths used %d times", asOf, pf.used.Load()-before)
	}
}

// screenBoth screens name q with both screeners.
func screenBoth(t *testing.T, x, y *Screener, q string) (Result, Result) {
	t.Helper()
	a, err := x.Screen(context.Background(), Query{Name: q})
	if err != nil {
		t.Fatal(err)
	}
	b, err := y.Screen(context.Background(), Query{Name: q})
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

// wipeNeo4j empties the database at uri after checking it holds shellnet's
// data only.
func wipeNeo4j(t *testing.T, uri string) {
	t.Helper()
	ctx := context.Background()
	d, err := neo4jdriver.NewDriverWithContext(uri, neo4jdriver.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	res, err := neo4jdriver.ExecuteQuery(ctx, d, `MATCH (n) WHERE NOT (n:Entity OR n:Identifier OR n:ShellnetMeta OR n:ShellnetPending OR n:ShellnetRelease) RETURN count(n) AS c`, nil, neo4jdriver.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := res.Records[0].Get("c"); c.(int64) > 0 {
		t.Fatalf("the database at %s holds %d nodes that are not shellnet's: point SHELLNET_SCREEN_NEO4J_URI at a test server", uri, c)
	}
	if _, err := neo4jdriver.ExecuteQuery(ctx, d, `MATCH (n) DETACH DELETE n`, nil, neo4jdriver.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
}
