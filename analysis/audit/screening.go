package audit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// Algorithm names the scorer recorded with each screening.
const Algorithm = "shellnet"

// Settings are the screening options a record was computed with.
type Settings struct {
	Algorithm string  `json:"algorithm"`
	Threshold float64 `json:"threshold"`
	Possible  float64 `json:"possible"`
	Rule      string  `json:"rule"`
	MaxHops   int     `json:"max_hops"`
	Paths     int     `json:"paths"`
	AsOf      string  `json:"as_of,omitempty"` // YYYY-MM-DD
}

// SettingsOf records opt (defaults filled in, as screen.Screener.Options
// gives them) with the snapshot's ownership rule and date.
func SettingsOf(opt screen.Options, rule sanctions.Rule, asOf time.Time) Settings {
	s := Settings{Algorithm: Algorithm, Threshold: opt.Threshold, Possible: opt.Possible, Rule: rule.String(), MaxHops: opt.MaxHops, Paths: opt.Paths}
	if !asOf.IsZero() {
		s.AsOf = asOf.Format("2006-01-02")
	}
	return s
}

// Parse returns the screening options, the ownership rule and the date s
// records.
func (s Settings) Parse() (opt screen.Options, rule sanctions.Rule, asOf time.Time, err error) {
	if rule, err = sanctions.ParseRule(s.Rule); err != nil {
		return opt, rule, asOf, fmt.Errorf("audit: recorded rule: %w", err)
	}
	opt = screen.Options{Threshold: s.Threshold, Possible: s.Possible, MaxHops: s.MaxHops, Paths: s.Paths}
	if s.AsOf != "" {
		if asOf, err = time.Parse("2006-01-02", s.AsOf); err != nil {
			return opt, rule, asOf, fmt.Errorf("audit: recorded as-of date: %w", err)
		}
	}
	return opt, rule, asOf, nil
}

// Release is a dataset release a screening was computed on.
type Release struct {
	Dataset string    `json:"dataset"`
	Key     string    `json:"key"`   // graph.Release.Key: the dataset and its files' SHA-256
	Label   string    `json:"label"` // graph.Release.Label and its first file's SHA-256, cut
	Loaded  time.Time `json:"loaded"`
}

// Basis is what screenings are computed on: the current release of each
// dataset, the store's version and the settings.
type Basis struct {
	Releases     []Release `json:"releases"`
	StoreVersion int64     `json:"store_version"`
	Settings     Settings  `json:"settings"`
}

// BasisOf is the basis of screenings with set on a store whose statistics
// are st (its current releases: the last loaded of each dataset) at
// version.
func BasisOf(st graph.Stats, version int64, set Settings) Basis {
	return Basis{Settings: set, StoreVersion: version, Releases: currentReleases(st.Releases)}
}

// ScreenerBasis is the basis of sc's screenings: its options, its
// snapshot's rule, date and version, and the store's releases.
func ScreenerBasis(ctx context.Context, sc *screen.Screener) (Basis, error) {
	snap := sc.Snapshot()
	st, err := snap.Stats(ctx)
	if err != nil {
		return Basis{}, fmt.Errorf("audit: store statistics: %w", err)
	}
	return BasisOf(st, snap.Version(), SettingsOf(sc.Options(), snap.Rule(), snap.AsOf())), nil
}

// currentReleases keeps the last loaded release of each dataset, in
// dataset order.
func currentReleases(rs []graph.Release) []Release {
	graph.SortReleases(rs)
	var out []Release
	for i := range rs {
		r := &rs[i]
		ref := Release{Dataset: r.Dataset, Key: r.Key(), Label: r.Label(), Loaded: r.Loaded.UTC()}
		if len(r.Files) > 0 && len(r.Files[0].SHA256) >= 12 {
			// releases loaded the same day that state no date differ by their files
			ref.Label += " (sha256 " + r.Files[0].SHA256[:12] + ")"
		}
		if n := len(out); n > 0 && out[n-1].Dataset == r.Dataset {
			out[n-1] = ref
			continue
		}
		out = append(out, ref)
	}
	return out
}

// release returns b's release of dataset d.
func (b *Basis) release(d string) (Release, bool) {
	for _, r := range b.Releases {
		if r.Dataset == d {
			return r, true
		}
	}
	return Release{}, false
}

// Run identifies one screening of a list: its ID, the list's name (the
// last run of a list is what rescreen compares with), who ran it and
// through what (cli or server).
type Run struct {
	ID   string `json:"id"`
	List string `json:"list,omitempty"`
	Who  string `json:"who"`
	Via  string `json:"via"`
}

// NewRunID returns a run ID: the time, then random hex, so that IDs sort
// by time and two runs in the same second differ.
func NewRunID(now time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return now.UTC().Format(runIDTime) + "-" + hex.EncodeToString(b[:])
}

// runIDTime is the layout of the time a run ID begins with.
const runIDTime = "20060102T150405Z"

// Query is the supplier as it was asked about.
type Query struct {
	Name      string `json:"name"`
	ID        string `json:"id,omitempty"`
	Country   string `json:"country,omitempty"`
	Reference string `json:"reference,omitempty"`
	Line      int    `json:"line,omitempty"`
}

// Screening is the body of a screening record: who screened which
// supplier, on what, with which settings, and what came back, with the
// facts a decision about its match depends on.
type Screening struct {
	Run      Run     `json:"run"`
	Supplier string  `json:"supplier"` // SupplierKey of the query
	Query    Query   `json:"query"`
	Basis    Basis   `json:"basis"`
	Outcome  Outcome `json:"outcome"`
	Facts    *Facts  `json:"facts,omitempty"`
}

// SupplierKey identifies a supplier across runs and decisions: its id
// column when the list has one, otherwise its name, upper case with runs
// of spaces as one.
func SupplierKey(q screen.Query) string {
	if id := strings.TrimSpace(q.ID); id != "" {
		return "id:" + id
	}
	return strings.ToUpper(strings.Join(strings.Fields(q.Name), " "))
}

// Outcome is a screening result as shown: the graph's result, with the
// verdict an analyst's decision makes of it ("cleared" for a match cleared
// as a false positive whose facts have not changed) and the decision.
type Outcome struct {
	screen.Result
	// Verdict is the verdict shown: the result's, or "cleared".
	Verdict string `json:"verdict"`
	// Standing is the result's own verdict, before any decision.
	Standing screen.Verdict `json:"standing"`
	// Decision is the analyst's decision about the match in force.
	Decision *DecisionRef `json:"decision,omitempty"`
	// Raised says what changed since a match was cleared, when it is
	// raised again.
	Raised []string `json:"raised,omitempty"`
}

// result is the graph's result as screened: decoding a record leaves the
// verdict in Standing, since the shown verdict takes its JSON name.
func (o *Outcome) result() screen.Result {
	r := o.Result
	r.Verdict = o.Standing
	return r
}

// Cleared is the verdict shown for a match cleared as a false positive.
const Cleared = "cleared"

// rank orders shown verdicts: cleared counts as clear.
func rank(v string) int {
	if v == Cleared {
		return 0
	}
	p, err := screen.ParseVerdict(v)
	if err != nil {
		return 0
	}
	return int(p)
}
