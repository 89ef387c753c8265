package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/analysis/centrality"
	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

// DefaultCaseHops is how far a case reaches from its focus when its file
// gives no hops.
const DefaultCaseHops = 2

// MaxCaseHops bounds a case's reach: beyond a few links a neighbourhood is
// most of the graph.
const MaxCaseHops = 6

// Case is one report of a batch: the neighbourhood of the entities Focus
// selects, Hops links out.
type Case struct {
	Name  string         `json:"name"`
	Focus graph.Selector `json:"-"`
	Hops  int            `json:"hops"`
	Line  int            `json:"-"` // where the case is defined in its file
}

// ReadCases reads a list of cases: CSV with a header naming "name" and
// "focus" columns and optionally "hops" (any case, other columns ignored),
// or JSON, a list of {"name", "focus", "hops"}. file names the input in
// errors, which carry the line.
func ReadCases(r io.Reader, file string) ([]Case, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("analysis/report: %s: %w", file, err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var cases []Case
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		cases, err = casesJSON(data, file)
	} else {
		cases, err = casesCSV(data, file)
	}
	if err != nil {
		return nil, err
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("analysis/report: %s: no case (want a header line name,focus,hops and one case a line)", file)
	}
	return cases, nil
}

func casesCSV(data []byte, file string) ([]Case, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	if line, _, _ := bytes.Cut(data, []byte("\n")); !bytes.ContainsRune(line, ',') && bytes.ContainsRune(line, ';') {
		cr.Comma = ';'
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil // an empty file: no case, said by ReadCases
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"name", "focus"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("analysis/report: %s line 1: no %q column (want a header name,focus,hops)", file, need)
		}
	}
	var out []Case
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		c, err := newCase(get("name"), get("focus"), get("hops"), file, line)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("analysis/report: %s line %d: %w", file, pe.Line, pe.Err)
	}
	return fmt.Errorf("analysis/report: %s: %w", file, err)
}

