package neo4j

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
)

var _ graph.Auditor = (*Store)(nil)

// The audit trail is kept in (:ShellnetAudit {seq, time, kind, prev, hash,
// body}) nodes, a label no entity has, with a uniqueness constraint on seq
// created by the first append. Appends take the write lock of one meta
// node, so that two writers never both continue the same last record.

const auditTime = "2006-01-02T15:04:05.000000000Z"

// auditSchemaDone holds the Stores whose audit constraint is in place.
var auditSchemaDone sync.Map

func (s *Store) ensureAuditSchema(ctx context.Context) error {
	if _, ok := auditSchemaDone.Load(s); ok {
		return nil
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, q := range []string{
		"CREATE CONSTRAINT audit_seq IF NOT EXISTS FOR (a:ShellnetAudit) REQUIRE a.seq IS UNIQUE",
		// exports by date find where a range begins and ends in it
		"CREATE RANGE INDEX audit_time IF NOT EXISTS FOR (a:ShellnetAudit) ON (a.time)",
	} {
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return s.wrap("create audit schema", err)
		}
	}
	auditSchemaDone.Store(s, true)
	return nil
}

// AppendAudit appends recs in one transaction after checking that they
// continue the trail. It leaves the store's version as it is.
func (s *Store) AppendAudit(ctx context.Context, recs []graph.AuditRecord) error {
	if len(recs) == 0 {
		return nil
	}
	if err := s.ensureAuditSchema(ctx); err != nil {
		return err
	}
	rows := make([]map[string]any, len(recs))
	for i, r := range recs {
		rows[i] = map[string]any{"seq": r.Seq, "time": r.Time.UTC().Format(auditTime), "kind": r.Kind,
			"prev": r.Prev, "hash": r.Hash, "body": string(r.Body)}
	}
	err := s.write(ctx, []string{"audit"}, func(tx neo4j.ManagedTransaction) (bool, error) {
		prev, ok, err := auditEnd(ctx, tx)
		if err != nil {
			return false, err
		}
		if end := recs[len(recs)-1]; ok && prev.Seq == end.Seq && prev.Hash == end.Hash {
			// the driver runs this again after a lost connection: the
			// first run committed
			return false, nil
		}
		if err := graph.CheckAuditAppend(prev, ok, recs); err != nil {
			return false, usage{fmt.Errorf("at %d: %w", recs[0].Seq, err)}
		}
		// false: the trail is not the graph, so the version stays
		return false, s.unwind(ctx, tx, `UNWIND $rows AS row
CREATE (:ShellnetAudit {seq: row.seq, time: row.time, kind: row.kind, prev: row.prev, hash: row.hash, body: row.body})`, rows)
	})
	return s.writeError("append audit", err)
}

// auditEnd reads the sequence number and hash of the last record, all an
// append checks.
func auditEnd(ctx context.Context, tx neo4j.ManagedTransaction) (graph.AuditRecord, bool, error) {
	res, err := tx.Run(ctx, `MATCH (a:ShellnetAudit) RETURN a.seq, a.hash ORDER BY a.seq DESC LIMIT 1`, nil)
	if err != nil {
		return graph.AuditRecord{}, false, err
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) == 0 {
		return graph.AuditRecord{}, false, err
	}
	var end graph.AuditRecord
	var ok1, ok2 bool
	end.Seq, ok1 = recs[0].Values[0].(int64)
	end.Hash, ok2 = recs[0].Values[1].(string)
	if !ok1 || !ok2 {
		return end, false, usage{fmt.Errorf("audit: the last record's seq %T and hash %T", recs[0].Values[0], recs[0].Values[1])}
	}
	return end, true, nil
}

// readAudit runs a statement returning audit nodes as its only column.
func readAudit(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]graph.AuditRecord, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]graph.AuditRecord, 0, len(recs))
	for _, rec := range recs {
		n, ok := rec.Values[0].(neo4j.Node)
		if !ok {
			return nil, usage{fmt.Errorf("audit: a record of %T, not a node", rec.Values[0])}
		}
		r, err := auditOf(n.Props)
		if err != nil {
			return nil, usage{err}
		}
		out = append(out, r)
	}
	return out, nil
}

