package ofac

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// loaded is everything a load yielded.
type loaded struct {
	recs     []ingest.Record
	rejects  []*ingest.RecordError
	stats    Stats
	entities map[string]graph.Entity
	links    []graph.Link
	notes    []string
}

func readAll(t testing.TB, paths ...string) loaded {
	t.Helper()
	r, err := OpenAny(paths, ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := loaded{entities: map[string]graph.Entity{}}
	for {
		rec, err := r.Next(context.Background())
		if err == io.EOF {
			break
		}
		var re *ingest.RecordError
		if errors.As(err, &re) {
			out.rejects = append(out.rejects, re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out.recs = append(out.recs, rec)
		for _, e := range rec.Entities {
			if _, dup := out.entities[e.ID]; dup {
				t.Fatalf("%s: entity %s yielded twice", rec.Pos, e.ID)
			}
			out.entities[e.ID] = e
		}
		out.links = append(out.links, rec.Links...)
		out.notes = append(out.notes, rec.Notes...)
	}
	if st, ok := r.(interface{ Stats() Stats }); ok {
		out.stats = st.Stats()
	}
	return out
}

// The counts are those of the files (testdata/PROVENANCE.md), checked with
// Python's csv module: 8,890 entries (4,566 individuals, 403 vessels, 277
// aircraft, 3,644 without a type), 13,761 address rows of which 9,510 have
// a street or a city, 11,742 alias rows.
func TestFullSet(t *testing.T) {
	got := readAll(t, "testdata")
	if len(got.rejects) > 0 {
		t.Fatalf("%d rejects, first: %v", len(got.rejects), got.rejects[0])
	}
	if len(got.recs) != 8890 {
		t.Errorf("records = %d, want 8890", len(got.recs))
	}
	want := Stats{Entries: 8890, Addresses: 13761, Aliases: 11742, Linked: 3361, Unlinked: 12}
	if got.stats != want {
		t.Errorf("stats = %+v, want %+v", got.stats, want)
	}
	kinds := map[graph.Kind]int{}
	aliases := 0
	for _, rec := range got.recs {
		e := rec.Entities[0]
		kinds[e.Kind]++
		aliases += len(e.Aliases)
		if !strings.HasPrefix(e.ID, "ofac-") || e.Identifiers[graph.IDOFAC][0] != strings.TrimPrefix(e.ID, "ofac-") {
			t.Fatalf("%s: id %s, ofac identifier %v", rec.Pos, e.ID, e.Identifiers[graph.IDOFAC])
		}
		if !e.HasTag(graph.TagSanction) || len(e.Sanctions) == 0 {
			t.Fatalf("%s: %s not listed", rec.Pos, e.ID)
		}
	}
	if kinds[graph.Person] != 4566 || kinds[graph.Vessel] != 403 || kinds[graph.Aircraft] != 277 || kinds[graph.Company]+kinds[graph.Organization] != 3644 {
		t.Errorf("kinds = %v", kinds)
	}
	// Six alias rows repeat the entry's name or another alias of the entry
	// (two repeats, four equal to the name): 11,742 rows, 11,736 aliases.
	if aliases != 11736 {
		t.Errorf("aliases on entities = %d, want 11736", aliases)
	}
	located, addresses := 0, 0
	for _, l := range got.links {
		if l.Type == graph.LocatedAt {
			located++
			if got.entities[l.To].Kind != graph.Address || got.entities[l.From].ID == "" {
				t.Fatalf("link %s: ends not loaded", l.ID)
			}
		}
		if _, ok := got.entities[l.To]; !ok {
			t.Fatalf("link %s: %s not in the load", l.ID, l.To)
		}
		if _, ok := got.entities[l.From]; !ok {
			t.Fatalf("link %s: %s not in the load", l.ID, l.From)
		}
	}
	for _, e := range got.entities {
		if e.Kind == graph.Address {
			addresses++
		}
	}
	if located != 9510 || addresses != 9510 {
		t.Errorf("LOCATED_AT links %d, Address entities %d; want 9510 each", located, addresses)
	}
	if len(got.notes) != 12 {
		t.Errorf("notes = %d, want 12 (unresolved Linked To)", len(got.notes))
	}
}

func TestDPRK(t *testing.T) {
	got := readAll(t, "testdata/sdn.csv", "testdata/add.csv", "testdata/alt.csv")
	byName := map[string][]string{}
	var dprk []graph.Entity
	for _, rec := range got.recs {
		e := rec.Entities[0]
		for _, n := range e.Names() {
			byName[strings.ToUpper(n)] = append(byName[strings.ToUpper(n)], e.ID)
		}
		if slices.ContainsFunc(e.Sanctions, func(s graph.Sanction) bool { return strings.HasPrefix(s.Program, "DPRK") }) {
			dprk = append(dprk, e)
		}
	}
	if len(dprk) != 414 {
		t.Errorf("entries on DPRK programs = %d, want 414", len(dprk))
	}
	for _, e := range dprk {
		for _, n := range e.Names() {
			if !slices.Contains(byName[strings.ToUpper(n)], e.ID) {
				t.Errorf("%s not found by %q", e.ID, n)
			}
		}
	}

	rgb := got.entities["ofac-12210"]
	if rgb.Name != "RECONNAISSANCE GENERAL BUREAU" || rgb.Kind != graph.Organization {
		t.Fatalf("ofac-12210 = %q %s", rgb.Name, rgb.Kind)
	}
	var progs []string
	for _, s := range rgb.Sanctions {
		if s.Authority != "OFAC" || s.Reference != "12210" {
			t.Errorf("sanction %+v", s)
		}
		progs = append(progs, s.Program)
	}
	if !slices.Equal(progs, []string{"DPRK", "DPRK2"}) {
		t.Errorf("programs = %v, want [DPRK DPRK2]", progs)
	}
	if !slices.Equal(rgb.Aliases, []string{"CHONGCH'AL CH'ONGGUK", "KPA UNIT 586"}) {
		t.Errorf("aliases = %q", rgb.Aliases)
	}
	if ids := byName["KPA UNIT 586"]; !slices.Equal(ids, []string{"ofac-12210"}) {
		t.Errorf("KPA UNIT 586 finds %v", ids)
	}
	if w, _ := rgb.Props["weak_aliases"].([]string); !slices.Equal(w, []string{"RGB"}) {
		t.Errorf("weak aliases = %v, want [RGB]", rgb.Props["weak_aliases"])
	}
	if !slices.Equal(rgb.Countries, []string{"KP"}) {
		t.Errorf("countries = %v, want [KP]", rgb.Countries)
	}
	for _, a := range []string{"ofac-addr-18686", "ofac-addr-18687"} {
		if got.entities[a].Name == "" || !slices.ContainsFunc(got.links, func(l graph.Link) bool {
			return l.From == "ofac-12210" && l.To == a && l.Type == graph.LocatedAt
		}) {
			t.Errorf("ofac-12210 not LOCATED_AT %s", a)
		}
	}
	if n := got.entities["ofac-addr-18686"].Name; n != "Hyongjesan-Guyok, Pyongyang, Korea, North" {
		t.Errorf("address name %q", n)
	}

	// HWANG, Su Man: a person, his passport, his nationality and the
	// company he is linked to.
	hw := got.entities["ofac-18552"]
	if hw.Kind != graph.Person || !slices.Equal(hw.Countries, []string{"KP"}) ||
		!slices.Equal(hw.Identifiers[graph.IDPassport], []string{"472220033"}) ||
		!slices.Equal(hw.Aliases, []string{"HWANG, Kyong Nam"}) {
		t.Errorf("ofac-18552 = %+v", hw)
	}
	if bd, _ := hw.Props["birth_date"].([]string); !slices.Equal(bd, []string{"1955-04-06"}) {
		t.Errorf("birth date %v", hw.Props["birth_date"])
	}
	if !slices.ContainsFunc(got.links, func(l graph.Link) bool {
		return l.From == "ofac-18552" && l.To == "ofac-9345" && l.Type == graph.Associate && l.Prop("role") == "linked to"
	}) {
		t.Error("ofac-18552 not linked to KOREA MINING DEVELOPMENT TRADING CORPORATION (ofac-9345)")
	}
	if k := got.entities["ofac-9345"].Kind; k != graph.Company {
		t.Errorf("KOMID kind %s, want Company", k)
	}
}

func TestRemarksIdentifiers(t *testing.T) {
	got := readAll(t, "testdata")
	for _, c := range []struct {
		id, scheme, value string
	}{
		{"ofac-12312", graph.IDSwift, "KDBKKPPY"},
		{"ofac-15036", graph.IDIMO, "9187629"},
		{"ofac-15036", "mmsi", "572469210"},
		{"ofac-18953", graph.IDEmail, "haejinsm@silibank.net.kp"},
		{"ofac-18953", graph.IDIMO, "5814866"},
		{"ofac-11620", graph.IDWebsite, "www.nipc.net"},
		{"ofac-11620", graph.IDRegistration, "02696754"},
	} {
		e := got.entities[c.id]
		if !slices.Contains(e.Identifiers[c.scheme], c.value) {
			t.Errorf("%s (%s): %s = %v, want %s", c.id, e.Name, c.scheme, e.Identifiers[c.scheme], c.value)
		}
	}
	npc := got.entities["ofac-11620"]
	if j, _ := npc.Props["jurisdiction"].([]string); !slices.Equal(j, []string{"GB"}) || npc.Kind != graph.Company {
		t.Errorf("NPC INTERNATIONAL: jurisdiction %v, kind %s", npc.Props["jurisdiction"], npc.Kind)
	}
	// A vessel: its flag is its country, and it is linked to the tanker
	// company by the name that company bears (another entry has it as alias).
	v := got.entities["ofac-15036"]
	if v.Kind != graph.Vessel || !slices.Contains(v.Countries, "IR") || v.Props["call_sign"] != "T2EU4" {
		t.Errorf("ARTAVIL = %+v", v)
	}
	if !slices.ContainsFunc(got.links, func(l graph.Link) bool { return l.From == "ofac-15036" && l.To == "ofac-15117" }) {
		t.Error("ARTAVIL not linked to NATIONAL IRANIAN TANKER COMPANY (ofac-15117)")
	}
}

func TestSDNAlone(t *testing.T) {
	got := readAll(t, "testdata/sdn.csv")
	if len(got.rejects) > 0 || len(got.recs) != 8890 {
		t.Fatalf("%d records, %d rejects", len(got.recs), len(got.rejects))
	}
	for _, rec := range got.recs {
		if len(rec.Entities) != 1 || len(rec.Entities[0].Aliases) != 0 {
			t.Fatalf("%s: sdn.csv alone gave %d entities, aliases %v", rec.Pos, len(rec.Entities), rec.Entities[0].Aliases)
		}
	}
	if got.stats.Linked == 0 {
		t.Error("no Linked To resolved by name")
	}
}

func TestNeedsEntries(t *testing.T) {
	_, err := Open([]string{"testdata/add.csv"}, ingest.ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), "load it together with sdn.csv") {
		t.Errorf("add.csv alone: %v", err)
	}
}

// writeFile writes lines joined by CRLF and ends the file with 0x1A, as
// OFAC publishes.
func writeFile(t testing.TB, dir, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\r\n")+"\r\n\x1a"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMalformed(t *testing.T) {
	dir := t.TempDir()
	sdn := writeFile(t, dir, "sdn.csv",
		`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`306,"BANCO NACIONAL DE CUBA,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'BNC'."`,
		`424,"BOUTIQUE LA MAISON",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`4x75,"CASA DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`480,"CECOEX, S.A.",-0- ,"CUBA] [",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`481,"",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`12210,"RECONNAISSANCE GENERAL BUREAU",-0- ,"DPRK] [DPRK2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'RGB'."`,
		`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
	)
	add := writeFile(t, dir, "add.csv",
		`36,25,-0- ,"Havana",-0- ,-0- `,
		`999,26,-0- ,"Havana","Cuba",-0- `,
		`173,x27,-0- ,"Panama City","Panama",-0- `,
		`12210,18686,"Hyongjesan-Guyok","Pyongyang","Korea, North",-0- `,
	)
	got := readAll(t, sdn, add)
	want := []struct {
		file  string
		line  int
		field string
		in    string
	}{
		{sdn, 3, "", "unbalanced quote"},
		{sdn, 4, "", "11 columns, expected 12"},
		{sdn, 5, "ent_num", "not an entry number"},
		{sdn, 6, "Program", "unbalanced bracket"},
		{sdn, 7, "SDN_Name", "empty name"},
		{sdn, 9, "ent_num", "already read at " + sdn + " line 1"},
		{add, 2, "ent_num", "no entry 999"},
		{add, 3, "add_num", "not a number"},
	}
	if len(got.rejects) != len(want) {
		t.Fatalf("rejects = %v, want %d", got.rejects, len(want))
	}
	for i, w := range want {
		r := got.rejects[i]
		if r.Pos.File != w.file || r.Pos.Line != w.line || r.Field != w.field || !strings.Contains(r.Reason, w.in) || r.Raw == "" {
			t.Errorf("reject %d = %v (raw %q), want %s line %d: %s: …%s…", i, r, r.Raw, filepath.Base(w.file), w.line, w.field, w.in)
		}
	}
	var ids []string
	for _, rec := range got.recs {
		ids = append(ids, rec.Entities[0].ID)
	}
	if !slices.Equal(ids, []string{"ofac-36", "ofac-173", "ofac-12210"}) {
		t.Errorf("loaded %v", ids)
	}
	if rgb := got.entities["ofac-12210"]; !slices.Equal(rgb.Countries, []string{"KP"}) {
		t.Errorf("the rest did not join: %+v", rgb)
	}
	if got.stats.Rejected != len(want) || got.stats.Entries != 3 || got.stats.Addresses != 2 {
		t.Errorf("stats %+v", got.stats)
	}
}

// The comments file continues remarks cut off in sdn.csv: the two are one
// text, and the identifiers and links in it are read as a whole.
func TestComments(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "sdn.csv",
		`17013,"VTB BANK PUBLIC JOINT STOCK COMPANY",-0- ,"UKRAINE-EO13662] [RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"SWIFT/BIC VTBRRUMM; Website www.vtb.com"`,
		`17017,"BM BANK JSC",-0- ,"UKRAINE-EO13662] [RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"SWIFT/BIC MOSWRUMM; Target Type Financial Institution; Registration ID 1027700159497 (Russia); Linked To: VTB BANK PUB"`,
	)
	writeFile(t, dir, "sdn_comments.csv",
		`17017,"LIC JOINT STOCK COMPANY."`,
		`17013,"; alt. Website www.vtb.ru; Tax ID No. 7702070139 (Russia); Legal Entity Number 253400V1H6ART1UQ0N98."`,
	)
	got := readAll(t, dir)
	if len(got.rejects) > 0 || got.stats.Comments != 2 {
		t.Fatalf("rejects %v, stats %+v", got.rejects, got.stats)
	}
	vtb := got.entities["ofac-17013"]
	if !slices.Equal(vtb.Identifiers[graph.IDWebsite], []string{"www.vtb.com", "www.vtb.ru"}) ||
		!slices.Equal(vtb.Identifiers[graph.IDTax], []string{"7702070139"}) ||
		!slices.Equal(vtb.Identifiers[graph.IDLEI], []string{"253400V1H6ART1UQ0N98"}) ||
		!slices.Equal(vtb.Countries, []string{"RU"}) {
		t.Errorf("VTB = %+v", vtb)
	}
	if !slices.ContainsFunc(got.links, func(l graph.Link) bool {
		return l.From == "ofac-17017" && l.To == "ofac-17013" && l.Type == graph.Associate
	}) {
		t.Errorf("BM BANK not linked to VTB: %v %v", got.links, got.notes)
	}
}

func TestConsolidated(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "cons_prim.csv",
		`15268,"BANK OF KUNLUN CO LTD",-0- ,"561-Related",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"SWIFT/BIC CKLBCNBJ; United States financial institutions are prohibited from opening or maintaining a correspondent account."`,
		`9647,"ZAHHAR, Mahmoud Khaled","individual","SDGT] [NS-PLC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1945; POB Gaza Strip; nationality Palestinian; a.k.a. 'ZAHAR, Mahmoud'; Owned or Controlled By: BANK OF KUNLUN CO LTD."`,
	)
	writeFile(t, dir, "cons_alt.csv", `15268,1,"aka","KUNLUN BANK",-0- `)
	writeFile(t, dir, "cons_add.csv", `15268,2,-0- ,"Karamay, Xinjiang","China",-0- `)
	got := readAll(t, dir)
	if len(got.rejects) > 0 || len(got.recs) != 2 {
		t.Fatalf("%d records, rejects %v", len(got.recs), got.rejects)
	}
	k := got.entities["ofac-15268"]
	if k.Sources[0].Dataset != DatasetCons || k.Props["list"] != "consolidated" || k.Sanctions[0].Program != "561-Related" ||
		!slices.Equal(k.Aliases, []string{"KUNLUN BANK"}) || !slices.Equal(k.Countries, []string{"CN"}) {
		t.Errorf("cons entry = %+v", k)
	}
	z := got.entities["ofac-9647"]
	if bd, _ := z.Props["birth_date"].([]string); z.Kind != graph.Person || !slices.Equal(bd, []string{"1945"}) || !slices.Equal(z.Countries, []string{"PS"}) {
		t.Errorf("cons person = %+v", z)
	}
	// The explicit "Owned or Controlled By: NAME" form gives an OWNS link
	// from the owner.
	if !slices.ContainsFunc(got.links, func(l graph.Link) bool {
		return l.From == "ofac-15268" && l.To == "ofac-9647" && l.Type == graph.Owns
	}) {
		t.Errorf("no OWNS link: %v", got.links)
	}
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	head := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b[:min(len(b), ingest.HeadSize)]
	}
	renamed := filepath.Join(dir, "list-2021.csv")
	if err := os.WriteFile(renamed, head("testdata/sdn.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	others := map[string]string{
		"entities.csv":    "id,kind,name\nglocom,Company,Glocom\n",
		"links.csv":       "from,to,type\nglocom,rgb,REPRESENTS\n",
		"glocom.ftm.json": `{"id":"glocom","schema":"Company","properties":{"name":["Glocom"]}}` + "\n",
		"numbers.csv":     "1,2,3\n4,5,6\n",
		"sdn_notes.txt":   "These are notes about sdn.csv.\n",
	}
	for name, body := range others {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		path string
		want bool
	}{
		{"testdata/sdn.csv", true},
		{"testdata/add.csv", true},
		{"testdata/alt.csv", true},
		{"testdata", true},
		{renamed, true},
		{dir, false},
		{filepath.Join(dir, "entities.csv"), false},
		{filepath.Join(dir, "links.csv"), false},
		{filepath.Join(dir, "glocom.ftm.json"), false},
		{filepath.Join(dir, "numbers.csv"), false},
		{filepath.Join(dir, "sdn_notes.txt"), false},
	} {
		var h []byte
		if fi, err := os.Stat(c.path); err == nil && !fi.IsDir() {
			h = head(c.path)
		}
		if got := Detect(c.path, h); got != c.want {
			t.Errorf("Detect(%s) = %v, want %v", c.path, got, c.want)
		}
	}
	// The renamed sdn.csv loads through content detection.
	got := readAll(t, renamed)
	if len(got.recs) == 0 {
		t.Error("renamed sdn.csv gave no records")
	}
}

