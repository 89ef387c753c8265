package server

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"slices"
	"time"

	"github.com/shellnet/shellnet/analysis/audit"
	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// This file is the server's only door to the store and to the analysis
// packages' constructors: handlers see an engine, one immutable answer to
// every question on one version of the store, and the server swaps in the
// next engine when the store changes.

// engine answers on one snapshot of the store. It is safe for concurrent
// use; an engine never changes once built.
type engine interface {
	// Snapshot says what the engine was built on.
	Snapshot() Snapshot
	// Screen screens one name, as shellnet screen does.
	Screen(ctx context.Context, q screen.Query) (screen.Result, error)
	// ScreenAll screens qs in parallel and calls emit with each result in
	// input order, as the screen command does with a list.
	ScreenAll(ctx context.Context, qs []screen.Query, emit func(screen.Result) error) error
	// Search finds entities by name or alias (fuzzy) and by an identifier
	// (exact), best first.
	Search(ctx context.Context, text string, limit int) ([]screen.Hit, error)
	// Entities reads entities whole, with their sources, in ID order;
	// IDs not stored are left out.
	Entities(ctx context.Context, ids []string) ([]graph.Entity, error)
	// Entity reads one entity whole (its listings, for the audit trail's
	// facts), once for the life of the engine.
	Entity(ctx context.Context, id string) (graph.Entity, error)
	// Adjacent reads the links touching id, in ID order.
	Adjacent(ctx context.Context, id string) ([]graph.Link, error)
	// Paths finds procurement paths, as shellnet paths does.
	Paths(ctx context.Context, q pathsQuery) (paths.Found, error)
	// Neighbourhood extracts the entities within q.hops links of q.id,
	// nearest first and at most q.limit of them, with the links among
	// them; an unknown ID is an error wrapping graph.ErrNotFound.
	Neighbourhood(ctx context.Context, q hoodQuery) (hood, error)
}

// Snapshot identifies what an answer was computed on.
type Snapshot struct {
	Version  int64            `json:"version"`  // the store's version counter
	Built    time.Time        `json:"built"`    // when the snapshot was loaded
	Entities int              `json:"entities"` // parties, addresses and accounts screened against
	Links    int              `json:"links"`    // links screening walks
	Datasets map[string]int64 `json:"datasets"` // entities by dataset
	// Releases are the dataset releases the store records, as its
	// statistics give them (absent when the store records none).
	Releases json.RawMessage `json:"releases,omitempty"`
	// Bytes are the bytes on disk of the snapshot's files (the
	// projection and its name index) the engine was read from; 0 when
	// the store keeps no snapshot files.
	Bytes int64 `json:"-"`
}

// pathsQuery is a procurement-path search; zero selectors are the paths
// command's defaults.
type pathsQuery struct {
	from, to graph.Selector
	opt      paths.Options
	policies paths.Policies
	unranked bool // trade links not ranked by their records (paths.Query.Records off)
}

// hoodQuery is a neighbourhood to extract.
type hoodQuery struct {
	id    string
	hops  int
	limit int
	types []graph.LinkType // walkedTypes when empty
	asOf  time.Time        // links valid on that day; every link when zero
}

// hood is a neighbourhood: the entities as a network view shows them,
// nearest first, and the links among them (GET /entities/{id}/adjacent
// gives a link's records and sources).
type hood struct {
	Nodes     []hoodNode `json:"entities"`
	Links     []hoodLink `json:"links"`
	Truncated bool       `json:"truncated"` // the limit left entities out
}

// hoodNode is an entity as evidence paths show it, with its distance.
type hoodNode struct {
	screen.PathNode
	Hops int `json:"hops"` // links from the entity asked about
}

type hoodLink struct {
	From string         `json:"from"`
	To   string         `json:"to"`
	Type graph.LinkType `json:"type"`
}

// source builds engines from a store and tells when the store changed.
type source interface {
	Version(ctx context.Context) (int64, error)
	Build(ctx context.Context) (engine, error)
}

// storeSource builds engines over a graph.Store with screening options,
// on the snapshot of the store that screening takes (as of asOf, blocked
// under rule).
type storeSource struct {
	store graph.Store
	opt   screen.Options
	rule  sanctions.Rule
	asOf  time.Time
}

var _ source = storeSource{}

func (s storeSource) Version(ctx context.Context) (int64, error) { return s.store.Version(ctx) }

