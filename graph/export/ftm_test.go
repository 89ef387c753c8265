package export

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// listed carries everything on which FtMStrict and FtMFull differ: list
// references, a scheme FtM has no property for, properties FtM does not
// know, a list and a number, merged_from, and a source without dataset.
func listed(kind graph.Kind) graph.Entity {
	return graph.Entity{ID: "ofac-12210", Kind: kind, Name: "KOREA KWANGSON BANKING CORP", Aliases: []string{"KKBC"}, Countries: []string{"KP"},
		Tags:        []string{graph.TagSanction},
		Identifiers: map[string][]string{graph.IDSwift: {"KKBCKPPY"}, graph.IDOFAC: {"12210"}, graph.IDUN: {"KPe.025"}, graph.IDIP: {"175.45.176.1"}},
		Props: map[string]any{"notes": []any{"a", "b"}, "remarks": "Linked To: FOREIGN TRADE BANK.", "share": 50.5,
			"merged_from": []any{"un-KPe.025"}, "caption": "KKBC", "datasets": "x"},
		Sources: []graph.Source{{Dataset: "us_ofac_sdn"}, {Dataset: "un_sc_sanctions"}, {Dataset: "us_ofac_sdn"}, {}},
	}
}

func TestFtMOfModes(t *testing.T) {
	e := listed(graph.Company)
	base := map[string][]string{"name": {"KOREA KWANGSON BANKING CORP"}, "alias": {"KKBC"}, "country": {"KP"}, "topics": {"sanction"}, "swiftBic": {"KKBCKPPY"}}
	strict := FtMEntity{ID: "ofac-12210", Schema: "Company", Properties: map[string][]string{"notes": {`["a","b"]`}}, Datasets: []string{"un_sc_sanctions", "us_ofac_sdn"}}
	full := FtMEntity{ID: "ofac-12210", Schema: "Company", Datasets: strict.Datasets, Properties: map[string][]string{"notes": {"a", "b"},
		"ofacId": {"12210"}, "unscId": {"KPe.025"}, "ip": {"175.45.176.1"}, "remarks": {"Linked To: FOREIGN TRADE BANK."}, "share": {"50.5"}}}
	for k, v := range base {
		strict.Properties[k], full.Properties[k] = v, v
	}
	if got := FtMOf(&e, FtMStrict); !reflect.DeepEqual(got, strict) {
		t.Errorf("strict:\n got %+v\nwant %+v", got, strict)
	}
	if got := FtMOf(&e, FtMFull); !reflect.DeepEqual(got, full) {
		t.Errorf("full:\n got %+v\nwant %+v", got, full)
	}
	d := listed(graph.Device)
	if s := FtMOf(&d, FtMStrict).Schema; s != "" {
		t.Errorf("strict schema of a device %q, want none", s)
	}
	if s := FtMOf(&d, FtMFull).Schema; s != "Device" {
		t.Errorf("full schema of a device %q, want Device", s)
	}
	a := listed(graph.Aircraft)
	if s := FtMOf(&a, FtMFull).Schema; s != "Airplane" {
		t.Errorf("full schema of an aircraft %q, want Airplane", s)
	}
}

// TestFtMWritesFtMOf checks that the exporter writes an entity with no
// links as FtMOf maps it, and its listing beside it.
func TestFtMWritesFtMOf(t *testing.T) {
	e := listed(graph.Company)
	var buf bytes.Buffer
	c, err := FtM(&buf, graph.Subgraph{Entities: []graph.Entity{e}})
	if err != nil {
		t.Fatal(err)
	}
	if c != (FtMCounts{Entities: 1}) {
		t.Fatalf("counts %+v, want 1 entity", c)
	}
	line, _, _ := strings.Cut(buf.String(), "\n")
	var got FtMEntity
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		t.Fatal(err)
	}
	if want := FtMOf(&e, FtMStrict); !reflect.DeepEqual(got, want) {
		t.Errorf("written:\n got %+v\nwant %+v", got, want)
	}
}

func TestFtMIdentifiers(t *testing.T) {
	strict, full := FtMIdentifiers(FtMStrict), FtMIdentifiers(FtMFull)
	if len(strict) != 11 || len(full) != 13 {
		t.Fatalf("%d strict and %d full schemes, want 11 and 13", len(strict), len(full))
	}
	if full[graph.IDOFAC] != "ofacId" || full[graph.IDUN] != "unscId" || strict[graph.IDOFAC] != "" {
		t.Errorf("list references: strict %v, full %v", strict, full)
	}
	strict[graph.IDTax] = "changed"
	if FtMIdentifiers(FtMStrict)[graph.IDTax] != "taxNumber" {
		t.Error("FtMIdentifiers hands out its own map")
	}
}
