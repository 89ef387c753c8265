package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/export"
)

func init() { register("export", exportCommand) }

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write the graph, or part of it, for Gephi, yEd, FtM tools or another shellnet",
		ArgsUsage: " ",
		Description: `The format follows the extension of --out:
   .graphml     GraphML (yEd, Gephi, NetworkX)
   .gexf        GEXF 1.3 (Gephi)
   .ftm.json    FollowTheMoney JSON lines (Aleph, OpenSanctions tools; also .ftm.jsonl)
   .csv         shellnet's generic CSV pair: FILE.csv holds the entities and
                FILE.links.csv the links (shellnet ingest reads both back)

Examples:
   shellnet export --out case.graphml
   shellnet export --focus "name:Glocom" --hops 2 --out glocom.gexf
   shellnet export --out backup.ftm.json && shellnet ingest --store copy.db backup.ftm.json`,
		Flags: withCommon(append(focusFlags(2),
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `FILE` (.graphml, .gexf, .ftm.json, .csv)", Required: true},
			asOfFlag,
		)...),
		Action: runExport,
	}
}

func runExport(c *cli.Context) (err error) {
	out := c.String("out")
	kind := exportKind(out)
	if kind == "" {
		return usageError("--out %s: unknown format (use .graphml, .gexf, .ftm.json or .csv)", out)
	}
	asOf, err := parseAsOf(c)
	if err != nil {
		return err
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(c.Context, s, &err)
	sg, err := subgraphFor(c, s, graph.Filter{AsOf: asOf})
	if err != nil {
		return err
	}
	write := func(path string, fn func(io.Writer) error) error {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			f.Close()
			return fmt.Errorf("export %s: %w", path, err)
		}
		return f.Close()
	}
	switch kind {
	case "graphml":
		err = write(out, func(w io.Writer) error { return export.GraphML(w, sg) })
	case "gexf":
		err = write(out, func(w io.Writer) error { return export.GEXF(w, sg) })
	case "ftm":
		var counts export.FtMCounts
		err = write(out, func(w io.Writer) error {
			var err error
			counts, err = export.FtM(w, sg)
			return err
		})
		if err == nil && counts.SkippedEntities+counts.SkippedLinks > 0 {
			info(c, "FtM has no schema for %d devices, products or networks and %d of their links; they were left out (use .graphml or .csv to keep them)", counts.SkippedEntities, counts.SkippedLinks)
		}
	case "csv":
		linksPath := strings.TrimSuffix(out, filepath.Ext(out)) + ".links.csv"
		var ents, links *os.File
		if ents, err = os.Create(out); err != nil {
			return err
		}
		defer ents.Close()
		if links, err = os.Create(linksPath); err != nil {
			return err
		}
		defer links.Close()
		if err = export.CSV(ents, links, sg); err != nil {
			return err
		}
		info(c, "wrote %s (entities) and %s (links)", out, linksPath)
	}
	if err != nil {
		return err
	}
	info(c, "exported %d entities and %d links to %s", len(sg.Entities), len(sg.Links), out)
	return nil
}

func exportKind(path string) string {
	p := strings.ToLower(path)
	switch {
	case strings.HasSuffix(p, ".graphml"):
		return "graphml"
	case strings.HasSuffix(p, ".gexf"):
		return "gexf"
	case strings.HasSuffix(p, ".ftm.json"), strings.HasSuffix(p, ".ftm.jsonl"), strings.HasSuffix(p, ".ftm"):
		return "ftm"
	case strings.HasSuffix(p, ".csv"):
		return "csv"
	}
	return ""
}