// Build reads the store's version and statistics, then builds the
// snapshot (projection, sanctions state and name index) and the screener
// on it. The
// version is read first, so that a change during the build is seen by the
// next poll.
func (s storeSource) Build(ctx context.Context) (engine, error) {
	v, err := s.store.Version(ctx)
	if err != nil {
		return nil, fmt.Errorf("server: store version: %w", err)
	}
	st, err := s.store.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("server: store statistics: %w", err)
	}
	sn, err := snapshot.Build(ctx, s.store, screen.SnapshotOptions(s.asOf, s.rule))
	if err != nil {
		return nil, err
	}
	// the projection's reading leaves garbage: collect it before the name
	// index is read, so that both are not resident at once
	debug.FreeOSMemory()
	sc, err := screen.New(sn, s.opt)
	if err != nil {
		return nil, err
	}
	p := sn.Projection()
	snap := Snapshot{Version: v, Built: time.Now().UTC(), Entities: p.Len(), Links: p.Links(), Datasets: st.Datasets}
	if snap.Datasets == nil {
		snap.Datasets = map[string]int64{}
	}
	snap.Releases = releasesOf(st)
	if ds, ok := p.Cache().(graph.DiskSizer); ok {
		snap.Bytes = ds.DiskBytes()
	}
	// what audited screenings on this engine were computed on: read once
	basis := audit.BasisOf(st, sn.Version(), audit.SettingsOf(sc.Options(), sn.Rule(), sn.AsOf()))
	return &screenEngine{store: s.store, sc: sc, snap: snap, basis: basis}, nil
}

