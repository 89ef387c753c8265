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

// frame returns the graph's label, as an HTML-like label: the title above
// a one-line key of the roles and link classes drawn. It is "" when there
// is neither.
func (d *diagram) frame(roles []Role, edges []edge, any bool) string {
	var rows []string
	if d.opt.Title != "" {
		rows = append(rows, fmt.Sprintf(`<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>%s</B></FONT></TD></TR>`, htmlText(d.opt.Title)))
	}
	if !d.opt.NoLegend && any {
		rows = append(rows, "<TR><TD ALIGN=\"LEFT\">"+legend(roles, edges, len(d.opt.Marks) > 0, len(d.opt.Paths) > 0, len(d.opt.Community) > 0)+"</TD></TR>")
	}
	if len(rows) == 0 {
		return ""
	}
	return `<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0">` + strings.Join(rows, "") + `</TABLE>>`
}

// legend is the key: a swatch per role drawn, a coloured line per link
// class drawn, and what bold edges and marks mean.
func legend(roles []Role, edges []edge, marks, paths, communities bool) string {
	var cells []string
	for _, r := range roles {
		st := styles[r]
		border := ""
		if r == RoleBlocked {
			border = `STYLE="dashed"`
		}
		cells = append(cells, fmt.Sprintf(`<TD BGCOLOR="%s" COLOR="#1c2833" BORDER="1" %s WIDTH="16" HEIGHT="10" FIXEDSIZE="TRUE"> </TD><TD ALIGN="LEFT">%s</TD>`, st.fill, border, htmlText(st.label)))
	}
	for _, c := range linkClasses {
		if !slices.ContainsFunc(edges, func(e edge) bool { return e.typ.Class() == c.class }) {
			continue
		}
		cells = append(cells, fmt.Sprintf(`<TD><FONT COLOR="%s"><B>%s</B></FONT></TD><TD ALIGN="LEFT">%s</TD>`, c.colour, c.sample, htmlText(c.label)))
	}
	if paths {
		cells = append(cells, `<TD><B>━━</B></TD><TD ALIGN="LEFT">evidence path</TD>`)
	}
	if marks {
		cells = append(cells, fmt.Sprintf(`<TD ALIGN="LEFT"><FONT COLOR="%s"><B>RESTRICTED</B></FONT>/<FONT COLOR="%s"><B>LOOPHOLE</B></FONT></TD><TD ALIGN="LEFT">export rules of the seller's country</TD>`, restrictedColour, loopholeColour))
	}
	if communities {
		cells = append(cells, `<TD ALIGN="LEFT">border colour: community</TD>`)
	}
	// the spacers leave room for fonts wider than the Helvetica Graphviz
	// measures text with (a browser without it uses DejaVu Sans, say)
	return `<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="1"><TR>` + strings.Join(cells, `<TD WIDTH="18"> </TD>`) + `</TR></TABLE>`
}

var linkClasses = []struct {
	class          graph.Class
	colour, sample string
	label          string
}{
	{graph.ClassTrade, tradeColour, "──▸", "goods or money"},
	{graph.ClassControl, controlColour, "──▸", "ownership or control"},
	{graph.ClassWeak, weakColour, "- - ▸", "weak tie"},
	{graph.ClassShared, sharedColour, "···▸", "shared address"},
	{graph.ClassIdentity, identityColour, "···", "same entity"},
	{graph.ClassTechnical, technicalColour, "- - ▸", "product, device, network"},
}

// nodeLabel is the name, wrapped, then kind, roles and countries, then the
// listing.
func nodeLabel(e *graph.Entity, blocked bool) string {
	lines := wrap(e.Name, 22)
	if len(lines) == 0 {
		lines = []string{e.ID}
	}
	// the kind is shown unless the roles say more (a company that is a
	// front is a front)
	var meta []string
	if words := roleWords(e); words != "" {
		meta = append(meta, words)
	} else {
		meta = append(meta, string(e.Kind))
	}
	if len(e.Countries) > 0 {
		cs := e.Countries
		if len(cs) > 4 {
			cs = append(slices.Clone(cs[:4]), "…")
		}
		meta = append(meta, strings.Join(cs, ", "))
	}
	lines = append(lines, strings.Join(meta, " · "))
	switch {
	case e.Listed():
		lines = append(lines, "SANCTIONED")
		if l := listings(e); l != "" {
			lines = append(lines, l)
		}
	case blocked:
		lines = append(lines, "BLOCKED by ownership")
	}
	return quoteLines(lines)
}

// roleWords names the roles an entity's tags give it, beyond its shape.
func roleWords(e *graph.Entity) string {
	var w []string
	for _, t := range []struct{ tag, word string }{
		{graph.TagVendor, "vendor"}, {graph.TagReseller, "reseller"}, {graph.TagFront, "front"},
		{graph.TagHub, "hub"}, {graph.TagShell, "shell"}, {graph.TagEndUser, "end user"},
	} {
		if e.HasTag(t.tag) {
			w = append(w, t.word)
		}
	}
	return strings.Join(w, ", ")
}

