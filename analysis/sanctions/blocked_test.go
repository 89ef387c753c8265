package sanctions

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// net is a small ownership network described by party names.
type net struct {
	names  []string
	listed []bool
	hs     []Holding
}

func (n *net) id(name string) int32 {
	if i := slices.Index(n.names, name); i >= 0 {
		return int32(i)
	}
	n.names = append(n.names, name)
	n.listed = append(n.listed, false)
	return int32(len(n.names) - 1)
}

func (n *net) list(names ...string) *net {
	for _, s := range names {
		n.listed[n.id(s)] = true
	}
	return n
}

func (n *net) own(owner, asset string, pct float64) *net {
	o, a := n.id(owner), n.id(asset)
	n.hs = append(n.hs, Holding{Owner: o, Asset: a, Type: graph.Owns, Percentage: pct, Link: owner + ">owns>" + asset})
	return n
}

func (n *net) control(t graph.LinkType, from, to string) *net {
	l := graph.Link{ID: from + ">" + string(t) + ">" + to, From: from, To: to, Type: t}
	n.id(from)
	n.id(to)
	h, ok := HoldingOf(&l, func(id string) (int32, bool) { return n.id(id), true })
	if !ok {
		panic("no holding")
	}
	n.hs = append(n.hs, h)
	return n
}

