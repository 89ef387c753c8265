package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/ingest"
)

func init() { register("ingest", ingestCommand) }

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "load sanctions lists, registries, leaks and scans into the store",
		ArgsUsage: "PATH...",
		Description: `Reads each PATH (a folder stands for the files in it), recognises its format
by content unless --input-format names one, and says which it chose. Records
are normalised (names, ISO country codes, identifiers); entities that share a
strong identifier (registration, tax, SWIFT/BIC, IBAN, IMO, e-mail, phone,
website, list reference) are resolved into one, and parties of different
datasets whose names agree are tied by a SAME_AS link marked as a candidate.

Records that repeat an id (FtM fragments) are merged, across files and with
what the store holds, before an entity is judged. A bad record is written to
the rejects file (one JSON object a line: file, line, field, reason, raw) and
counted; the others are loaded and the exit code is 3. With --strict nothing
is written when anything is rejected (exit code 1). Loading the same files
again changes nothing; a load that was interrupted is completed by running it
again.

A link to an entity that is neither in the load nor in the store waits for it
in the store (a pending link, counted apart from links and rejects) and
becomes a link when a later load brings that entity; --strict-references
rejects such records instead.

A load is a release of each dataset it reads (the --dataset, or the source's
own: ofac-sdn, un-sc, the FtM datasets field). The ofac and un formats are
whole releases of their lists: loading one replaces the dataset's facts, so
that what the new release no longer has is withdrawn (a party delisted keeps
its history: listed false, the date, the release that dropped it). Other
formats add to what is stored unless --replace is given; --replace=false adds
a list file instead of replacing. shellnet stats lists the releases.

Formats: auto (default), ` + strings.Join(ingest.Formats(), ", ") + `.

Examples:
   shellnet ingest fixtures/glocom                       # a folder: FtM and CSV files
   shellnet ingest sdn.csv add.csv alt.csv sdn_comments.csv
   shellnet ingest sdn_advanced.xml                      # OFAC's advanced XML: typed relationships
   shellnet ingest --dataset opensanctions --store case.db default.ftm.json
   shellnet ingest --input-format csv --rejects bad.jsonl entities.csv links.csv
   shellnet ingest --strict --format json suppliers.csv  # all or nothing, counts as JSON`,
		Flags: withCommon(
			&cli.StringFlag{Name: "input-format", Usage: "`FORMAT` of the input: auto, " + strings.Join(ingest.Formats(), ", "), Value: "auto"},
			&cli.StringFlag{Name: "dataset", Usage: "dataset `NAME` recorded as the source of what is loaded (default: each format's own)"},
			&cli.StringFlag{Name: "rejects", Usage: "write rejected records to `FILE` (default: beside the first input, PATH.rejects.jsonl)"},
			&cli.BoolFlag{Name: "strict", Usage: "write nothing if any record is rejected"},
			&cli.BoolFlag{Name: "strict-references", Usage: "reject the records of links to entities neither loaded nor stored, instead of keeping the links pending"},
			&cli.BoolFlag{Name: "replace", Usage: "the files are a whole release of their datasets: withdraw what the store holds of them and the files no longer have (default: true for ofac and un, false for the other formats)"},
			&cli.IntFlag{Name: "batch-size", Usage: "entities or links per store transaction (`N`)", Value: ingest.DefaultBatchSize},
		),
		Action: runIngest,
	}
}

func runIngest(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return usageError("ingest: name the files or folders to load (see shellnet ingest --help)")
	}
	in := strings.ToLower(c.String("input-format"))
	if in != "auto" && !slices.Contains(ingest.Formats(), in) {
		return usageError("--input-format %q: want auto or one of %s", c.String("input-format"), strings.Join(ingest.Formats(), ", "))
	}
	if c.Int("batch-size") < 1 {
		return usageError("--batch-size %d: want at least 1", c.Int("batch-size"))
	}
	var log io.Writer = c.App.ErrWriter
	if c.Bool("quiet") {
		log = nil
	}
	opt := ingest.Options{
		Format:           in,
		Dataset:          c.String("dataset"),
		Rejects:          c.String("rejects"),
		Strict:           c.Bool("strict"),
		StrictReferences: c.Bool("strict-references"),
		BatchSize:        c.Int("batch-size"),
		Progress:         showProgress(c),
		Log:              log,
	}
	switch {
	case !c.IsSet("replace"):
		opt.Replace = ingest.ReplaceWholeReleases
	case c.Bool("replace"):
		opt.Replace = ingest.ReplaceAll
	default:
		opt.Replace = ingest.ReplaceNone
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(c.Context, s, &err)
	defer ingest.PaceMemory()()
	counts, err := ingest.Load(c.Context, s, paths, opt)
	if err != nil {
		if errors.Is(err, ingest.ErrRejected) {
			return withCode(exitFailed, err)
		}
		return err
	}
	if err := printCounts(c.App.Writer, format, counts); err != nil {
		return err
	}
	if log != nil {
		printLedger(log, counts)
	}
	if counts.Rejected > 0 {
		return withCode(exitFlagged, fmt.Errorf("%d of %d records rejected (the others were loaded); see %s", counts.Rejected, counts.Read, counts.RejectsFile))
	}
	return nil
}

func printCounts(w io.Writer, format string, n ingest.Counts) error {
	if format == "json" {
		return writeJSON(w, n)
	}
	t := table{header: []string{"read", "loaded", "rejected", "entities", "links", "merged", "candidates"}}
	t.add(n.Read, n.Loaded, n.Rejected, n.Entities, n.Links, n.Merged, n.Candidates)
	return t.write(w, format)
}

// printLedger says what the load left waiting and what its releases
// withdrew.
func printLedger(w io.Writer, n ingest.Counts) {
	if n.Pending > 0 {
		fmt.Fprintf(w, "%d %s for entities not loaded yet (first: %s)\n", n.Pending, plural(n.Pending, "reference waits", "references wait"), n.PendingFirst)
	}
	if n.Completed > 0 {
		fmt.Fprintf(w, "%d %s for entities of this load, now %s\n", n.Completed, plural(n.Completed, "reference waited", "references waited"), plural(n.Completed, "a link", "links"))
	}
	for _, r := range n.Releases {
		if r.Withdrawn > 0 || r.WithdrawnLinks > 0 {
			fmt.Fprintf(w, "%s: %d %s and %d %s no longer in this release, withdrawn\n", r.Label(), r.Withdrawn, plural(r.Withdrawn, "entity", "entities"), r.WithdrawnLinks, plural(r.WithdrawnLinks, "link", "links"))
		}
	}
}

// plural returns one when n is 1, many otherwise.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
