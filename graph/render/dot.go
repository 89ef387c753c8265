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
	// Paths are evidence paths as sequences of entity IDs; the links between
	// consecutive entities are drawn bold.
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
// text that comes from data is escaped (see Quote).
func DOT(sg graph.Subgraph, opt Options) []byte {
	d := newDiagram(sg, opt)
	d.collapse()
	return d.write()
}

type group struct {
	hub   string
	count map[graph.Kind]int
	types map[graph.LinkType]int
}

type diagram struct {
	opt      Options
	entities map[string]*graph.Entity
	links    []graph.Link
	onPath   map[string]bool // link keys on evidence paths (both directions)
	pathNode map[string]bool
	groups   []*group
}

func newDiagram(sg graph.Subgraph, opt Options) *diagram {
	d := &diagram{opt: opt, entities: map[string]*graph.Entity{}, onPath: map[string]bool{}, pathNode: map[string]bool{}}
	for i := range sg.Entities {
		e := &sg.Entities[i]
		d.entities[e.ID] = e
	}
	for _, l := range sg.Links {
		if d.entities[l.From] != nil && d.entities[l.To] != nil {
			d.links = append(d.links, l)
		}
	}
	slices.SortFunc(d.links, func(a, b graph.Link) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
	})
	for _, p := range opt.Paths {
		for i, id := range p {
			d.pathNode[id] = true
			if i > 0 {
				d.onPath[p[i-1]+"\x00"+id] = true
				d.onPath[id+"\x00"+p[i-1]] = true
			}
		}
	}
	for _, id := range opt.Focus {
		d.pathNode[id] = true
	}
	return d
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

