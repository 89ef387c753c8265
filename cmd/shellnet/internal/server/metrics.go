package server

import (
	"fmt"
	"io"
	"net/http"
	rtmetrics "runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the latency
// histogram: fine below 10 ms, where /match answers.
var latencyBuckets = []float64{0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts requests and snapshots, for GET /metrics in the
// Prometheus text exposition format
// (https://prometheus.io/docs/instrumenting/exposition_formats/).
type metrics struct {
	mu       sync.Mutex
	requests map[routeCode]uint64
	latency  map[string]*histogram
	snapshot Snapshot
	swaps    uint64
	failures uint64
	limit    int64 // the soft memory limit set, 0 when none
}

type routeCode struct {
	route string
	code  int
}

type histogram struct {
	counts []uint64 // by bucket, not cumulative
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[routeCode]uint64{}, latency: map[string]*histogram{}}
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[routeCode{route, code}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		m.latency[route] = h
	}
	sec := d.Seconds()
	if i, _ := slices.BinarySearch(latencyBuckets, sec); i < len(latencyBuckets) {
		h.counts[i]++
	}
	h.sum += sec
	h.n++
}

func (m *metrics) swapped(s Snapshot) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.snapshot = s
	m.swaps++
}

func (m *metrics) limited(limit int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.limit = limit
}

func (m *metrics) buildFailed() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failures++
}

// write prints the metrics, in a fixed order.
func (m *metrics) write(w io.Writer, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP shellnet_http_requests_total HTTP requests answered, by route and status code.\n# TYPE shellnet_http_requests_total counter\n")
	keys := make([]routeCode, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b routeCode) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.code - b.code
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "shellnet_http_requests_total{route=%s,code=\"%d\"} %d\n", label(k.route), k.code, m.requests[k])
	}
	b.WriteString("# HELP shellnet_http_request_duration_seconds Time to answer a request, by route.\n# TYPE shellnet_http_request_duration_seconds histogram\n")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, r := range routes {
		h := m.latency[r]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "shellnet_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label(r), strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(&b, "shellnet_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(r), h.n)
		fmt.Fprintf(&b, "shellnet_http_request_duration_seconds_sum{route=%s} %s\n", label(r), strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(&b, "shellnet_http_request_duration_seconds_count{route=%s} %d\n", label(r), h.n)
	}
	ready, age := 0, 0.0
	if !m.snapshot.Built.IsZero() {
		ready, age = 1, now.Sub(m.snapshot.Built).Seconds()
	}
	fmt.Fprintf(&b, "# HELP shellnet_snapshot_ready 1 once a snapshot is loaded.\n# TYPE shellnet_snapshot_ready gauge\nshellnet_snapshot_ready %d\n", ready)
	fmt.Fprintf(&b, "# HELP shellnet_snapshot_version The store version the current snapshot was built on.\n# TYPE shellnet_snapshot_version gauge\nshellnet_snapshot_version %d\n", m.snapshot.Version)
	fmt.Fprintf(&b, "# HELP shellnet_snapshot_age_seconds Time since the current snapshot was loaded.\n# TYPE shellnet_snapshot_age_seconds gauge\nshellnet_snapshot_age_seconds %s\n", strconv.FormatFloat(age, 'f', 3, 64))
	fmt.Fprintf(&b, "# HELP shellnet_snapshot_entities Entities in the current snapshot.\n# TYPE shellnet_snapshot_entities gauge\nshellnet_snapshot_entities %d\n", m.snapshot.Entities)
	fmt.Fprintf(&b, "# HELP shellnet_snapshot_loads_total Snapshots loaded (the first and each swap).\n# TYPE shellnet_snapshot_loads_total counter\nshellnet_snapshot_loads_total %d\n", m.swaps)
	fmt.Fprintf(&b, "# HELP shellnet_snapshot_load_failures_total Snapshot builds that failed.\n# TYPE shellnet_snapshot_load_failures_total counter\nshellnet_snapshot_load_failures_total %d\n", m.failures)
	mem := []rtmetrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	rtmetrics.Read(mem)
	fmt.Fprintf(&b, "# HELP shellnet_heap_objects_bytes Memory held by live and not yet collected heap objects.\n# TYPE shellnet_heap_objects_bytes gauge\nshellnet_heap_objects_bytes %d\n", mem[0].Value.Uint64())
	fmt.Fprintf(&b, "# HELP shellnet_memory_bytes Memory the Go runtime has mapped from the system.\n# TYPE shellnet_memory_bytes gauge\nshellnet_memory_bytes %d\n", mem[1].Value.Uint64())
	fmt.Fprintf(&b, "# HELP shellnet_memory_released_bytes Memory the Go runtime has mapped and given back to the system (not resident).\n# TYPE shellnet_memory_released_bytes gauge\nshellnet_memory_released_bytes %d\n", mem[2].Value.Uint64())
	fmt.Fprintf(&b, "# HELP shellnet_snapshot_bytes Bytes on disk of the files the current snapshot was read from (projection and name index).\n# TYPE shellnet_snapshot_bytes gauge\nshellnet_snapshot_bytes %d\n", m.snapshot.Bytes)
	if m.limit > 0 {
		fmt.Fprintf(&b, "# HELP shellnet_memory_limit_bytes The Go runtime's soft memory limit, set from the snapshot's size.\n# TYPE shellnet_memory_limit_bytes gauge\nshellnet_memory_limit_bytes %d\n", m.limit)
	}
	if anon, file, ok := resident(); ok {
		fmt.Fprintf(&b, "# HELP shellnet_resident_bytes The process's resident memory: anonymous (heap, runtime) and file-backed (binary, mapped files).\n# TYPE shellnet_resident_bytes gauge\nshellnet_resident_bytes{kind=\"anon\"} %d\nshellnet_resident_bytes{kind=\"file\"} %d\n", anon, file)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// label quotes a label value as the exposition format escapes it.
func label(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
}

func handleMetrics(s *Server, w http.ResponseWriter, _ *http.Request, _ engine) error {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	return s.metrics.write(w, time.Now())
}
