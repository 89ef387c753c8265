package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// supplierFile writes the case's supplier list (see glocomSuppliers) as a
// CSV for --screen.
func supplierFile(t *testing.T) string {
	t.Helper()
	names, _ := glocomSuppliers(t)
	path := filepath.Join(t.TempDir(), "suppliers.csv")
	if err := os.WriteFile(path, []byte("name\n"+strings.Join(names, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// files reads every file under dir, by path relative to it.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A batch of cases: one report per case, the store's, and an index linking
// them; twice the same bytes; the diagrams saved beside each page.
func TestReportCases(t *testing.T) {
	store := glocomCaseStore(t)
	suppliers := supplierFile(t)
	cases := filepath.Join(t.TempDir(), "cases.csv")
	os.WriteFile(cases, []byte("name,focus,hops\nGlocom,id:glocom,2\nPan Systems,name:Pan Systems,1\n"), 0o644)
	var runs []map[string][]byte
	var out reportOutput
	for i := range 2 {
		dir := filepath.Join(t.TempDir(), "nightly")
		stdout, err := run(t, "report", "--store", store, "--quiet", "--format", "json", "--out", dir, "--screen", suppliers, "--cases", cases)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("%v: %s", err, stdout)
			}
			if out.Index != filepath.Join(dir, "index.html") || len(out.Pages) != 4 {
				t.Fatalf("pages %+v", out)
			}
		}
		runs = append(runs, files(t, dir))
	}
	a, b := runs[0], runs[1]
	var names []string
	for name := range a {
		names = append(names, name)
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	slices.Sort(names)
	for _, want := range []string{"index.html", "store/index.html", "store/diagrams/paths.svg", "store/diagrams/paths-listed.svg",
		"01-glocom/index.html", "01-glocom/diagrams/neighbourhood.svg", "02-pan-systems/index.html"} {
		if _, ok := a[want]; !ok {
			t.Errorf("no %s in %v", want, names)
		}
	}
	index := string(a["index.html"])
	for _, want := range []string{`<a href="store/index.html">The whole store</a>`, `<a href="01-glocom/index.html">Glocom</a>`, `<a href="02-pan-systems/index.html">Pan Systems</a>`} {
		if !strings.Contains(index, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
	store1 := string(a["store/index.html"])
	for _, want := range []string{"Procurement paths", "Listed and blocked parties", "Brokers", "Communities", "Red flags", "Screening",
		"loophole (CN)", "restricted (US)", `<td class="sanctioned">sanctioned</td>`} {
		if !strings.Contains(store1, want) {
			t.Errorf("the store's report lacks %q", want)
		}
	}
	if n := strings.Count(store1, "<svg"); n < 5 {
		t.Errorf("%d diagrams inline in the store's report", n)
	}
}

func TestReportUsage(t *testing.T) {
	store := glocomCaseStore(t)
	dir := t.TempDir()
	badCases := filepath.Join(dir, "cases.csv")
	os.WriteFile(badCases, []byte("name,focus,hops\nGlocom,id:glocom,2\nBroken,,1\n"), 0o644)
	noNames := filepath.Join(dir, "suppliers.csv")
	os.WriteFile(noNames, []byte("supplier\nGlocom\n"), 0o644)
	for args, want := range map[string]string{
		"--cases " + badCases:                `--cases: analysis/report: ` + badCases + ` line 3: case "Broken" has no focus`,
		"--cases " + filepath.Join(dir, "x"): "--cases: open",
		"--screen " + noNames:                "--screen: screen: " + noNames,
		"--top 0":                            "--top 0",
		"--layout circo":                     "--layout",
		"--algo girvan":                      "--algo",
	} {
		_, err := run(t, append([]string{"report", "--store", store, "--quiet", "--out", filepath.Join(dir, "r")}, strings.Fields(args)...)...)
		if code := exitCode(err); code != exitUsage || !strings.Contains(err.Error(), want) {
			t.Errorf("report %s: exit %d, %v; want %d and %q", args, code, err, exitUsage, want)
		}
	}
	help, _ := run(t, "report", "--help")
	for _, want := range []string{"Examples:", "shellnet report --out cases --cases cases.csv", "name,focus,hops"} {
		if !strings.Contains(help, want) {
			t.Errorf("report --help lacks %q", want)
		}
	}
}

// The demo ends by writing the Glocom report where --out keeps its files.
func TestDemoWritesReport(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir := filepath.Join(t.TempDir(), "case")
	out, err := run(t, "demo", "--quiet", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, "report", "index.html")
	if !strings.Contains(out, "Wrote "+index+" with ") {
		t.Errorf("the demo does not say where the report is:\n%s", out)
	}
	page, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The Glocom case", "Reconnaissance General Bureau", "loophole (CN)"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the demo's report lacks %q", want)
		}
	}
}
