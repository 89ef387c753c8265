package paths

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/analysis/internal/heapq"
	"github.com/shellnet/shellnet/graph"
)

// Options tune Find. The zero value asks for DefaultK paths of at most
// DefaultMaxHops hops with DefaultCosts(false).
type Options struct {
	K       int                     // number of paths; DefaultK when 0
	MaxHops int                     // links per path at most; DefaultMaxHops when 0
	Weak    bool                    // also walk weak and shared-attribute links
	Costs   map[graph.LinkType]Cost // overrides DefaultCosts(Weak) when not nil

	// Records, when not nil, makes trade links that no transaction record
	// documents cost Undocumented times more (UndocumentedFactor when 0).
	Records      *TradeRecords
	Undocumented float64
	// LoadRecords, when not nil and Records is, reads the records as the
	// search needs them: it is given nodes and returns (at least) the
	// SUPPLIES and PAYS links touching them, so that a store is read for
	// the region the search explores only, not for every trade link.
	LoadRecords func(nodes []int32) ([]graph.Link, error)
}

// Defaults of Options.
const (
	DefaultK       = 5
	DefaultMaxHops = 6
	maxHopsLimit   = 64
)

// Path is one procurement path on a projection: Nodes[0] is a source,
// Nodes[len-1] a target, and Links[i] is the projection link walked from
// Nodes[i] to Nodes[i+1] (the cheapest one when several join them).
type Path struct {
	Nodes []int32
	Links []int32
	Cost  float64
}

// Hops is the number of links on the path.
func (pa Path) Hops() int { return len(pa.Links) }

// Reversed reports whether hop i walks its link against the link's own
// direction (a PAYS link walked from beneficiary to payer, an OWNS link from
// asset to owner).
func (pa Path) Reversed(p *graph.Projection, i int) bool { return p.From[pa.Links[i]] != pa.Nodes[i] }

// ErrNoEnds is returned when the source or the target set is empty.
var ErrNoEnds = errors.New("paths: no sources or no targets")

// Find returns up to K loopless paths from any of sources to any of targets,
// each of at most MaxHops links, cheapest first (equal costs in an order
// fixed by the graph: fewer hops first among the candidates), on the
// goods-flow graph derived from p.
//
// A path starts at a source and ends at the first target it reaches: it
// never passes through a target, nor enters a source on the way (a node in
// both sets counts as a target only). Costs must be positive, so a cheapest
// path never repeats a node.
//
// The search is Yen's algorithm (doi:10.1287/mnsc.17.11.712) with Lawler's
// refinement (spur only at or after the node where a path deviated from its
// parent) over a virtual super-source joined to every source. Each spur path
// is found by A* over (node, hops left) states, guided by a lower bound on
// the cost to a target and pruned by the fewest hops to one. The search
// keeps to a region that must hold every path of cost at most r, for the
// smallest r that holds the K paths (see search.run): the nodes within
// r_f of a source or within r_b of a target, r_f + r_b = r, found by two
// resumable Dijkstra searches, one from each end, that grow whichever side
// is smaller (so a hub at one end does not make the region large).
// Preparing costs O(m' log n') over the region's m' arcs and n' nodes, and
// each of the at most K·(MaxHops+1) spur searches walks nearly straight to
// a target.
func Find(p *graph.Projection, sources, targets []int32, opt Options) ([]Path, error) {
	if opt.K == 0 {
		opt.K = DefaultK
	}
	if opt.MaxHops == 0 {
		opt.MaxHops = DefaultMaxHops
	}
	if opt.K < 0 || opt.MaxHops < 0 || opt.MaxHops > maxHopsLimit {
		return nil, fmt.Errorf("paths: k %d and max hops %d: want k ≥ 1 and 1 ≤ max hops ≤ %d", opt.K, opt.MaxHops, maxHopsLimit)
	}
	costs := opt.Costs
	if costs == nil {
		costs = DefaultCosts(opt.Weak)
	}
	f, err := newFlow(p, costs)
	if err != nil {
		return nil, err
	}
	if opt.Undocumented == 0 {
		opt.Undocumented = UndocumentedFactor
	}
	if err := f.withRecords(opt.Records, opt.Undocumented); err != nil {
		return nil, err
	}
	if len(sources) == 0 || len(targets) == 0 {
		return nil, ErrNoEnds
	}
	for _, v := range slices.Concat(sources, targets) {
		if v < 0 || int(v) >= p.Len() {
			return nil, fmt.Errorf("paths: node %d out of range [0, %d)", v, p.Len())
		}
	}
	if opt.Records == nil && opt.LoadRecords != nil {
		return findLoading(p, costs, sources, targets, opt)
	}
	s := newSearch(f, sources, targets, opt.MaxHops)
	return s.run(opt.K), nil
}

