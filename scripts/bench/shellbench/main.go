// Command shellbench generates the network that scripts/bench.sh measures
// and times shellnet's algorithms on it, on the same edge list that the
// NetworkX and igraph scripts read.
//
//	shellbench generate -n 100000 -k 5 -seed 1 -out DIR
//	    writes DIR/entities.csv and DIR/links.csv (shellnet's generic CSV,
//	    for shellnet ingest) and DIR/edges.txt ("u v" per line, 0-based,
//	    node u is entity e%08d), a preferential-attachment network of n
//	    entities and about n·k links, no parallel links, no self-links.
//	shellbench store -store DIR/store.db DIR
//	    writes DIR/entities.csv and DIR/links.csv into a store with plain
//	    batched upserts, for when shellnet ingest is not there to do it.
//	shellbench algo -sample 32 DIR/edges.txt
//	    reads the edge list, builds the projection and times PageRank,
//	    sampled betweenness, Louvain and connected components; prints one
//	    JSON object.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/shellnet/shellnet/analysis/centrality"
	"github.com/shellnet/shellnet/analysis/community"
	"github.com/shellnet/shellnet/graph"
	_ "github.com/shellnet/shellnet/graph/sqlite"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: shellbench generate|algo [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "generate":
		err = generate(os.Args[2:])
	case "algo":
		err = algo(os.Args[2:])
	case "store":
		err = store(os.Args[2:])
	default:
		err = fmt.Errorf("unknown subcommand %q (want generate or algo)", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "shellbench:", err)
		os.Exit(1)
	}
}

var countries = []string{"US", "CN", "HK", "SG", "MY", "KP", "RU", "AE", "DE", "GB", "KR", "JP", "TW", "IN", "TR"}
var types = []string{"SUPPLIES", "SUPPLIES", "SUPPLIES", "PAYS", "OWNS", "DIRECTS", "REPRESENTS", "ASSOCIATE"}

func generate(args []string) error {
	fs := flag.NewFlagSet("generate", flag.ExitOnError)
	n := fs.Int("n", 100_000, "entities")
	k := fs.Int("k", 5, "links per new entity")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", ".", "output folder")
	fs.Parse(args)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(*seed, 0xbe7c4))
	ents, err := os.Create(filepath.Join(*out, "entities.csv"))
	if err != nil {
		return err
	}
	ew := bufio.NewWriterSize(ents, 1<<20)
	fmt.Fprintln(ew, "id,kind,name,countries")
	for i := range *n {
		kind := "Company"
		if r.IntN(5) == 0 {
			kind = "Person"
		}
		fmt.Fprintf(ew, "e%08d,%s,%s %d,%s\n", i, kind, kind, i, countries[r.IntN(len(countries))])
	}
	if err := flushClose(ew, ents); err != nil {
		return err
	}
	links, err := os.Create(filepath.Join(*out, "links.csv"))
	if err != nil {
		return err
	}
	lw := bufio.NewWriterSize(links, 1<<20)
	edges, err := os.Create(filepath.Join(*out, "edges.txt"))
	if err != nil {
		return err
	}
	xw := bufio.NewWriterSize(edges, 1<<20)
	fmt.Fprintln(lw, "from,to,type")
	seen := make(map[uint64]struct{}, *n**k)
	ends := make([]int32, 0, 2**n**k)
	m := 0
	for i := 1; i < *n; i++ {
		first := len(ends)
		for j := 0; j < *k && j < i; j++ {
			var t int
			for try := 0; try < 10; try++ {
				if first == 0 || r.IntN(4) == 0 {
					t = r.IntN(i) // some uniform attachment keeps the tail reachable
				} else {
					t = int(ends[r.IntN(first)])
				}
				if _, dup := seen[uint64(t)<<32|uint64(i)]; !dup {
					break
				}
			}
			key := uint64(t)<<32 | uint64(i)
			if _, dup := seen[key]; dup {
				continue
			}
			seen[key] = struct{}{}
			ends = append(ends, int32(i), int32(t))
			from, to := i, t
			if r.IntN(2) == 0 {
				from, to = to, from
			}
			fmt.Fprintf(lw, "e%08d,e%08d,%s\n", from, to, types[r.IntN(len(types))])
			xw.WriteString(strconv.Itoa(from))
			xw.WriteByte(' ')
			xw.WriteString(strconv.Itoa(to))
			xw.WriteByte('\n')
			m++
		}
	}
	if err := flushClose(lw, links); err != nil {
		return err
	}
	if err := flushClose(xw, edges); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "generated %d entities and %d links in %s\n", *n, m, *out)
	return nil
}

