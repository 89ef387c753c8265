package server

import (
	"math"
	"regexp"
	"runtime/debug"
	"strconv"
	"testing"
	"time"
)

func TestMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		snap, live, outside, want int64
	}{
		{200 << 20, 200 << 20, 0, 370 << 20},        // twice the snapshot less the reserve: room enough above the live heap
		{200 << 20, 200 << 20, 40 << 20, 330 << 20}, // less what the runtime does not manage
		{200 << 20, 400 << 20, 0, 500 << 20},        // the live heap and a quarter
		{1 << 20, 1 << 20, 0, minMemoryLimit},
		{0, 0, 0, minMemoryLimit}, // a store without snapshot files
	} {
		if got := memoryLimit(c.snap, c.live, c.outside); got != c.want {
			t.Errorf("memoryLimit(%d, %d, %d) = %d, want %d", c.snap, c.live, c.outside, got, c.want)
		}
	}
}

// A server that limits memory sets the runtime's soft limit from the
// snapshot it loaded, and /metrics shows the limit, the snapshot's bytes
// on disk and the resident memory of both kinds.
func TestLimitMemory(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	store, _ := glocomStore(t)
	srv, ts := startServer(t, Config{Store: store, LimitMemory: true})
	snap := srv.cur.Load().e.Snapshot()
	if snap.Bytes <= 0 {
		t.Fatalf("snapshot of %d bytes on disk", snap.Bytes)
	}
	// the limit is set once the snapshot serves and the build's garbage
	// is returned to the system
	limit := debug.SetMemoryLimit(-1)
	for deadline := time.Now().Add(10 * time.Second); limit == math.MaxInt64 && time.Now().Before(deadline); limit = debug.SetMemoryLimit(-1) {
		time.Sleep(5 * time.Millisecond)
	}
	if limit == math.MaxInt64 || limit < minMemoryLimit {
		t.Errorf("memory limit %d after loading a snapshot of %d bytes", limit, snap.Bytes)
	}
	_, out := do(t, ts.Client(), "GET", ts.URL+"/metrics", "", "")
	gauge := func(re string) int64 {
		m := regexp.MustCompile(`(?m)^` + re + ` (\d+)$`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("no %s in\n%s", re, out)
		}
		v, _ := strconv.ParseInt(string(m[1]), 10, 64)
		return v
	}
	if got := gauge("shellnet_snapshot_bytes"); got != snap.Bytes {
		t.Errorf("shellnet_snapshot_bytes %d, want %d", got, snap.Bytes)
	}
	if got := gauge("shellnet_memory_limit_bytes"); got != limit {
		t.Errorf("shellnet_memory_limit_bytes %d, want %d", got, limit)
	}
	if _, _, ok := resident(); ok {
		if anon, file := gauge(`shellnet_resident_bytes\{kind="anon"\}`), gauge(`shellnet_resident_bytes\{kind="file"\}`); anon <= 0 || file <= 0 {
			t.Errorf("resident anon %d file %d bytes", anon, file)
		}
	}
}
