package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/audit"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("screen", screenCommand) }

func screenCommand() *cli.Command {
	return &cli.Command{
		Name:      "screen",
		Usage:     "is this supplier sanctioned, linked to a sanctioned party, worth a review, or clear?",
		ArgsUsage: "[NAME...]",
		Description: `Screens each NAME, and each row of --input (a CSV file with a "name" column
and optional "id", "country" and "reference" columns, echoed in the output).

A name is matched against every party's name and aliases (case, accents,
punctuation, legal forms, word order, a letter changed or a word dropped are
forgiven). The name score runs from 0 (nothing alike) to 1 (the same name);
--threshold is the score a match needs. Its default, 0.63, was chosen on
3,118 labelled pairs of names of the UN and OFAC lists for recall: it finds
92% of the pairs that name one party with 91.6% of its matches right, where
0.9 (the default before names were compared across scripts and spellings)
finds 53% with 98% right. --threshold 0.9 still asks for a score of 0.9:
fewer alerts, more listed parties missed. The verdict is then:
  sanctioned  the match is listed, or blocked by ownership: under --rule ofac
              (OFAC's 50 Percent Rule) when listed or blocked parties hold 50%
              or more of it, under --rule eu when they hold more than 50% or
              control it (direct it, or are the principal it fronts for);
  linked      a path of at most --max-hops control, payment or trade links
              reaches a sanctioned party (listed or blocked);
  review      only a path through a weak (associate, family, employee,
              member) or shared-attribute (address) link reaches one, or the
              name is only a possible match (within 0.15 below --threshold)
              of a linked or sanctioned party;
  clear       nothing sanctioned within reach.
Every hop counts, addresses and bank accounts included. Each result gives the
match and its score, the distance, the shortest evidence paths with their
sources, the ownership shares that block, a score that ranks alerts (it grows
with evidence and does not saturate) and the reasons for all of it.

--format json writes one JSON object per name, one per line:
{"query","verdict","match":{"id","name","score",…}|null,"distance","paths":[…],
"score","reasons",…}. --format csv writes one row per name with stable
columns. --fail-on LEVEL exits with status 3 when any verdict is LEVEL or
worse (sanctioned > linked > review), for pipelines.

--audit (or SHELLNET_AUDIT=1) records every screening in the store's audit
trail, under --analyst (default $USER) and a run of the list (--list, by
default the --input file's name), and shows analysts' decisions: a match
cleared as a false positive is shown "cleared" until the facts behind it
change (shellnet decide, shellnet audit, shellnet rescreen).

Examples:
   shellnet screen "Pan Systems Pte Ltd"
   shellnet screen GLOCOM "INTERNATIONAL GOLDEN SERVICES SDN BHD" --format json
   shellnet screen --input suppliers.csv --format csv > verdicts.csv
   shellnet screen --input suppliers.csv --fail-on linked --quiet --format json
   shellnet screen "Jadebridge Import Export" --rule eu --max-hops 2 --as-of 2016-06-01`,
		Flags: append(withCommon(
			&cli.StringFlag{Name: "input", Aliases: []string{"i"}, Usage: "screen the names of a CSV `FILE` with a name column (and optional id, country, reference)"},
			&cli.IntFlag{Name: "max-hops", Usage: "reach at most `H` links from the match", Value: screen.DefaultMaxHops},
			ruleFlag(),
			&cli.StringFlag{Name: "fail-on", Usage: "exit with status 3 when a verdict is `LEVEL` or worse: sanctioned, linked or review"},
			&cli.Float64Flag{Name: "threshold", Usage: "name score `S` (0 to 1) a match needs; within 0.15 below it a name is a possible match", Value: screen.DefaultThreshold},
			&cli.IntFlag{Name: "paths", Usage: "show up to `K` shortest evidence paths a name", Value: screen.DefaultPaths},
			asOfFlag,
		), auditFlags()...),
		Action: runScreen,
	}
}

// screenConfig is what shellnet screen reads from its flags.
type screenConfig struct {
	screening
	failOn  screen.Verdict
	hasFail bool
	queries []screen.Query
}

// screening is what the screening flags set: the screener's options and
// the snapshot's rule and date.
type screening struct {
	opt  screen.Options
	rule sanctions.Rule
	asOf time.Time
}

