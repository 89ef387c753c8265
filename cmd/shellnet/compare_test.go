package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph/names"
)

// TestCompare scores two names as Similarity does, and the labelled pairs
// of the name-matching benchmark (graph/names/testdata, from the OFAC and
// UN lists) row by row.
func TestCompare(t *testing.T) {
	out, err := run(t, "compare", "KIM, Jong Un", "김정은", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []compareRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	want := math.Round(names.Similarity("KIM, Jong Un", "김정은")*1e4) / 1e4
	if len(rows) != 1 || rows[0].Score != want || !rows[0].Match || rows[0].Left != "KIM, Jong Un" {
		t.Errorf("compare = %+v, want one matching row scoring %v", rows, want)
	}

	path := filepath.Join("..", "..", "graph", "names", "testdata", "namepairs.csv")
	out, err = run(t, "compare", "--input", path, "--format", "csv", "--threshold", "0.9")
	if err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pairs, err := names.ReadPairs(f, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 3118 || len(got) != len(pairs)+1 {
		t.Fatalf("%d pairs read, %d rows printed: want 3,118 and a header", len(pairs), len(got)-1)
	}
	for i, p := range pairs {
		row := got[i+1]
		s := math.Round(names.Similarity(p.Left, p.Right)*1e4) / 1e4
		if want := []string{p.Left, p.Right, fmt.Sprintf("%.4f", s), fmt.Sprint(s >= 0.9)}; !slices.Equal(row, want) {
			t.Fatalf("line %d: printed %q, want %q", p.Line, row, want)
		}
	}
}

// TestCompareBadInput checks that compare's usage errors say what to do.
func TestCompareBadInput(t *testing.T) {
	dir := t.TempDir()
	noRight := filepath.Join(dir, "a.csv")
	emptyName := filepath.Join(dir, "b.csv")
	badLabel := filepath.Join(dir, "c.csv")
	for path, text := range map[string]string{
		noRight:   "left,name\nA,B\n",
		emptyName: "left,right\nA,B\n,C\n",
		badLabel:  "left;right;match\nA;B;maybe\n",
	} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", "A"}, "two names"},
		{[]string{"compare", "A", "B", "--input", noRight}, "not both"},
		{[]string{"compare", "A", "B", "--threshold", "2"}, "from 0 to 1"},
		{[]string{"compare", "--input", noRight}, `no "right" column`},
		{[]string{"compare", "--input", emptyName}, "line 3: a name is empty"},
		{[]string{"compare", "--input", badLabel}, `line 2: match "maybe"`},
	} {
		_, err := run(t, c.args...)
		if exitCode(err) != exitUsage || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v (exit %d), want exit %d and %q", c.args, err, exitCode(err), exitUsage, c.want)
		}
	}
}
