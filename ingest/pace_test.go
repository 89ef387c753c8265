package ingest

import (
	"math"
	"runtime/debug"
	"testing"
)

// A load sets a soft memory limit of half the machine's memory when none
// is set, keeps one that is, and restores the limit when it ends.
func TestPaceMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	total := physicalMemory()
	restore := gcPace()
	got := debug.SetMemoryLimit(-1)
	restore()
	if total > 0 && got != int64(float64(total)*loadMemoryShare) {
		t.Errorf("limit during a load = %d, want half of %d", got, total)
	}
	if total == 0 && got != math.MaxInt64 {
		t.Errorf("limit during a load = %d with the machine's memory unknown", got)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("limit after the load = %d, want none", l)
	}

	debug.SetMemoryLimit(1 << 30) // as GOMEMLIMIT=1GiB would
	restore = gcPace()
	got = debug.SetMemoryLimit(-1)
	restore()
	if got != 1<<30 || debug.SetMemoryLimit(-1) != 1<<30 {
		t.Errorf("a limit set before the load became %d", got)
	}
}
