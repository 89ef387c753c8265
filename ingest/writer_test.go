package ingest_test

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/csv"
)

// TestLoadLeavesNoGoroutine checks that the writer goroutine a load starts
// for each phase ends with it: a long-running process (a nightly batch
// loading many files) must not gather one per load.
func TestLoadLeavesNoGoroutine(t *testing.T) {
	ctx := context.Background()
	dir := glocom(t)
	s := openStore(t)
	if _, err := ingest.Load(ctx, s, []string{dir}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	for range 5 {
		if _, err := ingest.Load(ctx, s, []string{dir}, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(2 * time.Second); after > before && time.Now().Before(deadline); after = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	if after > before {
		t.Errorf("%d goroutines after five more loads, %d before", after, before)
	}
}

// streamStore is an embedded store that asks a load for several write
// calls in flight (as graph/neo4j does) and records how many it had at
// once; it fails the call numbered failAt (from 1), when set.
type streamStore struct {
	graph.Store
	mu           sync.Mutex
	calls        int
	flight, peak int
	failAt       int
}

func (s *streamStore) WriteStreams() int { return 3 }

func (s *streamStore) enter() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	s.flight++
	s.peak = max(s.peak, s.flight)
	if s.calls == s.failAt {
		return errors.New("call refused by the test")
	}
	return nil
}

func (s *streamStore) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flight--
}

func (s *streamStore) UpsertEntities(ctx context.Context, es []graph.Entity) error {
	defer s.leave()
	if err := s.enter(); err != nil {
		return err
	}
	time.Sleep(time.Millisecond) // long enough for the next call to start
	return s.Store.UpsertEntities(ctx, es)
}

func (s *streamStore) UpsertLinks(ctx context.Context, ls []graph.Link) error {
	defer s.leave()
	if err := s.enter(); err != nil {
		return err
	}
	time.Sleep(time.Millisecond)
	return s.Store.UpsertLinks(ctx, ls)
}

// TestLoadStreams loads a generated network into a store that takes
// several write calls at once: the calls overlap, the counts reconcile,
// and the content is that of a load one call at a time. A failed call
// fails the load with its error and leaves no goroutine behind.
func TestLoadStreams(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	net := synth.Generate(synth.Config{Entities: 4000, LinksPerEntity: 5, Chains: 4, Seed: 3})
	if _, _, err := net.WriteCSV(dir); err != nil {
		t.Fatal(err)
	}
	opt := ingest.Options{BatchSize: 500, Rejects: filepath.Join(t.TempDir(), "rejects.jsonl")}

	one := openStore(t)
	c1, err := ingest.Load(ctx, one, []string{dir}, opt)
	if err != nil {
		t.Fatal(err)
	}
	many := &streamStore{Store: openStore(t)}
	c2, err := ingest.Load(ctx, many, []string{dir}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if many.peak < 2 {
		t.Errorf("at most %d write call in flight, want several", many.peak)
	}
	if c2.Entities != c1.Entities || c2.Links != c1.Links || c2.Read != c2.Loaded+c2.Rejected {
		t.Errorf("counts with several calls in flight %+v, one at a time %+v", c2, c1)
	}
	if c2.Entities != len(net.Entities) || c2.Links != len(net.Links) {
		t.Errorf("wrote %d entities and %d links, the network has %d and %d", c2.Entities, c2.Links, len(net.Entities), len(net.Links))
	}
	snap1, st1, _ := snapshot(t, one)
	snap2, st2, _ := snapshot(t, many)
	if js(st1) != js(st2) || len(snap1) != len(snap2) {
		t.Fatalf("stats %s, one call at a time %s", js(st2), js(st1))
	}
	for k, v := range snap1 {
		if snap2[k] != v {
			t.Fatalf("%s differs:\n%s\n%s", k, snap2[k], v)
		}
	}

	failing := &streamStore{Store: openStore(t), failAt: 12}
	before := runtime.NumGoroutine()
	if _, err := ingest.Load(ctx, failing, []string{dir}, opt); err == nil || !strings.Contains(err.Error(), "call refused by the test") {
		t.Errorf("load with a failing call: %v, want its error", err)
	}
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the failed load, %d before", n, before)
	}
}
