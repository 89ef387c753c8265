package screen

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
)

// rawPath is an evidence path on the projection: from start, hop by hop.
type rawPath struct {
	start int32
	hops  []hop
}

// ownershipPaths returns up to k shortest chains of holdings from a blocked
// party b up to a listed party, through blocked owners only: the path that
// the 50 Percent Rule followed.
func (s *Screener) ownershipPaths(b int32, k int) []rawPath {
	type edge struct {
		owner int32
		link  int32
	}
	owners := func(x int32) []edge {
		var out []edge
		for _, sh := range s.sanc.Evidence(x).Shares {
			if sh.OwnerStatus == sanctions.None {
				continue
			}
			if l, ok := s.holdingLink(sh.Owner, x, sh.Type); ok {
				out = append(out, edge{sh.Owner, l})
			}
		}
		return out
	}
	depth := map[int32]int{b: 0}
	frontier, nearest := []int32{b}, -1
	for d := 1; len(frontier) > 0 && nearest < 0; d++ {
		var next []int32
		for _, x := range frontier {
			for _, e := range owners(x) {
				if _, seen := depth[e.owner]; seen {
					continue
				}
				depth[e.owner] = d
				if s.sanc.Status(e.owner) == sanctions.Listed {
					nearest = d
				}
				next = append(next, e.owner)
			}
		}
		frontier = next
	}
	if nearest < 0 {
		return nil
	}
	var out []rawPath
	var walk func(x int32, acc []hop)
	walk = func(x int32, acc []hop) {
		if len(out) >= k {
			return
		}
		if len(acc) == nearest {
			if s.sanc.Status(x) == sanctions.Listed {
				out = append(out, rawPath{b, slices.Clone(acc)})
			}
			return
		}
		for _, e := range owners(x) {
			if depth[e.owner] == len(acc)+1 {
				walk(e.owner, append(acc, hop{e.link, e.owner}))
			}
		}
	}
	walk(b, nil)
	return out
}

// holdingLink finds the projection link by which owner holds (or controls)
// asset with a link of type t.
func (s *Screener) holdingLink(owner, asset int32, t graph.LinkType) (int32, bool) {
	from, to := owner, asset
	if fromEnd, _ := sanctions.Controller(t); !fromEnd {
		from, to = asset, owner
	}
	return s.linkBetween(from, to, t.Code())
}

func (s *Screener) linkBetween(from, to int32, code graph.LinkCode) (int32, bool) {
	lo, hi := s.p.Out(from)
	j, _ := slices.BinarySearch(s.p.To[lo:hi], to)
	for i := lo + int32(j); i < hi && s.p.To[i] == to; i++ {
		if s.p.Type[i] == code {
			return i, true
		}
	}
	return 0, false
}

// linkKey names the links between two nodes of one type.
type linkKey struct {
	from, to int32
	code     graph.LinkCode
}

// linkInfo is what the evidence says about the links of one key: the first
// link's ID, every link's sources, the largest share of an OWNS link.
type linkInfo struct {
	id      string
	sources []graph.Source
	pct     float64 // NaN when none
}

