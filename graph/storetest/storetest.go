package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// Run runs the conformance suite. open must return a fresh, empty store on
// each call; Run closes every store it opens.
//
// Beyond the comments on graph.Store, the suite pins down these points of the
// contract:
//   - records come back with every field as written; properties come back as
//     JSON would decode them (numbers as float64, lists as []any), times in UTC;
//   - IDs, Kinds and Datasets select entities; IDs (links touching those
//     entities), Types, Datasets and AsOf select links; a nil IDs selects
//     everything, an empty non-nil IDs nothing;
//   - an upsert that changes nothing leaves Stats and Version as they were;
//   - a failed upsert (a link with an unknown end) writes nothing;
//   - SetProps merges keys into Props, a nil value removes a key, and an ID
//     that is not stored is an error wrapping graph.ErrUnknownEntity;
//   - Version changes whenever content changes and only then;
//   - pending links are neither links nor entities: Links, Stats.Links and
//     the projection never count them; they come back by either end,
//     merged by link ID, and survive closing and opening the store;
//   - ReplaceEntities overwrites (a sanction, a tag, a source can go) but
//     keeps the names and identifiers look-ups find the entity by;
//   - DeleteLinks removes links from iteration, counts and neighbourhoods,
//     ignores IDs not stored, and links written after it are found;
//   - AddRelease is idempotent by dataset and file hashes; Stats lists the
//     releases by dataset, then load time.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	fresh := func(t *testing.T) graph.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(context.Background()); err != nil {
				t.Errorf("close: %v", err)
			}
		})
		return s
	}
	tests := []struct {
		name string
		fn   func(t *testing.T, s graph.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"MergeEntities", testMergeEntities},
		{"MergeInBatch", testMergeInBatch},
		{"MergeLinks", testMergeLinks},
		{"Provenance", testProvenance},
		{"FilterIDs", testFilterIDs},
		{"FilterKinds", testFilterKinds},
		{"FilterTypes", testFilterTypes},
		{"FilterDatasets", testFilterDatasets},
		{"FilterAsOf", testFilterAsOf},
		{"Lookup", testLookup},
		{"DanglingLink", testDanglingLink},
		{"BadRecords", testBadRecords},
		{"SetProps", testSetProps},
		{"Stats", testStats},
		{"Neighbourhood", testNeighbourhood},
		{"Get", testGet},
		{"Version", testVersion},
		{"Order", testOrder},
		{"CallbackError", testCallbackError},
		{"Concurrent", testConcurrent},
		{"Pending", testPending},
		{"PendingMerge", testPendingMerge},
		{"ReplaceEntities", testReplaceEntities},
		{"Releases", testReleases},
		{"DeleteLinks", testDeleteLinks},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, fresh(t)) })
	}
}

func load(t *testing.T, s graph.Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.UpsertEntities(ctx, caseEntities()); err != nil {
		t.Fatalf("upsert entities: %v", err)
	}
	if err := s.UpsertLinks(ctx, caseLinks()); err != nil {
		t.Fatalf("upsert links: %v", err)
	}
}

func entities(t *testing.T, s graph.Store, f graph.Filter) []graph.Entity {
	t.Helper()
	var out []graph.Entity
	if err := s.Entities(context.Background(), f, func(e graph.Entity) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatalf("entities %+v: %v", f, err)
	}
	return out
}

func links(t *testing.T, s graph.Store, f graph.Filter) []graph.Link {
	t.Helper()
	var out []graph.Link
	if err := s.Links(context.Background(), f, func(l graph.Link) error {
		out = append(out, l)
		return nil
	}); err != nil {
		t.Fatalf("links %+v: %v", f, err)
	}
	return out
}

func entityIDs(es []graph.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func linkIDs(ls []graph.Link) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.ID
	}
	return out
}

// canon is the JSON form under which records are compared: it makes 3 and
// 3.0 equal, as they are once stored, and shows differences readably.
func canon(v any) string {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return fmt.Sprintf("unencodable %T: %v", v, err)
	}
	return string(b)
}

func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	if g, w := canon(got), canon(want); g != w {
		t.Errorf("%s:\ngot  %s\nwant %s", what, g, w)
	}
}

func sameIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

func byID[T any](xs []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(xs))
	for _, x := range xs {
		m[id(x)] = x
	}
	return m
}

func testRoundTrip(t *testing.T, s graph.Store) {
	load(t, s)
	want := caseEntities()
	slices.SortFunc(want, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) })
	got := entities(t, s, graph.Filter{})
	sameIDs(t, "entity IDs", entityIDs(got), entityIDs(want))
	gm := byID(got, func(e graph.Entity) string { return e.ID })
	for _, w := range want {
		sameJSON(t, "entity "+w.ID, gm[w.ID], w)
	}
	// times compare as instants, beyond their JSON form
	rgb := gm["rgb"]
	if len(rgb.Sanctions) != 3 || !rgb.Sanctions[2].Listed.Equal(day("2016-03-02")) || !rgb.Sanctions[1].Listed.IsZero() {
		t.Errorf("rgb sanctions: got %+v", rgb.Sanctions)
	}
	if len(rgb.Sources) != 2 || !rgb.Sources[0].Seen.Equal(time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC)) {
		t.Errorf("rgb sources: got %+v", rgb.Sources)
	}
	if g := gm["glocom"]; g.Props["verified"] != true || g.Props["founded"] != float64(2006) {
		t.Errorf("glocom props: got %#v", g.Props)
	}
	if n := gm["front-cn"].Name; n != "中国前沿贸易有限公司" {
		t.Errorf("front-cn name: got %q", n)
	}
	if n := gm["조선-체신성"].Name; n != "조선 체신성" {
		t.Errorf("조선-체신성 name: got %q", n)
	}

	wantL := caseLinks()
	slices.SortFunc(wantL, func(a, b graph.Link) int { return strings.Compare(a.ID, b.ID) })
	gotL := links(t, s, graph.Filter{})
	sameIDs(t, "link IDs", linkIDs(gotL), linkIDs(wantL))
	lm := byID(gotL, func(l graph.Link) string { return l.ID })
	for _, w := range wantL {
		sameJSON(t, "link "+w.ID, lm[w.ID], w)
	}
	if l := lm["l-front-cn-pyongyang"]; graph.LinkWeight(&l) != 2.5 {
		t.Errorf("link weight: got %v, want 2.5", graph.LinkWeight(&l))
	}
}

