package ftm

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// record is one FtM entity as OpenSanctions and Aleph write it.
type record struct {
	ID         string            `json:"id"`
	Schema     string            `json:"schema"`
	Properties map[string]values `json:"properties"`
	Caption    string            `json:"caption"`
	Datasets   values            `json:"datasets"`
	Referents  values            `json:"referents"`
	FirstSeen  string            `json:"first_seen"`
	LastSeen   string            `json:"last_seen"`
	LastChange string            `json:"last_change"`
	Target     *bool             `json:"target"`
}

// entityKinds maps the FtM schemata that are entities to kinds. PublicBody
// is an Organization in FtM's hierarchy; Airplane is shellnet's Aircraft.
var entityKinds = map[string]graph.Kind{
	"Company":      graph.Company,
	"Organization": graph.Organization,
	"PublicBody":   graph.Organization,
	"Person":       graph.Person,
	"LegalEntity":  graph.LegalEntity,
	"BankAccount":  graph.BankAccount,
	"Address":      graph.Address,
	"Vessel":       graph.Vessel,
	"Airplane":     graph.Aircraft,
}

// linkSchema is an FtM interval schema read as a link: the property naming
// its source end, the one naming its target end, and its type.
type linkSchema struct {
	from, to string
	typ      graph.LinkType
}

var linkSchemata = map[string]linkSchema{
	"Ownership":      {"owner", "asset", graph.Owns},
	"Directorship":   {"director", "organization", graph.Directs},
	"Payment":        {"payer", "beneficiary", graph.Pays},
	"Representation": {"agent", "client", graph.Represents},
	"Employment":     {"employer", "employee", graph.Employs},
	"Membership":     {"member", "organization", graph.MemberOf},
	"Associate":      {"person", "associate", graph.Associate},
	"Family":         {"person", "relative", graph.Family},
	"UnknownLink":    {"subject", "object", graph.Associate},
}

// supplierRoles are the UnknownLink roles that mean the subject sells to
// the object (DESIGN.md).
var supplierRoles = []string{"supplier", "seller", "vendor", "reseller", "supplies"}

// identifierProps maps FtM properties to identifier schemes, in the order
// they are read.
var identifierProps = []struct{ prop, scheme string }{
	{"registrationNumber", graph.IDRegistration},
	{"ogrnCode", graph.IDRegistration}, // Russian state registration number
	{"taxNumber", graph.IDTax},
	{"innCode", graph.IDTax}, // Russian taxpayer number
	{"vatCode", graph.IDTax},
	{"swiftBic", graph.IDSwift},
	{"bicCode", graph.IDSwift},
	{"iban", graph.IDIBAN},
	{"imoNumber", graph.IDIMO},
	{"email", graph.IDEmail},
	{"phone", graph.IDPhone},
	{"website", graph.IDWebsite},
	{"leiCode", graph.IDLEI},
	{"idNumber", graph.IDNationalID},
	{"passportNumber", graph.IDPassport},
}

var (
	nameProps    = []string{"name"}
	aliasProps   = []string{"alias", "previousName", "weakAlias"}
	countryProps = []string{"country", "jurisdiction", "nationality", "citizenship", "mainCountry"}
)

// pseudoCountries are FtM's territory codes that are not ISO 3166-1 (the
// world, the EU, states that no longer exist); they are kept as the
// property other_countries rather than rejected.
var pseudoCountries = []string{"zz", "eu", "suhh", "csxx", "ddde", "yucs", "ge-ab", "x-so", "x-ssr"}

// schemata lists what the reader maps, for error messages.
func schemata() string {
	var s []string
	for k := range entityKinds {
		s = append(s, k)
	}
	for k := range linkSchemata {
		s = append(s, k)
	}
	s = append(s, "Sanction", "Identification", "Passport")
	slices.Sort(s)
	return strings.Join(s, ", ")
}