func TestSplitLine(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
		err  bool
	}{
		{`36,"A, B",-0- ,"x ""y"" z"`, []string{"36", "A, B", "", `x "y" z`}, false},
		{`1,2,`, []string{"1", "2", ""}, false},
		{`1, "quoted after space",3`, []string{"1", "quoted after space", "3"}, false},
		{`1,"open`, nil, true},
		{`1,"closed"junk,3`, nil, true},
		{`1,bare"quote,3`, nil, true},
	} {
		got, err := splitLine(c.in)
		if (err != nil) != c.err || !slices.Equal(got, c.want) {
			t.Errorf("splitLine(%q) = %q, %v", c.in, got, err)
		}
	}
}

func BenchmarkRead(b *testing.B) {
	for b.Loop() {
		got := readAll(b, "testdata")
		if len(got.recs) != 8890 {
			b.Fatal(len(got.recs))
		}
	}
}

func FuzzOFAC(f *testing.F) {
	f.Add([]byte("12210,\"RECONNAISSANCE GENERAL BUREAU\",-0- ,\"DPRK] [DPRK2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'RGB'; Linked To: X.\"\r\n\x1a"),
		[]byte("12210,18686,\"Hyongjesan-Guyok\",\"Pyongyang\",\"Korea, North\",-0- \r\n"),
		[]byte("12210,13147,\"aka\",\"CHONGCH'AL CH'ONGGUK\",-0- \r\n"))
	f.Add([]byte("1,\"A\",\"vessel\",\"P] [\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"A\",\"DOB 1 Jan 2000; SWIFT/BIC x (Korea, North)\"\n2,\"B\""),
		[]byte("1,x,-0- ,-0- ,-0- ,-0- \n"), []byte("\"\n"))
	f.Fuzz(func(t *testing.T, sdn, add, alt []byte) {
		dir := t.TempDir()
		var paths []string
		for name, b := range map[string][]byte{"sdn.csv": sdn, "add.csv": add, "alt.csv": alt} {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		got := readAll(t, paths...)
		for _, r := range got.rejects {
			if r.Pos.Line <= 0 || r.Pos.File == "" || r.Reason == "" {
				t.Fatalf("reject without position or reason: %+v", r)
			}
		}
		_ = Detect(paths[0], sdn)
	})
}
