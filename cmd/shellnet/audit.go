package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/audit"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("audit", auditCommand) }

// buildScreener builds the screener that rescreen, decide, audit replay
// and the demo use (screen builds the same within withSnapshot).
func buildScreener(ctx context.Context, s graph.Store, set screening) (*screen.Screener, error) {
	snap, err := snapshot.Build(ctx, s, screen.SnapshotOptions(set.asOf, set.rule))
	if err != nil {
		return nil, err
	}
	return screen.New(snap, set.opt)
}

// auditFlags are the flags of commands that record in the audit trail.
func auditFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "audit", Usage: "record every screening in the store's audit trail, and show analysts' decisions", EnvVars: []string{"SHELLNET_AUDIT"}},
		&cli.StringFlag{Name: "analyst", Usage: "who screens or decides, as the audit trail records it (default: $USER)"},
		&cli.StringFlag{Name: "list", Usage: "the `NAME` of the supplier list, which rescreen compares runs of (default: the --input file's name)"},
		&cli.StringFlag{Name: "since", Usage: "print only what changed since the recorded run `RUN`, with the causes, as rescreen does (records this run)"},
	}
}

// analyst is who the trail records: --analyst, or the account's user.
func analyst(c *cli.Context) (string, error) {
	for _, who := range []string{c.String("analyst"), os.Getenv("USER"), os.Getenv("USERNAME")} {
		if who = strings.TrimSpace(who); who != "" {
			return who, nil
		}
	}
	return "", usageError("who is screening? give --analyst NAME (the audit trail records it)")
}

// listName is the name a run of a list is recorded under.
func listName(c *cli.Context) string {
	if l := strings.TrimSpace(c.String("list")); l != "" {
		return l
	}
	if in := c.String("input"); in != "" {
		return filepath.Base(in)
	}
	return ""
}

// screenAudited screens qs with sc and calls fn with each outcome in input
// order. With --audit (or SHELLNET_AUDIT=1) the decisions in force apply
// and every screening is recorded under a new run of the list; run is
// that run (zero without --audit).
func screenAudited(c *cli.Context, s graph.Store, sc *screen.Screener, qs []screen.Query, fn func(audit.Screening) error) (audit.Run, error) {
	if !c.Bool("audit") {
		return audit.Run{}, sc.ScreenAll(c.Context, qs, func(r screen.Result) error {
			return fn(audit.Screening{Outcome: audit.Outcome{Result: r, Verdict: r.Verdict.String(), Standing: r.Verdict}})
		})
	}
	who, err := analyst(c)
	if err != nil {
		return audit.Run{}, err
	}
	ss, err := auditSession(c.Context, s, sc)
	if err != nil {
		return audit.Run{}, err
	}
	run := audit.Run{ID: audit.NewRunID(time.Now()), List: listName(c), Who: who, Via: "cli"}
	return run, ss.ScreenAll(c.Context, sc, qs, run, fn)
}

// auditSession opens the trail of s and a session on what sc screens.
func auditSession(ctx context.Context, s graph.Store, sc *screen.Screener) (*audit.Session, error) {
	tr, err := openTrail(s)
	if err != nil {
		return nil, err
	}
	basis, err := audit.ScreenerBasis(ctx, sc)
	if err != nil {
		return nil, err
	}
	return tr.NewSession(ctx, basis, sc.Entity) // the parties the screening read, read once
}

func auditCommand() *cli.Command {
	return &cli.Command{
		Name:  "audit",
		Usage: "check, export and replay the audit trail of screenings and decisions",
		Description: `The audit trail is kept in the store: every screening run with --audit
(or SHELLNET_AUDIT=1), every rescreen, every screening by a server run with
--audit, and every decision. Each record carries the SHA-256 of the one
before it, so that a record changed, removed or inserted breaks the chain.

   shellnet audit verify                      check the chain; exit 1 naming the first broken record
   shellnet audit export --from 2026-03-01 --to 2026-03-31 --format csv
   shellnet audit replay 42                   screen record 42 again and say if the answer is the same`,
		Subcommands: []*cli.Command{
			actionCoded(&cli.Command{Name: "verify", Usage: "check the hash chain and name the first broken record", Flags: withCommon(), Action: runAuditVerify}),
			actionCoded(&cli.Command{Name: "export", Usage: "write the records of a date range as JSON lines (--format json) or CSV", Flags: withCommon(
				&cli.StringFlag{Name: "from", Usage: "first `DAY` (YYYY-MM-DD), included"},
				&cli.StringFlag{Name: "to", Usage: "last `DAY` (YYYY-MM-DD), included"},
			), Action: runAuditExport}),
			actionCoded(&cli.Command{Name: "replay", Usage: "recompute a recorded screening on the releases it names and compare", ArgsUsage: "ID", Flags: withCommon(), Action: runAuditReplay}),
		},
	}
}

