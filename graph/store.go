package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Store is a graph store: the embedded SQLite file or a Neo4j database.
// Every backend passes graph/storetest.
//
// Upserts are idempotent and merge by Merge and MergeLink: writing the same
// records twice leaves the store unchanged. A link whose ends are not in the
// store is an error wrapping ErrUnknownEntity.
type Store interface {
	// UpsertEntities writes entities, merging each into any stored entity
	// with the same ID, in one transaction per call.
	UpsertEntities(ctx context.Context, es []Entity) error
	// UpsertLinks writes links, merging each into any stored link with the
	// same ID, in one transaction per call.
	UpsertLinks(ctx context.Context, ls []Link) error
	// Entities calls fn for each entity matching f, in ID order.
	Entities(ctx context.Context, f Filter, fn func(Entity) error) error
	// Links calls fn for each link matching f, in ID order.
	Links(ctx context.Context, f Filter, fn func(Link) error) error
	// Lookup returns, for each identifier key, the ID of a stored entity
	// carrying it; keys with no entity are absent from the result.
	Lookup(ctx context.Context, keys []IdentKey) (map[IdentKey]string, error)
	// SetProps sets properties on stored entities (scores written back by
	// batch analyses); other fields are left as they are.
	SetProps(ctx context.Context, updates []PropUpdate) error
	// Stats counts entities by kind and dataset, and links by type.
	Stats(ctx context.Context) (Stats, error)
	// Version is a counter that changes whenever the store's content does;
	// caches of the projection are keyed by it.
	Version(ctx context.Context) (int64, error)
	// ReplaceEntities stores each entity as given in place of the stored
	// entity with its ID (Upsert merges; this does not): a new release of
	// a list withdraws what it no longer says. The replacement keeps the
	// stored entity's names and identifiers, which look-ups index and a
	// withdrawal keeps as history. An ID not stored is an error wrapping
	// ErrUnknownEntity, and nothing is written.
	ReplaceEntities(ctx context.Context, es []Entity) error
	// DeleteLinks removes the links with these IDs: a new release of a
	// list withdraws the links it no longer has (the release records
	// which). IDs not stored are ignored.
	DeleteLinks(ctx context.Context, ids []string) error
	// UpsertPending keeps links that wait for an entity not stored yet,
	// merging each into the pending link with the same link ID.
	UpsertPending(ctx context.Context, ps []Pending) error
	// Pending calls fn for each pending link with an end among ids (every
	// pending link when ids is nil), in link ID order.
	Pending(ctx context.Context, ids []string, fn func(Pending) error) error
	// DeletePending removes the pending links with these link IDs, once
	// they were written as links.
	DeletePending(ctx context.Context, linkIDs []string) error
	// AddRelease records a release of a dataset; recording the same
	// release (dataset and file hashes) again changes nothing.
	AddRelease(ctx context.Context, r Release) error
	// Close releases the store.
	Close(ctx context.Context) error
}

// Neighbourhooder is the optional power of a store that extracts a
// neighbourhood on the server, so that only the subgraph is read.
type Neighbourhooder interface {
	Neighbourhood(ctx context.Context, seeds []string, hops int, f Filter) (Subgraph, error)
}

// PathFinder is the optional power of a store that finds shortest paths from
// seeds to sanctioned entities on the server, over links valid on asOf
// (see Link.Valid; every link when asOf is zero).
type PathFinder interface {
	PathsToSanctioned(ctx context.Context, seed string, maxHops int, types []LinkType, asOf time.Time) ([]Subgraph, error)
}

// Preparer is the optional power of a store that can do the part of a
// batch's write that needs no transaction ahead of the write (graph/sqlite:
// checking, folding and encoding), so that a loader prepares the next
// batch while the store writes this one. The returned function writes the
// batch; the slice given may be reused once the call returns.
type Preparer interface {
	PrepareEntities(ctx context.Context, es []Entity) (func(context.Context) error, error)
	PrepareLinks(ctx context.Context, ls []Link) (func(context.Context) error, error)
}

