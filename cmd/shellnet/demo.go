package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/report"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/fixtures"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all" // the FtM and CSV readers the fixture needs
)

func init() { register("demo", demoCommand) }

func demoCommand() *cli.Command {
	return &cli.Command{
		Name:      "demo",
		Usage:     "the Glocom case end to end on a fresh embedded store",
		ArgsUsage: " ",
		Description: `Loads the Glocom case (fixtures/glocom: North Korea's front company Glocom,
the fronts that bought US technology for it, the sanctioned Reconnaissance
General Bureau behind it) into a new embedded store and shows what shellnet
finds in it. Needs no set-up and runs in seconds. The store is made in a
temporary folder and removed at the end, unless --out keeps it (--store is
not used: the demo never touches an existing store).

Examples:
   shellnet demo
   shellnet demo --out glocom && shellnet stats --store glocom/shellnet.db
   shellnet demo --format json | jq .listed`,
		Flags: withCommon(
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "keep the store (DIR/shellnet.db) and the case's files in `DIR`"},
		),
		Action: runDemo,
	}
}

// demoStep is one section of the demo. run prints its findings to d.out (a
// discard writer under --format json) and returns them for the JSON output,
// under key.
type demoStep struct {
	key, title string
	run        func(d *demo) (any, error)
}

// demoSteps are the sections of the demo, in order: adding an analysis to
// the demo is one function and one line here.
var demoSteps = []demoStep{
	{"loaded", "Load the Glocom case into a fresh store", demoLoad},
	{"stats", "What was loaded", demoStats},
	{"listed", "Listed parties", demoListed},
	{"fronts", "Front companies and transshipment hubs", demoFronts},
	{"near_listed", "Within two links of a listed party", demoNearListed},
	{"paths", "Procurement paths from US vendors to the sanctioned end user", demoPaths},
	{"screening", "Screening the case's suppliers", demoScreen},
	{"brokers", "Brokers: who sits between the others", demoBrokers},
	{"communities", "Communities", demoCommunities},
	{"report", "The report", demoReport},
}

// demo is what the steps share: the store, its folder, the case's files and
// (built on first use) the snapshot of the loaded store.
type demo struct {
	ctx   context.Context
	out   io.Writer // where steps print; io.Discard under --format json
	dir   string    // the folder of the store and the case's files
	store graph.Store
	files []string // the case's files, in load order

	snap *snapshot.Snapshot
}

// caseFiles are the fixture's files in the order they load: the FtM
// records first, since the device links point at their vendors.
var caseFiles = []string{"glocom/glocom.ftm.jsonl", "glocom/devices.csv", "glocom/device-links.csv"}

func runDemo(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	if format == "csv" {
		return usageError("demo: --format csv: the demo prints sections; use table or json")
	}
	if c.Args().Len() > 0 {
		return usageError("demo takes no arguments (got %q)", c.Args().First())
	}
	start := time.Now()
	dir := c.String("out")
	if dir == "" {
		if dir, err = os.MkdirTemp("", "shellnet-demo-"); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer func() {
			if rerr := os.RemoveAll(dir); rerr != nil && err == nil {
				err = fmt.Errorf("demo: %w", rerr)
			}
		}()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	storePath := filepath.Join(dir, "shellnet.db")
	if _, err := os.Stat(storePath); err == nil {
		return usageError("demo: %s exists: the demo makes a fresh store; give another --out or remove it", storePath)
	}

	d := &demo{ctx: c.Context, out: c.App.Writer, dir: dir}
	if format == "json" {
		d.out = io.Discard
	}
	if d.files, err = writeCaseFiles(dir); err != nil {
		return err
	}
	s, err := sqlite.Open(c.Context, storePath)
	if err != nil {
		return err
	}
	d.store = s
	defer closeStore(c.Context, s, &err)

	fmt.Fprintln(d.out, "shellnet demo: the Glocom case (see fixtures/glocom/README.md)")
	fmt.Fprintln(d.out, "North Korea's front company Glocom bought US technology through fronts in Asia;")
	fmt.Fprintln(d.out, "public facts from Reuters, the UN Panel of Experts and Recorded Future, the rest illustrative.")
	results := map[string]any{}
	for _, step := range demoSteps {
		fmt.Fprintf(d.out, "\n== %s\n", step.title)
		v, err := step.run(d)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", strings.ToLower(step.title), err)
		}
		results[step.key] = v
	}
	if c.String("out") != "" {
		results["store"] = storePath
		fmt.Fprintf(d.out, "\nThe store is kept in %s: try `shellnet stats --store %[1]s`.\n", storePath)
	}
	info(c, "demo done in %s", time.Since(start).Round(time.Millisecond))
	if format == "json" {
		return writeJSON(c.App.Writer, results)
	}
	return nil
}

