package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// AuditRecord is one entry of an audit trail as a store keeps it: what was
// screened or decided (Body, canonical JSON written by analysis/audit), when,
// and the SHA-256 chain that makes the trail tamper-evident. The store
// keeps records as given and checks only that they continue the trail;
// analysis/audit computes and verifies the hashes.
type AuditRecord struct {
	Seq  int64           `json:"seq"`  // 1 for the first record, then one more each
	Time time.Time       `json:"time"` // when it was recorded, UTC
	Kind string          `json:"kind"` // "screening", "decision", "revocation"…
	Prev string          `json:"prev"` // Hash of the record before, "" for the first
	Hash string          `json:"hash"` // hex SHA-256 of this record (see analysis/audit)
	Body json.RawMessage `json:"body"`
}

// AuditFilter selects audit records; zero fields select all.
type AuditFilter struct {
	From  time.Time // recorded at or after
	To    time.Time // recorded before
	Kinds []string  // of these kinds
	After int64     // with Seq above
}

// Auditor is the optional power of a store that keeps an audit trail
// beside the graph, so that the record of what was screened travels with
// the data it was screened against. Appending to the trail does not
// change the store's Version: a record says what was done with the graph,
// it is not part of it.
type Auditor interface {
	// AppendAudit appends recs in one transaction. They must continue the
	// trail: the first's Seq one above the last stored record's (1 on an
	// empty trail) and its Prev that record's Hash, each next record one
	// above the one before. Otherwise nothing is written and the error
	// wraps ErrAuditConflict (another writer appended first: read the
	// last record again and retry).
	AppendAudit(ctx context.Context, recs []AuditRecord) error
	// LastAudit returns the last record of the trail; ok is false when
	// the trail is empty.
	LastAudit(ctx context.Context) (rec AuditRecord, ok bool, err error)
	// Audit calls fn for each record selected by f, in Seq order.
	Audit(ctx context.Context, f AuditFilter, fn func(AuditRecord) error) error
}

// AuditSyncer is the optional power of an Auditor whose appends, once
// committed, survive a crash of the process but not yet a crash of the
// system or a power loss (SQLite's WAL mode with synchronous=NORMAL):
// SyncAudit makes every record appended so far survive those too. An
// Auditor without it commits durably.
type AuditSyncer interface {
	SyncAudit(ctx context.Context) error
}

// ErrNoAuditor is wrapped by AuditorOf's error for a store that keeps no
// audit trail.
var ErrNoAuditor = errors.New("the store keeps no audit trail")

// AuditorOf returns s's Auditor power, or an error wrapping ErrNoAuditor
// that says which stores have it.
func AuditorOf(s Store) (Auditor, error) {
	a, ok := s.(Auditor)
	if !ok {
		return nil, fmt.Errorf("graph: %T: %w: use the embedded store or Neo4j", s, ErrNoAuditor)
	}
	return a, nil
}

// ErrAuditConflict is wrapped by AppendAudit's error when the records do
// not continue the trail as stored.
var ErrAuditConflict = errors.New("audit records do not continue the trail")

// CheckAuditAppend checks that recs continue a trail whose last record is
// last (ok false: an empty trail); stores call it in AppendAudit.
func CheckAuditAppend(last AuditRecord, ok bool, recs []AuditRecord) error {
	seq, prev := int64(0), ""
	if ok {
		seq, prev = last.Seq, last.Hash
	}
	for i := range recs {
		r := &recs[i]
		if r.Seq != seq+1 || r.Prev != prev || r.Hash == "" {
			return ErrAuditConflict
		}
		seq, prev = r.Seq, r.Hash
	}
	return nil
}