// listings writes an entity's listings grouped by authority: "OFAC DPRK,
// DPRK2 · UN".
func listings(e *graph.Entity) string {
	var auths []string
	progs := map[string][]string{}
	for _, s := range e.Sanctions {
		a := s.Authority
		if a == "" {
			a = "listed"
		}
		if !slices.Contains(auths, a) {
			auths = append(auths, a)
		}
		if s.Program != "" && !slices.Contains(progs[a], s.Program) {
			progs[a] = append(progs[a], s.Program)
		}
	}
	if len(auths) == 0 {
		return ""
	}
	if len(auths) > 3 {
		auths = append(auths[:3], "…")
	}
	parts := make([]string, len(auths))
	for i, a := range auths {
		ps := progs[a]
		if len(ps) > 3 {
			ps = append(slices.Clone(ps[:3]), "…")
		}
		parts[i] = strings.TrimSpace(a + " " + strings.Join(ps, ", "))
	}
	return strings.Join(parts, " · ")
}

// edgeLabel sums up the links of an edge, one fact a line: the type (with
// the count and ownership share), the goods, the value and dates, and the
// policy mark in its colour.
func edgeLabel(e edge, mark string) string {
	var goods, dates []string
	sums := map[string]float64{}
	var currencies []string
	unsummed := false
	for i := range e.links {
		l := &e.links[i]
		g := l.Prop("goods")
		if g == "" {
			g = l.Prop("description")
		}
		if g != "" && !slices.Contains(goods, g) {
			goods = append(goods, g)
		}
		for _, k := range []string{"date", "start", "end"} {
			if v := l.Prop(k); v != "" {
				dates = append(dates, truncate(v, 10))
			}
		}
		if a := l.Prop("amount"); a != "" {
			v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(a), ",", ""), 64)
			if err != nil {
				unsummed = true
				continue
			}
			c := strings.ToUpper(l.Prop("currency"))
			if _, ok := sums[c]; !ok {
				currencies = append(currencies, c)
			}
			sums[c] += v
		}
	}
	plain := []string{verbs(e)}
	lines := []string{htmlText(plain[0])}
	if len(goods) > 0 {
		g := truncate(goods[0], 20)
		if len(goods) > 1 {
			g += fmt.Sprintf(" +%d", len(goods)-1)
		}
		lines = append(lines, "<I>"+htmlText(g)+"</I>")
	}
	var facts []string
	slices.Sort(currencies)
	for _, c := range currencies {
		facts = append(facts, strings.TrimSpace(thousands(sums[c])+" "+c))
	}
	if unsummed && len(currencies) == 0 {
		facts = append(facts, truncate(e.links[0].Prop("amount"), 16))
	}
	if len(dates) > 0 {
		slices.Sort(dates)
		if dates[0] == dates[len(dates)-1] {
			facts = append(facts, dates[0])
		} else {
			facts = append(facts, month(dates[0])+"–"+month(dates[len(dates)-1]))
		}
	}
	if len(facts) > 0 {
		lines = append(lines, htmlText(strings.Join(facts, ", ")))
	}
	if mark != "" {
		lines = append(lines, "<B>"+htmlText(strings.ToUpper(mark))+"</B>")
	}
	if len(lines) == 1 {
		// a plain label lays out faster than an HTML-like one
		return quoteLines(plain)
	}
	return "<" + strings.Join(lines, "<BR/>") + ">"
}

// month cuts a date to its year and month.
func month(d string) string {
	if len(d) > 7 {
		return d[:7]
	}
	return d
}

// markColour is the colour of a hop marked restricted or loophole.
func markColour(mark string) string {
	if strings.HasPrefix(mark, "restricted") {
		return restrictedColour
	}
	return loopholeColour
}

// verbs names an edge's link types, each with its count when more than
// one and its ownership shares: "pays ×2", "directs · owns 50%".
func verbs(e edge) string {
	var parts []string
	for _, t := range e.types() {
		v := strings.ToLower(strings.ReplaceAll(string(t), "_", " "))
		n := 0
		var pcts []string
		for i := range e.links {
			l := &e.links[i]
			if l.Type != t {
				continue
			}
			n++
			if p := l.Prop("percentage"); p != "" {
				p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "%")) + "%"
				if !slices.Contains(pcts, p) {
					pcts = append(pcts, p)
				}
			}
		}
		if n > 1 {
			v += " ×" + strconv.Itoa(n)
		}
		if len(pcts) > 0 {
			v += " " + strings.Join(pcts, ", ")
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, " · ")
}

// thousands writes a whole amount with thousands separators ("79,850"),
// keeping cents when there are some.
func thousands(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v != float64(int64(v)) {
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
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
			case isControl(r):
				b.WriteByte(' ')
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// htmlText escapes s for the text of an HTML-like Graphviz label, where
// backslashes are plain characters but <, >, & and quotes are markup.
func htmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case isControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029
}

// wrap breaks s into lines of about width runes at spaces, three at most.
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
	for i, l := range lines {
		lines[i] = truncate(l, width+8) // one very long word
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
