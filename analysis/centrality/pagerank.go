package centrality

import (
	"fmt"
	"math"

	"github.com/shellnet/shellnet/graph"
)

// PageRankOptions tunes PageRank; zero fields take NetworkX's defaults.
type PageRankOptions struct {
	Options
	Damping float64 // probability of following a link; 0 means 0.85
	Tol     float64 // stop when the L1 change of an iteration is below n·Tol; 0 means 1e-6
	// MaxErr caps that bound: 0 means 1e-4, negative means no cap (exactly
	// NetworkX's rule). NetworkX's n·1e-6 lets a million-node graph stop
	// once the L1 change is below 1, which the first iteration already
	// achieves; the cap keeps large graphs iterating to useful ranks and
	// changes nothing below 100 nodes.
	MaxErr  float64
	MaxIter int // 0 means 100
}

// blockCount is the number of work blocks that iterative algorithms split
// the nodes into; fixed, so that results do not depend on the machine.
const blockCount = 32

// PageRank returns the PageRank of every node, indexed like p.Nodes, summing
// to 1 (Brin and Page 1998, doi:10.1016/S0169-7552(98)00110-X).
//
// It is NetworkX's pagerank with its defaults: uniform start and teleport
// vector, the rank of dangling nodes (no outgoing links, or only links of
// weight 0) spread uniformly, an undirected link followed both ways, a
// weighted link followed in proportion to its weight, and power iteration
//
//	x'(v) = d·Σ_{u→v} x(u)·w(u,v)/W(u) + (d·Σ_{dangling u} x(u) + 1 − d)/n
//
// until Σ|x' − x| < min(n·Tol, MaxErr). Each iteration costs O(n + m) and runs on all
// processors; the result does not depend on their number. When MaxIter
// iterations do not converge it returns the last iterate and an error
// wrapping ErrNoConvergence.
func PageRank(p *graph.Projection, o PageRankOptions) ([]float64, error) {
	if o.Damping == 0 {
		o.Damping = 0.85
	}
	if o.Tol == 0 {
		o.Tol = 1e-6
	}
	if o.MaxIter == 0 {
		o.MaxIter = 100
	}
	if o.MaxErr == 0 {
		o.MaxErr = 1e-4
	}
	if o.Damping < 0 || o.Damping >= 1 {
		return nil, fmt.Errorf("analysis/centrality: pagerank damping %g: want a value in [0, 1)", o.Damping)
	}
	v, err := newView(p, o.Options)
	if err != nil {
		return nil, err
	}
	n := v.n
	if n == 0 {
		return []float64{}, nil
	}
	inv := make([]float64, n) // 1 / out-strength, 0 for dangling nodes
	for u := range n {
		s := float64(v.out.degree(int32(u)))
		if v.weighted {
			s = 0
			for j := v.out.off[u]; j < v.out.off[u+1]; j++ {
				s += float64(v.out.w[j])
			}
		}
		if s > 0 {
			inv[u] = 1 / s
		}
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	y := make([]float64, n) // x(u)/W(u): what u sends along each unit of weight
	next := make([]float64, n)
	bounds := blocks(&v.in, blockCount)
	nb := len(bounds) - 1
	dang := make([]float64, nb)
	diff := make([]float64, nb)
	d, fn := o.Damping, float64(n)
	stop := fn * o.Tol
	if o.MaxErr > 0 {
		stop = min(stop, o.MaxErr)
	}
	run := parallel
	if n+len(v.in.adj) < 1<<14 {
		run = serial
	}
	for range o.MaxIter {
		run(nb, func(b int) {
			s := 0.0
			for u := bounds[b]; u < bounds[b+1]; u++ {
				y[u] = x[u] * inv[u]
				if inv[u] == 0 {
					s += x[u]
				}
			}
			dang[b] = s
		})
		base := (d*sum(dang) + 1 - d) / fn
		run(nb, func(b int) {
			e := 0.0
			off, adj, w := v.in.off, v.in.adj, v.in.w
			for t := bounds[b]; t < bounds[b+1]; t++ {
				acc := 0.0
				if w == nil {
					for _, u := range adj[off[t]:off[t+1]] {
						acc += y[u]
					}
				} else {
					for j := off[t]; j < off[t+1]; j++ {
						acc += y[adj[j]] * float64(w[j])
					}
				}
				nv := d*acc + base
				e += math.Abs(nv - x[t])
				next[t] = nv
			}
			diff[b] = e
		})
		x, next = next, x
		if sum(diff) < stop {
			return x, nil
		}
	}
	return x, fmt.Errorf("analysis/centrality: pagerank after %d iterations: %w", o.MaxIter, ErrNoConvergence)
}

// serial calls fn(b) for every block index in order.
func serial(nb int, fn func(b int)) {
	for b := range nb {
		fn(b)
	}
}

// sum adds xs in order.
func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}
