package neo4j

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// TestSplit checks how a call is shared among transactions: every ID in
// exactly one part, in the call's order, no lock key in two parts, each
// part's keys sorted (the order writers take them in), and small calls
// left whole.
func TestSplit(t *testing.T) {
	ids := make([]string, 5000)
	for i := range ids {
		ids[i] = fmt.Sprintf("e-%05d", i)
	}
	for _, c := range []struct{ writers, n, parts int }{
		{1, 5000, 1}, {2, 5000, 2}, {3, 5000, 3}, {2, 999, 1}, {2, 1000, 2}, {4, 1500, 3}, {2, 1, 1},
	} {
		s := &Store{opt: Options{Writers: c.writers}}
		parts := s.split("entity", ids[:c.n])
		if len(parts) != c.parts {
			t.Errorf("writers %d, %d ids: %d parts, want %d", c.writers, c.n, len(parts), c.parts)
		}
		seen := map[string]int{}
		lockOf := map[string]int{}
		for i, p := range parts {
			if !slices.IsSorted(p.ids) {
				t.Errorf("writers %d, %d ids: part %d is not in the call's order", c.writers, c.n, i)
			}
			if !slices.IsSorted(p.locks) {
				t.Errorf("writers %d, %d ids: part %d takes its locks out of order: %v", c.writers, c.n, i, p.locks)
			}
			for _, id := range p.ids {
				seen[id]++
				key := fmt.Sprintf("entity-lock-%02d", lockShard(id))
				if !slices.Contains(p.locks, key) {
					t.Errorf("part %d writes %q without its lock %s", i, id, key)
				}
			}
			for _, k := range p.locks {
				if j, ok := lockOf[k]; ok {
					t.Errorf("writers %d, %d ids: lock %s in parts %d and %d", c.writers, c.n, k, j, i)
				}
				lockOf[k] = i
			}
		}
		if len(seen) != c.n {
			t.Errorf("writers %d, %d ids: %d ids in the parts", c.writers, c.n, len(seen))
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("%q in %d parts", id, n)
			}
		}
	}
}

// TestSplitWrites writes calls large enough to be split among three
// transactions and checks the result against the embedded store, that
// writing them again changes nothing, and that a split call with a bad
// record (a link to a missing entity, an entity of no kind) writes
// nothing at all.
func TestSplitWrites(t *testing.T) {
	testURI(t)
	openTest(t) // empties the database
	ctx := context.Background()
	opt := envOptions()
	opt.Writers = 3
	s, err := OpenWith(ctx, testURI(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	ref, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "reference.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close(ctx)

	net := synth.Generate(synth.Config{Entities: 3000, LinksPerEntity: 5, Chains: 3, Seed: 11})
	write := func(st graph.Store) {
		t.Helper()
		if err := st.UpsertEntities(ctx, net.Entities); err != nil {
			t.Fatal(err)
		}
		for lo := 0; lo < len(net.Links); lo += 5000 {
			if err := st.UpsertLinks(ctx, net.Links[lo:min(lo+5000, len(net.Links))]); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(ref)
	write(s)
	sameStore(t, ref, s)

	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	write(s)
	if v2, err := s.Version(ctx); err != nil || v2 != v {
		t.Errorf("version after writing the same again: %d (error %v), want %d", v2, err, v)
	}
	sameContent(t, ref, s)

	// a link to a missing entity, last of a call of new links
	var bad []graph.Link
	for i := 0; i < 1500; i++ {
		bad = append(bad, graph.Link{ID: fmt.Sprintf("new-%04d", i), From: net.Entities[i].ID, To: net.Entities[i+1].ID, Type: graph.Associate})
	}
	bad = append(bad, graph.Link{ID: "to-nobody", From: net.Entities[0].ID, To: "nobody", Type: graph.Associate})
	err = s.UpsertLinks(ctx, bad)
	if !errors.Is(err, graph.ErrUnknownEntity) || !strings.Contains(err.Error(), `"nobody"`) {
		t.Errorf("split call with a dangling link: got %v, want an error wrapping graph.ErrUnknownEntity naming \"nobody\"", err)
	}
	// an entity of no kind that is not stored, among new ones
	var kindless []graph.Entity
	for i := 0; i < 1500; i++ {
		kindless = append(kindless, graph.Entity{ID: fmt.Sprintf("new-%04d", i), Kind: graph.Company, Name: "New"})
	}
	kindless = append(kindless, graph.Entity{ID: "no-kind", Name: "No kind"})
	if err := s.UpsertEntities(ctx, kindless); err == nil || !strings.Contains(err.Error(), `"no-kind" has no kind`) {
		t.Errorf("split call with an entity of no kind: got %v, want an error naming it", err)
	}
	if v2, err := s.Version(ctx); err != nil || v2 != v {
		t.Errorf("version after the failed calls: %d (error %v), want %d", v2, err, v)
	}
	sameContent(t, ref, s)
}
