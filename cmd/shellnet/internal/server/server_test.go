package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// The case's 23 suppliers screened over POST /match give, query by query,
// exactly the JSON line shellnet screen --format json prints: verdict,
// match, score, distance, evidence paths with sources, blocking shares and
// reasons.
func TestMatchGlocom(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	queries, golden := goldenLines(t)
	body := map[string]any{"queries": map[string]any{}}
	for i, q := range queries {
		body["queries"].(map[string]any)[fmt.Sprintf("q%02d", i)] = map[string]any{"schema": "Company", "properties": map[string]any{"name": []string{q}}}
	}
	b, _ := json.Marshal(body)
	code, out := do(t, ts.Client(), "POST", ts.URL+"/match/default", "application/json", string(b))
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, out)
	}
	var resp struct {
		Responses map[string]struct {
			Results []struct {
				ID       string          `json:"id"`
				Score    float64         `json:"score"`
				Decisive bool            `json:"decisive"`
				Paths    json.RawMessage `json:"paths"`
			} `json:"results"`
			Verdict   string          `json:"verdict"`
			Screening json.RawMessage `json:"screening"`
		} `json:"responses"`
		Snapshot Snapshot `json:"snapshot"`
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Responses) != 23 {
		t.Fatalf("%d responses, want 23", len(resp.Responses))
	}
	v, _ := store.Version(context.Background())
	if resp.Snapshot.Version != v {
		t.Errorf("snapshot version %d, store %d", resp.Snapshot.Version, v)
	}
	for i, q := range queries {
		r := resp.Responses[fmt.Sprintf("q%02d", i)]
		if got, want := canonical(t, r.Screening), canonical(t, golden[q]); got != want {
			t.Errorf("%s:\n got %s\nwant %s", q, got, want)
		}
		var g struct {
			Verdict string
			Match   *struct{ ID string }
			Paths   json.RawMessage
		}
		json.Unmarshal(golden[q], &g)
		if r.Verdict != g.Verdict {
			t.Errorf("%s: verdict %s, CLI %s", q, r.Verdict, g.Verdict)
		}
		decisive := 0
		for _, res := range r.Results {
			if res.Decisive {
				decisive++
				if g.Match == nil || res.ID != g.Match.ID {
					t.Errorf("%s: decisive result %s, CLI's match %+v", q, res.ID, g.Match)
				}
				if string(g.Paths) != "[]" && !bytes.Equal(compact(res.Paths), compact(g.Paths)) {
					t.Errorf("%s: decisive result's paths differ from the CLI's", q)
				}
			}
		}
		if want := map[bool]int{true: 1, false: 0}[g.Match != nil]; decisive != want {
			t.Errorf("%s: %d decisive results, want %d", q, decisive, want)
		}
	}
}

func compact(b []byte) []byte {
	var out bytes.Buffer
	json.Compact(&out, b)
	return out.Bytes()
}

// POST /screen streams the CLI's lines, NDJSON in and CSV in; the only
// difference is the line of the input each result echoes.
func TestScreenGlocom(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	queries, golden := goldenLines(t)
	var nd, csv strings.Builder
	csv.WriteString("name,reference\n")
	for i, q := range queries {
		b, _ := json.Marshal(map[string]string{"name": q})
		nd.Write(b)
		nd.WriteByte('\n')
		fmt.Fprintf(&csv, "%q,\n", q)
		_ = i
	}
	for _, c := range []struct{ ct, body string }{{"application/x-ndjson", nd.String()}, {"text/csv; charset=utf-8", csv.String()}} {
		code, out := do(t, ts.Client(), "POST", ts.URL+"/screen", c.ct, c.body)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", c.ct, code, out)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		n := 0
		for sc.Scan() {
			if n >= len(queries) {
				t.Fatalf("%s: more lines than queries: %s", c.ct, sc.Text())
			}
			var line struct {
				Query string
				Line  int
			}
			json.Unmarshal(sc.Bytes(), &line)
			if line.Query != queries[n] || line.Line != n+1+map[bool]int{true: 1}[strings.HasPrefix(c.ct, "text/csv")] {
				t.Errorf("%s: line %d is query %q from input line %d, want %q from line %d", c.ct, n+1, line.Query, line.Line, queries[n], n+1)
			}
			if got, want := canonical(t, sc.Bytes(), "line"), canonical(t, golden[queries[n]]); got != want {
				t.Errorf("%s: %s:\n got %s\nwant %s", c.ct, queries[n], got, want)
			}
			n++
		}
		if n != len(queries) {
			t.Errorf("%s: %d lines, want %d", c.ct, n, len(queries))
		}
	}
}