// readScreenOptions reads the screening flags --rule, --max-hops,
// --threshold, --paths and --as-of.
func readScreenOptions(c *cli.Context) (screening, error) {
	var s screening
	var err error
	if s.rule, err = sanctions.ParseRule(c.String("rule")); err != nil {
		return s, usageError("--rule: %v", err)
	}
	s.opt.MaxHops = c.Int("max-hops")
	if s.opt.MaxHops < 1 || s.opt.MaxHops > 100 {
		return s, usageError("--max-hops %d: want 1 to 100", s.opt.MaxHops)
	}
	s.opt.Threshold = c.Float64("threshold")
	if s.opt.Threshold <= 0 || s.opt.Threshold > 1 {
		return s, usageError("--threshold %g: want a name score above 0 and at most 1", s.opt.Threshold)
	}
	s.opt.Paths = c.Int("paths")
	if s.opt.Paths < 0 {
		return s, usageError("--paths %d: want 0 or more", s.opt.Paths)
	}
	if s.opt.Paths == 0 {
		s.opt.Paths = -1 // none (Options reads 0 as the default)
	}
	s.asOf, err = parseAsOf(c)
	return s, err
}

func readScreenConfig(c *cli.Context) (screenConfig, error) {
	var cfg screenConfig
	var err error
	if cfg.screening, err = readScreenOptions(c); err != nil {
		return cfg, err
	}
	if f := c.String("fail-on"); f != "" {
		v, err := screen.ParseVerdict(f)
		if err != nil || v == screen.Clear {
			return cfg, usageError("--fail-on %q: want sanctioned, linked or review", f)
		}
		cfg.failOn, cfg.hasFail = v, true
	}
	for _, name := range c.Args().Slice() {
		if strings.TrimSpace(name) == "" {
			return cfg, usageError("an empty NAME: give the supplier's name")
		}
		cfg.queries = append(cfg.queries, screen.Query{Name: strings.TrimSpace(name)})
	}
	if path := c.String("input"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			return cfg, withCode(exitUsage, fmt.Errorf("--input: %w", err))
		}
		defer f.Close()
		qs, err := screen.ReadQueries(f, path)
		if err != nil {
			return cfg, withCode(exitUsage, err)
		}
		cfg.queries = append(cfg.queries, qs...)
	}
	if len(cfg.queries) == 0 {
		return cfg, usageError("screen needs a NAME or --input FILE (shellnet screen \"Pan Systems Pte Ltd\")")
	}
	return cfg, nil
}

func runScreen(c *cli.Context) (err error) {
	if c, err = interspersed(c); err != nil {
		return err
	}
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	cfg, err := readScreenConfig(c)
	if err != nil {
		return err
	}
	if c.String("since") != "" {
		return runScreenSince(c, cfg, format)
	}
	start := time.Now()
	return withSnapshot(c, screen.SnapshotOptions(cfg.asOf, cfg.rule), func(s graph.Store, snap *snapshot.Snapshot) error {
		sc, err := screen.New(snap, cfg.opt)
		if err != nil {
			return err
		}
		if snap.Projection().Len() == 0 {
			return fmt.Errorf("the store %s holds no entities to screen against: load lists and registries first (shellnet ingest --store %s FILE...)", c.String("store"), c.String("store"))
		}
		info(c, "screening %d names against %d entities (%s rule, %d hops), ready in %s",
			len(cfg.queries), snap.Projection().Len(), cfg.rule, sc.Options().MaxHops, time.Since(start).Round(time.Millisecond))
		return screenAll(c, s, sc, cfg, format)
	})
}