// dump is the whole content of a store, for comparing states.
func dump(t *testing.T, s graph.Store) string {
	t.Helper()
	return canon(entities(t, s, graph.Filter{})) + canon(links(t, s, graph.Filter{}))
}

func stats(t *testing.T, s graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	for _, m := range []map[string]int64{st.ByKind, st.ByType, st.Datasets} {
		maps.DeleteFunc(m, func(_ string, n int64) bool { return n == 0 })
	}
	return st
}

func version(t *testing.T, s graph.Store) int64 {
	t.Helper()
	v, err := s.Version(context.Background())
	if err != nil {
		t.Fatalf("version: %v", err)
	}
	return v
}

func testIdempotent(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	st, v, content := stats(t, s), version(t, s), dump(t, s)
	load(t, s)
	sameJSON(t, "stats after a second load", stats(t, s), st)
	if v2 := version(t, s); v2 != v {
		t.Errorf("version after a second load: got %d, want %d", v2, v)
	}
	if c := dump(t, s); c != content {
		t.Errorf("content changed after a second load:\n%s\nwas\n%s", c, content)
	}

	// a later record merged in, then the earlier record again: no change
	later := graph.Entity{ID: "glocom", Kind: graph.Company, Name: "Glocom Sdn Bhd",
		Props:   map[string]any{"notes": "updated"},
		Sources: []graph.Source{{Dataset: "registry", Record: "my-42", Seen: day("2020-01-01")}}}
	if err := s.UpsertEntities(ctx, []graph.Entity{later}); err != nil {
		t.Fatal(err)
	}
	v, content = version(t, s), dump(t, s)
	load(t, s)
	if err := s.UpsertEntities(ctx, []graph.Entity{later}); err != nil {
		t.Fatal(err)
	}
	if v2 := version(t, s); v2 != v {
		t.Errorf("version after re-upserting merged records: got %d, want %d", v2, v)
	}
	if c := dump(t, s); c != content {
		t.Errorf("content changed after re-upserting merged records:\n%s\nwas\n%s", c, content)
	}
	// a record with duplicates in its lists is stored once, deduplicated
	dup := graph.Entity{ID: "dup", Kind: graph.Person, Name: "A", Aliases: []string{"B", "B", "A", ""},
		Tags: []string{"x", "x"}, Sources: []graph.Source{{Dataset: "d", Record: "1"}, {Dataset: "d", Record: "1"}}}
	for i := 0; i < 2; i++ {
		if err := s.UpsertEntities(ctx, []graph.Entity{dup}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			v = version(t, s)
		}
	}
	if v2 := version(t, s); v2 != v {
		t.Errorf("version after re-upserting a record with duplicates: got %d, want %d", v2, v)
	}
	got, err := graph.Get(ctx, s, "dup")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Aliases, []string{"B"}) || !slices.Equal(got.Tags, []string{"x"}) || len(got.Sources) != 1 {
		t.Errorf("record with duplicates: got aliases %q tags %q sources %v", got.Aliases, got.Tags, got.Sources)
	}
}

