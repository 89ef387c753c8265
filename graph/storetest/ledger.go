package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

func pendingOf(t *testing.T, s graph.Store, ids []string) []graph.Pending {
	t.Helper()
	var out []graph.Pending
	if err := s.Pending(context.Background(), ids, func(p graph.Pending) error { out = append(out, p); return nil }); err != nil {
		t.Fatalf("pending: %v", err)
	}
	return out
}

// testPending: a link to an entity not stored is kept aside, found by
// either end, counted by type apart from links, and becomes a link when
// the loader writes it and deletes the pending one.
func testPending(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	before := stats(t, s)
	ps := []graph.Pending{
		{Link: graph.Link{ID: "glocom>located_at>addr-x", From: "glocom", To: "addr-x", Type: graph.LocatedAt,
			Sources: []graph.Source{{Dataset: "eu_fsf", Record: "a.ftm.jsonl:3"}}}, Waits: []string{"addr-x"}, Record: "a.ftm.jsonl:3"},
		{Link: graph.Link{ID: "own-1", From: "person-y", To: "glocom", Type: graph.Owns,
			Props: map[string]any{"percentage": "60"}}, Waits: []string{"person-y"}, Record: "b.ftm.jsonl:9"},
	}
	if err := s.UpsertPending(ctx, ps); err != nil {
		t.Fatal(err)
	}
	st := stats(t, s)
	if st.Links != before.Links || st.Entities != before.Entities {
		t.Errorf("pending links changed the counts of links or entities: %+v, was %+v", st, before)
	}
	sameJSON(t, "pending by type", st.Pending, map[string]int64{"LOCATED_AT": 1, "OWNS": 1})
	if all := links(t, s, graph.Filter{}); hasLink(all, "own-1") || hasLink(all, "glocom>located_at>addr-x") {
		t.Errorf("a pending link is listed among links")
	}
	sameIDs(t, "pending by the missing end", pendingIDs(pendingOf(t, s, []string{"addr-x"})), []string{"glocom>located_at>addr-x"})
	sameIDs(t, "pending by the stored end", pendingIDs(pendingOf(t, s, []string{"glocom"})), []string{"glocom>located_at>addr-x", "own-1"})
	sameIDs(t, "pending of no id", pendingIDs(pendingOf(t, s, []string{})), nil)
	all := pendingOf(t, s, nil)
	sameJSON(t, "pending round trip", all[1], graph.Pending{
		Link:  graph.Link{ID: "own-1", From: "person-y", To: "glocom", Type: graph.Owns, Props: map[string]any{"percentage": "60"}},
		Waits: []string{"person-y"}, Record: "b.ftm.jsonl:9"})
	// the other end arrives: the loader writes the link, then forgets it
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "person-y", Kind: graph.Person, Name: "Y"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertLinks(ctx, []graph.Link{all[1].Link}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePending(ctx, []string{"own-1", "no-such-link"}); err != nil {
		t.Fatal(err)
	}
	st = stats(t, s)
	sameJSON(t, "pending after one arrived", st.Pending, map[string]int64{"LOCATED_AT": 1})
	if st.Links != before.Links+1 {
		t.Errorf("links: got %d, want %d", st.Links, before.Links+1)
	}
	v := version(t, s)
	if err := s.DeletePending(ctx, []string{"own-1"}); err != nil {
		t.Fatal(err)
	}
	if version(t, s) != v {
		t.Errorf("deleting nothing changed the version")
	}
	if err := s.UpsertPending(ctx, []graph.Pending{{Link: graph.Link{From: "a", To: "b", Type: "NOT_A_TYPE"}}}); err == nil {
		t.Errorf("a pending link of an unknown type: no error")
	}
}

func hasLink(ls []graph.Link, id string) bool {
	for _, l := range ls {
		if l.ID == id {
			return true
		}
	}
	return false
}

func pendingIDs(ps []graph.Pending) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Link.ID)
	}
	return out
}

// testPendingMerge: the same pending link read twice merges, and writing
// it again unchanged changes nothing.
func testPendingMerge(t *testing.T, s graph.Store) {
	ctx := context.Background()
	p := graph.Pending{Link: graph.Link{From: "a", To: "b", Type: graph.Owns, Sources: []graph.Source{{Dataset: "d1", Record: "f:1"}}}, Waits: []string{"a", "b"}, Record: "f:1"}
	if err := s.UpsertPending(ctx, []graph.Pending{p}); err != nil {
		t.Fatal(err)
	}
	v := version(t, s)
	if err := s.UpsertPending(ctx, []graph.Pending{p}); err != nil {
		t.Fatal(err)
	}
	if version(t, s) != v {
		t.Errorf("the same pending link written twice changed the version")
	}
	q := p
	q.Link.Sources = []graph.Source{{Dataset: "d2", Record: "g:7"}}
	q.Waits = []string{"a"}
	q.Record = "g:7"
	if err := s.UpsertPending(ctx, []graph.Pending{q}); err != nil {
		t.Fatal(err)
	}
	got := pendingOf(t, s, []string{"a"})
	if len(got) != 1 {
		t.Fatalf("pending: got %d, want 1", len(got))
	}
	sameJSON(t, "merged pending", got[0], graph.Pending{
		Link:  graph.Link{ID: graph.LinkID("a", graph.Owns, "b"), From: "a", To: "b", Type: graph.Owns, Sources: []graph.Source{{Dataset: "d1", Record: "f:1"}, {Dataset: "d2", Record: "g:7"}}},
		Waits: []string{"a", "b"}, Record: "f:1"})
}

