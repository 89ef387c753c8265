package neo4j

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
)

// UpsertLinks writes ls in one transaction, merging each into the stored
// link with the same ID by graph.MergeLink. A link without an ID gets
// graph.LinkID. A link whose ends are not stored fails the whole call with
// an error wrapping graph.ErrUnknownEntity; a type outside graph.LinkTypes
// fails it before anything is sent.
func (s *Store) UpsertLinks(ctx context.Context, ls []graph.Link) error {
	write, err := s.PrepareLinks(ctx, ls)
	if err != nil {
		return err
	}
	return write(ctx)
}

// PrepareLinks does the part of UpsertLinks(ctx, ls) that needs no
// transaction: it checks the links, merges those given twice and, unless
// a recent guess that links were new proved wrong, builds the rows that
// create them. The returned function writes them; ls may be reused once
// PrepareLinks has returned. A load (ingest) prepares the next batch so
// while the server writes the last one.
func (s *Store) PrepareLinks(ctx context.Context, ls []graph.Link) (func(context.Context) error, error) {
	if len(ls) == 0 {
		return func(context.Context) error { return nil }, nil
	}
	batch := make(map[string]*graph.Link, len(ls))
	order := make([]string, 0, len(ls))
	ends := make([]string, 0, 2*len(ls))
	endSeen := make(map[string]bool, 2*len(ls))
	for i := range ls {
		l := ls[i]
		if l.From == "" || l.To == "" {
			return nil, fmt.Errorf("graph/neo4j: upsert links: link %d of %d (%q) lacks an end (from %q, to %q)", i+1, len(ls), l.ID, l.From, l.To)
		}
		if err := checkType(l.Type); err != nil {
			return nil, fmt.Errorf("graph/neo4j: upsert links: link %q: %w", l.ID, err)
		}
		if l.ID == "" {
			l.ID = graph.LinkID(l.From, l.Type, l.To)
		}
		l.Sources = graph.NormSources(l.Sources)
		for _, end := range []string{l.From, l.To} {
			if !endSeen[end] {
				endSeen[end] = true
				ends = append(ends, end)
			}
		}
		if prev, ok := batch[l.ID]; ok {
			m := graph.MergeLink(*prev, l)
			batch[l.ID] = &m
			continue
		}
		batch[l.ID] = &l
		order = append(order, l.ID)
	}
	parts := s.split("link", order)
	plans := make([]*linkRows, len(parts))
	if s.carefulLinks.Load() == 0 {
		for i, p := range parts {
			rows, err := s.planLinks(batch, p.ids, nil)
			if err != nil {
				return nil, s.writeError("upsert links", err)
			}
			plans[i] = rows
		}
	}
	return func(ctx context.Context) error {
		if err := s.ensureSchema(ctx); err != nil {
			return err
		}
		if len(parts) > 1 {
			// each part commits on its own: tell a missing end before
			// any does (entities are never deleted, so what is stored now
			// stays, and the ends this store wrote or saw need no query)
			if unknown := s.known.missing(ends); len(unknown) > 0 {
				if _, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
					return nil, s.checkEnds(ctx, tx, batch, order, unknown)
				}); err != nil {
					return s.writeError("upsert links", err)
				}
				s.known.add(unknown, nil)
			}
		}
		err := s.writeParts(parts, func(i int, p part) error { return s.writeLinksFast(ctx, p, batch, plans[i]) })
		return s.writeError("upsert links", err)
	}, nil
}

// writeLinksFast is writeLinks for a part, first on the guess that none of
// its links is stored yet (as in a first load), which spares reading them;
// plan, when not nil, holds the rows that guess writes. A remembered
// element ID that names another node (the database was emptied behind the
// Store's back) rolls the part back, and it is written again after the
// Store forgets its element IDs.
func (s *Store) writeLinksFast(ctx context.Context, p part, batch map[string]*graph.Link, plan *linkRows) error {
	write := func() error {
		return guessFirst(&s.carefulLinks, func(guessNew bool) error {
			return s.write(ctx, p.locks, func(tx neo4j.ManagedTransaction) (bool, error) {
				if guessNew && plan != nil {
					return true, s.sendLinks(ctx, tx, batch, p.ids, plan)
				}
				return s.writeLinks(ctx, tx, batch, p.ids, guessNew)
			})
		})
	}
	err := write()
	if errors.Is(err, errStaleElements) {
		s.known.forgetElements()
		plan = nil // its rows name the stale element IDs
		err = write()
	}
	return err
}

