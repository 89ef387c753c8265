package centrality

import (
	"fmt"
	"math"

	"github.com/shellnet/shellnet/graph"
)

// HITS returns the hub and authority scores of every node, indexed like
// p.Nodes, each summing to 1 (Kleinberg 1999, doi:10.1145/324133.324140):
// authorities are the principal right singular vector of the adjacency
// matrix A (weighted when the view is), hubs are A times it. NetworkX's
// hits finds the same vectors with a sparse SVD; this finds them by power
// iteration on AᵀA from a uniform start,
//
//	h = A·a,  a' = Aᵀ·h,  a' ← a'/Σa',
//
// until Σ|a' − a| < Tol (default 1e-10), at most MaxIter (default 1000)
// iterations of O(n + m) each; otherwise it returns the last iterate and an
// error wrapping ErrNoConvergence. On an undirected view hubs and
// authorities coincide (and equal the eigenvector centrality, scaled).
func HITS(p *graph.Projection, o IterOptions) (hubs, authorities []float64, err error) {
	if o.Tol == 0 {
		o.Tol = 1e-10
	}
	if o.MaxIter == 0 {
		o.MaxIter = 1000
	}
	v, err := newView(p, o.Options)
	if err != nil {
		return nil, nil, err
	}
	n := v.n
	if n == 0 {
		return []float64{}, []float64{}, nil
	}
	a := make([]float64, n)
	for i := range a {
		a[i] = 1 / float64(n)
	}
	h := make([]float64, n)
	next := make([]float64, n)
	for iter := 0; ; iter++ {
		multiply(h, &v.out, a) // h(u) = Σ_{u→v} w·a(v)
		multiply(next, &v.in, h)
		normalise(next)
		e := 0.0
		for i := range a {
			e += math.Abs(next[i] - a[i])
		}
		a, next = next, a
		if e < o.Tol {
			break
		}
		if iter+1 == o.MaxIter {
			err = fmt.Errorf("analysis/centrality: hits after %d iterations: %w", o.MaxIter, ErrNoConvergence)
			break
		}
	}
	multiply(h, &v.out, a)
	normalise(h)
	return h, a, err
}

// multiply sets dst(u) = Σ_j w_j·x(adj_j) over u's row of c.
func multiply(dst []float64, c *csr, x []float64) {
	for u := range dst {
		acc := 0.0
		for j := c.off[u]; j < c.off[u+1]; j++ {
			if c.w == nil {
				acc += x[c.adj[j]]
			} else {
				acc += x[c.adj[j]] * float64(c.w[j])
			}
		}
		dst[u] = acc
	}
}

// normalise scales x to sum 1, unless it sums to 0.
func normalise(x []float64) {
	s := sum(x)
	if s == 0 {
		return
	}
	for i := range x {
		x[i] /= s
	}
}
