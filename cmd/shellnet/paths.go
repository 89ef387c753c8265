package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/report"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/fixtures"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("paths", pathsCommand) }

// Defaults of shellnet paths (DESIGN.md: from vendors in the US to
// sanctioned parties).
const (
	defaultPathsFrom   = "tag:role.vendor country:US"
	defaultPathsTo     = "tag:sanction"
	defaultPathsPolicy = "us,eu,cn"
)

func pathsCommand() *cli.Command {
	return &cli.Command{
		Name:      "paths",
		Usage:     "procurement paths from vendors to sanctioned parties, each hop marked against export rules",
		ArgsUsage: " ",
		Description: `Finds the K cheapest loopless paths of at most --max-hops links from the
entities --from selects to those --to selects, on the goods-flow graph:
SUPPLIES walked forward and PAYS backward (cost 1; 1.5 when no shipment or
payment record documents the link), control links (OWNS, DIRECTS, REPRESENTS,
HOLDS_ACCOUNT) either way (cost 2), SAME_AS either way (0.5) and, with --weak,
EMPLOYS, MEMBER_OF, ASSOCIATE, FAMILY and LOCATED_AT either way (cost 4).
A path ends at the first target it reaches. When --to selects tag:sanction,
parties blocked by ownership (--rule) are targets too. In the table a hop
walked against its link's direction shows ← before the link's type
(B →[←PAYS] A: A paid B, so B supplied A).

Each trade hop is judged by the policy of the seller's country (--policy; the
shipped ones are us, eu and cn, or give a .json file): restricted (its rules
forbid these goods for the end user's country), loophole (legal there, but
the end user is sanctioned), allowed, unassessed (no policy for the seller's
country, or goods not recorded) or n/a (not a trade hop).

Examples:
   shellnet paths                                        # US vendors to sanctioned parties
   shellnet paths --to id:rgb --k 10 --max-hops 8 --weak
   shellnet paths --from "name:Apple" --as-of 2016-06-01 --format json
   shellnet paths --policy us,cn --format csv > hops.csv
   shellnet paths --policy my-rules.json --rule eu`,
		Flags: withCommon(
			&cli.StringFlag{Name: "from", Usage: "where paths start, as a selector (`SEL`: id:X name:TEXT tag:T kind:K country:CC)", Value: defaultPathsFrom},
			&cli.StringFlag{Name: "to", Usage: "where paths end, as a selector (`SEL`)", Value: defaultPathsTo},
			&cli.IntFlag{Name: "k", Usage: "print the `N` cheapest paths", Value: paths.DefaultK},
			&cli.IntFlag{Name: "max-hops", Usage: "at most `H` links a path", Value: paths.DefaultMaxHops},
			&cli.BoolFlag{Name: "weak", Usage: "also walk weak and shared-attribute links (employment, membership, association, family, shared address)"},
			asOfFlag,
			&cli.StringFlag{Name: "policy", Usage: "jurisdiction policies to mark hops with: `LIST` of us, eu, cn or .json files; none for no marks", Value: defaultPathsPolicy},
			ruleFlag(),
			&cli.BoolFlag{Name: "records", Usage: "rank hops documented by shipment or payment records first (reads the trade links' properties)", Value: true},
		),
		Action: runPaths,
	}
}

// pathsConfig is what shellnet paths reads from its flags.
type pathsConfig struct {
	from, to namedSelector
	opt      paths.Options
	policies paths.Policies
	rule     sanctions.Rule
	records  bool
	asOf     time.Time
}

// namedSelector is a selector and its text, for messages.
type namedSelector struct {
	text string
	sel  graph.Selector
}

func readPathsConfig(c *cli.Context) (pathsConfig, error) {
	var cfg pathsConfig
	for _, f := range []struct {
		name string
		dst  *namedSelector
	}{{"from", &cfg.from}, {"to", &cfg.to}} {
		sel, err := graph.ParseSelector(c.String(f.name))
		if err != nil {
			return cfg, usageError("--%s: %v", f.name, err)
		}
		if sel.IsZero() {
			return cfg, usageError("--%s is empty: give a selector such as %q", f.name, defaultPathsTo)
		}
		*f.dst = namedSelector{c.String(f.name), sel}
	}
	cfg.opt = paths.Options{K: c.Int("k"), MaxHops: c.Int("max-hops"), Weak: c.Bool("weak")}
	if cfg.opt.K < 1 {
		return cfg, usageError("--k %d: want 1 or more", cfg.opt.K)
	}
	if cfg.opt.MaxHops < 1 || cfg.opt.MaxHops > 64 {
		return cfg, usageError("--max-hops %d: want 1 to 64", cfg.opt.MaxHops)
	}
	var err error
	if cfg.rule, err = sanctions.ParseRule(c.String("rule")); err != nil {
		return cfg, usageError("--rule: %v", err)
	}
	if cfg.policies, err = loadPolicies(c.String("policy")); err != nil {
		return cfg, err
	}
	if cfg.asOf, err = parseAsOf(c); err != nil {
		return cfg, err
	}
	cfg.records = c.Bool("records")
	return cfg, nil
}

// loadPolicies reads --policy: names of the shipped policies, or .json
// files; "none" or "" loads nothing.
func loadPolicies(list string) (paths.Policies, error) {
	if l := strings.TrimSpace(strings.ToLower(list)); l == "" || l == "none" {
		return nil, nil
	}
	shipped, err := fs.Sub(fixtures.FS, "policies")
	if err != nil {
		return nil, err
	}
	var out paths.Policies
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !strings.HasSuffix(name, ".json") {
			ps, err := paths.LoadPolicies(shipped, name)
			if err != nil {
				return nil, withCode(exitUsage, fmt.Errorf("--policy: %w", err))
			}
			out = append(out, ps...)
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, withCode(exitUsage, fmt.Errorf("--policy: %w", err))
		}
		pol, err := paths.ParsePolicy(name, data)
		if err != nil {
			return nil, err
		}
		out = append(out, pol)
	}
	return out, nil
}