// fetchLinks returns what the evidence says of the links of keys, reading
// those not cached in one query touching, for each link, its end with the
// fewer links.
func (s *Screener) fetchLinks(ctx context.Context, keys []linkKey) (map[linkKey]*linkInfo, error) {
	got := make(map[linkKey]*linkInfo, len(keys))
	want := map[linkKey]*linkInfo{}
	var ends []string
	var types []graph.LinkType
	for _, k := range keys {
		if got[k] != nil || want[k] != nil {
			continue
		}
		if info, ok := s.links.Get(k); ok {
			got[k] = info
			continue
		}
		want[k] = &linkInfo{pct: math.NaN()}
		end := k.from
		if s.degree(k.to) < s.degree(k.from) {
			end = k.to
		}
		if id := s.p.Nodes[end].ID; !slices.Contains(ends, id) {
			ends = append(ends, id)
		}
		if t := k.code.LinkType(); !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	if len(want) == 0 {
		return got, nil
	}
	err := s.snap.Links(ctx, ends, types, func(l graph.Link) error {
		u, ok1 := s.p.Index(l.From)
		v, ok2 := s.p.Index(l.To)
		if !ok1 || !ok2 || !l.Type.Valid() {
			return nil
		}
		info := want[linkKey{u, v, l.Type.Code()}]
		if info == nil {
			return nil
		}
		if info.id == "" {
			info.id = l.ID
		}
		for _, src := range l.Sources {
			if !slices.Contains(info.sources, src) {
				info.sources = append(info.sources, src)
			}
		}
		if l.Type == graph.Owns {
			if p := sanctions.Percentage(l.Props["percentage"]); !math.IsNaN(p) && (math.IsNaN(info.pct) || p > info.pct) {
				info.pct = p
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("screen: read evidence links: %w", err)
	}
	for k, info := range want {
		s.links.Put(k, info)
		got[k] = info
	}
	return got, nil
}

func (s *Screener) degree(u int32) int {
	lo, hi := s.p.Out(u)
	return int(hi-lo) + len(s.p.In(u))
}

// paths turns raw paths into output paths with their links' sources. For a
// linked or review match on a store that finds paths on its server, the
// server's shortest paths to listed parties are used when they are as
// short as the distance found here (paths to parties blocked by ownership
// are found here: the server does not know them).
func (s *Screener) paths(ctx context.Context, u int32, v Verdict, d int, raw []rawPath) ([]Path, error) {
	if s.snap.FindsPaths() && (v == Linked || v == Review) && d > 0 {
		types := strongTypes()
		if v == Review {
			types = screeningTypes
		}
		sgs, err := s.snap.PathsToSanctioned(ctx, s.p.Nodes[u].ID, d, types)
		if err != nil {
			return nil, fmt.Errorf("screen: paths on the server: %w", err)
		}
		var out []Path
		for _, sg := range sgs {
			if len(sg.Links) == d && len(sg.Entities) == d+1 && len(out) < s.opt.Paths {
				out = append(out, s.serverPath(sg))
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	var keys []linkKey
	for _, r := range raw {
		for _, h := range r.hops {
			keys = append(keys, linkKey{s.p.From[h.link], s.p.To[h.link], s.p.Type[h.link]})
		}
	}
	infos, err := s.fetchLinks(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]Path, 0, len(raw))
	for _, r := range raw {
		pa := Path{Nodes: []PathNode{s.node(r.start)}, Links: []PathLink{}}
		for _, h := range r.hops {
			i := h.link
			k := linkKey{s.p.From[i], s.p.To[i], s.p.Type[i]}
			l := PathLink{Type: k.code.LinkType(), From: s.p.Nodes[k.from].ID, To: s.p.Nodes[k.to].ID, Sources: []graph.Source{}}
			if info := infos[k]; info != nil {
				l.ID = info.id
				if info.sources != nil {
					l.Sources = info.sources
				}
				if !math.IsNaN(info.pct) {
					p := info.pct
					l.Percentage = &p
				}
			}
			pa.Links = append(pa.Links, l)
			pa.Nodes = append(pa.Nodes, s.node(h.to))
			pa.Cost += linkCost(l.Type)
		}
		out = append(out, pa)
	}
	return out, nil
}

// serverPath converts a path found on the server.
func (s *Screener) serverPath(sg graph.Subgraph) Path {
	pa := Path{Nodes: []PathNode{}, Links: []PathLink{}}
	for i := range sg.Entities {
		e := &sg.Entities[i]
		n := PathNode{ID: e.ID, Name: e.Name, Kind: e.Kind, Countries: nonNil(e.Countries), Tags: nonNil(e.Tags)}
		if j, ok := s.p.Index(e.ID); ok && s.sanc.Status(j) != sanctions.None {
			n.Status = s.sanc.Status(j).String()
		} else if e.Listed() {
			n.Status = "listed"
		}
		pa.Nodes = append(pa.Nodes, n)
	}
	for _, l := range sg.Links {
		out := PathLink{Type: l.Type, From: l.From, To: l.To, Sources: l.Sources, ID: l.ID}
		if out.Sources == nil {
			out.Sources = []graph.Source{}
		}
		if l.Type == graph.Owns {
			if p := sanctions.Percentage(l.Props["percentage"]); !math.IsNaN(p) {
				out.Percentage = &p
			}
		}
		pa.Links = append(pa.Links, out)
		pa.Cost += linkCost(l.Type)
	}
	return pa
}

func (s *Screener) node(i int32) PathNode {
	n := &s.p.Nodes[i]
	out := PathNode{ID: n.ID, Name: n.Name, Kind: n.Kind, Countries: nonNil(n.Countries()), Tags: nonNil(n.Tags())}
	if st := s.sanc.Status(i); st != sanctions.None {
		out.Status = st.String()
	}
	return out
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// linkCost is a link's contribution to a path's cost.
func linkCost(t graph.LinkType) float64 {
	switch t.Class() {
	case graph.ClassWeak:
		return 2
	case graph.ClassShared:
		return 3
	}
	return 1
}
