package centrality

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// loadGraph reads analysis/testdata/graphs/NAME/NAME_edges_weighted.csv
// (source,target,weight) into a projection; every node is a Person whose
// ID is its label.
func loadGraph(t testing.TB, name string) *graph.Projection {
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

// reference is analysis/testdata/graphs/NAME/networkx-3.6.1.json, written
// by scripts/bench/reference.py with NetworkX 3.6.1.
type reference struct {
	Undirected map[string]map[string]float64 `json:"undirected"`
	Directed   map[string]map[string]float64 `json:"directed"`
}

func loadReference(t testing.TB, name string) reference {
	t.Helper()
	path := filepath.Join("..", "testdata", "graphs", name, "networkx-3.6.1.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return ref
}

// want returns the reference scores of one measure, failing if absent.
func (r reference) want(t testing.TB, directed bool, measure string) map[string]float64 {
	t.Helper()
	m := r.Undirected
	if directed {
		m = r.Directed
	}
	s, ok := m[measure]
	if !ok || len(s) == 0 {
		t.Fatalf("reference has no %s scores (directed %v)", measure, directed)
	}
	return s
}

// compare checks got (indexed like p.Nodes) against want (by node ID) to tol.
func compare(t testing.TB, p *graph.Projection, what string, got []float64, want map[string]float64, tol float64) {
	t.Helper()
	if len(got) != p.Len() || len(want) != p.Len() {
		t.Fatalf("%s: %d scores for %d nodes, reference has %d", what, len(got), p.Len(), len(want))
	}
	bad := 0
	for id, w := range want {
		i, ok := p.Index(id)
		if !ok {
			t.Fatalf("%s: reference node %q not in the projection", what, id)
		}
		if d := math.Abs(got[i] - w); !(d <= tol) {
			if bad++; bad <= 5 {
				t.Errorf("%s[%s] = %.10g, NetworkX %.10g (diff %.3g > %g)", what, id, got[i], w, d, tol)
			}
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d nodes differ in all", what, bad)
	}
}

// preferential builds a Barabási–Albert graph of n nodes, each new node
// linked to k earlier ones chosen in proportion to degree, from seed.
func preferential(n, k int, seed uint64) *graph.Projection {
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
				t = r.IntN(i) // a little uniform attachment keeps low-degree nodes reachable
			} else {
				t = ends[r.IntN(first)]
			}
			b.AddLink(id(i), id(t), graph.Supplies, 1)
			ends = append(ends, i, t)
		}
	}
	return b.Build()
}