func runPaths(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	cfg, err := readPathsConfig(c)
	if err != nil {
		return err
	}
	return withSnapshot(c, cfg.snapshot(), func(_ graph.Store, snap *snapshot.Snapshot) error {
		found, err := paths.Run(c.Context, snap, cfg.query())
		if err != nil {
			return err
		}
		cfg.note(len(found.Sources), len(found.Targets), len(found.Paths), func(f string, a ...any) { info(c, f, a...) })
		return writePaths(c.App.Writer, format, found.Paths)
	})
}

// snapshot is the snapshot a path search runs on: the whole store on
// cfg's day, blocked parties under cfg's rule.
func (cfg pathsConfig) snapshot() snapshot.Options {
	return snapshot.Options{AsOf: cfg.asOf, Rule: cfg.rule}
}

// query is the path search cfg asks for.
func (cfg pathsConfig) query() paths.Query {
	return paths.Query{From: cfg.from.sel, To: cfg.to.sel, Options: cfg.opt, Records: cfg.records, Policies: cfg.policies}
}

// report is the path search cfg asks for, as the report package takes it.
func (cfg pathsConfig) report() report.PathOptions {
	return report.PathOptions{From: cfg.from.sel, To: cfg.to.sel, K: cfg.opt.K, MaxHops: cfg.opt.MaxHops, Weak: cfg.opt.Weak,
		NoRecords: !cfg.records, Policies: cfg.policies}
}

// note prints, through note, why a search found nothing: no source or no
// target selected, or no path between them.
func (cfg pathsConfig) note(sources, targets, found int, note func(string, ...any)) {
	switch {
	case sources == 0 || targets == 0:
		note("no path: --from %q selects %d entities and --to %q %d", cfg.from.text, sources, cfg.to.text, targets)
	case found == 0:
		note("no path of at most %d hops from %d sources to %d targets", cfg.opt.MaxHops, sources, targets)
	}
}

// pathsOutput is the JSON contract of shellnet paths.
type pathsOutput struct {
	Paths []paths.Evidence `json:"paths"`
}

func writePaths(w io.Writer, format string, evs []paths.Evidence) error {
	switch format {
	case "json":
		return writeJSON(w, pathsOutput{Paths: evs})
	case "csv":
		return pathsHops(evs).writeCSV(w)
	}
	t := &table{header: []string{"#", "cost", "hops", "restricted", "loopholes", "route"}}
	for i, ev := range evs {
		t.add(i+1, ev.Cost, ev.Hops, countMarks(ev, paths.Restricted), countMarks(ev, paths.Loophole), route(ev))
	}
	return t.writeText(w)
}

// route writes a path as A →[SUPPLIES restricted US] B →[REPRESENTS] C,
// naming each node and marking each hop; a hop walked against its link's
// direction shows the type with a leading ←.
func route(ev paths.Evidence) string {
	var b strings.Builder
	for i, n := range ev.Nodes {
		if i > 0 {
			l := ev.Links[i-1]
			b.WriteString(" →[")
			if l.Reversed {
				b.WriteString("←")
			}
			b.WriteString(string(l.Type))
			if m := l.Policy; m != nil && m.Status != paths.NotTrade {
				b.WriteString(" " + m.Status)
				if m.Jurisdiction != "" {
					b.WriteString(" " + m.Jurisdiction)
				}
			}
			b.WriteString("] ")
		}
		b.WriteString(nodeLabel(n))
	}
	return b.String()
}

// nodeLabel is a node's name with its countries and standing.
func nodeLabel(n paths.Node) string {
	var extra []string
	if len(n.Countries) > 0 {
		extra = append(extra, strings.Join(n.Countries, " "))
	}
	if n.Listed {
		extra = append(extra, "listed")
	}
	if n.Blocked {
		extra = append(extra, "blocked")
	}
	name := n.Name
	if name == "" {
		name = n.ID
	}
	if len(extra) == 0 {
		return name
	}
	return name + " (" + strings.Join(extra, ", ") + ")"
}

func countMarks(ev paths.Evidence, status string) int {
	n := 0
	for _, l := range ev.Links {
		if l.Policy != nil && l.Policy.Status == status {
			n++
		}
	}
	return n
}

// pathsHops is the CSV of shellnet paths: one row per hop.
func pathsHops(evs []paths.Evidence) *table {
	t := &table{header: []string{"path", "cost", "hop", "from", "from_name", "type", "to", "to_name", "reversed", "status", "jurisdiction", "rule", "goods", "link_ids", "sources"}}
	for i, ev := range evs {
		for j, l := range ev.Links {
			a, b := ev.Nodes[j], ev.Nodes[j+1]
			var status, juris, rule string
			if m := l.Policy; m != nil {
				status, juris, rule = m.Status, m.Jurisdiction, m.Rule
			}
			var srcs []string
			for _, s := range l.Sources {
				srcs = append(srcs, strings.TrimSuffix(s.Dataset+":"+s.Record, ":"))
			}
			t.add(i+1, ev.Cost, j+1, a.ID, a.Name, string(l.Type), b.ID, b.Name, strconv.FormatBool(l.Reversed),
				status, juris, rule, strings.Join(l.Goods, "; "), strings.Join(l.IDs, " "), strings.Join(srcs, " "))
		}
	}
	return t
}
