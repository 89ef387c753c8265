package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/community"
	"github.com/shellnet/shellnet/analysis/report"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

func init() { register("report", reportCommand) }

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "write a self-contained HTML report with its diagrams",
		ArgsUsage: " ",
		Description: `Writes DIR/index.html: a summary of the store, the procurement paths with
their diagram and every hop marked against export rules (as shellnet paths,
whose flags it takes), the listed and blocked parties with the shares that
block them, the top brokers by betweenness and PageRank, the communities
(the largest drawn), the red flags with the links behind them and, with
--screen, the screening of a supplier list (as shellnet screen --input)
with a diagram of the evidence of every name that is not clear. Diagrams are
inline SVG, each also saved in DIR/diagrams. The page needs no network and
runs no script; the same store and flags give the same bytes.

With --cases, a CSV (name,focus,hops) or JSON list ({"name","focus","hops"})
of cases, it writes one report per case in DIR/NN-NAME/ (the case's
neighbourhood drawn, and the paths, flags and screening results that touch
it), the whole store's in DIR/store/, and an index page linking them all in
DIR/index.html.

Examples:
   shellnet report --out report
   shellnet report --out nightly --screen suppliers.csv --top 20
   shellnet report --out cases --cases cases.csv
   shellnet report --out report --as-of 2016-06-01 --policy us,cn --rule eu

A cases file:
   name,focus,hops
   Glocom,id:glocom,2
   Pan Systems,name:Pan Systems,1`,
		Flags: withCommon(append(pathQueryFlags(),
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write the report into `DIR`", Required: true},
			&cli.StringFlag{Name: "screen", Usage: "screen the supplier list `FILE` (CSV with a name column)"},
			&cli.StringFlag{Name: "cases", Usage: "one report per case listed in `FILE` (CSV or JSON), with an index page"},
			&cli.StringFlag{Name: "title", Usage: "report `TITLE`", Value: "shellnet report"},
			&cli.IntFlag{Name: "top", Usage: "list the `N` top brokers", Value: report.DefaultTop},
			&cli.StringFlag{Name: "algo", Usage: "community algorithm `ALGO`: " + strings.Join(community.Algorithms, ", "), Value: "louvain"},
			&cli.Float64Flag{Name: "resolution", Usage: "Louvain resolution `R`", Value: 1},
			&cli.Uint64Flag{Name: "seed", Usage: "random `SEED` for louvain and labelprop", Value: 1},
			&cli.StringFlag{Name: "layout", Usage: "`LAYOUT` of the diagrams: auto, dot, neato or sfdp", Value: "auto"},
			&cli.IntFlag{Name: "max-neighbours", Usage: "collapse the neighbours of a node beyond `N` into one group (0: no limit)", Value: render.DefaultMaxNeighbours},
		)...),
		Action: runReport,
	}
}

// reportPage is a page the report command wrote.
type reportPage struct {
	Title    string `json:"title"`
	Path     string `json:"path"`
	Diagrams int    `json:"diagrams"`
}

// reportOutput is what shellnet report prints with --format json.
type reportOutput struct {
	Index string       `json:"index"`
	Pages []reportPage `json:"pages"`
}

func runReport(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	if c.Args().Len() > 0 {
		return usageError("report takes no arguments (got %q)", c.Args().First())
	}
	opt, pc, err := readReportOptions(c)
	if err != nil {
		return err
	}
	var cases []report.Case
	if f := c.String("cases"); f != "" {
		if cases, err = readFile("cases", f, report.ReadCases); err != nil {
			return err
		}
	}
	return withSnapshot(c, report.SnapshotOptions(pc.asOf, pc.rule), func(s graph.Store, snap *snapshot.Snapshot) error {
		out, err := writeReports(c.Context, s, snap, c.String("out"), opt, cases)
		if err != nil {
			return err
		}
		return printReportPages(c.App.Writer, format, out)
	})
}

