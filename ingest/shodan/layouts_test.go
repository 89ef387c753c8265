package shodan

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
)

// hostFiles are the real host objects of testdata/hosts (PROVENANCE.md).
func hostFiles(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob("testdata/hosts/*.json")
	if err != nil || len(paths) != 12 {
		t.Fatalf("testdata/hosts: %d files, %v", len(paths), err)
	}
	return paths
}

// banners returns the banners of the real host objects, in file order,
// each as the bytes Shodan wrote.
func banners(t testing.TB) []json.RawMessage {
	t.Helper()
	var out []json.RawMessage
	for _, p := range hostFiles(t) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var h struct{ Data []json.RawMessage }
		if err := json.Unmarshal(b, &h); err != nil {
			t.Fatal(err)
		}
		out = append(out, h.Data...)
	}
	return out
}

// layouts writes the hosts' banners in each layout that Shodan's API and
// tools produce and returns the files of each: the host objects as the
// host API gave them, one a file; the same printed over many lines and
// one after another; the banners as JSON lines (the stream, a search
// saved with jq -c); `shodan download`'s gzipped JSON lines, named .json.gz
// and renamed without it; a JSON array of banners; and that array
// pretty-printed.
func layouts(t testing.TB) map[string][]string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, b []byte) []string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{p}
	}
	var pretty bytes.Buffer
	for _, p := range hostFiles(t) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Indent(&pretty, b, "", "    "); err != nil {
			t.Fatal(err)
		}
		pretty.WriteByte('\n')
	}
	var lines bytes.Buffer
	bs := banners(t)
	for _, b := range bs {
		if err := json.Compact(&lines, b); err != nil {
			t.Fatal(err)
		}
		lines.WriteByte('\n')
	}
	var gz bytes.Buffer
	z := gzip.NewWriter(&gz)
	z.Write(lines.Bytes())
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	array, err := json.Marshal(bs)
	if err != nil {
		t.Fatal(err)
	}
	var prettyArray bytes.Buffer
	if err := json.Indent(&prettyArray, array, "", "  "); err != nil {
		t.Fatal(err)
	}
	return map[string][]string{
		"host objects":                hostFiles(t),
		"pretty-printed host objects": write("hosts.json", pretty.Bytes()),
		"banners as JSON lines":       write("banners.jsonl", lines.Bytes()),
		"shodan download .json.gz":    write("download.json.gz", gz.Bytes()),
		"gzip without .gz":            write("download", gz.Bytes()),
		"array of banners":            write("banners.json", array),
		"pretty-printed array":        write("banners-pretty.json", prettyArray.Bytes()),
	}
}

// dump is a store's entities and links without their sources (which
// name each layout's own lines), lists sorted, one per line.
func dump(t testing.TB, s graph.Store) string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	err := s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error {
		e.Sources = nil
		slices.Sort(e.Aliases)
		slices.Sort(e.Countries)
		for _, v := range e.Identifiers {
			slices.Sort(v)
		}
		e.Props = sortedProps(e.Props)
		b, err := json.Marshal(e)
		lines = append(lines, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Links(ctx, graph.Filter{}, func(l graph.Link) error {
		l.Sources = nil
		l.Props = sortedProps(l.Props)
		b, err := json.Marshal(l)
		lines = append(lines, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

func sortedProps(p map[string]any) map[string]any {
	for k, v := range p {
		if l, ok := v.([]any); ok {
			s := make([]string, len(l))
			for i, x := range l {
				s[i] = fmt.Sprint(x)
			}
			sort.Strings(s)
			p[k] = s
		}
	}
	return p
}

// The seven layouts of the same real banners, each recognised by auto
// detection, load into stores that hold the same entities and links,
// and every record of each is loaded. The counts are those of the
// files: 12 hosts (one device each) showing 18 banners, 10 networks (9
// AS numbers, and one host whose only network is its organisation), 9
// products (7 named by CPE, 2 by banner product only) by 6 vendors; 19
// device-product pairs; every link end loaded.
func TestLayouts(t *testing.T) {
	ctx := context.Background()
	var first, firstName string
	names := []string{"host objects", "pretty-printed host objects", "banners as JSON lines", "shodan download .json.gz", "gzip without .gz", "array of banners", "pretty-printed array"}
	ls := layouts(t)
	for _, name := range names {
		s, c := readertest.Load(t, ls[name], ingest.Options{})
		want := 18
		if strings.Contains(name, "host") {
			want = 12
		}
		if c.Read != want || c.Loaded != want || c.Rejected != 0 || !slices.Equal(c.Formats, []string{"shodan"}) {
			t.Errorf("%s: counts %+v, want %d read and loaded as shodan", name, c, want)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for k, n := range map[string]int64{"Device": 12, "Network": 10, "Product": 9, "Company": 6} {
			if st.ByKind[k] != n {
				t.Errorf("%s: %d %s, want %d", name, st.ByKind[k], k, n)
			}
		}
		for k, n := range map[string]int64{"OBSERVED_IN": 12, "RUNS": 19, "MADE_BY": 7} {
			if st.ByType[k] != n {
				t.Errorf("%s: %d %s links, want %d", name, st.ByType[k], k, n)
			}
		}
		got := dump(t, s)
		if first == "" {
			first, firstName = got, name
			continue
		}
		if got != first {
			t.Errorf("%s and %s load differently:\n%s", name, firstName, diffLines(first, got))
		}
	}
	// The host without an AS number is seen in its organisation's network.
	if !strings.Contains(first, `"id":"shodan-net-amazon-com"`) {
		t.Error("no network for the host without an ASN")
	}
}

// diffLines lists the lines of a and b that the other lacks.
func diffLines(a, b string) string {
	as, bs := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range as {
		if !slices.Contains(bs, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range bs {
		if !slices.Contains(as, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
