package report

import (
	"context"
	"fmt"
	"time"

	"github.com/shellnet/shellnet/analysis/centrality"
	"github.com/shellnet/shellnet/analysis/community"
	"github.com/shellnet/shellnet/analysis/flags"
	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

// Defaults of Options.
const (
	DefaultTop = 10
	// DefaultCommunityDiagrams is how many of the largest communities are
	// drawn, when they are small enough (MaxCommunityDiagram).
	DefaultCommunityDiagrams = 3
	// MaxCommunityDiagram is the largest community drawn whole.
	MaxCommunityDiagram = 60
	// ExactBetweenness is the number of entities up to which betweenness is
	// computed exactly; beyond, from SampledPivots sources drawn with the seed.
	ExactBetweenness = 5000
	SampledPivots    = 500
)

// Options say what a report holds. The zero value reports on the whole
// snapshot with shellnet's defaults; a report needs no clock time, so the
// same store and options give the same bytes. The day and the ownership
// rule are the snapshot's (SnapshotOptions).
type Options struct {
	Title    string // "shellnet report" when empty
	Subtitle string // shown under the title, such as the store's name
	Top      int    // brokers listed; DefaultTop when 0
	Paths    PathOptions
	// Screen are names to screen, from a supplier list (screen.ReadQueries),
	// against Screening, a snapshot of the same store, day and rule built
	// with screen.SnapshotOptions; ScreenFile names that list in the report.
	Screen     []screen.Query
	Screening  *snapshot.Snapshot
	ScreenFile string
	ScreenHops int // screen.DefaultMaxHops when 0
	// Community chooses the partition; Louvain with seed 1 when Algo is "".
	Community community.Config
	// CommunityDiagrams is how many of the largest communities are drawn
	// (DefaultCommunityDiagrams when 0, none when negative).
	CommunityDiagrams int
	Layout            string // dot, neato, sfdp, or "" to choose by size
	MaxNeighbours     int    // see render.Options
}

func (o *Options) defaults() {
	if o.Title == "" {
		o.Title = "shellnet report"
	}
	if o.Top <= 0 {
		o.Top = DefaultTop
	}
	if o.Community.Algo == "" {
		o.Community = community.Config{Algo: "louvain", Resolution: 1, Seed: 1}
	}
	if o.CommunityDiagrams == 0 {
		o.CommunityDiagrams = DefaultCommunityDiagrams
	}
	if o.ScreenHops == 0 {
		o.ScreenHops = screen.DefaultMaxHops
	}
}

// Analysis is every analysis a report shows, run once on one snapshot of a
// store; Report and CaseReport lay them out.
type Analysis struct {
	opt   Options
	snap  *snapshot.Snapshot
	stats graph.Stats
	p     *graph.Projection // the store without technical links (device scans)

	sanc    *sanctions.Result
	blocked map[string]bool

	betweenness, pagerank []float64
	communities           community.Result
	summaries             []community.Summary

	procurement Procurement // to listed and blocked parties
	throughput  Procurement // to listed parties only, through blocked ones
	flags       []flags.Flag
	screened    []screen.Result
}

// SnapshotOptions are the options of the snapshot a report runs on, on
// day asOf (any day when zero) under rule: every entity, and every link but
// the technical ones (device scans).
func SnapshotOptions(asOf time.Time, rule sanctions.Rule) snapshot.Options {
	var types []graph.LinkType
	for _, t := range graph.LinkTypes {
		if t.Class() != graph.ClassTechnical {
			types = append(types, t)
		}
	}
	return snapshot.Options{AsOf: asOf, Rule: rule, Types: types}
}

// Build runs every analysis on snap, a snapshot built with
// SnapshotOptions, and lays out the report of the whole store.
func Build(ctx context.Context, snap *snapshot.Snapshot, opt Options) (Report, error) {
	a, err := Analyse(ctx, snap, opt)
	if err != nil {
		return Report{}, err
	}
	return a.Report(ctx)
}

// Analyse runs every analysis a report shows on snap, a snapshot built
// with SnapshotOptions.
func Analyse(ctx context.Context, snap *snapshot.Snapshot, opt Options) (*Analysis, error) {
	opt.defaults()
	a := &Analysis{opt: opt, snap: snap, p: snap.Projection(), sanc: snap.Sanctions()}
	var err error
	if a.stats, err = snap.Stats(ctx); err != nil {
		return nil, fmt.Errorf("analysis/report: %w", err)
	}
	a.blocked = BlockedIDs(a.p, a.sanc)
	if err := a.brokers(); err != nil {
		return nil, err
	}
	if a.communities, err = community.Run(a.p, opt.Community); err != nil {
		return nil, fmt.Errorf("analysis/report: communities: %w", err)
	}
	a.summaries = community.Summarize(a.p, a.communities.Labels, a.communities.Count, community.SummaryOptions{Blocked: a.blocked, Scores: a.betweenness})
	if a.procurement, err = findPaths(ctx, snap, opt.Paths); err != nil {
		return nil, err
	}
	// paths end at the first target: when blocked parties are targets, the
	// paths on to the listed ones behind them are found separately
	if to := opt.Paths.To; (to.IsZero() || paths.SelectsSanctioned(to)) && !opt.Paths.ListedOnly {
		listedOnly := opt.Paths
		listedOnly.ListedOnly = true
		if a.throughput, err = findPaths(ctx, snap, listedOnly); err != nil {
			return nil, err
		}
	}
	if err := a.redFlags(ctx); err != nil {
		return nil, err
	}
	if len(opt.Screen) > 0 {
		if opt.Screening == nil {
			return nil, fmt.Errorf("analysis/report: %d names to screen and no snapshot to screen them against: set Options.Screening", len(opt.Screen))
		}
		if sn := opt.Screening; !sn.AsOf().Equal(snap.AsOf()) || sn.Rule() != snap.Rule() || sn.Version() != snap.Version() {
			return nil, fmt.Errorf("analysis/report: the screening snapshot (version %d, %s rule, as of %s) is not the report's (version %d, %s rule, as of %s): build both from the same store, day and rule",
				sn.Version(), sn.Rule(), sn.AsOf().Format("2006-01-02"), snap.Version(), snap.Rule(), snap.AsOf().Format("2006-01-02"))
		}
		sc, err := screen.New(opt.Screening, screen.Options{MaxHops: opt.ScreenHops, Workers: 1})
		if err != nil {
			return nil, fmt.Errorf("analysis/report: screening: %w", err)
		}
		err = sc.ScreenAll(ctx, opt.Screen, func(r screen.Result) error {
			a.screened = append(a.screened, r)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("analysis/report: screening: %w", err)
		}
	}
	return a, nil
}

// brokers computes betweenness (exact on small graphs, sampled with a fixed
// seed beyond ExactBetweenness) and PageRank, on undirected links.
func (a *Analysis) brokers() error {
	cfg := centrality.Config{Algo: "betweenness"}
	if a.p.Len() > ExactBetweenness {
		cfg.Sample, cfg.Seed = SampledPivots, 1
	}
	bw, err := centrality.Run(a.p, cfg)
	if err != nil {
		return fmt.Errorf("analysis/report: betweenness: %w", err)
	}
	pr, err := centrality.Run(a.p, centrality.Config{Algo: "pagerank"})
	if err != nil {
		return fmt.Errorf("analysis/report: pagerank: %w", err)
	}
	a.betweenness, a.pagerank = bw.Scores, pr.Scores
	return nil
}

// redFlags detects red flags as `shellnet flags` does, with hub flags on
// the procurement paths from the report's sources to its targets.
func (a *Analysis) redFlags(ctx context.Context) error {
	opt := flags.Options{Paths: paths.Options{MaxHops: a.opt.Paths.MaxHops, Weak: a.opt.Paths.Weak}}
	for _, id := range a.procurement.Sources {
		if i, ok := a.p.Index(id); ok {
			opt.Sources = append(opt.Sources, i)
		}
	}
	for _, id := range a.procurement.Targets {
		if i, ok := a.p.Index(id); ok {
			opt.Targets = append(opt.Targets, i)
		}
	}
	fs, err := flags.Run(ctx, a.snap, opt)
	if err != nil {
		return fmt.Errorf("analysis/report: red flags: %w", err)
	}
	a.flags = fs
	return nil
}

// draw lays out a diagram as SVG, for a report.
func (a *Analysis) draw(file, title, caption string, sg graph.Subgraph, opt render.Options) (Diagram, error) {
	if opt.MaxNeighbours == 0 {
		opt.MaxNeighbours = a.opt.MaxNeighbours
	}
	svg, err := render.Render(context.Background(), render.DOT(sg, opt), render.SVG, a.opt.Layout)
	if err != nil {
		return Diagram{}, fmt.Errorf("analysis/report: diagram %s: %w", file, err)
	}
	return Diagram{File: file, Title: title, Caption: caption, SVG: svg}, nil
}
