package neo4j

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// freePort returns a loopback port that nothing listens on.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestOpenRefused(t *testing.T) {
	port := freePort(t)
	for _, scheme := range []string{"bolt", "neo4j"} {
		uri := scheme + "://127.0.0.1:" + strconv.Itoa(port)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		_, err := graph.Open(ctx, uri)
		cancel()
		want := "graph/neo4j: cannot reach Neo4j at " + uri + ": connection refused (is it running? set NEO4J_URI)"
		if err == nil || err.Error() != want {
			t.Errorf("open %s:\ngot  %v\nwant %s", uri, err, want)
		}
	}
}

func TestOpenBadURI(t *testing.T) {
	for _, uri := range []string{"neo4j://", "bolt://user:s3cret-Passw0rd@"} {
		_, err := Open(context.Background(), uri)
		if err == nil || !strings.Contains(err.Error(), "not a Neo4j URI") || strings.Contains(err.Error(), "s3cret-Passw0rd") {
			t.Errorf("open %q: got %v, want a 'not a Neo4j URI' error without the password", uri, err)
		}
	}
	_, err := Open(context.Background(), "neo4j+x://127.0.0.1:7687")
	if err == nil || !strings.Contains(err.Error(), "use neo4j://, neo4j+s://, bolt:// or bolt+s://") {
		t.Errorf("open with an unknown scheme: got %v", err)
	}
}

// TestOpenMissingDatabase asks the test server for a database it does not
// have.
func TestOpenMissingDatabase(t *testing.T) {
	uri := testURI(t)
	opt := envOptions()
	opt.Database = "nosuchdb"
	_, err := OpenWith(context.Background(), uri, opt)
	if err == nil || !strings.Contains(err.Error(), `has no database "nosuchdb" (check NEO4J_DATABASE`) {
		t.Errorf("open database nosuchdb: got %v", err)
	}
}

// TestRoutingScheme opens the test server through neo4j:// (the driver
// then asks the server for its routing table, as with a cluster or Aura)
// and writes and reads through it.
func TestRoutingScheme(t *testing.T) {
	uri := testURI(t)
	if !strings.HasPrefix(uri, "bolt://") {
		t.Skipf("NEO4J_URI %s is not a bolt:// URI", uri)
	}
	openTest(t) // empties the database
	ctx := context.Background()
	s, err := OpenWith(ctx, "neo4j://"+strings.TrimPrefix(uri, "bolt://"), envOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "a", Kind: graph.Company, Name: "A"}}); err != nil {
		t.Fatal(err)
	}
	if e, err := graph.Get(ctx, s, "a"); err != nil || e.Name != "A" {
		t.Fatalf("read back through neo4j://: %+v, %v", e, err)
	}
}

// TestOpenTLSToPlainServer opens the test server, which speaks no TLS,
// through bolt+s://: the driver's TLS error (a ConnectivityError holding an
// error it keeps without an Unwrap method) must read as a failure to reach
// the server, with the driver's advice.
func TestOpenTLSToPlainServer(t *testing.T) {
	uri := testURI(t)
	if !strings.HasPrefix(uri, "bolt://") {
		t.Skipf("NEO4J_URI %s is not a bolt:// URI", uri)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tlsURI := "bolt+s://" + strings.TrimPrefix(uri, "bolt://")
	_, err := OpenWith(ctx, tlsURI, envOptions())
	want := "graph/neo4j: cannot reach Neo4j at " + tlsURI + ": remote end closed the connection, check that TLS is enabled on the server (is it running? set NEO4J_URI)"
	if err == nil || err.Error() != want {
		t.Errorf("open through bolt+s://:\ngot  %v\nwant %s", err, want)
	}
}
