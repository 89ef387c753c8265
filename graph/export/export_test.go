package export

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

const nasty = "<script>alert(1)</script> & \"Co\" 조선\x01"

func sample() graph.Subgraph {
	return graph.Subgraph{
		Entities: []graph.Entity{
			{ID: "a", Kind: graph.Company, Name: nasty, Countries: []string{"KP"}, Tags: []string{graph.TagFront}, Identifiers: map[string][]string{"registration": {"123"}}, Props: map[string]any{"notes": "=HYPERLINK(\"x\")"}, Sources: []graph.Source{{Dataset: "t"}}},
			{ID: "b", Kind: graph.Organization, Name: "Bureau", Sanctions: []graph.Sanction{{Authority: "OFAC", Program: "DPRK", Listed: time.Date(2016, 3, 2, 0, 0, 0, 0, time.UTC)}}},
			{ID: "d", Kind: graph.Device, Name: "10.0.0.1"},
			{ID: "addr", Kind: graph.Address, Name: "1 Main St"},
		},
		Links: []graph.Link{
			{ID: "l1", From: "a", To: "b", Type: graph.Owns, Props: map[string]any{"percentage": "50"}},
			{ID: "l2", From: "a", To: "addr", Type: graph.LocatedAt},
			{ID: "l3", From: "d", To: "a", Type: graph.ObservedIn},
		},
	}
}

// wellFormed decodes doc as strict XML and returns its text and attribute
// values.
func wellFormed(t *testing.T, doc []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	var all strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return all.String()
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
		switch x := tok.(type) {
		case xml.CharData:
			all.Write(x)
		case xml.StartElement:
			for _, a := range x.Attr {
				all.WriteString(a.Value + "\n")
			}
		}
	}
}

func TestGraphMLAndGEXFAreXMLWithNamesIntact(t *testing.T) {
	for name, write := range map[string]func(io.Writer, graph.Subgraph) error{"graphml": GraphML, "gexf": GEXF} {
		var buf bytes.Buffer
		if err := write(&buf, sample()); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte("<script")) {
			t.Errorf("%s: raw <script> in output", name)
		}
		text := wellFormed(t, buf.Bytes())
		if !strings.Contains(text, "<script>alert(1)</script> & \"Co\" 조선") {
			t.Errorf("%s: the name does not come back intact:\n%s", name, text)
		}
		if got := strings.Count(buf.String(), "<node "); got != 4 {
			t.Errorf("%s: %d nodes, want 4", name, got)
		}
		if got := strings.Count(buf.String(), "<edge "); got != 3 {
			t.Errorf("%s: %d edges, want 3", name, got)
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	var ents, links bytes.Buffer
	if err := CSV(&ents, &links, sample()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&ents).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want header + 4", len(rows))
	}
	col := -1
	for i, h := range rows[0] {
		if h == "notes" {
			col = i
		}
	}
	if col < 0 || rows[1][col] != `'=HYPERLINK("x")` {
		t.Fatalf("formula not neutralised: %v", rows[1])
	}
	// the listed organisation stays listed through its tag
	if rows[3][0] != "b" || !strings.Contains(strings.Join(rows[3], ","), "sanction") {
		t.Fatalf("listing lost: %v", rows[3])
	}
	lrows, err := csv.NewReader(&links).ReadAll()
	if err != nil || len(lrows) != 4 {
		t.Fatalf("links: %v rows %d", err, len(lrows))
	}
}

func TestFtMSkipsWhatFtMCannotHold(t *testing.T) {
	var buf bytes.Buffer
	c, err := FtM(&buf, sample())
	if err != nil {
		t.Fatal(err)
	}
	want := FtMCounts{Entities: 3, Links: 2, SkippedEntities: 1, SkippedLinks: 1}
	if c != want {
		t.Fatalf("counts %+v, want %+v", c, want)
	}
	out := buf.String()
	for _, s := range []string{`"schema":"Sanction"`, `"schema":"Ownership"`, `"addressEntity":["addr"]`, `"percentage":["50"]`} {
		if !strings.Contains(out, s) {
			t.Errorf("FtM output lacks %s:\n%s", s, out)
		}
	}
}