// withTrail opens the store and its trail, and closes the store after fn.
func withTrail(c *cli.Context, fn func(s graph.Store, tr *audit.Trail) error) (err error) {
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(c.Context, s, &err)
	tr, err := openTrail(s)
	if err != nil {
		return err
	}
	return fn(s, tr)
}

// openTrail opens the audit trail s keeps.
func openTrail(s graph.Store) (*audit.Trail, error) {
	a, err := graph.AuditorOf(s)
	if err != nil {
		return nil, err
	}
	return audit.Open(a), nil
}

func runAuditVerify(c *cli.Context) error {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	return withTrail(c, func(_ graph.Store, tr *audit.Trail) error {
		v, err := tr.Verify(c.Context)
		if err != nil {
			return err
		}
		if format == "json" {
			if err := writeJSONLine(c.App.Writer, v); err != nil {
				return err
			}
		} else if v.Broken == nil {
			fmt.Fprintf(c.App.Writer, "audit trail holds: %d records, chain intact\n", v.Records)
		}
		if b := v.Broken; b != nil {
			return fmt.Errorf("audit trail broken at record %d (%s of %s): %s; the %d records before it hold",
				b.Seq, b.Kind, b.Time.UTC().Format(time.RFC3339), b.Reason, v.Records)
		}
		return nil
	})
}

// dayFlag reads a YYYY-MM-DD flag; end gives the start of the next day.
func dayFlag(c *cli.Context, name string, end bool) (time.Time, error) {
	v := c.String(name)
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, usageError("--%s %q: want a day as YYYY-MM-DD", name, v)
	}
	if end {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}

func runAuditExport(c *cli.Context) error {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	if format == "table" {
		return usageError("audit export: give --format json or --format csv")
	}
	from, err := dayFlag(c, "from", false)
	if err != nil {
		return err
	}
	to, err := dayFlag(c, "to", true)
	if err != nil {
		return err
	}
	return withTrail(c, func(_ graph.Store, tr *audit.Trail) error {
		n, err := tr.Export(c.Context, c.App.Writer, from, to, format)
		info(c, "%d records exported", n)
		return err
	})
}

func runAuditReplay(c *cli.Context) (err error) {
	if c, err = interspersed(c); err != nil {
		return err
	}
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	seq, err := strconv.ParseInt(c.Args().First(), 10, 64)
	if err != nil || seq < 1 || c.NArg() != 1 {
		return usageError("audit replay ID: give the number of one screening record (shellnet audit export lists them)")
	}
	return withTrail(c, func(s graph.Store, tr *audit.Trail) error {
		st, err := s.Stats(c.Context)
		if err != nil {
			return err
		}
		v, err := s.Version(c.Context)
		if err != nil {
			return err
		}
		got, err := tr.Replay(c.Context, seq, audit.BasisOf(st, v, audit.Settings{}), func(ctx context.Context, set audit.Settings, q screen.Query) (screen.Result, error) {
			var scr screening
			var err error
			if scr.opt, scr.rule, scr.asOf, err = set.Parse(); err != nil {
				return screen.Result{}, err
			}
			sc, err := buildScreener(ctx, s, scr)
			if err != nil {
				return screen.Result{}, err
			}
			return sc.Screen(ctx, q)
		})
		if errors.Is(err, audit.ErrReleasesGone) {
			return withCode(exitFailed, err)
		}
		if err != nil {
			return err
		}
		if format == "json" {
			if err := writeJSONLine(c.App.Writer, got); err != nil {
				return err
			}
		} else if got.Same {
			fmt.Fprintf(c.App.Writer, "record %d: the same answer: %s\n", seq, got.Now.Verdict)
		} else {
			fmt.Fprintf(c.App.Writer, "record %d: a different answer: %s\n", seq, strings.Join(got.Differences, "; "))
		}
		if !got.Same {
			return withCode(exitFlagged, fmt.Errorf("record %d screens differently now", seq))
		}
		return nil
	})
}
