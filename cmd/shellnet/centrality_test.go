package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/shellnet/shellnet/graph"
	_ "github.com/shellnet/shellnet/graph/sqlite"
)

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// updating reports whether -update was given.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// karateStore writes Zachary's karate club (analysis/testdata/graphs/karate)
// into a fresh embedded store: members "k0".."k33" as persons, node 33 (the
// club's officer) tagged as sanctioned so that summaries have a listed
// member, each edge an ASSOCIATE link with its weight.
func karateStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "karate.db")
	s, err := graph.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	f, err := os.Open(filepath.Join("..", "..", "analysis", "testdata", "graphs", "karate", "karate_edges_weighted.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var es []graph.Entity
	for i := range 34 {
		e := graph.Entity{ID: "k" + strconv.Itoa(i), Kind: graph.Person, Name: "Member " + strconv.Itoa(i), Countries: []string{"US"}}
		if i == 33 {
			e.Tags = []string{graph.TagSanction}
		}
		es = append(es, e)
	}
	var ls []graph.Link
	for _, r := range rows[1:] {
		w, _ := strconv.ParseFloat(r[2], 64)
		from, to := "k"+r[0], "k"+r[1]
		ls = append(ls, graph.Link{ID: graph.LinkID(from, graph.Associate, to), From: from, To: to, Type: graph.Associate, Props: map[string]any{"weight": w}})
	}
	if err := s.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertLinks(ctx, ls); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs the shellnet command line and returns what it printed.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	app := newApp()
	var out bytes.Buffer
	app.Writer = &out
	app.ErrWriter = &bytes.Buffer{}
	err := app.RunContext(context.Background(), append([]string{"shellnet"}, args...))
	return out.String(), err
}

// golden compares got with testdata/NAME, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

func TestCentralityGolden(t *testing.T) {
	store := karateStore(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"centrality_pagerank.json", []string{"--top", "5", "--format", "json"}},
		{"centrality_betweenness.json", []string{"--algo", "betweenness", "--top", "5", "--format", "json"}},
		{"centrality_betweenness_sampled.csv", []string{"--algo", "betweenness", "--sample", "10", "--seed", "3", "--top", "5", "--format", "csv"}},
		{"centrality_hits.txt", []string{"--algo", "hits", "--directed", "--top", "3"}},
		{"centrality_closeness_weighted.json", []string{"--algo", "closeness", "--weighted", "--top", "3", "--format", "json"}},
	} {
		args := append([]string{"centrality", "--store", store, "--quiet"}, c.args...)
		got, err := run(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		again, _ := run(t, args...)
		if again != got {
			t.Errorf("%v: two runs print different bytes", c.args)
		}
		golden(t, c.name, got)
	}
}

// TestCentralityWrite stores PageRank and reads it back from the store:
// NetworkX's published PageRank of node 33 is 0.100918.
func TestCentralityWrite(t *testing.T) {
	store := karateStore(t)
	if _, err := run(t, "centrality", "--store", store, "--quiet", "--write", "--top", "1"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := graph.Open(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	total := 0.0
	err = s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error {
		x, ok := e.Props["centrality.pagerank"].(float64)
		if !ok {
			return errors.New(e.ID + ": no centrality.pagerank")
		}
		total += x
		if e.ID == "k33" && math.Abs(x-0.100918) > 5e-7 {
			t.Errorf("stored pagerank of k33 = %v, published 0.100918", x)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(total-1) > 1e-9 {
		t.Errorf("stored pageranks sum to %v", total)
	}
}

func TestCentralityUsage(t *testing.T) {
	store := karateStore(t)
	for _, args := range [][]string{
		{"--algo", "katz"},
		{"--algo", "pagerank", "--sample", "10"},
		{"--algo", "betweenness", "--sample", "1"},
		{"--kind", "Spaceship"},
		{"--as-of", "yesterday"},
		{"--format", "xml"},
	} {
		_, err := run(t, append([]string{"centrality", "--store", store}, args...)...)
		if code := exitCode(err); code != exitUsage {
			t.Errorf("%v: exit code %d (%v), want %d", args, code, err, exitUsage)
		}
	}
}
