package main

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nastyName is an entity name that tries every way out of its quotes.
const nastyName = `<script>alert(1)</script> & "Co" 조선`

// xmlText parses doc as strict XML (the SVG and GraphML outputs) and
// returns its character data with runs of white space as one space.
func xmlText(t *testing.T, doc []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return strings.Join(strings.Fields(b.String()), " ")
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
			b.WriteByte(' ')
		}
	}
}

// TestRenderGolden draws the Glocom case's procurement paths and the
// network two links around Glocom as DOT, compared with
// testdata/render_glocom_*.dot (go test -update rewrites them).
func TestRenderGolden(t *testing.T) {
	store := glocomCaseStore(t)
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
	}{
		{"render_glocom_paths.dot", []string{"--paths"}},
		{"render_glocom_ego.dot", []string{"--focus", "id:glocom", "--hops", "2"}},
		{"render_glocom_loophole.dot", []string{"--paths", "--from", "id:vendor-apple", "--to", "id:rgb", "--k", "4", "--title", "Phones to the RGB"}},
		{"render_glocom_community.dot", []string{"--community", "1"}},
		{"render_glocom_whole_asof.dot", []string{"--as-of", "2015-09-15"}},
		{"render_glocom_focus_paths_eu.dot", []string{"--focus", "name:Pan Systems", "--hops", "1", "--paths", "--to", "id:rgb", "--k", "2", "--rule", "eu"}},
	} {
		out := filepath.Join(dir, c.name)
		if _, err := run(t, append([]string{"render", "--store", store, "--quiet", "--out", out}, c.args...)...); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, c.name, string(got))
	}
}

// TestRenderGlocomSVGAndPNG checks the drawn diagrams: SVG that parses as
// XML and names the parties, hops and marks of the case; a PNG image.
func TestRenderGlocomSVGAndPNG(t *testing.T) {
	store := glocomCaseStore(t)
	dir := t.TempDir()
	svgPath := filepath.Join(dir, "paths.svg")
	if _, err := run(t, "render", "--store", store, "--quiet", "--paths", "--out", svgPath); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(svgPath)
	if err != nil {
		t.Fatal(err)
	}
	text := xmlText(t, svg)
	for _, want := range []string{"Apple Inc.", "Microsoft Corporation", "Reconnaissance General Bureau", "SANCTIONED",
		"BLOCKED by ownership", "Glocom", "RESTRICTED (US)", "pays ×2", "79,850 USD", "Procurement paths from tag:role.vendor country:US to tag:sanction"} {
		if !strings.Contains(text, want) {
			t.Errorf("SVG lacks %q:\n%s", want, text)
		}
	}
	// the loophole: phones that China's rules let through to Pyongyang
	loop := filepath.Join(dir, "loophole.svg")
	if _, err := run(t, "render", "--store", store, "--quiet", "--paths", "--from", "id:vendor-apple", "--to", "id:rgb", "--k", "10", "--out", loop); err != nil {
		t.Fatal(err)
	}
	svg, err = os.ReadFile(loop)
	if err != nil {
		t.Fatal(err)
	}
	if text := xmlText(t, svg); !strings.Contains(text, "LOOPHOLE (CN)") {
		t.Errorf("the Chinese hop to Pyongyang is not marked a loophole:\n%s", text)
	}
	pngPath := filepath.Join(dir, "glocom.png")
	if _, err := run(t, "render", "--store", store, "--quiet", "--focus", "id:glocom", "--out", pngPath); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 300 {
		t.Errorf("PNG of %dx%d pixels: too small for 17 entities at 144 dpi", b.Dx(), b.Dy())
	}
}

// nastyStore loads one party whose name tries to break out of every format
// it lands in, linked to a listed party, and returns the store's path.
func nastyStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ents := filepath.Join(dir, "entities.csv")
	links := filepath.Join(dir, "links.csv")
	quoted := `"` + strings.ReplaceAll(nastyName, `"`, `""`) + `"`
	os.WriteFile(ents, []byte("id,kind,name,countries,tags\n"+
		"x,Company,"+quoted+",KP,role.front\n"+
		"s,Organization,Listed Bureau,KP,sanction\n"+
		"v,Company,Vendor Inc,US,role.vendor\n"), 0o644)
	os.WriteFile(links, []byte("from,to,type,goods\n"+
		"x,s,REPRESENTS,\n"+
		"v,x,SUPPLIES,"+quoted+"\n"), 0o644)
	store := filepath.Join(dir, "nasty.db")
	if _, err := run(t, "ingest", "--store", store, "--quiet", ents, links); err != nil {
		t.Fatal(err)
	}
	return store
}

// The name lands escaped in DOT, SVG and the HTML report, and comes back
// intact when each is parsed.
func TestRenderNastyNameSafe(t *testing.T) {
	store := nastyStore(t)
	dir := t.TempDir()
	dotPath, svgPath := filepath.Join(dir, "x.dot"), filepath.Join(dir, "x.svg")
	for _, out := range []string{dotPath, svgPath} {
		if _, err := run(t, "render", "--store", store, "--quiet", "--paths", "--title", nastyName, "--out", out); err != nil {
			t.Fatal(err)
		}
	}
	dot, _ := os.ReadFile(dotPath)
	for _, line := range strings.Split(string(dot), "\n") {
		if strings.Contains(line, `"Co"`) && !strings.Contains(line, `\"Co\"`) {
			t.Errorf("DOT: unescaped quote: %s", line)
		}
		if strings.Contains(line, "=<") && strings.Contains(line, "<script") {
			t.Errorf("DOT: markup from data in an HTML-like label: %s", line)
		}
	}
	svg, _ := os.ReadFile(svgPath)
	if bytes.Contains(svg, []byte("<script")) {
		t.Fatal("SVG: a <script> element")
	}
	text := xmlText(t, svg)
	for _, want := range []string{nastyName + " front · KP", "<script>alert(1)</s…"} {
		if !strings.Contains(text, want) {
			t.Errorf("SVG text lacks %q:\n%s", want, text)
		}
	}
	// the HTML report: no script element anywhere, the name shown as text
	rep := filepath.Join(dir, "report")
	if _, err := run(t, "report", "--store", store, "--quiet", "--out", rep, "--title", nastyName); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(rep, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("<script")) {
		t.Fatal("HTML: a <script> element")
	}
	if !bytes.Contains(page, []byte("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34; 조선")) {
		t.Errorf("HTML: the name is not escaped as text")
	}
}

func TestRenderUsage(t *testing.T) {
	store := glocomCaseStore(t)
	for _, args := range [][]string{
		{"--out", "x.jpg", "--paths"},
		{"--out", "x.svg", "--layout", "circo"},
		{"--out", "x.svg", "--max-neighbours", "-3"},
		{"--out", "x.svg", "--focus", "colour:red"},
		{"--out", "x.svg", "--community", "99"},
		{"--out", "x.svg", "--paths", "--k", "0"},
		{"--paths"},
	} {
		_, err := run(t, append([]string{"render", "--store", store, "--quiet"}, args...)...)
		if code := exitCode(err); code != exitUsage {
			t.Errorf("render %v: exit %d (%v), want %d", args, code, err, exitUsage)
		}
	}
	help, _ := run(t, "render", "--help")
	for _, want := range []string{"Examples:", "shellnet render --paths --out paths.svg", "--max-neighbours"} {
		if !strings.Contains(help, want) {
			t.Errorf("render --help lacks %q", want)
		}
	}
}
