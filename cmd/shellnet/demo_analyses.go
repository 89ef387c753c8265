package main

import (
	"fmt"
	"strings"

	"github.com/shellnet/shellnet/analysis/centrality"
	"github.com/shellnet/shellnet/analysis/community"
	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

// demoPaths prints the procurement paths from the US vendors to the
// sanctioned end user, each hop marked by the exporting country's rules.
func demoPaths(d *demo) (any, error) {
	policies, err := loadPolicies(defaultPathsPolicy)
	if err != nil {
		return nil, err
	}
	cfg := pathsConfig{
		from:     namedSelector{defaultPathsFrom, graph.MustSelector(defaultPathsFrom)},
		to:       namedSelector{defaultPathsTo, graph.MustSelector(defaultPathsTo)},
		opt:      paths.Options{K: paths.DefaultK, MaxHops: paths.DefaultMaxHops},
		policies: policies,
		rule:     sanctions.OFAC,
		records:  true,
	}
	snap, err := snapshot.Build(d.ctx, d.store, cfg.snapshot())
	if err != nil {
		return nil, err
	}
	note := func(f string, a ...any) { fmt.Fprintf(d.out, f+"\n", a...) }
	evs, err := demoFind(d, snap, cfg, note)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(d.out, "from %s to %s (and parties blocked by ownership), marked by the US, EU and Chinese rules:\n", defaultPathsFrom, defaultPathsTo)
	if err := writePaths(d.out, "table", evs); err != nil {
		return nil, err
	}
	// Paths stop at the first sanctioned party; the goods went on, through
	// the blocked Chinese companies, to the listed end user.
	cfg.to = namedSelector{"id:rgb", graph.MustSelector("id:rgb")}
	onward, err := demoFind(d, snap, cfg, note)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(d.out, "\non to the listed end user (rgb), through the parties blocked by ownership:\n")
	if err := writePaths(d.out, "table", onward); err != nil {
		return nil, err
	}
	loopholes := 0
	for _, ev := range append(append([]paths.Evidence(nil), evs...), onward...) {
		loopholes += countMarks(ev, paths.Loophole)
	}
	fmt.Fprintf(d.out, "%d loophole hops: legal where the goods left (China does not class phones as luxury goods), though the end user is sanctioned\n", loopholes)
	return map[string]any{"to_sanctioned": pathsOutput{Paths: evs}, "to_listed_end_user": pathsOutput{Paths: onward}}, nil
}

// demoFind finds the paths cfg asks for on snap, noting why when there is
// none.
func demoFind(d *demo, snap *snapshot.Snapshot, cfg pathsConfig, note func(string, ...any)) ([]paths.Evidence, error) {
	found, err := paths.Run(d.ctx, snap, cfg.query())
	if err != nil {
		return nil, err
	}
	cfg.note(len(found.Sources), len(found.Targets), len(found.Paths), note)
	return found.Paths, nil
}

// demoScreen screens the case's supplier list as a compliance team would.
func demoScreen(d *demo) (any, error) {
	exp, err := d.expected()
	if err != nil {
		return nil, err
	}
	sc, err := buildScreener(d.ctx, d.store, screening{rule: sanctions.OFAC})
	if err != nil {
		return nil, err
	}
	var results []screen.Result
	sw := newScreenWriter(d.out, "table")
	agree := 0
	for _, name := range exp.suppliers() {
		r, err := sc.Screen(d.ctx, screen.Query{Name: name})
		if err != nil {
			return nil, err
		}
		if r.Verdict.String() == exp.Verdicts[name] {
			agree++
		}
		results = append(results, r)
		if err := sw.write(r); err != nil {
			return nil, err
		}
	}
	if err := sw.flush(); err != nil {
		return nil, err
	}
	fmt.Fprintf(d.out, "%d of %d verdicts as the case's README derives them by hand\n", agree, len(results))
	return results, nil
}

// demoBrokers prints the entities that most often sit between others
// (betweenness, links undirected).
func demoBrokers(d *demo) (any, error) {
	p, err := d.projection()
	if err != nil {
		return nil, err
	}
	res, err := centrality.Run(p, centrality.Config{Algo: "betweenness"})
	if err != nil {
		return nil, err
	}
	rows := centralityRows(p, res, 8)
	t := &table{header: []string{"rank", "id", "name", "kind", "betweenness"}}
	for _, r := range rows {
		t.add(r.Rank, r.ID, r.Name, string(r.Kind), fmt.Sprintf("%.4f", r.Score))
	}
	return rows, t.writeText(d.out)
}

// demoCommunities prints the Louvain communities of the case.
func demoCommunities(d *demo) (any, error) {
	p, err := d.projection()
	if err != nil {
		return nil, err
	}
	res, err := community.Run(p, community.Config{Algo: "louvain", Seed: 1})
	if err != nil {
		return nil, err
	}
	sums := community.Summarize(p, res.Labels, res.Count, community.SummaryOptions{Top: 3})
	fmt.Fprintf(d.out, "louvain: %d communities, modularity %.4f\n", res.Count, res.Modularity)
	t := &table{header: []string{"id", "size", "listed", "countries", "central members"}}
	for _, s := range sums {
		if s.Size < 2 {
			continue
		}
		var central []string
		for _, m := range s.Central {
			central = append(central, m.Name)
		}
		t.add(s.ID, s.Size, len(s.Listed), topCountries(s.Countries, 3), strings.Join(central, "; "))
	}
	return communitiesOutput{Algorithm: res.Algorithm, Modularity: res.Modularity, Count: res.Count, Communities: sums}, t.writeText(d.out)
}