// findLoading is Find with records read as needed. Records only make links
// dearer, so costs without them (every trade link documented) are lower
// bounds, and the region of the search without them for radius r holds
// every path whose cost with records is at most r. With the records of the
// trade links touching that region (others counted undocumented, which
// only overstates paths that leave it), the search with records is exact
// for the paths of cost at most r; r widens until the k-th path found costs
// no more than r.
func findLoading(p *graph.Projection, costs map[graph.LinkType]Cost, sources, targets []int32, opt Options) ([]Path, error) {
	f0, err := newFlow(p, costs)
	if err != nil {
		return nil, err
	}
	plain := newSearch(f0, sources, targets, opt.MaxHops)
	first := plain.run(opt.K)
	if len(first) == 0 {
		return nil, nil // no path of at most MaxHops links, whatever the costs
	}
	rec := NewTradeRecords(p)
	loaded := make([]bool, p.Len())
	limit := float64(opt.MaxHops) * f0.maxCost() * opt.Undocumented
	r := first[len(first)-1].Cost
	if len(first) < opt.K {
		r = limit
	}
	for {
		plain.grow(r)
		var need []int32
		for _, v := range plain.region {
			if !loaded[v] {
				loaded[v] = true
				need = append(need, v)
			}
		}
		if len(need) > 0 {
			ls, err := opt.LoadRecords(need)
			if err != nil {
				return nil, fmt.Errorf("paths: read trade records: %w", err)
			}
			for i := range ls {
				if ls[i].Type.Class() == graph.ClassTrade {
					rec.Add(&ls[i])
				}
			}
		}
		f, err := newFlow(p, costs)
		if err != nil {
			return nil, err
		}
		if err := f.withRecords(rec, opt.Undocumented); err != nil {
			return nil, err
		}
		ps := newSearch(f, sources, targets, opt.MaxHops).run(opt.K)
		switch {
		case len(ps) == opt.K && ps[opt.K-1].Cost <= r*(1+1e-9):
			return ps, nil
		case len(ps) == opt.K:
			r = ps[opt.K-1].Cost
		case plain.exhausted() || r >= limit:
			return ps, nil
		default:
			r = min(r+max(f0.minCost(), r/4), limit)
		}
	}
}

// candidate is a path with the steps' costs and the index of the node at
// which it deviated from its parent (-1: at the virtual super-source).
type candidate struct {
	Path
	steps []float64
	dev   int
}

