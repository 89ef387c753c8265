package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/shellnet/shellnet/graph"
)

// FtMCounts says what an FtM export wrote and what FtM had no schema for.
type FtMCounts struct {
	Entities, Links               int // written
	SkippedEntities, SkippedLinks int // devices, products, networks and their links
}

// ftmSchema maps kinds to FollowTheMoney schemata; kinds not here (devices,
// products, networks) have no FtM schema and are left out.
var ftmSchema = map[graph.Kind]string{
	graph.Company: "Company", graph.Organization: "Organization", graph.Person: "Person",
	graph.LegalEntity: "LegalEntity", graph.BankAccount: "BankAccount", graph.Address: "Address",
	graph.Vessel: "Vessel", graph.Aircraft: "Airplane",
}

// ftmIdentifier maps identifier schemes to FtM properties.
var ftmIdentifier = map[string]string{
	graph.IDRegistration: "registrationNumber", graph.IDTax: "taxNumber", graph.IDSwift: "swiftBic",
	graph.IDIBAN: "iban", graph.IDIMO: "imoNumber", graph.IDEmail: "email", graph.IDPhone: "phone",
	graph.IDWebsite: "website", graph.IDLEI: "leiCode", graph.IDPassport: "passportNumber",
	graph.IDNationalID: "idNumber",
}

// fullIdentifier are the properties FtMFull adds for the list references.
var fullIdentifier = map[string]string{graph.IDOFAC: "ofacId", graph.IDUN: "unscId"}

// ftmProps are entity properties kept under their own name because FtM
// knows them.
var ftmProps = []string{"notes", "summary", "description", "incorporationDate", "dissolutionDate", "birthDate", "status", "legalForm", "sourceUrl", "full"}

// FtMMode says how much of an entity FtMOf keeps.
type FtMMode int

const (
	// FtMStrict keeps what FtM defines, for other FtM tools to read: the
	// kinds with an FtM schema, the identifier schemes with an FtM
	// property, and the properties FtM knows, each as one text (JSON
	// for a value that is not a string).
	FtMStrict FtMMode = iota
	// FtMFull keeps everything shellnet holds, as yente's API shows an
	// entity: kinds without an FtM schema under their own name, OFAC and
	// UN references as ofacId and unscId, other identifier schemes under
	// their own name, and every property as a list of strings, but
	// merged_from (FtM's referents) and caption and datasets (FtM's
	// top-level fields).
	FtMFull
)

// FtMEntity is an entity in FollowTheMoney form
// (https://followthemoney.tech/explorer/): a schema, properties as lists
// of strings, and the datasets it comes from.
type FtMEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets,omitempty"`
}

// FtMIdentifiers returns the identifier schemes that have an FtM property
// in mode, with that property.
func FtMIdentifiers(mode FtMMode) map[string]string {
	out := maps.Clone(ftmIdentifier)
	if mode == FtMFull {
		maps.Copy(out, fullIdentifier)
	}
	return out
}

// FtMOf is e in FollowTheMoney form: names, countries, tags as topics,
// identifiers and properties as lists of strings, the datasets of its
// sources. Under FtMStrict, a kind FtM has no schema for (devices,
// products, networks) has Schema "".
func FtMOf(e *graph.Entity, mode FtMMode) FtMEntity {
	schema, ok := ftmSchema[e.Kind]
	if !ok && mode == FtMFull {
		schema = string(e.Kind)
	}
	f := FtMEntity{ID: e.ID, Schema: schema, Properties: map[string][]string{}, Datasets: datasets(e.Sources)}
	p := f.Properties
	if e.Name != "" {
		p["name"] = []string{e.Name}
	}
	if len(e.Aliases) > 0 {
		p["alias"] = e.Aliases
	}
	if len(e.Countries) > 0 {
		p["country"] = e.Countries
	}
	if len(e.Tags) > 0 {
		p["topics"] = e.Tags
	}
	for scheme, vs := range e.Identifiers {
		prop, ok := ftmIdentifier[scheme]
		if !ok && mode == FtMFull {
			prop, ok = fullIdentifier[scheme]
			if !ok {
				prop, ok = scheme, true
			}
		}
		if ok {
			p[prop] = append(p[prop], vs...)
		}
	}
	if mode == FtMStrict {
		for _, k := range ftmProps {
			if v, ok := e.Props[k]; ok {
				p[k] = []string{text(v)}
			}
		}
		return f
	}
	for k, v := range e.Props {
		switch k {
		case "merged_from", "caption", "datasets":
			continue
		}
		if vs := FtMValues(v); len(vs) > 0 {
			p[k] = vs
		}
	}
	return f
}

