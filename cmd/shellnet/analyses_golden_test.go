package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/fixtures/synth"
)

// synthCaseStore generates a small synthetic network (2,000 entities,
// 8,000 links, 20 planted chains, seed 5) and ingests it into a fresh
// embedded store; it returns the store and the names of the network's first
// probes (supplier names as supplier lists write them).
func synthCaseStore(t *testing.T) (store string, probes []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "net")
	if _, err := run(t, "generate", "--quiet", "--entities", "2000", "--links-per-entity", "4", "--chains", "20", "--seed", "5", "--out", dir); err != nil {
		t.Fatal(err)
	}
	store = filepath.Join(t.TempDir(), "synth.db")
	if _, err := run(t, "ingest", "--store", store, "--quiet", filepath.Join(dir, synth.EntitiesFile), filepath.Join(dir, synth.LinksFile)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, synth.ProbesFile))
	if err != nil {
		t.Fatal(err)
	}
	var ps []synth.Probe
	if err := json.Unmarshal(b, &ps); err != nil {
		t.Fatal(err)
	}
	if len(ps) < 40 {
		t.Fatalf("%d probes: want at least 40", len(ps))
	}
	for _, p := range ps[:40] {
		probes = append(probes, p.Query)
	}
	return store, probes
}

// The JSON every analysis prints on the Glocom case and on a generated
// network is kept byte for byte, so that moving code between packages
// cannot change a result unnoticed.
func TestAnalysesGolden(t *testing.T) {
	glocom := glocomCaseStore(t)
	names, _ := glocomSuppliers(t)
	net, probes := synthCaseStore(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"centrality_glocom.json", []string{"centrality", "--store", glocom, "--top", "10"}},
		{"centrality_glocom_betweenness.json", []string{"centrality", "--store", glocom, "--algo", "betweenness", "--top", "10"}},
		{"communities_glocom.json", []string{"communities", "--store", glocom}},
		{"screen_glocom_asof.json", append([]string{"screen", "--store", glocom, "--as-of", "2015-09-15"}, names...)},
		{"screen_synth.json", append([]string{"screen", "--store", net}, probes...)},
		{"screen_synth_eu_asof.json", append([]string{"screen", "--store", net, "--rule", "eu", "--as-of", "2016-01-01", "--max-hops", "2"}, probes...)},
		{"paths_synth.json", []string{"paths", "--store", net, "--k", "10"}},
		{"paths_synth_asof.json", []string{"paths", "--store", net, "--k", "5", "--as-of", "2016-01-01"}},
		{"centrality_synth.json", []string{"centrality", "--store", net, "--top", "20"}},
		{"centrality_synth_betweenness.json", []string{"centrality", "--store", net, "--algo", "betweenness", "--sample", "50", "--seed", "2", "--top", "20"}},
		{"communities_synth.json", []string{"communities", "--store", net, "--top", "5"}},
		{"exposure_synth.json", []string{"exposure", "--store", net, "--top", "10"}},
		{"flags_synth.json", []string{"flags", "--store", net, "--only", "hub-transit", "--only", "circular-ownership", "--only", "shared-account"}},
	} {
		args := append(c.args, "--quiet", "--format", "json")
		got, err := run(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		golden(t, c.name, got)
	}
}

// The report of the Glocom case, its supplier list screened, is kept byte
// for byte (the store's path, which changes from run to run, replaced by
// STORE).
func TestReportGolden(t *testing.T) {
	store := glocomCaseStore(t)
	suppliers := supplierFile(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"report_glocom.html", nil},
		{"report_glocom_eu_asof.html", []string{"--as-of", "2015-09-15", "--rule", "eu"}},
	} {
		dir := filepath.Join(t.TempDir(), "report")
		args := append([]string{"report", "--store", store, "--quiet", "--out", dir, "--screen", suppliers}, c.args...)
		if _, err := run(t, args...); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, c.name, strings.ReplaceAll(string(b), store, "STORE"))
	}
}
