package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"slices"
)

// The adjacency table holds, for each entity, the row numbers of the links
// touching it, ascending, as unsigned varints of the differences between
// successive numbers. One row per entity, written in one pass by
// catchUpAdjacency, costs far less to build than an index entry per link
// end, and answers a neighbourhood in one look-up per entity.

func appendAdjacency(b []byte, prev int64, links []int64) []byte {
	for _, n := range links {
		b = binary.AppendUvarint(b, uint64(n-prev))
		prev = n
	}
	return b
}

var errAdjacency = errors.New("damaged adjacency list")

// decodeAdjacency appends the link numbers in b to out; it returns the last.
func decodeAdjacency(out []int64, b []byte) ([]int64, int64, error) {
	var prev int64
	for len(b) > 0 {
		d, k := binary.Uvarint(b)
		if k <= 0 {
			return out, prev, errAdjacency
		}
		prev += int64(d)
		out = append(out, prev)
		b = b[k:]
	}
	return out, prev, nil
}

// catchUpAdjacency adds the links numbered after mark to the adjacency
// lists of their ends. Their numbers are higher than any listed already,
// so they are appended.
func catchUpAdjacency(ctx context.Context, tx *sql.Tx, mark int64) error {
	type end struct{ e, link int64 }
	var ends []end
	rows, err := tx.QueryContext(ctx, `SELECT n, src, dst FROM links WHERE n > ?`, mark)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n, src, dst int64
		if err := rows.Scan(&n, &src, &dst); err != nil {
			rows.Close()
			return err
		}
		ends = append(ends, end{src, n})
		if dst != src {
			ends = append(ends, end{dst, n})
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	slices.SortFunc(ends, func(a, b end) int {
		if c := cmp.Compare(a.e, b.e); c != 0 {
			return c
		}
		return cmp.Compare(a.link, b.link)
	})
	var entities []int64
	for i, x := range ends {
		if i == 0 || x.e != ends[i-1].e {
			entities = append(entities, x.e)
		}
	}
	stored := map[int64][]byte{}
	if mark > 0 {
		for lo := 0; lo < len(entities); lo += chunk {
			part := anys(entities[lo:min(lo+chunk, len(entities))])
			rows, err := tx.QueryContext(ctx, `SELECT entity, links FROM adjacency WHERE entity IN (`+placeholders(len(part))+`)`, part...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var e int64
				var b []byte
				if err := rows.Scan(&e, &b); err != nil {
					rows.Close()
					return err
				}
				stored[e] = b
			}
			if err := rows.Close(); err != nil {
				return err
			}
		}
	}
	ins, err := newInserter(ctx, tx, "INSERT OR REPLACE", "adjacency", "entity", "links")
	if err != nil {
		return err
	}
	defer ins.close()
	var links []int64
	for i := 0; i < len(ends); {
		e := ends[i].e
		links = links[:0]
		for ; i < len(ends) && ends[i].e == e; i++ {
			links = append(links, ends[i].link)
		}
		old := stored[e]
		var last int64
		if len(old) > 0 {
			if _, last, err = decodeAdjacency(nil, old); err != nil {
				return err
			}
		}
		b := appendAdjacency(slices.Clip(old), last, links)
		if err := ins.add(e, b); err != nil {
			return err
		}
	}
	return ins.flush()
}
