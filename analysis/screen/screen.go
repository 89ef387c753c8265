package screen

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/names"
)

// candidates searched per query
const searchLimit = 8

// asClose is how far below the best match another name may score and still
// count as naming the query as well (and raise a clear verdict to review
// when that other entity is linked or sanctioned).
const asClose = 0.02

// candidate is a name match with the graph's standing of its entity.
type candidate struct {
	names.Match
	standing Verdict
	dist     int
	total    float64            // the name score with the evidence beyond the name
	expl     map[string]float64 // what each feature contributed, when the query gave any
	idMatch  bool               // the query's identifier is the party's
}

// Screen screens one name.
//
// The name is matched against every party's name and aliases. The best
// match (ties: the most serious standing) decides: at or above the
// threshold, the verdict is its standing in the graph (sanctioned when
// listed or blocked; linked within Options.MaxHops control, payment or trade
// links of a sanctioned party; review when only a path through a weak or
// shared-attribute link reaches one; clear otherwise), raised to review
// when another name as close (within 0.02, and above the threshold) is
// linked or sanctioned. Below the threshold
// but within 0.15 of it, a possible match to a linked or sanctioned party
// gives review; anything else is clear.
func (s *Screener) Screen(ctx context.Context, q Query) (Result, error) {
	res := Result{Query: q.Name, ID: q.ID, Country: q.Country, Reference: q.Reference, Line: q.Line,
		BirthDate: q.BirthDate, Identifier: q.Identifier, Paths: []Path{}, Reasons: []string{}}
	var cands []candidate
	for _, m := range s.ix.Search(q.Name, searchLimit) {
		if m.Score < s.opt.Possible {
			break
		}
		v, d := s.standing(m.Node)
		c := candidate{Match: m, standing: v, dist: d}
		s.weigh(ctx, q, &c)
		cands = append(cands, c)
	}
	if q.hasFeatures() {
		// the evidence beyond the name reorders the names
		slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Compare(b.total, a.total) })
	}
	if len(cands) == 0 {
		res.Verdict = Clear
		res.Reasons = append(res.Reasons, fmt.Sprintf("no name in the graph scores %.2f or more", s.opt.Possible))
		return res, nil
	}
	// the best score; among equal scores the most serious standing
	best := 0
	for k := 1; k < len(cands) && cands[k].total == cands[0].total; k++ {
		if cands[k].standing > cands[best].standing {
			best = k
		}
	}
	chosen := cands[best]
	certain := chosen.idMatch || chosen.total >= s.opt.Threshold && chosen.Coverage >= minCoverage
	if !certain {
		// a possible match: the most serious standing among the possible ones
		for _, c := range cands {
			if c.standing > chosen.standing {
				chosen = c
			}
		}
	}
	res.Match = s.match(chosen)
	for _, c := range cands {
		if c.Node != chosen.Node && len(res.Alternatives) < 4 {
			res.Alternatives = append(res.Alternatives, *s.match(c))
		}
	}
	nameReason := fmt.Sprintf("name matches %q (%s) with score %.2f", chosen.Name, s.p.Nodes[chosen.Node].ID, chosen.Score)
	res.Reasons = append(res.Reasons, nameReason)
	if chosen.expl != nil {
		res.Reasons = append(res.Reasons, featureReason(chosen))
	}
	if r := s.delisting(ctx, chosen.Node); r != "" {
		res.Reasons = append(res.Reasons, r)
	}

	switch {
	case certain:
		res.Verdict = chosen.standing
		for _, c := range cands {
			if c.Node != chosen.Node && c.total >= s.opt.Threshold && c.total >= chosen.total-asClose && c.standing >= Linked && c.standing > res.Verdict && res.Verdict < Review {
				res.Verdict = Review
				res.Reasons = append(res.Reasons, fmt.Sprintf("another name as close, %q (%s, score %.2f), is %s", c.Name, s.p.Nodes[c.Node].ID, c.Score, c.standing))
			}
		}
	case chosen.standing >= Linked && chosen.total >= s.opt.Threshold:
		res.Verdict = Review
		res.Reasons = append(res.Reasons, fmt.Sprintf("uncertain name match: the query leaves out words of %q (it accounts for %.0f%% of the name, %.0f%% needed), and the entity is %s", chosen.Name, 100*chosen.Coverage, 100*minCoverage, chosen.standing))
	case chosen.standing >= Linked:
		res.Verdict = Review
		res.Reasons = append(res.Reasons, fmt.Sprintf("uncertain name match: %.2f is below the threshold %.2f, and the entity is %s", chosen.total, s.opt.Threshold, chosen.standing))
	case chosen.total >= s.opt.Threshold:
		res.Verdict = Clear
		res.Reasons = append(res.Reasons, fmt.Sprintf("the closest name scores %.2f but the query leaves out words of it (%.0f%% of the name), and its entity is %s", chosen.Score, 100*chosen.Coverage, chosen.standing))
	default:
		res.Verdict = Clear
		res.Reasons = append(res.Reasons, fmt.Sprintf("the closest name scores %.2f, below the threshold %.2f, and its entity is %s", chosen.total, s.opt.Threshold, chosen.standing))
	}
	if res.Verdict == Clear && chosen.standing <= Clear {
		res.Reasons = append(res.Reasons, fmt.Sprintf("no sanctioned party within %d links", s.opt.MaxHops))
	}
	if res.Verdict > Clear && chosen.standing > Clear {
		if err := s.evidence(ctx, &res, chosen, certain); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

func (s *Screener) match(c candidate) *Match {
	n := &s.p.Nodes[c.Node]
	return &Match{ID: n.ID, Name: n.Name, Score: round4(c.Score), Kind: n.Kind, Matched: c.Name, Verdict: c.standing, Explanations: c.expl}
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// evidence fills the distance, paths, ownership, score and reasons of a
// result whose match stands above clear.
//
// The score is 100 × name score × weight, halved for a possible (uncertain)
// match, and 0 for a clear verdict. The weight is 2 for a listed party;
// 1 + 0.5·effective share + 0.25·(share − 50)/50 for a party blocked by
// ownership (shares in percent, capped at 100); for a linked or review
// verdict, the sum over the evidence paths of the product of their links'
// weights (OWNS 0.5 + share/200, or 0.6 when the share is unknown; DIRECTS
// and REPRESENTS 0.75; HOLDS_ACCOUNT 0.7; SUPPLIES and PAYS 0.5; SAME_AS
// 0.9; weak links 0.3; LOCATED_AT 0.2), times 0.8 for a path that ends at a
// blocked rather than a listed party. Each further path adds to it, so the
// score does not saturate: a supplier two control links away from three
// listed parties ranks above one with a single such path.
func (s *Screener) evidence(ctx context.Context, res *Result, c candidate, certain bool) error {
	u := c.Node
	d := c.dist
	res.Distance = &d
	var raw []rawPath
	weight := 0.0
	switch c.standing {
	case Sanctioned:
		ev := s.sanc.Evidence(u)
		if ev.Status == sanctions.Listed {
			weight = 2
			res.Reasons = append(res.Reasons, s.listing(ctx, u))
		} else {
			res.BlockedBy = s.ownership(ev)
			// 1 at the threshold, more with the share and the effective share
			weight = 1 + 0.5*ev.Effective + 0.25*max(0, min(ev.Total, 100)-50)/50
			res.Reasons = append(res.Reasons, blockedReason(s.snap.Rule(), ev, res.BlockedBy))
			raw = s.ownershipPaths(u, s.opt.Paths)
		}
	case Linked, Review:
		mask := &strongMask
		dist := s.reach.strong
		if c.standing == Review {
			mask, dist = &anyMask, s.reach.any
		}
		for _, hs := range shortestPaths(s.p, dist, mask, u, s.opt.Paths) {
			raw = append(raw, rawPath{start: u, hops: hs})
		}
	}
	if ev := s.sanc.Evidence(u); ev.Status == sanctions.None && len(ev.Shares) > 0 {
		res.Ownership = s.ownership(ev)
		res.Reasons = append(res.Reasons, fmt.Sprintf("%s held by listed or blocked parties: below the %s rule's threshold (%s)",
			pct(ev.Total), strings.ToUpper(s.snap.Rule().String()), s.snap.Rule().Threshold()))
	}
	paths, err := s.paths(ctx, u, c.standing, d, raw)
	if err != nil {
		return err
	}
	res.Paths = paths
	if c.standing != Sanctioned {
		for _, pa := range paths {
			weight += pathWeight(pa)
		}
	}
	if c.standing == Linked || c.standing == Review {
		res.Reasons = append(res.Reasons, pathReasons(paths, c.standing, s.opt.MaxHops)...)
	}
	res.Score = 100 * c.total * weight
	if !certain {
		res.Score /= 2
	}
	res.Score = round4(res.Score)
	return nil
}

// listing describes a listed party's sanctions, read from the evidence.
// Entity reads an entity whole through the snapshot, once for the life of
// the screener: the matched parties' listings, delistings and the facts
// that supporting evidence is weighed against, which an audit trail
// records again. An entity the store does not hold is an error wrapping
// graph.ErrNotFound.
func (s *Screener) Entity(ctx context.Context, id string) (graph.Entity, error) {
	if e, ok := s.ents.Get(id); ok {
		return e, nil
	}
	e, err := s.snap.Entity(ctx, id)
	if err != nil {
		return graph.Entity{}, err
	}
	s.ents.Put(id, e)
	return e, nil
}

func (s *Screener) listing(ctx context.Context, u int32) string {
	id := s.p.Nodes[u].ID
	var sanc []graph.Sanction
	if e, err := s.Entity(ctx, id); err == nil {
		sanc = e.Sanctions
	}
	if len(sanc) == 0 {
		return "listed"
	}
	var parts []string
	for _, x := range sanc {
		p := x.Authority
		if x.Program != "" {
			p += " " + x.Program
		}
		if x.Reference != "" {
			p += " (" + x.Reference + ")"
		}
		if !x.Listed.IsZero() {
			p += " since " + x.Listed.Format("2006-01-02")
		}
		if !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	return "listed: " + strings.Join(parts, "; ")
}

func pct(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".") + "%"
}

func blockedReason(rule sanctions.Rule, ev sanctions.Evidence, own *Ownership) string {
	var parts []string
	for _, sh := range own.Shares {
		if sh.Percentage != nil {
			parts = append(parts, fmt.Sprintf("%s %s %s", sh.Owner, pct(*sh.Percentage), sh.Status))
		} else {
			parts = append(parts, fmt.Sprintf("%s %s %s", sh.Owner, sh.Type, sh.Status))
		}
	}
	if ev.Controlled {
		return fmt.Sprintf("blocked under the %s rule: controlled by a listed or blocked party (%s)", strings.ToUpper(rule.String()), strings.Join(parts, ", "))
	}
	return fmt.Sprintf("blocked under %s: %s held by listed or blocked parties (%s); effective share of listed parties %s",
		rule.Title(), pct(ev.Total), strings.Join(parts, ", "), pct(100*ev.Effective))
}

// ownership converts sanctions evidence for output.
func (s *Screener) ownership(ev sanctions.Evidence) *Ownership {
	o := &Ownership{Rule: s.snap.Rule().String(), Threshold: s.snap.Rule().Threshold(), Total: round4(ev.Total), Effective: round4(ev.Effective), Controlled: ev.Controlled, Shares: []Share{}}
	for _, sh := range ev.Shares {
		n := &s.p.Nodes[sh.Owner]
		out := Share{Owner: n.ID, Name: n.Name, Type: sh.Type, Status: sh.OwnerStatus.String(), Effective: round4(sh.OwnerEffective), Link: sh.Link}
		if !math.IsNaN(sh.Percentage) && sh.Type == graph.Owns {
			p := sh.Percentage
			out.Percentage = &p
		}
		o.Shares = append(o.Shares, out)
	}
	return o
}

// pathReasons says how the paths reach sanctioned parties.
func pathReasons(paths []Path, v Verdict, maxHops int) []string {
	var out []string
	for _, pa := range paths {
		last := pa.Nodes[len(pa.Nodes)-1]
		var types []string
		for _, l := range pa.Links {
			types = append(types, string(l.Type))
		}
		links := "links"
		if len(pa.Links) == 1 {
			links = "link"
		}
		out = append(out, fmt.Sprintf("%d %s to %s (%s, %s): %s", len(pa.Links), links, last.Name, last.ID, last.Status, strings.Join(types, ", ")))
	}
	if v == Review {
		out = append(out, fmt.Sprintf("every path within %d links needs a weak or shared-attribute link", maxHops))
	}
	return out
}

// linkWeight is how much one link of a path says about exposure.
func linkWeight(l PathLink) float64 {
	switch l.Type {
	case graph.Owns:
		if l.Percentage != nil {
			return 0.5 + *l.Percentage/200
		}
		return 0.6
	case graph.Directs, graph.Represents:
		return 0.75
	case graph.HoldsAccount:
		return 0.7
	case graph.Supplies, graph.Pays:
		return 0.5
	case graph.SameAs:
		return 0.9
	case graph.LocatedAt:
		return 0.2
	}
	return 0.3 // weak
}

// pathWeight multiplies the links' weights, and counts a path to a blocked
// party at 0.8 of one to a listed party.
func pathWeight(pa Path) float64 {
	w := 1.0
	for _, l := range pa.Links {
		w *= linkWeight(l)
	}
	if pa.Nodes[len(pa.Nodes)-1].Status == "blocked" {
		w *= 0.8
	}
	return w
}
