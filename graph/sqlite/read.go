package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// page is the number of rows read per query when iterating; rows are read a
// page at a time and the callback runs between queries, so that it may use
// the store itself.
const page = 1024

// Entities calls fn for each entity matching f (IDs, Kinds, Datasets), in ID
// order.
func (s *Store) Entities(ctx context.Context, f graph.Filter, fn func(graph.Entity) error) error {
	if f.IDs != nil {
		return s.entitiesByID(ctx, f, fn)
	}
	where, args := "e.id > ?", []any{""}
	if len(f.Kinds) > 0 {
		where += " AND e.kind IN (" + placeholders(len(f.Kinds)) + ")"
		args = append(args, anys(f.Kinds)...)
	}
	q := `SELECT e.id, e.data FROM entities e WHERE ` + where + ` ORDER BY e.id LIMIT ` + fmt.Sprint(page)
	keep := func(e *graph.Entity) bool { return inDatasets(e.Sources, f.Datasets) }
	for {
		buf, last, n, err := readRecords(ctx, s.rd, q, args, decodeEntity, keep, "entities", "entity")
		if err != nil {
			return err
		}
		if err := each(buf, fn); err != nil {
			return err
		}
		if n < page {
			return nil
		}
		args[0] = last
	}
}

func (s *Store) entitiesByID(ctx context.Context, f graph.Filter, fn func(graph.Entity) error) error {
	ids := slices.Clone(f.IDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for lo := 0; lo < len(ids); lo += chunk {
		part := ids[lo:min(lo+chunk, len(ids))]
		args := anys(part)
		q := `SELECT e.id, e.data FROM entities e WHERE e.id IN (` + placeholders(len(part)) + `)`
		if len(f.Kinds) > 0 {
			q += " AND e.kind IN (" + placeholders(len(f.Kinds)) + ")"
			args = append(args, anys(f.Kinds)...)
		}
		buf, _, _, err := readRecords(ctx, s.rd, q+" ORDER BY e.id", args, decodeEntity, func(e *graph.Entity) bool { return inDatasets(e.Sources, f.Datasets) }, "entities", "entity")
		if err != nil {
			return err
		}
		if err := each(buf, fn); err != nil {
			return err
		}
	}
	return nil
}

// typeCodes returns the store codes of ts; types never stored are dropped.
func (s *Store) typeCodes(ts []graph.LinkType) []any {
	out := make([]any, 0, len(ts))
	for _, t := range ts {
		if c, ok := s.types[t]; ok {
			out = append(out, c)
		}
	}
	return out
}

// Links calls fn for each link matching f (IDs: links touching these
// entities; Types; Datasets; AsOf), in ID order.
func (s *Store) Links(ctx context.Context, f graph.Filter, fn func(graph.Link) error) error {
	keep := func(l *graph.Link) bool {
		return inDatasets(l.Sources, f.Datasets) && l.Valid(f.AsOf)
	}
	if f.IDs != nil {
		return s.linksTouching(ctx, f, keep, fn)
	}
	where, args := "l.id > ?", []any{""}
	if len(f.Types) > 0 {
		codes := s.typeCodes(f.Types)
		if len(codes) == 0 {
			return nil
		}
		where += " AND l.type IN (" + placeholders(len(codes)) + ")"
		args = append(args, codes...)
	}
	q := `SELECT l.id, l.data FROM links l WHERE ` + where + ` ORDER BY l.id LIMIT ` + fmt.Sprint(page)
	for {
		buf, last, n, err := readRecords(ctx, s.rd, q, args, decodeLink, keep, "links", "link")
		if err != nil {
			return err
		}
		if err := each(buf, fn); err != nil {
			return err
		}
		if n < page {
			return nil
		}
		args[0] = last
	}
}

// readRecords runs q, whose rows are (id, record), decodes each record and
// keeps those keep accepts. It returns them with the last id read and the
// number of rows read, for keyset paging; the rows are closed before any
// caller's callback runs, so that callbacks may use the store.
func readRecords[T any](ctx context.Context, db querier, q string, args []any, decode func([]byte, *T) error, keep func(*T) bool, plural, singular string) (buf []T, last string, n int, err error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", 0, fmt.Errorf("graph/sqlite: %s: %w", plural, err)
	}
	defer rows.Close()
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&last, &data); err != nil {
			return nil, "", 0, fmt.Errorf("graph/sqlite: %s: %w", plural, err)
		}
		n++
		var r T
		if err := decode(data, &r); err != nil {
			return nil, "", 0, fmt.Errorf("graph/sqlite: %s %q: %w", singular, last, err)
		}
		if keep(&r) {
			buf = append(buf, r)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, "", 0, fmt.Errorf("graph/sqlite: %s: %w", plural, err)
	}
	return buf, last, n, nil
}

