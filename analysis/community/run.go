package community

import (
	"fmt"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// Algorithms lists the names that Run accepts.
var Algorithms = []string{"louvain", "wcc", "labelprop"}

// Config chooses a partition algorithm and its options, as the command
// line does.
type Config struct {
	Algo       string  // one of Algorithms
	Resolution float64 // Louvain's γ, also used to score every partition; 0 means 1
	Seed       uint64  // Louvain and label propagation
	Weighted   bool
}

// Result is a partition of the projection's nodes.
type Result struct {
	Algorithm  string
	Labels     []int32 // community of each node, numbered as Canonical numbers them
	Count      int
	Modularity float64 // of Labels, with the same resolution and weights
}

// Run partitions p as c says.
func Run(p *graph.Projection, c Config) (Result, error) {
	if c.Resolution == 0 {
		c.Resolution = 1
	}
	r := Result{Algorithm: c.Algo}
	switch c.Algo {
	case "louvain":
		var err error
		r.Labels, r.Count, r.Modularity, err = Louvain(p, LouvainOptions{Resolution: c.Resolution, Seed: c.Seed, Weighted: c.Weighted})
		return r, err
	case "wcc":
		r.Labels, r.Count = Components(p)
	case "labelprop":
		r.Labels, r.Count = LabelPropagation(p, LabelPropOptions{Seed: c.Seed, Weighted: c.Weighted})
	default:
		return r, fmt.Errorf("analysis/community: unknown algorithm %q (known: %s)", c.Algo, strings.Join(Algorithms, ", "))
	}
	r.Modularity = Modularity(p, r.Labels, c.Resolution, c.Weighted)
	return r, nil
}
