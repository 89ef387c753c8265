package binio

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// ReadN returns exactly n bytes, with no spare capacity, across its
// steps; a length past the input's end fails without reading on.
func TestReadN(t *testing.T) {
	for _, n := range []int{0, 1, 1 << 24, 1<<24 + 1, 5<<22 + 3} {
		in := make([]byte, n+7)
		for i := range in {
			in[i] = byte(i * 31)
		}
		got, err := ReadN(bytes.NewReader(in), uint64(n))
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(got) != n || cap(got) != n || !bytes.Equal(got, in[:n]) {
			t.Errorf("n=%d: %d bytes, capacity %d, equal %v", n, len(got), cap(got), bytes.Equal(got, in[:n]))
		}
	}
	if _, err := ReadN(bytes.NewReader(make([]byte, 100)), 1<<40); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a length past the input: %v, want io.ErrUnexpectedEOF", err)
	}
}
