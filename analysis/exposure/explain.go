package exposure

import (
	"math"
	"slices"

	"github.com/shellnet/shellnet/analysis/internal/heapq"
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
// lighter paths, bring the rest.
//
// The search is best-first over partial paths grown from v toward the
// seeds, ordered by their value times the most any completion could bring
// (computed once for all entities by a Dijkstra from the seeds over −log of
// the walk's factors), so complete paths come out heaviest first and the
// search walks nearly straight to them. At most budget partial paths are
// popped (10,000 when 0).
func (r *Result) Explain(v int32, k, maxHops, budget int) []Contribution {
	if budget <= 0 {
		budget = 10_000
	}
	bound, near := r.bounds()
	g, d := r.g, r.damping
	var out []Contribution
	if r.restart[v] > 0 {
		out = append(out, Contribution{Nodes: []int32{v}, Value: r.jump * r.restart[v]})
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
	q := heapq.New(item.before)
	q.Push(item{prio: bound[v], part: 0})
	for pops := 0; q.Len() > 0 && len(out) < k && pops < budget; pops++ {
		it := q.Pop()
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
			if onPath(pi, u) || g.deg[u] == 0 || parts[pi].hops+1+int(near[u]) > maxHops {
				continue
			}
			val := parts[pi].value * d * g.w[j] / g.deg[u]
			parts = append(parts, partial{head: u, parent: pi, typ: g.typ[j], hops: parts[pi].hops + 1, value: val})
			ni := int32(len(parts) - 1)
			if r.restart[u] > 0 {
				q.Push(item{prio: r.jump * r.restart[u] * val, part: ni, complete: true, node: u})
			} else if b := bound[u] * val; b > 0 {
				q.Push(item{prio: b, part: ni, node: u})
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

// bounds returns, for every node u, the most mass a path from a seed to u
// can bring (max over seeds s and paths s→…→u of jump·r(s)·Π d·P: a
// Dijkstra from the seeds over the costs −log(d·P)) and the fewest links
// from a seed to u (breadth-first, saturating at 255), computed once.
func (r *Result) bounds() ([]float64, []uint8) {
	r.boundOnce.Do(func() {
		g, n := r.g, len(r.Scores)
		dist := make([]float64, n)
		for i := range dist {
			dist[i] = math.Inf(1)
		}
		q := heapq.New(func(a, b qitem) bool { return a.d < b.d })
		for _, s := range r.Seeds {
			dist[s] = -math.Log(r.jump * r.restart[s])
			q.Push(qitem{dist[s], s})
		}
		for q.Len() > 0 {
			it := q.Pop()
			x := it.v
			if it.d > dist[x] || g.deg[x] == 0 {
				continue
			}
			for j := g.off[x]; j < g.off[x+1]; j++ {
				y := g.adj[j]
				if c := it.d - math.Log(r.damping*g.w[j]/g.deg[x]); c < dist[y] {
					dist[y] = c
					q.Push(qitem{c, y})
				}
			}
		}
		r.bound = make([]float64, n)
		for i, d := range dist {
			r.bound[i] = math.Exp(-d)
		}
		r.near = make([]uint8, n)
		for i := range r.near {
			r.near[i] = math.MaxUint8
		}
		frontier := slices.Clone(r.Seeds)
		for _, s := range frontier {
			r.near[s] = 0
		}
		for h := 1; len(frontier) > 0 && h < math.MaxUint8; h++ {
			var next []int32
			for _, x := range frontier {
				for _, y := range g.adj[g.off[x]:g.off[x+1]] {
					if r.near[y] == math.MaxUint8 {
						r.near[y] = uint8(h)
						next = append(next, y)
					}
				}
			}
			frontier = next
		}
	})
	return r.bound, r.near
}

type qitem struct {
	d float64
	v int32
}

// item is a partial or complete path in Explain's queue; complete paths
// come first among equals, then lower nodes, so the order is deterministic.
type item struct {
	prio     float64
	part     int32
	complete bool
	node     int32
}

// before orders Explain's queue: the heaviest first.
func (x item) before(y item) bool {
	if x.prio != y.prio {
		return x.prio > y.prio
	}
	if x.complete != y.complete {
		return x.complete
	}
	if x.node != y.node {
		return x.node < y.node
	}
	return x.part < y.part
}
