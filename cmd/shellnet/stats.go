package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/graph"
)

func init() { register("stats", statsCommand) }

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:      "stats",
		Usage:     "count the store's entities by kind and dataset, and its links by type",
		ArgsUsage: " ",
		Description: `An entity counts once under each dataset among its sources. Links that wait
for an entity not loaded yet (pending) are counted by type apart from the
links; the releases of each dataset are listed with the SHA-256 of their
files, the date the source states and when they were loaded.

Examples:
   shellnet stats
   shellnet stats --store case.db --format json
   shellnet stats --format csv > counts.csv`,
		Flags:  withCommon(),
		Action: runStats,
	}
}

func runStats(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	if c.Args().Len() > 0 {
		return usageError("stats takes no arguments (got %q)", c.Args().First())
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(c.Context, s, &err)
	st, err := s.Stats(c.Context)
	if err != nil {
		return err
	}
	return printStats(c.App.Writer, format, st)
}

func printStats(w io.Writer, format string, st graph.Stats) error {
	for _, m := range []*map[string]int64{&st.ByKind, &st.ByType, &st.Datasets, &st.Pending} {
		if *m == nil {
			*m = map[string]int64{}
		}
	}
	if format == "json" {
		return writeJSON(w, st)
	}
	t := table{header: []string{"count", "of", "n"}}
	t.add("entities", "", st.Entities)
	t.add("links", "", st.Links)
	for _, sec := range []struct {
		name string
		m    map[string]int64
	}{{"kind", st.ByKind}, {"type", st.ByType}, {"dataset", st.Datasets}, {"pending", st.Pending}} {
		keys := make([]string, 0, len(sec.m))
		for k := range sec.m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			t.add(sec.name, k, sec.m[k])
		}
	}
	if err := t.write(w, format); err != nil {
		return err
	}
	if len(st.Releases) == 0 || format == "csv" {
		return nil
	}
	r := table{header: []string{"dataset", "stated", "loaded", "entities", "withdrawn", "replace", "sha256"}}
	for _, rel := range st.Releases {
		stated := rel.Stated
		if stated == "" {
			stated = "(none)"
		}
		var sums []string
		for _, f := range rel.Files {
			sums = append(sums, f.SHA256[:min(12, len(f.SHA256))])
		}
		r.add(rel.Dataset, stated, rel.Loaded.UTC().Format("2006-01-02 15:04:05Z"), rel.Entities, rel.Withdrawn, rel.Replace, strings.Join(sums, " "))
	}
	fmt.Fprintln(w)
	return r.write(w, format)
}
