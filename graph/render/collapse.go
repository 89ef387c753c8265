package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// group stands for the neighbours of hub drawn as one counted node: how
// many of each kind, joined by how many links of each type.
type group struct {
	hub   string
	count map[graph.Kind]int
	types map[graph.LinkType]int
}

// collapse replaces, around each node with more neighbours than the cap,
// the least relevant neighbours that hang on that node alone by one group.
func (d *diagram) collapse() {
	limit := d.opt.MaxNeighbours
	if limit == 0 {
		limit = DefaultMaxNeighbours
	}
	if limit < 0 {
		return
	}
	for {
		adj := map[string][]string{}
		deg := map[string]int{}
		for _, l := range d.links {
			if l.From == l.To {
				continue
			}
			adj[l.From] = append(adj[l.From], l.To)
			adj[l.To] = append(adj[l.To], l.From)
		}
		for id, nb := range adj {
			slices.Sort(nb)
			adj[id] = slices.Compact(nb)
			deg[id] = len(adj[id])
		}
		hubs := make([]string, 0)
		for id, nb := range adj {
			if len(nb) > limit {
				hubs = append(hubs, id)
			}
		}
		if len(hubs) == 0 {
			return
		}
		slices.SortFunc(hubs, func(a, b string) int { return cmp.Or(cmp.Compare(deg[b], deg[a]), cmp.Compare(a, b)) })
		hub := hubs[0]
		nb := slices.Clone(adj[hub])
		slices.SortFunc(nb, func(a, b string) int {
			return cmp.Or(cmp.Compare(d.relevance(a), d.relevance(b)), cmp.Compare(deg[b], deg[a]), cmp.Compare(a, b))
		})
		drop := map[string]bool{}
		for _, id := range nb[limit:] {
			// only leaves of the hub are folded away; the rest stay drawn
			if deg[id] == 1 && d.relevance(id) > 0 {
				drop[id] = true
			}
		}
		if len(drop) == 0 {
			return // nothing foldable: keep it all rather than loop
		}
		g := &group{hub: hub, count: map[graph.Kind]int{}, types: map[graph.LinkType]int{}}
		kept := d.links[:0]
		for _, l := range d.links {
			switch {
			case drop[l.From] && l.To == hub:
				g.types[l.Type]++
			case drop[l.To] && l.From == hub:
				g.types[l.Type]++
			default:
				kept = append(kept, l)
				continue
			}
		}
		d.links = kept
		for id := range drop {
			g.count[d.entities[id].Kind]++
			delete(d.entities, id)
		}
		d.groups = append(d.groups, g)
	}
}

// groupLabel counts a group's members by kind ("+12 more: 9 Company, 3
// Person").
func groupLabel(g *group) string {
	total := 0
	kinds := make([]graph.Kind, 0, len(g.count))
	for k, n := range g.count {
		total += n
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", g.count[k], k)
	}
	return fmt.Sprintf("+%d more: %s", total, strings.Join(parts, ", "))
}

// groupTypes lists the link types that join a group to its hub.
func groupTypes(g *group) string {
	types := make([]string, 0, len(g.types))
	for t := range g.types {
		types = append(types, strings.ToLower(string(t)))
	}
	slices.Sort(types)
	return strings.Join(types, ", ")
}

// relevance ranks a neighbour for keeping when a super-node is collapsed.
func (d *diagram) relevance(id string) int {
	e := d.entities[id]
	switch {
	case d.pathNode[id]:
		return 0
	case e.Listed() || d.opt.Blocked[id]:
		return 1
	case len(e.Tags) > 0:
		return 2
	}
	return 3
}