// yenteMatchResponse is what a client written for yente's /match reads,
// with yente's field names only (yente/data/common.py:
// EntityMatchResponse, EntityMatches, ScoredEntityResponse).
type yenteMatchResponse struct {
	Responses map[string]struct {
		Status  int `json:"status"`
		Results []struct {
			ID         string              `json:"id"`
			Caption    string              `json:"caption"`
			Schema     string              `json:"schema"`
			Properties map[string][]string `json:"properties"`
			Datasets   []string            `json:"datasets"`
			Score      float64             `json:"score"`
			Match      bool                `json:"match"`
			Features   map[string]float64  `json:"features"`
		} `json:"results"`
		Total struct {
			Value    int    `json:"value"`
			Relation string `json:"relation"`
		} `json:"total"`
		Query struct {
			Schema     string              `json:"schema"`
			Properties map[string][]string `json:"properties"`
		} `json:"query"`
	} `json:"responses"`
	Limit int `json:"limit"`
}

// A client written for yente works unchanged: its request (string or list
// values, weights, config, algorithm=best, a threshold) is accepted, and
// its fields carry the name, score and match.
func TestYenteClient(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	req := `{"weights": {"name_literal": 0.8}, "config": {"nm_number_mismatch": 0.4}, "queries": {
		"rgb": {"schema": "Organization", "properties": {"name": "Reconnaissance General Bureau", "country": ["kp"]}},
		"pan": {"schema": "Company", "properties": {"name": ["PAN SYSTEMS PTE LTD"]}},
		"none": {"schema": "Person", "properties": {"name": ["Quillmark Test Instruments"], "birthDate": ["1970-01-01"]}}}}`
	code, out := do(t, ts.Client(), "POST", ts.URL+"/match/default?algorithm=best&threshold=0.95&limit=3", "application/json", req)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, out)
	}
	var resp yenteMatchResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Limit != 3 || len(resp.Responses) != 3 {
		t.Fatalf("limit %d, %d responses", resp.Limit, len(resp.Responses))
	}
	rgb := resp.Responses["rgb"]
	if rgb.Status != 200 || len(rgb.Results) == 0 || rgb.Results[0].ID != "rgb" || rgb.Results[0].Caption != "Reconnaissance General Bureau" ||
		rgb.Results[0].Score != 1 || !rgb.Results[0].Match || rgb.Results[0].Schema != "Organization" || rgb.Query.Properties["name"][0] != "Reconnaissance General Bureau" {
		t.Errorf("rgb: %+v", rgb)
	}
	if f := rgb.Results[0].Features; f["country"] != 1 || f["name"] != 1 {
		t.Errorf("rgb features %v: want the name and the country (kp, KP) to agree", f)
	}
	if rgb.Total.Value != len(rgb.Results) || rgb.Total.Relation != "eq" {
		t.Errorf("rgb total %+v for %d results", rgb.Total, len(rgb.Results))
	}
	// Pan Systems Pte. Ltd. scores 1 by its name: a match at 0.95.
	pan := resp.Responses["pan"]
	if len(pan.Results) == 0 || pan.Results[0].ID != "pan-systems-singapore" || !pan.Results[0].Match || pan.Results[0].Features["name"] != pan.Results[0].Score {
		t.Errorf("pan: %+v", pan)
	}
	for _, r := range resp.Responses["none"].Results {
		if r.Match != (r.Score >= 0.95) {
			t.Errorf("none: %s scores %g, match %v at threshold 0.95", r.ID, r.Score, r.Match)
		}
	}
	for k, r := range resp.Responses {
		for i := 1; i < len(r.Results); i++ {
			if r.Results[i].Score > r.Results[i-1].Score {
				t.Errorf("%s: results not by score: %g after %g", k, r.Results[i].Score, r.Results[i-1].Score)
			}
		}
	}
}

