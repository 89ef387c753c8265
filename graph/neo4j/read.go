package neo4j

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
)

// page is the number of rows read per query when iterating. Each page is
// its own read transaction and the callback runs between them, so that it
// may use the store itself; pages follow the id indexes (keyset paging).
const page = 5000

// Entities calls fn for each entity matching f (IDs, Kinds, Datasets), in ID
// order.
func (s *Store) Entities(ctx context.Context, f graph.Filter, fn func(graph.Entity) error) error {
	keep := func(e *graph.Entity) bool {
		return (len(f.Kinds) == 0 || slices.Contains(f.Kinds, e.Kind)) && inDatasets(e.Sources, f.Datasets)
	}
	if f.IDs != nil {
		ids := slices.Clone(f.IDs)
		slices.Sort(ids)
		ids = slices.Compact(ids)
		for lo := 0; lo < len(ids); lo += page {
			part := ids[lo:min(lo+page, len(ids))]
			var buf []graph.Entity
			err := s.run(ctx, `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN `+entityCols("e"),
				map[string]any{"ids": part}, func(r *neo4j.Record) error {
					e, err := decodeEntity(r.Values)
					if err == nil && keep(&e) {
						buf = append(buf, e)
					}
					return err
				})
			if err != nil {
				return s.wrap("entities", err)
			}
			slices.SortFunc(buf, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) })
			for _, e := range buf {
				if err := fn(e); err != nil {
					return err
				}
			}
		}
		return nil
	}
	q := `MATCH (e:Entity) WHERE e.id > $after`
	params := map[string]any{"after": "", "n": page}
	if len(f.Kinds) > 0 {
		q += ` AND e.kind IN $kinds`
		params["kinds"] = kindStrings(f.Kinds)
	}
	q += ` RETURN ` + entityCols("e") + ` ORDER BY e.id LIMIT $n`
	for {
		var buf []graph.Entity
		n := 0
		err := s.run(ctx, q, params, func(r *neo4j.Record) error {
			e, err := decodeEntity(r.Values)
			if err != nil {
				return err
			}
			n++
			params["after"] = e.ID
			if keep(&e) {
				buf = append(buf, e)
			}
			return nil
		})
		if err != nil {
			return s.wrap("entities", err)
		}
		for _, e := range buf {
			if err := fn(e); err != nil {
				return err
			}
		}
		if n < page {
			return nil
		}
	}
}

func kindStrings(ks []graph.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// Links calls fn for each link matching f (IDs: links touching these
// entities; Types; Datasets; AsOf), in ID order. Without IDs, each type is
// read in id order through its index and the streams are merged.
func (s *Store) Links(ctx context.Context, f graph.Filter, fn func(graph.Link) error) error {
	keep := func(l *graph.Link) bool { return inDatasets(l.Sources, f.Datasets) && l.Valid(f.AsOf) }
	types := f.Types
	if len(types) == 0 {
		types = graph.LinkTypes
	}
	var valid []graph.LinkType
	for _, t := range types {
		if checkType(t) == nil && !slices.Contains(valid, t) {
			valid = append(valid, t) // a type never stored matches nothing
		}
	}
	if len(valid) == 0 {
		return nil
	}
	if f.IDs != nil {
		ls, err := s.linksTouching(ctx, f.IDs, valid, keep)
		if err != nil {
			return s.wrap("links", err)
		}
		for _, l := range ls {
			if err := fn(l); err != nil {
				return err
			}
		}
		return nil
	}
	cursors := make([]*linkCursor, len(valid))
	for i, t := range valid {
		cursors[i] = &linkCursor{q: "MATCH (a:Entity)-[r:" + relType(t) + "]->(b:Entity) WHERE r.id > $after RETURN " +
			linkCols("a", "r", "b") + " ORDER BY r.id LIMIT $n"}
	}
	for {
		var next *linkCursor
		for _, c := range cursors {
			if err := c.fill(ctx, s); err != nil {
				return s.wrap("links", err)
			}
			if len(c.buf) > 0 && (next == nil || c.buf[0].ID < next.buf[0].ID) {
				next = c
			}
		}
		if next == nil {
			return nil
		}
		l := next.buf[0]
		next.buf = next.buf[1:]
		if keep(&l) {
			if err := fn(l); err != nil {
				return err
			}
		}
	}
}

// linkCursor reads the links of one type a page at a time, in id order.
type linkCursor struct {
	q     string
	after string
	buf   []graph.Link
	done  bool
}

func (c *linkCursor) fill(ctx context.Context, s *Store) error {
	if len(c.buf) > 0 || c.done {
		return nil
	}
	n := 0
	err := s.run(ctx, c.q, map[string]any{"after": c.after, "n": page}, func(r *neo4j.Record) error {
		l, err := decodeLink(r.Values)
		if err != nil {
			return err
		}
		n++
		c.after = l.ID
		c.buf = append(c.buf, l)
		return nil
	})
	if err != nil {
		return err
	}
	c.done = n < page
	return nil
}

// linksTouching returns the links of the given types with an end in ids,
// sorted by ID.
func (s *Store) linksTouching(ctx context.Context, ids []string, types []graph.LinkType, keep func(*graph.Link) bool) ([]graph.Link, error) {
	pattern, err := typePattern(types)
	if err != nil {
		return nil, err
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	seen := map[string]bool{}
	var out []graph.Link
	for lo := 0; lo < len(ids); lo += page {
		err := s.run(ctx, `UNWIND $ids AS id MATCH (x:Entity {id: id})-[r:`+pattern+`]-(:Entity)
WITH DISTINCT r MATCH (a)-[r]->(b) RETURN `+linkCols("a", "r", "b"),
			map[string]any{"ids": ids[lo:min(lo+page, len(ids))]}, func(r *neo4j.Record) error {
				l, err := decodeLink(r.Values)
				if err != nil {
					return err
				}
				if !seen[l.ID] {
					seen[l.ID] = true
					if keep(&l) {
						out = append(out, l)
					}
				}
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b graph.Link) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Lookup returns, for each identifier key, the smallest ID of a stored
// entity carrying it, through the index on :Identifier(key).
func (s *Store) Lookup(ctx context.Context, keys []graph.IdentKey) (map[graph.IdentKey]string, error) {
	out := make(map[graph.IdentKey]string, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	rows := make([]map[string]any, 0, len(keys))
	seen := make(map[graph.IdentKey]bool, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			rows = append(rows, map[string]any{"key": identKey(k.Scheme, k.Value), "scheme": k.Scheme, "value": k.Value})
		}
	}
	for lo := 0; lo < len(rows); lo += page {
		err := s.run(ctx, `UNWIND $keys AS k MATCH (i:Identifier {key: k.key}) WHERE i.scheme = k.scheme
RETURN k.scheme, k.value, min(i.entity)`,
			map[string]any{"keys": rows[lo:min(lo+page, len(rows))]}, func(r *neo4j.Record) error {
				sc, _ := r.Values[0].(string)
				v, _ := r.Values[1].(string)
				if id, ok := r.Values[2].(string); ok {
					out[graph.IdentKey{Scheme: sc, Value: v}] = id
				}
				return nil
			})
		if err != nil {
			return nil, s.wrap("lookup", err)
		}
	}
	return out, nil
}
