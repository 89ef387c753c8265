package graph

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A CSVInput reads a CSV file with a header line as people save one from a
// spreadsheet: comma- or semicolon-separated (a European locale writes
// semicolons), UTF-8 with or without a byte-order mark, columns named in
// any case and found by name, blank lines skipped. Its errors name the file
// and the line.
type CSVInput struct {
	file string
	cr   *csv.Reader
	col  map[string]int
	// Columns are the header's names, trimmed and in lower case.
	Columns []string
}

// ReadCSVHeader reads the header line of r, which file names in errors. An
// empty input gives io.EOF.
func ReadCSVHeader(r io.Reader, file string) (*CSVInput, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\uFEFF")) {
		br.Discard(3)
	}
	head, _ := br.Peek(4096)
	in := &CSVInput{file: file, cr: csv.NewReader(br), col: map[string]int{}}
	in.cr.FieldsPerRecord = -1
	in.cr.ReuseRecord = true
	if line, _, _ := bytes.Cut(head, []byte("\n")); !bytes.ContainsRune(line, ',') && bytes.ContainsRune(line, ';') {
		in.cr.Comma = ';'
	}
	header, err := in.cr.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, in.csvError(err)
	}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		in.Columns = append(in.Columns, h)
		if _, dup := in.col[h]; !dup {
			in.col[h] = i
		}
	}
	return in, nil
}

// Has tells whether the header names a column.
func (in *CSVInput) Has(name string) bool {
	_, ok := in.col[name]
	return ok
}

// Next returns the next row that is not blank and its line, or io.EOF
// after the last. The row is reused by the next call.
func (in *CSVInput) Next() (row []string, line int, err error) {
	for {
		rec, err := in.cr.Read()
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		if err != nil {
			return nil, 0, in.csvError(err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		line, _ := in.cr.FieldPos(0)
		return rec, line, nil
	}
}

// Get is the trimmed cell of row in the named column, "" when the header
// names no such column or the row is short.
func (in *CSVInput) Get(row []string, name string) string {
	if i, ok := in.col[name]; ok && i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

func (in *CSVInput) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s line %d: %w: check the quoting of that row", in.file, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %w", in.file, err)
}