// GET /paths gives the paths shellnet paths --format json prints.
func TestPathsGlocom(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	code, out := do(t, ts.Client(), "GET", ts.URL+"/paths", "", "")
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, out)
	}
	want, err := os.ReadFile(pathsGolden)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := canonical(t, out, "snapshot", "sources", "targets"), canonical(t, want); got != want {
		t.Errorf("paths differ from the CLI's:\n got %s\nwant %s", got, want)
	}
	var n struct{ Sources, Targets int }
	json.Unmarshal(out, &n)
	if n.Sources == 0 || n.Targets == 0 {
		t.Errorf("sources %d, targets %d", n.Sources, n.Targets)
	}
}

// GET /entities/{id} gives the stored entity with its sources; /adjacent
// counts every stored link of it, by type, each with its other end.
func TestEntityAndAdjacent(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	ctx := context.Background()
	want, err := graph.Get(ctx, store, "glocom")
	if err != nil {
		t.Fatal(err)
	}
	code, out := do(t, ts.Client(), "GET", ts.URL+"/entities/glocom", "", "")
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, out)
	}
	var ent entityResponse
	json.Unmarshal(out, &ent)
	if ent.ID != "glocom" || ent.Caption != want.Name || ent.Schema != "Company" || len(ent.Sources) != len(want.Sources) ||
		!slices.Equal(ent.Properties["alias"], want.Aliases) || !slices.Equal(ent.Properties["website"], want.Identifiers["website"]) {
		t.Errorf("entity %+v, stored %+v", ent, want)
	}
	byType := map[string]int{}
	store.Links(ctx, graph.Filter{IDs: []string{"glocom"}}, func(l graph.Link) error {
		byType[strings.ToLower(string(l.Type))]++
		return nil
	})
	code, out = do(t, ts.Client(), "GET", ts.URL+"/entities/glocom/adjacent?limit=100", "", "")
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, out)
	}
	var adj adjacentResponse
	json.Unmarshal(out, &adj)
	if len(adj.Adjacent) != len(byType) {
		t.Errorf("%d link types, store has %d", len(adj.Adjacent), len(byType))
	}
	for typ, n := range byType {
		a := adj.Adjacent[typ]
		if a.Total.Value != n || len(a.Results) != n {
			t.Errorf("%s: total %d, %d results; store has %d", typ, a.Total.Value, len(a.Results), n)
		}
		for _, l := range a.Results {
			if l.Other.ID == "" || l.Other.ID == "glocom" || (l.Direction == "out") != (l.From == "glocom") {
				t.Errorf("%s: link %s: other %q, direction %s", typ, l.ID, l.Other.ID, l.Direction)
			}
		}
	}
	if code, _ := do(t, ts.Client(), "GET", ts.URL+"/entities/no-such-entity", "", ""); code != http.StatusNotFound {
		t.Errorf("unknown entity: status %d, want 404", code)
	}
}

