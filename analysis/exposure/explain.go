package exposure

import (
	"container/heap"

	"github.com/shellnet/shellnet/graph"
)

// Contribution is one path's part in a score: the walks that restart at
// the sanctioned party Nodes[0] and follow the path to the entity.
type Contribution struct {
	Nodes []int32          // from the sanctioned party to the entity
	Types []graph.LinkType // Types[i] joins Nodes[i] and Nodes[i+1] (the heaviest link's type)
	// Value is the probability mass the path brings: jump·r(s)·Π d·P(u→w),
	// with jump the restart probability (1−d when no node is isolated) and
	// r(s) the restart weight of the sanctioned party.
	Value float64
	Share float64 // Value over the entity's score
}

// Explain returns the k simple paths of at most maxHops links from a seed
// to v that bring v the most mass, most first; each ends at the first seed
// met walking back from v. A seed's own restart is a path of one node. The
// shares do not add up to 1: walks that revisit nodes, and longer or
// lighter paths, bring the rest. Best-first over partial paths, at most
// budget of them popped (100,000 when 0).
func (r *Result) Explain(v int32, k, maxHops, budget int) []Contribution {
	if budget <= 0 {
		budget = 100_000
	}
	g, d := r.g, r.damping
	var out []Contribution
	if r.restart[v] > 0 {
		out = append(out, Contribution{Nodes: []int32{v}, Value: r.jump * r.restart[v]})
	}
	rmax := 0.0
	for _, s := range r.Seeds {
		rmax = max(rmax, r.restart[s])
	}
	// partial paths run from a head back to v
	type partial struct {
		head, parent int32
		typ          graph.LinkCode
		hops         int
		value        float64 // Π d·P from head to v
	}
	parts := []partial{{head: v, parent: -1, value: 1}}
	onPath := func(i int32, u int32) bool {
		for ; i >= 0; i = parts[i].parent {
			if parts[i].head == u {
				return true
			}
		}
		return false
	}
	q := &queue{}
	heap.Push(q, item{prio: r.jump * rmax, part: 0})
	for pops := 0; q.Len() > 0 && len(out) < k && pops < budget; pops++ {
		it := heap.Pop(q).(item)
		pi := it.part
		if it.complete {
			c := Contribution{Value: it.prio}
			for i := pi; i >= 0; i = parts[i].parent {
				c.Nodes = append(c.Nodes, parts[i].head)
				if parts[i].parent >= 0 {
					c.Types = append(c.Types, parts[i].typ.LinkType())
				}
			}
			out = append(out, c)
			continue
		}
		h := parts[pi].head
		if parts[pi].hops >= maxHops {
			continue
		}
		for j := g.off[h]; j < g.off[h+1]; j++ {
			u := g.adj[j]
			if onPath(pi, u) || g.deg[u] == 0 {
				continue
			}
			val := parts[pi].value * d * g.w[j] / g.deg[u]
			parts = append(parts, partial{head: u, parent: pi, typ: g.typ[j], hops: parts[pi].hops + 1, value: val})
			ni := int32(len(parts) - 1)
			if r.restart[u] > 0 {
				heap.Push(q, item{prio: r.jump * r.restart[u] * val, part: ni, complete: true, node: u})
			} else {
				heap.Push(q, item{prio: r.jump * rmax * val, part: ni, node: u})
			}
		}
	}
	score := r.Scores[v]
	for i := range out {
		if score > 0 {
			out[i].Share = out[i].Value / score
		}
	}
	return out
}

// item is a partial or complete path in Explain's queue; complete paths
// come first among equals, then lower nodes, so the order is deterministic.
type item struct {
	prio     float64
	part     int32
	complete bool
	node     int32
}

type queue []item

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if q[i].prio != q[j].prio {
		return q[i].prio > q[j].prio
	}
	if q[i].complete != q[j].complete {
		return q[i].complete
	}
	if q[i].node != q[j].node {
		return q[i].node < q[j].node
	}
	return q[i].part < q[j].part
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(item)) }
func (q *queue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
