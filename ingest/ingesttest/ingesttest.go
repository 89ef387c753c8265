// Package ingesttest is the acceptance suite of loading data as sources
// publish it (DESIGN.md, "Data as published"): real files whose references
// point outside them, fragments of one entity spread over records and
// files, links completed by a later load, and releases of a list that
// replace the last. Every store runs it, as it runs graph/storetest.
package ingesttest

import (
	"context"
	"embed"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all" // the readers
)

//go:embed testdata
var testdata embed.FS

// Open returns a fresh, empty store; the suite closes it.
type Open func(t *testing.T) graph.Store

// Run runs the suite against the stores open returns. Each test holds one
// store open at a time, so that a backend with a single database (a Neo4j
// server) can empty it on each call.
func Run(t *testing.T, open Open) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, open Open)
	}{
		{"OpenSanctionsExport", testOpenSanctionsExport},
		{"Fragments", testFragments},
		{"PendingAcrossLoads", testPendingAcrossLoads},
		{"Releases", testReleases},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

// Copy writes the embedded file or folder name (under testdata) to dir
// and returns its path there.
func Copy(t testing.TB, dir, name string) string {
	t.Helper()
	root := "testdata/" + name
	err := fs.WalkDir(testdata, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out := filepath.Join(dir, filepath.FromSlash(p[len("testdata/"):]))
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := testdata.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, filepath.FromSlash(name))
}

// use opens a store, runs fn on it and closes it.
func use(t *testing.T, open Open, fn func(s graph.Store)) {
	t.Helper()
	s := open(t)
	defer func() {
		if err := s.Close(context.Background()); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	fn(s)
}

// load loads paths into s and checks that the counts reconcile.
func load(t *testing.T, s graph.Store, opt ingest.Options, paths ...string) ingest.Counts {
	t.Helper()
	if opt.Rejects == "" {
		opt.Rejects = filepath.Join(t.TempDir(), "rejects.jsonl")
	}
	c, err := ingest.Load(context.Background(), s, paths, opt)
	if err != nil {
		t.Fatalf("load %v: %v", paths, err)
	}
	if c.Read != c.Loaded+c.Rejected {
		t.Errorf("load %v: read %d != loaded %d + rejected %d", paths, c.Read, c.Loaded, c.Rejected)
	}
	return c
}

// Dump is a store's content as comparable text: each entity, link and
// pending link as JSON by ID, and the stats without the load times and
// folders of releases.
func Dump(t testing.TB, s graph.Store) (map[string]string, graph.Stats) {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	add := func(kind, id string, v any) error {
		b, err := json.Marshal(v)
		out[kind+" "+id] = string(b)
		return err
	}
	err := s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error { return add("entity", e.ID, e) })
	if err == nil {
		err = s.Links(ctx, graph.Filter{}, func(l graph.Link) error { return add("link", l.ID, l) })
	}
	if err == nil {
		err = s.Pending(ctx, nil, func(p graph.Pending) error { return add("pending", p.Link.ID, p) })
	}
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range st.Releases {
		st.Releases[i].Loaded = time.Time{}
		for j := range st.Releases[i].Files {
			st.Releases[i].Files[j].Name = filepath.Base(st.Releases[i].Files[j].Name)
		}
	}
	return out, st
}

// verdicts screens each name and returns its verdict.
func verdicts(t *testing.T, s graph.Store, names []string) map[string]string {
	t.Helper()
	ctx := context.Background()
	sc, err := screen.New(ctx, s, screen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, n := range names {
		r, err := sc.Screen(ctx, screen.Query{Name: n})
		if err != nil {
			t.Fatal(err)
		}
		out[n] = r.Verdict.String()
	}
	return out
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
