package centrality

import "github.com/shellnet/shellnet/graph"

// Harmonic returns the harmonic centrality of every node, indexed like
// p.Nodes: the sum of the reciprocal distances from every other node,
//
//	h(u) = Σ_{v≠u} 1/d(v,u)
//
// (unreachable nodes add 0), not normalised, as NetworkX's
// harmonic_centrality returns it (Marchiori and Latora 2000,
// doi:10.1016/S0378-4371(00)00311-3; Boldi and Vigna 2014,
// doi:10.1080/15427951.2013.865686). Divide by n−1 for a value in [0, 1].
// Directed views use incoming distances, weighted views take weights as
// lengths (positive). It searches from every node: O(n·m), on all
// processors.
func Harmonic(p *graph.Projection, o Options) ([]float64, error) {
	v, err := newView(p, o)
	if err != nil {
		return nil, err
	}
	if err := positive(v); err != nil {
		return nil, err
	}
	out := make([]float64, v.n)
	fromEveryNode(v, func(u int32, s *search) {
		h := 0.0
		for _, x := range s.order[1:] {
			h += 1 / s.distance(x)
		}
		out[u] = h
	})
	return out, nil
}
