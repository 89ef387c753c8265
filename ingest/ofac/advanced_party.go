package ofac

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/country"
)

// featureLeads turns a feature type into the lead words of the legacy
// Remarks clause that says the same, so that both layouts give the same
// identifiers and properties.
var featureLeads = map[string]string{
	"Birthdate":           "DOB",
	"Place of Birth":      "POB",
	"Nationality Country": "nationality",
	"Citizenship Country": "citizen",
}

// featureProps are features the legacy layout keeps in sdn.csv's columns.
var featureProps = map[string]string{
	"Title":                           "title",
	"Vessel Call Sign":                "call_sign",
	"VESSEL TYPE":                     "vessel_type",
	"Vessel Type":                     "vessel_type",
	"Vessel Tonnage":                  "tonnage",
	"Vessel Gross Registered Tonnage": "grt",
	"Vessel Flag":                     "flag",
	"Vessel Owner":                    "vessel_owner",
}

var notWord = regexp.MustCompile(`[^a-z0-9]+`)

// propName is the property that keeps a feature or document shellnet does
// not map: its label in lower case, words joined by "_".
func propName(label string) string {
	return strings.Trim(notWord.ReplaceAllString(strings.ToLower(label), "_"), "_")
}

// party builds the record of one distinct party.
func (r *AdvancedReader) party(pos ingest.Position, p *xParty) (ingest.Record, error) {
	bad := func(field, reason string) (ingest.Record, error) {
		raw, _ := xml.Marshal(p)
		return ingest.Record{}, &ingest.RecordError{Pos: pos, Field: field, Reason: reason, Raw: string(raw)}
	}
	if len(p.Profiles) != 1 {
		return bad("Profile", fmt.Sprintf("%d profiles: the standard gives a distinct party one", len(p.Profiles)))
	}
	prof := &p.Profiles[0]
	num := strings.TrimSpace(prof.ID)
	if !isNumber(num) {
		return bad("Profile ID", fmt.Sprintf("%q is not an entry number", prof.ID))
	}
	sdnType, ok := r.ref.partyKind(prof.SubType)
	if !ok {
		return bad("PartySubTypeID", fmt.Sprintf("%q is no party sub-type of the file's reference values", prof.SubType))
	}
	var ident *xIdentity
	for i := range prof.Identities {
		if ident == nil || prof.Identities[i].Primary == "true" {
			ident = &prof.Identities[i]
		}
	}
	if ident == nil {
		return bad("Identity", "the profile has no identity")
	}
	name, aliases, weak := r.names(ident)
	if name == "" {
		return bad("Alias", "no primary name")
	}

	entries := r.ref.entries[prof.ID]
	f := facts{r: r, id: ID(num), src: graph.Source{Dataset: r.dataset(entries), Record: sourceRecord(pos)}, props: map[string][]string{}}
	f.features(prof.Features)
	f.documents(r.ref.documents[ident.ID])

	ent := graph.Entity{ID: f.id, Kind: kind(sdnType, name, f.rk), Name: name, Sources: []graph.Source{f.src}}
	ent.AddTag(graph.TagSanction)
	ent.AddIdentifier(graph.IDOFAC, num)
	for _, a := range aliases {
		if a != name && !slices.Contains(ent.Aliases, a) {
			ent.Aliases = append(ent.Aliases, a)
		}
	}
	var lists []string
	ent.Sanctions, lists = r.sanctions(entries, num)
	if len(lists) > 0 {
		ent.SetProp("list", listProp(lists))
	}
	if c := strings.TrimSpace(p.Comment); c != "" {
		ent.SetProp("remarks", c)
	}
	if cc, ok := country.Name(strings.Join(f.props["flag"], "")); ok {
		ent.Countries = append(ent.Countries, cc) // a vessel's flag
	}
	ent.Countries = dedupe(append(append(ent.Countries, f.rk.countries...), f.countries...))
	for _, v := range f.rk.ids {
		ent.AddIdentifier(v[0], v[1])
	}
	for k, vs := range f.rk.props {
		for _, v := range vs {
			f.addProp(k, v)
		}
	}
	for k, vs := range f.props {
		if len(vs) == 1 {
			ent.SetProp(k, vs[0])
		} else {
			ent.SetProp(k, vs)
		}
	}
	if weak = append(weak, f.rk.weakAliases...); len(weak) > 0 {
		ent.SetProp("weak_aliases", dedupe(weak))
	}
	r.stats.Entries++
	return ingest.Record{Pos: pos, Entities: append([]graph.Entity{ent}, f.addrs...), Links: f.located}, nil
}

