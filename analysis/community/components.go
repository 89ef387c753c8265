package community

import "github.com/shellnet/shellnet/graph"

// Components returns the weakly connected component of every node, indexed
// like p.Nodes and numbered as Canonical numbers them, and their number.
// It is union-find with path halving and union by size over the link
// arrays: O(m·α(n)) time, O(n) memory, no adjacency needed.
func Components(p *graph.Projection) (labels []int32, count int) {
	n := p.Len()
	parent := make([]int32, n)
	size := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
		size[i] = 1
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i := range p.From {
		a, b := find(p.From[i]), find(p.To[i])
		if a == b {
			continue
		}
		if size[a] < size[b] {
			a, b = b, a
		}
		parent[b] = a
		size[a] += size[b]
	}
	labels = make([]int32, n)
	for i := range labels {
		labels[i] = find(int32(i))
	}
	return labels, Canonical(labels)
}