// decode reads one line into a record of entities and links.
func decode(b []byte, pos ingest.Position, dataset string) (ingest.Record, error) {
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		return ingest.Record{}, bad(pos, "", "invalid JSON: "+err.Error(), b)
	}
	rec.ID = strings.TrimSpace(rec.ID)
	if rec.ID == "" {
		return ingest.Record{}, bad(pos, "id", "missing", b)
	}
	if rec.Schema == "" {
		return ingest.Record{}, bad(pos, "schema", "missing", b)
	}
	m := mapper{rec: &rec, pos: pos, raw: b, sources: sources(&rec, pos, dataset)}
	if k, ok := entityKinds[rec.Schema]; ok {
		return m.entity(k)
	}
	if ls, ok := linkSchemata[rec.Schema]; ok {
		return m.link(ls)
	}
	switch rec.Schema {
	case "Sanction":
		return m.sanction()
	case "Identification", "Passport":
		return m.identification()
	}
	return ingest.Record{}, bad(pos, "schema", fmt.Sprintf("schema %q is not mapped (shellnet reads %s)", rec.Schema, schemata()), b)
}

func bad(pos ingest.Position, field, reason string, raw []byte) error {
	const max = 4096
	if len(raw) > max {
		raw = raw[:max]
	}
	return &ingest.RecordError{Pos: pos, Field: field, Reason: reason, Raw: string(raw)}
}

// sources is the provenance of a record: the load's dataset, or else each
// dataset the record names, or else "ftm"; the record's file and line; when
// the source last saw it.
func sources(rec *record, pos ingest.Position, dataset string) []graph.Source {
	ref := filepath.Base(pos.File) + ":" + strconv.Itoa(pos.Line)
	seen := parseTime(rec.LastSeen)
	if dataset != "" {
		return []graph.Source{{Dataset: dataset, Record: ref, Seen: seen}}
	}
	var out []graph.Source
	for _, ds := range rec.Datasets {
		if ds = strings.TrimSpace(ds); ds != "" && !slices.ContainsFunc(out, func(s graph.Source) bool { return s.Dataset == ds }) {
			out = append(out, graph.Source{Dataset: ds, Record: ref, Seen: seen})
		}
	}
	if len(out) == 0 {
		out = []graph.Source{{Dataset: DefaultDataset, Record: ref, Seen: seen}}
	}
	return out
}

// parseTime reads FtM's timestamps ("2024-05-01T10:20:30", with or without
// a zone) and dates; zero for anything else.
func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// mapper maps one record.
type mapper struct {
	rec     *record
	pos     ingest.Position
	raw     []byte
	sources []graph.Source
	used    map[string]bool // properties consumed by the mapping
}

func (m *mapper) get(prop string) values {
	if m.used == nil {
		m.used = map[string]bool{}
	}
	m.used[prop] = true
	return m.rec.Properties[prop]
}

