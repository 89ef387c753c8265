package flags

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/graph"
)

// hubTransit flags each company in a transshipment hub (a hub country, or
// tagged role.hub) that lies on one of the cheapest procurement paths from
// opt.Sources to opt.Targets, past the path's first node. The evidence is
// the cheapest such path through it.
func hubTransit(p *graph.Projection, opt Options) ([]Flag, error) {
	if len(opt.Sources) == 0 || len(opt.Targets) == 0 {
		return nil, nil
	}
	ps, err := paths.Find(p, opt.Sources, opt.Targets, opt.Paths)
	if err != nil {
		return nil, fmt.Errorf("flags: procurement paths: %w", err)
	}
	byHub := map[int32]*Flag{}
	count := map[int32]int{}
	var order []int32
	for _, pa := range ps {
		for j, v := range pa.Nodes[1:] {
			why, ok := hubOf(&p.Nodes[v], opt.HubCountries)
			if !ok || !isCompany(p.Nodes[v].Kind) {
				continue
			}
			count[v]++
			if _, done := byHub[v]; done {
				continue
			}
			f := &Flag{Kind: HubTransit, Subject: p.Nodes[v].ID, Value: why}
			for _, u := range pa.Nodes {
				f.Entities = append(f.Entities, p.Nodes[u].ID)
			}
			for _, i := range pa.Links {
				f.Links = append(f.Links, linkRef(p, i))
			}
			f.Detail = fmt.Sprintf("in a transshipment hub (%s), hop %d of a procurement path from %s to %s", why, j+1, p.Nodes[pa.Nodes[0]].ID, p.Nodes[pa.Nodes[len(pa.Nodes)-1]].ID)
			byHub[v] = f
			order = append(order, v)
		}
	}
	out := make([]Flag, 0, len(order))
	for _, v := range order {
		f := *byHub[v]
		if n := count[v]; n > 1 {
			f.Detail += fmt.Sprintf(" (and %d more of the %d cheapest paths)", n-1, len(ps))
		}
		out = append(out, f)
	}
	return out, nil
}

// hubOf says why a node is a hub: its hub countries, and role.hub.
func hubOf(n *graph.Node, countries []string) (string, bool) {
	var why []string
	for _, c := range n.Countries() {
		if slices.Contains(countries, c) {
			why = append(why, c)
		}
	}
	if slices.Contains(n.Tags(), graph.TagHub) {
		why = append(why, graph.TagHub)
	}
	return strings.Join(why, " "), len(why) > 0
}
