package centrality

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/graph"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
)

// loadGraph reads a reference graph of analysis/testdata/graphs.
func loadGraph(t testing.TB, name string) *graph.Projection { return testnet.Load(t, name) }

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
