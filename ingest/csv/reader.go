package csv

import (
	"bufio"
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

func init() {
	ingest.RegisterFormat(ingest.Format{
		Name:    "csv",
		Dataset: "csv",
		Detect:  Detect,
		Open:    Open,
	})
}

// Columns with a meaning; any other column is kept as a property.
var (
	entityColumns = []string{"id", "kind", "name", "aliases", "countries", "tags", "identifiers"}
	linkColumns   = []string{"id", "from", "to", "type", "start", "end", "date", "amount", "currency", "goods", "hs", "percentage", "source"}
)

// column numbers the columns with a meaning, so that a row's cells are
// found by position rather than by name.
type column int

const (
	cID column = iota
	cKind
	cName
	cAliases
	cCountries
	cTags
	cIdentifiers
	cFrom
	cTo
	cType
	cStart
	cEnd
	cDate
	cAmount
	cCurrency
	cGoods
	cHS
	cPercentage
	cSource
	nColumns
)

var columnNames = [nColumns]string{"id", "kind", "name", "aliases", "countries", "tags", "identifiers",
	"from", "to", "type", "start", "end", "date", "amount", "currency", "goods", "hs", "percentage", "source"}

// fileKind is what a CSV file holds, told by its header.
type fileKind int

const (
	unknownFile fileKind = iota
	entitiesFile
	linksFile
)

// kindOf tells an entities file (id, kind and name columns) from a links
// file (from, to and type columns).
func kindOf(header []string) fileKind {
	has := func(names ...string) bool {
		for _, n := range names {
			if !slices.Contains(header, n) {
				return false
			}
		}
		return true
	}
	switch {
	case has("from", "to", "type"):
		return linksFile
	case has("id", "kind", "name"):
		return entitiesFile
	}
	return unknownFile
}

// Detect reports whether head, the start of a file, is a shellnet CSV: its
// first line is a header with id, kind and name, or from, to and type.
func Detect(_ string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if !bytes.ContainsRune(line, ',') {
		return false
	}
	r := stdcsv.NewReader(bytes.NewReader(line))
	h, err := r.Read()
	if err != nil {
		return false
	}
	return kindOf(cleanHeader(h)) != unknownFile
}

func cleanHeader(h []string) []string {
	out := make([]string, len(h))
	for i, c := range h {
		out[i] = strings.ToLower(strings.TrimSpace(c))
	}
	return out
}

// Open returns a reader over the files at paths, read one after the other.
func Open(paths []string, opt ingest.ReadOptions) (ingest.Reader, error) {
	if len(paths) == 0 {
		return nil, errors.New("ingest/csv: no files")
	}
	ds := opt.Dataset
	if ds == "" {
		ds = "csv"
	}
	return &Reader{paths: paths, dataset: ds}, nil
}

// Reader reads generic CSV files.
type Reader struct {
	paths   []string
	dataset string

	f    io.ReadCloser
	file *file
}

var _ ingest.Reader = (*Reader)(nil)

// file is the state of the file being read.
type file struct {
	name   string
	base   string
	r      *stdcsv.Reader
	header []string
	kind   fileKind
	at     [nColumns]int // position of each column with a meaning; -1 if absent
	extra  []int         // columns kept as properties
}

// NewReader reads CSV from r as if it were the file name; it is what Open
// uses for each file, and what tests and fuzzing use directly.
func NewReader(r io.Reader, name, dataset string) (*Reader, error) {
	f, err := newFile(r, name)
	if err != nil {
		return nil, err
	}
	return &Reader{dataset: dataset, file: f}, nil
}

func newFile(r io.Reader, name string) (*file, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\ufeff")) {
		_, _ = br.Discard(3)
	}
	cr := stdcsv.NewReader(br)
	cr.ReuseRecord = true
	h, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("ingest/csv: %s: empty file; want a header with id,kind,name (entities) or from,to,type (links)", name)
	}
	if err != nil {
		return nil, fmt.Errorf("ingest/csv: %s line 1: header: %w", name, err)
	}
	header := cleanHeader(h)
	f := &file{name: name, base: filepath.Base(name), r: cr, header: header, kind: kindOf(header)}
	if f.kind == unknownFile {
		return nil, fmt.Errorf("ingest/csv: %s line 1: header %q has neither id,kind,name (entities) nor from,to,type (links)", name, strings.Join(h, ","))
	}
	known := entityColumns
	if f.kind == linksFile {
		known = linkColumns
	}
	for i := range f.at {
		f.at[i] = -1
	}
	for i, c := range header {
		if c == "" {
			return nil, fmt.Errorf("ingest/csv: %s line 1: column %d has no name", name, i+1)
		}
		if slices.Index(header, c) != i {
			return nil, fmt.Errorf("ingest/csv: %s line 1: column %q appears twice", name, c)
		}
		if !slices.Contains(known, c) {
			f.extra = append(f.extra, i)
			continue
		}
		f.at[slices.Index(columnNames[:], c)] = i
	}
	cr.FieldsPerRecord = len(header)
	return f, nil
}

