package icij

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
)

// The bundle loads through the pipeline into the embedded store: every
// row loaded, every link kept with its type.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "icij.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	c, err := ingest.Load(ctx, s, []string{bundle(t)}, ingest.Options{Rejects: filepath.Join(dir, "rejects.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 18 || c.Loaded != 18 || c.Rejected != 0 {
		t.Fatalf("counts %+v", c)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"DIRECTS": 2, "OWNS": 3, "REPRESENTS": 2, "LOCATED_AT": 1, "SAME_AS": 1, "ASSOCIATE": 2}
	for typ, n := range want {
		if st.ByType[typ] != n {
			t.Errorf("%s links %d, want %d (stats %+v)", typ, st.ByType[typ], n, st)
		}
	}
	e, err := graph.Get(ctx, s, "icij-10000001")
	if err != nil || e.Kind != graph.Company || e.Props["incorporation_date"] != "2006-03-23" {
		t.Errorf("stored entity %+v, %v", e, err)
	}
}

// The 2016 layout loads through the pipeline, detected by auto: every
// node and edge loaded, the roles of all_edges.csv as link types.
func TestLoad2016(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "icij.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	c, err := ingest.Load(ctx, s, []string{bundle2016(t)}, ingest.Options{Rejects: filepath.Join(dir, "rejects.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 12 || c.Loaded != 12 || c.Rejected != 0 {
		t.Fatalf("counts %+v", c)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"OWNS": 3, "DIRECTS": 1, "REPRESENTS": 1, "LOCATED_AT": 1, "SAME_AS": 1}
	for typ, n := range want {
		if st.ByType[typ] != n {
			t.Errorf("%s links %d, want %d (stats %+v)", typ, st.ByType[typ], n, st)
		}
	}
}
