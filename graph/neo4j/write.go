package neo4j

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
)

// readChunk is the number of IDs looked up in one statement.
const readChunk = 5000

// runTx runs one statement in tx and consumes its result, as a managed
// transaction must before it commits or retries.
func runTx(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// unwind runs cypher, which reads $rows, once per batch of rows.
func (s *Store) unwind(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, rows []map[string]any) error {
	for lo := 0; lo < len(rows); lo += s.opt.BatchSize {
		if err := runTx(ctx, tx, cypher, map[string]any{"rows": rows[lo:min(lo+s.opt.BatchSize, len(rows))]}); err != nil {
			return err
		}
	}
	return nil
}

// bumpVersion adds one to the change counter, as the last statement of
// the transaction that changed the content.
func bumpVersion(ctx context.Context, tx neo4j.ManagedTransaction) error {
	return runTx(ctx, tx, `MERGE (m:ShellnetMeta {key: 'version'}) ON CREATE SET m.value = 1 ON MATCH SET m.value = m.value + 1`, nil)
}

// lockShards is the number of lock nodes per record family. A writer
// locks the shards of the records it reads and writes back, in key order
// and before anything else, so that writers never deadlock on them.
const lockShards = 64

// minPart is the smallest share of a call worth a transaction of its own.
const minPart = 500

func lockShard(id string) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % lockShards)
}

// part is one transaction's share of a write call: record IDs (in the
// call's order) and the lock keys of their shards, sorted.
type part struct {
	ids   []string
	locks []string
}

// split shares ids (of the record family family, "entity" or "link") among
// up to s.opt.Writers transactions by lock shard, so that no two of them
// take the same lock and they run side by side without waiting for each
// other. A call too small to be worth it stays in one transaction.
func (s *Store) split(family string, ids []string) []part {
	n := s.opt.Writers
	if n > len(ids)/minPart {
		n = max(1, len(ids)/minPart)
	}
	parts := make([]part, n)
	var used [lockShards]bool
	for _, id := range ids {
		sh := lockShard(id)
		used[sh] = true
		parts[sh%n].ids = append(parts[sh%n].ids, id)
	}
	for sh, u := range used {
		if u {
			parts[sh%n].locks = append(parts[sh%n].locks, fmt.Sprintf("%s-lock-%02d", family, sh))
		}
	}
	return slices.DeleteFunc(parts, func(p part) bool { return len(p.ids) == 0 })
}

