package paths

import (
	"fmt"
	"math"

	"github.com/shellnet/shellnet/graph"
)

// Cost is the cost of walking one link type in the direction goods flow:
// Forward walks a link from its From to its To, Backward from To to From.
// A zero cost means the link cannot be walked that way.
type Cost struct {
	Forward, Backward float64
}

// Default costs of the derived goods-flow graph (DESIGN.md): trade links are
// the evidence that goods moved, so they are cheapest; control links carry
// goods either way between a front and its principal but are less direct;
// weak and shared-attribute links only suggest a channel; SAME_AS joins two
// records of one party and costs little so that resolution never lengthens
// a path much.
const (
	TradeCost    = 1
	ControlCost  = 2
	WeakCost     = 4
	IdentityCost = 0.5
)

// DefaultCosts returns the cost table of DESIGN.md: SUPPLIES forward, PAYS
// backward (the beneficiary supplied the payer), control links both ways,
// SAME_AS both ways and, when weak is set, weak and shared-attribute links
// both ways. Technical links (OBSERVED_IN, MADE_BY, RUNS) are never walked.
func DefaultCosts(weak bool) map[graph.LinkType]Cost {
	c := map[graph.LinkType]Cost{
		graph.Supplies: {Forward: TradeCost},
		graph.Pays:     {Backward: TradeCost},
		graph.SameAs:   {Forward: IdentityCost, Backward: IdentityCost},
	}
	for _, t := range []graph.LinkType{graph.Owns, graph.Directs, graph.Represents, graph.HoldsAccount} {
		c[t] = Cost{ControlCost, ControlCost}
	}
	if weak {
		for _, t := range []graph.LinkType{graph.Employs, graph.MemberOf, graph.Associate, graph.Family, graph.LocatedAt} {
			c[t] = Cost{WeakCost, WeakCost}
		}
	}
	return c
}

// flow is the derived goods-flow graph: a cost per link code and direction
// over the projection's own arrays, so nothing is copied. An arc u→v exists
// when an outgoing link of u has a forward cost or an incoming link of u has
// a backward cost.
type flow struct {
	p        *graph.Projection
	fwd, bwd []float64     // by LinkCode; +Inf when not walkable
	trade    []bool        // by LinkCode
	fwdOK    uint64        // bit t set when links of code t can be walked forward
	bwdOK    uint64        // … backward
	ev       *TradeRecords // nil: every trade link counts as documented
	undoc    float64       // factor on undocumented trade links
}

func newFlow(p *graph.Projection, costs map[graph.LinkType]Cost) (*flow, error) {
	f := &flow{p: p, fwd: make([]float64, len(graph.LinkTypes)), bwd: make([]float64, len(graph.LinkTypes)), trade: make([]bool, len(graph.LinkTypes)), undoc: 1}
	for i, t := range graph.LinkTypes {
		f.trade[i] = t.Class() == graph.ClassTrade
	}
	for i := range f.fwd {
		f.fwd[i], f.bwd[i] = math.Inf(1), math.Inf(1)
	}
	for t, c := range costs {
		if !t.Valid() {
			return nil, fmt.Errorf("paths: cost for unknown link type %q", t)
		}
		if c.Forward < 0 || c.Backward < 0 || math.IsNaN(c.Forward) || math.IsNaN(c.Backward) {
			return nil, fmt.Errorf("paths: cost of %s is negative or NaN (%v, %v); costs must be positive, or zero to skip the link", t, c.Forward, c.Backward)
		}
		if c.Forward > 0 {
			f.fwd[t.Code()] = c.Forward
		}
		if c.Backward > 0 {
			f.bwd[t.Code()] = c.Backward
		}
	}
	for i := range f.fwd {
		if f.fwd[i] < math.MaxFloat64 {
			f.fwdOK |= 1 << i
		}
		if f.bwd[i] < math.MaxFloat64 {
			f.bwdOK |= 1 << i
		}
	}
	return f, nil
}

// withRecords makes undocumented trade links cost factor times more.
func (f *flow) withRecords(ev *TradeRecords, factor float64) error {
	if ev == nil {
		return nil
	}
	if ev.p != f.p {
		return fmt.Errorf("paths: trade records were built for another projection")
	}
	if factor < 1 || math.IsNaN(factor) {
		return fmt.Errorf("paths: undocumented trade factor %v: want 1 or more", factor)
	}
	f.ev, f.undoc = ev, factor
	return nil
}

// maxCost is the cost of the dearest walkable arc.
func (f *flow) maxCost() float64 {
	c := 0.0
	for i := range f.fwd {
		for _, x := range []float64{f.fwd[i], f.bwd[i]} {
			if x < math.MaxFloat64 {
				c = max(c, x)
			}
		}
	}
	if f.ev != nil {
		c *= f.undoc
	}
	return c
}

// minCost is the cost of the cheapest walkable arc.
func (f *flow) minCost() float64 {
	c := math.Inf(1)
	for i := range f.fwd {
		c = min(c, f.fwd[i], f.bwd[i])
	}
	return c
}

// cost returns the cost of link i walked forward (fwd) or backward.
func (f *flow) cost(i int32, fwd bool) float64 {
	t := f.p.Type[i]
	c := f.bwd[t]
	if fwd {
		c = f.fwd[t]
	}
	if f.ev != nil && f.trade[t] && !f.ev.has(i) {
		c *= f.undoc
	}
	return c
}

// walkable reports whether link i can be walked forward (fwd) or backward;
// self-links are walkable, and callers skip them where it matters.
func (f *flow) walkable(i int32, fwd bool) bool {
	if fwd {
		return f.fwdOK>>f.p.Type[i]&1 != 0
	}
	return f.bwdOK>>f.p.Type[i]&1 != 0
}

// arcs calls fn for each arc out of u: the node it leads to, the projection
// link it walks and its cost. Self-links are skipped.
func (f *flow) arcs(u int32, fn func(v, link int32, c float64)) {
	p := f.p
	lo, hi := p.Out(u)
	for i := lo; i < hi; i++ {
		if c := f.cost(i, true); !math.IsInf(c, 1) && p.To[i] != u {
			fn(p.To[i], i, c)
		}
	}
	for _, i := range p.In(u) {
		if c := f.cost(i, false); !math.IsInf(c, 1) && p.From[i] != u {
			fn(p.From[i], i, c)
		}
	}
}
