package sanctions

import (
	"fmt"
	"math"
	"slices"
	"strings"
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
// 2014; FAQ 401's three examples as OFAC publishes them), the Commission's
// aggregation example for the EU rule, OFSI's paragraph 4.14 for the UK
// rule, and their variants. The statuses are those of "B" (or the party
// named in target) under each rule, shares the evidence's shares in it,
// total the aggregate percentage and effective the multiplied-through
// share of listed parties, all under OFAC's rule and under each rule
// that gives the same status; euShares and ukShares are the evidence's
// shares under a rule whose verdict differs from OFAC's.
var cases = []struct {
	name         string
	net          func() *net
	target       string
	ofac, eu, uk Status
	shares       []string
	total        float64
	effective    float64
	euShares     []string
	ukShares     []string
}{
	{
		name:   "FAQ 401 example 1: X owns 50% of A, A owns 50% of B",
		net:    func() *net { return new(net).list("X").own("X", "A", 50).own("A", "B", 50) },
		target: "B", ofac: Blocked, eu: None, uk: None, // the EU and the UK want more than 50%
		shares: []string{"A 50% blocked"}, total: 50, effective: 0.25,
	},
	{
		name:   "FAQ 401 example 1, first hop: A is blocked",
		net:    func() *net { return new(net).list("X").own("X", "A", 50).own("A", "B", 50) },
		target: "A", ofac: Blocked, eu: None, uk: None,
		shares: []string{"X 50% listed"}, total: 50, effective: 0.5,
		euShares: []string{"X 50% listed"}, ukShares: []string{"X 50% listed"},
	},
	{
		name: "FAQ 401 example 2: X owns 50% of A and of B, A and B own 25% of C each",
		net: func() *net {
			return new(net).list("X").own("X", "A", 50).own("X", "B", 50).own("A", "C", 25).own("B", "C", 25)
		},
		target: "C", ofac: Blocked, eu: None, uk: None,
		shares: []string{"A 25% blocked", "B 25% blocked"}, total: 50, effective: 0.25,
	},
	{
		name:   "FAQ 401 example 3: X owns 50% of A and 10% of B, A owns 40% of B",
		net:    func() *net { return new(net).list("X").own("X", "A", 50).own("X", "B", 10).own("A", "B", 40) },
		target: "B", ofac: Blocked, eu: None, uk: None,
		shares: []string{"A 40% blocked", "X 10% listed"}, total: 50, effective: 0.3,
		euShares: []string{"X 10% listed"}, ukShares: []string{"X 10% listed"}, // A is not blocked at exactly 50%
	},
	{
		name:   "aggregation: two listed owners hold 25% each",
		net:    func() *net { return new(net).list("X", "Y").own("X", "B", 25).own("Y", "B", 25) },
		target: "B", ofac: Blocked, eu: None, uk: None,
		shares: []string{"X 25% listed", "Y 25% listed"}, total: 50, effective: 0.5,
		euShares: []string{"X 25% listed", "Y 25% listed"}, ukShares: []string{"X 25% listed", "Y 25% listed"},
	},
	{
		// the Commission's example (Russia FAQ on Article 2 of Regulation
		// 269/2014, question 8); OFSI's paragraph 4.14: each holding below
		// 50% and no joint arrangement, so not owned under the UK rule
		name:   "aggregation above 50%: two listed owners hold 30% and 25%",
		net:    func() *net { return new(net).list("X", "Y").own("X", "B", 30).own("Y", "B", 25) },
		target: "B", ofac: Blocked, eu: Blocked, uk: None,
		shares: []string{"X 30% listed", "Y 25% listed"}, total: 55, effective: 0.55,
		ukShares: []string{"X 30% listed", "Y 25% listed"},
	},
	{
		// OFSI's paragraph 4.14: added up when "one party controls the
		// rights of another": Y acts for X
		name: "UK: one designated person acts for another: X 30% and Y 25%, Y represents X",
		net: func() *net {
			return new(net).list("X", "Y").own("X", "B", 30).own("Y", "B", 25).control(graph.Represents, "Y", "X")
		},
		target: "B", ofac: Blocked, eu: Blocked, uk: Blocked,
		shares: []string{"X 30% listed", "Y 25% listed"}, total: 55, effective: 0.55,
	},
	{
		name: "UK: shares held through an owned company count as the owner's: X 60% A, X 30% B, A 25% B",
		net: func() *net {
			return new(net).list("X").own("X", "A", 60).own("X", "B", 30).own("A", "B", 25)
		},
		target: "B", ofac: Blocked, eu: Blocked, uk: Blocked,
		shares: []string{"X 30% listed", "A 25% blocked"}, total: 55, effective: 0.45,
	},
	{
		name: "UK: but not those of a company another designated person owns: X 60% A, Y 30% B, A 25% B",
		net: func() *net {
			return new(net).list("X", "Y").own("X", "A", 60).own("Y", "B", 30).own("A", "B", 25)
		},
		target: "B", ofac: Blocked, eu: Blocked, uk: None,
		shares: []string{"Y 30% listed", "A 25% blocked"}, total: 55, effective: 0.45,
		ukShares: []string{"Y 30% listed", "A 25% blocked"},
	},
	{
		// A is blocked in the first round for X; V, which Z owns through
		// W, is blocked in the second and directs A: A's holdings are read
		// again and count for Z too
		name: "UK: a party gains a principal after it was blocked: X 60% A, Z→W→V directs A, Z 30% B, A 25% B",
		net: func() *net {
			return new(net).list("X", "Z").own("X", "A", 60).own("Z", "W", 100).own("W", "V", 100).
				control(graph.Directs, "V", "A").own("Z", "B", 30).own("A", "B", 25)
		},
		target: "B", ofac: Blocked, eu: Blocked, uk: Blocked,
		shares: []string{"Z 30% listed", "A 25% blocked"}, total: 55, effective: 0.45,
	},
	{
		name:   "49% does not block",
		net:    func() *net { return new(net).list("X").own("X", "B", 49) },
		target: "B", ofac: None, eu: None, uk: None,
		shares: []string{"X 49% listed"}, total: 49, effective: 0.49,
	},
	{
		name:   "two listed owners with 24% and 25% do not block",
		net:    func() *net { return new(net).list("X", "Y").own("X", "B", 24).own("Y", "B", 25) },
		target: "B", ofac: None, eu: None, uk: None,
		shares: []string{"Y 25% listed", "X 24% listed"}, total: 49, effective: 0.49,
	},
	{
		name: "49% through a company that is not blocked does not count",
		// X owns 49% of A (A not blocked), A owns 100% of B: B is not blocked
		net:    func() *net { return new(net).list("X").own("X", "A", 49).own("A", "B", 100) },
		target: "B", ofac: None, eu: None, uk: None,
		shares: nil, total: 0, effective: 0,
	},
	{
		name:   "a listed owner plus a blocked company: X 30% of B, A (100% X) 20% of B",
		net:    func() *net { return new(net).list("X").own("X", "A", 100).own("X", "B", 30).own("A", "B", 20) },
		target: "B", ofac: Blocked, eu: None, uk: None,
		shares: []string{"X 30% listed", "A 20% blocked"}, total: 50, effective: 0.5,
		euShares: []string{"X 30% listed", "A 20% blocked"}, // 50% is not more than 50%
		ukShares: []string{"X 30% listed", "A 20% blocked"},
	},
	{
		name: "chain of majority stakes: X 60% A, A 60% C, C 60% B",
		net: func() *net {
			return new(net).list("X").own("X", "A", 60).own("A", "C", 60).own("C", "B", 60)
		},
		target: "B", ofac: Blocked, eu: Blocked, uk: Blocked,
		shares: []string{"C 60% blocked"}, total: 60, effective: 0.216,
	},
	{
		name: "cycle: X 50% A, A 50% C, C 50% A, C 50% B",
		net: func() *net {
			return new(net).list("X").own("X", "A", 50).own("A", "C", 50).own("C", "A", 50).own("C", "B", 50)
		},
		// E(A) = 0.5 + 0.5·E(C), E(C) = 0.5·E(A) → E(A) = 2/3, E(C) = 1/3, E(B) = 1/6
		target: "B", ofac: Blocked, eu: None, uk: None,
		shares: []string{"C 50% blocked"}, total: 50, effective: 1.0 / 6,
	},
	{
		name: "cycle with no listed party reaching it stays unblocked",
		net: func() *net {
			return new(net).list("X").own("A", "C", 60).own("C", "A", 60).own("C", "B", 60).own("X", "D", 100)
		},
		target: "B", ofac: None, eu: None, uk: None,
	},
	{
		name: "the same stake from two sources counts once",
		net: func() *net {
			return new(net).list("X").own("X", "B", 30).own("X", "B", 30).own("X", "B", 25)
		},
		target: "B", ofac: None, eu: None, uk: None,
		shares: []string{"X 30% listed"}, total: 30, effective: 0.3,
	},
	{
		name: "unknown share does not count",
		net: func() *net {
			return new(net).list("X").own("X", "B", math.NaN())
		},
		target: "B", ofac: None, eu: None, uk: None,
		shares: []string{"X ? listed"}, total: 0, effective: 0,
	},
	{
		name:   "control without ownership: a listed director blocks under the EU rule only (FAQ 398)",
		net:    func() *net { return new(net).list("X").control(graph.Directs, "X", "B") },
		target: "B", ofac: None, eu: Blocked, uk: Blocked,
		euShares: []string{"X DIRECTS listed"}, // OFAC's evidence lists no control
		ukShares: []string{"X DIRECTS listed"},
	},
	{
		name:   "a front represents its listed principal: controlled under the EU rule",
		net:    func() *net { return new(net).list("X").control(graph.Represents, "B", "X") },
		target: "B", ofac: None, eu: Blocked, uk: Blocked,
		euShares: []string{"X REPRESENTS listed"}, ukShares: []string{"X REPRESENTS listed"},
	},
	{
		name:   "a listed agent does not control its client",
		net:    func() *net { return new(net).list("X").control(graph.Represents, "X", "B") },
		target: "B", ofac: None, eu: None, uk: None,
	},
	{
		name: "EU: control passes on: X directs A, A owns 51% of B",
		net: func() *net {
			return new(net).list("X").control(graph.Directs, "X", "A").own("A", "B", 51)
		},
		target: "B", ofac: None, eu: Blocked, uk: Blocked,
		euShares: []string{"A 51% blocked"}, // A is blocked for control, with no economic share
		ukShares: []string{"A 51% blocked"},
	},
	{
		name:   "a bank account held by a listed party is blocked property",
		net:    func() *net { return new(net).list("X").control(graph.HoldsAccount, "X", "B") },
		target: "B", ofac: Blocked, eu: Blocked, uk: Blocked,
		shares: []string{"X HOLDS_ACCOUNT listed"}, total: 100, effective: 1,
	},
}

func TestRules(t *testing.T) {
	for _, tc := range cases {
		for _, rule := range []Rule{OFAC, EU, UK} {
			t.Run(tc.name+"/"+rule.String(), func(t *testing.T) {
				n := tc.net()
				r := n.compute(t, rule)
				b := n.id(tc.target)
				want, shares := tc.ofac, tc.shares
				switch rule {
				case EU:
					want, shares = tc.eu, tc.euShares
				case UK:
					want, shares = tc.uk, tc.ukShares
				}
				if got := r.Status(b); got != want {
					t.Fatalf("%s is %s, want %s", tc.target, got, want)
				}
				ev := r.Evidence(b)
				if want != tc.ofac {
					if got := n.shares(ev); !slices.Equal(got, shares) {
						t.Errorf("%s shares %q, want %q", rule, got, shares)
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
	for in, want := range map[string]Rule{"ofac": OFAC, "OFAC": OFAC, "eu": EU, " EU ": EU, "uk": UK, "UK": UK} {
		if got, err := ParseRule(in); err != nil || got != want || got.String() != strings.ToLower(strings.TrimSpace(in)) {
			t.Errorf("ParseRule(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseRule("un"); err == nil {
		t.Error("ParseRule(un): no error")
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

// TestUKLargest checks the share the UK rule decides on: the most held by
// one designated person, with the holdings of those acting for it.
func TestUKLargest(t *testing.T) {
	apart := new(net).list("X", "Y").own("X", "B", 30).own("Y", "B", 25)
	together := new(net).list("X", "Y").own("X", "B", 30).own("Y", "B", 25).control(graph.Represents, "Y", "X")
	for _, c := range []struct {
		n       *net
		largest float64
		status  Status
	}{{apart, 30, None}, {together, 55, Blocked}} {
		ev := c.n.compute(t, UK).Evidence(c.n.id("B"))
		if ev.Status != c.status || ev.Largest != c.largest || ev.Total != 55 || ev.Controlled {
			t.Errorf("evidence %+v: want %s, largest %g%%, total 55%%, not controlled", ev, c.status, c.largest)
		}
	}
	if ev := apart.compute(t, EU).Evidence(apart.id("B")); ev.Largest != 0 {
		t.Errorf("largest %g under the EU rule, want 0", ev.Largest)
	}
}
