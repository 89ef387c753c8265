package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shellnet/shellnet/graph"
)

// storedLink is a link row read for merging.
type storedLink struct {
	n    int64
	data []byte
	l    graph.Link
}

// linkRow is a link ready to be written.
type linkRow struct {
	l        graph.Link // the record, merged with any earlier one in the batch
	fresh    graph.Link // l as a new link (merged into nothing)
	data     []byte     // encoding of fresh
	src, dst int64      // row numbers of the ends; 0 until known
	err      error
}

// linkBatch is a batch of links prepared for writing: checked, folded by
// ID and encoded, with the ends the row cache knew.
type linkBatch struct {
	rows []linkRow
	ids  []string
	miss []string // ends the row cache did not know
}

// UpsertLinks writes ls in one transaction, merging each into the stored
// link with the same ID by graph.MergeLink. A link without an ID gets
// graph.LinkID. A link whose ends are not stored fails the whole call with
// an error wrapping graph.ErrUnknownEntity.
func (s *Store) UpsertLinks(ctx context.Context, ls []graph.Link) error {
	b, err := s.prepareLinks(ls)
	if err != nil || b == nil {
		return err
	}
	return s.writeLinks(ctx, b)
}

// PrepareLinks does the part of UpsertLinks(ctx, ls) that needs no
// transaction (checking, folding and encoding the records) and returns the
// rest as a function, so that a loader can prepare the next batch while
// the store writes this one. The writes of prepared batches must be called
// in the order wanted (row numbers follow it), one at a time; ls may be
// reused once PrepareLinks has returned.
func (s *Store) PrepareLinks(ctx context.Context, ls []graph.Link) (func(context.Context) error, error) {
	b, err := s.prepareLinks(ls)
	if err != nil || b == nil {
		return func(context.Context) error { return nil }, err
	}
	return func(ctx context.Context) error { return s.writeLinks(ctx, b) }, nil
}

func (s *Store) prepareLinks(ls []graph.Link) (*linkBatch, error) {
	if len(ls) == 0 {
		return nil, nil
	}
	batch := make(map[string]int, len(ls))
	rows := make([]linkRow, 0, len(ls))
	for i := range ls {
		l := ls[i]
		if l.From == "" || l.To == "" {
			return nil, fmt.Errorf("graph/sqlite: upsert links: link %d of %d (%q) lacks an end (from %q, to %q)", i+1, len(ls), l.ID, l.From, l.To)
		}
		if !l.Type.Valid() {
			return nil, fmt.Errorf("graph/sqlite: upsert links: link %q: unknown type %q (known: %v)", l.ID, l.Type, graph.LinkTypes)
		}
		if l.ID == "" {
			l.ID = graph.LinkID(l.From, l.Type, l.To)
		}
		l.Sources = graph.NormSources(l.Sources)
		if j, ok := batch[l.ID]; ok {
			rows[j].l = graph.MergeLink(rows[j].l, l)
			continue
		}
		batch[l.ID] = len(rows)
		rows = append(rows, linkRow{l: l})
	}
	parallel(len(rows), func(i int) {
		r := &rows[i]
		r.fresh = graph.MergeLink(graph.Link{ID: r.l.ID, From: r.l.From, To: r.l.To, Type: r.l.Type}, r.l)
		r.data, r.err = encode(&r.fresh)
	})
	b := &linkBatch{rows: rows, ids: make([]string, len(rows))}
	for i := range rows {
		if rows[i].err != nil {
			return nil, fmt.Errorf("graph/sqlite: upsert links: link %q: encode: %w", rows[i].l.ID, rows[i].err)
		}
		b.ids[i] = rows[i].l.ID
	}
	// the ends' rows, from the cache of committed rows, which never change
	s.rowc.mu.RLock()
	for i := range rows {
		r := &rows[i]
		r.src, r.dst = s.rowc.m[r.l.From], s.rowc.m[r.l.To]
	}
	s.rowc.mu.RUnlock()
	seen := map[string]bool{}
	for i := range rows {
		r := &rows[i]
		if r.src == 0 && !seen[r.l.From] {
			seen[r.l.From] = true
			b.miss = append(b.miss, r.l.From)
		}
		if r.dst == 0 && !seen[r.l.To] {
			seen[r.l.To] = true
			b.miss = append(b.miss, r.l.To)
		}
	}
	return b, nil
}

