package ofac

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

const sample = "testdata/advanced/sdn_advanced.xml"

// The sample (testdata/PROVENANCE.md) holds five DPRK entries of the
// 2021 list in the advanced layout: every mapped element, and the links of
// three profile relationships.
func TestAdvanced(t *testing.T) {
	got := readAll(t, sample)
	if len(got.rejects) != 0 || len(got.recs) != 8 {
		t.Fatalf("%d records, rejects %v", len(got.recs), got.rejects)
	}
	if got.stats.Entries != 5 || got.stats.Linked != 3 || got.stats.Rejected != 0 {
		t.Errorf("stats %+v", got.stats)
	}
	want := map[string]struct {
		kind      graph.Kind
		name      string
		programs  []string
		countries []string
	}{
		"ofac-9345":  {graph.Company, "KOREA MINING DEVELOPMENT TRADING CORPORATION", []string{"NPWMD", "DPRK2"}, nil},
		"ofac-18848": {graph.Person, "KIM, Kwang Hyok", []string{"DPRK2"}, []string{"KP", "MM"}},
		"ofac-17067": {graph.Company, "CHONGCHONGANG SHIPPING COMPANY LIMITED", []string{"DPRK"}, nil},
		"ofac-17069": {graph.Vessel, "CHONG CHON GANG", []string{"DPRK"}, []string{"KP"}},
		"ofac-20569": {graph.Company, "KORYO CREDIT DEVELOPMENT BANK", []string{"DPRK3"}, []string{"KP"}},
	}
	for id, w := range want {
		e, ok := got.entities[id]
		if !ok {
			t.Errorf("%s not read", id)
			continue
		}
		var progs []string
		for _, s := range e.Sanctions {
			progs = append(progs, s.Program)
			if s.Authority != "OFAC" || s.Reference != strings.TrimPrefix(id, "ofac-") || s.Listed.IsZero() {
				t.Errorf("%s: sanction %+v", id, s)
			}
		}
		countries := slices.Sorted(slices.Values(e.Countries))
		if e.Kind != w.kind || e.Name != w.name || !slices.Equal(progs, w.programs) || !slices.Equal(countries, w.countries) ||
			!e.HasTag(graph.TagSanction) || prop(e, "list") != "SDN" || e.Sources[0].Dataset != DatasetSDN {
			t.Errorf("%s = %s %q %v %v %v, want %+v", id, e.Kind, e.Name, progs, countries, e.Props, w)
		}
	}
	kim := got.entities["ofac-18848"]
	if prop(kim, "birth_place") != "China" || prop(kim, "birth_date") != "1970-04-20" || prop(kim, "gender") != "Male" || prop(kim, "nationality") != "Korea, North" ||
		prop(kim, "title") != "Korean Mining Development Trading Corporation Representative in Burma" ||
		!slices.Equal(kim.Identifiers[graph.IDPassport], []string{"654210025"}) || prop(kim, "passport_country") != "KP" {
		t.Errorf("ofac-18848 = %+v", kim)
	}
	komid := got.entities["ofac-9345"]
	if len(komid.Aliases) != 0 || !slices.Equal(komid.Props["weak_aliases"].([]string), []string{"KOMID"}) ||
		!strings.HasPrefix(prop(komid, "sanctions_info"), "North Korea Sanctions Regulations") {
		t.Errorf("ofac-9345 = %+v", komid)
	}
	if got, want := komid.Sanctions[0].Listed, time.Date(2005, 6, 28, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("ofac-9345 listed %v, want %v", got, want)
	}
	owner := got.entities["ofac-17067"]
	if !slices.Equal(owner.Identifiers[graph.IDIMO], []string{"5342883"}) || prop(owner, "branch_unit_number") != "BU-17" {
		t.Errorf("ofac-17067 = %+v", owner)
	}
	ship := got.entities["ofac-17069"]
	if !slices.Equal(ship.Identifiers[graph.IDIMO], []string{"7937317"}) || prop(ship, "vessel_type") != "General Cargo" || prop(ship, "flag") != "Korea, North" {
		t.Errorf("ofac-17069 = %+v", ship)
	}
	bank := got.entities["ofac-20569"]
	if prop(bank, "jurisdiction") != "KP" || !slices.Equal(bank.Aliases, []string{"KORYO GLOBAL TRUST BANK", "DAESONG CREDIT DEVELOPMENT BANK"}) || !slices.Equal(bank.Identifiers[graph.IDSwift], []string{"KGCBKPPY"}) {
		t.Errorf("ofac-20569 = %+v", bank)
	}
	addr, ok := got.entities["ofac-addr-31188"]
	if !ok || addr.Kind != graph.Address || addr.Name != "Yanggakdo International Hotel, RYUS, Pyongyang, Korea, North" || !slices.Equal(addr.Countries, []string{"KP"}) {
		t.Errorf("address = %+v", addr)
	}
	if _, ok := got.entities["ofac-addr-28799"]; ok {
		t.Error("a location with a country alone became an address")
	}

	links := map[string]graph.Link{}
	for _, l := range got.links {
		links[string(l.Type)+" "+l.From+" "+l.To] = l
	}
	for key, role := range map[string]string{
		"LOCATED_AT ofac-20569 ofac-addr-31188": "",
		"REPRESENTS ofac-18848 ofac-9345":       "acting for or on behalf of",
		"OWNS ofac-17067 ofac-17069":            "owned or controlled by", // asset → owner in the file, owner → asset here
		"ASSOCIATE ofac-20569 ofac-9345":        "shares a mailbox with",
	} {
		l, ok := links[key]
		if !ok {
			t.Errorf("no link %s in %v", key, got.links)
			continue
		}
		if l.Prop("role") != role {
			t.Errorf("%s: role %q, want %q", key, l.Prop("role"), role)
		}
	}
	if len(links) != 4 {
		t.Errorf("%d links, want 4", len(links))
	}
	if l := links["ASSOCIATE ofac-20569 ofac-9345"]; l.Props["former"] != true || l.Prop("ofac_relation") != "30003" {
		t.Errorf("unmapped relation = %+v", l)
	}
	if len(got.notes) != 1 || !strings.Contains(got.notes[0], `"Shares a mailbox with" is not mapped`) || !strings.Contains(got.notes[0], "line 349") {
		t.Errorf("notes %q", got.notes)
	}
}

