package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/exposure"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("exposure", exposureCommand) }

func exposureCommand() *cli.Command {
	return &cli.Command{
		Name:      "exposure",
		Usage:     "sanctions-exposure score of every entity, with the paths that make it",
		ArgsUsage: " ",
		Description: `Scores each entity by personalised PageRank: a walk over the links, taken
either way, that follows a link with probability --damping (in proportion to
the link's class weight: trade, control and SAME_AS 1, weak links 0.25, a
shared address 0.1, device and product links 0) and otherwise starts again
at a listed party or a party blocked by ownership (--rule). The score is the
share of the walk's time spent at the entity; the scores sum to 1, so two
stores' scores compare by rank, not by value. Each entity is explained by
the paths from a sanctioned party that bring it the most, with their share
of its score. Listed and blocked parties are left out of the ranking unless
--include-sanctioned.

Examples:
   shellnet exposure                                  # the 20 most exposed entities
   shellnet exposure --top 50 --kind Company --format csv
   shellnet exposure --rule eu --as-of 2016-06-01 --format json
   shellnet exposure --top 0 --write                  # store exposure.score on every entity`,
		Flags: withCommon(
			&cli.IntFlag{Name: "top", Usage: "print the `N` most exposed entities (0: all)", Value: 20},
			&cli.StringSliceFlag{Name: "kind", Usage: "print only entities of `KIND` (repeat for several)"},
			&cli.BoolFlag{Name: "include-sanctioned", Usage: "rank the listed and blocked parties too"},
			ruleFlag(),
			&cli.Float64Flag{Name: "damping", Usage: "probability `D` of following a link rather than starting again", Value: 0.85},
			&cli.IntFlag{Name: "paths", Usage: "explain each score by its `K` heaviest paths", Value: 3},
			&cli.IntFlag{Name: "max-hops", Usage: "explaining paths have at most `H` links", Value: 4},
			asOfFlag,
			&cli.BoolFlag{Name: "write", Usage: "store each entity's score as property exposure.score"},
		),
		Action: runExposure,
	}
}

// exposureRow is one line of shellnet exposure's JSON.
type exposureRow struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Kind   graph.Kind     `json:"kind"`
	Score  float64        `json:"score"`
	Rank   int            `json:"rank"`
	Status string         `json:"status,omitempty"` // listed or blocked
	Paths  []exposurePath `json:"paths"`
}

// exposurePath is one explaining path, from the sanctioned party to the
// entity.
type exposurePath struct {
	Nodes []string         `json:"nodes"`
	Types []graph.LinkType `json:"types"`
	Share float64          `json:"share"`
}

func runExposure(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	rule, err := sanctions.ParseRule(c.String("rule"))
	if err != nil {
		return usageError("--rule: %v", err)
	}
	d := c.Float64("damping")
	if !(d > 0 && d < 1) {
		return usageError("--damping %v: want a probability strictly between 0 and 1", d)
	}
	top, k, hops := c.Int("top"), c.Int("paths"), c.Int("max-hops")
	if top < 0 || k < 0 || hops < 1 {
		return usageError("--top %d, --paths %d, --max-hops %d: want --top and --paths of 0 or more and --max-hops of 1 or more", top, k, hops)
	}
	var kinds []graph.Kind
	for _, s := range c.StringSlice("kind") {
		if !graph.Kind(s).Valid() {
			return usageError("--kind %q: want one of %v", s, graph.Kinds)
		}
		kinds = append(kinds, graph.Kind(s))
	}
	asOf, err := parseAsOf(c)
	if err != nil {
		return err
	}
	sel := exposureSelection{top: top, kinds: kinds, sanctioned: c.Bool("include-sanctioned"), paths: k, hops: hops}
	return withSnapshot(c, snapshot.Options{AsOf: asOf, Rule: rule}, func(s graph.Store, snap *snapshot.Snapshot) error {
		return runExposureOn(c, s, snap, d, sel, format)
	})
}

