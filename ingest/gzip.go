package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
)

// gzipMagic opens every gzip member (RFC 1952, section 2.3.1: ID1, ID2 and
// CM 8 for deflate). Inputs are recognised by it rather than by a .gz
// name: downloads get renamed, and `shodan download` writes .json.gz
// where other tools keep the plain name.
var gzipMagic = []byte{0x1f, 0x8b, 0x08}

// IsGzip reports whether head, the first bytes of a file, opens a gzip
// stream.
func IsGzip(head []byte) bool { return bytes.HasPrefix(head, gzipMagic) }

// OpenFile opens the file at path for reading; a gzip file is decompressed
// as it is read (every member of a multi-member file, as gunzip does).
// Closing the reader closes the file. Readers open their files with it so
// that any format can be loaded gzipped.
func OpenFile(path string) (io.ReadCloser, error) {
	r, c, _, err := openContent(path)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{r, c}, nil
}

// openContent opens the file at path and returns a buffered reader over
// its content (decompressed when the file is gzip), what closes it, and
// whether it was gzip.
func openContent(path string) (*bufio.Reader, io.Closer, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, false, err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	if b, _ := br.Peek(len(gzipMagic)); !IsGzip(b) {
		return br, f, false, nil
	}
	z, err := gzip.NewReader(br)
	if err != nil {
		f.Close()
		return nil, nil, false, fmt.Errorf("%s: %w (the gzip header is damaged; download the file again)", path, err)
	}
	return bufio.NewReaderSize(z, 64<<10), closers{z, f}, true, nil
}

// closers closes a decompressor, then its file.
type closers []io.Closer

func (cs closers) Close() error {
	var first error
	for _, c := range cs {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// readHead returns the first HeadSize bytes of the file's content, after
// decompression when the file is gzip, and the name a format should judge
// it by: a gzip file's without its .gz.
func readHead(path string) (head []byte, name string, err error) {
	r, c, gz, err := openContent(path)
	if err != nil {
		return nil, "", err
	}
	defer c.Close()
	head = make([]byte, HeadSize)
	n, _ := io.ReadFull(r, head)
	name = path
	if gz {
		name = strings.TrimSuffix(strings.TrimSuffix(path, ".gz"), ".GZ")
	}
	return head[:n], name, nil
}