func (m *mapper) first(prop string) string {
	for _, v := range m.get(prop) {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// rest returns the properties not consumed, a single value as a string and
// several as a list, plus the OpenSanctions fields outside properties.
func (m *mapper) rest() map[string]any {
	props := map[string]any{}
	for k, vs := range m.rec.Properties {
		if m.used[k] || len(vs) == 0 {
			continue
		}
		if len(vs) == 1 {
			props[k] = vs[0]
		} else {
			props[k] = []string(slices.Clone(vs))
		}
	}
	if m.rec.Caption != "" {
		props["caption"] = m.rec.Caption
	}
	if len(m.rec.Datasets) > 0 {
		props["datasets"] = []string(slices.Clone(m.rec.Datasets))
	}
	if m.rec.FirstSeen != "" {
		props["first_seen"] = m.rec.FirstSeen
	}
	if m.rec.LastSeen != "" {
		props["last_seen"] = m.rec.LastSeen
	}
	if m.rec.LastChange != "" {
		props["last_change"] = m.rec.LastChange
	}
	if m.rec.Target != nil {
		props["target"] = *m.rec.Target
	}
	if len(m.rec.Referents) > 0 {
		props["referents"] = []string(slices.Clone(m.rec.Referents))
	}
	if len(props) == 0 {
		return nil
	}
	return props
}

func (m *mapper) entity(kind graph.Kind) (ingest.Record, error) {
	e := graph.Entity{ID: m.rec.ID, Kind: kind, Sources: m.sources}
	var names []string
	for _, p := range nameProps {
		names = append(names, m.get(p)...)
	}
	switch kind {
	case graph.Address:
		names = append(names, m.get("full")...)
	case graph.BankAccount:
		if len(names) == 0 {
			names = append(names, m.rec.Properties["iban"]...)
			names = append(names, m.rec.Properties["accountNumber"]...)
		}
	}
	// OpenSanctions' caption is the name it chose to show; prefer it.
	if c := strings.TrimSpace(m.rec.Caption); c != "" && (len(names) == 0 || slices.Contains(names, c)) {
		e.Name = c
	} else if len(names) > 0 {
		e.Name = names[0]
	}
	for _, n := range names {
		if n != e.Name {
			e.Aliases = append(e.Aliases, n)
		}
	}
	for _, p := range aliasProps {
		e.Aliases = append(e.Aliases, m.get(p)...)
	}
	cprops := countryProps
	if kind == graph.Vessel || kind == graph.Aircraft {
		cprops = append(slices.Clone(cprops), "flag")
	}
	var other []string
	for _, p := range cprops {
		for _, c := range m.get(p) {
			c = strings.TrimSpace(c)
			switch {
			case c == "":
			case slices.Contains(pseudoCountries, strings.ToLower(c)):
				other = append(other, strings.ToLower(c))
			default:
				e.Countries = append(e.Countries, c)
			}
		}
	}
	for _, ip := range identifierProps {
		for _, v := range m.get(ip.prop) {
			e.AddIdentifier(ip.scheme, v)
		}
	}
	for _, t := range m.get("topics") {
		e.AddTag(t)
	}
	var rec ingest.Record
	rec.Pos = m.pos
	for _, a := range m.get("addressEntity") {
		if a = strings.TrimSpace(a); a != "" {
			rec.Links = append(rec.Links, graph.Link{
				ID: graph.LinkID(e.ID, graph.LocatedAt, a), From: e.ID, To: a, Type: graph.LocatedAt,
				Sources: m.sources,
			})
		}
	}
	for _, ref := range m.rec.Referents {
		if ref = strings.TrimSpace(ref); ref != "" && ref != e.ID {
			rec.Hints = append(rec.Hints, graph.Link{
				ID: graph.LinkID(e.ID, graph.SameAs, ref), From: e.ID, To: ref, Type: graph.SameAs,
				Props: map[string]any{"referent": true}, Sources: m.sources,
			})
		}
	}
	e.Props = m.rest()
	if len(other) > 0 {
		e.SetProp("other_countries", other)
	}
	rec.Entities = []graph.Entity{e}
	return rec, nil
}

// link maps an interval schema to links: one for each pair of its ends.
func (m *mapper) link(ls linkSchema) (ingest.Record, error) {
	froms, tos := ids(m.get(ls.from)), ids(m.get(ls.to))
	if len(froms) == 0 {
		return ingest.Record{}, bad(m.pos, ls.from, "missing", m.raw)
	}
	if len(tos) == 0 {
		return ingest.Record{}, bad(m.pos, ls.to, "missing", m.raw)
	}
	typ := ls.typ
	if m.rec.Schema == "UnknownLink" {
		role := strings.ToLower(strings.TrimSpace(m.first("role")))
		if slices.Contains(supplierRoles, role) {
			typ = graph.Supplies
		}
	}
	props := map[string]any{}
	for _, p := range [...]struct{ from, to string }{{"startDate", "start"}, {"endDate", "end"}, {"date", "date"}, {"role", "role"}, {"purpose", "goods"}} {
		if v := m.first(p.from); v != "" {
			props[p.to] = v
		}
	}
	for _, p := range [...]string{"percentage", "amount"} {
		if v := m.first(p); v != "" {
			props[p] = number(v)
		}
	}
	if v := m.first("currency"); v != "" {
		props["currency"] = strings.ToUpper(v)
	}
	var accounts [][2]string // holder, account
	if m.rec.Schema == "Payment" {
		for _, a := range ids(m.get("payerAccount")) {
			for _, f := range froms {
				accounts = append(accounts, [2]string{f, a})
			}
		}
		for _, a := range ids(m.get("beneficiaryAccount")) {
			for _, t := range tos {
				accounts = append(accounts, [2]string{t, a})
			}
		}
	}
	for k, v := range m.rest() {
		props[k] = v
	}
	if len(props) == 0 {
		props = nil
	}
	rec := ingest.Record{Pos: m.pos}
	n := len(froms) * len(tos)
	for _, f := range froms {
		for _, t := range tos {
			id := m.rec.ID
			if n > 1 {
				id = fmt.Sprintf("%s#%d", m.rec.ID, len(rec.Links)+1)
			}
			p := props
			if n > 1 {
				p = maps.Clone(props)
			}
			rec.Links = append(rec.Links, graph.Link{ID: id, From: f, To: t, Type: typ, Props: p, Sources: m.sources})
		}
	}
	for _, a := range accounts {
		rec.Links = append(rec.Links, graph.Link{
			ID: graph.LinkID(a[0], graph.HoldsAccount, a[1]), From: a[0], To: a[1], Type: graph.HoldsAccount,
			Sources: m.sources,
		})
	}
	return rec, nil
}

// number returns a percentage or amount as a float64 when it reads as one
// ("50", "50%", "48,600.00"), and as the text it is otherwise.
func number(s string) any {
	t := strings.TrimSuffix(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || f != f {
		return s
	}
	return f
}

func ids(vs values) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// authorities shortens the names sanctioning authorities go by in FtM data
// to the ones shellnet's list readers use ("OFAC", "UN"…); other names are
// kept as written.
var authorities = map[string]string{
	"ofac":                                  "OFAC",
	"office of foreign assets control":      "OFAC",
	"us office of foreign assets control":   "OFAC",
	"u.s. office of foreign assets control": "OFAC",
	"un":                                    "UN",
	"unsc":                                  "UN",
	"united nations":                        "UN",
	"united nations security council":       "UN",
	"un security council":                   "UN",
	"eu":                                    "EU",
	"european union":                        "EU",
	"council of the european union":         "EU",
	"hm treasury":                           "UK",
	"office of financial sanctions implementation": "UK",
}

// sanction marks the sanctioned entity: one listing per program, and the
// sanction tag. The entity is usually described by another record; the
// pipeline merges the two.
func (m *mapper) sanction() (ingest.Record, error) {
	targets := ids(m.get("entity"))
	if len(targets) == 0 {
		return ingest.Record{}, bad(m.pos, "entity", "missing", m.raw)
	}
	authority := m.first("authority")
	if short, ok := authorities[strings.ToLower(authority)]; ok {
		authority = short
	}
	listed := time.Time{}
	for _, p := range []string{"listingDate", "startDate", "date"} {
		if v := m.first(p); v != "" {
			if t, ok := date(v); ok {
				listed = t
				break
			}
		}
	}
	ref := m.first("unscId")
	if ref == "" {
		ref = m.first("authorityId")
	}
	if ref == "" {
		ref = m.rec.ID
	}
	programs := ids(m.get("program"))
	if len(programs) == 0 {
		programs = ids(m.get("programId"))
	}
	if len(programs) == 0 {
		programs = []string{""}
	}
	var sanctions []graph.Sanction
	for _, p := range programs {
		sanctions = append(sanctions, graph.Sanction{Authority: authority, Program: p, Listed: listed, Reference: ref})
	}
	rec := ingest.Record{Pos: m.pos}
	for _, t := range targets {
		rec.Entities = append(rec.Entities, graph.Entity{
			ID: t, Tags: []string{graph.TagSanction}, Sanctions: sanctions, Sources: m.sources,
		})
	}
	return rec, nil
}

// identification adds an identity document's number to its holder.
func (m *mapper) identification() (ingest.Record, error) {
	holders := ids(m.get("holder"))
	if len(holders) == 0 {
		return ingest.Record{}, bad(m.pos, "holder", "missing", m.raw)
	}
	number := m.first("number")
	if number == "" {
		return ingest.Record{}, bad(m.pos, "number", "missing", m.raw)
	}
	scheme := graph.IDNationalID
	if m.rec.Schema == "Passport" || strings.Contains(strings.ToLower(m.first("type")), "passport") {
		scheme = graph.IDPassport
	}
	rec := ingest.Record{Pos: m.pos}
	for _, h := range holders {
		e := graph.Entity{ID: h, Sources: m.sources}
		e.AddIdentifier(scheme, number)
		rec.Entities = append(rec.Entities, e)
	}
	return rec, nil
}

// date reads a full or partial ISO date.
func date(s string) (time.Time, bool) {
	if len(s) > 10 {
		s = s[:10]
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
