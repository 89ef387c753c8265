package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// CSVFile reads the rows of one CSV file whose columns are known by the
// names of its header, for the readers of published CSV layouts (ICIJ,
// OpenSanctions), which find their columns by name because their
// publishers have added, moved and renamed them over the years.
type CSVFile struct {
	pkg    string
	Path   string
	Header []string       // as written
	Col    map[string]int // column name → index
	c      *csv.Reader
}

// OpenCSV reads the header of the CSV file at path from r; name gives the
// name a header cell is known by (nil: the cell trimmed). Rows must have
// as many fields as the header. pkg prefixes errors.
func OpenCSV(pkg, path string, r io.Reader, name func(string) string) (*CSVFile, error) {
	c := csv.NewReader(r)
	c.ReuseRecord = true
	header, err := c.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: cannot read the header: %w", pkg, path, err)
	}
	f := &CSVFile{pkg: pkg, Path: path, Header: slices.Clone(header), Col: map[string]int{}, c: c}
	for i, h := range f.Header {
		h = strings.TrimSpace(h)
		if name != nil {
			h = name(h)
		}
		f.Col[h] = i
	}
	c.FieldsPerRecord = len(header)
	return f, nil
}

// Row returns the next row and where it starts, io.EOF after the last, or
// a *RecordError for a row that is not CSV or has another number of
// fields than the header. The row is reused by the next call.
func (f *CSVFile) Row() ([]string, Position, error) {
	row, err := f.c.Read()
	if err == io.EOF {
		return nil, Position{}, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		reason := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			reason = fmt.Sprintf("%d columns, the header has %d (is a comma or a quote missing?)", len(row), len(f.Header))
		}
		return nil, Position{}, &RecordError{Pos: Position{File: f.Path, Line: pe.StartLine}, Reason: reason, Raw: strings.Join(row, ",")}
	}
	if err != nil {
		return nil, Position{}, fmt.Errorf("%s: %s: %w", f.pkg, f.Path, err)
	}
	line, _ := f.c.FieldPos(0)
	return row, Position{File: f.Path, Line: line}, nil
}

// Get returns the trimmed cell of column name, or "" when the file has
// no such column.
func (f *CSVFile) Get(row []string, name string) string {
	if i, ok := f.Col[name]; ok && i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

// Need returns an error naming the first of names the header lacks; what
// says what the file should have been.
func (f *CSVFile) Need(what string, names ...string) error {
	for _, n := range names {
		if _, ok := f.Col[n]; !ok {
			return fmt.Errorf("%s: %s: no %s column in the header (%s): is this %s?", f.pkg, f.Path, n, strings.Join(f.Header, ","), what)
		}
	}
	return nil
}
