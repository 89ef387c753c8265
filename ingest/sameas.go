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
	loadDatasets := map[string]bool{}
	for i := range l.ents {
		st := &l.ents[i]
		if st.dead || !st.e.Kind.IsParty() {
			continue
		}
		for _, s := range st.e.Sources {
			loadDatasets[s.Dataset] = true
		}
	}
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

	buckets := map[string][]party{}
	addNames := func(e *graph.Entity, loaded bool, onlyExisting bool) {
		ds := datasetsOf(e)
		seen := map[string]bool{}
		for k, name := range e.Names() {
			key := names.Key(name)
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			if onlyExisting {
				if _, ok := buckets[key]; !ok {
					continue
				}
			}
			buckets[key] = append(buckets[key], party{id: e.ID, datasets: ds, ids: e.Identifiers, kind: e.Kind, primary: k == 0, loaded: loaded})
		}
	}
	for i := range l.ents {
		st := &l.ents[i]
		if !st.dead && st.e.Kind.IsParty() {
			addNames(&st.e, true, false)
		}
	}
	if otherStored {
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
			addNames(&e, false, true)
			return nil
		})
		if err != nil {
			return fmt.Errorf("ingest: store: %w", err)
		}
	}

	// Pairs already tied by a SAME_AS of the sources are not candidates.
	tied := map[[2]string]bool{}
	for lf := range l.links.all() {
		if lf.l.Type == graph.SameAs {
			tied[pairOf(lf.l.From, lf.l.To)] = true
		}
	}
	best := map[[2]string]float64{}
	common := 0
	for _, ps := range buckets {
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
	if common > 0 {
		l.note(fmt.Sprintf("%s borne by more than %d parties not used for SAME_AS candidates", plural(common, "name", "names"), maxBucket))
	}
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
	return nil
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