func testMergeEntities(t *testing.T, s graph.Store) {
	ctx := context.Background()
	first := graph.Entity{ID: "acme", Kind: graph.LegalEntity, Name: "Acme Trading",
		Aliases: []string{"Acme"}, Countries: []string{"HK"}, Tags: []string{graph.TagFront},
		Identifiers: map[string][]string{graph.IDRegistration: {"HK-1"}},
		Sanctions:   []graph.Sanction{{Authority: "OFAC", Program: "DPRK3", Listed: day("2018-08-03")}},
		Props:       map[string]any{"status": "active", "sectors": []any{"electronics"}, "capital": 10000},
		Sources:     []graph.Source{{Dataset: "hk-registry", Record: "r1", Seen: day("2020-01-01")}}}
	older := graph.Entity{ID: "acme", Kind: graph.Company, Name: "ACME TRADING LTD",
		Aliases: []string{"Acme HK"}, Countries: []string{"HK", "CN"}, Tags: []string{graph.TagHub, graph.TagFront},
		Identifiers: map[string][]string{graph.IDRegistration: {"HK-1"}, graph.IDTax: {"T-9"}},
		Sanctions:   []graph.Sanction{{Authority: "OFAC", Program: "DPRK3", Listed: day("2018-08-03")}, {Authority: "EU"}},
		Props:       map[string]any{"status": "dissolved", "sectors": []any{"telecom", "electronics"}, "employees": 3},
		Sources:     []graph.Source{{Dataset: "leak", Record: "x9", Seen: day("2019-01-01")}}}
	for _, e := range []graph.Entity{first, older} {
		if err := s.UpsertEntities(ctx, []graph.Entity{e}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := graph.Get(ctx, s, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != graph.Company {
		t.Errorf("kind: got %s, want Company (LegalEntity refined)", got.Kind)
	}
	if got.Name != "Acme Trading" {
		t.Errorf("name: got %q, want the first, since the later record's source is older", got.Name)
	}
	sameIDs(t, "aliases", got.Aliases, []string{"Acme", "ACME TRADING LTD", "Acme HK"})
	sameIDs(t, "countries", got.Countries, []string{"HK", "CN"})
	sameIDs(t, "tags", got.Tags, []string{graph.TagFront, graph.TagHub})
	sameJSON(t, "identifiers", got.Identifiers, map[string][]string{graph.IDRegistration: {"HK-1"}, graph.IDTax: {"T-9"}})
	sameJSON(t, "sanctions", got.Sanctions, []graph.Sanction{{Authority: "OFAC", Program: "DPRK3", Listed: day("2018-08-03")}, {Authority: "EU"}})
	sameJSON(t, "props", got.Props, map[string]any{"status": "active", "sectors": []any{"electronics", "telecom"}, "capital": 10000, "employees": 3})
	sameJSON(t, "sources", got.Sources, []graph.Source{first.Sources[0], older.Sources[0]})
	sameJSON(t, "entity", got, graph.Merge(first, older))

	// a newer source wins the scalars; the old name becomes an alias;
	// a vaguer kind does not undo the refinement
	newer := graph.Entity{ID: "acme", Kind: graph.LegalEntity, Name: "Acme Holdings",
		Props:   map[string]any{"status": "struck off"},
		Sources: []graph.Source{{Dataset: "hk-registry", Record: "r2", Seen: day("2023-05-06")}}}
	if err := s.UpsertEntities(ctx, []graph.Entity{newer}); err != nil {
		t.Fatal(err)
	}
	got, err = graph.Get(ctx, s, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Acme Holdings" || !slices.Contains(got.Aliases, "Acme Trading") {
		t.Errorf("newer name: got %q aliases %q, want Acme Holdings with Acme Trading as an alias", got.Name, got.Aliases)
	}
	if got.Kind != graph.Company {
		t.Errorf("kind after a LegalEntity record: got %s, want Company", got.Kind)
	}
	if got.Props["status"] != "struck off" {
		t.Errorf("status: got %v, want the newer value", got.Props["status"])
	}
	if len(got.Sources) != 3 {
		t.Errorf("sources: got %d, want 3", len(got.Sources))
	}
	sameJSON(t, "entity after the newer record", got, graph.Merge(graph.Merge(first, older), newer))
	if st := stats(t, s); st.Entities != 1 || st.ByKind["Company"] != 1 || len(st.ByKind) != 1 {
		t.Errorf("stats after merges: got %+v, want one Company", st)
	}
}

func testMergeInBatch(t *testing.T, s graph.Store) {
	ctx := context.Background()
	a := graph.Entity{ID: "x", Kind: graph.Organization, Name: "X Corp", Countries: []string{"SG"}, Sources: []graph.Source{{Dataset: "a", Record: "1"}}}
	b := graph.Entity{ID: "x", Kind: graph.Company, Name: "X Corporation", Countries: []string{"MY"}, Sources: []graph.Source{{Dataset: "b", Record: "2"}}}
	if err := s.UpsertEntities(ctx, []graph.Entity{a, b}); err != nil {
		t.Fatal(err)
	}
	got := entities(t, s, graph.Filter{})
	if len(got) != 1 {
		t.Fatalf("got %d entities, want 1", len(got))
	}
	sameJSON(t, "merged in one batch", got[0], graph.Merge(a, b))
	if st := stats(t, s); st.Entities != 1 || st.Datasets["a"] != 1 || st.Datasets["b"] != 1 {
		t.Errorf("stats: got %+v", st)
	}
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "y", Kind: graph.Person, Name: "Y"}}); err != nil {
		t.Fatal(err)
	}
	l1 := graph.Link{From: "x", To: "y", Type: graph.Employs, Props: map[string]any{"role": "clerk"}, Sources: []graph.Source{{Dataset: "a", Record: "3"}}}
	l2 := graph.Link{From: "x", To: "y", Type: graph.Employs, Props: map[string]any{"since": "2019"}, Sources: []graph.Source{{Dataset: "b", Record: "4"}}}
	if err := s.UpsertLinks(ctx, []graph.Link{l1, l2}); err != nil {
		t.Fatal(err)
	}
	gotL := links(t, s, graph.Filter{})
	if len(gotL) != 1 || gotL[0].ID != graph.LinkID("x", graph.Employs, "y") {
		t.Fatalf("links: got %s, want one with the derived id %s", canon(gotL), graph.LinkID("x", graph.Employs, "y"))
	}
	want := l1
	want.ID = gotL[0].ID
	sameJSON(t, "merged link", gotL[0], graph.MergeLink(want, l2))
}

func testMergeLinks(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	l := graph.Link{ID: "l-rgb-front-cn", From: "rgb", To: "front-cn", Type: graph.Owns,
		Props:   map[string]any{"percentage": 60, "hs": []any{"8517"}},
		Sources: []graph.Source{{Dataset: "registry", Record: "cn-7", Seen: day("2021-01-01")}}}
	if err := s.UpsertLinks(ctx, []graph.Link{l}); err != nil {
		t.Fatal(err)
	}
	got := links(t, s, graph.Filter{IDs: []string{"front-cn"}, Types: []graph.LinkType{graph.Owns}})
	if len(got) != 1 {
		t.Fatalf("got %d links, want 1", len(got))
	}
	if got[0].Prop("percentage") != "60" || got[0].Prop("end") != "2019-12-31" || got[0].Prop("hs") != `["8517"]` {
		t.Errorf("merged props: got %v, want percentage 60 (newer), end kept, hs added", got[0].Props)
	}
	if len(got[0].Sources) != 2 || got[0].Sources[0].Record != "own-1" || got[0].Sources[1].Record != "cn-7" {
		t.Errorf("merged sources: got %+v", got[0].Sources)
	}
	var orig graph.Link
	for _, c := range caseLinks() {
		if c.ID == l.ID {
			orig = c
		}
	}
	sameJSON(t, "merged link", got[0], graph.MergeLink(orig, l))
	if st := stats(t, s); st.Links != int64(len(caseLinks())) {
		t.Errorf("links after a merge: got %d, want %d", st.Links, len(caseLinks()))
	}
}

