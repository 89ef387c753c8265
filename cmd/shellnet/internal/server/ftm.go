package server

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// entityResponse is yente's EntityResponse (an entity in FollowTheMoney
// form, https://followthemoney.tech), with shellnet's sources and
// listings beside it.
type entityResponse struct {
	ID         string              `json:"id"`
	Caption    string              `json:"caption"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	Referents  []string            `json:"referents"` // the IDs resolved into this one
	Target     bool                `json:"target"`    // on a sanctions list itself
	FirstSeen  *time.Time          `json:"first_seen"`
	LastSeen   *time.Time          `json:"last_seen"`
	LastChange *time.Time          `json:"last_change"`
	Sources    []graph.Source      `json:"sources"`
	Sanctions  []graph.Sanction    `json:"sanctions,omitempty"`
}

// ftmSchemata are the FtM schemata of kinds whose name differs.
var ftmSchemata = map[graph.Kind]string{graph.Aircraft: "Airplane"}

// ftmIdentifiers are the FtM properties of identifier schemes; the
// schemes not here keep their own name.
var ftmIdentifiers = map[string]string{
	graph.IDRegistration: "registrationNumber", graph.IDTax: "taxNumber", graph.IDSwift: "swiftBic",
	graph.IDIBAN: "iban", graph.IDIMO: "imoNumber", graph.IDEmail: "email", graph.IDPhone: "phone",
	graph.IDWebsite: "website", graph.IDLEI: "leiCode", graph.IDPassport: "passportNumber",
	graph.IDNationalID: "idNumber", graph.IDOFAC: "ofacId", graph.IDUN: "unscId",
}

// identifierOrder are the schemes of ftmIdentifiers in order, so that
// identifiers are compared and chosen the same way every time.
var identifierOrder = slices.Sorted(maps.Keys(ftmIdentifiers))

// schemaOf is a kind's FtM schema.
func schemaOf(k graph.Kind) string {
	if s, ok := ftmSchemata[k]; ok {
		return s
	}
	return string(k)
}

// toFtM converts an entity: names, countries, tags as topics, identifiers
// and properties as lists of strings; merged_from becomes referents.
func toFtM(e *graph.Entity) entityResponse {
	out := entityResponse{ID: e.ID, Caption: e.Name, Schema: schemaOf(e.Kind), Properties: map[string][]string{},
		Datasets: []string{}, Referents: []string{}, Target: e.Listed(), Sources: e.Sources, Sanctions: e.Sanctions}
	if out.Caption == "" {
		out.Caption = e.ID
	}
	if out.Sources == nil {
		out.Sources = []graph.Source{}
	}
	p := out.Properties
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
		prop := scheme
		if f, ok := ftmIdentifiers[scheme]; ok {
			prop = f
		}
		p[prop] = append(p[prop], vs...)
	}
	for k, v := range e.Props {
		switch k {
		case "merged_from":
			out.Referents = texts(v)
			continue
		case "caption", "datasets": // top-level fields of the response
			continue
		}
		if vs := texts(v); len(vs) > 0 {
			p[k] = vs
		}
	}
	for _, s := range e.Sources {
		if !slices.Contains(out.Datasets, s.Dataset) {
			out.Datasets = append(out.Datasets, s.Dataset)
		}
		if s.Seen.IsZero() {
			continue
		}
		if out.FirstSeen == nil || s.Seen.Before(*out.FirstSeen) {
			out.FirstSeen = &s.Seen
		}
		if out.LastSeen == nil || s.Seen.After(*out.LastSeen) {
			out.LastSeen = &s.Seen
		}
	}
	out.LastChange = out.LastSeen
	slices.Sort(out.Datasets)
	return out
}

// texts is a property value as a list of strings.
func texts(v any) []string {
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
			out = append(out, texts(y)...)
		}
		return out
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	}
	return []string{fmt.Sprint(v)}
}
