package server

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"runtime/debug"
	rtmetrics "runtime/metrics"
	"strconv"
)

// The server's memory is counted as the kernel counts a process's
// resident set (/proc/PID/status): anonymous pages (the Go heap and
// runtime, SQLite's page cache) and file-backed ones (the binary, and the
// store file that SQLite maps). The snapshot it answers from is its
// projection and name index, so its memory is held against their size on
// disk: the Go runtime's soft memory limit (runtime/debug.SetMemoryLimit,
// https://go.dev/doc/gc-guide#Memory_limit) is set from it at each load,
// so that the heap does not grow to twice what is live once requests
// have run, as the collector's default pacing (GOGC=100) lets it.

// Factors of the soft memory limit.
const (
	// memoryPerSnapshot is the resident memory in bytes allowed a byte of
	// snapshot files.
	memoryPerSnapshot = 2
	// memoryReserve is the share of the snapshot's bytes kept free for
	// what grows outside the runtime between two settings of the limit:
	// SQLite's allocator takes tens of megabytes within a second when
	// many requests read evidence at once, and keeps them.
	memoryReserve = 0.15
	// memoryOverLive is the least room above the live heap the limit
	// leaves, as a share of it: a limit at the live heap makes the
	// collector run back to back and take half the processors.
	memoryOverLive = 0.25
	// minMemoryLimit is the least limit set, for small snapshots.
	minMemoryLimit = 64 << 20
)

// memoryLimit is the soft memory limit for a snapshot of snapBytes on
// disk, once live bytes of heap are live and the process holds outside
// bytes resident that the Go runtime does not manage (the binary's pages,
// SQLite's memory): what keeps the whole resident set within
// memoryPerSnapshot times the snapshot, less memoryReserve of it, unless
// that leaves less than memoryOverLive of the live heap free.
func memoryLimit(snapBytes, live, outside int64) int64 {
	budget := int64((memoryPerSnapshot - memoryReserve) * float64(snapBytes))
	return max(budget-outside, live+int64(memoryOverLive*float64(live)), minMemoryLimit)
}

// liveHeap is the heap the last collection found live.
func liveHeap() int64 {
	s := []rtmetrics.Sample{{Name: "/gc/heap/live:bytes"}}
	rtmetrics.Read(s)
	if s[0].Value.Kind() != rtmetrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// outsideRuntime is the resident memory the Go runtime does not manage:
// the resident set less what the runtime has mapped and not returned to
// the system; 0 where the resident set cannot be read.
func outsideRuntime() int64 {
	anon, file, ok := resident()
	if !ok {
		return 0
	}
	s := []rtmetrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	rtmetrics.Read(s)
	if s[0].Value.Kind() != rtmetrics.KindUint64 || s[1].Value.Kind() != rtmetrics.KindUint64 {
		return 0
	}
	return max(0, anon+file-int64(s[0].Value.Uint64()-s[1].Value.Uint64()))
}

// limitSet reports whether a soft memory limit is in force (GOMEMLIMIT).
func limitSet() bool { return debug.SetMemoryLimit(-1) != math.MaxInt64 }

// resident reads the process's resident anonymous and file-backed bytes
// from /proc/self/status (Linux); ok is false elsewhere.
func resident() (anon, file int64, ok bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0, false
	}
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		key, val, _ := bytes.Cut(sc.Bytes(), []byte(":"))
		var dst *int64
		switch string(key) {
		case "RssAnon":
			dst = &anon
		case "RssFile":
			dst = &file
		default:
			continue
		}
		kb, err := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(val), []byte(" kB"))), 10, 64)
		if err != nil {
			return 0, 0, false
		}
		*dst = kb << 10
		found++
	}
	return anon, file, found == 2
}