// writeParts runs write on each part, side by side, and returns the first
// error in part order. Each part commits on its own: callers check what
// can fail in the data before, so that a call with a bad record writes
// nothing.
func (s *Store) writeParts(parts []part, write func(i int, p part) error) error {
	if len(parts) == 1 {
		return write(0, parts[0])
	}
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = write(i, p)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// readEntities reads the stored entities with the given IDs, keyed by ID.
func readEntities(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]graph.Entity, error) {
	out := make(map[string]graph.Entity, len(ids))
	for lo := 0; lo < len(ids); lo += readChunk {
		res, err := tx.Run(ctx, `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN `+entityCols("e"),
			map[string]any{"ids": ids[lo:min(lo+readChunk, len(ids))]})
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			e, err := decodeEntity(res.Record().Values)
			if err != nil {
				return nil, err
			}
			out[e.ID] = e
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// knownMax bounds the number of entity IDs a Store remembers as stored.
const knownMax = 1 << 21

// knownSet is the set of entity IDs a Store wrote or found stored. As
// entities are never deleted, links between them need no query to tell
// that their ends exist. For the entities it created, it also keeps their
// element IDs, so that links find their ends without the id index.
type knownSet struct {
	mu  sync.Mutex
	ids map[string]string // id -> element ID, "" when not known
}

// present returns those of ids that are in the set.
func (k *knownSet) present(ids []string) []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	var out []string
	for _, id := range ids {
		if _, ok := k.ids[id]; ok {
			out = append(out, id)
		}
	}
	return out
}

// missing returns those of ids that are not in the set.
func (k *knownSet) missing(ids []string) []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	var out []string
	for _, id := range ids {
		if _, ok := k.ids[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

// add puts ids in the set, which starts again empty when full, with the
// element IDs elems gives for some of them.
func (k *knownSet) add(ids []string, elems map[string]string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ids == nil || len(k.ids)+len(ids) > knownMax {
		k.ids = make(map[string]string, min(len(ids), knownMax))
	}
	for _, id := range ids {
		if el, ok := elems[id]; ok {
			k.ids[id] = el
		} else if _, ok := k.ids[id]; !ok {
			k.ids[id] = ""
		}
	}
}

// byElements parts the link rows of creates (by type) into those whose
// ends' element IDs are known, which it gives them (fa, ta), and the
// others.
func (k *knownSet) byElements(creates map[graph.LinkType][]map[string]any) (byElem, byID map[graph.LinkType][]map[string]any) {
	byElem, byID = map[graph.LinkType][]map[string]any{}, map[graph.LinkType][]map[string]any{}
	k.mu.Lock()
	defer k.mu.Unlock()
	for t, rows := range creates {
		for _, r := range rows {
			fa, ta := k.ids[r["from"].(string)], k.ids[r["to"].(string)]
			if fa != "" && ta != "" {
				r["fa"], r["ta"] = fa, ta
				byElem[t] = append(byElem[t], r)
			} else {
				byID[t] = append(byID[t], r)
			}
		}
	}
	return byElem, byID
}

// forgetElements drops the element IDs, keeping the entity IDs.
func (k *knownSet) forgetElements() {
	k.mu.Lock()
	defer k.mu.Unlock()
	for id := range k.ids {
		k.ids[id] = ""
	}
}

// reset empties the set.
func (k *knownSet) reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.ids = nil
}

// UpsertEntities writes es in one transaction, merging each into the stored
// entity with the same ID by graph.Merge; entities given twice in es are
// merged in order. A write that changes nothing leaves the database and its
// version as they were. A kind outside graph.Kinds fails the whole call
// before anything is sent.
func (s *Store) UpsertEntities(ctx context.Context, es []graph.Entity) error {
	write, err := s.PrepareEntities(ctx, es)
	if err != nil {
		return err
	}
	return write(ctx)
}

var (
	_ graph.Streamer = (*Store)(nil)
	_ graph.Preparer = (*Store)(nil)
)

// WriteStreams is the number of write calls a load keeps in flight at
// once (see ingest): while one call's transactions finish, the next one's
// start, so that the server's cores are not left waiting. Calls in flight
// take the same lock shards in the same order, so they run in turn on
// each shard and never deadlock on them.
func (s *Store) WriteStreams() int { return s.opt.Streams }

// PrepareEntities does the part of UpsertEntities(ctx, es) that needs no
// transaction: it checks the entities, merges those given twice and, for
// those this Store does not know to be stored, builds the rows that create
// them (unless a recent guess that entities were new proved wrong). The
// returned function writes them; es may be reused once PrepareEntities has
// returned.
func (s *Store) PrepareEntities(ctx context.Context, es []graph.Entity) (func(context.Context) error, error) {
	if len(es) == 0 {
		return func(context.Context) error { return nil }, nil
	}
	batch := make(map[string]*graph.Entity, len(es))
	order := make([]string, 0, len(es))
	for i := range es {
		e := es[i]
		if e.ID == "" {
			return nil, fmt.Errorf("graph/neo4j: upsert entities: entity %d of %d (name %q) has no id", i+1, len(es), e.Name)
		}
		if e.Kind != "" {
			if err := checkKind(e.Kind); err != nil {
				return nil, fmt.Errorf("graph/neo4j: upsert entities: entity %q: %w", e.ID, err)
			}
		}
		graph.NormTimes(&e)
		if prev, ok := batch[e.ID]; ok {
			m := graph.Merge(*prev, e)
			batch[e.ID] = &m
			continue
		}
		batch[e.ID] = &e
		order = append(order, e.ID)
	}
	parts := s.split("entity", order)
	plans := make([]*entityWrites, len(parts))
	if s.carefulEntities.Load() == 0 {
		for i, p := range parts {
			if len(s.toRead(batch, p.ids)) > 0 {
				continue
			}
			w, err := s.planEntities(batch, p.ids, nil)
			if err != nil {
				return nil, s.writeError("upsert entities", err)
			}
			plans[i] = w
		}
	}
	return func(ctx context.Context) error {
		if err := s.ensureSchema(ctx); err != nil {
			return err
		}
		if len(parts) > 1 {
			// an entity without a kind must be stored already: tell
			// before any part commits
			var kindless []string
			for _, id := range order {
				if batch[id].Kind == "" {
					kindless = append(kindless, id)
				}
			}
			if len(kindless) > 0 {
				missing, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) { return missingIDs(ctx, tx, kindless) })
				if err != nil {
					return s.wrap("upsert entities", err)
				}
				for _, id := range kindless {
					if missing.(map[string]bool)[id] {
						return fmt.Errorf("graph/neo4j: upsert entities: entity %q has no kind (one of %v)", id, graph.Kinds)
					}
				}
			}
		}
		err := s.writeParts(parts, func(i int, p part) error {
			var elems map[string]string // element IDs of the entities created
			err := guessFirst(&s.carefulEntities, func(guessNew bool) error {
				return s.write(ctx, p.locks, func(tx neo4j.ManagedTransaction) (bool, error) {
					elems = map[string]string{} // afresh when the driver runs the transaction again
					if guessNew && plans[i] != nil {
						return s.flushEntities(ctx, tx, plans[i], elems)
					}
					return s.writeEntities(ctx, tx, batch, p.ids, guessNew, elems)
				})
			})
			if err == nil {
				s.known.add(p.ids, elems)
			}
			return err
		})
		return s.writeError("upsert entities", err)
	}, nil
}

