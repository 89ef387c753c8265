package sqlite_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// plain hides the store's Projector, so that graph.Project takes the
// generic path through Entities and Links.
type plain struct{ graph.Store }

func sameProjection(t *testing.T, what string, got, want *graph.Projection) {
	t.Helper()
	if got.Len() != want.Len() || got.Links() != want.Links() {
		t.Fatalf("%s: %d nodes %d links, want %d nodes %d links", what, got.Len(), got.Links(), want.Len(), want.Links())
	}
	if !reflect.DeepEqual(got.Nodes, want.Nodes) {
		for i := range got.Nodes {
			if !reflect.DeepEqual(got.Nodes[i], want.Nodes[i]) {
				t.Fatalf("%s: node %d: got %+v, want %+v", what, i, got.Nodes[i], want.Nodes[i])
			}
		}
	}
	arrays := []struct {
		name      string
		got, want any
	}{
		{"From", got.From, want.From}, {"To", got.To, want.To}, {"Type", got.Type, want.Type},
		{"Weight", got.Weights(), want.Weights()}, {"OutOff", got.OutOff, want.OutOff},
		{"InOff", got.InOff, want.InOff}, {"InLink", got.InLink, want.InLink},
	}
	for _, a := range arrays {
		if !reflect.DeepEqual(a.got, a.want) {
			t.Errorf("%s: %s differs", what, a.name)
		}
	}
	for i := range want.Nodes {
		if j, ok := got.Index(want.Nodes[i].ID); !ok || int(j) != i {
			t.Errorf("%s: index of %s: got %d, %v; want %d", what, want.Nodes[i].ID, j, ok, i)
		}
	}
}

// loaded returns a store holding a generated network with some listed,
// tagged and aliased entities.
func loaded(t *testing.T, n, m int) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	s := open(t).(*sqlite.Store)
	t.Cleanup(func() { s.Close(ctx) })
	es, ls := network(n, m)
	for i := range es {
		if i%17 == 0 {
			es[i].Sanctions = []graph.Sanction{{Authority: "OFAC", Program: "DPRK"}}
		}
		if i%5 == 0 {
			es[i].Aliases = []string{"alias of " + es[i].ID, "조선 " + es[i].ID}
			es[i].Tags = []string{graph.TagFront}
		}
	}
	if err := s.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	for i := range ls {
		if i%3 == 0 {
			ls[i].Props = map[string]any{"weight": float64(i%7) + 0.5, "start": "2015", "end": "2018-06"}
		}
	}
	if err := s.UpsertLinks(ctx, ls); err != nil {
		t.Fatal(err)
	}
	return s
}

var projectOptions = []graph.ProjectOptions{
	{},
	{Kinds: []graph.Kind{graph.Company, graph.Person}},
	{Types: []graph.LinkType{graph.Supplies, graph.Owns, graph.SameAs}},
	{AsOf: time.Date(2016, 6, 1, 0, 0, 0, 0, time.UTC)},
	{Kinds: []graph.Kind{graph.Company}, Types: []graph.LinkType{graph.Supplies}, AsOf: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)},
}

