package graph

import (
	"slices"
	"sync"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
)

// Undirected is the simple undirected graph underlying a projection: each
// pair of linked nodes once, whatever the number and direction of the links
// between them, self-links dropped; W sums the weights of those links.
// Neighbours of u are Adj[Off[u]:Off[u+1]], sorted.
type Undirected struct {
	Off []int32
	Adj []int32
	W   []float32
}

var undMu sync.Mutex

// Undirected returns the projection's undirected view, building it once.
func (p *Projection) Undirected() *Undirected {
	undMu.Lock()
	defer undMu.Unlock()
	if p.und != nil {
		return p.und
	}
	n := len(p.Nodes)
	deg := make([]int32, n+1)
	for i := range p.From {
		if p.From[i] != p.To[i] {
			deg[p.From[i]+1]++
			deg[p.To[i]+1]++
		}
	}
	for u := 0; u < n; u++ {
		deg[u+1] += deg[u]
	}
	adj := make([]int32, deg[n])
	w := make([]float32, deg[n])
	next := slices.Clone(deg[:n])
	for i := range p.From {
		u, v := p.From[i], p.To[i]
		if u == v {
			continue
		}
		adj[next[u]], w[next[u]] = v, p.Weight(int32(i))
		next[u]++
		adj[next[v]], w[next[v]] = u, p.Weight(int32(i))
		next[v]++
	}
	// sort each neighbour list and fold duplicates, summing weights
	off := make([]int32, n+1)
	k := int32(0)
	type nb struct {
		v int32
		w float32
	}
	var buf []nb
	for u := 0; u < n; u++ {
		buf = buf[:0]
		for j := deg[u]; j < deg[u+1]; j++ {
			buf = append(buf, nb{adj[j], w[j]})
		}
		slices.SortFunc(buf, func(a, b nb) int { return int(a.v - b.v) })
		off[u] = k
		for j, x := range buf {
			if j > 0 && buf[j-1].v == x.v {
				w[k-1] += x.w
				continue
			}
			adj[k], w[k] = x.v, x.w
			k++
		}
	}
	off[n] = k
	p.und = &Undirected{Off: off, Adj: adj[:k:k], W: w[:k:k]}
	return p.und
}

// Neighbours returns u's neighbours in the undirected view.
func (g *Undirected) Neighbours(u int32) []int32 { return g.Adj[g.Off[u]:g.Off[u+1]] }

// Degree returns u's degree in the undirected view.
func (g *Undirected) Degree(u int32) int { return int(g.Off[u+1] - g.Off[u]) }

// Edges is the number of undirected edges.
func (g *Undirected) Edges() int { return len(g.Adj) / 2 }

// Views for gonum. Node IDs are the projection's dense indices.
var (
	_ gonum.Directed           = DirectedView{}
	_ gonum.WeightedDirected   = DirectedView{}
	_ gonum.Undirected         = UndirectedView{}
	_ gonum.WeightedUndirected = UndirectedView{}
)

// DirectedView shows a projection as a gonum directed, weighted graph:
// parallel links between two nodes are one edge whose weight is their sum.
type DirectedView struct{ P *Projection }

// UndirectedView shows a projection as a gonum undirected, weighted graph.
type UndirectedView struct {
	P *Projection
	U *Undirected
}

// Directed returns the projection's directed gonum view.
func (p *Projection) Directed() DirectedView { return DirectedView{p} }

// UndirectedGonum returns the projection's undirected gonum view.
func (p *Projection) UndirectedGonum() UndirectedView { return UndirectedView{p, p.Undirected()} }

func (p *Projection) has(id int64) bool { return id >= 0 && id < int64(len(p.Nodes)) }

