package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// ledgerSchema holds what a load keeps beside the graph: links waiting for
// an entity (pending, looked up by either end) and the releases of each
// dataset. Both are records of canonical JSON, like entities and links.
// Stores written before these tables existed gain them on open.
const ledgerSchema = `
CREATE TABLE IF NOT EXISTS pending(
	id TEXT PRIMARY KEY,
	src TEXT NOT NULL,
	dst TEXT NOT NULL,
	type TEXT NOT NULL,
	data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_src ON pending(src);
CREATE INDEX IF NOT EXISTS pending_dst ON pending(dst);
CREATE TABLE IF NOT EXISTS releases(
	key TEXT PRIMARY KEY,
	dataset TEXT NOT NULL,
	loaded TEXT NOT NULL,
	data BLOB NOT NULL
);
`

// UpsertPending keeps ps in one transaction, merging each into the
// pending link with the same link ID by graph.MergePending.
func (s *Store) UpsertPending(ctx context.Context, ps []graph.Pending) error {
	if len(ps) == 0 {
		return nil
	}
	rows, err := graph.FoldPending(ps)
	if err != nil {
		return fmt.Errorf("graph/sqlite: upsert pending: %w", err)
	}
	return s.writeTx(ctx, "upsert pending", func(tx *sql.Tx, _ deltas) (bool, error) {
		ids := make([]string, len(rows))
		for i := range rows {
			ids[i] = rows[i].Link.ID
		}
		prev := map[string]graph.Pending{}
		for lo := 0; lo < len(ids); lo += chunk {
			part := ids[lo:min(lo+chunk, len(ids))]
			old, err := readPending(ctx, tx, `SELECT data FROM pending WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: upsert pending: read: %w", err)
			}
			for _, p := range old {
				prev[p.Link.ID] = p
			}
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO pending(id, src, dst, type, data) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET src = excluded.src, dst = excluded.dst, type = excluded.type, data = excluded.data`)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: upsert pending: %w", err)
		}
		defer st.Close()
		changed := false
		for _, p := range rows {
			was, ok := prev[p.Link.ID]
			if ok {
				p = graph.MergePending(was, p)
			}
			data, err := encode(&p)
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: upsert pending: link %q: encode: %w", p.Link.ID, err)
			}
			if ok {
				if wasData, err := encode(&was); err == nil && string(wasData) == string(data) {
					continue
				}
			}
			if _, err := st.ExecContext(ctx, p.Link.ID, p.Link.From, p.Link.To, string(p.Link.Type), data); err != nil {
				return false, fmt.Errorf("graph/sqlite: upsert pending: link %q: %w", p.Link.ID, err)
			}
			changed = true
		}
		return changed, nil
	})
}

// Pending calls fn for each pending link with an end among ids (all of
// them when ids is nil), in link ID order.
func (s *Store) Pending(ctx context.Context, ids []string, fn func(graph.Pending) error) error {
	var ps []graph.Pending
	var err error
	if ids == nil {
		ps, err = readPending(ctx, s.rd, `SELECT data FROM pending`)
	} else {
		for lo := 0; lo < len(ids) && err == nil; lo += chunk {
			part := anys(ids[lo:min(lo+chunk, len(ids))])
			marks := placeholders(len(part))
			var got []graph.Pending
			got, err = readPending(ctx, s.rd, `SELECT data FROM pending WHERE src IN (`+marks+`) OR dst IN (`+marks+`)`, append(part, part...)...)
			ps = append(ps, got...)
		}
	}
	if err != nil {
		return fmt.Errorf("graph/sqlite: pending: %w", err)
	}
	return graph.EachPending(ps, fn)
}

