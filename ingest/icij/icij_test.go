package icij

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
)

// The headers exactly as in the published bundle (full-oldb, checked
// against the header lines quoted from the 2025 zip).
const (
	entitiesHeader      = "node_id,name,original_name,former_name,jurisdiction,jurisdiction_description,company_type,address,internal_id,incorporation_date,inactivation_date,struck_off_date,dorm_date,status,service_provider,ibcRUC,country_codes,countries,sourceID,valid_until,note"
	officersHeader      = "node_id,name,countries,country_codes,sourceID,valid_until,note"
	intermediaryHeader  = "node_id,name,status,internal_id,address,countries,country_codes,sourceID,valid_until,note"
	addressesHeader     = "node_id,address,name,countries,country_codes,sourceID,valid_until,note"
	othersHeader        = "node_id,name,type,incorporation_date,struck_off_date,closed_date,jurisdiction,jurisdiction_description,countries,country_codes,sourceID,valid_until,note"
	relationshipsHeader = "node_id_start,node_id_end,rel_type,link,status,start_date,end_date,sourceID"
)

// bundle writes a small bundle in the published layout: invented names
// in the shape of the Panama Papers rows.
func bundle(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]string{
		"nodes-entities.csv": {entitiesHeader,
			`10000001,"PAN ASIA TRADING LTD.","PAN ASIA TRADING LIMITED",,BVI,British Virgin Islands,Business Company Limited by Shares,"TRIDENT CHAMBERS, P.O. BOX 146, ROAD TOWN, TORTOLA",1001256,23-MAR-2006,18-FEB-2013,15-FEB-2013,,Defaulted,Mossack Fonseca,25221,HKG,Hong Kong,Panama Papers,The Panama Papers data is current through 2015,`,
			`10000002,"GOLDEN SERVICES SDN BHD",,"GOLDEN SERVICE SDN BHD",MYS,Malaysia,,,,"Mar 5, 2013",,,,Active,,,MYS;SGP,Malaysia;Singapore,Paradise Papers - Malaysia,,`,
		},
		"nodes-officers.csv": {officersHeader,
			`12000001,"KIM SOO IN",South Korea,KOR,Panama Papers,The Panama Papers data is current through 2015,`,
			`12000002,"SHANGHAI NOMINEES LIMITED",China,CHN,Panama Papers,The Panama Papers data is current through 2015,`,
			`12000003,"THE BEARER",,,Panama Papers,,`,
		},
		"nodes-intermediaries.csv": {intermediaryHeader,
			`11000001,"MOSSACK FONSECA & CO. (ASIA) LIMITED",ACTIVE,10001,"UNIT 1201, 12/F, HONG KONG",Hong Kong,HKG,Panama Papers,The Panama Papers data is current through 2015,`,
		},
		"nodes-addresses.csv": {addressesHeader,
			"14000001,\"ROOM 8, 21/F\nCHINA MERCHANTS TOWER, HONG KONG\",,Hong Kong,HKG,Panama Papers,The Panama Papers data is current through 2015,",
		},
		"nodes-others.csv": {othersHeader,
			`85000001,"PAN ASIA FOUNDATION",FOUNDATION,02-JAN-2009,,01-JUN-2014,PAN,Panama,Panama,PAN,Paradise Papers - Aruba corporate registry,Aruba corporate registry data is current through 2016,`,
		},
		"relationships.csv": {relationshipsHeader,
			`12000001,10000001,officer_of,Director of,,05-APR-2006,,Panama Papers`,
			`12000002,10000001,officer_of,Nominee Shareholder of,,,,Panama Papers`,
			`12000001,10000002,officer_of,Director and Shareholder of,,2013-03-05,2015-12-31,Paradise Papers - Malaysia`,
			`12000003,10000001,officer_of,Beneficiary of,,,,Panama Papers`,
			`11000001,10000001,intermediary_of,intermediary of,,,,Panama Papers`,
			`10000001,14000001,registered_address,registered address,,,,Panama Papers`,
			`12000002,11000001,officer_of,Registered Agent of,,,,Panama Papers`,
			`10000001,10000002,same_name_as,,,,,Panama Papers`,
			`12000001,85000001,officer_of,Protector of,,,,Paradise Papers - Aruba corporate registry`,
			`12000001,85000001,connected_to,,,,,Paradise Papers`,
		},
	}
	for name, lines := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type loaded struct {
	recs     []ingest.Record
	rejects  []*ingest.RecordError
	entities map[string]graph.Entity
	links    []graph.Link
}

