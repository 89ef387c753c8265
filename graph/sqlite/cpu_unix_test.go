//go:build unix

package sqlite_test

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used, user and system,
// on all threads: benchmarks report it beside wall time, which on a shared
// machine measures the neighbours as much as the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
