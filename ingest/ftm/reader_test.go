package ftm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/ftm"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the reader's output")

const sample = "testdata/opensanctions.ftm.jsonl"

// readAll reads every record of a file, with the record errors apart.
func readAll(t *testing.T, path string) ([]ingest.Record, []*ingest.RecordError) {
	t.Helper()
	r, err := ftm.Open([]string{path}, ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var recs []ingest.Record
	var bad []*ingest.RecordError
	for {
		rec, err := r.Next(context.Background())
		if err == io.EOF {
			return recs, bad
		}
		var re *ingest.RecordError
		if errors.As(err, &re) {
			bad = append(bad, re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		head string
		want bool
	}{
		{"opensanctions", firstLines(t, sample, 2), true},
		{"blank lines first", "\n\n  " + firstLines(t, sample, 1), true},
		{"byte order mark", "\ufeff" + firstLines(t, sample, 1), true},
		{"long first line", `{"id":"x","schema":"Company","properties":{"notes":["` + strings.Repeat("a", ingest.HeadSize) + `"]}}`, true},
		{"generic csv", "id,kind,name\nx,Company,X\n", false},
		{"json without properties", `{"id":"x","schema":"Company"}` + "\n", false},
		{"json array", `[{"id":"x","schema":"Company","properties":{}}]`, false},
		{"shodan banner", `{"ip_str":"175.45.176.1","org":"Star JV","location":{"country_code":"KP"}}` + "\n", false},
		{"ofac sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- \r\n", false},
		{"empty", "", false},
	} {
		head := []byte(tc.head)
		if len(head) > ingest.HeadSize {
			head = head[:ingest.HeadSize]
		}
		if got := ftm.Detect("x", head); got != tc.want {
			t.Errorf("%s: Detect = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func firstLines(t *testing.T, path string, n int) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	return strings.Join(lines[:n], "")
}

// TestGolden compares what the reader makes of the sample, record by
// record, with testdata/records.golden.json.
func TestGolden(t *testing.T) {
	recs, bad := readAll(t, sample)
	if len(bad) > 0 {
		t.Fatalf("sample has bad records: %v", bad)
	}
	got, err := json.MarshalIndent(recs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := "testdata/records.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./ingest/ftm -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("records differ from %s (run with -update after a deliberate change and review the diff)\n%s", golden, firstDiff(got, want))
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < min(len(al), len(bl)); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + al[i] + "\n want " + bl[i]
		}
	}
	return "lengths differ"
}

// byID indexes the sample's records: entities by id (fragments in order)
// and links by id.
func byID(recs []ingest.Record) (map[string][]graph.Entity, map[string]graph.Link, map[string]graph.Link) {
	ents := map[string][]graph.Entity{}
	links := map[string]graph.Link{}
	hints := map[string]graph.Link{}
	for _, r := range recs {
		for _, e := range r.Entities {
			ents[e.ID] = append(ents[e.ID], e)
		}
		for _, l := range r.Links {
			links[l.ID] = l
		}
		for _, l := range r.Hints {
			hints[l.ID] = l
		}
	}
	return ents, links, hints
}

// TestMapping checks the mapping of each schema against DESIGN.md's table.
func TestMapping(t *testing.T) {
	recs, _ := readAll(t, sample)
	ents, links, hints := byID(recs)

	rgb := ents["NK-3wQ4Ux7P3Xk5dC9bq5ZK2e"][0]
	if rgb.Kind != graph.Organization || rgb.Name != "Reconnaissance General Bureau" {
		t.Errorf("RGB: kind %s name %q", rgb.Kind, rgb.Name)
	}
	if want := []string{"Chongchal Chongguk", "RGB", "KPA Unit 586", "Unit 586"}; !slices.Equal(rgb.Aliases, want) {
		t.Errorf("RGB aliases %q, want %q (second name, alias, weakAlias)", rgb.Aliases, want)
	}
	if !slices.Equal(rgb.Tags, []string{"sanction", "gov.security"}) {
		t.Errorf("RGB tags %q: want the topics", rgb.Tags)
	}
	for k, want := range map[string]any{
		"caption": "Reconnaissance General Bureau", "datasets": []string{"us_ofac_sdn", "un_sc_sanctions"},
		"first_seen": "2016-03-03T00:00:00", "last_seen": "2024-05-01T06:12:31", "target": true,
		"address": "Hyongjesan-Guyok, Pyongyang", "last_change": "2023-11-02T10:00:00",
	} {
		if got, _ := json.Marshal(rgb.Props[k]); string(got) != mustJSON(want) {
			t.Errorf("RGB prop %s = %s, want %s", k, got, mustJSON(want))
		}
	}
	seen := time.Date(2024, 5, 1, 6, 12, 31, 0, time.UTC)
	if len(rgb.Sources) != 2 || rgb.Sources[0] != (graph.Source{Dataset: "us_ofac_sdn", Record: "opensanctions.ftm.jsonl:1", Seen: seen}) || rgb.Sources[1].Dataset != "un_sc_sanctions" {
		t.Errorf("RGB sources %+v: want one per dataset, with file:line and last_seen", rgb.Sources)
	}
	for _, ref := range []string{"ofac-12210", "unsc-6908519", "NK-old-rgb"} {
		h, ok := hints[graph.LinkID(rgb.ID, graph.SameAs, ref)]
		if !ok || h.Type != graph.SameAs || h.To != ref {
			t.Errorf("referent %s: no SAME_AS hint", ref)
		}
	}

	kkbc := ents["NK-KwangsonBank"]
	if len(kkbc) != 2 {
		t.Fatalf("KKBC: %d fragments, want 2 (two lines share the id)", len(kkbc))
	}
	ids := kkbc[0].Identifiers
	for scheme, want := range map[string][]string{
		graph.IDSwift: {"KKBC KP PY"}, graph.IDRegistration: {"KP-0042-77", "1027700000000"},
		graph.IDWebsite: {"https://www.KKBC.example/"}, graph.IDEmail: {"Info@KKBC.example"},
		graph.IDPhone: {"+850 2 381 0000"}, graph.IDTax: {"7701234567"}, graph.IDLEI: {"549300EXAMPLE0000042"},
	} {
		if !slices.Equal(ids[scheme], want) {
			t.Errorf("KKBC identifiers[%s] = %q, want %q (the reader keeps values; the pipeline normalises)", scheme, ids[scheme], want)
		}
	}
	if !slices.Equal(kkbc[0].Countries, []string{"kp"}) || !slices.Equal(kkbc[1].Countries, []string{"Korea, North"}) {
		t.Errorf("KKBC countries %q / %q: want jurisdiction and country as written", kkbc[0].Countries, kkbc[1].Countries)
	}
	if l := links[graph.LinkID("NK-KwangsonBank", graph.LocatedAt, "addr-pyongyang-1")]; l.Type != graph.LocatedAt {
		t.Errorf("addressEntity: want a LOCATED_AT link")
	}

	choe := ents["NK-ChoeKyongSong"][0]
	if !slices.Equal(choe.Countries, []string{"kp", "Democratic People's Republic of Korea"}) {
		t.Errorf("CHOE countries %q: want nationality and citizenship", choe.Countries)
	}
	if !slices.Equal(choe.Identifiers[graph.IDPassport], []string{"745410100"}) || !slices.Equal(choe.Identifiers[graph.IDNationalID], []string{"PK-1970-001"}) {
		t.Errorf("CHOE identifiers %v", choe.Identifiers)
	}
	if choe.Props["birthDate"] != "1970-01-01" || choe.Props["gender"] != "male" {
		t.Errorf("CHOE props %v: other properties must be kept", choe.Props)
	}

	for id, kind := range map[string]graph.Kind{
		"NK-GlobalTradeLE": graph.LegalEntity, "NK-MinistryPublicBody": graph.Organization,
		"acct-kkbc-usd": graph.BankAccount, "addr-pyongyang-1": graph.Address,
		"NK-Vessel-Chongchongang": graph.Vessel, "NK-Airplane-1": graph.Aircraft,
	} {
		if got := ents[id][0].Kind; got != kind {
			t.Errorf("%s: kind %s, want %s", id, got, kind)
		}
	}
	if a := ents["addr-pyongyang-1"][0]; a.Name != "Jungsong-dong, Sungri Street, Pyongyang, North Korea" {
		t.Errorf("address name %q: want its full form", a.Name)
	}
	if a := ents["acct-front-usd"][0]; a.Name != "123-456-789" {
		t.Errorf("unnamed account name %q: want its account number", a.Name)
	}
	if v := ents["NK-Vessel-Chongchongang"][0]; !slices.Equal(v.Countries, []string{"kp"}) || !slices.Equal(v.Identifiers[graph.IDIMO], []string{"IMO 7937317"}) {
		t.Errorf("vessel: countries %q (want the flag), identifiers %v", v.Countries, v.Identifiers)
	}
	if w := ents["NK-WorldHub"][0]; !slices.Equal(w.Countries, []string{"vg"}) || mustJSON(w.Props["other_countries"]) != `["zz"]` {
		t.Errorf("World Hub: countries %q, other_countries %v: FtM's zz is kept apart", w.Countries, w.Props["other_countries"])
	}

	for _, tc := range []struct {
		id       string
		from, to string
		typ      graph.LinkType
		props    map[string]any
	}{
		{"own-rgb-kkbc", "NK-3wQ4Ux7P3Xk5dC9bq5ZK2e", "NK-KwangsonBank", graph.Owns, map[string]any{"percentage": 60.0, "start": "2009-01-01", "end": "2020-12-31", "sharesValue": "1000000", "ownershipType": "direct"}},
		{"own-kkbc-account", "NK-KwangsonBank", "acct-kkbc-usd", graph.Owns, map[string]any{"start": "2015"}},
		{"dir-choe-rgb", "NK-ChoeKyongSong", "NK-3wQ4Ux7P3Xk5dC9bq5ZK2e", graph.Directs, map[string]any{"role": "Commander", "start": "2016-02"}},
		{"pay-front-world", "NK-PyongsuFrontCo", "NK-WorldHub", graph.Pays, map[string]any{"amount": 48600.0, "currency": "USD", "date": "2016-04-18", "goods": "laptops and radios", "programme": "none"}},
		{"rep-world-kkbc", "NK-WorldHub", "NK-KwangsonBank", graph.Represents, map[string]any{"role": "nominee"}},
		{"emp-kkbc-kim", "NK-KwangsonBank", "NK-KimSonHye", graph.Employs, map[string]any{"role": "representative in Malaysia"}},
		{"mem-choe-ministry", "NK-ChoeKyongSong", "NK-MinistryPublicBody", graph.MemberOf, map[string]any{"role": "board member"}},
		{"assoc-kim-kim", "NK-KimSonHye", "NK-KimJongSu", graph.Associate, map[string]any{"relationship": "business partner"}},
		{"fam-kim-kim", "NK-KimJongSu", "NK-KimSonHye", graph.Family, map[string]any{"relationship": "spouse"}},
		{"unk-world-pyongsu-supply", "NK-WorldHub", "NK-PyongsuFrontCo", graph.Supplies, map[string]any{"role": "Reseller", "start": "2016-01", "description": "radio parts"}},
		{"unk-world-le", "NK-WorldHub", "NK-GlobalTradeLE", graph.Associate, map[string]any{"role": "shared office"}},
		{graph.LinkID("NK-PyongsuFrontCo", graph.HoldsAccount, "acct-front-usd"), "NK-PyongsuFrontCo", "acct-front-usd", graph.HoldsAccount, nil},
		{graph.LinkID("NK-WorldHub", graph.HoldsAccount, "acct-kkbc-usd"), "NK-WorldHub", "acct-kkbc-usd", graph.HoldsAccount, nil},
	} {
		l, ok := links[tc.id]
		if !ok {
			t.Errorf("%s: no link", tc.id)
			continue
		}
		if l.From != tc.from || l.To != tc.to || l.Type != tc.typ {
			t.Errorf("%s: %s -%s-> %s, want %s -%s-> %s", tc.id, l.From, l.Type, l.To, tc.from, tc.typ, tc.to)
		}
		for k, v := range tc.props {
			if mustJSON(l.Props[k]) != mustJSON(v) {
				t.Errorf("%s: prop %s = %v, want %v", tc.id, k, l.Props[k], v)
			}
		}
	}

	// Sanctions are fragments of their entity: listings and the tag.
	var listings []graph.Sanction
	for _, f := range ents["NK-3wQ4Ux7P3Xk5dC9bq5ZK2e"][1:] {
		if f.Kind != "" || !slices.Contains(f.Tags, graph.TagSanction) {
			t.Errorf("sanction fragment %+v: want no kind and the sanction tag", f)
		}
		listings = append(listings, f.Sanctions...)
	}
	want := []graph.Sanction{
		{Authority: "OFAC", Program: "DPRK", Listed: time.Date(2015, 1, 2, 0, 0, 0, 0, time.UTC), Reference: "12210"},
		{Authority: "OFAC", Program: "DPRK2", Listed: time.Date(2015, 1, 2, 0, 0, 0, 0, time.UTC), Reference: "12210"},
		{Authority: "UN", Program: "DPRK", Listed: time.Date(2016, 3, 2, 0, 0, 0, 0, time.UTC), Reference: "KPe.031"},
	}
	if !slices.Equal(listings, want) {
		t.Errorf("RGB listings\n got  %+v\n want %+v", listings, want)
	}
	if kim := ents["NK-KimJongSu"]; len(kim) != 2 || !slices.Equal(kim[1].Identifiers[graph.IDPassport], []string{"836110035"}) {
		t.Errorf("Passport: want a fragment adding the number to its holder, got %+v", kim)
	}
	if kim := ents["NK-KimSonHye"]; len(kim) != 2 || !slices.Equal(kim[1].Identifiers[graph.IDNationalID], []string{"MY 700101-14-5555"}) {
		t.Errorf("Identification: want a fragment adding the number to its holder, got %+v", kim)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestBadRecords checks that each bad line is a record error carrying its
// line, and that reading goes on after it.
func TestBadRecords(t *testing.T) {
	recs, bad := readAll(t, "testdata/bad.ftm.jsonl")
	var lines []int
	for _, r := range recs {
		lines = append(lines, r.Pos.Line)
	}
	// Lines 6 (unknown country), 8 and 9 (unknown entities) read well;
	// the pipeline rejects them (see ingest's tests).
	if want := []int{1, 6, 8, 9, 11}; !slices.Equal(lines, want) {
		t.Errorf("good records on lines %v, want %v", lines, want)
	}
	type badLine struct {
		line  int
		field string
		says  string
	}
	wantBad := []badLine{{2, "schema", `"Position" is not mapped`}, {3, "id", "missing"}, {4, "schema", "missing"}, {5, "", "invalid JSON"}, {7, "asset", "missing"}}
	if len(bad) != len(wantBad) {
		t.Fatalf("%d record errors, want %d: %v", len(bad), len(wantBad), bad)
	}
	for i, w := range wantBad {
		b := bad[i]
		if b.Pos.File != "testdata/bad.ftm.jsonl" || b.Pos.Line != w.line || b.Field != w.field || !strings.Contains(b.Reason, w.says) || b.Raw == "" {
			t.Errorf("record error %d: %+v, want line %d field %q reason with %q and the raw line", i, b, w.line, w.field, w.says)
		}
	}
}

// TestSeveralFiles reads two files as one source, with positions per file.
func TestSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.ftm.jsonl"), filepath.Join(dir, "b.ftm.jsonl")
	os.WriteFile(a, []byte(`{"id":"a","schema":"Company","properties":{"name":["A"]}}`+"\n"), 0o644)
	os.WriteFile(b, []byte("\n"+`{"id":"b","schema":"Person","properties":{"name":["B"]}}`), 0o644)
	r, err := ftm.Open([]string{a, b}, ingest.ReadOptions{Dataset: "mine"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	for {
		rec, err := r.Next(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		e := rec.Entities[0]
		got = append(got, filepath.Base(rec.Pos.File)+":"+strconv.Itoa(rec.Pos.Line)+":"+e.ID+":"+e.Sources[0].Dataset)
	}
	if want := []string{"a.ftm.jsonl:1:a:mine", "b.ftm.jsonl:2:b:mine"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
