package paths

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

// glocom is the Glocom case loaded into an embedded store, projected, with
// its blocked parties under the 50 Percent Rule.
type glocom struct {
	store   graph.Store
	p       *graph.Projection
	blocked *sanctions.Result
	want    struct {
		Targets []string   `json:"targets"`
		Paths   [][]string `json:"paths"`
	}
}

func loadGlocom(t *testing.T) *glocom {
	t.Helper()
	ctx := context.Background()
	s := testnet.Glocom(t)
	var err error
	g := &glocom{store: s}
	if g.p, err = graph.Project(ctx, s, graph.ProjectOptions{}); err != nil {
		t.Fatal(err)
	}
	listed := make([]bool, g.p.Len())
	for i := range g.p.Nodes {
		listed[i] = g.p.Nodes[i].Listed
	}
	var hs []sanctions.Holding
	err = s.Links(ctx, graph.Filter{Types: []graph.LinkType{graph.Owns, graph.Directs, graph.Represents, graph.HoldsAccount}}, func(l graph.Link) error {
		if h, ok := sanctions.HoldingOf(&l, g.p.Index); ok {
			hs = append(hs, h)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if g.blocked, err = sanctions.Compute(listed, sanctions.Holdings(hs), sanctions.OFAC); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "glocom", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &g.want); err != nil {
		t.Fatal(err)
	}
	return g
}

// find runs Find from sources to targets and describes and marks the paths
// as the command does.
func (g *glocom) find(t *testing.T, sources, targets []int32, opt Options) []Evidence {
	t.Helper()
	ctx := context.Background()
	ev := NewTradeRecords(g.p)
	err := g.store.Links(ctx, graph.Filter{Types: []graph.LinkType{graph.Supplies, graph.Pays}}, func(l graph.Link) error {
		ev.Add(&l)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	opt.Records = ev
	ps, err := Find(g.p, sources, targets, opt)
	if err != nil {
		t.Fatal(err)
	}
	var links []graph.Link
	if err := g.store.Links(ctx, graph.Filter{IDs: NodeIDs(g.p, ps)}, func(l graph.Link) error { links = append(links, l); return nil }); err != nil {
		t.Fatal(err)
	}
	evs := Describe(g.p, ps, links, func(i int32) bool { return g.blocked.Status(i) == sanctions.Blocked })
	shippedPolicies(t).Mark(evs)
	return evs
}

func nodeIDs(ev Evidence) []string {
	var out []string
	for _, n := range ev.Nodes {
		out = append(out, n.ID)
	}
	return out
}

func TestGlocomExpectedPaths(t *testing.T) {
	g := loadGlocom(t)
	sources := g.p.Select(graph.MustSelector("tag:role.vendor country:US"))
	targets := slices.Concat(g.p.Select(graph.MustSelector("tag:sanction")), g.blocked.Blocked())
	var gotTargets []string
	for _, x := range targets {
		gotTargets = append(gotTargets, g.p.Nodes[x].ID)
	}
	slices.Sort(gotTargets)
	if want := slices.Sorted(slices.Values(g.want.Targets)); !slices.Equal(gotTargets, want) {
		t.Fatalf("targets %v, want %v (expected.json)", gotTargets, want)
	}
	evs := g.find(t, sources, targets, Options{})
	var got [][]string
	for _, ev := range evs {
		got = append(got, nodeIDs(ev))
		t.Logf("%.1f %s", ev.Cost, strings.Join(nodeIDs(ev), " > "))
	}
	for _, want := range g.want.Paths {
		if !slices.ContainsFunc(got, func(p []string) bool { return slices.Equal(p, want) }) {
			t.Errorf("expected path %v not found in %v", want, got)
		}
	}
	// the first is the phone chain to the blocked Chinese front
	if len(evs) == 0 || !slices.Equal(got[0], []string{"vendor-apple", "reseller-us-1", "front-hk", "front-cn"}) {
		t.Fatalf("first path %v", got)
	}
	first := evs[0]
	if !first.Nodes[3].Blocked || first.Nodes[3].Listed {
		t.Errorf("front-cn should be shown blocked, not listed: %+v", first.Nodes[3])
	}
	wantMarks := []string{Restricted, Restricted, Unassessed}
	for i, l := range first.Links {
		if l.Policy.Status != wantMarks[i] {
			t.Errorf("hop %d %s>%s: %+v, want %s", i, l.From, l.To, *l.Policy, wantMarks[i])
		}
		if len(l.Sources) == 0 || len(l.IDs) != 1 {
			t.Errorf("hop %d: sources %v ids %v, want the store link's", i, l.Sources, l.IDs)
		}
	}
	if r := first.Links[0].Policy.Rule; r != "us-blocked-end-user" {
		t.Errorf("US hop to the blocked front: rule %q", r)
	}
	// the software chain walks a payment backward, through the US account's holder
	for _, ev := range evs {
		if !slices.Equal(nodeIDs(ev), []string{"vendor-microsoft", "reseller-us-2", "front-sg", "glocom", "rgb"}) {
			continue
		}
		pay := ev.Links[1]
		if pay.Type != graph.Pays || !pay.Reversed || pay.From != "front-sg" || pay.To != "reseller-us-2" {
			t.Errorf("software chain hop 2: %+v", pay)
		}
		if len(pay.IDs) != 2 || len(pay.Value) != 1 || pay.Value[0] != (Amount{79850, "USD"}) {
			t.Errorf("the two payments should be shown together: ids %v value %v", pay.IDs, pay.Value)
		}
		if pay.Policy.Status != Restricted || pay.Policy.Rule != "us-kp-electronics" {
			t.Errorf("US reseller paid for laptops bound for the RGB: %+v", *pay.Policy)
		}
		if rep := ev.Links[3]; rep.Type != graph.Represents || rep.Policy.Status != NotTrade {
			t.Errorf("last hop: %+v", rep)
		}
	}
}

// With only the listed RGB as target, the phone chain runs on through the
// Chinese front to Pyongyang: the Chinese hop of phones is a loophole, the
// US hops are restricted.
func TestGlocomLoopholeThroughChina(t *testing.T) {
	g := loadGlocom(t)
	sources := g.p.Select(graph.MustSelector("id:vendor-apple"))
	targets := g.p.Select(graph.MustSelector("tag:sanction"))
	evs := g.find(t, sources, targets, Options{K: 10})
	want := []string{"vendor-apple", "reseller-us-1", "front-hk", "front-cn", "pan-systems-pyongyang", "glocom", "rgb"}
	i := slices.IndexFunc(evs, func(ev Evidence) bool { return slices.Equal(nodeIDs(ev), want) })
	if i < 0 {
		var got []string
		for _, ev := range evs {
			got = append(got, strings.Join(nodeIDs(ev), ">"))
		}
		t.Fatalf("path %v not found in %v", want, got)
	}
	var marks []string
	for _, l := range evs[i].Links {
		marks = append(marks, l.Policy.Status)
	}
	wantMarks := []string{Restricted, Restricted, Unassessed, Loophole, NotTrade, NotTrade}
	if !slices.Equal(marks, wantMarks) {
		t.Errorf("marks %v, want %v", marks, wantMarks)
	}
	if m := evs[i].Links[3].Policy; m.Jurisdiction != "CN" || m.Rule != "cn-kp-consumer-electronics" {
		t.Errorf("CN hop: %+v", *m)
	}
	if m := evs[i].Links[0].Policy; m.Rule != "us-kp-electronics" {
		t.Errorf("US hop: %+v", *m)
	}
	// the shortest way to the RGB from the phone chain is its 50% stake in the Chinese front
	if got := nodeIDs(evs[0]); !slices.Equal(got, []string{"vendor-apple", "reseller-us-1", "front-hk", "front-cn", "rgb"}) {
		t.Errorf("first path %v", got)
	}
}

// --as-of keeps the links valid on a day: before the Chinese front's first
// purchase (2015-10-01) the phone chain does not reach it.
func TestGlocomAsOf(t *testing.T) {
	g := loadGlocom(t)
	ctx := context.Background()
	for _, c := range []struct {
		day  string
		want bool
	}{{"2015-09-15", false}, {"2016-06-01", true}} {
		p, err := graph.Project(ctx, g.store, graph.ProjectOptions{AsOf: mustDay(t, c.day)})
		if err != nil {
			t.Fatal(err)
		}
		ps, err := Find(p, p.Select(graph.MustSelector("id:vendor-apple")), p.Select(graph.MustSelector("id:front-cn")), Options{})
		if err != nil {
			t.Fatal(err)
		}
		found := slices.ContainsFunc(ps, func(pa Path) bool { return pa.Hops() == 3 })
		if found != c.want {
			t.Errorf("as of %s: phone chain found %v, want %v (%q)", c.day, found, c.want, showAll(p, ps))
		}
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRunMatchesFind checks the snapshot-level entry point the commands
// and the report use against the steps spelled out: the parties blocked
// under the 50 Percent Rule read round by round from the store are those
// the whole list of holdings gives, and the paths, their costs, sources and
// marks are those of Find with every trade record loaded up front.
func TestRunMatchesFind(t *testing.T) {
	g := loadGlocom(t)
	ctx := context.Background()
	snap, err := snapshot.Build(ctx, g.store, snapshot.Options{Rule: sanctions.OFAC})
	if err != nil {
		t.Fatal(err)
	}
	if snap.Projection().Len() != g.p.Len() || snap.Projection().Links() != g.p.Links() {
		t.Fatalf("snapshot of %d entities and %d links, want %d and %d", snap.Projection().Len(), snap.Projection().Links(), g.p.Len(), g.p.Links())
	}
	if got, want := snap.Sanctions().Blocked(), g.blocked.Blocked(); !slices.Equal(got, want) || len(got) == 0 {
		t.Fatalf("blocked %v, want %v", got, want)
	}
	found, err := Run(ctx, snap, Query{Records: true, Policies: shippedPolicies(t)})
	if err != nil {
		t.Fatal(err)
	}
	sources := g.p.Select(DefaultFrom)
	targets := slices.Concat(g.p.Select(DefaultTo), g.blocked.Blocked())
	if !slices.Equal(found.Sources, sources) || !slices.Equal(found.Targets, targets) {
		t.Errorf("ends %v > %v, want %v > %v", found.Sources, found.Targets, sources, targets)
	}
	want := g.find(t, sources, targets, Options{})
	if len(found.Paths) != len(want) || len(want) == 0 {
		t.Fatalf("%d paths, want %d", len(found.Paths), len(want))
	}
	for i := range want {
		a, b := found.Paths[i], want[i]
		if !slices.Equal(nodeIDs(a), nodeIDs(b)) || a.Cost != b.Cost {
			t.Errorf("path %d: %v cost %.2f, want %v cost %.2f", i, nodeIDs(a), a.Cost, nodeIDs(b), b.Cost)
			continue
		}
		for j := range b.Links {
			if a.Links[j].Policy.Status != b.Links[j].Policy.Status || !slices.Equal(a.Links[j].IDs, b.Links[j].IDs) {
				t.Errorf("path %d hop %d: %+v, want %+v", i, j, a.Links[j], b.Links[j])
			}
		}
	}
	// listed parties only: the blocked Chinese front is no target
	listedOnly, err := Run(ctx, snap, Query{ListedOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(listedOnly.Targets, g.p.Select(DefaultTo)) {
		t.Errorf("listed-only targets %v", listedOnly.Targets)
	}
}
