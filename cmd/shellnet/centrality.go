package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/centrality"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

func init() { register("centrality", centralityCommand) }

func centralityCommand() *cli.Command {
	return &cli.Command{
		Name:      "centrality",
		Usage:     "rank entities by PageRank, betweenness, degree, eigenvector, closeness, harmonic or HITS",
		ArgsUsage: " ",
		Description: `Scores are normalised as NetworkX normalises them by default: PageRank sums
to 1 (damping 0.85; iterated until the L1 change is below min(n*1e-6, 1e-4),
NetworkX's rule with a cap so that large graphs do not stop after one
iteration); betweenness is divided by the number of pairs (n-1)(n-2);
closeness is (r-1)/sum of distances, corrected for the r of n nodes that reach
the entity; degree is divided by n-1; harmonic is the plain sum of 1/distance;
eigenvector has unit length; hits ranks authorities (hubs are printed beside).
Links are undirected unless --directed; --weighted reads each link's "weight"
property (parallel links add up; for shortest paths a weight is a length).
Exact betweenness, closeness and harmonic search from every entity: on large
graphs use betweenness with --sample K.

Examples:
   shellnet centrality                                   # top 20 by PageRank
   shellnet centrality --algo betweenness --top 10       # the brokers
   shellnet centrality --algo betweenness --sample 500 --seed 7 --format json
   shellnet centrality --kind Company --kind Person --as-of 2017-06-30
   shellnet centrality --algo pagerank --top 0 --write   # store centrality.pagerank on every entity`,
		Flags: withCommon(
			&cli.StringFlag{Name: "algo", Usage: "`ALGO`: " + strings.Join(centrality.Algorithms, ", "), Value: "pagerank"},
			&cli.IntFlag{Name: "top", Usage: "print the `N` best (0: all)", Value: 20},
			&cli.StringSliceFlag{Name: "kind", Usage: "analyse only entities of `KIND` (repeat for several)"},
			&cli.BoolFlag{Name: "directed", Usage: "follow links from → to"},
			&cli.BoolFlag{Name: "weighted", Usage: "use the links' weight property"},
			&cli.IntFlag{Name: "sample", Usage: "betweenness: estimate from `K` random source entities (0: exact)"},
			&cli.Uint64Flag{Name: "seed", Usage: "random `SEED` for --sample", Value: 1},
			asOfFlag,
			&cli.BoolFlag{Name: "write", Usage: "store each entity's score as property centrality.ALGO"},
		),
		Action: runCentrality,
	}
}

// centralityRow is one line of the output contract.
type centralityRow struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Kind  graph.Kind `json:"kind"`
	Score float64    `json:"score"`
	Rank  int        `json:"rank"`
	Hub   *float64   `json:"hub,omitempty"` // HITS
}

func runCentrality(c *cli.Context) (err error) {
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	cfg := centrality.Config{
		Algo:    strings.ToLower(c.String("algo")),
		Options: centrality.Options{Directed: c.Bool("directed"), Weighted: c.Bool("weighted")},
		Sample:  c.Int("sample"),
		Seed:    c.Uint64("seed"),
	}
	if !slices.Contains(centrality.Algorithms, cfg.Algo) {
		return usageError("--algo %q: want one of %s", c.String("algo"), strings.Join(centrality.Algorithms, ", "))
	}
	if cfg.Sample != 0 && cfg.Algo != "betweenness" {
		return usageError("--sample applies to --algo betweenness only")
	}
	if cfg.Sample < 0 || cfg.Sample == 1 {
		return usageError("--sample %d: want 0 (exact) or at least 2", cfg.Sample)
	}
	opt, err := projectOptions(c)
	if err != nil {
		return err
	}
	return withSnapshot(c, opt, func(s graph.Store, snap *snapshot.Snapshot) error {
		p := snap.Projection()
		res, err := centrality.Run(p, cfg)
		if err != nil {
			return err
		}
		if c.Bool("write") {
			if err := writeCentrality(c, s, p, res); err != nil {
				return err
			}
		}
		return writeCentralityRows(c.App.Writer, format, centralityRows(p, res, c.Int("top")), res.Hubs != nil)
	})
}

// writeCentralityRows prints the ranked entities as JSON, CSV or a table
// (with a hub column for HITS).
func writeCentralityRows(out io.Writer, format string, rows []centralityRow, hubs bool) error {
	switch format {
	case "json":
		return writeJSON(out, rows)
	default:
		t := &table{header: []string{"rank", "id", "name", "kind", "score"}}
		if hubs {
			t.header = append(t.header, "hub")
		}
		for _, r := range rows {
			cells := []any{r.Rank, r.ID, r.Name, string(r.Kind), r.Score}
			if r.Hub != nil {
				cells = append(cells, *r.Hub)
			}
			t.add(cells...)
		}
		return t.write(out, format)
	}
}

// projectOptions reads --kind and --as-of into the options of a snapshot.
func projectOptions(c *cli.Context) (snapshot.Options, error) {
	var opt snapshot.Options
	asOf, err := parseAsOf(c)
	if err != nil {
		return opt, err
	}
	opt.AsOf = asOf
	for _, k := range c.StringSlice("kind") {
		kind := graph.Kind(k)
		if !kind.Valid() {
			return opt, usageError("--kind %q: want one of %v", k, graph.Kinds)
		}
		opt.Kinds = append(opt.Kinds, kind)
	}
	return opt, nil
}

func centralityRows(p *graph.Projection, res centrality.Result, top int) []centralityRow {
	rows := []centralityRow{}
	for r, i := range centrality.Top(res.Scores, top) {
		n := &p.Nodes[i]
		row := centralityRow{ID: n.ID, Name: n.Name, Kind: n.Kind, Score: res.Scores[i], Rank: r + 1}
		if res.Hubs != nil {
			h := res.Hubs[i]
			row.Hub = &h
		}
		rows = append(rows, row)
	}
	return rows
}

// writeBatch is the number of entities updated per SetProps call.
const writeBatch = 5000

// writeCentrality stores every node's score as centrality.ALGO (HITS:
// centrality.hits.authority and centrality.hits.hub).
func writeCentrality(c *cli.Context, s graph.Store, p *graph.Projection, res centrality.Result) error {
	key := "centrality." + res.Algo
	if res.Hubs != nil {
		key += ".authority"
	}
	err := setProps(c, s, p.Len(), func(i int) graph.PropUpdate {
		props := map[string]any{key: res.Scores[i]}
		if res.Hubs != nil {
			props["centrality.hits.hub"] = res.Hubs[i]
		}
		return graph.PropUpdate{ID: p.Nodes[i].ID, Props: props}
	})
	if err != nil {
		return fmt.Errorf("centrality --write: %w", err)
	}
	info(c, "wrote %s on %d entities", key, p.Len())
	return nil
}

// setProps sends n updates to the store in batches.
func setProps(c *cli.Context, s graph.Store, n int, update func(i int) graph.PropUpdate) error {
	batch := make([]graph.PropUpdate, 0, min(n, writeBatch))
	for i := range n {
		batch = append(batch, update(i))
		if len(batch) == writeBatch || i == n-1 {
			if err := s.SetProps(c.Context, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return nil
}
