package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/graph/storetest"
)

func open(t *testing.T) graph.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// TestOpenURIs opens the same file under every URI form graph.Open accepts
// for the embedded store, and checks that what one wrote the others read.
func TestOpenURIs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "case.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "glocom", Kind: graph.Company, Name: "Glocom"}}); err != nil {
		t.Fatal(err)
	}
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for _, uri := range []string{path, "sqlite:" + path, "file:" + path, "sqlite://" + path} {
		g, err := graph.Open(ctx, uri)
		if err != nil {
			t.Fatalf("open %s: %v", uri, err)
		}
		if _, ok := g.(*sqlite.Store); !ok {
			t.Errorf("open %s: got %T", uri, g)
		}
		e, err := graph.Get(ctx, g, "glocom")
		if err != nil || e.Name != "Glocom" {
			t.Errorf("open %s: get glocom: %+v, %v", uri, e, err)
		}
		if v2, err := g.Version(ctx); err != nil || v2 != v {
			t.Errorf("open %s: version %d, %v; want %d", uri, v2, err, v)
		}
		if err := g.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, want string }{
		{filepath.Join(dir, "missing", "x.db"), "does not exist"},
		{notDB, "shellnet store"},
		{"", "empty path"},
	}
	for _, c := range cases {
		s, err := sqlite.Open(ctx, c.path)
		if err == nil {
			s.Close(ctx)
			t.Errorf("open %q: no error", c.path)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "graph/sqlite: ") {
			t.Errorf("open %q: error %q, want it to mention %q", c.path, err, c.want)
		}
	}
}
