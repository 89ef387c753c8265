package ingest

import (
	"bufio"
	"context"
	"fmt"
	"io"
)

// FileSeq opens the files of a multi-file reader one after another, so
// that the reader holds one open file at a time. The zero value has no
// files; use NewFileSeq.
type FileSeq struct {
	paths []string
	cur   int
	c     io.Closer // the open file; nil between files
}

// NewFileSeq returns a sequence over paths, in order.
func NewFileSeq(paths []string) FileSeq {
	return FileSeq{paths: paths, cur: -1}
}

// Next closes the open file and opens the next one, buffered, decompressed
// when it is gzip (see OpenFile), with a UTF-8 byte order mark at its start
// skipped. It returns io.EOF after the last file. Errors are those of
// os.Open and Close, which name the file.
func (s *FileSeq) Next() (*bufio.Reader, error) {
	if err := s.Close(); err != nil {
		return nil, err
	}
	if s.cur+1 >= len(s.paths) {
		return nil, io.EOF
	}
	s.cur++
	br, c, _, err := openContent(s.paths[s.cur])
	if err != nil {
		return nil, err
	}
	s.c = c
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
	if s.c == nil {
		return nil
	}
	err := s.c.Close()
	s.c = nil
	return err
}

// FileDecoder reads the records of one open file.
type FileDecoder interface {
	// Next returns the file's next record, io.EOF at its end, or an error
	// as Reader.Next does.
	Next(ctx context.Context) (Record, error)
}

// Files is a Reader over files read one after another, each through the
// FileDecoder that its open function makes of it: the skeleton that the
// readers of line- and element-streamed formats share.
type Files struct {
	pkg  string
	seq  FileSeq
	opt  ReadOptions
	open func(path string, r *bufio.Reader, opt ReadOptions) (FileDecoder, error)
	cur  FileDecoder // of the open file; nil between files
}

var _ Reader = (*Files)(nil)

// NewFiles returns a reader over paths, in order; pkg prefixes its errors
// ("ingest/un"), and dataset is the one named in sources when opt names
// none. open is called with each file as it is reached (see FileSeq.Next
// for what r holds); an error from it stops the load.
func NewFiles(pkg string, paths []string, opt ReadOptions, dataset string, open func(path string, r *bufio.Reader, opt ReadOptions) (FileDecoder, error)) (*Files, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no file to read", pkg)
	}
	if opt.Dataset == "" {
		opt.Dataset = dataset
	}
	return &Files{pkg: pkg, seq: NewFileSeq(paths), opt: opt, open: open}, nil
}

// Next returns the next record of the current file, going on to the next
// file at the end of one, and io.EOF after the last.
func (f *Files) Next(ctx context.Context) (Record, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Record{}, err
		}
		if f.cur == nil {
			br, err := f.seq.Next()
			if err == io.EOF {
				return Record{}, io.EOF
			}
			if err != nil {
				return Record{}, fmt.Errorf("%s: %w", f.pkg, err)
			}
			if f.cur, err = f.open(f.seq.Path(), br, f.opt); err != nil {
				return Record{}, err
			}
		}
		rec, err := f.cur.Next(ctx)
		if err == io.EOF {
			f.cur = nil
			continue
		}
		return rec, err
	}
}

// Close closes the open file.
func (f *Files) Close() error { return f.seq.Close() }
