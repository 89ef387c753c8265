package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/analysis/centrality"
	"github.com/shellnet/shellnet/analysis/flags"
	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

// Report lays out the report of the whole store.
func (a *Analysis) Report(ctx context.Context) (Report, error) {
	r := Report{Title: a.opt.Title, Subtitle: a.opt.Subtitle}
	r.Summary = a.summary()
	for _, section := range []func(context.Context) (Section, bool, error){
		a.pathsSection, a.sanctionedSection, a.brokersSection, a.communitiesSection, a.flagsSection, a.screeningSection, a.storeSection,
	} {
		s, ok, err := section(ctx)
		if err != nil {
			return Report{}, err
		}
		if ok {
			r.Sections = append(r.Sections, s)
		}
	}
	return r, nil
}

func (a *Analysis) summary() []Fact {
	// hops marked on either set of paths, each once
	restricted, loopholes := countMarks(append(slices.Clone(a.procurement.Paths), a.throughput.Paths...))
	facts := []Fact{
		{"entities", strconv.FormatInt(a.stats.Entities, 10)},
		{"links", strconv.FormatInt(a.stats.Links, 10)},
		{"listed parties", strconv.Itoa(a.listedCount())},
		{"blocked by ownership", strconv.Itoa(len(a.blocked))},
		{"procurement paths", strconv.Itoa(len(a.procurement.Paths))},
		{"restricted hops", strconv.Itoa(restricted)},
		{"loophole hops", strconv.Itoa(loopholes)},
		{"red flags", strconv.Itoa(len(a.flags))},
		{"communities of 2 or more", strconv.Itoa(a.communityCount(2))},
	}
	if len(a.opt.Screen) > 0 {
		alerts := 0
		for _, r := range a.screened {
			if r.Verdict != screen.Clear {
				alerts++
			}
		}
		facts = append(facts, Fact{"names screened", strconv.Itoa(len(a.screened))}, Fact{"not clear", strconv.Itoa(alerts)})
	}
	return facts
}

func (a *Analysis) listedCount() int {
	n := 0
	for i := range a.p.Nodes {
		if a.p.Nodes[i].Listed {
			n++
		}
	}
	return n
}

func (a *Analysis) communityCount(min int) int {
	n := 0
	for _, s := range a.summaries {
		if s.Size >= min {
			n++
		}
	}
	return n
}

// countMarks counts the restricted and loophole hops of paths, each hop
// once however many paths share it.
func countMarks(evs []paths.Evidence) (restricted, loopholes int) {
	seen := map[string]bool{}
	for _, ev := range evs {
		for _, l := range ev.Links {
			if l.Policy == nil {
				continue
			}
			key := l.From + "\x00" + string(l.Type) + "\x00" + l.To
			if seen[key] {
				continue
			}
			seen[key] = true
			switch l.Policy.Status {
			case paths.Restricted:
				restricted++
			case paths.Loophole:
				loopholes++
			}
		}
	}
	return restricted, loopholes
}

// name is an entity's name from the projection, or its ID.
func (a *Analysis) name(id string) string {
	if i, ok := a.p.Index(id); ok && a.p.Nodes[i].Name != "" {
		return a.p.Nodes[i].Name
	}
	return id
}

func (a *Analysis) names(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = a.name(id)
	}
	return strings.Join(out, "; ")
}

// standing is "listed", "blocked" or "".
func (a *Analysis) standing(i int32) string {
	switch a.sanc.Status(i) {
	case sanctions.Listed:
		return "listed"
	case sanctions.Blocked:
		return "blocked"
	}
	return ""
}

