package ingest

import (
	"bufio"
	"io"
	"os"
)

// FileSeq opens the files of a multi-file reader one after another, so
// that the reader holds one open file at a time. The zero value has no
// files; use NewFileSeq.
type FileSeq struct {
	paths []string
	cur   int
	f     *os.File
}

// NewFileSeq returns a sequence over paths, in order.
func NewFileSeq(paths []string) FileSeq {
	return FileSeq{paths: paths, cur: -1}
}

// Next closes the open file and opens the next one, buffered, with a
// UTF-8 byte order mark at its start skipped. It returns io.EOF after the
// last file. Errors are those of os.Open and Close, which name the file.
func (s *FileSeq) Next() (*bufio.Reader, error) {
	if err := s.Close(); err != nil {
		return nil, err
	}
	if s.cur+1 >= len(s.paths) {
		return nil, io.EOF
	}
	s.cur++
	f, err := os.Open(s.paths[s.cur])
	if err != nil {
		return nil, err
	}
	s.f = f
	br := bufio.NewReaderSize(f, 64<<10)
	if b, _ := br.Peek(3); string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	return br, nil
}

// Path is the path of the file Next opened last.
func (s *FileSeq) Path() string {
	if s.cur < 0 || s.cur >= len(s.paths) {
		return ""
	}
	return s.paths[s.cur]
}

// Close closes the open file; closing twice is harmless.
func (s *FileSeq) Close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}
