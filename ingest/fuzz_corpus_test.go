package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/ingest"
)

// corpus returns the inputs of a reader's fuzz target: its seed files and
// what fuzzing found and kept under testdata/fuzz (Go's "go test fuzz v1"
// files with one []byte value).
func corpus(t *testing.T, pkg, target string, seeds ...string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, s := range seeds {
		b, err := os.ReadFile(filepath.Join(pkg, "testdata", s))
		if err != nil {
			t.Fatal(err)
		}
		out[s] = b
	}
	files, _ := filepath.Glob(filepath.Join(pkg, "testdata", "fuzz", target, "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitN(string(b), "\n", 2)
		if len(lines) != 2 || lines[0] != "go test fuzz v1" {
			t.Fatalf("%s: not a fuzz corpus file", f)
		}
		lit := strings.TrimSpace(lines[1])
		lit = strings.TrimSuffix(strings.TrimPrefix(lit, "[]byte("), ")")
		v, err := strconv.Unquote(lit)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = []byte(v)
	}
	return out
}

// TestFuzzCorpora loads every input of the FtM and CSV fuzz targets into
// the embedded store: each must be accounted for, record by record, as
// loaded or rejected (the fuzz targets check the readers alone, fast).
func TestFuzzCorpora(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		format, pkg, target string
		seeds               []string
	}{
		{"ftm", "ftm", "FuzzFTMReader", []string{"opensanctions.ftm.jsonl", "bad.ftm.jsonl"}},
		{"csv", "csv", "FuzzCSVReader", []string{"entities.csv", "links.csv", "bad.csv", "bad-links.csv"}},
	} {
		s := openStore(t)
		dir := t.TempDir()
		for name, data := range corpus(t, tc.pkg, tc.target, tc.seeds...) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := ingest.Load(ctx, s, []string{path}, ingest.Options{Format: tc.format})
			if err != nil {
				if tc.format == "csv" && strings.HasPrefix(err.Error(), "ingest/csv: "+path) {
					continue // not a shellnet CSV file at all: refused whole
				}
				t.Errorf("%s %s: %v", tc.target, name, err)
				continue
			}
			if c.Read != c.Loaded+c.Rejected {
				t.Errorf("%s %s: counts do not reconcile: %+v", tc.target, name, c)
			}
		}
	}
}
