package main

// shellnet flags lives in this file: flags.go holds the flags common to
// every command.

import (
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/flags"
	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("flags", flagsCommand) }

func flagsCommand() *cli.Command {
	return &cli.Command{
		Name:      "flags",
		Usage:     "shell-company red flags, each with its evidence",
		ArgsUsage: " ",
		Description: `Finds the red flags of shell companies:
   shared-address      --address-threshold or more companies at one address
   shared-director     one person or company directing --director-threshold or more companies
   shared-identifier   a phone, e-mail, website, IBAN or SWIFT code held by parties that no
                       ownership relates, or records with different names that ingest resolved
                       into one because they shared one
   shared-account      a bank account held by parties that no ownership relates
   circular-ownership  parties that own each other in a circle
   hub-transit         a party in a transshipment hub (--hub-countries, or tagged role.hub) on
                       one of the --k cheapest procurement paths from --from to --to
                       (see shellnet paths; blocked parties join tag:sanction under --rule)
Each flag names its subject, the entities and links of its evidence, and the
shared value.

Examples:
   shellnet flags
   shellnet flags --only circular-ownership --only shared-identifier --format json
   shellnet flags --address-threshold 10 --director-threshold 5
   shellnet flags --hub-countries HK,SG,AE --as-of 2016-06-01 --format csv`,
		Flags: withCommon(
			&cli.StringSliceFlag{Name: "only", Usage: "print only flags of `KIND` (repeat for several): " + strings.Join(flags.Kinds, ", ")},
			&cli.IntFlag{Name: "address-threshold", Usage: "companies at one address that make a flag (`N`)", Value: 3},
			&cli.IntFlag{Name: "director-threshold", Usage: "companies one director directs that make a flag (`N`)", Value: 3},
			&cli.StringFlag{Name: "hub-countries", Usage: "transshipment hubs, as a `LIST` of country codes", Value: strings.Join(flags.DefaultHubCountries, ",")},
			&cli.StringFlag{Name: "from", Usage: "where procurement paths start (`SEL`)", Value: defaultPathsFrom},
			&cli.StringFlag{Name: "to", Usage: "where procurement paths end (`SEL`)", Value: defaultPathsTo},
			&cli.IntFlag{Name: "k", Usage: "look for hubs on the `N` cheapest procurement paths", Value: flags.DefaultPaths},
			&cli.IntFlag{Name: "max-hops", Usage: "at most `H` links a procurement path", Value: paths.DefaultMaxHops},
			ruleFlag(),
			asOfFlag,
		),
		Action: runFlags,
	}
}

func runFlags(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	only := c.StringSlice("only")
	for _, k := range only {
		if !slices.Contains(flags.Kinds, k) {
			return usageError("--only %q: want one of %s", k, strings.Join(flags.Kinds, ", "))
		}
	}
	opt := flags.Options{AddressThreshold: c.Int("address-threshold"), DirectorThreshold: c.Int("director-threshold"), HubCountries: []string{}, Kinds: only}
	if opt.AddressThreshold < 2 || opt.DirectorThreshold < 2 {
		return usageError("--address-threshold %d, --director-threshold %d: want 2 or more", opt.AddressThreshold, opt.DirectorThreshold)
	}
	for _, cc := range strings.Split(c.String("hub-countries"), ",") {
		cc = strings.ToUpper(strings.TrimSpace(cc))
		if cc == "" {
			continue
		}
		if len(cc) != 2 {
			return usageError("--hub-countries: %q is not a two-letter country code", cc)
		}
		opt.HubCountries = append(opt.HubCountries, cc)
	}
	// the hub search is a paths query: read and check its flags alike
	pc, err := readPathsConfig(c)
	if err != nil {
		return err
	}
	opt.Paths = pc.opt
	return withSnapshot(c, pc.snapshot(), func(_ graph.Store, snap *snapshot.Snapshot) error {
		opt.Sources, opt.Targets = pc.query().Ends(snap)
		opt.Paths.LoadRecords = paths.Records(c.Context, snap)
		fs, err := flags.Run(c.Context, snap, opt)
		if err != nil {
			return err
		}
		if fs == nil {
			fs = []flags.Flag{}
		}
		return writeFlags(c.App.Writer, format, fs)
	})
}

func writeFlags(w io.Writer, format string, fs []flags.Flag) error {
	if format == "json" {
		return writeJSON(w, fs)
	}
	t := &table{header: []string{"flag", "subject", "value", "entities", "detail"}}
	if format == "csv" {
		t.header = append(t.header, "links")
	}
	for _, f := range fs {
		cells := []any{f.Kind, f.Subject, f.Value, strings.Join(f.Entities, " "), f.Detail}
		if format == "csv" {
			var ls []string
			for _, l := range f.Links {
				ids := strings.Join(l.IDs, "|")
				if ids == "" {
					ids = graph.LinkID(l.From, l.Type, l.To)
				}
				ls = append(ls, ids)
			}
			cells = append(cells, strings.Join(ls, " "))
		}
		t.add(cells...)
	}
	return t.write(w, format)
}
