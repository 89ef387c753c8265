package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/storetest"
)

// TestConformanceLookupModes runs the suite with reads that always bring the
// look-up tables up to date first, and with reads that always scan past the
// watermark, so that both ways of answering are checked.
func TestConformanceLookupModes(t *testing.T) {
	defer func(v int64) { maxTail = v }(maxTail)
	for _, mode := range []struct {
		name string
		tail int64
	}{{"CatchUp", 0}, {"Scan", 1 << 40}} {
		maxTail = mode.tail
		t.Run(mode.name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) graph.Store {
				s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
				if err != nil {
					t.Fatal(err)
				}
				return s
			})
		})
	}
}
