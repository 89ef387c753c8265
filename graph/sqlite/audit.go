package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
)

var _ graph.Auditor = (*Store)(nil)

// auditSchema is the audit trail's table, created by the first append so
// that stores never audited carry none. Times are written with a fixed
// width so that their text sorts as they do; audit_kind finds the few
// decisions among many screenings without reading the trail.
const auditSchema = `
CREATE TABLE IF NOT EXISTS audit(
	seq INTEGER PRIMARY KEY,
	time TEXT NOT NULL,
	kind TEXT NOT NULL,
	prev TEXT NOT NULL,
	hash TEXT NOT NULL,
	body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_time ON audit(time);
CREATE INDEX IF NOT EXISTS audit_kind ON audit(kind, seq);
`

const auditTime = "2006-01-02T15:04:05.000000000Z"

// AppendAudit appends recs in one transaction on the writer connection,
// after checking that they continue the trail. It leaves the store's
// version as it is. The commit survives a crash of the process at once,
// a power loss once SyncAudit returns.
func (s *Store) AppendAudit(ctx context.Context, recs []graph.AuditRecord) error {
	if len(recs) == 0 {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.wr.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("graph/sqlite: append audit: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, auditSchema); err != nil {
		return fmt.Errorf("graph/sqlite: append audit: create table: %w", err)
	}
	var last graph.AuditRecord
	err = tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&last.Seq, &last.Hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("graph/sqlite: append audit: %w", err)
	}
	if err := graph.CheckAuditAppend(last, err == nil, recs); err != nil {
		return fmt.Errorf("graph/sqlite: append audit at %d: %w", recs[0].Seq, err)
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO audit(seq, time, kind, prev, hash, body) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("graph/sqlite: append audit: %w", err)
	}
	defer st.Close()
	for _, r := range recs {
		if _, err := st.ExecContext(ctx, r.Seq, r.Time.UTC().Format(auditTime), r.Kind, r.Prev, r.Hash, []byte(r.Body)); err != nil {
			return fmt.Errorf("graph/sqlite: append audit %d: %w", r.Seq, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("graph/sqlite: append audit: commit: %w", err)
	}
	return nil
}

var _ graph.AuditSyncer = (*Store)(nil)

// SyncAudit makes the records appended so far survive a power loss or a
// crash of the system. The store commits in WAL mode with
// synchronous=NORMAL, which keeps a commit across a crash of the process
// but may roll it back after a power loss, until the WAL file is synced
// (at a checkpoint, which also syncs the database file); synchronous=FULL
// would sync the WAL file at every commit (SQLite, "PRAGMA synchronous",
// https://www.sqlite.org/pragma.html#pragma_synchronous). SyncAudit syncs
// the WAL file, and the database file for what a checkpoint moved there,
// once, when a run of appends is over.
func (s *Store) SyncAudit(ctx context.Context) error {
	for _, name := range []string{s.path + "-wal", s.path} {
		f, err := os.Open(name)
		if errors.Is(err, os.ErrNotExist) && name != s.path {
			continue // no WAL file: everything is in the database file
		}
		if err != nil {
			return fmt.Errorf("graph/sqlite: sync the audit trail: %w", err)
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("graph/sqlite: sync the audit trail: %w", err)
		}
	}
	return nil
}

// LastAudit returns the last record of the trail.
func (s *Store) LastAudit(ctx context.Context) (graph.AuditRecord, bool, error) {
	var out graph.AuditRecord
	found := false
	err := scanAudit(ctx, s.rd, `SELECT seq, time, kind, prev, hash, body FROM audit ORDER BY seq DESC LIMIT 1`, nil, func(r graph.AuditRecord) error {
		out, found = r, true
		return nil
	})
	if err != nil {
		return out, found, fmt.Errorf("graph/sqlite: last audit record: %w", err)
	}
	return out, found, nil
}

// Audit calls fn for each record selected by f, in Seq order. A store
// never audited has an empty trail.
func (s *Store) Audit(ctx context.Context, f graph.AuditFilter, fn func(graph.AuditRecord) error) error {
	var where []string
	args := []any{f.After}
	where = append(where, "seq > ?")
	// a time bound is also a bound on seq, found in the time index, so that
	// the records outside it are never read
	if !f.From.IsZero() {
		from := f.From.UTC().Format(auditTime)
		where = append(where, "seq >= (SELECT min(seq) FROM audit INDEXED BY audit_time WHERE time >= ?)", "time >= ?")
		args = append(args, from, from)
	}
	if !f.To.IsZero() {
		to := f.To.UTC().Format(auditTime)
		where = append(where, "seq <= (SELECT max(seq) FROM audit INDEXED BY audit_time WHERE time < ?)", "time < ?")
		args = append(args, to, to)
	}
	if len(f.Kinds) > 0 {
		where = append(where, "kind IN ("+placeholders(len(f.Kinds))+")")
		args = append(args, anys(f.Kinds)...)
	}
	q := `SELECT seq, time, kind, prev, hash, body FROM audit WHERE ` + strings.Join(where, " AND ") + ` ORDER BY seq`
	if err := scanAudit(ctx, s.rd, q, args, fn); err != nil {
		return fmt.Errorf("graph/sqlite: audit: %w", err)
	}
	return nil
}

// scanAudit runs a query of audit rows; a store whose trail was never
// written (no audit table: it is created on the first append) has an empty
// trail.
func scanAudit(ctx context.Context, q querier, query string, args []any, fn func(graph.AuditRecord) error) error {
	tables, err := q.QueryContext(ctx, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'`)
	if err != nil {
		return err
	}
	exists := tables.Next()
	if err := errors.Join(tables.Err(), tables.Close()); err != nil {
		return err
	}
	if !exists {
		return nil
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r graph.AuditRecord
		var when string
		var body []byte
		if err := rows.Scan(&r.Seq, &when, &r.Kind, &r.Prev, &r.Hash, &body); err != nil {
			return err
		}
		if r.Time, err = time.Parse(time.RFC3339Nano, when); err != nil {
			return fmt.Errorf("record %d: time %q: %w", r.Seq, when, err)
		}
		r.Body = body
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
