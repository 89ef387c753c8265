package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/shellnet/shellnet/analysis/audit"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// This file records the server's screenings in the store's audit trail
// (Config.Audit), takes analysts' decisions (POST /decisions) and answers
// POST /screen?since=RUN with what changed since that run.

// runHeader names the audit run of a recorded /screen or /match answer,
// which a later POST /screen?since= compares with.
const runHeader = "X-Shellnet-Run"

// recording is an engine whose screenings are recorded, under one run,
// with the decisions in force applied to what the trail keeps.
type recording struct {
	engine
	trail *audit.Trail
	run   audit.Run
	mu    sync.Mutex // the session serves one screening at a time
	ss    *audit.Session
}

// trail is the audit trail of the server's store.
func (s *Server) trail() (*audit.Trail, error) {
	a, err := graph.AuditorOf(s.cfg.Store)
	if err != nil {
		return nil, err
	}
	return audit.Open(a), nil
}

// record returns e recording under a new run of list, with the audit
// session on e's snapshot; the response names the run.
func (s *Server) record(ctx context.Context, w http.ResponseWriter, e engine, list string) (*recording, error) {
	tr, err := s.trail()
	if err != nil {
		return nil, err
	}
	se, ok := e.(*screenEngine)
	if !ok {
		return nil, fmt.Errorf("server: %T keeps no screener to record the settings of", e)
	}
	basis := se.basis
	ss, err := tr.NewSession(ctx, basis, e.Entity)
	if err != nil {
		return nil, err
	}
	rec := &recording{engine: e, trail: tr, ss: ss, run: audit.Run{ID: audit.NewRunID(time.Now()), List: list, Who: s.who(), Via: "server"}}
	w.Header().Set(runHeader, rec.run.ID)
	return rec, nil
}

// Screen screens q and records it.
func (a *recording) Screen(ctx context.Context, q screen.Query) (screen.Result, error) {
	r, err := a.engine.Screen(ctx, q)
	if err != nil {
		return r, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	rec, err := a.ss.Screening(ctx, a.run, q, r)
	if err != nil {
		return r, err
	}
	_, err = a.trail.Append(ctx, audit.Entry{Kind: audit.KindScreening, Body: &rec})
	return r, err
}

// ScreenAll screens qs, records each screening, and emits each result
// once it is recorded.
func (a *recording) ScreenAll(ctx context.Context, qs []screen.Query, emit func(screen.Result) error) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.ss.ScreenAll(ctx, a.engine, qs, a.run, func(rec audit.Screening) error { return emit(rec.Outcome.Result) })
}

// who is the name the trail records the server's screenings and
// decisions under.
func (s *Server) who() string {
	if s.cfg.Who != "" {
		return s.cfg.Who
	}
	return "server"
}

// audited records the screenings of h in the trail when the server runs
// with Config.Audit.
func audited(h handler) handler {
	return func(s *Server, w http.ResponseWriter, r *http.Request, e engine) error {
		if !s.cfg.Audit {
			return h(s, w, r, e)
		}
		rec, err := s.record(r.Context(), w, e, r.URL.Query().Get("list"))
		if err != nil {
			return err
		}
		return h(s, w, r, rec)
	}
}

// handleScreenAudited is POST /screen: recorded with Config.Audit, and
// with since=RUN the changes since that run (audit.Change, one a line)
// instead of the verdicts.
func handleScreenAudited(s *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	since := r.URL.Query().Get("since")
	if since == "" {
		return audited(handleScreen)(s, w, r, e)
	}
	if !s.cfg.Audit {
		return badRequest("since: this server does not record screenings; run it with --audit")
	}
	qs, err := readList(r, s.cfg.MaxScreen)
	if err != nil {
		return err
	}
	tr, err := s.trail()
	if err != nil {
		return err
	}
	prevRun, prev, err := tr.RunOf(r.Context(), since)
	if err != nil {
		return err
	}
	if len(prev) == 0 {
		return notFoundf("since=%q: no run recorded with that ID (the %s header of a recorded answer names its run)", since, runHeader)
	}
	rec, err := s.record(r.Context(), w, e, prevRun.List)
	if err != nil {
		return err
	}
	var now []audit.Screening
	if err := rec.ss.ScreenAll(r.Context(), rec.engine, qs, rec.run, func(sc audit.Screening) error { now = append(now, sc); return nil }); err != nil {
		return err
	}
	changes, err := audit.Diff(r.Context(), prev, now, e.Entity)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range changes {
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return nil
}

// decisionRequest is the body of POST /decisions.
type decisionRequest struct {
	Supplier string `json:"supplier"` // the supplier's name
	ID       string `json:"id"`       // its id in its list, when the list has one
	Match    string `json:"match"`    // the matched party's entity ID
	Finding  string `json:"finding"`  // false_positive or true_positive
	Note     string `json:"note"`
	Analyst  string `json:"analyst"` // who decided, recorded beside the token's name
}

// handleDecision records an analyst's decision about a supplier's match,
// on the facts of the current snapshot.
func handleDecision(s *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	var req decisionRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return badRequest("decision: %v: want {\"supplier\",\"match\",\"finding\",\"note\"}", err)
	}
	req.Supplier, req.Match, req.Note = strings.TrimSpace(req.Supplier), strings.TrimSpace(req.Match), strings.TrimSpace(req.Note)
	switch {
	case req.Supplier == "" || len(req.Supplier) > maxNameBytes:
		return badRequest("decision: supplier: give the supplier's name (at most %d bytes)", maxNameBytes)
	case req.Match == "":
		return badRequest("decision: match: give the entity ID of the matched party (POST /screen shows it)")
	case req.Finding != audit.FalsePositive && req.Finding != audit.TruePositive:
		return badRequest("decision: finding %q: want %s or %s", req.Finding, audit.FalsePositive, audit.TruePositive)
	case req.Note == "":
		return badRequest("decision: note: say what was checked; the audit trail records why")
	}
	tr, err := s.trail()
	if err != nil {
		return err
	}
	q := screen.Query{Name: req.Supplier, ID: strings.TrimSpace(req.ID)}
	res, err := e.Screen(r.Context(), q)
	if err != nil {
		return err
	}
	facts, err := audit.DecisionFacts(r.Context(), res, req.Match, e.Entity)
	if errors.Is(err, audit.ErrNotMatched) {
		return &apiError{http.StatusConflict, err.Error()}
	}
	if err != nil {
		return err
	}
	who := s.who()
	if a := strings.TrimSpace(req.Analyst); a != "" {
		who = a + " (token " + who + ")"
	}
	d, err := tr.Decide(r.Context(), audit.Decision{Supplier: audit.SupplierKey(q), Match: req.Match, Finding: req.Finding, Note: req.Note, Who: who, Facts: facts})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, d)
}