// releasesOf picks the "releases" member of a store's statistics, so that
// a store that records dataset releases has them shown without this
// package naming its type.
func releasesOf(st graph.Stats) json.RawMessage {
	b, err := json.Marshal(st)
	if err != nil {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	if r := m["releases"]; len(r) > 0 && string(r) != "null" {
		return r
	}
	return nil
}

// screenEngine is an engine over analysis/screen's Screener and the store
// it was built from (read for sources, entities and neighbourhoods).
type screenEngine struct {
	store graph.Store
	sc    *screen.Screener
	snap  Snapshot
	basis audit.Basis // the basis of the screenings it records
}

func (e *screenEngine) Snapshot() Snapshot { return e.snap }

func (e *screenEngine) Screen(ctx context.Context, q screen.Query) (screen.Result, error) {
	return e.sc.Screen(ctx, q)
}

func (e *screenEngine) ScreenAll(ctx context.Context, qs []screen.Query, emit func(screen.Result) error) error {
	return e.sc.ScreenAll(ctx, qs, emit)
}

// Search is screen.Search on the snapshot's parties and their name index
// (a word's rarity counted among parties), with text looked up as an
// identifier of every scheme the search command tries.
func (e *screenEngine) Search(ctx context.Context, text string, limit int) ([]screen.Hit, error) {
	return screen.Search(ctx, e.sc.Snapshot(), text, ingest.IdentifierKeys(text), limit)
}

func (e *screenEngine) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	var out []graph.Entity
	if len(ids) == 0 {
		return out, nil
	}
	err := e.store.Entities(ctx, graph.Filter{IDs: ids}, func(x graph.Entity) error {
		out = append(out, x)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("server: entities: %w", err)
	}
	return out, nil
}

func (e *screenEngine) Entity(ctx context.Context, id string) (graph.Entity, error) {
	return e.sc.Entity(ctx, id)
}

func (e *screenEngine) Adjacent(ctx context.Context, id string) ([]graph.Link, error) {
	var out []graph.Link
	err := e.store.Links(ctx, graph.Filter{IDs: []string{id}}, func(l graph.Link) error {
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("server: links of %q: %w", id, err)
	}
	return out, nil
}

// Paths runs on the snapshot's projection: every party, address and
// account, and every link but the technical ones, which procurement paths
// do not walk.
func (e *screenEngine) Paths(ctx context.Context, q pathsQuery) (paths.Found, error) {
	return paths.Run(ctx, e.sc.Snapshot(), paths.Query{
		From: q.from, To: q.to, Options: q.opt, Records: !q.unranked, Policies: q.policies,
	})
}

// Neighbourhood walks the snapshot's projection breadth first, in memory,
// over the link types that screening walks (all but the technical ones)
// when q.types asks for no other. Asked for technical links (devices,
// products, networks) or for a day (as_of), whose links the projection
// does not date, it walks the store, one query a hop. Either way it stops
// adding entities at the limit and returns every link among those it
// holds. An entity the projection does not hold (a device, say) is
// walked from the store too.
func (e *screenEngine) Neighbourhood(ctx context.Context, q hoodQuery) (hood, error) {
	if len(q.types) == 0 {
		q.types = walkedTypes
	}
	if !q.asOf.IsZero() || slices.ContainsFunc(q.types, technical) {
		return e.storeNeighbourhood(ctx, q)
	}
	p, sanc := e.sc.Snapshot().Projection(), e.sc.Snapshot().Sanctions()
	start, ok := p.Index(q.id)
	if !ok { // not a party, address or account: a device, say
		return e.storeNeighbourhood(ctx, q)
	}
	walk := make([]bool, len(graph.LinkTypes))
	for i := range walk {
		walk[i] = slices.Contains(q.types, graph.LinkTypes[i])
	}
	hops := map[int32]int{start: 0}
	order := []int32{start}
	var out hood
	for at := 0; at < len(order); at++ {
		u := order[at]
		if hops[u] == q.hops {
			break // breadth first: every later node is as far
		}
		visit := func(link, v int32) {
			if !walk[p.Type[link]] {
				return
			}
			if _, seen := hops[v]; seen {
				return
			}
			if len(order) >= q.limit {
				out.Truncated = true
				return
			}
			hops[v] = hops[u] + 1
			order = append(order, v)
		}
		lo, hi := p.Out(u)
		for l := lo; l < hi; l++ {
			visit(l, p.To[l])
		}
		for _, l := range p.In(u) {
			visit(l, p.From[l])
		}
	}
	for _, u := range order {
		n := &p.Nodes[u]
		out.Nodes = append(out.Nodes, hoodNode{screen.PathNode{ID: n.ID, Name: n.Name, Kind: n.Kind, Countries: n.Countries(), Tags: n.Tags(),
			Status: statusText(sanc.Status(u))}, hops[u]})
		lo, hi := p.Out(u)
		for l := lo; l < hi; l++ {
			if _, in := hops[p.To[l]]; in && walk[p.Type[l]] {
				out.Links = append(out.Links, hoodLink{From: n.ID, To: p.Nodes[p.To[l]].ID, Type: p.LinkType(l)})
			}
		}
	}
	return out, nil
}

// storeNeighbourhood is Neighbourhood over the store's links valid on
// q.asOf; the entities' standing is the snapshot's.
func (e *screenEngine) storeNeighbourhood(ctx context.Context, q hoodQuery) (hood, error) {
	hops := map[string]int{q.id: 0}
	order := []string{q.id}
	frontier := []string{q.id}
	var out hood
	for h := 0; h < q.hops && len(frontier) > 0; h++ {
		var next []string
		err := e.store.Links(ctx, graph.Filter{IDs: frontier, Types: q.types, AsOf: q.asOf}, func(l graph.Link) error {
			for _, end := range [2]string{l.From, l.To} {
				if _, seen := hops[end]; seen {
					continue
				}
				if len(order) >= q.limit {
					out.Truncated = true
					continue
				}
				hops[end] = h + 1
				order = append(order, end)
				next = append(next, end)
			}
			return nil
		})
		if err != nil {
			return hood{}, fmt.Errorf("server: neighbourhood of %q: %w", q.id, err)
		}
		frontier = next
	}
	ents, err := e.Entities(ctx, order)
	if err != nil {
		return hood{}, err
	}
	if len(ents) == 0 {
		return hood{}, fmt.Errorf("server: entity %q: %w", q.id, graph.ErrNotFound)
	}
	p, sanc := e.sc.Snapshot().Projection(), e.sc.Snapshot().Sanctions()
	for _, x := range ents {
		var status string
		if i, ok := p.Index(x.ID); ok {
			status = statusText(sanc.Status(i))
		}
		out.Nodes = append(out.Nodes, hoodNode{screen.PathNode{ID: x.ID, Name: x.Name, Kind: x.Kind, Countries: x.Countries, Tags: x.Tags, Status: status}, hops[x.ID]})
	}
	slices.SortStableFunc(out.Nodes, func(a, b hoodNode) int { return cmp.Compare(a.Hops, b.Hops) })
	err = e.store.Links(ctx, graph.Filter{IDs: order, Types: q.types, AsOf: q.asOf}, func(l graph.Link) error {
		_, a := hops[l.From]
		_, b := hops[l.To]
		if a && b {
			out.Links = append(out.Links, hoodLink{From: l.From, To: l.To, Type: l.Type})
		}
		return nil
	})
	if err != nil {
		return hood{}, fmt.Errorf("server: neighbourhood of %q: %w", q.id, err)
	}
	return out, nil
}

// walkedTypes are the link types a neighbourhood walks unless asked for
// others: all but the technical ones, as screening.
var walkedTypes = slices.DeleteFunc(slices.Clone(graph.LinkTypes), technical)

func technical(t graph.LinkType) bool { return t.Class() == graph.ClassTechnical }

// statusText names a sanctions status as evidence paths do: "listed",
// "blocked" or "".
func statusText(s sanctions.Status) string {
	if s == sanctions.None {
		return ""
	}
	return s.String()
}
