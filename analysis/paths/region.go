package paths

import (
	"math"
	"slices"

	"github.com/shellnet/shellnet/analysis/internal/heapq"
)

// Region states of a node, as bits. The arrays of a search are used as
// the allocator zeroes them (no pass to fill them): a cost is +Inf until
// its known bit is set, and hb holds hops+1, 0 for unreached.
const (
	fromSource uint8 = 1 << iota // its cost from the sources is settled
	toTarget                     // its cost to the targets is settled
	gKnown                       // g holds a cost
	dKnown                       // d holds a cost
)

// search holds one query's sets and the region that guides A*.
//
// A path of cost c has, at each of its nodes, a prefix from a source and a
// suffix to a target that add up to c. With every node of cost from the
// sources below κf settled forward, and every node of cost to the targets
// below κb settled backward (κf, κb the tops of the two Dijkstra queues),
// each node of a path of cost c < κf + κb has its prefix below κf or its
// suffix below κb: it is settled on one side. So once κf + κb > r, the
// settled nodes (the region) hold every path of cost at most r, and A*
// inside them, with the backward costs (κb for the nodes not settled
// backward, a lower bound) as a consistent heuristic, is exact for them.
type search struct {
	f       *flow
	n       int
	h       int     // max hops
	cmax    float64 // the dearest arc: no path of h hops costs more than h·cmax
	cmin    float64 // the cheapest arc
	sources []int32 // sorted, not targets
	targets []int32
	src     []bool
	tgt     []bool

	g, d   []float64         // costs from the sources and to the targets, when known: exact once settled
	fq, bq heapq.Heap[keyed] // nodes by cost from the sources, to the targets
	state  []uint8
	region []int32 // settled nodes, either way, in order
	hb     []uint8 // 1 + hops to a target through the region; 0 outside it or beyond h

	banned []uint32 // generation stamps of nodes banned in the current spur search
	gen    uint32
}

func newSearch(f *flow, sources, targets []int32, h int) *search {
	n := f.p.Len()
	s := &search{f: f, n: n, h: h, cmax: f.maxCost(), cmin: f.minCost(), src: make([]bool, n), tgt: make([]bool, n), state: make([]uint8, n),
		fq: heapq.New(keyed.less), bq: heapq.New(keyed.less)}
	for _, t := range targets {
		if !s.tgt[t] {
			s.tgt[t] = true
			s.targets = append(s.targets, t)
		}
	}
	for _, u := range sources {
		if !s.tgt[u] && !s.src[u] {
			s.src[u] = true
			s.sources = append(s.sources, u)
		}
	}
	slices.Sort(s.sources)
	s.g, s.d = make([]float64, n), make([]float64, n)
	s.hb = make([]uint8, n)
	for _, u := range s.sources {
		s.setG(u, 0)
		s.fq.Push(keyed{0, u})
	}
	for _, t := range s.targets {
		s.setD(t, 0)
		s.bq.Push(keyed{0, t})
	}
	return s
}

func (s *search) costFrom(v int32) float64 {
	if s.state[v]&gKnown == 0 {
		return math.Inf(1)
	}
	return s.g[v]
}

func (s *search) costTo(v int32) float64 {
	if s.state[v]&dKnown == 0 {
		return math.Inf(1)
	}
	return s.d[v]
}

func (s *search) setG(v int32, c float64) { s.g[v] = c; s.state[v] |= gKnown }
func (s *search) setD(v int32, c float64) { s.d[v] = c; s.state[v] |= dKnown }

// run finds the k cheapest paths: it starts with r the cost of the
// cheapest path whatever its hops, and widens the region until the k-th
// path found in it costs no more than r (the true k-th path then costs no
// more either, and lies in the region), or the region holds every path of
// at most h hops (r = h·cmax, or both searches exhausted).
func (s *search) run(k int) []Path {
	limit := float64(s.h) * s.cmax
	r := s.cheapest(limit)
	if math.IsInf(r, 1) {
		return nil
	}
	for {
		s.grow(r)
		ps := s.yen(k)
		if len(ps) == k && ps[k-1].Cost <= r {
			return ps
		}
		if len(ps) == k { // the true k-th path costs no more than this one
			r = ps[k-1].Cost
			continue
		}
		if s.exhausted() || r >= limit {
			return ps
		}
		// widen gently: the region grows fast with r in a dense network
		r = min(r+max(s.cmin, r/4), limit)
	}
}

func (s *search) top(q *heapq.Heap[keyed]) float64 {
	if q.Len() == 0 {
		return math.Inf(1)
	}
	return q.Top().k
}

func (s *search) exhausted() bool { return s.fq.Len() == 0 && s.bq.Len() == 0 }

// cheapest runs both searches until they meet: the cost of the cheapest
// path whatever its hops (bidirectional Dijkstra), or +Inf when there is
// none within limit.
func (s *search) cheapest(limit float64) float64 {
	mu := math.Inf(1)
	for !s.exhausted() {
		kf, kb := s.top(&s.fq), s.top(&s.bq)
		if kf+kb >= mu || kf+kb > limit {
			break
		}
		var v int32
		if s.pickForward() {
			v = s.settleForward()
		} else {
			v = s.settleBackward()
		}
		if v >= 0 {
			mu = min(mu, s.costFrom(v)+s.costTo(v))
		}
	}
	if mu > limit*(1+1e-9) {
		return math.Inf(1)
	}
	return mu
}

