package ingest_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/shellnet/shellnet/ingest"
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
