package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/png"
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
	sg := sample()
	sg.Links[0].Props["goods"] = nasty
	opt := Options{Title: "Case " + nasty, Paths: [][]string{{"v", "x", "s"}}, Marks: map[string]string{LinkKey("v", graph.Supplies, "x"): "loophole (<CN>)"}}
	dot := DOT(sg, opt)
	// In quoted strings the quotes are escaped; HTML-like labels (title,
	// edges) hold no markup from data.
	for _, line := range strings.Split(string(dot), "\n") {
		if strings.Contains(line, `"Co"`) && !strings.Contains(line, `\"Co\"`) {
			t.Errorf("unescaped quote in DOT: %s", line)
		}
		if strings.Contains(line, "=<") && strings.Contains(line, "<script") {
			t.Errorf("markup from data in an HTML-like label: %s", line)
		}
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
	for _, want := range []string{`<script>alert(1)</script>`, `& "Co" 조선 \N`, "中国", "Vendor Inc", "Listed Bureau",
		"SANCTIONED OFAC DPRK", "owns 50%", "Case " + strings.Join(strings.Fields(nasty), " "), "LOOPHOLE (<CN>)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("SVG text lacks %q:\n%s", want, flat)
		}
	}
	// the goods, an edge label, are cut short but escaped all the same
	if !strings.Contains(flat, "supplies <script>alert(1)</s… LOOPHOLE (<CN>)") {
		t.Errorf("SVG text lacks the goods:\n%s", flat)
	}
}

func TestHTMLText(t *testing.T) {
	for in, want := range map[string]string{
		`<b>&"x"</b>`: "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;",
		`a\nb`:        `a\nb`,
		"a\nb'":       "a b&#39;",
		"조선 中国":       "조선 中国",
	} {
		if got := htmlText(in); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

// PNG output comes from shellnet's own renderer (see pngEngine): edges are
// stroked, not filled into wedges, and node outlines and text are drawn.
func TestPNG(t *testing.T) {
	sg := sample()
	out, err := Render(context.Background(), DOT(sg, Options{Paths: [][]string{{"v", "x", "s"}}}), PNG, "")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	count := func(match func(r, g, b uint32) bool) int {
		n := 0
		bd := img.Bounds()
		for y := bd.Min.Y; y < bd.Max.Y; y++ {
			for x := bd.Min.X; x < bd.Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if match(r>>8, g>>8, b>>8) {
					n++
				}
			}
		}
		return n
	}
	// the SUPPLIES edge, bold, in the trade colour #1e8449: a stroke a few
	// pixels wide, not the area under its curve
	green := count(func(r, g, b uint32) bool { return near(r, 0x1e) && near(g, 0x84) && near(b, 0x49) })
	if green < 100 || green > 6000 {
		t.Errorf("%d pixels of the trade colour: want an edge stroked a few pixels wide", green)
	}
	// the listed bureau's fill, and dark outlines and text
	if red := count(func(r, g, b uint32) bool { return near(r, 0xc0) && near(g, 0x39) && near(b, 0x2b) }); red < 2000 {
		t.Errorf("%d pixels of the listed colour", red)
	}
	if dark := count(func(r, g, b uint32) bool { return r < 60 && g < 60 && b < 60 }); dark < 500 {
		t.Errorf("%d dark pixels: outlines or text missing", dark)
	}
}

func near(a, b uint32) bool { return a+12 >= b && a <= b+12 }

// Goods flow left to right: a PAYS link is laid out from the beneficiary
// to the payer (dir=back keeps its arrow on the beneficiary), the paths'
// ends take the first and last ranks, parallel links of one type are drawn
// as one edge that sums them, and control links between two parties as one.
func TestFlowAndParallelLinks(t *testing.T) {
	sg := graph.Subgraph{
		Entities: []graph.Entity{
			{ID: "a", Kind: graph.Company, Name: "Reseller"},
			{ID: "b", Kind: graph.Company, Name: "Front"},
			{ID: "c", Kind: graph.Organization, Name: "Bureau", Tags: []string{graph.TagSanction}},
			{ID: "v", Kind: graph.Company, Name: "Vendor"},
		},
		Links: []graph.Link{
			{ID: "p1", From: "b", To: "a", Type: graph.Pays, Props: map[string]any{"amount": "48,600", "currency": "USD", "date": "2016-04-18", "goods": "licences"}},
			{ID: "p2", From: "b", To: "a", Type: graph.Pays, Props: map[string]any{"amount": 31250.0, "currency": "usd", "date": "2016-09-02", "goods": "licences"}},
			{ID: "o", From: "c", To: "b", Type: graph.Owns, Props: map[string]any{"percentage": "50"}},
			{ID: "d", From: "c", To: "b", Type: graph.Directs},
			{ID: "s", From: "v", To: "a", Type: graph.Supplies},
			{ID: "self", From: "b", To: "b", Type: graph.Supplies},
		},
	}
	dot := string(DOT(sg, Options{Paths: [][]string{{"v", "a", "b", "c"}}}))
	// nodes: n0 a, n1 b, n2 c, n3 v
	for _, want := range []string{
		"n0 -> n1 [label=<pays ×2<BR/><I>licences</I><BR/>79,850 USD, 2016-04–2016-09>",
		", dir=back, penwidth=3",
		"n1 -> n2 [label=\"directs · owns 50%\", color=\"#17202a\", fontcolor=\"#17202a\", dir=back",
		"n3 -> n0 [label=\"supplies\",",
		"SANCTIONED\", tooltip=\"c\"",
		"{ rank=min; n3; }",
		"{ rank=max; n2; }",
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %q:\n%s", want, dot)
		}
	}
	if strings.Count(dot, "pays") != 1 || strings.Contains(dot, "n1 -> n1") {
		t.Errorf("want the two payments as one edge, the ownership as another, no self-link:\n%s", dot)
	}
}

