package ingest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// Entities that share a strong identifier are one party: unify finds
// them, within the load and against the store, and mergeGroup resolves
// each group into one entity.

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
	uf := newUnionFind(len(l.ents))
	l.seedExclusive(uf)
	kj := &keyJoin{uf: uf, first: map[string]int32{}}
	var byKey map[graph.IdentKey][]int32
	if !l.storeEmpty {
		byKey = map[graph.IdentKey][]int32{}
	}
	l.joinShared(kj, byKey)
	matches, matchedOn, err := l.matchStored(ctx, kj, byKey)
	if err != nil {
		return err
	}
	if uf.refused > 0 {
		l.note(fmt.Sprintf("%s refused: entities that share an identifier have different list entries, IMO or LEI numbers, so they are different parties", plural(uf.refused, "resolution", "resolutions")))
	}
	return l.mergeGroups(ctx, l.toMerge(uf, matches), matches, matchedOn)
}

// keyJoin joins entities through the keys they carry: the first entity
// seen with a key stands for it, and each later one is joined to it.
type keyJoin struct {
	uf    *unionFind
	first map[string]int32 // key → first entity that carried it
}

// join joins entity i to the first entity with key, and reports whether
// they are now one (false when their exclusive identifiers conflict).
func (kj *keyJoin) join(key string, i int32) bool {
	if j, ok := kj.first[key]; ok {
		return kj.uf.union(i, j)
	}
	kj.first[key] = i
	return true
}

// seedExclusive gives each entity's set its exclusive identifiers, so
// that uf refuses to join different list entries, IMO or LEI numbers.
func (l *loader) seedExclusive(uf *unionFind) {
	for i := range l.ents {
		if e := &l.ents[i].e; e.Kind != "" {
			if x := exclusiveIDs(e.Identifiers); len(x) > 0 {
				uf.excl[int32(i)] = x
			}
		}
	}
}

// joinShared joins the entities of the load that share an identifier they
// are resolved by. Its key is the kind's family, the scheme, the country
// for a scheme unique only within one (scoped), and the value. When byKey
// is not nil it also lists the entities by identifier, for matchStored.
//
// Entities are joined in read order and their identifiers in scheme
// order, so that when a conflict refuses a join the outcome is the same
// on every run.
func (l *loader) joinShared(kj *keyJoin, byKey map[graph.IdentKey][]int32) {
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
					kj.join(kb.String(), int32(i))
				}
				if byKey != nil {
					k := graph.IdentKey{Scheme: scheme, Value: v}
					byKey[k] = append(byKey[k], int32(i))
				}
			}
		}
	}
}

// matchStored joins the entities of byKey with the stored entities that
// carry the same identifiers and are the same party. It returns, per
// entity, the stored ids it matched (matches) and the identifiers
// ("scheme:value") that are the reason for the merge (matchedOn).
func (l *loader) matchStored(ctx context.Context, kj *keyJoin, byKey map[graph.IdentKey][]int32) (matches, matchedOn map[int32][]string, err error) {
	matches, matchedOn = map[int32][]string{}, map[int32][]string{}
	if len(byKey) == 0 {
		return matches, matchedOn, nil
	}
	found, err := l.lookup(ctx, byKey)
	if err != nil {
		return nil, nil, err
	}
	uf := kj.uf
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
				joined = kj.join("stored\x00"+sid, i)
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
	return matches, matchedOn, nil
}

// toMerge returns the entities to merge by the root of their set: the
// members of sets of more than one, and entities that match stored ones.
func (l *loader) toMerge(uf *unionFind, matches map[int32][]string) map[int32][]int32 {
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
	return groups
}

// mergeGroups fetches the stored versions of the members of groups and
// merges each group, in the order of their roots so that every run
// merges alike.
func (l *loader) mergeGroups(ctx context.Context, groups map[int32][]int32, matches, matchedOn map[int32][]string) error {
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