// The advanced and the legacy layouts of the same entries give the same
// entities: ids, kinds, names, programs and identifiers, so that loading
// both merges them.
func TestAdvancedAgreesWithLegacy(t *testing.T) {
	adv := readAll(t, sample)
	leg := readAll(t, "testdata")
	for id, a := range adv.entities {
		l, ok := leg.entities[id]
		if !ok {
			t.Errorf("%s: not in the legacy files", id)
			continue
		}
		if a.Kind != l.Kind || a.Name != l.Name {
			t.Errorf("%s: advanced %s %q, legacy %s %q", id, a.Kind, a.Name, l.Kind, l.Name)
		}
		for scheme, vs := range a.Identifiers {
			for _, v := range vs {
				if !slices.Contains(l.Identifiers[scheme], v) {
					t.Errorf("%s: identifier %s=%s not in the legacy entry's %v", id, scheme, v, l.Identifiers)
				}
			}
		}
		if a.Kind == graph.Address {
			continue
		}
		var ap, lp []string
		for _, s := range a.Sanctions {
			ap = append(ap, s.Program)
		}
		for _, s := range l.Sanctions {
			lp = append(lp, s.Program)
		}
		if !slices.Equal(ap, lp) {
			t.Errorf("%s: programs %v, legacy %v", id, ap, lp)
		}
		// the sample leaves out some of the entries' addresses
		for _, c := range a.Countries {
			if !slices.Contains(l.Countries, c) {
				t.Errorf("%s: country %s not among the legacy %v", id, c, l.Countries)
			}
		}
	}
}

