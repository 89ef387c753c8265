package ingest

import (
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
