package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/community"
	"github.com/shellnet/shellnet/analysis/report"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("communities", communitiesCommand) }

func communitiesCommand() *cli.Command {
	return &cli.Command{
		Name:      "communities",
		Usage:     "find the clusters of the network: Louvain communities, connected components or label propagation",
		ArgsUsage: " ",
		Description: `Links are read as undirected (components are weakly connected). Each
community is listed with its size, members, listed (sanctioned) members,
members blocked by ownership (--rule), countries, kinds and most central
members (by number of neighbours), largest first. Modularity is computed as NetworkX's modularity() does, with the same
--resolution. --format csv prints one line per member.

Examples:
   shellnet communities                                  # Louvain, 20 largest
   shellnet communities --algo wcc --top 0 --format json # every component
   shellnet communities --resolution 2 --seed 7          # smaller communities
   shellnet communities --as-of 2017-06-30 --write       # store community.louvain on every entity`,
		Flags: withCommon(
			&cli.StringFlag{Name: "algo", Usage: "`ALGO`: " + strings.Join(community.Algorithms, ", "), Value: "louvain"},
			&cli.Float64Flag{Name: "resolution", Usage: "Louvain resolution `R`: above 1 gives smaller communities", Value: 1},
			&cli.Uint64Flag{Name: "seed", Usage: "random `SEED` for louvain and labelprop", Value: 1},
			&cli.IntFlag{Name: "top", Usage: "print the `N` largest communities (0: all)", Value: 20},
			&cli.StringSliceFlag{Name: "kind", Usage: "analyse only entities of `KIND` (repeat for several)"},
			&cli.BoolFlag{Name: "weighted", Usage: "use the links' weight property"},
			ruleFlag(),
			asOfFlag,
			&cli.BoolFlag{Name: "write", Usage: "store each entity's community number as property community.ALGO"},
		),
		Action: runCommunities,
	}
}

// communitiesOutput is the output contract.
type communitiesOutput struct {
	Algorithm   string              `json:"algorithm"`
	Modularity  float64             `json:"modularity"`
	Count       int                 `json:"count"`
	Communities []community.Summary `json:"communities"`
}

func runCommunities(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	cfg := community.Config{
		Algo:       strings.ToLower(c.String("algo")),
		Resolution: c.Float64("resolution"),
		Seed:       c.Uint64("seed"),
		Weighted:   c.Bool("weighted"),
	}
	if !slices.Contains(community.Algorithms, cfg.Algo) {
		return usageError("--algo %q: want one of %s", c.String("algo"), strings.Join(community.Algorithms, ", "))
	}
	if !(cfg.Resolution > 0) {
		return usageError("--resolution %g: want a positive number", cfg.Resolution)
	}
	rule, err := sanctions.ParseRule(c.String("rule"))
	if err != nil {
		return withCode(exitUsage, err)
	}
	opt, err := projectOptions(c)
	if err != nil {
		return err
	}
	opt.Rule = rule
	return withSnapshot(c, opt, func(s graph.Store, snap *snapshot.Snapshot) error {
		return runCommunitiesOn(c, s, snap, cfg, format)
	})
}

// runCommunitiesOn finds the communities cfg asks for on snap, writes
// them back to s with --write, and prints their summaries.
func runCommunitiesOn(c *cli.Context, s graph.Store, snap *snapshot.Snapshot, cfg community.Config, format string) error {
	p := snap.Projection()
	res, err := community.Run(p, cfg)
	if err != nil {
		return err
	}
	if c.Bool("write") {
		key := "community." + res.Algorithm
		err := setProps(c, s, p.Len(), func(i int) graph.PropUpdate {
			return graph.PropUpdate{ID: p.Nodes[i].ID, Props: map[string]any{key: int(res.Labels[i])}}
		})
		if err != nil {
			return fmt.Errorf("communities --write: %w", err)
		}
		info(c, "wrote %s on %d entities", key, p.Len())
	}
	blocked := report.BlockedIDs(p, snap.Sanctions())
	sums := community.Summarize(p, res.Labels, res.Count, community.SummaryOptions{Limit: max(c.Int("top"), 0), Blocked: blocked})
	out := c.App.Writer
	switch format {
	case "json":
		return writeJSON(out, communitiesOutput{Algorithm: res.Algorithm, Modularity: res.Modularity, Count: res.Count, Communities: sums})
	case "csv":
		t := &table{header: []string{"community", "size", "id", "name", "kind", "countries", "listed"}}
		for _, s := range sums {
			listed := map[string]bool{}
			for _, id := range s.Listed {
				listed[id] = true
			}
			for _, id := range s.Members {
				i, _ := p.Index(id)
				n := &p.Nodes[i]
				t.add(s.ID, s.Size, n.ID, n.Name, string(n.Kind), strings.Join(n.Countries(), ";"), listed[id])
			}
		}
		return t.write(out, format)
	default:
		fmt.Fprintf(out, "%s: %d communities, modularity %.4f\n", res.Algorithm, res.Count, res.Modularity)
		t := &table{header: []string{"id", "size", "listed", "blocked", "countries", "central members"}}
		for _, s := range sums {
			var central []string
			for _, m := range s.Central {
				central = append(central, m.Name)
			}
			t.add(s.ID, s.Size, len(s.Listed), len(s.Blocked), topCountries(s.Countries, 3), strings.Join(central, "; "))
		}
		return t.write(out, format)
	}
}

// topCountries prints the n most frequent countries as "MY 3, KP 1".
func topCountries(counts map[string]int, n int) string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if counts[keys[a]] != counts[keys[b]] {
			return counts[keys[a]] > counts[keys[b]]
		}
		return keys[a] < keys[b]
	})
	var parts []string
	for _, k := range keys[:min(n, len(keys))] {
		parts = append(parts, fmt.Sprintf("%s %d", k, counts[k]))
	}
	return strings.Join(parts, ", ")
}
