package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/audit"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("rescreen", rescreenCommand) }

// screenFlags are the screen command's flags of these names, so that
// commands that screen read the same options the same way.
func screenFlags(names ...string) []cli.Flag {
	var out []cli.Flag
	for _, f := range screenCommand().Flags {
		if slices.Contains(names, f.Names()[0]) {
			out = append(out, f)
		}
	}
	return out
}

func rescreenCommand() *cli.Command {
	return &cli.Command{
		Name:  "rescreen",
		Usage: "screen a supplier list again and report only what changed since its last recorded run, with the causes",
		Description: `Screens every row of --input as shellnet screen does, records the run in the
store's audit trail (as screen --audit does), and compares it with the last
recorded run of the same list (--list, by default the file's name): a new or
lost match, a verdict up or down, a new or lost evidence path, a cleared
match raised again. Each change comes with its causes: a party listed or
delisted in a release of a dataset, a name match above or below the
threshold, a path that appeared or went.

Exit status 3 when anything got worse (a higher verdict, a new path, a
cleared match raised again), for nightly pipelines.

Examples:
   shellnet rescreen --input suppliers.csv
   shellnet rescreen --input suppliers.csv --format json --quiet > changes.jsonl`,
		Flags: append(withCommon(screenFlags("input", "max-hops", "rule", "threshold", "paths", "as-of")...),
			screenFlags("analyst", "list")...),
		Action: runRescreen,
	}
}

func runRescreen(c *cli.Context) (err error) {
	if c, err = interspersed(c); err != nil {
		return err
	}
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	opt, err := readScreenOptions(c)
	if err != nil {
		return err
	}
	path := c.String("input")
	if path == "" {
		return usageError("rescreen needs --input FILE, the supplier list (a CSV with a name column)")
	}
	who, err := analyst(c)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return withCode(exitUsage, fmt.Errorf("--input: %w", err))
	}
	qs, err := screen.ReadQueries(f, path)
	f.Close()
	if err != nil {
		return withCode(exitUsage, err)
	}
	return withTrail(c, func(s graph.Store, tr *audit.Trail) error {
		return rescreenList(c, s, tr, rescreenConfig{opt: opt, who: who, queries: qs, format: format})
	})
}

// rescreenConfig is what a rescreen reads from its flags.
type rescreenConfig struct {
	opt     screening
	who     string
	queries []screen.Query
	format  string
	since   string // the run to compare with; the list's last run when empty
}

// runScreenSince is screen --since RUN: a rescreen compared with that run.
func runScreenSince(c *cli.Context, cfg screenConfig, format string) error {
	if cfg.hasFail {
		return usageError("--since reports what changed and exits with status 3 when anything got worse; --fail-on does not apply to it")
	}
	who, err := analyst(c)
	if err != nil {
		return err
	}
	return withTrail(c, func(s graph.Store, tr *audit.Trail) error {
		return rescreenList(c, s, tr, rescreenConfig{opt: cfg.screening, who: who, queries: cfg.queries, format: format, since: c.String("since")})
	})
}

// rescreenList screens the queries as a new run of their list and prints
// what changed since the run before (or cfg.since).
func rescreenList(c *cli.Context, s graph.Store, tr *audit.Trail, cfg rescreenConfig) error {
	list := listName(c)
	var last audit.Run
	var prev []audit.Screening
	var err error
	if cfg.since != "" {
		last, prev, err = tr.RunOf(c.Context, cfg.since)
		if err == nil && last.ID == "" {
			err = withCode(exitUsage, fmt.Errorf("--since %q: no run recorded with that ID (screen --audit and rescreen print the IDs of their runs)", cfg.since))
		}
		list = last.List
	} else {
		last, prev, err = tr.LastRun(c.Context, list)
	}
	if err != nil {
		return err
	}
	opt, who, qs, format := cfg.opt, cfg.who, cfg.queries, cfg.format
	sc, err := buildScreener(c.Context, s, opt)
	if err != nil {
		return err
	}
	ss, err := auditSession(c.Context, s, sc)
	if err != nil {
		return err
	}
	run := audit.Run{ID: audit.NewRunID(time.Now()), List: list, Who: who, Via: "cli"}
	var now []audit.Screening
	if err := ss.ScreenAll(c.Context, sc, qs, run, func(r audit.Screening) error { now = append(now, r); return nil }); err != nil {
		return err
	}
	changes, err := audit.Diff(c.Context, prev, now, sc.Entity)
	if err != nil {
		return err
	}
	if last.ID == "" {
		info(c, "first recorded run of list %q: every supplier is new", list)
	} else {
		info(c, "compared with run %s of list %q", last.ID, list)
	}
	worse := 0
	for _, ch := range changes {
		if ch.Worse {
			worse++
		}
	}
	if err := writeChanges(c, format, changes); err != nil {
		return err
	}
	info(c, "%d screened as run %s: %d changed, %d for the worse", len(qs), run.ID, len(changes), worse)
	if worse > 0 {
		return withCode(exitFlagged, fmt.Errorf("%d of %d suppliers got worse since the last run of list %q", worse, len(qs), list))
	}
	return nil
}

// writeChanges prints the changes as JSON lines, or a table or CSV with
// one row a change.
func writeChanges(c *cli.Context, format string, changes []audit.Change) error {
	if format == "json" {
		for _, ch := range changes {
			if err := writeJSONLine(c.App.Writer, ch); err != nil {
				return err
			}
		}
		return nil
	}
	t := table{header: []string{"supplier", "name", "before", "after", "match", "worse", "causes"}}
	for _, ch := range changes {
		match := ch.AfterMatch
		if match == "" {
			match = ch.BeforeMatch
		}
		t.add(ch.Supplier, ch.Query.Name, ch.Before, ch.After, match, ch.Worse, strings.Join(ch.Causes, "; "))
	}
	return t.write(c.App.Writer, format)
}
