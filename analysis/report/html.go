package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Report is what a page shows. Builders fill it from analyses; Write turns it
// into HTML.
type Report struct {
	Title    string
	Subtitle string // e.g. the store and its version; no clock time, so that output is deterministic
	Summary  []Fact
	Sections []Section
}

// Fact is one line of the summary.
type Fact struct{ Label, Value string }

// Section is a titled part of the report.
type Section struct {
	ID       string // anchor
	Title    string
	Intro    string
	Diagrams []Diagram
	Tables   []Table
	Notes    []string
}

// Table is a captioned table of text cells.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]Cell
}

// Cell is one table cell: text, with an optional class for colour
// ("sanctioned", "linked", "review", "clear", "restricted", "loophole") and
// an optional link to another page of the report (a relative path).
type Cell struct {
	Text  string
	Class string
	Href  string
}

// Diagram is an SVG drawing; File is the name it is saved under in the
// report's diagrams folder.
type Diagram struct {
	File    string
	Title   string
	Caption string
	SVG     []byte
}

// T makes a plain cell.
func T(s string) Cell { return Cell{Text: s} }

// C makes a cell with a class.
func C(s, class string) Cell { return Cell{Text: s, Class: class} }

//go:embed page.html.tmpl
var pageTemplate string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"inline": inlineSVG,
	"path":   DiagramPath,
}).Parse(pageTemplate))

// HTML returns the report as one self-contained page.
func HTML(r Report) ([]byte, error) {
	var b bytes.Buffer
	if err := page.Execute(&b, r); err != nil {
		return nil, fmt.Errorf("analysis/report: %w", err)
	}
	return b.Bytes(), nil
}

// Write writes the report into dir: index.html (or name, when given) and
// every diagram as dir/diagrams/FILE.svg. It returns the page's path.
func Write(dir, name string, r Report) (string, error) {
	if name == "" {
		name = "index.html"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("analysis/report: %w", err)
	}
	// diagrams of an earlier report in the same folder would linger beside
	// this one's
	old, err := filepath.Glob(filepath.Join(dir, "diagrams", "*.svg"))
	if err != nil {
		return "", fmt.Errorf("analysis/report: %w", err)
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return "", fmt.Errorf("analysis/report: %w", err)
		}
	}
	for _, s := range r.Sections {
		for _, d := range s.Diagrams {
			if d.File == "" || len(d.SVG) == 0 {
				continue
			}
			if err := os.MkdirAll(filepath.Join(dir, "diagrams"), 0o755); err != nil {
				return "", fmt.Errorf("analysis/report: %w", err)
			}
			if err := os.WriteFile(filepath.Join(dir, "diagrams", safeFile(d.File)), d.SVG, 0o644); err != nil {
				return "", fmt.Errorf("analysis/report: %w", err)
			}
		}
	}
	html, err := HTML(r)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, html, 0o644); err != nil {
		return "", fmt.Errorf("analysis/report: %w", err)
	}
	return path, nil
}

var unsafeFile = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// safeFile turns a name into a file name that cannot leave its folder.
func safeFile(name string) string {
	s := unsafeFile.ReplaceAllString(name, "-")
	s = strings.Trim(s, ".-")
	if s == "" {
		s = "diagram"
	}
	if !strings.HasSuffix(s, ".svg") {
		s += ".svg"
	}
	return s
}

// DiagramPath is where Write saves a diagram, relative to the page.
func DiagramPath(d Diagram) string { return "diagrams/" + safeFile(d.File) }

var (
	xmlProlog = regexp.MustCompile(`(?s)<\?xml.*?\?>`)
	doctype   = regexp.MustCompile(`(?s)<!DOCTYPE.*?>`)
	comment   = regexp.MustCompile(`(?s)<!--.*?-->`)
	// Graphviz writes no scripts, event handlers or external references;
	// these are removed anyway so that an inlined drawing can never run
	// code or fetch anything.
	script  = regexp.MustCompile(`(?is)<script.*?</script\s*>`)
	handler = regexp.MustCompile(`(?i)\s on[a-z]+\s*=\s*("[^"]*"|'[^']*')`)
	href    = regexp.MustCompile(`(?i)\s(xlink:)?href\s*=\s*("(?:https?:|//|javascript:)[^"]*"|'(?:https?:|//|javascript:)[^']*')`)
)

// inlineSVG prepares an SVG document for inlining in HTML.
func inlineSVG(svg []byte) template.HTML {
	s := string(svg)
	s = xmlProlog.ReplaceAllString(s, "")
	s = doctype.ReplaceAllString(s, "")
	s = comment.ReplaceAllString(s, "")
	s = script.ReplaceAllString(s, "")
	s = handler.ReplaceAllString(s, "")
	s = href.ReplaceAllString(s, "")
	return template.HTML(strings.TrimSpace(s)) // #nosec: Graphviz output, escaped names, scrubbed above
}
