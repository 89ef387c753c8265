package screen

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/shellnet/shellnet/analysis/internal/twogen"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/snapshot"
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
// defaults: 3 hops, threshold names.MatchThreshold, 3 evidence paths. The
// day and the ownership rule are the snapshot's (SnapshotOptions).
type Options struct {
	MaxHops int // links from the match to a sanctioned party at most
	// Threshold is the name similarity at or above which a match is
	// accepted; a name between Possible and Threshold is a possible match.
	Threshold float64
	Possible  float64 // Threshold − 0.15 when 0
	Paths     int     // evidence paths per result; DefaultPaths when 0, none when negative
	Workers   int     // parallel queries in ScreenAll; GOMAXPROCS when 0
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
	snap       *snapshot.Snapshot
	p          *graph.Projection
	ix         *names.Index
	sanc       *sanctions.Result
	sanctioned []bool
	reach      reach
	opt        Options

	links *twogen.Cache[linkKey, *linkInfo]   // links read from the evidence
	ents  *twogen.Cache[string, graph.Entity] // the matched parties read whole (Entity)
}

// A screener lives as long as its snapshot (a server's, for days), so what
// it reads from the store is cached within bounds: generations of
// cachedLinks link keys and cachedEntities entities, of a few hundred
// bytes and a few kilobytes each, some ten megabytes in all. The cache
// saves little within one list (10,000 names on a 1M-entity store
// screened 4% slower with half this room than with eight times it) and a
// server's memory is held to twice its snapshot files.
const (
	cachedLinks    = 1 << 13
	cachedEntities = 1 << 10
)

// partyKinds are the kinds whose names are screened.
var partyKinds = []graph.Kind{graph.Company, graph.Organization, graph.Person, graph.LegalEntity, graph.Vessel, graph.Aircraft}

// projectedKinds are the kinds a screening projection holds: parties, and
// the addresses and bank accounts that paths may pass through.
var projectedKinds = append(slices.Clone(partyKinds), graph.Address, graph.BankAccount)

// SnapshotOptions are the options of the snapshot a Screener needs, on day
// asOf (any day when zero) under rule: parties, the addresses and bank
// accounts that paths may pass through, the links screening walks, and the
// names of parties indexed.
func SnapshotOptions(asOf time.Time, rule sanctions.Rule) snapshot.Options {
	return snapshot.Options{AsOf: asOf, Rule: rule, Kinds: projectedKinds, Types: screeningTypes, NameKinds: partyKinds}
}

// New builds a Screener on snap, a snapshot built with SnapshotOptions: it
// finds how far each party is from a sanctioned one, and takes the name
// index from the snapshot. When the snapshot's store finds paths on its
// server (Neo4j), evidence paths to listed parties come from it.
func New(snap *snapshot.Snapshot, opt Options) (*Screener, error) {
	if err := opt.fill(); err != nil {
		return nil, err
	}
	if got := snap.Options().NameKinds; !slices.Equal(got, partyKinds) {
		return nil, fmt.Errorf("screen: the snapshot indexes the names of %v, not of parties: build it with screen.SnapshotOptions", got)
	}
	p := snap.Projection()
	sc := &Screener{snap: snap, p: p, sanc: snap.Sanctions(), opt: opt,
		links: twogen.New[linkKey, *linkInfo](cachedLinks), ents: twogen.New[string, graph.Entity](cachedEntities)}
	sc.sanctioned = make([]bool, p.Len())
	for i := range sc.sanctioned {
		sc.sanctioned[i] = sc.sanc.Sanctioned(int32(i))
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		sc.ix = snap.Names()
	}()
	go func() {
		defer wg.Done()
		sc.reach.strong = distances(p, sc.sanctioned, &strongMask, opt.MaxHops)
		sc.reach.any = distances(p, sc.sanctioned, &anyMask, opt.MaxHops)
	}()
	wg.Wait()
	return sc, nil
}

// Snapshot is the snapshot the Screener works on.
func (s *Screener) Snapshot() *snapshot.Snapshot { return s.snap }

// Index is the name index of parties.
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
