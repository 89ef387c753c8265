package neo4j

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
)

// plainStore hides the optional powers of a store, so that graph's generic
// code runs on it: the reference for the server-side versions.
type plainStore struct{ graph.Store }

// loadSynth loads a small generated network (with planted chains to
// listed parties) into an emptied test database.
func loadSynth(t *testing.T, entities int) (*Store, *synth.Network) {
	t.Helper()
	s := openTest(t)
	net := synth.Generate(synth.Config{Entities: entities, LinksPerEntity: 3, Chains: entities / 200, Seed: 3})
	ctx := context.Background()
	for lo := 0; lo < len(net.Entities); lo += 1000 {
		if err := s.UpsertEntities(ctx, net.Entities[lo:min(lo+1000, len(net.Entities))]); err != nil {
			t.Fatal(err)
		}
	}
	for lo := 0; lo < len(net.Links); lo += 1000 {
		if err := s.UpsertLinks(ctx, net.Links[lo:min(lo+1000, len(net.Links))]); err != nil {
			t.Fatal(err)
		}
	}
	return s, net
}

func TestServerSide(t *testing.T) {
	s, net := loadSynth(t, 2000)
	ctx := context.Background()
	var seeds []string
	for _, c := range net.Chains {
		seeds = append(seeds, c.Nodes[0]) // vendors, some hops from a listed party
	}
	for i := 0; i < len(net.Entities); i += 199 {
		seeds = append(seeds, net.Entities[i].ID)
	}
	t.Run("Neighbourhood", func(t *testing.T) {
		filters := []graph.Filter{
			{},
			{Types: []graph.LinkType{graph.Supplies, graph.Pays, graph.Owns}},
			{Datasets: []string{synth.Dataset}},
			{Datasets: []string{"none"}},
			{AsOf: day(t, "2020-06-30")},
			{AsOf: day(t, "2020-06-30"), Types: []graph.LinkType{graph.Supplies}},
		}
		checked := 0
		for _, f := range filters {
			for _, hops := range []int{0, 1, 2, 3} {
				for i, seed := range seeds {
					if i%3 != hops%3 { // a third of the seeds for each reach
						continue
					}
					got, err := s.Neighbourhood(ctx, []string{seed}, hops, f)
					if err != nil {
						t.Fatal(err)
					}
					want, err := graph.Neighbourhood(ctx, plainStore{s}, []string{seed}, hops, f)
					if err != nil {
						t.Fatal(err)
					}
					if a, b := mustCanon(t, got), mustCanon(t, want); a != b {
						t.Fatalf("seed %s, %d hops, filter %+v: server and walk differ: %d/%d entities, %d/%d links",
							seed, hops, f, len(got.Entities), len(want.Entities), len(got.Links), len(want.Links))
					}
					checked += len(got.Links)
				}
			}
		}
		if checked == 0 {
			t.Fatal("no neighbourhood had a link")
		}
		multi, err := s.Neighbourhood(ctx, seeds[:3], 2, graph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := graph.Neighbourhood(ctx, plainStore{s}, seeds[:3], 2, graph.Filter{})
		if mustCanon(t, multi) != mustCanon(t, want) {
			t.Errorf("three seeds: server and walk differ")
		}
	})
	t.Run("PathsToSanctioned", func(t *testing.T) {
		types := []graph.LinkType{graph.Supplies, graph.Pays, graph.Owns, graph.Directs, graph.Represents, graph.HoldsAccount}
		found, cut := 0, 0
		for _, asOf := range []time.Time{{}, day(t, "2020-06-30"), day(t, "2021-12-31")} {
			p, err := graph.Project(ctx, plainStore{s}, graph.ProjectOptions{AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			for _, seed := range seeds {
				for _, maxHops := range []int{2, 4} {
					paths, err := s.PathsToSanctioned(ctx, seed, maxHops, types, asOf)
					if err != nil {
						t.Fatal(err)
					}
					want := listedWithin(p, seed, maxHops, types)
					got := map[string]int{}
					for _, sg := range paths {
						checkPath(t, s, seed, sg, types)
						for _, l := range sg.Links {
							if !l.Valid(asOf) {
								t.Errorf("seed %s, as of %v: path through %s, not valid then", seed, asOf, l.ID)
							}
						}
						got[sg.Entities[len(sg.Entities)-1].ID] = len(sg.Links)
					}
					if fmt.Sprint(got) != fmt.Sprint(want) {
						t.Fatalf("seed %s within %d, as of %v: listed parties and distances\ngot  %v\nwant %v", seed, maxHops, asOf, got, want)
					}
					for i := 1; i < len(paths); i++ {
						a, b := paths[i-1], paths[i]
						if len(a.Links) > len(b.Links) || len(a.Links) == len(b.Links) && a.Entities[len(a.Entities)-1].ID > b.Entities[len(b.Entities)-1].ID {
							t.Errorf("seed %s: paths not ordered by length, then target", seed)
						}
					}
					if asOf.IsZero() {
						found += len(paths)
					} else {
						cut += len(paths)
					}
				}
			}
		}
		if found == 0 || cut == 0 || cut >= 2*found {
			t.Fatalf("%d paths, %d over the two days: the test checks nothing", found, cut)
		}
		t.Logf("%d paths checked, %d over links valid on two days", found, cut)
	})
	t.Run("Project", func(t *testing.T) {
		for _, opt := range []graph.ProjectOptions{
			{},
			{Kinds: []graph.Kind{graph.Company, graph.Person}},
			{Types: []graph.LinkType{graph.Owns, graph.Supplies}},
			{AsOf: day(t, "2021-01-01")},
		} {
			got, err := s.Project(ctx, opt)
			if err != nil {
				t.Fatal(err)
			}
			want, err := graph.Project(ctx, plainStore{s}, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got.Nodes, want.Nodes, func(a, b graph.Node) bool { return mustCanon(t, a.Entity()) == mustCanon(t, b.Entity()) }) ||
				!slices.Equal(got.From, want.From) || !slices.Equal(got.To, want.To) ||
				!slices.Equal(got.Type, want.Type) || !slices.Equal(got.Weights(), want.Weights()) {
				t.Errorf("%+v: projections differ: %d/%d nodes, %d/%d links", opt, got.Len(), want.Len(), got.Links(), want.Links())
			}
			if got.Links() == 0 {
				t.Errorf("%+v: empty projection", opt)
			}
		}
	})
}

// listedWithin returns the listed entities within maxHops links of seed
// over types (either direction), with their distances: breadth-first on
// the projection.
func listedWithin(p *graph.Projection, seed string, maxHops int, types []graph.LinkType) map[string]int {
	src, ok := p.Index(seed)
	if !ok {
		return map[string]int{}
	}
	dist := map[int32]int{src: 0}
	frontier := []int32{src}
	for d := 1; d <= maxHops && len(frontier) > 0; d++ {
		var next []int32
		visit := func(v int32, link int32) {
			if !slices.Contains(types, p.LinkType(link)) {
				return
			}
			if _, seen := dist[v]; !seen {
				dist[v] = d
				next = append(next, v)
			}
		}
		for _, u := range frontier {
			lo, hi := p.Out(u)
			for i := lo; i < hi; i++ {
				visit(p.To[i], i)
			}
			for _, i := range p.In(u) {
				visit(p.From[i], i)
			}
		}
		frontier = next
	}
	out := map[string]int{}
	for v, d := range dist {
		if d > 0 && p.Nodes[v].Listed {
			out[p.Nodes[v].ID] = d
		}
	}
	return out
}

// checkPath checks that sg is a path from seed whose links join its
// entities in order, over the given types, ending at a listed entity.
func checkPath(t *testing.T, s *Store, seed string, sg graph.Subgraph, types []graph.LinkType) {
	t.Helper()
	if len(sg.Entities) != len(sg.Links)+1 || sg.Entities[0].ID != seed {
		t.Fatalf("path from %s: %d entities for %d links, first %s", seed, len(sg.Entities), len(sg.Links), sg.Entities[0].ID)
	}
	last := sg.Entities[len(sg.Entities)-1]
	if !last.Listed() {
		t.Errorf("path from %s ends at %s, which is not listed", seed, last.ID)
	}
	for i, l := range sg.Links {
		a, b := sg.Entities[i].ID, sg.Entities[i+1].ID
		if !(l.From == a && l.To == b || l.From == b && l.To == a) || !slices.Contains(types, l.Type) {
			t.Errorf("path from %s: link %d (%s %s→%s) does not join %s and %s over %v", seed, i, l.Type, l.From, l.To, a, b, types)
		}
		if l.ID == "" || len(l.Sources) == 0 {
			t.Errorf("path from %s: link %d lacks its id or sources: %+v", seed, i, l)
		}
	}
	stored, err := graph.Get(context.Background(), s, last.ID)
	if err != nil || mustCanon(t, stored) != mustCanon(t, last) {
		t.Errorf("path from %s: end entity differs from the stored one (%v)", seed, err)
	}
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestValidCypher checks the Cypher form of graph.Link.Valid, which the
// server's path search uses, against the Go one, over full and partial
// dates, numbers and missing values, on days around them.
func TestValidCypher(t *testing.T) {
	s := openTest(t)
	values := []any{nil, "", "2016", "2016-05", "2016-05-10", "2016-05-10T12:00:00", "2017-01-01", 2016, "2015-12"}
	days := []string{"2015-12-31", "2016-01-01", "2016-05-09", "2016-05-10", "2016-05-11", "2016-06-01", "2017-01-01"}
	var rows []map[string]any
	var links []graph.Link
	for _, st := range values {
		for _, en := range values {
			for _, dt := range values {
				props := map[string]any{}
				for k, v := range map[string]any{"start": st, "end": en, "date": dt} {
					if v != nil {
						props[k] = v
					}
				}
				for _, d := range days {
					rows = append(rows, map[string]any{"r": props, "day": d})
					links = append(links, graph.Link{Props: props})
				}
			}
		}
	}
	var got []bool
	err := s.run(context.Background(), "UNWIND $rows AS row WITH row.r AS r, row.day AS day RETURN "+validCypher("r", "day"),
		map[string]any{"rows": rows}, func(r *neo4j.Record) error {
			v, _ := r.Values[0].(bool)
			got = append(got, v)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d answers for %d rows", len(got), len(rows))
	}
	valid := 0
	for i, row := range rows {
		want := links[i].Valid(day(t, row["day"].(string)))
		if got[i] != want {
			t.Errorf("%v on %s: server %v, Link.Valid %v", row["r"], row["day"], got[i], want)
		}
		if want {
			valid++
		}
	}
	if valid == 0 || valid == len(rows) {
		t.Errorf("%d of %d rows valid: the days do not tell the cases apart", valid, len(rows))
	}
}
