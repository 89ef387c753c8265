package neo4j

import (
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/storetest"
)

// TestConformance runs the store conformance suite against the Neo4j test
// server, emptying the database for each store it opens.
func TestConformance(t *testing.T) {
	testURI(t)
	storetest.Run(t, func(t *testing.T) graph.Store { return openTest(t) })
}

func TestAudit(t *testing.T) {
	storetest.Audit(t, func(t *testing.T) graph.Store { return openTest(t) })
}
