package screen

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/names"
)

// Defaults of Options.
const (
	DefaultMaxHops   = 3
	DefaultThreshold = names.MatchThreshold
	DefaultPaths     = 3
	// possibleGap is how far below the threshold a name still counts as a
	// possible match (one that can make a verdict "review").
	possibleGap  = 0.15
	maxHopsLimit = 100
	// minCoverage is the share of a listed name's words (each weighing
	// its length times its rarity) that a query must account for to be a
	// certain match: "OCEAN SHIPPING LTD" scores 0.92 against "PACIFIC
	// OCEAN SHIPPING LIMITED" but leaves its rarest word out (coverage
	// 0.6), so it is a possible match, not a certain one. A changed
	// letter or a common word left out keeps coverage above 0.75.
	minCoverage = 0.75
)

// Options tune a Screener. The zero value screens with DESIGN.md's
// defaults: 3 hops, OFAC's rule, threshold names.MatchThreshold, 3
// evidence paths.
type Options struct {
	MaxHops int            // links from the match to a sanctioned party at most
	Rule    sanctions.Rule // OFAC's 50 Percent Rule or the EU's owned-or-controlled test
	// Threshold is the name similarity at or above which a match is
	// accepted; a name between Possible and Threshold is a possible match.
	Threshold float64
	Possible  float64   // Threshold − 0.15 when 0
	Paths     int       // evidence paths per result; DefaultPaths when 0, none when negative
	AsOf      time.Time // only links valid on this day
	Workers   int       // parallel queries in ScreenAll; GOMAXPROCS when 0
}

func (o *Options) fill() error {
	if o.MaxHops == 0 {
		o.MaxHops = DefaultMaxHops
	}
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Possible == 0 {
		o.Possible = max(0.05, o.Threshold-possibleGap)
	}
	if o.Paths == 0 {
		o.Paths = DefaultPaths
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	switch {
	case o.MaxHops < 0 || o.MaxHops > maxHopsLimit:
		return fmt.Errorf("screen: max hops %d: want 0 to %d", o.MaxHops, maxHopsLimit)
	case o.Threshold < 0 || o.Threshold > 1 || math.IsNaN(o.Threshold):
		return fmt.Errorf("screen: threshold %g: want a name score between 0 and 1", o.Threshold)
	case o.Possible > o.Threshold:
		return fmt.Errorf("screen: possible-match score %g above the threshold %g", o.Possible, o.Threshold)
	}
	return nil
}

// Query is one name to screen, with the input columns echoed in its result.
type Query struct {
	Name      string
	ID        string
	Country   string // ISO 3166 alpha-2: weighs in the match (features.go)
	Reference string
	Line      int // line in the input file, 0 when not from a file
	// BirthDate (YYYY, YYYY-MM or YYYY-MM-DD) and Identifier ("value" or
	// "scheme:value") weigh in the match too.
	BirthDate  string
	Identifier string
}

// Screener screens names against one snapshot of a store. It is safe for
// concurrent use.
type Screener struct {
	p          *graph.Projection
	store      graph.Store      // nil: no sources in evidence
	pf         graph.PathFinder // the store's, when it has the power
	ix         *names.Index
	sanc       *sanctions.Result
	sanctioned []bool
	reach      reach
	opt        Options

	links sync.Map // linkKey → *linkInfo, links read from the store
	ents  sync.Map // entity ID → []graph.Sanction, for listed parties
}

// partyKinds are the kinds whose names are screened.
var partyKinds = []graph.Kind{graph.Company, graph.Organization, graph.Person, graph.LegalEntity, graph.Vessel, graph.Aircraft}

// projectedKinds are the kinds a screening projection holds: parties, and
// the addresses and bank accounts that paths may pass through.
var projectedKinds = append(slices.Clone(partyKinds), graph.Address, graph.BankAccount)

// New projects the store (parties, addresses and bank accounts, and the
// links screening walks, valid on opt.AsOf), finds the parties blocked under
// opt.Rule, and indexes the names. When the store finds paths on its server
// (graph.PathFinder, Neo4j), evidence paths to listed parties come from it.
func New(ctx context.Context, s graph.Store, opt Options) (*Screener, error) {
	if err := opt.fill(); err != nil {
		return nil, err
	}
	p, err := graph.Project(ctx, s, graph.ProjectOptions{Kinds: projectedKinds, Types: screeningTypes, AsOf: opt.AsOf})
	if err != nil {
		return nil, fmt.Errorf("screen: %w", err)
	}
	return NewFromProjection(p, s, sanctions.StoreSource(ctx, s, p, opt.Rule, opt.AsOf), opt)
}

// NewFromProjection builds a Screener on a projection, with holdings from
// src. s, when not nil, is read for the sources of evidence links and the
// listings of sanctioned matches.
func NewFromProjection(p *graph.Projection, s graph.Store, src sanctions.Source, opt Options) (*Screener, error) {
	if err := opt.fill(); err != nil {
		return nil, err
	}
	sc := &Screener{p: p, store: s, opt: opt}
	if pf, ok := s.(graph.PathFinder); ok && s != nil {
		sc.pf = pf
	}
	listed := make([]bool, p.Len())
	for i := range p.Nodes {
		listed[i] = p.Nodes[i].Listed
	}
	var err error
	if sc.sanc, err = sanctions.Compute(listed, src, opt.Rule); err != nil {
		return nil, fmt.Errorf("screen: %w", err)
	}
	sc.sanctioned = make([]bool, p.Len())
	for i := range sc.sanctioned {
		sc.sanctioned[i] = sc.sanc.Sanctioned(int32(i))
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		sc.ix = names.Cached(p, "names-parties", func() *names.Index { return names.NewIndex(p.Nodes, partyKinds...) })
	}()
	go func() {
		defer wg.Done()
		sc.reach.strong = distances(p, sc.sanctioned, &strongMask, opt.MaxHops)
		sc.reach.any = distances(p, sc.sanctioned, &anyMask, opt.MaxHops)
	}()
	wg.Wait()
	return sc, nil
}

// Projection is the snapshot the Screener works on.
func (s *Screener) Projection() *graph.Projection { return s.p }

// Sanctions is the ownership analysis the Screener works with.
func (s *Screener) Sanctions() *sanctions.Result { return s.sanc }

// Index is the name index.
func (s *Screener) Index() *names.Index { return s.ix }

// Options returns the options in force, defaults filled in.
func (s *Screener) Options() Options { return s.opt }

// standing is the verdict the graph gives node i, and its distance.
func (s *Screener) standing(i int32) (Verdict, int) {
	switch {
	case s.sanctioned[i]:
		return Sanctioned, 0
	case s.reach.strong[i] > 0:
		return Linked, int(s.reach.strong[i])
	case s.reach.any[i] > 0:
		return Review, int(s.reach.any[i])
	}
	return Clear, -1
}

// ScreenAll screens qs on opt.Workers goroutines and calls fn with each
// result in input order; it stops at the first error.
func (s *Screener) ScreenAll(ctx context.Context, qs []Query, fn func(Result) error) error {
	const chunk = 256
	results := make([]Result, chunk)
	errs := make([]error, chunk)
	for lo := 0; lo < len(qs); lo += chunk {
		part := qs[lo:min(lo+chunk, len(qs))]
		var next int64
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := 0; w < s.opt.Workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if int(i) >= len(part) {
						return
					}
					results[i], errs[i] = s.Screen(ctx, part[i])
				}
			}()
		}
		wg.Wait()
		for i := range part {
			if errs[i] != nil {
				return errs[i]
			}
			if err := fn(results[i]); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
