package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

// GET /paths?as_of=DAY on the Glocom case gives the paths that `shellnet
// paths --as-of DAY` finds on the store as it stood that day (a snapshot
// built on the day): from the US vendors (the CLI's defaults, its
// trade records read), and from Glocom alone ranked without them (the web
// app's highlight). The days fall before the case's links, between the
// payments of April and September 2016, after the radio shipment of July
// 2016, and after the payments; without a day every path is given.
func TestPathsOnDay(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	ctx := context.Background()
	glocom := graph.MustSelector("id:glocom")
	for _, c := range []struct {
		query string
		from  graph.Selector
		day   string
		want  int
	}{
		{"", graph.Selector{}, "2015-09-15", 0},
		{"", graph.Selector{}, "2016-05-01", 4},
		{"", graph.Selector{}, "2016-10-01", 5},
		{"", graph.Selector{}, "2017-06-01", 2},
		{"", graph.Selector{}, "", 5},
		{"from=id:glocom&k=3&records=false", glocom, "2015-07-01", 1},
		{"from=id:glocom&k=3&records=false", glocom, "2016-07-15", 2},
		{"from=id:glocom&k=3&records=false", glocom, "", 2},
	} {
		target := ts.URL + "/paths?" + c.query
		if c.day != "" {
			target += "&as_of=" + c.day
		}
		code, out := do(t, ts.Client(), "GET", target, "", "")
		if code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", target, code, out)
		}
		var got struct{ Paths []paths.Evidence }
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		var day time.Time
		if c.day != "" {
			day, _ = time.Parse("2006-01-02", c.day)
		}
		snap, err := snapshot.Build(ctx, store, snapshot.Options{AsOf: day})
		if err != nil {
			t.Fatal(err)
		}
		q := paths.Query{From: c.from, Records: c.from.IsZero()}
		if !c.from.IsZero() {
			q.Options.K = 3
		}
		want, err := paths.Run(ctx, snap, q)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := nodeRoutes(got.Paths), nodeRoutes(want.Paths); len(g) != c.want || !slices.Equal(g, w) {
			t.Errorf("%s: the server gives %d paths\n%s\nthe store on the day %d\n%s\nwant %d", target, len(g), strings.Join(g, "\n"), len(w), strings.Join(w, "\n"), c.want)
		}
	}
	for _, bad := range []string{"as_of=2016-13-01", "as_of=yesterday", "records=maybe"} {
		if code, out := do(t, ts.Client(), "GET", ts.URL+"/paths?"+bad, "", ""); code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %s", bad, code, out)
		}
	}
}

// nodeRoutes writes each path as the IDs of its nodes.
func nodeRoutes(ps []paths.Evidence) []string {
	var out []string
	for _, p := range ps {
		var ids []string
		for _, n := range p.Nodes {
			ids = append(ids, n.ID)
		}
		out = append(out, strings.Join(ids, " "))
	}
	return out
}

func FuzzPathsOnDay(f *testing.F) {
	s := fuzzServer(f)
	f.Add("id:glocom", "3", "false", "2015-07-01")
	f.Add("", "100", "true", "2016-05-01")
	f.Add("tag:", "0", "maybe", "2016-02-30")
	f.Fuzz(func(t *testing.T, from, k, records, asOf string) {
		v := url.Values{"from": {from}, "k": {k}, "records": {records}, "as_of": {asOf}}
		serveFuzz(t, s, "GET", "/paths?"+v.Encode(), "", nil)
	})
}
