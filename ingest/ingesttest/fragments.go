package ingesttest

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// network generates a network of fixtures/synth with n entities and
// writes it in shellnet's generic CSV.
func network(t testing.TB, dir string, n int) (*synth.Network, string, string) {
	t.Helper()
	net := synth.Generate(synth.Config{Entities: n, LinksPerEntity: 3, Chains: max(1, n/125), Seed: 7})
	ents, links, err := net.WriteCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	return net, ents, links
}

// ftmRecord is one FollowTheMoney record as the ftm reader reads it.
type ftmRecord struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// writeFtM writes the network's entities as FtM records, each with its
// address links as addressEntity, either in the entity's record
// (aggregated) or in a second record of the same id that names nothing
// (fragments), written to a file read before the named records. The other
// links go, unchanged, to a generic CSV links file.
func writeFtM(t *testing.T, dir string, net *synth.Network, linksCSV string, fragments bool) []string {
	t.Helper()
	addrs := map[string][]string{}
	for _, l := range net.Links {
		if l.Type == graph.LocatedAt {
			addrs[l.From] = append(addrs[l.From], l.To)
		}
	}
	var named, frags []ftmRecord
	for _, e := range net.Entities {
		p := map[string][]string{"name": {e.Name}}
		for _, c := range e.Countries {
			p["country"] = append(p["country"], strings.ToLower(c))
		}
		p["topics"] = slices.Clone(e.Tags)
		if len(e.Sanctions) > 0 && !slices.Contains(p["topics"], graph.TagSanction) {
			p["topics"] = append(p["topics"], graph.TagSanction)
		}
		if a := addrs[e.ID]; len(a) > 0 {
			if fragments {
				frags = append(frags, ftmRecord{ID: e.ID, Schema: string(e.Kind), Properties: map[string][]string{"addressEntity": a}})
			} else {
				p["addressEntity"] = a
			}
		}
		named = append(named, ftmRecord{ID: e.ID, Schema: string(e.Kind), Properties: p})
	}
	var paths []string
	if fragments {
		if len(frags) == 0 {
			t.Fatal("the network has no address links to write as fragments")
		}
		paths = append(paths, writeJSONL(t, filepath.Join(dir, "a-fragments.ftm.jsonl"), frags))
	}
	paths = append(paths, writeJSONL(t, filepath.Join(dir, "entities.ftm.jsonl"), named))
	return append(paths, filterCSV(t, linksCSV, filepath.Join(dir, "links.csv"), func(row []string) bool {
		return row[3] != string(graph.LocatedAt)
	}))
}

func writeJSONL(t *testing.T, path string, recs []ftmRecord) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// filterCSV copies the header and the rows that keep selects from in to out.
func filterCSV(t testing.TB, in, out string, keep func(row []string) bool) string {
	t.Helper()
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	g, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(g)
	for i, row := range rows {
		if i == 0 || keep(row) {
			if err := w.Write(row); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// testFragments loads the generated network twice: aggregated (each
// company's address links in its record) and as fragments (those links in
// a second, nameless record of the same id, read first). Merged, then
// judged, the two give the same stats and the same screening verdicts.
func testFragments(t *testing.T, open Open) {
	dir := t.TempDir()
	net, _, linksCSV := network(t, dir, 1500)
	var queries []string
	for _, p := range net.Probes {
		queries = append(queries, p.Query)
	}
	type outcome struct {
		counts   ingest.Counts
		stats    graph.Stats
		verdicts map[string]string
	}
	run := func(fragments bool) outcome {
		sub := filepath.Join(dir, fmt.Sprint(fragments))
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		paths := writeFtM(t, sub, net, linksCSV, fragments)
		var o outcome
		use(t, open, func(s graph.Store) {
			o.counts = load(t, s, ingest.Options{}, paths...)
			_, o.stats = Dump(t, s)
			o.stats.Releases = nil // their files differ
			o.verdicts = verdicts(t, s, queries)
		})
		return o
	}
	agg, frag := run(false), run(true)
	if agg.counts.Rejected != 0 || frag.counts.Rejected != 0 || agg.counts.Pending != 0 || frag.counts.Pending != 0 {
		t.Errorf("rejected %d and %d, pending %d and %d: want none", agg.counts.Rejected, frag.counts.Rejected, agg.counts.Pending, frag.counts.Pending)
	}
	if agg.stats.Entities != int64(len(net.Entities)) || agg.stats.Links != int64(len(net.Links)) {
		t.Errorf("aggregated: %d entities and %d links, the network has %d and %d", agg.stats.Entities, agg.stats.Links, len(net.Entities), len(net.Links))
	}
	if js(frag.stats) != js(agg.stats) {
		t.Errorf("stats as fragments %s\naggregated %s", js(frag.stats), js(agg.stats))
	}
	if js(frag.verdicts) != js(agg.verdicts) {
		t.Errorf("verdicts as fragments differ from aggregated")
		for q, v := range agg.verdicts {
			if frag.verdicts[q] != v {
				t.Errorf("%q: %s as fragments, %s aggregated", q, frag.verdicts[q], v)
			}
		}
	}
	sanctioned := 0
	for _, v := range agg.verdicts {
		if v == "sanctioned" {
			sanctioned++
		}
	}
	if sanctioned == 0 || len(agg.verdicts) != len(queries) {
		t.Errorf("%d verdicts, %d sanctioned: want one per probe, some sanctioned", len(agg.verdicts), sanctioned)
	}

	// a party named by no record of its id is rejected, with every record
	// that made it
	lone := filepath.Join(dir, "lone.ftm.jsonl")
	writeJSONL(t, lone, []ftmRecord{
		{ID: "nameless", Schema: "Company", Properties: map[string][]string{"country": {"kp"}}},
		{ID: "nameless", Schema: "Company", Properties: map[string][]string{"addressEntity": {"addr-1"}}},
	})
	use(t, open, func(s graph.Store) {
		rejects := filepath.Join(dir, "lone.rejects.jsonl")
		c := load(t, s, ingest.Options{Rejects: rejects}, lone)
		if c.Read != 2 || c.Rejected != 2 || c.Entities != 0 || c.Pending != 0 {
			t.Errorf("counts %+v: want both records rejected", c)
		}
		b, err := os.ReadFile(rejects)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"line":1`, `"line":2`, "lone.ftm.jsonl:1, lone.ftm.jsonl:2"} {
			if !strings.Contains(string(b), want) {
				t.Errorf("rejects %s: want %s", b, want)
			}
		}
	})
}
