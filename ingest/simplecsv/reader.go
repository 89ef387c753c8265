package simplecsv

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/country"
)

// Dataset is named in sources when the load names none.
const Dataset = "opensanctions"

// IDOther is the scheme of identifiers the export gives without one.
const IDOther = "identifier"

// kinds maps FtM schemata to kinds.
var kinds = map[string]graph.Kind{
	"Person": graph.Person, "Company": graph.Company, "Organization": graph.Organization,
	"PublicBody": graph.Organization, "LegalEntity": graph.LegalEntity, "Vessel": graph.Vessel,
	"Airplane": graph.Aircraft, "Address": graph.Address, "BankAccount": graph.BankAccount,
	"CryptoWallet": graph.BankAccount,
}

// required are the columns every layout of the export has.
var required = []string{"id", "schema", "name", "aliases", "countries", "identifiers", "sanctions", "dataset"}

// Reader reads targets.simple.csv files, one entity a row.
type Reader = ingest.Files

// Open returns a reader over the given files, read in order.
func Open(paths []string, opt ingest.ReadOptions) (*Reader, error) {
	return ingest.NewFiles("ingest/simplecsv", paths, opt, Dataset, func(path string, br *bufio.Reader, opt ingest.ReadOptions) (ingest.FileDecoder, error) {
		return openFile(path, br, opt.Dataset)
	})
}

// file reads the rows of one export.
type file struct {
	*ingest.CSVFile
	dataset string
}

func openFile(path string, br *bufio.Reader, dataset string) (*file, error) {
	cf, err := ingest.OpenCSV("ingest/simplecsv", path, br, nil)
	if err != nil {
		return nil, err
	}
	if err := cf.Need("OpenSanctions' targets.simple.csv", required...); err != nil {
		return nil, err
	}
	return &file{CSVFile: cf, dataset: dataset}, nil
}

// Next returns the entity of the next row, a *ingest.RecordError for a
// bad row, or io.EOF.
func (f *file) Next(context.Context) (ingest.Record, error) {
	row, pos, err := f.Row()
	if err != nil {
		return ingest.Record{}, err
	}
	return f.row(pos, row)
}

// values splits a cell of several values (a ";"-separated CSV row).
func (f *file) values(row []string, name string) []string {
	cell := f.Get(row, name)
	if cell == "" {
		return nil
	}
	r := csv.NewReader(strings.NewReader(cell))
	r.Comma, r.LazyQuotes = ';', true
	vs, err := r.Read()
	if err != nil {
		vs = strings.Split(cell, ";")
	}
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func (f *file) row(pos ingest.Position, row []string) (ingest.Record, error) {
	bad := func(field, reason string) (ingest.Record, error) {
		return ingest.Record{}, &ingest.RecordError{Pos: pos, Field: field, Reason: reason, Raw: strings.Join(row, ",")}
	}
	id, schema, name := f.Get(row, "id"), f.Get(row, "schema"), f.Get(row, "name")
	if id == "" {
		return bad("id", "missing: every row has OpenSanctions' entity id")
	}
	kind, ok := kinds[schema]
	if !ok {
		return bad("schema", fmt.Sprintf("%q is not a schema shellnet maps (Person, Company, Organization, PublicBody, LegalEntity, Vessel, Airplane, Address, BankAccount, CryptoWallet)", schema))
	}
	if name == "" {
		return bad("name", "empty: a party without a name cannot be screened")
	}
	src := graph.Source{Dataset: f.dataset, Record: filepath.Base(pos.File) + ":" + strconv.Itoa(pos.Line)}
	if t, ok := parseTime(f.Get(row, "last_seen")); ok {
		src.Seen = t
	}
	e := graph.Entity{ID: id, Kind: kind, Name: name, Sources: []graph.Source{src}}
	for _, a := range f.values(row, "aliases") {
		if a != name {
			e.Aliases = append(e.Aliases, a)
		}
	}
	var other []string
	for _, c := range f.values(row, "countries") {
		if cc, ok := country.Alpha2(c); ok {
			if !slices.Contains(e.Countries, cc) {
				e.Countries = append(e.Countries, cc)
			}
		} else {
			other = append(other, strings.ToLower(c))
		}
	}
	for _, v := range f.values(row, "identifiers") {
		e.AddIdentifier(scheme(v))
	}
	datasets := f.values(row, "dataset")
	for _, s := range f.values(row, "sanctions") {
		e.Sanctions = append(e.Sanctions, sanction(s, datasets))
	}
	if len(e.Sanctions) > 0 {
		e.AddTag(graph.TagSanction)
	}
	if schema != string(kind) {
		e.SetProp("schema", schema)
	}
	if len(other) > 0 {
		e.SetProp("other_countries", other)
	}
	for _, col := range []string{"birth_date", "addresses", "phones", "emails", "program_ids"} {
		if vs := f.values(row, col); len(vs) > 0 {
			e.SetProp(col, vs)
		}
	}
	if len(datasets) > 0 {
		e.SetProp("datasets", datasets)
	}
	for _, col := range []string{"first_seen", "last_seen", "last_change"} {
		if v := f.Get(row, col); v != "" {
			e.SetProp(col, v)
		}
	}
	return ingest.Record{Pos: pos, Entities: []graph.Entity{e}}, nil
}

var (
	imoNumber  = regexp.MustCompile(`^IMO ?([0-9]{7})$`)
	wikidataID = regexp.MustCompile(`^Q[0-9]+$`)
	isoDate    = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)
)

// scheme returns the scheme of an identifier given without one.
func scheme(v string) (string, string) {
	if m := imoNumber.FindStringSubmatch(v); m != nil {
		return graph.IDIMO, m[1]
	}
	if wikidataID.MatchString(v) {
		return "wikidata", v
	}
	return IDOther, v
}

// sanction reads one sanction as the exporter writes it: program, reason,
// status, start date and end date, those present, joined by " - ". The
// program is the first part; the listing date the first part that is an
// ISO date.
func sanction(text string, datasets []string) graph.Sanction {
	s := graph.Sanction{Authority: strings.Join(datasets, "; "), Reference: text}
	for i, p := range strings.Split(text, " - ") {
		p = strings.TrimSpace(p)
		if isoDate.MatchString(p) {
			if s.Listed.IsZero() {
				s.Listed, _ = parseTime(p)
			}
			continue
		}
		if i == 0 {
			s.Program = p
		}
	}
	return s
}

// parseTime reads the export's dates: ISO 8601 with T or a space, or a
// date alone, year-month or year.
func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
