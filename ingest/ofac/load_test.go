package ofac_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/ofac"
)

func load(t testing.TB, paths ...string) (*sqlite.Store, ingest.Counts) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "ofac.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	c, err := ingest.Load(ctx, s, paths, ingest.Options{Rejects: filepath.Join(dir, "rejects.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// The published files load through the pipeline (detection, normalising,
// resolution, the embedded store) with zero rejects.
func TestLoad(t *testing.T) {
	s, c := load(t, "testdata")
	if c.Read != 8890 || c.Loaded != 8890 || c.Rejected != 0 {
		t.Fatalf("counts %+v", c)
	}
	ctx := context.Background()
	rgb, err := graph.Get(ctx, s, "ofac-12210")
	if err != nil {
		t.Fatal(err)
	}
	if rgb.Name != "RECONNAISSANCE GENERAL BUREAU" || len(rgb.Sanctions) != 2 || len(rgb.Aliases) != 2 {
		t.Errorf("stored ofac-12210 = %+v", rgb)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 8,890 entries and 9,510 addresses; entries that share a strong
	// identifier (a vessel's IMO number listed twice, say) are resolved
	// into one by the pipeline, so there may be fewer.
	if st.Entities > 8890+9510 || st.Entities < int64(8890+9510-c.Merged) {
		t.Errorf("stored %d entities, merged %d", st.Entities, c.Merged)
	}
	if st.ByType[string(graph.LocatedAt)] != 9510 {
		t.Errorf("LOCATED_AT %d, want 9510", st.ByType[string(graph.LocatedAt)])
	}
	t.Logf("counts %+v; stats %+v", c, st)
}

// BenchmarkLoad is the full OFAC set (8,890 entries, 13,761 addresses,
// 11,742 aliases) read, normalised and written to a fresh embedded store.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		_, c := load(b, "testdata")
		if c.Loaded != 8890 {
			b.Fatal(c)
		}
	}
}
