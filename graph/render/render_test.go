package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

const nasty = `<script>alert(1)</script> & "Co" 조선 \N 中国`

func sample() graph.Subgraph {
	return graph.Subgraph{
		Entities: []graph.Entity{
			{ID: "v", Kind: graph.Company, Name: "Vendor Inc", Countries: []string{"US"}, Tags: []string{graph.TagVendor}},
			{ID: "x", Kind: graph.Company, Name: nasty, Countries: []string{"KP"}},
			{ID: "s", Kind: graph.Organization, Name: "Listed Bureau", Sanctions: []graph.Sanction{{Authority: "OFAC", Program: "DPRK"}}},
		},
		Links: []graph.Link{
			{ID: "1", From: "v", To: "x", Type: graph.Supplies, Props: map[string]any{"goods": "phones"}},
			{ID: "2", From: "x", To: "s", Type: graph.Owns, Props: map[string]any{"percentage": "50"}},
		},
	}
}

// svgText returns the character data of an SVG document, failing the test
// if it is not well-formed XML.
func svgText(t *testing.T, svg []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
	}
	return text.String()
}

func TestQuoteEscapes(t *testing.T) {
	for in, want := range map[string]string{
		`a"b`:       `"a\"b"`,
		`a\nb`:      `"a\\nb"`,
		"a\nb":      `"a b"`,
		"A & B":     `"A &amp; B"`,
		"<b>조선</b>": `"<b>조선</b>"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestNastyNameSafeInDOTAndSVG(t *testing.T) {
	dot := DOT(sample(), Options{Paths: [][]string{{"v", "x", "s"}}})
	if bytes.Contains(dot, []byte(`"Co"`)) {
		t.Fatalf("unescaped quote in DOT:\n%s", dot)
	}
	svg, err := Render(context.Background(), dot, SVG, "dot")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(svg, []byte("<script")) {
		t.Fatalf("raw <script> in SVG")
	}
	text := svgText(t, svg)
	// the name comes back exactly, once parsed (it may be wrapped on lines)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{`<script>alert(1)</script>`, `& "Co" 조선 \N`, "中国", "Vendor Inc", "Listed Bureau", "SANCTIONED OFAC DPRK", "owns 50%", "supplies (phones)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("SVG text lacks %q:\n%s", want, flat)
		}
	}
}

func TestPNG(t *testing.T) {
	png, err := Render(context.Background(), DOT(sample(), Options{}), PNG, "")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 1000 {
		t.Fatalf("not a PNG: %d bytes", len(png))
	}
}

func TestDeterministic(t *testing.T) {
	a := DOT(sample(), Options{Title: "t"})
	b := DOT(sample(), Options{Title: "t"})
	if !bytes.Equal(a, b) {
		t.Fatal("DOT differs between runs")
	}
}

func TestCollapseSuperNode(t *testing.T) {
	sg := graph.Subgraph{Entities: []graph.Entity{{ID: "hub", Kind: graph.Address, Name: "Hub"}, {ID: "keep", Kind: graph.Company, Name: "Keep", Tags: []string{graph.TagFront}}}}
	sg.Links = append(sg.Links, graph.Link{ID: "k", From: "keep", To: "hub", Type: graph.LocatedAt})
	for i := 0; i < 40; i++ {
		id := fmt.Sprintf("c%02d", i)
		sg.Entities = append(sg.Entities, graph.Entity{ID: id, Kind: graph.Company, Name: "Company " + id})
		sg.Links = append(sg.Links, graph.Link{ID: id, From: id, To: "hub", Type: graph.LocatedAt})
	}
	dot := string(DOT(sg, Options{MaxNeighbours: 10}))
	if !strings.Contains(dot, `"+31 more: 31 Company"`) {
		t.Fatalf("want a group of the 31 least relevant neighbours:\n%s", dot)
	}
	if !strings.Contains(dot, `"Keep`) {
		t.Fatal("the tagged neighbour was folded away")
	}
	if n := strings.Count(dot, "-> n"); n != 10 {
		t.Fatalf("want 10 links drawn to kept neighbours, got %d", n)
	}
}

func TestChooseLayout(t *testing.T) {
	if l, _ := ChooseLayout("", 50, 100); l != "dot" {
		t.Errorf("small auto = %s", l)
	}
	if l, why := ChooseLayout("dot", 1000, 3000); l != "sfdp" || why == "" {
		t.Errorf("big dot = %s (%q)", l, why)
	}
}

// BenchmarkRender300 renders a 300-node, 600-link diagram (target under 2 s).
func BenchmarkRender300(b *testing.B) {
	var sg graph.Subgraph
	for i := 0; i < 300; i++ {
		sg.Entities = append(sg.Entities, graph.Entity{ID: fmt.Sprintf("e%03d", i), Kind: graph.Company, Name: fmt.Sprintf("Company %d Trading Ltd", i), Countries: []string{"HK"}})
	}
	for i := 0; i < 600; i++ {
		u, v := (i*7+1)%300, (i*13+5)%300
		sg.Links = append(sg.Links, graph.Link{ID: fmt.Sprint(i), From: fmt.Sprintf("e%03d", u), To: fmt.Sprintf("e%03d", v), Type: graph.Supplies})
	}
	dot := DOT(sg, Options{MaxNeighbours: -1})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Render(context.Background(), dot, SVG, ""); err != nil {
			b.Fatal(err)
		}
	}
}
