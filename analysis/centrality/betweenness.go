package centrality

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// BetweennessOptions tunes Betweenness.
type BetweennessOptions struct {
	Options
	// Sample is the number of source nodes (pivots) drawn at random to
	// estimate betweenness on large graphs; 0, or n or more, computes it
	// exactly from every node.
	Sample int
	// Seed chooses the pivots; the same seed gives the same pivots and
	// the same scores, bit for bit.
	Seed uint64
}

// betweennessParts is the number of slices the sources are cut into, each
// summed on its own and then added up in order: fixed, so that scores do
// not depend on the number of processors.
const betweennessParts = 8

// Betweenness returns the betweenness centrality of every node, indexed
// like p.Nodes: the share of shortest paths between other pairs of nodes
// that pass through it,
//
//	c(v) = 1/((n−1)(n−2)) · Σ_{s≠v≠t} σ(s,t|v)/σ(s,t)
//
// normalised by the number of ordered pairs as NetworkX's
// betweenness_centrality does by default (an undirected graph counts each
// pair from both ends, so the same scale applies). It is Brandes' algorithm
// (doi:10.1080/0022250X.2001.9990249): a breadth-first search from each
// source, or Dijkstra's when the view is weighted (weights are lengths and
// must be positive), then dependencies summed back along the search order;
// O(n·m) time unweighted and O(n·m·log n) weighted, O(n) memory per
// processor.
//
// With Sample k < n only k sources drawn with Seed are searched and the
// sums are scaled up as NetworkX scales betweenness_centrality(k=…): by
// 1/(k(n−2)) for nodes that were not sources and 1/((k−1)(n−2)) for those
// that were (a source is never an inner node of its own paths), so that
// the estimate is unbiased (Brandes and Pich 2007,
// doi:10.1142/S0218127407018403). That costs O(k·m).
func Betweenness(p *graph.Projection, o BetweennessOptions) ([]float64, error) {
	v, err := newView(p, o.Options)
	if err != nil {
		return nil, err
	}
	if err := positive(v); err != nil {
		return nil, err
	}
	n := v.n
	if o.Sample < 0 || o.Sample == 1 {
		return nil, fmt.Errorf("analysis/centrality: betweenness sample %d: want 0 (exact) or at least 2 pivots", o.Sample)
	}
	sources, sampled := pivots(n, o.Sample, o.Seed)
	parts := min(betweennessParts, len(sources))
	acc := make([][]float64, parts)
	scratch := make([]*brandes, workerCount(parts))
	workers(parts, func(w, b int) {
		if scratch[w] == nil {
			scratch[w] = newBrandes(v)
		}
		acc[b] = make([]float64, n)
		lo, hi := b*len(sources)/parts, (b+1)*len(sources)/parts
		for _, s := range sources[lo:hi] {
			scratch[w].accumulate(s, acc[b])
		}
	})
	bc := make([]float64, n)
	for _, a := range acc {
		for i, x := range a {
			bc[i] += x
		}
	}
	if n <= 2 {
		return bc, nil
	}
	if !sampled {
		scale := 1 / (float64(n-1) * float64(n-2))
		for i := range bc {
			bc[i] *= scale
		}
		return bc, nil
	}
	k := float64(len(sources))
	other, source := 1/(k*float64(n-2)), 1/((k-1)*float64(n-2))
	for i := range bc {
		bc[i] *= other
	}
	for _, s := range sources {
		bc[s] *= source / other
	}
	return bc, nil
}

// pivots returns the sources of the searches in increasing order: all
// nodes, or k drawn without replacement with seed (sampled is then true).
func pivots(n, k int, seed uint64) (sources []int32, sampled bool) {
	if k == 0 || k >= n {
		sources = make([]int32, n)
		for i := range sources {
			sources[i] = int32(i)
		}
		return sources, false
	}
	r := rand.New(rand.NewPCG(seed, 0xb7a2de5))
	perm := r.Perm(n)[:k]
	sources = make([]int32, k)
	for i, x := range perm {
		sources[i] = int32(x)
	}
	slices.Sort(sources)
	return sources, true
}

// brandes is one processor's scratch space for Brandes' algorithm.
type brandes struct {
	v     *view
	s     *search
	coeff []float64 // (1 + δ(w)) / σ(w) of nodes already summed back
}

func newBrandes(v *view) *brandes {
	return &brandes{v: v, s: newSearch(v.n, v.weighted, true), coeff: make([]float64, v.n)}
}

// accumulate adds to bc the dependencies δ(v) of source src on every other
// node v: δ(v) = σ(v) · Σ_{w: v precedes w} (1 + δ(w))/σ(w).
func (b *brandes) accumulate(src int32, bc []float64) {
	s, c := b.s, &b.v.out
	if b.v.weighted {
		s.dijkstra(c, src)
	} else {
		s.bfs(c, src)
	}
	for i := len(s.order) - 1; i > 0; i-- {
		v := s.order[i]
		sum := 0.0
		if b.v.weighted {
			dv := s.dist[v]
			for j := c.off[v]; j < c.off[v+1]; j++ {
				if w := c.adj[j]; dv+float64(c.w[j]) == s.dist[w] {
					sum += b.coeff[w]
				}
			}
		} else {
			next := s.hop[v] + 1
			for _, w := range c.adj[c.off[v]:c.off[v+1]] {
				if s.hop[w] == next {
					sum += b.coeff[w]
				}
			}
		}
		delta := s.sigma[v] * sum
		bc[v] += delta
		b.coeff[v] = (1 + delta) / s.sigma[v]
	}
}
