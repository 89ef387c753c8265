package simplecsv

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
)

// The three exports load through the pipeline with auto detection into
// the embedded store: read = loaded, every row an entity of its own
// (no two merged: phones and emails shared by officials are not
// identifiers), 140 persons and 150 wallets.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	files, err := filepath.Glob("testdata/*.csv")
	if err != nil || len(files) != 3 {
		t.Fatalf("testdata: %v %v", files, err)
	}
	s, c := readertest.Load(t, files, ingest.Options{})
	if c.Read != 290 || c.Loaded != 290 || c.Rejected != 0 || c.Entities != 290 || c.Merged != 0 || !slices.Equal(c.Formats, []string{Format}) {
		t.Fatalf("counts %+v", c)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.ByKind["Person"] != 140 || st.ByKind["BankAccount"] != 150 {
		t.Errorf("stats %+v", st)
	}
	e, err := graph.Get(ctx, s, "eu-cor-2021625")
	if err != nil || e.Name != "PETERSEN, Karsten Uno" || !slices.Equal(e.Countries, []string{"BE", "DK"}) {
		t.Errorf("stored %+v, %v", e, err)
	}
}
