package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// Entities reads one stored entity (graph.Get on a store); an ID not
// stored is an error wrapping graph.ErrNotFound.
type Entities func(ctx context.Context, id string) (graph.Entity, error)

// Facts are what a verdict about a match rests on: the party's listings,
// the evidence paths to sanctioned parties and the ownership shares of
// listed or blocked parties. A match cleared as a false positive stays
// cleared while they hold, and is raised again when one changes.
type Facts struct {
	Match    string   `json:"match"`
	Standing string   `json:"standing"`
	Listings []string `json:"listings"` // "OFAC SDGT (2676) [ofac-sdn]", sorted
	Paths    []string `json:"paths"`    // evidence paths as text, sorted
	Shares   []string `json:"shares"`   // "owner 50% listed", sorted
}

// ErrNotMatched is wrapped by DecisionFacts's error when the party is
// neither the match of the screening nor a name as close.
var ErrNotMatched = errors.New("the supplier does not match that party now")

// DecisionFacts reads the facts a decision about party id is taken on:
// those of r's match when it is id, or of id among the names as close
// (r.Alternatives).
func DecisionFacts(ctx context.Context, r screen.Result, id string, ents Entities) (*Facts, error) {
	if r.Match == nil || r.Match.ID != id {
		i := slices.IndexFunc(r.Alternatives, func(m screen.Match) bool { return m.ID == id })
		if i < 0 {
			return nil, fmt.Errorf("audit: %q and %s: %w (screen it and decide about the match it shows)", r.Query, id, ErrNotMatched)
		}
		r = screen.Result{Query: r.Query, Match: &r.Alternatives[i]}
	}
	return FactsOf(ctx, &r, ents)
}

// FactsOf reads the facts behind r's match; nil when r has no match.
func FactsOf(ctx context.Context, r *screen.Result, ents Entities) (*Facts, error) {
	if r.Match == nil {
		return nil, nil
	}
	f := &Facts{Match: r.Match.ID, Standing: r.Match.Verdict.String(), Listings: []string{}, Paths: []string{}, Shares: []string{}}
	if r.Match.Verdict > screen.Clear && ents != nil {
		e, err := ents(ctx, r.Match.ID)
		if err != nil {
			return nil, fmt.Errorf("audit: facts of %s: %w", r.Match.ID, err)
		}
		for _, s := range e.Sanctions {
			f.Listings = append(f.Listings, listingText(s))
		}
	}
	for _, p := range r.Paths {
		f.Paths = append(f.Paths, PathText(p))
	}
	for _, o := range []*screen.Ownership{r.BlockedBy, r.Ownership} {
		if o == nil {
			continue
		}
		for _, sh := range o.Shares {
			f.Shares = append(f.Shares, shareText(sh))
		}
	}
	for _, l := range []*[]string{&f.Listings, &f.Paths, &f.Shares} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return f, nil
}

func listingText(s graph.Sanction) string {
	t := s.Authority
	if s.Program != "" {
		t += " " + s.Program
	}
	if s.Reference != "" {
		t += " (" + s.Reference + ")"
	}
	if s.Dataset != "" {
		t += " [" + s.Dataset + "]"
	}
	return t
}

// listingDataset is the dataset of a listing's text, "" when none.
func listingDataset(t string) string {
	i := strings.LastIndex(t, " [")
	if i < 0 || !strings.HasSuffix(t, "]") {
		return ""
	}
	return t[i+2 : len(t)-1]
}

func shareText(sh screen.Share) string {
	if sh.Percentage != nil {
		return fmt.Sprintf("%s %s%% %s", sh.Owner, strconv.FormatFloat(*sh.Percentage, 'f', -1, 64), sh.Status)
	}
	return fmt.Sprintf("%s %s %s", sh.Owner, sh.Type, sh.Status)
}

// PathText writes an evidence path on one line: "a -OWNS-> b <-PAYS- c
// (listed)".
func PathText(pa screen.Path) string {
	var b strings.Builder
	if len(pa.Nodes) == 0 {
		return ""
	}
	b.WriteString(pa.Nodes[0].ID)
	for i, l := range pa.Links {
		if i+1 >= len(pa.Nodes) {
			break
		}
		if l.From == pa.Nodes[i].ID {
			fmt.Fprintf(&b, " -%s-> ", l.Type)
		} else {
			fmt.Fprintf(&b, " <-%s- ", l.Type)
		}
		b.WriteString(pa.Nodes[i+1].ID)
	}
	if st := pa.Nodes[len(pa.Nodes)-1].Status; st != "" {
		b.WriteString(" (" + st + ")")
	}
	return b.String()
}

// changes says how the facts now differ from was, the facts a decision
// was taken on, in the words a person reads: a new listing of the party
// (with the release that states it), a new path to a sanctioned party, a
// changed ownership share, a more serious standing. Facts that went away
// (a listing withdrawn, a path lost) do not raise a cleared match.
func changes(was, now *Facts, basis *Basis) []string {
	var out []string
	if was == nil || now == nil {
		return nil
	}
	for _, l := range now.Listings {
		if slices.Contains(was.Listings, l) {
			continue
		}
		c := fmt.Sprintf("new listing of %s: %s", now.Match, strings.TrimSuffix(l, " ["+listingDataset(l)+"]"))
		if r, ok := basis.release(listingDataset(l)); ok {
			c += " in release " + r.Label
		}
		out = append(out, c)
	}
	for _, p := range now.Paths {
		if !slices.Contains(was.Paths, p) {
			out = append(out, "new path to a sanctioned party: "+p)
		}
	}
	if !slices.Equal(was.Shares, now.Shares) && len(now.Shares) > 0 {
		out = append(out, fmt.Sprintf("ownership changed: %s (was %s)", strings.Join(now.Shares, ", "), orNone(was.Shares)))
	}
	if w, n := rank(was.Standing), rank(now.Standing); n > w {
		out = append(out, fmt.Sprintf("%s is now %s (was %s)", now.Match, now.Standing, was.Standing))
	}
	return out
}

func orNone(ss []string) string {
	if len(ss) == 0 {
		return "none"
	}
	return strings.Join(ss, ", ")
}
