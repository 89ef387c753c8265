package screen

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/fixtures"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all"
)

// newScreener builds a Screener on a snapshot of s as of asOf (any day
// when zero) under rule.
func newScreener(ctx context.Context, s graph.Store, asOf time.Time, rule sanctions.Rule, opt Options) (*Screener, error) {
	snap, err := snapshot.Build(ctx, s, SnapshotOptions(asOf, rule))
	if err != nil {
		return nil, err
	}
	return New(snap, opt)
}

// search runs Search on a snapshot of s built with SearchOptions.
func search(ctx context.Context, s graph.Store, text string, limit int) ([]Hit, error) {
	snap, err := snapshot.Build(ctx, s, SearchOptions())
	if err != nil {
		return nil, err
	}
	return Search(ctx, snap, text, nil, limit)
}

// openStore opens a fresh embedded store in a temporary folder.
func openStore(t testing.TB) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "screen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	return s
}

// glocomStore ingests the Glocom fixture (every file of fixtures/glocom the
// ingest pipeline reads) into a fresh embedded store.
func glocomStore(t testing.TB) *sqlite.Store {
	t.Helper()
	paths := glocomFiles(t)
	s := openStore(t)
	counts, err := ingest.Load(context.Background(), s, paths, ingest.Options{Rejects: filepath.Join(filepath.Dir(paths[0]), "rejects.jsonl")})
	if err != nil {
		t.Fatalf("ingest the Glocom fixture: %v", err)
	}
	if counts.Rejected > 0 {
		t.Fatalf("ingest the Glocom fixture: %d records rejected (%s)", counts.Rejected, counts.RejectsFile)
	}
	return s
}

// glocomFiles writes the files of fixtures/glocom that ingest reads into a
// temporary folder and returns their paths.
func glocomFiles(t testing.TB) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	err := fs.WalkDir(fixtures.FS, "glocom", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".jsonl", ".csv":
		default:
			return nil
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

// upsert writes entities and links to s.
func upsert(t testing.TB, s graph.Store, es []graph.Entity, ls []graph.Link) {
	t.Helper()
	ctx := context.Background()
	if err := s.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertLinks(ctx, ls); err != nil {
		t.Fatal(err)
	}
}