// Next returns the record of the next row: one entity or one link.
func (r *Reader) Next(ctx context.Context) (ingest.Record, error) {
	for {
		if r.file == nil {
			if len(r.paths) == 0 {
				return ingest.Record{}, io.EOF
			}
			if err := r.openNext(); err != nil {
				return ingest.Record{}, err
			}
		}
		row, err := r.file.r.Read()
		if err == io.EOF {
			r.closeFile()
			if len(r.paths) == 0 {
				return ingest.Record{}, io.EOF
			}
			continue
		}
		if err != nil {
			return ingest.Record{}, r.rowError(err, row)
		}
		line, _ := r.file.r.FieldPos(0)
		pos := ingest.Position{File: r.file.name, Line: line}
		if r.file.kind == entitiesFile {
			return r.entity(row, pos)
		}
		return r.link(row, pos)
	}
}

func (r *Reader) openNext() error {
	name := r.paths[0]
	r.paths = r.paths[1:]
	f, err := ingest.OpenFile(name)
	if err != nil {
		return fmt.Errorf("ingest/csv: %w", err)
	}
	file, err := newFile(f, name)
	if err != nil {
		f.Close()
		return err
	}
	r.f, r.file = f, file
	return nil
}

func (r *Reader) closeFile() {
	if r.f != nil {
		r.f.Close()
		r.f = nil
	}
	r.file = nil
}

// rowError turns a CSV error into a record error, or stops on I/O errors.
func (r *Reader) rowError(err error, row []string) error {
	var pe *stdcsv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("ingest/csv: %s: %w", r.file.name, err)
	}
	line := pe.StartLine
	reason := pe.Err.Error()
	if errors.Is(pe.Err, stdcsv.ErrFieldCount) {
		reason = fmt.Sprintf("%d fields where the header has %d", len(row), len(r.file.header))
	} else if pe.Line != pe.StartLine {
		reason = fmt.Sprintf("%s (line %d, column %d)", reason, pe.Line, pe.Column)
	} else {
		reason = fmt.Sprintf("%s (column %d)", reason, pe.Column)
	}
	return &ingest.RecordError{Pos: ingest.Position{File: r.file.name, Line: line}, Reason: reason, Raw: rawRow(row)}
}

// rawRow renders a row as CSV, for the rejects file.
func rawRow(row []string) string {
	var b strings.Builder
	w := stdcsv.NewWriter(&b)
	_ = w.Write(row)
	w.Flush()
	return strings.TrimRight(b.String(), "\r\n")
}

func (r *Reader) get(row []string, c column) string {
	if i := r.file.at[c]; i >= 0 {
		return strings.TrimSpace(row[i])
	}
	return ""
}

func (r *Reader) bad(row []string, pos ingest.Position, field, reason string) error {
	return &ingest.RecordError{Pos: pos, Field: field, Reason: reason, Raw: rawRow(row)}
}

// kinds maps kind names, any case, to kinds.
var kinds = func() map[string]graph.Kind {
	m := map[string]graph.Kind{}
	for _, k := range graph.Kinds {
		m[strings.ToLower(string(k))] = k
	}
	return m
}()

func (r *Reader) entity(row []string, pos ingest.Position) (ingest.Record, error) {
	e := graph.Entity{ID: r.get(row, cID), Name: r.get(row, cName)}
	if e.ID == "" {
		return ingest.Record{}, r.bad(row, pos, "id", "missing")
	}
	kind := r.get(row, cKind)
	k, ok := kinds[strings.ToLower(kind)]
	if !ok {
		if kind == "" {
			return ingest.Record{}, r.bad(row, pos, "kind", "missing")
		}
		return ingest.Record{}, r.bad(row, pos, "kind", fmt.Sprintf("unknown kind %q", kind))
	}
	e.Kind = k
	e.Aliases = list(r.get(row, cAliases))
	e.Countries = list(r.get(row, cCountries))
	e.Tags = list(r.get(row, cTags))
	for _, id := range list(r.get(row, cIdentifiers)) {
		scheme, value, ok := strings.Cut(id, ":")
		scheme, value = strings.TrimSpace(scheme), strings.TrimSpace(value)
		if !ok || scheme == "" || value == "" {
			return ingest.Record{}, r.bad(row, pos, "identifiers", fmt.Sprintf("%q: want scheme:value", id))
		}
		e.AddIdentifier(strings.ToLower(scheme), value)
	}
	r.extra(row, func(k, v string) { e.SetProp(k, v) })
	return ingest.Record{Pos: pos, Entities: []graph.Entity{e}}, nil
}

