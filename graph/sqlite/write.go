package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// chunk is the number of values bound in one IN (...) list.
const chunk = 500

// placeholders returns "?,?,…" with n marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// writeTx runs fn in one immediate transaction on the writer connection.
// fn reports whether it changed anything; when it did, the change counter is
// bumped and the deltas are added to the counts. done, if given, is called
// once a commit was tried, before other writes of this Store may begin,
// with whether it succeeded.
func (s *Store) writeTx(ctx context.Context, what string, fn func(tx *sql.Tx, d deltas) (bool, error), done ...func(committed bool)) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.wr.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("graph/sqlite: %s: begin: %w", what, err)
	}
	defer tx.Rollback()
	d := deltas{}
	changed, err := fn(tx, d)
	if err != nil {
		return err
	}
	if !changed {
		return nil
	}
	if err := d.apply(ctx, tx); err != nil {
		return fmt.Errorf("graph/sqlite: %s: counts: %w", what, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = value + 1 WHERE key = 'version'`); err != nil {
		return fmt.Errorf("graph/sqlite: %s: version: %w", what, err)
	}
	err = tx.Commit()
	for _, f := range done {
		f(err == nil)
	}
	if err != nil {
		return fmt.Errorf("graph/sqlite: %s: commit: %w", what, err)
	}
	return nil
}

// deltas are changes to the counts table, by (what, key).
type deltas map[[2]string]int64

func (d deltas) add(what, key string, n int64) { d[[2]string{what, key}] += n }

func (d deltas) apply(ctx context.Context, tx *sql.Tx) error {
	keys := make([][2]string, 0, len(d))
	for k, n := range d {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+sep+a[1], b[0]+sep+b[1]) })
	st, err := tx.PrepareContext(ctx, `INSERT INTO counts(what, key, n) VALUES (?, ?, ?) ON CONFLICT(what, key) DO UPDATE SET n = n + excluded.n`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, k := range keys {
		if _, err := st.ExecContext(ctx, k[0], k[1], d[k]); err != nil {
			return err
		}
	}
	return nil
}

// storedEntity is an entity row read for merging.
type storedEntity struct {
	n    int64
	data []byte
	e    graph.Entity
}

// readEntities reads the stored entities with the given IDs, keyed by ID.
func readEntities(ctx context.Context, q querier, ids []string) (map[string]*storedEntity, error) {
	out := make(map[string]*storedEntity, len(ids))
	for lo := 0; lo < len(ids); lo += chunk {
		part := ids[lo:min(lo+chunk, len(ids))]
		rows, err := q.QueryContext(ctx, `SELECT n, id, data FROM entities WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			se := &storedEntity{}
			var id string
			if err := rows.Scan(&se.n, &id, &se.data); err != nil {
				rows.Close()
				return nil, err
			}
			if err := decodeEntity(se.data, &se.e); err != nil {
				rows.Close()
				return nil, fmt.Errorf("entity %q: %w", id, err)
			}
			out[id] = se
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// querier is what *sql.DB, *sql.Tx and *sql.Conn share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// entityRow is an entity ready to be written.
type entityRow struct {
	e     graph.Entity // the record, merged with any earlier one in the batch
	fresh graph.Entity // e as a new entity (merged into nothing)
	data  []byte       // encoding of fresh
	err   error
}

// UpsertEntities writes es in one transaction, merging each into the stored
// entity with the same ID by graph.Merge. Entities given twice in es are
// merged in order. A write that changes nothing leaves the store, its
// counts and its version as they were.
func (s *Store) UpsertEntities(ctx context.Context, es []graph.Entity) error {
	b, err := s.prepareEntities(es)
	if err != nil || b == nil {
		return err
	}
	return s.writeEntities(ctx, b)
}

// A load prepares the next batch while this store writes the last.
var _ graph.Preparer = (*Store)(nil)

// PrepareEntities does the part of UpsertEntities(ctx, es) that needs no
// transaction (checking, folding and encoding the records) and returns the
// rest as a function, as PrepareLinks does for links.
func (s *Store) PrepareEntities(ctx context.Context, es []graph.Entity) (func(context.Context) error, error) {
	b, err := s.prepareEntities(es)
	if err != nil || b == nil {
		return func(context.Context) error { return nil }, err
	}
	return func(ctx context.Context) error { return s.writeEntities(ctx, b) }, nil
}

// entityBatch is a batch of entities prepared for writing.
type entityBatch struct {
	rows []entityRow
	ids  []string
}

func (s *Store) prepareEntities(es []graph.Entity) (*entityBatch, error) {
	if len(es) == 0 {
		return nil, nil
	}
	// fold the batch by ID, keeping first-appearance order
	batch := make(map[string]int, len(es))
	rows := make([]entityRow, 0, len(es))
	for i := range es {
		e := es[i]
		if e.ID == "" {
			return nil, fmt.Errorf("graph/sqlite: upsert entities: entity %d of %d (name %q) has no id", i+1, len(es), e.Name)
		}
		if e.Kind != "" && !e.Kind.Valid() {
			return nil, fmt.Errorf("graph/sqlite: upsert entities: entity %q: unknown kind %q (known: %v)", e.ID, e.Kind, graph.Kinds)
		}
		graph.NormTimes(&e)
		if j, ok := batch[e.ID]; ok {
			rows[j].e = graph.Merge(rows[j].e, e)
			continue
		}
		batch[e.ID] = len(rows)
		rows = append(rows, entityRow{e: e})
	}
	parallel(len(rows), func(i int) {
		r := &rows[i]
		r.fresh = graph.Merge(graph.Entity{ID: r.e.ID}, r.e)
		r.data, r.err = encode(&r.fresh)
	})
	ids := make([]string, len(rows))
	for i := range rows {
		if rows[i].err != nil {
			return nil, fmt.Errorf("graph/sqlite: upsert entities: entity %q: encode: %w", rows[i].e.ID, rows[i].err)
		}
		ids[i] = rows[i].e.ID
	}
	return &entityBatch{rows: rows, ids: ids}, nil
}

// writeEntities writes a prepared batch in one transaction.
func (s *Store) writeEntities(ctx context.Context, b *entityBatch) error {
	rows, ids := b.rows, b.ids
	added := map[string]int64{}
	var top int64
	err := s.writeTx(ctx, "upsert entities", func(tx *sql.Tx, d deltas) (bool, error) {
		clear(added)
		var err error
		if top, err = maxRow(ctx, tx, "entities"); err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert entities: %w", err)
		}
		// ask for the stored entities only when some may be stored
		ask := ids
		if s.entityIDs.covers(top) {
			ask = nil
			for _, id := range ids {
				if s.entityIDs.mayHave(id) {
					ask = append(ask, id)
				}
			}
		}
		old, err := readEntities(ctx, tx, ask)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert entities: read: %w", err)
		}
		ins, err := newInserter(ctx, tx, "INSERT", "entities", "n", "id", "kind", "name", "listed", "aliases", "countries", "tags", "idents", "data")
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert entities: %w", err)
		}
		defer ins.close()
		var w *entityWriter
		changed := false
		for i := range rows {
			r := &rows[i]
			id := r.e.ID
			se := old[id]
			if se == nil {
				if r.fresh.Kind == "" {
					return false, fmt.Errorf("graph/sqlite: upsert entities: entity %q has no kind (one of %v)", id, graph.Kinds)
				}
				top++
				e := &r.fresh
				if err := ins.add(top, id, string(e.Kind), e.Name, listed(e), join(e.Aliases), join(e.Countries), join(e.Tags), joinIdents(e.Identifiers), r.data); err != nil {
					return false, fmt.Errorf("graph/sqlite: upsert entities: entity %q: %w", id, err)
				}
				d.addEntity(e, 1)
				added[id] = top
				changed = true
				continue
			}
			if w == nil {
				if w, err = newEntityWriter(ctx, tx); err != nil {
					return false, fmt.Errorf("graph/sqlite: upsert entities: %w", err)
				}
				defer w.close()
			}
			merged := graph.Merge(se.e, r.e)
			c, err := w.update(ctx, se, &merged, d)
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: upsert entities: entity %q: %w", id, err)
			}
			changed = changed || c
		}
		if err := ins.flush(); err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert entities: %w", err)
		}
		return changed, nil
	}, func(ok bool) {
		if !ok {
			s.entityIDs.lost()
			return
		}
		s.rowc.addAll(added)
		ids := make([]string, 0, len(added))
		for id := range added {
			ids = append(ids, id)
		}
		s.entityIDs.committed(ids, top)
	})
	return err
}

