package sanctions

import (
	"fmt"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// Rule is the test that blocks a party for who owns or controls it.
type Rule uint8

const (
	// OFAC is the 50 Percent Rule (OFAC FAQs 398-401, 2014 guidance): a
	// party is blocked when the shares held in it, directly or indirectly,
	// by listed or blocked parties add up to 50% or more. Control without
	// ownership (a director, an agent) does not block (FAQ 398).
	OFAC Rule = iota
	// EU is the "owned or controlled" test as the Council's EU Best
	// Practices for the effective implementation of restrictive measures
	// state it in their 2024 update (Council doc. 11623/24, July 2024,
	// the section on ownership and control): a party is blocked when
	// listed or blocked parties hold more than 50% of it, or control it
	// (here: a listed or blocked party directs it, or is the principal it
	// represents as an agent or front). The holdings of several listed
	// parties are added up, as the 2024 update says to do, and as the
	// Commission's example has it (Russia FAQ on Article 2 of Regulation
	// 269/2014, question 8, 2022: one listed person with 30% and another
	// with 25%: owned by listed persons).
	EU
	// UK is the ownership and control test of the UK's sanctions
	// regulations under the Sanctions and Anti-Money Laundering Act 2018
	// (regulation 7 of each regime's regulations, e.g. the Russia
	// (Sanctions) (EU Exit) Regulations 2019, and Schedule 1 for
	// indirect holdings), as OFSI's "General guidance for financial
	// sanctions under regulations made under the Sanctions and
	// Anti-Money Laundering Act 2018" explains it in its chapter on
	// ownership and control: a party is owned or controlled by a
	// designated person who holds, directly or indirectly, more than 50%
	// of its shares or voting rights, or the right to appoint or remove
	// a majority of its board, or who can be expected to have its affairs
	// conducted as that person wishes (here: directs it, or is the
	// principal it represents as an agent, front or nominee). Shares
	// held through a party the designated person owns or controls count
	// as its own (Schedule 1). Holdings of different designated persons
	// are not added up (paragraph 4.14, added in 2022: "OFSI would not
	// simply aggregate different designated persons' holdings in a
	// company, unless, for example, the shares or rights are subject to a
	// joint arrangement between the designated parties or one party
	// controls the rights of another"); shellnet's links record no joint
	// arrangement other than one party acting for, or being owned or
	// controlled by, another, which this rule follows. OFSI's later
	// guidance (the March 2023 enforcement guidance on due diligence for
	// ownership and control, the November 2023 FCDO and OFSI statement
	// on public officials) does not change the test.
	UK
)

// ParseRule reads "ofac", "eu" or "uk".
func ParseRule(s string) (Rule, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ofac", "":
		return OFAC, nil
	case "eu":
		return EU, nil
	case "uk":
		return UK, nil
	}
	return 0, fmt.Errorf("sanctions: rule %q: want ofac, eu or uk", s)
}

func (r Rule) String() string {
	switch r {
	case EU:
		return "eu"
	case UK:
		return "uk"
	}
	return "ofac"
}

// Title names r in a sentence ("blocked under the OFAC 50 Percent Rule").
func (r Rule) Title() string {
	switch r {
	case EU:
		return "the EU rule (owned more than 50%)"
	case UK:
		return "the UK rule (owned more than 50% by one designated person)"
	}
	return "the OFAC 50 Percent Rule"
}

// blocks reports whether total percent held by listed or blocked parties
// (under the UK rule, by one designated person) blocks under r.
func (r Rule) blocks(total float64) bool {
	if r == OFAC {
		return total >= 50
	}
	return total > 50
}

// Threshold is the share, in percent, at which r blocks ("≥ 50%" or
// "> 50%").
func (r Rule) Threshold() string {
	switch r {
	case EU:
		return "> 50%"
	case UK:
		return "> 50% held by one designated person"
	}
	return "≥ 50%"
}

// HoldingTypes are the link types that can make a holding under r: OWNS
// and HOLDS_ACCOUNT under every rule, DIRECTS and REPRESENTS under the
// EU's and the UK's.
func (r Rule) HoldingTypes() []graph.LinkType {
	if r == OFAC {
		return []graph.LinkType{graph.Owns, graph.HoldsAccount}
	}
	return []graph.LinkType{graph.Owns, graph.HoldsAccount, graph.Directs, graph.Represents}
}

// Controller returns which end of a link of type t holds or controls the
// other: the owner of OWNS, the holder of HOLDS_ACCOUNT, the director of
// DIRECTS, and the client of REPRESENTS (a front or agent acts for, and is
// controlled by, its principal). ok is false for other types.
func Controller(t graph.LinkType) (fromEnd, ok bool) {
	switch t {
	case graph.Owns, graph.HoldsAccount, graph.Directs:
		return true, true
	case graph.Represents:
		return false, true
	}
	return false, false
}