func auditOf(p map[string]any) (graph.AuditRecord, error) {
	var r graph.AuditRecord
	r.Seq, _ = p["seq"].(int64)
	r.Kind, _ = p["kind"].(string)
	r.Prev, _ = p["prev"].(string)
	r.Hash, _ = p["hash"].(string)
	body, _ := p["body"].(string)
	r.Body = []byte(body)
	when, _ := p["time"].(string)
	t, err := time.Parse(time.RFC3339Nano, when)
	if err != nil {
		return r, fmt.Errorf("audit record %d: time %q: %w", r.Seq, when, err)
	}
	r.Time = t
	return r, nil
}

// LastAudit returns the last record of the trail.
func (s *Store) LastAudit(ctx context.Context) (graph.AuditRecord, bool, error) {
	got, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := readAudit(ctx, tx, `MATCH (a:ShellnetAudit) RETURN a ORDER BY a.seq DESC LIMIT 1`, nil)
		return recs, err
	})
	if err != nil {
		return graph.AuditRecord{}, false, s.wrap("last audit record", err)
	}
	recs := got.([]graph.AuditRecord)
	if len(recs) == 0 {
		return graph.AuditRecord{}, false, nil
	}
	return recs[0], true, nil
}

// auditPage is how many records Audit reads a transaction.
const auditPage = 5000

// Audit calls fn for each record selected by f, in Seq order, reading
// them a page at a time.
func (s *Store) Audit(ctx context.Context, f graph.AuditFilter, fn func(graph.AuditRecord) error) error {
	params := map[string]any{"from": "", "to": "", "kinds": f.Kinds, "limit": int64(auditPage)}
	if !f.From.IsZero() {
		params["from"] = f.From.UTC().Format(auditTime)
	}
	if !f.To.IsZero() {
		params["to"] = f.To.UTC().Format(auditTime)
	}
	if f.Kinds == nil {
		params["kinds"] = []string{}
	}
	// a time bound is also a bound on seq, found in the time index, so that
	// the records outside it are never read
	first, last, ok, err := s.auditSeqs(ctx, f, params)
	if err != nil || !ok {
		return err
	}
	params["last"] = last
	after := max(f.After, first-1)
	for {
		params["after"] = after
		got, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			recs, err := readAudit(ctx, tx, `MATCH (a:ShellnetAudit) WHERE a.seq > $after AND a.seq <= $last
AND ($from = '' OR a.time >= $from) AND ($to = '' OR a.time < $to) AND (size($kinds) = 0 OR a.kind IN $kinds)
RETURN a ORDER BY a.seq LIMIT $limit`, params)
			return recs, err
		})
		if err != nil {
			return s.wrap("audit", err)
		}
		recs := got.([]graph.AuditRecord)
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(recs) < auditPage {
			return nil
		}
		after = recs[len(recs)-1].Seq
	}
}

// auditSeqs returns the first and last seq of the records in the time
// range f names, looked up in the time index (every seq when it names
// none); ok is false when no record is in it.
func (s *Store) auditSeqs(ctx context.Context, f graph.AuditFilter, params map[string]any) (first, last int64, ok bool, err error) {
	var where []string
	if !f.From.IsZero() {
		where = append(where, "a.time >= $from")
	}
	if !f.To.IsZero() {
		where = append(where, "a.time < $to")
	}
	if len(where) == 0 {
		return 0, math.MaxInt64, true, nil
	}
	got, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, `MATCH (a:ShellnetAudit) WHERE `+strings.Join(where, " AND ")+` RETURN min(a.seq), max(a.seq)`, params)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		return rec.Values, nil
	})
	if err != nil {
		return 0, 0, false, s.wrap("audit", err)
	}
	v := got.([]any)
	lo, ok1 := v[0].(int64)
	hi, ok2 := v[1].(int64)
	return lo, hi, ok1 && ok2, nil
}