// names reads an identity's aliases: the first name of the primary alias
// is the party's name, low-quality ones are weak, the others aliases.
func (r *AdvancedReader) names(ident *xIdentity) (name string, aliases, weak []string) {
	groups := map[string]string{}
	for _, g := range ident.Groups {
		groups[g.ID], _ = r.ref.value("NamePartType", g.Type)
	}
	for _, a := range ident.Aliases {
		for i, dn := range a.Names {
			n := documentedName(dn.Parts, groups)
			switch {
			case n == "":
			case a.Primary == "true" && i == 0 && name == "":
				name = n
			case a.LowQuality == "true":
				weak = append(weak, n)
			default:
				aliases = append(aliases, n)
			}
		}
	}
	return name, aliases, weak
}

// sanctions are a party's listings: one per program of each sanctions
// entry (one without a program when the entry names none), dated by the
// entry's first event, and the lists the entries are on.
func (r *AdvancedReader) sanctions(entries []xEntry, num string) ([]graph.Sanction, []string) {
	var out []graph.Sanction
	var lists []string
	for _, e := range entries {
		listed := entryDate(e)
		if l, _ := r.ref.value("List", e.List); l != "" && !slices.Contains(lists, l) {
			lists = append(lists, l)
		}
		programs := 0
		for _, m := range e.Measures {
			if t, _ := r.ref.value("SanctionsType", m.Type); t == "Program" && strings.TrimSpace(m.Comment) != "" {
				out = append(out, graph.Sanction{Authority: "OFAC", Program: strings.TrimSpace(m.Comment), Listed: listed, Reference: num})
				programs++
			}
		}
		if programs == 0 {
			out = append(out, graph.Sanction{Authority: "OFAC", Listed: listed, Reference: num})
		}
	}
	if len(entries) == 0 {
		out = append(out, graph.Sanction{Authority: "OFAC", Reference: num})
	}
	return out, lists
}

// facts gathers what a party's features and identity documents say: in
// legacy Remarks clauses read by the legacy code (rk), in properties, and
// as addresses.
type facts struct {
	r         *AdvancedReader
	id        string // the party's entity id
	src       graph.Source
	rk        remarks
	props     map[string][]string
	addrs     []graph.Entity
	located   []graph.Link
	countries []string // of its addresses
}

func (f *facts) addProp(k, v string) {
	if v = strings.TrimSpace(v); v != "" && !slices.Contains(f.props[k], v) {
		f.props[k] = append(f.props[k], v)
	}
}

// features reads a profile's features: a Location is an address; another
// feature's location stands for its country (a nationality, a flag, a
// place of birth); details and dates are values.
func (f *facts) features(fs []xFeature) {
	ref := f.r.ref
	for _, ft := range fs {
		label, _ := ref.value("FeatureType", ft.Type)
		for _, v := range ft.Versions {
			for _, l := range v.Locations {
				loc := ref.locations[l.ID]
				switch {
				case loc == nil:
				case label == "Location":
					f.address(loc)
				default:
					for _, c := range loc.Countries {
						f.feature(label, ref.text["Country"][c.ID])
					}
				}
			}
			for _, dt := range v.Details {
				val := strings.TrimSpace(dt.Text)
				if dt.Ref != "" {
					val, _ = ref.value("DetailReference", dt.Ref)
				}
				f.feature(label, val)
			}
			for _, dp := range v.Periods {
				f.feature(label, dp.String())
			}
		}
	}
}

// documents reads an identity's documents as the legacy clause "TYPE
// NUMBER (COUNTRY)", or, for a type no clause knows, a property.
func (f *facts) documents(docs []xDocument) {
	for _, doc := range docs {
		typ, _ := f.r.ref.value("IDRegDocType", doc.Type)
		number := strings.TrimSpace(doc.Number)
		if number == "" {
			continue
		}
		clause := typ + " " + number
		if c := f.r.ref.text["Country"][doc.IssuedBy]; c != "" {
			clause += " (" + c + ")"
		}
		if !f.rk.clause(clause) {
			f.addProp(propName(typ), number)
		}
	}
}

// address adds a Location: its countries, and the Address entity with the
// party's LOCATED_AT link when it names a street or a city.
func (f *facts) address(loc *xLocation) {
	ad, cc := f.r.address(loc, f.src)
	f.countries = append(f.countries, cc...)
	if ad == nil {
		return
	}
	f.addrs = append(f.addrs, *ad)
	f.located = append(f.located, graph.Link{
		ID: graph.LinkID(f.id, graph.LocatedAt, ad.ID), From: f.id, To: ad.ID, Type: graph.LocatedAt,
		Sources: []graph.Source{f.src},
	})
}

