package render

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// DefaultMaxNeighbours is how many neighbours a node is drawn with before
// the rest are collapsed into one counted group.
const DefaultMaxNeighbours = 25

// Options control a diagram.
type Options struct {
	Title string
	// Paths are evidence paths as sequences of entity IDs, in the direction
	// goods flow; the links between consecutive entities are drawn bold, the
	// paths' first entities on the left and their last on the right.
	Paths [][]string
	// Marks label links (keyed by LinkKey) with a policy mark such as
	// "loophole (CN)" or "restricted (US)".
	Marks map[string]string
	// Blocked entities are drawn as blocked by ownership.
	Blocked map[string]bool
	// Community colours each entity's border by its community.
	Community map[string]int
	// Focus entities are what the diagram is about: drawn bold, never collapsed.
	Focus []string
	// MaxNeighbours caps the neighbours drawn around one node (0: default 25;
	// negative: no cap).
	MaxNeighbours int
	// NoLegend leaves the legend out.
	NoLegend bool
}

// LinkKey keys a link for Options.Marks.
func LinkKey(from string, t graph.LinkType, to string) string {
	return from + "\x00" + string(t) + "\x00" + to
}

// DOT returns the diagram of sg in the DOT language. The output is
// deterministic: the same subgraph and options give the same bytes. Every
// text that comes from data is escaped (see Quote and htmlText).
//
// Links of one type between the same two entities are drawn as one edge
// whose label sums them up (count, amounts, goods, dates). Edges are laid
// out in the direction goods flow, so that diagrams read from left to
// right: along the evidence paths when there are some, otherwise SUPPLIES
// forward, PAYS backward (the beneficiary sold to the payer), and control
// links towards the controlling party (owner, director, principal, holder);
// arrows still point the way each link points.
func DOT(sg graph.Subgraph, opt Options) []byte {
	d := newDiagram(sg, opt)
	d.collapse()
	return d.write()
}

// diagram is a subgraph being drawn: what it holds, the evidence paths
// through it and the groups that stand for collapsed neighbours.
type diagram struct {
	opt      Options
	entities map[string]*graph.Entity
	links    []graph.Link
	onPath   map[string]bool // link keys on evidence paths (both directions)
	forward  map[string]bool // from\x00to pairs walked by a path in that direction
	pathNode map[string]bool
	starts   map[string]bool // first entities of paths that are nowhere inside one
	ends     map[string]bool // last entities of paths that are nowhere inside one
	groups   []*group
}

func newDiagram(sg graph.Subgraph, opt Options) *diagram {
	d := &diagram{opt: opt, entities: map[string]*graph.Entity{}, onPath: map[string]bool{}, forward: map[string]bool{},
		pathNode: map[string]bool{}, starts: map[string]bool{}, ends: map[string]bool{}}
	for i := range sg.Entities {
		e := &sg.Entities[i]
		d.entities[e.ID] = e
	}
	for _, l := range sg.Links {
		// a link from an entity to itself (two records resolved into one)
		// says nothing a reader can see
		if l.From != l.To && d.entities[l.From] != nil && d.entities[l.To] != nil {
			d.links = append(d.links, l)
		}
	}
	slices.SortFunc(d.links, func(a, b graph.Link) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
	})
	inner := map[string]bool{}
	for _, p := range opt.Paths {
		for i, id := range p {
			d.pathNode[id] = true
			if i > 0 {
				d.onPath[p[i-1]+"\x00"+id] = true
				d.onPath[id+"\x00"+p[i-1]] = true
				if !d.forward[id+"\x00"+p[i-1]] {
					d.forward[p[i-1]+"\x00"+id] = true
				}
			}
			if i > 0 && i < len(p)-1 {
				inner[id] = true
			}
		}
	}
	for _, p := range opt.Paths {
		if len(p) < 2 {
			continue
		}
		if first := p[0]; !inner[first] && d.entities[first] != nil {
			d.starts[first] = true
		}
		if last := p[len(p)-1]; !inner[last] && d.entities[last] != nil {
			d.ends[last] = true
		}
	}
	for id := range d.starts {
		if d.ends[id] {
			delete(d.starts, id)
			delete(d.ends, id)
		}
	}
	for _, id := range opt.Focus {
		d.pathNode[id] = true
	}
	return d
}

// edge is the links of one type between two entities, drawn as one; for
// control links, of every control type (a person who owns and directs a
// company is one edge, "directs · owns 50%").
type edge struct {
	from, to string
	typ      graph.LinkType // the first link's
	links    []graph.Link
}

// types lists the edge's link types, in link order, each once.
func (e edge) types() []graph.LinkType {
	var out []graph.LinkType
	for _, l := range e.links {
		if !slices.Contains(out, l.Type) {
			out = append(out, l.Type)
		}
	}
	return out
}

// edges groups the diagram's links by ends and type (control links by ends
// alone), in link order.
func (d *diagram) edges() []edge {
	var out []edge
	same := func(e edge, l graph.Link) bool {
		if e.from != l.From || e.to != l.To {
			return false
		}
		return e.typ == l.Type || (e.typ.Class() == graph.ClassControl && l.Type.Class() == graph.ClassControl)
	}
	for _, l := range d.links {
		if n := len(out); n > 0 && same(out[n-1], l) {
			out[n-1].links = append(out[n-1].links, l)
			continue
		}
		out = append(out, edge{from: l.From, to: l.To, typ: l.Type, links: []graph.Link{l}})
	}
	return out
}

