package neo4j

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/shellnet/shellnet/ingest/ingesttest"
)

// TestPendingInterrupted loads A, whose links wait for the entities of B,
// into Neo4j with a real shellnet process, then B in another killed with
// SIGKILL midway, then B again: the database then holds what A then B
// loaded without interruption hold.
func TestPendingInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds shellnet and loads 20,000 entities and 60,000 links into Neo4j four times")
	}
	s := openTest(t)
	ctx := context.Background()
	dir := t.TempDir()
	bin := filepath.Join(dir, "shellnet")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(repoRoot(t), "cmd", "shellnet")).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	a, b := ingesttest.SplitNetwork(t, dir, 20_000)
	ingest := func(paths ...string) {
		t.Helper()
		args := append([]string{"ingest", "--store", s.uri, "--quiet"}, paths...)
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("shellnet %v: %v\n%s", args, err, out)
		}
	}
	ingest(a...)
	start := time.Now()
	ingest(b...)
	took := time.Since(start)
	want, wantStats := ingesttest.Dump(t, s)
	if n := len(wantStats.Pending); n != 0 {
		t.Fatalf("after A then B, %d link types still pending", n)
	}

	for _, frac := range []float64{0.5, 0.25, 0.1} {
		if err := wipe(ctx, s); err != nil {
			t.Fatal(err)
		}
		ingest(a...)
		cmd := exec.Command(bin, append([]string{"ingest", "--store", s.uri, "--quiet"}, b...)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(took)))
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err == nil {
			t.Logf("B finished before %.0f%% of its time; killing earlier", 100*frac)
			continue
		}
		_, partial := ingesttest.Dump(t, s)
		ingest(b...)
		got, st := ingesttest.Dump(t, s)
		partial.Releases, st.Releases, wantStats.Releases = nil, nil, nil
		if jsonOf(st) != jsonOf(wantStats) {
			t.Errorf("killed at %.0f%%: stats after B again %s\nwithout the kill %s", 100*frac, jsonOf(st), jsonOf(wantStats))
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("killed at %.0f%%: %s differs:\n%s\nwithout the kill:\n%s", 100*frac, k, got[k], v)
				break
			}
		}
		if len(got) != len(want) {
			t.Errorf("killed at %.0f%%: %d records, %d without the kill", 100*frac, len(got), len(want))
		}
		t.Logf("B killed after %v of %v; the database then held %d entities, %d links, pending %v", time.Duration(frac*float64(took)), took, partial.Entities, partial.Links, partial.Pending)
		return
	}
	t.Fatalf("B was never killed midway (it took %v)", took)
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
