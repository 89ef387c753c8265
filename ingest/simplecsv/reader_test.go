package simplecsv

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
)

type loaded struct {
	recs    []ingest.Record
	rejects []*ingest.RecordError
	byID    map[string]graph.Entity
}

func readAll(t testing.TB, paths ...string) loaded {
	t.Helper()
	r, err := Open(paths, ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := loaded{byID: map[string]graph.Entity{}}
	out.recs, out.rejects = readertest.Drain(t, r)
	for _, rec := range out.recs {
		for _, e := range rec.Entities {
			out.byID[e.ID] = e
		}
	}
	return out
}

// The three real exports, one per layout (PROVENANCE.md), read whole:
// one entity per row, under the row's own id, nothing rejected.
func TestExports(t *testing.T) {
	for _, c := range []struct {
		file string
		rows int
		kind graph.Kind
	}{
		{"eu-cor.targets.simple.csv", 120, graph.Person},
		{"wikidata-peps.targets.simple.csv", 20, graph.Person},
		{"ransomwhere.targets.simple.csv", 150, graph.BankAccount},
	} {
		got := readAll(t, filepath.Join("testdata", c.file))
		if len(got.rejects) != 0 || len(got.recs) != c.rows || len(got.byID) != c.rows {
			t.Errorf("%s: %d records, %d entities, rejects %v; want %d", c.file, len(got.recs), len(got.byID), got.rejects, c.rows)
		}
		for _, rec := range got.recs {
			if len(rec.Entities) != 1 || rec.Entities[0].Kind != c.kind || rec.Entities[0].Name == "" || rec.Entities[0].Listed() {
				t.Errorf("%s: %s: %+v", c.file, rec.Pos, rec.Entities)
			}
		}
		if got.recs[0].Pos.Line != 2 || got.recs[len(got.recs)-1].Pos.Line != c.rows+1 {
			t.Errorf("%s: rows at lines %d…%d", c.file, got.recs[0].Pos.Line, got.recs[len(got.recs)-1].Pos.Line)
		}
	}

	// The 2022 layout: first_seen before last_seen, no last_change; a
	// member with two countries, phones and emails as properties.
	cor := readAll(t, "testdata/eu-cor.targets.simple.csv").byID
	g := cor["eu-cor-2011996"]
	if g.Name != "GAMALLO ALLER, Jesús" || !slices.Equal(g.Countries, []string{"ES"}) || len(g.Identifiers) != 0 ||
		!slices.Equal(g.Props["phones"].([]string), []string{"+34981541002"}) || !slices.Equal(g.Props["emails"].([]string), []string{"sunioneu@xunta.es"}) ||
		!slices.Equal(g.Props["addresses"].([]string), []string{"Rúa do Hórrero 61, Santiago De Compostela"}) ||
		!g.Sources[0].Seen.Equal(time.Date(2022, 8, 8, 12, 18, 37, 0, time.UTC)) {
		t.Errorf("eu-cor-2011996 = %+v", g)
	}
	if p := cor["eu-cor-2021625"]; !slices.Equal(p.Countries, []string{"BE", "DK"}) || len(p.Props["phones"].([]string)) != 2 {
		t.Errorf("eu-cor-2021625 = %+v", p)
	}

	// The 2024 layout: aliases split, a Wikidata id, countries.
	pep := readAll(t, "testdata/wikidata-peps.targets.simple.csv").byID["Q262597"]
	if pep.Name != "Abdullah" || len(pep.Aliases) != 4 || pep.Aliases[3] != "阿卜杜拉·本·穆罕默德·謝赫" ||
		!slices.Equal(pep.Identifiers["wikidata"], []string{"Q262597"}) || !slices.Equal(pep.Countries, []string{"SA"}) ||
		!slices.Equal(pep.Props["birth_date"].([]string), []string{"1948-01-01"}) || pep.Props["last_change"] != "2024-03-09T09:28:18" {
		t.Errorf("Q262597 = %+v", pep)
	}

	// The 2025 layout: a wallet, its address as its identifier.
	w := readAll(t, "testdata/ransomwhere.targets.simple.csv").byID["rwre-1123pjv8jzefqacv4w644pzqjzvway2zca"]
	if w.Name != "1123pJv8jzeFQaCV4w644pzQJzVWay2zcA" || w.Props["schema"] != "CryptoWallet" || !slices.Equal(w.Aliases, []string{"Locky"}) ||
		!slices.Equal(w.Identifiers[IDOther], []string{"1123pJv8jzeFQaCV4w644pzQJzVWay2zcA"}) {
		t.Errorf("wallet = %+v", w)
	}
}

// The sanctions column as zavod's exporter writes it (sanction_text:
// program, reason, status, start date, end date, those present, joined by
// " - "; values joined by ";").
func TestSanction(t *testing.T) {
	for _, c := range []struct {
		text, program string
		listed        time.Time
	}{
		{"RUSSIA-EO14024 - 2022-04-06", "RUSSIA-EO14024", time.Date(2022, 4, 6, 0, 0, 0, 0, time.UTC)},
		{"2026-07-24", "", time.Date(2026, 7, 24, 0, 0, 0, 0, time.UTC)},
		{"Russia / Russie - 1, Part 2", "Russia / Russie", time.Time{}},
	} {
		s := sanction(c.text, []string{"US OFAC Specially Designated Nationals (SDN) List"})
		if s.Program != c.program || !s.Listed.Equal(c.listed) || s.Reference != c.text || s.Authority != "US OFAC Specially Designated Nationals (SDN) List" {
			t.Errorf("sanction(%q) = %+v", c.text, s)
		}
	}
	f := &file{CSVFile: &ingest.CSVFile{Col: map[string]int{"sanctions": 0}}}
	if got := f.values([]string{`"a; b";c;;c`}, "sanctions"); !slices.Equal(got, []string{"a; b", "c"}) {
		t.Errorf("values = %q", got)
	}
}

func TestDetect(t *testing.T) {
	for _, f := range []string{"eu-cor.targets.simple.csv", "wikidata-peps.targets.simple.csv", "ransomwhere.targets.simple.csv"} {
		head, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if !Detect(f, head[:min(len(head), ingest.HeadSize)]) {
			t.Errorf("Detect(%s) = false", f)
		}
	}
	for _, head := range []string{
		"id,kind,name\nglocom,Company,Glocom\n",
		`{"id":"x","schema":"Company","properties":{}}` + "\n",
		`"id","schema","name"` + "\n",
		"",
	} {
		if Detect("x.csv", []byte(head)) {
			t.Errorf("Detect(%.40q) = true", head)
		}
	}
}

func FuzzSimpleCSV(f *testing.F) {
	for _, name := range []string{"eu-cor.targets.simple.csv", "wikidata-peps.targets.simple.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		f.Add([]byte(strings.Join(lines[:3], "")))
	}
	f.Add([]byte("\"id\",\"schema\",\"name\",\"aliases\",\"countries\",\"identifiers\",\"sanctions\",\"dataset\"\n\"x\",\"Vessel\",\"A\",\"\",\"zz;ru\",\"IMO9422964\",\"P - 2020-01-02\",\"d\"\n\"y\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "targets.simple.csv")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_ = Detect(p, b)
		r, err := Open([]string{p}, ingest.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for {
			rec, err := r.Next(context.Background())
			var re *ingest.RecordError
			switch {
			case errors.As(err, &re):
				if re.Pos.Line <= 0 || re.Reason == "" {
					t.Fatalf("reject without line or reason: %+v", re)
				}
			case err != nil:
				return // io.EOF, or a header that is not the export's
			case len(rec.Entities) != 1 || rec.Entities[0].ID == "" || rec.Entities[0].Name == "":
				t.Fatalf("record %+v", rec)
			case len(rec.Entities[0].Sanctions) > 0 && !rec.Entities[0].Listed():
				t.Fatalf("sanctioned but not listed: %+v", rec.Entities[0])
			}
		}
	})
}
