package screen

import (
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// reach holds, for every node, the number of links to the nearest
// sanctioned party (listed or blocked), within maxHops, along two sets of
// links: strong ones (control, payment, trade) and any screening link
// (weak, shared-attribute and identity links too). -1 means beyond reach.
// Both are multi-source breadth-first searches from the sanctioned parties
// over the projection's links taken in both directions: O(n + m) each,
// done once per Screener, after which a verdict costs O(1) and an evidence
// path O(hops · degree).
type reach struct {
	strong, any []int8
}

// classMask marks which link codes a walk may take.
type classMask [256]bool

func maskOf(classes ...graph.Class) classMask {
	var m classMask
	for _, t := range graph.LinkTypes {
		if slices.Contains(classes, t.Class()) {
			m[t.Code()] = true
		}
	}
	return m
}

var (
	strongMask = maskOf(graph.ClassTrade, graph.ClassControl)
	anyMask    = maskOf(graph.ClassTrade, graph.ClassControl, graph.ClassWeak, graph.ClassShared, graph.ClassIdentity)
)

// screeningTypes are the link types screening walks (technical links,
// where a vendor's products were seen, say nothing about who trades with
// whom and are left out).
var screeningTypes = func() []graph.LinkType {
	var out []graph.LinkType
	for _, t := range graph.LinkTypes {
		if anyMask[t.Code()] {
			out = append(out, t)
		}
	}
	return out
}()

func strongTypes() []graph.LinkType {
	var out []graph.LinkType
	for _, t := range graph.LinkTypes {
		if strongMask[t.Code()] {
			out = append(out, t)
		}
	}
	return out
}

// distances runs one multi-source BFS from the sanctioned nodes.
func distances(p *graph.Projection, sanctioned []bool, mask *classMask, maxHops int) []int8 {
	n := p.Len()
	dist := make([]int8, n)
	var frontier []int32
	for i := range dist {
		dist[i] = -1
		if sanctioned[i] {
			dist[i] = 0
			frontier = append(frontier, int32(i))
		}
	}
	var next []int32
	for d := int8(1); int(d) <= maxHops && len(frontier) > 0; d++ {
		next = next[:0]
		for _, u := range frontier {
			lo, hi := p.Out(u)
			for i := lo; i < hi; i++ {
				if v := p.To[i]; mask[p.Type[i]] && dist[v] < 0 {
					dist[v] = d
					next = append(next, v)
				}
			}
			for _, i := range p.In(u) {
				if v := p.From[i]; mask[p.Type[i]] && dist[v] < 0 {
					dist[v] = d
					next = append(next, v)
				}
			}
		}
		frontier, next = next, frontier
	}
	return dist
}

// hop is one step of an evidence path: the projection link walked and the
// node it leads to.
type hop struct {
	link int32
	to   int32
}

// linkPreference orders the link types that join the same two nodes: the
// one shown in evidence is the most telling (ownership, then the other
// control links, then trade, then the weaker classes).
var linkPreference = func() (rank [256]int) {
	order := []graph.LinkType{graph.Owns, graph.Directs, graph.Represents, graph.HoldsAccount, graph.Supplies, graph.Pays,
		graph.SameAs, graph.Employs, graph.MemberOf, graph.Associate, graph.Family, graph.LocatedAt}
	for i := range rank {
		rank[i] = len(order) + 1
	}
	for i, t := range order {
		rank[t.Code()] = i
	}
	return rank
}()

// downhill returns the neighbours of u one step nearer a sanctioned party
// (dist[v] == dist[u] − 1) over links in mask, each with the preferred link
// to it, in node order.
func downhill(p *graph.Projection, dist []int8, mask *classMask, u int32) []hop {
	want := dist[u] - 1
	var out []hop
	add := func(link, v int32) {
		if dist[v] != want || !mask[p.Type[link]] {
			return
		}
		for k := range out {
			if out[k].to == v {
				if linkPreference[p.Type[link]] < linkPreference[p.Type[out[k].link]] {
					out[k].link = link
				}
				return
			}
		}
		out = append(out, hop{link, v})
	}
	lo, hi := p.Out(u)
	for i := lo; i < hi; i++ {
		add(i, p.To[i])
	}
	for _, i := range p.In(u) {
		add(i, p.From[i])
	}
	slices.SortFunc(out, func(a, b hop) int { return int(a.to) - int(b.to) })
	return out
}

// shortestPaths enumerates up to k shortest paths from u to sanctioned
// parties, walking down the distance field (every path it returns is a
// shortest one), depth first in node order. A path is the hops after u.
func shortestPaths(p *graph.Projection, dist []int8, mask *classMask, u int32, k int) [][]hop {
	if dist[u] <= 0 || k <= 0 {
		return nil
	}
	var out [][]hop
	var walk func(v int32, acc []hop)
	walk = func(v int32, acc []hop) {
		if len(out) >= k {
			return
		}
		if dist[v] == 0 {
			out = append(out, slices.Clone(acc))
			return
		}
		for _, h := range downhill(p, dist, mask, v) {
			walk(h.to, append(acc, h))
			if len(out) >= k {
				return
			}
		}
	}
	walk(u, make([]hop, 0, dist[u]))
	return out
}
