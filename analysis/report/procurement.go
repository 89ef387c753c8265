package report

import (
	"context"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

// PathOptions choose procurement paths as `shellnet paths` does.
type PathOptions struct {
	// From selects the sources; the zero Selector means DefaultFrom.
	From graph.Selector
	// To selects the targets; the zero Selector means DefaultTo. When it
	// selects tag:sanction, parties blocked by ownership are targets too,
	// unless ListedOnly (as `shellnet paths` does).
	To         graph.Selector
	ListedOnly bool
	K          int  // paths; paths.DefaultK when 0
	MaxHops    int  // links per path; paths.DefaultMaxHops when 0
	Weak       bool // also walk weak and shared-attribute links
	// NoRecords ranks hops without reading the trade links' records
	// (paths.Query.Records); by default documented hops rank first.
	NoRecords bool
	// Policies mark each hop as restricted or a loophole; nil leaves hops
	// unmarked.
	Policies paths.Policies
}

// Procurement is what a search for procurement paths found.
type Procurement struct {
	Sources, Targets []string // entity IDs, sorted
	Paths            []paths.Evidence
}

// BlockedIDs returns the IDs of the parties res blocks (not those listed).
func BlockedIDs(p *graph.Projection, res *sanctions.Result) map[string]bool {
	out := map[string]bool{}
	if res == nil {
		return out
	}
	for _, i := range res.Blocked() {
		out[p.Nodes[i].ID] = true
	}
	return out
}

// findPaths finds procurement paths on snap with analysis/paths.Run:
// trade links documented by a shipment or payment record rank first
// (unless NoRecords), each path is described with the store's links behind
// its hops and, when policies are given, every hop is marked. The parties
// the snapshot finds blocked are targets by default and are shown as
// blocked.
func findPaths(ctx context.Context, snap *snapshot.Snapshot, opt PathOptions) (Procurement, error) {
	q := paths.Query{
		From: opt.From, To: opt.To, ListedOnly: opt.ListedOnly,
		Options:  paths.Options{K: opt.K, MaxHops: opt.MaxHops, Weak: opt.Weak},
		Records:  !opt.NoRecords,
		Policies: opt.Policies,
	}
	found, err := paths.Run(ctx, snap, q)
	if err != nil {
		return Procurement{}, fmt.Errorf("analysis/report: %w", err)
	}
	p := snap.Projection()
	return Procurement{Sources: idsOf(p, found.Sources), Targets: idsOf(p, found.Targets), Paths: found.Paths}, nil
}

func idsOf(p *graph.Projection, idx []int32) []string {
	out := make([]string, len(idx))
	for i, v := range idx {
		out[i] = p.Nodes[v].ID
	}
	slices.Sort(out)
	return out
}