// mark is the gravest policy mark on an edge's types.
func (d *diagram) mark(e edge) string {
	best := ""
	for _, t := range e.types() {
		m := d.opt.Marks[LinkKey(e.from, t, e.to)]
		if m != "" && (best == "" || strings.HasPrefix(m, "restricted")) {
			best = m
		}
	}
	return best
}

// flipped reports whether an edge is laid out against its own direction, so
// that goods flow left to right (see DOT).
func (d *diagram) flipped(e edge) bool {
	switch {
	case d.forward[e.from+"\x00"+e.to]:
		return false
	case d.forward[e.to+"\x00"+e.from]:
		return true
	}
	switch e.typ {
	case graph.Pays, graph.Owns, graph.Directs, graph.HoldsAccount, graph.MadeBy, graph.Runs, graph.Employs:
		return true
	}
	return false
}

// Fonts and colours of the diagram frame.
const (
	fontName         = "Helvetica"
	textColour       = "#1c2833"
	greyColour       = "#566573"
	restrictedColour = "#922b21"
	loopholeColour   = "#b9770e"
)

func (d *diagram) write() []byte {
	var b bytes.Buffer
	b.WriteString("digraph shellnet {\n")
	fmt.Fprintf(&b, "  graph [rankdir=LR, fontname=%q, fontsize=11, fontcolor=%q, nodesep=0.25, ranksep=0.35, overlap=false, splines=true, outputorder=edgesfirst, pad=0.3, start=1, bgcolor=\"white\"];\n", fontName, textColour)
	fmt.Fprintf(&b, "  node [fontname=%q, fontsize=11, style=filled, margin=\"0.14,0.07\", penwidth=1.2];\n", fontName)
	fmt.Fprintf(&b, "  edge [fontname=%q, fontsize=9, arrowsize=0.7];\n", fontName)

	ids := make([]string, 0, len(d.entities))
	for id := range d.entities {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	name := make(map[string]string, len(ids))
	roles := make(map[string]Role, len(ids))
	for i, id := range ids {
		name[id] = "n" + strconv.Itoa(i)
		roles[id] = RoleOf(d.entities[id], d.opt.Blocked[id])
	}
	edges := d.edges()
	if label := d.frame(rolesPresent(roles), edges, len(ids) > 0); label != "" {
		fmt.Fprintf(&b, "  graph [label=%s, labelloc=t, labeljust=l];\n", label)
	}
	focus := map[string]bool{}
	for _, id := range d.opt.Focus {
		focus[id] = true
	}
	for _, id := range ids {
		e := d.entities[id]
		st := styles[roles[id]]
		fmt.Fprintf(&b, "  %s [label=%s, tooltip=%s, shape=%s, fillcolor=%q, fontcolor=%q", name[id], nodeLabel(e, d.opt.Blocked[id]), Quote(e.ID), st.shape, st.fill, st.font)
		if st.extra != "" {
			b.WriteString(", " + st.extra)
		}
		pen := st.pen
		if c, ok := d.opt.Community[id]; ok {
			fmt.Fprintf(&b, ", color=%q", communityColour(c))
			pen = 3
		} else if focus[id] || d.pathNode[id] {
			pen = max(pen, 2.5)
		}
		if pen != 0 {
			fmt.Fprintf(&b, ", penwidth=%g", pen)
		}
		b.WriteString("];\n")
	}
	writeRank(&b, "min", d.starts, name)
	writeRank(&b, "max", d.ends, name)
	for i, g := range d.groups {
		gname := "g" + strconv.Itoa(i)
		fmt.Fprintf(&b, "  %s [label=%s, shape=folder, fillcolor=\"#fdfefe\", style=\"filled,dashed\", fontcolor=%q];\n", gname, Quote(groupLabel(g)), greyColour)
		fmt.Fprintf(&b, "  %s -> %s [label=%s, style=dashed, color=\"#aab7b8\", fontcolor=%q, dir=none];\n", name[g.hub], gname, Quote(groupTypes(g)), greyColour)
	}
	for _, e := range edges {
		tail, head := name[e.from], name[e.to]
		if d.flipped(e) {
			tail, head = head, tail
		}
		mark := d.mark(e)
		style := linkStyle(e.typ)
		if mark != "" {
			c := markColour(mark)
			style = fmt.Sprintf("color=%q, fontcolor=%q", c, c)
		}
		fmt.Fprintf(&b, "  %s -> %s [label=%s, %s", tail, head, edgeLabel(e, mark), style)
		if d.flipped(e) && e.typ != graph.SameAs {
			b.WriteString(", dir=back")
		}
		if d.onPath[e.from+"\x00"+e.to] {
			b.WriteString(", penwidth=3, arrowsize=0.9, weight=4")
		}
		b.WriteString("];\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// writeRank puts the given entities on the first or last rank.
func writeRank(b *bytes.Buffer, rank string, ids map[string]bool, name map[string]string) {
	if len(ids) == 0 {
		return
	}
	var ns []string
	for id := range ids {
		ns = append(ns, name[id])
	}
	slices.SortFunc(ns, func(a, b string) int {
		x, _ := strconv.Atoi(a[1:])
		y, _ := strconv.Atoi(b[1:])
		return cmp.Compare(x, y)
	})
	fmt.Fprintf(b, "  { rank=%s; %s; }\n", rank, strings.Join(ns, "; "))
}
