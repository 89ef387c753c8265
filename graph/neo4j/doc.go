// Package neo4j is the graph.Store for a Neo4j 5 database (a server, a
// cluster or Aura), reached through neo4j-go-driver v5: batched
// UNWIND … MERGE writes in managed transactions, and neighbourhoods and
// shortest paths computed on the server.
//
// The graph in Neo4j: every entity is a node labelled :Entity and with its
// kind (:Company, :Person…), unique by its id property; every link is a
// relationship whose type is the link type (:SUPPLIES, :OWNS…) with an id
// property. Lists are arrays; nested values (identifiers, sanctions, props,
// sources) are JSON strings beside flat, queryable copies. Identifiers are
// also :Identifier nodes, so that look-ups by identifier use an index.
// Labels and relationship types come only from graph.Kinds and
// graph.LinkTypes; everything else is a query parameter.
package neo4j
