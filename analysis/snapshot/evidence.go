package snapshot

import (
	"context"
	"fmt"

	"github.com/shellnet/shellnet/graph"
)

// The evidence reader: what an analysis shows beside its result (full
// entities with their listings and sources, the store's links behind a hop
// with their source records) is read from the store on demand, for given
// IDs only, with the snapshot's date applied to every link. Each method
// asks the store afresh and holds nothing open between calls.

// Entity returns the stored entity id in full: listings, identifiers,
// properties and sources. An entity that is not stored gives an error
// wrapping graph.ErrNotFound.
func (s *Snapshot) Entity(ctx context.Context, id string) (graph.Entity, error) {
	e, err := graph.Get(ctx, s.store, id)
	if err != nil {
		return graph.Entity{}, fmt.Errorf("analysis/snapshot: %w", err)
	}
	return e, nil
}

// Entities calls fn with each stored entity whose ID is in ids, in ID
// order; none when ids is empty.
func (s *Snapshot) Entities(ctx context.Context, ids []string, fn func(graph.Entity) error) error {
	if len(ids) == 0 {
		return nil
	}
	return s.store.Entities(ctx, graph.Filter{IDs: ids}, fn)
}

// EachEntity calls fn with every stored entity, in ID order: for analyses
// that compare attributes the projection does not keep (identifiers,
// addresses as properties).
func (s *Snapshot) EachEntity(ctx context.Context, fn func(graph.Entity) error) error {
	return s.store.Entities(ctx, graph.Filter{}, fn)
}

// Links calls fn with each stored link valid on the snapshot's day that
// touches an entity of ids and is of one of types (any type when types is
// nil), in ID order; none when ids is empty.
func (s *Snapshot) Links(ctx context.Context, ids []string, types []graph.LinkType, fn func(graph.Link) error) error {
	if len(ids) == 0 {
		return nil
	}
	return s.store.Links(ctx, graph.Filter{IDs: ids, Types: types, AsOf: s.opt.AsOf}, fn)
}

// Evidence returns the stored entities of ids and the stored links valid
// on the snapshot's day between two of them, with their source records:
// what a diagram or a page of evidence about those entities shows.
func (s *Snapshot) Evidence(ctx context.Context, ids []string) (graph.Subgraph, error) {
	var sg graph.Subgraph
	if err := s.Entities(ctx, ids, func(e graph.Entity) error { sg.Entities = append(sg.Entities, e); return nil }); err != nil {
		return sg, fmt.Errorf("analysis/snapshot: evidence entities: %w", err)
	}
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	err := s.Links(ctx, ids, nil, func(l graph.Link) error {
		if in[l.From] && in[l.To] {
			sg.Links = append(sg.Links, l)
		}
		return nil
	})
	if err != nil {
		return sg, fmt.Errorf("analysis/snapshot: evidence links: %w", err)
	}
	return sg, nil
}

// Neighbourhood returns the stored entities within hops links (valid on
// the snapshot's day) of seeds and the links among them, extracted on the
// server when the store can (graph.Neighbourhooder, Neo4j).
func (s *Snapshot) Neighbourhood(ctx context.Context, seeds []string, hops int) (graph.Subgraph, error) {
	return graph.Neighbourhood(ctx, s.store, seeds, hops, graph.Filter{AsOf: s.opt.AsOf})
}

// FindsPaths reports whether the store finds shortest paths to listed
// parties on its server (graph.PathFinder, Neo4j).
func (s *Snapshot) FindsPaths() bool { return s.pf != nil }

// PathsToSanctioned asks the store's server for the shortest paths of at
// most maxHops links of types, valid on the snapshot's day, from seed to
// listed parties. It fails when the store has no such power (FindsPaths).
func (s *Snapshot) PathsToSanctioned(ctx context.Context, seed string, maxHops int, types []graph.LinkType) ([]graph.Subgraph, error) {
	if s.pf == nil {
		return nil, fmt.Errorf("analysis/snapshot: the store finds no paths on a server (check FindsPaths first)")
	}
	return s.pf.PathsToSanctioned(ctx, seed, maxHops, types, s.opt.AsOf)
}

// Lookup returns, for each identifier key, the ID of a stored entity
// carrying it; keys with no entity are absent.
func (s *Snapshot) Lookup(ctx context.Context, keys []graph.IdentKey) (map[graph.IdentKey]string, error) {
	return s.store.Lookup(ctx, keys)
}

// Stats counts the store's entities and links (all of them, on any day).
func (s *Snapshot) Stats(ctx context.Context) (graph.Stats, error) {
	return s.store.Stats(ctx)
}