// readReportOptions reads the report's flags, and the flags of its path
// search (with the day and the rule of its snapshot).
func readReportOptions(c *cli.Context) (report.Options, pathsConfig, error) {
	cfg, err := readPathsConfig(c)
	if err != nil {
		return report.Options{}, cfg, err
	}
	opt := report.Options{
		Title:         c.String("title"),
		Subtitle:      "store " + graph.Redact(graph.ResolveURI(c.String("store"))),
		Top:           c.Int("top"),
		Paths:         cfg.report(),
		Community:     community.Config{Algo: strings.ToLower(c.String("algo")), Resolution: c.Float64("resolution"), Seed: c.Uint64("seed")},
		Layout:        strings.ToLower(c.String("layout")),
		MaxNeighbours: c.Int("max-neighbours"),
	}
	if opt.Top < 1 {
		return opt, cfg, usageError("--top %d: want 1 or more", opt.Top)
	}
	if !slices.Contains(community.Algorithms, opt.Community.Algo) {
		return opt, cfg, usageError("--algo %q: want one of %s", c.String("algo"), strings.Join(community.Algorithms, ", "))
	}
	if !(opt.Community.Resolution > 0) {
		return opt, cfg, usageError("--resolution %g: want a positive number", opt.Community.Resolution)
	}
	if !slices.Contains([]string{"auto", "dot", "neato", "sfdp"}, opt.Layout) {
		return opt, cfg, usageError("--layout %q: want auto, dot, neato or sfdp", c.String("layout"))
	}
	switch {
	case opt.MaxNeighbours < 0:
		return opt, cfg, usageError("--max-neighbours %d: want 0 (no limit) or more", opt.MaxNeighbours)
	case opt.MaxNeighbours == 0:
		opt.MaxNeighbours = -1
	}
	if f := c.String("screen"); f != "" {
		if opt.Screen, err = readFile("screen", f, screen.ReadQueries); err != nil {
			return opt, cfg, err
		}
		opt.ScreenFile = filepath.Base(f)
	}
	return opt, cfg, nil
}

// readFile opens the file a flag names and parses it with read, which
// names the file in its errors; a file that cannot be read is bad usage.
func readFile[T any](flag, path string, read func(io.Reader, string) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, withCode(exitUsage, fmt.Errorf("--%s: %w", flag, err))
	}
	defer f.Close()
	v, err := read(f, path)
	if err != nil {
		return zero, withCode(exitUsage, fmt.Errorf("--%s: %w", flag, err))
	}
	return v, nil
}

// writeReports writes the report of snap, a snapshot of s, into dir or,
// with cases, one report per case, the store's, and the index linking
// them. The names opt screens are screened against a snapshot of s of their
// own, on the same day under the same rule.
func writeReports(ctx context.Context, s graph.Store, snap *snapshot.Snapshot, dir string, opt report.Options, cases []report.Case) (reportOutput, error) {
	var out reportOutput
	if len(opt.Screen) > 0 {
		var err error
		if opt.Screening, err = snapshot.Build(ctx, s, screen.SnapshotOptions(snap.AsOf(), snap.Rule())); err != nil {
			return out, err
		}
	}
	a, err := report.Analyse(ctx, snap, opt)
	if err != nil {
		return out, err
	}
	page := func(sub string, r report.Report) error {
		path, err := report.Write(filepath.Join(dir, sub), "", r)
		if err != nil {
			return err
		}
		n := 0
		for _, s := range r.Sections {
			n += len(s.Diagrams)
		}
		out.Pages = append(out.Pages, reportPage{Title: r.Title, Path: path, Diagrams: n})
		return nil
	}
	whole, err := a.Report(ctx)
	if err != nil {
		return out, err
	}
	if len(cases) == 0 {
		if err := page("", whole); err != nil {
			return out, err
		}
		out.Index = out.Pages[0].Path
		return out, nil
	}
	if err := page("store", whole); err != nil {
		return out, err
	}
	var entries []report.IndexEntry
	for i, slug := range report.Slugs(cases) {
		r, err := a.CaseReport(ctx, cases[i])
		if err != nil {
			return out, err
		}
		if err := page(slug, r); err != nil {
			return out, err
		}
		entries = append(entries, report.CaseEntry(cases[i], slug+"/index.html", r))
	}
	store := report.IndexEntry{Name: "The whole store", Href: "store/index.html", Summary: whole.Summary}
	if err := page("", report.Index(opt.Title, store, entries)); err != nil {
		return out, err
	}
	out.Index = out.Pages[len(out.Pages)-1].Path
	return out, nil
}

func printReportPages(w io.Writer, format string, out reportOutput) error {
	if format == "json" {
		return writeJSON(w, out)
	}
	t := &table{header: []string{"page", "diagrams", "title"}}
	for _, p := range out.Pages {
		t.add(p.Path, p.Diagrams, p.Title)
	}
	if err := t.write(w, format); err != nil {
		return err
	}
	if format == "table" {
		fmt.Fprintf(w, "open %s in a browser (no network needed)\n", out.Index)
	}
	return nil
}
