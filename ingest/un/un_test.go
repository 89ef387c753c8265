package un

import (
	"context"
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

type loaded struct {
	recs     []ingest.Record
	rejects  []*ingest.RecordError
	entities map[string]graph.Entity
	links    []graph.Link
	err      error // the error that ended the read, if not io.EOF
}

func readAll(t testing.TB, paths ...string) loaded {
	t.Helper()
	r, err := Open(paths, ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := loaded{entities: map[string]graph.Entity{}}
	for {
		rec, err := r.Next(context.Background())
		if err == io.EOF {
			return out
		}
		var re *ingest.RecordError
		if errors.As(err, &re) {
			out.rejects = append(out.rejects, re)
			continue
		}
		if err != nil {
			out.err = err
			return out
		}
		out.recs = append(out.recs, rec)
		for _, e := range rec.Entities {
			if _, dup := out.entities[e.ID]; dup {
				t.Fatalf("%s: entity %s twice", rec.Pos, e.ID)
			}
			out.entities[e.ID] = e
		}
		out.links = append(out.links, rec.Links...)
	}
}

// Counts from the file (testdata/PROVENANCE.md), checked with Python's
// ElementTree: 730 INDIVIDUAL and 273 ENTITY elements, 155 of them on the
// DPRK list, 467 addresses with a street, a city or a postcode; 3,118
// distinct non-empty alias fields (original-script names included), of
// which 615 are of "Low" quality, and, once the 49 alias fields and the
// one entity name that pack several names, or a name and what the list
// knows of the person, are split (listedNames, done again in Python),
// 3,218 distinct names other than the entry's, 628 of them of "Low"
// quality.
func TestFull(t *testing.T) {
	got := readAll(t, "testdata/consolidated.xml")
	if got.err != nil || len(got.rejects) > 0 {
		t.Fatalf("err %v, rejects %v", got.err, got.rejects)
	}
	kinds := map[graph.Kind]int{}
	aliases, low, dprk := 0, 0, 0
	for _, rec := range got.recs {
		e := rec.Entities[0]
		kinds[e.Kind]++
		aliases += len(e.Aliases)
		q, _ := e.Props["alias_quality"].(map[string]string)
		for _, a := range e.Aliases {
			if q[a] == "Low" {
				low++
			}
		}
		if e.Sanctions[0].Program == "DPRK" {
			dprk++
		}
		if e.Identifiers[graph.IDUN][0] != e.Sanctions[0].Reference || e.ID != "un-"+e.Sanctions[0].Reference || !e.HasTag(graph.TagSanction) {
			t.Fatalf("%s: %+v", rec.Pos, e)
		}
		if rec.Pos.Line <= 0 {
			t.Fatalf("record without line: %+v", rec.Pos)
		}
	}
	if kinds[graph.Person] != 730 || kinds[graph.Organization]+kinds[graph.Company] != 273 {
		t.Errorf("kinds = %v, want 730 persons and 273 organisations", kinds)
	}
	if aliases != 3218 || low != 628 || dprk != 155 {
		t.Errorf("aliases %d (want 3218), low %d (want 628), DPRK %d (want 155)", aliases, low, dprk)
	}
	if len(got.links) != 467 {
		t.Errorf("LOCATED_AT links = %d, want 467", len(got.links))
	}
}

func TestRGB(t *testing.T) {
	got := readAll(t, "testdata/consolidated.xml")
	rgb, ok := got.entities["un-KPe.031"]
	if !ok {
		t.Fatal("no un-KPe.031")
	}
	want := graph.Sanction{Authority: "UN", Program: "DPRK", Listed: time.Date(2016, 3, 2, 0, 0, 0, 0, time.UTC), Reference: "KPe.031"}
	if rgb.Name != "RECONNAISSANCE GENERAL BUREAU" || rgb.Kind != graph.Organization || len(rgb.Sanctions) != 1 || rgb.Sanctions[0] != want {
		t.Errorf("un-KPe.031 = %q %s %+v", rgb.Name, rgb.Kind, rgb.Sanctions)
	}
	if !slices.Equal(rgb.Aliases, []string{"Chongch’al Ch’ongguk", "KPA Unit 586", "RGB"}) || !slices.Equal(rgb.Countries, []string{"KP"}) {
		t.Errorf("aliases %q, countries %v", rgb.Aliases, rgb.Countries)
	}
	if q := rgb.Props["alias_quality"].(map[string]string); q["RGB"] != "a.k.a." {
		t.Errorf("alias quality %v", q)
	}
	if a := got.entities["un-KPe.031-addr-1"]; a.Name != "Hyongjesan-Guyok, Pyongyang, Democratic People's Republic of Korea" || !slices.Equal(a.Countries, []string{"KP"}) {
		t.Errorf("address %+v", a)
	}
	// An individual: names joined in order, nationality, documents, dates.
	var kp []graph.Entity
	for _, e := range got.entities {
		if strings.HasPrefix(e.ID, "un-KPi.") && e.Kind != graph.Address {
			kp = append(kp, e)
		}
	}
	if len(kp) == 0 {
		t.Fatal("no KPi entries")
	}
	for _, e := range kp {
		if e.Kind != graph.Person || e.Sanctions[0].Program != "DPRK" || e.Sanctions[0].Listed.IsZero() {
			t.Errorf("%s: %s %+v", e.ID, e.Kind, e.Sanctions)
		}
	}
	// A time zone on LISTED_ON ("2015-04-07-04:00") keeps the day.
	n := 0
	for _, e := range got.entities {
		if e.Kind != graph.Address && e.Sanctions[0].Listed.Format("2006-01-02") == "2015-04-07" {
			n++
		}
	}
	if n == 0 {
		t.Error("no entry listed on 2015-04-07")
	}
}

const header = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
`

// individual writes an INDIVIDUAL element of ten lines, nine when first is
// empty (the entry then has no name at all).
func individual(ref, first, listed string) string {
	second := "      <SECOND_NAME>KIM</SECOND_NAME>\n"
	if first == "" {
		second = ""
	}
	return `    <INDIVIDUAL>
      <FIRST_NAME>` + first + `</FIRST_NAME>
` + second + `      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>` + ref + `</REFERENCE_NUMBER>
      <LISTED_ON>` + listed + `</LISTED_ON>
      <NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Kim Il</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>PD 108410005</NUMBER></INDIVIDUAL_DOCUMENT>
    </INDIVIDUAL>
`
}

func write(t testing.TB, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "consolidated.xml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMalformed(t *testing.T) {
	body := header +
		individual("KPi.001", "IL", "2016-03-02") + // line 4
		individual("", "SONG", "2016-03-02") + // line 14
		individual("KPi.003", "", "2016-03-02") + // line 24
		individual("KPi.004", "CHOL", "2016-13-45") + // line 33
		individual("KPi.005", "HO", "2016-03-02-04:00") + // line 43
		"  </INDIVIDUALS>\n  <ENTITIES/>\n</CONSOLIDATED_LIST>\n"
	p := write(t, body)
	got := readAll(t, p)
	if got.err != nil {
		t.Fatal(got.err)
	}
	want := []struct {
		line  int
		field string
	}{{14, "REFERENCE_NUMBER"}, {24, "FIRST_NAME"}, {33, "LISTED_ON"}}
	if len(got.rejects) != len(want) {
		t.Fatalf("rejects %v", got.rejects)
	}
	for i, w := range want {
		r := got.rejects[i]
		if r.Pos.File != p || r.Pos.Line != w.line || r.Field != w.field || r.Raw == "" {
			t.Errorf("reject %d = %v, want line %d field %s", i, r, w.line, w.field)
		}
	}
	if len(got.recs) != 2 {
		t.Fatalf("records %d, want 2", len(got.recs))
	}
	e := got.entities["un-KPi.005"]
	if e.Name != "HO KIM" || !slices.Equal(e.Countries, []string{"KP"}) || !slices.Equal(e.Aliases, []string{"Kim Il"}) ||
		!slices.Equal(e.Identifiers[graph.IDPassport], []string{"PD 108410005"}) || got.recs[1].Pos.Line != 43 {
		t.Errorf("un-KPi.005 = %+v at %v", e, got.recs[1].Pos)
	}
}

// A document damaged in the middle: what comes before it loads, and the
// error says where the damage is.
func TestDamaged(t *testing.T) {
	body := header + individual("KPi.001", "IL", "2016-03-02") + "    <INDIVIDUAL>\n      <FIRST_NAME>BROKEN</SECOND_NAME>\n" + individual("KPi.002", "SONG", "2016-03-02")
	got := readAll(t, write(t, body))
	if len(got.recs) != 1 || got.err == nil || !strings.Contains(got.err.Error(), "line 15") || !strings.HasPrefix(got.err.Error(), "ingest/un: ") {
		t.Errorf("records %d, err %v", len(got.recs), got.err)
	}
}

func TestDetect(t *testing.T) {
	head, err := os.ReadFile("testdata/consolidated.xml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		head string
		want bool
	}{
		{string(head[:ingest.HeadSize]), true},
		{`<CONSOLIDATED_LIST/>`, true},
		{`<?xml version="1.0"?><!-- list --><CONSOLIDATED_LIST>`, true},
		{`<?xml version="1.0"?><Sanctions><!-- not a <CONSOLIDATED_LIST> --></Sanctions>`, false},
		{`<?xml version="1.0"?><html><p>The UN publishes a CONSOLIDATED_LIST.</p></html>`, false},
		{`<CONSOLIDATED_LISTS>`, false},
		{`{"id":"x","schema":"Company"}`, false},
		{"id,kind,name\n", false},
	} {
		if got := Detect("list.xml", []byte(c.head)); got != c.want {
			t.Errorf("Detect(%.60q) = %v, want %v", c.head, got, c.want)
		}
	}
}

func BenchmarkRead(b *testing.B) {
	for b.Loop() {
		if got := readAll(b, "testdata/consolidated.xml"); len(got.recs) != 1003 {
			b.Fatal(len(got.recs))
		}
	}
}

func FuzzUN(f *testing.F) {
	f.Add([]byte(header + individual("KPi.001", "IL", "2016-03-02") + "</INDIVIDUALS></CONSOLIDATED_LIST>"))
	f.Add([]byte(`<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>x</REFERENCE_NUMBER><ENTITY_ADDRESS><CITY>c</CITY></ENTITY_ADDRESS></ENTITY>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p := filepath.Join(t.TempDir(), "c.xml")
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		got := readAll(t, p)
		for _, r := range got.rejects {
			if r.Pos.Line <= 0 || r.Reason == "" {
				t.Fatalf("reject without line or reason: %+v", r)
			}
		}
		_ = Detect(p, body)
	})
}