// writeEntities merges the entities of batch with the given IDs into the
// stored ones in tx, and reports whether anything changed. With guessNew,
// it reads only those this Store knows to be stored and takes the others
// to be new: the uniqueness constraint on entity ids then fails the
// transaction if one is not.
func (s *Store) writeEntities(ctx context.Context, tx neo4j.ManagedTransaction, batch map[string]*graph.Entity, ids []string, guessNew bool, elems map[string]string) (bool, error) {
	toRead := ids
	if guessNew {
		toRead = s.toRead(batch, ids)
	}
	old, err := readEntities(ctx, tx, toRead)
	if err != nil {
		return false, err // unwrapped, so that the driver can tell a retryable error
	}
	w, err := s.planEntities(batch, ids, old)
	if err != nil {
		return false, err
	}
	return s.flushEntities(ctx, tx, w, elems)
}

// toRead returns those of ids (in batch) to read before writing them on
// the guess that the others are new: those this Store knows to be stored,
// and those without a kind, which must be.
func (s *Store) toRead(batch map[string]*graph.Entity, ids []string) []string {
	out := s.known.present(ids)
	var in map[string]bool
	for _, id := range ids {
		if batch[id].Kind != "" {
			continue
		}
		if in == nil {
			in = make(map[string]bool, len(out))
			for _, x := range out {
				in[x] = true
			}
		}
		if !in[id] {
			in[id] = true
			out = append(out, id)
		}
	}
	return out
}

// planEntities builds the writes that merge the entities of batch with the
// given IDs into old, the stored ones.
func (s *Store) planEntities(batch map[string]*graph.Entity, ids []string, old map[string]graph.Entity) (*entityWrites, error) {
	w := newEntityWrites()
	for _, id := range ids {
		var merged graph.Entity
		prev, stored := old[id]
		if stored {
			merged = graph.Merge(prev, *batch[id])
		} else {
			merged = graph.Merge(graph.Entity{ID: id}, *batch[id])
		}
		if merged.Kind == "" {
			return nil, usage{fmt.Errorf("entity %q has no kind (one of %v)", id, graph.Kinds)}
		}
		var p *graph.Entity
		if stored {
			p = &prev
		}
		if err := w.add(p, &merged); err != nil {
			return nil, usage{fmt.Errorf("entity %q: %w", id, err)}
		}
	}
	return w, nil
}

// usage marks an error in the caller's data, returned as it is rather
// than as a server error.
type usage struct{ error }

