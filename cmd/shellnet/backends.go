package main

// The stores and input formats shellnet is built with; each registers itself.
import (
	_ "github.com/shellnet/shellnet/graph/neo4j"  // neo4j://, neo4j+s://, bolt://, bolt+s://
	_ "github.com/shellnet/shellnet/graph/sqlite" // sqlite:PATH and plain paths
	_ "github.com/shellnet/shellnet/ingest/all"   // every input format
)
