package un

import (
	"bufio"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/country"
	"github.com/shellnet/shellnet/ingest/internal/legalform"
)

// Dataset is named in sources when the load names none.
const Dataset = "un-sc"

// Reader streams one or more consolidated list files.
type Reader = ingest.Files

// Open returns a reader over the given files, read in order.
func Open(paths []string, opt ingest.ReadOptions) (*Reader, error) {
	return ingest.NewFiles("ingest/un", paths, opt, Dataset, func(path string, br *bufio.Reader, opt ingest.ReadOptions) (ingest.FileDecoder, error) {
		return &file{opt: opt, path: path, d: xml.NewDecoder(br)}, nil
	})
}

// file reads the entries of one list file.
type file struct {
	opt  ingest.ReadOptions
	path string
	d    *xml.Decoder
}

// Next returns the next INDIVIDUAL or ENTITY as a record, a
// *ingest.RecordError for one that cannot be used, or io.EOF. An XML syntax
// error ends the read: the decoder cannot find the next entry in a
// damaged document.
func (r *file) Next(ctx context.Context) (ingest.Record, error) {
	path := r.path
	for {
		tok, err := r.d.Token()
		if err == io.EOF {
			return ingest.Record{}, io.EOF
		}
		if err != nil {
			line, _ := r.d.InputPos()
			return ingest.Record{}, fmt.Errorf("ingest/un: %s line %d: %w (the file is damaged from here on; download it again)", path, line, err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok || (start.Name.Local != "INDIVIDUAL" && start.Name.Local != "ENTITY") {
			continue
		}
		line, _ := r.d.InputPos()
		pos := ingest.Position{File: path, Line: line}
		var e entry
		if err := r.d.DecodeElement(&e, &start); err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return ingest.Record{}, fmt.Errorf("ingest/un: %s line %d: %s starting at line %d: %w (the file is damaged from here on; download it again)", path, se.Line, start.Name.Local, line, err)
			}
			return ingest.Record{}, &ingest.RecordError{Pos: pos, Field: start.Name.Local, Reason: err.Error()}
		}
		return r.record(pos, start.Name.Local == "INDIVIDUAL", &e)
	}
}

// ID returns the entity id of the entry with UN reference number ref.
func ID(ref string) string { return "un-" + ref }

// record makes one list entry into a record: the listed party with its
// UN sanction, and its addresses with LOCATED_AT links. An entry without a
// reference number, a name or a readable listing date is a
// *ingest.RecordError.
func (r *file) record(pos ingest.Position, individual bool, e *entry) (ingest.Record, error) {
	bad := func(field, reason string) (ingest.Record, error) {
		raw, _ := xml.Marshal(e)
		return ingest.Record{}, &ingest.RecordError{Pos: pos, Field: field, Reason: reason, Raw: string(raw)}
	}
	ref := strings.TrimSpace(e.Reference)
	if ref == "" {
		return bad("REFERENCE_NUMBER", "missing: every listed party has one (KPe.031)")
	}
	if strings.ContainsAny(ref, " \t\n/") {
		return bad("REFERENCE_NUMBER", fmt.Sprintf("%q is not a reference number (KPe.031)", ref))
	}
	names := listedNames(joinNonEmpty(" ", e.FirstName, e.SecondName, e.ThirdName, e.FourthName))
	if len(names) == 0 {
		return bad("FIRST_NAME", "empty name")
	}
	name := names[0]
	listed, err := xsdDate(e.ListedOn)
	if err != nil {
		return bad("LISTED_ON", err.Error())
	}
	src := graph.Source{Dataset: r.opt.Dataset, Record: filepath.Base(pos.File) + ":" + strconv.Itoa(pos.Line)}
	ent := graph.Entity{
		ID:        ID(ref),
		Kind:      partyKind(individual, name),
		Name:      name,
		Sanctions: []graph.Sanction{{Authority: "UN", Program: strings.TrimSpace(e.ListType), Listed: listed, Reference: ref}},
		Sources:   []graph.Source{src},
	}
	ent.AddTag(graph.TagSanction)
	ent.AddIdentifier(graph.IDUN, ref)
	addAliases(&ent, e, names[1:])

	var countries []string
	for _, n := range e.Nationality {
		if cc, ok := country.Name(n); ok {
			countries = append(countries, cc)
		}
	}
	if n := trimAll(e.Nationality); len(n) > 0 {
		ent.SetProp("nationality", n)
	}
	rec := ingest.Record{Pos: pos}
	countries = addAddresses(&rec, ent.ID, append(e.IndividualAddress, e.EntityAddress...), src, countries)
	ent.Countries = dedupe(countries)

	addDocuments(&ent, e.Documents)
	addDetails(&ent, e)
	rec.Entities = append([]graph.Entity{ent}, rec.Entities...)
	return rec, nil
}

// partyKind is the kind of a listed party: an individual is a Person; an
// entity is a Company when its name bears a legal form, an Organization
// otherwise.
func partyKind(individual bool, name string) graph.Kind {
	switch {
	case individual:
		return graph.Person
	case legalform.Has(name):
		return graph.Company
	}
	return graph.Organization
}

