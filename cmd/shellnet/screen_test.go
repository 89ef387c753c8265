package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// glocomSuppliers are the supplier names of fixtures/glocom/expected.json
// with their expected verdicts.
func glocomSuppliers(t *testing.T) (names []string, verdicts map[string]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(glocomDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Verdicts map[string]string `json:"verdicts"`
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	for n := range exp.Verdicts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names, exp.Verdicts
}

func TestScreenGolden(t *testing.T) {
	store := glocomCaseStore(t)
	names, _ := glocomSuppliers(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"screen_glocom.json", []string{"--format", "json"}},
		{"screen_glocom.txt", nil},
		{"screen_glocom.csv", []string{"--format", "csv"}},
		{"screen_glocom_eu.txt", []string{"--rule", "eu"}},
		{"screen_glocom_uk.txt", []string{"--rule", "uk"}},
		{"screen_glocom_hops1.txt", []string{"--max-hops", "1", "--paths", "1"}},
	} {
		args := append(append([]string{"screen", "--store", store, "--quiet"}, c.args...), names...)
		got, err := run(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		again, _ := run(t, args...)
		if again != got {
			t.Errorf("%v: two runs print different bytes", c.args)
		}
		golden(t, c.name, got)
	}
}

// The JSON lines keep the fields of DESIGN.md's contract, and every
// supplier gets the verdict fixtures/glocom/expected.json gives it.
func TestScreenContract(t *testing.T) {
	store := glocomCaseStore(t)
	names, verdicts := glocomSuppliers(t)
	out, err := run(t, append([]string{"screen", "--store", store, "--quiet", "--format", "json"}, names...)...)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var r map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		for _, k := range []string{"query", "verdict", "match", "distance", "paths", "score", "reasons"} {
			if _, ok := r[k]; !ok {
				t.Errorf("line %d lacks %q", n+1, k)
			}
		}
		var q, v string
		json.Unmarshal(r["query"], &q)
		json.Unmarshal(r["verdict"], &v)
		if q != names[n] {
			t.Errorf("line %d is %q, want %q (input order)", n+1, q, names[n])
		}
		if v != verdicts[q] {
			t.Errorf("%s: verdict %s, want %s", q, v, verdicts[q])
		}
		if string(r["match"]) != "null" {
			var m map[string]any
			json.Unmarshal(r["match"], &m)
			for _, k := range []string{"id", "name", "score"} {
				if _, ok := m[k]; !ok {
					t.Errorf("%s: match lacks %q", q, k)
				}
			}
		}
		var paths []struct {
			Nodes []map[string]any `json:"nodes"`
			Links []map[string]any `json:"links"`
			Cost  *float64         `json:"cost"`
		}
		if err := json.Unmarshal(r["paths"], &paths); err != nil {
			t.Errorf("%s: paths: %v", q, err)
		}
		for _, p := range paths {
			if p.Cost == nil {
				t.Errorf("%s: a path has no cost", q)
			}
			for _, nd := range p.Nodes {
				for _, k := range []string{"id", "name", "kind", "countries", "tags"} {
					if _, ok := nd[k]; !ok {
						t.Errorf("%s: node lacks %q", q, k)
					}
				}
			}
			for _, l := range p.Links {
				for _, k := range []string{"type", "from", "to", "sources"} {
					if _, ok := l[k]; !ok {
						t.Errorf("%s: link lacks %q", q, k)
					}
				}
			}
		}
		n++
	}
	if n != len(names) {
		t.Errorf("%d lines for %d names", n, len(names))
	}
}