func TestThousands(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 79850: "79,850", 1234567.5: "1,234,567.50", -4200: "-4,200"} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%v) = %q, want %q", in, got, want)
		}
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

// bench300 is a 300-node, 600-link diagram.
func bench300() []byte {
	var sg graph.Subgraph
	for i := 0; i < 300; i++ {
		sg.Entities = append(sg.Entities, graph.Entity{ID: fmt.Sprintf("e%03d", i), Kind: graph.Company, Name: fmt.Sprintf("Company %d Trading Ltd", i), Countries: []string{"HK"}})
	}
	for i := 0; i < 600; i++ {
		u, v := (i*7+1)%300, (i*13+5)%300
		sg.Links = append(sg.Links, graph.Link{ID: fmt.Sprint(i), From: fmt.Sprintf("e%03d", u), To: fmt.Sprintf("e%03d", v), Type: graph.Supplies})
	}
	return DOT(sg, Options{MaxNeighbours: -1})
}

// BenchmarkRender300 renders a 300-node, 600-link diagram as SVG (target
// under 2 s; sfdp, as ChooseLayout picks at that size).
func BenchmarkRender300(b *testing.B) {
	dot := bench300()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Render(context.Background(), dot, SVG, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender300PNG is the same diagram as PNG, drawn by pngEngine.
func BenchmarkRender300PNG(b *testing.B) {
	dot := bench300()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Render(context.Background(), dot, PNG, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// Every layout gives the same drawing of the same diagram each time it is
// drawn, the first time in a process included (sfdp's first layout used to
// differ from the later ones).
func TestLayoutsDeterministic(t *testing.T) {
	var sg graph.Subgraph
	for i := 0; i < 40; i++ {
		sg.Entities = append(sg.Entities, graph.Entity{ID: fmt.Sprintf("e%03d", i), Kind: graph.Company, Name: fmt.Sprintf("Company %d", i)})
	}
	for i := 0; i < 80; i++ {
		u, v := (i*7+1)%40, (i*13+5)%40
		sg.Links = append(sg.Links, graph.Link{ID: fmt.Sprint(i), From: fmt.Sprintf("e%03d", u), To: fmt.Sprintf("e%03d", v), Type: graph.Supplies})
	}
	dot := DOT(sg, Options{MaxNeighbours: -1})
	for _, layout := range []string{"sfdp", "neato", "dot"} {
		a, err := Render(context.Background(), dot, SVG, layout)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Render(context.Background(), dot, SVG, layout)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two drawings of one diagram differ", layout)
		}
	}
}
