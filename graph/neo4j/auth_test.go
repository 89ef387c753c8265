package neo4j

import (
	"context"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// TestAuth starts a server of its own with authentication on and checks
// that the right credentials work, from the environment and from the URI,
// and that a wrong password or none gives an error that says what to do
// and never contains a password.
func TestAuth(t *testing.T) {
	testURI(t) // runs where the Neo4j tests run
	const password = "shellnet-Test-pa55word"
	const wrong = "not-the-Pa55word"
	srv := startServer(t, t.TempDir(), 0, true, password)
	ctx := context.Background()
	uri := srv.uri()

	noPassword := func(t *testing.T, err error) {
		t.Helper()
		for _, p := range []string{password, wrong} {
			if strings.Contains(err.Error(), p) {
				t.Errorf("error %q contains a password", err)
			}
		}
	}

	t.Run("wrong password", func(t *testing.T) {
		_, err := OpenWith(ctx, uri, Options{Username: "neo4j", Password: wrong})
		want := `graph/neo4j: Neo4j at ` + uri + ` rejected the credentials of user "neo4j": authentication failed (check NEO4J_USERNAME and NEO4J_PASSWORD)`
		if err == nil || err.Error() != want {
			t.Fatalf("got  %v\nwant %s", err, want)
		}
		noPassword(t, err)
	})
	t.Run("wrong password in the URI", func(t *testing.T) {
		_, err := graph.Open(ctx, strings.Replace(uri, "bolt://", "bolt://neo4j:"+wrong+"@", 1))
		if err == nil || !strings.Contains(err.Error(), "authentication failed") {
			t.Fatalf("got %v, want an authentication error", err)
		}
		noPassword(t, err)
	})
	t.Run("right password from the environment", func(t *testing.T) {
		t.Setenv("NEO4J_USERNAME", "neo4j")
		t.Setenv("NEO4J_PASSWORD", password)
		s, err := graph.Open(ctx, uri)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close(ctx)
		if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "a", Kind: graph.Company, Name: "A"}}); err != nil {
			t.Fatal(err)
		}
		if st, err := s.Stats(ctx); err != nil || st.Entities != 1 {
			t.Fatalf("stats: %+v, %v", st, err)
		}
	})
	t.Run("right password in the URI", func(t *testing.T) {
		s, err := graph.Open(ctx, strings.Replace(uri, "bolt://", "bolt://neo4j:"+password+"@", 1))
		if err != nil {
			noPassword(t, err)
			t.Fatal(err)
		}
		defer s.Close(ctx)
		if got := s.(*Store).URI(); got != uri {
			t.Errorf("URI() = %q, want %q, without credentials", got, uri)
		}
	})
	t.Run("no credentials", func(t *testing.T) {
		_, err := OpenWith(ctx, uri, Options{})
		want := "graph/neo4j: Neo4j at " + uri + " requires authentication (set NEO4J_USERNAME and NEO4J_PASSWORD)"
		if err == nil || err.Error() != want {
			t.Fatalf("got  %v\nwant %s", err, want)
		}
	})
}
