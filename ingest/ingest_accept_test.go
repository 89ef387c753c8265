package ingest_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest/ingesttest"
)

// TestPublished runs the acceptance suite of data as published on the
// embedded store (graph/neo4j runs it on Neo4j).
func TestPublished(t *testing.T) {
	ingesttest.Run(t, func(t *testing.T) graph.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "published.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
