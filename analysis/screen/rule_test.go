package screen

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
)

// ownership cases of OFAC's FAQs 398-401 and their variants, screened end
// to end from an embedded store: the name of the company in question is
// screened, and the verdict and the shares shown must be those the rule
// requires. Companies are named "Company B Holdings Ltd" and so on; X and Y
// are listed.
var ruleCases = []struct {
	name   string
	owns   []string // "X 50 A": X owns 50% of A
	ctrl   []string // "X DIRECTS B"
	query  string   // the company screened
	ofac   Verdict
	eu     Verdict
	shares string // blocked_by (or ownership) shares under OFAC, "owner pct status" joined by "; "
}{
	{"FAQ 401 example 1", []string{"X 50 A", "A 50 B"}, nil, "B", Sanctioned, Linked, "a 50% blocked"},
	{"FAQ 401 example 2", []string{"X 50 A", "X 10 B", "A 40 B"}, nil, "B", Sanctioned, Linked, "a 40% blocked; x 10% listed"},
	{"two listed owners, 25% each", []string{"X 25 B", "Y 25 B"}, nil, "B", Sanctioned, Linked, "x 25% listed; y 25% listed"},
	{"chain of majority stakes", []string{"X 60 A", "A 60 C", "C 60 B"}, nil, "B", Sanctioned, Sanctioned, "c 60% blocked"},
	{"a listed owner plus a blocked company", []string{"X 100 A", "X 30 B", "A 20 B"}, nil, "B", Sanctioned, Linked, "x 30% listed; a 20% blocked"},
	{"cycle", []string{"X 50 A", "A 50 C", "C 50 A", "C 50 B"}, nil, "B", Sanctioned, Linked, "c 50% blocked"},
	{"49% does not block", []string{"X 49 B"}, nil, "B", Linked, Linked, "x 49% listed"},
	{"24% + 25% does not block", []string{"X 24 B", "Y 25 B"}, nil, "B", Linked, Linked, "y 25% listed; x 24% listed"},
	{"49% through an unblocked company", []string{"X 49 A", "A 100 B"}, nil, "B", Linked, Linked, ""},
	{"control without ownership", nil, []string{"X DIRECTS B"}, "B", Linked, Sanctioned, ""},
	{"a front for a listed principal", nil, []string{"B REPRESENTS X"}, "B", Linked, Sanctioned, ""},
}

func ruleStore(t *testing.T, owns, ctrl []string) graph.Store {
	t.Helper()
	s := openStore(t)
	id := func(c string) string { return strings.ToLower(c) }
	seen := map[string]bool{}
	var es []graph.Entity
	add := func(c string) {
		if seen[c] {
			return
		}
		seen[c] = true
		e := graph.Entity{ID: id(c), Kind: graph.Company, Name: "Company " + c + " Holdings Ltd", Sources: []graph.Source{{Dataset: "faq", Record: c}}}
		if c == "X" || c == "Y" {
			e.Sanctions = []graph.Sanction{{Authority: "OFAC", Program: "TEST"}}
		}
		es = append(es, e)
	}
	var ls []graph.Link
	for _, o := range owns {
		f := strings.Fields(o)
		add(f[0])
		add(f[2])
		ls = append(ls, graph.Link{ID: "own-" + id(f[0]) + "-" + id(f[2]), From: id(f[0]), To: id(f[2]), Type: graph.Owns,
			Props: map[string]any{"percentage": f[1]}, Sources: []graph.Source{{Dataset: "faq", Record: o}}})
	}
	for _, c := range ctrl {
		f := strings.Fields(c)
		add(f[0])
		add(f[2])
		ls = append(ls, graph.Link{ID: graph.LinkID(id(f[0]), graph.LinkType(f[1]), id(f[2])), From: id(f[0]), To: id(f[2]), Type: graph.LinkType(f[1]),
			Sources: []graph.Source{{Dataset: "faq", Record: c}}})
	}
	upsert(t, s, es, ls)
	return s
}

func TestOwnershipRuleThroughScreen(t *testing.T) {
	ctx := context.Background()
	for _, tc := range ruleCases {
		t.Run(tc.name, func(t *testing.T) {
			s := ruleStore(t, tc.owns, tc.ctrl)
			for _, rule := range []sanctions.Rule{sanctions.OFAC, sanctions.EU} {
				sc, err := newScreener(ctx, s, time.Time{}, rule, Options{})
				if err != nil {
					t.Fatal(err)
				}
				// as a supplier list writes it
				res, err := sc.Screen(ctx, Query{Name: "COMPANY " + tc.query + " HOLDINGS LIMITED"})
				if err != nil {
					t.Fatal(err)
				}
				want := tc.ofac
				if rule == sanctions.EU {
					want = tc.eu
				}
				if res.Verdict != want {
					t.Errorf("%s: verdict %s, want %s (%q)", rule, res.Verdict, want, res.Reasons)
				}
				if res.Match == nil || res.Match.ID != strings.ToLower(tc.query) || res.Match.Score != 1 {
					t.Errorf("%s: match %+v, want %s with score 1", rule, res.Match, strings.ToLower(tc.query))
				}
				if rule != sanctions.OFAC {
					continue
				}
				own := res.BlockedBy
				if res.Verdict != Sanctioned {
					own = res.Ownership
					if res.BlockedBy != nil {
						t.Errorf("blocked_by shown for a party that is not blocked")
					}
				}
				var got []string
				if own != nil {
					for _, sh := range own.Shares {
						got = append(got, fmt.Sprintf("%s %s %s", sh.Owner, pct(*sh.Percentage), sh.Status))
					}
				}
				if g := strings.Join(got, "; "); g != tc.shares {
					t.Errorf("shares %q, want %q", g, tc.shares)
				}
				if res.Verdict == Sanctioned && !slices.ContainsFunc(res.Reasons, func(r string) bool { return strings.Contains(r, "50 Percent Rule") }) {
					t.Errorf("reasons %q do not name the rule", res.Reasons)
				}
			}
		})
	}
}
