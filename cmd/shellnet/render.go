package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/community"
	"github.com/shellnet/shellnet/analysis/report"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

func init() { register("render", renderCommand) }

// maxWholeStore is the largest store drawn whole; beyond, a part must be
// chosen.
const maxWholeStore = 3000

func renderCommand() *cli.Command {
	return &cli.Command{
		Name:      "render",
		Usage:     "draw part of the network as SVG, PNG or DOT",
		ArgsUsage: " ",
		Description: `Draws what --focus, --paths and --community select (all of them together when
several are given; the whole store when none is, if it is small): listed
parties as red boxes with cut corners, parties blocked by ownership (--rule)
in pink with dashed borders, fronts orange, vendors blue, resellers light
blue, bank accounts, persons and addresses each in a shape of their own, with
a key under the title. Goods flow from left to right; procurement paths are
drawn bold, and their hops in red when the seller's export rules restrict
the goods (--policy) or in amber when the goods left legally through a
loophole although the end user is sanctioned. A node with more neighbours
than --max-neighbours is drawn with the relevant ones and one counted group
for the rest. The format follows the extension of --out (.svg, .png or .dot,
written as it is for Graphviz). dot lays out diagrams of up to 150 entities;
larger ones go to sfdp so that no diagram takes long.

--paths takes the flags of shellnet paths (--from, --to, --k, --max-hops,
--weak, --as-of, --policy, --rule). --focus reads the neighbourhood on the
server when the store can (Neo4j).

Examples:
   shellnet render --paths --out paths.svg
   shellnet render --focus id:glocom --hops 2 --out glocom.png
   shellnet render --paths --to id:rgb --k 10 --policy us,cn --out rgb.svg
   shellnet render --community 0 --out community.svg
   shellnet render --focus "name:Pan Systems" --layout neato --max-neighbours 10 --out pan.dot`,
		Flags: withCommon(append(append(focusFlags(2), pathQueryFlags()...),
			&cli.BoolFlag{Name: "paths", Usage: "draw the procurement paths (see shellnet paths)"},
			&cli.IntFlag{Name: "community", Usage: "draw community `ID` (as shellnet communities numbers them), bordered in its colour", Value: -1},
			&cli.StringFlag{Name: "algo", Usage: "community algorithm `ALGO`: " + strings.Join(community.Algorithms, ", "), Value: "louvain"},
			&cli.Float64Flag{Name: "resolution", Usage: "Louvain resolution `R`", Value: 1},
			&cli.Uint64Flag{Name: "seed", Usage: "random `SEED` for louvain and labelprop", Value: 1},
			&cli.StringFlag{Name: "layout", Usage: "`LAYOUT`: auto, dot, neato or sfdp", Value: "auto"},
			&cli.IntFlag{Name: "max-neighbours", Usage: "collapse the neighbours of a node beyond `N` into one group (0: no limit)", Value: render.DefaultMaxNeighbours},
			&cli.StringFlag{Name: "title", Usage: "diagram `TITLE`"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `FILE` (.svg, .png or .dot)", Required: true},
		)...),
		Action: runRender,
	}
}

// pathQueryFlags are shellnet paths' own flags (all but the common ones),
// so that commands that draw or report paths take exactly the same.
func pathQueryFlags() []cli.Flag {
	common := map[string]bool{}
	for _, f := range commonFlags() {
		common[f.Names()[0]] = true
	}
	var out []cli.Flag
	for _, f := range pathsCommand().Flags {
		if !common[f.Names()[0]] {
			out = append(out, f)
		}
	}
	return out
}

func runRender(c *cli.Context) (err error) {
	if c.Args().Len() > 0 {
		return usageError("render takes no arguments (got %q); select what to draw with --focus, --paths or --community", c.Args().First())
	}
	out := c.String("out")
	if _, err := render.FormatOf(out); err != nil {
		return usageError("--out %s: unknown diagram format (use .svg, .png or .dot)", out)
	}
	layout := strings.ToLower(c.String("layout"))
	if !slices.Contains([]string{"auto", "dot", "neato", "sfdp"}, layout) {
		return usageError("--layout %q: want auto, dot, neato or sfdp", c.String("layout"))
	}
	maxNb := c.Int("max-neighbours")
	if maxNb < 0 {
		return usageError("--max-neighbours %d: want 0 (no limit) or more", maxNb)
	}
	if maxNb == 0 {
		maxNb = -1
	}
	cfg, err := readPathsConfig(c)
	if err != nil {
		return err
	}
	comm := community.Config{Algo: strings.ToLower(c.String("algo")), Resolution: c.Float64("resolution"), Seed: c.Uint64("seed")}
	if c.IsSet("community") && !slices.Contains(community.Algorithms, comm.Algo) {
		return usageError("--algo %q: want one of %s", c.String("algo"), strings.Join(community.Algorithms, ", "))
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(c.Context, s, &err)

	d := drawing{opt: render.Options{Title: c.String("title"), MaxNeighbours: maxNb, Blocked: map[string]bool{}, Marks: map[string]string{}}}
	ctx := c.Context
	asOf := cfg.project.AsOf
	whole := c.String("focus") == "" && !c.Bool("paths") && !c.IsSet("community")
	if c.String("focus") != "" || whole {
		if whole {
			st, err := s.Stats(ctx)
			if err != nil {
				return err
			}
			if st.Entities > maxWholeStore {
				return usageError("the store holds %d entities, too many to draw at once: choose a part with --focus, --paths or --community", st.Entities)
			}
		}
		sg, err := subgraphFor(c, s, graph.Filter{AsOf: asOf})
		if err != nil {
			return err
		}
		d.add(sg)
		for _, e := range sg.Entities {
			if c.String("focus") != "" && focusMatches(c.String("focus"), &e) {
				d.opt.Focus = append(d.opt.Focus, e.ID)
			}
		}
		if err := d.markBlocked(ctx, s, cfg.rule, asOf); err != nil {
			return err
		}
		switch {
		case whole:
			d.title("The network")
		case len(d.opt.Focus) > 0 && len(d.opt.Focus) <= 3:
			var names []string
			for _, e := range sg.Entities {
				if slices.Contains(d.opt.Focus, e.ID) {
					names = append(names, cmp.Or(e.Name, e.ID))
				}
			}
			d.title(fmt.Sprintf("%s: %d links out", strings.Join(names, ", "), c.Int("hops")))
		default:
			d.title(fmt.Sprintf("%s: %d links out", c.String("focus"), c.Int("hops")))
		}
	}
	if c.Bool("paths") {
		evs, err := procurementPaths(ctx, s, cfg, func(f string, a ...any) { info(c, f, a...) })
		if err != nil {
			return err
		}
		sg, opt, err := report.PathsSubgraph(ctx, s, evs)
		if err != nil {
			return err
		}
		d.add(sg)
		d.opt.Paths = append(d.opt.Paths, opt.Paths...)
		for k, v := range opt.Marks {
			d.opt.Marks[k] = v
		}
		for k := range opt.Blocked {
			d.opt.Blocked[k] = true
		}
		d.title(fmt.Sprintf("Procurement paths from %s to %s", cfg.from.text, cfg.to.text))
	}
	if c.IsSet("community") {
		if err := d.addCommunity(ctx, s, comm, c.Int("community"), cfg); err != nil {
			return err
		}
	}
	if d.opt.Title == "" {
		d.opt.Title = strings.Join(d.titles, "; ")
	}
	dot := render.DOT(d.sg, d.opt)
	n, m := len(d.sg.Entities), len(d.sg.Links)
	layout, why := render.ChooseLayout(layout, n, m)
	if why != "" {
		info(c, "%s", why)
	}
	if err := render.WriteFile(ctx, out, dot, layout); err != nil {
		return err
	}
	if n == 0 {
		info(c, "nothing to draw: the selection is empty; wrote an empty diagram to %s", out)
		return nil
	}
	if strings.HasSuffix(strings.ToLower(out), ".dot") {
		info(c, "wrote %d entities and %d links to %s", n, m, out)
	} else {
		info(c, "drew %d entities and %d links to %s (%s layout)", n, m, out, layout)
	}
	return nil
}

// drawing gathers what a render draws.
type drawing struct {
	sg     graph.Subgraph
	opt    render.Options
	seen   map[string]bool
	titles []string // of each selection, for the default title
}

// add merges sg into the drawing, each entity and link once.
func (d *drawing) add(sg graph.Subgraph) {
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	for _, e := range sg.Entities {
		if !d.seen["e\x00"+e.ID] {
			d.seen["e\x00"+e.ID] = true
			d.sg.Entities = append(d.sg.Entities, e)
		}
	}
	for _, l := range sg.Links {
		if !d.seen["l\x00"+l.ID] {
			d.seen["l\x00"+l.ID] = true
			d.sg.Links = append(d.sg.Links, l)
		}
	}
}

// title names a selection, for the default title.
func (d *drawing) title(t string) { d.titles = append(d.titles, t) }

// markBlocked finds the parties blocked by ownership: the holdings of
// sanctioned parties are read from the store round by round, over a
// projection of the rule's holding links only.
func (d *drawing) markBlocked(ctx context.Context, s graph.Store, rule sanctions.Rule, asOf time.Time) error {
	p, err := graph.Project(ctx, s, graph.ProjectOptions{Types: rule.HoldingTypes(), AsOf: asOf})
	if err != nil {
		return err
	}
	res, err := sanctions.FromStore(ctx, s, p, rule, asOf)
	if err != nil {
		return err
	}
	for _, i := range res.Blocked() {
		d.opt.Blocked[p.Nodes[i].ID] = true
	}
	return nil
}

// addCommunity draws the members of community id and the links among them,
// bordered in the community's colour.
func (d *drawing) addCommunity(ctx context.Context, s graph.Store, cfg community.Config, id int, pc pathsConfig) error {
	p, err := graph.Project(ctx, s, pc.project)
	if err != nil {
		return err
	}
	res, err := community.Run(p, cfg)
	if err != nil {
		return err
	}
	if id < 0 || id >= res.Count {
		return usageError("--community %d: the %s partition has communities 0 to %d (see shellnet communities)", id, res.Algorithm, res.Count-1)
	}
	var ids []string
	for i, l := range res.Labels {
		if int(l) == id {
			ids = append(ids, p.Nodes[i].ID)
		}
	}
	in := map[string]bool{}
	var sg graph.Subgraph
	for _, x := range ids {
		in[x] = true
	}
	if err := s.Entities(ctx, graph.Filter{IDs: ids}, func(e graph.Entity) error { sg.Entities = append(sg.Entities, e); return nil }); err != nil {
		return err
	}
	err = s.Links(ctx, graph.Filter{IDs: ids, AsOf: pc.project.AsOf}, func(l graph.Link) error {
		if in[l.From] && in[l.To] {
			sg.Links = append(sg.Links, l)
		}
		return nil
	})
	if err != nil {
		return err
	}
	d.add(sg)
	if d.opt.Community == nil {
		d.opt.Community = map[string]int{}
	}
	for _, x := range ids {
		d.opt.Community[x] = id
	}
	if err := d.markBlocked(ctx, s, pc.rule, pc.project.AsOf); err != nil {
		return err
	}
	d.title(fmt.Sprintf("Community %d (%s, %d members)", id, res.Algorithm, len(ids)))
	return nil
}

// focusMatches reports whether the --focus selector picks e.
func focusMatches(focus string, e *graph.Entity) bool {
	sel, err := graph.ParseSelector(focus)
	return err == nil && sel.Match(e)
}
