package icij

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/country"
)

// Dataset is named in sources when the load names none.
const Dataset = "icij"

// Reader streams the files of a bundle, nodes first, one row per record.
type Reader = ingest.Files

// Open returns a reader over the given bundle files or folders.
func Open(paths []string, opt ingest.ReadOptions) (*Reader, error) {
	paths, err := expand(paths)
	if err != nil {
		return nil, err
	}
	// Nodes before relationships, whatever order the files were given in.
	slices.SortStableFunc(paths, func(a, b string) int {
		return boolInt(isRelationships(a)) - boolInt(isRelationships(b))
	})
	return ingest.NewFiles("ingest/icij", paths, opt, Dataset, func(path string, br *bufio.Reader, opt ingest.ReadOptions) (ingest.FileDecoder, error) {
		return openFile(path, br, opt)
	})
}

func isRelationships(p string) bool {
	b := strings.ToLower(filepath.Base(p))
	return strings.Contains(b, "relationship") || strings.Contains(b, "edges")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// file reads the rows of one bundle file.
type file struct {
	*ingest.CSVFile
	opt ingest.ReadOptions
	typ nodeType
}

// openFile reads the header of a bundle file and tells its node type.
func openFile(path string, br *bufio.Reader, opt ingest.ReadOptions) (*file, error) {
	cf, err := ingest.OpenCSV("ingest/icij", path, br, canonical)
	if err != nil {
		return nil, err
	}
	typ, err := classify(path, cf.Header)
	if err != nil {
		return nil, err
	}
	need := []string{"node_id"}
	if typ == typeRelationship {
		need = []string{"node_id_start", "node_id_end", "rel_type"}
	}
	if err := cf.Need("a file of the published bundle", need...); err != nil {
		return nil, err
	}
	return &file{CSVFile: cf, opt: opt, typ: typ}, nil
}

// Next returns the record of the next row, a *ingest.RecordError for a
// bad row, or io.EOF at the end of the file.
func (r *file) Next(context.Context) (ingest.Record, error) {
	row, pos, err := r.Row()
	if err != nil {
		return ingest.Record{}, err
	}
	if r.typ == typeRelationship {
		return r.relationship(pos, row)
	}
	return r.node(pos, row)
}

// ID returns the entity id of ICIJ node node_id.
func ID(nodeID string) string { return "icij-" + nodeID }

func (r *file) source(pos ingest.Position) graph.Source {
	return graph.Source{Dataset: r.opt.Dataset, Record: filepath.Base(pos.File) + ":" + strconv.Itoa(pos.Line)}
}

func bad(pos ingest.Position, row []string, field, reason string) (ingest.Record, error) {
	return ingest.Record{}, &ingest.RecordError{Pos: pos, Field: field, Reason: reason, Raw: strings.Join(row, ",")}
}

// nodeKinds are the kinds of the node types; see the package comment.
var nodeKinds = [...]graph.Kind{
	typeEntity: graph.Company, typeOfficer: graph.LegalEntity, typeIntermediary: graph.LegalEntity,
	typeAddress: graph.Address, typeOther: graph.LegalEntity,
}

// dateColumns are normalised to ISO 8601 when they parse.
var dateColumns = map[string]bool{
	"incorporation_date": true, "inactivation_date": true, "struck_off_date": true,
	"dorm_date": true, "closed_date": true,
}

// handled are the columns read into entity fields rather than copied.
var handled = map[string]bool{
	"node_id": true, "name": true, "country_codes": true, "countries": true,
	"jurisdiction": true, "jurisdiction_description": true, "original_name": true, "former_name": true,
}

func (r *file) node(pos ingest.Position, row []string) (ingest.Record, error) {
	id := r.Get(row, "node_id")
	if !isNumber(id) {
		return bad(pos, row, "node_id", fmt.Sprintf("%q is not a node id (a number)", id))
	}
	name := r.Get(row, "name")
	if r.typ == typeAddress {
		if a := r.Get(row, "address"); a != "" {
			name = a
		}
	}
	if name == "" {
		return bad(pos, row, "name", "empty: a node without a name cannot be searched or screened")
	}
	e := graph.Entity{
		ID:      ID(id),
		Kind:    nodeKinds[r.typ],
		Name:    name,
		Sources: []graph.Source{r.source(pos)},
	}
	for _, col := range []string{"original_name", "former_name"} {
		if a := r.Get(row, col); a != "" && a != name && !slices.Contains(e.Aliases, a) {
			e.Aliases = append(e.Aliases, a)
		}
	}
	var countries []string
	if jd := r.Get(row, "jurisdiction_description"); jd != "" {
		if cc, ok := country.Name(jd); ok {
			countries = append(countries, cc)
			e.SetProp("jurisdiction", cc)
		}
		e.SetProp("jurisdiction_description", jd)
	}
	if j := r.Get(row, "jurisdiction"); j != "" {
		e.SetProp("icij_jurisdiction", j)
	}
	codes := split(r.Get(row, "country_codes"))
	for _, c := range codes {
		if cc, ok := country.Alpha3(c); ok {
			countries = append(countries, cc)
		}
	}
	if len(codes) == 0 {
		for _, n := range split(r.Get(row, "countries")) {
			if cc, ok := country.Name(n); ok {
				countries = append(countries, cc)
			}
		}
	}
	e.Countries = dedupe(countries)
	for col, i := range r.Col {
		if handled[col] || i >= len(row) {
			continue
		}
		v := strings.TrimSpace(row[i])
		if v == "" {
			continue
		}
		if col == "sourceID" {
			col = "source_id"
		}
		if dateColumns[col] {
			if iso, ok := isoDate(v); ok {
				v = iso
			}
		}
		e.SetProp(col, v)
	}
	e.SetProp("icij_type", typeNames[r.typ])
	return ingest.Record{Pos: pos, Entities: []graph.Entity{e}}, nil
}

func (r *file) relationship(pos ingest.Position, row []string) (ingest.Record, error) {
	from, to := r.Get(row, "node_id_start"), r.Get(row, "node_id_end")
	if !isNumber(from) {
		return bad(pos, row, "node_id_start", fmt.Sprintf("%q is not a node id (a number)", from))
	}
	if !isNumber(to) {
		return bad(pos, row, "node_id_end", fmt.Sprintf("%q is not a node id (a number)", to))
	}
	relType := r.Get(row, "rel_type")
	if relType == "" {
		return bad(pos, row, "rel_type", "empty")
	}
	role := r.Get(row, "link")
	if role == "" && strings.Contains(relType, " ") {
		role = relType // the 2016 layout: the role is the rel_type
	}
	props := map[string]any{"rel_type": relType}
	if role != "" {
		props["role"] = role
	} else {
		props["role"] = strings.ReplaceAll(relType, "_", " ")
	}
	for col, key := range map[string]string{"start_date": "start", "end_date": "end"} {
		v := r.Get(row, col)
		if v == "" {
			continue
		}
		if iso, ok := isoDate(v); ok {
			props[key] = iso
		} else {
			props[col] = v // kept as written, not used for --as-of
		}
	}
	if s := r.Get(row, "status"); s != "" {
		props["status"] = s
	}
	if s := r.Get(row, "sourceID"); s != "" {
		props["source_id"] = s
	}
	rec := ingest.Record{Pos: pos}
	src := r.source(pos)
	for _, t := range linkTypes(relType, role) {
		id := graph.LinkID(ID(from), t, ID(to))
		if role != "" {
			id += "#" + strings.ToLower(role)
		}
		rec.Links = append(rec.Links, graph.Link{
			ID: id, From: ID(from), To: ID(to), Type: t,
			Props: maps.Clone(props), Sources: []graph.Source{src},
		})
	}
	return rec, nil
}

// isoDate reads the bundle's date forms ("23-MAR-2006", "Mar 23, 2006",
// "2006-03-23", "23/03/2006", "23.03.2006", "2006") as ISO 8601.
func isoDate(s string) (string, bool) {
	for _, f := range []struct{ in, out string }{
		{"02-Jan-2006", "2006-01-02"},
		{"2-Jan-2006", "2006-01-02"},
		{"Jan 2, 2006", "2006-01-02"},
		{"2006-01-02", "2006-01-02"},
		{"02/01/2006", "2006-01-02"},
		{"02.01.2006", "2006-01-02"},
		{"2006", "2006"},
	} {
		// Month names are upper case in the bundle ("23-MAR-2006").
		if t, err := time.Parse(f.in, titleMonth(s)); err == nil {
			return t.Format(f.out), true
		}
	}
	return "", false
}

// titleMonth turns "23-MAR-2006" into "23-Mar-2006" for time.Parse.
func titleMonth(s string) string {
	b := []byte(s)
	for i := 1; i < len(b); i++ {
		if b[i] >= 'A' && b[i] <= 'Z' && (b[i-1] >= 'A' && b[i-1] <= 'Z' || b[i-1] >= 'a' && b[i-1] <= 'z') {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

func split(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
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
