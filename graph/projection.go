package graph

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Node is what the projection keeps of an entity: enough to label, select
// and screen it without going back to the store.
//
// Its aliases, countries and tags are held behind one pointer, shared by
// the nodes whose lists are equal (a million companies have a few hundred
// sets of countries and tags between them), so that a node costs 64 bytes
// rather than 128. They are read through methods, clipped so that an
// append copies them, and like the rest of a projection never written in
// place.
type Node struct {
	ID     string
	Name   string
	Kind   Kind
	Listed bool // on a sanctions list itself
	lists  *nodeLists
}

// nodeLists are a node's lists; nil stands for three empty ones.
type nodeLists struct {
	aliases, countries, tags []string
}

// WithLists returns n with these aliases, countries and tags. The
// projection's builder shares them with other nodes that have equal ones,
// so the caller must not change them afterwards.
func (n Node) WithLists(aliases, countries, tags []string) Node {
	n.lists = nil
	if len(aliases) > 0 || len(countries) > 0 || len(tags) > 0 {
		n.lists = &nodeLists{aliases, countries, tags}
	}
	return n
}

// Aliases are the node's other names.
func (n *Node) Aliases() []string {
	if n.lists == nil {
		return nil
	}
	return slices.Clip(n.lists.aliases)
}

// Countries are the node's countries (ISO 3166-1 alpha-2).
func (n *Node) Countries() []string {
	if n.lists == nil {
		return nil
	}
	return slices.Clip(n.lists.countries)
}

// Tags are the node's tags.
func (n *Node) Tags() []string {
	if n.lists == nil {
		return nil
	}
	return slices.Clip(n.lists.tags)
}

// Entity returns the node as a (partial) entity, for selectors.
func (n *Node) Entity() Entity {
	e := Entity{ID: n.ID, Name: n.Name, Kind: n.Kind, Aliases: n.Aliases(), Countries: n.Countries(), Tags: n.Tags()}
	if n.Listed && !slices.Contains(e.Tags, TagSanction) {
		e.Tags = append(slices.Clone(e.Tags), TagSanction)
	}
	return e
}

// listsInterner shares equal lists between nodes: those without aliases,
// whose countries and tags repeat; a node with aliases keeps its own.
type listsInterner struct {
	seen map[string]*nodeLists
	key  []byte
}

// share returns lists equal to l: nil when all three are empty, those of
// an earlier node when it has no aliases and its countries and tags were
// seen before, else a new copy.
func (in *listsInterner) share(l nodeLists) *nodeLists {
	if len(l.aliases) == 0 && len(l.countries) == 0 && len(l.tags) == 0 {
		return nil
	}
	if len(l.aliases) > 0 {
		c := new(nodeLists)
		*c = l
		return c
	}
	// the key: each list's length, then each label's length and bytes
	in.key = binary.AppendUvarint(in.key[:0], uint64(len(l.countries)))
	for _, c := range l.countries {
		in.key = append(binary.AppendUvarint(in.key, uint64(len(c))), c...)
	}
	in.key = binary.AppendUvarint(in.key, uint64(len(l.tags)))
	for _, t := range l.tags {
		in.key = append(binary.AppendUvarint(in.key, uint64(len(t))), t...)
	}
	if s, ok := in.seen[string(in.key)]; ok {
		return s
	}
	if in.seen == nil {
		in.seen = map[string]*nodeLists{}
	}
	c := new(nodeLists)
	*c = l
	in.seen[string(in.key)] = c
	return c
}

// shareHeld is share for lists already on the heap: a node's own aliases
// are kept where they are rather than copied.
func (in *listsInterner) shareHeld(l *nodeLists) *nodeLists {
	if l == nil || len(l.aliases) > 0 {
		return l
	}
	return in.share(*l)
}

// Projection is a snapshot of a store, or of a filtered part of it, held in
// memory as compact arrays: nodes are numbered 0..n-1 in ID order, links are
// sorted by (from, to, type) so that the outgoing links of node u are
// From[OutOff[u]:OutOff[u+1]], and the incoming links of v are the link
// indices InLink[InOff[v]:InOff[v+1]]. It costs 17 bytes per link (21 when
// some link weighs other than 1) plus the undirected view when one is
// asked for.
//
// The projection is read-only once built and safe for concurrent readers.
type Projection struct {
	Nodes   []Node
	index   idIndex
	From    []int32
	To      []int32
	Type    []LinkCode
	weights []float32 // nil when every link weighs 1, as most stores' do
	OutOff  []int32   // len(Nodes)+1
	InOff   []int32   // len(Nodes)+1
	InLink  []int32   // link indices ordered by (to, from)

	und   *Undirected
	cache Cache
}