// writeCaseFiles copies the embedded fixture's files into dir/glocom.
func writeCaseFiles(dir string) ([]string, error) {
	var paths []string
	for _, name := range caseFiles {
		b, err := fs.ReadFile(fixtures.FS, name)
		if err != nil {
			return nil, fmt.Errorf("demo: embedded fixture: %w", err)
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// snapshot returns the snapshot of the store the report shows, built
// once, under OFAC's rule. Technical links (device scans) are left out:
// they say where products turned up, not who controls or trades with whom.
func (d *demo) snapshot() (*snapshot.Snapshot, error) {
	if d.snap != nil {
		return d.snap, nil
	}
	snap, err := snapshot.Build(d.ctx, d.store, report.SnapshotOptions(time.Time{}, sanctions.OFAC))
	if err != nil {
		return nil, err
	}
	d.snap = snap
	return snap, nil
}

// projection returns the projection of the demo's snapshot.
func (d *demo) projection() (*graph.Projection, error) {
	snap, err := d.snapshot()
	if err != nil {
		return nil, err
	}
	return snap.Projection(), nil
}

// caseExpected is fixtures/glocom/expected.json: the procurement paths and
// screening verdicts the case's README derives by hand, for steps that show
// an analysis beside what was expected of it.
type caseExpected struct {
	MaxHops  int               `json:"max_hops"`
	Targets  []string          `json:"targets"`
	Paths    [][]string        `json:"paths"`
	Verdicts map[string]string `json:"verdicts"` // supplier name as a supplier list writes it → verdict
	Matches  map[string]string `json:"matches"`  // supplier name → the entity it names
}

// expected reads the case's expected results from the embedded fixture.
func (d *demo) expected() (caseExpected, error) {
	var e caseExpected
	b, err := fs.ReadFile(fixtures.FS, "glocom/expected.json")
	if err != nil {
		return e, err
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return e, fmt.Errorf("embedded glocom/expected.json: %w", err)
	}
	return e, nil
}

// suppliers returns the case's supplier names (the keys of its expected
// verdicts), sorted, ready to screen.
func (e caseExpected) suppliers() []string {
	return slices.Sorted(maps.Keys(e.Verdicts))
}

// demoNode is an entity as the demo reports it.
type demoNode struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Countries []string `json:"countries"`
	Tags      []string `json:"tags,omitempty"`
}

func nodeOf(n *graph.Node) demoNode {
	return demoNode{ID: n.ID, Name: n.Name, Kind: string(n.Kind), Countries: n.Countries(), Tags: n.Tags()}
}

func demoLoad(d *demo) (any, error) {
	counts, err := ingest.Load(d.ctx, d.store, d.files, ingest.Options{
		Format:  "auto",
		Dataset: "glocom",
		Rejects: filepath.Join(d.dir, "rejects.jsonl"),
	})
	if err != nil {
		return nil, err
	}
	if counts.Rejected > 0 {
		return nil, fmt.Errorf("%d records of the embedded case rejected (see %s): the fixture and the readers disagree", counts.Rejected, counts.RejectsFile)
	}
	fmt.Fprintf(d.out, "%s, read as %s\n", strings.Join(caseFiles, ", "), strings.Join(counts.Formats, " and "))
	fmt.Fprintf(d.out, "read %d records, loaded %d, rejected %d: %d entities, %d links", counts.Read, counts.Loaded, counts.Rejected, counts.Entities, counts.Links)
	if counts.Merged > 0 {
		fmt.Fprintf(d.out, "; %d resolved into another entity by a shared identifier", counts.Merged)
	}
	fmt.Fprintln(d.out)
	return counts, nil
}

func demoStats(d *demo) (any, error) {
	st, err := d.store.Stats(d.ctx)
	if err != nil {
		return nil, err
	}
	t := table{header: []string{"entities", "n", "links", "n"}}
	kinds, types := sortedCounts(st.ByKind), sortedCounts(st.ByType)
	for i := range max(len(kinds), len(types)) {
		row := make([]any, 4)
		for j, col := range [][]kv{kinds, types} {
			if i < len(col) {
				row[2*j], row[2*j+1] = col[i].k, col[i].n
			} else {
				row[2*j], row[2*j+1] = "", ""
			}
		}
		t.add(row...)
	}
	t.add("all", st.Entities, "all", st.Links)
	return st, t.writeText(d.out)
}

type kv struct {
	k string
	n int64
}

// sortedCounts orders counts by size, then name.
func sortedCounts(m map[string]int64) []kv {
	out := make([]kv, 0, len(m))
	for k, n := range m {
		out = append(out, kv{k, n})
	}
	slices.SortFunc(out, func(a, b kv) int { return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.k, b.k)) })
	return out
}

// listedParty is one listed party with its listings.
type listedParty struct {
	demoNode
	Sanctions []graph.Sanction `json:"sanctions"`
}

func listedParties(d *demo) ([]listedParty, error) {
	snap, err := d.snapshot()
	if err != nil {
		return nil, err
	}
	p := snap.Projection()
	out := []listedParty{}
	for i := range p.Nodes {
		if !p.Nodes[i].Listed {
			continue
		}
		e, err := snap.Entity(d.ctx, p.Nodes[i].ID)
		if err != nil {
			return nil, err
		}
		out = append(out, listedParty{demoNode: nodeOf(&p.Nodes[i]), Sanctions: e.Sanctions})
	}
	return out, nil
}

