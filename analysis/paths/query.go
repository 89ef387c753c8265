package paths

import (
	"context"
	"fmt"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

// DefaultFrom and DefaultTo select the ends of procurement paths when none
// are given: from US vendors to sanctioned parties (DESIGN.md).
var (
	DefaultFrom = graph.MustSelector("tag:role.vendor country:US")
	DefaultTo   = graph.MustSelector("tag:sanction")
)

// Query is a search for procurement paths on a snapshot, as `shellnet
// paths` runs it.
type Query struct {
	// From and To select the sources and targets; the zero Selector means
	// DefaultFrom and DefaultTo.
	From, To graph.Selector
	// ListedOnly keeps the parties blocked by ownership out of the targets.
	// Otherwise, when To selects sanctioned parties (tag:sanction), the
	// parties the snapshot finds blocked are targets too; on the paths they
	// are shown as blocked either way.
	ListedOnly bool
	// Options tune the search; with Records, trade links documented by a
	// shipment or payment record rank first, the records being read from
	// the snapshot's evidence for the nodes the search reaches
	// (Options.LoadRecords).
	Options Options
	Records bool
	// Policies, when not nil, mark every hop restricted or a loophole.
	Policies Policies
}

// Found is what a search found: the sources and targets it searched
// between and the paths, cheapest first.
type Found struct {
	Sources, Targets []int32
	Paths            []Evidence
}

// Ends returns the sources and targets q selects on snap.
func (q Query) Ends(snap *snapshot.Snapshot) (sources, targets []int32) {
	p := snap.Projection()
	from, to := q.From, q.To
	if from.IsZero() {
		from = DefaultFrom
	}
	if to.IsZero() {
		to = DefaultTo
	}
	sources, targets = p.Select(from), p.Select(to)
	if !q.ListedOnly && SelectsSanctioned(to) {
		targets = append(targets, snap.Sanctions().Blocked()...)
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

// Run finds the procurement paths q asks for on snap: each path is
// described with the store's links behind its hops (sources and dates, read
// from the snapshot's evidence), and marked by q.Policies.
func Run(ctx context.Context, snap *snapshot.Snapshot, q Query) (Found, error) {
	p := snap.Projection()
	sources, targets := q.Ends(snap)
	out := Found{Sources: sources, Targets: targets, Paths: []Evidence{}}
	if len(sources) == 0 || len(targets) == 0 {
		return out, nil
	}
	opt := q.Options
	if q.Records {
		opt.LoadRecords = Records(ctx, snap)
	}
	found, err := Find(p, sources, targets, opt)
	if err != nil {
		return out, err
	}
	if len(found) == 0 {
		return out, nil
	}
	var links []graph.Link
	err = snap.Links(ctx, NodeIDs(p, found), nil, func(l graph.Link) error {
		links = append(links, l)
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("analysis/paths: links of the paths: %w", err)
	}
	sanc := snap.Sanctions()
	out.Paths = Describe(p, found, links, func(i int32) bool { return sanc.Status(i) == sanctions.Blocked })
	if q.Policies != nil {
		q.Policies.Mark(out.Paths)
	}
	return out, nil
}

// Records returns an Options.LoadRecords that reads from snap's evidence
// the trade links (SUPPLIES, PAYS) valid on its day that touch the nodes
// asked about.
func Records(ctx context.Context, snap *snapshot.Snapshot) func([]int32) ([]graph.Link, error) {
	p := snap.Projection()
	return func(nodes []int32) ([]graph.Link, error) {
		var out []graph.Link
		const batch = 1000
		for lo := 0; lo < len(nodes); lo += batch {
			ids := make([]string, 0, batch)
			for _, v := range nodes[lo:min(lo+batch, len(nodes))] {
				ids = append(ids, p.Nodes[v].ID)
			}
			err := snap.Links(ctx, ids, []graph.LinkType{graph.Supplies, graph.Pays}, func(l graph.Link) error {
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