// readPending decodes the pending links a query returns.
func readPending(ctx context.Context, q querier, query string, args ...any) ([]graph.Pending, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []graph.Pending
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var p graph.Pending
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("pending link: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// DeletePending removes the pending links with these link IDs.
func (s *Store) DeletePending(ctx context.Context, linkIDs []string) error {
	if len(linkIDs) == 0 {
		return nil
	}
	return s.writeTx(ctx, "delete pending", func(tx *sql.Tx, _ deltas) (bool, error) {
		changed := false
		for lo := 0; lo < len(linkIDs); lo += chunk {
			part := linkIDs[lo:min(lo+chunk, len(linkIDs))]
			res, err := tx.ExecContext(ctx, `DELETE FROM pending WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: delete pending: %w", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				changed = true
			}
		}
		return changed, nil
	})
}

// AddRelease records r unless a release with its key is recorded.
func (s *Store) AddRelease(ctx context.Context, r graph.Release) error {
	data, err := encode(&r)
	if err != nil {
		return fmt.Errorf("graph/sqlite: add release: encode: %w", err)
	}
	return s.writeTx(ctx, "add release", func(tx *sql.Tx, _ deltas) (bool, error) {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO releases(key, dataset, loaded, data) VALUES (?, ?, ?, ?)`,
			r.Key(), r.Dataset, r.Loaded.UTC().Format("2006-01-02T15:04:05.000000000Z"), data)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: add release: %w", err)
		}
		n, _ := res.RowsAffected()
		return n > 0, nil
	})
}

// ledgerStats adds the pending links by type and the releases to st.
func (s *Store) ledgerStats(ctx context.Context, st *graph.Stats) error {
	st.Pending = map[string]int64{}
	rows, err := s.rd.QueryContext(ctx, `SELECT type, count(*) FROM pending GROUP BY type`)
	if err != nil {
		return fmt.Errorf("graph/sqlite: stats: pending: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var n int64
		if err := rows.Scan(&t, &n); err != nil {
			return fmt.Errorf("graph/sqlite: stats: pending: %w", err)
		}
		st.Pending[t] = n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("graph/sqlite: stats: pending: %w", err)
	}
	rel, err := s.rd.QueryContext(ctx, `SELECT data FROM releases ORDER BY dataset, loaded`)
	if err != nil {
		return fmt.Errorf("graph/sqlite: stats: releases: %w", err)
	}
	defer rel.Close()
	for rel.Next() {
		var data []byte
		var r graph.Release
		if err := rel.Scan(&data); err != nil {
			return fmt.Errorf("graph/sqlite: stats: releases: %w", err)
		}
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("graph/sqlite: stats: release: %w", err)
		}
		st.Releases = append(st.Releases, r)
	}
	if err := rel.Err(); err != nil {
		return fmt.Errorf("graph/sqlite: stats: releases: %w", err)
	}
	graph.SortReleases(st.Releases)
	return nil
}

// DeleteLinks removes the links with these IDs in one transaction, with
// their places in the adjacency lists of their ends and in the counts.
func (s *Store) DeleteLinks(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	type row struct{ n, src, dst, typ int64 }
	return s.writeTx(ctx, "delete links", func(tx *sql.Tx, d deltas) (bool, error) {
		var rows []row
		for lo := 0; lo < len(ids); lo += chunk {
			part := ids[lo:min(lo+chunk, len(ids))]
			rs, err := tx.QueryContext(ctx, `SELECT n, src, dst, type FROM links WHERE id IN (`+placeholders(len(part))+`)`, anys(part)...)
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: delete links: %w", err)
			}
			for rs.Next() {
				var r row
				if err := rs.Scan(&r.n, &r.src, &r.dst, &r.typ); err != nil {
					rs.Close()
					return false, fmt.Errorf("graph/sqlite: delete links: %w", err)
				}
				rows = append(rows, r)
			}
			if err := rs.Close(); err != nil {
				return false, fmt.Errorf("graph/sqlite: delete links: %w", err)
			}
		}
		if len(rows) == 0 {
			return false, nil
		}
		mark, err := watermark(ctx, tx, linksIndexed)
		if err != nil {
			return false, fmt.Errorf("graph/sqlite: delete links: %w", err)
		}
		// the adjacency lists hold the links numbered up to the watermark
		drop := map[int64][]int64{}
		var ns []int64
		for _, r := range rows {
			ns = append(ns, r.n)
			d.add(countType, string(s.names[r.typ]), -1)
			if r.n <= mark {
				drop[r.src] = append(drop[r.src], r.n)
				if r.dst != r.src {
					drop[r.dst] = append(drop[r.dst], r.n)
				}
			}
		}
		for e, gone := range drop {
			var b []byte
			if err := tx.QueryRowContext(ctx, `SELECT links FROM adjacency WHERE entity = ?`, e).Scan(&b); err != nil {
				return false, fmt.Errorf("graph/sqlite: delete links: adjacency of %d: %w", e, err)
			}
			list, _, err := decodeAdjacency(nil, b)
			if err != nil {
				return false, fmt.Errorf("graph/sqlite: delete links: adjacency of %d: %w", e, err)
			}
			list = slices.DeleteFunc(list, func(n int64) bool { return slices.Contains(gone, n) })
			if _, err := tx.ExecContext(ctx, `UPDATE adjacency SET links = ? WHERE entity = ?`, appendAdjacency([]byte{}, 0, list), e); err != nil {
				return false, fmt.Errorf("graph/sqlite: delete links: adjacency of %d: %w", e, err)
			}
		}
		for lo := 0; lo < len(ns); lo += chunk {
			part := anys(ns[lo:min(lo+chunk, len(ns))])
			if _, err := tx.ExecContext(ctx, `DELETE FROM links WHERE n IN (`+placeholders(len(part))+`)`, part...); err != nil {
				return false, fmt.Errorf("graph/sqlite: delete links: %w", err)
			}
		}
		// numbers past the last link may be given again: the watermark
		// must not cover them, or the catch-up would miss the new links
		if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = min(value, (SELECT coalesce(max(n), 0) FROM links)) WHERE key = ?`, linksIndexed); err != nil {
			return false, fmt.Errorf("graph/sqlite: delete links: %w", err)
		}
		return true, nil
	}, func(bool) { s.linkIDs.lost() })
}
