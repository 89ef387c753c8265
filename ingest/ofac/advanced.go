package ofac

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shellnet/shellnet/ingest"
)

// AdvancedReader reads OFAC's advanced XML files (sdn_advanced.xml,
// cons_advanced.xml). Each file is read twice: first its reference
// values, locations, identity documents and sanctions entries, which
// parties refer to by ID and which the standard places before and after
// them; then its distinct parties, one record each, and its profile
// relationships, one link each. Memory holds the look-up sets, never the
// parties.
type AdvancedReader struct {
	paths []string
	next  int            // index in paths of the file to open next
	file  ingest.FileSeq // the second pass's open file
	opt   ingest.ReadOptions
	d     *xml.Decoder // second pass over the open file; nil between files
	ref   *refs        // the open file's look-up sets
	stats Stats
}

var _ ingest.Reader = (*AdvancedReader)(nil)

// OpenAdvanced returns a reader over advanced XML files, read in order.
func OpenAdvanced(paths []string, opt ingest.ReadOptions) (*AdvancedReader, error) {
	if len(paths) == 0 {
		return nil, errors.New("ingest/ofac: no file to read")
	}
	return &AdvancedReader{paths: paths, opt: opt}, nil
}

// Stats returns the counts of the load so far: Entries are parties read,
// Linked the relationships read, Rejected the elements rejected.
func (r *AdvancedReader) Stats() Stats { return r.stats }

// Close closes the open file.
func (r *AdvancedReader) Close() error { return r.file.Close() }

// Next returns the next party or relationship as a record, a
// *ingest.RecordError for one that cannot be used, or io.EOF. An XML
// syntax error ends the read, with the file and line.
func (r *AdvancedReader) Next(ctx context.Context) (ingest.Record, error) {
	for {
		if err := ctx.Err(); err != nil {
			return ingest.Record{}, err
		}
		if r.d == nil {
			if err := r.openNext(); err != nil {
				return ingest.Record{}, err
			}
		}
		path := r.file.Path()
		tok, err := r.d.Token()
		if err == io.EOF {
			r.d, r.ref = nil, nil
			continue
		}
		if err != nil {
			line, _ := r.d.InputPos()
			return ingest.Record{}, fmt.Errorf("ingest/ofac: %s line %d: %w (the file is damaged from here on; download it again)", path, line, err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, _ := r.d.InputPos()
		pos := ingest.Position{File: path, Line: line}
		var rec ingest.Record
		switch start.Name.Local {
		case "DistinctParty":
			var p xParty
			if err := r.decode(&p, &start, pos); err != nil {
				return ingest.Record{}, err
			}
			rec, err = r.party(pos, &p)
		case "ProfileRelationship":
			var rel xRelation
			if err := r.decode(&rel, &start, pos); err != nil {
				return ingest.Record{}, err
			}
			rec, err = r.relation(pos, &rel)
		case "ReferenceValueSets", "Locations", "IDRegDocuments", "SanctionsEntries", "SanctionsEntryLinks":
			// read in the first pass
			if err := r.d.Skip(); err != nil {
				return ingest.Record{}, fmt.Errorf("ingest/ofac: %s line %d: %w (the file is damaged from here on; download it again)", path, line, err)
			}
			continue
		default:
			continue
		}
		if err != nil {
			r.stats.Rejected++
			return ingest.Record{}, err
		}
		return rec, nil
	}
}

// decode reads the element that start opens. A syntax error ends the
// read; an element whose values do not fit (a letter where the standard
// wants a number) is a bad record.
func (r *AdvancedReader) decode(v any, start *xml.StartElement, pos ingest.Position) error {
	err := r.d.DecodeElement(v, start)
	if err == nil {
		return nil
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("ingest/ofac: %s line %d: %s starting at line %d: %w (the file is damaged from here on; download it again)", pos.File, se.Line, start.Name.Local, pos.Line, err)
	}
	r.stats.Rejected++
	return &ingest.RecordError{Pos: pos, Field: start.Name.Local, Reason: err.Error()}
}

// openNext opens the next file, reads its look-up sets, and starts the
// second pass.
func (r *AdvancedReader) openNext() error {
	if err := r.file.Close(); err != nil {
		return fmt.Errorf("ingest/ofac: %w", err)
	}
	if r.next >= len(r.paths) {
		return io.EOF
	}
	path := r.paths[r.next]
	r.next++
	first := ingest.NewFileSeq([]string{path})
	br, err := first.Next()
	if err != nil {
		return fmt.Errorf("ingest/ofac: %w", err)
	}
	ref, err := readRefs(br, path)
	first.Close()
	if err != nil {
		return err
	}
	r.file = ingest.NewFileSeq([]string{path})
	if br, err = r.file.Next(); err != nil {
		return fmt.Errorf("ingest/ofac: %w", err)
	}
	r.d, r.ref = xml.NewDecoder(br), ref
	return nil
}

// dataset names the source of a party: the load's dataset, or the SDN or
// consolidated list after the list of its sanctions entries.
func (r *AdvancedReader) dataset(entries []xEntry) string {
	if r.opt.Dataset != "" {
		return r.opt.Dataset
	}
	for _, e := range entries {
		if l, _ := r.ref.value("List", e.List); l != "" && !strings.Contains(strings.ToUpper(l), "SDN LIST") {
			return DatasetCons
		}
	}
	return DatasetSDN
}

func (r *AdvancedReader) datasetOf(profile string) string {
	return r.dataset(r.ref.entries[profile])
}

func sourceRecord(pos ingest.Position) string {
	return source("", pos).Record
}

// IsAdvanced reports whether head opens an advanced XML list: a Sanctions
// root element with the standard's reference value sets or its namespace.
func IsAdvanced(head []byte) bool {
	rest, ok := ingest.XMLRoot(head, "Sanctions")
	return ok && (bytes.Contains(rest, []byte("<ReferenceValueSets")) || bytes.Contains(rest, []byte("www.un.org/sanctions/1.0")) || bytes.Contains(rest, []byte("ADVANCED_XML")))
}