func casesJSON(data []byte, file string) ([]Case, error) {
	var raw []struct {
		Name  string          `json:"name"`
		Focus string          `json:"focus"`
		Hops  json.RawMessage `json:"hops"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		line := 1
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line = lineAt(data, se.Offset)
		case errors.As(err, &te):
			line = lineAt(data, te.Offset)
		}
		return nil, fmt.Errorf("analysis/report: %s line %d: %w (want a list of {\"name\", \"focus\", \"hops\"})", file, line, err)
	}
	// each case's line: where its object starts
	starts := objectLines(data)
	var out []Case
	for i, r := range raw {
		line := 0
		if i < len(starts) {
			line = starts[i]
		}
		hops := strings.Trim(string(r.Hops), `"`)
		if hops == "null" {
			hops = ""
		}
		c, err := newCase(r.Name, r.Focus, hops, file, line)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// lineAt is the line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// objectLines returns the line on which each top-level object of a JSON
// list starts.
func objectLines(data []byte) []int {
	var out []int
	depth, line := 0, 1
	inString, escaped := false, false
	for _, b := range data {
		switch {
		case b == '\n':
			line++
		case inString:
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
		case b == '"':
			inString = true
		case b == '[' || b == '{':
			if depth == 1 && b == '{' {
				out = append(out, line)
			}
			depth++
		case b == ']' || b == '}':
			depth--
		}
	}
	return out
}

func newCase(name, focus, hops, file string, line int) (Case, error) {
	where := fmt.Sprintf("%s line %d", file, line)
	name, focus = strings.TrimSpace(name), strings.TrimSpace(focus)
	if name == "" {
		return Case{}, fmt.Errorf("analysis/report: %s: the case has no name", where)
	}
	if focus == "" {
		return Case{}, fmt.Errorf("analysis/report: %s: case %q has no focus (a selector such as id:glocom or \"name:Pan Systems\")", where, name)
	}
	sel, err := graph.ParseSelector(focus)
	if err != nil {
		return Case{}, fmt.Errorf("analysis/report: %s: case %q: %w", where, name, err)
	}
	if sel.IsZero() { // ParseSelector accepts a selector of no term
		return Case{}, fmt.Errorf("analysis/report: %s: case %q has no focus (a selector such as id:glocom or \"name:Pan Systems\")", where, name)
	}
	c := Case{Name: name, Focus: sel, Hops: DefaultCaseHops, Line: line}
	if hops != "" {
		h, err := strconv.Atoi(hops)
		if err != nil || h < 0 || h > MaxCaseHops {
			return Case{}, fmt.Errorf("analysis/report: %s: case %q: hops %q: want a whole number from 0 to %d", where, name, hops, MaxCaseHops)
		}
		c.Hops = h
	}
	return c, nil
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// Slugs gives each case a folder name, unique and safe: its number and its
// name in lower-case letters and digits ("01-glocom").
func Slugs(cases []Case) []string {
	out := make([]string, len(cases))
	width := len(strconv.Itoa(len(cases)))
	width = max(width, 2)
	for i, c := range cases {
		s := strings.Trim(slugUnsafe.ReplaceAllString(strings.ToLower(c.Name), "-"), "-")
		if len([]rune(s)) > 40 {
			s = strings.Trim(string([]rune(s)[:40]), "-")
		}
		out[i] = fmt.Sprintf("%0*d", width, i+1)
		if s != "" {
			out[i] += "-" + s
		}
	}
	return out
}

// CaseReport lays out the report of one case: the neighbourhood of its
// focus (read on the server when the store can), the procurement paths,
// red flags and screening results that touch it, from the analyses of the
// whole store.
func (a *Analysis) CaseReport(ctx context.Context, c Case) (Report, error) {
	r := Report{Title: c.Name, Subtitle: fmt.Sprintf("%s, %d links out · %s", c.Focus, c.Hops, a.opt.Title)}
	cv, err := a.caseView(ctx, c)
	if err != nil {
		return Report{}, err
	}
	if len(cv.seeds) == 0 {
		r.Summary = []Fact{{"entities matched by the focus", "0"}}
		r.Sections = append(r.Sections, Section{ID: "case", Title: "Neighbourhood", Notes: []string{fmt.Sprintf("The focus %s matches no entity in the store.", c.Focus)}})
		return r, nil
	}
	r.Summary = a.caseSummary(cv)
	hood, err := a.caseNeighbourhood(c, cv)
	if err != nil {
		return Report{}, err
	}
	ps, err := a.casePaths(ctx, c, cv)
	if err != nil {
		return Report{}, err
	}
	r.Sections = append(r.Sections, hood, ps, caseFlags(cv))
	if s, ok := caseScreening(cv); ok {
		r.Sections = append(r.Sections, s)
	}
	return r, nil
}

// caseView is what of the whole store's analyses touches a case: the
// entities its focus selects, their neighbourhood, and the procurement
// paths, red flags and screening results that name an entity of it.
type caseView struct {
	seeds    []string
	sg       graph.Subgraph
	in       map[string]bool // the neighbourhood's entities
	through  []paths.Evidence
	flagRows [][]Cell
	screened []screen.Result
}

// caseView gathers what touches case c; no seeds when its focus selects
// nothing.
func (a *Analysis) caseView(ctx context.Context, c Case) (*caseView, error) {
	cv := &caseView{in: map[string]bool{}}
	for i := range a.p.Nodes {
		if c.Focus.Match(nodeEntity(&a.p.Nodes[i])) {
			cv.seeds = append(cv.seeds, a.p.Nodes[i].ID)
		}
	}
	if len(cv.seeds) == 0 {
		return cv, nil
	}
	var err error
	if cv.sg, err = a.snap.Neighbourhood(ctx, cv.seeds, c.Hops); err != nil {
		return nil, fmt.Errorf("analysis/report: case %q: %w", c.Name, err)
	}
	for _, e := range cv.sg.Entities {
		cv.in[e.ID] = true
	}
	for _, ev := range append(slices.Clone(a.procurement.Paths), a.throughput.Paths...) {
		if slices.ContainsFunc(ev.Nodes, func(n paths.Node) bool { return cv.in[n.ID] }) && !containsPath(cv.through, ev) {
			cv.through = append(cv.through, ev)
		}
	}
	for _, f := range a.flags {
		if slices.ContainsFunc(f.Entities, func(id string) bool { return cv.in[id] }) {
			cv.flagRows = append(cv.flagRows, []Cell{T(f.Kind), T(a.name(f.Subject)), T(f.Value), T(a.names(f.Entities)), T(f.Detail)})
		}
	}
	for _, res := range a.screened {
		if res.Match != nil && cv.in[res.Match.ID] {
			cv.screened = append(cv.screened, res)
		}
	}
	return cv, nil
}

// caseSummary counts what the case holds.
func (a *Analysis) caseSummary(cv *caseView) []Fact {
	listed, blocked := 0, 0
	for _, e := range cv.sg.Entities {
		switch {
		case e.Listed():
			listed++
		case a.blocked[e.ID]:
			blocked++
		}
	}
	restricted, loopholes := countMarks(cv.through)
	return []Fact{
		{"entities in focus", strconv.Itoa(len(cv.seeds))},
		{"entities within reach", strconv.Itoa(len(cv.sg.Entities))},
		{"links", strconv.Itoa(len(cv.sg.Links))},
		{"listed", strconv.Itoa(listed)},
		{"blocked by ownership", strconv.Itoa(blocked)},
		{"procurement paths through it", strconv.Itoa(len(cv.through))},
		{"restricted hops", strconv.Itoa(restricted)},
		{"loophole hops", strconv.Itoa(loopholes)},
		{"red flags", strconv.Itoa(len(cv.flagRows))},
	}
}

// caseNeighbourhood draws the case's neighbourhood, with the stretches of
// the procurement paths inside it drawn bold, and lists its entities.
func (a *Analysis) caseNeighbourhood(c Case, cv *caseView) (Section, error) {
	hood := Section{ID: "neighbourhood", Title: "Neighbourhood",
		Intro: fmt.Sprintf("The entities within %d links of those %s selects, and the links among them.", c.Hops, c.Focus)}
	opt := render.Options{Title: c.Name, Focus: cv.seeds, Blocked: a.blocked, Marks: map[string]string{}}
	for _, ev := range cv.through {
		var route []string
		for _, n := range append(ev.Nodes, paths.Node{}) {
			if cv.in[n.ID] {
				route = append(route, n.ID)
				continue
			}
			if len(route) > 1 {
				opt.Paths = append(opt.Paths, route)
			}
			route = nil
		}
		for _, l := range ev.Links {
			if m := MarkLabel(l.Policy); m != "" {
				opt.Marks[render.LinkKey(l.From, l.Type, l.To)] = m
			}
		}
	}
	d, err := a.draw("neighbourhood", c.Name, fmt.Sprintf("%d entities and %d links; the focus drawn bold", len(cv.sg.Entities), len(cv.sg.Links)), cv.sg, opt)
	if err != nil {
		return hood, err
	}
	hood.Diagrams = append(hood.Diagrams, d)
	hood.Tables = append(hood.Tables, a.entityTable(cv.sg, cv.seeds))
	return hood, nil
}

// casePaths draws and lists the procurement paths through the case.
func (a *Analysis) casePaths(ctx context.Context, c Case, cv *caseView) (Section, error) {
	ps := Section{ID: "paths", Title: "Procurement paths through the case"}
	if len(cv.through) == 0 {
		ps.Notes = append(ps.Notes, "No procurement path of the store's report passes through these entities.")
		return ps, nil
	}
	d, t, err := a.pathsFigure(ctx, "paths", "Procurement paths through "+c.Name, cv.through)
	if err != nil {
		return ps, err
	}
	ps.Diagrams = append(ps.Diagrams, d)
	ps.Tables = append(ps.Tables, t)
	return ps, nil
}

// caseFlags lists the red flags that name an entity of the case.
func caseFlags(cv *caseView) Section {
	fs := Section{ID: "flags", Title: "Red flags"}
	if len(cv.flagRows) == 0 {
		fs.Notes = append(fs.Notes, "No red flag names these entities.")
	} else {
		fs.Tables = append(fs.Tables, Table{Header: []string{"flag", "subject", "value", "entities", "detail"}, Rows: cv.flagRows})
	}
	return fs
}

// caseScreening lists the names of the supplier list that match an entity
// of the case; none when no name does.
func caseScreening(cv *caseView) (Section, bool) {
	if len(cv.screened) == 0 {
		return Section{}, false
	}
	t := Table{Header: []string{"name", "verdict", "match", "links away", "reasons"}}
	for _, res := range cv.screened {
		dist := ""
		if res.Distance != nil {
			dist = strconv.Itoa(*res.Distance)
		}
		t.Rows = append(t.Rows, []Cell{T(res.Query), C(res.Verdict.String(), res.Verdict.String()), T(res.Match.Name), T(dist), T(strings.Join(res.Reasons, "; "))})
	}
	return Section{ID: "screening", Title: "Screening", Intro: "The names of the supplier list that match entities of this case.", Tables: []Table{t}}, true
}

func containsPath(evs []paths.Evidence, ev paths.Evidence) bool {
	return slices.ContainsFunc(evs, func(x paths.Evidence) bool {
		return slices.EqualFunc(x.Nodes, ev.Nodes, func(a, b paths.Node) bool { return a.ID == b.ID })
	})
}

// nodeEntity is enough of an entity for a selector to match a node.
func nodeEntity(n *graph.Node) *graph.Entity {
	e := n.Entity()
	return &e
}

// entityTable lists a case's entities: the focus first, then the listed and
// blocked, then by betweenness.
func (a *Analysis) entityTable(sg graph.Subgraph, seeds []string) Table {
	t := Table{Caption: "Entities", Header: []string{"name", "kind", "countries", "roles", "standing", "betweenness rank"}}
	rank := map[string]int{}
	for r, i := range centrality.Top(a.betweenness, 0) {
		rank[a.p.Nodes[i].ID] = r + 1
	}
	es := slices.Clone(sg.Entities)
	order := func(e *graph.Entity) int {
		switch {
		case slices.Contains(seeds, e.ID):
			return 0
		case e.Listed(), a.blocked[e.ID]:
			return 1
		}
		return 2
	}
	slices.SortFunc(es, func(x, y graph.Entity) int {
		if o := order(&x) - order(&y); o != 0 {
			return o
		}
		rx, ry := rank[x.ID], rank[y.ID]
		if rx == 0 {
			rx = 1 << 30
		}
		if ry == 0 {
			ry = 1 << 30
		}
		if rx != ry {
			return rx - ry
		}
		return strings.Compare(x.ID, y.ID)
	})
	for _, e := range es {
		standing := ""
		switch {
		case e.Listed():
			standing = "listed"
		case a.blocked[e.ID]:
			standing = "blocked"
		}
		r := ""
		if rank[e.ID] > 0 {
			r = strconv.Itoa(rank[e.ID])
		}
		t.Rows = append(t.Rows, []Cell{T(e.Name), T(string(e.Kind)), T(strings.Join(e.Countries, " ")), T(strings.Join(e.Tags, " ")), standingCell(standing), T(r)})
	}
	return t
}

// IndexEntry is one report on an index page.
type IndexEntry struct {
	Name, Focus, Hops string
	Href              string // the report's page, relative to the index
	Summary           []Fact
}

// CaseEntry is the index entry of a case's report.
func CaseEntry(c Case, href string, r Report) IndexEntry {
	return IndexEntry{Name: c.Name, Focus: c.Focus.String(), Hops: strconv.Itoa(c.Hops), Href: href, Summary: r.Summary}
}

// Index lays out the page that links a batch of reports: the whole store's,
// then one per case, each with its figures beside it.
func Index(title string, store IndexEntry, cases []IndexEntry) Report {
	r := Report{Title: title, Subtitle: fmt.Sprintf("%d cases", len(cases))}
	st := Table{Header: []string{"report"}}
	for _, f := range store.Summary {
		st.Header = append(st.Header, f.Label)
	}
	row := []Cell{{Text: store.Name, Href: store.Href}}
	for _, f := range store.Summary {
		row = append(row, T(f.Value))
	}
	st.Rows = append(st.Rows, row)
	t := Table{Header: []string{"case", "focus", "hops"}}
	if len(cases) > 0 {
		for _, f := range cases[0].Summary {
			t.Header = append(t.Header, f.Label)
		}
	}
	for _, e := range cases {
		row := []Cell{{Text: e.Name, Href: e.Href}, T(e.Focus), T(e.Hops)}
		for _, f := range e.Summary {
			row = append(row, T(f.Value))
		}
		t.Rows = append(t.Rows, row)
	}
	r.Sections = []Section{
		{ID: "store", Title: "The whole store", Tables: []Table{st}},
		{ID: "cases", Title: "Cases", Tables: []Table{t}},
	}
	return r
}
