// Package testnet builds the networks that the analysis packages' tests
// and benchmarks share: the reference graphs of analysis/testdata/graphs,
// whose published values the tests check, and generated
// preferential-attachment networks for benchmarks.
package testnet

import (
	"encoding/csv"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// Load reads analysis/testdata/graphs/NAME/NAME_edges_weighted.csv
// (source,target,weight) into a projection, from a test of a package
// directly under analysis; every node is a Person whose ID is its label.
func Load(t testing.TB, name string) *graph.Projection {
	t.Helper()
	path := filepath.Join("..", "testdata", "graphs", name, name+"_edges_weighted.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: empty, want a header and edges", path)
	}
	b := graph.NewBuilder(0, len(rows))
	for i, r := range rows[1:] {
		w, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			t.Fatalf("%s line %d: weight: %v", path, i+2, err)
		}
		b.AddNode(graph.Node{ID: r[0], Name: r[0], Kind: graph.Person})
		b.AddNode(graph.Node{ID: r[1], Name: r[1], Kind: graph.Person})
		b.AddLink(r[0], r[1], graph.Associate, float32(w))
	}
	return b.Build()
}

// Preferential builds a Barabási–Albert graph of n nodes, each new node
// linked (SUPPLIES) to k earlier ones chosen in proportion to degree, one
// in four uniformly so that low-degree nodes stay reachable, from seed.
func Preferential(n, k int, seed uint64) *graph.Projection {
	r := rand.New(rand.NewPCG(seed, 0x5e11))
	b := graph.NewBuilder(n, n*k)
	ends := make([]int, 0, 2*n*k)
	id := func(i int) string { return "n" + strconv.Itoa(i) }
	for i := range n {
		b.AddNode(graph.Node{ID: id(i), Name: id(i), Kind: graph.Company})
	}
	for i := 1; i < n; i++ {
		first := len(ends)
		for j := 0; j < k && j < i; j++ {
			var t int
			if first == 0 || r.IntN(4) == 0 {
				t = r.IntN(i)
			} else {
				t = ends[r.IntN(first)]
			}
			b.AddLink(id(i), id(t), graph.Supplies, 1)
			ends = append(ends, i, t)
		}
	}
	return b.Build()
}

// Sizes are the benchmark networks: 100k nodes and 500k links, and 1M
// nodes and 5M links.
var Sizes = []struct {
	Name string
	N    int
}{{"100k", 100_000}, {"1M", 1_000_000}}

var built sync.Map

// Bench returns a preferential-attachment network of n nodes and 5n links
// with its undirected view ready, built once per process. Networks of 1M
// nodes or more take a while and gigabytes: they are built only when the
// -bench pattern names them ("PageRank/1M"), and skipped otherwise.
func Bench(b *testing.B, n int) *graph.Projection {
	b.Helper()
	if n >= 1_000_000 {
		if f := flag.Lookup("test.bench"); f == nil || !strings.Contains(f.Value.String(), "1M") {
			b.Skip("1M-node benchmarks run only when -bench names them, e.g. -bench 'PageRank/1M'")
		}
	}
	if p, ok := built.Load(n); ok {
		return p.(*graph.Projection)
	}
	p := Preferential(n, 5, 1)
	p.Undirected()
	built.Store(n, p)
	return p
}