func (a *Analysis) pathsSection(ctx context.Context) (Section, bool, error) {
	pr := a.procurement
	s := Section{ID: "paths", Title: "Procurement paths"}
	from, to := a.opt.Paths.From, a.opt.Paths.To
	if from.IsZero() {
		from = paths.DefaultFrom
	}
	if to.IsZero() {
		to = paths.DefaultTo
	}
	s.Intro = fmt.Sprintf("The %d cheapest paths along which goods can move from %d sources (%s) to %d targets (%s%s), on shipments, payments (walked from the beneficiary to the payer) and control links. "+
		"Each trade hop is judged by the export rules of the seller's country: restricted when they forbid the goods for the end user, a loophole when the goods moved legally there although the end user is sanctioned.",
		len(pr.Paths), len(pr.Sources), from, len(pr.Targets), to, a.blockedNote(to))
	if len(pr.Paths) == 0 {
		s.Notes = append(s.Notes, "No path found.")
		return s, true, nil
	}
	d, table, err := a.pathsFigure(ctx, "paths", "Procurement paths", pr.Paths)
	if err != nil {
		return s, false, err
	}
	s.Diagrams = append(s.Diagrams, d)
	s.Tables = append(s.Tables, table)
	// Paths end at the first target they reach; the listed principal behind
	// a blocked front, and the hops beyond it, show when only listed parties
	// are targets.
	if through := a.throughput.Paths; passesBlocked(through) {
		d, table, err := a.pathsFigure(ctx, "paths-listed", "On to listed parties, through blocked ones", through)
		if err != nil {
			return s, false, err
		}
		d.Caption = "paths that end at listed parties only, so that they run on through the parties blocked by ownership"
		table.Caption = "Hops of the paths to listed parties"
		s.Diagrams = append(s.Diagrams, d)
		s.Tables = append(s.Tables, table)
	}
	return s, true, nil
}

func (a *Analysis) blockedNote(to graph.Selector) string {
	if paths.SelectsSanctioned(to) {
		return fmt.Sprintf(", and parties blocked by ownership under the %s rule", strings.ToUpper(a.snap.Rule().String()))
	}
	return ""
}

// passesBlocked reports whether a path runs through a blocked party.
func passesBlocked(evs []paths.Evidence) bool {
	for _, ev := range evs {
		for _, n := range ev.Nodes[:len(ev.Nodes)-1] {
			if n.Blocked {
				return true
			}
		}
	}
	return false
}

// pathsFigure draws paths and tabulates their hops.
func (a *Analysis) pathsFigure(ctx context.Context, file, title string, evs []paths.Evidence) (Diagram, Table, error) {
	sg, opt, err := PathsSubgraph(ctx, a.snap, evs)
	if err != nil {
		return Diagram{}, Table{}, err
	}
	opt.Title = title
	d, err := a.draw(file, title, fmt.Sprintf("%d paths; bold links are hops of a path, coloured when the seller's export rules restrict the goods or leave a loophole", len(evs)), sg, opt)
	if err != nil {
		return Diagram{}, Table{}, err
	}
	return d, HopsTable(evs, a.name), nil
}

// HopsTable lists the hops of paths, one row each, with their policy marks;
// name gives entities' names.
func HopsTable(evs []paths.Evidence, name func(id string) string) Table {
	t := Table{Caption: "Hops", Header: []string{"path", "hop", "from", "link", "to", "goods", "value", "mark", "rule", "records"}}
	for i, ev := range evs {
		for j, l := range ev.Links {
			a, b := ev.Nodes[j], ev.Nodes[j+1]
			link := string(l.Type)
			if l.Reversed {
				link = "← " + link
			}
			var values []string
			for _, v := range l.Value {
				values = append(values, strings.TrimSpace(money(v.Amount)+" "+v.Currency))
			}
			mark, rule := C("", ""), ""
			if m := l.Policy; m != nil && m.Status != paths.NotTrade {
				text := m.Status
				if m.Jurisdiction != "" {
					text += " (" + m.Jurisdiction + ")"
				}
				mark = C(text, m.Status)
				rule = m.Rule
				if m.Note != "" {
					rule = strings.TrimSpace(rule + ": " + m.Note)
				}
			}
			t.Rows = append(t.Rows, []Cell{
				T(strconv.Itoa(i + 1)), T(strconv.Itoa(j + 1)), T(nodeText(a, name)), T(link), T(nodeText(b, name)),
				T(strings.Join(l.Goods, "; ")), T(strings.Join(values, "; ")), mark, T(rule), T(records(l)),
			})
		}
	}
	return t
}

