package all_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all"
)

// ingest.Detect, with every format registered, picks the right format for
// each reader's files and none for a file of no known format: no format
// claims another's files.
func TestDetect(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"nodes-entities.csv": "node_id,name,original_name,former_name,jurisdiction,jurisdiction_description,company_type,address,internal_id,incorporation_date,inactivation_date,struck_off_date,dorm_date,status,service_provider,ibcRUC,country_codes,countries,sourceID,valid_until,note\n" +
			"10000001,\"PAN ASIA TRADING LTD.\",,,BVI,British Virgin Islands,,,,23-MAR-2006,,,,Active,,,HKG,Hong Kong,Panama Papers,,\n",
		"nodes-officers.csv":       "node_id,name,countries,country_codes,sourceID,valid_until,note\n12000001,KIM SOO IN,South Korea,KOR,Panama Papers,,\n",
		"nodes-intermediaries.csv": "node_id,name,status,internal_id,address,countries,country_codes,sourceID,valid_until,note\n11000001,MOSSACK FONSECA,ACTIVE,1,,Panama,PAN,Panama Papers,,\n",
		"nodes-addresses.csv":      "node_id,address,name,countries,country_codes,sourceID,valid_until,note\n14000001,\"ROAD TOWN, TORTOLA\",,British Virgin Islands,VGB,Panama Papers,,\n",
		"nodes-others.csv":         "node_id,name,type,incorporation_date,struck_off_date,closed_date,jurisdiction,jurisdiction_description,countries,country_codes,sourceID,valid_until,note\n85000001,PAN ASIA FOUNDATION,FOUNDATION,,,,PAN,Panama,Panama,PAN,Paradise Papers,,\n",
		"relationships.csv":        "node_id_start,node_id_end,rel_type,link,status,start_date,end_date,sourceID\n12000001,10000001,officer_of,Director of,,,,Panama Papers\n",
		"scan.jsonl":               `{"ip_str":"175.45.178.10","port":80,"org":"Star JV","asn":"AS131279","location":{"country_code":"KP"},"product":"Microsoft IIS httpd","data":""}` + "\n",
		"host.json":                `{"ip_str":"175.45.178.10","asn":"AS131279","country_code":"KP","data":[{"port":80,"data":""}]}` + "\n",
		"sdn_comments.csv":         "17017,\"LIC JOINT STOCK COMPANY.\"\r\n\x1a",
		"glocom.ftm.jsonl":         `{"id":"glocom","schema":"Company","properties":{"name":["Glocom"],"country":["my"]}}` + "\n",
		"entities.csv":             "id,kind,name,countries\nglocom,Company,Glocom,MY\n",
		"links.csv":                "from,to,type\nglocom,rgb,REPRESENTS\n",
		"notes.txt":                "The SDN list, the UN list and the Offshore Leaks are public.\n",
		"table.csv":                "name,amount\nGlocom,100\n",
		"page.xml":                 `<?xml version="1.0"?><html><body>CONSOLIDATED_LIST</body></html>`,
		"array.json":               `[{"ip_str":"1.2.3.4"}]`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	for _, c := range []struct{ path, want string }{
		{"../ofac/testdata/sdn.csv", "ofac"},
		{"../ofac/testdata/add.csv", "ofac"},
		{"../ofac/testdata/alt.csv", "ofac"},
		{in("sdn_comments.csv"), "ofac"},
		{"../un/testdata/consolidated.xml", "un"},
		{in("nodes-entities.csv"), "icij"},
		{in("nodes-officers.csv"), "icij"},
		{in("nodes-intermediaries.csv"), "icij"},
		{in("nodes-addresses.csv"), "icij"},
		{in("nodes-others.csv"), "icij"},
		{in("relationships.csv"), "icij"},
		{in("scan.jsonl"), "shodan"},
		{in("host.json"), "shodan"},
		{in("glocom.ftm.jsonl"), "ftm"},
		{in("entities.csv"), "csv"},
		{in("links.csv"), "csv"},
		{in("notes.txt"), ""},
		{in("table.csv"), ""},
		{in("page.xml"), ""},
		{in("array.json"), "shodan"},
		{"../shodan/testdata/hosts/52.59.122.122.json", "shodan"},
		{"../simplecsv/testdata/eu-cor.targets.simple.csv", "opensanctions-csv"},
		{"../simplecsv/testdata/wikidata-peps.targets.simple.csv", "opensanctions-csv"},
		{"../simplecsv/testdata/ransomwhere.targets.simple.csv", "opensanctions-csv"},
		{"../ofac/testdata/PROVENANCE.md", ""},
	} {
		f, err := ingest.Detect(c.path)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("Detect(%s) = %s, want no format", filepath.Base(c.path), f.Name)
		case c.want != "" && err != nil:
			t.Errorf("Detect(%s): %v, want %s", filepath.Base(c.path), err, c.want)
		case c.want != "" && f.Name != c.want:
			t.Errorf("Detect(%s) = %s, want %s", filepath.Base(c.path), f.Name, c.want)
		}
	}
}