func testProvenance(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	again := graph.Entity{ID: "rgb", Kind: graph.Organization, Name: "Reconnaissance General Bureau",
		Sources: []graph.Source{
			{Dataset: "ofac-sdn", Record: "sdn.csv:812", Seen: day("2025-02-01")},
			{Dataset: "eu-fsf", Record: "eu.xml:1"},
		}}
	if err := s.UpsertEntities(ctx, []graph.Entity{again}); err != nil {
		t.Fatal(err)
	}
	got, err := graph.Get(ctx, s, "rgb")
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.Source{
		{Dataset: "ofac-sdn", Record: "sdn.csv:812", Seen: day("2025-02-01")},
		{Dataset: "un-sc", Record: "consolidated.xml:KPe.031"},
		{Dataset: "eu-fsf", Record: "eu.xml:1"},
	}
	sameJSON(t, "sources (same record seen again, a new one appended)", got.Sources, want)
	if st := stats(t, s); st.Datasets["eu-fsf"] != 1 || st.Datasets["ofac-sdn"] != 1 {
		t.Errorf("datasets: got %v", st.Datasets)
	}
	for _, l := range links(t, s, graph.Filter{}) {
		if len(l.Sources) == 0 || l.Sources[0].Record == "" {
			t.Errorf("link %s lost its source: %+v", l.ID, l.Sources)
		}
	}
}

func testFilterIDs(t *testing.T, s graph.Store) {
	load(t, s)
	got := entities(t, s, graph.Filter{IDs: []string{"rgb", "glocom", "nobody", "glocom"}})
	sameIDs(t, "entities by ID", entityIDs(got), []string{"glocom", "rgb"})
	sameIDs(t, "entities by no ID", entityIDs(entities(t, s, graph.Filter{IDs: []string{}})), nil)
	sameIDs(t, "entities by a unicode ID", entityIDs(entities(t, s, graph.Filter{IDs: []string{"조선-체신성"}})), []string{"조선-체신성"})
	want := sorted("l-glocom-rgb", "l-pyongyang-glocom", "l-igs-glocom", "l-igsv-glocom", "l-glocom-address")
	sameIDs(t, "links touching glocom", linkIDs(links(t, s, graph.Filter{IDs: []string{"glocom"}})), want)
	want = sorted("l-glocom-address", "l-igs-address", "l-glocom-rgb", "l-pyongyang-glocom", "l-igs-glocom", "l-igsv-glocom", "l-rgb-front-cn")
	sameIDs(t, "links touching glocom, address or rgb", linkIDs(links(t, s, graph.Filter{IDs: []string{"glocom", "address-brickfields", "rgb"}})), want)
	sameIDs(t, "links touching glocom of type REPRESENTS",
		linkIDs(links(t, s, graph.Filter{IDs: []string{"glocom"}, Types: []graph.LinkType{graph.Represents}})),
		sorted("l-glocom-rgb", "l-igs-glocom", "l-igsv-glocom"))
	sameIDs(t, "links touching nobody", linkIDs(links(t, s, graph.Filter{IDs: []string{"nobody"}})), nil)
	// links written after a read are found by the next
	if err := s.UpsertLinks(context.Background(), []graph.Link{{ID: "l-new", From: "account-us", To: "glocom", Type: graph.Pays}}); err != nil {
		t.Fatal(err)
	}
	sameIDs(t, "links touching glocom after a write",
		linkIDs(links(t, s, graph.Filter{IDs: []string{"glocom"}, Types: []graph.LinkType{graph.Pays}})), []string{"l-new"})
	sameIDs(t, "links touching account-us after a write",
		linkIDs(links(t, s, graph.Filter{IDs: []string{"account-us"}})), []string{"l-new", "l-pyongyang-account"})
}

func testFilterKinds(t *testing.T, s graph.Store) {
	load(t, s)
	var wantC, wantCO []string
	for _, e := range caseEntities() {
		if e.Kind == graph.Company {
			wantC = append(wantC, e.ID)
		}
		if e.Kind == graph.Company || e.Kind == graph.Organization {
			wantCO = append(wantCO, e.ID)
		}
	}
	slices.Sort(wantC)
	slices.Sort(wantCO)
	sameIDs(t, "companies", entityIDs(entities(t, s, graph.Filter{Kinds: []graph.Kind{graph.Company}})), wantC)
	sameIDs(t, "companies and organisations", entityIDs(entities(t, s, graph.Filter{Kinds: []graph.Kind{graph.Company, graph.Organization}})), wantCO)
	sameIDs(t, "vessels", entityIDs(entities(t, s, graph.Filter{Kinds: []graph.Kind{graph.Vessel}})), nil)
	sameIDs(t, "companies among IDs", entityIDs(entities(t, s, graph.Filter{IDs: []string{"rgb", "glocom"}, Kinds: []graph.Kind{graph.Company}})), []string{"glocom"})
}

func testFilterTypes(t *testing.T, s graph.Store) {
	load(t, s)
	want := func(ts ...graph.LinkType) []string {
		var out []string
		for _, l := range caseLinks() {
			if slices.Contains(ts, l.Type) {
				out = append(out, l.ID)
			}
		}
		slices.Sort(out)
		return out
	}
	for _, ts := range [][]graph.LinkType{{graph.Represents}, {graph.Owns, graph.Supplies}, {graph.SameAs}} {
		sameIDs(t, fmt.Sprint("links of types ", ts), linkIDs(links(t, s, graph.Filter{Types: ts})), want(ts...))
	}
}