// linkTypes maps link type names, any case, "-" or " " for "_", to types.
var linkTypes = func() map[string]graph.LinkType {
	m := map[string]graph.LinkType{}
	for _, t := range graph.LinkTypes {
		m[string(t)] = t
	}
	return m
}()

func (r *Reader) link(row []string, pos ingest.Position) (ingest.Record, error) {
	l := graph.Link{ID: r.get(row, cID), From: r.get(row, cFrom), To: r.get(row, cTo)}
	if l.From == "" {
		return ingest.Record{}, r.bad(row, pos, "from", "missing")
	}
	if l.To == "" {
		return ingest.Record{}, r.bad(row, pos, "to", "missing")
	}
	typ := r.get(row, cType)
	t, ok := linkTypes[typ]
	if !ok {
		t, ok = linkTypes[strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToUpper(typ))]
	}
	if !ok {
		if typ == "" {
			return ingest.Record{}, r.bad(row, pos, "type", "missing")
		}
		return ingest.Record{}, r.bad(row, pos, "type", fmt.Sprintf("unknown link type %q", typ))
	}
	l.Type = t
	for _, c := range [...]column{cStart, cEnd, cDate} {
		if v := r.get(row, c); v != "" {
			if !isDate(v) {
				return ingest.Record{}, r.bad(row, pos, columnNames[c], fmt.Sprintf("%q: want a date as YYYY-MM-DD, YYYY-MM or YYYY", v))
			}
			setProp(&l, columnNames[c], v)
		}
	}
	for _, c := range [...]column{cAmount, cPercentage} {
		if v := r.get(row, c); v != "" {
			f, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(v, ",", ""), "%"), 64)
			if err != nil || f != f {
				return ingest.Record{}, r.bad(row, pos, columnNames[c], fmt.Sprintf("%q: not a number", v))
			}
			if c == cPercentage && (f < 0 || f > 100) {
				return ingest.Record{}, r.bad(row, pos, columnNames[c], fmt.Sprintf("%q: not between 0 and 100", v))
			}
			setProp(&l, columnNames[c], f)
		}
	}
	if v := r.get(row, cCurrency); v != "" {
		setProp(&l, "currency", strings.ToUpper(v))
	}
	for _, c := range [...]column{cGoods, cHS} {
		if v := r.get(row, c); v != "" {
			setProp(&l, columnNames[c], v)
		}
	}
	if v := r.get(row, cSource); v != "" {
		l.Sources = []graph.Source{{Dataset: r.dataset, Record: v}}
	}
	r.extra(row, func(k, v string) { setProp(&l, k, v) })
	return ingest.Record{Pos: pos, Links: []graph.Link{l}}, nil
}

func setProp(l *graph.Link, k string, v any) {
	if l.Props == nil {
		l.Props = map[string]any{}
	}
	l.Props[k] = v
}

// extra passes the non-empty cells of the columns without a meaning to set.
func (r *Reader) extra(row []string, set func(k, v string)) {
	for _, i := range r.file.extra {
		if v := strings.TrimSpace(row[i]); v != "" {
			set(r.file.header[i], v)
		}
	}
}

// list splits a ";"-separated cell, dropping empty items.
func list(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ";")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD with a plausible
// month and day.
func isDate(s string) bool {
	digits := func(t string) bool {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return true
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 || !digits(parts[0]) {
		return false
	}
	limits := []int{0, 12, 31}
	for i := 1; i < len(parts); i++ {
		if len(parts[i]) != 2 || !digits(parts[i]) {
			return false
		}
		n, _ := strconv.Atoi(parts[i])
		if n < 1 || n > limits[i] {
			return false
		}
	}
	return true
}

// Close closes the file being read.
func (r *Reader) Close() error {
	r.closeFile()
	r.paths = nil
	return nil
}
