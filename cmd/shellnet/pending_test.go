package main

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/shellnet/shellnet/ingest/ingesttest"
)

// TestIngestPendingInterrupted loads A, whose links wait for the entities
// of B, then B in a real shellnet process killed with SIGKILL midway, then
// B again: the store then equals one where A and B were loaded together.
func TestIngestPendingInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds shellnet and loads 60,000 entities and 180,000 links four times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "shellnet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	a, b := ingesttest.SplitNetwork(t, dir, 60_000)
	ingest := func(store string, paths ...string) {
		t.Helper()
		args := append([]string{"ingest", "--store", store, "--quiet"}, paths...)
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("shellnet %v: %v\n%s", args, err, out)
		}
	}
	together := filepath.Join(dir, "together.db")
	ingest(together, append(append([]string{}, a...), b...)...)
	apart := filepath.Join(dir, "apart.db")
	ingest(apart, a...)
	sizeA := storeSize(apart)
	start := time.Now()
	ingest(apart, b...)
	took := time.Since(start)
	sizeB := storeSize(apart)

	cut := filepath.Join(dir, "cut.db")
	ingest(cut, a...)
	partial := killAt(t, bin, cut, b[0], sizeA+(sizeB-sizeA)/2, took)
	ingest(cut, b...)
	want := dump(t, together)
	for name, store := range map[string]string{"A then B": apart, "A, B killed, B again": cut} {
		got := dump(t, store)
		if len(got) != len(want) {
			t.Errorf("%s: %d records, both together: %d", name, len(got), len(want))
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s differs:\n%s\nboth together:\n%s", name, k, got[k], v)
				break
			}
		}
	}
	t.Logf("B killed at %d of %d bytes; stats then %s", sizeA+(sizeB-sizeA)/2, sizeB, compact(partial))
}
