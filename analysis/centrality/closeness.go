package centrality

import "github.com/shellnet/shellnet/graph"

// Closeness returns the closeness centrality of every node, indexed like
// p.Nodes, as NetworkX's closeness_centrality computes it by default (with
// Wasserman and Faust's correction for graphs that are not connected):
//
//	c(u) = (r−1)/Σ_v d(v,u) · (r−1)/(n−1)
//
// where r is the number of nodes that reach u (u included) and d(v,u) the
// length of a shortest path from v to u; 0 when nothing reaches u. On a
// connected undirected graph it is (n−1)/Σ d. Directed views use incoming
// distances, as NetworkX does; weighted views take weights as lengths
// (positive). It searches from every node: O(n·m), on all processors.
func Closeness(p *graph.Projection, o Options) ([]float64, error) {
	v, err := newView(p, o)
	if err != nil {
		return nil, err
	}
	if err := positive(v); err != nil {
		return nil, err
	}
	out := make([]float64, v.n)
	fromEveryNode(v, func(u int32, s *search) {
		total := 0.0
		for _, x := range s.order {
			total += s.distance(x)
		}
		if total > 0 && v.n > 1 {
			r := float64(len(s.order) - 1)
			out[u] = r / total * (r / float64(v.n-1))
		}
	})
	return out, nil
}
