package ofac_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
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

// legacy are the published legacy files of testdata (its folder also
// holds the advanced XML sample, which the pipeline would read too).
var legacy = []string{"testdata/sdn.csv", "testdata/add.csv", "testdata/alt.csv"}

// The published files load through the pipeline (detection, normalising,
// resolution, the embedded store) with zero rejects.
func TestLoad(t *testing.T) {
	s, c := load(t, legacy...)
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
		_, c := load(b, legacy...)
		if c.Loaded != 8890 {
			b.Fatal(c)
		}
	}
}

// The advanced XML sample loads beside the legacy files and merges into
// their entries: same ids, so no new entity, and its relationships add
// typed links between them.
func TestLoadAdvancedWithLegacy(t *testing.T) {
	s, c := load(t, "testdata") // the legacy files and testdata/advanced/sdn_advanced.xml
	if c.Read != 8890+8 || c.Loaded != c.Read || c.Rejected != 0 {
		t.Fatalf("counts %+v", c)
	}
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Entities > 8890+9510 || st.Entities < int64(8890+9510-c.Merged) {
		t.Errorf("stored %d entities, merged %d: the advanced entries did not merge into the legacy ones", st.Entities, c.Merged)
	}
	kim, err := graph.Get(ctx, s, "ofac-18848")
	if err != nil {
		t.Fatal(err)
	}
	var records []string
	for _, src := range kim.Sources {
		records = append(records, src.Record)
	}
	slices.Sort(records)
	if len(records) != 2 || !strings.HasPrefix(records[0], "sdn.csv:") || !strings.HasPrefix(records[1], "sdn_advanced.xml:") {
		t.Errorf("ofac-18848 sources %v, want sdn.csv's and sdn_advanced.xml's", records)
	}
	var links []graph.Link
	if err := s.Links(ctx, graph.Filter{IDs: []string{"ofac-17069"}}, func(l graph.Link) error {
		links = append(links, l)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	owned := false
	for _, l := range links {
		owned = owned || (l.Type == graph.Owns && l.From == "ofac-17067" && l.To == "ofac-17069")
	}
	if !owned {
		t.Errorf("ofac-17069 links %v: no OWNS from its owner", links)
	}
	if st.ByType[string(graph.Represents)] != 1 || st.ByType[string(graph.Owns)] < 1 {
		t.Errorf("links by type %v: want the REPRESENTS and OWNS of the sample", st.ByType)
	}
}
