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
	l     graph.Link // the record, merged with any earlier one in the batch
	fresh graph.Link // l as a new link (merged into nothing)
	data  []byte     // encoding of fresh
	err   error
}

// UpsertLinks writes ls in one transaction, merging each into the stored
// link with the same ID by graph.MergeLink. A link without an ID gets
// graph.LinkID. A link whose ends are not stored fails the whole call with
// an error wrapping graph.ErrUnknownEntity.
func (s *Store) UpsertLinks(ctx context.Context, ls []graph.Link) error {
	if len(ls) == 0 {
		return nil
	}
	batch := make(map[string]int, len(ls))
	rows := make([]linkRow, 0, len(ls))
	ends := make([]string, 0, 2*len(ls))
	endSeen := make(map[string]bool, 2*len(ls))
	for i := range ls {
		l := ls[i]
		if l.From == "" || l.To == "" {
			return fmt.Errorf("graph/sqlite: upsert links: link %d of %d (%q) lacks an end (from %q, to %q)", i+1, len(ls), l.ID, l.From, l.To)
		}
		if !l.Type.Valid() {
			return fmt.Errorf("graph/sqlite: upsert links: link %q: unknown type %q (known: %v)", l.ID, l.Type, graph.LinkTypes)
		}
		if l.ID == "" {
			l.ID = graph.LinkID(l.From, l.Type, l.To)
		}
		l.Sources = normSources(l.Sources)
		for _, end := range []string{l.From, l.To} {
			if !endSeen[end] {
				endSeen[end] = true
				ends = append(ends, end)
			}
		}
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
	ids := make([]string, len(rows))
	for i := range rows {
		if rows[i].err != nil {
			return fmt.Errorf("graph/sqlite: upsert links: link %q: encode: %w", rows[i].l.ID, rows[i].err)
		}
		ids[i] = rows[i].l.ID
	}
	return s.writeTx(ctx, "upsert links", func(tx *sql.Tx, d deltas) (bool, error) {
		rowOf, err := s.rows(ctx, tx, ends)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: read entities: %w", err)
		}
		for i := range rows {
			l := &rows[i].l
			for _, end := range []string{l.From, l.To} {
				if _, ok := rowOf[end]; !ok {
					return false, fmt.Errorf("graph/sqlite: upsert links: link %q: entity %q: %w (upsert the entities before the links)", l.ID, end, graph.ErrUnknownEntity)
				}
			}
		}
		old, err := readLinks(ctx, tx, ids)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: read: %w", err)
		}
		top, err := maxRow(ctx, tx, "links")
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
		}
		ins, err := newInserter(ctx, tx, "INSERT", "links", "n", "id", "src", "dst", "type", "weight", "start", `"end"`, "date")
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
		}
		defer ins.close()
		insData, err := newInserter(ctx, tx, "INSERT", "link_data", "n", "data")
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
		}
		defer insData.close()
		var upd, updData *sql.Stmt
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
			start, end, date := merged.Prop("start"), merged.Prop("end"), merged.Prop("date")
			if sl == nil {
				top++
				err = ins.add(top, merged.ID, rowOf[merged.From], rowOf[merged.To], s.types[merged.Type], w, start, end, date)
				if err == nil {
					err = insData.add(top, data)
				}
				d.add(countType, string(merged.Type), 1)
			} else {
				if upd == nil {
					if upd, err = tx.PrepareContext(ctx, `UPDATE links SET weight = ?, start = ?, "end" = ?, date = ? WHERE n = ?`); err != nil {
						return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
					}
					defer upd.Close()
					if updData, err = tx.PrepareContext(ctx, `UPDATE link_data SET data = ? WHERE n = ?`); err != nil {
						return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
					}
					defer updData.Close()
				}
				if _, err = upd.ExecContext(ctx, w, start, end, date, sl.n); err == nil {
					_, err = updData.ExecContext(ctx, data, sl.n)
				}
			}
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: upsert links: link %q: %w", r.l.ID, err)
			}
		}
		if err := ins.flush(); err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
		}
		if err := insData.flush(); err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert links: %w", err)
		}
		return changed, nil
	})
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
		rows, err := q.QueryContext(ctx, `SELECT l.n, l.id, d.data FROM links l JOIN link_data d ON d.n = l.n WHERE l.id IN (`+placeholders(len(part))+`)`, anys(part)...)
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
