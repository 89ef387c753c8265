package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/community"
	"github.com/shellnet/shellnet/analysis/report"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

func init() { register("render", renderCommand) }

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
	sel := report.Selection{Title: c.String("title"), MaxNeighbours: maxNb, Hops: c.Int("hops"), FocusText: c.String("focus"), FromText: cfg.from.text, ToText: cfg.to.text}
	if f := c.String("focus"); f != "" {
		if sel.Focus, err = graph.ParseSelector(f); err != nil {
			return withCode(exitUsage, err)
		}
	}
	if c.Bool("paths") {
		po := cfg.report()
		sel.Paths = &po
	}
	if c.IsSet("community") {
		sel.Community, sel.CommunityID = &comm, c.Int("community")
	}
	return withSnapshot(c, cfg.snapshot(), func(_ graph.Store, snap *snapshot.Snapshot) error {
		d, err := report.Draw(c.Context, snap, sel)
		switch {
		case errors.Is(err, report.ErrSelection):
			return withCode(exitUsage, fmt.Errorf("%w (see shellnet communities; --focus, --paths and --community choose a part)", err))
		case errors.Is(err, graph.ErrNotFound):
			return fmt.Errorf("--focus %q matches no entity (try shellnet search)", c.String("focus"))
		case err != nil:
			return err
		}
		if d.Paths != nil {
			cfg.note(len(d.Paths.Sources), len(d.Paths.Targets), len(d.Paths.Paths), func(f string, a ...any) { info(c, f, a...) })
		}
		return writeDrawing(c, d, out, layout)
	})
}

// writeDrawing lays out d with layout (chosen by size when auto) and
// writes it to out, in the format its extension names.
func writeDrawing(c *cli.Context, d *report.Drawing, out, layout string) error {
	ctx := c.Context
	dot := render.DOT(d.Subgraph, d.Options)
	n, m := len(d.Subgraph.Entities), len(d.Subgraph.Links)
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