func flushClose(w *bufio.Writer, f *os.File) error {
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readEdges builds a projection from "u v" lines: node i is entity e%08d.
func readEdges(path string) (*graph.Projection, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var from, to []int32
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := int32(0)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		var u, v int32
		i := 0
		for ; i < len(b) && b[i] != ' '; i++ {
			u = u*10 + int32(b[i]-'0')
		}
		for i++; i < len(b); i++ {
			v = v*10 + int32(b[i]-'0')
		}
		from, to = append(from, u), append(to, v)
		n = max(n, u+1, v+1)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s line %d: %w", path, line, err)
	}
	nodes := make([]graph.Node, n)
	for i := range nodes {
		nodes[i] = graph.Node{ID: fmt.Sprintf("e%08d", i), Kind: graph.Company}
	}
	typ := make([]graph.LinkCode, len(from))
	w := make([]float32, len(from))
	for i := range w {
		w[i] = 1
	}
	return graph.NewProjection(nodes, from, to, typ, w), nil
}

func algo(args []string) error {
	fs := flag.NewFlagSet("algo", flag.ExitOnError)
	sample := fs.Int("sample", 32, "betweenness pivots")
	seed := fs.Uint64("seed", 1, "random seed")
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("algo: want one edge list")
	}
	res := map[string]any{"lib": "shellnet"}
	var p *graph.Projection
	err := timed(res, "load", func() (err error) {
		if p, err = readEdges(fs.Arg(0)); err == nil {
			p.Undirected()
		}
		return err
	})
	if err != nil {
		return err
	}
	res["nodes"], res["links"] = p.Len(), p.Undirected().Edges()
	err = timed(res, "pagerank", func() error {
		_, err := centrality.PageRank(p, centrality.PageRankOptions{})
		return err
	})
	if err != nil {
		return err
	}
	// NetworkX's stopping rule (L1 change below n·1e-6) is loose on large
	// graphs; igraph's PRPACK solves to 1e-10, so time that precision too
	err = timed(res, "pagerank_tight", func() error {
		_, err := centrality.PageRank(p, centrality.PageRankOptions{Tol: 1e-10 / float64(p.Len()), MaxIter: 1000})
		return err
	})
	if err != nil {
		return err
	}
	err = timed(res, "betweenness", func() error {
		_, err := centrality.Betweenness(p, centrality.BetweennessOptions{Sample: *sample, Seed: *seed})
		return err
	})
	if err != nil {
		return err
	}
	err = timed(res, "louvain", func() error {
		_, count, q, err := community.Louvain(p, community.LouvainOptions{Seed: *seed})
		res["louvain_modularity"], res["louvain_communities"] = q, count
		return err
	})
	if err != nil {
		return err
	}
	timed(res, "wcc", func() error {
		_, res["components"] = community.Components(p)
		return nil
	})
	return json.NewEncoder(os.Stdout).Encode(res)
}

// timed runs fn and records its wall and CPU seconds (all threads) as
// res[key_s] and res[key_cpu_s].
func timed(res map[string]any, key string, fn func() error) error {
	c0, t0 := cpuSeconds(), time.Now()
	err := fn()
	res[key+"_s"], res[key+"_cpu_s"] = time.Since(t0).Seconds(), cpuSeconds()-c0
	return err
}

// cpuSeconds is the user and system time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func store(args []string) error {
	fs := flag.NewFlagSet("store", flag.ExitOnError)
	uri := fs.String("store", "", "store URI")
	batch := fs.Int("batch", 20000, "records per upsert")
	fs.Parse(args)
	if fs.NArg() != 1 || *uri == "" {
		return fmt.Errorf("store: want -store URI and the generated folder")
	}
	ctx := context.Background()
	s, err := graph.Open(ctx, *uri)
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	dir := fs.Arg(0)
	var es []graph.Entity
	err = eachRow(filepath.Join(dir, "entities.csv"), func(r []string) error {
		es = append(es, graph.Entity{ID: r[0], Kind: graph.Kind(r[1]), Name: r[2], Countries: []string{r[3]}})
		if len(es) == *batch {
			err := s.UpsertEntities(ctx, es)
			es = es[:0]
			return err
		}
		return nil
	})
	if err == nil && len(es) > 0 {
		err = s.UpsertEntities(ctx, es)
	}
	if err != nil {
		return err
	}
	var ls []graph.Link
	err = eachRow(filepath.Join(dir, "links.csv"), func(r []string) error {
		t := graph.LinkType(r[2])
		ls = append(ls, graph.Link{ID: graph.LinkID(r[0], t, r[1]), From: r[0], To: r[1], Type: t})
		if len(ls) == *batch {
			err := s.UpsertLinks(ctx, ls)
			ls = ls[:0]
			return err
		}
		return nil
	})
	if err == nil && len(ls) > 0 {
		err = s.UpsertLinks(ctx, ls)
	}
	return err
}

// eachRow calls fn for each record of a CSV file after its header.
func eachRow(path string, fn func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}
