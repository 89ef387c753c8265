package snapshot

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
)

// day is the day of the shipment of phones in the Glocom case, on which
// some of its links were not yet (or no longer) valid.
var day = time.Date(2015, 9, 15, 0, 0, 0, 0, time.UTC)

// A snapshot holds the projection the options select at the store's
// version, and the parties blocked by ownership read round by round are
// those that every holding read up front gives.
func TestBuildGlocom(t *testing.T) {
	ctx := context.Background()
	s := testnet.Glocom(t)
	for _, rule := range []sanctions.Rule{sanctions.OFAC, sanctions.EU} {
		for _, asOf := range []time.Time{{}, day} {
			snap, err := Build(ctx, s, Options{AsOf: asOf, Rule: rule})
			if err != nil {
				t.Fatal(err)
			}
			v, err := s.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if snap.Version() != v || !snap.AsOf().Equal(asOf) || snap.Rule() != rule {
				t.Errorf("version %d, day %v, rule %s: want %d, %v, %s", snap.Version(), snap.AsOf(), snap.Rule(), v, asOf, rule)
			}
			p, err := graph.Project(ctx, s, graph.ProjectOptions{AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			if snap.Projection().Len() != p.Len() || snap.Projection().Links() != p.Links() {
				t.Errorf("%s %v: %d entities and %d links, want %d and %d", rule, asOf, snap.Projection().Len(), snap.Projection().Links(), p.Len(), p.Links())
			}
			want := referenceSanctions(t, s, p, rule, asOf)
			if got := snap.Sanctions().Blocked(); !slices.Equal(got, want.Blocked()) {
				t.Errorf("%s %v: blocked %v, want %v", rule, asOf, got, want.Blocked())
			}
			if asOf.IsZero() && rule == sanctions.OFAC {
				for _, id := range []string{"front-cn", "forwarder-cn"} {
					if i, ok := p.Index(id); !ok || snap.Sanctions().Status(i) != sanctions.Blocked {
						t.Errorf("%s is not blocked under OFAC's rule (fixtures/glocom/expected.json's targets)", id)
					}
				}
			}
		}
	}
}

// referenceSanctions computes the sanctions state from every holding link
// of the store valid on asOf, read up front.
func referenceSanctions(t *testing.T, s graph.Store, p *graph.Projection, rule sanctions.Rule, asOf time.Time) *sanctions.Result {
	t.Helper()
	var hs []sanctions.Holding
	err := s.Links(context.Background(), graph.Filter{Types: rule.HoldingTypes(), AsOf: asOf}, func(l graph.Link) error {
		if h, ok := sanctions.HoldingOf(&l, p.Index); ok {
			hs = append(hs, h)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	listed := make([]bool, p.Len())
	for i := range p.Nodes {
		listed[i] = p.Nodes[i].Listed
	}
	res, err := sanctions.Compute(listed, sanctions.Holdings(hs), rule)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The evidence reader applies the snapshot's day to every link it reads,
// and reads the entities asked for only.
func TestEvidenceAtTheSnapshotsDay(t *testing.T) {
	ctx := context.Background()
	s := testnet.Glocom(t)
	snap, err := Build(ctx, s, Options{AsOf: day})
	if err != nil {
		t.Fatal(err)
	}
	p := snap.Projection()
	all := make([]string, p.Len())
	for i := range p.Nodes {
		all[i] = p.Nodes[i].ID
	}
	var dated, every int
	if err := s.Links(ctx, graph.Filter{AsOf: day}, func(graph.Link) error { dated++; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Links(ctx, graph.Filter{}, func(graph.Link) error { every++; return nil }); err != nil {
		t.Fatal(err)
	}
	sg, err := snap.Evidence(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if len(sg.Entities) != p.Len() || len(sg.Links) != dated || dated >= every {
		t.Errorf("evidence of every entity: %d entities and %d links, want %d and %d (of %d on any day)", len(sg.Entities), len(sg.Links), p.Len(), dated, every)
	}
	for _, l := range sg.Links {
		if !l.Valid(day) {
			t.Errorf("link %s is not valid on %s", l.ID, day.Format(time.DateOnly))
		}
	}
	some := []string{"glocom", "rgb", "pan-systems-pyongyang"}
	sg, err = snap.Evidence(ctx, some)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range sg.Links {
		if !slices.Contains(some, l.From) || !slices.Contains(some, l.To) {
			t.Errorf("link %s (%s → %s) leaves the entities asked for", l.ID, l.From, l.To)
		}
	}
	if len(sg.Entities) != len(some) || len(sg.Links) == 0 {
		t.Errorf("evidence of %v: %d entities and %d links", some, len(sg.Entities), len(sg.Links))
	}
	n := 0
	if err := snap.Links(ctx, nil, nil, func(graph.Link) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("links of no entity: %d, %v: want none", n, err)
	}
	e, err := snap.Entity(ctx, "rgb")
	if err != nil || len(e.Sanctions) == 0 || len(e.Sources) == 0 {
		t.Errorf("the RGB: %d listings, %d sources, %v: want its listings and sources", len(e.Sanctions), len(e.Sources), err)
	}
	if _, err := snap.Entity(ctx, "no-such-entity"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("an entity not stored: %v, want graph.ErrNotFound", err)
	}
	if snap.FindsPaths() {
		t.Error("the embedded store finds no paths on a server")
	}
	if _, err := snap.PathsToSanctioned(ctx, "glocom", 3, nil); err == nil {
		t.Error("paths on a server of the embedded store: no error")
	}
}

// The name index is built once, whoever asks first, and is the same for
// every reader.
func TestNamesOnceForConcurrentReaders(t *testing.T) {
	ctx := context.Background()
	s := testnet.Glocom(t)
	snap, err := Build(ctx, s, Options{NameKinds: []graph.Kind{graph.Company, graph.Organization}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = snap.Names()
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("reader %d got another index", i)
		}
	}
	ms := snap.Names().Search("Glocom", 3)
	if len(ms) == 0 || snap.Projection().Nodes[ms[0].Node].ID != "glocom" {
		t.Fatalf("search for Glocom: %v", ms)
	}
	for _, m := range snap.Names().Search("Brickfields Kuala Lumpur", 5) {
		if k := snap.Projection().Nodes[m.Node].Kind; k != graph.Company && k != graph.Organization {
			t.Errorf("the index of companies and organisations holds %s, a %s", snap.Projection().Nodes[m.Node].ID, k)
		}
	}
}
