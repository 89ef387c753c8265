package simplecsv

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
	"github.com/shellnet/shellnet/ingest/ofac"
)

// exportRows writes entities as OpenSanctions' exporter writes
// targets.simple.csv (zavod/exporters/simplecsv.py: every cell quoted,
// several values joined by ";", a sanction as its program and start date
// joined by " - ", the dataset's title).
func exportRows(t *testing.T, path string, es []graph.Entity) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"id", "schema", "name", "aliases", "birth_date", "countries", "addresses", "identifiers", "sanctions", "phones", "emails", "program_ids", "dataset", "first_seen", "last_seen", "last_change"})
	for _, e := range es {
		var sanctions, countries []string
		for _, s := range e.Sanctions {
			text := s.Program
			if !s.Listed.IsZero() {
				text += " - " + s.Listed.Format("2006-01-02")
			}
			sanctions = append(sanctions, text)
		}
		for _, c := range e.Countries {
			countries = append(countries, strings.ToLower(c))
		}
		schema := string(e.Kind)
		if e.Kind == graph.Aircraft {
			schema = "Airplane"
		}
		w.Write([]string{"ofac-" + e.ID, schema, e.Name, strings.Join(e.Aliases, ";"), "", strings.Join(countries, ";"), "", "",
			strings.Join(sanctions, ";"), "", "", "", "US OFAC Specially Designated Nationals (SDN) List", "", "", ""})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// The parties on OFAC's DPRK programs in the real SDN list of 2021
// (ingest/ofac's testdata, read in place), written as OpenSanctions'
// exporter writes the SDN list's targets.simple.csv, load as listed
// parties and each screens sanctioned under its own name. No real export
// of a sanctions dataset is in reach (testdata/PROVENANCE.md): this is
// the real list in the export's layout.
func TestListedScreenSanctioned(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the OFAC list")
	}
	ctx := context.Background()
	r, err := ofac.Open([]string{"../ofac/testdata/sdn.csv"}, ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := readertest.Drain(t, r)
	var dprk []graph.Entity
	for _, rec := range recs {
		for _, e := range rec.Entities {
			if slices.ContainsFunc(e.Sanctions, func(s graph.Sanction) bool { return strings.HasPrefix(s.Program, "DPRK") }) {
				dprk = append(dprk, e)
			}
		}
	}
	// 414 rows of sdn.csv name a DPRK program in their program column
	// (counted on the file with a CSV reader apart from shellnet's).
	if len(dprk) != 414 {
		t.Fatalf("%d DPRK parties in the SDN list, want 414", len(dprk))
	}
	p := filepath.Join(t.TempDir(), "targets.simple.csv")
	exportRows(t, p, dprk)
	s, c := readertest.Load(t, []string{p}, ingest.Options{})
	if c.Read != len(dprk) || c.Loaded != len(dprk) || c.Rejected != 0 || !slices.Equal(c.Formats, []string{Format}) {
		t.Fatalf("counts %+v, want %d rows loaded as %s", c, len(dprk), Format)
	}
	snap, err := snapshot.Build(ctx, s, screen.SnapshotOptions(time.Time{}, sanctions.OFAC))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := screen.New(snap, screen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range dprk {
		res, err := sc.Screen(ctx, screen.Query{Name: e.Name})
		if err != nil {
			t.Fatal(err)
		}
		if res.Verdict != screen.Sanctioned {
			t.Errorf("%s (%s): %s, want sanctioned", e.Name, e.ID, res.Verdict)
		}
	}
}