func testFilterDatasets(t *testing.T, s graph.Store) {
	load(t, s)
	var wantE, wantL []string
	for _, e := range caseEntities() {
		if slices.ContainsFunc(e.Sources, func(src graph.Source) bool { return src.Dataset == "illustrative" || src.Dataset == "un-sc" }) {
			wantE = append(wantE, e.ID)
		}
	}
	for _, l := range caseLinks() {
		if l.Sources[0].Dataset == "illustrative" {
			wantL = append(wantL, l.ID)
		}
	}
	slices.Sort(wantE)
	slices.Sort(wantL)
	if len(wantE) != 4 || len(wantL) != 4 {
		t.Fatalf("fixture changed: %d entities and %d links in the datasets", len(wantE), len(wantL))
	}
	sameIDs(t, "entities of illustrative and un-sc", entityIDs(entities(t, s, graph.Filter{Datasets: []string{"illustrative", "un-sc"}})), wantE)
	sameIDs(t, "links of illustrative", linkIDs(links(t, s, graph.Filter{Datasets: []string{"illustrative"}})), wantL)
	sameIDs(t, "companies of illustrative", entityIDs(entities(t, s, graph.Filter{Datasets: []string{"illustrative"}, Kinds: []graph.Kind{graph.Company}})), []string{"front-cn"})
	sameIDs(t, "entities of no such dataset", entityIDs(entities(t, s, graph.Filter{Datasets: []string{"nope"}})), nil)
}

func testFilterAsOf(t *testing.T, s graph.Store) {
	load(t, s)
	cases := []struct {
		day     string
		without []string // dated links not valid on that day
	}{
		{"2014-06-01", []string{"l-rgb-front-cn", "l-front-cn-pyongyang", "l-mpt-pyongyang"}},
		{"2016-06-01", []string{"l-mpt-pyongyang"}},
		{"2016-05-31", []string{"l-front-cn-pyongyang", "l-mpt-pyongyang"}},
		{"2020-01-01", []string{"l-rgb-front-cn", "l-mpt-pyongyang"}},
		{"2012-12-31", []string{"l-rgb-front-cn", "l-front-cn-pyongyang"}},
		{"2008-01-01", []string{"l-glocom-rgb", "l-rgb-front-cn", "l-front-cn-pyongyang"}},
	}
	for _, c := range cases {
		var want []string
		for _, l := range caseLinks() {
			if !slices.Contains(c.without, l.ID) {
				want = append(want, l.ID)
			}
			// the expectations above agree with Link.Valid
			if l.Valid(day(c.day)) == slices.Contains(c.without, l.ID) {
				t.Fatalf("fixture: link %s on %s: Valid says %v", l.ID, c.day, l.Valid(day(c.day)))
			}
		}
		slices.Sort(want)
		sameIDs(t, "links as of "+c.day, linkIDs(links(t, s, graph.Filter{AsOf: day(c.day)})), want)
	}
	sameIDs(t, "links of pan-systems-pyongyang as of 2014-06-01",
		linkIDs(links(t, s, graph.Filter{IDs: []string{"pan-systems-pyongyang"}, AsOf: day("2014-06-01")})),
		sorted("l-pyongyang-glocom", "l-singapore-pyongyang", "l-pyongyang-account"))
	if n := len(entities(t, s, graph.Filter{AsOf: day("2014-06-01")})); n != len(caseEntities()) {
		t.Errorf("AsOf filtered entities: got %d, want all %d", n, len(caseEntities()))
	}
}

func testLookup(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "glocom-2", Kind: graph.Company, Name: "Glocom (copy)",
		Identifiers: map[string][]string{graph.IDWebsite: {"glocom.com.my"}}}}); err != nil {
		t.Fatal(err)
	}
	keys := []graph.IdentKey{
		{Scheme: graph.IDOFAC, Value: "12210"},
		{Scheme: graph.IDUN, Value: "KPe.031"},
		{Scheme: graph.IDRegistration, Value: "SG-200101234K"},
		{Scheme: graph.IDIBAN, Value: "US00ILLUSTRATIVE0001"},
		{Scheme: graph.IDWebsite, Value: "glocom.com.my"},
		{Scheme: graph.IDRegistration, Value: "12210"}, // right value, wrong scheme
		{Scheme: graph.IDTax, Value: "none"},
	}
	got, err := s.Lookup(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	want := map[graph.IdentKey]string{keys[0]: "rgb", keys[1]: "rgb", keys[2]: "pan-systems-singapore", keys[3]: "account-us"}
	if w := got[keys[4]]; w != "glocom" && w != "glocom-2" {
		t.Errorf("lookup %v: got %q, want glocom or glocom-2", keys[4], w)
	}
	delete(got, keys[4])
	if !maps.Equal(got, want) {
		t.Errorf("lookup: got %v, want %v", got, want)
	}
	// an identifier merged into a stored entity after a look-up, and a new
	// entity, are found by the next
	if err := s.UpsertEntities(ctx, []graph.Entity{
		{ID: "igs", Kind: graph.Company, Identifiers: map[string][]string{graph.IDRegistration: {"MY-1234567-X"}}},
		{ID: "igs-2", Kind: graph.Company, Name: "IGS (copy)", Identifiers: map[string][]string{graph.IDTax: {"MY-T-1"}}},
	}); err != nil {
		t.Fatal(err)
	}
	keys = []graph.IdentKey{{Scheme: graph.IDRegistration, Value: "MY-1234567-X"}, {Scheme: graph.IDTax, Value: "MY-T-1"}, {Scheme: graph.IDOFAC, Value: "12210"}}
	got, err = s.Lookup(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[graph.IdentKey]string{keys[0]: "igs", keys[1]: "igs-2", keys[2]: "rgb"}; !maps.Equal(got, want) {
		t.Errorf("lookup after writes: got %v, want %v", got, want)
	}
	if got, err := s.Lookup(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("lookup of nothing: got %v, %v", got, err)
	}
}

func testDanglingLink(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	st, v := stats(t, s), version(t, s)
	bad := []graph.Link{
		{ID: "ok", From: "glocom", To: "igs", Type: graph.Associate},
		{ID: "bad", From: "glocom", To: "ghost-company", Type: graph.Supplies},
	}
	err := s.UpsertLinks(ctx, bad)
	if !errors.Is(err, graph.ErrUnknownEntity) {
		t.Fatalf("dangling link: got %v, want an error wrapping graph.ErrUnknownEntity", err)
	}
	if !strings.Contains(err.Error(), "ghost-company") {
		t.Errorf("dangling link error %q does not name the missing entity", err)
	}
	err = s.UpsertLinks(ctx, []graph.Link{{From: "nobody", To: "glocom", Type: graph.Owns}})
	if !errors.Is(err, graph.ErrUnknownEntity) || !strings.Contains(err.Error(), "nobody") {
		t.Errorf("dangling from: got %v", err)
	}
	sameJSON(t, "stats after failed upserts", stats(t, s), st)
	if v2 := version(t, s); v2 != v {
		t.Errorf("version after failed upserts: got %d, want %d", v2, v)
	}
	if ls := links(t, s, graph.Filter{IDs: []string{"igs"}, Types: []graph.LinkType{graph.Associate}}); len(ls) != 0 {
		t.Errorf("a failed upsert wrote %s", canon(ls))
	}
}

func testBadRecords(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	st := stats(t, s)
	if err := s.UpsertEntities(ctx, []graph.Entity{{Kind: graph.Company, Name: "no id"}}); err == nil {
		t.Error("entity without an ID: no error")
	}
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "k", Kind: "Spaceship", Name: "bad kind"}}); err == nil {
		t.Error("entity of an unknown kind: no error")
	}
	if err := s.UpsertLinks(ctx, []graph.Link{{From: "glocom", To: "rgb", Type: "LIKES"}}); err == nil {
		t.Error("link of an unknown type: no error")
	}
	sameJSON(t, "stats after rejected records", stats(t, s), st)
	if err := s.UpsertEntities(ctx, nil); err != nil {
		t.Errorf("upsert of no entities: %v", err)
	}
	if err := s.UpsertLinks(ctx, nil); err != nil {
		t.Errorf("upsert of no links: %v", err)
	}
}

