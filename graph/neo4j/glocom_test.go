package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/fixtures"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all"
	"github.com/shellnet/shellnet/ingest/ingesttest"
)

// glocomFiles copies the Glocom case's input files into dir.
func glocomFiles(t *testing.T, dir string) []string {
	t.Helper()
	var paths []string
	err := fs.WalkDir(fixtures.FS, "glocom", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".jsonl") || strings.HasSuffix(path, ".csv")) {
			return err
		}
		b, err := fs.ReadFile(fixtures.FS, path)
		if err != nil {
			return err
		}
		out := filepath.Join(dir, filepath.Base(path))
		paths = append(paths, out)
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestGlocom ingests the Glocom case into Neo4j and into the embedded
// store: the two must hold the same records, give the same stats and the
// same screening verdicts (those of fixtures/glocom/expected.json), and the
// investigators' example queries must find what the case says.
func TestGlocom(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	dir := t.TempDir()
	paths := glocomFiles(t, dir)
	ref, err := sqlite.Open(ctx, filepath.Join(dir, "glocom.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close(ctx)
	for _, st := range []graph.Store{ref, s} {
		c, err := ingest.Load(ctx, st, paths, ingest.Options{Rejects: filepath.Join(dir, "rejects.jsonl")})
		if err != nil {
			t.Fatal(err)
		}
		if c.Rejected > 0 {
			t.Fatalf("%d records rejected", c.Rejected)
		}
	}
	sameStore(t, ref, s)

	t.Run("screen", func(t *testing.T) { screenBoth(t, ref, s) })
	t.Run("investigator queries", func(t *testing.T) { investigatorQueries(t, s) })
}

func screenBoth(t *testing.T, ref, s graph.Store) {
	ctx := context.Background()
	b, err := fs.ReadFile(fixtures.FS, "glocom/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		MaxHops  int               `json:"max_hops"`
		Rule     string            `json:"rule"`
		Verdicts map[string]string `json:"verdicts"`
		Matches  map[string]string `json:"matches"`
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	rule, err := sanctions.ParseRule(exp.Rule)
	if err != nil {
		t.Fatal(err)
	}
	opt := screen.Options{MaxHops: exp.MaxHops, Rule: rule}
	scRef, err := screen.New(ctx, ref, opt)
	if err != nil {
		t.Fatal(err)
	}
	scNeo, err := screen.New(ctx, s, opt)
	if err != nil {
		t.Fatal(err)
	}
	serverPaths := 0
	for q, verdict := range exp.Verdicts {
		a, err := scRef.Screen(ctx, screen.Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		r, err := scNeo.Screen(ctx, screen.Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		want, err := screen.ParseVerdict(verdict)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != want || a.Verdict != want {
			t.Errorf("%s: verdict %s on Neo4j, %s embedded, want %s", q, r.Verdict, a.Verdict, verdict)
		}
		if r.Match == nil || r.Match.ID != exp.Matches[q] {
			t.Errorf("%s: match %+v on Neo4j, want %s", q, r.Match, exp.Matches[q])
		}
		if fmt.Sprint(deref(r.Distance)) != fmt.Sprint(deref(a.Distance)) {
			t.Errorf("%s: distance %v on Neo4j, %v embedded", q, deref(r.Distance), deref(a.Distance))
		}
		for _, p := range r.Paths {
			if len(p.Links) != deref(r.Distance) && r.Verdict != screen.Sanctioned {
				t.Errorf("%s: evidence path of %d links for distance %d", q, len(p.Links), deref(r.Distance))
			}
			serverPaths++
		}
	}
	if serverPaths == 0 {
		t.Error("no evidence path on Neo4j")
	}
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// investigatorQueries runs the example queries of README.md (Neo4j and Aura) (kept in
// testdata/investigator-queries.cypher) on the Glocom case.
func investigatorQueries(t *testing.T, s *Store) {
	b, err := os.ReadFile("testdata/investigator-queries.cypher")
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, q := range strings.Split(string(b), ";") {
		if q = strings.TrimSpace(q); q != "" {
			queries = append(queries, q)
		}
	}
	if len(queries) != 3 {
		t.Fatalf("%d queries in testdata/investigator-queries.cypher, want 3", len(queries))
	}
	rows := make([][]string, len(queries))
	for i, q := range queries {
		err := s.run(context.Background(), q, nil, func(r *neo4j.Record) error {
			rows[i] = append(rows[i], fmt.Sprint(r.Values))
			return nil
		})
		if err != nil {
			t.Fatalf("query %d: %v\n%s", i+1, err, q)
		}
		t.Logf("query %d:\n%s", i+1, strings.Join(rows[i], "\n"))
	}
	expect := func(i int, want string) {
		t.Helper()
		for _, r := range rows[i] {
			if strings.Contains(r, want) {
				return
			}
		}
		t.Errorf("query %d: no row with %q", i+1, want)
	}
	expect(0, "[Reconnaissance General Bureau 4 [Apple Inc.")
	expect(1, "Brickfields, Kuala Lumpur")
	expect(2, "[Reconnaissance General Bureau [Jadebridge Import & Export Co., Ltd. (illustrative)] [50]]")
	expect(2, "[Reconnaissance General Bureau [Jadebridge Import & Export Co., Ltd. (illustrative) Lanternfield Air Cargo Co., Ltd. (illustrative)] [50 30]]")
}

// TestPublished runs the acceptance suite of data as published on Neo4j.
func TestPublished(t *testing.T) {
	ingesttest.Run(t, func(t *testing.T) graph.Store { return openTest(t) })
}