// Cache keeps what commands derive from a projection (a name index, say)
// beside the snapshot the projection was read from or written to, so that
// the next command on the same store version reads it back instead of
// deriving it again. Entries are named by their users ("names-parties");
// a cache answers for its own projection only.
type Cache interface {
	// Open returns the entry called name, or an error when there is none
	// for this projection.
	Open(name string) (io.ReadCloser, error)
	// Save writes the entry called name with write, replacing any other
	// whole: readers see the old entry or the new one.
	Save(name string, write func(io.Writer) error) error
}

// DiskSizer is the optional power of a Cache that knows the bytes on disk
// of the snapshot its projection was read from or written to, and of the
// entries read or saved through it: the files a process holding the
// projection in memory stands for, against which its memory is measured.
type DiskSizer interface {
	DiskBytes() int64
}

// Cache returns the projection's cache, or nil when it has none (a
// projection built in memory, or from a store that keeps no snapshots).
func (p *Projection) Cache() Cache { return p.cache }

// SetCache attaches a cache; stores call it on the projections they
// serve from a snapshot.
func (p *Projection) SetCache(c Cache) { p.cache = c }

// ProjectOptions filters what is projected.
type ProjectOptions struct {
	Kinds []Kind     // only entities of these kinds (and links between them)
	Types []LinkType // only links of these types
	AsOf  time.Time  // only links valid on this day
}

// Projector is the optional power of a store that builds a projection itself,
// faster than through Entities and Links (integer keys, cached snapshots).
type Projector interface {
	Project(ctx context.Context, opt ProjectOptions) (*Projection, error)
}

// Project loads the store, filtered by opt, into a Projection.
func Project(ctx context.Context, s Store, opt ProjectOptions) (*Projection, error) {
	if p, ok := s.(Projector); ok {
		return p.Project(ctx, opt)
	}
	b := NewBuilder(0, 0)
	err := s.Entities(ctx, Filter{Kinds: opt.Kinds}, func(e Entity) error {
		b.AddNode(NodeOf(&e))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: project entities: %w", err)
	}
	err = s.Links(ctx, Filter{Types: opt.Types, AsOf: opt.AsOf}, func(l Link) error {
		b.AddLink(l.From, l.To, l.Type, LinkWeight(&l))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: project links: %w", err)
	}
	return b.Build(), nil
}

// NodeOf returns the projection's node for e.
func NodeOf(e *Entity) Node {
	return Node{ID: e.ID, Name: e.Name, Kind: e.Kind, Listed: e.Listed()}.WithLists(e.Aliases, e.Countries, e.Tags)
}

// LinkWeight is the weight of a link in weighted views: its "weight"
// property when that is a finite number of at least zero (or text that
// reads as one, as CSV columns arrive), else 1. Negative and infinite
// weights are refused because shortest-path algorithms cannot take them.
func LinkWeight(l *Link) float32 {
	var w float64
	switch x := l.Props["weight"].(type) {
	case float64:
		w = x
	case float32:
		w = float64(x)
	case int:
		w = float64(x)
	case int64:
		w = float64(x)
	case int32:
		w = float64(x)
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return 1
		}
		w = f
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 1
		}
		w = f
	default:
		return 1
	}
	if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 || w > math.MaxFloat32 {
		return 1
	}
	return float32(w)
}

// Builder assembles a Projection. Nodes may be added in any order; links whose
// ends are not nodes are dropped (they fall outside the projection's filter).
type Builder struct {
	nodes []Node
	index map[string]int32
	pend  []pending
	lists listsInterner
}

type pending struct {
	from, to string
	t        LinkType
	w        float32
}

// NewBuilder returns a builder with room for n nodes and m links.
func NewBuilder(n, m int) *Builder {
	return &Builder{nodes: make([]Node, 0, n), index: make(map[string]int32, n), pend: make([]pending, 0, m)}
}

// AddNode adds a node; a second node with the same ID is ignored.
func (b *Builder) AddNode(n Node) {
	if _, dup := b.index[n.ID]; dup {
		return
	}
	b.index[n.ID] = int32(len(b.nodes))
	n.lists = b.lists.shareHeld(n.lists)
	b.nodes = append(b.nodes, n)
}

