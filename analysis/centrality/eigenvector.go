package centrality

import (
	"fmt"
	"math"

	"github.com/shellnet/shellnet/graph"
)

// IterOptions tunes an iterative centrality; zero fields take defaults.
type IterOptions struct {
	Options
	Tol     float64 // convergence tolerance (see each algorithm)
	MaxIter int     // iterations before giving up
}

// Eigenvector returns the eigenvector centrality of every node, indexed
// like p.Nodes (Bonacich 1972, doi:10.1080/0022250X.1972.9989806): the
// principal eigenvector of the adjacency matrix (transposed, for directed
// views: a node is central when central nodes link to it), with unit
// Euclidean norm. It is NetworkX's eigenvector_centrality: power iteration
// on A+I from a uniform start,
//
//	x'(v) = x(v) + Σ_{u→v} w(u,v)·x(u),  x' ← x'/‖x'‖₂,
//
// until Σ|x' − x| < n·Tol (default 1e-6), at most MaxIter (default 100)
// iterations of O(n + m) each; when they do not converge (a directed graph
// without cycles has no such vector) it returns the last iterate and an
// error wrapping ErrNoConvergence.
func Eigenvector(p *graph.Projection, o IterOptions) ([]float64, error) {
	if o.Tol == 0 {
		o.Tol = 1e-6
	}
	if o.MaxIter == 0 {
		o.MaxIter = 100
	}
	v, err := newView(p, o.Options)
	if err != nil {
		return nil, err
	}
	n := v.n
	if n == 0 {
		return []float64{}, nil
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	next := make([]float64, n)
	bounds := blocks(&v.in, blockCount)
	nb := len(bounds) - 1
	part := make([]float64, nb)
	run := parallel
	if n+len(v.in.adj) < 1<<14 {
		run = serial
	}
	for range o.MaxIter {
		run(nb, func(b int) {
			ss := 0.0
			for t := bounds[b]; t < bounds[b+1]; t++ {
				acc := x[t]
				off, adj, w := v.in.off, v.in.adj, v.in.w
				for j := off[t]; j < off[t+1]; j++ {
					if w == nil {
						acc += x[adj[j]]
					} else {
						acc += x[adj[j]] * float64(w[j])
					}
				}
				next[t] = acc
				ss += acc * acc
			}
			part[b] = ss
		})
		norm := math.Sqrt(sum(part))
		if norm == 0 {
			norm = 1
		}
		run(nb, func(b int) {
			e := 0.0
			for t := bounds[b]; t < bounds[b+1]; t++ {
				next[t] /= norm
				e += math.Abs(next[t] - x[t])
			}
			part[b] = e
		})
		x, next = next, x
		if sum(part) < float64(n)*o.Tol {
			return x, nil
		}
	}
	return x, fmt.Errorf("analysis/centrality: eigenvector centrality after %d iterations: %w", o.MaxIter, ErrNoConvergence)
}
