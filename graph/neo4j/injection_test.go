package neo4j

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// Labels and relationship types are the only names written into Cypher
// text; these tests feed hostile ones and check they are refused before
// anything is sent, and that hostile data is stored as data.

const (
	evilKind = graph.Kind("Company`) DETACH DELETE n //")
	evilType = graph.LinkType("OWNS]->() DETACH DELETE n//")
)

// snapshot is what must not change when a write is refused.
type snapshot struct {
	stats   graph.Stats
	version int64
	ids     string
}

func snap(t *testing.T, s *Store) snapshot {
	t.Helper()
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	if err := s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error { ids = append(ids, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return snapshot{st, v, strings.Join(ids, ",")}
}

func sameSnapshot(t *testing.T, what string, got, want snapshot) {
	t.Helper()
	if got.version != want.version || got.ids != want.ids || canonStats(got.stats) != canonStats(want.stats) {
		t.Errorf("%s changed the database: got %+v, want %+v", what, got, want)
	}
}

// canonStats is st as comparable text; when a release was loaded is not
// content.
func canonStats(st graph.Stats) string {
	st.Releases = slices.Clone(st.Releases)
	for i := range st.Releases {
		st.Releases[i].Loaded = time.Time{}
	}
	s, _ := canon(st)
	return s
}

func TestInjectionRejected(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	seed := []graph.Entity{
		{ID: "a", Kind: graph.Company, Name: "A"},
		{ID: "b", Kind: graph.Company, Name: "B"},
	}
	if err := s.UpsertEntities(ctx, seed); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertLinks(ctx, []graph.Link{{ID: "a-b", From: "a", To: "b", Type: graph.Owns}}); err != nil {
		t.Fatal(err)
	}
	before := snap(t, s)

	err := s.UpsertEntities(ctx, []graph.Entity{{ID: "c", Kind: graph.Company, Name: "C"}, {ID: "x", Kind: evilKind, Name: "X"}})
	if err == nil || !strings.Contains(err.Error(), "unknown kind") {
		t.Errorf("upsert with kind %q: got %v, want an unknown kind error", evilKind, err)
	}
	sameSnapshot(t, "a hostile kind", snap(t, s), before)

	err = s.UpsertLinks(ctx, []graph.Link{{ID: "a-b-2", From: "a", To: "b", Type: evilType}})
	if err == nil || !strings.Contains(err.Error(), "unknown link type") {
		t.Errorf("upsert with type %q: got %v, want an unknown link type error", evilType, err)
	}
	sameSnapshot(t, "a hostile link type", snap(t, s), before)

	if _, err := s.Neighbourhood(ctx, []string{"a"}, 2, graph.Filter{Types: []graph.LinkType{evilType}}); err == nil {
		t.Errorf("neighbourhood over type %q: no error", evilType)
	}
	if _, err := s.PathsToSanctioned(ctx, "a", 3, []graph.LinkType{evilType}, time.Time{}); err == nil {
		t.Errorf("paths over type %q: no error", evilType)
	}
	// filters are parameters or allow-listed: a hostile value matches nothing
	var n int
	if err := s.Links(ctx, graph.Filter{Types: []graph.LinkType{evilType}}, func(graph.Link) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("links of type %q: %d links, error %v; want none", evilType, n, err)
	}
	if err := s.Entities(ctx, graph.Filter{Kinds: []graph.Kind{evilKind}}, func(graph.Entity) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("entities of kind %q: %d entities, error %v; want none", evilKind, n, err)
	}
	if _, err := s.Project(ctx, graph.ProjectOptions{Kinds: []graph.Kind{evilKind}, Types: []graph.LinkType{evilType}}); err != nil {
		t.Errorf("project with hostile kinds and types: %v", err)
	}
	sameSnapshot(t, "reads with hostile filters", snap(t, s), before)
}

// TestHostileDataIsData stores names, ids, property keys and values that
// read as Cypher and gets them back unchanged.
func TestHostileDataIsData(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	evil := "x'}) MATCH (n) DETACH DELETE n //"
	es := []graph.Entity{
		{ID: evil, Kind: graph.Company, Name: "Robert'); DROP TABLE entities;--", Aliases: []string{"`) DETACH DELETE n //"},
			Identifiers: map[string][]string{"registration": {"1' OR '1'='1"}, "a:b": {"c"}},
			Props:       map[string]any{"`key`) DETACH DELETE n //": evil, "id": "not the id", "n": []any{1, "mixed"}},
			Sources:     []graph.Source{{Dataset: "$rows", Record: "{}"}}},
		{ID: "plain", Kind: graph.Person, Name: "Plain"},
	}
	if err := s.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	ls := []graph.Link{{ID: "]->() DETACH DELETE n//", From: evil, To: "plain", Type: graph.Directs, Props: map[string]any{"role": "}) RETURN 1 //"}}}
	if err := s.UpsertLinks(ctx, ls); err != nil {
		t.Fatal(err)
	}
	got, err := graph.Get(ctx, s, evil)
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Merge(graph.Entity{ID: evil}, es[0])
	if a, b := mustCanon(t, jsonRound(t, want)), mustCanon(t, got); a != b {
		t.Errorf("hostile entity:\ngot  %s\nwant %s", b, a)
	}
	var gotL []graph.Link
	if err := s.Links(ctx, graph.Filter{}, func(l graph.Link) error { gotL = append(gotL, l); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(gotL) != 1 || gotL[0].ID != ls[0].ID || gotL[0].Prop("role") != "}) RETURN 1 //" {
		t.Errorf("hostile link: got %+v", gotL)
	}
	m, err := s.Lookup(ctx, []graph.IdentKey{{Scheme: "registration", Value: "1' OR '1'='1"}, {Scheme: "a", Value: "b:c"}, {Scheme: "a:b", Value: "c"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 2 || m[graph.IdentKey{Scheme: "a:b", Value: "c"}] != evil || m[graph.IdentKey{Scheme: "a", Value: "b:c"}] != "" {
		t.Errorf("lookup: got %v, want the two identifiers of %q and not a:b:c read the other way", m, evil)
	}
	if st, err := s.Stats(ctx); err != nil || st.Entities != 2 || st.Links != 1 {
		t.Errorf("stats: got %+v, %v", st, err)
	}
}

func mustCanon(t *testing.T, v any) string {
	t.Helper()
	s, err := canon(v)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// jsonRound returns v as it comes back from JSON (numbers as float64,
// lists as []any), which is how the stores give records back.
func jsonRound[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
