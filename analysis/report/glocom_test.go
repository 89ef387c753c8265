package report

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/fixtures"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all"
)

// expected is fixtures/glocom/expected.json, what the case's README derives
// by hand.
type expected struct {
	Targets  []string          `json:"targets"`
	Paths    [][]string        `json:"paths"`
	Verdicts map[string]string `json:"verdicts"`
	Matches  map[string]string `json:"matches"`
}

func readExpected(t testing.TB) expected {
	t.Helper()
	var e expected
	b, err := fs.ReadFile(fixtures.FS, "glocom/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// glocomStore loads the Glocom case (fixtures/glocom) into a fresh embedded
// store.
func glocomStore(t testing.TB) graph.Store {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"glocom.ftm.jsonl", "devices.csv", "device-links.csv"} {
		b, err := fs.ReadFile(fixtures.FS, "glocom/"+name)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	s, err := sqlite.Open(ctx, filepath.Join(dir, "glocom.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	n, err := ingest.Load(ctx, s, files, ingest.Options{Dataset: "glocom", Rejects: filepath.Join(dir, "rejects.jsonl")})
	if err != nil || n.Rejected > 0 {
		t.Fatalf("load the Glocom case: %+v, %v", n, err)
	}
	return s
}

// analyse runs Analyse on snapshots of s on any day under OFAC's rule, the
// names of opt.Screen screened against a snapshot of their own.
func analyse(s graph.Store, opt Options) (*Analysis, error) {
	ctx := context.Background()
	snap, err := snapshot.Build(ctx, s, SnapshotOptions(time.Time{}, sanctions.OFAC))
	if err != nil {
		return nil, err
	}
	if len(opt.Screen) > 0 {
		if opt.Screening, err = snapshot.Build(ctx, s, screen.SnapshotOptions(time.Time{}, sanctions.OFAC)); err != nil {
			return nil, err
		}
	}
	return Analyse(ctx, snap, opt)
}

// build is Build on the snapshots analyse uses.
func build(s graph.Store, opt Options) (Report, error) {
	a, err := analyse(s, opt)
	if err != nil {
		return Report{}, err
	}
	return a.Report(context.Background())
}

func shippedPolicies(t testing.TB) paths.Policies {
	t.Helper()
	sub, err := fs.Sub(fixtures.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := paths.LoadPolicies(sub, "us", "eu", "cn")
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// glocomOptions report on the case with its supplier list screened.
func glocomOptions(t testing.TB) Options {
	e := readExpected(t)
	var qs []screen.Query
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range e.Verdicts {
			if !yield(k) {
				return
			}
		}
	}) {
		qs = append(qs, screen.Query{Name: name})
	}
	return Options{Title: "The Glocom case", Paths: PathOptions{Policies: shippedPolicies(t)}, Screen: qs, ScreenFile: "suppliers.csv"}
}

var (
	glocomOnce   sync.Once
	glocomReport Report
	glocomErr    error
)

// builtGlocom is the Glocom report, built once for the tests that read it.
func builtGlocom(t *testing.T) Report {
	t.Helper()
	glocomOnce.Do(func() {
		glocomReport, glocomErr = build(glocomStore(t), glocomOptions(t))
	})
	if glocomErr != nil {
		t.Fatal(glocomErr)
	}
	return glocomReport
}

func section(t *testing.T, r Report, id string) Section {
	t.Helper()
	for _, s := range r.Sections {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no section %q", id)
	return Section{}
}

func fact(r Report, label string) string {
	for _, f := range r.Summary {
		if f.Label == label {
			return f.Value
		}
	}
	return ""
}

// rowsOf returns a table's rows as text.
func rowsOf(t Table) [][]string {
	var out [][]string
	for _, r := range t.Rows {
		var row []string
		for _, c := range r {
			row = append(row, c.Text)
		}
		out = append(out, row)
	}
	return out
}

// TestGlocomReport checks the report of the case against its README and
// expected.json: the paths it finds, the parties blocked and why, the
// loophole through China, the red flags planted, and the supplier verdicts.
func TestGlocomReport(t *testing.T) {
	r := builtGlocom(t)
	e := readExpected(t)
	for label, want := range map[string]string{"entities": "35", "listed parties": "1", "blocked by ownership": "2", "procurement paths": "5", "names screened": "23",
		"loophole hops": "1", "restricted hops": "5"} {
		if got := fact(r, label); got != want {
			t.Errorf("summary %s = %q, want %q", label, got, want)
		}
	}
	// each expected path is one path of the hops table, hop by hop
	ps := section(t, r, "paths")
	if len(ps.Diagrams) != 2 || ps.Diagrams[0].File != "paths" || ps.Diagrams[1].File != "paths-listed" {
		t.Fatalf("paths diagrams %v", ps.Diagrams)
	}
	routes := map[string][]string{}
	for _, row := range rowsOf(ps.Tables[0]) {
		routes[row[0]] = append(routes[row[0]], row[2], row[4])
	}
	names := map[string]string{"vendor-apple": "Apple Inc. (US)", "reseller-us-1": "Copperfield Wireless Supply LLC (illustrative) (US)",
		"front-hk": "Harbourlight Trading Ltd (illustrative) (HK)", "front-cn": "Jadebridge Import & Export Co., Ltd. (illustrative) (CN, blocked)",
		"vendor-microsoft": "Microsoft Corporation (US)", "reseller-us-2": "Bluestone Systems Distribution Inc. (illustrative) (US)",
		"front-sg": "Meridale Electronics Pte. Ltd. (illustrative) (SG)", "glocom": "Glocom (MY)", "rgb": "Reconnaissance General Bureau (KP, listed)"}
	for _, want := range e.Paths {
		var hops []string
		for i := 1; i < len(want); i++ {
			hops = append(hops, names[want[i-1]], names[want[i]])
		}
		found := false
		for _, got := range routes {
			found = found || slices.Equal(got, hops)
		}
		if !found {
			t.Errorf("expected path %v is not in the hops table %v", want, routes)
		}
	}
	// the US hops are restricted; the Chinese front's sale to Pyongyang,
	// on the way to the listed RGB, is the loophole
	if !slices.ContainsFunc(ps.Tables[0].Rows, func(r []Cell) bool { return r[7].Class == paths.Restricted && r[7].Text == "restricted (US)" }) {
		t.Error("no restricted US hop")
	}
	loophole := slices.IndexFunc(ps.Tables[1].Rows, func(r []Cell) bool { return r[7].Text == "loophole (CN)" })
	if loophole < 0 || !strings.HasPrefix(ps.Tables[1].Rows[loophole][2].Text, "Jadebridge") || !strings.HasPrefix(ps.Tables[1].Rows[loophole][4].Text, "Pan Systems Pyongyang") {
		t.Errorf("no loophole hop from the Chinese front to Pyongyang in %v", rowsOf(ps.Tables[1]))
	}
	// blocked: Jadebridge (50% RGB); Lanternfield (25% RGB + 30% Jadebridge)
	sanc := rowsOf(section(t, r, "sanctioned").Tables[0])
	want := [][]string{
		{"Lanternfield Air Cargo Co., Ltd. (illustrative)", "Company", "CN", "blocked", "Jadebridge Import & Export Co., Ltd. (illustrative) 30% (blocked); Reconnaissance General Bureau 25% (listed)", "55%", "40%"},
		{"Jadebridge Import & Export Co., Ltd. (illustrative)", "Company", "CN", "blocked", "Reconnaissance General Bureau 50% (listed)", "50%", "50%"},
		{"Reconnaissance General Bureau", "Organization", "KP", "listed", "OFAC DPRK 12210; OFAC DPRK2 12210; UN DPRK KPe.031", "", ""},
	}
	if !slices.EqualFunc(sanc, want, slices.Equal) {
		t.Errorf("listed and blocked:\n got %q\nwant %q", sanc, want)
	}
	// red flags planted in the case (README)
	var kinds []string
	for _, row := range rowsOf(section(t, r, "flags").Tables[0]) {
		kinds = append(kinds, row[0]+" "+row[1])
	}
	for _, want := range []string{"shared-address Brickfields, Kuala Lumpur, Malaysia", "shared-director Person A (illustrative)", "circular-ownership"} {
		if !slices.ContainsFunc(kinds, func(k string) bool { return strings.HasPrefix(k, want) }) {
			t.Errorf("no %s flag in %v", want, kinds)
		}
	}
	// screening: every verdict as expected.json has it; a diagram for each
	// result that is not clear and has evidence paths
	sc := section(t, r, "screening")
	notClear := 0
	for _, row := range rowsOf(sc.Tables[0]) {
		if got, want := row[2], e.Verdicts[row[1]]; got != want {
			t.Errorf("screening %s: %s, want %s", row[1], got, want)
		}
		if row[2] != "clear" && row[5] != "0" {
			notClear++
		}
	}
	if len(sc.Diagrams) == 0 || len(sc.Diagrams) > notClear+3 {
		t.Errorf("%d screening diagrams for %d results not clear", len(sc.Diagrams), notClear)
	}
	if b := section(t, r, "brokers").Tables[0].Rows[0][1].Text; b != "Glocom" {
		t.Errorf("top broker %q, want Glocom", b)
	}
}

// The same store and options give byte-identical pages and diagrams.
func TestGlocomReportDeterministic(t *testing.T) {
	s := glocomStore(t)
	var pages [][]byte
	for range 2 {
		r, err := build(s, glocomOptions(t))
		if err != nil {
			t.Fatal(err)
		}
		html, err := HTML(r)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, html)
	}
	if !bytes.Equal(pages[0], pages[1]) {
		t.Fatal("two reports of one store differ")
	}
	if bytes.Contains(pages[0], []byte("<script")) || bytes.Contains(pages[0], []byte("http://www.w3.org/1999/xlink\" xlink:href=\"http")) {
		t.Fatal("a script or an external reference in the page")
	}
}

func TestGlocomCaseReport(t *testing.T) {
	ctx := context.Background()
	a, err := analyse(glocomStore(t), glocomOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.CaseReport(ctx, Case{Name: "Glocom", Focus: graph.MustSelector("id:glocom"), Hops: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Glocom and its neighbours: the RGB it represents, Pan Systems
	// Pyongyang, the two Malaysian registrants, the two fronts that supply
	// it and its address
	for label, want := range map[string]string{"entities in focus": "1", "entities within reach": "8", "listed": "1", "blocked by ownership": "0"} {
		if got := fact(r, label); got != want {
			t.Errorf("%s = %q, want %q", label, got, want)
		}
	}
	hood := section(t, r, "neighbourhood")
	if len(hood.Diagrams) != 1 || !bytes.Contains(hood.Diagrams[0].SVG, []byte("Glocom")) {
		t.Fatal("no neighbourhood diagram")
	}
	if first := hood.Tables[0].Rows[0][0].Text; first != "Glocom" {
		t.Errorf("the focus should come first, got %q", first)
	}
	if through := fact(r, "procurement paths through it"); through == "0" || through == "" {
		t.Errorf("procurement paths through Glocom: %q", through)
	}
	none, err := a.CaseReport(ctx, Case{Name: "Nobody", Focus: graph.MustSelector("id:nobody"), Hops: 1})
	if err != nil || fact(none, "entities matched by the focus") != "0" {
		t.Errorf("a focus that matches nothing: %v %+v", err, none.Summary)
	}
}
