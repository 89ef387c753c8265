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
	// EU is the "owned or controlled" test of the EU's Best Practices for
	// the implementation of restrictive measures (Council doc. 5382/24,
	// paragraphs 55-66): a party is blocked when listed or blocked parties
	// hold more than 50% of it, or control it (here: a listed or blocked
	// party directs it, or is the principal it represents as an agent or
	// front). Shares of several listed parties are added up, as the Best
	// Practices allow when they act together.
	EU
)

// ParseRule reads "ofac" or "eu".
func ParseRule(s string) (Rule, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ofac", "":
		return OFAC, nil
	case "eu":
		return EU, nil
	}
	return 0, fmt.Errorf("sanctions: rule %q: want ofac or eu", s)
}

func (r Rule) String() string {
	if r == EU {
		return "eu"
	}
	return "ofac"
}

// blocks reports whether total percent held by listed or blocked parties
// blocks under r.
func (r Rule) blocks(total float64) bool {
	if r == EU {
		return total > 50
	}
	return total >= 50
}

// Threshold is the share, in percent, at which r blocks ("≥ 50" or "> 50").
func (r Rule) Threshold() string {
	if r == EU {
		return "> 50%"
	}
	return "≥ 50%"
}

// HoldingTypes are the link types that can make a holding under r: OWNS
// and HOLDS_ACCOUNT under both rules, DIRECTS and REPRESENTS under the EU's.
func (r Rule) HoldingTypes() []graph.LinkType {
	if r == EU {
		return []graph.LinkType{graph.Owns, graph.HoldsAccount, graph.Directs, graph.Represents}
	}
	return []graph.LinkType{graph.Owns, graph.HoldsAccount}
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
