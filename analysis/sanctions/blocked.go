package sanctions

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// Status is a party's standing under a rule.
type Status uint8

const (
	None    Status = iota // neither listed nor blocked
	Listed                // on a sanctions list itself
	Blocked               // owned or controlled by listed or blocked parties
)

func (s Status) String() string {
	switch s {
	case Listed:
		return "listed"
	case Blocked:
		return "blocked"
	}
	return "none"
}

// Source returns the holdings whose Owner is one of owners (it may return
// others too; they are ignored). Compute calls it once per round of the
// fixed point with the parties found listed or blocked in the round
// before, so that a store-backed source reads only the holdings of
// sanctioned parties.
type Source func(owners []int32) ([]Holding, error)

// Holdings is a Source over holdings held in memory.
func Holdings(hs []Holding) Source {
	byOwner := map[int32][]Holding{}
	for _, h := range hs {
		byOwner[h.Owner] = append(byOwner[h.Owner], h)
	}
	return func(owners []int32) ([]Holding, error) {
		var out []Holding
		for _, o := range owners {
			out = append(out, byOwner[o]...)
		}
		return out, nil
	}
}

// Share is one holding of a listed or blocked party in another, as shown
// in evidence.
type Share struct {
	Owner       int32
	Type        graph.LinkType
	Percentage  float64 // NaN when unknown or for control links
	OwnerStatus Status
	// OwnerEffective is the owner's effective listed share (1 for a
	// listed owner; see Evidence.Effective).
	OwnerEffective float64
	Link           string
}

// Evidence explains a party's status.
type Evidence struct {
	Status Status
	// Total is the percentage of the party held directly by listed and
	// blocked parties, added up (the 50 Percent Rule's aggregate).
	Total float64
	// Effective is the economic share of the party that listed parties
	// hold once stakes are multiplied through the chains of listed and
	// blocked owners, in [0, 1]: 0.25 when X (listed) owns 50% of A and A
	// owns 50% of B. It is shown beside Total; it does not decide blocking.
	Effective float64
	// Largest is, under the UK rule, the most of the party held by one
	// designated person: its own shares and those of the parties it owns
	// or controls (the share the UK rule compares with its threshold); 0
	// under the other rules.
	Largest float64
	// Controlled is set when the EU or UK rule blocked the party for
	// control by a listed or blocked party (a director or a principal).
	Controlled bool
	// Shares are the holdings of listed and blocked parties in the party,
	// largest first.
	Shares []Share
}

// Result is the status of every party under one rule.
type Result struct {
	Rule   Rule
	status []Status
	in     map[int32]map[stake]Holding // asset → sanctioned owner's stake → holding
	eff    map[int32]float64
	order  []int32 // assets in the order the fixed point reached them
	rounds int
	// principals are, under the UK rule, the listed parties whose
	// holdings a sanctioned party's count as: itself when listed, and
	// the listed parties that own more than 50% of it or control it.
	principals map[int32][]int32
}

// stake tells an owner's ownership of an asset from its control of it.
type stake struct {
	owner   int32
	control bool
}