// FtMValues is a property value as FtM's list of strings: a list
// flattened, a number in its shortest form.
func FtMValues(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return []string{x}
	case []string:
		return x
	case []any:
		var out []string
		for _, y := range x {
			out = append(out, FtMValues(y)...)
		}
		return out
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	}
	return []string{fmt.Sprint(v)}
}

// FtM writes sg as FollowTheMoney JSON lines (https://followthemoney.tech):
// entities under their schema, sanctions as Sanction entities, links as
// Ownership, Directorship, Payment, Representation, Employment, Membership,
// Family or UnknownLink (supplier role for SUPPLIES), LOCATED_AT as the
// entity's addressEntity and SAME_AS as referents. Devices, products and
// networks have no FtM schema: they and their links are counted as skipped.
func FtM(w io.Writer, sg graph.Subgraph) (FtMCounts, error) {
	es, ls := sorted(sg)
	var c FtMCounts
	schema := map[string]string{}
	for _, e := range es {
		schema[e.ID] = ftmSchema[e.Kind]
	}
	extra := map[string]map[string][]string{} // addressEntity and referents by entity
	add := func(id, prop, v string) {
		if extra[id] == nil {
			extra[id] = map[string][]string{}
		}
		if !slices.Contains(extra[id][prop], v) {
			extra[id][prop] = append(extra[id][prop], v)
		}
	}
	var links []FtMEntity
	for _, l := range ls {
		if schema[l.From] == "" || schema[l.To] == "" {
			c.SkippedLinks++
			continue
		}
		f, ok := ftmLink(l, schema)
		switch {
		case l.Type == graph.LocatedAt:
			add(l.From, "addressEntity", l.To)
		case l.Type == graph.SameAs:
			add(l.From, "referents", l.To)
		case ok:
			links = append(links, f)
		default:
			c.SkippedLinks++
			continue
		}
		c.Links++
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, e := range es {
		if schema[e.ID] == "" {
			c.SkippedEntities++
			continue
		}
		f := FtMOf(&e, FtMStrict)
		p := f.Properties
		for k, vs := range extra[e.ID] {
			p[k] = vs
		}
		if err := enc.Encode(f); err != nil {
			return c, err
		}
		c.Entities++
		for i, s := range e.Sanctions {
			sp := map[string][]string{"entity": {e.ID}, "authority": {s.Authority}}
			if s.Program != "" {
				sp["program"] = []string{s.Program}
			}
			if !s.Listed.IsZero() {
				sp["startDate"] = []string{s.Listed.Format("2006-01-02")}
			}
			if s.Reference != "" {
				sp["unscId"] = []string{s.Reference}
			}
			if err := enc.Encode(FtMEntity{ID: fmt.Sprintf("%s-sanction-%d", e.ID, i), Schema: "Sanction", Properties: sp, Datasets: datasets(e.Sources)}); err != nil {
				return c, err
			}
		}
	}
	for _, f := range links {
		if err := enc.Encode(f); err != nil {
			return c, err
		}
	}
	return c, bw.Flush()
}

// ftmLink returns the FtM interval entity for a link.
func ftmLink(l graph.Link, schema map[string]string) (FtMEntity, bool) {
	var s, from, to string
	switch l.Type {
	case graph.Owns, graph.HoldsAccount:
		s, from, to = "Ownership", "owner", "asset"
	case graph.Directs:
		s, from, to = "Directorship", "director", "organization"
	case graph.Pays:
		s, from, to = "Payment", "payer", "beneficiary"
	case graph.Represents:
		s, from, to = "Representation", "agent", "client"
	case graph.Employs:
		s, from, to = "Employment", "employer", "employee"
	case graph.MemberOf:
		s, from, to = "Membership", "member", "organization"
	case graph.Family:
		if schema[l.From] != "Person" || schema[l.To] != "Person" {
			return FtMEntity{}, false
		}
		s, from, to = "Family", "person", "relative"
	case graph.Supplies, graph.Associate:
		s, from, to = "UnknownLink", "subject", "object"
	default:
		return FtMEntity{}, false
	}
	p := map[string][]string{from: {l.From}, to: {l.To}}
	switch l.Type {
	case graph.Supplies:
		p["role"] = []string{"supplier"}
	case graph.Associate:
		role := l.Prop("role")
		if role == "" || role == "supplier" {
			role = "associate"
		}
		p["role"] = []string{role}
	}
	for shellnet, ftm := range map[string]string{"percentage": "percentage", "amount": "amount", "currency": "currency", "date": "date", "start": "startDate", "end": "endDate", "goods": "summary"} {
		if v := l.Prop(shellnet); v != "" {
			p[ftm] = []string{v}
		}
	}
	return FtMEntity{ID: l.ID, Schema: s, Properties: p, Datasets: datasets(l.Sources)}, true
}
