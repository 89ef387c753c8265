package ingest

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// PaceMemory sets a soft memory limit that follows the live heap when none
// is set, keeps one that is, and restores the limit when it ends.
func TestPaceMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	ceiling := int64(float64(physicalMemory()) * loadMemoryShare)
	runtime.GC() // the live heap the load starts from: this test's, not an earlier one's
	restore := PaceMemory()
	first := debug.SetMemoryLimit(-1)
	hold := make([][]byte, 0, 64)
	for range 64 {
		hold = append(hold, make([]byte, 4<<20)) // 256 MB live
	}
	var grown int64
	for range 50 { // until the watcher has seen a collection of the new live heap
		runtime.GC()
		time.Sleep(2 * memoryTick)
		if grown = debug.SetMemoryLimit(-1); grown > first+200<<20 {
			break
		}
	}
	runtime.KeepAlive(hold)
	restore()
	if first < memoryFloor || (ceiling > 0 && first > ceiling) {
		t.Errorf("limit at the start of a load = %d, want %d to %d", first, memoryFloor, ceiling)
	}
	if grown <= first+200<<20 && (ceiling == 0 || grown < ceiling) {
		t.Errorf("limit %d after 256 MB more of live heap, was %d", grown, first)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("limit after the load = %d, want none", l)
	}

	debug.SetMemoryLimit(1 << 30) // as GOMEMLIMIT=1GiB would
	restore = PaceMemory()
	got := debug.SetMemoryLimit(-1)
	restore()
	if got != 1<<30 || debug.SetMemoryLimit(-1) != 1<<30 {
		t.Errorf("a limit set before the load became %d", got)
	}
}