func listed(e *graph.Entity) int64 {
	if e.Listed() {
		return 1
	}
	return 0
}

// addEntity counts e by kind and datasets, sign times.
func (d deltas) addEntity(e *graph.Entity, sign int64) {
	d.add(countKind, string(e.Kind), sign)
	for _, ds := range datasets(e.Sources) {
		d.add(countDataset, ds, sign)
	}
}

// entityWriter holds the statements that write entities in one transaction.
type entityWriter struct {
	upd, name, ident *sql.Stmt
	indexed          int64 // entities_indexed: rows up to it are in names and identifiers
}

func newEntityWriter(ctx context.Context, tx *sql.Tx) (*entityWriter, error) {
	w := &entityWriter{}
	var err error
	if w.indexed, err = watermark(ctx, tx, entitiesIndexed); err != nil {
		return nil, err
	}
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	w.upd = prep(`UPDATE entities SET kind = ?, name = ?, listed = ?, aliases = ?, countries = ?, tags = ?, idents = ?, data = ? WHERE n = ?`)
	w.name = prep(`INSERT OR IGNORE INTO names(name, entity) VALUES (?, ?)`)
	w.ident = prep(`INSERT OR IGNORE INTO identifiers(scheme, value, entity) VALUES (?, ?, ?)`)
	if err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *entityWriter) close() {
	for _, st := range []*sql.Stmt{w.upd, w.name, w.ident} {
		if st != nil {
			st.Close()
		}
	}
}

