package sqlite

import (
	"context"
	"path/filepath"
	"slices"
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

func TestAdjacencyEncoding(t *testing.T) {
	lists := [][]int64{nil, {1}, {1, 2, 3, 1000, 1 << 40}, {7, 300, 301}}
	for _, l := range lists {
		b := appendAdjacency(nil, 0, l)
		got, last, err := decodeAdjacency(nil, b)
		if err != nil || !slices.Equal(got, l) || (len(l) > 0 && last != l[len(l)-1]) {
			t.Errorf("%v: got %v last %d, %v", l, got, last, err)
		}
		// appending continues the list
		more := []int64{1<<40 + 5, 1<<40 + 9}
		b = appendAdjacency(b, last, more)
		got, _, err = decodeAdjacency(nil, b)
		if want := append(slices.Clone(l), more...); err != nil || !slices.Equal(got, want) {
			t.Errorf("%v appended: got %v, want %v, %v", l, got, want, err)
		}
	}
	if _, _, err := decodeAdjacency(nil, []byte{0x80}); err == nil {
		t.Error("truncated varint: no error")
	}
}

func FuzzDecodeAdjacency(f *testing.F) {
	f.Add(appendAdjacency(nil, 0, []int64{1, 5, 9}))
	f.Add([]byte{0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, _, err := decodeAdjacency(nil, b)
		if err != nil {
			return
		}
		if again := appendAdjacency(nil, 0, got); len(again) > len(b) {
			t.Fatalf("re-encoding grew from %d to %d bytes", len(b), len(again))
		}
	})
}
