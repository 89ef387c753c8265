package icij

import (
	"context"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
)

// loadBundle loads a bundle through the pipeline into the embedded
// store: every row read loaded, and the links of each type as wanted.
func loadBundle(t *testing.T, dir string, rows int, links map[string]int64) graph.Store {
	t.Helper()
	s, c := readertest.Load(t, []string{dir}, ingest.Options{})
	if c.Read != rows || c.Loaded != rows || c.Rejected != 0 {
		t.Fatalf("counts %+v, want %d rows read and loaded", c, rows)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for typ, n := range links {
		if st.ByType[typ] != n {
			t.Errorf("%s links %d, want %d (stats %+v)", typ, st.ByType[typ], n, st)
		}
	}
	return s
}

// The bundle loads through the pipeline into the embedded store: every
// row loaded, every link kept with its type.
func TestLoad(t *testing.T) {
	s := loadBundle(t, bundle(t), 18, map[string]int64{"DIRECTS": 2, "OWNS": 3, "REPRESENTS": 2, "LOCATED_AT": 1, "SAME_AS": 1, "ASSOCIATE": 2})
	e, err := graph.Get(context.Background(), s, "icij-10000001")
	if err != nil || e.Kind != graph.Company || e.Props["incorporation_date"] != "2006-03-23" {
		t.Errorf("stored entity %+v, %v", e, err)
	}
}

// The 2016 layout loads through the pipeline, detected by auto: every
// node and edge loaded, the roles of all_edges.csv as link types.
func TestLoad2016(t *testing.T) {
	loadBundle(t, bundle2016(t), 12, map[string]int64{"OWNS": 3, "DIRECTS": 1, "REPRESENTS": 1, "LOCATED_AT": 1, "SAME_AS": 1})
}