// runExposureOn scores every entity of snap by its exposure to the
// sanctioned parties, writes the scores back to s with --write, and prints
// those sel asks for.
func runExposureOn(c *cli.Context, s graph.Store, snap *snapshot.Snapshot, damping float64, sel exposureSelection, format string) error {
	p, status := snap.Projection(), snap.Sanctions()
	var seeds []int32
	for i := range p.Nodes {
		if status.Sanctioned(int32(i)) {
			seeds = append(seeds, int32(i))
		}
	}
	if len(seeds) == 0 {
		info(c, "no listed or blocked party in the store: no exposure to score")
		return writeExposure(c.App.Writer, format, []exposureRow{})
	}
	res, err := exposure.Compute(p, seeds, exposure.Options{Damping: damping})
	if err != nil {
		return err
	}
	if c.Bool("write") {
		err := setProps(c, s, p.Len(), func(i int) graph.PropUpdate {
			return graph.PropUpdate{ID: p.Nodes[i].ID, Props: map[string]any{"exposure.score": res.Scores[i]}}
		})
		if err != nil {
			return fmt.Errorf("exposure --write: %w", err)
		}
		info(c, "wrote exposure.score on %d entities", p.Len())
	}
	rows := exposureRows(p, res, status, sel)
	return writeExposure(c.App.Writer, format, rows)
}

// exposureSelection says which entities to print and how to explain them.
type exposureSelection struct {
	top        int
	kinds      []graph.Kind
	sanctioned bool
	paths      int
	hops       int
}

func exposureRows(p *graph.Projection, res *exposure.Result, status *sanctions.Result, sel exposureSelection) []exposureRow {
	var order []int32
	for i := range p.Nodes {
		v := int32(i)
		if (!sel.sanctioned && status.Sanctioned(v)) || (len(sel.kinds) > 0 && !slices.Contains(sel.kinds, p.Nodes[i].Kind)) || res.Scores[i] <= 0 {
			continue
		}
		order = append(order, v)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(res.Scores[b], res.Scores[a]), cmp.Compare(a, b))
	})
	if sel.top > 0 && len(order) > sel.top {
		order = order[:sel.top]
	}
	rows := make([]exposureRow, 0, len(order))
	for r, v := range order {
		n := &p.Nodes[v]
		row := exposureRow{ID: n.ID, Name: n.Name, Kind: n.Kind, Score: res.Scores[v], Rank: r + 1, Paths: []exposurePath{}}
		if st := status.Status(v); st != sanctions.None {
			row.Status = st.String()
		}
		for _, ct := range res.Explain(v, sel.paths, sel.hops, 0) {
			ep := exposurePath{Types: ct.Types, Share: ct.Share}
			if ep.Types == nil {
				ep.Types = []graph.LinkType{}
			}
			for _, x := range ct.Nodes {
				ep.Nodes = append(ep.Nodes, p.Nodes[x].ID)
			}
			row.Paths = append(row.Paths, ep)
		}
		rows = append(rows, row)
	}
	return rows
}

func writeExposure(w io.Writer, format string, rows []exposureRow) error {
	if format == "json" {
		return writeJSON(w, rows)
	}
	t := &table{header: []string{"rank", "id", "name", "kind", "score", "status", "top path", "share"}}
	for _, r := range rows {
		path, share := "", ""
		if len(r.Paths) > 0 {
			path = explainRoute(r.Paths[0])
			share = fmt.Sprintf("%.2g%%", 100*r.Paths[0].Share)
		}
		t.add(r.Rank, r.ID, r.Name, string(r.Kind), r.Score, r.Status, path, share)
	}
	return t.write(w, format)
}

// explainRoute writes an explaining path as rgb -REPRESENTS- glocom.
func explainRoute(ep exposurePath) string {
	var b strings.Builder
	for i, id := range ep.Nodes {
		if i > 0 {
			b.WriteString(" -" + string(ep.Types[i-1]) + "- ")
		}
		b.WriteString(id)
	}
	return b.String()
}
