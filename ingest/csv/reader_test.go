package csv_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/csv"
)

func readAll(t *testing.T, paths ...string) ([]ingest.Record, []*ingest.RecordError) {
	t.Helper()
	r, err := csv.Open(paths, ingest.ReadOptions{Dataset: "test"})
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
		name, head string
		want       bool
	}{
		{"entities", "id,kind,name\n", true},
		{"links", "from,to,type,amount\n", true},
		{"byte order mark, spaces, case", "\ufeff ID , Kind,NAME,notes\r\n", true},
		{"quoted header", "\"from\",\"to\",\"type\"\n", true},
		{"screen input", "name,country,reference\n", false},
		{"icij nodes", "node_id,name,original_name,former_name,jurisdiction,jurisdiction_description\n", false},
		{"icij relationships", "node_id_start,node_id_end,rel_type,link,status,start_date,end_date,sourceID\n", false},
		{"ofac sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- \r\n", false},
		{"ftm", `{"id":"x","schema":"Company","properties":{}}` + "\n", false},
		{"empty", "", false},
	} {
		if got := csv.Detect("x.csv", []byte(tc.head)); got != tc.want {
			t.Errorf("%s: Detect = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestEntitiesAndLinks(t *testing.T) {
	recs, bad := readAll(t, "testdata/entities.csv", "testdata/links.csv")
	if len(bad) > 0 {
		t.Fatalf("record errors: %v", bad)
	}
	var ents []graph.Entity
	var links []graph.Link
	var pos []string
	for _, r := range recs {
		ents = append(ents, r.Entities...)
		links = append(links, r.Links...)
		pos = append(pos, filepath.Base(r.Pos.File)+":"+itoa(r.Pos.Line))
	}
	if want := []string{"entities.csv:2", "entities.csv:3", "entities.csv:4", "entities.csv:5", "links.csv:2", "links.csv:3", "links.csv:4", "links.csv:5"}; !slices.Equal(pos, want) {
		t.Errorf("positions %q, want %q", pos, want)
	}
	want := []graph.Entity{
		{ID: "glocom", Kind: graph.Company, Name: "Glocom", Aliases: []string{"Global Communications Co."}, Countries: []string{"Malaysia"},
			Tags: []string{"role.front", "corp.shell"}, Identifiers: map[string][]string{"website": {"http://www.glocom.com.my/"}},
			Props: map[string]any{"registered": "2009", "notes": "front for the RGB, per the UN Panel of Experts"}},
		{ID: "rgb", Kind: graph.Organization, Name: "Reconnaissance General Bureau", Aliases: []string{"RGB", "KPA Unit 586"}, Countries: []string{"KP"}, Tags: []string{"sanction"}},
		{ID: "person-a", Kind: graph.Person, Name: "Person  A", Countries: []string{"KP", "MY"}, Identifiers: map[string][]string{"passport": {"PA-0001"}}, Props: map[string]any{"notes": "illustrative"}},
		{ID: "account-us", Kind: graph.BankAccount, Name: "USD account", Countries: []string{"USA"}, Identifiers: map[string][]string{"iban": {"US00 EXAMPLE 0001"}, "swift": {"EXAMUS33"}}},
	}
	if got, w := js(ents), js(want); got != w {
		t.Errorf("entities\n got  %s\n want %s", got, w)
	}
	wantLinks := []graph.Link{
		{ID: "", From: "glocom", To: "rgb", Type: graph.Represents, Props: map[string]any{"start": "2012"}, Sources: []graph.Source{{Dataset: "test", Record: "UN S/2017/150"}}},
		{ID: "own-1", From: "rgb", To: "glocom", Type: graph.Owns, Props: map[string]any{"start": "2014-06-01", "end": "2017-02", "percentage": 50.0}},
		{ID: "", From: "person-a", To: "account-us", Type: graph.HoldsAccount},
		{ID: "pay-1", From: "glocom", To: "person-a", Type: graph.Pays, Props: map[string]any{"date": "2016-04-18", "amount": 48600.5, "currency": "USD", "goods": "radios", "hs": "8525.60", "channel": "wire"}},
	}
	if got, w := js(links), js(wantLinks); got != w {
		t.Errorf("links\n got  %s\n want %s", got, w)
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func itoa(i int) string { return js(i) }

// TestBadRows checks that each bad row is a record error with its file,
// line and field, and that the rows after it are read.
func TestBadRows(t *testing.T) {
	recs, bad := readAll(t, "testdata/bad.csv", "testdata/bad-links.csv")
	var good []string
	for _, r := range recs {
		good = append(good, filepath.Base(r.Pos.File)+":"+itoa(r.Pos.Line))
	}
	if want := []string{"bad.csv:2", "bad.csv:8", "bad-links.csv:2"}; !slices.Equal(good, want) {
		t.Errorf("good rows %q, want %q", good, want)
	}
	type want struct {
		file        string
		line        int
		field, says string
	}
	wants := []want{
		{"bad.csv", 3, "id", "missing"},
		{"bad.csv", 4, "kind", `unknown kind "Shell"`},
		{"bad.csv", 5, "", "2 fields where the header has 5"},
		{"bad.csv", 6, "", `extraneous or missing " in quoted-field`},
		{"bad.csv", 7, "identifiers", `"registration": want scheme:value`},
		{"bad-links.csv", 3, "type", `unknown link type "FRIENDS_WITH"`},
		{"bad-links.csv", 4, "to", "missing"},
		{"bad-links.csv", 5, "date", `"2016-13-01": want a date`},
		{"bad-links.csv", 6, "amount", `"lots": not a number`},
		{"bad-links.csv", 7, "percentage", `"150": not between 0 and 100`},
		{"bad-links.csv", 8, "", "7 fields where the header has 6"},
	}
	if len(bad) != len(wants) {
		t.Fatalf("%d record errors, want %d:\n%v", len(bad), len(wants), bad)
	}
	for i, w := range wants {
		b := bad[i]
		if filepath.Base(b.Pos.File) != w.file || b.Pos.Line != w.line || b.Field != w.field || !strings.Contains(b.Reason, w.says) || b.Raw == "" {
			t.Errorf("error %d: %s line %d field %q reason %q raw %q; want %s line %d field %q reason with %q", i, b.Pos.File, b.Pos.Line, b.Field, b.Reason, b.Raw, w.file, w.line, w.field, w.says)
		}
	}
}

// TestHeaderErrors checks that a file that cannot be read as a whole stops
// the load with an error naming the file.
func TestHeaderErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"empty.csv":     "",
		"unknown.csv":   "name,country\nX,SG\n",
		"duplicate.csv": "id,kind,name,name\nx,Company,X,Y\n",
		"unnamed.csv":   "id,kind,name,\nx,Company,X,\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := csv.Open([]string{p}, ingest.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.Next(context.Background())
		r.Close()
		var re *ingest.RecordError
		if err == nil || errors.As(err, &re) || !strings.Contains(err.Error(), name) || !strings.HasPrefix(err.Error(), "ingest/csv: ") {
			t.Errorf("%s: error %v, want a load error naming the file", name, err)
		}
	}
}
