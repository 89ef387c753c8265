package report

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/analysis/community"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

// MaxWholeStore is the largest store drawn whole; beyond, a part must be
// chosen.
const MaxWholeStore = 3000

// ErrSelection is wrapped by the errors of a Selection that cannot be
// drawn (a store too large to draw whole, a community that does not
// exist): the person asking must choose again. A focus that matches no
// entity wraps graph.ErrNotFound instead.
var ErrSelection = errors.New("nothing to draw")

// Selection says what a diagram of a snapshot shows: the neighbourhood of
// Focus, procurement Paths and a Community, all of them together when
// several are given, or the whole snapshot when none is.
type Selection struct {
	// Focus selects the entities whose neighbourhood of Hops links is
	// drawn; none when zero.
	Focus graph.Selector
	Hops  int
	// Paths, when not nil, draws the procurement paths they choose.
	Paths *PathOptions
	// Community, when not nil, draws the members of community CommunityID
	// of that partition, bordered in its colour.
	Community   *community.Config
	CommunityID int
	// Title is the diagram's title; when empty, one is made of what is
	// drawn, naming selectors by FocusText, FromText and ToText (as the
	// person wrote them) or, when those are empty, by their String.
	Title                       string
	FocusText, FromText, ToText string
	MaxNeighbours               int // see render.Options
}

// Drawing is what Draw selected: the subgraph, the render options that
// mark it (focus, blocked parties, bold paths and their marks, community
// colours), and the procurement paths found, when asked for.
type Drawing struct {
	Subgraph graph.Subgraph
	Options  render.Options
	Paths    *Procurement

	seen   map[string]bool
	titles []string // of each selection, for the default title
}

// Draw selects from snap what sel asks for, with its evidence (full
// entities and the store's links valid on the snapshot's day), for
// render.DOT. Parties blocked by ownership under the snapshot's rule are
// marked blocked.
func Draw(ctx context.Context, snap *snapshot.Snapshot, sel Selection) (*Drawing, error) {
	d := &Drawing{Options: render.Options{Title: sel.Title, MaxNeighbours: sel.MaxNeighbours, Blocked: map[string]bool{}, Marks: map[string]string{}}}
	whole := sel.Focus.IsZero() && sel.Paths == nil && sel.Community == nil
	if whole || !sel.Focus.IsZero() {
		if err := d.neighbourhood(ctx, snap, sel, whole); err != nil {
			return nil, err
		}
	}
	if sel.Paths != nil {
		if err := d.paths(ctx, snap, sel); err != nil {
			return nil, err
		}
	}
	if sel.Community != nil {
		if err := d.community(ctx, snap, *sel.Community, sel.CommunityID); err != nil {
			return nil, err
		}
	}
	if d.Options.Title == "" {
		d.Options.Title = strings.Join(d.titles, "; ")
	}
	return d, nil
}

// neighbourhood draws the whole snapshot, or the neighbourhood of the
// focus (read on the server when the store can).
func (d *Drawing) neighbourhood(ctx context.Context, snap *snapshot.Snapshot, sel Selection, whole bool) error {
	p := snap.Projection()
	var sg graph.Subgraph
	var err error
	if whole {
		if p.Len() > MaxWholeStore {
			return fmt.Errorf("analysis/report: the store holds %d entities, too many to draw at once: choose a part to draw (a focus, paths or a community): %w", p.Len(), ErrSelection)
		}
		ids := make([]string, p.Len())
		for i := range p.Nodes {
			ids[i] = p.Nodes[i].ID
		}
		sg, err = snap.Evidence(ctx, ids)
	} else {
		seeds := p.Select(sel.Focus)
		if len(seeds) == 0 {
			return fmt.Errorf("analysis/report: focus %q matches no entity (search the names for the one meant): %w", textOf(sel.FocusText, sel.Focus), graph.ErrNotFound)
		}
		ids := make([]string, len(seeds))
		for i, v := range seeds {
			ids[i] = p.Nodes[v].ID
		}
		sg, err = snap.Neighbourhood(ctx, ids, sel.Hops)
	}
	if err != nil {
		return err
	}
	d.add(sg)
	if !whole {
		for _, e := range sg.Entities {
			if sel.Focus.Match(&e) {
				d.Options.Focus = append(d.Options.Focus, e.ID)
			}
		}
	}
	d.markBlocked(snap)
	switch {
	case whole:
		d.title("The network")
	case len(d.Options.Focus) > 0 && len(d.Options.Focus) <= 3:
		var names []string
		for _, e := range sg.Entities {
			if slices.Contains(d.Options.Focus, e.ID) {
				names = append(names, cmp.Or(e.Name, e.ID))
			}
		}
		d.title(fmt.Sprintf("%s: %d links out", strings.Join(names, ", "), sel.Hops))
	default:
		d.title(fmt.Sprintf("%s: %d links out", textOf(sel.FocusText, sel.Focus), sel.Hops))
	}
	return nil
}

