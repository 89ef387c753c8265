package ofac

import (
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/country"
)

// columns names the sdn.csv columns kept as properties, by index.
var columns = []string{4: "title", 5: "call_sign", 6: "vessel_type", 7: "tonnage", 8: "grt", 9: "flag", 10: "vessel_owner"}

// record builds the entities and links of one entry: the listed party,
// its addresses, and its links to other entries of the load.
func (r *Reader) record(e *entry) ingest.Record {
	ds := r.dataset(e.list)
	rem := e.f[11]
	for _, c := range e.comments {
		rem += c // the comments file continues the cut-off remarks
	}
	rk := parseRemarks(rem)
	party := r.party(e, ds, rem, rk)
	addrs, located, countries := addresses(e, ds, party.ID)
	party.Countries = dedupe(append(party.Countries, countries...))
	rec := ingest.Record{Pos: e.pos, Entities: append([]graph.Entity{party}, addrs...), Links: located}
	r.links(&rec, e, rk, source(ds, e.pos))
	return rec
}

// party is the listed entry itself.
func (r *Reader) party(e *entry, ds, rem string, rk remarks) graph.Entity {
	f := e.f
	p := graph.Entity{
		ID:      ID(e.num),
		Kind:    kind(f[2], f[1], rk),
		Name:    f[1],
		Sources: []graph.Source{source(ds, e.pos)},
	}
	p.AddTag(graph.TagSanction)
	p.AddIdentifier(graph.IDOFAC, e.num)
	for _, prog := range e.programs {
		p.Sanctions = append(p.Sanctions, graph.Sanction{Authority: "OFAC", Program: prog, Reference: e.num})
	}
	if len(e.programs) == 0 {
		p.Sanctions = append(p.Sanctions, graph.Sanction{Authority: "OFAC", Reference: e.num})
	}
	p.SetProp("list", map[list]string{listSDN: "SDN", listCons: "consolidated"}[e.list])
	for i, name := range columns {
		if name != "" && f[i] != "" {
			p.SetProp(name, f[i])
		}
	}
	if rem != "" {
		p.SetProp("remarks", rem)
	}
	for _, a := range e.alts {
		if name := a.f[3]; name != p.Name && !slices.Contains(p.Aliases, name) {
			p.Aliases = append(p.Aliases, name)
		}
	}
	if cc, ok := country.Name(f[9]); ok {
		p.Countries = append(p.Countries, cc) // a vessel's flag
	}
	p.Countries = append(p.Countries, rk.countries...)
	for _, id := range rk.ids {
		p.AddIdentifier(id[0], id[1])
	}
	for k, vs := range rk.props {
		p.SetProp(k, vs)
	}
	if len(rk.weakAliases) > 0 {
		p.SetProp("weak_aliases", rk.weakAliases)
	}
	return p
}

// addresses returns the Address entities of an entry's address rows that
// name a street or a city, the entry's LOCATED_AT links to them, and the
// countries of all its address rows.
func addresses(e *entry, ds, partyID string) ([]graph.Entity, []graph.Link, []string) {
	var ents []graph.Entity
	var links []graph.Link
	var countries []string
	for _, a := range e.addrs {
		street, city, ctry := a.f[2], a.f[3], a.f[4]
		cc, ok := country.Name(ctry)
		if ok {
			countries = append(countries, cc)
		}
		if street == "" && city == "" {
			continue // a country alone, or nothing: no place to link to
		}
		src := source(ds, a.pos)
		ad := graph.Entity{
			ID:      "ofac-addr-" + a.num,
			Kind:    graph.Address,
			Name:    joinNonEmpty(", ", street, city, ctry),
			Sources: []graph.Source{src},
		}
		if ok {
			ad.Countries = []string{cc}
		}
		for k, v := range map[string]string{"street": street, "city": city, "country": ctry, "remarks": a.f[5]} {
			if v != "" {
				ad.SetProp(k, v)
			}
		}
		ents = append(ents, ad)
		links = append(links, graph.Link{
			ID: graph.LinkID(partyID, graph.LocatedAt, ad.ID), From: partyID, To: ad.ID, Type: graph.LocatedAt,
			Sources: []graph.Source{src},
		})
	}
	return ents, links, countries
}

// links adds the entry's links to the entries its remarks and vessel owner
// name, or notes for names that no entry of the load bears.
func (r *Reader) links(rec *ingest.Record, e *entry, rk remarks, src graph.Source) {
	id := ID(e.num)
	for _, name := range rk.linkedTo {
		other, why := r.index.resolve(name, e)
		if other == nil {
			r.stats.Unlinked++
			rec.Notes = append(rec.Notes, fmt.Sprintf("%s: ofac %s is Linked To %q, %s; kept in its remarks", e.pos, e.num, name, why))
			continue
		}
		r.stats.Linked++
		rec.Links = append(rec.Links, link(id, graph.Associate, ID(other.num), "linked to", src))
	}
	for _, name := range rk.ownedBy {
		other, why := r.index.resolve(name, e)
		if other == nil {
			rec.Notes = append(rec.Notes, fmt.Sprintf("%s: ofac %s is Owned or Controlled By %q, %s; kept in its remarks", e.pos, e.num, name, why))
			continue
		}
		rec.Links = append(rec.Links, link(ID(other.num), graph.Owns, id, "owned or controlled by", src))
	}
	if owner := e.f[10]; owner != "" {
		// An owner that is no listed entry stays in the vessel_owner property.
		if other, _ := r.index.resolve(owner, e); other != nil {
			rec.Links = append(rec.Links, link(ID(other.num), graph.Owns, id, "vessel owner", src))
		}
	}
}

func link(from string, t graph.LinkType, to, role string, src graph.Source) graph.Link {
	return graph.Link{
		ID: graph.LinkID(from, t, to), From: from, To: to, Type: t,
		Props: map[string]any{"role": role}, Sources: []graph.Source{src},
	}
}
