package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// Change is how one supplier's screening differs from the last run of its
// list, with the causes.
type Change struct {
	Supplier string `json:"supplier"`
	Query    Query  `json:"query"`
	Before   string `json:"before"` // verdict shown then ("" for a supplier new to the list)
	After    string `json:"after"`  // verdict shown now
	// BeforeMatch and AfterMatch are the matched parties' IDs.
	BeforeMatch string   `json:"before_match,omitempty"`
	AfterMatch  string   `json:"after_match,omitempty"`
	NewPaths    []string `json:"new_paths,omitempty"`
	LostPaths   []string `json:"lost_paths,omitempty"`
	// Worse is whether the supplier's standing got worse: a higher
	// verdict, a new path at the same verdict, or a cleared match raised.
	Worse  bool     `json:"worse"`
	Causes []string `json:"causes"`
}

// Diff compares the screenings of a run with those of the run before it
// (prev, by supplier) and returns, in the order of now, what changed: a
// new or lost match, a verdict up or down, new or lost evidence paths,
// each with its causes (a party listed or delisted in a release, a name
// match above or below the threshold, a path or ownership share that
// appeared or went). Suppliers whose screening did not change are left
// out, and so are suppliers new to the list found clear. ents reads the parties concerned as they are now.
func Diff(ctx context.Context, prev, now []Screening, ents Entities) ([]Change, error) {
	before := map[string]*Screening{}
	for i := range prev {
		before[prev[i].Supplier] = &prev[i]
	}
	var out []Change
	for i := range now {
		n := &now[i]
		p := before[n.Supplier]
		c := Change{Supplier: n.Supplier, Query: n.Query, After: n.Outcome.Verdict, AfterMatch: matchID(n)}
		if p == nil {
			if rank(c.After) == 0 {
				continue // a new supplier found clear changes nothing
			}
			c.Causes = []string{"new on the list"}
			c.Worse = rank(c.After) > 0
			out = append(out, c)
			continue
		}
		c.Before, c.BeforeMatch = p.Outcome.Verdict, matchID(p)
		c.NewPaths, c.LostPaths = pathDiff(p, n)
		if c.Before == c.After && c.BeforeMatch == c.AfterMatch && len(c.NewPaths) == 0 && len(c.LostPaths) == 0 {
			continue
		}
		causes, err := causesOf(ctx, p, n, &c, ents)
		if err != nil {
			return nil, err
		}
		c.Causes = causes
		c.Worse = rank(c.After) > rank(c.Before) || (rank(c.After) == rank(c.Before) && rank(c.After) > 0 && len(c.NewPaths) > 0) ||
			(p.Outcome.Verdict == Cleared && len(n.Outcome.Raised) > 0)
		out = append(out, c)
	}
	return out, nil
}

func matchID(s *Screening) string {
	if s.Outcome.Match == nil {
		return ""
	}
	return s.Outcome.Match.ID
}

func pathDiff(p, n *Screening) (added, lost []string) {
	texts := func(s *Screening) []string {
		var out []string
		for _, pa := range s.Outcome.Paths {
			out = append(out, PathText(pa))
		}
		return out
	}
	was, is := texts(p), texts(n)
	for _, t := range is {
		if !slices.Contains(was, t) {
			added = append(added, t)
		}
	}
	for _, t := range was {
		if !slices.Contains(is, t) {
			lost = append(lost, t)
		}
	}
	return added, lost
}

// causesOf explains a change between p and n.
func causesOf(ctx context.Context, p, n *Screening, c *Change, ents Entities) ([]string, error) {
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	pm, nm := p.Outcome.Match, n.Outcome.Match
	// the party matched before: delisted, or no longer the match
	if pm != nil && (nm == nil || nm.ID != pm.ID || n.Outcome.Standing < p.Outcome.Standing) {
		if d, err := delisting(ctx, pm.ID, ents); err != nil {
			return nil, err
		} else if d != "" && p.Outcome.Standing == screen.Sanctioned {
			add(fmt.Sprintf("%s (%s) %s", pm.Name, pm.ID, d))
		} else if nm == nil || nm.ID != pm.ID {
			add(fmt.Sprintf("name match to %s (%s) below the threshold %.2f (it scored %.2f)", pm.Name, pm.ID, n.Basis.Settings.Threshold, pm.Score))
		}
	}
	// the party matched now: newly listed, or newly matched
	if nm != nil && (pm == nil || pm.ID != nm.ID || n.Outcome.Standing > p.Outcome.Standing) {
		listed := false
		if n.Outcome.Standing == screen.Sanctioned && n.Facts != nil {
			for _, l := range n.Facts.Listings {
				d := listingDataset(l)
				now, ok := n.Basis.release(d)
				if was, had := p.Basis.release(d); ok && (!had || was.Key != now.Key) {
					add(fmt.Sprintf("%s (%s) listed in release %s (%s)", nm.Name, nm.ID, now.Label, strings.TrimSuffix(l, " ["+d+"]")))
					listed = true
				}
			}
		}
		if !listed && (pm == nil || pm.ID != nm.ID) {
			add(fmt.Sprintf("name match to %s (%s) above the threshold %.2f (score %.2f)", nm.Name, nm.ID, n.Basis.Settings.Threshold, nm.Score))
		}
	}
	for _, pa := range c.NewPaths {
		add("new path: " + pa)
	}
	for _, pa := range c.LostPaths {
		cause := "lost path: " + pa
		if end := pathEnd(p, pa); end != "" {
			d, err := delisting(ctx, end, ents)
			if err != nil {
				return nil, err
			}
			if d != "" {
				cause += fmt.Sprintf(" (%s %s)", end, d)
			}
		}
		add(cause)
	}
	if p.Outcome.Verdict == Cleared && n.Outcome.Verdict != Cleared {
		for _, r := range n.Outcome.Raised {
			add("cleared match raised again: " + r)
		}
		if n.Outcome.Decision == nil {
			add("the decision that cleared the match was revoked")
		}
	}
	if d := n.Outcome.Decision; d != nil && n.Outcome.Verdict == Cleared && p.Outcome.Verdict != Cleared {
		add(fmt.Sprintf("cleared as a false positive by %s on %s: %s", d.Who, d.When.UTC().Format("2006-01-02"), d.Note))
	}
	if len(out) == 0 {
		add(fmt.Sprintf("verdict %s, was %s", c.After, c.Before))
	}
	return out, nil
}

// pathEnd is the last node of the path of s whose text is t.
func pathEnd(s *Screening, t string) string {
	for _, pa := range s.Outcome.Paths {
		if PathText(pa) == t && len(pa.Nodes) > 0 {
			return pa.Nodes[len(pa.Nodes)-1].ID
		}
	}
	return ""
}

// delisting says when and by which release a party lost its last
// listing (screen.Delisting), "" for a party listed, never delisted or no
// longer stored.
func delisting(ctx context.Context, id string, ents Entities) (string, error) {
	if ents == nil {
		return "", nil
	}
	e, err := ents(ctx, id)
	if err != nil {
		if errors.Is(err, graph.ErrNotFound) {
			return "", nil
		}
		return "", fmt.Errorf("audit: %w", err)
	}
	if len(e.Sanctions) > 0 {
		return "", nil
	}
	return screen.Delisting(e), nil
}

func unmarshal(r graph.AuditRecord, v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("record %d (%s): %w", r.Seq, r.Kind, err)
	}
	return nil
}
