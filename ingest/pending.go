package ingest

import (
	"context"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// A reference to an entity that is neither loaded nor stored never costs
// the entity that holds it: sources name parties they do not describe (an
// OpenSanctions entity's addressEntity, an OFAC relationship to a party of
// another list, an ownership that points into another dataset). The link
// is kept in the store as a pending link (graph.Pending) and becomes a
// link when a later load, or a later file of this one, brings its other
// end. Pending links are neither links nor rejects; under
// Options.StrictReferences their records are rejected instead.

// waits reports whether the link of lf has an end neither loaded nor
// stored (after checkLinks fetched them), and if so sets it aside as
// pending.
func (l *loader) waits(lf *linkFrag) bool {
	var waits []string
	for _, end := range [2]string{lf.l.From, lf.l.To} {
		if c := l.canon(end); !l.known(c) && !slices.Contains(waits, c) {
			waits = append(waits, c)
		}
	}
	if len(waits) == 0 {
		return false
	}
	k := l.withSource(*lf)
	l.rewrite(&k)
	rec := l.source(lf.rec).Record
	if len(l.pend) == 0 {
		l.counts.PendingFirst = rec + " → " + waits[0]
	}
	l.pend = append(l.pend, graph.Pending{Link: k, Waits: waits, Record: rec})
	return true
}

// completePending turns the links that waited in the store for entities
// of this load into links of this load, and remembers them so that they
// are no longer pending once written.
func (l *loader) completePending(ctx context.Context) error {
	if l.storePending == 0 {
		return nil
	}
	ids := make([]string, 0, len(l.index)+len(l.alias))
	for id, i := range l.index {
		if !l.ents[i].dead && l.ents[i].e.Kind != "" {
			ids = append(ids, id)
		}
	}
	for id := range l.alias {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var found []graph.Pending
	if err := l.store.Pending(ctx, ids, func(p graph.Pending) error {
		found = append(found, p)
		return nil
	}); err != nil {
		return fmt.Errorf("ingest: store: pending links: %w", err)
	}
	var ends []string
	for _, p := range found {
		for _, end := range [2]string{l.canon(p.Link.From), l.canon(p.Link.To)} {
			if !l.loaded(end) {
				ends = append(ends, end)
			}
		}
	}
	slices.Sort(ends)
	if err := l.fetch(ctx, slices.Compact(ends)); err != nil {
		return err
	}
	for _, p := range found {
		k := p.Link
		if !l.known(l.canon(k.From)) || !l.known(l.canon(k.To)) {
			continue // still waits for its other end
		}
		if l.rewrite(&k) {
			l.links.add(linkFrag{rec: -1, l: k})
		}
		l.completed = append(l.completed, p.Link.ID)
	}
	l.counts.Completed = len(l.completed)
	return nil
}

// writePending keeps the links of this load that wait for an entity, and
// forgets the pending links that this load wrote as links.
func (l *loader) writePending(ctx context.Context) error {
	seen := map[string]bool{}
	for _, p := range l.pend {
		seen[p.Link.ID] = true
	}
	l.counts.Pending = len(seen)
	size := l.opt.BatchSize
	for lo := 0; lo < len(l.pend); lo += size {
		if err := l.store.UpsertPending(ctx, l.pend[lo:min(lo+size, len(l.pend))]); err != nil {
			return fmt.Errorf("ingest: write pending links: %w", err)
		}
	}
	for lo := 0; lo < len(l.completed); lo += size {
		if err := l.store.DeletePending(ctx, l.completed[lo:min(lo+size, len(l.completed))]); err != nil {
			return fmt.Errorf("ingest: forget completed pending links: %w", err)
		}
	}
	return nil
}
