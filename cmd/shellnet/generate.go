package main

import (
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/fixtures/synth"
)

func init() { register("generate", generateCommand) }

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:      "generate",
		Usage:     "write a synthetic shell-company network with planted procurement chains, for tests and benchmarks",
		ArgsUsage: " ",
		Description: `Writes into --out:
   entities.csv, links.csv   the network in shellnet's generic CSV (shellnet ingest reads them)
   chains.json               ground truth: the planted chains, vendor → reseller → fronts → listed end user
   probes.json               ground truth: supplier names as supplier lists write them, with their
                             true screening verdict (--max-hops 3, OFAC 50 Percent Rule)
   edges.txt, nodes.tsv      "u v" per link and "i<TAB>id" per entity, for NetworkX and igraph

The same --seed gives byte-identical files. Degrees are heavy-tailed (a few
addresses and agents with thousands of links); every entity has a link and no
two links join the same pair.

Examples:
   shellnet generate --entities 100000 --out /tmp/net
   shellnet ingest --store /tmp/net.db /tmp/net/entities.csv /tmp/net/links.csv
   shellnet generate --entities 1000000 --links-per-entity 5 --chains 1000 --seed 7 --out bench/1m`,
		Flags: withCommon(
			&cli.IntFlag{Name: "entities", Aliases: []string{"n"}, Usage: "how many entities, `N`: companies, persons, bank accounts, addresses", Value: 100_000},
			&cli.Float64Flag{Name: "links-per-entity", Aliases: []string{"k"}, Usage: "links per entity, `L`: there will be N × L links", Value: 5},
			&cli.IntFlag{Name: "chains", Usage: "how many procurement chains to plant, `C`", Value: 100},
			&cli.Int64Flag{Name: "seed", Usage: "random `SEED`; the same seed gives the same files", Value: 1},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `DIR` (created)", Required: true},
		),
		Action: runGenerate,
	}
}

// generated is what generate prints.
type generated struct {
	Entities int         `json:"entities"`
	Links    int         `json:"links"`
	Chains   int         `json:"chains"`
	Probes   int         `json:"probes"`
	Seed     int64       `json:"seed"`
	Files    synth.Files `json:"files"`
}

func runGenerate(c *cli.Context) error {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	if c.Args().Len() > 0 {
		return usageError("generate takes no arguments (got %q); give the folder with --out", c.Args().First())
	}
	cfg := synth.Config{
		Entities:       c.Int("entities"),
		LinksPerEntity: c.Float64("links-per-entity"),
		Chains:         c.Int("chains"),
		Seed:           c.Int64("seed"),
		Lean:           true,
	}
	if err := cfg.Validate(); err != nil {
		return withCode(exitUsage, err)
	}
	start := time.Now()
	net := synth.Generate(cfg)
	files, err := net.WriteFiles(c.String("out"))
	if err != nil {
		return err
	}
	info(c, "generated %d entities and %d links in %s", net.Len(), net.LinkCount(), time.Since(start).Round(time.Millisecond))
	return printGenerated(c.App.Writer, format, generated{
		Entities: net.Len(), Links: net.LinkCount(), Chains: len(net.Chains), Probes: len(net.Probes),
		Seed: cfg.Seed, Files: files,
	})
}

func printGenerated(w io.Writer, format string, g generated) error {
	if format == "json" {
		return writeJSON(w, g)
	}
	t := table{header: []string{"what", "count", "file"}}
	t.add("entities", g.Entities, g.Files.Entities)
	t.add("links", g.Links, g.Files.Links)
	t.add("chains", g.Chains, g.Files.Chains)
	t.add("probes", g.Probes, g.Files.Probes)
	t.add("edge list", g.Links, g.Files.Edges)
	t.add("node ids", g.Entities, g.Files.Nodes)
	if err := t.write(w, format); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	return nil
}