// Compute finds the parties blocked under rule, given which of n parties
// are listed and a source of holdings.
//
// It is a fixed point: the listed parties' holdings are read; every party
// whose holdings by listed or blocked parties reach the rule's threshold
// (or, under the EU and UK rules, that one of them controls) becomes
// blocked; the holdings of the newly blocked are read in turn, until a
// round blocks nobody. A party is blocked at most once, so the fixed point
// is reached after at most n rounds whatever the cycles in the ownership
// graph. Under the UK rule the shares are added up per listed party (see
// UK), and a party is read again when it gains a principal, at most once
// per listed party. Two
// links between the same owner and asset (the same stake reported by two
// sources) count once, with the larger share. Shares of unknown size do
// not count towards the threshold. Cost: O(n + holdings read) plus the
// source's reads.
func Compute(listed []bool, src Source, rule Rule) (*Result, error) {
	n := len(listed)
	r := &Result{Rule: rule, status: make([]Status, n), in: map[int32]map[stake]Holding{}, eff: map[int32]float64{}}
	if rule == UK {
		r.principals = map[int32][]int32{}
	}
	var frontier []int32
	for i, l := range listed {
		if l {
			r.status[i] = Listed
			frontier = append(frontier, int32(i))
			if rule == UK {
				r.principals[int32(i)] = []int32{int32(i)}
			}
		}
	}
	for len(frontier) > 0 {
		r.rounds++
		hs, err := src(frontier)
		if err != nil {
			return nil, fmt.Errorf("sanctions: read holdings: %w", err)
		}
		var touched []int32
		for _, h := range hs {
			if h.Owner < 0 || int(h.Owner) >= n || h.Asset < 0 || int(h.Asset) >= n {
				return nil, fmt.Errorf("sanctions: holding %q from %d to %d: node out of range [0, %d)", h.Link, h.Owner, h.Asset, n)
			}
			if r.status[h.Owner] == None || h.Owner == h.Asset {
				continue
			}
			if rule == OFAC && (h.Type == graph.Directs || h.Type == graph.Represents) {
				continue
			}
			m := r.in[h.Asset]
			if m == nil {
				m = map[stake]Holding{}
				r.in[h.Asset] = m
				r.order = append(r.order, h.Asset)
			}
			k := stake{h.Owner, h.Type == graph.Directs || h.Type == graph.Represents}
			if old, ok := m[k]; !ok || largerStake(h, old) {
				m[k] = h
			}
			touched = append(touched, h.Asset)
		}
		slices.Sort(touched)
		touched = slices.Compact(touched)
		var next []int32
		for _, a := range touched {
			if rule == UK {
				if r.attribute(a) {
					if r.status[a] == None {
						r.status[a] = Blocked
					}
					next = append(next, a)
				}
				continue
			}
			if r.status[a] != None {
				continue
			}
			total, controlled := r.aggregate(a)
			if rule.blocks(total) || controlled {
				r.status[a] = Blocked
				next = append(next, a)
			}
		}
		frontier = next
	}
	r.effective()
	return r, nil
}

// largerStake reports whether h should replace old as the stake between
// the same two parties: a known share beats an unknown one, a larger share
// a smaller one; between control links, DIRECTS before REPRESENTS.
func largerStake(h, old Holding) bool {
	hk, ok := !math.IsNaN(h.Percentage), !math.IsNaN(old.Percentage)
	switch {
	case hk && !ok:
		return true
	case hk && ok:
		return h.Percentage > old.Percentage
	case !hk && !ok:
		return h.Type < old.Type
	}
	return false
}

// aggregate adds up the known shares held in a by listed or blocked parties
// and reports whether one of them controls a (EU and UK rules).
func (r *Result) aggregate(a int32) (total float64, controlled bool) {
	for _, h := range r.in[a] {
		if r.status[h.Owner] == None {
			continue
		}
		if !math.IsNaN(h.Percentage) {
			total += h.Percentage
		}
		if r.Rule != OFAC && (h.Type == graph.Directs || h.Type == graph.Represents) {
			controlled = true
		}
	}
	return total, controlled
}

// perPrincipal adds up the known shares held in a per listed party, each
// sanctioned owner's shares counting for its principals, and returns the
// principals of the owners that control a (UK rule).
func (r *Result) perPrincipal(a int32) (sums map[int32]float64, controllers []int32) {
	sums = map[int32]float64{}
	for _, h := range r.in[a] {
		for _, p := range r.principals[h.Owner] {
			switch {
			case h.Type == graph.Directs || h.Type == graph.Represents:
				controllers = append(controllers, p)
			case !math.IsNaN(h.Percentage):
				sums[p] += h.Percentage
			}
		}
	}
	return sums, controllers
}