func (n *net) compute(t *testing.T, rule Rule) *Result {
	t.Helper()
	r, err := Compute(n.listed, Holdings(n.hs), rule)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// shares renders the evidence's shares as "owner pct% status".
func (n *net) shares(ev Evidence) []string {
	var out []string
	for _, s := range ev.Shares {
		pct := "?"
		if !math.IsNaN(s.Percentage) {
			pct = fmt.Sprintf("%g%%", s.Percentage)
		}
		if s.Type != graph.Owns {
			pct = string(s.Type)
		}
		out = append(out, fmt.Sprintf("%s %s %s", n.names[s.Owner], pct, s.OwnerStatus))
	}
	return out
}

// The cases of OFAC's FAQs 398-401 (Revised Guidance on Entities Owned by
// Persons Whose Property and Interests in Property Are Blocked, 13 Aug
// 2014) and their variants. want is the status of "B" (or the party named
// in target), shares the evidence's shares in B, total the aggregate
// percentage and effective the multiplied-through share of listed parties.
var cases = []struct {
	name      string
	net       func() *net
	target    string
	ofac, eu  Status
	shares    []string
	total     float64
	effective float64
	euShares  []string // the EU's evidence when its verdict differs
}{
	{
		name:   "FAQ 401 example 1: X owns 50% of A, A owns 50% of B",
		net:    func() *net { return new(net).list("X").own("X", "A", 50).own("A", "B", 50) },
		target: "B", ofac: Blocked, eu: None, // EU wants more than 50%
		shares: []string{"A 50% blocked"}, total: 50, effective: 0.25,
	},
	{
		name:   "FAQ 401 example 1, first hop: A is blocked",
		net:    func() *net { return new(net).list("X").own("X", "A", 50).own("A", "B", 50) },
		target: "A", ofac: Blocked, eu: None,
		shares: []string{"X 50% listed"}, total: 50, effective: 0.5,
		euShares: []string{"X 50% listed"},
	},
	{
		name:   "FAQ 401 example 2: X owns 50% of A and 10% of B, A owns 40% of B",
		net:    func() *net { return new(net).list("X").own("X", "A", 50).own("X", "B", 10).own("A", "B", 40) },
		target: "B", ofac: Blocked, eu: None,
		shares: []string{"A 40% blocked", "X 10% listed"}, total: 50, effective: 0.3,
		euShares: []string{"X 10% listed"}, // A is not blocked at exactly 50%
	},
	{
		name:   "aggregation: two listed owners hold 25% each",
		net:    func() *net { return new(net).list("X", "Y").own("X", "B", 25).own("Y", "B", 25) },
		target: "B", ofac: Blocked, eu: None,
		shares: []string{"X 25% listed", "Y 25% listed"}, total: 50, effective: 0.5,
		euShares: []string{"X 25% listed", "Y 25% listed"},
	},
	{
		name:   "aggregation above 50%: two listed owners hold 30% and 25%",
		net:    func() *net { return new(net).list("X", "Y").own("X", "B", 30).own("Y", "B", 25) },
		target: "B", ofac: Blocked, eu: Blocked,
		shares: []string{"X 30% listed", "Y 25% listed"}, total: 55, effective: 0.55,
	},
	{
		name:   "49% does not block",
		net:    func() *net { return new(net).list("X").own("X", "B", 49) },
		target: "B", ofac: None, eu: None,
		shares: []string{"X 49% listed"}, total: 49, effective: 0.49,
	},
	{
		name:   "two listed owners with 24% and 25% do not block",
		net:    func() *net { return new(net).list("X", "Y").own("X", "B", 24).own("Y", "B", 25) },
		target: "B", ofac: None, eu: None,
		shares: []string{"Y 25% listed", "X 24% listed"}, total: 49, effective: 0.49,
	},
	{
		name: "49% through a company that is not blocked does not count",
		// X owns 49% of A (A not blocked), A owns 100% of B: B is not blocked
		net:    func() *net { return new(net).list("X").own("X", "A", 49).own("A", "B", 100) },
		target: "B", ofac: None, eu: None,
		shares: nil, total: 0, effective: 0,
	},
	{
		name:   "a listed owner plus a blocked company: X 30% of B, A (100% X) 20% of B",
		net:    func() *net { return new(net).list("X").own("X", "A", 100).own("X", "B", 30).own("A", "B", 20) },
		target: "B", ofac: Blocked, eu: None,
		shares: []string{"X 30% listed", "A 20% blocked"}, total: 50, effective: 0.5,
		euShares: []string{"X 30% listed", "A 20% blocked"}, // 50% is not more than 50%
	},
	{
		name: "chain of majority stakes: X 60% A, A 60% C, C 60% B",
		net: func() *net {
			return new(net).list("X").own("X", "A", 60).own("A", "C", 60).own("C", "B", 60)
		},
		target: "B", ofac: Blocked, eu: Blocked,
		shares: []string{"C 60% blocked"}, total: 60, effective: 0.216,
	},
	{
		name: "cycle: X 50% A, A 50% C, C 50% A, C 50% B",
		net: func() *net {
			return new(net).list("X").own("X", "A", 50).own("A", "C", 50).own("C", "A", 50).own("C", "B", 50)
		},
		// E(A) = 0.5 + 0.5·E(C), E(C) = 0.5·E(A) → E(A) = 2/3, E(C) = 1/3, E(B) = 1/6
		target: "B", ofac: Blocked, eu: None,
		shares: []string{"C 50% blocked"}, total: 50, effective: 1.0 / 6,
	},
	{
		name: "cycle with no listed party reaching it stays unblocked",
		net: func() *net {
			return new(net).list("X").own("A", "C", 60).own("C", "A", 60).own("C", "B", 60).own("X", "D", 100)
		},
		target: "B", ofac: None, eu: None,
	},
	{
		name: "the same stake from two sources counts once",
		net: func() *net {
			return new(net).list("X").own("X", "B", 30).own("X", "B", 30).own("X", "B", 25)
		},
		target: "B", ofac: None, eu: None,
		shares: []string{"X 30% listed"}, total: 30, effective: 0.3,
	},
	{
		name: "unknown share does not count",
		net: func() *net {
			return new(net).list("X").own("X", "B", math.NaN())
		},
		target: "B", ofac: None, eu: None,
		shares: []string{"X ? listed"}, total: 0, effective: 0,
	},
	{
		name:   "control without ownership: a listed director blocks under the EU rule only (FAQ 398)",
		net:    func() *net { return new(net).list("X").control(graph.Directs, "X", "B") },
		target: "B", ofac: None, eu: Blocked,
		euShares: []string{"X DIRECTS listed"}, // OFAC's evidence lists no control
	},
	{
		name:   "a front represents its listed principal: controlled under the EU rule",
		net:    func() *net { return new(net).list("X").control(graph.Represents, "B", "X") },
		target: "B", ofac: None, eu: Blocked,
		euShares: []string{"X REPRESENTS listed"},
	},
	{
		name:   "a listed agent does not control its client",
		net:    func() *net { return new(net).list("X").control(graph.Represents, "X", "B") },
		target: "B", ofac: None, eu: None,
	},
	{
		name: "EU: control passes on: X directs A, A owns 51% of B",
		net: func() *net {
			return new(net).list("X").control(graph.Directs, "X", "A").own("A", "B", 51)
		},
		target: "B", ofac: None, eu: Blocked,
		euShares: []string{"A 51% blocked"}, // A is blocked for control, with no economic share
	},
	{
		name:   "a bank account held by a listed party is blocked property",
		net:    func() *net { return new(net).list("X").control(graph.HoldsAccount, "X", "B") },
		target: "B", ofac: Blocked, eu: Blocked,
		shares: []string{"X HOLDS_ACCOUNT listed"}, total: 100, effective: 1,
	},
}

func TestRules(t *testing.T) {
	for _, tc := range cases {
		for _, rule := range []Rule{OFAC, EU} {
			t.Run(tc.name+"/"+rule.String(), func(t *testing.T) {
				n := tc.net()
				r := n.compute(t, rule)
				b := n.id(tc.target)
				want := tc.ofac
				if rule == EU {
					want = tc.eu
				}
				if got := r.Status(b); got != want {
					t.Fatalf("%s is %s, want %s", tc.target, got, want)
				}
				ev := r.Evidence(b)
				if rule == EU && tc.eu != tc.ofac {
					if got := n.shares(ev); !slices.Equal(got, tc.euShares) {
						t.Errorf("EU shares %q, want %q", got, tc.euShares)
					}
					return
				}
				if got := n.shares(ev); !slices.Equal(got, tc.shares) {
					t.Errorf("shares %q, want %q", got, tc.shares)
				}
				if math.Abs(ev.Total-tc.total) > 1e-9 {
					t.Errorf("total %g%%, want %g%%", ev.Total, tc.total)
				}
				if math.Abs(ev.Effective-tc.effective) > 1e-9 {
					t.Errorf("effective %.6f, want %.6f", ev.Effective, tc.effective)
				}
			})
		}
	}
}

func TestEUControlEvidence(t *testing.T) {
	n := new(net).list("X").control(graph.Directs, "X", "B").own("X", "B", 10)
	r := n.compute(t, EU)
	ev := r.Evidence(n.id("B"))
	if ev.Status != Blocked || !ev.Controlled || ev.Total != 10 {
		t.Fatalf("evidence %+v: want blocked by control with 10%% owned", ev)
	}
	if got, want := n.shares(ev), []string{"X 10% listed", "X DIRECTS listed"}; !slices.Equal(got, want) {
		t.Errorf("shares %q, want %q (ownership and control kept apart)", got, want)
	}
}

func TestCycleTerminates(t *testing.T) {
	// a ring of 1,000 companies each owning 100% of the next, one of them
	// owned by a listed party: everything in the ring is blocked.
	n := new(net).list("X")
	const ring = 1000
	for i := 0; i < ring; i++ {
		n.own(fmt.Sprint("c", i), fmt.Sprint("c", (i+1)%ring), 100)
	}
	n.own("X", "c0", 50)
	r := n.compute(t, OFAC)
	if got := len(r.Blocked()); got != ring {
		t.Fatalf("%d blocked, want %d", got, ring)
	}
	if r.Rounds() != ring+1 {
		t.Errorf("%d rounds, want %d (one per hop, then one that blocks nobody)", r.Rounds(), ring+1)
	}
	if e := r.Evidence(n.id("c0")).Effective; e != 1 {
		// E(c0) = 0.5 + E(c999) and a ring of full ownership: saturates at 1
		t.Errorf("effective share in c0 %g, want 1", e)
	}
}

func TestPercentage(t *testing.T) {
	tests := []struct {
		in   any
		want float64
	}{
		{50.0, 50}, {"50", 50}, {"50%", 50}, {" 50.5 % ", 50.5}, {"50,5", 50.5}, {25, 25},
		{[]any{"30"}, 30}, {[]string{"40"}, 40}, {"101", math.NaN()}, {"-1", math.NaN()},
		{"half", math.NaN()}, {nil, math.NaN()}, {"", math.NaN()},
	}
	for _, tt := range tests {
		got := Percentage(tt.in)
		if !(got == tt.want || math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("Percentage(%#v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseRule(t *testing.T) {
	for in, want := range map[string]Rule{"ofac": OFAC, "OFAC": OFAC, "eu": EU, " EU ": EU} {
		if got, err := ParseRule(in); err != nil || got != want {
			t.Errorf("ParseRule(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseRule("uk"); err == nil {
		t.Error("ParseRule(uk): no error")
	}
}

func TestSourceError(t *testing.T) {
	_, err := Compute([]bool{true}, func([]int32) ([]Holding, error) { return nil, fmt.Errorf("boom") }, OFAC)
	if err == nil {
		t.Fatal("no error from a failing source")
	}
	_, err = Compute([]bool{true}, Holdings([]Holding{{Owner: 0, Asset: 5, Type: graph.Owns, Percentage: 50}}), OFAC)
	if err == nil {
		t.Fatal("no error for a holding outside the parties")
	}
}

// FuzzPercentage checks that every value read is a share in [0, 100] or NaN.
func FuzzPercentage(f *testing.F) {
	for _, s := range []string{"50", "50%", "1e2", "NaN", "Inf", "0x10", "50,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Percentage(s)
		if !math.IsNaN(p) && (p < 0 || p > 100) {
			t.Fatalf("Percentage(%q) = %v", s, p)
		}
	})
}
