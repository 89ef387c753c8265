package ofac

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/shellnet/shellnet/ingest/internal/country"
)

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
