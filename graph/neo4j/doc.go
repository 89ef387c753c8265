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
//
// Writes: a writer first locks the shards (64 per family, :ShellnetMeta
// nodes) of the entity or link IDs it reads and writes back, so that
// shellnet's writers never lose each other's updates, and bumps the
// version node last, so that its lock is held only while it commits. A
// call of 1,000 records or more is shared among Options.Writers
// transactions with no shard in common, run side by side (each commits on
// its own, after the data's own errors were checked for the whole call).
// A load (ingest) has the rows of its next call built (PrepareEntities,
// PrepareLinks) and keeps Options.Streams calls in flight, so that the
// server starts the next call's transactions while the last one's finish.
// Records are first created on the guess that they are new, without
// reading them: one that is stored after all breaks a uniqueness
// constraint, and its part is written again by reading and merging.
// The Store remembers the element IDs of the entities it created, and
// links find those ends by element ID (NodeByElementIdSeek, the id
// checked) rather than through the :Entity(id) index: some 9% less server
// CPU per record in BenchmarkUpsert (34 against 37.7 µs).
package neo4j
