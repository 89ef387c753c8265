package icij

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
)

// The headers of the Panama Papers release of May 2016, as its files
// opened (Entities.csv, Officers.csv, Intermediaries.csv, Addresses.csv,
// all_edges.csv): node_id near the end, an icij_id hash, and edges whose
// rel_type is the role.
const (
	entities2016Header       = "name,original_name,former_name,jurisdiction,jurisdiction_description,company_type,address,internal_id,incorporation_date,inactivation_date,struck_off_date,dorm_date,status,service_provider,ibcRUC,country_codes,countries,note,valid_until,node_id,sourceID"
	officers2016Header       = "name,icij_id,valid_until,country_codes,countries,node_id,sourceID"
	intermediaries2016Header = "name,internal_id,address,valid_until,country_codes,countries,status,node_id,sourceID"
	addresses2016Header      = "address,icij_id,valid_until,country_codes,countries,node_id,sourceID"
	edges2016Header          = "node_1,rel_type,node_2"
)

// bundle2016 writes a bundle in the 2016 layout. Its values are those of
// the first nodes of the release as ICIJ's database shows them (node
// 10000001 TIANSHENG INDUSTRY AND TRADING CO., LTD., officer 12000001,
// intermediary 11000001); the rows are put together here because no copy
// of the 2016 files is public outside ICIJ's download.
func bundle2016(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	const until = "The Panama Papers data is current through 2015"
	files := map[string][]string{
		"Entities.csv": {entities2016Header,
			`"TIANSHENG INDUSTRY AND TRADING CO., LTD.","TIANSHENG INDUSTRY AND TRADING CO., LTD.",,SAM,Samoa,,"ORION HOUSE SERVICES (HK) LIMITED ROOM 1401; 14/F.; WORLD COMMERCE  CENTRE; HARBOUR CITY; 7-11 CANTON ROAD; TSIM SHA TSUI; KOWLOON; HONG KONG",1001256,23-MAR-2006,18-FEB-2013,15-FEB-2013,,Defaulted,Mossack Fonseca,25221,HKG,Hong Kong,,` + until + `,10000001,Panama Papers`,
			`"NINGBO SUNRISE ENTERPRISES UNITED CO., LTD.","NINGBO SUNRISE ENTERPRISES UNITED CO., LTD.",,SAM,Samoa,,,1001263,27-MAR-2006,27-FEB-2014,15-FEB-2014,,Defaulted,Mossack Fonseca,25249,HKG,Hong Kong,,` + until + `,10000002,Panama Papers`,
		},
		"Officers.csv": {officers2016Header,
			`KIM SOO IN,E72326DEA50F1A9C2876E112AAEB42BC,` + until + `,KOR,South Korea,12000001,Panama Papers`,
			`Tian Yuan,58287E0FD37852000D9D5AB8B27A2581,` + until + `,CHN,China,12000002,Panama Papers`,
		},
		"Intermediaries.csv": {intermediaries2016Header,
			`"MICHAEL PAPAGEORGE, MR.",10001,MICHAEL PAPAGEORGE; MR. 106 NICHOLSON STREET BROOKLYN PRETORIA 0181 SOUTH AFRICA,` + until + `,ZAF,South Africa,ACTIVE,11000001,Panama Papers`,
		},
		"Addresses.csv": {addresses2016Header,
			`"ORION HOUSE SERVICES (HK) LIMITED ROOM 1401; 14/F.; WORLD COMMERCE  CENTRE; HARBOUR CITY; 7-11 CANTON ROAD; TSIM SHA TSUI; KOWLOON; HONG KONG",6991059DFFB057DF310B9BF31CC4A0E6,` + until + `,HKG,Hong Kong,14000001,Panama Papers`,
		},
		"all_edges.csv": {edges2016Header,
			`11000001,intermediary of,10000001`,
			`12000001,shareholder of,10000001`,
			`12000002,Director and Shareholder of,10000002`,
			`10000001,registered address,14000001`,
			`10000001,similar name and address as,10000002`,
			`12000001,Beneficiary of,10000002`,
		},
	}
	for name, lines := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Every file of the 2016 layout reads into the same entities and link
// types as the current layout would give: node ids found wherever the
// column is, the role in rel_type mapped as the link column's is.
func TestBundle2016(t *testing.T) {
	got := readAll(t, bundle2016(t))
	if len(got.rejects) > 0 {
		t.Fatalf("rejects %v", got.rejects)
	}
	if len(got.entities) != 6 || len(got.recs) != 12 {
		t.Fatalf("%d entities, %d records, want 6 and 12", len(got.entities), len(got.recs))
	}
	ts := got.entities["icij-10000001"]
	if ts.Kind != graph.Company || ts.Name != "TIANSHENG INDUSTRY AND TRADING CO., LTD." || !slices.Equal(ts.Countries, []string{"WS", "HK"}) ||
		ts.Props["incorporation_date"] != "2006-03-23" || ts.Props["ibcRUC"] != "25221" || ts.Props["source_id"] != "Panama Papers" {
		t.Errorf("entity = %+v", ts)
	}
	if o := got.entities["icij-12000001"]; o.Kind != graph.LegalEntity || o.Name != "KIM SOO IN" || !slices.Equal(o.Countries, []string{"KR"}) || o.Props["icij_id"] != "E72326DEA50F1A9C2876E112AAEB42BC" {
		t.Errorf("officer = %+v", o)
	}
	if a := got.entities["icij-14000001"]; a.Kind != graph.Address || !strings.HasPrefix(a.Name, "ORION HOUSE") {
		t.Errorf("address = %+v", a)
	}
	if i := got.entities["icij-11000001"]; i.Kind != graph.LegalEntity || i.Props["icij_type"] != "Intermediary" {
		t.Errorf("intermediary = %+v", i)
	}
	for _, w := range []struct {
		from, to string
		typ      graph.LinkType
	}{
		{"icij-11000001", "icij-10000001", graph.Represents},
		{"icij-12000001", "icij-10000001", graph.Owns},
		{"icij-12000002", "icij-10000002", graph.Directs},
		{"icij-12000002", "icij-10000002", graph.Owns},
		{"icij-10000001", "icij-14000001", graph.LocatedAt},
		{"icij-10000001", "icij-10000002", graph.SameAs},
		{"icij-12000001", "icij-10000002", graph.Owns},
	} {
		if got.link(w.from, w.to, w.typ) == nil {
			t.Errorf("no %s %s %s", w.from, w.typ, w.to)
		}
	}
	if len(got.links) != 7 {
		t.Errorf("%d links, want 7", len(got.links))
	}
	if l := got.link("icij-12000001", "icij-10000001", graph.Owns); l.Prop("role") != "shareholder of" || l.Prop("rel_type") != "shareholder of" {
		t.Errorf("link props %v", l.Props)
	}
	if d := readertest.Dangling(got.links, got.entities); len(d) > 0 {
		t.Errorf("link ends not in the bundle: %v", d)
	}
}

func FuzzICIJ2016(f *testing.F) {
	f.Add([]byte(entities2016Header+"\n\"A LTD\",,,SAM,Samoa,,,1,23-MAR-2006,,,,Active,,,HKG,Hong Kong,,x,10000001,Panama Papers\n"),
		[]byte(edges2016Header+"\n12000001,shareholder of,10000001\n11000001,intermediary of,10000001\n"))
	f.Add([]byte(officers2016Header+"\nKIM,,,,,\"12\n"), []byte("node_1,rel_type,node_2\n1,similar name and address as\n"))
	f.Fuzz(func(t *testing.T, nodes, edges []byte) {
		fuzzBundle(t, map[string][]byte{"Entities.csv": nodes, "all_edges.csv": edges})
	})
}
