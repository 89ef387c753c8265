package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// DefaultFrom and DefaultTo select the ends of procurement paths when none
// are given: from US vendors to sanctioned parties (DESIGN.md).
var (
	DefaultFrom = graph.MustSelector("tag:role.vendor country:US")
	DefaultTo   = graph.MustSelector("tag:sanction")
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
	// Policies mark each hop as restricted or a loophole; nil leaves hops
	// unmarked.
	Policies paths.Policies
}

// Procurement is what a search for procurement paths found.
type Procurement struct {
	Sources, Targets []string // entity IDs, sorted
	Paths            []paths.Evidence
}

// Sanctioned computes the parties of p blocked by ownership (or control,
// under the EU rule), reading the holdings of sanctioned parties from s one
// round of the fixed point at a time.
func Sanctioned(ctx context.Context, s graph.Store, p *graph.Projection, rule sanctions.Rule, asOf time.Time) (*sanctions.Result, error) {
	listed := make([]bool, p.Len())
	for i := range p.Nodes {
		listed[i] = p.Nodes[i].Listed
	}
	res, err := sanctions.Compute(listed, screen.StoreSource(ctx, s, p, rule, asOf), rule)
	if err != nil {
		return nil, fmt.Errorf("analysis/report: parties blocked by ownership: %w", err)
	}
	return res, nil
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

// FindPaths finds procurement paths on p as `shellnet paths` does: trade
// links documented by a shipment or payment record rank first, each path is
// described with the store's links behind its hops and, when policies are
// given, every hop is marked. sanc (which may be nil) tells the blocked
// parties, which are targets by default and are shown as blocked.
//
// analysis/paths works on a projection and has no entry point from a store;
// this is the same sequence as the paths command's (cmd/shellnet), kept
// here so that reports need not reach into the command line.
func FindPaths(ctx context.Context, s graph.Store, p *graph.Projection, sanc *sanctions.Result, asOf time.Time, opt PathOptions) (Procurement, error) {
	from := opt.From
	if from.IsZero() {
		from = DefaultFrom
	}
	to := opt.To
	if to.IsZero() {
		to = DefaultTo
	}
	sources := p.Select(from)
	targets := p.Select(to)
	if sanc != nil && !opt.ListedOnly && selectsSanctioned(to) {
		targets = append(targets, sanc.Blocked()...)
	}
	out := Procurement{Sources: idsOf(p, sources), Targets: idsOf(p, targets), Paths: []paths.Evidence{}}
	if len(sources) == 0 || len(targets) == 0 {
		return out, nil
	}
	records := paths.NewTradeRecords(p)
	err := s.Links(ctx, graph.Filter{Types: []graph.LinkType{graph.Supplies, graph.Pays}, AsOf: asOf}, func(l graph.Link) error {
		records.Add(&l)
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("analysis/report: trade records: %w", err)
	}
	found, err := paths.Find(p, sources, targets, paths.Options{K: opt.K, MaxHops: opt.MaxHops, Weak: opt.Weak, Records: records})
	if err != nil {
		return out, fmt.Errorf("analysis/report: %w", err)
	}
	var links []graph.Link
	if len(found) > 0 {
		err = s.Links(ctx, graph.Filter{IDs: paths.NodeIDs(p, found), AsOf: asOf}, func(l graph.Link) error {
			links = append(links, l)
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("analysis/report: links of the paths: %w", err)
		}
	}
	var blocked func(int32) bool
	if sanc != nil {
		blocked = func(i int32) bool { return sanc.Status(i) == sanctions.Blocked }
	}
	out.Paths = paths.Describe(p, found, links, blocked)
	if opt.Policies != nil {
		opt.Policies.Mark(out.Paths)
	}
	return out, nil
}

// selectsSanctioned reports whether sel picks sanctioned parties (a
// tag:sanction term), whom parties blocked by ownership join.
func selectsSanctioned(sel graph.Selector) bool {
	for _, t := range sel.Terms {
		if t.Field == "tag" && t.Value == graph.TagSanction {
			return true
		}
	}
	return false
}

func idsOf(p *graph.Projection, idx []int32) []string {
	out := make([]string, len(idx))
	for i, v := range idx {
		out[i] = p.Nodes[v].ID
	}
	slices.Sort(out)
	return out
}
