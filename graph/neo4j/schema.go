package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
)

// schema returns the constraints and indexes the store relies on (Neo4j 5
// syntax, each IF NOT EXISTS so that running them again is a no-op).
func schema() []string {
	stmts := []string{
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
		"CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
		"CREATE INDEX entity_listed IF NOT EXISTS FOR (e:Entity) ON (e.listed)",
		"CREATE CONSTRAINT identifier_uid IF NOT EXISTS FOR (i:Identifier) REQUIRE i.uid IS UNIQUE",
		"CREATE INDEX identifier_key IF NOT EXISTS FOR (i:Identifier) ON (i.key)",
		"CREATE CONSTRAINT shellnet_meta_key IF NOT EXISTS FOR (m:ShellnetMeta) REQUIRE m.key IS UNIQUE",
		"CREATE CONSTRAINT pending_id IF NOT EXISTS FOR (p:ShellnetPending) REQUIRE p.id IS UNIQUE",
		"CREATE INDEX pending_from IF NOT EXISTS FOR (p:ShellnetPending) ON (p.from)",
		"CREATE INDEX pending_to IF NOT EXISTS FOR (p:ShellnetPending) ON (p.to)",
		"CREATE CONSTRAINT release_key IF NOT EXISTS FOR (r:ShellnetRelease) REQUIRE r.key IS UNIQUE",
	}
	// A link's id is unique within its type: relationship property indexes
	// and constraints are per type in Neo4j.
	for _, t := range graph.LinkTypes {
		stmts = append(stmts, fmt.Sprintf("CREATE CONSTRAINT link_id_%s IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE",
			strings.ToLower(relType(t)), relType(t)))
	}
	return stmts
}

// ensureSchema creates the schema before the first write of this Store.
// Schema commands cannot share a transaction with data, so each runs on
// its own; reads work without them, so read-only users never need the
// right to create them.
func (s *Store) ensureSchema(ctx context.Context) error {
	s.schemaMu.Lock()
	defer s.schemaMu.Unlock()
	if s.schemaDone {
		return nil
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, stmt := range append(schema(), "CALL db.awaitIndexes(300)") {
		res, err := sess.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return s.wrap("create schema", fmt.Errorf("%s: %w", stmt, err))
		}
	}
	s.schemaDone = true
	return nil
}