func TestProjectMatchesGeneric(t *testing.T) {
	ctx := context.Background()
	s := loaded(t, 3000, 15000)
	for _, opt := range projectOptions {
		want, err := graph.Project(ctx, plain{s}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if want.Links() == 0 || want.Len() == 0 {
			t.Fatalf("%+v: empty projection", opt)
		}
		got, err := s.ProjectFresh(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		sameProjection(t, "fresh scan", got, want)
		got, err = s.Project(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		sameProjection(t, "through the snapshot", got, want)
	}
}

func TestProjectSnapshot(t *testing.T) {
	ctx := context.Background()
	s := loaded(t, 500, 2500)
	fresh := func(opt graph.ProjectOptions) *graph.Projection {
		p, err := s.ProjectFresh(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	project := func(opt graph.ProjectOptions) *graph.Projection {
		p, err := s.Project(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if _, err := os.Stat(s.SnapshotPath()); !os.IsNotExist(err) {
		t.Fatalf("snapshot before any projection: %v", err)
	}
	first := project(graph.ProjectOptions{})
	st, err := os.Stat(s.SnapshotPath())
	if err != nil {
		t.Fatalf("no snapshot after a projection: %v", err)
	}
	cached := project(graph.ProjectOptions{})
	sameProjection(t, "cached", cached, first)
	sameProjection(t, "cached against fresh", cached, fresh(graph.ProjectOptions{}))
	if st2, _ := os.Stat(s.SnapshotPath()); !st2.ModTime().Equal(st.ModTime()) {
		t.Errorf("snapshot rewritten though nothing changed")
	}

	// a write makes the snapshot stale
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "zz-new", Kind: graph.Company, Name: "New Co"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertLinks(ctx, []graph.Link{{From: "zz-new", To: first.Nodes[0].ID, Type: graph.Supplies}}); err != nil {
		t.Fatal(err)
	}
	after := project(graph.ProjectOptions{})
	if after.Len() != first.Len()+1 || after.Links() != first.Links()+1 {
		t.Errorf("after a write: %d nodes %d links, want %d and %d", after.Len(), after.Links(), first.Len()+1, first.Links()+1)
	}
	sameProjection(t, "after a write", after, fresh(graph.ProjectOptions{}))

	// other options are another key, with a file of their own: going back
	// and forth reads both snapshots without rewriting either
	opt := graph.ProjectOptions{Types: []graph.LinkType{graph.Owns}}
	sameProjection(t, "other options", project(opt), fresh(opt))
	sameProjection(t, "back to the first options", project(graph.ProjectOptions{}), fresh(graph.ProjectOptions{}))
	base := strings.TrimSuffix(s.SnapshotPath(), ".snap")
	files, _ := filepath.Glob(base + "*.snap")
	files = slices.DeleteFunc(files, func(f string) bool { return f == s.SnapshotPath() })
	if len(files) != 1 {
		t.Fatalf("snapshots beside the store for other options: %v, want one", files)
	}
	other := files[0]
	stAll, err1 := os.Stat(s.SnapshotPath())
	stOther, err2 := os.Stat(other)
	if err1 != nil || err2 != nil {
		t.Fatalf("snapshots of both options: %v, %v", err1, err2)
	}
	sameProjection(t, "other options again", project(opt), fresh(opt))
	sameProjection(t, "first options again", project(graph.ProjectOptions{}), fresh(graph.ProjectOptions{}))
	for path, was := range map[string]os.FileInfo{s.SnapshotPath(): stAll, other: stOther} {
		if st, err := os.Stat(path); err != nil || !st.ModTime().Equal(was.ModTime()) {
			t.Errorf("%s rewritten though nothing changed (%v)", path, err)
		}
	}
	// a damaged snapshot is ignored and replaced
	b, err := os.ReadFile(s.SnapshotPath())
	if err != nil {
		t.Fatal(err)
	}
	for _, damage := range []func([]byte) []byte{
		func(b []byte) []byte { return b[:len(b)/2] },
		func(b []byte) []byte { c := append([]byte(nil), b...); c[len(c)-100] ^= 0x40; return c },
		func([]byte) []byte { return []byte("garbage") },
	} {
		if err := os.WriteFile(s.SnapshotPath(), damage(b), 0o644); err != nil {
			t.Fatal(err)
		}
		sameProjection(t, "after damage", project(graph.ProjectOptions{}), fresh(graph.ProjectOptions{}))
	}

	// no more than eight files stay, the whole store's always among them
	for i := range 11 {
		project(graph.ProjectOptions{AsOf: time.Date(2000+i, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	if files, _ = filepath.Glob(base + "*.snap"); len(files) != 8 {
		t.Errorf("%d snapshot files, want 8: %v", len(files), files)
	}
	if _, err := os.Stat(s.SnapshotPath()); err != nil {
		t.Errorf("the whole store's snapshot was pruned: %v", err)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("the oldest snapshot stays after 11 newer ones: %v", err)
	}
}

// A projection served from a snapshot carries a cache whose entries live
// beside the snapshot: read back on the same store version and options,
// never after a write, and removed with their snapshot.
func TestProjectionCache(t *testing.T) {
	ctx := context.Background()
	s := loaded(t, 300, 1500)
	project := func(opt graph.ProjectOptions) *graph.Projection {
		p, err := s.Project(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		if p.Cache() == nil {
			t.Fatalf("%+v: projection without a cache", opt)
		}
		return p
	}
	read := func(p *graph.Projection, name string) (string, error) {
		rc, err := p.Cache().Open(name)
		if err != nil {
			return "", err
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		return string(b), err
	}
	save := func(p *graph.Projection, name, text string) {
		if err := p.Cache().Save(name, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
			t.Fatal(err)
		}
	}
	p := project(graph.ProjectOptions{}) // written now
	if _, err := read(p, "names-all"); err == nil {
		t.Fatal("an entry before any was saved")
	}
	save(p, "names-all", "first")
	if got, err := read(project(graph.ProjectOptions{}), "names-all"); err != nil || got != "first" { // served from the snapshot
		t.Errorf("entry read back = %q, %v", got, err)
	}
	other := graph.ProjectOptions{Types: []graph.LinkType{graph.Owns}}
	if _, err := read(project(other), "names-all"); err == nil {
		t.Error("another projection reads the entry")
	}
	for _, bad := range []string{"", "../x", "Names", "a/b", strings.Repeat("a", 65)} {
		if err := p.Cache().Save(bad, func(io.Writer) error { return nil }); err == nil {
			t.Errorf("entry name %q accepted", bad)
		}
	}

	// a write to the store: the entry is stale
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "zz-new", Kind: graph.Company, Name: "New Co"}}); err != nil {
		t.Fatal(err)
	}
	p = project(graph.ProjectOptions{})
	if got, err := read(p, "names-all"); err == nil {
		t.Errorf("entry read after a write to the store: %q", got)
	}
	save(p, "names-all", "second")
	if got, err := read(project(graph.ProjectOptions{}), "names-all"); err != nil || got != "second" {
		t.Errorf("entry after the write = %q, %v", got, err)
	}

	// a pruned snapshot takes its entries with it
	po := project(other)
	save(po, "names-parties", "other")
	otherSnap := strings.TrimSuffix(s.SnapshotPath(), ".snap")
	entries, _ := filepath.Glob(otherSnap + ".*.snap.names-parties")
	if len(entries) != 1 {
		t.Fatalf("entries of the other projection: %v", entries)
	}
	for i := range 9 {
		project(graph.ProjectOptions{AsOf: time.Date(2000+i, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	if _, err := os.Stat(entries[0]); !os.IsNotExist(err) {
		t.Errorf("an entry of a pruned snapshot stays: %v", err)
	}
	if _, err := os.Stat(strings.TrimSuffix(entries[0], ".names-parties")); !os.IsNotExist(err) {
		t.Errorf("the oldest snapshot stays: %v", err)
	}

	// a projection built in memory has no cache
	if p, err := graph.Project(ctx, plain{s}, graph.ProjectOptions{}); err != nil || p.Cache() != nil {
		t.Errorf("generic projection: cache %v, %v", p.Cache(), err)
	}
}