func TestScreenInputAndFailOn(t *testing.T) {
	store := glocomCaseStore(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "suppliers.csv")
	os.WriteFile(in, []byte("id,name,country,reference\nS1,Microsoft Corporation,US,PO-1\nS2,\"=GLOCOM\",MY,PO-2\nS3,Quillmark Test Instruments,US,PO-3\n"), 0o644)
	out, err := run(t, "screen", "--store", store, "--quiet", "--input", in, "--format", "csv", "--fail-on", "linked")
	if code := exitCode(err); code != exitFlagged {
		t.Fatalf("--fail-on linked with Glocom in the list: exit %d (%v), want 3", code, err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || lines[0] != strings.Join(screenColumns, ",") {
		t.Fatalf("csv output:\n%s", out)
	}
	// the input columns are echoed; a name that starts like a formula is neutralised
	if !strings.HasPrefix(lines[2], "'=GLOCOM,S2,MY,PO-2,3,linked,") {
		t.Errorf("row for S2: %s", lines[2])
	}
	if !strings.HasPrefix(lines[1], "Microsoft Corporation,S1,US,PO-1,2,clear,") {
		t.Errorf("row for S1: %s", lines[1])
	}
	// the same list without Glocom passes
	os.WriteFile(in, []byte("name\nMicrosoft Corporation\nQuillmark Test Instruments\n"), 0o644)
	if _, err := run(t, "screen", "--store", store, "--quiet", "--input", in, "--fail-on", "review"); err != nil {
		t.Errorf("--fail-on review on clear suppliers: %v", err)
	}
	// names and flags in any order, as DESIGN.md writes them
	out, err = run(t, "screen", "GLOCOM", "--store", store, "--quiet", "--format", "json", "--fail-on", "sanctioned")
	if err != nil || !strings.Contains(out, `"verdict":"linked"`) {
		t.Errorf("flags after the name: %v\n%s", err, out)
	}
}

func TestScreenUsage(t *testing.T) {
	store := glocomCaseStore(t)
	dir := t.TempDir()
	noName := filepath.Join(dir, "bad.csv")
	os.WriteFile(noName, []byte("supplier\nGlocom\n"), 0o644)
	for _, args := range [][]string{
		{},
		{"--rule", "un", "Glocom"},
		{"--fail-on", "clear", "Glocom"},
		{"--threshold", "1.5", "Glocom"},
		{"--max-hops", "0", "Glocom"},
		{"--format", "xml", "Glocom"},
		{"--input", filepath.Join(dir, "missing.csv")},
		{"--input", noName},
	} {
		_, err := run(t, append([]string{"screen", "--store", store, "--quiet"}, args...)...)
		if code := exitCode(err); code != exitUsage {
			t.Errorf("%v: exit %d (%v), want 2", args, code, err)
		}
	}
	empty := filepath.Join(dir, "empty.db")
	if _, err := run(t, "screen", "--store", empty, "--quiet", "Glocom"); exitCode(err) != exitFailed || !strings.Contains(err.Error(), "ingest") {
		t.Errorf("an empty store: %v, want exit 1 telling to ingest", err)
	}
}

func TestScreenHelp(t *testing.T) {
	out, err := run(t, "screen", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Examples:", "--input", "--fail-on", "--rule", "--max-hops", "--threshold", "50 Percent Rule"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen --help lacks %q", want)
		}
	}
}

func TestSearchGolden(t *testing.T) {
	store := glocomCaseStore(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"search_pan_systems.json", []string{"Pan Systems", "--format", "json", "--limit", "3"}},
		{"search_pan_systems.txt", []string{"PAN SYSTEMS PRIVATE LIMITED", "--limit", "3"}},
		{"search_website.json", []string{"--format", "json", "http://www.glocom.com.my/"}},
		{"search_typo.csv", []string{"--format", "csv", "Reconaissance Generl Bureau", "--limit", "2"}},
	} {
		got, err := run(t, append([]string{"search", "--store", store, "--quiet"}, c.args...)...)
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		golden(t, c.name, got)
	}
	var hits []map[string]any
	out, _ := run(t, "search", "--store", store, "--quiet", "--format", "json", "glocom.com.my")
	if err := json.Unmarshal([]byte(out), &hits); err != nil || len(hits) == 0 || hits[0]["id"] != "glocom" || hits[0]["matched"] != "website:glocom.com.my" {
		t.Errorf("search by website: %v %s", err, out)
	}
	for _, args := range [][]string{{}, {"x", "--limit", "0"}} {
		if _, err := run(t, append([]string{"search", "--store", store, "--quiet"}, args...)...); exitCode(err) != exitUsage {
			t.Errorf("search %v: %v, want exit 2", args, err)
		}
	}
}
