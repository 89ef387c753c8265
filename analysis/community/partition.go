package community

import (
	"cmp"
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// undirected is the projection's undirected view with float64 weights (1
// per linked pair when unweighted).
type undirected struct {
	off []int32
	adj []int32
	w   []float64
}

func newUndirected(p *graph.Projection, weighted bool) *undirected {
	u := p.Undirected()
	g := &undirected{off: u.Off, adj: u.Adj, w: make([]float64, len(u.Adj))}
	for i := range g.w {
		if weighted {
			g.w[i] = float64(u.W[i])
		} else {
			g.w[i] = 1
		}
	}
	return g
}

func (g *undirected) n() int { return len(g.off) - 1 }

// Canonical renumbers a labelling so that communities are numbered from 0
// by decreasing size, ties broken by their smallest member, and returns the
// number of communities. Labels may be any non-negative int32 values.
func Canonical(labels []int32) int {
	if len(labels) == 0 {
		return 0
	}
	top := slices.Max(labels)
	size := make([]int32, top+1)
	first := make([]int32, top+1)
	for i := range first {
		first[i] = -1
	}
	for i, l := range labels {
		if first[l] < 0 {
			first[l] = int32(i)
		}
		size[l]++
	}
	var used []int32
	for l := range size {
		if size[l] > 0 {
			used = append(used, int32(l))
		}
	}
	slices.SortFunc(used, func(a, b int32) int {
		if c := cmp.Compare(size[b], size[a]); c != 0 {
			return c
		}
		return cmp.Compare(first[a], first[b])
	})
	rank := make([]int32, top+1)
	for r, l := range used {
		rank[l] = int32(r)
	}
	for i, l := range labels {
		labels[i] = rank[l]
	}
	return len(used)
}

// Modularity returns the modularity of the partition labels of p's
// undirected view (Newman and Girvan 2004, doi:10.1103/PhysRevE.69.026113;
// with a resolution γ, Reichardt and Bornholdt 2006,
// doi:10.1103/PhysRevE.74.016110), as NetworkX's modularity computes it:
//
//	Q = Σ_c [ L_c/m − γ·(d_c/2m)² ]
//
// where m is the total edge weight, L_c the weight of the edges inside c
// and d_c the sum of the (weighted) degrees of c's nodes. It is 0 for a
// graph without edges. O(n + m).
func Modularity(p *graph.Projection, labels []int32, resolution float64, weighted bool) float64 {
	return newUndirected(p, weighted).modularity(labels, resolution)
}

func (g *undirected) modularity(labels []int32, resolution float64) float64 {
	if len(labels) == 0 {
		return 0
	}
	k := int(slices.Max(labels)) + 1
	in := make([]float64, k)
	deg := make([]float64, k)
	total := 0.0
	for u := range g.n() {
		c := labels[u]
		for j := g.off[u]; j < g.off[u+1]; j++ {
			w := g.w[j]
			deg[c] += w
			total += w
			if labels[g.adj[j]] == c {
				in[c] += w
			}
		}
	}
	if total == 0 {
		return 0
	}
	m := total / 2
	q := 0.0
	for c := range k {
		q += in[c]/2/m - resolution*(deg[c]/total)*(deg[c]/total)
	}
	return q
}