// GET /neighbourhood/{id} holds the entities of the store's own
// neighbourhood (graph.Neighbourhood) and every stored link among them,
// in memory or, on a day, from the store; it stops at the limit.
func TestNeighbourhood(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	ctx := context.Background()
	for _, c := range []struct {
		id, query string
		hops      int
		f         graph.Filter
	}{
		// in memory: every link type but the technical ones by default
		{"glocom", "hops=2", 2, graph.Filter{Types: walkedTypes}},
		{"glocom", "hops=1&types=owns,REPRESENTS", 1, graph.Filter{Types: []graph.LinkType{graph.Owns, graph.Represents}}},
		{"glocom", "hops=3&types=SUPPLIES", 3, graph.Filter{Types: []graph.LinkType{graph.Supplies}}},
		// from the store: on a day, technical links, a device
		{"glocom", "hops=3&as_of=2015-09-15", 3, graph.Filter{Types: walkedTypes, AsOf: mustDay("2015-09-15")}},
		{"vendor-apple", "hops=2&types=MADE_BY,RUNS,OBSERVED_IN", 2, graph.Filter{Types: []graph.LinkType{graph.MadeBy, graph.Runs, graph.ObservedIn}}},
		{"product-iphone-x", "hops=2&types=MADE_BY,SUPPLIES", 2, graph.Filter{Types: []graph.LinkType{graph.MadeBy, graph.Supplies}}},
	} {
		want, err := graph.Neighbourhood(ctx, store, []string{c.id}, c.hops, c.f)
		if err != nil {
			t.Fatal(err)
		}
		in := map[string]bool{}
		for _, e := range want.Entities {
			in[e.ID] = true
		}
		var wantLinks []string
		lf := c.f
		lf.IDs = ids(want.Entities)
		store.Links(ctx, lf, func(l graph.Link) error {
			if in[l.From] && in[l.To] {
				wantLinks = append(wantLinks, l.From+" "+string(l.Type)+" "+l.To)
			}
			return nil
		})
		slices.Sort(wantLinks)
		code, out := do(t, ts.Client(), "GET", ts.URL+"/neighbourhood/"+c.id+"?"+c.query, "", "")
		if code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", c.query, code, out)
		}
		if len(want.Entities) < 2 {
			t.Fatalf("%s %s: the store's neighbourhood has %d entities: a weak test", c.id, c.query, len(want.Entities))
		}
		var got hood
		json.Unmarshal(out, &got)
		var gotIDs, gotLinks []string
		for i, n := range got.Nodes {
			gotIDs = append(gotIDs, n.ID)
			if i > 0 && n.Hops < got.Nodes[i-1].Hops || n.Hops > c.hops {
				t.Errorf("%s: %s at %d hops after %d", c.query, n.ID, n.Hops, got.Nodes[i-1].Hops)
			}
		}
		slices.Sort(gotIDs)
		for _, l := range got.Links {
			gotLinks = append(gotLinks, l.From+" "+string(l.Type)+" "+l.To)
		}
		slices.Sort(gotLinks)
		if !slices.Equal(gotIDs, ids(want.Entities)) || got.Truncated {
			t.Errorf("%s: entities %v (truncated %v), store %v", c.query, gotIDs, got.Truncated, ids(want.Entities))
		}
		if !slices.Equal(gotLinks, wantLinks) {
			t.Errorf("%s: links %v, store %v", c.query, gotLinks, wantLinks)
		}
	}
	for _, q := range []string{"hops=3&limit=4", "hops=3&limit=4&as_of=2016-01-01"} {
		code, out := do(t, ts.Client(), "GET", ts.URL+"/neighbourhood/glocom?"+q, "", "")
		var capped hood
		json.Unmarshal(out, &capped)
		if code != http.StatusOK || len(capped.Nodes) != 4 || !capped.Truncated || capped.Nodes[0].ID != "glocom" || capped.Nodes[0].Hops != 0 {
			t.Errorf("%s: status %d, %d entities, truncated %v", q, code, len(capped.Nodes), capped.Truncated)
		}
	}
	code, out := do(t, ts.Client(), "GET", ts.URL+"/neighbourhood/rgb?hops=1", "", "")
	var rgb hood
	json.Unmarshal(out, &rgb)
	if code != http.StatusOK || rgb.Nodes[0].Status != "listed" {
		t.Errorf("rgb: status %d, %+v", code, rgb.Nodes)
	}
}

func ids(es []graph.Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	slices.Sort(out)
	return out
}

