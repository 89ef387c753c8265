package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// Findings of a decision.
const (
	FalsePositive = "false_positive" // the supplier is not the matched party
	TruePositive  = "true_positive"  // it is
)

// Decision is the body of a decision record: an analyst's finding about
// one supplier and one matched party, with the facts it was taken on.
type Decision struct {
	Supplier string `json:"supplier"` // SupplierKey
	Match    string `json:"match"`    // the matched entity's ID
	Finding  string `json:"finding"`  // FalsePositive or TruePositive
	Note     string `json:"note"`
	Who      string `json:"who"`
	Facts    *Facts `json:"facts"`
}

// Revocation is the body of a record that withdraws a decision.
type Revocation struct {
	Decision int64  `json:"decision"` // the decision record's Seq
	Note     string `json:"note"`
	Who      string `json:"who"`
}

// DecisionRef is a decision in force as a screening shows it.
type DecisionRef struct {
	ID      int64     `json:"id"` // the decision record's Seq
	Finding string    `json:"finding"`
	Who     string    `json:"who"`
	When    time.Time `json:"when"`
	Note    string    `json:"note"`
}

// Recorded is a decision with its record's Seq and time, and its
// revocation when it was revoked.
type Recorded struct {
	Decision
	ID      int64       `json:"id"`
	When    time.Time   `json:"when"`
	Revoked *Revocation `json:"revoked,omitempty"`
}

// ErrNoDecision is wrapped by Revoke's error for an ID that names no
// decision in force.
var ErrNoDecision = errors.New("no such decision in force")

// Decide records d; its Finding must be FalsePositive or TruePositive and
// it must name a supplier, a match and who decided.
func (t *Trail) Decide(ctx context.Context, d Decision) (Recorded, error) {
	switch {
	case d.Finding != FalsePositive && d.Finding != TruePositive:
		return Recorded{}, fmt.Errorf("audit: decision finding %q: want %s or %s", d.Finding, FalsePositive, TruePositive)
	case d.Supplier == "" || d.Match == "" || strings.TrimSpace(d.Who) == "":
		return Recorded{}, errors.New("audit: a decision names a supplier, the matched party and who decided")
	}
	recs, err := t.Append(ctx, Entry{Kind: KindDecision, Body: d})
	if err != nil {
		return Recorded{}, err
	}
	return Recorded{Decision: d, ID: recs[0].Seq, When: recs[0].Time}, nil
}

// Revoke records that the decision with record Seq id no longer holds.
func (t *Trail) Revoke(ctx context.Context, id int64, who, note string) error {
	ds, err := t.Decisions(ctx, true)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(ds, func(d Recorded) bool { return d.ID == id && d.Revoked == nil })
	if i < 0 {
		return fmt.Errorf("audit: decision %d: %w (shellnet decide --list shows them)", id, ErrNoDecision)
	}
	_, err = t.Append(ctx, Entry{Kind: KindRevocation, Body: Revocation{Decision: id, Note: note, Who: who}})
	return err
}

// Decisions returns the decisions recorded, oldest first: those in force,
// or all of them with their revocations when all is true.
func (t *Trail) Decisions(ctx context.Context, all bool) ([]Recorded, error) {
	var out []Recorded
	at := map[int64]int{}
	err := t.Records(ctx, graph.AuditFilter{Kinds: []string{KindDecision, KindRevocation}}, func(r graph.AuditRecord) error {
		switch r.Kind {
		case KindDecision:
			var d Decision
			if err := json.Unmarshal(r.Body, &d); err != nil {
				return fmt.Errorf("record %d: %w", r.Seq, err)
			}
			at[r.Seq] = len(out)
			out = append(out, Recorded{Decision: d, ID: r.Seq, When: r.Time})
		case KindRevocation:
			var v Revocation
			if err := json.Unmarshal(r.Body, &v); err != nil {
				return fmt.Errorf("record %d: %w", r.Seq, err)
			}
			if i, ok := at[v.Decision]; ok {
				out[i].Revoked = &v
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if all {
		return out, nil
	}
	return slices.DeleteFunc(out, func(d Recorded) bool { return d.Revoked != nil }), nil
}

// Book is the decisions in force, by supplier and match; a later decision
// about the same pair replaces an earlier one.
type Book map[[2]string]Recorded

// BookOf indexes decisions in force.
func BookOf(ds []Recorded) Book {
	b := Book{}
	for _, d := range ds {
		if d.Revoked == nil {
			b[[2]string{d.Supplier, d.Match}] = d
		}
	}
	return b
}

// Apply shows r as an analyst's decision about its match makes it: a
// match cleared as a false positive is shown "cleared" while the facts
// behind it (now) hold, and raised again, with what changed, when they do
// not; a true positive is shown beside the verdict.
func (b Book) Apply(supplier string, r screen.Result, now *Facts, basis *Basis) Outcome {
	o := Outcome{Result: r, Verdict: r.Verdict.String(), Standing: r.Verdict}
	if r.Match == nil {
		return o
	}
	d, ok := b[[2]string{supplier, r.Match.ID}]
	if !ok {
		return o
	}
	o.Decision = &DecisionRef{ID: d.ID, Finding: d.Finding, Who: d.Who, When: d.When, Note: d.Note}
	if d.Finding != FalsePositive || r.Verdict == screen.Clear {
		return o
	}
	if o.Raised = changes(d.Facts, now, basis); len(o.Raised) == 0 {
		o.Verdict = Cleared
	}
	return o
}