func demoListed(d *demo) (any, error) {
	listed, err := listedParties(d)
	if err != nil {
		return nil, err
	}
	t := table{header: []string{"id", "name", "country", "listings"}}
	for _, l := range listed {
		var ls []string
		for _, s := range l.Sanctions {
			ls = append(ls, strings.TrimSpace(s.Authority+" "+s.Program+" "+s.Reference))
		}
		t.add(l.ID, l.Name, strings.Join(l.Countries, ";"), strings.Join(ls, "; "))
	}
	return listed, t.writeText(d.out)
}

func demoFronts(d *demo) (any, error) {
	p, err := d.projection()
	if err != nil {
		return nil, err
	}
	out := []demoNode{}
	t := table{header: []string{"id", "name", "country", "tags"}}
	for i := range p.Nodes {
		n := &p.Nodes[i]
		if !slices.Contains(n.Tags(), graph.TagFront) && !slices.Contains(n.Tags(), graph.TagHub) {
			continue
		}
		out = append(out, nodeOf(n))
		t.add(n.ID, n.Name, strings.Join(n.Countries(), ";"), strings.Join(n.Tags(), " "))
	}
	return out, t.writeText(d.out)
}

// demoNear is an entity near a listed party: how many links away, and the
// link that reached it.
type demoNear struct {
	demoNode
	Hops int    `json:"hops"`
	Via  string `json:"via"`  // the entity it was reached from
	Link string `json:"link"` // the type of the link between them
}

func demoNearListed(d *demo) (any, error) {
	p, err := d.projection()
	if err != nil {
		return nil, err
	}
	near := nearListed(p, 2)
	t := table{header: []string{"hops", "id", "name", "kind", "reached by"}}
	for _, n := range near {
		t.add(n.Hops, n.ID, n.Name, n.Kind, n.Link+" "+n.Via)
	}
	return near, t.writeText(d.out)
}

// nearListed walks the projection's links both ways from the listed
// parties, breadth first, and returns the entities within maxHops links of
// one, nearest first, then by name.
func nearListed(p *graph.Projection, maxHops int) []demoNear {
	hops := make([]int, p.Len())
	via := make([]int32, p.Len())
	link := make([]graph.LinkType, p.Len())
	var frontier []int32
	for i := range hops {
		hops[i] = -1
		if p.Nodes[i].Listed {
			hops[i] = 0
			frontier = append(frontier, int32(i))
		}
	}
	for h := 1; h <= maxHops && len(frontier) > 0; h++ {
		var next []int32
		reach := func(u, v int32, l int32) {
			if hops[v] < 0 {
				hops[v], via[v], link[v] = h, u, p.LinkType(l)
				next = append(next, v)
			}
		}
		for _, u := range frontier {
			lo, hi := p.Out(u)
			for l := lo; l < hi; l++ {
				reach(u, p.To[l], l)
			}
			for _, l := range p.In(u) {
				reach(u, p.From[l], l)
			}
		}
		frontier = next
	}
	out := []demoNear{}
	for i, h := range hops {
		if h > 0 {
			out = append(out, demoNear{demoNode: nodeOf(&p.Nodes[i]), Hops: h, Via: p.Nodes[via[i]].ID, Link: string(link[i])})
		}
	}
	slices.SortFunc(out, func(a, b demoNear) int {
		return cmp.Or(cmp.Compare(a.Hops, b.Hops), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return out
}

// demoReportDir is where the demo writes the Glocom report when --out does
// not keep its files: a folder in the current directory, where a first-time
// user finds it (the store's temporary folder is removed at the end).
const demoReportDir = "shellnet-demo-report"

// demoReport writes the Glocom report (paths, listed and blocked parties,
// brokers, communities, red flags, and the screening of the case's
// suppliers) into DIR/report under --out, or into ./shellnet-demo-report,
// and says where it is.
func demoReport(d *demo) (any, error) {
	exp, err := d.expected()
	if err != nil {
		return nil, err
	}
	var queries []screen.Query
	for _, name := range exp.suppliers() {
		queries = append(queries, screen.Query{Name: name})
	}
	policies, err := loadPolicies(defaultPathsPolicy)
	if err != nil {
		return nil, err
	}
	opt := report.Options{Title: "The Glocom case", Subtitle: "shellnet demo · fixtures/glocom", Screen: queries, ScreenFile: "the case's supplier list",
		Paths: report.PathOptions{Policies: policies}}
	dir := demoReportDir
	if tmp, err := filepath.Rel(os.TempDir(), d.dir); err != nil || strings.Contains(tmp, string(filepath.Separator)) || !strings.HasPrefix(tmp, "shellnet-demo-") {
		dir = filepath.Join(d.dir, "report") // --out keeps the demo's files
	}
	snap, err := d.snapshot()
	if err != nil {
		return nil, err
	}
	out, err := writeReports(d.ctx, d.store, snap, dir, opt, nil)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(d.out, "Wrote %s with %d diagrams: open it in a browser (it needs no network).\n", out.Index, out.Pages[0].Diagrams)
	return out, nil
}
