package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// ErrReleasesGone is wrapped by Replay's error when the store no longer
// holds, as current, a release the screening was computed on.
var ErrReleasesGone = errors.New("the releases the screening was computed on are no longer current")

// Replayed is a past screening computed again.
type Replayed struct {
	Seq      int64         `json:"seq"`
	Same     bool          `json:"same"`
	Recorded screen.Result `json:"recorded"`
	Now      screen.Result `json:"now"`
	// Differences says what differs, in the words a person reads.
	Differences []string `json:"differences"`
}

// Screen computes one screening with the recorded settings (a Screener
// built on a snapshot of the store as it is, with those settings; see
// Settings.Parse).
type Screen func(ctx context.Context, set Settings, q screen.Query) (screen.Result, error)

// Replay recomputes the screening recorded as record seq against the
// releases it names, which must still be the store's current ones
// (basis: the store now), and says whether the answer is the same: the
// verdict, the match and its score, the distance, the evidence paths and
// the shares that block.
func (t *Trail) Replay(ctx context.Context, seq int64, basis Basis, run Screen) (Replayed, error) {
	var rec *Screening
	err := t.Records(ctx, graph.AuditFilter{After: seq - 1}, func(r graph.AuditRecord) error {
		if r.Seq != seq {
			return errStop
		}
		if r.Kind != KindScreening {
			return fmt.Errorf("audit: record %d is a %s, not a screening", seq, r.Kind)
		}
		rec = &Screening{}
		if err := unmarshal(r, rec); err != nil {
			return err
		}
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return Replayed{}, err
	}
	if rec == nil {
		return Replayed{}, fmt.Errorf("audit: no record %d (shellnet audit export lists them)", seq)
	}
	for _, r := range rec.Basis.Releases {
		if now, ok := basis.release(r.Dataset); !ok || now.Key != r.Key {
			return Replayed{}, fmt.Errorf("audit: record %d was computed on release %s: %w; load that release again to replay it", seq, r.Label, ErrReleasesGone)
		}
	}
	// the supporting fields the query gave are echoed in the recorded result
	q := screen.Query{Name: rec.Query.Name, ID: rec.Query.ID, Country: rec.Query.Country, Reference: rec.Query.Reference, Line: rec.Query.Line,
		BirthDate: rec.Outcome.BirthDate, Identifier: rec.Outcome.Identifier}
	now, err := run(ctx, rec.Basis.Settings, q)
	if err != nil {
		return Replayed{}, err
	}
	out := Replayed{Seq: seq, Recorded: rec.Outcome.result(), Now: now}
	out.Differences = compare(&out.Recorded, &now)
	out.Same = len(out.Differences) == 0
	if !out.Same {
		for _, r := range basis.Releases {
			if _, ok := rec.Basis.release(r.Dataset); !ok {
				out.Differences = append(out.Differences, fmt.Sprintf("the store now also holds %s, which the screening was not computed on", r.Label))
			}
		}
	}
	return out, nil
}

var errStop = errors.New("stop")

// compare lists how b differs from a.
func compare(a, b *screen.Result) []string {
	var out []string
	if a.Verdict != b.Verdict {
		out = append(out, fmt.Sprintf("verdict %s, recorded %s", b.Verdict, a.Verdict))
	}
	am, bm := "none", "none"
	var as, bs float64
	if a.Match != nil {
		am, as = a.Match.ID, a.Match.Score
	}
	if b.Match != nil {
		bm, bs = b.Match.ID, b.Match.Score
	}
	if am != bm {
		out = append(out, fmt.Sprintf("match %s, recorded %s", bm, am))
	} else if as != bs {
		out = append(out, fmt.Sprintf("name score %g, recorded %g", bs, as))
	}
	if a.Score != b.Score {
		out = append(out, fmt.Sprintf("score %g, recorded %g", b.Score, a.Score))
	}
	if (a.Distance == nil) != (b.Distance == nil) || (a.Distance != nil && *a.Distance != *b.Distance) {
		out = append(out, "distance differs")
	}
	ap, bp := make([]string, len(a.Paths)), make([]string, len(b.Paths))
	for i := range a.Paths {
		ap[i] = PathText(a.Paths[i])
	}
	for i := range b.Paths {
		bp[i] = PathText(b.Paths[i])
	}
	if !slices.Equal(ap, bp) {
		out = append(out, fmt.Sprintf("evidence paths %q, recorded %q", bp, ap))
	}
	if (a.BlockedBy == nil) != (b.BlockedBy == nil) || (a.BlockedBy != nil && a.BlockedBy.Total != b.BlockedBy.Total) {
		out = append(out, "blocking shares differ")
	}
	return out
}
