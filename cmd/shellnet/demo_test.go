package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// TestDemoGolden runs the demo as a new user would and compares what it
// prints with testdata/demo.txt (go test -update rewrites it when a step is
// added). The temporary store must be gone afterwards.
func TestDemoGolden(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	out, err := run(t, "demo", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Glocom", "Reconnaissance General Bureau", "rejected 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output does not mention %q", want)
		}
	}
	golden(t, "demo.txt", out)
	left, err := os.ReadDir(tmp)
	if err != nil || len(left) != 0 {
		t.Errorf("demo left %v in the temporary folder (%v)", left, err)
	}
}

// TestDemoJSON checks the findings against the case's README: the RGB is the
// one listed party, Glocom and the planted fronts are found, and the
// entities within two links are those the fixture's links put there.
func TestDemoJSON(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	out, err := run(t, "demo", "--format", "json", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Loaded struct {
			Read, Loaded, Rejected, Entities, Links, Merged int
		}
		Stats  graph.Stats
		Listed []struct {
			ID        string
			Sanctions []graph.Sanction
		}
		Fronts     []struct{ ID string }
		NearListed []struct {
			ID   string
			Hops int
			Via  string
			Link string
		} `json:"near_listed"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// 65 FtM records, 9 device entities, 12 device links; 27 + 9 entities
	// less Orchidvale, resolved into Kestrelgate by their shared e-mail.
	l := got.Loaded
	if l.Read != 86 || l.Loaded != 86 || l.Rejected != 0 || l.Merged != 1 || got.Stats.Entities != 35 || l.Entities != 35 {
		t.Errorf("loaded %+v, %d entities in the store", l, got.Stats.Entities)
	}
	if got.Stats.ByKind["Device"] != 4 || got.Stats.ByType["SUPPLIES"] != 11 || got.Stats.ByType["REPRESENTS"] != 3 {
		t.Errorf("stats %+v", got.Stats)
	}
	if len(got.Listed) != 1 || got.Listed[0].ID != "rgb" || len(got.Listed[0].Sanctions) < 2 {
		t.Errorf("listed %+v, want the RGB with its OFAC and UN listings", got.Listed)
	}
	var fronts []string
	for _, f := range got.Fronts {
		fronts = append(fronts, f.ID)
	}
	for _, id := range []string{"glocom", "pan-systems-pyongyang", "front-hk", "front-sg", "front-cn", "front-my"} {
		if !slices.Contains(fronts, id) {
			t.Errorf("fronts %v miss %s", fronts, id)
		}
	}
	near := map[string]int{}
	for _, n := range got.NearListed {
		near[n.ID] = n.Hops
	}
	want := map[string]int{
		"glocom": 1, "front-cn": 1, "forwarder-cn": 1,
		"igs": 2, "igsv": 2, "address-brickfields": 2, "front-hk": 2, "front-sg": 2, "front-my": 2,
		"pan-systems-pyongyang": 2, "agent-my": 2,
	}
	if len(near) != len(want) {
		t.Errorf("near the RGB: %v, want %v", near, want)
	}
	for id, h := range want {
		if near[id] != h {
			t.Errorf("%s: %d hops from the RGB, want %d", id, near[id], h)
		}
	}
}

// TestDemoOut keeps the store in --out, where other commands can open it,
// and refuses to reuse one.
func TestDemoOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	if _, err := run(t, "demo", "--out", dir, "--quiet"); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "stats", "--store", filepath.Join(dir, "shellnet.db"), "--format", "json")
	if err != nil || !strings.Contains(out, `"entities": 35`) {
		t.Errorf("stats of the kept store: %v %s", err, out)
	}
	for _, f := range caseFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	_, err = run(t, "demo", "--out", dir, "--quiet")
	if code := exitCode(err); code != exitUsage || !strings.Contains(err.Error(), "exists") {
		t.Errorf("second demo into %s: exit %d, %v", dir, code, err)
	}
	if code := exitCode(func() error { _, err := run(t, "demo", "--format", "csv"); return err }()); code != exitUsage {
		t.Errorf("demo --format csv: exit %d", code)
	}
}

// TestDemoExpected reads the embedded expected results that later steps
// (paths, screening) show beside their findings.
func TestDemoExpected(t *testing.T) {
	e, err := (&demo{}).expected()
	if err != nil {
		t.Fatal(err)
	}
	s := e.suppliers()
	if e.MaxHops != 3 || len(e.Paths) < 2 || len(s) < 8 || !slices.IsSorted(s) || e.Matches[s[0]] == "" {
		t.Errorf("expected results %+v, suppliers %v", e, s)
	}
}