// update stores merged, the new content of the stored entity old, and
// reports whether anything changed.
func (w *entityWriter) update(ctx context.Context, old *storedEntity, merged *graph.Entity, d deltas) (bool, error) {
	data, err := encode(merged)
	if err != nil {
		return false, fmt.Errorf("encode: %w", err)
	}
	if string(data) == string(old.data) {
		return false, nil
	}
	n := old.n
	idents := joinIdents(merged.Identifiers)
	if _, err := w.upd.ExecContext(ctx, string(merged.Kind), merged.Name, listed(merged), join(merged.Aliases), join(merged.Countries), join(merged.Tags), idents, data, n); err != nil {
		return false, err
	}
	d.addEntity(&old.e, -1)
	d.addEntity(merged, 1)
	if n > w.indexed {
		return true, nil // the look-up tables catch up later
	}
	// names and identifiers only grow under Merge, so adding the new ones
	// keeps the look-up tables exact
	seen := map[string]bool{}
	for _, nm := range old.e.Names() {
		seen[nameKey(nm)] = true
	}
	for _, nm := range merged.Names() {
		k := nameKey(nm)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		if _, err := w.name.ExecContext(ctx, k, n); err != nil {
			return false, err
		}
	}
	for _, id := range splitIdents(idents) {
		if slices.Contains(old.e.Identifiers[id.Scheme], id.Value) {
			continue
		}
		if _, err := w.ident.ExecContext(ctx, id.Scheme, id.Value, n); err != nil {
			return false, err
		}
	}
	return true, nil
}

// SetProps sets properties on stored entities; a nil value removes the
// property. An ID that is not stored is an error wrapping
// graph.ErrUnknownEntity, and nothing is written.
func (s *Store) SetProps(ctx context.Context, updates []graph.PropUpdate) error {
	ids := make([]string, len(updates))
	for i, u := range updates {
		ids[i] = u.ID
	}
	i := 0
	return s.rewrite(ctx, "set props", ids, func(e *graph.Entity) {
		graph.ApplyProps(e, updates[i].Props)
		i++
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
	i := 0
	return s.rewrite(ctx, "replace entities", ids, func(e *graph.Entity) {
		*e = graph.KeepIndexed(*e, es[i])
		graph.NormTimes(e)
		i++
	})
}

// rewrite changes stored entities in one transaction: change is called
// once for each of ids, in order, with the entity as stored or as the
// calls before changed it.
func (s *Store) rewrite(ctx context.Context, what string, ids []string, change func(*graph.Entity)) error {
	if len(ids) == 0 {
		return nil
	}
	uniq := slices.Clone(ids)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	return s.writeTx(ctx, what, func(tx *sql.Tx, d deltas) (bool, error) {
		old, err := readEntities(ctx, tx, uniq)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: %s: read: %w", what, err)
		}
		w, err := newEntityWriter(ctx, tx)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: %s: %w", what, err)
		}
		defer w.close()
		cur := map[string]*graph.Entity{}
		var order []string
		for _, id := range ids {
			e, ok := cur[id]
			if !ok {
				se := old[id]
				if se == nil {
					return false, fmt.Errorf("graph/sqlite: %s: entity %q: %w (ingest it first)", what, id, graph.ErrUnknownEntity)
				}
				c := se.e.Clone()
				e = &c
				cur[id] = e
				order = append(order, id)
			}
			change(e)
		}
		changed := false
		for _, id := range order {
			c, err := w.update(ctx, old[id], cur[id], d)
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: %s: entity %q: %w", what, id, err)
			}
			changed = changed || c
		}
		return changed, nil
	})
}