func mustDay(s string) (t time.Time) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// GET /search finds what shellnet search finds, by name and by an
// identifier (the CLI's golden files), in the same order. Its scores may
// differ by a few thousandths: it weighs a word by its rarity among the
// parties of the snapshot, the command among every entity.
func TestSearch(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	for _, c := range []struct{ query, golden string }{
		{"q=Pan+Systems&limit=3", "search_pan_systems.json"},
		{"q=" + url.QueryEscape("http://www.glocom.com.my/"), "search_website.json"},
	} {
		b, err := os.ReadFile("../../testdata/" + c.golden)
		if err != nil {
			t.Fatal(err)
		}
		var want []struct {
			ID, Name, Matched string
			Score             float64
		}
		json.Unmarshal(b, &want)
		code, out := do(t, ts.Client(), "GET", ts.URL+"/search/default?"+c.query, "", "")
		var got searchResponse
		if err := json.Unmarshal(out, &got); err != nil || code != http.StatusOK {
			t.Fatalf("%s: status %d, %v: %s", c.query, code, err, out)
		}
		if len(got.Results) != len(want) {
			t.Fatalf("%s: %d results, CLI %d: %s", c.query, len(got.Results), len(want), out)
		}
		for i, w := range want {
			g := got.Results[i]
			if g.ID != w.ID || g.Caption != w.Name || math.Abs(g.Score-w.Score) > 0.005 || g.Matched != w.Matched {
				t.Errorf("%s: result %d is %s %q %g %q, CLI %s %q %g %q", c.query, i, g.ID, g.Caption, g.Score, g.Matched, w.ID, w.Name, w.Score, w.Matched)
			}
		}
	}
}

// On OFAC's SDN list (2021-04), a person's query with a birth date and a
// passport number has them compared, feature by feature: entry 15667,
// PAEK, Chang-Ho, DOB 18 Jun 1964, passport 381420754. The entry gives no
// country, so a query's country is not compared.
func TestMatchFeatures(t *testing.T) {
	store := loadStore(t, filepath.Join(t.TempDir(), "sdn.db"), filepath.Join(ofacDir, "sdn.csv"), filepath.Join(ofacDir, "add.csv"), filepath.Join(ofacDir, "alt.csv"))
	_, ts := startServer(t, Config{Store: store})
	for _, c := range []struct {
		props        string
		birth, ident float64
		has          []string
	}{
		{`"birthDate": ["1964-06-18"], "passportNumber": ["381420754"], "country": ["KP"]`, 1, 1, []string{"birth_date", "identifier"}},
		{`"birthDate": ["1964"], "passportNumber": ["999999999"]`, 1, 0, []string{"birth_date", "identifier"}},
		{`"birthDate": ["1971-01-01"]`, 0, 0, []string{"birth_date"}},
		{``, 0, 0, nil},
	} {
		props := `"name": ["Paek Chang-Ho"]`
		if c.props != "" {
			props += ", " + c.props
		}
		code, out := do(t, ts.Client(), "POST", ts.URL+"/match/default", "application/json", `{"queries": {"q": {"schema": "Person", "properties": {`+props+`}}}}`)
		var m matchResponse
		if err := json.Unmarshal(out, &m); err != nil || code != http.StatusOK {
			t.Fatalf("%s: status %d, %v: %s", props, code, err, out)
		}
		r := m.Responses["q"]
		if len(r.Results) == 0 || r.Results[0].ID != "ofac-15667" || r.Verdict.String() != "sanctioned" {
			t.Fatalf("%s: %.500s", props, out)
		}
		f := r.Results[0].Features
		var got []string
		for k := range f {
			if k != "name" {
				got = append(got, k)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, c.has) || f["birth_date"] != c.birth || f["identifier"] != c.ident || f["name"] != r.Results[0].Score {
			t.Errorf("%s: features %v, want %v with birth_date %g, identifier %g", props, f, c.has, c.birth, c.ident)
		}
		// the screening weighs what the query gives, as screen --input does
		var weighed []string
		if m := r.Screening.Match; m != nil {
			for k := range m.Explanations {
				if k != "name" && k != "country" {
					weighed = append(weighed, k)
				}
			}
		}
		slices.Sort(weighed)
		if !slices.Equal(weighed, c.has) {
			t.Errorf("%s: the screening weighed %v, want %v", props, weighed, c.has)
		}
		if e := r.Results[0].Explanations["birth_date"]; c.birth == 1 && !strings.Contains(e.Detail, "1964-06-18") {
			t.Errorf("%s: birth date explained as %q", props, e.Detail)
		}
	}
}
