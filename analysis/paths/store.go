package paths

import (
	"context"
	"fmt"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// DefaultFrom and DefaultTo select the ends of procurement paths when none
// are given: from US vendors to sanctioned parties (DESIGN.md).
var (
	DefaultFrom = graph.MustSelector("tag:role.vendor country:US")
	DefaultTo   = graph.MustSelector("tag:sanction")
)

// Query is a search for procurement paths on a store's projection, as
// `shellnet paths` runs it.
type Query struct {
	// From and To select the sources and targets; the zero Selector means
	// DefaultFrom and DefaultTo.
	From, To graph.Selector
	// Blocked are the parties blocked by ownership (analysis/sanctions).
	// When To selects sanctioned parties (tag:sanction) they are targets
	// too, unless ListedOnly; on the paths they are shown as blocked.
	Blocked    []int32
	ListedOnly bool
	// Options tune the search; with Records, trade links documented by a
	// shipment or payment record rank first, the records being read from
	// the store for the nodes the search reaches (Options.LoadRecords).
	Options Options
	Records bool
	// Policies, when not nil, mark every hop restricted or a loophole.
	Policies Policies
	// AsOf keeps the links valid on that day (any day when zero).
	AsOf time.Time
}

// Found is what a search found: the sources and targets it searched
// between and the paths, cheapest first.
type Found struct {
	Sources, Targets []int32
	Paths            []Evidence
}

// Ends returns the sources and targets q selects on p.
func (q Query) Ends(p *graph.Projection) (sources, targets []int32) {
	from, to := q.From, q.To
	if from.IsZero() {
		from = DefaultFrom
	}
	if to.IsZero() {
		to = DefaultTo
	}
	sources, targets = p.Select(from), p.Select(to)
	if !q.ListedOnly && SelectsSanctioned(to) {
		targets = append(targets, q.Blocked...)
	}
	return sources, targets
}

// SelectsSanctioned reports whether sel picks sanctioned parties (a
// tag:sanction term), whom the parties blocked by ownership join.
func SelectsSanctioned(sel graph.Selector) bool {
	for _, t := range sel.Terms {
		if t.Field == "tag" && t.Value == graph.TagSanction {
			return true
		}
	}
	return false
}

// FromStore finds the procurement paths q asks for on p, the projection of
// store s: each path is described with the store's links behind its hops
// (sources and dates), and marked by q.Policies.
func FromStore(ctx context.Context, s graph.Store, p *graph.Projection, q Query) (Found, error) {
	sources, targets := q.Ends(p)
	out := Found{Sources: sources, Targets: targets, Paths: []Evidence{}}
	if len(sources) == 0 || len(targets) == 0 {
		return out, nil
	}
	opt := q.Options
	if q.Records {
		opt.LoadRecords = RecordsFromStore(ctx, s, p, q.AsOf)
	}
	found, err := Find(p, sources, targets, opt)
	if err != nil {
		return out, err
	}
	if len(found) == 0 {
		return out, nil
	}
	var links []graph.Link
	err = s.Links(ctx, graph.Filter{IDs: NodeIDs(p, found), AsOf: q.AsOf}, func(l graph.Link) error {
		links = append(links, l)
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("analysis/paths: links of the paths: %w", err)
	}
	blocked := make(map[int32]bool, len(q.Blocked))
	for _, b := range q.Blocked {
		blocked[b] = true
	}
	out.Paths = Describe(p, found, links, func(i int32) bool { return blocked[i] })
	if q.Policies != nil {
		q.Policies.Mark(out.Paths)
	}
	return out, nil
}

// RecordsFromStore returns an Options.LoadRecords that reads from s the
// trade links (SUPPLIES, PAYS) valid on asOf that touch the nodes asked
// about.
func RecordsFromStore(ctx context.Context, s graph.Store, p *graph.Projection, asOf time.Time) func([]int32) ([]graph.Link, error) {
	return func(nodes []int32) ([]graph.Link, error) {
		var out []graph.Link
		const batch = 1000
		for lo := 0; lo < len(nodes); lo += batch {
			ids := make([]string, 0, batch)
			for _, v := range nodes[lo:min(lo+batch, len(nodes))] {
				ids = append(ids, p.Nodes[v].ID)
			}
			err := s.Links(ctx, graph.Filter{IDs: ids, Types: []graph.LinkType{graph.Supplies, graph.Pays}, AsOf: asOf}, func(l graph.Link) error {
				out = append(out, l)
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("analysis/paths: trade records: %w", err)
			}
		}
		return out, nil
	}
}
