package centrality

import "github.com/shellnet/shellnet/graph"

// Direction says which links a degree counts.
type Direction int

// The directions of Degree. In and Out read links as directed; Total counts
// distinct neighbours whichever way the links point.
const (
	Total Direction = iota
	In
	Out
)

// Degree returns the degree centrality of every node, indexed like p.Nodes:
// the number of distinct neighbours (in-, out- or all) divided by n−1, as
// NetworkX's degree_centrality, in_degree_centrality and
// out_degree_centrality compute it. With weighted set it returns instead
// the strength, the sum of the weights of those links, not normalised.
// It costs O(n + m).
func Degree(p *graph.Projection, dir Direction, weighted bool) ([]float64, error) {
	v, err := newView(p, Options{Directed: dir != Total, Weighted: weighted})
	if err != nil {
		return nil, err
	}
	c := &v.out
	if dir == In {
		c = &v.in
	}
	out := make([]float64, v.n)
	scale := 1.0
	if v.n > 1 {
		scale = 1 / float64(v.n-1)
	}
	for u := range out {
		if !weighted {
			out[u] = float64(c.degree(int32(u))) * scale
			continue
		}
		s := 0.0
		for j := c.off[u]; j < c.off[u+1]; j++ {
			s += float64(c.w[j])
		}
		out[u] = s
	}
	return out, nil
}