// testReplaceEntities: a replacement withdraws what it no longer has,
// keeps the names and identifiers, and refuses an entity not stored.
func testReplaceEntities(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	rgb, err := graph.Get(ctx, s, "rgb")
	if err != nil {
		t.Fatal(err)
	}
	w := rgb.Clone()
	w.Name = ""
	w.Aliases = nil
	w.Identifiers = nil
	w.Tags = nil
	w.Sanctions = []graph.Sanction{rgb.Sanctions[2]} // the UN listing only
	w.Sources = []graph.Source{rgb.Sources[1]}
	w.SetProp("delisted", "2024-06-01")
	if err := s.ReplaceEntities(ctx, []graph.Entity{w}); err != nil {
		t.Fatal(err)
	}
	got, err := graph.Get(ctx, s, "rgb")
	if err != nil {
		t.Fatal(err)
	}
	want := graph.KeepIndexed(rgb, w)
	sameJSON(t, "replaced entity", got, want)
	if got.Name != rgb.Name || len(got.Identifiers) != len(rgb.Identifiers) {
		t.Errorf("replacement lost a name or an identifier: %+v", got)
	}
	st := stats(t, s)
	if st.Datasets["ofac-sdn"] != 0 {
		t.Errorf("datasets after the ofac-sdn source went: %v", st.Datasets)
	}
	found, err := s.Lookup(ctx, []graph.IdentKey{{Scheme: graph.IDOFAC, Value: "12210"}})
	if err != nil || found[graph.IdentKey{Scheme: graph.IDOFAC, Value: "12210"}] != "rgb" {
		t.Errorf("lookup after a replacement: %v, %v", found, err)
	}
	err = s.ReplaceEntities(ctx, []graph.Entity{{ID: "nobody", Kind: graph.Person, Name: "N"}})
	if !errors.Is(err, graph.ErrUnknownEntity) {
		t.Errorf("replacing an entity not stored: got %v, want ErrUnknownEntity", err)
	}
}

// testReleases: releases are kept once per key and listed in order.
func testReleases(t *testing.T, s graph.Store) {
	ctx := context.Background()
	r1 := graph.Release{Dataset: "ofac-sdn", Files: []graph.ReleaseFile{{Name: "sdn.csv", SHA256: "aa"}}, Loaded: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Replace: true, Entities: 69}
	r2 := graph.Release{Dataset: "ofac-sdn", Files: []graph.ReleaseFile{{Name: "sdn.csv", SHA256: "bb"}}, Loaded: time.Date(2026, 2, 2, 3, 4, 5, 0, time.UTC), Replace: true, Entities: 66, Withdrawn: 3}
	r0 := graph.Release{Dataset: "un-sc", Files: []graph.ReleaseFile{{Name: "consolidated.xml", SHA256: "cc"}}, Stated: "2026-02-27", Loaded: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Replace: true}
	for _, r := range []graph.Release{r2, r1, r0} {
		if err := s.AddRelease(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	v := version(t, s)
	again := r1
	again.Loaded = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := s.AddRelease(ctx, again); err != nil {
		t.Fatal(err)
	}
	if version(t, s) != v {
		t.Errorf("the same release recorded again changed the version")
	}
	sameJSON(t, "releases", stats(t, s).Releases, []graph.Release{r1, r2, r0})
}

// neighbours returns the IDs of the entities one link from seed.
func neighbours(t *testing.T, s graph.Store, seed string) []string {
	t.Helper()
	sg, err := graph.Neighbourhood(context.Background(), s, []string{seed}, 1, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return sorted(entityIDs(sg.Entities)...)
}

// testDeleteLinks: deleted links are gone from every read, and links
// written after a deletion are found as any other.
func testDeleteLinks(t *testing.T, s graph.Store) {
	ctx := context.Background()
	load(t, s)
	before := stats(t, s)
	sameIDs(t, "neighbours of igs before", neighbours(t, s, "igs"), []string{"address-brickfields", "glocom", "igs"})
	v := version(t, s)
	if err := s.DeleteLinks(ctx, []string{"l-igs-glocom", "l-igs-address", "no-such-link"}); err != nil {
		t.Fatal(err)
	}
	if version(t, s) == v {
		t.Errorf("deleting links left the version as it was")
	}
	st := stats(t, s)
	if st.Links != before.Links-2 || st.ByType["REPRESENTS"] != before.ByType["REPRESENTS"]-1 || st.ByType["LOCATED_AT"] != before.ByType["LOCATED_AT"]-1 {
		t.Errorf("stats after deleting 2 links: %s, before %s", canon(st), canon(before))
	}
	if ls := links(t, s, graph.Filter{IDs: []string{"igs"}}); len(ls) != 0 {
		t.Errorf("links of igs after deleting them: %v", linkIDs(ls))
	}
	sameIDs(t, "neighbours of igs after", neighbours(t, s, "igs"), []string{"igs"})
	sameIDs(t, "neighbours of glocom after", neighbours(t, s, "glocom"), []string{"address-brickfields", "glocom", "igsv", "pan-systems-pyongyang", "rgb"})
	v = version(t, s)
	if err := s.DeleteLinks(ctx, []string{"l-igs-glocom"}); err != nil {
		t.Fatal(err)
	}
	if version(t, s) != v {
		t.Errorf("deleting links not stored changed the version")
	}
	// written again, and a new one: found as before
	if err := s.UpsertLinks(ctx, []graph.Link{
		{ID: "l-igs-glocom", From: "igs", To: "glocom", Type: graph.Represents},
		{ID: "l-igs-rgb", From: "igs", To: "rgb", Type: graph.Associate},
	}); err != nil {
		t.Fatal(err)
	}
	sameIDs(t, "neighbours of igs written again", neighbours(t, s, "igs"), []string{"glocom", "igs", "rgb"})
	if n := stats(t, s).Links; n != before.Links {
		t.Errorf("links %d, want %d", n, before.Links)
	}
}
