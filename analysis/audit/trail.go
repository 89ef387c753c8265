package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// Kinds of audit records.
const (
	KindScreening  = "screening"  // one supplier screened (Screening)
	KindDecision   = "decision"   // an analyst's finding about one match (Decision)
	KindRevocation = "revocation" // a decision withdrawn (Revocation)
)

// Trail is the audit trail of one store. It is safe for concurrent use;
// appends from other processes are detected by the store
// (graph.ErrAuditConflict) and retried on the new end of the trail.
type Trail struct {
	a   graph.Auditor
	now func() time.Time
	mu  sync.Mutex
	// seq and hash are the last record's as this Trail last appended or
	// read it, so that an append need not read back what the one before
	// wrote; known is false until read, and after an append failed.
	seq   int64
	hash  string
	known bool
}

// trails holds the one Trail of each store opened in this process, so
// that its appends wait on one lock instead of racing for the end of the
// trail.
var trails sync.Map

// Open returns the trail a store keeps (graph.AuditorOf finds a store's
// Auditor power); the same Trail for the same store.
func Open(a graph.Auditor) *Trail {
	t, _ := trails.LoadOrStore(a, &Trail{a: a, now: time.Now})
	return t.(*Trail)
}

// Entry is a record to append: its kind and its body, any value that
// encodes to JSON (Screening, Decision, Revocation).
type Entry struct {
	Kind string
	Body any
}

// timeLayout is the canonical form of a record's time: UTC, nanoseconds,
// fixed width.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// Hash is the hex SHA-256 of a record's canonical JSON encoding,
//
//	{"seq":SEQ,"time":"TIME","kind":"KIND","prev":"PREV","body":BODY}
//
// with no insignificant white space, TIME in UTC with nine decimals, and
// BODY as stored (the canonical encoding of the body: the fields of this
// package's types in their declared order, map keys sorted, no HTML
// escaping, as encoding/json writes them). Each record's hash covers the
// hash of the one before (prev), so a record changed, removed or inserted
// breaks the chain from there on: the hash chain of RFC 6962's
// append-only logs and of Crosby and Wallach, "Efficient Data Structures
// for Tamper-Evident Logging" (USENIX Security 2009), without the tree.
func Hash(r *graph.AuditRecord) string {
	var head [256]byte
	b := strconv.AppendInt(append(head[:0], `{"seq":`...), r.Seq, 10)
	b = append(b, `,"time":"`...)
	b = append(r.Time.UTC().AppendFormat(b, timeLayout), `","kind":`...)
	b = append(appendQuoted(b, r.Kind), `,"prev":`...)
	b = append(appendQuoted(b, r.Prev), `,"body":`...)
	h := sha256.New()
	h.Write(b)
	h.Write(r.Body)
	h.Write([]byte{'}'})
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// appendQuoted appends s as encoding/json writes a string without HTML
// escaping: printable ASCII other than the quote and the backslash as it
// is (the kinds, hashes and times of records), the rest through
// encoding/json.
func appendQuoted(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			q, _ := canonical(s)
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// canonical encodes v as JSON without HTML escaping or a final newline.
func canonical(v any) ([]byte, error) {
	var b bytes.Buffer
	err := appendCanonical(&b, v)
	return b.Bytes(), err
}

// appendCanonical writes the canonical encoding of v to b: a batch of
// records shares one buffer.
func appendCanonical(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // the newline Encode ends with
	return nil
}

// maxAttempts bounds the appends retried because another process
// appended first.
const maxAttempts = 100

// Append seals entries into records that continue the trail and appends
// them in one transaction, durably (Sync); it returns the records written.
func (t *Trail) Append(ctx context.Context, entries ...Entry) ([]graph.AuditRecord, error) {
	recs, err := t.append(ctx, entries)
	if err != nil {
		return nil, err
	}
	return recs, t.Sync(ctx)
}

// Sync makes the records appended so far survive a power loss, on a store
// that syncs its trail apart from its commits (graph.AuditSyncer): a run
// of appends syncs once, at its end.
func (t *Trail) Sync(ctx context.Context) error {
	if s, ok := t.a.(graph.AuditSyncer); ok {
		if err := s.SyncAudit(ctx); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	return nil
}

// append is Append without the sync.
func (t *Trail) append(ctx context.Context, entries []Entry) ([]graph.AuditRecord, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	ends := make([]int, len(entries))
	for i, e := range entries {
		if err := appendCanonical(&buf, e.Body); err != nil {
			return nil, fmt.Errorf("audit: encode a %s record: %w", e.Kind, err)
		}
		ends[i] = buf.Len()
	}
	bodies := make([][]byte, len(entries))
	start := 0
	for i, end := range ends {
		bodies[i] = buf.Bytes()[start:end:end]
		start = end
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if !t.known {
			last, _, err := t.a.LastAudit(ctx)
			if err != nil {
				return nil, fmt.Errorf("audit: %w", err)
			}
			t.seq, t.hash, t.known = last.Seq, last.Hash, true
		}
		seq, prev := t.seq, t.hash
		now := t.now().UTC()
		recs := make([]graph.AuditRecord, len(entries))
		for i, e := range entries {
			seq++
			r := graph.AuditRecord{Seq: seq, Time: now, Kind: e.Kind, Prev: prev, Body: bodies[i]}
			r.Hash = Hash(&r)
			prev = r.Hash
			recs[i] = r
		}
		err := t.a.AppendAudit(ctx, recs)
		if err != nil {
			t.known = false // read the end again
		}
		if errors.Is(err, graph.ErrAuditConflict) && attempt < maxAttempts {
			continue // another process appended first
		}
		if err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		t.seq, t.hash = seq, prev
		return recs, nil
	}
}

// Records calls fn for each record selected by f, in order.
func (t *Trail) Records(ctx context.Context, f graph.AuditFilter, fn func(graph.AuditRecord) error) error {
	if err := t.a.Audit(ctx, f, fn); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Verification is what Verify found.
type Verification struct {
	Records int64 `json:"records"` // records checked
	// Broken names the first record that breaks the chain; nil when the
	// whole trail holds.
	Broken *Break `json:"broken"`
}

// Break is the first record of a trail that fails its check.
type Break struct {
	Seq    int64     `json:"seq"`
	Time   time.Time `json:"time"`
	Kind   string    `json:"kind"`
	Reason string    `json:"reason"`
}

// Verify checks the whole chain: sequence numbers without gaps, each
// record's prev equal to the hash of the one before, and each record's
// hash equal to the hash of its content. It names the first record that
// fails; a record changed after it was written fails on its own hash.
func (t *Trail) Verify(ctx context.Context) (Verification, error) {
	var v Verification
	seq, prev := int64(0), ""
	err := t.a.Audit(ctx, graph.AuditFilter{}, func(r graph.AuditRecord) error {
		reason := ""
		switch {
		case r.Seq != seq+1:
			reason = fmt.Sprintf("follows record %d: records %d to %d are missing", seq, seq+1, r.Seq-1)
		case r.Prev != prev:
			reason = fmt.Sprintf("its link to record %d does not match that record's hash: a record was removed or inserted before it", seq)
		case Hash(&r) != r.Hash:
			reason = "its content does not match its hash: it was changed after it was recorded"
		case !json.Valid(r.Body):
			reason = "its body is not JSON"
		}
		if reason != "" {
			v.Broken = &Break{Seq: r.Seq, Time: r.Time, Kind: r.Kind, Reason: reason}
			return errStop
		}
		v.Records++
		seq, prev = r.Seq, r.Hash
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return v, fmt.Errorf("audit: verify: %w", err)
	}
	return v, nil
}
