package report

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

const nasty = `<script>alert(1)</script> & "Co" 조선`

func sampleReport(t *testing.T) Report {
	t.Helper()
	sg := graph.Subgraph{
		Entities: []graph.Entity{
			{ID: "x", Kind: graph.Company, Name: nasty, Countries: []string{"KP"}, Tags: []string{graph.TagFront}},
			{ID: "s", Kind: graph.Organization, Name: "Listed Bureau", Sanctions: []graph.Sanction{{Authority: "OFAC", Program: "DPRK"}}},
		},
		Links: []graph.Link{{ID: "1", From: "x", To: "s", Type: graph.Represents}},
	}
	svg, err := render.Render(context.Background(), render.DOT(sg, render.Options{Paths: [][]string{{"x", "s"}}}), render.SVG, "")
	if err != nil {
		t.Fatal(err)
	}
	return Report{
		Title:   "Case " + nasty,
		Summary: []Fact{{"entities", "2"}},
		Sections: []Section{{
			ID: "paths", Title: "Procurement paths",
			Diagrams: []Diagram{{File: "../../etc/paths", Title: "paths " + nasty, SVG: svg}},
			Tables:   []Table{{Header: []string{"name", "verdict"}, Rows: [][]Cell{{T(nasty), C("linked", "linked")}}}},
		}},
	}
}

func TestHTMLEscapesAndIsWellFormed(t *testing.T) {
	dir := t.TempDir()
	path, err := Write(dir, "", sampleReport(t))
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("<script")) {
		t.Fatal("a <script> element reached the page")
	}
	// The page (HTML5 written as well-formed markup) parses as XML once the
	// doctype is dropped, and the name comes back as text.
	body := bytes.Replace(page, []byte("<!DOCTYPE html>"), nil, 1)
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("page does not parse: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
	}
	if !strings.Contains(text.String(), nasty) {
		t.Errorf("the name is not shown as text")
	}
	// The diagram is saved on its own, inside the report's folder.
	if _, err := os.Stat(filepath.Join(dir, "diagrams", "etc-paths.svg")); err != nil {
		t.Errorf("diagram file: %v", err)
	}
	for _, external := range []string{"http://", "https://"} {
		for _, line := range strings.Split(string(page), "\n") {
			if strings.Contains(line, external) && !strings.Contains(line, "xmlns") && !strings.Contains(line, "DTD") {
				t.Errorf("external reference: %s", line)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := HTML(sampleReport(t))
	b, _ := HTML(sampleReport(t))
	if !bytes.Equal(a, b) {
		t.Fatal("same report, different bytes")
	}
}
