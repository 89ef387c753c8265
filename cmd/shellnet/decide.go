package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/audit"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("decide", decideCommand) }

func decideCommand() *cli.Command {
	return &cli.Command{
		Name:      "decide",
		Usage:     "record an analyst's decision about a supplier's match; list or revoke decisions",
		ArgsUsage: "SUPPLIER",
		Description: `Records in the store's audit trail that SUPPLIER (its name, or with --id the
id column of its list) is not (--false-positive) or is (--true-positive) the
party matched, --match ID. Later screenings with --audit, and every rescreen,
show the decision; a match cleared as a false positive is shown "cleared",
with who, when and why, until the facts behind it change (a new listing of
the party, a new path to a sanctioned party, a changed ownership share), and
is then raised again with what changed. The facts are those of a screening
with the screening flags given (--rule, --max-hops, --threshold, --paths,
--as-of), as the screenings the decision will be held against use.

   shellnet decide "Ayman al Zawahiri" --id V-1009 --match ofac-2676 --false-positive \
       --note "machine shop owner, born 1979, passport checked" --analyst j.doe
   shellnet decide --list --format csv           every decision, revoked ones too
   shellnet decide --revoke 42 --note "new information" --analyst j.doe`,
		Flags: append(withCommon(
			&cli.StringFlag{Name: "match", Usage: "the matched party's entity `ID`"},
			&cli.StringFlag{Name: "id", Usage: "the supplier's `ID` in its list (the id column), when the list has one"},
			&cli.BoolFlag{Name: "false-positive", Usage: "the supplier is not the matched party"},
			&cli.BoolFlag{Name: "true-positive", Usage: "the supplier is the matched party"},
			&cli.StringFlag{Name: "note", Usage: "why: what was checked (recorded)"},
			&cli.StringFlag{Name: "analyst", Usage: "who decides (default: $USER)"},
			&cli.BoolFlag{Name: "list", Usage: "list the decisions recorded, revoked ones too"},
			&cli.Int64Flag{Name: "revoke", Usage: "revoke the decision with this `ID`"},
		), screenFlags("max-hops", "rule", "threshold", "paths", "as-of")...),
		Action: runDecide,
	}
}

func runDecide(c *cli.Context) (err error) {
	if c, err = interspersed(c); err != nil {
		return err
	}
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	if c.Bool("list") {
		return withTrail(c, func(_ graph.Store, tr *audit.Trail) error {
			ds, err := tr.Decisions(c.Context, true)
			if err != nil {
				return err
			}
			return writeDecisions(c, format, ds)
		})
	}
	who, err := analyst(c)
	if err != nil {
		return err
	}
	note := strings.TrimSpace(c.String("note"))
	if id := c.Int64("revoke"); id != 0 {
		return withTrail(c, func(_ graph.Store, tr *audit.Trail) error {
			if err := tr.Revoke(c.Context, id, who, note); err != nil {
				return err
			}
			info(c, "decision %d revoked by %s", id, who)
			return nil
		})
	}
	d, err := readDecision(c, who, note)
	if err != nil {
		return err
	}
	q := screen.Query{Name: strings.TrimSpace(c.Args().First()), ID: strings.TrimSpace(c.String("id"))}
	return withTrail(c, func(s graph.Store, tr *audit.Trail) error {
		if d.Facts, err = matchFacts(c, s, q, d.Match); err != nil {
			return err
		}
		rec, err := tr.Decide(c.Context, d)
		if err != nil {
			return err
		}
		if format == "json" {
			return writeJSONLine(c.App.Writer, rec)
		}
		fmt.Fprintf(c.App.Writer, "decision %d recorded: %s is a %s of %s (by %s)\n", rec.ID, q.Name, strings.ReplaceAll(rec.Finding, "_", " "), rec.Match, rec.Who)
		return nil
	})
}

// readDecision reads the decision the flags state.
func readDecision(c *cli.Context, who, note string) (audit.Decision, error) {
	name := strings.TrimSpace(c.Args().First())
	if name == "" || c.NArg() != 1 {
		return audit.Decision{}, usageError("decide SUPPLIER: give the supplier's name, in quotes (or --list, or --revoke ID)")
	}
	d := audit.Decision{Supplier: audit.SupplierKey(screen.Query{Name: name, ID: strings.TrimSpace(c.String("id"))}),
		Match: strings.TrimSpace(c.String("match")), Note: note, Who: who}
	switch fp, tp := c.Bool("false-positive"), c.Bool("true-positive"); {
	case fp == tp:
		return d, usageError("decide: give one of --false-positive or --true-positive")
	case fp:
		d.Finding = audit.FalsePositive
	default:
		d.Finding = audit.TruePositive
	}
	if d.Match == "" {
		return d, usageError("decide: give --match ID, the entity the supplier was matched to (shellnet screen shows it)")
	}
	if note == "" {
		return d, usageError("decide: give --note, what was checked: the audit trail records why")
	}
	return d, nil
}

// matchFacts screens q now and returns the facts behind its match with
// id, which must be its match or one of the names as close.
func matchFacts(c *cli.Context, s graph.Store, q screen.Query, id string) (*audit.Facts, error) {
	set, err := readScreenOptions(c)
	if err != nil {
		return nil, err
	}
	sc, err := buildScreener(c.Context, s, set)
	if err != nil {
		return nil, err
	}
	r, err := sc.Screen(c.Context, q)
	if err != nil {
		return nil, err
	}
	f, err := audit.DecisionFacts(c.Context, r, id, sc.Entity)
	if errors.Is(err, audit.ErrNotMatched) {
		return nil, withCode(exitUsage, err)
	}
	return f, err
}

// writeDecisions prints decisions, one a row (JSON: one a line).
func writeDecisions(c *cli.Context, format string, ds []audit.Recorded) error {
	if format == "json" {
		for _, d := range ds {
			if err := writeJSONLine(c.App.Writer, d); err != nil {
				return err
			}
		}
		return nil
	}
	t := table{header: []string{"id", "when", "who", "supplier", "match", "finding", "note", "revoked"}}
	for _, d := range ds {
		revoked := ""
		if d.Revoked != nil {
			revoked = "by " + d.Revoked.Who + ": " + d.Revoked.Note
		}
		t.add(strconv.FormatInt(d.ID, 10), d.When.UTC().Format("2006-01-02T15:04:05Z"), d.Who, d.Supplier, d.Match, d.Finding, d.Note, revoked)
	}
	return t.write(c.App.Writer, format)
}