func readAll(t testing.TB, paths ...string) loaded {
	t.Helper()
	r, err := Open(paths, ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := loaded{entities: map[string]graph.Entity{}}
	out.recs, out.rejects = readertest.Drain(t, r)
	for _, rec := range out.recs {
		for _, e := range rec.Entities {
			out.entities[e.ID] = e
		}
		out.links = append(out.links, rec.Links...)
	}
	return out
}

func (l loaded) link(from, to string, t graph.LinkType) *graph.Link {
	for i := range l.links {
		if l.links[i].From == from && l.links[i].To == to && l.links[i].Type == t {
			return &l.links[i]
		}
	}
	return nil
}

func TestBundle(t *testing.T) {
	got := readAll(t, bundle(t))
	if len(got.rejects) > 0 {
		t.Fatalf("rejects %v", got.rejects)
	}
	if len(got.entities) != 8 || len(got.recs) != 18 {
		t.Fatalf("%d entities, %d records", len(got.entities), len(got.recs))
	}
	// Nodes come before relationships, whatever the directory order.
	for i, rec := range got.recs {
		if (i < 8) != (len(rec.Entities) == 1) {
			t.Fatalf("record %d at %s out of order", i, rec.Pos)
		}
	}
	pan := got.entities["icij-10000001"]
	if pan.Kind != graph.Company || pan.Name != "PAN ASIA TRADING LTD." || !slices.Equal(pan.Aliases, []string{"PAN ASIA TRADING LIMITED"}) ||
		!slices.Equal(pan.Countries, []string{"VG", "HK"}) || pan.Props["jurisdiction"] != "VG" ||
		pan.Props["incorporation_date"] != "2006-03-23" || pan.Props["struck_off_date"] != "2013-02-15" ||
		pan.Props["ibcRUC"] != "25221" || pan.Props["source_id"] != "Panama Papers" || pan.Props["service_provider"] != "Mossack Fonseca" {
		t.Errorf("entity = %+v", pan)
	}
	if got.recs[0].Pos.Line != 2 || got.recs[1].Pos.Line != 3 {
		t.Errorf("positions %v %v", got.recs[0].Pos, got.recs[1].Pos)
	}
	gs := got.entities["icij-10000002"]
	if !slices.Equal(gs.Countries, []string{"MY", "SG"}) || !slices.Equal(gs.Aliases, []string{"GOLDEN SERVICE SDN BHD"}) || gs.Props["incorporation_date"] != "2013-03-05" {
		t.Errorf("entity 2 = %+v", gs)
	}
	if o := got.entities["icij-12000001"]; o.Kind != graph.LegalEntity || !slices.Equal(o.Countries, []string{"KR"}) || o.Props["icij_type"] != "Officer" {
		t.Errorf("officer = %+v", o)
	}
	if a := got.entities["icij-14000001"]; a.Kind != graph.Address || !strings.Contains(a.Name, "\nCHINA MERCHANTS TOWER") || !slices.Equal(a.Countries, []string{"HK"}) {
		t.Errorf("address = %+v", a)
	}
	if o := got.entities["icij-85000001"]; o.Props["type"] != "FOUNDATION" || o.Props["closed_date"] != "2014-06-01" || !slices.Equal(o.Countries, []string{"PA"}) {
		t.Errorf("other = %+v", o)
	}

	for _, c := range []struct {
		from, to string
		t        graph.LinkType
		role     string
	}{
		{"icij-12000001", "icij-10000001", graph.Directs, "Director of"},
		{"icij-12000002", "icij-10000001", graph.Owns, "Nominee Shareholder of"},
		{"icij-12000001", "icij-10000002", graph.Directs, "Director and Shareholder of"},
		{"icij-12000001", "icij-10000002", graph.Owns, "Director and Shareholder of"},
		{"icij-12000003", "icij-10000001", graph.Owns, "Beneficiary of"},
		{"icij-11000001", "icij-10000001", graph.Represents, "intermediary of"},
		{"icij-10000001", "icij-14000001", graph.LocatedAt, "registered address"},
		{"icij-12000002", "icij-11000001", graph.Represents, "Registered Agent of"},
		{"icij-10000001", "icij-10000002", graph.SameAs, "same name as"},
		{"icij-12000001", "icij-85000001", graph.Associate, "Protector of"},
		{"icij-12000001", "icij-85000001", graph.Associate, "connected to"},
	} {
		var l *graph.Link
		for i, x := range got.links {
			if x.From == c.from && x.To == c.to && x.Type == c.t && x.Prop("role") == c.role {
				l = &got.links[i]
			}
		}
		if l == nil {
			t.Errorf("no %s %s → %s with role %q", c.t, c.from, c.to, c.role)
			continue
		}
		if l.Prop("source_id") == "" || len(l.Sources) != 1 {
			t.Errorf("%s %s → %s: props %v", c.t, c.from, c.to, l.Props)
		}
	}
	// Ten relationships, one of which names two roles.
	if n := len(got.links); n != 11 {
		t.Errorf("%d links, want 11", n)
	}
	d := got.link("icij-12000001", "icij-10000002", graph.Directs)
	if d.Prop("start") != "2013-03-05" || d.Prop("end") != "2015-12-31" || d.Prop("source_id") != "Paradise Papers - Malaysia" {
		t.Errorf("dates and source: %v", d.Props)
	}
	if l := got.link("icij-12000001", "icij-10000001", graph.Directs); l.Prop("start") != "2006-04-05" {
		t.Errorf("start %v", l.Props)
	}
	if l := got.link("icij-10000001", "icij-10000002", graph.SameAs); l.Prop("rel_type") != "same_name_as" {
		t.Errorf("same_name_as kept as %v", l.Props)
	}
	ids := map[string]bool{}
	for _, l := range got.links {
		if ids[l.ID] {
			t.Errorf("link id %s twice", l.ID)
		}
		ids[l.ID] = true
	}
}

func TestLinkTypes(t *testing.T) {
	for _, c := range []struct {
		rel, role string
		want      []graph.LinkType
	}{
		{"officer_of", "Nominee Director of", []graph.LinkType{graph.Directs}},
		{"officer_of", "Secretary of", []graph.LinkType{graph.Directs}},
		{"officer_of", "President - Director of", []graph.LinkType{graph.Directs}},
		{"officer_of", "Ultimate Beneficial Owner of", []graph.LinkType{graph.Owns}},
		{"officer_of", "Power of Attorney of", []graph.LinkType{graph.Represents}},
		{"officer_of", "Auditor of", []graph.LinkType{graph.Associate}},
		{"officer_of", "Management Company of", []graph.LinkType{graph.Associate}},
		{"officer_of", "", []graph.LinkType{graph.Associate}},
		{"intermediary_of", "", []graph.LinkType{graph.Represents}},
		{"same_as", "", []graph.LinkType{graph.SameAs}},
		{"similar", "similar name and address as", []graph.LinkType{graph.SameAs}},
		{"same_company_as", "", []graph.LinkType{graph.SameAs}},
		{"same_intermediary_as", "", []graph.LinkType{graph.SameAs}},
		{"same_id_as", "", []graph.LinkType{graph.SameAs}},
		{"underlying", "", []graph.LinkType{graph.Associate}},
		// The 2016 edges: the role is the rel_type, in words or as the
		// Neo4j edition's relationship type.
		{"shareholder of", "", []graph.LinkType{graph.Owns}},
		{"SHAREHOLDER_OF", "", []graph.LinkType{graph.Owns}},
		{"Director and Shareholder of", "", []graph.LinkType{graph.Directs, graph.Owns}},
		{"intermediary of", "", []graph.LinkType{graph.Represents}},
		{"registered address", "", []graph.LinkType{graph.LocatedAt}},
		{"similar name and address as", "", []graph.LinkType{graph.SameAs}},
		{"SIMILAR_NAME_AND_ADDRESS_AS", "", []graph.LinkType{graph.SameAs}},
		{"same name and registration date as", "", []graph.LinkType{graph.SameAs}},
		{"auditor of", "", []graph.LinkType{graph.Associate}},
	} {
		if got := linkTypes(c.rel, c.role); !slices.Equal(got, c.want) {
			t.Errorf("linkTypes(%q, %q) = %v, want %v", c.rel, c.role, got, c.want)
		}
	}
}

func TestMalformed(t *testing.T) {
	dir := t.TempDir()
	ents := filepath.Join(dir, "nodes-entities.csv")
	rels := filepath.Join(dir, "relationships.csv")
	if err := os.WriteFile(ents, []byte(entitiesHeader+"\n"+
		`10000001,"PAN ASIA TRADING LTD.",,,BVI,British Virgin Islands,,,,,,,,,,,VGB,British Virgin Islands,Panama Papers,,`+"\n"+
		`x1,"BAD ID LTD.",,,BVI,British Virgin Islands,,,,,,,,,,,VGB,British Virgin Islands,Panama Papers,,`+"\n"+
		`10000003,"SHORT ROW LTD.",,,BVI`+"\n"+
		`10000004,,,,BVI,British Virgin Islands,,,,,,,,,,,VGB,British Virgin Islands,Panama Papers,,`+"\n"+
		`10000005,"BARE "QUOTE" LTD.",,,BVI,British Virgin Islands,,,,,,,,,,,VGB,,Panama Papers,,`+"\n"+
		`10000006,"GOOD AFTER LTD.",,,BVI,British Virgin Islands,,,,,,,,,,,VGB,British Virgin Islands,Panama Papers,,`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rels, []byte(relationshipsHeader+"\n"+
		`10000001,10000006,same_name_as,,,,,Panama Papers`+"\n"+
		`10000001,,officer_of,Director of,,,,Panama Papers`+"\n"+
		`10000001,10000006,,,,,,Panama Papers`+"\n"+
		`10000006,10000001,officer_of,Shareholder of,,bad date,,Panama Papers`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, rels, ents)
	want := []struct {
		file  string
		line  int
		field string
		in    string
	}{
		{ents, 3, "node_id", "not a node id"},
		{ents, 4, "", "5 columns, the header has 21"},
		{ents, 5, "name", "empty"},
		{ents, 6, "", "quote"},
		{rels, 3, "node_id_end", "not a node id"},
		{rels, 4, "rel_type", "empty"},
	}
	if len(got.rejects) != len(want) {
		t.Fatalf("rejects %v", got.rejects)
	}
	for i, w := range want {
		r := got.rejects[i]
		if r.Pos.File != w.file || r.Pos.Line != w.line || r.Field != w.field || !strings.Contains(r.Reason, w.in) {
			t.Errorf("reject %d = %v, want %s line %d %s …%s…", i, r, filepath.Base(w.file), w.line, w.field, w.in)
		}
	}
	if _, ok := got.entities["icij-10000006"]; !ok || len(got.entities) != 2 || len(got.links) != 2 {
		t.Errorf("loaded %d entities, %d links", len(got.entities), len(got.links))
	}
	if l := got.link("icij-10000006", "icij-10000001", graph.Owns); l == nil || l.Prop("start_date") != "bad date" || l.Prop("start") != "" {
		t.Errorf("unparsed date kept as written, not as start: %v", l)
	}
}

func TestDetect(t *testing.T) {
	dirs := []string{bundle(t), bundle2016(t)}
	for _, b := range bundleFiles {
		var p string
		for _, dir := range dirs {
			for _, f := range bundleIn(dir) {
				if strings.EqualFold(filepath.Base(f), b.name) {
					p = f
				}
			}
		}
		head, _ := os.ReadFile(p)
		if !Detect(p, head) {
			t.Errorf("Detect(%s) = false", b.name)
		}
		// A renamed file is recognised by its header.
		if !Detect(filepath.Join(t.TempDir(), "renamed.csv"), head) {
			t.Errorf("Detect(renamed %s) = false", b.name)
		}
	}
	for _, dir := range dirs {
		if !Detect(dir, nil) {
			t.Errorf("Detect(bundle folder %s) = false", dir)
		}
	}
	for _, head := range []string{
		"id,kind,name\nglocom,Company,Glocom\n",
		"from,to,type\nglocom,rgb,REPRESENTS\n",
		"node_id,name\n1,x\n",
		`{"id":"x","schema":"Company","properties":{}}` + "\n",
		"36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
	} {
		if Detect(filepath.Join(t.TempDir(), "x.csv"), []byte(head)) {
			t.Errorf("Detect(%.40q) = true", head)
		}
	}
	if Detect(t.TempDir(), nil) {
		t.Error("Detect(empty folder) = true")
	}
}

func BenchmarkRead(b *testing.B) {
	dir := b.TempDir()
	var sb strings.Builder
	sb.WriteString(relationshipsHeader + "\n")
	for i := range 100000 {
		sb.WriteString("1200000" + string(rune('0'+i%10)) + ",1000000" + string(rune('0'+i%7)) + ",officer_of,Director of,,23-MAR-2006,,Panama Papers\n")
	}
	p := filepath.Join(dir, "relationships.csv")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if got := readAll(b, p); len(got.links) != 100000 {
			b.Fatal(len(got.links))
		}
	}
}

func FuzzICIJ(f *testing.F) {
	f.Add([]byte(entitiesHeader+"\n10000001,\"A LTD\",,,BVI,British Virgin Islands,,,,23-MAR-2006,,,,,,,VGB,,Panama Papers,,\n"),
		[]byte(relationshipsHeader+"\n1,2,officer_of,Director of,,23-MAR-2006,,x\n"))
	f.Add([]byte("node_id,name\n\"1\n"), []byte("node_id_start,node_id_end,rel_type\n1,2\n"))
	f.Fuzz(func(t *testing.T, ents, rels []byte) {
		fuzzBundle(t, map[string][]byte{"nodes-entities.csv": ents, "relationships.csv": rels})
	})
}

// fuzzBundle reads a bundle of the given files: every reject has a line,
// every link both ends and a type.
func fuzzBundle(t *testing.T, files map[string][]byte) {
	dir := t.TempDir()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_ = Detect(dir, nil)
	r, err := Open([]string{dir}, ingest.ReadOptions{})
	if err != nil {
		return
	}
	defer r.Close()
	for {
		rec, err := r.Next(context.Background())
		var re *ingest.RecordError
		if errors.As(err, &re) {
			if re.Pos.Line <= 0 {
				t.Fatalf("reject without line: %v", re)
			}
			continue
		}
		if err != nil {
			return // io.EOF, or a file that cannot be read as a bundle
		}
		for _, l := range rec.Links {
			if l.From == "" || l.To == "" || l.Type == "" {
				t.Fatalf("link %+v", l)
			}
		}
	}
}
