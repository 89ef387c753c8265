package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// Screener screens a list in parallel and gives the results in input
// order (analysis/screen's Screener).
type Screener interface {
	ScreenAll(ctx context.Context, qs []screen.Query, fn func(screen.Result) error) error
}

// Session screens with the decisions in force applied, and records every
// screening in the trail. One session serves one basis (store version and
// settings); it is not safe for concurrent use.
type Session struct {
	trail *Trail
	basis Basis
	book  Book
	ents  Entities
}

// batch is how many screenings are appended in one transaction.
const batch = 1024

// behind is how many batches the trail's writer may fall behind the
// screening before the screening waits: a slow commit (a disk busy
// syncing) does not stop the screening.
const behind = 4

// NewSession reads the decisions in force. ents reads the listings of
// matched parties (the facts decisions rest on); the session reads each
// party once.
func (t *Trail) NewSession(ctx context.Context, basis Basis, ents Entities) (*Session, error) {
	ds, err := t.Decisions(ctx, false)
	if err != nil {
		return nil, err
	}
	return &Session{trail: t, basis: basis, book: BookOf(ds), ents: memo(ents)}, nil
}

// Screening makes the record of one result: the outcome decisions make
// of it and the facts behind its match.
func (s *Session) Screening(ctx context.Context, run Run, q screen.Query, r screen.Result) (Screening, error) {
	key := SupplierKey(q)
	f, err := s.factsOf(ctx, &r)
	if err != nil {
		return Screening{}, err
	}
	return Screening{
		Run: run, Supplier: key, Basis: s.basis, Facts: f,
		Query:   Query{Name: q.Name, ID: q.ID, Country: q.Country, Reference: q.Reference, Line: q.Line},
		Outcome: s.book.Apply(key, r, f, &s.basis),
	}, nil
}

// factsOf reads the facts of r's match.
func (s *Session) factsOf(ctx context.Context, r *screen.Result) (*Facts, error) {
	if r.Match == nil {
		return nil, nil
	}
	return FactsOf(ctx, r, s.ents)
}

// memo reads each entity once through ents; a session serves one
// screening at a time, so the map needs no lock.
func memo(ents Entities) Entities {
	seen := map[string]graph.Entity{}
	return func(ctx context.Context, id string) (graph.Entity, error) {
		if e, ok := seen[id]; ok {
			return e, nil
		}
		e, err := ents(ctx, id)
		if err == nil {
			seen[id] = e
		}
		return e, err
	}
}

