package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// The watermarks of the look-up tables, in meta.
const (
	entitiesIndexed = "entities_indexed"  // names, identifiers
	linksIndexed    = "adjacency_indexed" // adjacency
)

// maxTail is the number of rows past a watermark that a read scans itself;
// beyond it the read first brings the look-up table up to date.
var maxTail int64 = 4096

func watermark(ctx context.Context, q querier, key string) (int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT value FROM meta WHERE key = ?`, key)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var v int64
	if rows.Next() {
		if err := rows.Scan(&v); err != nil {
			return 0, err
		}
	}
	return v, rows.Err()
}

// tail returns a watermark and the highest row number of table, read
// together in tx.
func tail(ctx context.Context, tx *sql.Tx, key, table string) (mark, top int64, err error) {
	if mark, err = watermark(ctx, tx, key); err != nil {
		return 0, 0, err
	}
	err = tx.QueryRowContext(ctx, `SELECT coalesce(max(n), 0) FROM `+table).Scan(&top)
	return mark, top, err
}

// catchUp brings the look-up tables of table ("entities" or "links") up to
// date, in one write transaction. Rows are added in key order, so that each
// page of the look-up tables is written once.
func (s *Store) catchUp(ctx context.Context, table string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.wr.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	key := entitiesIndexed
	if table == "links" {
		key = linksIndexed
	}
	mark, top, err := tail(ctx, tx, key, table)
	if err != nil || top <= mark {
		return err
	}
	if table == "links" {
		if err := catchUpAdjacency(ctx, tx, mark); err != nil {
			return err
		}
	} else if err := s.catchUpEntities(ctx, tx, mark); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = ?`, top, key); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) catchUpEntities(ctx context.Context, tx *sql.Tx, mark int64) error {
	type nameRow struct {
		name string
		n    int64
	}
	type identRow struct {
		id graph.IdentKey
		n  int64
	}
	var names []nameRow
	var idents []identRow
	rows, err := tx.QueryContext(ctx, `SELECT n, name, aliases, idents FROM entities WHERE n > ?`, mark)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n int64
		var name, aliases, ids string
		if err := rows.Scan(&n, &name, &aliases, &ids); err != nil {
			rows.Close()
			return err
		}
		for _, nm := range append([]string{name}, split(aliases)...) {
			if k := nameKey(nm); k != "" {
				names = append(names, nameRow{k, n})
			}
		}
		for _, id := range splitIdents(ids) {
			idents = append(idents, identRow{id, n})
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	slices.SortFunc(names, func(a, b nameRow) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return int(a.n - b.n)
	})
	slices.SortFunc(idents, func(a, b identRow) int {
		if c := strings.Compare(a.id.Scheme, b.id.Scheme); c != 0 {
			return c
		}
		if c := strings.Compare(a.id.Value, b.id.Value); c != 0 {
			return c
		}
		return int(a.n - b.n)
	})
	ins, err := newInserter(ctx, tx, "INSERT OR IGNORE", "names", "name", "entity")
	if err != nil {
		return err
	}
	defer ins.close()
	for i, r := range names {
		if i > 0 && r == names[i-1] {
			continue
		}
		if err := ins.add(r.name, r.n); err != nil {
			return err
		}
	}
	if err := ins.flush(); err != nil {
		return err
	}
	insI, err := newInserter(ctx, tx, "INSERT OR IGNORE", "identifiers", "scheme", "value", "entity")
	if err != nil {
		return err
	}
	defer insI.close()
	for _, r := range idents {
		if err := insI.add(r.id.Scheme, r.id.Value, r.n); err != nil {
			return err
		}
	}
	return insI.flush()
}

// readTx begins a read transaction in which the look-up tables of table
// cover all but at most maxTail rows, and returns the watermark.
func (s *Store) readTx(ctx context.Context, table string) (*sql.Tx, int64, error) {
	key := entitiesIndexed
	if table == "links" {
		key = linksIndexed
	}
	for try := 0; ; try++ {
		tx, err := s.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, 0, err
		}
		mark, top, err := tail(ctx, tx, key, table)
		if err != nil {
			tx.Rollback()
			return nil, 0, err
		}
		if top-mark <= maxTail || try > 0 {
			return tx, mark, nil
		}
		tx.Rollback()
		if err := s.catchUp(ctx, table); err != nil {
			// a store opened where it cannot be written is read by scanning
			tx, err2 := s.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
			if err2 != nil {
				return nil, 0, err2
			}
			mark, _, err2 = tail(ctx, tx, key, table)
			if err2 != nil {
				tx.Rollback()
				return nil, 0, err2
			}
			return tx, mark, nil
		}
	}
}

// Lookup returns, for each identifier key, the smallest ID of a stored
// entity carrying it.
func (s *Store) Lookup(ctx context.Context, keys []graph.IdentKey) (map[graph.IdentKey]string, error) {
	out := make(map[graph.IdentKey]string, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	tx, mark, err := s.readTx(ctx, "entities")
	if err != nil {
		return nil, fmt.Errorf("graph/sqlite: lookup: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `SELECT min(e.id) FROM identifiers i JOIN entities e ON e.n = i.entity WHERE i.scheme = ? AND i.value = ?`)
	if err != nil {
		return nil, fmt.Errorf("graph/sqlite: lookup: %w", err)
	}
	defer st.Close()
	want := make(map[graph.IdentKey]bool, len(keys))
	for _, k := range keys {
		if want[k] {
			continue
		}
		want[k] = true
		var id sql.NullString
		if err := st.QueryRowContext(ctx, k.Scheme, k.Value).Scan(&id); err != nil {
			return nil, fmt.Errorf("graph/sqlite: lookup %s:%s: %w", k.Scheme, k.Value, err)
		}
		if id.Valid {
			out[k] = id.String
		}
	}
	// rows past the watermark
	rows, err := tx.QueryContext(ctx, `SELECT id, idents FROM entities WHERE n > ? AND idents != ''`, mark)
	if err != nil {
		return nil, fmt.Errorf("graph/sqlite: lookup: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, ids string
		if err := rows.Scan(&id, &ids); err != nil {
			return nil, fmt.Errorf("graph/sqlite: lookup: %w", err)
		}
		for _, k := range splitIdents(ids) {
			if want[k] {
				if cur, ok := out[k]; !ok || id < cur {
					out[k] = id
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("graph/sqlite: lookup: %w", err)
	}
	return out, nil
}