// pickForward chooses the side to grow: the one that has settled fewer
// nodes, while it has any left.
func (s *search) pickForward() bool {
	switch {
	case s.fq.Len() == 0:
		return false
	case s.bq.Len() == 0:
		return true
	}
	return s.fq.Len() <= s.bq.Len()
}

// grow settles nodes until the region holds every path of cost at most r
// (with a margin for rounding), then counts the region's hops anew.
func (s *search) grow(r float64) {
	r *= 1 + 1e-9
	for !s.exhausted() && s.top(&s.fq)+s.top(&s.bq) <= r {
		if s.pickForward() {
			s.settleForward()
		} else {
			s.settleBackward()
		}
	}
	s.backwardHops()
}

// settleForward pops the node nearest the sources and relaxes the arcs out
// of it (none out of a target, none into a source); it returns the node,
// or -1 for a stale entry.
func (s *search) settleForward() int32 {
	p, f := s.f.p, s.f
	e := s.fq.Pop()
	gu, u := e.k, e.v
	if gu > s.costFrom(u) || s.state[u]&fromSource != 0 {
		return -1
	}
	s.mark(u, fromSource)
	if s.tgt[u] {
		return u
	}
	relax := func(v int32, c float64) {
		if !s.src[v] && c < s.costFrom(v) {
			s.setG(v, c)
			s.fq.Push(keyed{c, v})
		}
	}
	lo, hi := p.Out(u)
	for i := lo; i < hi; i++ {
		if c := f.cost(i, true); c < math.MaxFloat64 {
			relax(p.To[i], gu+c)
		}
	}
	for _, i := range p.In(u) {
		if c := f.cost(i, false); c < math.MaxFloat64 {
			relax(p.From[i], gu+c)
		}
	}
	return u
}

// settleBackward pops the node nearest the targets and relaxes the arcs
// into it (none into a source, none out of a target).
func (s *search) settleBackward() int32 {
	p, f := s.f.p, s.f
	e := s.bq.Pop()
	dv, v := e.k, e.v
	if dv > s.costTo(v) || s.state[v]&toTarget != 0 {
		return -1
	}
	s.mark(v, toTarget)
	if s.src[v] {
		return v
	}
	relax := func(u int32, c float64) {
		if !s.tgt[u] && c < s.costTo(u) {
			s.setD(u, c)
			s.bq.Push(keyed{c, u})
		}
	}
	for _, i := range p.In(v) {
		if c := f.cost(i, true); c < math.MaxFloat64 {
			relax(p.From[i], dv+c)
		}
	}
	lo, hi := p.Out(v)
	for i := lo; i < hi; i++ {
		if c := f.cost(i, false); c < math.MaxFloat64 {
			relax(p.To[i], dv+c)
		}
	}
	return v
}

func (s *search) mark(v int32, side uint8) {
	if s.state[v]&(fromSource|toTarget) == 0 {
		s.region = append(s.region, v)
	}
	s.state[v] |= side
}

// inRegion reports whether v is settled on either side.
func (s *search) inRegion(v int32) bool { return s.state[v]&(fromSource|toTarget) != 0 }

// lower is A*'s heuristic: the cost from v to a target when settled, else
// the top of the backward queue, which no unsettled node's cost is below.
func (s *search) lower(v int32) float64 {
	if s.state[v]&toTarget != 0 {
		return s.d[v]
	}
	return s.top(&s.bq)
}

// backwardHops sets hb by breadth-first search from the targets over the
// reversed arcs between nodes of the region, up to h hops.
func (s *search) backwardHops() {
	p, f := s.f.p, s.f
	for _, v := range s.region {
		s.hb[v] = 0
	}
	var frontier, next []int32
	for _, t := range s.targets {
		if s.inRegion(t) {
			s.hb[t] = 1
			frontier = append(frontier, t)
		}
	}
	visit := func(u int32, b int) {
		if s.hb[u] == 0 && !s.tgt[u] && s.inRegion(u) {
			s.hb[u] = uint8(b + 1)
			next = append(next, u)
		}
	}
	for b := 1; b <= s.h && len(frontier) > 0; b++ {
		next = next[:0]
		for _, v := range frontier {
			if s.src[v] {
				continue
			}
			for _, i := range p.In(v) {
				if f.walkable(i, true) {
					visit(p.From[i], b)
				}
			}
			lo, hi := p.Out(v)
			for i := lo; i < hi; i++ {
				if f.walkable(i, false) {
					visit(p.To[i], b)
				}
			}
		}
		frontier, next = next, frontier
	}
}

// feasible reports whether v, in the region, can reach a target within
// left hops through it.
func (s *search) feasible(v int32, left int) bool { return s.hb[v] != 0 && int(s.hb[v]) <= left+1 }