// ScreenAll screens qs with sc, records each screening under run, and
// calls fn with each record in input order once it is in the trail (from
// another goroutine than the caller's, one call at a time).
//
// The trail is a pipeline beside the screening: the screener hands the
// results, a batch at a time, to a writer goroutine over a bounded
// channel, and goes on screening while the writer makes the records,
// hashes them and appends them, a batch a transaction; the screening
// waits only when the writer falls further behind than the channel holds.
// ScreenAll returns once every record is in the trail, or with the first
// error of either side: a failed append (or an error of fn) stops the
// screening, and the records appended before it keep a chain that
// verifies.
func (s *Session) ScreenAll(ctx context.Context, sc Screener, qs []screen.Query, run Run, fn func(Screening) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	batches := make(chan []screen.Result, behind)
	written := make(chan struct{})
	var panicked any // a panic of fn, raised again in the caller's goroutine
	go func() {
		defer close(written)
		defer func() {
			if panicked = recover(); panicked != nil {
				cancel(errors.New("audit: the screening's output panicked"))
			}
		}()
		if err := s.record(ctx, qs, run, batches, fn); err != nil {
			cancel(err)
		}
	}()
	send := func(rs []screen.Result) error {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		select {
		case batches <- rs:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	rs := make([]screen.Result, 0, batch)
	err := sc.ScreenAll(ctx, qs, func(r screen.Result) error {
		if rs = append(rs, r); len(rs) < batch {
			return nil
		}
		full := rs
		rs = make([]screen.Result, 0, batch)
		return send(full)
	})
	if err == nil && len(rs) > 0 {
		err = send(rs)
	}
	if err != nil {
		cancel(fmt.Errorf("audit: %w", err))
	}
	close(batches)
	<-written
	if panicked != nil {
		panic(panicked)
	}
	if ctx.Err() != nil {
		return context.Cause(ctx) // the first error
	}
	return nil
}

// record makes the record of each result of each batch, appends the batch
// in one transaction, and calls fn with each record once it is in the
// trail; at the end it syncs the trail once (Trail.Sync). It stops when
// ctx is done, leaving the rest unrecorded.
func (s *Session) record(ctx context.Context, qs []screen.Query, run Run, batches <-chan []screen.Result, fn func(Screening) error) error {
	recs := make([]Screening, 0, batch)
	entries := make([]Entry, 0, batch)
	i := 0
	for rs := range batches {
		if ctx.Err() != nil {
			return nil
		}
		recs, entries = recs[:0], entries[:0]
		for _, r := range rs {
			rec, err := s.Screening(ctx, run, qs[i], r)
			i++
			if err != nil {
				return err
			}
			recs = append(recs, rec)
		}
		for k := range recs {
			entries = append(entries, Entry{Kind: KindScreening, Body: &recs[k]})
		}
		if _, err := s.trail.append(ctx, entries); err != nil {
			return err
		}
		for _, rec := range recs {
			if err := fn(rec); err != nil {
				return err
			}
		}
	}
	if ctx.Err() != nil {
		return nil
	}
	return s.trail.Sync(ctx)
}

// LastRun returns the last run of list recorded, with its screenings
// (none when the list was never screened). It reads the trail back from
// its end only as far as that run: the last screening of the list is
// looked for among the last runWindow records, then twice as many, and so
// on; the run's screenings are read from the time its ID names (RunOf).
func (t *Trail) LastRun(ctx context.Context, list string) (Run, []Screening, error) {
	end, ok, err := t.a.LastAudit(ctx)
	if err != nil || !ok {
		return Run{}, nil, err
	}
	needle := field("list", list)
	var last Run
	for w := int64(runWindow); last.ID == ""; w *= 2 {
		after := max(end.Seq-w, 0)
		err := t.Records(ctx, graph.AuditFilter{After: after, Kinds: []string{KindScreening}}, func(r graph.AuditRecord) error {
			if !bytes.Contains(r.Body, needle) {
				return nil
			}
			var head struct {
				Run Run `json:"run"`
			}
			if err := unmarshal(r, &head); err != nil {
				return err
			}
			if head.Run.List == list {
				last = head.Run
			}
			return nil
		})
		if err != nil {
			return Run{}, nil, err
		}
		if after == 0 && last.ID == "" {
			return Run{}, nil, nil // never screened
		}
	}
	return t.RunOf(ctx, last.ID)
}

// runWindow is how many records LastRun reads back first.
const runWindow = 4096

// runMargin is how long before the time its ID names a run's first record
// may be recorded: a clock set back while the run went on.
const runMargin = time.Hour

// RunOf returns the run with this ID and its screenings. A run ID of
// NewRunID names when the run began, and only the records since then (less
// runMargin) are read; the whole trail for an ID of another form.
func (t *Trail) RunOf(ctx context.Context, id string) (Run, []Screening, error) {
	f := graph.AuditFilter{Kinds: []string{KindScreening}}
	if began, err := time.Parse(runIDTime, id[:min(len(id), len(runIDTime))]); err == nil {
		f.From = began.Add(-runMargin)
	}
	needle := field("id", id)
	var run Run
	var out []Screening
	err := t.Records(ctx, f, func(r graph.AuditRecord) error {
		if !bytes.Contains(r.Body, needle) {
			return nil
		}
		var sc Screening
		if err := unmarshal(r, &sc); err != nil {
			return err
		}
		if sc.Run.ID == id {
			run = sc.Run
			out = append(out, sc)
		}
		return nil
	})
	return run, out, err
}

// field is the canonical encoding of one string member, "name":"value":
// a body that lacks it cannot hold that value there, and is not decoded.
// An empty value is left out of the encoding (omitempty): nil, which
// every body contains.
func field(name, value string) []byte {
	if value == "" {
		return nil
	}
	return appendQuoted(append(appendQuoted(nil, name), ':'), value)
}