// A party or relationship that cannot be used is rejected with its file
// and line while the rest loads; a syntax error stops the read there.
func TestAdvancedMalformed(t *testing.T) {
	raw, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	for _, r := range [][2]string{
		{`<Profile ID="17067" PartySubTypeID="3">`, `<Profile ID="17067" PartySubTypeID="77">`},
		{`<Profile ID="9345" PartySubTypeID="3">`, `<Profile ID="93x5" PartySubTypeID="3">`},
		{`From-ProfileID="17069"`, `From-ProfileID=""`},
		{`RelationTypeID="15002"`, `RelationTypeID="4"`},
		{`AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="12040"`, `AliasTypeID="1403" Primary="false" LowQuality="false">
            <DocumentedName ID="12040"`},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("sample has no %q", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "sdn_advanced.xml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, path)
	want := []struct {
		line  int
		field string
		in    string
	}{
		{138, "Profile ID", `"93x5" is not an entry number`},
		{240, "PartySubTypeID", `"77" is no party sub-type`},
		{290, "Alias", "no primary name"},
		{343, "RelationTypeID", `"4" is no relation type`},
		{346, "From-ProfileID", `"" is not an entry number`},
	}
	if len(got.rejects) != len(want) {
		t.Fatalf("rejects %v, want %d", got.rejects, len(want))
	}
	for i, w := range want {
		r := got.rejects[i]
		if r.Pos.File != path || r.Pos.Line != w.line || r.Field != w.field || !strings.Contains(r.Reason, w.in) || r.Raw == "" {
			t.Errorf("reject %d = %v, want line %d: %s: …%s…", i, r, w.line, w.field, w.in)
		}
	}
	// left: two parties and the relationship of an unmapped type
	if len(got.entities) != 2 || got.entities["ofac-18848"].Name != "KIM, Kwang Hyok" || len(got.links) != 1 {
		t.Errorf("the rest did not load: %d entities, links %v", len(got.entities), got.links)
	}
	if got.stats.Rejected != len(want) || got.stats.Entries != 2 {
		t.Errorf("stats %+v", got.stats)
	}

	// cut in the middle of a party
	cut := filepath.Join(dir, "cut.xml")
	if err := os.WriteFile(cut, raw[:len(raw)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := OpenAdvanced([]string{cut}, ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		_, err = r.Next(t.Context())
		if err != nil {
			break
		}
	}
	if err == nil || !strings.Contains(err.Error(), cut+" line ") || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("cut file: %v", err)
	}
}

func TestAdvancedDetect(t *testing.T) {
	raw, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		head string
		want bool
	}{
		{string(raw[:ingest.HeadSize]), true},
		{"\uFEFF" + string(raw[:200]), true},
		{`<?xml version="1.0"?><Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">`, true},
		{`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2021-06-01"><INDIVIDUALS>`, false},
		{`<?xml version="1.0"?><Sanctionsx><ReferenceValueSets>`, false},
		{`<Report><Sanctions><ReferenceValueSets>`, false},
		{`{"id": "x", "schema": "Sanctions"}`, false},
	} {
		if got := IsAdvanced([]byte(c.head)); got != c.want {
			t.Errorf("IsAdvanced(%.60q) = %v, want %v", c.head, got, c.want)
		}
	}
	f, err := ingest.Detect(sample)
	if err != nil || f.Name != "ofac" {
		t.Errorf("Detect(%s) = %q, %v", sample, f.Name, err)
	}
	// a folder with the advanced list alone reads it
	got := readAll(t, "testdata/advanced")
	if len(got.entities) != 6 {
		t.Errorf("folder: %d entities", len(got.entities))
	}
}

func FuzzAdvanced(f *testing.F) {
	raw, err := os.ReadFile(sample)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte(`<Sanctions><ReferenceValueSets><PartySubTypeValues><PartySubType ID="1" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues><PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues></ReferenceValueSets><DistinctParties><DistinctParty><Profile ID="1" PartySubTypeID="1"><Identity><Alias Primary="true"><DocumentedName><DocumentedNamePart><NamePartValue>A</NamePartValue></DocumentedNamePart></DocumentedName></Alias></Identity></Profile></DistinctParty></DistinctParties></Sanctions>`))
	f.Add([]byte(`<Sanctions><ProfileRelationships><ProfileRelationship From-ProfileID="1" To-ProfileID="2" RelationTypeID="9"/></ProfileRelationships></Sanctions>`))
	f.Fuzz(func(t *testing.T, in []byte) {
		path := filepath.Join(t.TempDir(), "sdn_advanced.xml")
		if err := os.WriteFile(path, in, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := OpenAdvanced([]string{path}, ingest.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for {
			rec, err := r.Next(t.Context())
			if err != nil {
				var re *ingest.RecordError
				if errors.As(err, &re) {
					if re.Pos.File != path || re.Pos.Line <= 0 || re.Reason == "" {
						t.Fatalf("reject without position or reason: %+v", re)
					}
					continue
				}
				if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), path) {
					t.Fatalf("error without the file's name: %v", err)
				}
				return
			}
			for _, e := range rec.Entities {
				if e.ID == "" || e.Name == "" {
					t.Fatalf("entity without id or name: %+v", e)
				}
			}
			for _, l := range rec.Links {
				if l.From == "" || l.To == "" || l.Type == "" {
					t.Fatalf("link without ends or type: %+v", l)
				}
			}
		}
	})
}

// prop is an entity's string property, or "".
func prop(e graph.Entity, k string) string {
	v, _ := e.Props[k].(string)
	return v
}