// AddLink adds a link by the string IDs of its ends.
func (b *Builder) AddLink(from, to string, t LinkType, w float32) {
	b.pend = append(b.pend, pending{from, to, t, w})
}

// Build numbers the nodes in ID order and lays the links out.
func (b *Builder) Build() *Projection {
	order := make([]int32, len(b.nodes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return cmp.Compare(b.nodes[x].ID, b.nodes[y].ID) })
	p := &Projection{Nodes: make([]Node, len(b.nodes))}
	newID := make([]int32, len(b.nodes))
	for i, old := range order {
		p.Nodes[i] = b.nodes[old]
		newID[old] = int32(i)
	}
	p.index = newIDIndex(p.Nodes)
	from := make([]int32, 0, len(b.pend))
	to := make([]int32, 0, len(b.pend))
	typ := make([]LinkCode, 0, len(b.pend))
	w := make([]float32, 0, len(b.pend))
	for _, l := range b.pend {
		u, ok1 := b.index[l.from]
		v, ok2 := b.index[l.to]
		if !ok1 || !ok2 {
			continue
		}
		u, v = newID[u], newID[v]
		from, to, typ, w = append(from, u), append(to, v), append(typ, l.t.Code()), append(w, l.w)
	}
	b.pend = nil
	p.setLinks(from, to, typ, w)
	return p
}

// NewProjection builds a projection from nodes and links given by dense
// indices into nodes; it is how snapshots and fast store scans assemble one.
// Nodes with equal lists come to share one copy of them.
func NewProjection(nodes []Node, from, to []int32, typ []LinkCode, w []float32) *Projection {
	var lists listsInterner
	for i := range nodes {
		nodes[i].lists = lists.shareHeld(nodes[i].lists)
	}
	p := &Projection{Nodes: nodes, index: newIDIndex(nodes)}
	p.setLinks(from, to, typ, w)
	return p
}

// setLinks sorts the links by (from, to, type, weight) and builds both offsets. The
// links are bucketed by their tail in one counting pass, and each bucket is
// then sorted on its own: O(m log d) for m links of degree at most d, which
// on millions of links is several times faster than one sort of them all.
func (p *Projection) setLinks(from, to []int32, typ []LinkCode, w []float32) {
	m, n := len(from), len(p.Nodes)
	p.OutOff = make([]int32, n+1)
	for _, u := range from {
		p.OutOff[u+1]++
	}
	for u := 0; u < n; u++ {
		p.OutOff[u+1] += p.OutOff[u]
	}
	perm := make([]int32, m)
	next := slices.Clone(p.OutOff[:n])
	for i, u := range from {
		perm[next[u]] = int32(i)
		next[u]++
	}
	byHead := func(a, b int32) int {
		if c := cmp.Compare(to[a], to[b]); c != 0 {
			return c
		}
		if c := cmp.Compare(typ[a], typ[b]); c != 0 {
			return c
		}
		// parallel links of one type: by weight, so that the layout does
		// not depend on the order the links came in
		return cmp.Compare(w[a], w[b])
	}
	for u := 0; u < n; u++ {
		if out := perm[p.OutOff[u]:p.OutOff[u+1]]; len(out) > 1 {
			slices.SortFunc(out, byHead)
		}
	}
	p.From, p.To = make([]int32, m), make([]int32, m)
	p.Type = make([]LinkCode, m)
	for i, j := range perm {
		p.From[i], p.To[i], p.Type[i] = from[j], to[j], typ[j]
	}
	if !allOnes(w) {
		p.weights = make([]float32, m)
		for i, j := range perm {
			p.weights[i] = w[j]
		}
	}
	p.InOff = make([]int32, n+1)
	for i := 0; i < m; i++ {
		p.InOff[p.To[i]+1]++
	}
	for u := 0; u < n; u++ {
		p.InOff[u+1] += p.InOff[u]
	}
	p.InLink = make([]int32, m)
	copy(next, p.InOff[:n])
	for i := 0; i < m; i++ { // increasing link index keeps each in-list sorted by from
		v := p.To[i]
		p.InLink[next[v]] = int32(i)
		next[v]++
	}
}

// Len is the number of nodes.
func (p *Projection) Len() int { return len(p.Nodes) }