func (u usage) Unwrap() error { return u.error }

// writeError wraps an error of a write transaction.
func (s *Store) writeError(op string, err error) error {
	if err == nil {
		return nil
	}
	if isUsage(err) {
		return fmt.Errorf("graph/neo4j: %s: %w", op, err)
	}
	return s.wrap(op, err)
}

func isUsage(err error) bool {
	var u usage
	return errors.As(err, &u) || errors.Is(err, graph.ErrUnknownEntity)
}

// newEntity stands for the previous kind of an entity not yet stored.
const newEntity = graph.Kind("(new)")

// entityWrites collects the changed entities of one transaction.
type entityWrites struct {
	groups map[[2]graph.Kind][]map[string]any // by (kind, previous kind when it changed, or newEntity)
	idents []map[string]any                   // identifiers new to their entity
}

func newEntityWrites() *entityWrites {
	return &entityWrites{groups: map[[2]graph.Kind][]map[string]any{}}
}

// add queues merged, the new content of the entity stored as old (nil for
// a new entity), unless it equals old.
func (w *entityWrites) add(old, merged *graph.Entity) error {
	if err := checkKind(merged.Kind); err != nil {
		return err
	}
	if old != nil {
		a, err := canon(old)
		if err != nil {
			return err
		}
		b, err := canon(merged)
		if err != nil {
			return err
		}
		if a == b {
			return nil
		}
	}
	props, err := entityProps(merged)
	if err != nil {
		return err
	}
	key := [2]graph.Kind{merged.Kind, ""}
	switch {
	case old == nil:
		key[1] = newEntity
	case old.Kind != merged.Kind && checkKind(old.Kind) == nil:
		key[1] = old.Kind
	}
	w.groups[key] = append(w.groups[key], map[string]any{"id": merged.ID, "p": props})
	// identifiers only grow under Merge, so adding the new ones keeps the
	// :Identifier nodes exact
	var had map[string][]string
	if old != nil {
		had = old.Identifiers
	}
	for _, sv := range idents(merged) {
		if slices.Contains(had[sv[0]], sv[1]) {
			continue
		}
		w.idents = append(w.idents, map[string]any{
			"uid": sv[0] + "\x00" + sv[1] + "\x00" + merged.ID, "key": identKey(sv[0], sv[1]),
			"scheme": sv[0], "value": sv[1], "entity": merged.ID,
		})
	}
	return nil
}

func (w *entityWrites) empty() bool { return len(w.groups) == 0 }

// flushEntities writes the queued entities, grouped by label (labels are
// not parameters), then their new identifiers, and reports whether there
// were any. The element IDs of the entities it creates go in elems, when
// not nil.
func (s *Store) flushEntities(ctx context.Context, tx neo4j.ManagedTransaction, w *entityWrites, elems map[string]string) (bool, error) {
	if w.empty() {
		return false, nil
	}
	keys := make([][2]graph.Kind, 0, len(w.groups))
	for k := range w.groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]graph.Kind) int {
		return strings.Compare(string(a[0])+"/"+string(a[1]), string(b[0])+"/"+string(b[1]))
	})
	for _, k := range keys {
		var q string
		switch {
		case k[1] == newEntity:
			// no entity has the id (the lock of its shard keeps it so)
			q := "UNWIND $rows AS row CREATE (e:Entity:" + label(k[0]) + ") SET e = row.p RETURN collect([row.id, elementId(e)])"
			if err := s.createEntities(ctx, tx, q, w.groups[k], elems); err != nil {
				return false, err
			}
			continue
		case k[1] == "":
			// the subquery spares an Eager (the planner cannot tell that
			// the map leaves the id the seek reads as it was)
			q = "UNWIND $rows AS row MATCH (e:Entity {id: row.id}) CALL { WITH e, row SET e = row.p }"
		default:
			q = "UNWIND $rows AS row MATCH (e:Entity {id: row.id}) CALL { WITH e, row SET e = row.p, e:" + label(k[0]) + " REMOVE e:" + label(k[1]) + " }"
		}
		if err := s.unwind(ctx, tx, q, w.groups[k]); err != nil {
			return false, err
		}
	}
	if len(w.idents) > 0 {
		q := `UNWIND $rows AS row MERGE (i:Identifier {uid: row.uid})
ON CREATE SET i.key = row.key, i.scheme = row.scheme, i.value = row.value, i.entity = row.entity`
		if err := s.unwind(ctx, tx, q, w.idents); err != nil {
			return false, err
		}
	}
	return true, nil
}

