package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// glocomCaseStore loads the Glocom case into a fresh embedded store with
// shellnet ingest and returns its path.
func glocomCaseStore(t *testing.T) string {
	t.Helper()
	store := filepath.Join(t.TempDir(), "case.db")
	if _, err := run(t, "ingest", "--store", store, "--quiet", glocomDir); err != nil {
		t.Fatal(err)
	}
	return store
}

func TestPathsGolden(t *testing.T) {
	store := glocomCaseStore(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"paths_glocom.json", []string{"--format", "json"}},
		{"paths_glocom.txt", nil},
		{"paths_glocom.csv", []string{"--format", "csv", "--k", "3"}},
		{"paths_glocom_rgb.txt", []string{"--from", "id:vendor-apple", "--to", "id:rgb", "--k", "3"}},
		{"paths_glocom_asof.txt", []string{"--as-of", "2015-09-15"}},
		{"paths_glocom_weak.txt", []string{"--from", "id:pan-systems-singapore", "--weak", "--k", "2", "--policy", "none"}},
	} {
		args := append([]string{"paths", "--store", store, "--quiet"}, c.args...)
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

// The JSON keeps the fields of DESIGN.md's contract, and the expected paths
// of fixtures/glocom/expected.json are in it.
func TestPathsContract(t *testing.T) {
	store := glocomCaseStore(t)
	out, err := run(t, "paths", "--store", store, "--quiet", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Paths []struct {
			Nodes []map[string]any `json:"nodes"`
			Links []map[string]any `json:"links"`
			Cost  *float64         `json:"cost"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var routes []string
	for _, p := range got.Paths {
		if p.Cost == nil {
			t.Error("a path has no cost")
		}
		var ids []string
		for _, n := range p.Nodes {
			for _, k := range []string{"id", "name", "kind", "countries", "tags"} {
				if _, ok := n[k]; !ok {
					t.Errorf("node %v lacks %q", n["id"], k)
				}
			}
			ids = append(ids, n["id"].(string))
		}
		for _, l := range p.Links {
			for _, k := range []string{"type", "from", "to", "sources"} {
				if _, ok := l[k]; !ok {
					t.Errorf("link %v lacks %q", l, k)
				}
			}
		}
		routes = append(routes, strings.Join(ids, ">"))
	}
	data, err := os.ReadFile(filepath.Join(glocomDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Paths [][]string `json:"paths"`
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	for _, w := range want.Paths {
		if !strings.Contains("|"+strings.Join(routes, "|")+"|", "|"+strings.Join(w, ">")+"|") {
			t.Errorf("expected path %v not among %v", w, routes)
		}
	}
}

func TestPathsUsage(t *testing.T) {
	store := glocomCaseStore(t)
	for _, args := range [][]string{
		{"--from", "colour:red"},
		{"--to", ""},
		{"--k", "0"},
		{"--max-hops", "0"},
		{"--max-hops", "65"},
		{"--policy", "us,mars"},
		{"--policy", "missing.json"},
		{"--rule", "un"},
		{"--as-of", "2016-13-01"},
		{"--format", "xml"},
	} {
		_, err := run(t, append([]string{"paths", "--store", store}, args...)...)
		if code := exitCode(err); code != exitUsage {
			t.Errorf("%v: exit code %d (%v), want %d", args, code, err, exitUsage)
		}
	}
	// a policy file that does not parse is a failure, with its line
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\n\"jurisdiction\": 1\n}"), 0o644)
	_, err := run(t, "paths", "--store", store, "--policy", bad)
	if code := exitCode(err); code != exitFailed || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad policy: exit %d, %v", code, err)
	}
	// nothing selected: no paths, no error
	out, err := run(t, "paths", "--store", store, "--quiet", "--from", "id:nobody", "--format", "json")
	if err != nil || strings.TrimSpace(out) != `{
  "paths": []
}` {
		t.Errorf("no source: %q, %v", out, err)
	}
}

func TestPathsHelp(t *testing.T) {
	out, err := run(t, "paths", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Examples:", "shellnet paths --to id:rgb", "--max-hops", "--policy", "--as-of", "loophole"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