// Node implements gonum's graph.Graph.
func (g DirectedView) Node(id int64) gonum.Node {
	if !g.P.has(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes implements gonum's graph.Graph.
func (g DirectedView) Nodes() gonum.Nodes { return &rangeNodes{n: int64(len(g.P.Nodes)), cur: -1} }

// From implements gonum's graph.Graph: the distinct heads of u's links.
func (g DirectedView) From(id int64) gonum.Nodes {
	if !g.P.has(id) {
		return gonum.Empty
	}
	lo, hi := g.P.Out(int32(id))
	var ids []int32
	for i := lo; i < hi; i++ {
		if len(ids) == 0 || ids[len(ids)-1] != g.P.To[i] {
			ids = append(ids, g.P.To[i])
		}
	}
	return &listNodes{ids: ids, cur: -1}
}

// To implements gonum's graph.Directed: the distinct tails of v's links.
func (g DirectedView) To(id int64) gonum.Nodes {
	if !g.P.has(id) {
		return gonum.Empty
	}
	var ids []int32
	for _, i := range g.P.In(int32(id)) {
		if len(ids) == 0 || ids[len(ids)-1] != g.P.From[i] {
			ids = append(ids, g.P.From[i])
		}
	}
	return &listNodes{ids: ids, cur: -1}
}

// weight sums the weights of the links u→v; ok is false when there are none.
func (p *Projection) weight(u, v int64) (float64, bool) {
	if !p.has(u) || !p.has(v) {
		return 0, false
	}
	lo, hi := p.Out(int32(u))
	j, _ := slices.BinarySearch(p.To[lo:hi], int32(v))
	sum, ok := 0.0, false
	for i := lo + int32(j); i < hi && p.To[i] == int32(v); i++ {
		sum += float64(p.Weight(i))
		ok = true
	}
	return sum, ok
}

// HasEdgeFromTo implements gonum's graph.Directed.
func (g DirectedView) HasEdgeFromTo(u, v int64) bool { _, ok := g.P.weight(u, v); return ok }

// HasEdgeBetween implements gonum's graph.Graph.
func (g DirectedView) HasEdgeBetween(x, y int64) bool {
	return g.HasEdgeFromTo(x, y) || g.HasEdgeFromTo(y, x)
}

// Edge implements gonum's graph.Graph.
func (g DirectedView) Edge(u, v int64) gonum.Edge {
	if e := g.WeightedEdge(u, v); e != nil {
		return e
	}
	return nil
}

// WeightedEdge implements gonum's graph.Weighted.
func (g DirectedView) WeightedEdge(u, v int64) gonum.WeightedEdge {
	w, ok := g.P.weight(u, v)
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(u), T: simple.Node(v), W: w}
}

// Weight implements gonum's graph.Weighted.
func (g DirectedView) Weight(x, y int64) (float64, bool) {
	if x == y && g.P.has(x) {
		if w, ok := g.P.weight(x, y); ok {
			return w, true
		}
		return 0, true
	}
	return g.P.weight(x, y)
}

// Node implements gonum's graph.Graph.
func (g UndirectedView) Node(id int64) gonum.Node { return DirectedView{g.P}.Node(id) }

// Nodes implements gonum's graph.Graph.
func (g UndirectedView) Nodes() gonum.Nodes { return DirectedView{g.P}.Nodes() }

// From implements gonum's graph.Graph.
func (g UndirectedView) From(id int64) gonum.Nodes {
	if !g.P.has(id) {
		return gonum.Empty
	}
	return &listNodes{ids: g.U.Neighbours(int32(id)), cur: -1}
}

func (g UndirectedView) weight(x, y int64) (float64, bool) {
	if !g.P.has(x) || !g.P.has(y) {
		return 0, false
	}
	nb := g.U.Neighbours(int32(x))
	j, ok := slices.BinarySearch(nb, int32(y))
	if !ok {
		return 0, false
	}
	return float64(g.U.W[g.U.Off[x]+int32(j)]), true
}

// HasEdgeBetween implements gonum's graph.Graph.
func (g UndirectedView) HasEdgeBetween(x, y int64) bool { _, ok := g.weight(x, y); return ok }

// Edge implements gonum's graph.Graph.
func (g UndirectedView) Edge(u, v int64) gonum.Edge {
	if e := g.WeightedEdgeBetween(u, v); e != nil {
		return e
	}
	return nil
}

// EdgeBetween implements gonum's graph.Undirected.
func (g UndirectedView) EdgeBetween(x, y int64) gonum.Edge { return g.Edge(x, y) }

// WeightedEdge implements gonum's graph.Weighted.
func (g UndirectedView) WeightedEdge(u, v int64) gonum.WeightedEdge {
	return g.WeightedEdgeBetween(u, v)
}

// WeightedEdgeBetween implements gonum's graph.WeightedUndirected.
func (g UndirectedView) WeightedEdgeBetween(x, y int64) gonum.WeightedEdge {
	w, ok := g.weight(x, y)
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(x), T: simple.Node(y), W: w}
}

// Weight implements gonum's graph.Weighted.
func (g UndirectedView) Weight(x, y int64) (float64, bool) {
	if x == y && g.P.has(x) {
		return 0, true
	}
	return g.weight(x, y)
}

// rangeNodes iterates 0..n-1.
type rangeNodes struct{ n, cur int64 }

func (it *rangeNodes) Next() bool {
	if it.cur+1 >= it.n {
		it.cur = it.n
		return false
	}
	it.cur++
	return true
}
func (it *rangeNodes) Len() int {
	if it.cur >= it.n {
		return 0
	}
	return int(it.n - it.cur - 1)
}
func (it *rangeNodes) Reset()           { it.cur = -1 }
func (it *rangeNodes) Node() gonum.Node { return simple.Node(it.cur) }

// listNodes iterates a list of dense indices.
type listNodes struct {
	ids []int32
	cur int
}

func (it *listNodes) Next() bool {
	if it.cur+1 >= len(it.ids) {
		it.cur = len(it.ids)
		return false
	}
	it.cur++
	return true
}
func (it *listNodes) Len() int {
	if it.cur >= len(it.ids) {
		return 0
	}
	return len(it.ids) - it.cur - 1
}
func (it *listNodes) Reset()           { it.cur = -1 }
func (it *listNodes) Node() gonum.Node { return simple.Node(it.ids[it.cur]) }