func testSetProps(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	before, err := graph.Get(ctx, s, "glocom")
	if err != nil {
		t.Fatal(err)
	}
	v := version(t, s)
	err = s.SetProps(ctx, []graph.PropUpdate{
		{ID: "glocom", Props: map[string]any{"pagerank": 0.25, "community": 3}},
		{ID: "rgb", Props: map[string]any{"pagerank": 0.5}},
		{ID: "glocom", Props: map[string]any{"ratio": nil, "verified": false}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if v2 := version(t, s); v2 == v {
		t.Errorf("version unchanged by SetProps")
	}
	got, err := graph.Get(ctx, s, "glocom")
	if err != nil {
		t.Fatal(err)
	}
	want := before.Clone()
	want.Props["pagerank"] = 0.25
	want.Props["community"] = 3
	want.Props["verified"] = false
	delete(want.Props, "ratio")
	sameJSON(t, "glocom after SetProps", got, want)
	if r, _ := graph.Get(ctx, s, "rgb"); r.Props["pagerank"] != 0.5 || len(r.Sanctions) != 3 {
		t.Errorf("rgb after SetProps: props %v, %d sanctions", r.Props, len(r.Sanctions))
	}
	st := stats(t, s)
	err = s.SetProps(ctx, []graph.PropUpdate{{ID: "glocom", Props: map[string]any{"x": 1}}, {ID: "ghost", Props: map[string]any{"x": 1}}})
	if !errors.Is(err, graph.ErrUnknownEntity) || !strings.Contains(err.Error(), "ghost") {
		t.Errorf("SetProps on an unknown entity: got %v, want an error wrapping graph.ErrUnknownEntity naming ghost", err)
	}
	if g, _ := graph.Get(ctx, s, "glocom"); g.Props["x"] != nil {
		t.Errorf("a failed SetProps wrote x=%v", g.Props["x"])
	}
	sameJSON(t, "stats after SetProps", stats(t, s), st)
	// write-back does not break later merges
	load(t, s)
	if g, _ := graph.Get(ctx, s, "glocom"); g.Props["pagerank"] != 0.25 {
		t.Errorf("pagerank after a re-load: got %v", g.Props["pagerank"])
	}
}

func testStats(t *testing.T, s graph.Store) {
	if st := stats(t, s); st.Entities != 0 || st.Links != 0 || len(st.ByKind)+len(st.ByType)+len(st.Datasets) != 0 {
		t.Errorf("stats of an empty store: got %+v", st)
	}
	load(t, s)
	want := graph.Stats{
		Entities: 10, Links: 11,
		ByKind:   map[string]int64{"Organization": 2, "Company": 6, "Address": 1, "BankAccount": 1},
		ByType:   map[string]int64{"REPRESENTS": 3, "DIRECTS": 1, "ASSOCIATE": 1, "OWNS": 2, "SUPPLIES": 1, "LOCATED_AT": 2, "HOLDS_ACCOUNT": 1},
		Datasets: map[string]int64{"ofac-sdn": 1, "un-sc": 1, "glocom": 6, "illustrative": 3},
		Pending:  map[string]int64{},
	}
	sameJSON(t, "stats", stats(t, s), want)
	// counts reconcile with iteration
	if n := len(entities(t, s, graph.Filter{})); int64(n) != want.Entities {
		t.Errorf("entities iterated %d, stats %d", n, want.Entities)
	}
	if n := len(links(t, s, graph.Filter{})); int64(n) != want.Links {
		t.Errorf("links iterated %d, stats %d", n, want.Links)
	}
	// a kind refined by a merge moves between counts
	if err := s.UpsertEntities(context.Background(), []graph.Entity{
		{ID: "le", Kind: graph.LegalEntity, Name: "LE", Sources: []graph.Source{{Dataset: "glocom"}}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertEntities(context.Background(), []graph.Entity{{ID: "le", Kind: graph.Company}}); err != nil {
		t.Fatal(err)
	}
	want.Entities++
	want.ByKind["Company"]++
	want.Datasets["glocom"]++
	sameJSON(t, "stats after a refinement", stats(t, s), want)
}

// neighbourhood computes, from the fixture, the entities within hops of seeds
// along links of the given types, the links a walk must return (those with
// an end nearer than hops) and those it may return (both ends within reach).
func neighbourhood(seeds []string, hops int, types []graph.LinkType) (ids []string, must, may map[string]bool) {
	dist := map[string]int{}
	for _, s := range seeds {
		dist[s] = 0
	}
	ls := slices.DeleteFunc(caseLinks(), func(l graph.Link) bool { return len(types) > 0 && !slices.Contains(types, l.Type) })
	for h := 0; h < hops; h++ {
		for _, l := range ls {
			for _, p := range [][2]string{{l.From, l.To}, {l.To, l.From}} {
				if d, ok := dist[p[0]]; ok && d == h {
					if _, seen := dist[p[1]]; !seen {
						dist[p[1]] = h + 1
					}
				}
			}
		}
	}
	must, may = map[string]bool{}, map[string]bool{}
	for _, l := range ls {
		df, okf := dist[l.From]
		dt, okt := dist[l.To]
		if okf && okt {
			may[l.ID] = true
			if df < hops || dt < hops {
				must[l.ID] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(dist)), must, may
}

func testNeighbourhood(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	all := byID(entities(t, s, graph.Filter{}), func(e graph.Entity) string { return e.ID })
	cases := []struct {
		seeds []string
		hops  int
		types []graph.LinkType
		n     int // entities expected, as a check on the fixture
	}{
		{[]string{"glocom"}, 1, nil, 6},
		{[]string{"glocom"}, 2, nil, 10},
		{[]string{"pan-systems-singapore"}, 1, nil, 2},
		{[]string{"pan-systems-singapore"}, 2, nil, 6},
		{[]string{"glocom"}, 2, []graph.LinkType{graph.Represents}, 4},
		{[]string{"igs", "front-cn"}, 1, []graph.LinkType{graph.Represents, graph.Owns, graph.LocatedAt}, 5},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%v hops %d types %v", c.seeds, c.hops, c.types)
		sg, err := graph.Neighbourhood(ctx, s, c.seeds, c.hops, graph.Filter{Types: c.types})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids, must, may := neighbourhood(c.seeds, c.hops, c.types)
		if len(ids) != c.n {
			t.Fatalf("%s: fixture gives %d entities, want %d", name, len(ids), c.n)
		}
		got := entityIDs(sg.Entities)
		slices.Sort(got)
		sameIDs(t, name+": entities", got, ids)
		for _, e := range sg.Entities {
			sameJSON(t, name+": entity "+e.ID, e, all[e.ID])
		}
		gotL := map[string]bool{}
		for _, l := range sg.Links {
			gotL[l.ID] = true
			if !may[l.ID] {
				t.Errorf("%s: link %s should not be there", name, l.ID)
			}
		}
		for id := range must {
			if !gotL[id] {
				t.Errorf("%s: link %s missing", name, id)
			}
		}
	}
	sg, err := graph.Neighbourhood(ctx, s, []string{"glocom"}, 2, graph.Filter{AsOf: day("2008-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range sg.Links {
		if l.ID == "l-glocom-rgb" {
			t.Errorf("neighbourhood as of 2008 holds the link from 2009")
		}
	}
}

func testGet(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	e, err := graph.Get(ctx, s, "front-cn")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "中国前沿贸易有限公司" || e.Kind != graph.Company {
		t.Errorf("get front-cn: got %+v", e)
	}
	_, err = graph.Get(ctx, s, "no-such-entity")
	if !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("get of a missing entity: got %v, want graph.ErrNotFound", err)
	}
}

func testVersion(t *testing.T, s graph.Store) {
	ctx := context.Background()
	v0 := version(t, s)
	if err := s.UpsertEntities(ctx, caseEntities()); err != nil {
		t.Fatal(err)
	}
	v1 := version(t, s)
	if v1 == v0 {
		t.Errorf("version unchanged by upserting entities")
	}
	if err := s.UpsertLinks(ctx, caseLinks()); err != nil {
		t.Fatal(err)
	}
	v2 := version(t, s)
	if v2 == v1 {
		t.Errorf("version unchanged by upserting links")
	}
	// reads leave it
	stats(t, s)
	entities(t, s, graph.Filter{})
	links(t, s, graph.Filter{IDs: []string{"glocom"}})
	if _, err := s.Lookup(ctx, []graph.IdentKey{{Scheme: graph.IDOFAC, Value: "12210"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := graph.Neighbourhood(ctx, s, []string{"glocom"}, 2, graph.Filter{}); err != nil {
		t.Fatal(err)
	}
	if v := version(t, s); v != v2 {
		t.Errorf("version changed by reads: %d, was %d", v, v2)
	}
	// a no-op write leaves it; a real one changes it
	if err := s.UpsertLinks(ctx, caseLinks()[:3]); err != nil {
		t.Fatal(err)
	}
	if v := version(t, s); v != v2 {
		t.Errorf("version changed by a no-op upsert: %d, was %d", v, v2)
	}
	if err := s.UpsertLinks(ctx, []graph.Link{{From: "igs", To: "igsv", Type: graph.Associate}}); err != nil {
		t.Fatal(err)
	}
	if v := version(t, s); v == v2 {
		t.Errorf("version unchanged by a new link")
	}
}

// testOrder writes more records than a page of any reasonable size, in a
// shuffled order, and checks that they come back in ID order.
func testOrder(t *testing.T, s graph.Store) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	const n, m = 2600, 3100
	es := make([]graph.Entity, n)
	for i := range es {
		es[i] = graph.Entity{ID: fmt.Sprintf("e%x", rng.Uint32()), Kind: graph.Company, Name: fmt.Sprint("company ", i)}
	}
	for lo := 0; lo < n; lo += 1000 {
		if err := s.UpsertEntities(ctx, es[lo:min(lo+1000, n)]); err != nil {
			t.Fatal(err)
		}
	}
	ls := make([]graph.Link, m)
	for i := range ls {
		ls[i] = graph.Link{From: es[rng.IntN(n)].ID, To: es[rng.IntN(n)].ID, Type: graph.LinkTypes[rng.IntN(len(graph.LinkTypes))]}
	}
	if err := s.UpsertLinks(ctx, ls); err != nil {
		t.Fatal(err)
	}
	wantE := map[string]bool{}
	for _, e := range es {
		wantE[e.ID] = true
	}
	wantL := map[string]bool{}
	for _, l := range ls {
		wantL[graph.LinkID(l.From, l.Type, l.To)] = true
	}
	gotE := entityIDs(entities(t, s, graph.Filter{}))
	gotL := linkIDs(links(t, s, graph.Filter{}))
	if !slices.IsSorted(gotE) || len(gotE) != len(wantE) {
		t.Errorf("entities: %d in order %v, want %d sorted", len(gotE), slices.IsSorted(gotE), len(wantE))
	}
	if !slices.IsSorted(gotL) || len(gotL) != len(wantL) {
		t.Errorf("links: %d in order %v, want %d sorted", len(gotL), slices.IsSorted(gotL), len(wantL))
	}
	if st := stats(t, s); st.Entities != int64(len(wantE)) || st.Links != int64(len(wantL)) {
		t.Errorf("stats: %d entities, %d links; want %d, %d", st.Entities, st.Links, len(wantE), len(wantL))
	}
	// many IDs at once
	ids := slices.Collect(maps.Keys(wantE))
	if got := entityIDs(entities(t, s, graph.Filter{IDs: ids})); !slices.Equal(got, gotE) {
		t.Errorf("entities by %d IDs: got %d", len(ids), len(got))
	}
	touching := map[string]bool{}
	for _, l := range ls {
		if l.From == ids[0] || l.To == ids[0] || l.From == ids[1] || l.To == ids[1] {
			touching[graph.LinkID(l.From, l.Type, l.To)] = true
		}
	}
	sameIDs(t, "links touching two entities", linkIDs(links(t, s, graph.Filter{IDs: ids[:2]})), slices.Sorted(maps.Keys(touching)))
}

func testCallbackError(t *testing.T, s graph.Store) {
	load(t, s)
	stop := errors.New("stop")
	calls := 0
	err := s.Entities(context.Background(), graph.Filter{}, func(graph.Entity) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("entities: callback error: got %v after %d calls", err, calls)
	}
	calls = 0
	err = s.Links(context.Background(), graph.Filter{}, func(graph.Link) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("links: callback error: got %v after %d calls", err, calls)
	}
}

// testConcurrent writes from several goroutines while others read: every
// write lands once and the counts reconcile.
func testConcurrent(t *testing.T, s graph.Store) {
	ctx := context.Background()
	const writers, batches, per = 4, 5, 20
	var wg sync.WaitGroup
	errs := make(chan error, writers+2)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := 0; b < batches; b++ {
				es := make([]graph.Entity, 0, per+1)
				for i := 0; i < per; i++ {
					es = append(es, graph.Entity{ID: fmt.Sprintf("w%d-%d-%d", w, b, i), Kind: graph.Company, Name: "C", Sources: []graph.Source{{Dataset: fmt.Sprint("w", w)}}})
				}
				// every writer also merges into one shared entity
				es = append(es, graph.Entity{ID: "shared", Kind: graph.Company, Aliases: []string{fmt.Sprintf("alias %d-%d", w, b)}})
				if err := s.UpsertEntities(ctx, es); err != nil {
					errs <- err
					return
				}
				ls := []graph.Link{{From: es[0].ID, To: "shared", Type: graph.Owns}}
				if err := s.UpsertLinks(ctx, ls); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := s.Stats(ctx); err != nil {
				errs <- err
				return
			}
			if err := s.Entities(ctx, graph.Filter{Kinds: []graph.Kind{graph.Company}}, func(graph.Entity) error { return nil }); err != nil {
				errs <- err
				return
			}
		}
	}()
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st := stats(t, s)
	if want := int64(writers*batches*per + 1); st.Entities != want {
		t.Errorf("entities: got %d, want %d", st.Entities, want)
	}
	if want := int64(writers * batches); st.Links != want {
		t.Errorf("links: got %d, want %d", st.Links, want)
	}
	for w := 0; w < writers; w++ {
		if n := st.Datasets[fmt.Sprint("w", w)]; n != batches*per {
			t.Errorf("dataset w%d: %d entities, want %d", w, n, batches*per)
		}
	}
	shared, err := graph.Get(ctx, s, "shared")
	if err != nil {
		t.Fatal(err)
	}
	if len(shared.Aliases) != writers*batches {
		t.Errorf("shared entity: %d aliases, want %d (one per merge)", len(shared.Aliases), writers*batches)
	}
	if ls := links(t, s, graph.Filter{IDs: []string{"shared"}}); len(ls) != writers*batches {
		t.Errorf("links touching the shared entity: %d, want %d", len(ls), writers*batches)
	}
}
