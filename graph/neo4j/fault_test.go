package neo4j

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
)

// TestFaultMidIngest kills a server of its own (as a crash would) in the
// middle of an ingest, checks that the ingest fails with an error that
// says what happened and what to do, restarts the server on the same data
// folder, runs the same ingest again and checks that the database then
// holds exactly what an uninterrupted load gives (the embedded store is
// the reference): no record lost, none twice.
func TestFaultMidIngest(t *testing.T) {
	testURI(t)
	ctx := context.Background()
	dir := t.TempDir()
	csvDir := filepath.Join(dir, "csv")
	net := synth.Generate(synth.Config{Entities: 3000, LinksPerEntity: 5, Chains: 3, Seed: 7})
	if _, _, err := net.WriteCSV(csvDir); err != nil {
		t.Fatal(err)
	}
	opts := func(name string) ingest.Options {
		return ingest.Options{BatchSize: 500, Rejects: filepath.Join(dir, name+".rejects.jsonl")}
	}

	ref, err := sqlite.Open(ctx, filepath.Join(dir, "reference.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close(ctx)
	if _, err := ingest.Load(ctx, ref, []string{csvDir}, opts("reference")); err != nil {
		t.Fatal(err)
	}
	want, err := ref.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	srv := startServer(t, filepath.Join(dir, "neo4j"), 0, false, "")
	// a short retry window: the server does not come back on its own here
	s, err := OpenWith(ctx, srv.uri(), Options{MaxRetryTime: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	watch, err := OpenWith(ctx, srv.uri(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		c   ingest.Counts
		err error
	}
	done := make(chan result, 1)
	go func() {
		c, err := ingest.Load(ctx, s, []string{csvDir}, opts("first"))
		done <- result{c, err}
	}()
	// Entities go in 6 batches, links in 30: kill once the links have
	// started, when some of them are written and most are not.
	var killedAt int64
	for killedAt == 0 {
		select {
		case r := <-done:
			t.Fatalf("the ingest ended (error %v) before the server was killed; make the dataset larger", r.err)
		case <-time.After(20 * time.Millisecond):
		}
		v, err := watch.Version(ctx)
		if err != nil {
			t.Fatalf("watch the version: %v", err)
		}
		if v >= 12 {
			srv.kill()
			killedAt = v
		}
	}
	watch.Close(ctx)
	r := <-done
	s.Close(ctx)
	if r.err == nil {
		t.Fatalf("the ingest succeeded although the server was killed at version %d", killedAt)
	}
	msg := r.err.Error()
	for _, want := range []string{"Neo4j at " + srv.uri(), "lost the connection", "is the server still running?", "run the same command again"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error after the kill: %q lacks %q", msg, want)
		}
	}
	t.Logf("killed at version %d: %v", killedAt, r.err)

	srv.start() // same data folder, same port
	s2, err := Open(ctx, srv.uri())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close(ctx)
	partial, err := s2.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if partial.Links == 0 || partial.Links >= want.Links {
		t.Errorf("after the crash: %d links stored, want some of %d (the kill came mid-ingest)", partial.Links, want.Links)
	}
	if _, err := ingest.Load(ctx, s2, []string{csvDir}, opts("second")); err != nil {
		t.Fatalf("the ingest run again: %v", err)
	}
	got, err := s2.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := canonStats(got), canonStats(want); a != b {
		t.Errorf("stats after the ingest was run again:\ngot  %s\nwant %s (uninterrupted, embedded store)", a, b)
	}
	var dups int64
	err = s2.run(ctx, `MATCH ()-[r]->() WITH type(r) AS t, r.id AS id, count(*) AS n WHERE n > 1 RETURN count(*)`, nil, func(r *neo4j.Record) error {
		dups, _ = r.Values[0].(int64)
		return nil
	})
	if err != nil || dups != 0 {
		t.Errorf("links stored twice: %d (error %v)", dups, err)
	}
	sameContent(t, ref, s2)
}

// sameContent checks that two stores hold the same entities and links.
// sameStore checks that got, a Neo4j store, has the stats and the records
// of want, the embedded store written with the same input.
func sameStore(t *testing.T, want, got graph.Store) {
	t.Helper()
	ctx := context.Background()
	ws, err := want.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	gs, err := got.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := canonStats(gs), canonStats(ws); a != b {
		t.Fatalf("stats:\nneo4j    %s\nembedded %s", a, b)
	}
	sameContent(t, want, got)
}

func sameContent(t *testing.T, want, got graph.Store) {
	t.Helper()
	ctx := context.Background()
	read := func(s graph.Store) (string, string) {
		var es, ls strings.Builder
		if err := s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error {
			es.WriteString(mustCanon(t, e) + "\n")
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.Links(ctx, graph.Filter{}, func(l graph.Link) error {
			ls.WriteString(mustCanon(t, l) + "\n")
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return es.String(), ls.String()
	}
	we, wl := read(want)
	ge, gl := read(got)
	if we != ge {
		t.Errorf("entities differ from the reference store:\n%s", firstDiff(ge, we))
	}
	if wl != gl {
		t.Errorf("links differ from the reference store:\n%s", firstDiff(gl, wl))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\ngot  " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ: got " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}
