package ofac

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// relations maps OFAC's relation types to link types. Flip says the link
// runs from the relationship's To-profile: "Owned or Controlled By" reads
// asset → owner, and shellnet's OWNS runs owner → asset.
var relations = map[string]struct {
	t    graph.LinkType
	flip bool
}{
	"associate of":                  {graph.Associate, false},
	"providing support to":          {graph.Associate, false},
	"acting for or on behalf of":    {graph.Represents, false},
	"owned or controlled by":        {graph.Owns, true},
	"owns, controls, or operates":   {graph.Owns, false},
	"property in the interest of":   {graph.Owns, true},
	"family member of":              {graph.Family, false},
	"leader or official of":         {graph.Directs, false},
	"principal executive officer":   {graph.Directs, false},
	"playing a significant role in": {graph.MemberOf, false},
}

// relation builds the link of one profile relationship. A relation type
// the table above does not know becomes an ASSOCIATE link whose role is
// the type's text, with a note: the two are linked, and the role says how.
func (r *AdvancedReader) relation(pos ingest.Position, rel *xRelation) (ingest.Record, error) {
	bad := func(field, reason string) (ingest.Record, error) {
		raw, _ := xml.Marshal(rel)
		return ingest.Record{}, &ingest.RecordError{Pos: pos, Field: field, Reason: reason, Raw: string(raw)}
	}
	from, to := strings.TrimSpace(rel.From), strings.TrimSpace(rel.To)
	if !isNumber(from) {
		return bad("From-ProfileID", fmt.Sprintf("%q is not an entry number", rel.From))
	}
	if !isNumber(to) {
		return bad("To-ProfileID", fmt.Sprintf("%q is not an entry number", rel.To))
	}
	role, ok := r.ref.value("RelationType", rel.Type)
	if !ok || role == "" {
		return bad("RelationTypeID", fmt.Sprintf("%q is no relation type of the file's reference values", rel.Type))
	}
	rec := ingest.Record{Pos: pos}
	m, known := relations[strings.ToLower(strings.TrimSuffix(role, ":"))]
	if !known {
		m.t = graph.Associate
		rec.Notes = append(rec.Notes, fmt.Sprintf("%s: relation type %q is not mapped; kept as an ASSOCIATE link with that role", pos, role))
	}
	a, b := ID(from), ID(to)
	if m.flip {
		a, b = b, a
	}
	l := graph.Link{
		ID: graph.LinkID(a, m.t, b), From: a, To: b, Type: m.t,
		Props:   map[string]any{"role": strings.ToLower(strings.TrimSuffix(role, ":")), "ofac_relation": rel.ID},
		Sources: []graph.Source{{Dataset: r.datasetOf(from), Record: sourceRecord(pos)}},
	}
	if rel.Former == "true" {
		l.Props["former"] = true
	}
	if c := strings.TrimSpace(rel.Comment); c != "" {
		l.Props["comment"] = c
	}
	rec.Links = []graph.Link{l}
	r.stats.Linked++
	return rec, nil
}
