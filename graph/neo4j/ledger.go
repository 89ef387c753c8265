package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
)

// What a load keeps beside the graph lives in nodes of labels no entity
// has, so that no query of entities or links ever meets them: a pending
// link is a (:ShellnetPending {id, from, to, type, data}) node, looked up
// by either end; a release a (:ShellnetRelease {key, dataset, loaded,
// data}) node. data is the record's canonical JSON.

// UpsertPending keeps ps in one transaction, merging each into the
// pending link with the same link ID by graph.MergePending.
func (s *Store) UpsertPending(ctx context.Context, ps []graph.Pending) error {
	if len(ps) == 0 {
		return nil
	}
	rows, err := graph.FoldPending(ps)
	if err != nil {
		return fmt.Errorf("graph/neo4j: upsert pending: %w", err)
	}
	ids := make([]string, len(rows))
	for i := range rows {
		ids[i] = rows[i].Link.ID
	}
	if err := s.ensureSchema(ctx); err != nil {
		return err
	}
	var locks []string
	for _, p := range s.split("pending", ids) {
		locks = append(locks, p.locks...)
	}
	slices.Sort(locks)
	err = s.write(ctx, locks, func(tx neo4j.ManagedTransaction) (bool, error) {
		prev, err := readPending(ctx, tx, `UNWIND $ids AS id MATCH (p:ShellnetPending {id: id}) RETURN p.data`, map[string]any{"ids": ids})
		if err != nil {
			return false, err
		}
		old := map[string]graph.Pending{}
		for _, p := range prev {
			old[p.Link.ID] = p
		}
		var out []map[string]any
		for _, p := range rows {
			was, ok := old[p.Link.ID]
			if ok {
				p = graph.MergePending(was, p)
			}
			data, err := json.Marshal(p)
			if err != nil {
				return false, usage{fmt.Errorf("pending link %q: %w", p.Link.ID, err)}
			}
			if ok {
				if wasData, err := json.Marshal(was); err == nil && string(wasData) == string(data) {
					continue
				}
			}
			out = append(out, map[string]any{"id": p.Link.ID, "from": p.Link.From, "to": p.Link.To, "type": string(p.Link.Type), "data": string(data)})
		}
		if len(out) == 0 {
			return false, nil
		}
		return true, s.unwind(ctx, tx, `UNWIND $rows AS row MERGE (p:ShellnetPending {id: row.id})
SET p.from = row.from, p.to = row.to, p.type = row.type, p.data = row.data`, out)
	})
	return s.writeError("upsert pending", err)
}

// readPending runs a statement whose only column is a pending link's data.
func readPending(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]graph.Pending, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Pending, 0, len(recs))
	for _, r := range recs {
		data, _ := r.Values[0].(string)
		var p graph.Pending
		if err := json.Unmarshal([]byte(data), &p); err != nil {
			return nil, usage{fmt.Errorf("pending link: %w", err)}
		}
		out = append(out, p)
	}
	return out, nil
}

// Pending calls fn for each pending link with an end among ids (all of
// them when ids is nil), in link ID order.
func (s *Store) Pending(ctx context.Context, ids []string, fn func(graph.Pending) error) error {
	var ps []graph.Pending
	read := func(cypher string, params map[string]any) error {
		got, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return readPending(ctx, tx, cypher, params)
		})
		if err != nil {
			return s.wrap("pending", err)
		}
		ps = append(ps, got.([]graph.Pending)...)
		return nil
	}
	if ids == nil {
		if err := read(`MATCH (p:ShellnetPending) RETURN p.data`, nil); err != nil {
			return err
		}
	}
	for lo := 0; lo < len(ids); lo += readChunk {
		part := ids[lo:min(lo+readChunk, len(ids))]
		err := read(`UNWIND $ids AS id MATCH (p:ShellnetPending {from: id}) RETURN p.data
UNION UNWIND $ids AS id MATCH (p:ShellnetPending {to: id}) RETURN p.data`, map[string]any{"ids": part})
		if err != nil {
			return err
		}
	}
	return graph.EachPending(ps, fn)
}

// DeletePending removes the pending links with these link IDs.
func (s *Store) DeletePending(ctx context.Context, linkIDs []string) error {
	if len(linkIDs) == 0 {
		return nil
	}
	err := s.write(ctx, nil, func(tx neo4j.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `UNWIND $ids AS id MATCH (p:ShellnetPending {id: id}) DELETE p RETURN count(*)`, map[string]any{"ids": linkIDs})
		if err != nil {
			return false, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return false, err
		}
		n, _ := rec.Values[0].(int64)
		return n > 0, nil
	})
	return s.writeError("delete pending", err)
}

// AddRelease records r unless a release with its key is recorded.
func (s *Store) AddRelease(ctx context.Context, r graph.Release) error {
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("graph/neo4j: add release: %w", err)
	}
	if err := s.ensureSchema(ctx); err != nil {
		return err
	}
	err = s.write(ctx, nil, func(tx neo4j.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `MERGE (r:ShellnetRelease {key: $key})
ON CREATE SET r.dataset = $dataset, r.loaded = $loaded, r.data = $data, r.fresh = true
WITH r, coalesce(r.fresh, false) AS fresh REMOVE r.fresh RETURN fresh`,
			map[string]any{"key": r.Key(), "dataset": r.Dataset, "loaded": r.Loaded.UTC().Format("2006-01-02T15:04:05.000000000Z"), "data": string(data)})
		if err != nil {
			return false, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return false, err
		}
		fresh, _ := rec.Values[0].(bool)
		return fresh, nil
	})
	return s.writeError("add release", err)
}

// ledgerStats adds the pending links by type and the releases to st.
func (s *Store) ledgerStats(ctx context.Context, st *graph.Stats) error {
	st.Pending = map[string]int64{}
	err := s.run(ctx, `MATCH (p:ShellnetPending) RETURN p.type, count(*)`, nil, func(r *neo4j.Record) error {
		t, _ := r.Values[0].(string)
		n, _ := r.Values[1].(int64)
		st.Pending[t] = n
		return nil
	})
	if err != nil {
		return s.wrap("stats: pending", err)
	}
	err = s.run(ctx, `MATCH (r:ShellnetRelease) RETURN r.data`, nil, func(rec *neo4j.Record) error {
		data, _ := rec.Values[0].(string)
		var r graph.Release
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			return fmt.Errorf("graph/neo4j: stats: release: %w", err)
		}
		st.Releases = append(st.Releases, r)
		return nil
	})
	if err != nil {
		return s.wrap("stats: releases", err)
	}
	graph.SortReleases(st.Releases)
	return nil
}

// DeleteLinks removes the links with these IDs in one transaction.
func (s *Store) DeleteLinks(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.write(ctx, nil, func(tx neo4j.ManagedTransaction) (bool, error) {
		deleted := int64(0)
		for _, t := range graph.LinkTypes {
			res, err := tx.Run(ctx, `UNWIND $ids AS id MATCH ()-[r:`+relType(t)+` {id: id}]->() DELETE r RETURN count(*)`, map[string]any{"ids": ids})
			if err != nil {
				return false, err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return false, err
			}
			n, _ := rec.Values[0].(int64)
			deleted += n
		}
		return deleted > 0, nil
	})
	return s.writeError("delete links", err)
}
