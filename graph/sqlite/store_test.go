package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/graph/storetest"
)

func open(t *testing.T) graph.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// TestOpenURIs opens the same file under every URI form graph.Open accepts
// for the embedded store, and checks that what one wrote the others read.
func TestOpenURIs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "case.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "glocom", Kind: graph.Company, Name: "Glocom"}}); err != nil {
		t.Fatal(err)
	}
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for _, uri := range []string{path, "sqlite:" + path, "file:" + path, "sqlite://" + path} {
		g, err := graph.Open(ctx, uri)
		if err != nil {
			t.Fatalf("open %s: %v", uri, err)
		}
		if _, ok := g.(*sqlite.Store); !ok {
			t.Errorf("open %s: got %T", uri, g)
		}
		e, err := graph.Get(ctx, g, "glocom")
		if err != nil || e.Name != "Glocom" {
			t.Errorf("open %s: get glocom: %+v, %v", uri, e, err)
		}
		if v2, err := g.Version(ctx); err != nil || v2 != v {
			t.Errorf("open %s: version %d, %v; want %d", uri, v2, err, v)
		}
		if err := g.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, want string }{
		{filepath.Join(dir, "missing", "x.db"), "does not exist"},
		{notDB, "shellnet store"},
		{"", "empty path"},
	}
	for _, c := range cases {
		s, err := sqlite.Open(ctx, c.path)
		if err == nil {
			s.Close(ctx)
			t.Errorf("open %q: no error", c.path)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "graph/sqlite: ") {
			t.Errorf("open %q: error %q, want it to mention %q", c.path, err, c.want)
		}
	}
}

// twoStores opens two stores on one new file, as two processes would.
func twoStores(t *testing.T) (a, b *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	var err error
	if a, err = sqlite.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(ctx) })
	if b, err = sqlite.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close(ctx) })
	return a, b
}

// TestTwoStoresOneFile writes through two stores open on one file, as two
// processes would: each sees the other's writes, look-up tables included.
func TestTwoStoresOneFile(t *testing.T) {
	ctx := context.Background()
	a, b := twoStores(t)
	es := []graph.Entity{
		{ID: "glocom", Kind: graph.Company, Name: "Glocom", Identifiers: map[string][]string{graph.IDWebsite: {"glocom.com.my"}}},
		{ID: "rgb", Kind: graph.Organization, Name: "Reconnaissance General Bureau"},
	}
	if err := a.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Lookup(ctx, []graph.IdentKey{{Scheme: graph.IDWebsite, Value: "glocom.com.my"}}); err != nil {
		t.Fatal(err)
	}
	if err := b.UpsertLinks(ctx, []graph.Link{{From: "glocom", To: "rgb", Type: graph.Represents}}); err != nil {
		t.Fatal(err)
	}
	if err := b.UpsertEntities(ctx, []graph.Entity{{ID: "igs", Kind: graph.Company, Identifiers: map[string][]string{graph.IDRegistration: {"MY-1"}}}}); err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := a.Links(ctx, graph.Filter{IDs: []string{"rgb"}}, func(l graph.Link) error { got = append(got, l.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Errorf("links of rgb through the other store: %v", got)
	}
	m, err := a.Lookup(ctx, []graph.IdentKey{{Scheme: graph.IDRegistration, Value: "MY-1"}})
	if err != nil || m[graph.IdentKey{Scheme: graph.IDRegistration, Value: "MY-1"}] != "igs" {
		t.Errorf("lookup of the other store's entity: %v, %v", m, err)
	}
	va, _ := a.Version(ctx)
	vb, _ := b.Version(ctx)
	if va != vb || va != 3 {
		t.Errorf("versions: %d and %d, want 3 (three writes)", va, vb)
	}
}

// TestUpsertAfterAnotherWriter checks that a Store which has written every
// row so far (and so skips looking up IDs it never wrote) notices rows
// written through another Store on the same file, and merges into them
// rather than adding a second row.
func TestUpsertAfterAnotherWriter(t *testing.T) {
	ctx := context.Background()
	a, b := twoStores(t)
	glocom := graph.Entity{ID: "glocom", Kind: graph.Company, Name: "Glocom"}
	rgb := graph.Entity{ID: "rgb", Kind: graph.Organization, Name: "Reconnaissance General Bureau"}
	link := graph.Link{ID: "l1", From: "glocom", To: "rgb", Type: graph.Represents}
	if err := a.UpsertEntities(ctx, []graph.Entity{glocom}); err != nil {
		t.Fatal(err)
	}
	if err := b.UpsertEntities(ctx, []graph.Entity{rgb}); err != nil {
		t.Fatal(err)
	}
	if err := b.UpsertLinks(ctx, []graph.Link{link}); err != nil {
		t.Fatal(err)
	}
	// a writes what b wrote, with more to it
	rgb.Aliases = []string{"RGB"}
	link.Props = map[string]any{"date": "2016-03-02"}
	if err := a.UpsertEntities(ctx, []graph.Entity{rgb}); err != nil {
		t.Fatalf("entity written by the other store: %v", err)
	}
	if err := a.UpsertLinks(ctx, []graph.Link{link, {ID: "l2", From: "rgb", To: "glocom", Type: graph.Associate}}); err != nil {
		t.Fatalf("link written by the other store: %v", err)
	}
	st, err := a.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Entities != 2 || st.Links != 2 {
		t.Errorf("stats %+v, want 2 entities and 2 links", st)
	}
	e, err := graph.Get(ctx, b, "rgb")
	if err != nil || len(e.Aliases) != 1 {
		t.Errorf("rgb read through the other store: %+v, %v", e, err)
	}
	var dates []string
	if err := b.Links(ctx, graph.Filter{}, func(l graph.Link) error { dates = append(dates, l.ID+" "+l.Prop("date")); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(dates, ",") != "l1 2016-03-02,l2 " {
		t.Errorf("links read through the other store: %q", dates)
	}
}

func TestAudit(t *testing.T) { storetest.Audit(t, open) }