// createEntities runs q, which creates the entities of rows and returns
// one record of [id, element ID] pairs (one record rather than one per
// row spares fetching them in several round trips), once per batch of
// rows, and puts the element IDs in elems (when not nil).
func (s *Store) createEntities(ctx context.Context, tx neo4j.ManagedTransaction, q string, rows []map[string]any, elems map[string]string) error {
	for lo := 0; lo < len(rows); lo += s.opt.BatchSize {
		res, err := tx.Run(ctx, q, map[string]any{"rows": rows[lo:min(lo+s.opt.BatchSize, len(rows))]})
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		pairs, _ := rec.Values[0].([]any)
		for _, p := range pairs {
			pair, _ := p.([]any)
			if len(pair) != 2 || elems == nil {
				continue
			}
			id, _ := pair[0].(string)
			el, _ := pair[1].(string)
			if id != "" && el != "" {
				elems[id] = el
			}
		}
	}
	return nil
}

// SetProps sets properties on stored entities; a nil value removes the
// property. An ID that is not stored is an error wrapping
// graph.ErrUnknownEntity, and nothing is written.
func (s *Store) SetProps(ctx context.Context, updates []graph.PropUpdate) error {
	ids := make([]string, len(updates))
	for i, u := range updates {
		ids[i] = u.ID
	}
	return s.rewrite(ctx, "set props", ids, func(i int, e *graph.Entity) {
		graph.ApplyProps(e, updates[i].Props)
	})
}

// ReplaceEntities stores each entity in place of the stored one with its
// ID, keeping the stored names and identifiers (graph.KeepIndexed). An ID
// that is not stored is an error wrapping graph.ErrUnknownEntity, and
// nothing is written.
func (s *Store) ReplaceEntities(ctx context.Context, es []graph.Entity) error {
	ids := make([]string, len(es))
	for i := range es {
		ids[i] = es[i].ID
	}
	return s.rewrite(ctx, "replace entities", ids, func(i int, e *graph.Entity) {
		*e = graph.KeepIndexed(*e, es[i])
		graph.NormTimes(e)
	})
}

// rewrite changes stored entities in one transaction: change is called
// with the index of each of ids, in order, and the entity as stored or as
// the calls before changed it. The driver may run the transaction again,
// so change must depend only on what it is given.
func (s *Store) rewrite(ctx context.Context, what string, ids []string, change func(i int, e *graph.Entity)) error {
	if len(ids) == 0 {
		return nil
	}
	uniq := slices.Clone(ids)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	if err := s.ensureSchema(ctx); err != nil {
		return err
	}
	var locks []string
	for _, p := range s.split("entity", uniq) {
		locks = append(locks, p.locks...)
	}
	slices.Sort(locks)
	err := s.write(ctx, locks, func(tx neo4j.ManagedTransaction) (bool, error) {
		old, err := readEntities(ctx, tx, uniq)
		if err != nil {
			return false, err // unwrapped, so that the driver can tell a retryable error
		}
		cur := map[string]*graph.Entity{}
		var order []string
		for i, id := range ids {
			e, ok := cur[id]
			if !ok {
				prev, stored := old[id]
				if !stored {
					return false, fmt.Errorf("entity %q: %w (ingest it first)", id, graph.ErrUnknownEntity)
				}
				c := prev.Clone()
				e = &c
				cur[id] = e
				order = append(order, id)
			}
			change(i, e)
		}
		w := newEntityWrites()
		for _, id := range order {
			prev := old[id]
			if err := w.add(&prev, cur[id]); err != nil {
				return false, usage{fmt.Errorf("entity %q: %w", id, err)}
			}
		}
		return s.flushEntities(ctx, tx, w, nil)
	})
	return s.writeError(what, err)
}