// each calls fn for every record of buf, stopping at its first error.
func each[T any](buf []T, fn func(T) error) error {
	for _, r := range buf {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// linksTouching serves Links with an IDs filter through the adjacency
// lists, and a scan of the links past their watermark.
func (s *Store) linksTouching(ctx context.Context, f graph.Filter, keep func(*graph.Link) bool, fn func(graph.Link) error) error {
	var codes []any
	if len(f.Types) > 0 {
		if codes = s.typeCodes(f.Types); len(codes) == 0 {
			return nil
		}
	}
	tx, mark, err := s.readTx(ctx, "links")
	if err != nil {
		return fmt.Errorf("graph/sqlite: links: %w", err)
	}
	defer tx.Rollback()
	rowOf, err := entityRows(ctx, tx, f.IDs)
	if err != nil {
		return fmt.Errorf("graph/sqlite: links: %w", err)
	}
	ns := make([]int64, 0, len(rowOf))
	for _, n := range rowOf {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	seen := map[int64]bool{}
	var found []int64
	collect := func(q string, args ...any) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n int64
			if err := rows.Scan(&n); err != nil {
				return err
			}
			if !seen[n] {
				seen[n] = true
				found = append(found, n)
			}
		}
		return rows.Err()
	}
	var buf []int64
	for lo := 0; lo < len(ns); lo += chunk {
		part := anys(ns[lo:min(lo+chunk, len(ns))])
		in := placeholders(len(part))
		rows, err := tx.QueryContext(ctx, `SELECT links FROM adjacency WHERE entity IN (`+in+`)`, part...)
		if err != nil {
			return fmt.Errorf("graph/sqlite: links: %w", err)
		}
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				rows.Close()
				return fmt.Errorf("graph/sqlite: links: %w", err)
			}
			if buf, _, err = decodeAdjacency(buf[:0], b); err != nil {
				rows.Close()
				return fmt.Errorf("graph/sqlite: links: %w", err)
			}
			for _, n := range buf {
				if !seen[n] {
					seen[n] = true
					found = append(found, n)
				}
			}
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("graph/sqlite: links: %w", err)
		}
		// links past the watermark
		if err := collect(`SELECT n FROM links WHERE n > ? AND (src IN (`+in+`) OR dst IN (`+in+`))`, append(append([]any{mark}, part...), part...)...); err != nil {
			return fmt.Errorf("graph/sqlite: links: %w", err)
		}
	}
	slices.Sort(found)
	var typeCond string
	if codes != nil {
		typeCond = " AND l.type IN (" + placeholders(len(codes)) + ")"
	}
	var out []graph.Link
	for lo := 0; lo < len(found); lo += chunk {
		part := anys(found[lo:min(lo+chunk, len(found))])
		got, _, _, err := readRecords(ctx, tx, `SELECT l.id, l.data FROM links l WHERE l.n IN (`+placeholders(len(part))+`)`+typeCond, append(part, codes...), decodeLink, keep, "links", "link")
		if err != nil {
			return err
		}
		out = append(out, got...)
	}
	tx.Rollback()
	slices.SortFunc(out, func(a, b graph.Link) int { return strings.Compare(a.ID, b.ID) })
	return each(out, fn)
}
