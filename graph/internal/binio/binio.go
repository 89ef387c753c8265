// Package binio holds the framing shared by shellnet's binary files (the
// projection snapshot, the name index): a writer that counts and checksums
// what it writes, a reader that checksums what it reads, and bounded reads.
package binio

import (
	"hash"
	"hash/crc32"
	"io"
)

// CountWriter counts the bytes written to W and keeps their CRC-32.
type CountWriter struct {
	W   io.Writer
	N   int64
	crc hash.Hash32
}

// NewCountWriter returns a CountWriter over w.
func NewCountWriter(w io.Writer) *CountWriter {
	return &CountWriter{W: w, crc: crc32.NewIEEE()}
}

func (c *CountWriter) Write(b []byte) (int, error) {
	n, err := c.W.Write(b)
	c.N += int64(n)
	c.crc.Write(b[:n])
	return n, err
}

// Sum32 is the CRC-32 of what was written.
func (c *CountWriter) Sum32() uint32 { return c.crc.Sum32() }

// CRCReader keeps the CRC-32 of what is read from R.
type CRCReader struct {
	R   io.Reader
	crc hash.Hash32
}

// NewCRCReader returns a CRCReader over r.
func NewCRCReader(r io.Reader) *CRCReader {
	return &CRCReader{R: r, crc: crc32.NewIEEE()}
}

func (c *CRCReader) Read(b []byte) (int, error) {
	n, err := c.R.Read(b)
	c.crc.Write(b[:n])
	return n, err
}

// Sum32 is the CRC-32 of what was read.
func (c *CRCReader) Sum32() uint32 { return c.crc.Sum32() }

// ReadN reads n bytes, in steps so that a damaged length cannot allocate
// much more than the input holds. The buffer doubles as it fills, up to n
// exactly, so that what is returned holds no spare capacity (callers keep
// it as an array of the snapshot).
func ReadN(r io.Reader, n uint64) ([]byte, error) {
	const step = 1 << 24
	out := make([]byte, 0, min(n, step))
	for uint64(len(out)) < n {
		k := int(min(n-uint64(len(out)), step))
		if len(out)+k > cap(out) {
			grown := make([]byte, len(out), min(n, max(2*uint64(cap(out)), uint64(len(out)+k))))
			copy(grown, out)
			out = grown
		}
		if _, err := io.ReadFull(r, out[len(out):len(out)+k]); err != nil {
			return nil, err
		}
		out = out[:len(out)+k]
	}
	return out, nil
}
