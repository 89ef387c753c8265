package un_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/un"
)

// The published list loads through the pipeline (detection, normalising,
// resolution, the embedded store) with zero rejects.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "un.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	c, err := ingest.Load(ctx, s, []string{"testdata/consolidated.xml"}, ingest.Options{Rejects: filepath.Join(dir, "rejects.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 1003 || c.Loaded != 1003 || c.Rejected != 0 || len(c.Formats) != 1 || c.Formats[0] != "un" {
		t.Fatalf("counts %+v", c)
	}
	rgb, err := graph.Get(ctx, s, "un-KPe.031")
	if err != nil {
		t.Fatal(err)
	}
	if rgb.Name != "RECONNAISSANCE GENERAL BUREAU" || rgb.Sanctions[0].Listed.Format("2006-01-02") != "2016-03-02" {
		t.Errorf("stored un-KPe.031 = %+v", rgb)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.ByKind[string(graph.Person)] > 730 || st.ByKind[string(graph.Person)] < 730-int64(c.Merged) {
		t.Errorf("persons %d, merged %d", st.ByKind[string(graph.Person)], c.Merged)
	}
	t.Logf("counts %+v; stats %+v", c, st)
}