// Links is the number of links.
func (p *Projection) Links() int { return len(p.From) }

// Index returns the dense index of the entity with the given ID.
func (p *Projection) Index(id string) (int32, bool) {
	return p.index.find(p.Nodes, id)
}

// Select returns the dense indices of the nodes matching sel, in order.
func (p *Projection) Select(sel Selector) []int32 {
	if id, ok := singleID(sel); ok {
		if j, found := p.Index(id); found {
			return []int32{j}
		}
		return nil
	}
	var out []int32
	for i := range p.Nodes {
		e := p.Nodes[i].Entity()
		if sel.Match(&e) {
			out = append(out, int32(i))
		}
	}
	return out
}

func singleID(sel Selector) (string, bool) {
	if len(sel.Terms) == 1 && sel.Terms[0].Field == "id" {
		return sel.Terms[0].Value, true
	}
	return "", false
}

// Out returns the range of u's outgoing links: indices lo..hi-1 into From,
// To, Type and Weight.
func (p *Projection) Out(u int32) (lo, hi int32) { return p.OutOff[u], p.OutOff[u+1] }

// In returns u's incoming links as indices into From, To, Type and Weight.
func (p *Projection) In(u int32) []int32 { return p.InLink[p.InOff[u]:p.InOff[u+1]] }

// Weight is the weight of link i (LinkWeight).
func (p *Projection) Weight(i int32) float32 {
	if p.weights == nil {
		return 1
	}
	return p.weights[i]
}

// Weights returns every link's weight, in link order, as a new slice.
func (p *Projection) Weights() []float32 {
	w := make([]float32, len(p.From))
	for i := range w {
		w[i] = p.Weight(int32(i))
	}
	return w
}

// allOnes tells whether every weight in w is 1, so that a projection need
// not hold them.
func allOnes(w []float32) bool {
	for _, x := range w {
		if x != 1 {
			return false
		}
	}
	return true
}

// Bytes estimates the memory held by the link arrays (not the node labels).
func (p *Projection) Bytes() int {
	b := 4*len(p.From) + 4*len(p.To) + len(p.Type) + 4*len(p.weights) + 4*len(p.OutOff) + 4*len(p.InOff) + 4*len(p.InLink)
	if p.und != nil {
		b += 4*len(p.und.Off) + 4*len(p.und.Adj) + 4*len(p.und.W)
	}
	return b
}

// LinkCode is a link type as a small integer: its index in LinkTypes.
type LinkCode uint8

// Code returns t's index in LinkTypes; it panics on an unknown type, which
// ingest rejects before anything reaches a projection.
func (t LinkType) Code() LinkCode {
	i := slices.Index(LinkTypes, t)
	if i < 0 {
		panic("graph: unknown link type " + string(t))
	}
	return LinkCode(i)
}

// LinkType returns the type that c stands for.
func (c LinkCode) LinkType() LinkType { return LinkTypes[c] }

// LinkType returns the type of link i.
func (p *Projection) LinkType(i int32) LinkType { return LinkTypes[p.Type[i]] }

// Filter returns the projection of p's nodes of the given kinds (all of
// them when none is given) and of the links of the given types (all when
// none) between them: what projecting the store with those options gives,
// without reading the store again. Nodes keep their order, and so do the
// links, so the result equals a projection built from the store.
func (p *Projection) Filter(kinds []Kind, types []LinkType) *Projection {
	newIndex := make([]int32, len(p.Nodes))
	nodes := make([]Node, 0, len(p.Nodes))
	for i := range p.Nodes {
		newIndex[i] = -1
		if len(kinds) == 0 || slices.Contains(kinds, p.Nodes[i].Kind) {
			newIndex[i] = int32(len(nodes))
			nodes = append(nodes, p.Nodes[i])
		}
	}
	keepType := make([]bool, len(LinkTypes))
	for c := range keepType {
		keepType[c] = len(types) == 0 || slices.Contains(types, LinkTypes[c])
	}
	var from, to []int32
	var typ []LinkCode
	var w []float32
	for i := range p.From {
		u, v := newIndex[p.From[i]], newIndex[p.To[i]]
		if u < 0 || v < 0 || !keepType[p.Type[i]] {
			continue
		}
		from, to = append(from, u), append(to, v)
		typ, w = append(typ, p.Type[i]), append(w, p.Weight(int32(i)))
	}
	return NewProjection(nodes, from, to, typ, w)
}
