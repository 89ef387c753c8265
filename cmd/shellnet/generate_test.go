package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
)

// TestGenerateIngest generates a network, checks that the same seed gives
// the same files, and loads the CSV pair with shellnet ingest: every record
// loads, and the store's counts are the generator's.
func TestGenerateIngest(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	out, err := run(t, "generate", "--entities", "3000", "--links-per-entity", "4", "--chains", "30", "--seed", "9", "--out", a, "--format", "json", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	var got generated
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Entities != 3000 || got.Links != 12000 || got.Chains != 30 || got.Probes == 0 || got.Files.Entities != filepath.Join(a, synth.EntitiesFile) {
		t.Errorf("generate printed %+v", got)
	}
	if _, err := run(t, "generate", "-n", "3000", "-k", "4", "--chains", "30", "--seed", "9", "-o", b, "--quiet"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{synth.EntitiesFile, synth.LinksFile, synth.ChainsFile, synth.ProbesFile, synth.EdgesFile, synth.NodesFile} {
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) || len(x) == 0 {
			t.Errorf("%s: two runs with one seed differ (%v, %v)", name, err1, err2)
		}
	}

	store := filepath.Join(dir, "net.db")
	if _, err := run(t, "ingest", "--store", store, "--quiet", got.Files.Entities, got.Files.Links); err != nil {
		t.Fatalf("ingest of generated CSV: %v", err)
	}
	out, err = run(t, "stats", "--store", store, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var st graph.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if st.Entities != 3000 || st.Links != 12000 {
		t.Errorf("store holds %d entities and %d links, generated 3000 and 12000", st.Entities, st.Links)
	}
	want := synth.Generate(synth.Config{Entities: 3000, LinksPerEntity: 4, Chains: 30, Seed: 9})
	kinds, types := map[string]int64{}, map[string]int64{}
	for _, e := range want.Entities {
		kinds[string(e.Kind)]++
	}
	for _, l := range want.Links {
		types[string(l.Type)]++
	}
	for k, n := range kinds {
		if st.ByKind[k] != n {
			t.Errorf("%s: %d in the store, %d generated", k, st.ByKind[k], n)
		}
	}
	for k, n := range types {
		if st.ByType[k] != n {
			t.Errorf("%s: %d in the store, %d generated", k, st.ByType[k], n)
		}
	}
}

func TestGenerateUsage(t *testing.T) {
	for _, args := range [][]string{
		{"generate", "--entities", "50", "--out", t.TempDir()},
		{"generate", "--chains", "100000", "--out", t.TempDir()},
		{"generate", "--out", t.TempDir(), "extra"},
		{"generate", "--entities", "1000"},
	} {
		_, err := run(t, args...)
		if code := exitCode(err); code != exitUsage {
			t.Errorf("%v: exit code %d (%v), want %d", args, code, err, exitUsage)
		}
	}
}
