package ingest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/names"
)

// maxBucket bounds how many parties may share a name key for them to be
// paired as SAME_AS candidates: a name that many parties bear ("Trading
// LLC") says nothing about identity, and pairing them would be quadratic.
const maxBucket = 20

// Scores of SAME_AS candidates: the names agree once normalised; an alias
// agreeing is weaker evidence than the names themselves.
const (
	scoreName  = 1.0
	scoreAlias = 0.9
)

// party is a party seen by the candidate search.
type party struct {
	id       string
	datasets []string
	ids      map[string][]string
	kind     graph.Kind
	primary  bool // the key came from the name, not an alias
	loaded   bool
}

// candidates links parties of different datasets whose names agree once
// normalised (graph/names.Key: case, accents, punctuation, legal forms, a
// trailing parenthetical and word order set aside) with SAME_AS, marked
// {candidate: true, score}. It
// compares the parties of this load with each other and with the stored
// parties of other datasets.
func (l *loader) candidates(ctx context.Context) error {
	loadDatasets := l.partyDatasets()
	if len(loadDatasets) == 0 {
		return nil
	}
	otherStored := false
	for ds, n := range l.storeDatasets {
		if n > 0 && !loadDatasets[ds] {
			otherStored = true
		}
	}
	if len(loadDatasets) < 2 && !otherStored {
		return nil // one dataset: nothing to compare across
	}
	buckets := nameBuckets{}
	for i := range l.ents {
		st := &l.ents[i]
		if !st.dead && st.e.Kind.IsParty() {
			buckets.add(&st.e, true, false)
		}
	}
	if otherStored {
		if err := l.addStoredNames(ctx, buckets); err != nil {
			return err
		}
	}
	best, common := buckets.pairs(l.tiedPairs())
	if common > 0 {
		l.note(fmt.Sprintf("%s borne by more than %d parties not used for SAME_AS candidates", plural(common, "name", "names"), maxBucket))
	}
	l.addCandidates(best)
	return nil
}

// partyDatasets returns the datasets of the parties of this load.
func (l *loader) partyDatasets() map[string]bool {
	out := map[string]bool{}
	for i := range l.ents {
		st := &l.ents[i]
		if st.dead || !st.e.Kind.IsParty() {
			continue
		}
		for _, s := range st.e.Sources {
			out[s.Dataset] = true
		}
	}
	return out
}

// nameBuckets holds the parties by the key of each of their names
// (graph/names.Key): parties in one bucket are the candidate pairs.
type nameBuckets map[string][]party

// add puts e in the bucket of each of its name keys; with onlyExisting,
// only in buckets that exist, so that a stored party is kept only when it
// may pair with one of this load.
func (nb nameBuckets) add(e *graph.Entity, loaded bool, onlyExisting bool) {
	ds := datasetsOf(e)
	seen := map[string]bool{}
	for k, name := range e.Names() {
		key := names.Key(name)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		if onlyExisting {
			if _, ok := nb[key]; !ok {
				continue
			}
		}
		nb[key] = append(nb[key], party{id: e.ID, datasets: ds, ids: e.Identifiers, kind: e.Kind, primary: k == 0, loaded: loaded})
	}
}

// addStoredNames adds to nb the stored parties that share a name key with
// a party of this load, leaving out those this load holds a version of.
func (l *loader) addStoredNames(ctx context.Context, nb nameBuckets) error {
	kinds := []graph.Kind{}
	for _, k := range graph.Kinds {
		if k.IsParty() {
			kinds = append(kinds, k)
		}
	}
	err := l.store.Entities(ctx, graph.Filter{Kinds: kinds}, func(e graph.Entity) error {
		if _, ok := l.index[e.ID]; ok {
			return nil // this load's version of it is already in
		}
		if _, ok := l.alias[e.ID]; ok {
			return nil
		}
		nb.add(&e, false, true)
		return nil
	})
	if err != nil {
		return fmt.Errorf("ingest: store: %w", err)
	}
	return nil
}

// tiedPairs returns the pairs already tied by a SAME_AS of the sources:
// they are not candidates.
func (l *loader) tiedPairs() map[[2]string]bool {
	tied := map[[2]string]bool{}
	for lf := range l.links.all() {
		if lf.l.Type == graph.SameAs {
			tied[pairOf(lf.l.From, lf.l.To)] = true
		}
	}
	return tied
}

// pairs scores the candidate pairs of nb: two parties in one bucket, one of
// them of this load, of no common dataset, of kinds that may be one, and
// neither tied nor sharing a strong identifier. A pair keeps its best
// score over the buckets it is in. Buckets of more than maxBucket parties
// are left out and counted (common).
func (nb nameBuckets) pairs(tied map[[2]string]bool) (best map[[2]string]float64, common int) {
	best = map[[2]string]float64{}
	for _, ps := range nb {
		if len(ps) < 2 {
			continue
		}
		if len(ps) > maxBucket {
			common++
			continue
		}
		for a := 0; a < len(ps); a++ {
			for b := a + 1; b < len(ps); b++ {
				p, q := ps[a], ps[b]
				if p.id == q.id || (!p.loaded && !q.loaded) || overlap(p.datasets, q.datasets) || !mayBeOne(p.kind, q.kind) {
					continue
				}
				pair := pairOf(p.id, q.id)
				if tied[pair] || shareStrong(&p, &q) {
					continue // resolution has dealt with them
				}
				score := scoreAlias
				if p.primary && q.primary {
					score = scoreName
				}
				if score > best[pair] {
					best[pair] = score
				}
			}
		}
	}
	return best, common
}

// addCandidates adds a candidate SAME_AS link for each pair of best, in
// order of the pair, and counts them.
func (l *loader) addCandidates(best map[[2]string]float64) {
	pairs := make([][2]string, 0, len(best))
	for p := range best {
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	for _, p := range pairs {
		l.links.add(linkFrag{rec: -1, l: graph.Link{
			ID: graph.LinkID(p[0], graph.SameAs, p[1]), From: p[0], To: p[1], Type: graph.SameAs,
			Props:   map[string]any{"candidate": true, "score": best[p]},
			Sources: []graph.Source{{Dataset: resolutionDataset, Record: "name"}},
		}})
	}
	l.counts.Candidates = len(pairs)
}

// mayBeOne reports whether parties of kinds a and b can be the same party:
// of one family (a company and an organisation can, a vessel and a company
// cannot), or one of them a LegalEntity, which may be either.
func mayBeOne(a, b graph.Kind) bool {
	return family(a) == family(b) || a == graph.LegalEntity || b == graph.LegalEntity
}

// shareStrong reports whether two parties share an identifier they are
// resolved by: such a pair is resolved into one, or tied by SAME_AS when
// both are stored, and needs no candidate.
func shareStrong(p, q *party) bool {
	for scheme, vs := range p.ids {
		if !resolvesBy(p.kind, scheme) || !resolvesBy(q.kind, scheme) {
			continue
		}
		for _, v := range vs {
			if slices.Contains(q.ids[scheme], v) {
				return true
			}
		}
	}
	return false
}

func pairOf(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func datasetsOf(e *graph.Entity) []string {
	var out []string
	for _, s := range e.Sources {
		if !slices.Contains(out, s.Dataset) {
			out = append(out, s.Dataset)
		}
	}
	return out
}

func overlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