// feature applies one feature value: as the legacy Remarks clause that
// says the same when there is one, as a column's property, or else as a
// property named after the feature.
func (f *facts) feature(label, value string) {
	value = strings.TrimSpace(value)
	if label == "" || value == "" || label == "Location" {
		return
	}
	if p, ok := featureProps[label]; ok {
		f.addProp(p, value)
		return
	}
	if label == "Registration Country" || label == "Nationality of Registration" {
		// where a company is registered: its jurisdiction, as a
		// registration number's country is in the legacy remarks
		if cc, ok := country.Name(value); ok {
			f.rk.prop("jurisdiction", cc)
			f.rk.countries = append(f.rk.countries, cc)
			return
		}
	}
	lead := label
	if l, ok := featureLeads[label]; ok {
		lead = l
	}
	if !f.rk.clause(lead + " " + value) {
		f.addProp(propName(label), value)
	}
}

// address is the Address entity of a location that names a street or a
// city, and the location's countries.
func (r *AdvancedReader) address(loc *xLocation, src graph.Source) (*graph.Entity, []string) {
	var countries, names []string
	for _, c := range loc.Countries {
		if cc, ok := r.ref.countries[c.ID]; ok {
			countries = append(countries, cc)
		}
		names = append(names, r.ref.text["Country"][c.ID])
	}
	parts := map[string]string{}
	for _, p := range loc.Parts {
		t, _ := r.ref.value("LocPartType", p.Type)
		for i, v := range p.Values {
			if v.Primary == "true" || (i == 0 && parts[t] == "") {
				parts[t] = strings.TrimSpace(v.Value)
			}
		}
	}
	street := joinNonEmpty(", ", parts["ADDRESS1"], parts["ADDRESS2"], parts["ADDRESS3"], parts["Unknown"])
	city := parts["CITY"]
	if street == "" && city == "" {
		return nil, countries
	}
	ctry := strings.Join(names, ", ")
	ad := &graph.Entity{
		ID:        "ofac-addr-" + loc.ID,
		Kind:      graph.Address,
		Name:      joinNonEmpty(", ", street, city, parts["STATE/PROVINCE"], ctry),
		Countries: dedupe(countries),
		Sources:   []graph.Source{src},
	}
	for k, v := range map[string]string{"street": street, "city": city, "state": parts["STATE/PROVINCE"], "postal_code": parts["POSTAL CODE"], "region": parts["REGION"], "country": ctry} {
		if v != "" {
			ad.SetProp(k, v)
		}
	}
	return ad, countries
}

// listProp is the list property of the legacy layout: "SDN" for the SDN
// list, else the list's name.
func listProp(lists []string) string {
	out := make([]string, len(lists))
	for i, l := range lists {
		out[i] = l
		if strings.EqualFold(l, "SDN List") {
			out[i] = "SDN"
		}
	}
	return strings.Join(out, "; ")
}

// documentedName joins the parts of a name: an individual's last name
// first and a comma, as the legacy layout writes "KIM, Kwang Hyok".
func documentedName(parts []struct {
	Group string `xml:"NamePartGroupID,attr"`
	Value string `xml:",chardata"`
}, groups map[string]string) string {
	var last, rest []string
	for _, p := range parts {
		v := strings.Join(strings.Fields(p.Value), " ")
		if v == "" {
			continue
		}
		if groups[p.Group] == "Last Name" {
			last = append(last, v)
		} else {
			rest = append(rest, v)
		}
	}
	switch {
	case len(last) == 0:
		return strings.Join(rest, " ")
	case len(rest) == 0:
		return strings.Join(last, " ")
	}
	return strings.Join(last, " ") + ", " + strings.Join(rest, " ")
}

// entryDate is the date of a sanctions entry's first event, its listing.
func entryDate(e xEntry) time.Time {
	for _, ev := range e.Events {
		if t, err := time.Parse("2006-1-2", ev.Date.Year+"-"+ev.Date.Month+"-"+ev.Date.Day); err == nil {
			return t
		}
	}
	return time.Time{}
}

// String writes a period the way the legacy Remarks do, for the clause
// readers: "20 Apr 1970" for a day, "1970" for a whole year, "1955 to
// 1958" for a range.
func (p xDatePeriod) String() string {
	from, to := p.StartFrom.legacy(), p.EndTo.legacy()
	if to == "" || to == from {
		return from
	}
	if p.StartFrom.Year == p.EndTo.Year && p.StartFrom.Month == "1" && p.StartFrom.Day == "1" && p.EndTo.Month == "12" && p.EndTo.Day == "31" {
		return p.StartFrom.Year
	}
	return from + " to " + to
}

func (d xDate) legacy() string {
	y, err := strconv.Atoi(strings.TrimSpace(d.Year))
	if err != nil {
		return ""
	}
	m, err1 := strconv.Atoi(strings.TrimSpace(d.Month))
	day, err2 := strconv.Atoi(strings.TrimSpace(d.Day))
	if err1 != nil || m < 1 || m > 12 {
		return strconv.Itoa(y)
	}
	t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	if err2 != nil || day < 1 || day > 31 {
		return t.Format("Jan 2006")
	}
	return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC).Format("02 Jan 2006")
}
