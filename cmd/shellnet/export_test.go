package main

import (
	"encoding/json"
	"encoding/xml"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// storeStats runs shellnet stats on store.
func storeStats(t *testing.T, store string) graph.Stats {
	t.Helper()
	out, err := run(t, "stats", "--store", store, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var st graph.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return st
}

// ingestJSON loads files into a fresh store and returns it with the load's
// counts.
func ingestJSON(t *testing.T, files ...string) (string, map[string]any) {
	t.Helper()
	store := filepath.Join(t.TempDir(), "copy.db")
	out, err := run(t, append([]string{"ingest", "--store", store, "--quiet", "--format", "json"}, files...)...)
	if err != nil {
		t.Fatalf("ingest %v: %v\n%s", files, err, out)
	}
	var counts map[string]any
	if err := json.Unmarshal([]byte(out), &counts); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return store, counts
}

// The CSV pair carries everything: the Glocom store exported and ingested
// again has the same counts by kind and by type, and the links file is
// recognised as such by the CSV reader.
func TestExportCSVRoundTrip(t *testing.T) {
	store := glocomCaseStore(t)
	want := storeStats(t, store)
	dir := t.TempDir()
	out := filepath.Join(dir, "glocom.csv")
	if _, err := run(t, "export", "--store", store, "--quiet", "--out", out); err != nil {
		t.Fatal(err)
	}
	links := filepath.Join(dir, "glocom.links.csv")
	if _, err := os.Stat(links); err != nil {
		t.Fatalf("no links file beside the entities: %v", err)
	}
	copyStore, counts := ingestJSON(t, out, links)
	if counts["rejected"] != 0.0 || !slices.Equal(anyStrings(counts["formats"]), []string{"csv"}) {
		t.Errorf("load: %v (want both files read as csv, nothing rejected)", counts)
	}
	got := storeStats(t, copyStore)
	if got.Entities != want.Entities || got.Links != want.Links || !maps.Equal(got.ByKind, want.ByKind) || !maps.Equal(got.ByType, want.ByType) {
		t.Errorf("after a CSV round trip:\n got %+v\nwant %+v", got, want)
	}
	// the links file alone is detected as links: loaded against the
	// entities already stored, it adds nothing
	again, err := run(t, "ingest", "--store", copyStore, "--quiet", "--format", "json", links)
	if err != nil {
		t.Fatalf("links file alone: %v\n%s", err, again)
	}
	var c2 map[string]any
	if err := json.Unmarshal([]byte(again), &c2); err != nil {
		t.Fatal(err)
	}
	if c2["links"] != float64(want.Links) || c2["entities"] != 0.0 || !slices.Equal(anyStrings(c2["formats"]), []string{"csv"}) {
		t.Errorf("links file alone: %v, want %d links read as csv", c2, want.Links)
	}
	if st := storeStats(t, copyStore); st.Links != want.Links || st.Entities != want.Entities {
		t.Errorf("links loaded twice changed the store: %+v", st)
	}
}

// FtM has no schema for devices, products and networks: the export leaves
// them and their links out and says how many; everything else comes back
// with the same counts, datasets included.
func TestExportFtMRoundTrip(t *testing.T) {
	store := glocomCaseStore(t)
	want := storeStats(t, store)
	out := filepath.Join(t.TempDir(), "glocom.ftm.json")
	if _, err := run(t, "export", "--store", store, "--quiet", "--out", out); err != nil {
		t.Fatal(err)
	}
	copyStore, counts := ingestJSON(t, out)
	if counts["rejected"] != 0.0 {
		t.Errorf("load: %v", counts)
	}
	got := storeStats(t, copyStore)
	skippedKinds := []string{"Device", "Product", "Network"}
	skippedTypes := []string{"MADE_BY", "RUNS", "OBSERVED_IN"}
	var skippedE, skippedL int64
	for _, k := range skippedKinds {
		skippedE += want.ByKind[k]
		delete(want.ByKind, k)
	}
	for _, k := range skippedTypes {
		skippedL += want.ByType[k]
		delete(want.ByType, k)
	}
	// the case has 4 devices, 4 products and 1 network, with 12 links
	if skippedE != 9 || skippedL != 12 {
		t.Fatalf("the Glocom store holds %d technical entities and %d links, want 9 and 12", skippedE, skippedL)
	}
	if got.Entities != want.Entities-skippedE || got.Links != want.Links-skippedL || !maps.Equal(got.ByKind, want.ByKind) || !maps.Equal(got.ByType, want.ByType) {
		t.Errorf("after an FtM round trip:\n got %+v\nwant %+v less %d entities and %d links", got, want, skippedE, skippedL)
	}
	if got.Datasets["glocom"] != want.Datasets["glocom"] {
		t.Errorf("datasets %v, want glocom: %d", got.Datasets, want.Datasets["glocom"])
	}
}

// GraphML and GEXF are well-formed XML with one node per entity and one
// edge per link.
func TestExportGraphMLAndGEXF(t *testing.T) {
	store := glocomCaseStore(t)
	want := storeStats(t, store)
	for _, ext := range []string{".graphml", ".gexf"} {
		out := filepath.Join(t.TempDir(), "glocom"+ext)
		if _, err := run(t, "export", "--store", store, "--quiet", "--out", out); err != nil {
			t.Fatal(err)
		}
		doc, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		text := xmlText(t, doc)
		if n := int64(strings.Count(string(doc), "<node ")); n != want.Entities {
			t.Errorf("%s: %d nodes, want %d", ext, n, want.Entities)
		}
		if n := int64(strings.Count(string(doc), "<edge ")); n != want.Links {
			t.Errorf("%s: %d edges, want %d", ext, n, want.Links)
		}
		if ext == ".graphml" {
			if !strings.Contains(text, "Reconnaissance General Bureau") {
				t.Errorf("%s lacks the names", ext)
			}
			checkGraphML(t, doc)
		}
	}
	// a focused export holds the neighbourhood only
	out := filepath.Join(t.TempDir(), "glocom.graphml")
	if _, err := run(t, "export", "--store", store, "--quiet", "--focus", "id:glocom", "--hops", "1", "--out", out); err != nil {
		t.Fatal(err)
	}
	doc, _ := os.ReadFile(out)
	xmlText(t, doc)
	if n := strings.Count(string(doc), "<node "); n < 5 || int64(n) >= want.Entities {
		t.Errorf("focused export: %d nodes", n)
	}
}

func anyStrings(v any) []string {
	var out []string
	if xs, ok := v.([]any); ok {
		for _, x := range xs {
			s, _ := x.(string)
			out = append(out, s)
		}
	}
	return out
}

// checkGraphML checks what the GraphML schema asks beyond well-formed XML:
// the graphml root in its namespace, keys declared once for node or edge,
// data only under declared keys of the right domain, node ids unique, and
// edges between declared nodes.
func checkGraphML(t *testing.T, doc []byte) {
	t.Helper()
	var g struct {
		XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
		Keys    []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string `xml:"edgedefault,attr"`
			Nodes       []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key string `xml:"key,attr"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key string `xml:"key,attr"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(doc, &g); err != nil {
		t.Fatalf("GraphML: %v", err)
	}
	keys := map[string]string{}
	for _, k := range g.Keys {
		if _, dup := keys[k.ID]; dup || k.ID == "" || (k.For != "node" && k.For != "edge") || k.Name == "" {
			t.Errorf("GraphML: key %+v", k)
		}
		if !slices.Contains([]string{"string", "boolean", "int", "long", "float", "double"}, k.Type) {
			t.Errorf("GraphML: key %s of type %q", k.ID, k.Type)
		}
		keys[k.ID] = k.For
	}
	if g.Graph.EdgeDefault != "directed" {
		t.Errorf("GraphML: edgedefault %q", g.Graph.EdgeDefault)
	}
	nodes := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		if nodes[n.ID] || n.ID == "" {
			t.Errorf("GraphML: node id %q repeated or empty", n.ID)
		}
		nodes[n.ID] = true
		for _, d := range n.Data {
			if keys[d.Key] != "node" {
				t.Errorf("GraphML: node %s: data under key %q, not a node key", n.ID, d.Key)
			}
		}
	}
	for _, e := range g.Graph.Edges {
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("GraphML: edge %s -> %s between undeclared nodes", e.Source, e.Target)
		}
		for _, d := range e.Data {
			if keys[d.Key] != "edge" {
				t.Errorf("GraphML: edge %s -> %s: data under key %q, not an edge key", e.Source, e.Target, d.Key)
			}
		}
	}
}