// attribute finds a's principals under the UK rule (the listed parties
// that hold more than 50% of it, or control it, and a itself when listed)
// and reports whether they grew.
func (r *Result) attribute(a int32) bool {
	sums, ps := r.perPrincipal(a)
	for p, s := range sums {
		if r.Rule.blocks(s) {
			ps = append(ps, p)
		}
	}
	ps = append(ps, r.principals[a]...)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	if len(ps) == len(r.principals[a]) {
		return false
	}
	r.principals[a] = ps
	return true
}

// effective solves E(listed) = 1, E(a) = min(1, Σ share(o, a)·E(o)) over
// the listed and blocked owners o of a, by Gauss-Seidel sweeps in the order
// the fixed point reached the assets (so that a chain settles in one sweep
// and a cycle in a few), until no value moves by 1e-12 or after 1,000
// sweeps. A cycle of full ownership saturates at 1.
func (r *Result) effective() {
	e := func(i int32) float64 {
		if r.status[i] == Listed {
			return 1
		}
		return r.eff[i]
	}
	for sweep := 0; sweep < 1000; sweep++ {
		change := 0.0
		for _, a := range r.order {
			if r.status[a] == Listed {
				continue
			}
			s := 0.0
			for _, h := range r.in[a] {
				if !math.IsNaN(h.Percentage) && r.status[h.Owner] != None {
					s += h.Percentage / 100 * e(h.Owner)
				}
			}
			s = min(s, 1)
			change = max(change, math.Abs(s-r.eff[a]))
			r.eff[a] = s
		}
		if change < 1e-12 {
			break
		}
	}
}

// Status returns the status of party i.
func (r *Result) Status(i int32) Status { return r.status[i] }

// Sanctioned reports whether party i is listed or blocked.
func (r *Result) Sanctioned(i int32) bool { return r.status[i] != None }

// Len is the number of parties.
func (r *Result) Len() int { return len(r.status) }

// Rounds is the number of rounds the fixed point took.
func (r *Result) Rounds() int { return r.rounds }

// Blocked returns the blocked parties in index order.
func (r *Result) Blocked() []int32 {
	var out []int32
	for i, s := range r.status {
		if s == Blocked {
			out = append(out, int32(i))
		}
	}
	return out
}

// Evidence explains party i's status: the holdings of listed and blocked
// parties in it (also for a party they hold too little of to block).
func (r *Result) Evidence(i int32) Evidence {
	ev := Evidence{Status: r.status[i]}
	if ev.Status == Listed {
		ev.Effective = 1
	} else {
		ev.Effective = r.eff[i]
	}
	ev.Total, ev.Controlled = r.aggregate(i)
	owned := r.Rule.blocks(ev.Total)
	if r.Rule == UK {
		sums, _ := r.perPrincipal(i)
		for _, s := range sums {
			ev.Largest = max(ev.Largest, s)
		}
		owned = r.Rule.blocks(ev.Largest)
	}
	if ev.Status == Blocked && owned {
		ev.Controlled = false // owned: control is not what blocked it
	}
	for _, h := range r.in[i] {
		oe := r.eff[h.Owner]
		if r.status[h.Owner] == Listed {
			oe = 1
		}
		ev.Shares = append(ev.Shares, Share{Owner: h.Owner, Type: h.Type, Percentage: h.Percentage, OwnerStatus: r.status[h.Owner], OwnerEffective: oe, Link: h.Link})
	}
	slices.SortFunc(ev.Shares, func(a, b Share) int {
		an, bn := math.IsNaN(a.Percentage), math.IsNaN(b.Percentage)
		switch {
		case an && !bn:
			return 1
		case !an && bn:
			return -1
		case !an && !bn && a.Percentage != b.Percentage:
			return cmp.Compare(b.Percentage, a.Percentage)
		}
		return cmp.Compare(a.Owner, b.Owner)
	})
	return ev
}
