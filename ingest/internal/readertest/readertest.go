// Package readertest holds what the readers' tests share: reading a
// reader to its end, and loading files into a fresh embedded store.
package readertest

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
)

// Drain reads r to its end and closes it: the records it gave and the
// ones it rejected. Any other error fails the test.
func Drain(t testing.TB, r ingest.Reader) ([]ingest.Record, []*ingest.RecordError) {
	t.Helper()
	defer r.Close()
	var recs []ingest.Record
	var rejects []*ingest.RecordError
	for {
		rec, err := r.Next(context.Background())
		if err == io.EOF {
			return recs, rejects
		}
		var re *ingest.RecordError
		if errors.As(err, &re) {
			rejects = append(rejects, re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
}

// Load loads paths into a new embedded store, which is closed when the
// test ends, with its rejects file in a folder of the test's.
func Load(t testing.TB, paths []string, opt ingest.Options) (graph.Store, ingest.Counts) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "shellnet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	if opt.Rejects == "" {
		opt.Rejects = filepath.Join(dir, "rejects.jsonl")
	}
	c, err := ingest.Load(ctx, s, paths, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// Dangling returns the ends of links that are not in entities: the
// references a load would leave waiting.
func Dangling(links []graph.Link, entities map[string]graph.Entity) []string {
	var out []string
	for _, l := range links {
		for _, end := range []string{l.From, l.To} {
			if _, ok := entities[end]; !ok && !slices.Contains(out, end) {
				out = append(out, end)
			}
		}
	}
	return out
}