// guessFirst runs write on the guess that the records it writes are new,
// unless such a guess proved wrong in one of the last carefulCalls parts
// (counted by careful): a record stored after all makes its creation
// break a uniqueness constraint, and write then runs again the careful
// way (read, merge, write back).
func guessFirst(careful *atomic.Int32, write func(guessNew bool) error) error {
	if careful.Load() > 0 {
		careful.Add(-1)
	} else {
		err := write(true)
		if !isConstraintError(err) {
			return err
		}
		careful.Store(carefulCalls)
	}
	return write(false)
}

// carefulCalls is how many parts are written the careful way after a
// guess that their links were new proved wrong.
const carefulCalls = 16

// isConstraintError reports whether err is a broken uniqueness constraint.
func isConstraintError(err error) bool {
	var nerr *neo4j.Neo4jError
	return errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed"
}

// linkRows are the statements' rows that write a part's links, by type:
// links to update (id, p), and links to create (id, from, to, p) whose
// ends' element IDs this Store knows (byElem, with fa and ta) or not
// (byID). check lists the ends of links that moved, to check that they
// are stored.
type linkRows struct {
	updates, byElem, byID map[graph.LinkType][]map[string]any
	check                 []string
}

// planLinks builds the rows that merge the links of batch with the given
// IDs into old, the stored ones (nil: none is stored). It returns nil when
// nothing changes.
func (s *Store) planLinks(batch map[string]*graph.Link, order []string, old map[string]graph.Link) (*linkRows, error) {
	rows := &linkRows{updates: map[graph.LinkType][]map[string]any{}}
	creates := map[graph.LinkType][]map[string]any{}
	changed := false
	for _, id := range order {
		l := batch[id]
		prev, exists := old[id]
		var merged graph.Link
		if exists {
			if l.From != prev.From || l.To != prev.To {
				rows.check = append(rows.check, l.From, l.To)
			}
			merged = graph.MergeLink(prev, *l)
			a, err := canon(&prev)
			if err != nil {
				return nil, err
			}
			b, err := canon(&merged)
			if err != nil {
				return nil, err
			}
			if a == b {
				continue
			}
		} else {
			merged = graph.MergeLink(graph.Link{ID: l.ID, From: l.From, To: l.To, Type: l.Type}, *l)
		}
		p, err := linkProps(&merged)
		if err != nil {
			return nil, usage{fmt.Errorf("link %q: %w", id, err)}
		}
		changed = true
		if exists {
			rows.updates[merged.Type] = append(rows.updates[merged.Type], map[string]any{"id": id, "p": p})
		} else {
			creates[merged.Type] = append(creates[merged.Type], map[string]any{"id": id, "from": merged.From, "to": merged.To, "p": p})
		}
	}
	if !changed && len(rows.check) == 0 {
		return nil, nil
	}
	rows.byElem, rows.byID = s.known.byElements(creates)
	return rows, nil
}

// writeLinks merges the links of batch with the given IDs into the stored
// ones in tx, and reports whether anything changed. With guessNew, it
// takes none of them to be stored without reading them: the uniqueness
// constraint on link ids then fails the transaction if one is.
func (s *Store) writeLinks(ctx context.Context, tx neo4j.ManagedTransaction, batch map[string]*graph.Link, order []string, guessNew bool) (bool, error) {
	var old map[string]graph.Link
	if !guessNew {
		var err error
		if old, err = readLinks(ctx, tx, batch, order); err != nil {
			return false, err // unwrapped, so that the driver can tell a retryable error
		}
	}
	rows, err := s.planLinks(batch, order, old)
	if err != nil || rows == nil {
		return false, err
	}
	return len(rows.updates)+len(rows.byElem)+len(rows.byID) > 0, s.sendLinks(ctx, tx, batch, order, rows)
}