func (d *diagram) write() []byte {
	var b bytes.Buffer
	b.WriteString("digraph shellnet {\n")
	b.WriteString("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.35, ranksep=0.7, overlap=false, splines=true, outputorder=edgesfirst, pad=0.3")
	if d.opt.Title != "" {
		fmt.Fprintf(&b, ", label=%s, labelloc=t, fontsize=16", Quote(d.opt.Title))
	}
	b.WriteString("];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=11, style=filled, margin=\"0.12,0.06\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n")

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
		if c, ok := d.opt.Community[id]; ok {
			fmt.Fprintf(&b, ", color=%q, penwidth=2.5", communityColour(c))
		}
		if focus[id] || d.pathNode[id] {
			b.WriteString(", penwidth=3")
		}
		b.WriteString("];\n")
	}
	for i, g := range d.groups {
		gname := "g" + strconv.Itoa(i)
		fmt.Fprintf(&b, "  %s [label=%s, shape=folder, fillcolor=\"#fdfefe\", style=\"filled,dashed\", fontcolor=\"#566573\"];\n", gname, Quote(groupLabel(g)))
		fmt.Fprintf(&b, "  %s -> %s [label=%s, style=dashed, color=\"#aab7b8\", dir=none];\n", name[g.hub], gname, Quote(groupTypes(g)))
	}
	for _, l := range d.links {
		fmt.Fprintf(&b, "  %s -> %s [label=%s, %s", name[l.From], name[l.To], Quote(linkLabel(&l)), linkStyle(l.Type))
		if mark, ok := d.opt.Marks[LinkKey(l.From, l.Type, l.To)]; ok {
			colour := "#b9770e"
			if strings.HasPrefix(mark, "restricted") {
				colour = "#922b21"
			}
			fmt.Fprintf(&b, ", xlabel=%s, fontcolor=%q", Quote(mark), colour)
		}
		if d.onPath[l.From+"\x00"+l.To] {
			b.WriteString(", penwidth=3.5, arrowsize=1")
		}
		b.WriteString("];\n")
	}
	if !d.opt.NoLegend && len(ids) > 0 {
		writeLegend(&b, rolesPresent(roles), d.links)
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func writeLegend(b *bytes.Buffer, roles []Role, links []graph.Link) {
	b.WriteString("  subgraph cluster_legend {\n    label=\"Legend\"; fontsize=12; style=\"rounded,dashed\"; color=\"#aab7b8\";\n")
	prev := ""
	for i, r := range roles {
		st := styles[r]
		n := "legend" + strconv.Itoa(i)
		fmt.Fprintf(b, "    %s [label=%s, shape=%s, fillcolor=%q, fontcolor=%q", n, Quote(st.label), st.shape, st.fill, st.font)
		if st.extra != "" {
			b.WriteString(", " + st.extra)
		}
		b.WriteString("];\n")
		if prev != "" {
			fmt.Fprintf(b, "    %s -> %s [style=invis];\n", prev, n)
		}
		prev = n
	}
	classes := []struct {
		c     graph.Class
		t     graph.LinkType
		label string
	}{
		{graph.ClassTrade, graph.Supplies, "trade, payment"},
		{graph.ClassControl, graph.Owns, "ownership, control"},
		{graph.ClassWeak, graph.Associate, "weak tie"},
		{graph.ClassShared, graph.LocatedAt, "shared address"},
		{graph.ClassIdentity, graph.SameAs, "same entity"},
	}
	for i, c := range classes {
		if !slices.ContainsFunc(links, func(l graph.Link) bool { return l.Type.Class() == c.c }) {
			continue
		}
		a, z := "legendl"+strconv.Itoa(i)+"a", "legendl"+strconv.Itoa(i)+"z"
		fmt.Fprintf(b, "    %s [label=\"\", shape=point, width=0.05];\n    %s [label=\"\", shape=point, width=0.05];\n", a, z)
		fmt.Fprintf(b, "    %s -> %s [label=%s, %s];\n", a, z, Quote(c.label), linkStyle(c.t))
	}
	b.WriteString("  }\n")
}

// nodeLabel is the name, wrapped, then kind and countries, then the listing.
func nodeLabel(e *graph.Entity, blocked bool) string {
	lines := wrap(e.Name, 28)
	if len(lines) == 0 {
		lines = []string{e.ID}
	}
	meta := string(e.Kind)
	if len(e.Countries) > 0 {
		meta += " · " + strings.Join(e.Countries, ", ")
	}
	lines = append(lines, meta)
	switch {
	case e.Listed():
		progs := []string{}
		for _, s := range e.Sanctions {
			p := s.Authority
			if s.Program != "" {
				p += " " + s.Program
			}
			if !slices.Contains(progs, p) {
				progs = append(progs, p)
			}
		}
		if len(progs) > 3 {
			progs = append(progs[:3], "…")
		}
		lines = append(lines, "SANCTIONED "+strings.Join(progs, "; "))
	case blocked:
		lines = append(lines, "BLOCKED by ownership")
	}
	return quoteLines(lines)
}

func linkLabel(l *graph.Link) string {
	s := strings.ToLower(strings.ReplaceAll(string(l.Type), "_", " "))
	if p := l.Prop("percentage"); p != "" {
		s += " " + strings.TrimSuffix(p, "%") + "%"
	}
	if a := l.Prop("amount"); a != "" {
		s += " " + a
		if c := l.Prop("currency"); c != "" {
			s += " " + c
		}
	}
	if g := l.Prop("goods"); g != "" {
		s += " (" + truncate(g, 24) + ")"
	}
	if d := l.Prop("date"); d != "" {
		s += " " + truncate(d, 10)
	} else if st := l.Prop("start"); st != "" {
		s += " from " + truncate(st, 10)
	}
	return s
}

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

func groupTypes(g *group) string {
	types := make([]string, 0, len(g.types))
	for t := range g.types {
		types = append(types, strings.ToLower(string(t)))
	}
	slices.Sort(types)
	return strings.Join(types, ", ")
}

// Quote returns s as a DOT double-quoted string that Graphviz shows exactly
// as s: backslashes and quotes are escaped (a backslash would otherwise be a
// Graphviz escape such as \n or \N), & is written as &amp; (Graphviz reads
// entities in labels), and line breaks and other control characters become
// spaces.
func Quote(s string) string { return quoteLines([]string{s}) }

// quoteLines quotes each line as Quote does and joins them with centred
// line breaks.
func quoteLines(lines []string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, line := range lines {
		if i > 0 {
			b.WriteString(`\n`)
		}
		for _, r := range line {
			switch {
			case r == '\\':
				b.WriteString(`\\`)
			case r == '"':
				b.WriteString(`\"`)
			case r == '&':
				b.WriteString("&amp;")
			case r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029:
				b.WriteByte(' ')
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// wrap breaks s into lines of about width runes at spaces.
func wrap(s string, width int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, w := range words {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > 3 {
		lines = append(lines[:2], truncate(strings.Join(lines[2:], " "), width))
	}
	return lines
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