// screenAll screens cfg's queries with sc, printing each result in format
// as it comes, with a progress bar for long lists, and records them in the
// audit trail of s when asked to.
func screenAll(c *cli.Context, s graph.Store, sc *screen.Screener, cfg screenConfig, format string) error {
	var bar *progressbar.ProgressBar
	if showProgress(c) && len(cfg.queries) > 100 {
		bar = progressbar.NewOptions(len(cfg.queries), progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("screening"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	out := newScreenWriter(c.App.Writer, format)
	counts := map[screen.Verdict]int{}
	flagged := 0
	began := time.Now()
	run, err := screenAudited(c, s, sc, cfg.queries, func(r audit.Screening) error {
		counts[r.Outcome.Standing]++
		if cfg.hasFail && r.Outcome.Verdict != audit.Cleared && r.Outcome.Standing >= cfg.failOn {
			flagged++
		}
		if bar != nil {
			bar.Add(1)
		}
		return out.writeOutcome(r.Outcome)
	})
	if err != nil {
		return err
	}
	if err := out.flush(); err != nil {
		return err
	}
	if run.ID != "" {
		info(c, "recorded in the audit trail as run %s", run.ID)
	}
	info(c, "%d screened in %s: %d sanctioned, %d linked, %d review, %d clear", len(cfg.queries), time.Since(began).Round(time.Millisecond),
		counts[screen.Sanctioned], counts[screen.Linked], counts[screen.Review], counts[screen.Clear])
	if flagged > 0 {
		return withCode(exitFlagged, fmt.Errorf("%d of %d names are %s or worse (--fail-on %s)", flagged, len(cfg.queries), cfg.failOn, cfg.failOn))
	}
	return nil
}

// screenColumns are the CSV columns, in a fixed order.
var screenColumns = []string{"query", "id", "country", "reference", "line", "verdict", "score", "match_id", "match_name", "match_score", "matched",
	"distance", "path", "blocked_total", "blocked_by", "reasons"}

// screenWriter prints results as JSON lines as they come, or collects them
// into a table.
type screenWriter struct {
	w      io.Writer
	format string
	t      table
}

func newScreenWriter(w io.Writer, format string) *screenWriter {
	sw := &screenWriter{w: w, format: format}
	switch format {
	case "csv":
		sw.t.header = screenColumns
	default:
		sw.t.header = []string{"query", "verdict", "score", "match", "match score", "distance", "evidence"}
	}
	return sw
}

func (sw *screenWriter) write(r screen.Result) error {
	return sw.writeOutcome(audit.Outcome{Result: r, Verdict: r.Verdict.String(), Standing: r.Verdict})
}

// writeOutcome prints a result as a decision shows it: the verdict shown
// (cleared, for a false positive whose facts hold) and the decision.
func (sw *screenWriter) writeOutcome(o audit.Outcome) error {
	r := o.Result
	switch sw.format {
	case "json":
		if o.Decision == nil && len(o.Raised) == 0 {
			return writeJSONLine(sw.w, r)
		}
		return writeJSONLine(sw.w, o)
	case "csv":
		var mid, mname, mscore, matched, dist, line string
		if r.Match != nil {
			mid, mname, mscore, matched = r.Match.ID, r.Match.Name, strconv.FormatFloat(r.Match.Score, 'f', -1, 64), r.Match.Matched
		}
		if r.Distance != nil {
			dist = strconv.Itoa(*r.Distance)
		}
		if r.Line > 0 {
			line = strconv.Itoa(r.Line)
		}
		var path string
		if len(r.Paths) > 0 {
			path = audit.PathText(r.Paths[0])
		}
		var total, by string
		if r.BlockedBy != nil {
			total = strconv.FormatFloat(r.BlockedBy.Total, 'f', -1, 64)
			by = sharesText(r.BlockedBy)
		}
		sw.t.rows = append(sw.t.rows, []string{r.Query, r.ID, r.Country, r.Reference, line, o.Verdict,
			strconv.FormatFloat(r.Score, 'f', -1, 64), mid, mname, mscore, matched, dist, path, total, by, strings.Join(r.Reasons, "; ")})
	default:
		match, mscore, dist := "", "", ""
		if r.Match != nil {
			match = r.Match.Name + " (" + r.Match.ID + ")"
			mscore = strconv.FormatFloat(r.Match.Score, 'f', 2, 64)
		}
		if r.Distance != nil {
			dist = strconv.Itoa(*r.Distance)
		}
		evidence := ""
		switch {
		case o.Verdict == audit.Cleared:
			evidence = fmt.Sprintf("cleared by %s on %s: %s", o.Decision.Who, o.Decision.When.UTC().Format("2006-01-02"), o.Decision.Note)
		case len(o.Raised) > 0:
			evidence = "raised again: " + strings.Join(o.Raised, "; ")
		case r.BlockedBy != nil:
			evidence = "blocked: " + sharesText(r.BlockedBy)
		case len(r.Paths) > 0:
			evidence = audit.PathText(r.Paths[0])
		case len(r.Reasons) > 0:
			evidence = r.Reasons[len(r.Reasons)-1]
		}
		sw.t.rows = append(sw.t.rows, []string{r.Query, o.Verdict, strconv.FormatFloat(r.Score, 'f', 1, 64), match, mscore, dist, evidence})
	}
	return nil
}

func (sw *screenWriter) flush() error {
	if sw.format == "json" {
		return nil
	}
	return sw.t.write(sw.w, sw.format)
}

// sharesText lists the shares that block: "rgb 50% listed, front-cn 30% blocked".
func sharesText(o *screen.Ownership) string {
	var parts []string
	for _, sh := range o.Shares {
		if sh.Percentage != nil {
			parts = append(parts, fmt.Sprintf("%s %s%% %s", sh.Owner, strconv.FormatFloat(*sh.Percentage, 'f', -1, 64), sh.Status))
		} else {
			parts = append(parts, fmt.Sprintf("%s %s %s", sh.Owner, sh.Type, sh.Status))
		}
	}
	return strings.Join(parts, ", ")
}