// Streamer is the optional power of a store whose write calls for distinct
// records run side by side to advantage (graph/neo4j: its transactions
// wait on the server, not on this process). WriteStreams is how many calls
// a loader keeps in flight; a loader never gives two calls the same record
// ID, so the order in which they commit does not change what is stored.
type Streamer interface {
	WriteStreams() int
}

// ErrUnknownEntity is wrapped by errors for links whose ends are not stored.
var ErrUnknownEntity = errors.New("unknown entity")

// ErrNotFound is returned when a single entity asked for is not stored.
var ErrNotFound = errors.New("not found")

// IdentKey is one identifier, scheme and normalised value.
type IdentKey struct {
	Scheme string
	Value  string
}

// PropUpdate sets properties on one entity.
type PropUpdate struct {
	ID    string
	Props map[string]any
}

// Filter selects entities and links. Zero fields select everything.
type Filter struct {
	IDs      []string   // entities with these IDs; links touching them
	Kinds    []Kind     // entities of these kinds
	Types    []LinkType // links of these types
	Datasets []string   // records with a source in these datasets
	AsOf     time.Time  // links valid on this day (see Link.Valid)
}

// Stats are the counts of a store.
type Stats struct {
	Entities int64            `json:"entities"`
	Links    int64            `json:"links"`
	ByKind   map[string]int64 `json:"by_kind"`
	ByType   map[string]int64 `json:"by_type"`
	Datasets map[string]int64 `json:"datasets"`
	// Pending counts the links that wait for an entity, by link type.
	Pending map[string]int64 `json:"pending"`
	// Releases are the releases of each dataset loaded, by dataset, then
	// in the order they were loaded.
	Releases []Release `json:"releases"`
}

// Subgraph is a set of entities and the links among them.
type Subgraph struct {
	Entities []Entity
	Links    []Link
}

// Entity returns the single stored entity with the given id, or an error
// wrapping ErrNotFound.
func Get(ctx context.Context, s Store, id string) (Entity, error) {
	var out Entity
	found := false
	err := s.Entities(ctx, Filter{IDs: []string{id}}, func(e Entity) error {
		out, found = e, true
		return nil
	})
	if err != nil {
		return Entity{}, err
	}
	if !found {
		return Entity{}, fmt.Errorf("graph: entity %q: %w", id, ErrNotFound)
	}
	return out, nil
}

// Neighbourhood returns the entities within hops of seeds and the links
// among them, using the store's own Neighbourhooder when it has one and a
// breadth-first walk over Links otherwise.
func Neighbourhood(ctx context.Context, s Store, seeds []string, hops int, f Filter) (Subgraph, error) {
	if n, ok := s.(Neighbourhooder); ok {
		return n.Neighbourhood(ctx, seeds, hops, f)
	}
	seen := map[string]bool{}
	frontier := []string{}
	for _, id := range seeds {
		if !seen[id] {
			seen[id] = true
			frontier = append(frontier, id)
		}
	}
	links := map[string]Link{}
	for h := 0; h < hops && len(frontier) > 0; h++ {
		lf := f
		lf.IDs = frontier
		var next []string
		err := s.Links(ctx, lf, func(l Link) error {
			links[l.ID] = l
			for _, end := range []string{l.From, l.To} {
				if !seen[end] {
					seen[end] = true
					next = append(next, end)
				}
			}
			return nil
		})
		if err != nil {
			return Subgraph{}, err
		}
		frontier = next
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	var sg Subgraph
	ef := Filter{IDs: ids}
	if err := s.Entities(ctx, ef, func(e Entity) error { sg.Entities = append(sg.Entities, e); return nil }); err != nil {
		return Subgraph{}, err
	}
	for _, l := range links {
		if seen[l.From] && seen[l.To] {
			sg.Links = append(sg.Links, l)
		}
	}
	sortLinks(sg.Links)
	return sg, nil
}

func sortLinks(ls []Link) {
	slices.SortFunc(ls, func(a, b Link) int { return strings.Compare(a.ID, b.ID) })
}
