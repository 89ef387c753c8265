package ftm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/shellnet/shellnet/ingest"
)

// DefaultDataset names the source of records that name no dataset of their
// own when the load names none.
const DefaultDataset = "ftm"

func init() {
	ingest.RegisterFormat(ingest.Format{
		Name:    "ftm",
		Dataset: DefaultDataset,
		Detect:  Detect,
		Open:    Open,
	})
}

// Detect reports whether head, the start of a file, is FtM JSON lines: its
// first non-blank line is a JSON object with "schema" and "properties".
func Detect(_ string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	line, _, complete := bytes.Cut(head, []byte("\n"))
	if !complete && len(head) >= ingest.HeadSize-64 {
		// A line longer than the head: judge by the keys it starts with.
		return bytes.Contains(line, []byte(`"schema"`)) && bytes.Contains(line, []byte(`"properties"`))
	}
	var probe struct {
		Schema     string          `json:"schema"`
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(line, &probe); err != nil {
		return false
	}
	return probe.Schema != "" && len(probe.Properties) > 0 && probe.Properties[0] == '{'
}

// Open returns a reader over the files at paths, read one after the other.
func Open(paths []string, opt ingest.ReadOptions) (ingest.Reader, error) {
	if len(paths) == 0 {
		return nil, errors.New("ingest/ftm: no files")
	}
	return &Reader{paths: paths, dataset: opt.Dataset}, nil
}

// Reader reads FtM JSON lines, one record a line.
type Reader struct {
	paths   []string
	dataset string // the load's dataset; the records' own if empty

	f    io.ReadCloser
	br   *bufio.Reader
	name string
	line int
}

var _ ingest.Reader = (*Reader)(nil)

// NewReader reads FtM JSON lines from r as if it were the file name; tests
// and fuzzing use it directly.
func NewReader(r io.Reader, name, dataset string) *Reader {
	return &Reader{dataset: dataset, br: bufio.NewReaderSize(r, 1<<16), name: name}
}

// Next returns the record of the next non-blank line.
func (r *Reader) Next(ctx context.Context) (ingest.Record, error) {
	for {
		if r.br == nil {
			if len(r.paths) == 0 {
				return ingest.Record{}, io.EOF
			}
			if err := r.openNext(); err != nil {
				return ingest.Record{}, err
			}
		}
		b, err := r.br.ReadBytes('\n')
		if len(b) == 0 && err == io.EOF {
			r.closeFile()
			continue
		}
		if err != nil && err != io.EOF {
			return ingest.Record{}, fmt.Errorf("ingest/ftm: %s: %w", r.name, err)
		}
		r.line++
		if r.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		return decode(b, ingest.Position{File: r.name, Line: r.line}, r.dataset)
	}
}

func (r *Reader) openNext() error {
	name := r.paths[0]
	r.paths = r.paths[1:]
	f, err := ingest.OpenFile(name)
	if err != nil {
		return fmt.Errorf("ingest/ftm: %w", err)
	}
	r.f, r.br, r.name, r.line = f, bufio.NewReaderSize(f, 1<<16), name, 0
	return nil
}

func (r *Reader) closeFile() {
	if r.f != nil {
		r.f.Close()
		r.f = nil
	}
	r.br = nil
	if len(r.paths) == 0 {
		r.paths = nil
	}
}

// Close closes the file being read.
func (r *Reader) Close() error {
	r.closeFile()
	r.paths = nil
	return nil
}