// addAliases gives ent the other names its name field holds (listedNames),
// the aliases of e, each name an alias field holds, and its name in the
// original script, each once, and keeps the quality the list gives each
// ("Good", "Low", "a.k.a.", "f.k.a."; "original script" for the original
// name) in the alias_quality property.
func addAliases(ent *graph.Entity, e *entry, more []string) {
	quality := map[string]string{}
	addAlias := func(n, q string) {
		n = strings.TrimSpace(n)
		if n == "" || n == ent.Name {
			return
		}
		if !slices.Contains(ent.Aliases, n) {
			ent.Aliases = append(ent.Aliases, n)
		}
		if q = strings.TrimSpace(q); q != "" {
			quality[n] = q
		}
	}
	for _, n := range more {
		addAlias(n, "")
	}
	for _, a := range append(e.IndividualAliases, e.EntityAliases...) {
		for _, n := range listedNames(a.Name) {
			addAlias(n, a.Quality)
		}
	}
	addAlias(e.OriginalName, "original script")
	if len(quality) > 0 {
		ent.SetProp("alias_quality", quality)
	}
}

// addAddresses adds to rec an Address entity for each address of party id
// that gives a street or a city, linked from the party by LOCATED_AT, and
// returns countries with those of all its addresses appended, those
// without a street or city included: a country alone still says where the
// party is.
func addAddresses(rec *ingest.Record, id string, addrs []address, src graph.Source, countries []string) []string {
	for i, a := range addrs {
		cc, ok := country.Name(a.Country)
		if ok {
			countries = append(countries, cc)
		}
		street := strings.TrimSpace(a.Street)
		city := joinNonEmpty(" ", a.City, a.Zip)
		if street == "" && city == "" {
			continue
		}
		ad := graph.Entity{
			ID:      id + "-addr-" + strconv.Itoa(i+1),
			Kind:    graph.Address,
			Name:    joinNonEmpty(", ", street, city, a.StateProvince, a.Country),
			Sources: []graph.Source{src},
		}
		if ok {
			ad.Countries = []string{cc}
		}
		if n := strings.TrimSpace(a.Note); n != "" {
			ad.SetProp("note", n)
		}
		rec.Entities = append(rec.Entities, ad)
		rec.Links = append(rec.Links, graph.Link{
			ID: graph.LinkID(id, graph.LocatedAt, ad.ID), From: id, To: ad.ID, Type: graph.LocatedAt,
			Sources: []graph.Source{src},
		})
	}
	return countries
}

// addDocuments makes the numbers of passports (their type written in
// English, Spanish or French) and of national identity documents
// identifiers of ent, and keeps other documents, type and number, in the
// documents property.
func addDocuments(ent *graph.Entity, docs []document) {
	for _, d := range docs {
		number := strings.TrimSpace(d.Number)
		if number == "" {
			continue
		}
		kind := strings.ToLower(strings.TrimSpace(d.Type))
		switch {
		case strings.Contains(kind, "passport") || strings.Contains(kind, "pasaporte") || strings.Contains(kind, "passeport"):
			ent.AddIdentifier(graph.IDPassport, number)
		case strings.Contains(kind, "national identification"):
			ent.AddIdentifier(graph.IDNationalID, number)
		default:
			appendProp(ent, "documents", joinNonEmpty(" ", d.Type, d.Type2, number))
		}
	}
}

// addDetails keeps the rest of e as properties of ent: dates and places
// of birth, titles, positions, gender, notes and the list's own
// bookkeeping (DATAID, version, list types, update dates).
func addDetails(ent *graph.Entity, e *entry) {
	for _, b := range e.BirthDates {
		if s := birthDate(b); s != "" {
			appendProp(ent, "birth_date", s)
		}
	}
	for _, p := range e.BirthPlaces {
		if s := joinNonEmpty(", ", p.City, p.StateProvince, p.Country); s != "" {
			appendProp(ent, "birth_place", s)
		}
	}
	for k, v := range map[string]string{"un_dataid": e.DataID, "version": e.Version, "gender": e.Gender, "notes": e.Comments} {
		if v = strings.TrimSpace(v); v != "" {
			ent.SetProp(k, v)
		}
	}
	for k, v := range map[string][]string{"title": e.Titles, "position": e.Designations, "list_type": e.Lists, "last_updated": e.Updated} {
		if v = trimAll(v); len(v) > 0 {
			ent.SetProp(k, v)
		}
	}
}

// xsdDate reads an xsd:date ("2016-03-02", or with a zone offset as in
// "2015-04-07-04:00"); the list's dates are calendar days, so the offset is
// dropped.
func xsdDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			switch zone := s[10:]; {
			case zone == "", zone == "Z", len(zone) == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':':
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
}

// birthDate writes a date of birth as ISO 8601: an exact date or year, an
// approximate year as "circa 1960", a range of years as "1973/1974".
func birthDate(b dob) string {
	switch day := strings.TrimSpace(b.Date); {
	case day != "":
		if len(day) > 10 {
			day = day[:10]
		}
		return day
	case strings.TrimSpace(b.FromYear) != "" || strings.TrimSpace(b.ToYear) != "":
		return strings.TrimSpace(b.FromYear) + "/" + strings.TrimSpace(b.ToYear)
	case strings.TrimSpace(b.Year) != "":
		if strings.EqualFold(strings.TrimSpace(b.Type), "APPROXIMATELY") {
			return "circa " + strings.TrimSpace(b.Year)
		}
		return strings.TrimSpace(b.Year)
	}
	return ""
}

func appendProp(e *graph.Entity, k, v string) {
	old, _ := e.Props[k].([]string)
	if !slices.Contains(old, v) {
		e.SetProp(k, append(old, v))
	}
}

func trimAll(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	return strings.Join(trimAll(parts), sep)
}

func dedupe(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
