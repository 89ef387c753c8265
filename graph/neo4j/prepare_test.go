package neo4j

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// TestKindlessFromAnotherStore checks that a Store that did not write an
// entity can still merge a record without a kind into it, alone and in a
// call large enough to be split: the record must be stored, so it is read
// rather than guessed new.
func TestKindlessFromAnotherStore(t *testing.T) {
	ctx := context.Background()
	a := openTest(t)
	var es []graph.Entity
	for i := range 1200 {
		es = append(es, graph.Entity{ID: fmt.Sprintf("c-%04d", i), Kind: graph.Company, Name: fmt.Sprintf("Company %d", i)})
	}
	if err := a.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	b, err := OpenWith(ctx, testURI(t), envOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(ctx)
	if err := b.UpsertEntities(ctx, []graph.Entity{{ID: "c-0000", Aliases: []string{"First Co"}}}); err != nil {
		t.Fatalf("one record without a kind: %v", err)
	}
	var more []graph.Entity
	for i := range 1200 {
		more = append(more, graph.Entity{ID: fmt.Sprintf("c-%04d", i), Aliases: []string{fmt.Sprintf("Co %d", i)}})
	}
	if err := b.UpsertEntities(ctx, more); err != nil {
		t.Fatalf("%d records without a kind: %v", len(more), err)
	}
	for id, aliases := range map[string][]string{"c-0000": {"First Co", "Co 0"}, "c-0777": {"Co 777"}} {
		e, err := graph.Get(ctx, a, id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Kind != graph.Company || !slices.Equal(e.Aliases, aliases) {
			t.Errorf("%s: kind %s, aliases %q; want Company, %q", id, e.Kind, e.Aliases, aliases)
		}
	}
	// a record without a kind that is not stored is still refused
	if err := b.UpsertEntities(ctx, []graph.Entity{{ID: "nobody", Name: "Nobody"}}); err == nil {
		t.Error("an unstored entity without a kind was accepted")
	}
}

// TestPrepareLinksKeepsItsCopy checks that a prepared write does not
// depend on the slice it was prepared from, which a load reuses for the
// next batch, and that a prepared entity write works the same way.
func TestPrepareLinksKeepsItsCopy(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	es := []graph.Entity{
		{ID: "x", Kind: graph.Company, Name: "X Ltd"},
		{ID: "y", Kind: graph.Company, Name: "Y Ltd"},
	}
	writeE, err := s.PrepareEntities(ctx, es)
	if err != nil {
		t.Fatal(err)
	}
	clear(es)
	if err := writeE(ctx); err != nil {
		t.Fatal(err)
	}
	ls := []graph.Link{{ID: "x-y", From: "x", To: "y", Type: graph.Supplies, Props: map[string]any{"goods": "chips"}}}
	writeL, err := s.PrepareLinks(ctx, ls)
	if err != nil {
		t.Fatal(err)
	}
	ls[0] = graph.Link{ID: "other", From: "y", To: "x", Type: graph.Owns}
	if err := writeL(ctx); err != nil {
		t.Fatal(err)
	}
	var got []graph.Link
	if err := s.Links(ctx, graph.Filter{}, func(l graph.Link) error { got = append(got, l); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "x-y" || got[0].From != "x" || got[0].Props["goods"] != "chips" {
		t.Errorf("links after a prepared write: %+v", got)
	}
	for _, id := range []string{"x", "y"} {
		if _, err := graph.Get(ctx, s, id); err != nil {
			t.Errorf("entity %s: %v", id, err)
		}
	}
}
