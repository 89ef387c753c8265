package ingest

import (
	"cmp"
	"context"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// resolve turns the fragments and links read into the entities and links to
// write: fragments merged by id (with the stored entity too) and only then
// judged, entities sharing a strong identifier resolved into one, link
// ends checked (a link to an entity neither loaded nor stored waits for
// it, see pending.go), types repaired, duplicates merged, SAME_AS
// candidates added. Records that cannot be loaded are rejected;
// since a rejected record takes its entities with it, which may leave other
// links without an end, the steps are repeated until nothing more is
// rejected.
func (l *loader) resolve(ctx context.Context) error {
	for {
		l.buildEntities()
		again, err := l.attachFragments(ctx)
		if err != nil {
			return err
		}
		if again {
			continue
		}
		if again, err = l.judge(); err != nil {
			return err
		}
		if again {
			continue
		}
		if err := l.unify(ctx); err != nil {
			return err
		}
		again, err = l.checkLinks(ctx)
		if err != nil {
			return err
		}
		if !again {
			break
		}
	}
	l.frags = chunks[frag]{}
	if err := l.finishLinks(ctx); err != nil {
		return err
	}
	return l.candidates(ctx)
}

// buildEntities merges the fragments of records not rejected, by id, in the
// order they were read.
func (l *loader) buildEntities() {
	l.ents = make([]entState, 0, l.frags.len())
	l.index = make(map[string]int32, l.frags.len())
	l.alias = map[string]string{}
	l.extra = nil
	l.counts.Merged = 0
	for f := range l.frags.all() {
		if l.recs[f.rec].rejected {
			continue
		}
		if i, ok := l.index[f.e.ID]; ok {
			l.ents[i].e = graph.Merge(l.ents[i].e, f.e)
			continue
		}
		l.index[f.e.ID] = int32(len(l.ents))
		l.ents = append(l.ents, entState{e: f.e})
	}
}

// attachFragments completes the entities that no record of the load gave
// a kind or, for a party, a name (a FtM Sanction about an entity described
// elsewhere, a record that repeats an id to add properties) with the
// stored entity of the same id. Fragments of entities without a kind that
// are not stored either are rejected; it reports whether that rejected
// records with entities.
func (l *loader) attachFragments(ctx context.Context) (bool, error) {
	var ids []string
	for i := range l.ents {
		if e := &l.ents[i].e; e.Kind == "" || (e.Name == "" && e.Kind.IsParty()) {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 {
		return false, nil
	}
	if err := l.fetch(ctx, ids); err != nil {
		return false, err
	}
	missing := map[string]bool{}
	for _, id := range ids {
		i := l.index[id]
		if se := l.stored[id]; se != nil {
			l.ents[i].e = graph.Merge(*se, l.ents[i].e)
			continue
		}
		if l.ents[i].e.Kind == "" {
			missing[id] = true
		}
	}
	again := false
	for f := range l.frags.all() {
		if !missing[f.e.ID] || l.recs[f.rec].rejected {
			continue
		}
		if _, err := l.rejectRec(f.rec, "id", fmt.Sprintf("unknown entity %s: no record of this load describes it and the store does not hold it (load its source first, or together)", quoteID(f.e.ID)), f.e); err != nil {
			return false, err
		}
		again = true
	}
	return again, nil
}

// judge rejects the parties that, merged from every record of their id and
// with the stored entity, still have no name: every record that
// contributed to one is rejected, and each names the others. It reports
// whether it rejected any.
func (l *loader) judge() (bool, error) {
	nameless := map[string][]int32{}
	for i := range l.ents {
		if e := &l.ents[i].e; e.Name == "" && e.Kind.IsParty() {
			nameless[e.ID] = nil
		}
	}
	if len(nameless) == 0 {
		return false, nil
	}
	var order []string
	for f := range l.frags.all() {
		if rs, ok := nameless[f.e.ID]; ok && !l.recs[f.rec].rejected && !slices.Contains(rs, f.rec) {
			if len(rs) == 0 {
				order = append(order, f.e.ID)
			}
			nameless[f.e.ID] = append(rs, f.rec)
		}
	}
	for _, id := range order {
		rs := nameless[id]
		lines := make([]string, len(rs))
		for i, ri := range rs {
			lines[i] = l.source(ri).Record
		}
		reason := fmt.Sprintf("missing: no record of %s names it (%s), nor does the store", quoteID(id), strings.Join(lines, ", "))
		for _, ri := range rs {
			if _, err := l.rejectRec(ri, "name", reason, l.ents[l.index[id]].e); err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

// family groups kinds that may denote the same party: a Company, an
// Organization and a LegalEntity can be one; a Person and a Company cannot,
// even when they share a telephone number.
func family(k graph.Kind) string {
	switch k {
	case graph.Company, graph.Organization, graph.LegalEntity:
		return "org"
	}
	return string(k)
}

// resolvesBy reports whether entities of kind k that share an identifier of
// scheme are one. A bank account is identified by its IBAN only (its SWIFT
// code is its bank's); addresses, devices, products and networks are never
// resolved by identifier.
func resolvesBy(k graph.Kind, scheme string) bool {
	if !graph.IsStrong(scheme) {
		return false
	}
	switch k {
	case graph.BankAccount:
		return scheme == graph.IDIBAN || scheme == graph.IDOFAC || scheme == graph.IDUN
	case graph.Address, graph.Device, graph.Product, graph.Network, "":
		return false
	}
	return true
}

// scoped reports whether identifiers of scheme are unique only within a
// country (a company registration number, a tax number, a national id).
func scoped(scheme string) bool {
	switch scheme {
	case graph.IDRegistration, graph.IDTax, graph.IDNationalID:
		return true
	}
	return false
}

// exclusive reports whether a party has one identifier of scheme and no
// other: its entry on a sanctions list, its IMO or LEI number. Two entities
// with different ones are different parties, whatever else they share (two
// OFAC entries with one website are two listed companies).
func exclusive(scheme string) bool {
	switch scheme {
	case graph.IDOFAC, graph.IDUN, graph.IDIMO, graph.IDLEI:
		return true
	}
	return false
}

// exclusiveIDs returns the exclusive identifiers of e.
func exclusiveIDs(ids map[string][]string) []graph.IdentKey {
	var out []graph.IdentKey
	for scheme, vs := range ids {
		if exclusive(scheme) {
			for _, v := range vs {
				out = append(out, graph.IdentKey{Scheme: scheme, Value: v})
			}
		}
	}
	return out
}

// conflict reports whether two sets of exclusive identifiers name
// different parties: some scheme has values in both and none in common.
func conflict(a, b []graph.IdentKey) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		common, both := false, false
		for _, y := range b {
			if y.Scheme == x.Scheme {
				both = true
				if slices.ContainsFunc(a, func(z graph.IdentKey) bool { return z == y }) {
					common = true
				}
			}
		}
		if both && !common {
			return true
		}
	}
	return false
}

// sameParty reports whether a and b, which share an identifier of scheme,
// are one party.
func sameParty(a, b *graph.Entity, scheme string) bool {
	if family(a.Kind) != family(b.Kind) || !resolvesBy(a.Kind, scheme) || !resolvesBy(b.Kind, scheme) {
		return false
	}
	if !scoped(scheme) {
		return true
	}
	if len(a.Countries) == 0 && len(b.Countries) == 0 {
		return true
	}
	for _, c := range a.Countries {
		if slices.Contains(b.Countries, c) {
			return true
		}
	}
	return false
}

// unionFind is a disjoint-set forest with path halving and union by size;
// each set keeps the exclusive identifiers of its members, and two sets
// whose exclusive identifiers conflict are not joined.
type unionFind struct {
	parent, size []int32
	excl         map[int32][]graph.IdentKey // root → exclusive identifiers
	refused      int                        // joins refused for a conflict
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n), excl: map[int32][]graph.IdentKey{}}
	for i := range u.parent {
		u.parent[i], u.size[i] = int32(i), 1
	}
	return u
}

func (u *unionFind) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union joins the sets of a and b unless their exclusive identifiers
// conflict, and reports whether they are now one.
func (u *unionFind) union(a, b int32) bool {
	a, b = u.find(a), u.find(b)
	if a == b {
		return true
	}
	if conflict(u.excl[a], u.excl[b]) {
		u.refused++
		return false
	}
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
	if x := u.excl[b]; len(x) > 0 {
		u.excl[a] = append(u.excl[a], x...)
		delete(u.excl, b)
	}
	return true
}

// unify resolves the entities that share a strong identifier, among
// themselves and with stored entities. The entity of a group keeps the
// smallest id of the stored entities it matches or, if none, the smallest
// id in the group; since only such ids are ever written, a load run again
// after an interruption picks the same ones.
func (l *loader) unify(ctx context.Context) error {
	n := len(l.ents)
	uf := newUnionFind(n)
	first := map[string]int32{}
	join := func(key string, i int32) bool {
		if j, ok := first[key]; ok {
			return uf.union(i, j)
		}
		first[key] = i
		return true
	}
	var byKey map[graph.IdentKey][]int32
	if !l.storeEmpty {
		byKey = map[graph.IdentKey][]int32{}
	}
	for i := range l.ents {
		if e := &l.ents[i].e; e.Kind != "" {
			if x := exclusiveIDs(e.Identifiers); len(x) > 0 {
				uf.excl[int32(i)] = x
			}
		}
	}
	// Entities are joined in read order and their identifiers in scheme
	// order, so that when a conflict refuses a join the outcome is the
	// same on every run.
	var kb strings.Builder
	var schemes []string
	for i := range l.ents {
		e := &l.ents[i].e
		if e.Kind == "" || len(e.Identifiers) == 0 {
			continue
		}
		fam := family(e.Kind)
		schemes = schemes[:0]
		for scheme := range e.Identifiers {
			if resolvesBy(e.Kind, scheme) {
				schemes = append(schemes, scheme)
			}
		}
		slices.Sort(schemes)
		for _, scheme := range schemes {
			for _, v := range e.Identifiers[scheme] {
				countries := []string{""}
				if scoped(scheme) && len(e.Countries) > 0 {
					countries = e.Countries
				}
				for _, c := range countries {
					kb.Reset()
					kb.WriteString(fam)
					kb.WriteByte(0)
					kb.WriteString(scheme)
					kb.WriteByte(0)
					kb.WriteString(c)
					kb.WriteByte(0)
					kb.WriteString(v)
					join(kb.String(), int32(i))
				}
				if byKey != nil {
					k := graph.IdentKey{Scheme: scheme, Value: v}
					byKey[k] = append(byKey[k], int32(i))
				}
			}
		}
	}

	// Stored entities carrying the same identifiers.
	matches := map[int32][]string{} // entity → stored ids it is the same party as
	matchedOn := map[int32][]string{}
	if len(byKey) > 0 {
		found, err := l.lookup(ctx, byKey)
		if err != nil {
			return err
		}
		for _, k := range sortedKeys(found) {
			sid := found[k]
			se := l.stored[sid]
			if se == nil {
				continue
			}
			sx := exclusiveIDs(se.Identifiers)
			for _, i := range byKey[k] {
				if sid == l.ents[i].e.ID || !sameParty(&l.ents[i].e, se, k.Scheme) {
					continue // itself, stored by an earlier load
				}
				if r := uf.find(i); conflict(uf.excl[r], sx) {
					uf.refused++
					continue
				}
				joined := false
				if j, ok := l.index[sid]; ok {
					joined = uf.union(i, j)
				} else {
					joined = join("stored\x00"+sid, i)
				}
				if !joined {
					continue
				}
				if r := uf.find(i); len(sx) > 0 {
					uf.excl[r] = append(uf.excl[r], sx...)
				}
				matches[i] = append(matches[i], sid)
				if !slices.Contains(unionStrings(se.Props["merged_from"], nil), l.ents[i].e.ID) {
					// Not an identifier the stored entity took from this
					// one in an earlier (perhaps interrupted) run of the
					// load: a reason for the merge.
					matchedOn[i] = append(matchedOn[i], k.Scheme+":"+k.Value)
				}
			}
		}
	}

	if uf.refused > 0 {
		l.note(fmt.Sprintf("%s refused: entities that share an identifier have different list entries, IMO or LEI numbers, so they are different parties", plural(uf.refused, "resolution", "resolutions")))
	}
	groups := map[int32][]int32{}
	for i := range l.ents {
		if l.ents[i].e.Kind == "" {
			continue
		}
		r := uf.find(int32(i))
		if uf.size[r] > 1 || len(matches[int32(i)]) > 0 {
			groups[r] = append(groups[r], int32(i))
		}
	}
	if len(groups) == 0 {
		return nil
	}
	roots := make([]int32, 0, len(groups))
	var members []string
	for r, g := range groups {
		roots = append(roots, r)
		for _, i := range g {
			members = append(members, l.ents[i].e.ID)
		}
	}
	slices.Sort(roots)
	if err := l.fetch(ctx, members); err != nil {
		return err
	}
	for _, r := range roots {
		l.mergeGroup(groups[r], matches, matchedOn)
	}
	return nil
}

// lookup asks the store which entities carry the identifiers of byKey, and
// fetches them.
func (l *loader) lookup(ctx context.Context, byKey map[graph.IdentKey][]int32) (map[graph.IdentKey]string, error) {
	keys := sortedKeys(byKey)
	found := map[graph.IdentKey]string{}
	const chunk = 1000
	for lo := 0; lo < len(keys); lo += chunk {
		hi := min(lo+chunk, len(keys))
		res, err := l.store.Lookup(ctx, keys[lo:hi])
		if err != nil {
			return nil, fmt.Errorf("ingest: store lookup: %w", err)
		}
		for k, id := range res {
			found[k] = id
		}
	}
	ids := make([]string, 0, len(found))
	for _, id := range found {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if err := l.fetch(ctx, slices.Compact(ids)); err != nil {
		return nil, err
	}
	return found, nil
}

func sortedKeys[V any](m map[graph.IdentKey]V) []graph.IdentKey {
	keys := make([]graph.IdentKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b graph.IdentKey) int {
		return cmp.Or(strings.Compare(a.Scheme, b.Scheme), strings.Compare(a.Value, b.Value))
	})
	return keys
}

// mergeGroup resolves one group of entities into one.
func (l *loader) mergeGroup(g []int32, matches, matchedOn map[int32][]string) {
	var storedIDs, on []string
	for _, i := range g {
		id := l.ents[i].e.ID
		if l.stored[id] != nil {
			storedIDs = append(storedIDs, id)
		}
		storedIDs = append(storedIDs, matches[i]...)
		on = append(on, matchedOn[i]...)
	}
	slices.Sort(storedIDs)
	storedIDs = slices.Compact(storedIDs)
	slices.SortFunc(g, func(a, b int32) int { return strings.Compare(l.ents[a].e.ID, l.ents[b].e.ID) })
	canonical := l.ents[g[0]].e.ID
	if len(storedIDs) > 0 {
		canonical = storedIDs[0]
	}
	// The canonical member first, the others by id.
	slot := g[0]
	if k := slices.IndexFunc(g, func(i int32) bool { return l.ents[i].e.ID == canonical }); k > 0 {
		slot = g[k]
		g = append([]int32{slot}, slices.Delete(slices.Clone(g), k, k+1)...)
	}
	merged := l.ents[g[0]].e.Clone()
	var absorbed []string
	for _, i := range g {
		if id := l.ents[i].e.ID; id != canonical {
			absorbed = append(absorbed, id)
		}
	}
	for _, i := range g[1:] {
		merged = graph.Merge(merged, l.ents[i].e)
	}
	on = append(on, sharedIdentifiers(l.ents, g)...)
	merged.ID = canonical
	if len(absorbed) > 0 {
		merged.SetProp("merged_from", unionStrings(merged.Props["merged_from"], absorbed))
		merged.SetProp("merged_on", unionStrings(merged.Props["merged_on"], on))
	}
	for _, i := range g {
		if i != slot {
			l.ents[i].dead = true
			delete(l.index, l.ents[i].e.ID)
		}
	}
	if l.index[l.ents[slot].e.ID] == slot {
		delete(l.index, l.ents[slot].e.ID)
	}
	l.ents[slot] = entState{e: merged}
	l.index[canonical] = slot
	for _, id := range absorbed {
		l.alias[id] = canonical
	}
	l.counts.Merged += len(absorbed)
	// Stored entities that are the same party but keep their own id
	// (the store cannot delete them) are tied to the canonical one.
	for _, sid := range storedIDs[min(1, len(storedIDs)):] {
		if sid == canonical {
			continue
		}
		a, b := min(canonical, sid), max(canonical, sid)
		l.extra = append(l.extra, graph.Link{
			ID: graph.LinkID(a, graph.SameAs, b), From: a, To: b, Type: graph.SameAs,
			Props:   map[string]any{"reason": "shared strong identifier"},
			Sources: []graph.Source{{Dataset: resolutionDataset, Record: "identifier"}},
		})
	}
}

// resolutionDataset names, in provenance, the links the pipeline makes.
const resolutionDataset = "resolution"

// sharedIdentifiers lists the strong identifiers ("scheme:value") carried
// by more than one entity of a group: those it was resolved on.
func sharedIdentifiers(ents []entState, g []int32) []string {
	seen := map[string]int{}
	for _, i := range g {
		e := &ents[i].e
		for scheme, vs := range e.Identifiers {
			if !resolvesBy(e.Kind, scheme) {
				continue
			}
			for _, v := range vs {
				seen[scheme+":"+v]++
			}
		}
	}
	var out []string
	for k, n := range seen {
		if n > 1 {
			out = append(out, k)
		}
	}
	return out
}

// unionStrings returns the sorted union of a stored list property and add.
func unionStrings(old any, add []string) []string {
	out := slices.Clone(add)
	switch x := old.(type) {
	case []string:
		out = append(out, x...)
	case []any:
		for _, v := range x {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	case string:
		out = append(out, x)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// canon returns the id an entity was resolved into.
func (l *loader) canon(id string) string {
	if c, ok := l.alias[id]; ok {
		return c
	}
	return id
}

// loaded reports whether id is an entity of this load with a kind.
func (l *loader) loaded(id string) bool {
	i, ok := l.index[id]
	return ok && !l.ents[i].dead && l.ents[i].e.Kind != ""
}

// checkLinks fetches the stored entities that links of the load point at
// and, when references must resolve (Options.StrictReferences), rejects
// the records of links whose ends are neither loaded nor stored; it
// reports whether a rejected record carried entities.
func (l *loader) checkLinks(ctx context.Context) (bool, error) {
	var ask []string
	asked := map[string]bool{}
	var suspects []*linkFrag // links with an end this load does not describe
	collect := func(ls *chunks[linkFrag], keep bool) {
		for lf := range ls.all() {
			if l.recs[lf.rec].rejected {
				continue
			}
			out := false
			for _, end := range [2]string{lf.l.From, lf.l.To} {
				if end = l.canon(end); !l.loaded(end) {
					out = true
					if !asked[end] {
						asked[end] = true
						ask = append(ask, end)
					}
				}
			}
			if out && keep {
				suspects = append(suspects, lf)
			}
		}
	}
	collect(&l.links, true)
	collect(&l.hints, false)
	if len(ask) == 0 {
		return false, nil
	}
	slices.Sort(ask)
	if err := l.fetch(ctx, ask); err != nil {
		return false, err
	}
	if !l.opt.StrictReferences {
		return false, nil // the links wait (finishLinks)
	}
	again := false
	for _, lf := range suspects {
		field, end := "", ""
		if c := l.canon(lf.l.From); !l.known(c) {
			field, end = "from", c
		} else if c := l.canon(lf.l.To); !l.known(c) {
			field, end = "to", c
		}
		if field == "" {
			continue
		}
		if _, err := l.rejectRec(lf.rec, field, fmt.Sprintf("unknown entity %s: neither in this load nor in the store (load it first, or together, or load without --strict-references to keep the link waiting for it)", quoteID(end)), lf.l); err != nil {
			return false, err
		}
		if l.recs[lf.rec].entities {
			again = true
		}
	}
	return again, nil
}

// known reports whether id is loaded or stored (after fetch).
func (l *loader) known(id string) bool {
	return l.loaded(id) || l.stored[id] != nil
}

// finishLinks rewrites link ends to the entities they were resolved into,
// sets aside the links and hints with an end neither loaded nor stored
// (they wait for it, see pending.go), completes the links that waited in
// the store for entities of this load, repairs link and entity types and
// merges links that share an id. The links to write are left in l.links.
func (l *loader) finishLinks(ctx context.Context) error {
	l.links.keep(func(lf *linkFrag) bool {
		if l.recs[lf.rec].rejected {
			return false
		}
		if l.waits(lf) {
			return false
		}
		return l.rewrite(&lf.l)
	})
	for lf := range l.hints.all() {
		if l.recs[lf.rec].rejected || l.waits(lf) {
			continue
		}
		if l.rewrite(&lf.l) {
			l.links.add(*lf)
		}
	}
	l.hints = chunks[linkFrag]{}
	for _, x := range l.extra {
		l.links.add(linkFrag{rec: -1, l: x})
	}
	if err := l.completePending(ctx); err != nil {
		return err
	}
	if err := l.repairKinds(ctx); err != nil {
		return err
	}
	l.dedupeLinks()
	return nil
}

// rewrite points a link at resolved entities and repairs its type: an
// ownership of a bank account is holding it. It reports whether the link is
// kept (a SAME_AS between entities resolved into one is not).
func (l *loader) rewrite(k *graph.Link) bool {
	from, to, typ := l.canon(k.From), l.canon(k.To), k.Type
	if typ == graph.Owns && l.kindOf(to) == graph.BankAccount {
		typ = graph.HoldsAccount
	}
	if from == to && typ == graph.SameAs {
		return false
	}
	if from == k.From && to == k.To && typ == k.Type {
		return true
	}
	if derivedID(k.ID, k.From, k.Type, k.To) {
		k.ID = graph.LinkID(from, typ, to)
	}
	k.From, k.To, k.Type = from, to, typ
	return true
}

// derivedID reports whether id is graph.LinkID(from, t, to), without
// building it.
func derivedID(id, from string, t graph.LinkType, to string) bool {
	if len(id) != len(from)+len(t)+len(to)+2 {
		return false
	}
	return id == graph.LinkID(from, t, to)
}

// repairKinds makes an Organization that is owned a Company: in FtM an
// ownership asset is a company, and sources that say Organization mean a
// company they know less about.
func (l *loader) repairKinds(ctx context.Context) error {
	for lf := range l.links.all() {
		if lf.l.Type != graph.Owns {
			continue
		}
		if i, ok := l.index[lf.l.To]; ok && l.ents[i].e.Kind == graph.Organization {
			l.ents[i].e.Kind = graph.Company
			continue
		}
		if se := l.stored[lf.l.To]; se != nil && se.Kind == graph.Organization {
			e := se.Clone()
			e.Kind = graph.Company
			l.index[e.ID] = int32(len(l.ents))
			l.ents = append(l.ents, entState{e: e})
			se.Kind = graph.Company
		}
	}
	return nil
}

// linkHash hashes link ids for dedupeLinks; tests make it collide.
var linkHash = maphash.String

// dedupeLinks merges links that share an id, keeping the first position.
// Ids are told apart by a 64-bit hash, much cheaper to index than millions
// of strings; ids whose hash is another's are indexed by themselves.
func (l *loader) dedupeLinks() {
	seed := maphash.MakeSeed()
	pos := make(map[uint64]int32, l.links.len())
	var spill map[string]int32 // ids whose hash collides with an earlier id's
	n := int32(0)
	l.links.keep(func(lf *linkFrag) bool {
		h := linkHash(seed, lf.l.ID)
		j, ok := pos[h]
		if ok && l.links.at(int(j)).l.ID != lf.l.ID {
			j, ok = spill[lf.l.ID]
			if !ok {
				if spill == nil {
					spill = map[string]int32{}
				}
				spill[lf.l.ID] = n
			}
		} else if !ok {
			pos[h] = n
		}
		if ok {
			a := l.links.at(int(j))
			a.l = graph.MergeLink(l.withSource(*a), l.withSource(*lf))
			a.rec = -1
			return false
		}
		n++
		return true
	})
}

// withSource returns the link with its record's provenance when the reader
// gave none.
func (l *loader) withSource(lf linkFrag) graph.Link {
	if len(lf.l.Sources) == 0 && lf.rec >= 0 {
		lf.l.Sources = []graph.Source{l.source(lf.rec)}
	}
	return lf.l
}
