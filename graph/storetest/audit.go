package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// Audit is the conformance suite of graph.Auditor: a store that keeps an
// audit trail keeps records exactly as given, in order, refuses records
// that do not continue the trail (writing none of a refused batch),
// selects by time, kind and sequence, and never moves its Version for it.
func Audit(t *testing.T, open func(t *testing.T) graph.Store) {
	ctx := context.Background()
	s := open(t)
	t.Cleanup(func() { s.Close(ctx) })
	a, ok := s.(graph.Auditor)
	if !ok {
		t.Fatalf("%T is not a graph.Auditor", s)
	}
	if _, ok, err := a.LastAudit(ctx); err != nil || ok {
		t.Fatalf("a new store's trail: last record found %v, error %v; want none", ok, err)
	}
	if got := auditOf(t, a, graph.AuditFilter{}); len(got) != 0 {
		t.Fatalf("a new store's trail holds %d records", len(got))
	}
	load(t, s)
	v0, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 3, 1, 9, 30, 0, 123456789, time.UTC)
	var recs []graph.AuditRecord
	prev := ""
	for i := range 5 {
		kind := "screening"
		if i == 3 {
			kind = "decision"
		}
		r := graph.AuditRecord{Seq: int64(i + 1), Time: base.Add(time.Duration(i) * 24 * time.Hour), Kind: kind, Prev: prev,
			Hash: fmt.Sprintf("%064x", i+1), Body: json.RawMessage(fmt.Sprintf(`{"n":%d,"name":"Ünïcode \"quoted\" <b>"}`, i))}
		prev = r.Hash
		recs = append(recs, r)
	}
	if err := a.AppendAudit(ctx, recs[:2]); err != nil {
		t.Fatal(err)
	}
	// a batch whose second record breaks the chain is refused whole
	bad := []graph.AuditRecord{recs[2], recs[3]}
	bad[1].Prev = "0000"
	if err := a.AppendAudit(ctx, bad); !errors.Is(err, graph.ErrAuditConflict) {
		t.Errorf("a record with the wrong Prev: error %v, want one wrapping graph.ErrAuditConflict", err)
	}
	// a record that repeats a sequence number (another writer was first)
	if err := a.AppendAudit(ctx, recs[1:3]); !errors.Is(err, graph.ErrAuditConflict) {
		t.Errorf("a repeated sequence number: error %v, want one wrapping graph.ErrAuditConflict", err)
	}
	if got := auditOf(t, a, graph.AuditFilter{}); len(got) != 2 {
		t.Fatalf("after refused appends the trail holds %d records, want 2", len(got))
	}
	if err := a.AppendAudit(ctx, recs[2:]); err != nil {
		t.Fatal(err)
	}
	if sy, ok := s.(graph.AuditSyncer); ok {
		if err := sy.SyncAudit(ctx); err != nil {
			t.Fatalf("sync the trail: %v", err)
		}
	}
	sameJSON(t, "audit round trip", auditOf(t, a, graph.AuditFilter{}), recs)
	last, ok, err := a.LastAudit(ctx)
	if err != nil || !ok {
		t.Fatalf("last record: %v, found %v", err, ok)
	}
	sameJSON(t, "last audit record", last, recs[4])
	seqs := func(f graph.AuditFilter) []int64 {
		var out []int64
		for _, r := range auditOf(t, a, f) {
			out = append(out, r.Seq)
		}
		return out
	}
	sameJSON(t, "records from day 2 to day 4", seqs(graph.AuditFilter{From: base.Add(24 * time.Hour), To: base.Add(3 * 24 * time.Hour)}), []int64{2, 3})
	sameJSON(t, "records from day 4", seqs(graph.AuditFilter{From: base.Add(3 * 24 * time.Hour)}), []int64{4, 5})
	sameJSON(t, "records before day 2", seqs(graph.AuditFilter{To: base.Add(24 * time.Hour)}), []int64{1})
	sameJSON(t, "records after the last", seqs(graph.AuditFilter{From: base.Add(10 * 24 * time.Hour)}), []int64(nil))
	sameJSON(t, "records from day 2 after 3", seqs(graph.AuditFilter{From: base.Add(24 * time.Hour), After: 3}), []int64{4, 5})
	sameJSON(t, "decisions", seqs(graph.AuditFilter{Kinds: []string{"decision"}}), []int64{4})
	sameJSON(t, "after 3", seqs(graph.AuditFilter{After: 3}), []int64{4, 5})
	if v, err := s.Version(ctx); err != nil || v != v0 {
		t.Errorf("version %d after audit appends (error %v), want %d: the trail is not the graph", v, err, v0)
	}
}

func auditOf(t *testing.T, a graph.Auditor, f graph.AuditFilter) []graph.AuditRecord {
	t.Helper()
	var out []graph.AuditRecord
	if err := a.Audit(context.Background(), f, func(r graph.AuditRecord) error { out = append(out, r); return nil }); err != nil {
		t.Fatalf("audit: %v", err)
	}
	return out
}
