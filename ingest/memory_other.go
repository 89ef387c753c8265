//go:build !linux

package ingest

// physicalMemory is the machine's memory in bytes, or 0 when unknown.
func physicalMemory() uint64 { return 0 }