// writeLinks writes a prepared batch in one transaction.
func (s *Store) writeLinks(ctx context.Context, b *linkBatch) error {
	rows := b.rows
	var added []string
	var top int64
	return s.writeTx(ctx, "upsert links", func(tx *sql.Tx, d deltas) (bool, error) {
		added = added[:0]
		if len(b.miss) > 0 {
			rowOf, err := s.rows(ctx, tx, b.miss)
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: upsert links: read entities: %w", err)
			}
			for i := range rows {
				r := &rows[i]
				if r.src == 0 {
					r.src = rowOf[r.l.From]
				}
				if r.dst == 0 {
					r.dst = rowOf[r.l.To]
				}
				for _, end := range [...]struct {
					id string
					n  int64
				}{{r.l.From, r.src}, {r.l.To, r.dst}} {
					if end.n == 0 {
						return false, fmt.Errorf("graph/sqlite: upsert links: link %q: entity %q: %w (upsert the entities before the links)", r.l.ID, end.id, graph.ErrUnknownEntity)
					}
				}
			}
		}
		var err error
		if top, err = maxRow(ctx, tx, "links"); err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
		}
		// ask for the stored links only when some may be stored
		ask := b.ids
		if s.linkIDs.covers(top) {
			ask = nil
			for _, id := range b.ids {
				if s.linkIDs.mayHave(id) {
					ask = append(ask, id)
				}
			}
		}
		old, err := readLinks(ctx, tx, ask)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: read: %w", err)
		}
		ins, err := newInserter(ctx, tx, "INSERT", "links", "n", "id", "src", "dst", "type", "weight", "start", `"end"`, "date", "data")
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
		}
		defer ins.close()
		var upd *sql.Stmt
		changed := false
		for i := range rows {
			r := &rows[i]
			merged, data := &r.fresh, r.data
			sl := old[r.l.ID]
			if sl != nil {
				m := graph.MergeLink(sl.l, r.l)
				if data, err = encode(&m); err != nil {
					return false, fmt.Errorf("graph/sqlite: upsert links: link %q: encode: %w", r.l.ID, err)
				}
				if string(data) == string(sl.data) {
					continue
				}
				merged = &m
			}
			changed = true
			w := float64(graph.LinkWeight(merged))
			start, end, date := orNull(merged.Prop("start")), orNull(merged.Prop("end")), orNull(merged.Prop("date"))
			if sl == nil {
				top++
				err = ins.add(top, merged.ID, r.src, r.dst, s.types[merged.Type], w, start, end, date, data)
				d.add(countType, string(merged.Type), 1)
				added = append(added, merged.ID)
			} else {
				if upd == nil {
					if upd, err = tx.PrepareContext(ctx, `UPDATE links SET weight = ?, start = ?, "end" = ?, date = ?, data = ? WHERE n = ?`); err != nil {
						return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
					}
					defer upd.Close()
				}
				_, err = upd.ExecContext(ctx, w, start, end, date, data, sl.n)
			}
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: upsert links: link %q: %w", r.l.ID, err)
			}
		}
		if err := ins.flush(); err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
		}
		return changed, nil
	}, func(ok bool) {
		if ok {
			s.linkIDs.committed(added, top)
		} else {
			s.linkIDs.lost()
		}
	})
}

// orNull is s, or SQL's NULL for "": the columns of link dates are NULL
// when the link has none, which costs less to write than an empty text.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// entityRows maps entity IDs to their row numbers; IDs not stored are absent.
func entityRows(ctx context.Context, q querier, ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	for lo := 0; lo < len(ids); lo += chunk {
		part := ids[lo:min(lo+chunk, len(ids))]
		rows, err := q.QueryContext(ctx, `SELECT n, id FROM entities WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var n int64
			var id string
			if err := rows.Scan(&n, &id); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = n
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readLinks reads the stored links with the given IDs, keyed by ID.
func readLinks(ctx context.Context, q querier, ids []string) (map[string]*storedLink, error) {
	out := make(map[string]*storedLink)
	for lo := 0; lo < len(ids); lo += chunk {
		part := ids[lo:min(lo+chunk, len(ids))]
		rows, err := q.QueryContext(ctx, `SELECT n, id, data FROM links WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			sl := &storedLink{}
			var id string
			if err := rows.Scan(&sl.n, &id, &sl.data); err != nil {
				rows.Close()
				return nil, err
			}
			if err := decodeLink(sl.data, &sl.l); err != nil {
				rows.Close()
				return nil, fmt.Errorf("link %q: %w", id, err)
			}
			out[id] = sl
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
