package paths

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// Evidence is a path as it is reported: DESIGN.md's contract
// {"nodes","links","cost"}, with the hop count beside.
type Evidence struct {
	Nodes []Node  `json:"nodes"`
	Links []Link  `json:"links"`
	Cost  float64 `json:"cost"`
	Hops  int     `json:"hops"`
}

// Node is one node of a reported path.
type Node struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Kind      graph.Kind `json:"kind"`
	Countries []string   `json:"countries"`
	Tags      []string   `json:"tags"`
	Listed    bool       `json:"listed,omitempty"`
	Blocked   bool       `json:"blocked,omitempty"` // by ownership or control of listed parties
}

// Link is one hop of a reported path: the type and ends of the projection
// link walked (in the link's own direction; Reversed when the path walks it
// from To to From) and what the store's links behind it record.
type Link struct {
	Type     graph.LinkType `json:"type"`
	From     string         `json:"from"`
	To       string         `json:"to"`
	Sources  []graph.Source `json:"sources"`
	IDs      []string       `json:"ids,omitempty"`
	Reversed bool           `json:"reversed,omitempty"`
	Goods    []string       `json:"goods,omitempty"`
	HS       []string       `json:"hs,omitempty"`
	Value    []Amount       `json:"value,omitempty"`
	Policy   *Mark          `json:"policy,omitempty"`

	records []graph.Link
}

// Amount is a sum of the amounts of a hop's links in one currency.
type Amount struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency,omitempty"`
}

// Seller returns the ID of the party that sold the goods on this hop (the
// SUPPLIES link's from, the PAYS link's beneficiary), or "" when the hop is
// not a trade hop.
func (l *Link) Seller() string {
	switch l.Type {
	case graph.Supplies:
		return l.From
	case graph.Pays:
		return l.To
	}
	return ""
}

// Records returns the store links behind the hop.
func (l *Link) Records() []graph.Link { return l.records }

// NodeIDs returns the IDs of the nodes on ps, sorted and without repeats:
// the filter with which to fetch their links from the store.
func NodeIDs(p *graph.Projection, ps []Path) []string {
	var out []string
	for _, pa := range ps {
		for _, v := range pa.Nodes {
			out = append(out, p.Nodes[v].ID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Describe turns paths into evidence. Nodes are labelled from p; blocked
// (which may be nil) tells the parties blocked by ownership or control.
// links are the store's links touching the paths' nodes (Store.Links with
// Filter{IDs: NodeIDs(p, ps)}); each hop takes those with its ends and type,
// and shows their IDs, sources, goods, HS codes and amounts. A hop with no
// store link behind it (links not given) keeps its type and ends only.
func Describe(p *graph.Projection, ps []Path, links []graph.Link, blocked func(int32) bool) []Evidence {
	type key struct {
		from, to string
		t        graph.LinkType
	}
	byEnds := map[key][]graph.Link{}
	for _, l := range links {
		k := key{l.From, l.To, l.Type}
		byEnds[k] = append(byEnds[k], l)
	}
	out := make([]Evidence, len(ps))
	for i, pa := range ps {
		ev := Evidence{Cost: pa.Cost, Hops: pa.Hops(), Nodes: make([]Node, len(pa.Nodes)), Links: make([]Link, len(pa.Links))}
		for j, v := range pa.Nodes {
			n := &p.Nodes[v]
			ev.Nodes[j] = Node{ID: n.ID, Name: n.Name, Kind: n.Kind, Countries: nonNil(n.Countries()), Tags: nonNil(n.Tags()), Listed: n.Listed}
			if blocked != nil && !n.Listed && blocked(v) {
				ev.Nodes[j].Blocked = true
			}
		}
		for j, li := range pa.Links {
			l := Link{Type: p.LinkType(li), From: p.Nodes[p.From[li]].ID, To: p.Nodes[p.To[li]].ID, Reversed: pa.Reversed(p, j)}
			l.records = byEnds[key{l.From, l.To, l.Type}]
			l.summarise()
			ev.Links[j] = l
		}
		out[i] = ev
	}
	return out
}

// summarise fills the hop's IDs, sources, goods, HS codes and amounts from
// its records.
func (l *Link) summarise() {
	l.Sources = []graph.Source{}
	sums := map[string]float64{}
	for _, r := range l.records {
		l.IDs = append(l.IDs, r.ID)
		for _, s := range r.Sources {
			if !slices.ContainsFunc(l.Sources, func(x graph.Source) bool { return x.Dataset == s.Dataset && x.Record == s.Record }) {
				l.Sources = append(l.Sources, s)
			}
		}
		if g := goodsText(&r); g != "" {
			l.Goods = append(l.Goods, g)
		}
		if h := r.Prop("hs"); h != "" {
			l.HS = append(l.HS, h)
		}
		if a, ok := amount(&r); ok {
			sums[strings.ToUpper(r.Prop("currency"))] += a
		}
	}
	slices.Sort(l.IDs)
	slices.SortFunc(l.Sources, func(a, b graph.Source) int {
		return cmp.Or(cmp.Compare(a.Dataset, b.Dataset), cmp.Compare(a.Record, b.Record))
	})
	slices.Sort(l.Goods)
	l.Goods = slices.Compact(l.Goods)
	slices.Sort(l.HS)
	l.HS = slices.Compact(l.HS)
	for c, a := range sums {
		l.Value = append(l.Value, Amount{Amount: a, Currency: c})
	}
	slices.SortFunc(l.Value, func(a, b Amount) int { return cmp.Compare(a.Currency, b.Currency) })
}

// amount reads a link's amount: a number, or a string such as "12,500.50".
func amount(l *graph.Link) (float64, bool) {
	switch x := l.Props["amount"].(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(x), ",", ""), 64)
		return f, err == nil
	}
	return 0, false
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// goodsText is what a link says was traded: its goods, or else its
// description (FtM's UnknownLink has no goods property).
func goodsText(l *graph.Link) string {
	if g := l.Prop("goods"); g != "" {
		return g
	}
	return l.Prop("description")
}