// paths draws the procurement paths sel.Paths chooses, bold, with their
// hops marked.
func (d *Drawing) paths(ctx context.Context, snap *snapshot.Snapshot, sel Selection) error {
	found, err := findPaths(ctx, snap, *sel.Paths)
	if err != nil {
		return err
	}
	d.Paths = &found
	sg, opt, err := PathsSubgraph(ctx, snap, found.Paths)
	if err != nil {
		return err
	}
	d.add(sg)
	d.Options.Paths = append(d.Options.Paths, opt.Paths...)
	for k, v := range opt.Marks {
		d.Options.Marks[k] = v
	}
	for k := range opt.Blocked {
		d.Options.Blocked[k] = true
	}
	d.title(fmt.Sprintf("Procurement paths from %s to %s", textOf(sel.FromText, sel.Paths.From), textOf(sel.ToText, sel.Paths.To)))
	return nil
}

// community draws the members of community id of the partition cfg finds
// and the links among them, bordered in the community's colour.
func (d *Drawing) community(ctx context.Context, snap *snapshot.Snapshot, cfg community.Config, id int) error {
	p := snap.Projection()
	res, err := community.Run(p, cfg)
	if err != nil {
		return fmt.Errorf("analysis/report: %w", err)
	}
	if id < 0 || id >= res.Count {
		return fmt.Errorf("analysis/report: community %d: the %s partition has communities 0 to %d: %w", id, res.Algorithm, res.Count-1, ErrSelection)
	}
	var ids []string
	for i, l := range res.Labels {
		if int(l) == id {
			ids = append(ids, p.Nodes[i].ID)
		}
	}
	sg, err := snap.Evidence(ctx, ids)
	if err != nil {
		return err
	}
	d.add(sg)
	if d.Options.Community == nil {
		d.Options.Community = map[string]int{}
	}
	for _, x := range ids {
		d.Options.Community[x] = id
	}
	d.markBlocked(snap)
	d.title(fmt.Sprintf("Community %d (%s, %d members)", id, res.Algorithm, len(ids)))
	return nil
}

// add merges sg into the drawing, each entity and link once.
func (d *Drawing) add(sg graph.Subgraph) {
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	for _, e := range sg.Entities {
		if !d.seen["e\x00"+e.ID] {
			d.seen["e\x00"+e.ID] = true
			d.Subgraph.Entities = append(d.Subgraph.Entities, e)
		}
	}
	for _, l := range sg.Links {
		if !d.seen["l\x00"+l.ID] {
			d.seen["l\x00"+l.ID] = true
			d.Subgraph.Links = append(d.Subgraph.Links, l)
		}
	}
}

// title names a selection, for the default title.
func (d *Drawing) title(t string) { d.titles = append(d.titles, t) }

// markBlocked marks the parties the snapshot finds blocked by ownership.
func (d *Drawing) markBlocked(snap *snapshot.Snapshot) {
	for id := range BlockedIDs(snap.Projection(), snap.Sanctions()) {
		d.Options.Blocked[id] = true
	}
}

// textOf is a selector as the person wrote it, or its String.
func textOf(text string, sel graph.Selector) string {
	if text != "" {
		return text
	}
	return sel.String()
}