// sendLinks runs the statements that write rows in tx.
func (s *Store) sendLinks(ctx context.Context, tx neo4j.ManagedTransaction, batch map[string]*graph.Link, order []string, rows *linkRows) error {
	if len(rows.check) > 0 {
		if err := s.checkEnds(ctx, tx, batch, order, rows.check); err != nil {
			return err
		}
	}
	for _, t := range graph.LinkTypes {
		if rs := rows.updates[t]; len(rs) > 0 {
			q := "UNWIND $rows AS row MATCH ()-[r:" + relType(t) + " {id: row.id}]->() CALL { WITH r, row SET r = row.p }"
			if err := s.unwind(ctx, tx, q, rs); err != nil {
				return err
			}
		}
		// A row whose ends are not both stored creates nothing: the
		// count tells, and the ends are then looked for to say which.
		// The subquery spares an Eager (the planner cannot tell that the
		// relationship's map leaves the nodes' ids alone). Ends whose
		// element IDs this Store knows are sought by them (checking the
		// id, as a node deleted since may have left its element ID to
		// another), the others by the :Entity(id) index.
		if rs := rows.byElem[t]; len(rs) > 0 {
			if _, err := s.createLinks(ctx, tx, createLinkQuery(t, true), rs); err != nil {
				return err
			}
		}
		if rs := rows.byID[t]; len(rs) > 0 {
			short, err := s.createLinks(ctx, tx, createLinkQuery(t, false), rs)
			if err != nil && short != nil {
				var ends []string
				for _, r := range short {
					ends = append(ends, r["from"].(string), r["to"].(string))
				}
				if err := s.checkEnds(ctx, tx, batch, order, ends); err != nil {
					return err
				}
				return fmt.Errorf("%s: %w", relType(t), err)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// createLinkQuery is the statement that creates links of type t from rows
// with their ends' ids (from, to), properties (p) and, byElem, their ends'
// element IDs (fa, ta), and returns how many it created.
func createLinkQuery(t graph.LinkType, byElem bool) string {
	return "UNWIND $rows AS row " + linkEndsMatch(byElem) + " CALL { WITH a, b, row CREATE (a)-[r:" + relType(t) + "]->(b) SET r = row.p } RETURN count(*)"
}

// linkEndsMatch finds the ends a and b of a link row.
func linkEndsMatch(byElem bool) string {
	if byElem {
		return "MATCH (a) WHERE elementId(a) = row.fa AND a.id = row.from MATCH (b) WHERE elementId(b) = row.ta AND b.id = row.to"
	}
	return "MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})"
}

// errStaleElements tells that a link end was not found by the element ID
// a Store remembered for it.
var errStaleElements = errors.New("graph/neo4j: a remembered element ID names another node")

// createLinks runs q, which creates the relationships of rows and returns
// how many, once per batch of rows. When a batch creates fewer than its
// rows, it returns that batch and an error (errStaleElements for rows
// with element IDs).
func (s *Store) createLinks(ctx context.Context, tx neo4j.ManagedTransaction, q string, rows []map[string]any) ([]map[string]any, error) {
	for lo := 0; lo < len(rows); lo += s.opt.BatchSize {
		part := rows[lo:min(lo+s.opt.BatchSize, len(rows))]
		res, err := tx.Run(ctx, q, map[string]any{"rows": part})
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		if n, _ := rec.Values[0].(int64); n != int64(len(part)) {
			if _, ok := part[0]["fa"]; ok {
				return part, errStaleElements
			}
			return part, fmt.Errorf("created %d of %d relationships", n, len(part))
		}
	}
	return nil, nil
}

// checkEnds returns an error wrapping graph.ErrUnknownEntity, naming the
// first link of order (in batch) with an end among ends that is not
// stored, or nil when they all are.
func (s *Store) checkEnds(ctx context.Context, tx neo4j.ManagedTransaction, batch map[string]*graph.Link, order, ends []string) error {
	missing, err := missingIDs(ctx, tx, ends)
	if err != nil || len(missing) == 0 {
		return err
	}
	for _, id := range order {
		l := batch[id]
		for _, end := range []string{l.From, l.To} {
			if missing[end] {
				return fmt.Errorf("link %q: entity %q: %w (upsert the entities before the links)", l.ID, end, graph.ErrUnknownEntity)
			}
		}
	}
	return nil
}

// missingIDs returns which of ids are not stored entities.
func missingIDs(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for lo := 0; lo < len(ids); lo += readChunk {
		res, err := tx.Run(ctx, `UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) WITH id, e WHERE e IS NULL RETURN id`,
			map[string]any{"ids": ids[lo:min(lo+readChunk, len(ids))]})
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			if id, ok := res.Record().Values[0].(string); ok {
				out[id] = true
			}
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readLinks reads the stored links of batch (ids in order), keyed by ID.
// A link is looked for under its own type: Neo4j indexes relationship
// properties per type, so a link is identified by its type and id (an id
// given again with another type makes a second link, where the embedded
// store would merge it into the first).
func readLinks(ctx context.Context, tx neo4j.ManagedTransaction, batch map[string]*graph.Link, order []string) (map[string]graph.Link, error) {
	byType := map[graph.LinkType][]string{}
	for _, id := range order {
		t := batch[id].Type
		byType[t] = append(byType[t], id)
	}
	out := make(map[string]graph.Link, len(order))
	for _, t := range graph.LinkTypes {
		ids := byType[t]
		q := "MATCH (a)-[r:" + relType(t) + "]->(b) WHERE r.id IN $ids RETURN " + linkCols("a", "r", "b")
		for lo := 0; lo < len(ids); lo += readChunk {
			res, err := tx.Run(ctx, q, map[string]any{"ids": ids[lo:min(lo+readChunk, len(ids))]})
			if err != nil {
				return nil, err
			}
			for res.Next(ctx) {
				l, err := decodeLink(res.Record().Values)
				if err != nil {
					return nil, err
				}
				out[l.ID] = l
			}
			if err := res.Err(); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
