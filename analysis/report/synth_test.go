package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/analysis/flags"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// A generated network with thousands of flags and a long supplier list
// gives a report of bounded size: capped tables and diagrams, with notes
// saying what is left out.
func TestLargeStoreReportIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a network of 5,000 entities")
	}
	ctx := context.Background()
	net := synth.Generate(synth.Config{Entities: 5000, LinksPerEntity: 5, Chains: 20, Seed: 1})
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "synth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	if err := s.UpsertEntities(ctx, net.Entities); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertLinks(ctx, net.Links); err != nil {
		t.Fatal(err)
	}
	var qs []screen.Query
	for _, p := range net.Probes {
		qs = append(qs, screen.Query{Name: p.Query})
	}
	// screen each probe many times over: a list of supplier names far
	// longer than diagrams are drawn for
	for len(qs) < 3*MaxScreeningDiagrams {
		qs = append(qs, qs...)
	}
	a, err := analyse(s, Options{Screen: qs})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Report(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.flags) <= len(flags.Kinds)*MaxFlagsPerKind {
		t.Fatalf("the generated network has %d flags: too few to test the cap", len(a.flags))
	}
	byKind := map[string]int{}
	for _, row := range section(t, r, "flags").Tables[0].Rows {
		byKind[row[0].Text]++
	}
	for k, n := range byKind {
		if n > MaxFlagsPerKind {
			t.Errorf("%d %s flags listed, want at most %d", n, k, MaxFlagsPerKind)
		}
	}
	if notes := strings.Join(section(t, r, "flags").Notes, " "); !strings.Contains(notes, "more") {
		t.Errorf("no note on the flags left out: %q", notes)
	}
	sc := section(t, r, "screening")
	if len(sc.Diagrams) == 0 || len(sc.Diagrams) > MaxScreeningDiagrams {
		t.Errorf("%d screening diagrams, want 1 to %d", len(sc.Diagrams), MaxScreeningDiagrams)
	}
	if len(sc.Tables[0].Rows) != len(qs) {
		t.Errorf("%d screening rows for %d names", len(sc.Tables[0].Rows), len(qs))
	}
	html, err := HTML(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(html) > 8<<20 {
		t.Errorf("the page is %d bytes", len(html))
	}
	t.Logf("%d flags, %d screened, page of %d KB", len(a.flags), len(qs), len(html)>>10)
}