func nodeText(n paths.Node, name func(string) string) string {
	s := name(n.ID)
	var extra []string
	if len(n.Countries) > 0 {
		extra = append(extra, strings.Join(n.Countries, " "))
	}
	if n.Listed {
		extra = append(extra, "listed")
	} else if n.Blocked {
		extra = append(extra, "blocked")
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// records lists a hop's store links and their sources: "l12 (glocom:line 40)".
func records(l paths.Link) string {
	var out []string
	for _, r := range l.Records() {
		var src []string
		for _, s := range r.Sources {
			src = append(src, strings.TrimSuffix(s.Dataset+":"+s.Record, ":"))
		}
		out = append(out, strings.TrimSpace(r.ID+" "+paren(strings.Join(src, ", "))))
	}
	return strings.Join(out, "; ")
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// money writes an amount with thousands separators.
func money(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	whole := strconv.FormatFloat(float64(int64(v)), 'f', 0, 64)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	s := b.String()
	if cents := v - float64(int64(v)); cents > 0.005 {
		s += strconv.FormatFloat(cents, 'f', 2, 64)[1:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func (a *Analysis) sanctionedSection(ctx context.Context) (Section, bool, error) {
	s := Section{ID: "sanctioned", Title: "Listed and blocked parties",
		Intro: fmt.Sprintf("Parties on a sanctions list, and parties blocked because listed or blocked parties hold %s of them (%s rule; OFAC FAQs 398-401: shares held by several such parties add up, and a blocked party's holdings count in turn).",
			a.snap.Rule().Threshold(), strings.ToUpper(a.snap.Rule().String()))}
	t := Table{Header: []string{"name", "kind", "countries", "standing", "basis", "held by listed or blocked parties", "effective listed share"}}
	var ids []string
	for i := range a.p.Nodes {
		if a.sanc.Status(int32(i)) != sanctions.None {
			ids = append(ids, a.p.Nodes[i].ID)
		}
	}
	if len(ids) == 0 {
		s.Notes = append(s.Notes, "No listed party in the store.")
		return s, true, nil
	}
	// the blocked first (what the analysis found), then the listed; a
	// whole sanctions list is not repeated in full
	blockedFirst := func(x, y string) int {
		i, _ := a.p.Index(x)
		j, _ := a.p.Index(y)
		return cmp.Compare(a.sanc.Status(j), a.sanc.Status(i))
	}
	slices.SortStableFunc(ids, blockedFirst)
	if len(ids) > MaxSanctionedRows {
		s.Notes = append(s.Notes, fmt.Sprintf("%d more listed parties are not listed here.", len(ids)-MaxSanctionedRows))
		ids = ids[:MaxSanctionedRows]
	}
	listings := map[string][]graph.Sanction{}
	err := a.snap.Entities(ctx, ids, func(e graph.Entity) error {
		listings[e.ID] = e.Sanctions
		return nil
	})
	if err != nil {
		return s, false, fmt.Errorf("analysis/report: %w", err)
	}
	for _, id := range ids {
		i, _ := a.p.Index(id)
		n := &a.p.Nodes[i]
		ev := a.sanc.Evidence(i)
		var basis []string
		standing := a.standing(i)
		if standing == "listed" {
			for _, l := range listings[id] {
				basis = append(basis, strings.TrimSpace(strings.Join([]string{l.Authority, l.Program, l.Reference}, " ")))
			}
			if len(basis) == 0 {
				basis = append(basis, "tagged "+graph.TagSanction)
			}
		}
		for _, sh := range ev.Shares {
			text := a.name(a.p.Nodes[sh.Owner].ID)
			if !isNaN(sh.Percentage) {
				text += " " + pct(sh.Percentage)
			} else {
				text += " (" + strings.ToLower(string(sh.Type)) + ")"
			}
			basis = append(basis, text+" ("+sh.OwnerStatus.String()+")")
		}
		held, eff := "", ""
		if len(ev.Shares) > 0 {
			held, eff = pct(ev.Total), pct(100*ev.Effective)
		}
		t.Rows = append(t.Rows, []Cell{T(n.Name), T(string(n.Kind)), T(strings.Join(n.Countries(), " ")), C(standing, "sanctioned"), T(strings.Join(basis, "; ")), T(held), T(eff)})
	}
	s.Tables = append(s.Tables, t)
	return s, true, nil
}

// MaxSanctionedRows is how many listed and blocked parties a report lists.
const MaxSanctionedRows = 200

func isNaN(f float64) bool { return f != f }

func pct(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64) + "%"
}

func (a *Analysis) brokersSection(context.Context) (Section, bool, error) {
	s := Section{ID: "brokers", Title: "Brokers",
		Intro: "The entities that most shortest paths between others pass through (betweenness), and the most central by PageRank, with links read as undirected and device scans left out; scores are normalised as NetworkX normalises them."}
	if a.p.Len() > ExactBetweenness {
		s.Notes = append(s.Notes, fmt.Sprintf("Betweenness is estimated from %d source entities drawn with seed 1.", SampledPivots))
	}
	prRank := make([]int, a.p.Len())
	for r, i := range centrality.Top(a.pagerank, 0) {
		prRank[i] = r + 1
	}
	t := Table{Caption: fmt.Sprintf("Top %d by betweenness", a.opt.Top), Header: []string{"rank", "name", "kind", "countries", "standing", "betweenness", "PageRank", "PageRank rank"}}
	for r, i := range centrality.Top(a.betweenness, a.opt.Top) {
		n := &a.p.Nodes[i]
		t.Rows = append(t.Rows, []Cell{T(strconv.Itoa(r + 1)), T(n.Name), T(string(n.Kind)), T(strings.Join(n.Countries(), " ")), standingCell(a.standing(i)),
			T(strconv.FormatFloat(a.betweenness[i], 'f', 4, 64)), T(strconv.FormatFloat(a.pagerank[i], 'f', 4, 64)), T(strconv.Itoa(prRank[i]))})
	}
	s.Tables = append(s.Tables, t)
	return s, true, nil
}

func standingCell(st string) Cell {
	if st == "" {
		return T("")
	}
	return C(st, "sanctioned")
}

func (a *Analysis) communitiesSection(ctx context.Context) (Section, bool, error) {
	s := Section{ID: "communities", Title: "Communities",
		Intro: fmt.Sprintf("%s partition (modularity %.4f): groups of entities more linked among themselves than to the rest. Singletons are left out.", a.communities.Algorithm, a.communities.Modularity)}
	t := Table{Header: []string{"community", "size", "listed", "blocked", "countries", "most central members"}}
	drawn := 0
	for _, c := range a.summaries {
		if c.Size < 2 {
			continue
		}
		if len(t.Rows) < 20 {
			var central []string
			for _, m := range c.Central {
				central = append(central, m.Name)
			}
			t.Rows = append(t.Rows, []Cell{T(strconv.Itoa(c.ID)), T(strconv.Itoa(c.Size)), T(a.names(c.Listed)), T(a.names(c.Blocked)), T(countries(c.Countries)), T(strings.Join(central, "; "))})
		}
		if drawn < a.opt.CommunityDiagrams && c.Size >= 3 && c.Size <= MaxCommunityDiagram {
			d, err := a.communityDiagram(ctx, c.ID, c.Members)
			if err != nil {
				return s, false, err
			}
			s.Diagrams = append(s.Diagrams, d)
			drawn++
		}
	}
	if n := a.communityCount(2); n > len(t.Rows) {
		s.Notes = append(s.Notes, fmt.Sprintf("The %d largest of %d communities are listed.", len(t.Rows), n))
	}
	s.Tables = append(s.Tables, t)
	return s, true, nil
}

// countries writes counts by country, most first: "MY 4, KP 3".
func countries(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int { return cmp.Or(cmp.Compare(m[y], m[x]), cmp.Compare(x, y)) })
	var parts []string
	for _, k := range keys[:min(len(keys), 4)] {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// communityDiagram draws one community with the links among its members.
func (a *Analysis) communityDiagram(ctx context.Context, id int, members []string) (Diagram, error) {
	sg, err := a.induced(ctx, members)
	if err != nil {
		return Diagram{}, err
	}
	colour := map[string]int{}
	for _, m := range members {
		colour[m] = id
	}
	title := fmt.Sprintf("Community %d", id)
	return a.draw(fmt.Sprintf("community-%d", id), title, fmt.Sprintf("%d members and the links among them", len(members)), sg,
		render.Options{Title: title, Blocked: a.blocked, Community: colour})
}

// induced reads entities and the links among them (valid on the report's
// day; device scans left out, as in the analyses).
func (a *Analysis) induced(ctx context.Context, ids []string) (graph.Subgraph, error) {
	var sg graph.Subgraph
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	err := a.snap.Entities(ctx, ids, func(e graph.Entity) error {
		sg.Entities = append(sg.Entities, e)
		return nil
	})
	if err != nil {
		return sg, fmt.Errorf("analysis/report: %w", err)
	}
	err = a.snap.Links(ctx, ids, nil, func(l graph.Link) error {
		if in[l.From] && in[l.To] && l.Type.Class() != graph.ClassTechnical {
			sg.Links = append(sg.Links, l)
		}
		return nil
	})
	if err != nil {
		return sg, fmt.Errorf("analysis/report: %w", err)
	}
	return sg, nil
}

func (a *Analysis) flagsSection(context.Context) (Section, bool, error) {
	s := Section{ID: "flags", Title: "Red flags",
		Intro: "Signs of shell companies: many companies at one address, one director across many companies, identifiers or accounts shared by unrelated parties, circular ownership, and transshipment hubs on procurement paths. The links column names the store's links that make each flag."}
	if len(a.flags) == 0 {
		s.Notes = append(s.Notes, "No red flag found.")
		return s, true, nil
	}
	t := Table{Header: []string{"flag", "subject", "value", "entities", "detail", "links"}}
	shown, left := map[string]int{}, map[string]int{}
	for _, f := range a.flags {
		if shown[f.Kind] == MaxFlagsPerKind {
			left[f.Kind]++
			continue
		}
		shown[f.Kind]++
		var links []string
		for i, l := range f.Links {
			if i == maxFlagLinks {
				links = append(links, fmt.Sprintf("and %d more", len(f.Links)-i))
				break
			}
			ref := a.name(l.From) + " " + string(l.Type) + " " + a.name(l.To)
			if len(l.IDs) > 0 {
				ref += " [" + strings.Join(l.IDs, ", ") + "]"
			}
			links = append(links, ref)
		}
		t.Rows = append(t.Rows, []Cell{T(f.Kind), T(a.name(f.Subject)), T(f.Value), T(a.namesUpTo(f.Entities, maxFlagLinks)), T(f.Detail), T(strings.Join(links, "; "))})
	}
	s.Tables = append(s.Tables, t)
	for _, k := range flags.Kinds {
		if left[k] > 0 {
			s.Notes = append(s.Notes, fmt.Sprintf("%d more %s flags are not listed here: shellnet flags --only %s lists them all.", left[k], k, k))
		}
	}
	return s, true, nil
}

// MaxFlagsPerKind is how many flags of each kind a report lists, and
// maxFlagLinks how many entities and links a flag's row names, so that a
// large store's report stays a page a browser opens.
const (
	MaxFlagsPerKind = 50
	maxFlagLinks    = 12
)

// namesUpTo names at most n entities, and counts the rest.
func (a *Analysis) namesUpTo(ids []string, n int) string {
	if len(ids) <= n {
		return a.names(ids)
	}
	return a.names(ids[:n]) + fmt.Sprintf("; and %d more", len(ids)-n)
}

func (a *Analysis) screeningSection(ctx context.Context) (Section, bool, error) {
	if len(a.opt.Screen) == 0 {
		return Section{}, false, nil
	}
	src := "the supplier list"
	if a.opt.ScreenFile != "" {
		src = a.opt.ScreenFile
	}
	s := Section{ID: "screening", Title: "Screening",
		Intro: fmt.Sprintf("The names of %s matched against the store and judged within %d links of a sanctioned party: sanctioned (listed, or blocked by ownership), linked (control, payment or trade links reach one), review (only a weak or shared-attribute link, or an uncertain name match) or clear. Each result that is not clear is drawn with its evidence paths.", src, a.opt.ScreenHops)}
	t := Table{Header: []string{"line", "name", "verdict", "match", "name score", "links away", "score", "reasons"}}
	drawn := a.screeningToDraw()
	for i, r := range a.screened {
		match, score, dist := "", "", ""
		if r.Match != nil {
			match, score = r.Match.Name, strconv.FormatFloat(r.Match.Score, 'f', 2, 64)
		}
		if r.Distance != nil {
			dist = strconv.Itoa(*r.Distance)
		}
		line := strconv.Itoa(r.Line)
		if r.Line == 0 {
			line = strconv.Itoa(i + 1)
		}
		t.Rows = append(t.Rows, []Cell{T(line), T(r.Query), C(r.Verdict.String(), r.Verdict.String()), T(match), T(score), T(dist),
			T(strconv.FormatFloat(r.Score, 'f', 2, 64)), T(strings.Join(r.Reasons, "; "))})
		if !drawn[i] {
			continue
		}
		d, err := a.screeningDiagram(ctx, i, r)
		if err != nil {
			return s, false, err
		}
		s.Diagrams = append(s.Diagrams, d)
	}
	s.Tables = append(s.Tables, t)
	if n := a.notClearWithPaths(); n > len(drawn) {
		s.Notes = append(s.Notes, fmt.Sprintf("Evidence is drawn for the %d highest-scored of the %d results that are not clear; shellnet render --focus draws any other.", len(drawn), n))
	}
	return s, true, nil
}

// MaxScreeningDiagrams is how many screening results a report draws: the
// highest-scored of those that are not clear.
const MaxScreeningDiagrams = 100

// screeningToDraw picks the results to draw, by index.
func (a *Analysis) screeningToDraw() map[int]bool {
	var idx []int
	for i, r := range a.screened {
		if r.Verdict != screen.Clear && len(r.Paths) > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(a.screened[y].Score, a.screened[x].Score) })
	out := map[int]bool{}
	for _, i := range idx[:min(len(idx), MaxScreeningDiagrams)] {
		out[i] = true
	}
	return out
}

func (a *Analysis) notClearWithPaths() int {
	n := 0
	for _, r := range a.screened {
		if r.Verdict != screen.Clear && len(r.Paths) > 0 {
			n++
		}
	}
	return n
}

// screeningDiagram draws a result's evidence paths, with the store's links
// behind each of their hops.
func (a *Analysis) screeningDiagram(ctx context.Context, i int, r screen.Result) (Diagram, error) {
	opt := render.Options{Blocked: map[string]bool{}}
	var ids []string
	type hop struct {
		from, to string
		t        graph.LinkType
	}
	hops := map[hop]bool{}
	for _, p := range r.Paths {
		route := make([]string, len(p.Nodes))
		for j, n := range p.Nodes {
			route[j] = n.ID
			ids = append(ids, n.ID)
			if n.Status == "blocked" {
				opt.Blocked[n.ID] = true
			}
		}
		opt.Paths = append(opt.Paths, route)
		for _, l := range p.Links {
			hops[hop{l.From, l.To, l.Type}] = true
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	sg, err := a.induced(ctx, ids)
	if err != nil {
		return Diagram{}, err
	}
	sg.Links = slices.DeleteFunc(sg.Links, func(l graph.Link) bool { return !hops[hop{l.From, l.To, l.Type}] })
	if r.Match != nil {
		opt.Focus = []string{r.Match.ID}
	}
	title := fmt.Sprintf("%s: %s", r.Query, r.Verdict)
	opt.Title = title
	return a.draw(fmt.Sprintf("screen-%03d", i+1), title, "the shortest evidence paths from the match to sanctioned parties", sg, opt)
}

func (a *Analysis) storeSection(context.Context) (Section, bool, error) {
	s := Section{ID: "store", Title: "Store"}
	for _, c := range []struct {
		caption, what string
		m             map[string]int64
	}{{"Entities by kind", "kind", a.stats.ByKind}, {"Links by type", "type", a.stats.ByType}, {"Entities by dataset", "dataset", a.stats.Datasets}} {
		keys := make([]string, 0, len(c.m))
		for k := range c.m {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(x, y string) int { return cmp.Or(cmp.Compare(c.m[y], c.m[x]), cmp.Compare(x, y)) })
		t := Table{Caption: c.caption, Header: []string{c.what, "count"}}
		for _, k := range keys {
			t.Rows = append(t.Rows, []Cell{T(k), T(strconv.FormatInt(c.m[k], 10))})
		}
		s.Tables = append(s.Tables, t)
	}
	return s, true, nil
}
