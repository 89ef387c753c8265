package ofac

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/country"
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

// refs are one file's look-up sets, by ID.
type refs struct {
	text      map[string]map[string]string // value set → ID → text
	countries map[string]string            // country ID → ISO 3166-1 alpha-2, or its name when unknown
	partyType map[string]string            // party sub-type ID → its party type's ID
	locations map[string]*xLocation
	documents map[string][]xDocument // by identity ID
	entries   map[string][]xEntry    // by profile ID
}

func (x *refs) value(set, id string) (string, bool) {
	v, ok := x.text[set][id]
	return v, ok
}

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

// readRefs is the first pass over a file.
func readRefs(in io.Reader, path string) (*refs, error) {
	ref := &refs{
		text:      map[string]map[string]string{},
		countries: map[string]string{},
		partyType: map[string]string{},
		locations: map[string]*xLocation{},
		documents: map[string][]xDocument{},
		entries:   map[string][]xEntry{},
	}
	d := xml.NewDecoder(in)
	damaged := func(err error) error {
		line, _ := d.InputPos()
		return fmt.Errorf("ingest/ofac: %s line %d: %w (the file is damaged from here on; download it again)", path, line, err)
	}
	seenRefs := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, damaged(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "ReferenceValueSets":
			var x xRefs
			if err := d.DecodeElement(&x, &start); err != nil {
				return nil, damaged(err)
			}
			ref.addRefs(&x)
			seenRefs = true
			continue
		case "Location":
			loc := new(xLocation)
			if err := d.DecodeElement(loc, &start); err != nil {
				return nil, damaged(err)
			}
			ref.locations[loc.ID] = loc
			continue
		case "IDRegDocument":
			var doc xDocument
			if err := d.DecodeElement(&doc, &start); err != nil {
				return nil, damaged(err)
			}
			ref.documents[doc.Identity] = append(ref.documents[doc.Identity], doc)
			continue
		case "SanctionsEntry":
			var e xEntry
			if err := d.DecodeElement(&e, &start); err != nil {
				return nil, damaged(err)
			}
			ref.entries[e.Profile] = append(ref.entries[e.Profile], e)
			continue
		case "DistinctParties", "ProfileRelationships":
			if err := d.Skip(); err != nil {
				return nil, damaged(err)
			}
		}
	}
	if !seenRefs {
		return nil, fmt.Errorf("ingest/ofac: %s: no ReferenceValueSets element: not an OFAC advanced XML file, or cut short", path)
	}
	return ref, nil
}

func (x *refs) addRefs(v *xRefs) {
	set := func(name string, vals []xValue) {
		m := map[string]string{}
		for _, val := range vals {
			m[val.ID] = strings.TrimSpace(val.Text)
		}
		x.text[name] = m
	}
	set("AliasType", v.AliasTypes)
	set("DetailReference", v.DetailRefs)
	set("FeatureType", v.FeatureTypes)
	set("IDRegDocType", v.DocTypes)
	set("List", v.Lists)
	set("LocPartType", v.LocPartTypes)
	set("NamePartType", v.NamePartTypes)
	set("PartyType", v.PartyTypes)
	set("RelationType", v.RelationTypes)
	set("SanctionsType", v.SanctionsTypes)
	sub := map[string]string{}
	for _, s := range v.PartySubTypes {
		sub[s.ID] = strings.TrimSpace(s.Text)
		x.partyType[s.ID] = s.PartyType
	}
	x.text["PartySubType"] = sub
	names := map[string]string{}
	for _, c := range v.Countries {
		name := strings.TrimSpace(c.Text)
		names[c.ID] = name
		if cc, ok := country.Alpha2(c.ISO2); ok {
			x.countries[c.ID] = cc
		} else if cc, ok := country.Name(name); ok {
			x.countries[c.ID] = cc
		}
	}
	x.text["Country"] = names
}

// partyKind is the kind of a profile's sub-type: "Vessel" and "Aircraft"
// name it; "Unknown" defers to the party type (Individual, Entity).
func (x *refs) partyKind(subType string) (string, bool) {
	t, ok := x.value("PartySubType", subType)
	if !ok {
		return "", false
	}
	if t == "Unknown" || t == "" {
		t, ok = x.value("PartyType", x.partyType[subType])
	}
	switch strings.ToLower(t) {
	case "individual":
		return "individual", ok
	case "vessel":
		return "vessel", ok
	case "aircraft":
		return "aircraft", ok
	case "entity":
		return "", ok
	}
	return "", false
}

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

func sourceRecord(pos ingest.Position) string {
	return source("", pos).Record
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

// IsAdvanced reports whether head opens an advanced XML list: a Sanctions
// root element with the standard's reference value sets or its namespace.
func IsAdvanced(head []byte) bool {
	rest, ok := ingest.XMLRoot(head, "Sanctions")
	return ok && (bytes.Contains(rest, []byte("<ReferenceValueSets")) || bytes.Contains(rest, []byte("www.un.org/sanctions/1.0")) || bytes.Contains(rest, []byte("ADVANCED_XML")))
}
