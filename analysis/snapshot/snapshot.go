package snapshot

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/names"
)

// Options say what a snapshot holds. The zero value is the whole store on
// any day under OFAC's 50 Percent Rule, with every name indexed.
type Options struct {
	// AsOf keeps the links valid on that day (see graph.Link.Valid); every
	// link when zero. The evidence reader applies the same day.
	AsOf time.Time
	// Kinds and Types filter the projection (graph.ProjectOptions); every
	// kind and type when nil.
	Kinds []graph.Kind
	Types []graph.LinkType
	// Rule decides who is blocked by ownership: OFAC's 50 Percent Rule or
	// the EU's owned-or-controlled test.
	Rule sanctions.Rule
	// NameKinds are the kinds whose names the name index holds; every
	// projected kind when nil.
	NameKinds []graph.Kind
}

// Snapshot is a store as it stood when Build read it, at one date: the
// projection, the parties listed or blocked under one rule, the name index,
// and a reader of the evidence (full entities, links and their source
// records) that applies the same date, so that the date cannot disagree
// between the graph and its evidence.
//
// A Snapshot is immutable once built and safe for concurrent readers: the
// projection and the sanctions state are fixed by Build, and the name
// index is built (or read from the projection's cache) once, on first use,
// under a sync.Once. It holds no open transaction: the evidence reader
// asks the store afresh for each read, so a server may keep a Snapshot in
// memory and replace it whole when Version says the store has changed.
// The store must stay open as long as the evidence is read; evidence read
// after a write to the store shows the store as it is then, at the
// snapshot's date.
type Snapshot struct {
	opt     Options
	version int64
	p       *graph.Projection
	sanc    *sanctions.Result

	namesOnce sync.Once
	names     *names.Index

	store graph.Store
	pf    graph.PathFinder // the store's, when it finds paths on its server
}

// Build reads store s into a Snapshot: the store's version, the projection
// opt selects, and the parties listed or blocked under opt.Rule. Holdings
// of sanctioned parties are read from the store round by round of the
// fixed point (sanctions.Compute), so that only the holdings of sanctioned
// parties are read, whatever link types the projection keeps.
func Build(ctx context.Context, s graph.Store, opt Options) (*Snapshot, error) {
	// the version is read first: a write during the build leaves the
	// snapshot claiming an older version, never a newer one
	v, err := s.Version(ctx)
	if err != nil {
		return nil, fmt.Errorf("analysis/snapshot: store version: %w", err)
	}
	p, err := graph.Project(ctx, s, graph.ProjectOptions{Kinds: opt.Kinds, Types: opt.Types, AsOf: opt.AsOf})
	if err != nil {
		return nil, fmt.Errorf("analysis/snapshot: %w", err)
	}
	snap := &Snapshot{opt: opt, version: v, p: p, store: s}
	if pf, ok := s.(graph.PathFinder); ok {
		snap.pf = pf
	}
	listed := make([]bool, p.Len())
	for i := range p.Nodes {
		listed[i] = p.Nodes[i].Listed
	}
	if snap.sanc, err = sanctions.Compute(listed, snap.holdings(ctx), opt.Rule); err != nil {
		return nil, fmt.Errorf("analysis/snapshot: parties blocked under the %s rule: %w", opt.Rule, err)
	}
	return snap, nil
}

// holdingsBatch is the number of owners whose holdings are asked of the
// store at once.
const holdingsBatch = 500

// holdings reads the holdings of sanctioned parties from the store, a
// round of the fixed point at a time: the links of the rule's holding types
// that touch the owners asked about and are valid on the snapshot's day.
func (s *Snapshot) holdings(ctx context.Context) sanctions.Source {
	types := s.opt.Rule.HoldingTypes()
	return func(owners []int32) ([]sanctions.Holding, error) {
		var out []sanctions.Holding
		for lo := 0; lo < len(owners); lo += holdingsBatch {
			chunk := owners[lo:min(lo+holdingsBatch, len(owners))]
			ids := make([]string, len(chunk))
			for i, o := range chunk {
				ids[i] = s.p.Nodes[o].ID
			}
			err := s.Links(ctx, ids, types, func(l graph.Link) error {
				if h, ok := sanctions.HoldingOf(&l, s.p.Index); ok {
					out = append(out, h)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		return out, nil
	}
}

// Version is the store's version (graph.Store.Version) when the snapshot
// was built.
func (s *Snapshot) Version() int64 { return s.version }

// AsOf is the day the snapshot's links are valid on; zero for any day.
func (s *Snapshot) AsOf() time.Time { return s.opt.AsOf }

// Rule is the ownership rule the sanctions state follows.
func (s *Snapshot) Rule() sanctions.Rule { return s.opt.Rule }

// Options are the options the snapshot was built with.
func (s *Snapshot) Options() Options { return s.opt }

// Projection is the snapshot's graph. It is shared: callers must not
// change it.
func (s *Snapshot) Projection() *graph.Projection { return s.p }

// Sanctions is who in the projection is listed or blocked under Rule, with
// the shares that block them.
func (s *Snapshot) Sanctions() *sanctions.Result { return s.sanc }

// Names is the index of the names and aliases of the projection's entities
// of the kinds Options.NameKinds gives. It is built on first use, or read
// from the projection's cache (names.Cached) when a command before built it
// on the same store version.
func (s *Snapshot) Names() *names.Index {
	s.namesOnce.Do(func() {
		kinds := s.opt.NameKinds
		s.names = names.Cached(s.p, nameCache(kinds), func() *names.Index { return names.NewIndex(s.p.Nodes, kinds...) })
	})
	return s.names
}

// nameCache names the cache entry of a name index of kinds: "names-all"
// for every kind, else a hash of the kinds in order.
func nameCache(kinds []graph.Kind) string {
	if len(kinds) == 0 {
		return "names-all"
	}
	h := fnv.New32a()
	for _, k := range kinds {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("names-%08x", h.Sum32())
}