func (c *candidate) key() string {
	b := make([]byte, 0, 4*len(c.Nodes))
	for _, v := range c.Nodes {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	return string(b)
}

// yen runs Yen's algorithm with Lawler's refinement.
func (s *search) yen(k int) []Path {
	first, ok := s.spur(-1, nil, nil, s.h)
	if !ok {
		return nil
	}
	accepted := []*candidate{first}
	seen := map[string]bool{first.key(): true}
	pool := heapq.New((*candidate).before)
	for len(accepted) < k {
		last := accepted[len(accepted)-1]
		for i := last.dev; i < len(last.Nodes)-1; i++ {
			root := last.Nodes[:i+1]
			var bannedNext []int32
			for _, a := range accepted {
				if len(a.Nodes) > i+1 && slices.Equal(a.Nodes[:i+1], root) {
					bannedNext = append(bannedNext, a.Nodes[i+1])
				}
			}
			if i < 0 {
				root = nil
			}
			c, ok := s.spur(i, root, bannedNext, s.h-max(i, 0))
			if !ok {
				continue
			}
			// prepend the root's links and costs
			if i >= 0 {
				c.Nodes = append(slices.Clone(root), c.Nodes[1:]...)
				c.Links = append(slices.Clone(last.Links[:i]), c.Links...)
				c.steps = append(slices.Clone(last.steps[:i]), c.steps...)
				c.Cost = 0
				for _, x := range c.steps {
					c.Cost += x
				}
			}
			if kk := c.key(); !seen[kk] {
				seen[kk] = true
				pool.Push(c)
			}
		}
		if pool.Len() == 0 {
			break
		}
		accepted = append(accepted, pool.Pop())
	}
	out := make([]Path, len(accepted))
	for i, a := range accepted {
		out[i] = a.Path
	}
	return out
}

// spur finds the cheapest path from the last node of root (or, when root is
// empty, from any source not in bannedNext) to a target within budget hops,
// avoiding the root's nodes and the arcs from the spur node to bannedNext.
// The returned candidate starts at the spur node and has dev set to i.
func (s *search) spur(i int, root, bannedNext []int32, budget int) (*candidate, bool) {
	s.gen++
	if s.gen == 0 { // wrapped: clear the stamps
		s.banned = nil
		s.gen = 1
	}
	if s.banned == nil {
		s.banned = make([]uint32, s.n)
	}
	for _, u := range root {
		s.banned[u] = s.gen
	}
	a := astar{s: s, index: map[uint64]int32{}, open: heapq.New(entry.less)}
	if len(root) == 0 {
		for _, u := range s.sources {
			if !slices.Contains(bannedNext, u) {
				a.start(u, budget)
			}
		}
	} else {
		a.start(root[len(root)-1], budget)
	}
	var spurNode int32 = -1
	if len(root) > 0 {
		spurNode = root[len(root)-1]
	}
	goal, ok := a.run(spurNode, bannedNext)
	if !ok {
		return nil, false
	}
	c := &candidate{dev: i}
	for l := goal; l >= 0; l = a.labels[l].parent {
		c.Nodes = append(c.Nodes, a.labels[l].v)
		if a.labels[l].parent >= 0 {
			c.Links = append(c.Links, a.labels[l].link)
			c.steps = append(c.steps, a.labels[l].g-a.labels[a.labels[l].parent].g)
		}
	}
	slices.Reverse(c.Nodes)
	slices.Reverse(c.Links)
	slices.Reverse(c.steps)
	c.Cost = a.labels[goal].g
	return c, true
}

// astar is one spur search over (node, hops left) states.
type astar struct {
	s      *search
	labels []label
	index  map[uint64]int32 // state → label
	open   heapq.Heap[entry]
}

type label struct {
	v      int32
	left   int8
	closed bool
	link   int32 // link walked to reach v; unused at a start
	parent int32 // label index, -1 at a start
	g      float64
}

func stateKey(v int32, left int) uint64 { return uint64(v)<<8 | uint64(left) }

func (a *astar) start(u int32, budget int) {
	if !a.s.feasible(u, budget) {
		return
	}
	a.labels = append(a.labels, label{v: u, left: int8(budget), parent: -1})
	a.index[stateKey(u, budget)] = int32(len(a.labels) - 1)
	a.open.Push(entry{f: a.s.lower(u), g: 0, v: u, l: int32(len(a.labels) - 1)})
}

// run pops states until a target is reached; with a consistent heuristic
// the first target popped ends a cheapest path.
func (a *astar) run(spurNode int32, bannedNext []int32) (int32, bool) {
	s := a.s
	for a.open.Len() > 0 {
		e := a.open.Pop()
		l := &a.labels[e.l]
		if l.closed || e.g > l.g {
			continue
		}
		l.closed = true
		if s.tgt[l.v] {
			return e.l, true
		}
		if l.left == 0 {
			continue
		}
		from, left, g := e.l, int(l.left)-1, l.g
		u := l.v
		s.f.arcs(u, func(v, link int32, c float64) {
			if s.src[v] || s.banned[v] == s.gen {
				return
			}
			if u == spurNode && slices.Contains(bannedNext, v) {
				return
			}
			if !s.feasible(v, left) {
				return
			}
			g2 := g + c
			// a label with at least as many hops left and no higher cost dominates
			for ll := left; ll <= s.h; ll++ {
				if j, ok := a.index[stateKey(v, ll)]; ok && a.labels[j].g <= g2 {
					return
				}
			}
			key := stateKey(v, left)
			j, ok := a.index[key]
			if ok && a.labels[j].closed {
				return // closed with the consistent heuristic: its cost is final
			}
			if !ok {
				a.labels = append(a.labels, label{v: v, left: int8(left)})
				j = int32(len(a.labels) - 1)
				a.index[key] = j
			}
			a.labels[j].g, a.labels[j].parent, a.labels[j].link, a.labels[j].closed = g2, from, link, false
			a.open.Push(entry{f: g2 + s.lower(v), g: g2, v: v, l: j})
		})
	}
	return -1, false
}

// entry is an open state; ties on f go to the deeper state (it is closer to
// a target), then to the lower node index, so searches are deterministic.
type entry struct {
	f, g float64
	v    int32
	l    int32
}

func (x entry) less(y entry) bool {
	if x.f != y.f {
		return x.f < y.f
	}
	if x.g != y.g {
		return x.g > y.g
	}
	return x.v < y.v
}

// before orders Yen's pool: cost, then hops, then node order.
func (c *candidate) before(d *candidate) bool {
	if c.Cost != d.Cost {
		return c.Cost < d.Cost
	}
	if len(c.Nodes) != len(d.Nodes) {
		return len(c.Nodes) < len(d.Nodes)
	}
	return slices.Compare(c.Nodes, d.Nodes) < 0
}
